/* Single-insert latency of the runtime classic map: fills M uint64 keys
 * into a map made with hint 0 and times every insert. hashGrow's bucket
 * array (2^B buckets, zeroed) is the one step whose size grows with the
 * map; evacuation moves two old buckets per write, so every other insert
 * should stay short. Reports the longest insert overall, the longest that
 * started a grow, and the longest of the rest, with the median, in wall
 * time and in the thread's CPU time (on a shared machine a wall-time
 * maximum is mostly time the thread was not running).
 *
 * Then the repeatable worst insert (lat_repeat.h): RUNS fills with one
 * fixed seed, each in a fresh process, an insert's cost its least CPU time.
 *
 * Usage: bench_classic_latency [M] [go] [RUNS] [ALLOC]; defaults 1e7, 23,
 * 3 and libc (RUNS 0: none; ALLOC libc or heap, the gogrow heap). Build
 * Release. Output: one line per measurement, "what value unit". */
/* MAP_ANONYMOUS (lat_repeat.h) */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gogrow/rt_classic.h"
#include "lat_repeat.h"

static uint64_t clock_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

static uint64_t cpu_ns(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

/* Longest inserts of one clock: those that started a grow, and the rest. */
typedef struct maxes {
	uint64_t grow, rest, at_grow, at_rest;
} maxes;

static void note(maxes *x, uint64_t d, int grow, uint64_t i)
{
	if (grow && d > x->grow) {
		x->grow = d;
		x->at_grow = i;
	} else if (!grow && d > x->rest) {
		x->rest = d;
		x->at_rest = i;
	}
}

static void print_maxes(const char *clock, const maxes *x)
{
	printf("%s_insert_max_growing %llu ns (insert %llu: hashGrow's bucket array)\n", clock,
	       (unsigned long long)x->grow, (unsigned long long)x->at_grow);
	printf("%s_insert_max_other %llu ns (insert %llu)\n", clock, (unsigned long long)x->rest,
	       (unsigned long long)x->at_rest);
}

static int grew; /* set by the tracer when an insert started a grow */

static void on_event(void *ctx, const gg_rt_event *ev)
{
	(void)ctx;
	if (ev->kind == GG_RT_EV_MAP_GROW)
		grew = 1;
}

typedef struct fill_arg {
	int go;
	const char *alloc;
} fill_arg;

static int put(void *m, const uint64_t *k, const uint64_t *v)
{
	return gg_rt_classic_put(m, k, v, NULL) != GG_OK;
}

/* One fill for lat_repeat: the same keys, a fixed seed. */
static int fill_fixed(uint32_t *cpu_ns, uint64_t n, void *arg)
{
	const fill_arg *fa = arg;
	gg_rt_allocator a;
	gg_rt_heap *h;
	if (lat_allocator(fa->alloc, &a, &h) != 0)
		return 1;
	gg_rt_classic_config cfg = {
	    .type = gg_rt_swiss_type_u64(8, 8), .go = fa->go, .alloc = &a, .fixed_seed = 1, .seed = 0x5eed};
	gg_rt_classic *m;
	if (gg_rt_classic_new(&cfg, 0, &m, NULL) != GG_OK)
		return 1;
	int bad = lat_fill(m, put, cpu_ns, n);
	gg_rt_classic_destroy(m);
	if (h)
		gg_rt_heap_destroy(h);
	return bad;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
	int go = argc > 2 ? atoi(argv[2]) : 23;
	int runs = argc > 3 ? atoi(argv[3]) : 3;
	fill_arg fa = {go, argc > 4 ? argv[4] : "libc"};
	gg_rt_allocator a;
	gg_rt_heap *h;
	if (lat_allocator(fa.alloc, &a, &h) != 0) {
		fprintf(stderr, "bench_classic_latency: allocator %s: want libc or heap\n", fa.alloc);
		return 1;
	}
	/* First, while this process's malloc heap is empty: a child would
	 * otherwise reuse its freed blocks, copy-on-write pages. */
	if (runs > 0 && lat_repeat("bench_classic_latency", n, runs, fill_fixed, &fa) != 0)
		return 1;
	gg_rt_classic_config cfg = {.type = gg_rt_swiss_type_u64(8, 8), .go = go, .alloc = &a};
	gg_rt_classic *m;
	gg_error err;
	if (gg_rt_classic_new(&cfg, 0, &m, &err) != GG_OK) {
		fprintf(stderr, "bench_classic_latency: %s\n", err.msg);
		return 1;
	}
	gg_rt_tracer tr = {on_event, NULL};
	gg_rt_classic_set_tracer(m, &tr);
	uint64_t *lat = malloc(n * sizeof *lat);
	maxes wall = {0}, cpu = {0};
	uint64_t t0 = now_ns(), c0 = cpu_ns();
	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = lat_key(i), a = now_ns(), ac = cpu_ns();
		grew = 0;
		if (gg_rt_classic_put(m, &k, &i, &err) != GG_OK) {
			fprintf(stderr, "bench_classic_latency: %s\n", err.msg);
			return 1;
		}
		uint64_t dc = cpu_ns() - ac;
		lat[i] = now_ns() - a;
		note(&wall, lat[i], grew, i + 1);
		note(&cpu, dc, grew, i + 1);
	}
	uint64_t total = now_ns() - t0, total_cpu = cpu_ns() - c0;
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m);
	qsort(lat, n, sizeof *lat, cmp_u64);
	printf("keys %llu\n", (unsigned long long)n);
	printf("B %d grows %llu\n", s.B, (unsigned long long)s.grows);
	printf("fill_wall %.3f s\n", (double)total * 1e-9);
	printf("fill_cpu %.3f s\n", (double)total_cpu * 1e-9);
	printf("wall_insert_median %llu ns\n", (unsigned long long)lat[n / 2]);
	printf("wall_insert_p99_9 %llu ns\n", (unsigned long long)lat[n - 1 - n / 1000]);
	print_maxes("wall", &wall);
	print_maxes("cpu", &cpu);
	free(lat);
	gg_rt_classic_destroy(m);
	if (h)
		gg_rt_heap_destroy(h);
	return 0;
}
