/* The runtime classic map against a reference (an array indexed by key
 * id): millions of mixed puts, gets, deletes, full iterations, iterations
 * that delete, and clears, for uint64, string and big (indirect) keys and
 * for 1.21 (load factor 6) and 1.23 (6.5). Phases alternate between
 * filling and draining, so the map grows, runs same-size grows, and is
 * iterated and deleted from while a grow is in progress.
 * GOGROW_UNDER_VALGRIND=1 scales the run down. */
#include "../check.h"
#include "classic_testutil.h"

typedef struct run {
	int kind;
	sw_keys k;
	sw_ref r;
	gg_rt_classic *m;
	uint64_t rng;
	unsigned char *seen;
	long bad, iters_mid_grow, deletes_mid_grow, gets_mid_grow;
} run;

static int check_key(run *t, uint64_t id)
{
	ct_buf kb;
	void *e = gg_rt_classic_get(t->m, ct_key(t->kind, &t->k, id, &kb));
	if ((e != NULL) != t->r.present[id])
		return 0;
	return !e || ct_elem_is(t->kind, e, t->r.val[id]);
}

static void check_all(run *t)
{
	long bad = gg_rt_classic_len(t->m) != t->r.len;
	for (uint64_t i = 0; i < t->r.n; i++)
		bad += !check_key(t, i);
	if (bad)
		fprintf(stderr, "%s: %ld keys differ from the reference\n", ct_name(t->kind), bad);
	t->bad += bad;
}

/* A full iteration; with del, every third key seen is deleted as it is
 * seen. Each key present throughout is seen exactly once, with its elem. */
static void iterate(run *t, int del)
{
	gg_rt_classic_iter it;
	const void *key;
	void *elem;
	uint64_t n = 0, want = t->r.len;
	memset(t->seen, 0, t->r.n);
	t->iters_mid_grow += gg_rt_classic_stats_get(t->m).growing;
	gg_rt_classic_iter_init(t->m, &it);
	while (gg_rt_classic_iter_next(&it, &key, &elem)) {
		uint64_t id = ct_key_id(t->kind, &t->k, key);
		if (id >= t->r.n || !t->r.present[id] || t->seen[id] ||
		    !ct_elem_is(t->kind, elem, t->r.val[id])) {
			t->bad++;
			continue;
		}
		t->seen[id] = 1;
		n++;
		if (del && sw_rand(&t->rng) % 3 == 0) {
			ct_buf kb;
			t->deletes_mid_grow += gg_rt_classic_stats_get(t->m).growing;
			t->bad += gg_rt_classic_delete(t->m, ct_key(t->kind, &t->k, id, &kb)) != 1;
			t->r.present[id] = 0;
			t->r.len--;
		}
	}
	t->bad += it.status != GG_OK || n != want;
}

static void put(run *t, uint64_t id)
{
	ct_buf kb;
	ct_elem eb;
	uint64_t v = sw_rand(&t->rng);
	gg_error err;
	if (gg_rt_classic_put(t->m, ct_key(t->kind, &t->k, id, &kb), ct_elem_of(t->kind, v, &eb), &err) !=
	    GG_OK) {
		t->bad++;
		return;
	}
	t->r.len += !t->r.present[id];
	t->r.present[id] = 1;
	t->r.val[id] = v;
}

static void del(run *t, uint64_t id)
{
	ct_buf kb;
	t->deletes_mid_grow += gg_rt_classic_stats_get(t->m).growing;
	t->bad += gg_rt_classic_delete(t->m, ct_key(t->kind, &t->k, id, &kb)) != t->r.present[id];
	t->r.len -= t->r.present[id];
	t->r.present[id] = 0;
}

/* One operation; the phase sets how often puts win over deletes. */
static void step(run *t, uint64_t op, unsigned put_pct)
{
	uint64_t x = sw_rand(&t->rng), id = x % t->r.n;
	unsigned dice = (unsigned)(x >> 40) % 100;
	if (op % 400009 == 400008) {
		gg_rt_classic_clear(t->m);
		memset(t->r.present, 0, t->r.n);
		t->r.len = 0;
	} else if ((x >> 20) % 20011 == 0 ||
		   (gg_rt_classic_stats_get(t->m).growing && (x >> 20) % 293 == 0)) {
		iterate(t, (x >> 50) & 1);
	} else if (dice < 25) {
		t->gets_mid_grow += gg_rt_classic_stats_get(t->m).growing;
		t->bad += !check_key(t, id);
	} else if (dice < 25 + put_pct * 75 / 100) {
		put(t, id);
	} else {
		del(t, id);
	}
}

