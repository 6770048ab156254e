/* Growing an object: what Go's growslice does in runtime/slice.go (mallocgc
 * a new array, memmove the old elements, leave the old array to the
 * collector), counted exactly so: one allocation of the new size, one free
 * of the old (TotalAlloc, Mallocs, Frees as alloc + free would leave them).
 *
 * Only the work differs, and only for large objects (whole pages): a Go
 * slice's old array may still be referenced, ours is the caller's alone, so
 *   - when the pages right after the object are free, the span takes them
 *     and the object keeps its address: nothing is copied;
 *   - else, from GGI_RT_MOVE_MIN up, the kernel moves the old pages into
 *     the new object (os.c, mremap) instead of copying their bytes, as
 *     glibc's realloc moves its big blocks;
 *   - a grown object of GGI_RT_HUGE_PAGES pages or more asks for
 *     transparent huge pages (Go leaves them to the system): it is written
 *     through from start to end, the copy then the appends, so one 2 MiB
 *     fault costs less than 512 small ones. An object from plain alloc gets
 *     no such advice: a map's bucket array is touched at scattered places,
 *     and each first touch of a huge page clears 2 MiB in one fault (4 ms
 *     on the CI machine, one insert's time, where a 4 KiB fault takes
 *     12 µs). */
#include <stdio.h>
#include <string.h>

#include "heap_internal.h"

/* Below this, copying costs less than the system call. */
#define GGI_RT_MOVE_MIN ((size_t)256 << 10)
/* Each moved object splits its arena's mapping in three until it is freed
 * (large.c maps it back): at most this many at once keeps us far below
 * Linux's default cap of 65530 mappings per process; past it, we copy. */
#define GGI_RT_MOVED_MAX 4096u

/* A grown object of GGI_RT_HUGE_PAGES pages or more asks for huge pages
 * (see the top of this file). */
static void advise_grown(void *p, size_t bytes)
{
	if (bytes >= (size_t)GGI_RT_HUGE_PAGES * GG_PAGE_SIZE)
		ggi_rt_os_hugepages(p, bytes);
}

/* p is a large object (checked by the caller without the lock): its span
 * takes the pages after it. 1 on success, with the statistics of a new
 * object of `size` and a free of the old one. */
static int grow_in_place(gg_rt_heap *h, uintptr_t p, size_t old_size, size_t size, gg_scan noscan,
			 int *zeroed)
{
	uint64_t npages = ((uint64_t)size + GG_PAGE_SIZE - 1) / GG_PAGE_SIZE;
	if (size <= h->small_max || npages > (UINT32_MAX >> 1))
		return 0;
	pthread_mutex_lock(&h->lock);
	ggi_rt_span *s = ggi_rt_span_of(h, p);
	uint32_t old_pages = s ? s->npages : 0;
	int fresh = 0;
	/* Again under the lock: p may have been freed by another thread since. */
	int ok = s && atomic_load(&s->state) == GGI_SPAN_LARGE && s->base == p &&
		 s->spc == (noscan ? 1 : 0) && npages >= old_pages &&
		 ggi_rt_span_extend(h, s, (uint32_t)npages, &fresh);
	if (ok)
		s->large_size = size;
	pthread_mutex_unlock(&h->lock);
	if (!ok)
		return 0;
	uint64_t bytes = npages * GG_PAGE_SIZE, old_bytes = (uint64_t)old_pages * GG_PAGE_SIZE;
	advise_grown((void *)p, (size_t)bytes);
	atomic_fetch_add_explicit(&h->g.large_allocs, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->g.large_bytes, bytes, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->g.large_frees, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&h->g.large_freed_bytes, old_bytes, memory_order_relaxed);
	ggi_rt_emit(h, GG_RT_EV_LARGE_ALLOC, size, bytes);
	/* The added pages read as zero; the old pages' bytes past old_size are
	 * whatever the object's slot held: clear them so the promise holds. */
	*zeroed = fresh;
	if (fresh)
		memset((char *)p + old_size, 0, (size_t)old_bytes - old_size);
	return 1;
}

