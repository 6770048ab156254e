/* The runtime classic map against the model: make(hint) has the B and the
 * bucket count (spares included) gg_makemap predicts for a Go map type of
 * the same key/elem sizes, for every hint to 3000 and around each growth
 * point after; inserting keys one at a time grows at the counts, to the B
 * and bucket counts, gg_mapgrow lists; each grow is traced once and
 * evacuates each old bucket once. Releases 1.21 (load factor 6), 1.22 and
 * 1.23. GOGROW_UNDER_VALGRIND=1 scales the run down. */
#include "../check.h"
#include "classic_testutil.h"
#include "gogrow/map.h"
#include "gogrow/types.h"

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

static int vg; /* under valgrind: fewer hints and inserts */

typedef struct counts {
	long grow, evac, done;
	uint64_t evac_bucket_sum;
} counts;

static void count_fn(void *ctx, const gg_rt_event *ev)
{
	counts *c = ctx;
	c->grow += ev->kind == GG_RT_EV_MAP_GROW;
	c->done += ev->kind == GG_RT_EV_MAP_GROW_DONE;
	if (ev->kind == GG_RT_EV_MAP_EVACUATE) {
		c->evac++;
		c->evac_bucket_sum += ev->a;
	}
}

/* CT_U16PTR: uint16 keys and pointer-sized elems that hold pointers, the
 * map[uint16]*int whose 96-byte bucket array gets one spare less with
 * pointers than without in 1.22+ at B 5 (malloc headers). */
#define CT_U16PTR 100

static uint64_t hash_u16(const void *key, uint64_t seed)
{
	return XXH3_64bits_withSeed(key, 2, seed);
}

static int equal_u16(const void *a, const void *b)
{
	return memcmp(a, b, 2) == 0;
}

static gg_rt_swiss_type type_of(int kind)
{
	if (kind == CT_U16PTR)
		return (gg_rt_swiss_type){2, 2, 8, 8, hash_u16, equal_u16, 0};
	return ct_type(kind);
}

static gg_rt_classic *new_map(int kind, int go, int64_t hint, counts *c)
{
	gg_rt_classic_config cfg = {
	    .type = type_of(kind), .go = go, .fixed_seed = 1, .seed = 9 + (uint64_t)hint};
	gg_rt_classic *m = NULL;
	gg_error err;
	if (gg_rt_classic_new(&cfg, hint, &m, &err) != GG_OK) {
		fprintf(stderr, "make(%lld): %s\n", (long long)hint, err.msg);
		abort();
	}
	if (c) {
		gg_rt_tracer tr = {count_fn, c};
		gg_rt_classic_set_tracer(m, &tr);
	}
	return m;
}

static long make_differs(const gg_maptype *mt, int kind, int64_t hint)
{
	gg_mapmake mk;
	gg_error e;
	CHECK(gg_makemap(mt, hint, 0, &mk, &e) == GG_OK);
	gg_rt_classic *m = new_map(kind, mt->t.go, hint, NULL);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	long bad = s.B != mk.B || s.nbuckets != mk.nbuckets;
	if (bad)
		fprintf(stderr, "go1.%d %s make(%lld): B %d, %llu buckets; model B %d, %llu\n", mt->t.go,
			ct_name(kind), (long long)hint, s.B, (unsigned long long)s.nbuckets, mk.B,
			(unsigned long long)mk.nbuckets);
	gg_rt_classic_destroy(m);
	return bad;
}

static void check_make(const gg_maptype *mt, int kind)
{
	long bad = 0, n = 0;
	static const int64_t odd[] = {-1, -1000, INT64_MIN, INT64_MAX, INT64_C(1) << 62};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++, n++)
		bad += make_differs(mt, kind, odd[i]);
	for (int64_t h = 0; h <= (vg ? 300 : 3000); h++, n++)
		bad += make_differs(mt, kind, h);
	/* Around each count where B steps, up to B 17. */
	for (int B = 5; B <= 17; B++)
		for (int64_t d = -2; d <= 2; d++, n++)
			bad += make_differs(mt, kind, gg_classic_grow_at(mt->t.go, B) + d);
	printf("go1.%d %s: make with %ld hints, %ld differ from the model\n", mt->t.go,
	       kind == CT_U16PTR ? "uint16/pointer" : ct_name(kind), n, bad);
	CHECK_EQ_I(bad, 0);
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

