/* The per-thread cache (Go's mcache.go): one span per span class to
 * allocate from without a lock, refilled from the central list a span at a
 * time, flushed when the thread exits (the pthread key's destructor).
 *
 * Go has one mcache per P; we have one per (thread, heap). The thread's
 * cache of the heap it used last sits in a thread-local pair (heap id,
 * cache), so the fast path costs one TLS load; other heaps go through the
 * heap's pthread key. Heap ids are never reused, so a stale pair from a
 * destroyed heap never matches. */
#include <assert.h>
#include <string.h>

#include "heap_internal.h"

_Thread_local struct ggi_rt_tl ggi_rt_tl;

/* Stands in for "no span", as Go's emptymspan: its alloc_cache is 0, so
 * the fast path needs no NULL check. Never written. */
ggi_rt_span ggi_rt_empty_span;

ggi_cold ggi_rt_cache *ggi_rt_cache_lookup(gg_rt_heap *h)
{
	ggi_rt_cache *c = pthread_getspecific(h->key);
	if (c) {
		ggi_rt_tl.id = h->id;
		ggi_rt_tl.c = c;
	}
	return c;
}

static void cache_init(gg_rt_heap *h, ggi_rt_cache *c)
{
	memset(c, 0, sizeof *c);
	c->heap = h;
	for (int i = 0; i < GGI_RT_NSPC; i++)
		c->alloc[i] = &ggi_rt_empty_span;
	c->sample_left = h->latency_sample;
	/* Freed objects a thread may keep per class: 256 KiB worth, 8 to 512. */
	for (int i = 2; i < GGI_RT_NSPC; i++) {
		uint32_t n = (256u << 10) / h->elemsize[i >> 1];
		c->listmax[i] = n < 8 ? 8 : n > 512 ? 512 : n;
	}
}

ggi_rt_cache *ggi_rt_cache_get(gg_rt_heap *h)
{
	ggi_rt_cache *c = ggi_rt_cache_peek(h);
	if (c)
		return c;
	pthread_mutex_lock(&h->lock);
	c = ggi_rt_fix_alloc(h, &h->cachefix);
	if (c) {
		cache_init(h, c);
		if (pthread_setspecific(h->key, c) != 0) {
			ggi_rt_fix_free(&h->cachefix, c);
			c = NULL;
		} else {
			c->next = h->caches;
			if (h->caches)
				h->caches->prev = c;
			h->caches = c;
		}
	}
	pthread_mutex_unlock(&h->lock);
	if (c) {
		ggi_rt_tl.id = h->id;
		ggi_rt_tl.c = c;
	}
	return c;
}

/* Go's nextFree: the fast path found no object in c->alloc[spc]. Try the
 * rest of the span, then the frees other threads made into it, then swap
 * the span for another. Returns an object or 0 (out of memory). */
void *ggi_rt_cache_refill(ggi_rt_cache *c, int spc)
{
	gg_rt_heap *h = c->heap;
	ggi_rt_span *s = c->alloc[spc];
	ggi_rt_count(&c->n.slow, 1);
	if (s != &ggi_rt_empty_span) {
		if (ggi_rt_span_load_cache(s))
			return (void *)ggi_rt_next_free_fast(s);
		uint32_t k = ggi_rt_span_merge(s);
		if (k)
			atomic_fetch_add(&s->live, (int64_t)k);
		/* Start over only for enough free objects, else a span with one
		 * free slot costs a bitmap scan per allocation. */
		if (ggi_rt_span_free_slots(s) >= (s->nelems >= 8 ? s->nelems / 8 : 1)) {
			s->freeindex = 0;
			if (ggi_rt_span_load_cache(s))
				return (void *)ggi_rt_next_free_fast(s);
		}
		c->alloc[spc] = &ggi_rt_empty_span;
		ggi_rt_central_give(h, s);
	}
	s = ggi_rt_central_take(h, c, spc);
	if (!s) {
		/* Out of memory or at the limit: the objects this thread keeps
		 * on its lists may free whole spans. Retry once without them. */
		for (int i = 2; i < GGI_RT_NSPC; i++)
			ggi_rt_cache_trim(c, i, UINT32_MAX);
		s = ggi_rt_central_take(h, c, spc);
		if (!s)
			return NULL;
	}
	c->alloc[spc] = s;
	ggi_rt_count(&c->n.refills, 1);
	ggi_rt_emit(h, GG_RT_EV_SPAN_REFILL, (uint64_t)spc, s->nelems);
	int ok = ggi_rt_span_load_cache(s);
	assert(ok);
	(void)ok;
	return (void *)ggi_rt_next_free_fast(s);
}

/* Gives the first n objects of the class's list back to their spans. */
ggi_cold void ggi_rt_cache_trim(ggi_rt_cache *c, int spc, uint32_t n)
{
	gg_rt_heap *h = c->heap;
	uintptr_t o;
	while (n-- > 0 && (o = ggi_rt_list_pop(h, c, spc)) != 0) {
		ggi_rt_span *s = ggi_rt_span_of(h, o);
		ggi_rt_slot_free(h, s, ggi_rt_span_index(s, o - s->base), NULL, 0);
	}
}

void ggi_rt_cache_flush(ggi_rt_cache *c)
{
	for (int i = 2; i < GGI_RT_NSPC; i++)
		ggi_rt_cache_trim(c, i, UINT32_MAX);
	ggi_rt_tiny_unpin(c->heap, c);
	for (int i = 0; i < GGI_RT_NSPC; i++) {
		ggi_rt_span *s = c->alloc[i];
		if (s == &ggi_rt_empty_span)
			continue;
		c->alloc[i] = &ggi_rt_empty_span;
		ggi_rt_central_give(c->heap, s);
	}
}

/* Thread exit: the spans go back to the central lists, the counters into the
 * heap's, the record to the free list. */
void ggi_rt_cache_destructor(void *arg)
{
	ggi_rt_cache *c = arg;
	gg_rt_heap *h = c->heap;
	ggi_rt_cache_flush(c);
	pthread_mutex_lock(&h->lock);
	ggi_rt_counts_add(h, &c->n);
	if (c->prev)
		c->prev->next = c->next;
	else
		h->caches = c->next;
	if (c->next)
		c->next->prev = c->prev;
	ggi_rt_fix_free(&h->cachefix, c);
	pthread_mutex_unlock(&h->lock);
	if (ggi_rt_tl.c == c)
		ggi_rt_tl.id = 0, ggi_rt_tl.c = NULL;
}
