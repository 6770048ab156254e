/* The map rules of gogrow/map_rules.h against values derived without
 * them: Go's constants and formulas as the Go source writes them
 * (runtime/map.go, internal/runtime/maps), the worked examples of
 * ../shared/spec/go-growth-spec.md §5-§6, and growth points measured on
 * real Go (tests/data/validation/mapgrow_classic.tsv,
 * tests/data/probe-maps/go1.NN/{makemap,mapgrow}.tsv). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gogrow/map_rules.h"

static gg_target target(const char *arch, int go)
{
	return check_target(arch, go);
}

/* loadFactorNum as runtime/map.go spells it: 1.21 wrote
 * (bucketCnt*13/16)*loadFactorDen, every other release
 * loadFactorDen*bucketCnt*13/16 (integer arithmetic both). */
static void test_load_factor(void)
{
	for (int go = 16; go <= 25; go++) {
		uint64_t want = go == 21 ? (8 * 13 / 16) * 2 : 2 * 8 * 13 / 16;
		CHECK_EQ_I(gg_classic_load_factor_num(go), want);
	}
	CHECK_EQ_I(GG_CLASSIC_LOAD_FACTOR_DEN, 2);
	/* count > 8 && count > num*(2^B/2): B 0 takes 8 keys, B 1 takes 13 */
	CHECK(!gg_classic_over_load_factor(22, 8, 0));
	CHECK(gg_classic_over_load_factor(22, 9, 0));
	CHECK(!gg_classic_over_load_factor(22, 13, 1));
	CHECK(gg_classic_over_load_factor(22, 14, 1));
	CHECK(gg_classic_over_load_factor(21, 13, 1));
	CHECK(!gg_classic_over_load_factor(21, 12, 1));
	/* spec §5.3: max hint for B is 13*2^(B-1) (6.5), 6*2^B in 1.21 */
	for (int B = 1; B < 30; B++) {
		int64_t max65 = INT64_C(13) << (B - 1), max60 = INT64_C(6) << B;
		CHECK_EQ_I(gg_classic_B(20, max65), B);
		CHECK_EQ_I(gg_classic_B(20, max65 + 1), B + 1);
		CHECK_EQ_I(gg_classic_B(21, max60), B);
		CHECK_EQ_I(gg_classic_B(21, max60 + 1), B + 1);
		CHECK_EQ_I(gg_classic_grow_at(23, B), max65 + 1);
		CHECK_EQ_I(gg_classic_grow_at(21, B), max60 + 1);
	}
	CHECK_EQ_I(gg_classic_grow_at(19, 0), 9);
	CHECK_EQ_I(gg_classic_grow_at(19, -1), INT64_MAX);
	CHECK_EQ_I(gg_classic_grow_at(19, 62), INT64_MAX);
	CHECK(!gg_classic_over_load_factor(19, INT64_MAX, 62));
}

static void test_overflow_rules(void)
{
	/* tooManyOverflowBuckets: noverflow >= 1<<min(B,15) */
	CHECK(!gg_classic_too_many_overflow(0, 0));
	CHECK(gg_classic_too_many_overflow(1, 0));
	CHECK(!gg_classic_too_many_overflow(7, 3));
	CHECK(gg_classic_too_many_overflow(8, 3));
	CHECK(!gg_classic_too_many_overflow(32767, 15));
	CHECK(gg_classic_too_many_overflow(32768, 15));
	CHECK(!gg_classic_too_many_overflow(32767, 20));
	CHECK(gg_classic_too_many_overflow(32768, 20));
	/* incrnoverflow: exact below B 16; "if h.B == 18, then mask == 7" */
	CHECK_EQ_I(gg_classic_noverflow_mask(0), 0);
	CHECK_EQ_I(gg_classic_noverflow_mask(15), 0);
	CHECK_EQ_I(gg_classic_noverflow_mask(16), 1);
	CHECK_EQ_I(gg_classic_noverflow_mask(18), 7);
	/* advanceEvacuationMark: stop := nevacuate + 1024, at most newbit */
	CHECK_EQ_I(GG_CLASSIC_EVACUATION_SCAN, 1024);
	CHECK_EQ_I(gg_classic_evacuation_stop(0, 10), 10);
	CHECK_EQ_I(gg_classic_evacuation_stop(5, 5000), 1029);
	CHECK_EQ_I(gg_classic_evacuation_stop(4000, 5000), 5000);
}

