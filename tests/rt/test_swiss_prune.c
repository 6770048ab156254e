/* Tombstone pruning (go1.25+) in the runtime Swiss map, against the
 * model's churn simulation (gg_swiss_churn): n keys, then k times the
 * oldest deleted and a new one inserted. The runtime's hashes are XXH3,
 * the model's random, so the runtime's shape must lie within the model's
 * min..max over many runs; and 1.24, which has no pruneTombstones, must
 * rehash where 1.25 prunes. */
#include "../check.h"
#include "gogrow/map.h"
#include "gogrow/types.h"
#include "swiss_testutil.h"

enum { RUNS = 60 };

static gg_maptype model_type(const char *src, int go)
{
	gg_target t = check_target(gg_rt_host_arch(), go);
	gg_typeexpr *x;
	gg_error e;
	gg_maptype m;
	if (gg_type_parse(src, &x, &e) != GG_OK || gg_map_type(&t, gg_typeexpr_root(x), 0, &m, &e) != GG_OK) {
		fprintf(stderr, "bad test type %s: %s\n", src, e.msg);
		abort();
	}
	gg_typeexpr_free(x);
	return m;
}

/* The runtime map after the churn. */
static gg_rt_swiss_stats run_churn(int go, int strings, uint64_t n, uint64_t k, uint64_t seed)
{
	sw_keys keys;
	sw_keys_init(&keys, strings, n + k);
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.go = go;
	cfg.fixed_seed = 1;
	cfg.seed = seed;
	gg_rt_swiss *m = NULL;
	gg_error err;
	CHECK(gg_rt_swiss_new(&cfg, 0, &m, &err) == GG_OK);
	uint64_t u;
	for (uint64_t i = 0; i < n + k; i++) {
		if (i >= n)
			CHECK(gg_rt_swiss_delete(m, sw_key(&keys, i - n, &u)) == 1);
		CHECK(gg_rt_swiss_put(m, sw_key(&keys, i, &u), &i, &err) == GG_OK);
	}
	CHECK_EQ_I(gg_rt_swiss_len(m), n);
	for (uint64_t i = k; i < n + k; i++) {
		uint64_t *v = gg_rt_swiss_get(m, sw_key(&keys, i, &u));
		CHECK(v && *v == i);
	}
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	gg_rt_swiss_destroy(m);
	sw_keys_free(&keys);
	return s;
}

static int within(uint64_t v, gg_dist d)
{
	return d.min <= v && v <= d.max;
}

static void check_release(int go, int strings, int64_t n, int64_t k)
{
	gg_maptype mt = model_type(strings ? "map[string]int64" : "map[int64]int64", go);
	gg_mapchurn ch;
	gg_error e;
	CHECK(gg_swiss_churn(&mt, 0, n, k, RUNS, 7, &ch, &e) == GG_OK);
	for (uint64_t seed = 1; seed <= 3; seed++) {
		gg_rt_swiss_stats s = run_churn(go, strings, (uint64_t)n, (uint64_t)k, seed);
		int ok = within(s.tables, ch.tables) && within(s.capacity, ch.capacity) &&
			 within(s.tombstones, ch.tombstones) && within(s.prunes, ch.prunes);
		CHECK(ok);
		if (!ok)
			fprintf(stderr,
				"go1.%d n=%lld k=%lld: runtime tables %llu cap %llu tombs %llu prunes %llu; "
				"model "
				"tables %llu..%llu cap %llu..%llu tombs %llu..%llu prunes %llu..%llu\n",
				go, (long long)n, (long long)k, (unsigned long long)s.tables,
				(unsigned long long)s.capacity, (unsigned long long)s.tombstones,
				(unsigned long long)s.prunes, (unsigned long long)ch.tables.min,
				(unsigned long long)ch.tables.max, (unsigned long long)ch.capacity.min,
				(unsigned long long)ch.capacity.max, (unsigned long long)ch.tombstones.min,
				(unsigned long long)ch.tombstones.max, (unsigned long long)ch.prunes.min,
				(unsigned long long)ch.prunes.max);
	}
}

/* One table of 1024 slots holding 600 keys: 1.24 runs out of growthLeft
 * to tombstones and splits; 1.25 prunes and keeps its one table. */
static void check_one_table(int strings)
{
	gg_rt_swiss_stats s24 = run_churn(24, strings, 600, 20000, 5);
	gg_rt_swiss_stats s25 = run_churn(25, strings, 600, 20000, 5);
	CHECK_EQ_I(s24.prunes, 0);
	CHECK(s25.prunes > 0);
	CHECK_EQ_I(s25.tables, 1);
	CHECK_EQ_I(s25.capacity, 1024);
	CHECK(s24.capacity > s25.capacity);
	CHECK(s24.splits > 0);
	CHECK_EQ_I(s25.splits, 0);
}

int main(void)
{
	static const int64_t shapes[][2] = {{600, 20000}, {100, 5000}, {3000, 30000}};
	for (int strings = 0; strings <= 1; strings++) {
		check_one_table(strings);
		for (int go = 24; go <= 27; go++)
			for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
				check_release(go, strings, shapes[i][0], shapes[i][1]);
	}
	return check_summary();
}
