/* The runtime Swiss map against the model: make(hint) has the shape
 * gg_makemap predicts for a Go map type of the same key/elem sizes, and
 * inserting keys one at a time grows (small map, table, doublings, first
 * split) at the counts gg_mapgrow lists, as far as it lists them exactly. */
#include "../check.h"
#include "gogrow/map.h"
#include "gogrow/types.h"
#include "slice_testutil.h"
#include "swiss_testutil.h"

static gg_maptype model_type(const char *src)
{
	gg_target t = check_target(gg_rt_host_arch(), GG_GO_MAX);
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

static gg_rt_swiss *new_map(int strings, int64_t hint, test_rec *rec)
{
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.fixed_seed = 1;
	cfg.seed = 42 + (uint64_t)hint;
	gg_rt_swiss *m = NULL;
	gg_error err;
	CHECK(gg_rt_swiss_new(&cfg, hint, &m, &err) == GG_OK);
	if (rec) {
		gg_rt_tracer tr = {test_rec_fn, rec};
		gg_rt_swiss_set_tracer(m, &tr);
	}
	return m;
}

static void check_make(const gg_maptype *mt, int strings)
{
	static const int64_t hints[] = {-5, 0, 1, 8, 9, 14, 15, 100, 896, 897, 1000, 1792, 5000, 100000};
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		gg_mapmake mk;
		gg_error e;
		CHECK(gg_makemap(mt, hints[i], 0, &mk, &e) == GG_OK);
		gg_rt_swiss *m = new_map(strings, hints[i], NULL);
		gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
		CHECK_EQ_I(s.dirlen, mk.dirlen);
		CHECK_EQ_I(s.tables, mk.dirlen);
		CHECK_EQ_I(s.global_depth, mk.global_depth);
		CHECK_EQ_I(s.capacity, mk.dirlen * mk.table_cap);
		CHECK_EQ_I(s.groups, mk.dirlen * mk.table_cap / 8);
		gg_rt_swiss_destroy(m);
	}
}

typedef struct steps {
	gg_mapstep s[64];
	int n;
} steps;

static void step_fn(void *ctx, const gg_mapstep *s)
{
	steps *st = ctx;
	if (st->n < 64)
		st->s[st->n++] = *s;
}

/* After each insert up to exact_until, the runtime's tables, directory
 * and capacity are those of the model's last step at or before it. */
static void check_growth(const gg_maptype *mt, int strings, int64_t hint)
{
	steps st = {.n = 0};
	gg_mapgrowth g;
	gg_error e;
	CHECK(gg_mapgrow(mt, hint, 4000, step_fn, &st, &g, &e) == GG_OK);
	gg_mapmake *mk = &g.make;
	test_rec *rec = calloc(1, sizeof *rec);
	gg_rt_swiss *m = new_map(strings, hint, rec);
	sw_keys k;
	sw_keys_init(&k, strings, 4000);
	uint64_t dirlen = mk->dirlen, tables = mk->dirlen, cap = mk->dirlen * mk->table_cap;
	long mismatches = 0;
	int next = 0;
	for (int64_t c = 1; c <= g.exact_until; c++) {
		uint64_t u;
		CHECK(gg_rt_swiss_put(m, sw_key(&k, (uint64_t)c, &u), NULL, NULL) == GG_OK);
		for (; next < st.n && st.s[next].count == c; next++) {
			dirlen = st.s[next].dirlen;
			tables = st.s[next].tables;
			cap = st.s[next].capacity;
		}
		gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
		if (s.dirlen != dirlen || s.tables != tables || s.capacity != cap) {
			if (mismatches++ < 5)
				fprintf(stderr,
					"hint %lld count %lld: dirlen %llu tables %llu cap %llu, model %llu "
					"%llu %llu\n",
					(long long)hint, (long long)c, (unsigned long long)s.dirlen,
					(unsigned long long)s.tables, (unsigned long long)s.capacity,
					(unsigned long long)dirlen, (unsigned long long)tables,
					(unsigned long long)cap);
		}
	}
	CHECK_EQ_I(mismatches, 0);
	CHECK_EQ_I(next, st.n); /* every listed step was reached */
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	/* Each growth and split was traced once, in the stats too. */
	long grows = 0, splits = 0, dirs = 0;
	for (int i = 0; i < rec->n && i < TEST_MAX_EVENTS; i++) {
		grows += rec->ev[i].kind == GG_RT_EV_MAP_GROW;
		splits += rec->ev[i].kind == GG_RT_EV_MAP_SPLIT;
		dirs += rec->ev[i].kind == GG_RT_EV_MAP_DIR_GROW;
	}
	CHECK_EQ_I(grows, s.grows);
	CHECK_EQ_I(splits, s.splits);
	CHECK_EQ_I(dirs, s.dir_grows);
	gg_rt_swiss_destroy(m);
	sw_keys_free(&k);
	free(rec);
}

/* Past the first split growth depends on the hash, but never breaks the
 * directory's rules: 2^depth entries, tables of 1024 slots once split. */
static void check_splits(void)
{
	gg_rt_swiss *m = new_map(0, 0, NULL);
	int bad = 0;
	for (uint64_t i = 1; i <= 200000; i++) {
		uint64_t key = i;
		gg_rt_swiss_put(m, &key, NULL, NULL);
		gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
		if (s.tables > 1 && s.capacity != s.tables * GG_SWISS_MAX_TABLE_CAP)
			bad++;
		if (s.dirlen && (s.dirlen != 1ull << s.global_depth || s.tables > s.dirlen))
			bad++;
		/* no table holds more than its 7/8 */
		if (s.tables && i > s.capacity * 7 / 8)
			bad++;
		if (i % 20000 == 0 && bad)
			break;
	}
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	CHECK_EQ_I(bad, 0);
	CHECK_EQ_I(s.tables, s.splits + 1);
	printf("200000 keys: %llu tables, directory %llu, %llu splits\n", (unsigned long long)s.tables,
	       (unsigned long long)s.dirlen, (unsigned long long)s.splits);
	gg_rt_swiss_destroy(m);
}

int main(void)
{
	gg_maptype u = model_type("map[uint64]uint64"), str = model_type("map[string]int64");
	check_make(&u, 0);
	check_make(&str, 1);
	static const int64_t hints[] = {0, 8, 9, 20, 100, 2000};
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		check_growth(&u, 0, hints[i]);
		check_growth(&str, 1, hints[i]);
	}
	check_splits();
	return check_summary();
}