/* makeBucketArray, makemap's hint check, mapextra (spec §5.2-§5.3). */
static void test_bucket_array(void)
{
	gg_target amd64 = target("amd64", 19), t386 = target("386", 19), mips = target("mips", 20);
	/* map[int64]int64, B 4: 17 buckets = 2448 bytes -> class 2688 -> 18 */
	CHECK_EQ_I(gg_classic_bucket_array(&amd64, 144, 1, 4), 18);
	for (int B = 0; B < 4; B++)
		CHECK_EQ_I(gg_classic_bucket_array(&amd64, 144, 1, B), UINT64_C(1) << B);
	/* past 32 KiB arrays are page-rounded: 2^10+2^6 = 1088 buckets of 144
	 * bytes = 156672 = 19.125 pages -> 20 pages = 163840 -> 1137 */
	CHECK_EQ_I(gg_classic_bucket_array(&amd64, 144, 1, 10), 163840 / 144);
	/* map[[128]byte][128]byte on mips: 2060-byte buckets, maxAlloc 2^31-1 */
	CHECK(gg_classic_bucket_array_fits(&mips, 2060, 1, 19));
	CHECK(!gg_classic_bucket_array_fits(&mips, 2060, 1, 20));
	CHECK(!gg_classic_bucket_array_fits(&amd64, 144, 1, 62));
	/* a hint whose hint*bucketsize overflows or passes maxAlloc counts as 0 */
	CHECK_EQ_I(gg_classic_makemap_hint(&amd64, 144, 100), 100);
	CHECK_EQ_I(gg_classic_makemap_hint(&amd64, 144, -1), 0);
	CHECK_EQ_I(gg_classic_makemap_hint(&amd64, 144, INT64_MAX), 0);
	CHECK_EQ_I(gg_classic_makemap_hint(&t386, 140, 40000000), 0); /* 5.6e9 > 4 GiB */
	CHECK_EQ_I(gg_classic_makemap_hint(&t386, 140, 1000000), 1000000);
	/* hint 53: 18 buckets for B 4, "48 + 2688 + 24 = 2760 bytes, 3 allocations" */
	CHECK(gg_classic_spares_need_mapextra(0, 18, 4));
	CHECK(!gg_classic_spares_need_mapextra(1, 18, 4)); /* hashGrow keeps the one it has */
	CHECK(!gg_classic_spares_need_mapextra(0, 8, 3));
	CHECK_EQ_I(gg_classic_mapextra_size(&amd64), 24);
	CHECK_EQ_I(gg_classic_mapextra_size(&t386), 12);
}

/* NewMap and resetGrowthLeft (spec §6.2-§6.3). */
static void test_swiss_shape(void)
{
	CHECK_EQ_I(GG_SWISS_MAX_AVG_GROUP_LOAD, 7);
	CHECK_EQ_I(GG_SWISS_MAX_TABLE_CAP, 1024);
	CHECK_EQ_I(gg_swiss_growth_left(8), 7);
	for (uint64_t c = 16; c <= 1024; c *= 2)
		CHECK_EQ_I(gg_swiss_growth_left(c), c - c / 8);
	gg_target t = target("amd64", 24);
	gg_swiss_shape sh;
	CHECK(gg_swiss_new_map(&t, 136, 8, &sh) && sh.dirlen == 0);
	CHECK(gg_swiss_new_map(&t, 136, -5, &sh) && sh.dirlen == 0);
	static const struct {
		int64_t hint;
		uint64_t target, dirlen, cap;
	} ex[] = {{9, 10, 1, 16},	{14, 16, 1, 16},     {15, 17, 1, 32},	    {224, 256, 1, 256},
		  {896, 1024, 1, 1024}, {897, 1025, 2, 512}, {1000, 1142, 2, 1024}, {1792, 2048, 2, 1024},
		  {1793, 2049, 4, 512}, {3585, 4097, 8, 512}};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		CHECK(gg_swiss_new_map(&t, 136, ex[i].hint, &sh));
		CHECK_EQ_I(sh.target, ex[i].target);
		CHECK_EQ_I(sh.dirlen, ex[i].dirlen);
		CHECK_EQ_I(sh.table_cap, ex[i].cap);
		CHECK_EQ_I(1ULL << sh.global_depth, ex[i].dirlen);
		CHECK_EQ_I(sh.growth_left, ex[i].cap * 7 / 8);
	}
	/* overflow and maxAlloc checks leave an empty map */
	CHECK(!gg_swiss_new_map(&t, 136, INT64_MAX, &sh) && sh.dirlen == 0);
	gg_target t32 = target("386", 24);
	CHECK(!gg_swiss_new_map(&t32, 72, 1000000000, &sh)); /* 8e9 wraps a uintptr */
	/* 1e6*8/7 = 1142857 slots: ceil(/1024) = 1117 tables -> 2048 of 558 -> 1024 */
	CHECK(gg_swiss_new_map(&t32, 72, 1000000, &sh) && sh.dirlen == 2048 && sh.table_cap == 1024);
}

