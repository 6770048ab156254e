/* Out of memory at every allocation site of the runtime classic map: make
 * with a hint, the first bucket, hashGrow's bucket array, overflow
 * buckets of an insert and of an evacuation, indirect keys and elems, the
 * list of keys deleted under a running iterator. For each k the k-th
 * allocation and every later one fail until a put reports it (an
 * iteration that then cannot keep a deleted key ends early): that put
 * must return GG_ERR_NOMEM and leave every entry as it was, deletes in
 * between must still work (they evacuate when they can), and once memory
 * is back the map must work on; nothing may leak. */
#include "../check.h"
#include "classic_testutil.h"
#include "slice_testutil.h"

static int same_as_ref(gg_rt_classic *m, int kind, const sw_keys *k, const sw_ref *r)
{
	if (gg_rt_classic_len(m) != r->len)
		return 0;
	for (uint64_t i = 0; i < r->n; i++) {
		ct_buf kb;
		void *e = gg_rt_classic_get(m, ct_key(kind, k, i, &kb));
		if ((e != NULL) != r->present[i] || (e && !ct_elem_is(kind, e, r->val[i])))
			return 0;
	}
	return 1;
}

/* Iterates deleting every other key seen: indirect keys deleted under an
 * iterator are kept until it ends. */
static void iterate_deleting(gg_rt_classic *m, test_alloc *a, int kind, const sw_keys *k, sw_ref *r,
			     long *bad)
{
	long failures = a->failures;
	gg_rt_classic_iter it;
	const void *key;
	void *elem;
	gg_rt_classic_iter_init(m, &it);
	for (uint64_t n = 0; gg_rt_classic_iter_next(&it, &key, &elem); n++) {
		uint64_t id = ct_key_id(kind, k, key);
		if (id >= r->n || !r->present[id]) {
			(*bad)++;
			continue;
		}
		if (n & 1) {
			ct_buf kb;
			*bad += gg_rt_classic_delete(m, ct_key(kind, k, id, &kb)) != 1;
			r->present[id] = 0;
			r->len--;
		}
	}
	/* Without memory to keep a deleted key, the iteration ends early. */
	*bad += it.status != GG_OK && !(it.status == GG_ERR_RANGE && a->failures > failures);
}

typedef struct script_args {
	int kind;
	int64_t hint;
	uint64_t nkeys;
} script_args;

static void put_until_ok(gg_rt_classic *m, test_alloc *a, const script_args *q, const sw_keys *k, sw_ref *r,
			 uint64_t id, uint64_t v, long *hits, long *bad)
{
	ct_buf kb;
	ct_elem eb;
	gg_status st;
	gg_error err;
	while ((st = gg_rt_classic_put(m, ct_key(q->kind, k, id, &kb), ct_elem_of(q->kind, v, &eb), &err)) !=
	       GG_OK) {
		(*hits)++;
		*bad += st != GG_ERR_NOMEM || !same_as_ref(m, q->kind, k, r);
		a->fail_after = -1; /* and retry: the map must still work */
	}
	r->len += !r->present[id];
	r->present[id] = 1;
	r->val[id] = v;
}

/* One scripted run whose allocation number `fail_at` fails first (-1:
 * none). Returns the allocations made. */
static long script(const script_args *q, long fail_at, long *hits, long *bad)
{
	test_alloc a;
	test_alloc_init(&a, 0);
	a.fail_after = fail_at;
	gg_rt_classic_config cfg = {
	    .type = ct_type(q->kind), .go = 23, .alloc = &a.a, .fixed_seed = 1, .seed = 3};
	gg_rt_classic *m;
	gg_error err;
	while (gg_rt_classic_new(&cfg, q->hint, &m, &err) != GG_OK) {
		*bad += err.code != GG_ERR_NOMEM || a.live != 0;
		(*hits)++;
		a.fail_after = -1;
	}
	sw_keys k;
	sw_ref r;
	sw_keys_init(&k, q->kind == CT_STR, q->nkeys);
	sw_ref_init(&r, q->nkeys);
	uint64_t rng = 99;
	for (uint64_t i = 0; i < 3 * q->nkeys; i++) {
		uint64_t id = sw_rand(&rng) % q->nkeys;
		ct_buf kb;
		/* Clustered keys come from a sliding window: churn through ever
		 * new chains, so same-size grows run too. */
		if (q->kind == CT_CLUSTER)
			id = (i / 150 * 50 + id % 100) % q->nkeys;
		if (i == 2 * q->nkeys) {
			gg_rt_classic_clear(m);
			memset(r.present, 0, r.n);
			r.len = 0;
		} else if (i % 500 == 499) {
			iterate_deleting(m, &a, q->kind, &k, &r, bad);
		} else if (i % 3 == 2) {
			*bad += gg_rt_classic_delete(m, ct_key(q->kind, &k, id, &kb)) != r.present[id];
			r.len -= r.present[id];
			r.present[id] = 0;
		} else {
			put_until_ok(m, &a, q, &k, &r, id, i, hits, bad);
		}
	}
	a.fail_after = -1;
	*bad += !same_as_ref(m, q->kind, &k, &r);
	gg_rt_classic_destroy(m);
	*bad += a.live != 0 || a.live_bytes != 0;
	sw_ref_free(&r);
	sw_keys_free(&k);
	return a.calls;
}

static void every_site(int kind, int64_t hint, uint64_t nkeys)
{
	script_args q = {kind, hint, nkeys};
	long hits = 0, bad = 0;
	long calls = script(&q, -1, &hits, &bad);
	CHECK_EQ_I(hits, 0);
	CHECK_EQ_I(bad, 0);
	long step = getenv("GOGROW_UNDER_VALGRIND") ? 1 + calls / 40 : 1;
	long runs = 0;
	for (long j = 0; j < calls; j += step, runs++)
		script(&q, j, &hits, &bad);
	printf(
	    "%s keys, hint %lld: %ld allocations, %ld runs each failing from one on: %ld failed calls, %ld "
	    "bad\n",
	    ct_name(kind), (long long)hint, calls, runs, hits, bad);
	CHECK(hits >= runs);
	CHECK_EQ_I(bad, 0);
}

int main(void)
{
	every_site(CT_U64, 0, 3000);
	every_site(CT_STR, 0, 3000);
	every_site(CT_U64, 500, 3000);
	every_site(CT_CLUSTER, 0, 4000);
	every_site(CT_BIG, 0, 250);
	return check_summary();
}
