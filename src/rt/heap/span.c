/* Spans: runs of pages cut into objects of one span class (Go's mspan in
 * mheap.go and mbitmap.go).
 *
 * Every span keeps two bitmaps, one bit per object:
 *   alloc_bits  1 = allocated. Written by the owning thread cache only, or
 *               under the central lock when no cache owns the span.
 *   free_bits   1 = freed by a thread that does not own the span, not yet
 *               folded into alloc_bits (fetch_or, lock-free).
 * The owner hands out objects as Go's nextFreeFast does, from alloc_cache:
 * the complement of one alloc_bits word from freeindex on, consumed with
 * count-trailing-zeros. `live` counts allocated objects plus the free slots
 * an owner has reserved; it reaching 0 or leaving nelems is what moves a span
 * between the central list and the page heap (central.c). */
#include <assert.h>

#include "heap_internal.h"

static void span_init(gg_rt_heap *h, ggi_rt_span *s, int spc, uint32_t npages, uintptr_t base)
{
	int cls = spc >> 1, noscan = spc & 1;
	s->base = base;
	s->npages = npages;
	s->spc = (uint16_t)spc;
	if (cls == 0) {
		s->elemsize = npages << GGI_RT_PAGE_SHIFT;
		s->nelems = 1;
		s->divmul = 0;
		s->hdr = 0;
		s->partial_at = 0;
	} else {
		s->elemsize = h->elemsize[cls];
		s->nelems = h->nelems[spc];
		/* Go's divMagic: exact for every offset inside a span. */
		s->divmul = UINT32_MAX / s->elemsize + 1;
		s->hdr = !noscan && s->elemsize > h->hdr_min;
		/* A span is worth a refill once a quarter of it is free: with
		 * random frees, listing it at its first free would hand caches
		 * spans with one free object and cost a refill per allocation. */
		s->partial_at = s->nelems - (s->nelems >= 8 ? s->nelems / 4 : 1);
	}
	s->freeindex = 0;
	s->alloc_cache = 0;
	s->listed = 0;
	s->moved = 0;
	s->large_size = 0;
	s->next = s->prev = NULL;
	atomic_store(&s->owner, NULL);
	atomic_store(&s->live, 0);
	atomic_store(&s->gen, ++h->span_gen);
	for (int w = 0; w < GGI_RT_BITWORDS; w++) {
		atomic_store_explicit(&s->bits[w].alloc, 0, memory_order_relaxed);
		atomic_store_explicit(&s->bits[w].free, 0, memory_order_relaxed);
	}
}

static void map_pages(ggi_rt_arena *a, ggi_rt_span *s, ggi_rt_span *to)
{
	uint32_t first = (uint32_t)((s->base - a->base) >> GGI_RT_PAGE_SHIFT);
	for (uint32_t i = 0; i < s->npages; i++)
		atomic_store_explicit(&a->spans[first + i], to, memory_order_release);
}

/* A new span from the page heap, state FREE until the caller says. NULL when
 * out of memory or over the limit; nothing is left half-made. */
ggi_rt_span *ggi_rt_span_alloc(gg_rt_heap *h, int spc, uint32_t npages)
{
	uint64_t t0 = h->latency_sample ? ggi_rt_now() : 0;
	int tiny = spc == 2 * gg_sizeclass_of(GG_TINY_SIZE) + 1;
	/* Carving a span is a memory request of the heap's own, like an mmap:
	 * the failure hook counts it, so tests reach this path in steady state. */
	if (ggi_rt_os_fail(h))
		return NULL;
	pthread_mutex_lock(&h->lock);
	ggi_rt_span *s = ggi_rt_fix_alloc(h, &h->spanfix);
	_Atomic(uint32_t) *mask = NULL;
	if (s && tiny && !(mask = ggi_rt_fix_alloc(h, &h->tinyfix))) {
		ggi_rt_fix_free(&h->spanfix, s);
		s = NULL;
	}
	int needzero = 1;
	uintptr_t base = s ? ggi_rt_pages_alloc(h, npages, &needzero) : 0;
	if (!base) {
		if (mask)
			ggi_rt_fix_free(&h->tinyfix, (void *)mask);
		if (s)
			ggi_rt_fix_free(&h->spanfix, s);
		pthread_mutex_unlock(&h->lock);
		return NULL;
	}
	span_init(h, s, spc, npages, base);
	s->tiny = (uint8_t)tiny;
	s->needzero = (uint8_t)needzero;
	s->tinymask = mask;
	if (mask)
		for (uint32_t i = 0; i < s->nelems; i++)
			atomic_store_explicit(&mask[i], 0, memory_order_relaxed);
	atomic_store(&s->state, GGI_SPAN_FREE);
	map_pages(ggi_rt_arena_of(h, base), s, s);
	atomic_fetch_add_explicit(&h->g.span_allocs, 1, memory_order_relaxed);
	pthread_mutex_unlock(&h->lock);
	if (t0)
		ggi_rt_lat_record_atomic(h, GG_RT_TIER_PAGES, t0);
	return s;
}

