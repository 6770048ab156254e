/* Runtime slice: the growth path of append, and the move out of the
 * caller's buffer when the slice escapes.
 *
 * The model decides every capacity (gg_slice_append: runtime.growslice and
 * the compiler's stack buffers of the configured release); this file only
 * carries it out in real memory. The allocator is asked for exactly
 * newcap*size bytes (or config.resize, to grow the array in place). Under a Go-style heap that lands in the
 * very size class Go's growslice used: Go's cap is floor(roundupsize(req)/size) with req the formula's bytes,
 * so req <= newcap*size <= roundupsize(req), and both round up to the same class (or page count). */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "model/util.h"
#include "rt/rt_internal.h"
#include "rt/slice/slice_internal.h"

/* Counts an array of `bytes` obtained, at the allocator's usable size. */
static void charge(gg_rt_slice *s, size_t bytes)
{
	const gg_rt_allocator *a = s->alloc;
	s->stats.bytes_allocated += a->usable ? a->usable(a->ctx, bytes, s->sim.e.noscan) : bytes;
}

void *ggi_rt_slice_alloc(gg_rt_slice *s, size_t bytes, int *zeroed)
{
	const gg_rt_allocator *a = s->alloc;
	assert(bytes > 0);
	*zeroed = 0;
	void *p = a->alloc_z ? a->alloc_z(a->ctx, bytes, s->sim.e.noscan, zeroed)
			     : a->alloc(a->ctx, bytes, s->sim.e.noscan);
	if (!p)
		return NULL;
	assert((uintptr_t)p % s->align == 0);
	s->stats.allocs++;
	charge(s, bytes);
	return p;
}

void ggi_rt_slice_release(gg_rt_slice *s, void *data, size_t blk_bytes)
{
	if (blk_bytes > 0)
		s->alloc->free(s->alloc->ctx, data, blk_bytes, s->sim.e.noscan);
}

static void trace_grow(const gg_rt_slice *s, int64_t oldcap, uint64_t copied)
{
	gg_rt_event ev = {GG_RT_EV_SLICE_GROW, ggi_rt_now_ns(), (uint64_t)oldcap, (uint64_t)s->cap, copied};
	s->tracer.fn(s->tracer.ctx, &ev);
}

/* Where the model's growth `g` puts the elements: the zero base, the
 * caller's buffer, or a new array (blk_bytes set; NULL when out of memory;
 * *zeroed as ggi_rt_slice_alloc says). */
static void *new_home(gg_rt_slice *s, const gg_grow *g, size_t *blk_bytes, int *zeroed)
{
	*blk_bytes = 0;
	*zeroed = 0;
	switch (g->path) {
	case GG_PATH_ZEROSIZE: return ggi_rt_slice_zerobase();
	case GG_PATH_STACKBUF:
	case GG_PATH_BUFLADDER:
		/* Both stay within GG_STACK_BUF_BYTES, which init_buf checked. */
		assert(s->buf && g->capbytes <= s->buf_bytes);
		return s->buf;
	case GG_PATH_HEAP:
	case GG_PATH_NONE: break;
	}
	*blk_bytes = (size_t)g->capbytes;
	return ggi_rt_slice_alloc(s, *blk_bytes, zeroed);
}

/* Moves the len elements of s to `to` (a new home with room for newcap),
 * then frees the old array if it was owned and is not the new one. */
static void move_to(gg_rt_slice *s, void *to, size_t blk_bytes, int64_t newcap)
{
	size_t bytes = (size_t)s->len * s->size;
	int64_t oldcap = s->cap;
	if (to != s->data) {
		memcpy(to, s->data, bytes);
		ggi_rt_slice_release(s, s->data, s->blk_bytes);
		s->stats.bytes_copied += bytes;
	} else {
		bytes = 0;
	}
	s->data = to;
	s->blk_bytes = blk_bytes;
	s->cap = newcap;
	if (s->tracer.fn)
		trace_grow(s, oldcap, bytes);
}

/* The array at `to` (in place when it is the old one) now holds the slice:
 * src is re-pointed if it was inside the old array. */
static void take_array(gg_rt_slice *s, const gg_grow *g, const void **src, void *to)
{
	uintptr_t old = (uintptr_t)s->data, at = (uintptr_t)*src;
	assert((uintptr_t)to % s->align == 0);
	if (*src && at >= old && at < old + s->blk_bytes)
		*src = (char *)to + (at - old);
	size_t moved = to == s->data ? 0 : (size_t)s->len * s->size;
	s->stats.bytes_copied += moved;
	charge(s, (size_t)g->capbytes);
	int64_t oldcap = s->cap;
	s->data = to;
	s->blk_bytes = (size_t)g->capbytes;
	s->cap = g->newcap;
	if (s->tracer.fn)
		trace_grow(s, oldcap, moved);
}

/* Grows the owned array through config.resize (the model's cap, so the
 * same bytes alloc would get). src is re-pointed if it was inside. */
static int resize_home(gg_rt_slice *s, const gg_grow *g, const void **src)
{
	void *to = s->resize(s->alloc->ctx, s->data, s->blk_bytes, (size_t)g->capbytes, s->sim.e.noscan);
	if (!to)
		return 0;
	s->stats.resizes++;
	take_array(s, g, src, to);
	return 1;
}

/* Grows the owned array through the allocator's grow: to the allocator
 * (and to the heap's statistics) an allocation of the model's bytes and a
 * free of the old array, as the copy path, but a large array on the Go-style
 * heap may stay in place or move without being copied. src is re-pointed if
 * it was inside. *zero_from: bytes from there on are known zero. */
