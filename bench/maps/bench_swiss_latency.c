/* What the longest single inserts of the runtime Swiss map are: fills N
 * uint64 keys into a map made with hint 0 (libc allocator, or the gogrow heap) and measures
 * every insert's thread CPU time, wall time and page faults, and what the
 * insert did (the tracer's events: a table grow, a split, a directory
 * doubling, or nothing but a store). Prints, per kind, the count, the
 * longest CPU time and the inserts over 1 ms of CPU; then the TOP slowest
 * inserts by CPU time with their faults and context switches, so that a
 * slow insert can be told apart as the map's work, page faults of fresh
 * memory, or time the machine took from the thread.
 *
 * Then the repeatable worst insert (lat_repeat.h): RUNS fills with one
 * fixed seed, each in a fresh process, an insert's cost its least CPU time.
 *
 * Usage: bench_swiss_latency [N] [TOP] [RUNS] [ALLOC]; defaults 1e7, 12, 3
 * and libc (RUNS 0: none; ALLOC libc or heap, the gogrow heap). Build
 * Release. Output: "what value ..." lines. */
/* RUSAGE_THREAD */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gogrow/rt_map.h"
#include "lat_repeat.h"

static uint64_t clock_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

enum { K_STORE, K_GROW, K_SPLIT, K_DIR, NKINDS };
static const char *kind_names[NKINDS] = {"store", "grow", "split", "split+dir"};

static int kind; /* the largest step the current insert took */

static void on_event(void *ctx, const gg_rt_event *ev)
{
	(void)ctx;
	int k = ev->kind == GG_RT_EV_MAP_DIR_GROW ? K_DIR
		: ev->kind == GG_RT_EV_MAP_SPLIT  ? K_SPLIT
		: ev->kind == GG_RT_EV_MAP_GROW	  ? K_GROW
						  : K_STORE;
	if (k > kind)
		kind = k;
}

typedef struct slow {
	uint64_t i, cpu, wall;
	long minflt, majflt, csw;
	int kind;
} slow;

/* Keeps the `top` slowest by CPU time, slowest first. */
static void keep(slow *s, int top, slow x)
{
	int j = top - 1;
	if (x.cpu <= s[j].cpu)
		return;
	while (j > 0 && s[j - 1].cpu < x.cpu) {
		s[j] = s[j - 1];
		j--;
	}
	s[j] = x;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Every CPU time of one kind, for its median and p99 (a kind's typical
 * cost, which the machine's stalls do not move). */
typedef struct times {
	uint64_t *v, n, cap;
} times;

static void add_time(times *t, uint64_t d)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		uint64_t *v = realloc(t->v, t->cap * sizeof *v);
		if (!v) {
			fprintf(stderr, "bench_swiss_latency: out of memory\n");
			exit(1);
		}
		t->v = v;
	}
	t->v[t->n++] = d;
}

static int put(void *m, const uint64_t *k, const uint64_t *v)
{
	return gg_rt_swiss_put(m, k, v, NULL) != GG_OK;
}

/* One fill for lat_repeat: the same keys, a fixed seed. */
static int fill_fixed(uint32_t *cpu_ns, uint64_t n, void *arg)
{
	gg_rt_allocator a;
	gg_rt_heap *h;
	if (lat_allocator(arg, &a, &h) != 0)
		return 1;
	gg_rt_swiss_config cfg = {
	    .type = gg_rt_swiss_type_u64(8, 8), .alloc = &a, .fixed_seed = 1, .seed = 0x5eed};
	gg_rt_swiss *m;
	if (gg_rt_swiss_new(&cfg, 0, &m, NULL) != GG_OK)
		return 1;
	int bad = lat_fill(m, put, cpu_ns, n);
	gg_rt_swiss_destroy(m);
	if (h)
		gg_rt_heap_destroy(h);
	return bad;
}

