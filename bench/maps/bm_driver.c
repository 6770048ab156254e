/* Map benchmark driver: one contender (bm.h) per executable.
 *
 *   bm_X ops u64|str N    insert, lookup hit, lookup miss, iterate, delete
 *                         of N keys; a phase repeats on fresh maps until it
 *                         has done at least 2^20 operations, so small N is
 *                         timed too. Prints "OP name kind N op ns_per_op".
 *   bm_X lat N            fills one map with N uint64 keys timing every
 *                         insert; prints "LAT name N p50 p99 p99.99 max
 *                         over_1ms peak_rss_kib cpu_p99.99 cpu_max
 *                         cpu_over_1ms" (times in ns; cpu_: the thread's
 *                         CPU time per insert).
 *
 * Every phase's result is checked, so a contender that loses keys fails
 * instead of winning. bench/maps/run.sh runs the contenders interleaved. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bm.h"

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Distinct, spread, never 0; the Go peer (go/main.go) uses the same. */
static uint64_t key_of(uint64_t i)
{
	return i * 0x9e3779b97f4a7c15ull + 1;
}

static void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", bm_name, what);
	exit(1);
}

/* splitmix64: the shuffle's random numbers, the same in go/main.go. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Keys in order (insert) and the same keys shuffled within the hits and
 * within the misses (lookups, delete): looking keys up in insertion order
 * would favour node-based maps, whose nodes then sit in memory in the
 * order they are visited. */
static void make_keys(int str, uint64_t n, bm_keys *ins, bm_keys *look)
{
	uint64_t *perm = malloc(2 * n * sizeof *perm), rnd = 42;
	if (!perm)
		die("out of memory for the keys");
	for (uint64_t i = 0; i < 2 * n; i++)
		perm[i] = i;
	for (uint64_t half = 0; half < 2; half++)
		for (uint64_t i = n - 1; i > 0; i--) {
			uint64_t j = next_rand(&rnd) % (i + 1), t = perm[half * n + i];
			perm[half * n + i] = perm[half * n + j];
			perm[half * n + j] = t;
		}
	bm_keys *both[2] = {ins, look};
	for (int w = 0; w < 2; w++) {
		uint64_t *u = str ? NULL : malloc(2 * n * sizeof *u);
		char *b = str ? malloc(2 * n * BM_STR_LEN + 1) : NULL;
		if (!u && !b)
			die("out of memory for the keys");
		for (uint64_t i = 0; i < 2 * n; i++) {
			uint64_t key = key_of(w ? perm[i] : i);
			if (u)
				u[i] = key;
			else /* 16 hex digits; snprintf's NUL lands on the next key */
				snprintf(b + i * BM_STR_LEN, BM_STR_LEN + 1, "%016" PRIx64, key);
		}
		*both[w] = (bm_keys){str, n, u, b};
	}
	free(perm);
}

enum { INS, HIT, MISS, ITER, DEL, NOPS };
static const char *const op_names[NOPS] = {"insert", "hit", "miss", "iterate", "delete"};

/* One map through all phases; adds each phase's time to t[]. */
static void one_map(const bm_keys *k, const bm_keys *look, uint64_t t[NOPS])
{
	uint64_t n = k->n, want = n * (n - 1) / 2;
	void *m = bm_new(k->str);
	if (!m)
		die("cannot make this map");
	uint64_t t0 = now_ns();
	bm_insert(m, k, 0, n);
	uint64_t t1 = now_ns();
	uint64_t hit = bm_lookup(m, look, 0, n);
	uint64_t t2 = now_ns();
	uint64_t miss = bm_lookup(m, look, n, 2 * n);
	uint64_t t3 = now_ns();
	uint64_t sum = bm_iterate(m);
	uint64_t t4 = now_ns();
	uint64_t del = bm_delete(m, look, 0, n);
	uint64_t t5 = now_ns();
	if (hit != want + n || miss != 0 || sum != want || del != n || bm_lookup(m, k, 0, n) != 0)
		die("wrong result");
	bm_free(m);
	t[INS] += t1 - t0, t[HIT] += t2 - t1, t[MISS] += t3 - t2;
	t[ITER] += t4 - t3, t[DEL] += t5 - t4;
}