static void test_swiss_directory(void)
{
	CHECK(!gg_swiss_rehash_splits(512));
	CHECK(gg_swiss_rehash_splits(1024));
	CHECK(gg_swiss_split_doubles_directory(2, 2));
	CHECK(!gg_swiss_split_doubles_directory(1, 2));
	CHECK_EQ_I(gg_swiss_split_entries(3, 2), 2);
	CHECK_EQ_I(gg_swiss_split_entries(3, 3), 1);
	gg_target a = target("amd64", 24), b = target("386", 24);
	CHECK_EQ_I(gg_swiss_hash_bits(&a), 64);
	CHECK_EQ_I(gg_swiss_hash_bits(&b), 32);
	/* localDepthMask: 1 << (ptrbits - localDepth) */
	CHECK_EQ_I(gg_swiss_split_mask(1, 64), UINT64_C(1) << 63);
	CHECK_EQ_I(gg_swiss_split_mask(3, 32), UINT64_C(1) << 29);
	/* directoryIndex: the top globalDepth bits */
	CHECK_EQ_I(gg_swiss_directory_index(UINT64_C(0xc000000000000000), 2, 64), 3);
	CHECK_EQ_I(gg_swiss_directory_index(UINT64_C(0x5fffffff), 3, 32), 2);
	CHECK_EQ_I(gg_swiss_directory_index(UINT64_MAX, 0, 64), 0);
}

/* makeProbeSeq/next: h1 picks the first group; triangular steps visit
 * every group of a power-of-two table once before repeating. */
static void test_probe(void)
{
	CHECK_EQ_I(gg_swiss_h1(0x1234), 0x24);
	CHECK_EQ_I(gg_swiss_h2(0x1234), 0x34);
	gg_swiss_probe p = gg_swiss_probe_start(5 << 7, 8);
	uint64_t want[8] = {5, 6, 0, 3, 7, 4, 2, 1};
	for (int i = 0; i < 8; i++, gg_swiss_probe_next(&p))
		CHECK_EQ_I(p.offset, want[i]);
	for (uint64_t groups = 1; groups <= 128; groups *= 2) {
		unsigned char seen[128] = {0};
		int distinct = 0;
		gg_swiss_probe q = gg_swiss_probe_start(UINT64_C(0x9e3779b97f4a7c15), groups);
		for (uint64_t i = 0; i < groups; i++, gg_swiss_probe_next(&q))
			distinct += !seen[q.offset]++;
		CHECK_EQ_I(distinct, groups);
	}
}

static void test_tombstones(void)
{
	CHECK(gg_swiss_delete_leaves_tombstone(0));
	CHECK(!gg_swiss_delete_leaves_tombstone(1));
	CHECK_EQ_I(gg_swiss_tombstones(16, 5, 3), 14 - 5 - 3);
	CHECK_EQ_I(gg_swiss_tombstones(1024, 800, 0), 96);
	CHECK(!gg_swiss_prunes_tombstones(24));
	CHECK(gg_swiss_prunes_tombstones(25));
	CHECK(gg_swiss_prunes_tombstones(27));
	/* Clear of an empty map: at once in 1.24; 1.25+ runs it if a delete
	 * may have left a tombstone. */
	CHECK(gg_swiss_clear_runs(24, 1, 0) && gg_swiss_clear_runs(27, 1, 0));
	CHECK(!gg_swiss_clear_runs(24, 0, 1));
	CHECK(gg_swiss_clear_runs(25, 0, 1) && gg_swiss_clear_runs(27, 0, 1));
	CHECK(!gg_swiss_clear_runs(25, 0, 0) && !gg_swiss_clear_runs(27, 0, 0));
	CHECK(gg_swiss_prune_worth(103, 1024)); /* 10% of 1024 is 102.4 */
	CHECK(!gg_swiss_prune_worth(102, 1024));
	CHECK(gg_swiss_full_small_put_grows(24));
	CHECK(gg_swiss_full_small_put_grows(26));
	CHECK(!gg_swiss_full_small_put_grows(27));
}

/* Splits "9:1,14:2,..." into at most max pairs; returns how many. */
static int transitions(char *s, int64_t *at, int64_t *val, int max)
{
	int n = 0;
	for (char *tok = strtok(s, ","); tok && n < max; tok = strtok(NULL, ",")) {
		char *colon = strchr(tok, ':');
		if (!colon)
			break;
		at[n] = strtoll(tok, NULL, 10);
		val[n++] = strtoll(colon + 1, NULL, 10);
	}
	return n;
}