static void one(int kind, int go, uint64_t nkeys, uint64_t nops)
{
	run t = {.kind = kind, .rng = 1234 + (uint64_t)kind * 77 + (uint64_t)go};
	sw_keys_init(&t.k, kind == CT_STR, nkeys);
	sw_ref_init(&t.r, nkeys);
	t.seen = calloc(nkeys, 1);
	gg_rt_classic_config cfg = {.type = ct_type(kind), .go = go, .fixed_seed = 1, .seed = t.rng};
	gg_error err;
	CHECK(gg_rt_classic_new(&cfg, 0, &t.m, &err) == GG_OK);
	static const unsigned phase_put[] = {90, 60, 30, 75, 50, 20, 95};
	for (uint64_t op = 0; op < nops; op++) {
		step(&t, op, phase_put[op / 50000 % 7]);
		if (op % 250000 == 249999)
			check_all(&t);
	}
	check_all(&t);
	iterate(&t, 0);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(t.m);
	printf("%s go1.%d: %llu ops, len %llu, B %d, %llu grows, %llu same-size, %ld iterations, %ld deletes "
	       "and %ld gets mid-grow, %ld bad\n",
	       ct_name(kind), go, (unsigned long long)nops, (unsigned long long)t.r.len, s.B,
	       (unsigned long long)s.grows, (unsigned long long)s.same_size_grows, t.iters_mid_grow,
	       t.deletes_mid_grow, t.gets_mid_grow, t.bad);
	CHECK_EQ_I(t.bad, 0);
	CHECK(s.grows > 3);
	CHECK(t.iters_mid_grow > 0);
	CHECK(t.deletes_mid_grow > 0);
	gg_rt_classic_destroy(t.m);
	sw_keys_free(&t.k);
	sw_ref_free(&t.r);
	free(t.seen);
}

/* Runs of 100 clustered keys come and go (run g in, run g-2 out): few
 * keys but ever new chains, so overflow buckets pile up until
 * tooManyOverflowBuckets starts same-size grows, with gets, deletes and
 * iterations during them. */
static void churn(uint64_t rounds)
{
	run t = {.kind = CT_CLUSTER, .rng = 5};
	sw_keys_init(&t.k, 0, rounds * 100);
	sw_ref_init(&t.r, rounds * 100);
	t.seen = calloc(rounds * 100, 1);
	gg_rt_classic_config cfg = {.type = ct_type(CT_CLUSTER), .go = 23, .fixed_seed = 1, .seed = 5};
	gg_error err;
	CHECK(gg_rt_classic_new(&cfg, 0, &t.m, &err) == GG_OK);
	for (uint64_t g = 0; g < rounds; g++) {
		for (uint64_t i = 0; i < 100; i++) {
			put(&t, g * 100 + i);
			if (i % 10 == 0)
				t.bad += !check_key(&t, sw_rand(&t.rng) % ((g + 1) * 100));
		}
		if (g % 7 == 3 || gg_rt_classic_stats_get(t.m).growing)
			iterate(&t, g & 1);
		for (uint64_t i = 0; g >= 2 && i < 100; i++)
			del(&t, (g - 2) * 100 + i);
		if (g % 50 == 49)
			check_all(&t);
	}
	check_all(&t);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(t.m);
	printf("clustered churn: %llu rounds, len %llu, B %d, %llu grows, %llu same-size, %ld iterations and "
	       "%ld deletes mid-grow, %ld bad\n",
	       (unsigned long long)rounds, (unsigned long long)t.r.len, s.B, (unsigned long long)s.grows,
	       (unsigned long long)s.same_size_grows, t.iters_mid_grow, t.deletes_mid_grow, t.bad);
	CHECK_EQ_I(t.bad, 0);
	CHECK(s.same_size_grows > 2);
	CHECK(t.iters_mid_grow > 0);
	gg_rt_classic_destroy(t.m);
	sw_keys_free(&t.k);
	sw_ref_free(&t.r);
	free(t.seen);
}

int main(void)
{
	int vg = getenv("GOGROW_UNDER_VALGRIND") != NULL;
	uint64_t ops = vg ? 200000 : 2000000;
	one(CT_U64, 23, 60000, ops);
	one(CT_STR, 23, 60000, ops);
	one(CT_U64, 21, 60000, ops / 2);
	one(CT_BIG, 23, 20000, ops / 3);
	one(CT_CLUSTER, 23, 20000, ops / 3);
	churn(vg ? 100 : 600);
	return check_summary();
}
