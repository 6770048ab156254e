/* The page allocator: runs of free 8 KiB pages inside an arena, first fit at
 * the lowest address, as Go's pageAlloc (mpagealloc.go).
 *
 * Go keeps one bit per page and a radix tree of summaries over it; each
 * summary is (start, max, end): free pages at the start of its range, the
 * longest free run inside, free pages at the end. We keep the same summary
 * in a binary tree over the 64-page words of each arena: a leaf summarises
 * one bitmap word, a parent merges its two children. Finding n pages walks
 * from the root: into the left child if its max fits, across the middle if
 * left.end + right.start fits, else right: O(log pages), and freeing or
 * allocating a run updates its words and their ancestors: O(words + log).
 * Arenas are few (one per 64 MiB), so the heap tries them in turn. */
#include <stdio.h>

#include "heap_internal.h"

#define PRE(a, i) ((a)->sum[3 * (size_t)(i)])
#define SUF(a, i) ((a)->sum[3 * (size_t)(i) + 1])
#define MAX(a, i) ((a)->sum[3 * (size_t)(i) + 2])

static uint32_t longest_run(uint64_t w)
{
	uint32_t best = 0;
	while (w) {
		unsigned z = (unsigned)__builtin_ctzll(w);
		w >>= z;
		uint32_t ones = (~w == 0) ? 64 - z : (uint32_t)__builtin_ctzll(~w);
		if (ones > best)
			best = ones;
		w = ones >= 64 ? 0 : w >> ones;
	}
	return best;
}

static void leaf_set(ggi_rt_arena *a, uint32_t leaf)
{
	uint32_t i = a->nleaves + leaf;
	uint64_t w = leaf < a->nwords ? a->free[leaf] : 0;
	PRE(a, i) = ~w == 0 ? 64 : (uint32_t)__builtin_ctzll(~w);
	SUF(a, i) = ~w == 0 ? 64 : (uint32_t)__builtin_clzll(~w);
	MAX(a, i) = longest_run(w);
}

static void node_merge(ggi_rt_arena *a, uint32_t i, uint32_t width)
{
	uint32_t l = 2 * i, r = l + 1, half = width / 2;
	PRE(a, i) = PRE(a, l) == half ? half + PRE(a, r) : PRE(a, l);
	SUF(a, i) = SUF(a, r) == half ? half + SUF(a, l) : SUF(a, r);
	uint32_t m = MAX(a, l) > MAX(a, r) ? MAX(a, l) : MAX(a, r);
	uint32_t mid = SUF(a, l) + PRE(a, r);
	MAX(a, i) = mid > m ? mid : m;
}

/* Recomputes the summaries of leaves lo..hi and of their ancestors. */
static void update(ggi_rt_arena *a, uint32_t lo, uint32_t hi)
{
	for (uint32_t l = lo; l <= hi; l++)
		leaf_set(a, l);
	uint32_t nlo = a->nleaves + lo, nhi = a->nleaves + hi, width = 64;
	while (nlo > 1) {
		nlo /= 2;
		nhi /= 2;
		width *= 2;
		for (uint32_t i = nlo; i <= nhi; i++)
			node_merge(a, i, width);
	}
}

void ggi_rt_pages_init(ggi_rt_arena *a)
{
	for (uint32_t w = 0; w < a->nwords; w++)
		a->free[w] = ~UINT64_C(0);
	update(a, 0, a->nleaves - 1);
}

/* Lowest run of n free pages in one word (n <= 64), or 64. */
static uint32_t word_find(uint64_t w, uint32_t n)
{
	uint32_t pos = 0;
	while (pos < 64) {
		uint64_t x = w >> pos;
		if (x == 0)
			break;
		pos += (uint32_t)__builtin_ctzll(x);
		x = w >> pos;
		uint32_t ones = ~x == 0 ? 64 - pos : (uint32_t)__builtin_ctzll(~x);
		if (ones >= n)
			return pos;
		pos += ones;
	}
	return 64;
}

