/* Large objects (> 32 KiB; > 32760 bytes from 1.22): a span of whole pages
 * each, straight from the page heap (malloc.go largeAlloc, mheap.allocSpan),
 * charged and counted in pages. 1.22+ puts no malloc header in them (their
 * type lives in the span), so the object starts at the span. */
#include "heap_internal.h"

void *ggi_rt_large_alloc(gg_rt_heap *h, size_t size, gg_scan noscan)
{
	uint64_t npages = ((uint64_t)size + GG_PAGE_SIZE - 1) / GG_PAGE_SIZE;
	if (npages == 0 || npages > (UINT32_MAX >> 1) || npages > (SIZE_MAX >> GGI_RT_PAGE_SHIFT))
		return NULL;
	ggi_rt_span *s = ggi_rt_span_alloc(h, noscan ? 1 : 0, (uint32_t)npages);
	ggi_rt_cache *c;
	if (!s && (c = ggi_rt_cache_peek(h)) != NULL) {
		/* As a refill does: give back what the thread keeps, retry once. */
		for (int i = 2; i < GGI_RT_NSPC; i++)
			ggi_rt_cache_trim(c, i, UINT32_MAX);
		s = ggi_rt_span_alloc(h, noscan ? 1 : 0, (uint32_t)npages);
	}
	if (!s)
		return NULL;
	s->large_size = size;
	atomic_store(&s->state, GGI_SPAN_LARGE);
	uint64_t bytes = npages * GG_PAGE_SIZE;
	atomic_fetch_add_explicit(&h->g.large_allocs, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->g.large_bytes, bytes, memory_order_relaxed);
	ggi_rt_emit(h, GG_RT_EV_LARGE_ALLOC, size, bytes);
	return (void *)s->base;
}

/* zero_bytes: the object's first bytes read as zero (their pages were moved
 * into another object, os.c): they go back counted as released. */
gg_status ggi_rt_large_free(gg_rt_heap *h, uintptr_t p, size_t zero_bytes, gg_error *err)
{
	pthread_mutex_lock(&h->lock);
	ggi_rt_span *s = ggi_rt_span_of(h, p);
	const char *why = NULL;
	if (!s || atomic_load(&s->state) != GGI_SPAN_LARGE)
		why = "not a live object of this heap (double free?)";
	else if (s->base != p)
		why = "interior pointer into a large object";
	if (why) {
		pthread_mutex_unlock(&h->lock);
		return ggi_rt_bad_free(h, err, why, p);
	}
	uint64_t bytes = (uint64_t)s->npages * GG_PAGE_SIZE;
	/* Pages moved here are a kernel mapping of their own: merge them back
	 * before the pages can be handed out again (grow.c). */
	if (s->moved && ggi_rt_os_remap((void *)p, (size_t)bytes)) {
		atomic_fetch_sub(&h->moved_spans, 1);
		zero_bytes = (size_t)bytes;
	}
	ggi_rt_span_release_locked(h, s);
	if (zero_bytes)
		ggi_rt_pages_zeroed(h, p, (uint32_t)(zero_bytes >> GGI_RT_PAGE_SHIFT));
	pthread_mutex_unlock(&h->lock);
	atomic_fetch_add_explicit(&h->g.large_frees, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->g.large_freed_bytes, bytes, memory_order_relaxed);
	return GG_OK;
}
