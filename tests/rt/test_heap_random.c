/* Randomized differential test of the heap against a simple reference: each
 * thread keeps its own table of live objects (pointer, size, tag byte
 * written at both ends and the middle) and checks every object intact when
 * it frees it, which catches two live objects sharing memory. Mixed
 * alloc/free over every size class, tiny and large objects, scan and
 * noscan, objects replaced through gg_rt_heap_grow; from 1 thread, then from 4 threads that also hand objects
 * to each other through a shared bag (remote frees); with memory requests made to fail at random points. At
 * the end the heap's own statistics must match the reference counts and show nothing leaked.
 *
 * GOGROW_HEAP_OPS sets the operations per thread (default 400000; an eighth
 * of that under valgrind). */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "gogrow/malloc.h"
#include "gogrow/rt_heap.h"

typedef struct obj {
	unsigned char *p;
	uint32_t size;
	uint8_t noscan, tag;
} obj;

#define BAG 4096
static struct {
	pthread_mutex_t lock;
	obj o[BAG];
	int n;
} bag = {PTHREAD_MUTEX_INITIALIZER, {{0}}, 0};

typedef struct worker {
	gg_rt_heap *h;
	uint64_t seed, ops;
	int remote, inject, check_every;
	uint64_t allocs, frees, failed, corrupt, bad_frees;
	uint64_t live_tiny, live_bytes; /* non-tiny, as the model charges them */
} worker;

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Every class equally often, any size inside it; tiny, and now and then large. */
static uint32_t pick_size(uint64_t *s, int *noscan)
{
	uint64_t r = rnd(s);
	*noscan = (r >> 8) & 1;
	if (r % 1000 == 0)
		return GG_MAX_SMALL_SIZE + 1 + (uint32_t)(rnd(s) % (256 << 10));
	if (r % 10 == 0) {
		*noscan = 1;
		return 1 + (uint32_t)(rnd(s) % 15);
	}
	int cls = 1 + (int)(rnd(s) % (GG_NUM_SIZE_CLASSES - 1));
	uint32_t hi = gg_sizeclass_at(cls)->size, lo = gg_sizeclass_at(cls - 1)->size;
	return lo + 1 + (uint32_t)(rnd(s) % (hi - lo));
}

static void mark(obj *o)
{
	o->p[0] = o->p[o->size / 2] = o->p[o->size - 1] = o->tag;
}

static void release(worker *w, obj *o)
{
	const gg_target *t = gg_rt_heap_target(w->h);
	if (o->p[0] != o->tag || o->p[o->size / 2] != o->tag || o->p[o->size - 1] != o->tag)
		w->corrupt++;
	if (o->noscan && o->size < GG_TINY_SIZE)
		w->live_tiny--;
	else
		w->live_bytes -= gg_alloc_bytes(t, o->size, o->noscan, NULL);
	if (gg_rt_heap_free(w->h, o->p, NULL) != GG_OK)
		w->bad_frees++;
	w->frees++;
}

static int bag_put(obj *o)
{
	pthread_mutex_lock(&bag.lock);
	int ok = bag.n < BAG;
	if (ok)
		bag.o[bag.n++] = *o;
	pthread_mutex_unlock(&bag.lock);
	return ok;
}

static int bag_get(uint64_t *s, obj *o)
{
	pthread_mutex_lock(&bag.lock);
	int ok = bag.n > 0;
	if (ok) {
		int i = (int)(rnd(s) % (uint64_t)bag.n);
		*o = bag.o[i];
		bag.o[i] = bag.o[--bag.n];
	}
	pthread_mutex_unlock(&bag.lock);
	return ok;
}

/* Objects in the bag belong to no worker's counts: put them back there. */
static void disown(worker *w, const obj *o)
{
	if (o->noscan && o->size < GG_TINY_SIZE)
		w->live_tiny--;
	else
		w->live_bytes -= gg_alloc_bytes(gg_rt_heap_target(w->h), o->size, o->noscan, NULL);
}

static void adopt(worker *w, const obj *o)
{
	if (o->noscan && o->size < GG_TINY_SIZE)
		w->live_tiny++;
	else
		w->live_bytes += gg_alloc_bytes(gg_rt_heap_target(w->h), o->size, o->noscan, NULL);
}