static void run_ops(int str, uint64_t n)
{
	bm_keys k, look;
	make_keys(str, n, &k, &look);
	uint64_t reps = ((1u << 20) + n - 1) / n, t[NOPS] = {0};
	for (uint64_t r = 0; r < reps; r++)
		one_map(&k, &look, t);
	for (int op = 0; op < NOPS; op++)
		printf("OP %s %s %" PRIu64 " %s %.2f\n", bm_name, str ? "str" : "u64", n, op_names[op],
		       (double)t[op] / (double)(n * reps));
	free((void *)k.u64);
	free((void *)k.bytes);
	free((void *)look.u64);
	free((void *)look.bytes);
}

/* Exact quantiles without an array of N latencies (which would dwarf the
 * map in the peak RSS): a 1 ns histogram below HIST_NS, the rest kept. */
#define HIST_NS (1u << 16)
typedef struct dist {
	uint32_t hist[HIST_NS];
	uint64_t *slow, nslow, cap, over_1ms;
} dist;

static void dist_add(dist *d, uint64_t ns)
{
	d->over_1ms += ns > 1000000;
	if (ns < HIST_NS) {
		d->hist[ns]++;
		return;
	}
	if (d->nslow == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 1024;
		if (!(d->slow = realloc(d->slow, d->cap * sizeof *d->slow)))
			die("out of memory");
	}
	d->slow[d->nslow++] = ns;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The latency at rank r (0-based); the slow ones must be sorted. */
static uint64_t dist_rank(const dist *d, uint64_t r)
{
	for (uint64_t ns = 0; ns < HIST_NS; ns++) {
		if (r < d->hist[ns])
			return ns;
		r -= d->hist[ns];
	}
	return d->slow[r];
}

static uint64_t cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static dist wall, cpu;

/* Each insert's wall time, and its thread CPU time: on a shared machine
 * the wall time's tail is mostly the scheduler running someone else, the
 * CPU time's is the insert's own work and page faults. */
static void run_lat(uint64_t n)
{
	void *m = bm_new(0);
	if (!m)
		die("cannot make this map");
	for (uint64_t i = 0; i < n; i++) {
		uint64_t c0 = cpu_ns(), t0 = now_ns();
		bm_insert_one(m, key_of(i), i);
		uint64_t t1 = now_ns(), c1 = cpu_ns();
		dist_add(&wall, t1 - t0);
		dist_add(&cpu, c1 - c0);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	qsort(wall.slow, wall.nslow, sizeof *wall.slow, cmp_u64);
	qsort(cpu.slow, cpu.nslow, sizeof *cpu.slow, cmp_u64);
	printf("LAT %s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %ld %" PRIu64
	       " %" PRIu64 " %" PRIu64 "\n",
	       bm_name, n, dist_rank(&wall, n / 2), dist_rank(&wall, n - n / 100),
	       dist_rank(&wall, n - n / 10000), dist_rank(&wall, n - 1), wall.over_1ms, ru.ru_maxrss,
	       dist_rank(&cpu, n - n / 10000), dist_rank(&cpu, n - 1), cpu.over_1ms);
	if (bm_iterate(m) != n * (n - 1) / 2)
		die("wrong result");
	bm_free(m);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 2 ? strtoull(argv[argc - 1], NULL, 10) : 0;
	if (n < 1 || n > (1ull << 32)) {
		fprintf(stderr, "usage: %s ops u64|str N | lat N\n", argv[0]);
		return 2;
	}
	if (argc == 3 && strcmp(argv[1], "lat") == 0)
		run_lat(n);
	else if (argc == 4 && strcmp(argv[1], "ops") == 0)
		run_ops(strcmp(argv[2], "str") == 0, n);
	else
		return 2;
	return 0;
}
