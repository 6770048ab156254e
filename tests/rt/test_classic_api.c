/* The runtime classic map's API: configuration errors, releases, elem
 * NULL, clear, clone, tracing, and iteration: a random start, inserts and
 * grows while iterating, iterators kept across many grows, stop. */
#include "../check.h"
#include "../../src/rt/classic/classic_internal.h"
#include "classic_testutil.h"
#include "gogrow/map_rules.h"
#include "slice_testutil.h"

static gg_rt_classic *new_u64(int go, int64_t hint, uint64_t seed)
{
	gg_rt_classic_config cfg = {.type = ct_type(CT_U64), .go = go, .fixed_seed = 1, .seed = seed};
	gg_rt_classic *m = NULL;
	gg_error err;
	CHECK(gg_rt_classic_new(&cfg, hint, &m, &err) == GG_OK);
	return m;
}

static void put_u64(gg_rt_classic *m, uint64_t k, uint64_t v)
{
	CHECK(gg_rt_classic_put(m, &k, &v, NULL) == GG_OK);
}

static void errors(void)
{
	gg_rt_classic_config cfg = {.type = ct_type(CT_U64)};
	gg_rt_classic *m = (gg_rt_classic *)&cfg;
	gg_error err;
	cfg.type.key_align = 3;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_RANGE);
	CHECK(m == NULL);
	cfg.type = ct_type(CT_U64);
	cfg.type.hash = NULL;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_RANGE);
	cfg.type = ct_type(CT_U64);
	gg_rt_allocator bad = {0};
	cfg.alloc = &bad;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_RANGE);
	cfg.alloc = NULL;
	cfg.go = 24; /* Swiss tables */
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_RELEASE);
	CHECK_STR_CONTAINS(err.msg, "Swiss");
	cfg.go = 26;
	cfg.noswissmap = 1; /* no such experiment any more */
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_UNSUPPORTED);
	cfg.go = 99;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_ERR_RELEASE);
	cfg.go = 25; /* noswissmap: classic */
	CHECK(gg_rt_classic_new(&cfg, 0, &m, &err) == GG_OK);
	gg_rt_classic_destroy(m);
	gg_rt_classic_destroy(NULL);
}

static void basics(void)
{
	gg_rt_classic *m = new_u64(0, 0, 1);
	uint64_t k = 5, *e;
	CHECK(gg_rt_classic_get(m, &k) == NULL);
	CHECK_EQ_I(gg_rt_classic_delete(m, &k), 0);
	CHECK(gg_rt_classic_put(m, &k, NULL, NULL) == GG_OK); /* zero elem */
	e = gg_rt_classic_get(m, &k);
	CHECK(e && *e == 0);
	put_u64(m, 5, 77);
	CHECK(*(uint64_t *)gg_rt_classic_get(m, &k) == 77);
	CHECK_EQ_I(gg_rt_classic_len(m), 1);
	for (uint64_t i = 0; i < 1000; i++)
		put_u64(m, 1000 + i, i);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	CHECK_EQ_I(gg_rt_classic_len(m), 1001);
	/* 1001 keys at 6.5 a bucket: B 8 (grow at 833); the grow to it may
	 * still run. */
	CHECK_EQ_I(s.B, gg_classic_B(23, 1001));
	uint64_t nb = s.nbuckets;
	gg_rt_classic_clear(m);
	s = gg_rt_classic_stats_get(m);
	CHECK_EQ_I(gg_rt_classic_len(m), 0);
	CHECK_EQ_I(s.nbuckets, nb); /* clear keeps the array */
	CHECK_EQ_I(s.growing, 0);
	CHECK_EQ_I(s.overflow, 0);
	CHECK(gg_rt_classic_get(m, &k) == NULL);
	put_u64(m, 5, 1);
	CHECK_EQ_I(gg_rt_classic_len(m), 1);
	gg_rt_classic_destroy(m);
}