static void check_growth(const gg_maptype *mt, int kind, int64_t hint, int64_t n)
{
	steps st = {.n = 0};
	gg_mapgrowth g;
	gg_error e;
	CHECK(gg_mapgrow(mt, hint, n, step_fn, &st, &g, &e) == GG_OK);
	CHECK_EQ_I(g.exact_until, n);
	counts c = {0};
	gg_rt_classic *m = new_map(kind, mt->t.go, hint, &c);
	sw_keys k;
	sw_keys_init(&k, kind == CT_STR, (uint64_t)n + 1);
	int B = g.make.B, next = 0;
	uint64_t nb = g.make.nbuckets;
	long bad = 0;
	for (int64_t i = 1; i <= n; i++) {
		ct_buf kb;
		CHECK(gg_rt_classic_put(m, ct_key(kind, &k, (uint64_t)i, &kb), NULL, NULL) == GG_OK);
		for (; next < st.n && st.s[next].count == i; next++) {
			B = st.s[next].B;
			nb = st.s[next].nbuckets;
		}
		gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
		if ((s.B != B || s.nbuckets != nb) && bad++ < 5)
			fprintf(stderr,
				"go1.%d %s hint %lld count %lld: B %d, %llu buckets; model B %d, %llu\n",
				mt->t.go, ct_name(kind), (long long)hint, (long long)i, s.B,
				(unsigned long long)s.nbuckets, B, (unsigned long long)nb);
	}
	CHECK_EQ_I(bad, 0);
	CHECK_EQ_I(next, st.n);
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	CHECK_EQ_I(s.same_size_grows, 0); /* a working hash never needs one here */
	/* One event per grow; every finished grow evacuated each old bucket
	 * once: 2^(B0) + ... old buckets in all. */
	CHECK_EQ_I(c.grow, (long)s.grows);
	CHECK_EQ_I(c.done, (long)s.grows - s.growing);
	uint64_t old = 0, sum = 0;
	for (int b = g.make.B ? g.make.B : 0; b < s.B - s.growing; b++) {
		old += UINT64_C(1) << b;
		sum += (UINT64_C(1) << b) * ((UINT64_C(1) << b) - 1) / 2;
	}
	if (!s.growing) {
		CHECK_EQ_I(c.evac, (long)old);
		CHECK_EQ_I(c.evac_bucket_sum, sum);
	}
	gg_rt_classic_destroy(m);
	sw_keys_free(&k);
}

int main(void)
{
	vg = getenv("GOGROW_UNDER_VALGRIND") != NULL;
	static const struct {
		const char *src;
		int kind;
	} types[] = {{"map[uint64]uint64", CT_U64},
		     {"map[string]int64", CT_STR},
		     {"map[[18]uint64][20]uint64", CT_BIG}};
	for (int go = 21; go <= 23; go++)
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
			gg_maptype mt = model_type(types[i].src, go);
			check_make(&mt, types[i].kind);
			static const int64_t hints[] = {0, 8, 9, 100, 1000};
			for (size_t j = 0; j < sizeof hints / sizeof hints[0]; j++)
				check_growth(&mt, types[i].kind, hints[j],
					     vg || types[i].kind == CT_BIG ? 5000 : 30000);
		}
	for (int go = 21; go <= 23; go++) {
		gg_maptype mt = model_type("map[uint16]*int", go);
		CHECK_EQ_I(mt.bucket_size, 96);
		CHECK_EQ_I(mt.bucket_noscan, 0);
		check_make(&mt, CT_U16PTR);
	}
	return check_summary();
}
