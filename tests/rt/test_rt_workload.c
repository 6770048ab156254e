/* The runtime executor of workload scripts (gogrow/rt_workload.h): real
 * slices and maps on a gogrow heap, measured by the heap's MemStats.
 *
 * The figures are checked against real Go where it was measured
 * (tests/data/workload/examples.tsv, MemStats deltas of docs/examples run
 * by go1.21/1.24/1.25), against Go's size classes worked out by hand for
 * small scripts, and against the executor's own bookkeeping (per-line
 * figures add up to the totals); errors come back as statuses. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "gogrow/rt_alloc.h"
#include "gogrow/rt_workload.h"

static gg_status run_on(const char *src, const char *arch, int go, gg_mapexp noswiss,
			gg_rt_workload_result *r, gg_workload_diag *d)
{
	gg_target t;
	gg_error err;
	gg_workload_limits lim;
	gg_workload *p;
	memset(r, 0, sizeof *r);
	if (gg_target_make(arch, go, &t, &err) != GG_OK)
		return err.code;
	gg_workload_default_limits(&lim);
	gg_status st = gg_workload_parse(src, strlen(src), &lim, &p, d);
	if (st != GG_OK)
		return st;
	st = gg_rt_workload_run(&t, p, noswiss, 1, r, d);
	gg_workload_free(p);
	return st;
}

static gg_status run(const char *src, int go, gg_rt_workload_result *r, gg_workload_diag *d)
{
	return run_on(src, gg_rt_host_arch(), go, 0, r, d);
}

/* Sites add up to the totals: every allocation is charged to one line. */
static void check_sums(const gg_rt_workload_result *r)
{
	uint64_t bytes = 0, objs = 0;
	for (int i = 0; i < r->nsites; i++) {
		bytes += r->sites[i].bytes;
		objs += r->sites[i].mallocs;
	}
	CHECK_EQ_I(bytes, r->total_alloc);
	CHECK_EQ_I(objs, r->mallocs);
}

/* append one int at a time: caps 1, 2, 4, 8 (growslice doubles), arrays
 * of 8 bytes (a tiny block of 16), 16, 32 and 64: 128 bytes, 4 objects.
 * The peak is the 32- and 64-byte arrays at once plus the tiny block the
 * heap still holds; at the end only the last array is live. */
