/* Statistics with runtime.MemStats names (mstats.go), tier counters and
 * latency histograms.
 *
 * Counters a thread bumps on every allocation live in its cache and are
 * written by that thread only (a relaxed load and store, no locked
 * instruction); everything else is a heap-wide atomic. A read sums the heap's
 * counters and every live cache's under the heap lock; a cache's counters
 * move into the heap's when its thread exits. */
#include <string.h>

#include "heap_internal.h"

static unsigned bucket_of(uint64_t ns)
{
	if (ns < 2)
		return 0;
	unsigned b = 63u - (unsigned)__builtin_clzll(ns);
	return b < GG_RT_LAT_BUCKETS ? b : GG_RT_LAT_BUCKETS - 1;
}

/* lat: GG_RT_LAT_BUCKETS buckets, then count, then sum. `shared`: any
 * thread may write it (atomic add), else only its owner. */
void ggi_rt_lat_add(_Atomic(uint64_t) *lat, uint64_t ns, int shared)
{
	unsigned b = bucket_of(ns);
	if (shared) {
		atomic_fetch_add_explicit(&lat[b], 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&lat[GG_RT_LAT_BUCKETS], 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&lat[GG_RT_LAT_BUCKETS + 1], ns, memory_order_relaxed);
	} else {
		ggi_rt_count(&lat[b], 1);
		ggi_rt_count(&lat[GG_RT_LAT_BUCKETS], 1);
		ggi_rt_count(&lat[GG_RT_LAT_BUCKETS + 1], ns);
	}
}

void ggi_rt_lat_record_atomic(gg_rt_heap *h, int tier, uint64_t t0)
{
	uint64_t d = ggi_rt_now() - t0;
	ggi_rt_lat_add(h->g.lat[tier], d > h->clock_ns ? d - h->clock_ns : 0, 1);
}

static uint64_t ld(_Atomic(uint64_t) *p)
{
	return atomic_load_explicit(p, memory_order_relaxed);
}

static void add(_Atomic(uint64_t) *to, _Atomic(uint64_t) *from)
{
	atomic_fetch_add_explicit(to, ld(from), memory_order_relaxed);
}

/* Heap lock held: folds an exiting thread's counters into the heap's. */
void ggi_rt_counts_add(gg_rt_heap *h, const ggi_rt_counts *cn)
{
	ggi_rt_counts *n = (ggi_rt_counts *)cn;
	for (int i = 0; i < GG_NUM_SIZE_CLASSES; i++) {
		add(&h->g.mallocs[i], &n->mallocs[i]);
		add(&h->g.frees[i], &n->frees[i]);
	}
	add(&h->g.tiny_allocs, &n->tiny_allocs);
	add(&h->g.tiny_frees, &n->tiny_frees);
	add(&h->g.tiny_blocks, &n->tiny_blocks);
	add(&h->g.tiny_block_frees, &n->tiny_block_frees);
	add(&h->g.slow, &n->slow);
	add(&h->g.refills, &n->refills);
	for (int b = 0; b < GG_RT_LAT_BUCKETS + 2; b++)
		add(&h->g.lat[GG_RT_TIER_FAST][b], &n->lat[b]);
}

void ggi_rt_emit(gg_rt_heap *h, gg_rt_event_kind k, uint64_t a, uint64_t b)
{
	if (!h->tracer.fn)
		return;
	gg_rt_event ev = {k, ggi_rt_now(), a, b, 0};
	h->tracer.fn(h->tracer.ctx, &ev);
}

static void sum_counts(gg_rt_heap *h, ggi_rt_counts *t)
{
	memset(t, 0, sizeof *t);
	for (ggi_rt_cache *c = h->caches; c; c = c->next) {
		for (int i = 0; i < GG_NUM_SIZE_CLASSES; i++) {
			ggi_rt_count(&t->mallocs[i], ld(&c->n.mallocs[i]));
			ggi_rt_count(&t->frees[i], ld(&c->n.frees[i]));
		}
		ggi_rt_count(&t->tiny_allocs, ld(&c->n.tiny_allocs));
		ggi_rt_count(&t->tiny_frees, ld(&c->n.tiny_frees));
		ggi_rt_count(&t->tiny_blocks, ld(&c->n.tiny_blocks));
		ggi_rt_count(&t->tiny_block_frees, ld(&c->n.tiny_block_frees));
		ggi_rt_count(&t->slow, ld(&c->n.slow));
		ggi_rt_count(&t->refills, ld(&c->n.refills));
		for (int b = 0; b < GG_RT_LAT_BUCKETS + 2; b++)
			ggi_rt_count(&t->lat[b], ld(&c->n.lat[b]));
	}
}

