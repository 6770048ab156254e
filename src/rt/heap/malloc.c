/* Allocation and free (Go's mallocgc in malloc.go, plus the free Go does
 * not have).
 *
 * alloc: size 0 -> zerobase; tiny (noscan, < 16 B) -> tiny.c; small ->
 * the thread's span for the span class, refilled by cache.c when empty;
 * large -> large.c. From 1.22 an object with pointers bigger than 512 bytes
 * (64-bit) gets an 8-byte header at the start of its slot, as Go's
 * mallocgc writes the type word there; we write the requested size.
 *
 * free: the span comes from the arena's page table; the object index from
 * the offset (Go's divMagic); every pointer that is not the start of a live
 * object is refused. A free into a span the calling thread owns clears the
 * alloc bit directly; any other free sets a free bit (fetch_or) and
 * decrements `live`: no lock unless the span changes list (central.c). */
#include <stdio.h>
#include <string.h>

#include "heap_internal.h"

ggi_cold gg_status ggi_rt_bad_free(gg_rt_heap *h, gg_error *err, const char *why, uintptr_t p)
{
	atomic_fetch_add_explicit(&h->g.invalid_frees, 1, memory_order_relaxed);
	if (err) {
		err->code = GG_ERR_RANGE;
		err->column = 0;
		snprintf(err->msg, sizeof err->msg, "free(%#lx): %s", (unsigned long)p, why);
	}
	return GG_ERR_RANGE;
}

static void count_free(gg_rt_heap *h, ggi_rt_cache *c, int cls)
{
	if (c)
		ggi_rt_count(&c->n.frees[cls], 1);
	else
		atomic_fetch_add_explicit(&h->g.frees[cls], 1, memory_order_relaxed);
}

/* Frees slot idx of small span s back to the span; the caller checked the
 * pointer. `count`: a user's free (not a cached object going back). */
gg_status ggi_rt_slot_free(gg_rt_heap *h, ggi_rt_span *s, uint32_t idx, gg_error *err, int count)
{
	ggi_rt_cache *c = ggi_rt_cache_peek(h);
	uint32_t w = idx >> 6;
	uint64_t bit = UINT64_C(1) << (idx & 63);
	uintptr_t p = s->base + (uintptr_t)idx * s->elemsize;
	int spc = s->spc;
	uint64_t ab = atomic_load_explicit(&s->bits[w].alloc, memory_order_acquire);
	if (!(ab & bit))
		return ggi_rt_bad_free(h, err, "object not allocated (double free?)", p);
	if (c && atomic_load_explicit(&s->owner, memory_order_relaxed) == c) {
		if (atomic_load_explicit(&s->bits[w].free, memory_order_relaxed) & bit)
			return ggi_rt_bad_free(h, err, "double free", p);
		atomic_store_explicit(&s->bits[w].alloc, ab & ~bit, memory_order_relaxed);
		if (count)
			count_free(h, c, spc >> 1);
		return GG_OK;
	}
	uint64_t gen = atomic_load_explicit(&s->gen, memory_order_relaxed);
	int64_t partial_at = s->partial_at;
	uint64_t old = atomic_fetch_or_explicit(&s->bits[w].free, bit, memory_order_acq_rel);
	if (old & bit)
		return ggi_rt_bad_free(h, err, "double free", p);
	if (count)
		count_free(h, c, spc >> 1);
	int64_t live = atomic_fetch_sub(&s->live, 1) - 1;
	if ((live == 0 || live == partial_at) && atomic_load(&s->state) != GGI_SPAN_OWNED)
		ggi_rt_central_check(h, s, spc, gen);
	return GG_OK;
}

/* Slot idx is allocated and no other thread has freed it. */
static inline int slot_live(const ggi_rt_span *s, uint32_t idx)
{
	uint64_t ab = atomic_load_explicit(&s->bits[idx >> 6].alloc, memory_order_acquire);
	uint64_t fb = atomic_load_explicit(&s->bits[idx >> 6].free, memory_order_relaxed);
	return (ab & ~fb) >> (idx & 63) & 1;
}