/* First page of the lowest run of n free pages, or UINT32_MAX. */
uint32_t ggi_rt_pages_find(const ggi_rt_arena *a, uint32_t n)
{
	if (MAX(a, 1) < n)
		return UINT32_MAX;
	uint32_t node = 1, width = a->nleaves * 64, start = 0;
	while (node < a->nleaves) {
		uint32_t l = 2 * node, half = width / 2;
		if (MAX(a, l) >= n) {
			node = l;
		} else if (SUF(a, l) + PRE(a, l + 1) >= n) {
			return start + half - SUF(a, l);
		} else {
			node = l + 1;
			start += half;
		}
		width = half;
	}
	return start + word_find(a->free[node - a->nleaves], n);
}

/* Calls fn(word, mask) for each word the page range [start, start+n) touches. */
#define FOR_RANGE(start, n, w, mask, body)                                                                   \
	for (uint32_t p_ = (start), e_ = (start) + (n); p_ < e_;) {                                          \
		uint32_t w = p_ / 64, b_ = p_ % 64, c_ = e_ - p_ < 64 - b_ ? e_ - p_ : 64 - b_;              \
		uint64_t mask = (c_ == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << c_) - 1)) << b_;                 \
		body;                                                                                        \
		p_ += c_;                                                                                    \
	}

void ggi_rt_pages_mark(ggi_rt_arena *a, uint32_t start, uint32_t n, int free)
{
	FOR_RANGE(start, n, w, mask, {
		if (free)
			a->free[w] |= mask;
		else
			a->free[w] &= ~mask;
	});
	update(a, start / 64, (start + n - 1) / 64);
}

/* Takes the run out of the arena; returns how many of its pages had been
 * released to the OS (they come back zeroed on first touch). */
static uint32_t take(ggi_rt_arena *a, uint32_t start, uint32_t n)
{
	uint32_t scav = 0;
	FOR_RANGE(start, n, w, mask, {
		scav += (uint32_t)ggi_popcount(a->scav[w] & mask);
		a->scav[w] &= ~mask;
	});
	ggi_rt_pages_mark(a, start, n, 0);
	return scav;
}

/* Heap lock held. NULL-equivalent 0 when over the limit or out of memory.
 * *needzero: 0 when every page comes straight from the OS (never touched,
 * or released since), so reads as zero; Go tracks the same per arena
 * (zeroedBase) and span (mheap.allocNeedsZero). */
/* 0 when `bytes` more in use would pass the limit. */
static int under_limit(gg_rt_heap *h, uint64_t bytes)
{
	uint64_t inuse = atomic_load(&h->heap_inuse);
	if (h->limit) {
		if (inuse + bytes > h->limit)
			return 0;
		uint64_t kept = atomic_load(&h->heap_sys) - inuse - atomic_load(&h->heap_released);
		if (inuse + kept + bytes > h->limit)
			ggi_rt_scavenge(h, 0, UINT64_MAX); /* keep resident memory under the limit */
	}
	return 1;
}

/* The run is taken: counters, and a scavenger pass. */
static void taken(gg_rt_heap *h, uint32_t npages, uint32_t scav)
{
	/* Also here, not only on frees: a program that stops freeing still
	 * returns the pages it freed long ago (Go's scavenger is a goroutine). */
	ggi_rt_scavenge_maybe(h);
	atomic_fetch_sub(&h->heap_released, (uint64_t)scav << GGI_RT_PAGE_SHIFT);
	atomic_fetch_add(&h->heap_inuse, (uint64_t)npages << GGI_RT_PAGE_SHIFT);
}

uintptr_t ggi_rt_pages_alloc(gg_rt_heap *h, uint32_t npages, int *needzero)
{
	if (!under_limit(h, (uint64_t)npages << GGI_RT_PAGE_SHIFT))
		return 0;
	ggi_rt_arena *a = h->arenas;
	uint32_t start = UINT32_MAX;
	for (; a; a = a->next)
		if ((start = ggi_rt_pages_find(a, npages)) != UINT32_MAX)
			break;
	if (!a) {
		a = ggi_rt_arena_grow(h, npages);
		if (!a)
			return 0;
		start = ggi_rt_pages_find(a, npages);
	}
	uint32_t scav = take(a, start, npages);
	*needzero = scav < npages;
	taken(h, npages, scav);
	return a->base + ((uintptr_t)start << GGI_RT_PAGE_SHIFT);
}

