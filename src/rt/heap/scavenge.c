/* The scavenger: idle pages go back to the OS (Go's mgcscavenge.go).
 *
 * Go runs a background goroutine paced against a memory goal. We have no
 * background thread: the page heap runs a pass when it frees or hands out
 * pages and the last pass is older than half the delay, and releases every
 * run of free, unreleased pages whose 64-page chunk saw no free for
 * `scavenge_ns` (a chunk-grained clock: 512 KiB). Heap lock held
 * throughout. */
#include "heap_internal.h"

static uint64_t release_word(ggi_rt_arena *a, uint32_t w, uint64_t idle)
{
	uint64_t pages = 0;
	while (idle) {
		unsigned lo = (unsigned)__builtin_ctzll(idle);
		uint64_t x = idle >> lo;
		unsigned n = ~x == 0 ? 64 - lo : (unsigned)__builtin_ctzll(~x);
		uintptr_t p = a->base + (((uintptr_t)w * 64 + lo) << GGI_RT_PAGE_SHIFT);
		ggi_rt_os_release((void *)p, (size_t)n << GGI_RT_PAGE_SHIFT);
		pages += n;
		idle &= n >= 64 ? 0 : ~(((UINT64_C(1) << n) - 1) << lo);
	}
	return pages;
}

uint64_t ggi_rt_scavenge(gg_rt_heap *h, uint64_t older_than_ns)
{
	uint64_t now = ggi_rt_now(), pages = 0;
	for (ggi_rt_arena *a = h->arenas; a; a = a->next) {
		for (uint32_t w = 0; w < a->nwords; w++) {
			uint64_t idle = a->free[w] & ~a->scav[w];
			if (!idle || now - a->freed_at[w] < older_than_ns)
				continue;
			pages += release_word(a, w, idle);
			a->scav[w] |= idle;
		}
	}
	h->last_scavenge = now;
	uint64_t bytes = pages << GGI_RT_PAGE_SHIFT;
	if (bytes) {
		atomic_fetch_add(&h->heap_released, bytes);
		atomic_fetch_add_explicit(&h->g.scavenges, 1, memory_order_relaxed);
		ggi_rt_emit(h, GG_RT_EV_SCAVENGE, bytes, 0);
	}
	return bytes;
}

void ggi_rt_scavenge_maybe(gg_rt_heap *h)
{
	if (h->scavenge_ns < 0)
		return;
	uint64_t delay = (uint64_t)h->scavenge_ns;
	if (ggi_rt_now() - h->last_scavenge >= delay / 2)
		ggi_rt_scavenge(h, delay);
}
