/* Arenas: the heap's address space, mapped from the OS in 64 MiB units
 * (4 MiB on 32-bit hosts), as Go's heapArena (malloc.go, mheap.go sysAlloc).
 *
 * Every arena is aligned to its unit, so the arena of any address is one
 * load from a flat index (Go's arenas[L1][L2] with L1 of size 1 on 64-bit
 * Linux): index[p >> 26]. The index covers the whole user address space and
 * is mapped NORESERVE, so only the slots touched cost memory. Each arena
 * keeps its metadata (page bitmaps, the page tree, the page-to-span table)
 * outside the arena, so the arena itself is pages only. An object bigger
 * than an arena gets an arena of its own, a multiple of the unit. */
#include <string.h>

#include "heap_internal.h"

int ggi_rt_index_init(gg_rt_heap *h)
{
	h->index_len = (size_t)1 << (GGI_RT_ADDR_BITS - GGI_RT_ARENA_SHIFT);
	h->index = ggi_rt_os_map(h, h->index_len * sizeof *h->index, 4096);
	if (!h->index)
		return 0;
	atomic_fetch_add(&h->meta_sys, h->index_len * sizeof *h->index);
	return 1;
}

static size_t meta_bytes(uint32_t npages, uint32_t nleaves)
{
	uint32_t nwords = npages / 64;
	return sizeof(ggi_rt_arena) + (size_t)nwords * 3 * sizeof(uint64_t) +
	       (size_t)nleaves * 2 * 3 * sizeof(uint32_t) + (size_t)npages * sizeof(void *);
}

static ggi_rt_arena *arena_meta(gg_rt_heap *h, uintptr_t base, size_t bytes)
{
	uint32_t npages = (uint32_t)(bytes >> GGI_RT_PAGE_SHIFT);
	uint32_t nwords = npages / 64, nleaves = 1;
	while (nleaves < nwords)
		nleaves *= 2;
	size_t mb = meta_bytes(npages, nleaves);
	char *m = ggi_rt_os_map(h, mb, 4096);
	if (!m)
		return NULL;
	ggi_rt_arena *a = (ggi_rt_arena *)m;
	a->base = base;
	a->npages = npages;
	a->nwords = nwords;
	a->nleaves = nleaves;
	a->meta_bytes = mb;
	a->spans = (_Atomic(ggi_rt_span *) *)(m + sizeof *a);
	a->free = (uint64_t *)(m + sizeof *a + (size_t)npages * sizeof(void *));
	a->scav = a->free + nwords;
	a->freed_at = a->scav + nwords;
	a->sum = (uint32_t *)(a->freed_at + nwords);
	ggi_rt_pages_init(a);
	/* A fresh arena has never been touched: it counts as released, as Go
	 * marks new heap memory scavenged. */
	memset(a->scav, 0xff, (size_t)nwords * sizeof(uint64_t));
	return a;
}

/* Maps an arena with room for npages contiguous pages and links it in.
 * Called with the heap lock held. */
ggi_rt_arena *ggi_rt_arena_grow(gg_rt_heap *h, uint32_t npages)
{
	uint64_t t0 = h->latency_sample ? ggi_rt_now() : 0;
	uint64_t need = (uint64_t)npages << GGI_RT_PAGE_SHIFT;
	uint64_t units = (need + GGI_RT_ARENA_BYTES - 1) / GGI_RT_ARENA_BYTES;
	if (units == 0)
		units = 1;
	if (units > (SIZE_MAX >> 1) / GGI_RT_ARENA_BYTES || units * GGI_RT_ARENA_BYTES >= ((uint64_t)1 << 40))
		return NULL;
	size_t bytes = (size_t)(units * GGI_RT_ARENA_BYTES);
	void *base = ggi_rt_os_map(h, bytes, GGI_RT_ARENA_BYTES);
	if (!base)
		return NULL;
	size_t first = (uintptr_t)base >> GGI_RT_ARENA_SHIFT;
	ggi_rt_arena *a = NULL;
	if (first + units <= h->index_len)
		a = arena_meta(h, (uintptr_t)base, bytes);
	if (!a) {
		ggi_rt_os_unmap(base, bytes);
		return NULL;
	}
	atomic_fetch_add(&h->meta_sys, a->meta_bytes);
	for (size_t i = 0; i < units; i++)
		atomic_store_explicit(&h->index[first + i], a, memory_order_release);
	ggi_rt_arena **tail = &h->arenas;
	while (*tail)
		tail = &(*tail)->next;
	*tail = a;
	atomic_fetch_add(&h->heap_sys, bytes);
	atomic_fetch_add(&h->heap_released, bytes);
	atomic_fetch_add_explicit(&h->g.os_maps, 1, memory_order_relaxed);
	ggi_rt_emit(h, GG_RT_EV_HEAP_GROW, bytes, 0);
	if (t0)
		ggi_rt_lat_record_atomic(h, GG_RT_TIER_OS, t0);
	return a;
}

void ggi_rt_arena_destroy_all(gg_rt_heap *h)
{
	ggi_rt_arena *a = h->arenas;
	while (a) {
		ggi_rt_arena *next = a->next;
		ggi_rt_os_unmap((void *)a->base, (size_t)a->npages << GGI_RT_PAGE_SHIFT);
		ggi_rt_os_unmap(a, a->meta_bytes);
		a = next;
	}
	h->arenas = NULL;
	ggi_rt_os_unmap((void *)h->index, h->index_len * sizeof *h->index);
}
