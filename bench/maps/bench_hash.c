/* XXH3 (the Swiss map's hash, gg_rt_swiss_hash_u64/_str) against
 * alternatives on 8- and 16-byte keys: XXH64 from the same library, and a
 * multiply-fold of the key words (one 64x64->128 multiply, the mixing
 * step wyhash-like hashes use). Each is timed two ways: a dependent chain
 * (the next key depends on the last hash: latency, as in a lookup that
 * waits for the hash to find its group) and independent keys
 * (throughput). XXH3 is timed inlined with a constant length (as
 * swiss_probe.h compiles it) and through gg_rt_swiss_hash_u64/_str (a
 * call, and the dispatch on a variable length: what the generic paths pay
 * through the type's hash).
 *
 * Usage: bench_hash [N] [ROUNDS]; defaults 1e7, 7. Prints the median
 * ns/hash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gogrow/rt_map.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t fold(uint64_t a, uint64_t b)
{
	__uint128_t p = (__uint128_t)a * b;
	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

/* The alternative: keys of 8 or 16 bytes folded with the seed. */
static uint64_t mum(const void *p, size_t len, uint64_t seed)
{
	uint64_t a, b = 0;
	memcpy(&a, p, 8);
	if (len == 16)
		memcpy(&b, (const char *)p + 8, 8);
	return fold(fold(a ^ seed ^ 0xa0761d6478bd642full, b ^ 0xe7037ed1a0b428dbull) ^ len,
		    seed ^ 0x8ebc6af09c88c6e3ull);
}

enum { XXH3_INLINE, XXH3_LIB, XXH64_INLINE, MUM, NH };
static const char *const names[NH] = {"XXH3 inlined", "XXH3 via gg_rt_swiss_hash_*", "XXH64 inlined",
				      "multiply-fold"};

static uint64_t hash(int h, const void *p, size_t len, uint64_t seed)
{
	switch (h) {
	case XXH3_INLINE:
		return len == 8 ? XXH3_64bits_withSeed(p, 8, seed) : XXH3_64bits_withSeed(p, 16, seed);
	case XXH3_LIB: /* the exported functions call XXH3 with a variable length */
		return len == 8 ? gg_rt_swiss_hash_u64(p, seed)
				: gg_rt_swiss_hash_str(&(gg_rt_str){(const char *)p, 16}, seed);
	case XXH64_INLINE: return len == 8 ? XXH64(p, 8, seed) : XXH64(p, 16, seed);
	default: return len == 8 ? mum(p, 8, seed) : mum(p, 16, seed);
	}
}

static double run(int h, size_t len, int chained, uint64_t n)
{
	uint64_t key[2] = {1, 2}, acc = 0;
	double t0 = now();
	for (uint64_t i = 0; i < n; i++) {
		key[0] = chained ? acc + i : i;
		acc += hash(h, key, len, 42);
	}
	double t = now() - t0;
	if (acc == 1)
		printf(" ");
	return t * 1e9 / (double)n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 7;
	if (rounds < 1 || rounds > 99)
		rounds = 7;
	printf("| hash | 8 B latency | 8 B throughput | 16 B latency | 16 B throughput "
	       "|\n|---|---|---|---|---|\n");
	for (int h = 0; h < NH; h++) {
		printf("| %s |", names[h]);
		for (size_t len = 8; len <= 16; len += 8)
			for (int chained = 1; chained >= 0; chained--) {
				double t[99];
				for (int r = 0; r < rounds; r++)
					t[r] = run(h, len, chained, n);
				qsort(t, (size_t)rounds, sizeof *t, cmp);
				printf(" %.2f |", t[rounds / 2]);
			}
		printf("\n");
	}
	printf("ns per hash, median of %d rounds of %llu\n", rounds, (unsigned long long)n);
	return 0;
}