static void test_slice(void)
{
	gg_rt_workload_result r;
	gg_workload_diag d;
	CHECK(run("s = make([]int, 0)\nrepeat 5 {\n append s 1\n}\n", 22, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 128);
	CHECK_EQ_I(r.mallocs, 4);
	CHECK_EQ_I(r.final_live, 64);
	CHECK_EQ_I(r.tiny_allocs, 1);
	CHECK(!r.peak_comparable); /* tiny: not compared, said so */
	CHECK(r.comparable);
	CHECK_EQ_I(r.ops, 6);
	CHECK_EQ_I(r.nsites, 2);
	check_sums(&r);
	gg_rt_workload_result_free(&r);
}

/* make([]int, 0, 1000) twice: 8000 bytes is the 8192-byte size class; both
 * arrays are live when the second is made, one at the end. */
static void test_peak(void)
{
	gg_rt_workload_result r;
	gg_workload_diag d;
	CHECK(run("s = make([]int, 0, 1000)\ns = make([]int, 0, 1000)\n", 24, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 2 * 8192);
	CHECK_EQ_I(r.peak, 2 * 8192);
	CHECK_EQ_I(r.final_live, 8192);
	CHECK(r.peak_comparable);
	gg_rt_workload_result_free(&r);
}

/* A local constant-size make is on the stack: 8 appends fit, the 9th
 * grows to cap 16 on the heap (128 bytes). */
static void test_local(void)
{
	gg_rt_workload_result r;
	gg_workload_diag d;
	CHECK(run("local s = make([]int, 0, 8)\nappend s 8\n", 24, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 0);
	gg_rt_workload_result_free(&r);
	CHECK(run("local s = make([]int, 0, 8)\nappend s 9\n", 24, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 128);
	CHECK_EQ_I(r.mallocs, 1);
	gg_rt_workload_result_free(&r);
}

/* make(map[int]int) on Swiss releases: one maps.Map, 48 bytes on a 64-bit
 * host (used, seed, dirPtr, dirLen, globalDepth/Shift/writing..., clearSeq),
 * allocated as a stand-in for the runtime's own header. */
static void test_map_header(void)
{
	gg_rt_workload_result r;
	gg_workload_diag d;
	if (strcmp(gg_rt_host_arch(), "amd64") && strcmp(gg_rt_host_arch(), "arm64"))
		return;
	CHECK(run("m = make(map[int]int)\n", 24, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 48);
	CHECK_EQ_I(r.mallocs, 1);
	CHECK_EQ_I(r.stand_ins, 1);
	gg_rt_workload_result_free(&r);
	/* Classic (go1.23): hmap is 48 bytes too (count, flags, B, noverflow,
	 * hash0, buckets, oldbuckets, nevacuate, extra). */
	CHECK(run("m = make(map[int]int)\n", 23, &r, &d) == GG_OK);
	CHECK_EQ_I(r.total_alloc, 48);
	gg_rt_workload_result_free(&r);
}

static void test_errors(void)
{
	gg_rt_workload_result r;
	gg_workload_diag d;
	CHECK(run("rows = make([][]int, 3)\nappend rows[3] 1\n", 24, &r, &d) == GG_ERR_PANIC);
	CHECK_EQ_I(d.line, 2);
	CHECK_STR_CONTAINS(d.msg, "index out of range [3] with length 3");
	gg_rt_workload_result_free(&r);
	CHECK(run("m = make(map[int]int)\nc = clone m\n", 20, &r, &d) == GG_ERR_RELEASE);
	gg_rt_workload_result_free(&r);
	/* 2^28 ints are 2 GiB: past the heap limit, an error and no crash. */
	CHECK(run("s = make([]int, 0)\nappend s 268435456\n", 24, &r, &d) == GG_ERR_NOMEM);
	CHECK_EQ_I(d.line, 2);
	gg_rt_workload_result_free(&r);
	/* A new key's slice, appended to, then the put out of memory (the big
	 * slice leaves 1 MiB; a table is the largest request): the slice is
	 * dropped, not leaked (LeakSanitizer says so in the ASan build). */
	for (int go = 22; go <= 26; go += 4) {
		CHECK(run("big = make([]byte, 1072693248)\nm = make(map[int][]int)\nrepeat 100000 {\n append "
			  "m[i] 1\n}\n",
			  go, &r, &d) == GG_ERR_NOMEM);
		CHECK_EQ_I(d.line, 4);
		gg_rt_workload_result_free(&r);
		/* The same for an append to a nil entry that runs out of memory. */
		CHECK(
		    run("big = make([]byte, 1072693248)\nm = make(map[int][]int)\nrepeat 100 {\n set m[i]\n "
			"append m[i] 100000\n}\n",
			go, &r, &d) == GG_ERR_NOMEM);
		CHECK_EQ_I(d.line, 5);
		gg_rt_workload_result_free(&r);
	}
	CHECK(run("m = make(map[int][]int)\nappend m[1] 1\nc = clone m\n", 24, &r, &d) == GG_ERR_UNSUPPORTED);
	gg_rt_workload_result_free(&r);
	const char *other = strcmp(gg_rt_host_arch(), "386") ? "386" : "amd64";
	CHECK(run_on("s = make([]int, 1)\n", other, 24, 0, &r, &d) == GG_ERR_ARCH);
	CHECK_STR_CONTAINS(d.msg, "host");
	gg_rt_workload_result_free(&r);
}

/* One row of examples.tsv on this host: where the runtime allocates as Go
 * does and nothing depends on the hash seed (Swiss before its first
 * split: every example), the heap's figures are real Go's. Returns 1 when
 * the row was compared. */
static int example_row(const char *data, const char *name, int go, long long total, long long mallocs)
{
	char path[512];
	static char src[8192];
	snprintf(path, sizeof path, "%s/../../docs/examples/%s.sim", data, name);
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return 0;
	size_t n = fread(src, 1, sizeof src - 1, f);
	fclose(f);
	src[n] = 0;
	gg_rt_workload_result r;
	gg_workload_diag d;
	CHECK(run(src, go, &r, &d) == GG_OK);
	check_sums(&r);
	int compared = go >= 24 && r.comparable;
	if (compared) {
		CHECK_EQ_I(r.total_alloc, total);
		CHECK_EQ_I(r.mallocs, mallocs);
	}
	gg_rt_workload_result_free(&r);
	return compared;
}

static void test_examples_real_go(const char *data)
{
	char path[512], line[256];
	snprintf(path, sizeof path, "%s/workload/examples.tsv", data);
	FILE *f = fopen(path, "r");
	CHECK(f != NULL);
	if (!f)
		return;
	int compared = 0, host_rows = 0;
	while (fgets(line, sizeof line, f)) {
		char name[32], arch[16];
		int go;
		long long total, mallocs;
		if (line[0] == '#' || sscanf(line, "%31[^\t]\t1.%d\t%15[^\t]\t%lld\t%lld", name, &go, arch,
					     &total, &mallocs) != 5)
			continue;
		if (strcmp(arch, gg_rt_host_arch()))
			continue;
		host_rows++;
		compared += example_row(data, name, go, total, mallocs);
	}
	fclose(f);
	/* On amd64: 5 examples x 1.24/1.25/1.27, less clone on 1.25+ (Go copies the
	 * structure; the runtime cannot, and says so). */
	if (!strcmp(gg_rt_host_arch(), "amd64")) {
		CHECK_EQ_I(host_rows, 20);
		CHECK_EQ_I(compared, 13);
	}
}

int main(int argc, char **argv)
{
	const char *data = argc > 1 ? argv[1] : "tests/data";
	if (!gg_rt_host_arch()) {
		printf("host is not a Go port: nothing to run\n");
		return 0;
	}
	test_slice();
	test_peak();
	test_local();
	test_map_header();
	test_errors();
	test_examples_real_go(data);
	return check_summary();
}