static void lat_out(gg_rt_latency *o, _Atomic(uint64_t) *a, _Atomic(uint64_t) *b)
{
	for (int i = 0; i < GG_RT_LAT_BUCKETS; i++)
		o->bucket[i] = ld(&a[i]) + (b ? ld(&b[i]) : 0);
	o->count = ld(&a[GG_RT_LAT_BUCKETS]) + (b ? ld(&b[GG_RT_LAT_BUCKETS]) : 0);
	o->sum_ns = ld(&a[GG_RT_LAT_BUCKETS + 1]) + (b ? ld(&b[GG_RT_LAT_BUCKETS + 1]) : 0);
}

static void heap_fields(gg_rt_heap *h, gg_rt_heap_stats *o)
{
	o->HeapInuse = ld(&h->heap_inuse);
	o->HeapSys = ld(&h->heap_sys);
	o->HeapIdle = o->HeapSys - o->HeapInuse;
	o->HeapReleased = ld(&h->heap_released);
	o->MetaSys = ld(&h->meta_sys);
	o->InvalidFrees = ld(&h->g.invalid_frees);
	o->SpanAllocs = ld(&h->g.span_allocs);
	o->OSMaps = ld(&h->g.os_maps);
	o->Scavenges = ld(&h->g.scavenges);
	o->MemRequests = ld(&h->os_requests);
}

void gg_rt_heap_stats_read(gg_rt_heap *h, gg_rt_heap_stats *o)
{
	ggi_rt_counts t;
	memset(o, 0, sizeof *o);
	pthread_mutex_lock(&h->lock);
	sum_counts(h, &t);
	uint64_t mallocs = 0, frees = 0, total = 0, freed = 0;
	for (int i = 0; i < GG_NUM_SIZE_CLASSES; i++) {
		uint64_t m = ld(&t.mallocs[i]) + ld(&h->g.mallocs[i]),
			 f = ld(&t.frees[i]) + ld(&h->g.frees[i]);
		o->BySize[i].Size = h->elemsize[i];
		o->BySize[i].Mallocs = m;
		o->BySize[i].Frees = f;
		mallocs += m;
		frees += f;
		total += m * h->elemsize[i];
		freed += f * h->elemsize[i];
	}
	uint64_t tb = ld(&t.tiny_blocks) + ld(&h->g.tiny_blocks);
	uint64_t tbf = ld(&t.tiny_block_frees) + ld(&h->g.tiny_block_frees);
	o->TinyAllocs = ld(&t.tiny_allocs) + ld(&h->g.tiny_allocs);
	o->TinyFrees = ld(&t.tiny_frees) + ld(&h->g.tiny_frees);
	o->Mallocs = mallocs - tb + o->TinyAllocs + ld(&h->g.large_allocs);
	o->Frees = frees - tbf + o->TinyFrees + ld(&h->g.large_frees);
	o->TotalAlloc = total + ld(&h->g.large_bytes);
	o->HeapAlloc = o->TotalAlloc - freed - ld(&h->g.large_freed_bytes);
	o->HeapObjects = o->Mallocs - o->Frees;
	o->Refills = ld(&t.refills) + ld(&h->g.refills);
	uint64_t slow = ld(&t.slow) + ld(&h->g.slow);
	o->FastHits = mallocs - tb + o->TinyAllocs - slow;
	heap_fields(h, o);
	lat_out(&o->Latency[GG_RT_TIER_FAST], t.lat, h->g.lat[GG_RT_TIER_FAST]);
	for (int k = GG_RT_TIER_CENTRAL; k < GG_RT_TIERS; k++)
		lat_out(&o->Latency[k], h->g.lat[k], NULL);
	pthread_mutex_unlock(&h->lock);
}
