/* gg_rt_heap_check: walks the page heap, every span and every central list
 * and checks the invariants docs/runtime.md states. For tests; the heap must
 * be quiescent. */
#include <stdarg.h>
#include <stdio.h>

#include "heap_internal.h"

static gg_status bad(gg_error *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = GG_ERR_PANIC;
		err->column = 0;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return GG_ERR_PANIC;
}

static uint32_t live_objects(const ggi_rt_span *s)
{
	uint32_t n = 0;
	for (uint32_t w = 0; w < (s->nelems + 63) / 64; w++)
		n += (uint32_t)ggi_popcount(atomic_load(&s->bits[w].alloc) & ~atomic_load(&s->bits[w].free));
	return n;
}

static gg_status check_span(const ggi_rt_span *s, gg_error *err)
{
	int st = atomic_load(&s->state);
	int64_t live = atomic_load(&s->live);
	if (st == GGI_SPAN_LARGE)
		return s->spc < 2 ? GG_OK : bad(err, "large span with class %d", s->spc);
	if (s->spc < 2)
		return bad(err, "small span state %d with large class", st);
	if (st == GGI_SPAN_OWNED)
		return atomic_load(&s->owner) ? GG_OK : bad(err, "owned span without owner");
	if (st != GGI_SPAN_CENTRAL)
		return bad(err, "in-use span %#lx in state %d", (unsigned long)s->base, st);
	if (live != (int64_t)live_objects(s))
		return bad(err, "span %#lx: live %lld, objects %u", (unsigned long)s->base, (long long)live,
			   live_objects(s));
	if (live == 0 || s->listed != (live <= (int64_t)s->partial_at))
		return bad(err, "span %#lx: live %lld of %u, listed %d", (unsigned long)s->base,
			   (long long)live, s->nelems, s->listed);
	return GG_OK;
}

static gg_status check_arena(gg_rt_heap *h, ggi_rt_arena *a, uint64_t *inuse, uint64_t *released,
			     gg_error *err)
{
	(void)h;
	if (ggi_rt_pages_check(a, err) != GG_OK)
		return GG_ERR_PANIC;
	for (uint32_t w = 0; w < a->nwords; w++)
		*released += (uint64_t)ggi_popcount(a->scav[w]) << GGI_RT_PAGE_SHIFT;
	for (uint32_t i = 0; i < a->npages;) {
		if (i % 64 == 0 && a->free[i / 64] == ~UINT64_C(0) && !atomic_load(&a->spans[i])) {
			i += 64; /* a free word: its first page stands for all */
			continue;
		}
		ggi_rt_span *s = atomic_load(&a->spans[i]);
		int free = (a->free[i / 64] >> (i % 64)) & 1;
		if (free) {
			if (s)
				return bad(err, "free page %u of arena %#lx maps a span", i,
					   (unsigned long)a->base);
			i++;
			continue;
		}
		if (!s || s->base != a->base + ((uintptr_t)i << GGI_RT_PAGE_SHIFT) || s->npages == 0)
			return bad(err, "page %u of arena %#lx: bad span", i, (unsigned long)a->base);
		for (uint32_t j = 0; j < s->npages; j++)
			if (i + j >= a->npages || atomic_load(&a->spans[i + j]) != s ||
			    ((a->free[(i + j) / 64] >> ((i + j) % 64)) & 1))
				return bad(err, "span %#lx pages inconsistent", (unsigned long)s->base);
		if (check_span(s, err) != GG_OK)
			return GG_ERR_PANIC;
		*inuse += (uint64_t)s->npages << GGI_RT_PAGE_SHIFT;
		i += s->npages;
	}
	return GG_OK;
}

gg_status gg_rt_heap_check(gg_rt_heap *h, gg_error *err)
{
	gg_status st = GG_OK;
	uint64_t inuse = 0, released = 0, sys = 0;
	pthread_mutex_lock(&h->lock);
	for (ggi_rt_arena *a = h->arenas; a && st == GG_OK; a = a->next) {
		sys += (uint64_t)a->npages << GGI_RT_PAGE_SHIFT;
		st = check_arena(h, a, &inuse, &released, err);
	}
	if (st == GG_OK && (inuse != atomic_load(&h->heap_inuse) || sys != atomic_load(&h->heap_sys) ||
			    released != atomic_load(&h->heap_released)))
		st = bad(err, "page counters: inuse %llu/%llu sys %llu/%llu released %llu/%llu",
			 (unsigned long long)inuse, (unsigned long long)atomic_load(&h->heap_inuse),
			 (unsigned long long)sys, (unsigned long long)atomic_load(&h->heap_sys),
			 (unsigned long long)released, (unsigned long long)atomic_load(&h->heap_released));
	for (int spc = 0; spc < GGI_RT_NSPC && st == GG_OK; spc++)
		for (ggi_rt_span *s = h->central[spc].partial; s && st == GG_OK; s = s->next)
			if (!s->listed || s->spc != spc || atomic_load(&s->state) != GGI_SPAN_CENTRAL)
				st = bad(err, "central list %d holds a bad span", spc);
	pthread_mutex_unlock(&h->lock);
	return st;
}