static void alloc_one(worker *w, obj *o)
{
	int noscan;
	o->size = pick_size(&w->seed, &noscan);
	o->noscan = (uint8_t)noscan;
	o->tag = (uint8_t)(rnd(&w->seed) | 1);
	o->p = gg_rt_heap_alloc(w->h, o->size, noscan);
	if (!o->p) {
		w->failed++;
		return;
	}
	w->allocs++;
	mark(o);
	adopt(w, o);
}

/* Replaces the object by one of another size through gg_rt_heap_grow (half
 * the time twice as big, a quarter of the time a large one, so that large
 * objects grow in place or move): to the reference, a free and an
 * allocation; the kept bytes must be intact. */
static void grow_one(worker *w, obj *o)
{
	int noscan;
	uint64_t r = rnd(&w->seed) % 4;
	uint32_t size = o->size * 2;
	if (r == 0 || size > (4u << 20)) /* a large one, so that some grow in place */
		size = GG_MAX_SMALL_SIZE + 1 + (uint32_t)(rnd(&w->seed) % (256 << 10));
	else if (r == 1)
		size = pick_size(&w->seed, &noscan);
	if (o->p[0] != o->tag || o->p[o->size / 2] != o->tag || o->p[o->size - 1] != o->tag)
		w->corrupt++;
	void *q = NULL;
	if (gg_rt_heap_grow(w->h, o->p, o->size, size, o->noscan, &q, NULL, NULL) != GG_OK) {
		w->failed++; /* out of memory: o is untouched */
		return;
	}
	unsigned char *b = q;
	uint32_t keep = o->size < size ? o->size : size;
	if (b[0] != o->tag || (o->size / 2 < keep && b[o->size / 2] != o->tag) ||
	    (o->size - 1 < keep && b[o->size - 1] != o->tag))
		w->corrupt++;
	disown(w, o);
	w->frees++;
	w->allocs++;
	o->p = b;
	o->size = size;
	mark(o);
	adopt(w, o);
}

/* Single thread only: the heap's statistics against the reference. */
static void compare_stats(worker *w, int nlive)
{
	gg_rt_heap_stats st;
	gg_error err = {0};
	gg_rt_heap_stats_read(w->h, &st);
	CHECK_EQ_I(st.HeapObjects, nlive);
	CHECK_EQ_I(st.Mallocs, w->allocs);
	CHECK_EQ_I(st.Frees, w->frees);
	/* Tiny objects share blocks: between their bytes and 16 each, plus the
	 * block the cache holds. */
	CHECK(st.HeapAlloc >= w->live_bytes && st.HeapAlloc <= w->live_bytes + 16 * (w->live_tiny + 1));
	gg_status s = gg_rt_heap_check(w->h, &err);
	if (s != GG_OK)
		fprintf(stderr, "heap check: %s\n", err.msg);
	CHECK_EQ_I(s, GG_OK);
}

static void *run(void *arg)
{
	worker *w = arg;
	enum { CAP = 8192 };
	obj *live = calloc(CAP, sizeof *live);
	int n = 0;
	for (uint64_t i = 0; i < w->ops; i++) {
		uint64_t r = rnd(&w->seed) % 100;
		if (w->inject && r == 0 && rnd(&w->seed) % 4 == 0)
			gg_rt_heap_fail_nth(w->h, 1 + rnd(&w->seed) % 20);
		if (r < 52 && n < CAP) {
			alloc_one(w, &live[n]);
			n += live[n].p != NULL;
		} else if (w->remote && r >= 52 && r < 60 && n > 0) {
			int k = (int)(rnd(&w->seed) % (uint64_t)n);
			if (bag_put(&live[k])) {
				disown(w, &live[k]);
				live[k] = live[--n];
			}
		} else if (w->remote && r >= 60 && r < 68) {
			obj o;
			if (bag_get(&w->seed, &o)) {
				adopt(w, &o);
				release(w, &o);
			}
		} else if (r >= 96 && n > 0) {
			grow_one(w, &live[(int)(rnd(&w->seed) % (uint64_t)n)]);
		} else if (n > 0) {
			int k = (int)(rnd(&w->seed) % (uint64_t)n);
			release(w, &live[k]);
			live[k] = live[--n];
		}
		if (w->check_every && i % (uint64_t)w->check_every == 0)
			compare_stats(w, n);
	}
	while (n > 0)
		release(w, &live[--n]);
	free(live);
	return NULL;
}

