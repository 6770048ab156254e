/* Workload scripts (src/model/workload/, what `gogrow simulate` runs): parse errors with their
 * line and column, limits, and runs checked against real Go. The map of
 * slices example was measured with go1.22.12 and go1.27.4 (TotalAlloc and
 * Mallocs deltas of the loop, keys built beforehand; docs/simulate.md):
 * go1.27 is exact, go1.22 differs by the classic overflow buckets the
 * model leaves out (seed dependent, labelled). */
#include <stdlib.h>

#include "check.h"
#include "gogrow/workload.h"

/* 1 when the script parses and runs. */
static int run(const char *src, const char *arch, int go, gg_workload_result *r, gg_workload_diag *d)
{
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	return GG_OK == gg_workload_script(&(gg_target){check_target(arch, go).arch, go}, src, strlen(src), 0,
					   &lim, r, d);
}

/* The script must fail at line:col with a message containing `msg`. */
static void bad(const char *src, int line, int col, gg_status code, const char *msg)
{
	gg_workload_result r;
	gg_workload_diag d;
	int ok = run(src, "amd64", 27, &r, &d);
	CHECK(!ok);
	CHECK_EQ_I(d.line, line);
	CHECK_EQ_I(d.col, col);
	CHECK_EQ_I(d.code, code);
	CHECK_STR_CONTAINS(d.msg, msg);
	gg_workload_result_free(&r);
}

static const char example[] = "# map of slices double growth\n"
			      "m = make(map[string][]int)\n"
			      "repeat 100000 {\n"
			      "\tappend m[key(i % 100)] 1\n"
			      "}\n";

static void test_example(void)
{
	static const struct {
		const char *arch;
		int go;
		uint64_t total, objects, grows;
	} want[] = {
	    {"amd64", 27, 2531512, 1211, 1200}, /* real: 2531512 1211 */
	    {"386", 27, 1297848, 1111, 1100},	/* real: 1297848 1111 */
	    {"amd64", 22, 2532552, 1207, 1200}, /* real: 2533256..2533608, 1209..1210 (overflow buckets) */
	    {"386", 22, 1297776, 1107, 1100},	/* real: 1298544..1298928, 1111..1113 */
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		gg_workload_result r;
		gg_workload_diag d;
		CHECK(run(example, want[i].arch, want[i].go, &r, &d));
		CHECK_EQ_I(r.total_alloc, want[i].total);
		CHECK_EQ_I(r.allocs, want[i].objects);
		CHECK_EQ_I(r.ops, 100001);
		/* 12 grows to cap 1280 (11 to 1024 + 256 on 32-bit: 4-byte ints) for each of 100 slices */
		CHECK_EQ_I(r.growslices, want[i].grows);
		CHECK_EQ_I(r.map_grows, 4);
		CHECK_EQ_I(r.nvars, 1);
		CHECK_EQ_I(r.vars[0].count, 100);
		CHECK_EQ_I(r.vars[0].e_slices, 100);
		CHECK(r.peak >= r.final_live);
		/* Live at the end: the map and 100 arrays of 1280 ints. */
		CHECK_EQ_I(r.final_live, r.vars[0].live + r.vars[0].e_live);
		CHECK_EQ_I(r.inexact, want[i].go == 22); /* classic: overflow buckets not counted */
		gg_workload_result_free(&r);
	}
}

/* A second workload measured the same way (go1.21.13, go1.27.4; m and s
 * globals): tiny []byte arrays packed two to a block, a hinted Swiss or
 * classic map, a []int32 growing 3 at a time. Exact everywhere. */
static void test_workload2(void)
{
	static const char src[] = "m = make(map[int][]byte, 50)\ns = make([]int32, 0)\nrepeat 3000 {\n"
				  " append m[key(i % 40)] 1\n append s 3\n}\n";
	static const struct {
		const char *arch;
		int go;
		uint64_t total, objects;
	} want[] = {
	    {"amd64", 21, 156024, 219},
	    {"386", 21, 153824, 219},
	    {"amd64", 27, 153480, 220},
	    {"386", 27, 152304, 220},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		gg_workload_result r;
		gg_workload_diag d;
		CHECK(run(src, want[i].arch, want[i].go, &r, &d));
		CHECK_EQ_I(r.total_alloc, want[i].total);
		CHECK_EQ_I(r.allocs, want[i].objects);
		gg_workload_result_free(&r);
	}
}