/* Grows the large span s to npages by taking the pages right after it, if
 * they are free (heap lock held): a large object that grows keeps its
 * address. Returns 0 and changes nothing otherwise; *fresh = 1 when every
 * added page came straight from the OS (reads as zero). */
int ggi_rt_span_extend(gg_rt_heap *h, ggi_rt_span *s, uint32_t npages, int *fresh)
{
	assert(s->spc < 2 && npages >= s->npages);
	ggi_rt_arena *a = ggi_rt_arena_of(h, s->base);
	uint32_t first = (uint32_t)((s->base - a->base) >> GGI_RT_PAGE_SHIFT), more = npages - s->npages;
	int needzero = 0;
	if (more > 0 && !ggi_rt_pages_take_at(h, a, first + s->npages, more, &needzero))
		return 0;
	for (uint32_t i = s->npages; i < npages; i++)
		atomic_store_explicit(&a->spans[first + i], s, memory_order_release);
	s->npages = npages;
	s->elemsize = npages << GGI_RT_PAGE_SHIFT;
	s->needzero = 1; /* its first pages held the object */
	*fresh = !needzero;
	return 1;
}

void ggi_rt_span_release_locked(gg_rt_heap *h, ggi_rt_span *s)
{
	atomic_store(&s->state, GGI_SPAN_FREE);
	map_pages(ggi_rt_arena_of(h, s->base), s, NULL);
	ggi_rt_pages_free(h, s->base, s->npages);
	if (s->tinymask)
		ggi_rt_fix_free(&h->tinyfix, (void *)s->tinymask);
	s->tinymask = NULL;
	ggi_rt_fix_free(&h->spanfix, s);
}

/* Returns an empty span's pages to the page heap. */
void ggi_rt_span_release(gg_rt_heap *h, ggi_rt_span *s)
{
	pthread_mutex_lock(&h->lock);
	ggi_rt_span_release_locked(h, s);
	pthread_mutex_unlock(&h->lock);
}

/* Folds remote frees into alloc_bits; returns how many. Owner or central
 * lock holder only. */
uint32_t ggi_rt_span_merge(ggi_rt_span *s)
{
	uint32_t n = 0, words = (s->nelems + 63) / 64;
	for (uint32_t w = 0; w < words; w++) {
		if (!atomic_load_explicit(&s->bits[w].free, memory_order_relaxed))
			continue;
		uint64_t f = atomic_exchange_explicit(&s->bits[w].free, 0, memory_order_acquire);
		uint64_t a = atomic_load_explicit(&s->bits[w].alloc, memory_order_relaxed);
		assert((a & f) == f);
		atomic_store_explicit(&s->bits[w].alloc, a & ~f, memory_order_relaxed);
		n += (uint32_t)ggi_popcount(f);
	}
	return n;
}

uint32_t ggi_rt_span_free_slots(const ggi_rt_span *s)
{
	uint32_t used = 0, words = (s->nelems + 63) / 64;
	for (uint32_t w = 0; w < words; w++)
		used += (uint32_t)ggi_popcount(atomic_load_explicit(&s->bits[w].alloc, memory_order_relaxed));
	return s->nelems - used;
}

/* Go's refillAllocCache: loads the next alloc_bits word with a free object
 * at or after freeindex into alloc_cache. 0 when the span has none left. */
int ggi_rt_span_load_cache(ggi_rt_span *s)
{
	for (uint32_t w = (s->freeindex + 63) / 64; w * 64 < s->nelems; w++) {
		uint64_t free = ~atomic_load_explicit(&s->bits[w].alloc, memory_order_relaxed);
		uint32_t left = s->nelems - w * 64;
		if (left < 64)
			free &= (UINT64_C(1) << left) - 1;
		if (free) {
			s->freeindex = w * 64;
			s->alloc_cache = free;
			return 1;
		}
	}
	s->freeindex = s->nelems;
	s->alloc_cache = 0;
	return 0;
}
