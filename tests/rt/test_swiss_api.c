/* The runtime Swiss map's API edges: configuration errors, zero elems and
 * sets, the release rule for updates of a full small map, iteration that
 * stops on growth, clear keeping the tables, the random seed, the random
 * start of iteration, the new seeds and the clear of an empty map. */
#include "../check.h"
#include "../../src/rt/swiss/swiss_internal.h"
#include "swiss_testutil.h"

static gg_rt_swiss *make(int go, int64_t hint, size_t elem_size)
{
	gg_rt_swiss_config cfg = {0};
	cfg.type = gg_rt_swiss_type_u64(elem_size, elem_size ? 8 : 1);
	cfg.go = go;
	gg_rt_swiss *m = NULL;
	gg_error err;
	if (gg_rt_swiss_new(&cfg, hint, &m, &err) != GG_OK)
		fprintf(stderr, "make: %s\n", err.msg);
	return m;
}

static void config_errors(void)
{
	gg_rt_swiss_config cfg = {0};
	gg_rt_swiss *m = (gg_rt_swiss *)&cfg;
	gg_error err;
	cfg.type = gg_rt_swiss_type_u64(8, 8);
	cfg.type.elem_align = 3;
	CHECK_EQ_I(gg_rt_swiss_new(&cfg, 0, &m, &err), GG_ERR_RANGE);
	CHECK(m == NULL);
	cfg.type = gg_rt_swiss_type_u64(12, 8);
	CHECK_EQ_I(gg_rt_swiss_new(&cfg, 0, &m, &err), GG_ERR_RANGE);
	cfg.type = gg_rt_swiss_type_u64(8, 8);
	cfg.type.hash = NULL;
	CHECK_EQ_I(gg_rt_swiss_new(&cfg, 0, &m, &err), GG_ERR_RANGE);
	CHECK_STR_CONTAINS(err.msg, "hash");
	cfg.type = gg_rt_swiss_type_u64(8, 8);
	cfg.go = 23;
	CHECK_EQ_I(gg_rt_swiss_new(&cfg, 0, &m, &err), GG_ERR_RELEASE);
	cfg.go = 99;
	CHECK(gg_rt_swiss_new(&cfg, 0, &m, &err) != GG_OK);
	gg_rt_swiss_destroy(NULL);
}

/* elem NULL stores zero; a map with 0-byte elems is a set. */
static void zero_and_set(void)
{
	gg_rt_swiss *m = make(0, 0, 8);
	uint64_t k = 5, v = 77;
	CHECK(gg_rt_swiss_put(m, &k, &v, NULL) == GG_OK);
	CHECK(gg_rt_swiss_put(m, &k, NULL, NULL) == GG_OK);
	uint64_t *e = gg_rt_swiss_get(m, &k);
	CHECK(e && *e == 0);
	CHECK_EQ_I(gg_rt_swiss_len(m), 1);
	gg_rt_swiss_destroy(m);
	gg_rt_swiss *s = make(0, 0, 0);
	for (k = 0; k < 1000; k++)
		CHECK(gg_rt_swiss_put(s, &k, NULL, NULL) == GG_OK);
	k = 999;
	CHECK(gg_rt_swiss_get(s, &k) != NULL);
	k = 1000;
	CHECK(gg_rt_swiss_get(s, &k) == NULL);
	CHECK_EQ_I(gg_rt_swiss_len(s), 1000);
	gg_rt_swiss_destroy(s);
}

/* 1.24-1.26 turn a full small map into a table on an update too; 1.27
 * updates in place (gg_swiss_full_small_put_grows). */
static void full_small_update(int go, int grows)
{
	gg_rt_swiss *m = make(go, 0, 8);
	for (uint64_t k = 0; k < 8; k++)
		gg_rt_swiss_put(m, &k, &k, NULL);
	CHECK_EQ_I(gg_rt_swiss_stats_get(m).dirlen, 0);
	uint64_t k = 3, v = 33;
	CHECK(gg_rt_swiss_put(m, &k, &v, NULL) == GG_OK);
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	CHECK_EQ_I(s.dirlen, grows);
	CHECK_EQ_I(s.capacity, grows ? 16 : 8);
	CHECK_EQ_I(gg_rt_swiss_len(m), 8);
	CHECK_EQ_I(*(uint64_t *)gg_rt_swiss_get(m, &k), 33);
	gg_rt_swiss_destroy(m);
}

/* Iterates m, inserting `grow` new keys (ids from 1000) after the first
 * key returned: every key there before is seen exactly once, and the
 * replaced tables kept for the walk are freed at its end. */