static void clone(void)
{
	gg_rt_classic *m = new_u64(22, 0, 2), *c;
	for (uint64_t i = 0; i < 5000; i++)
		put_u64(m, i, i * 3);
	CHECK(gg_rt_classic_stats_get(m).growing || 1);
	gg_error err;
	CHECK(gg_rt_classic_clone(m, &c, &err) == GG_OK);
	CHECK_EQ_I(gg_rt_classic_len(c), 5000);
	long bad = 0;
	for (uint64_t i = 0; i < 5000; i++) {
		uint64_t *e = gg_rt_classic_get(c, &i);
		bad += !e || *e != i * 3;
	}
	CHECK_EQ_I(bad, 0);
	/* made with hint len(m): no grow needed for the copy */
	CHECK_EQ_I(gg_rt_classic_stats_get(c).B, gg_classic_B(22, 5000));
	CHECK_EQ_I(gg_rt_classic_stats_get(c).grows, 0);
	uint64_t k = 7;
	CHECK_EQ_I(gg_rt_classic_delete(c, &k), 1);
	CHECK(gg_rt_classic_get(m, &k) != NULL); /* independent */
	gg_rt_classic_destroy(c);
	gg_rt_classic_destroy(m);
}

typedef struct counts {
	long grow, same, evac, done;
} counts;

static void count_fn(void *ctx, const gg_rt_event *ev)
{
	counts *c = ctx;
	c->grow += ev->kind == GG_RT_EV_MAP_GROW;
	c->same += ev->kind == GG_RT_EV_MAP_GROW && ev->c;
	c->evac += ev->kind == GG_RT_EV_MAP_EVACUATE;
	c->done += ev->kind == GG_RT_EV_MAP_GROW_DONE;
}

static void tracing(void)
{
	gg_rt_classic *m = new_u64(23, 0, 3);
	counts c = {0};
	gg_rt_tracer tr = {count_fn, &c};
	gg_rt_classic_set_tracer(m, &tr);
	for (uint64_t i = 0; i < 53; i++) /* 1 -> 2 -> 4 -> 8 buckets: grows at 9, 14, 27, 53 */
		put_u64(m, i, i);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	CHECK_EQ_I(c.grow, 4);
	CHECK_EQ_I(s.grows, 4);
	CHECK_EQ_I(c.same, 0);
	CHECK_EQ_I(s.B, 4);
	/* The last grow (to 16 buckets) has only begun: its first insert moved
	 * two of the 8 old buckets, or one if both were the same. */
	CHECK_EQ_I(s.growing, 1);
	CHECK_EQ_I(c.done, 3);
	CHECK_EQ_I(c.evac, 1 + 2 + 4 + (long)s.evacuated);
	CHECK(s.evacuated >= 1 && s.evacuated <= 2);
	gg_rt_classic_set_tracer(m, NULL);
	for (uint64_t i = 53; i < 60; i++)
		put_u64(m, i, i);
	CHECK_EQ_I(c.grow, 4);
	gg_rt_classic_destroy(m);
}

/* Each iterator starts at a random bucket and slot: over 20 iterations of
 * the same map the first key differs. */
static void random_start(void)
{
	gg_rt_classic *m = new_u64(23, 0, 4);
	for (uint64_t i = 0; i < 100; i++)
		put_u64(m, i, i);
	unsigned char first[100] = {0};
	int distinct = 0;
	for (int r = 0; r < 20; r++) {
		gg_rt_classic_iter it;
		const void *k;
		void *e;
		gg_rt_classic_iter_init(m, &it);
		CHECK(gg_rt_classic_iter_next(&it, &k, &e));
		uint64_t id = *(const uint64_t *)k;
		distinct += id < 100 && !first[id];
		if (id < 100)
			first[id] = 1;
		gg_rt_classic_iter_stop(&it);
		CHECK(!gg_rt_classic_iter_next(&it, &k, &e));
	}
	CHECK(distinct > 5);
	gg_rt_classic_destroy(m);
}

/* Inserting during iteration (grows included): each key there from the
 * start is seen exactly once; new keys maybe. */
static void insert_while_iterating(uint64_t start, uint64_t added_per_step)
{
	gg_rt_classic *m = new_u64(23, 0, 5);
	for (uint64_t i = 0; i < start; i++)
		put_u64(m, i, i);
	uint64_t total = start + start * added_per_step;
	unsigned char *seen = calloc(total, 1);
	gg_rt_classic_iter it;
	const void *k;
	void *e;
	long bad = 0, old_seen = 0;
	uint64_t next = start, grows0 = gg_rt_classic_stats_get(m).grows;
	gg_rt_classic_iter_init(m, &it);
	while (gg_rt_classic_iter_next(&it, &k, &e)) {
		uint64_t id = *(const uint64_t *)k;
		bad += id >= total || seen[id] || *(uint64_t *)e != id;
		if (id < total) {
			old_seen += id < start && !seen[id];
			seen[id] = 1;
		}
		for (uint64_t j = 0; j < added_per_step; j++, next++)
			put_u64(m, next, next);
	}
	uint64_t grows = gg_rt_classic_stats_get(m).grows - grows0;
	printf(
	    "iterating %llu keys, inserting %llu per key seen: %llu grows meanwhile, status %d, %ld old keys "
	    "seen\n",
	    (unsigned long long)start, (unsigned long long)added_per_step, (unsigned long long)grows,
	    (int)it.status, old_seen);
	CHECK_EQ_I(bad, 0);
	if (it.status == GG_OK) {
		CHECK_EQ_I(old_seen, (long)start);
	} else {
		/* More grows finished than the map keeps old arrays for. */
		CHECK_EQ_I(it.status, GG_ERR_RANGE);
		CHECK(grows > 8);
	}
	CHECK(grows > 0);
	free(seen);
	gg_rt_classic_destroy(m);
}

