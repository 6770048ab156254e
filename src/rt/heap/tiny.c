/* The tiny allocator (malloc.go, mallocgc's tiny path): pointer-free objects
 * under 16 bytes share 16-byte blocks, each aligned to what its size
 * allows, so that many small strings and scalars cost one slot.
 *
 * Go frees a block when the collector finds none of it reachable. We free
 * explicitly, so each block has a 32-bit mask in its span: bit i set = a
 * live sub-object starts at byte i, and GGI_RT_TINY_PIN while a cache is
 * still filling the block. Whoever clears the last bit frees the slot. The
 * mask also makes a tiny free exact: a pointer that is not the start of a
 * live sub-object is refused. */
#include "heap_internal.h"

static uint32_t tiny_class(void)
{
	return (uint32_t)gg_sizeclass_of(GG_TINY_SIZE);
}

/* The cache stops filling its block; frees it if nothing in it is live. */
void ggi_rt_tiny_unpin(gg_rt_heap *h, ggi_rt_cache *c)
{
	if (!c->tiny)
		return;
	ggi_rt_span *s = c->tinys;
	uint32_t idx = c->tinyidx;
	c->tiny = 0;
	c->tinys = NULL;
	uint32_t old = atomic_fetch_and(&s->tinymask[idx], ~GGI_RT_TINY_PIN);
	if (old == GGI_RT_TINY_PIN) {
		ggi_rt_count(&c->n.tiny_block_frees, 1);
		ggi_rt_slot_free(h, s, idx, NULL, 1);
	}
}

void *ggi_rt_tiny_alloc(gg_rt_heap *h, ggi_rt_cache *c, size_t size)
{
	uint32_t off = c->tinyoff;
	if ((size & 7) == 0)
		off = (off + 7) & ~7u;
	else if ((size & 3) == 0)
		off = (off + 3) & ~3u;
	else if ((size & 1) == 0)
		off = (off + 1) & ~1u;
	if (c->tiny && off + size <= GG_TINY_SIZE) {
		atomic_fetch_or_explicit(&c->tinys->tinymask[c->tinyidx], 1u << off, memory_order_relaxed);
		c->tinyoff = off + (uint32_t)size;
		ggi_rt_count(&c->n.tiny_allocs, 1);
		return (void *)(c->tiny + off);
	}
	int spc = (int)(2 * tiny_class() + 1);
	uintptr_t v = ggi_rt_cache_next(h, c, spc);
	if (!v && !(v = (uintptr_t)ggi_rt_cache_refill(c, spc)))
		return NULL;
	ggi_rt_span *s = ggi_rt_span_of(h, v); /* the block may come from the list */
	uint32_t idx = (uint32_t)((v - s->base) / GG_TINY_SIZE);
	ggi_rt_count(&c->n.mallocs[tiny_class()], 1);
	ggi_rt_count(&c->n.tiny_blocks, 1);
	ggi_rt_count(&c->n.tiny_allocs, 1);
	/* Keep the block with more room left, as Go does. */
	if (!c->tiny || size < c->tinyoff) {
		atomic_store_explicit(&s->tinymask[idx], 1u | GGI_RT_TINY_PIN, memory_order_relaxed);
		ggi_rt_tiny_unpin(h, c);
		c->tiny = v;
		c->tinys = s;
		c->tinyidx = idx;
		c->tinyoff = (uint32_t)size;
	} else {
		atomic_store_explicit(&s->tinymask[idx], 1u, memory_order_relaxed);
	}
	return (void *)v;
}

/* Frees the sub-object at byte `off` of block `idx`. */
gg_status ggi_rt_tiny_free(gg_rt_heap *h, ggi_rt_span *s, uint32_t idx, uintptr_t off, gg_error *err)
{
	uint32_t bit = 1u << off;
	uintptr_t p = s->base + (uintptr_t)idx * GG_TINY_SIZE + off;
	if (!(atomic_load_explicit(&s->tinymask[idx], memory_order_relaxed) & bit))
		return ggi_rt_bad_free(h, err, "tiny object not allocated (double free or interior pointer)",
				       p);
	uint32_t old = atomic_fetch_and_explicit(&s->tinymask[idx], ~bit, memory_order_acq_rel);
	if (!(old & bit))
		return ggi_rt_bad_free(h, err, "double free of a tiny object", p);
	ggi_rt_cache *c = ggi_rt_cache_peek(h);
	if (c)
		ggi_rt_count(&c->n.tiny_frees, 1);
	else
		atomic_fetch_add_explicit(&h->g.tiny_frees, 1, memory_order_relaxed);
	if ((old & ~bit) == 0) {
		if (c)
			ggi_rt_count(&c->n.tiny_block_frees, 1);
		else
			atomic_fetch_add_explicit(&h->g.tiny_block_frees, 1, memory_order_relaxed);
		return ggi_rt_slot_free(h, s, idx, err, 1);
	}
	return GG_OK;
}