/* Takes exactly the pages [start, start+npages) of arena a if every one is
 * free: a large object growing in place takes the run right after it.
 * Heap lock held. 0 when a page is in use, past the arena, or the limit
 * would be passed; *needzero as ggi_rt_pages_alloc. */
int ggi_rt_pages_take_at(gg_rt_heap *h, ggi_rt_arena *a, uint32_t start, uint32_t npages, int *needzero)
{
	if (npages == 0 || start > a->npages || npages > a->npages - start)
		return 0;
	int all_free = 1;
	FOR_RANGE(start, npages, w, mask, { all_free &= (a->free[w] & mask) == mask; });
	if (!all_free || !under_limit(h, (uint64_t)npages << GGI_RT_PAGE_SHIFT))
		return 0;
	uint32_t scav = take(a, start, npages);
	*needzero = scav < npages;
	taken(h, npages, scav);
	return 1;
}

void ggi_rt_pages_free(gg_rt_heap *h, uintptr_t base, uint32_t npages)
{
	ggi_rt_arena *a = ggi_rt_arena_of(h, base);
	uint32_t start = (uint32_t)((base - a->base) >> GGI_RT_PAGE_SHIFT);
	ggi_rt_pages_mark(a, start, npages, 1);
	uint64_t now = ggi_rt_now();
	for (uint32_t w = start / 64; w <= (start + npages - 1) / 64; w++)
		a->freed_at[w] = now;
	atomic_fetch_sub(&h->heap_inuse, (uint64_t)npages << GGI_RT_PAGE_SHIFT);
	ggi_rt_scavenge_maybe(h);
}

/* The free pages [base, base+npages) read as zero (their frames were moved
 * away): counted released, as if the scavenger had been there, so HeapReleased
 * stays true and the next span there needs no clearing. Heap lock held. */
void ggi_rt_pages_zeroed(gg_rt_heap *h, uintptr_t base, uint32_t npages)
{
	ggi_rt_arena *a = ggi_rt_arena_of(h, base);
	uint32_t start = (uint32_t)((base - a->base) >> GGI_RT_PAGE_SHIFT);
	uint64_t added = 0;
	FOR_RANGE(start, npages, w, mask, {
		uint64_t m = mask & a->free[w] & ~a->scav[w];
		added += ggi_popcount(m);
		a->scav[w] |= m;
	});
	atomic_fetch_add(&h->heap_released, added << GGI_RT_PAGE_SHIFT);
}

gg_status ggi_rt_pages_check(const ggi_rt_arena *a, gg_error *err)
{
	for (uint32_t w = 0; w < a->nwords; w++) {
		if (a->scav[w] & ~a->free[w])
			goto bad;
		uint32_t i = a->nleaves + w;
		uint64_t x = a->free[w];
		if (MAX(a, i) != longest_run(x) ||
		    PRE(a, i) != (~x == 0 ? 64 : (uint32_t)__builtin_ctzll(~x)))
			goto bad;
	}
	for (uint32_t i = a->nleaves - 1; i >= 1; i--) {
		uint32_t width = 64;
		for (uint32_t j = i; j < a->nleaves; j *= 2)
			width *= 2;
		uint32_t l = 2 * i, half = width / 2;
		uint32_t pre = PRE(a, l) == half ? half + PRE(a, l + 1) : PRE(a, l);
		if (PRE(a, i) != pre || MAX(a, i) < MAX(a, l) || MAX(a, i) < SUF(a, l) + PRE(a, l + 1))
			goto bad;
	}
	return GG_OK;
bad:
	if (err) {
		err->code = GG_ERR_PANIC;
		snprintf(err->msg, sizeof err->msg, "page tree of arena %#lx inconsistent",
			 (unsigned long)a->base);
	}
	return GG_ERR_PANIC;
}
