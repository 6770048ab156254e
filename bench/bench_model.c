/* Model throughput: predictions per second for append (growslice) and
 * layout, on one core. Prints one TSV line per benchmark:
 *   name  ops  seconds  ops_per_sec
 * bench/run.sh puts these side by side with the peers. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "gogrow/map.h"
#include "gogrow/slice.h"
#include "gogrow/types.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void report(const char *name, long ops, double secs)
{
	printf("%s\t%ld\t%.4f\t%.0f\n", name, ops, secs, (double)ops / secs);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000000;
	gg_target t64, t32;
	gg_error err;
	if (gg_target_make("amd64", 27, &t64, &err) != GG_OK ||
	    gg_target_make("386", 19, &t32, &err) != GG_OK)
		return 1;
	/* append: a spread of lengths, element sizes and pointer-ness. */
	static const uint64_t sizes[] = {1, 3, 8, 12, 16, 24, 40, 100, 1000, 9000};
	volatile int64_t sink = 0;
	double t0 = now();
	for (long i = 0; i < n; i++) {
		gg_grow g;
		gg_elem e = {sizes[i % 10], (int)(i & 1)};
		int64_t len = (i * 7919) % 100000;
		if (gg_growslice((i & 2) ? &t64 : &t32, e, len, len, 1 + (i % 13), &g, &err) == GG_OK)
			sink += g.newcap;
	}
	report("append", n, now() - t0);

	/* layout of a parsed type (the parse is done once, as conform does). */
	gg_typeexpr *te;
	if (gg_type_parse("struct{a int8; b struct{x int64; y [3]string}; c atomic.Int64; d []byte}", &te,
			  &err) != GG_OK)
		return 1;
	long m = n / 4;
	t0 = now();
	for (long i = 0; i < m; i++) {
		gg_layout l;
		if (gg_layout_of((i & 1) ? &t64 : &t32, gg_typeexpr_root(te), &l, &err) == GG_OK)
			sink += (int64_t)l.size;
	}
	report("layout", m, now() - t0);
	gg_typeexpr_free(te);

	/* parse + layout from text, as a batch of fresh questions would be. */
	long p = n / 40;
	t0 = now();
	for (long i = 0; i < p; i++) {
		gg_layout l;
		if (gg_type_parse("struct{a uint64; b [3]byte}", &te, &err) == GG_OK) {
			if (gg_layout_of(&t64, gg_typeexpr_root(te), &l, &err) == GG_OK)
				sink += (int64_t)l.size;
			gg_typeexpr_free(te);
		}
	}
	report("parse+layout", p, now() - t0);

	/* make(map[K]V, hint): bucket/group layout and the allocations, over
	 * classic and Swiss releases and a spread of hints. */
	if (gg_type_parse("map[string][]int", &te, &err) != GG_OK)
		return 1;
	gg_target tm[4];
	static const int gos[] = {19, 21, 23, 27};
	for (int k = 0; k < 4; k++)
		if (gg_target_make(k & 1 ? "386" : "amd64", gos[k], &tm[k], &err) != GG_OK)
			return 1;
	long q = n / 10;
	t0 = now();
	for (long i = 0; i < q; i++) {
		gg_maptype mt;
		gg_mapmake mk;
		if (gg_map_type(&tm[i & 3], gg_typeexpr_root(te), 0, &mt, &err) == GG_OK &&
		    gg_makemap(&mt, (i * 7919) % 1000000, 0, &mk, &err) == GG_OK)
			sink += (int64_t)mk.bytes;
	}
	report("makemap", q, now() - t0);
	gg_typeexpr_free(te);
	return sink == 42 ? 2 : 0;
}