static void iterate_across_growth(int64_t hint, uint64_t n, uint64_t grow)
{
	gg_rt_swiss *m = make(0, hint, 8);
	for (uint64_t k = 0; k < n; k++)
		gg_rt_swiss_put(m, &k, &k, NULL);
	gg_rt_swiss_stats before = gg_rt_swiss_stats_get(m);
	unsigned char seen[100] = {0};
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	int dup = 0, bad = 0;
	gg_rt_swiss_iter_init(m, &it);
	for (int first = 1; gg_rt_swiss_iter_next(&it, &key, &elem); first = 0) {
		uint64_t k, v;
		memcpy(&k, key, 8);
		memcpy(&v, elem, 8);
		bad += k != v;
		if (k < n)
			dup += seen[k]++ > 0;
		for (uint64_t j = 1000; first && j < 1000 + grow; j++)
			gg_rt_swiss_put(m, &j, &j, NULL);
	}
	CHECK_EQ_I(dup, 0);
	CHECK_EQ_I(bad, 0);
	for (uint64_t k = 0; k < n; k++)
		CHECK_EQ_I(seen[k], 1);
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	CHECK(s.grows + s.splits > before.grows + before.splits);
	/* Only the live tables' groups are left: none kept for the walk. */
	CHECK_EQ_I(s.groups, s.capacity / 8);
	gg_rt_swiss_destroy(m);
}

/* An iteration left early by gg_rt_swiss_iter_stop frees what it kept. */
static void stop_frees_retired(void)
{
	gg_rt_swiss *m = make(0, 0, 8);
	uint64_t k;
	for (k = 0; k < 14; k++) /* a 16-slot table takes 14 */
		gg_rt_swiss_put(m, &k, NULL, NULL);
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	gg_rt_swiss_iter_init(m, &it);
	CHECK(gg_rt_swiss_iter_next(&it, &key, &elem));
	k = 100;
	gg_rt_swiss_put(m, &k, NULL, NULL); /* the 15th: the table doubles */
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	CHECK_EQ_I(s.capacity, 32);
	CHECK_EQ_I(s.groups, 4 + 2); /* the old table is kept */
	gg_rt_swiss_iter_stop(&it);
	CHECK_EQ_I(gg_rt_swiss_stats_get(m).groups, 4);
	CHECK(!gg_rt_swiss_iter_next(&it, &key, &elem));
	gg_rt_swiss_iter_stop(&it); /* again: nothing */
	CHECK_EQ_I(gg_rt_swiss_stats_get(m).groups, 4);
	gg_rt_swiss_destroy(m);
}

/* clear keeps the tables (as Go's), and tombstones go with it. */
static void clear_keeps_tables(void)
{
	gg_rt_swiss *m = make(0, 5000, 8);
	gg_rt_swiss_stats before = gg_rt_swiss_stats_get(m);
	for (uint64_t k = 0; k < 4000; k++)
		gg_rt_swiss_put(m, &k, &k, NULL);
	for (uint64_t k = 0; k < 4000; k += 2)
		gg_rt_swiss_delete(m, &k);
	gg_rt_swiss_clear(m);
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	CHECK_EQ_I(s.tables, before.tables);
	CHECK_EQ_I(s.capacity, before.capacity);
	CHECK_EQ_I(s.tombstones, 0);
	CHECK_EQ_I(gg_rt_swiss_len(m), 0);
	uint64_t k = 7;
	CHECK(gg_rt_swiss_get(m, &k) == NULL);
	gg_rt_swiss_destroy(m);
}

/* Go draws a new seed when a delete empties the map and on every clear
 * that runs (go.dev/issue/25237). Clear of an empty map returns at once; from
 * 1.25 not when a delete may have left a tombstone, which it then removes
 * (1.24 leaves them). */
static void reseed_and_empty_clear(int go)
{
	gg_rt_swiss *m = make(go, 0, 8);
	uint64_t s0 = m->seed;
	for (uint64_t k = 0; k < 3; k++)
		gg_rt_swiss_put(m, &k, &k, NULL);
	for (uint64_t k = 0; k < 3; k++)
		gg_rt_swiss_delete(m, &k);
	CHECK(m->seed != s0);
	uint64_t s1 = m->seed, seq = m->clear_seq;
	gg_rt_swiss_clear(m); /* empty, no tombstone possible */
	CHECK(m->seed == s1);
	CHECK_EQ_I(m->clear_seq, seq);
	for (uint64_t k = 0; k < 2000; k++)
		gg_rt_swiss_put(m, &k, &k, NULL);
	for (uint64_t k = 0; k < 2000; k++)
		gg_rt_swiss_delete(m, &k);
	uint64_t tomb = gg_rt_swiss_stats_get(m).tombstones;
	CHECK(tomb > 0);
	gg_rt_swiss_clear(m);
	CHECK_EQ_I(gg_rt_swiss_stats_get(m).tombstones, go == 24 ? tomb : 0);
	CHECK_EQ_I(m->clear_seq, go == 24 ? seq : seq + 1);
	uint64_t k = 1, s2 = m->seed;
	gg_rt_swiss_put(m, &k, &k, NULL);
	gg_rt_swiss_clear(m);
	CHECK(m->seed != s2);
	CHECK_EQ_I(m->clear_seq, (go == 24 ? seq : seq + 1) + 1);
	gg_rt_swiss_destroy(m);
}

