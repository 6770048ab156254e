/* The scavenger: idle pages go back to the OS (Go's mgcscavenge.go).
 *
 * Go runs a background goroutine that releases a little at a time, paced
 * to a small share of one CPU. We have no background thread: the page heap
 * runs a pass when it frees or hands out pages and the last pass is older
 * than half the delay, and releases runs of free, unreleased pages whose
 * 64-page chunk saw no free for `scavenge_ns` (a chunk-grained clock:
 * 512 KiB). A pass runs inside someone's allocation or free, so it stops
 * after GGI_RT_SCAVENGE_STEP pages, and the page-heap operations after it
 * go on at most one step per GGI_RT_SCAVENGE_PACE_NS: releasing the 151 MB
 * a map's grow freed took 43 ms in one pass on the CI machine, one
 * insert's time, and unpaced steps ran four to an insert (one per span
 * refill). gg_rt_heap_scavenge and the memory limit release all at once.
 * Heap lock held throughout. */
#include "heap_internal.h"

/* Pages one automatic pass releases at most: 128 KiB. On the CI machine
 * one madvise of 256 KiB or more of pages touched not long ago can take
 * 1.4-2.7 ms, where 128 KiB takes 0.1-0.3 ms (docs/benchmarks.md, map
 * latency on the gogrow heap); Go's scavenger works in 64 KiB units. */
#define GGI_RT_SCAVENGE_STEP 16u
/* The least time between steps of a pass that is behind; a shorter delay
 * (tests) paces by half the delay instead. */
#define GGI_RT_SCAVENGE_PACE_NS 1000000u

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

/* The lowest n set bits of x. */
static uint64_t lowest_bits(uint64_t x, uint64_t n)
{
	uint64_t r = 0;
	for (; n && x; n--) {
		r |= x & -x;
		x &= x - 1;
	}
	return r;
}

uint64_t ggi_rt_scavenge(gg_rt_heap *h, uint64_t older_than_ns, uint64_t max_pages)
{
	uint64_t now = ggi_rt_now(), pages = 0;
	h->scavenge_behind = 0;
	for (ggi_rt_arena *a = h->arenas; a; a = a->next) {
		for (uint32_t w = 0; w < a->nwords; w++) {
			uint64_t idle = a->free[w] & ~a->scav[w];
			if (!idle || now - a->freed_at[w] < older_than_ns)
				continue;
			if (pages >= max_pages) {
				h->scavenge_behind = 1;
				goto done;
			}
			idle = lowest_bits(idle, max_pages - pages);
			pages += release_word(a, w, idle);
			a->scav[w] |= idle;
		}
	}
done:
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
	uint64_t delay = (uint64_t)h->scavenge_ns, wait = delay / 2;
	if (h->scavenge_behind && wait > GGI_RT_SCAVENGE_PACE_NS)
		wait = GGI_RT_SCAVENGE_PACE_NS;
	if (ggi_rt_now() - h->last_scavenge >= wait)
		ggi_rt_scavenge(h, delay, GGI_RT_SCAVENGE_STEP);
}
