/* Allocator churn benchmark: one source, one executable per allocator
 * (bench/heap/CMakeLists.txt). The peers (jemalloc, mimalloc, tcmalloc)
 * replace malloc/free by being linked in, so every peer runs the same code
 * through the same calls; the gogrow build calls gg_rt_heap_alloc/free.
 *
 *   bench_heap_X small1|medium1|small2|medium2 OPS   -> "<workload>\t<ns/op>"
 *   bench_heap_gogrow tiers OPS                      -> tier latencies
 *
 * small: sizes 8..1024 B, medium: 8 B..64 KiB, uniform; ~50 MiB live.
 * 1: one thread replaces a random live object (free + malloc pairs).
 * 2: a producer thread allocates, a consumer thread frees (through a
 *    ring), next to the same 50 MiB live set. ns/op is per object: CPU
 *    time for 1 thread, wall time for 2. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef BENCH_GOGROW
#include "gogrow/rt_heap.h"
static gg_rt_heap *heap;
static void *A(size_t n)
{
	return gg_rt_heap_alloc(heap, n, 1);
}
static void F(void *p)
{
	gg_rt_heap_free(heap, p, NULL);
}
static const char *peer_name(void)
{
	return "gogrow";
}
#else
static void *A(size_t n)
{
	return malloc(n);
}
static void F(void *p)
{
	free(p);
}
#if defined(BENCH_MIMALLOC)
#include <mimalloc.h>
static const char *peer_name(void)
{
	static char b[32];
	snprintf(b, sizeof b, "mimalloc %d", mi_version());
	void *p = malloc(16);
	if (!mi_is_in_heap_region(p)) { /* malloc must really be mimalloc's */
		fprintf(stderr, "mimalloc does not serve malloc\n");
		exit(2);
	}
	free(p);
	return b;
}
#elif defined(BENCH_JEMALLOC)
#include <jemalloc/jemalloc.h>
static const char *peer_name(void)
{
	const char *v = "?";
	size_t n = sizeof v;
	mallctl("version", &v, &n, NULL, 0);
	return v;
}
#elif defined(BENCH_TCMALLOC)
#include <gperftools/tcmalloc.h>
static const char *peer_name(void)
{
	return tc_version(NULL, NULL, NULL);
}
#else
static const char *peer_name(void)
{
	return "glibc";
}
#endif
#endif

#define M (1u << 20)
static uint32_t *sizes, *slots_idx;
static void **live;
static uint32_t nlive;

/* One thread: the process's CPU time, so that the other jobs sharing the
 * machine's cores do not count; two threads: wall time (waiting for each
 * other is part of the cost). */