/* Two maps without a fixed seed hash differently (a 2^-64 chance not). */
static void random_seed(void)
{
	gg_rt_swiss *a = make(0, 0, 8), *b = make(0, 0, 8);
	for (uint64_t k = 0; k < 100; k++) {
		gg_rt_swiss_put(a, &k, NULL, NULL);
		gg_rt_swiss_put(b, &k, NULL, NULL);
	}
	gg_rt_swiss_iter ia, ib;
	const void *ka, *kb;
	void *e;
	gg_rt_swiss_iter_init(a, &ia);
	gg_rt_swiss_iter_init(b, &ib);
	int differ = 0;
	while (gg_rt_swiss_iter_next(&ia, &ka, &e) && gg_rt_swiss_iter_next(&ib, &kb, &e))
		differ |= memcmp(ka, kb, 8) != 0;
	CHECK(differ);
	gg_rt_swiss_destroy(a);
	gg_rt_swiss_destroy(b);
}

/* Go's Iter starts at a random directory entry and slot offset: over 32
 * walks of one unchanged map the first key must vary, while every walk
 * returns each key exactly once; a second map with the same fixed seed and
 * keys replays the same starts. n = 5: the small map; 100: one table;
 * 5000: several tables under a directory. */
static void random_start(uint64_t n)
{
	gg_rt_swiss_config cfg = {.type = gg_rt_swiss_type_u64(8, 8), .fixed_seed = 1, .seed = 99};
	gg_rt_swiss *m[2];
	for (int j = 0; j < 2; j++) {
		CHECK(gg_rt_swiss_new(&cfg, 0, &m[j], NULL) == GG_OK);
		for (uint64_t k = 1; k <= n; k++)
			CHECK(gg_rt_swiss_put(m[j], &k, &k, NULL) == GG_OK);
	}
	unsigned char *seen = malloc(n + 1);
	uint64_t first[32], firsts = 0, bad = 0, replay_differs = 0;
	for (int r = 0; r < 32; r++) {
		memset(seen, 0, n + 1);
		gg_rt_swiss_iter it, it2;
		const void *key, *key2;
		void *e;
		uint64_t count = 0, k;
		gg_rt_swiss_iter_init(m[0], &it);
		gg_rt_swiss_iter_init(m[1], &it2);
		while (gg_rt_swiss_iter_next(&it, &key, &e)) {
			memcpy(&k, key, 8);
			if (count++ == 0)
				first[r] = k;
			bad += k == 0 || k > n || seen[k]++;
			replay_differs +=
			    !gg_rt_swiss_iter_next(&it2, &key2, &e) || memcmp(key, key2, 8) != 0;
		}
		gg_rt_swiss_iter_stop(&it2);
		bad += count != n;
		int dup = 0;
		for (int q = 0; q < r; q++)
			dup |= first[q] == first[r];
		firsts += !dup;
	}
	printf("random start, %llu keys: %llu distinct first keys in 32 walks\n", (unsigned long long)n,
	       (unsigned long long)firsts);
	CHECK_EQ_I(bad, 0);
	CHECK_EQ_I(replay_differs, 0);
	CHECK(firsts >= 2);
	free(seen);
	gg_rt_swiss_destroy(m[0]);
	gg_rt_swiss_destroy(m[1]);
}

int main(void)
{
	config_errors();
	zero_and_set();
	full_small_update(24, 1);
	full_small_update(26, 1);
	full_small_update(27, 0);
	iterate_across_growth(0, 8, 1);	     /* small map to table */
	iterate_across_growth(0, 14, 1);     /* 16 slots to 32 */
	iterate_across_growth(0, 100, 1500); /* doublings and splits */
	iterate_across_growth(2000, 100, 6000);
	stop_frees_retired();
	clear_keeps_tables();
	random_seed();
	reseed_and_empty_clear(24);
	reseed_and_empty_clear(27);
	random_start(5);
	random_start(100);
	random_start(5000);
	return check_summary();
}