static void finish(gg_rt_heap *h, worker *ws, int nw)
{
	obj o;
	uint64_t seed = 1, allocs = 0, frees = 0;
	while (bag_get(&seed, &o)) {
		adopt(&ws[0], &o);
		release(&ws[0], &o);
	}
	for (int i = 0; i < nw; i++) {
		CHECK_EQ_I(ws[i].corrupt, 0);
		CHECK_EQ_I(ws[i].bad_frees, 0);
		allocs += ws[i].allocs;
		frees += ws[i].frees;
	}
	gg_rt_heap_flush(h);
	gg_rt_heap_stats st;
	gg_error err = {0};
	gg_rt_heap_stats_read(h, &st);
	CHECK_EQ_I(allocs, frees);
	CHECK_EQ_I(st.Mallocs, allocs);
	CHECK_EQ_I(st.Frees, frees);
	CHECK_EQ_I(st.HeapObjects, 0);
	CHECK_EQ_I(st.HeapAlloc, 0);
	CHECK_EQ_I(st.HeapInuse, 0); /* every span went back to the page heap */
	CHECK_EQ_I(st.InvalidFrees, 0);
	gg_status s = gg_rt_heap_check(h, &err);
	if (s != GG_OK)
		fprintf(stderr, "heap check: %s\n", err.msg);
	CHECK_EQ_I(s, GG_OK);
	uint64_t failed = 0;
	for (int i = 0; i < nw; i++)
		failed += ws[i].failed;
	printf(
	    "%d thread(s): %llu allocations, %llu refused by injected failures, %llu spans, %llu refills\n",
	    nw, (unsigned long long)allocs, (unsigned long long)failed, (unsigned long long)st.SpanAllocs,
	    (unsigned long long)st.Refills);
}

static void round_trip(int nthreads, uint64_t ops, int go, int inject)
{
	gg_rt_heap_config cfg = {0};
	cfg.go = go;
	cfg.scavenge_ns = inject ? 10000000 : 0; /* 10 ms: the scavenger runs during the test */
	cfg.latency_sample = inject ? 0 : 64;
	gg_rt_heap *h;
	if (gg_rt_heap_create(&cfg, &h, NULL) != GG_OK)
		abort();
	worker ws[8];
	memset(ws, 0, sizeof ws);
	pthread_t th[8];
	for (int i = 0; i < nthreads; i++) {
		ws[i].h = h;
		ws[i].seed = 0x9e3779b97f4a7c15ull * (uint64_t)(i + 1) + (uint64_t)go;
		ws[i].ops = ops;
		ws[i].remote = nthreads > 1;
		ws[i].inject = inject;
		ws[i].check_every = nthreads == 1 ? 50000 : 0;
	}
	if (nthreads == 1)
		run(&ws[0]);
	else {
		for (int i = 0; i < nthreads; i++)
			pthread_create(&th[i], NULL, run, &ws[i]);
		for (int i = 0; i < nthreads; i++)
			pthread_join(th[i], NULL);
	}
	finish(h, ws, nthreads);
	gg_rt_heap_destroy(h);
}

int main(void)
{
	uint64_t ops = 400000;
	const char *env = getenv("GOGROW_HEAP_OPS");
	const char *preload = getenv("LD_PRELOAD");
	if (env && atoll(env) > 0)
		ops = (uint64_t)atoll(env);
	else if (preload && strstr(preload, "vgpreload"))
		ops /= 8; /* under valgrind (scripts/test --full): minutes, not hours */
	round_trip(1, ops, GG_GO_MAX, 0);
	round_trip(1, ops / 4, 21, 1);
	round_trip(4, ops / 2, GG_GO_MAX, 0);
	round_trip(4, ops / 4, 22, 1);
	return check_summary();
}