/* An iterator left running keeps old arrays; clear ends it. */
static void clear_ends_iteration(void)
{
	test_alloc a;
	test_alloc_init(&a, 0);
	gg_rt_classic_config cfg = {.type = ct_type(CT_BIG), .go = 23, .alloc = &a.a, .fixed_seed = 1};
	gg_rt_classic *m;
	CHECK(gg_rt_classic_new(&cfg, 0, &m, NULL) == GG_OK);
	sw_keys k = {0};
	ct_buf kb;
	for (uint64_t i = 0; i < 20; i++)
		CHECK(gg_rt_classic_put(m, ct_key(CT_BIG, &k, i, &kb), NULL, NULL) == GG_OK);
	gg_rt_classic_iter it;
	const void *key;
	void *e;
	gg_rt_classic_iter_init(m, &it);
	CHECK(gg_rt_classic_iter_next(&it, &key, &e));
	for (uint64_t i = 0; i < 20; i++) /* deleted keys kept for the iterator */
		CHECK_EQ_I(gg_rt_classic_delete(m, ct_key(CT_BIG, &k, i, &kb)), 1);
	for (uint64_t i = 100; i < 2000; i++) /* old arrays kept for it */
		CHECK(gg_rt_classic_put(m, ct_key(CT_BIG, &k, i, &kb), NULL, NULL) == GG_OK);
	gg_rt_classic_clear(m);
	CHECK(!gg_rt_classic_iter_next(&it, &key, &e));
	CHECK_EQ_I(it.status, GG_OK);
	gg_rt_classic_destroy(m);
	CHECK_EQ_I(a.live, 0);
}

/* A big old bucket array (libc) is given back over the writes after its
 * evacuation ends, not in the one write that ends it (classic_drain.c);
 * the map reads right throughout, and a map destroyed mid-drain frees it
 * (the sanitizer and valgrind runs check that nothing leaks). */
static void drain(int destroy_early)
{
	gg_rt_classic *m = new_u64(23, 0, 3);
	uint64_t k = 0;
	/* Up to the grow from 2^15 buckets (4.7 MB of old array) and its end. */
	while (!(m->B == 16 && !m->old.p))
		put_u64(m, k, k * 3), k++;
	CHECK(m->drain.p != NULL);
	size_t size = m->drain.size;
	uint64_t frees = gg_rt_classic_stats_get(m).frees;
	int writes = 0;
	while (m->drain.p && writes < 100 && !destroy_early)
		put_u64(m, k, k * 3), k++, writes++;
	if (!destroy_early) {
		CHECK(m->drain.p == NULL);
		/* 4.7 MB a step a write, then the free. */
		int steps = (int)((size + GGI_CLASSIC_DRAIN_STEP - 1) / GGI_CLASSIC_DRAIN_STEP);
		CHECK(writes >= steps && writes <= steps + 2);
		CHECK_EQ_I(gg_rt_classic_stats_get(m).frees, frees);
		uint64_t bad = 0;
		for (uint64_t i = 0; i < k; i++) {
			const uint64_t *v = gg_rt_classic_get(m, &i);
			bad += !v || *v != i * 3;
		}
		CHECK_EQ_I(bad, 0);
	}
	gg_rt_classic_destroy(m);
}

int main(void)
{
	errors();
	basics();
	clone();
	tracing();
	random_start();
	insert_while_iterating(1000, 1);
	insert_while_iterating(50, 40);
	insert_while_iterating(8, 1000);
	clear_ends_iteration();
	drain(0);
	drain(1);
	return check_summary();
}