/* The thread keeps the object for its next allocation of the class (as
 * tcmalloc's thread cache, which Go's mcache has no need for: its frees are
 * the sweeper's). The span still counts it allocated. The caller checked
 * that p is the object in `slot` (after its malloc header, if any) and
 * that the slot is allocated; a slot found holding the list's check words
 * is already on a list: a double free. */
static inline gg_status list_free(gg_rt_heap *h, ggi_rt_cache *c, int spc, uintptr_t slot, uintptr_t p,
				  gg_error *err)
{
	uintptr_t *o = (uintptr_t *)slot;
	if (ggi_unlikely(ggi_rt_list_freed(h, o)))
		return ggi_rt_bad_free(h, err, "double free", p);
	ggi_rt_count(&c->n.frees[spc >> 1], 1);
	ggi_rt_list_link(h, o, (uintptr_t)c->list[spc]);
	c->list[spc] = o;
	if (ggi_unlikely(++c->listn[spc] > c->listmax[spc]))
		ggi_rt_cache_trim(c, spc, c->listn[spc] / 2);
	return GG_OK;
}

static ggi_cold uintptr_t alloc_timed(gg_rt_heap *h, ggi_rt_cache *c, int spc)
{
	c->sample_left = h->latency_sample;
	uint64_t t0 = ggi_rt_now();
	uintptr_t v = ggi_rt_cache_next(h, c, spc);
	uint64_t d = ggi_rt_now() - t0;
	if (v)
		ggi_rt_lat_add(c->n.lat, d > h->clock_ns ? d - h->clock_ns : 0, 0);
	return v;
}

/* Counts the allocation and writes the malloc header (the size) if any. */
static inline void *alloc_done(ggi_rt_cache *c, int spc, uintptr_t v, size_t size, int hdr)
{
	ggi_rt_count(&c->n.mallocs[spc >> 1], 1);
	if (hdr) {
		*(uint64_t *)v = size;
		v += GG_MALLOC_HEADER;
	}
	return (void *)v;
}

/* Everything but a list hit: the span's free bits (Go's nextFreeFast),
 * a refill, and the sampled timing. Out of line so that the list hit
 * keeps a small frame; not cold, as it is the path of every allocation
 * that no free preceded. */
static __attribute__((noinline)) void *alloc_span(gg_rt_heap *h, ggi_rt_cache *c, int spc, size_t size,
						  int hdr)
{
	uintptr_t v;
	if (ggi_unlikely(h->latency_sample) && --c->sample_left == 0)
		v = alloc_timed(h, c, spc);
	else
		v = ggi_rt_cache_next(h, c, spc);
	if (ggi_unlikely(!v) && !(v = (uintptr_t)ggi_rt_cache_refill(c, spc)))
		return NULL;
	return alloc_done(c, spc, v, size, hdr);
}

static inline void *alloc_small(gg_rt_heap *h, ggi_rt_cache *c, size_t size, gg_scan noscan)
{
	int hdr = !noscan && size > h->hdr_min;
	uint32_t req = (uint32_t)size + (hdr ? GG_MALLOC_HEADER : 0);
	int spc = 2 * ggi_rt_class_of(h, req) + noscan;
	uintptr_t v;
	if (ggi_unlikely(h->latency_sample) || ggi_unlikely(!(v = ggi_rt_list_pop(h, c, spc))))
		return alloc_span(h, c, spc, size, hdr);
	return alloc_done(c, spc, v, size, hdr);
}

void *gg_rt_heap_alloc(gg_rt_heap *h, size_t size, gg_scan noscan)
{
	noscan = noscan != 0;
	if (ggi_unlikely(size == 0))
		return &h->zerobase;
	if (ggi_unlikely(size > h->small_max))
		return ggi_rt_large_alloc(h, size, noscan);
	ggi_rt_cache *c = ggi_likely(ggi_rt_tl.id == h->id) ? ggi_rt_tl.c : ggi_rt_cache_get(h);
	if (ggi_unlikely(!c))
		return NULL;
	if (noscan && size < GG_TINY_SIZE)
		return ggi_rt_tiny_alloc(h, c, size);
	return alloc_small(h, c, size, noscan);
}