static void thread_usage(struct rusage *ru)
{
	getrusage(RUSAGE_THREAD, ru);
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
	int top = argc > 2 ? atoi(argv[2]) : 12;
	int runs = argc > 3 ? atoi(argv[3]) : 3;
	if (top < 1 || top > 1000)
		top = 12;
	char *alloc = argc > 4 ? argv[4] : "libc";
	gg_rt_allocator a;
	gg_rt_heap *h;
	if (lat_allocator(alloc, &a, &h) != 0) {
		fprintf(stderr, "bench_swiss_latency: allocator %s: want libc or heap\n", alloc);
		return 1;
	}
	/* First, while this process's malloc heap is empty: a child would
	 * otherwise reuse its freed blocks, copy-on-write pages. */
	if (runs > 0 && lat_repeat("bench_swiss_latency", n, runs, fill_fixed, alloc) != 0)
		return 1;
	gg_rt_swiss_config cfg = {.type = gg_rt_swiss_type_u64(8, 8), .alloc = &a};
	gg_rt_swiss *m;
	gg_error err;
	if (gg_rt_swiss_new(&cfg, 0, &m, &err) != GG_OK) {
		fprintf(stderr, "bench_swiss_latency: %s\n", err.msg);
		return 1;
	}
	gg_rt_tracer tr = {on_event, NULL};
	gg_rt_swiss_set_tracer(m, &tr);
	slow *worst = calloc((size_t)top, sizeof *worst);
	uint64_t count[NKINDS] = {0}, max[NKINDS] = {0}, over[NKINDS] = {0};
	times all[NKINDS] = {{0}};
	struct rusage r0, r1;
	uint64_t t_start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = lat_key(i);
		kind = K_STORE;
		thread_usage(&r0);
		uint64_t w0 = clock_ns(CLOCK_MONOTONIC), c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
		if (gg_rt_swiss_put(m, &k, &i, &err) != GG_OK) {
			fprintf(stderr, "bench_swiss_latency: %s\n", err.msg);
			return 1;
		}
		uint64_t c1 = clock_ns(CLOCK_THREAD_CPUTIME_ID), w1 = clock_ns(CLOCK_MONOTONIC);
		thread_usage(&r1);
		uint64_t d = c1 - c0;
		count[kind]++;
		add_time(&all[kind], d);
		over[kind] += d > 1000000;
		if (d > max[kind])
			max[kind] = d;
		keep(worst, top,
		     (slow){i + 1, d, w1 - w0, r1.ru_minflt - r0.ru_minflt, r1.ru_majflt - r0.ru_majflt,
			    (r1.ru_nvcsw - r0.ru_nvcsw) + (r1.ru_nivcsw - r0.ru_nivcsw), kind});
	}
	gg_rt_swiss_stats s = gg_rt_swiss_stats_get(m);
	printf("keys %llu tables %llu dirlen %llu fill_cpu %.3f s\n", (unsigned long long)n,
	       (unsigned long long)s.tables, (unsigned long long)s.dirlen,
	       (double)(clock_ns(CLOCK_THREAD_CPUTIME_ID) - t_start) * 1e-9);
	for (int k = 0; k < NKINDS; k++) {
		times *t = &all[k];
		if (t->n)
			qsort(t->v, t->n, sizeof *t->v, cmp_u64);
		printf(
		    "kind %s inserts %llu cpu_median %llu ns cpu_p99 %llu ns cpu_max %llu ns over_1ms %llu\n",
		    kind_names[k], (unsigned long long)count[k],
		    (unsigned long long)(t->n ? t->v[t->n / 2] : 0),
		    (unsigned long long)(t->n ? t->v[t->n - 1 - t->n / 100] : 0), (unsigned long long)max[k],
		    (unsigned long long)over[k]);
		free(t->v);
	}
	for (int j = 0; j < top && worst[j].i; j++)
		printf("slow insert %llu %s cpu %llu ns wall %llu ns minflt %ld majflt %ld csw %ld\n",
		       (unsigned long long)worst[j].i, kind_names[worst[j].kind],
		       (unsigned long long)worst[j].cpu, (unsigned long long)worst[j].wall, worst[j].minflt,
		       worst[j].majflt, worst[j].csw);
	free(worst);
	gg_rt_swiss_destroy(m);
	if (h)
		gg_rt_heap_destroy(h);
	return 0;
}