static clockid_t clock_id = CLOCK_PROCESS_CPUTIME_ID;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(clock_id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void setup(uint32_t maxsize)
{
	uint64_t s = 88172645463325252ull;
	sizes = malloc(M * sizeof *sizes);
	slots_idx = malloc(M * sizeof *slots_idx);
	nlive = (uint32_t)((50u << 20) / ((8 + maxsize) / 2));
	for (uint32_t i = 0; i < M; i++) {
		sizes[i] = 8 + (uint32_t)(rnd(&s) % (maxsize - 7));
		slots_idx[i] = (uint32_t)(rnd(&s) % nlive);
	}
	live = malloc(nlive * sizeof *live);
	for (uint32_t i = 0; i < nlive; i++) {
		live[i] = A(sizes[i]);
		memset(live[i], 1, 8);
	}
}

static double churn1(uint64_t ops)
{
	uint64_t t0 = now_ns();
	for (uint64_t i = 0; i < ops; i++) {
		uint32_t k = slots_idx[i & (M - 1)];
		F(live[k]);
		char *p = A(sizes[(i + 12345) & (M - 1)]);
		p[0] = (char)i;
		live[k] = p;
	}
	return (double)(now_ns() - t0) / (double)ops;
}

#define RING 4096
static _Atomic(void *) ring[RING];
static _Atomic uint64_t head, tail;

static void *consumer(void *arg)
{
	uint64_t ops = *(uint64_t *)arg;
	for (uint64_t i = 0; i < ops; i++) {
		int spins = 0;
		while (atomic_load_explicit(&head, memory_order_acquire) == i)
			if (++spins > 64)
				sched_yield();
		void *p = atomic_load_explicit(&ring[i % RING], memory_order_relaxed);
		atomic_store_explicit(&tail, i + 1, memory_order_release);
		F(p);
	}
	return NULL;
}

static double churn2(uint64_t ops)
{
	pthread_t th;
	clock_id = CLOCK_MONOTONIC;
	uint64_t t0 = now_ns();
	pthread_create(&th, NULL, consumer, &ops);
	for (uint64_t i = 0; i < ops; i++) {
		char *p = A(sizes[i & (M - 1)]);
		p[0] = (char)i;
		int spins = 0;
		while (i - atomic_load_explicit(&tail, memory_order_acquire) >= RING)
			if (++spins > 64)
				sched_yield();
		atomic_store_explicit(&ring[i % RING], p, memory_order_relaxed);
		atomic_store_explicit(&head, i + 1, memory_order_release);
	}
	pthread_join(th, NULL);
	return (double)(now_ns() - t0) / (double)ops;
}

#ifdef BENCH_GOGROW
/* The median of a log2 histogram, as the bucket's lower bound. */
static uint64_t median_bucket(const gg_rt_latency *l)
{
	uint64_t seen = 0;
	for (int i = 0; i < GG_RT_LAT_BUCKETS; i++)
		if ((seen += l->bucket[i]) * 2 >= l->count && l->count)
			return i ? UINT64_C(1) << i : 0;
	return 0;
}

/* Cost of allocations that all hit the thread's span: 100 objects of 64 B
 * from a fresh 128-object span, timed as one batch; the best of 2000
 * batches, which filters out the moments another job had the core. */
static double batch_fast(void)
{
	void *p[101];
	uint64_t best = UINT64_MAX;
	clock_id = CLOCK_MONOTONIC;
	gg_rt_heap_destroy(heap); /* a heap without latency sampling */
	if (gg_rt_heap_create(NULL, &heap, NULL) != GG_OK)
		return 0;
	for (int r = 0; r < 2000; r++) {
		gg_rt_heap_flush(heap);
		p[100] = gg_rt_heap_alloc(heap, 64, 1); /* the refill, untimed */
		uint64_t t0 = now_ns();
		for (int j = 0; j < 100; j++)
			p[j] = gg_rt_heap_alloc(heap, 64, 1);
		uint64_t d = now_ns() - t0;
		best = d < best ? d : best;
		for (int j = 0; j <= 100; j++)
			gg_rt_heap_free(heap, p[j], NULL);
	}
	return (double)best / 100;
}

static int tiers(uint64_t ops)
{
	static const char *names[] = {"fast (mcache hit, 1 in 16 sampled)", "central refill (mcentral)",
				      "page heap span (mheap)", "OS map (arena)"};
	setup(1024);
	double ns = churn1(ops);
	gg_rt_heap_stats st;
	gg_rt_heap_stats_read(heap, &st);
	printf("small churn %.2f ns/pair; %llu allocations: %llu fast hits, %llu refills, %llu spans, %llu "
	       "arenas\n",
	       ns, (unsigned long long)st.Mallocs, (unsigned long long)st.FastHits,
	       (unsigned long long)st.Refills, (unsigned long long)st.SpanAllocs,
	       (unsigned long long)st.OSMaps);
	printf("HeapAlloc %.1f MiB, HeapInuse %.1f MiB, HeapSys %.1f MiB\n", st.HeapAlloc / 1048576.0,
	       st.HeapInuse / 1048576.0, st.HeapSys / 1048576.0);
	printf("tier\tcount\tmean ns\tmedian bucket ns\n");
	for (int k = 0; k < GG_RT_TIERS; k++) {
		const gg_rt_latency *l = &st.Latency[k];
		printf("%s\t%llu\t%.1f\t%llu\n", names[k], (unsigned long long)l->count,
		       l->count ? (double)l->sum_ns / (double)l->count : 0.0,
		       (unsigned long long)median_bucket(l));
	}
	printf("fast path, batch-timed (best batch of 100 allocations of 64 B from a warm span)\t%.2f ns\n",
	       batch_fast());
	return 0;
}
#endif

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s small1|medium1|small2|medium2|tiers OPS\n", argv[0]);
		return 2;
	}
	uint64_t ops = strtoull(argv[2], NULL, 10);
	const char *w = argv[1];
#ifdef BENCH_GOGROW
	gg_rt_heap_config cfg = {0};
	cfg.latency_sample = strcmp(w, "tiers") == 0 ? 16 : 0;
	if (gg_rt_heap_create(&cfg, &heap, NULL) != GG_OK)
		return 1;
	if (strcmp(w, "tiers") == 0)
		return tiers(ops);
#endif
	setup(strncmp(w, "small", 5) == 0 ? 1024 : 65536);
	double ns = w[strlen(w) - 1] == '2' ? churn2(ops) : churn1(ops);
	printf("%s\t%s\t%.2f\n", w, peer_name(), ns);
	return 0;
}