/* The first n bytes of p into q (a new object, *zeroed as it came): by
 * moving pages when both are large and n is big, else by copying. Returns
 * the bytes of p that now read as zero (pages moved away), 0, or
 * MOVE_LOST when q's pages could not be mapped again after a failed move
 * (p is intact). */
#define MOVE_LOST SIZE_MAX

/* A place among the GGI_RT_MOVED_MAX moved objects, or 0 (copy instead). */
static int take_move(gg_rt_heap *h)
{
	if (atomic_fetch_add(&h->moved_spans, 1) < GGI_RT_MOVED_MAX)
		return 1;
	atomic_fetch_sub(&h->moved_spans, 1);
	return 0;
}

static size_t move_bytes(gg_rt_heap *h, void *q, const void *p, size_t n, int zeroed)
{
	size_t pages = (n + GG_PAGE_SIZE - 1) & ~(size_t)(GG_PAGE_SIZE - 1);
	/* Both are page-aligned spans of at least `pages` bytes: large
	 * objects start their span and hold every byte up to its end. */
	ggi_rt_span *qs = ggi_rt_span_of(h, (uintptr_t)q);
	int mv = 0;
	if (n >= GGI_RT_MOVE_MIN && qs->spc < 2 && take_move(h)) {
		mv = ggi_rt_os_move(q, (void *)p, pages);
		if (mv > 0)
			qs->moved = 1; /* q is ours alone: large.c reads it at the free */
		else
			atomic_fetch_sub(&h->moved_spans, 1);
	}
	if (mv < 0)
		return MOVE_LOST;
	if (mv > 0) {
		if (zeroed) /* the old slot's tail came along */
			memset((char *)q + n, 0, pages - n);
		return pages;
	}
	memcpy(q, p, n);
	return 0;
}

gg_status gg_rt_heap_grow(gg_rt_heap *h, void *p, size_t old_size, size_t size, gg_scan noscan, void **out,
			  int *zeroed, gg_error *err)
{
	int z = 0;
	uint64_t usable = 0;
	noscan = noscan != 0;
	*out = NULL;
	if (!p || p == (void *)&h->zerobase) {
		usable = 0;
	} else if (gg_rt_heap_slot(h, p, NULL, &usable) != GG_OK) {
		return ggi_rt_bad_free(h, err, "grow: not a live object of this heap", (uintptr_t)p);
	}
	if (old_size > usable)
		return ggi_rt_bad_free(h, err, "grow: old size past the object", (uintptr_t)p);
	/* A span gone since the check is the caller's race (a free of p on
	 * another thread): no growth in place then. */
	ggi_rt_span *ps = usable > h->small_max ? ggi_rt_span_of(h, (uintptr_t)p) : NULL;
	int large = ps && ps->spc < 2;
	/* Taking pages in place is a memory request too: tests fail it in turn. */
	if (large && ggi_rt_os_fail(h))
		goto nomem;
	if (large && grow_in_place(h, (uintptr_t)p, old_size, size, noscan, &z)) {
		*out = p;
	} else {
		void *q = ggi_rt_alloc_z(h, size, noscan, &z);
		if (!q)
			goto nomem;
		advise_grown(q, size);
		size_t n = old_size < size ? old_size : size, moved = n > 0 ? move_bytes(h, q, p, n, z) : 0;
		/* q's pages are unmapped: it stays allocated, never handed out,
		 * so that nothing touches them; p is as it was. */
		if (moved == MOVE_LOST)
			goto nomem;
		if (moved)
			ggi_rt_large_free(h, (uintptr_t)p, moved, NULL);
		else
			gg_rt_heap_free(h, p, NULL);
		*out = q;
	}
	if (zeroed)
		*zeroed = z;
	return GG_OK;
nomem:
	if (err) {
		err->code = GG_ERR_NOMEM;
		err->column = 0;
		snprintf(err->msg, sizeof err->msg, "out of memory: growing to %zu bytes", size);
	}
	return GG_ERR_NOMEM;
}