/* The release of a row ("go1.21.13", "go1.25.12 X:noswissmap"). */
static int row_go(const char *s)
{
	return strncmp(s, "go1.", 4) == 0 ? atoi(s + 4) : 0;
}

/* Classic rows: B goes up at the count grow_at(B-1) says. */
static int check_classic(int go, int64_t *at, int64_t *B, int n)
{
	for (int i = 0; i < n; i++) {
		CHECK_EQ_I(B[i], i + 1);
		CHECK_EQ_I(gg_classic_grow_at(go, (int)B[i] - 1), at[i]);
	}
	return n > 0;
}

/* Swiss rows (count:capacity): replay the rules as a runtime would on one
 * table, from an empty map, and compare every capacity change. */
static int check_swiss(int64_t *at, int64_t *cap, int n)
{
	int64_t want_at[16], want_cap[16];
	int k = 0;
	want_at[k] = 1, want_cap[k++] = GG_MAP_SLOTS; /* growToSmall */
	uint64_t c = GG_SWISS_FIRST_TABLE_CAP, left = gg_swiss_growth_left(c) - GG_MAP_SLOTS;
	want_at[k] = GG_MAP_SLOTS + 1, want_cap[k++] = (int64_t)c;
	left--; /* the 9th key itself */
	for (int64_t key = GG_MAP_SLOTS + 2; k < 16; key++) {
		if (left > 0) {
			left--;
			continue;
		}
		uint64_t used = gg_swiss_growth_left(c);
		if (gg_swiss_rehash_splits(c)) {
			want_at[k] = key, want_cap[k++] = 2 * GG_SWISS_MAX_TABLE_CAP;
			break;
		}
		c *= 2;
		left = gg_swiss_growth_left(c) - used - 1;
		want_at[k] = key, want_cap[k++] = (int64_t)c;
	}
	CHECK_EQ_I(n, k);
	for (int i = 0; i < n && i < k; i++) {
		CHECK_EQ_I(at[i], want_at[i]);
		CHECK_EQ_I(cap[i], want_cap[i]);
	}
	return 1;
}

/* Every transitions row of a mapgrow file; returns the rows checked. */
static int grow_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[8192];
	int rows = 0;
	while (fgets(line, sizeof line, f)) {
		char *go = strtok(line, "\t"), *arch = strtok(NULL, "\t"), *type = strtok(NULL, "\t");
		char *tr = strtok(NULL, "\t\n");
		if (!go || !arch || !type || !tr || row_go(go) == 0)
			continue;
		int release = row_go(go);
		int64_t at[64], val[64];
		int n = transitions(tr, at, val, 64);
		int swiss = release >= 24 && !strstr(go, "noswissmap");
		rows += swiss ? check_swiss(at, val, n) : check_classic(release, at, val, n);
	}
	fclose(f);
	return rows;
}

/* makemap.tsv rows of classic releases: B is gg_classic_B of the hint. */
static int make_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[1024];
	int rows = 0;
	while (fgets(line, sizeof line, f)) {
		char *go = strtok(line, "\t"), *arch = strtok(NULL, "\t"), *type = strtok(NULL, "\t");
		char *hint = strtok(NULL, "\t"), *B = strtok(NULL, "\t");
		int release = go ? row_go(go) : 0;
		if (!arch || !type || !hint || !B || release == 0 ||
		    (release >= 24 && !strstr(go, "noswissmap")))
			continue;
		CHECK_EQ_I(gg_classic_B(release, strtoll(hint, NULL, 10)), strtoll(B, NULL, 10));
		rows++;
	}
	fclose(f);
	return rows;
}

static void test_real_go(const char *data)
{
	char path[512];
	snprintf(path, sizeof path, "%s/validation/mapgrow_classic.tsv", data);
	CHECK(grow_file(path) >= 40);
	static const int gos[] = {19, 21, 22, 23, 24, 25, 26, 27};
	int grow = 0, make = 0;
	for (size_t i = 0; i < sizeof gos / sizeof gos[0]; i++) {
		snprintf(path, sizeof path, "%s/probe-maps/go1.%d/mapgrow.tsv", data, gos[i]);
		grow += grow_file(path);
		snprintf(path, sizeof path, "%s/probe-maps/go1.%d/makemap.tsv", data, gos[i]);
		make += make_file(path);
	}
	CHECK(grow >= 100);
	CHECK(make >= 100);
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "tests/data";
	test_load_factor();
	test_overflow_rules();
	test_bucket_array();
	test_swiss_shape();
	test_swiss_directory();
	test_probe();
	test_tombstones();
	test_real_go(data);
	return check_summary();
}