static int grow_owned(gg_rt_slice *s, const gg_grow *g, const void **src, size_t *zero_from)
{
	const gg_rt_allocator *a = s->alloc;
	int zeroed = 0;
	void *to = a->grow(a->ctx, s->data, s->blk_bytes, (size_t)g->capbytes, s->sim.e.noscan, &zeroed);
	if (!to)
		return 0;
	*zero_from = zeroed ? s->blk_bytes : SIZE_MAX;
	s->stats.allocs++;
	take_array(s, g, src, to);
	return 1;
}

/* Zeroes [len, cap) below byte zero_from (the rest already is). */
static void zero_tail_below(gg_rt_slice *s, size_t zero_from)
{
	size_t lo = (size_t)s->len * s->size, hi = (size_t)s->cap * s->size;
	if (zero_from < hi)
		hi = zero_from;
	if (hi > lo)
		memset((char *)s->data + lo, 0, hi - lo);
}

/* Zeroes [len, cap): Go's growslice hands out arrays whose tail past the
 * new len is zero (noscan: memclrNoHeapPointers of capmem-newlenmem after
 * mallocgc without needzero; pointerful: mallocgc with needzero), and so
 * do growsliceBuf and moveSlice* (runtime/slice.go). Reslicing s[:cap(s)]
 * in Go shows those zeros, so the tail is part of the state. */
void ggi_rt_slice_zero_tail(gg_rt_slice *s)
{
	memset((char *)s->data + (size_t)s->len * s->size, 0, (size_t)(s->cap - s->len) * s->size);
}

static void fill(void *at, const void *src, size_t bytes)
{
	if (src)
		memmove(at, src, bytes);
	else
		memset(at, 0, bytes);
}

/* append(s, src[0..n)) where it does not fit: the model says where to. */
static gg_status grow_append(gg_rt_slice *s, const void *src, int64_t n, gg_error *err)
{
	if (!s->alloc) /* its init failed: no target to ask the model about */
		return ggi_fail(err, GG_ERR_RANGE, 0, "the slice was not initialized");
	gg_slicestate saved = s->sim;
	gg_grow g;
	s->sim.len = s->len;
	s->sim.cap = s->cap;
	gg_status st = gg_slice_append(&s->sim, n, &g, err);
	if (st != GG_OK) {
		s->sim = saved;
		return st;
	}
	assert(g.newlen == s->len + n && g.newcap >= g.newlen && g.path != GG_PATH_NONE);
	size_t at = (size_t)s->len * s->size, add = (size_t)n * s->size, blk_bytes = (size_t)g.capbytes;
	int zeroed = 0, owned = g.path == GG_PATH_HEAP && s->blk_bytes > 0;
	size_t zero_from = SIZE_MAX; /* [len, cap) is cleared below this byte */
	if (owned && (s->resize || s->alloc->grow)) {
		if (s->resize ? !resize_home(s, &g, &src) : !grow_owned(s, &g, &src, &zero_from))
			goto nomem;
		fill((char *)s->data + at, src, add);
	} else {
		void *to = new_home(s, &g, &blk_bytes, &zeroed);
		if (!to)
			goto nomem;
		/* src may point into the old array: it is read before that is freed. */
		fill((char *)to + at, src, add);
		move_to(s, to, blk_bytes, g.newcap);
		if (zeroed) /* fresh pages from the OS need no clearing (needzero) */
			zero_from = 0;
	}
	s->len = g.newlen;
	zero_tail_below(s, zero_from);
	s->stats.growths++;
	assert(s->cap == s->sim.cap && s->len <= s->cap);
	assert(s->blk_bytes == 0 || s->blk_bytes >= (size_t)s->cap * s->size);
	return GG_OK;
nomem:
	s->sim = saved;
	return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory: growing to %lld elements (%zu bytes)",
			(long long)g.newcap, blk_bytes);
}

gg_status gg_rt_slice_append_n(gg_rt_slice *s, const void *src, int64_t n, gg_error *err)
{
	if (n < 0)
		return ggi_fail(err, GG_ERR_RANGE, 0, "cannot append %lld elements", (long long)n);
	if (n > s->cap - s->len)
		return grow_append(s, src, n, err);
	fill((char *)s->data + (size_t)s->len * s->size, src, (size_t)n * s->size);
	s->len += n;
	return GG_OK;
}

gg_status gg_rt_slice_append_slow(gg_rt_slice *s, const void *elem, gg_error *err)
{
	return gg_rt_slice_append_n(s, elem, 1, err);
}

gg_status gg_rt_slice_escape(gg_rt_slice *s, gg_error *err)
{
	if (s->buf && s->data == s->buf) {
		/* move2heap (1.26+): the model gives the cap of the heap copy. */
		s->sim.len = s->len;
		s->sim.cap = s->cap;
		int64_t newcap = gg_slice_finish(&s->sim, NULL);
		size_t bytes = (size_t)newcap * s->size, blk_bytes = 0;
		void *to = ggi_rt_slice_zerobase();
		int zeroed;
		if (bytes > 0 && !(to = ggi_rt_slice_alloc(s, blk_bytes = bytes, &zeroed)))
			return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory: moving %zu bytes to the heap",
					bytes);
		move_to(s, to, blk_bytes, newcap);
		ggi_rt_slice_zero_tail(s); /* moveSliceNoCapNoScan clears past len */
	}
	s->buf = NULL;
	s->sim.esc = GG_ESC_HEAP;
	s->sim.on_stack = 0;
	return GG_OK;
}
