/* Central lists: per span class, the spans no thread cache owns that still
 * have free objects (Go's mcentral.go, with explicit frees instead of
 * sweeping).
 *
 * A span not owned by a cache is in one of three places: on the partial
 * list (0 < live <= partial_at, a quarter of it free), unlisted because
 * (nearly) full, or back in the page heap (live == 0). Frees never take this
 * lock per object: a thread freeing into a span it does not own sets a free
 * bit and decrements `live` (malloc.c), and only when that decrement empties
 * the span or brings it down to partial_at does it call
 * ggi_rt_central_check, which re-decides
 * under the lock from the current value. The decision is idempotent, so a
 * check that loses a race with a cache taking or giving back the span does
 * nothing; `gen` catches a span record reused in the meantime.
 *
 * Lock order: central lock, then heap lock. */
#include <assert.h>

#include "heap_internal.h"

static void unlink_span(ggi_rt_central *c, ggi_rt_span *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
	s->listed = 0;
}

/* Central lock held, s in state CENTRAL with `live` objects. */
static void decide(gg_rt_heap *h, ggi_rt_central *c, ggi_rt_span *s, int64_t live)
{
	/* live may pass nelems for a moment: a remote free whose slot was folded
	 * in and handed out again before its decrement landed. */
	assert(live >= 0);
	if (live == 0) {
		if (s->listed)
			unlink_span(c, s);
		ggi_rt_span_release(h, s);
	} else if (live <= (int64_t)s->partial_at && !s->listed) {
		s->prev = NULL;
		s->next = c->partial;
		if (c->partial)
			c->partial->prev = s;
		c->partial = s;
		s->listed = 1;
	}
}

/* Makes s the cache's: folds in the remote frees and reserves every free
 * slot in `live`, so that the owner's allocations need no atomics. */
static void own(ggi_rt_cache *cache, ggi_rt_span *s)
{
	atomic_store(&s->state, GGI_SPAN_OWNED);
	atomic_store_explicit(&s->owner, cache, memory_order_relaxed);
	ggi_rt_span_merge(s);
	atomic_fetch_add(&s->live, (int64_t)ggi_rt_span_free_slots(s));
	s->freeindex = 0;
	s->alloc_cache = 0;
}

/* A span with free objects for the cache: a partial one, else a new one. */
ggi_rt_span *ggi_rt_central_take(gg_rt_heap *h, ggi_rt_cache *cache, int spc)
{
	ggi_rt_central *c = &h->central[spc];
	uint64_t t0 = h->latency_sample ? ggi_rt_now() : 0;
	pthread_mutex_lock(&c->lock);
	ggi_rt_span *s = c->partial;
	if (s) {
		unlink_span(c, s);
		own(cache, s);
	}
	pthread_mutex_unlock(&c->lock);
	if (s) {
		if (t0)
			ggi_rt_lat_record_atomic(h, GG_RT_TIER_CENTRAL, t0);
		return s;
	}
	int cls = spc >> 1;
	s = ggi_rt_span_alloc(h, spc, gg_sizeclass_at(cls)->npages);
	if (!s)
		return NULL;
	atomic_store(&s->state, GGI_SPAN_OWNED);
	atomic_store_explicit(&s->owner, cache, memory_order_relaxed);
	atomic_store(&s->live, (int64_t)s->nelems);
	return s;
}

/* The owner gives s back: its reservation of free slots ends. */
void ggi_rt_central_give(gg_rt_heap *h, ggi_rt_span *s)
{
	ggi_rt_central *c = &h->central[s->spc];
	pthread_mutex_lock(&c->lock);
	atomic_store(&s->state, GGI_SPAN_CENTRAL);
	atomic_store_explicit(&s->owner, NULL, memory_order_relaxed);
	int64_t r = (int64_t)ggi_rt_span_free_slots(s);
	int64_t live = atomic_fetch_sub(&s->live, r) - r;
	decide(h, c, s, live);
	pthread_mutex_unlock(&c->lock);
}

void ggi_rt_central_check(gg_rt_heap *h, ggi_rt_span *s, int spc, uint64_t gen)
{
	ggi_rt_central *c = &h->central[spc];
	pthread_mutex_lock(&c->lock);
	if (atomic_load(&s->gen) == gen && atomic_load(&s->state) == GGI_SPAN_CENTRAL)
		decide(h, c, s, atomic_load(&s->live));
	pthread_mutex_unlock(&c->lock);
}