/* gg_rt_heap_alloc, and whether the object is known zero: a large object
 * on pages fresh from the OS is (mallocgc's needzero / span.needzero); a
 * small one is not tracked (its slot may have been used). */
void *ggi_rt_alloc_z(gg_rt_heap *h, size_t size, gg_scan noscan, int *zeroed)
{
	void *p = gg_rt_heap_alloc(h, size, noscan);
	*zeroed = 0;
	if (p && size > h->small_max)
		*zeroed = !ggi_rt_span_of(h, (uintptr_t)p)->needzero;
	return p;
}

void *gg_rt_heap_alloc_zeroed(gg_rt_heap *h, size_t size, gg_scan noscan)
{
	int zeroed;
	void *p = ggi_rt_alloc_z(h, size, noscan, &zeroed);
	if (p && size && !zeroed)
		memset(p, 0, size);
	return p;
}

/* The small span s holds p, which the fast path below did not take: a tiny
 * sub-object, an object of a class too small for a list, a thread without a
 * cache, or a refusal with its reason. */
static ggi_cold gg_status small_free(gg_rt_heap *h, ggi_rt_span *s, uintptr_t p, gg_error *err)
{
	uintptr_t off = p - s->base;
	if (s->hdr) {
		if (off < GG_MALLOC_HEADER)
			return ggi_rt_bad_free(h, err, "interior pointer (malloc header)", p);
		off -= GG_MALLOC_HEADER;
	}
	uint32_t idx = ggi_rt_span_index(s, off);
	uintptr_t start = (uintptr_t)idx * s->elemsize;
	if (idx >= s->nelems)
		return ggi_rt_bad_free(h, err, "pointer past the span's objects", p);
	if (s->tiny && atomic_load_explicit(&s->tinymask[idx], memory_order_relaxed))
		return ggi_rt_tiny_free(h, s, idx, off - start, err);
	if (start != off)
		return ggi_rt_bad_free(h, err, "interior pointer", p);
	ggi_rt_cache *c = ggi_rt_cache_peek(h);
	if (!c || s->elemsize < 16) /* too small for the two list words */
		return ggi_rt_slot_free(h, s, idx, err, 1);
	if (!slot_live(s, idx))
		return ggi_rt_bad_free(h, err, "object not allocated (double free?)", p);
	return list_free(h, c, s->spc, s->base + off, p, err);
}

/* A pointer whose page maps no in-use small span: nil, zerobase, a large
 * object, or a refusal. */
static ggi_cold gg_status other_free(gg_rt_heap *h, ggi_rt_span *s, uintptr_t p, gg_error *err)
{
	if (!p || p == (uintptr_t)&h->zerobase)
		return GG_OK;
	if (!s)
		return ggi_rt_bad_free(h, err, "not allocated by this heap", p);
	int st = atomic_load_explicit(&s->state, memory_order_relaxed);
	if (st == GGI_SPAN_LARGE || s->spc < 2)
		return ggi_rt_large_free(h, p, 0, err);
	return ggi_rt_bad_free(h, err, "not allocated by this heap", p);
}

/* The common free takes one metadata line (the span's first, which holds
 * the first 64 objects' bits) besides the object, and branches once for
 * everything unusual; small_free and other_free sort the rest out. */