static void test_slices(void)
{
	gg_workload_result r;
	gg_workload_diag d;
	/* make([]int, 0) allocates nothing; appends 1..5 one at a time: caps 1 2 4 8,
	 * the 8-byte array is a tiny allocation (a fresh 16-byte block). */
	CHECK(run("s = make([]int, 0)\nrepeat 5 {\n append s 1\n}\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.growslices, 4);
	CHECK_EQ_I(r.vars[0].cap, 8);
	CHECK_EQ_I(r.total_alloc, 16 + 16 + 32 + 64);
	CHECK_EQ_I(r.final_live, 64);
	CHECK_EQ_I(r.peak, 32 + 64); /* old and new array at the moment of the copy */
	CHECK_EQ_I(r.nevents, 5);
	gg_workload_result_free(&r);
	/* Two 8-byte tiny arrays share one block; the third opens another. */
	CHECK(run("a = make([]int, 1)\nb = make([]int, 1)\nc = make([]int, 1)\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.total_alloc, 32);
	CHECK_EQ_I(r.allocs, 3);
	gg_workload_result_free(&r);
	/* A tiny block is live while any array in it is: 100 one-byte arrays
	 * fill 7 blocks, only the last stays reachable; t's first two arrays
	 * share it, its 16-byte third one does not. */
	CHECK(run("repeat 100 {\n s = make([]byte, 1)\n}\nt = make([]int32, 1)\nrepeat 3 {\n append t 1\n}\n",
		  "amd64", 27, &r, &d));
	CHECK_EQ_I(r.total_alloc, 7 * 16 + 16);
	CHECK_EQ_I(r.allocs, 103);
	CHECK_EQ_I(r.final_live, 32);
	CHECK_EQ_I(r.vars[0].live + r.vars[1].live, 32);
	CHECK_EQ_I(r.peak, 32);
	gg_workload_result_free(&r);
	/* A re-make drops the old array. */
	CHECK(run("s = make([]byte, 0, 1000)\ns = make([]byte, 0, 10)\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.final_live, 16);
	CHECK_EQ_I(r.peak, 1024 + 16);
	gg_workload_result_free(&r);
	/* Appending past maxint is Go's panic. */
	CHECK(!run("s = make([]byte, 0)\nappend s 1073741824\nappend s 1073741824\n", "386", 27, &r, &d));
	CHECK_EQ_I(d.code, GG_ERR_PANIC);
	CHECK_EQ_I(d.line, 3);
	gg_workload_result_free(&r);
}

static void test_maps(void)
{
	gg_workload_result r;
	gg_workload_diag d;
	/* 1.24-1.26: an update of a full small map turns it into a table (328 bytes). */
	const char *ow = "m = make(map[int64]int64)\nrepeat 9 {\n set m[key(i % 8)]\n}\n";
	CHECK(run(ow, "amd64", 26, &r, &d));
	CHECK_EQ_I(r.map_grows, 1);
	CHECK_EQ_I(r.total_alloc, 48 + 144 + 328);
	gg_workload_result_free(&r);
	CHECK(run(ow, "amd64", 27, &r, &d));
	CHECK_EQ_I(r.map_grows, 0);
	gg_workload_result_free(&r);
	/* GOEXPERIMENT=noswissmap: classic in 1.24, refused where there is no classic map. */
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	gg_target t24 = check_target("amd64", 24), t26 = check_target("amd64", 26);
	CHECK(GG_OK == gg_workload_script(&t24, ow, strlen(ow), 1, &lim, &r, &d));
	CHECK_EQ_I(r.vars[0].impl, GG_MAP_CLASSIC);
	gg_workload_result_free(&r);
	CHECK(GG_OK != gg_workload_script(&t26, ow, strlen(ow), 1, &lim, &r, &d));
	CHECK_EQ_I(d.line, 1);
	gg_workload_result_free(&r);
	/* Swiss: 1000 int64 keys cost 74456 bytes as measured; past 897 it is labelled. */
	CHECK(run("m = make(map[int64]int64)\nrepeat 1000 {\n set m[key(i)]\n}\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.total_alloc, 74456);
	CHECK_EQ_I(r.vars[0].exact_until, 897);
	CHECK(r.inexact);
	CHECK_STR_CONTAINS(r.vars[0].note, "hash seed");
	gg_workload_result_free(&r);
	/* Classic: deletes do not shrink, re-inserting up to the old count does not grow. */
	CHECK(run(
	    "m = make(map[int64]int64)\nrepeat 100 {\n set m[key(i)]\n}\nrepeat 100 {\n delete m[key(i)]\n}\n"
	    "repeat 100 {\n set m[key(i + 1000)]\n}\n",
	    "amd64", 22, &r, &d));
	CHECK_EQ_I(r.map_grows, 4);
	CHECK_EQ_I(r.vars[0].count, 100);
	CHECK_EQ_I(r.vars[0].peak_count, 100);
	/* Old buckets: 1 + 2 + 4 + 8 buckets evacuated, one write each at most. */
	CHECK_EQ_I(r.vars[0].evac_ops, 15);
	CHECK(r.evac_peak > 0);
	gg_workload_result_free(&r);
	/* Deleting an entry frees its slice at once. */
	CHECK(run("m = make(map[int][]byte)\nappend m[key(1)] 100\ndelete m[key(1)]\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.vars[0].e_live, 0);
	CHECK_EQ_I(r.final_live, r.vars[0].live);
	gg_workload_result_free(&r);
}

static void test_errors(void)
{
	bad("s = make([]int, 0)\nappend s 1/0\n", 2, 11, GG_ERR_RANGE, "division by zero");
	bad("s = make([]int, 0)\nappend s 9223372036854775807+1\n", 2, 29, GG_ERR_RANGE, "integer overflow");
	bad("append s 1\n", 1, 8, GG_ERR_SYNTAX, "undefined: s");
	bad("repeat 3 {\n", 1, 1, GG_ERR_SYNTAX, "not closed");
	bad("}\n", 1, 1, GG_ERR_SYNTAX, "without a repeat");
	bad("repeat 100000 {\n repeat 100000 {\n  s = make([]int, 0)\n }\n}\n", 2, 2, GG_ERR_RANGE,
	    "loop iterations");
	bad("repeat 1000 {\n repeat 1000 {\n  repeat 600 {\n   s = make([]int, 0)\n   s = make([]int, 0)\n  "
	    "}\n }\n}\n",
	    5, 4, GG_ERR_RANGE, "operations");
	bad("repeat i {\n}\n", 1, 8, GG_ERR_SYNTAX, "constant");
	bad("s = make([]int, 0)\nrepeat 3 { append s 1 }\n", 2, 12, GG_ERR_SYNTAX, "starts on the next line");
	bad("s = make([]int, 0)\nset s[1]\n", 2, 5, GG_ERR_SYNTAX, "not a map");
	bad("m = make(map[int]int)\nappend m[key(1)]\n", 2, 8, GG_ERR_SYNTAX, "not slices");
	bad("x = make(map[[]int]int)\n", 1, 14, GG_ERR_SYNTAX, "invalid map key");
	bad("s = make(int, 1)\n", 1, 10, GG_ERR_SYNTAX, "slice or map type");
	bad("s = make([]int, 0)\ns = make([]byte, 0)\n", 2, 10, GG_ERR_SYNTAX, "was made as []int");
	bad("s = make([]int, 0)\nappend s "
	    "(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))"
	    "))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n",
	    2, 74, GG_ERR_RANGE, "nested too deeply");
	bad("s = make([]int, 0)\nappend s 1 2\n", 2, 12, GG_ERR_SYNTAX, "unexpected");
	bad("s = make([]int, -1)\n", 1, 1, GG_ERR_PANIC, "makeslice: len out of range");
	bad("m = make(map[int][]int)\nappend m[key(1)] -1\n", 2, 1, GG_ERR_RANGE, "cannot append -1");
	/* More distinct keys than the limit: refused when parsed (it took 23 s and 3.9 GB). */
	bad("m = make(map[int]int)\nrepeat 20000000 {\n set m[key(2*i+1)]\n}\n", 3, 6, GG_ERR_RANGE,
	    "inserts 20000000 distinct keys");
	/* A NUL byte is refused where it stands, even in a comment (it used to cut the line). */
	static const char nul[] = "s = make([]int, 0)\nappend s 1\0 2\n";
	gg_workload_result r;
	gg_workload_diag d;
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	gg_target t = check_target("amd64", 27);
	CHECK(gg_workload_script(&t, nul, sizeof nul - 1, 0, &lim, &r, &d) == GG_ERR_SYNTAX);
	CHECK_EQ_I(d.line, 2);
	CHECK_EQ_I(d.col, 11);
	CHECK_STR_CONTAINS(d.msg, "NUL byte");
	gg_workload_result_free(&r);
	static const char nulc[] = "s = make([]int, 0) # a\0b\n";
	CHECK(gg_workload_script(&t, nulc, sizeof nulc - 1, 0, &lim, &r, &d) == GG_ERR_SYNTAX);
	gg_workload_result_free(&r);
}

/* A Swiss split allocates two tables, two group arrays and a directory:
 * five objects, not three records. Real go1.27 amd64, 897 string keys:
 * TotalAlloc 109016 bytes and Mallocs 22 (the loop's deltas). */
static void test_split_objects(void)
{
	gg_workload_result r;
	gg_workload_diag d;
	CHECK(run("m = make(map[string]int)\nrepeat 897 {\n set m[key(i)]\n}\n", "amd64", 27, &r, &d));
	CHECK_EQ_I(r.total_alloc, 109016);
	CHECK_EQ_I(r.allocs, 22);
	gg_workload_result_free(&r);
}

/* The default figures where the seed decides (gg_workload_seed with 21
 * runs, as simulate runs it) against real Go: tests/data/workload/seeded.tsv,
 * a million int keys, on classic and Swiss releases, amd64 and 386. The
 * simulated median must be within 1% of real Go's median. */
static void test_seeded_vs_real(const char *data)
{
	char path[512], line[512];
	snprintf(path, sizeof path, "%s/workload/seeded.tsv", data);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	int rows = 0;
	while (fgets(line, sizeof line, f)) {
		char go[64], arch[16], type[64];
		long long n, min, median, max;
		if (line[0] == '#' || !strncmp(line, "go\t", 3))
			continue;
		if (sscanf(line, "%63[^\t]\t%15[^\t]\t%63[^\t]\t%lld\t%lld\t%lld\t%lld", go, arch, type, &n,
			   &min, &median, &max) != 7) {
			CHECK(!"bad row in seeded.tsv");
			continue;
		}
		int minor = 0;
		gg_error err;
		int noswiss = strstr(go, "noswissmap") != NULL;
		char *x = strstr(go, " X:");
		if (x)
			*x = 0;
		if (gg_release_parse(go, &minor, &err) != GG_OK) {
			CHECK(!"bad release in seeded.tsv");
			continue;
		}
		gg_target t = check_target(arch, minor);
		char src[256];
		snprintf(src, sizeof src, "m = make(%s)\nrepeat %lld {\n set m[key(i)]\n}\n", type, n);
		gg_workload_limits lim;
		gg_workload_default_limits(&lim);
		gg_workload_result r;
		gg_workload_diag d;
		gg_workload_seeded sd;
		CHECK(gg_workload_script(&t, src, strlen(src), noswiss, &lim, &r, &d) == GG_OK);
		CHECK(gg_workload_seed(&r, 21, 1, &sd, &err) == GG_OK);
		CHECK_EQ_I(sd.nmaps, 1);
		double off = ((double)sd.total.median - (double)median) / (double)median;
		printf("seeded %s %s %s n=%lld: real median %lld, simulated %llu (%+.3f%%)\n", go, arch, type,
		       n, median, (unsigned long long)sd.total.median, 100 * off);
		CHECK(off < 0.01 && off > -0.01);
		/* The deterministic part alone is far below: it is no headline. */
		CHECK(r.total_alloc < sd.total.min || minor < 24 || noswiss);
		gg_workload_seeded_free(&sd);
		gg_workload_result_free(&r);
		rows++;
	}
	fclose(f);
	CHECK(rows >= 8);
	/* docs/examples/mapofslices.sim on go1.22 amd64: real 2533256, 2533608,
	 * 2533256 (three runs, docs/simulate.md); classic overflow buckets. */
	gg_workload_result r;
	gg_workload_diag d;
	gg_workload_seeded sd;
	gg_error err;
	CHECK(run(example, "amd64", 22, &r, &d));
	CHECK(gg_workload_seed(&r, 21, 1, &sd, &err) == GG_OK);
	CHECK(sd.total.median > 2533256 * 0.99 && sd.total.median < 2533256 * 1.01);
	CHECK(sd.total.min <= 2533608 && sd.total.max >= 2533256);
	gg_workload_seeded_free(&sd);
	gg_workload_result_free(&r);
}

static void test_limits(void)
{
	/* A long chain of operators is a deep tree: refused, not a stack overflow. */
	size_t n = 1000000;
	char *big = malloc(2 * n + 64);
	strcpy(big, "s = make([]int, 0)\nappend s 1");
	size_t k = strlen(big);
	for (size_t j = 0; j < n; j++)
		big[k++] = '+', big[k++] = '1';
	big[k] = 0;
	bad(big, 2, 9 + 2 * 257, GG_ERR_RANGE, "too many operators"); /* the 257th + */
	free(big);

	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	lim.max_keys = 10;
	lim.max_events = 3;
	gg_workload_result r;
	gg_workload_diag d;
	const char *src = "m = make(map[int]int)\nrepeat 11 {\n set m[key(i)]\n}\n";
	gg_target t = check_target("amd64", 27);
	CHECK(GG_OK != gg_workload_script(&t, src, strlen(src), 0, &lim, &r, &d));
	CHECK_STR_CONTAINS(d.msg, "live map keys");
	CHECK_EQ_I(d.line, 3);
	gg_workload_result_free(&r);
	src = "s = make([]byte, 0)\nrepeat 100 {\n append s 100\n}\n";
	CHECK(GG_OK == gg_workload_script(&t, src, strlen(src), 0, &lim, &r, &d));
	CHECK_EQ_I(r.nevents, 3);  /* kept */
	CHECK(r.events_total > 3); /* counted */
	gg_workload_result_free(&r);
}

/* Every exact row of the real-Go map fill vectors (gogrow probe --kind map, all 14
 * GOARCH: make(map[K]V) then n distinct inserts, TotalAlloc delta) as a
 * script: Swiss maps up to the first split, classic maps up to 8 keys
 * (beyond, overflow buckets depend on the seed). */
static void test_mapfill(const char *data)
{
	char path[512], line[512];
	snprintf(path, sizeof path, "%s/validation/mapfill_probe.tsv", data);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	int rows = 0, bad = 0;
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	while (fgets(line, sizeof line, f)) {
		char go[64], arch[32], type[128];
		long long n;
		unsigned long long bytes;
		if (line[0] == '#' || !strncmp(line, "go\t", 3))
			continue;
		if (sscanf(line, "%63[^\t]\t%31[^\t]\t%127[^\t]\t%lld\t%llu", go, arch, type, &n, &bytes) !=
		    5) {
			CHECK(!"unparsable mapfill row");
			continue;
		}
		int minor = atoi(go + 4), noswiss = strstr(go, "noswissmap") != NULL;
		int classic = minor <= 23 || noswiss;
		if (classic ? n > 8 : n > 897)
			continue;
		gg_target t;
		gg_error err;
		if (gg_target_make(arch, minor, &t, &err) != GG_OK) {
			CHECK(!"unknown target in mapfill");
			continue;
		}
		char src[256];
		snprintf(src, sizeof src, "m = make(%s)\nrepeat %lld {\n set m[key(i)]\n}\n", type, n);
		gg_workload_result r;
		gg_workload_diag d;
		rows++;
		if (gg_workload_script(&t, src, strlen(src), noswiss, &lim, &r, &d) != GG_OK ||
		    r.total_alloc != bytes) {
			if (bad++ < 5)
				fprintf(stderr, "mapfill %s %s %s n=%lld: want %llu, got %llu (%s)\n", go,
					arch, type, n, bytes, (unsigned long long)r.total_alloc, d.msg);
		}
		gg_workload_result_free(&r);
	}
	fclose(f);
	CHECK(rows > 10000);
	CHECK_EQ_I(bad, 0);
	printf("mapfill: %d exact rows as scripts, %d mismatches\n", rows, bad);
}

int main(int argc, char **argv)
{
	test_example();
	test_workload2();
	test_slices();
	test_maps();
	test_errors();
	test_limits();
	test_split_objects();
	/* Under valgrind (scripts/test --full) the million-key simulations
	 * would take minutes; the plain run always has them. */
	if (argc > 1 && !getenv("GOGROW_UNDER_VALGRIND"))
		test_seeded_vs_real(argv[1]);
	if (argc > 1) {
		test_mapfill(argv[1]);
	}
	return check_summary();
}