gg_status gg_rt_heap_free(gg_rt_heap *h, void *ptr, gg_error *err)
{
	uintptr_t p = (uintptr_t)ptr;
	/* The object's line is read (double-free check) and written (list
	 * link) below: start the miss now, alongside the span lookup's. A
	 * prefetch never faults, so a foreign pointer is still harmless. */
	__builtin_prefetch(ptr, 1);
	ggi_rt_span *s = ggi_rt_span_of(h, p);
	if (ggi_unlikely(!s))
		return other_free(h, s, p, err);
	/* Owned or central: a small span in use (a large or free one is neither). */
	unsigned st = (unsigned)atomic_load_explicit(&s->state, memory_order_relaxed);
	if (ggi_unlikely(st - GGI_SPAN_OWNED > GGI_SPAN_CENTRAL - GGI_SPAN_OWNED))
		return other_free(h, s, p, err);
	/* A pointer before the first object wraps off far past the span, and
	 * no idx then gives start == off. */
	uintptr_t off = p - s->base - (uintptr_t)s->hdr * GG_MALLOC_HEADER;
	uint32_t idx = ggi_rt_span_index(s, off);
	if (ggi_unlikely(idx >= s->nelems || (uintptr_t)idx * s->elemsize != off || s->tiny ||
			 s->elemsize < 16))
		return small_free(h, s, p, err);
	/* The thread-local pair only: a thread that last used another heap
	 * takes small_free's slower lookup (a call here would cost the fast
	 * path its saved registers). */
	if (ggi_unlikely(ggi_rt_tl.id != h->id))
		return small_free(h, s, p, err);
	ggi_rt_cache *c = ggi_rt_tl.c;
	if (ggi_unlikely(!slot_live(s, idx)))
		return ggi_rt_bad_free(h, err, "object not allocated (double free?)", p);
	return list_free(h, c, s->spc, s->base + off, p, err);
}

gg_status gg_rt_heap_slot(gg_rt_heap *h, const void *ptr, uint64_t *slot, uint64_t *usable)
{
	uintptr_t p = (uintptr_t)ptr;
	ggi_rt_span *s = ptr ? ggi_rt_span_of(h, p) : NULL;
	if (!s || atomic_load(&s->state) == GGI_SPAN_FREE)
		return GG_ERR_RANGE;
	/* A large span's size from its pages: elemsize (32 bits) wraps from 4 GiB. */
	uint64_t sl = s->spc < 2 ? (uint64_t)s->npages << GGI_RT_PAGE_SHIFT : s->elemsize, us = sl;
	if (s->spc >= 2) {
		uintptr_t hdr = s->hdr ? GG_MALLOC_HEADER : 0;
		if (p - s->base < hdr)
			return GG_ERR_RANGE;
		uintptr_t off = p - s->base - hdr;
		uint32_t idx = ggi_rt_span_index(s, off);
		uintptr_t in = off - (uintptr_t)idx * s->elemsize;
		if (idx >= s->nelems || !((atomic_load(&s->bits[idx >> 6].alloc) >> (idx & 63)) & 1))
			return GG_ERR_RANGE;
		if (s->tiny && atomic_load(&s->tinymask[idx]))
			us = GG_TINY_SIZE - in;
		else if (in != 0)
			return GG_ERR_RANGE;
		else if (s->hdr)
			us -= GG_MALLOC_HEADER;
	} else if (s->base != p) {
		return GG_ERR_RANGE;
	}
	if (slot)
		*slot = sl;
	if (usable)
		*usable = us;
	return GG_OK;
}

static void *a_alloc(void *ctx, size_t size, gg_scan noscan)
{
	return gg_rt_heap_alloc(ctx, size, noscan);
}

static void a_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	(void)size;
	(void)noscan;
	gg_rt_heap_free(ctx, p, NULL);
}

static void *a_alloc_z(void *ctx, size_t size, gg_scan noscan, int *zeroed)
{
	return ggi_rt_alloc_z(ctx, size, noscan, zeroed);
}

static void *a_grow(void *ctx, void *p, size_t old_size, size_t size, gg_scan noscan, int *zeroed)
{
	void *q = NULL;
	return gg_rt_heap_grow(ctx, p, old_size, size, noscan, &q, zeroed, NULL) == GG_OK ? q : NULL;
}

static size_t a_usable(void *ctx, size_t size, gg_scan noscan)
{
	gg_rt_heap *h = ctx;
	return (size_t)gg_roundupsize(&h->target, size, noscan);
}

void gg_rt_heap_allocator(gg_rt_heap *h, gg_rt_allocator *out)
{
	out->alloc = a_alloc;
	out->free = a_free;
	out->usable = a_usable;
	out->ctx = h;
	out->alloc_z = a_alloc_z;
	out->grow = a_grow;
}
