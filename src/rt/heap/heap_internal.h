/* The heap's internal structures, shared by the files of src/rt/heap/.
 * docs/runtime.md has the picture; each file's top comment names the Go
 * source it follows. */
#ifndef GOGROW_RT_HEAP_INTERNAL_H
#define GOGROW_RT_HEAP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "gogrow/rt_heap.h"

#if UINTPTR_MAX > 0xffffffffu
#define GGI_RT_ARENA_SHIFT 26 /* 64 MiB arenas (Go's heapArenaBytes) */
#define GGI_RT_ADDR_BITS 48   /* user addresses on 64-bit hosts */
#else
#define GGI_RT_ARENA_SHIFT 22 /* 4 MiB on 32-bit hosts */
#define GGI_RT_ADDR_BITS 32
#endif
#define GGI_RT_ARENA_BYTES ((uintptr_t)1 << GGI_RT_ARENA_SHIFT)
#define GGI_RT_PAGE_SHIFT 13
#define GGI_RT_NSPC (2 * GG_NUM_SIZE_CLASSES) /* span classes: class*2 + noscan */
#define GGI_RT_MAX_OBJS (GG_PAGE_SIZE / 8)    /* most objects a span holds */
#define GGI_RT_BITWORDS (GGI_RT_MAX_OBJS / 64)
#define GGI_RT_TINY_PIN (1u << 16) /* the tiny block a cache is filling */
#define GGI_RT_HUGE_PAGES 512	   /* objects grown to 4 MiB and up get huge pages (grow.c) */

/* Bits set in x, without the libgcc call plain x86-64 gets for popcount. */
static inline uint32_t ggi_popcount(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

#define ggi_likely(x) __builtin_expect(!!(x), 1)
#define ggi_unlikely(x) __builtin_expect(!!(x), 0)
/* Off the fast paths: kept out of line, so that their registers and code
 * do not weigh on the common case. */
#define ggi_cold __attribute__((cold, noinline))

typedef struct ggi_rt_cache ggi_rt_cache;

/* ---- os.c: the only place that talks to the kernel ---- */
void *ggi_rt_os_map(gg_rt_heap *h, size_t bytes, size_t align);
void ggi_rt_os_unmap(void *p, size_t bytes);
void ggi_rt_os_release(void *p, size_t bytes);
void ggi_rt_os_hugepages(void *p, size_t bytes);
/* Moves the pages of from onto to (from reads as zero after): 1 done,
 * 0 not done (copy instead), -1 not done and to's pages lost. */
int ggi_rt_os_move(void *to, void *from, size_t bytes);
int ggi_rt_os_remap(void *p, size_t bytes);
int ggi_rt_os_fail(gg_rt_heap *h); /* the failure hook: 1 if this request fails */
uint64_t ggi_rt_now(void);

/* ---- fixalloc.c: fixed-size metadata records (Go's fixalloc) ---- */
typedef struct ggi_rt_fixalloc {
	size_t size;
	void *free;	   /* recycled records */
	char *chunk, *end; /* bump region */
	void *chunks;	   /* list of mapped chunks, for destroy */
} ggi_rt_fixalloc;
void *ggi_rt_fix_alloc(gg_rt_heap *h, ggi_rt_fixalloc *f);
void ggi_rt_fix_free(ggi_rt_fixalloc *f, void *p);
void ggi_rt_fix_destroy(gg_rt_heap *h, ggi_rt_fixalloc *f);

/* ---- span.c: a run of pages holding objects of one span class ---- */
enum { GGI_SPAN_FREE, GGI_SPAN_OWNED, GGI_SPAN_CENTRAL, GGI_SPAN_LARGE };

typedef struct ggi_rt_span {
	/* First cache line: everything a free reads, bits[0] included, so
	 * that freeing into a span of at most 64 objects (every class from
	 * 128 bytes) misses on one metadata line, not two. */
	uintptr_t base;
	uint32_t divmul, elemsize, nelems;
	uint16_t spc; /* span class; 0 and 1 are large objects */
	uint8_t hdr;  /* objects carry the 1.22+ malloc header */
	uint8_t tiny; /* tiny-capable span: tinymask is set */
	_Atomic(int) state;
	uint32_t partial_at;	     /* on the partial list when 0 < live <= partial_at */
	_Atomic(uint32_t) *tinymask; /* per slot: live tiny sub-objects + pin */
	uint8_t needzero;	     /* some page was used since the OS zeroed it (Go's mspan.needzero) */
	/* Per 64 objects, side by side so that a free touches one line:
	 * alloc: 1 = allocated (written by the owner, or under the central
	 *        lock when no cache owns the span);
	 * free:  1 = freed by a thread that does not own the span, not yet
	 *        folded into alloc (fetch_or, lock-free). */
	struct {
		_Atomic(uint64_t) alloc, free;
	} bits[GGI_RT_BITWORDS];
	_Atomic(ggi_rt_cache *) owner;
	_Atomic(uint64_t) gen; /* bumped when the record is reused */
	_Atomic(int64_t) live; /* objects allocated + reserved by the owner */
	/* Owner-side allocation state (Go's freeindex/allocCache): bit k of
	 * alloc_cache says object freeindex+k is free; 0 means "load a word". */
	uint64_t alloc_cache;
	uint32_t freeindex;
	uint32_t npages;
	int listed;	     /* on its central partial list (central lock) */
	int moved;	     /* large: pages moved here by mremap (own kernel VMA) */
	uint64_t large_size; /* requested bytes of a large object */
	struct ggi_rt_span *next, *prev;
} ggi_rt_span;
_Static_assert(offsetof(ggi_rt_span, bits) + sizeof(((ggi_rt_span *)0)->bits[0]) <= 64,
	       "a free of a span of <= 64 objects reads one metadata line");

ggi_rt_span *ggi_rt_span_alloc(gg_rt_heap *h, int spc, uint32_t npages);
void ggi_rt_span_release(gg_rt_heap *h, ggi_rt_span *s);
void ggi_rt_span_release_locked(gg_rt_heap *h, ggi_rt_span *s);
int ggi_rt_span_extend(gg_rt_heap *h, ggi_rt_span *s, uint32_t npages, int *fresh);
uint32_t ggi_rt_span_merge(ggi_rt_span *s);
uint32_t ggi_rt_span_free_slots(const ggi_rt_span *s);
int ggi_rt_span_load_cache(ggi_rt_span *s);

static inline uint32_t ggi_rt_span_index(const ggi_rt_span *s, uintptr_t off)
{
	return (uint32_t)(((uint64_t)off * s->divmul) >> 32);
}

/* ---- arena.c, pages.c: the page heap (Go's mheap + pageAlloc) ---- */
typedef struct ggi_rt_arena {
	uintptr_t base;
	uint32_t npages, nwords, nleaves; /* nleaves: power of two >= nwords */
	size_t meta_bytes;
	uint64_t *free;		       /* bit = page is free */
	uint64_t *scav;		       /* bit = free page returned to the OS */
	uint64_t *freed_at;	       /* per 64-page chunk: last time a page was freed */
	uint32_t *sum;		       /* tree of (prefix, suffix, max) free runs, 3 per node */
	_Atomic(ggi_rt_span *) *spans; /* page -> span, for free() */
	struct ggi_rt_arena *next;
} ggi_rt_arena;

ggi_rt_arena *ggi_rt_arena_grow(gg_rt_heap *h, uint32_t npages);
void ggi_rt_arena_destroy_all(gg_rt_heap *h);
int ggi_rt_index_init(gg_rt_heap *h);

void ggi_rt_pages_init(ggi_rt_arena *a);
uintptr_t ggi_rt_pages_alloc(gg_rt_heap *h, uint32_t npages, int *needzero);
void ggi_rt_pages_free(gg_rt_heap *h, uintptr_t base, uint32_t npages);
void ggi_rt_pages_zeroed(gg_rt_heap *h, uintptr_t base, uint32_t npages);
int ggi_rt_pages_take_at(gg_rt_heap *h, ggi_rt_arena *a, uint32_t start, uint32_t npages, int *needzero);
uint32_t ggi_rt_pages_find(const ggi_rt_arena *a, uint32_t npages);
void ggi_rt_pages_mark(ggi_rt_arena *a, uint32_t start, uint32_t n, int free);
gg_status ggi_rt_pages_check(const ggi_rt_arena *a, gg_error *err);

/* ---- scavenge.c ---- */
/* Releases idle pages freed older_than_ns ago or more, stopping once
 * max_pages are out (UINT64_MAX: all). Returns the bytes released. */
uint64_t ggi_rt_scavenge(gg_rt_heap *h, uint64_t older_than_ns, uint64_t max_pages);
void ggi_rt_scavenge_maybe(gg_rt_heap *h);

/* ---- central.c: partial spans per span class (Go's mcentral) ---- */
typedef struct ggi_rt_central {
	pthread_mutex_t lock;
	ggi_rt_span *partial;
	char pad[64];
} ggi_rt_central;

ggi_rt_span *ggi_rt_central_take(gg_rt_heap *h, ggi_rt_cache *c, int spc);
void ggi_rt_central_give(gg_rt_heap *h, ggi_rt_span *s);
void ggi_rt_central_check(gg_rt_heap *h, ggi_rt_span *s, int spc, uint64_t gen);

/* ---- cache.c: the per-thread cache (Go's mcache) ---- */
typedef struct ggi_rt_counts {
	/* Written only by the owning thread (relaxed), read by stats. */
	_Atomic(uint64_t) mallocs[GG_NUM_SIZE_CLASSES], frees[GG_NUM_SIZE_CLASSES];
	_Atomic(uint64_t) tiny_allocs, tiny_frees, tiny_blocks, tiny_block_frees;
	_Atomic(uint64_t) slow, refills;
	_Atomic(uint64_t) lat[GG_RT_LAT_BUCKETS + 2]; /* sampled fast path: buckets, count, sum */
} ggi_rt_counts;

struct ggi_rt_cache {
	gg_rt_heap *heap;
	ggi_rt_span *alloc[GGI_RT_NSPC];
	void *list[GGI_RT_NSPC]; /* freed objects kept for reuse (malloc.c) */
	uint32_t listn[GGI_RT_NSPC], listmax[GGI_RT_NSPC];
	uintptr_t tiny;	    /* current tiny block, 0 if none */
	uint32_t tinyoff;   /* bytes used in it */
	uint32_t tinyidx;   /* its slot in tinys */
	ggi_rt_span *tinys; /* its span */
	uint32_t sample_left;
	ggi_rt_counts n;
	ggi_rt_cache *next, *prev;
};

/* The calling thread's cache of the heap it used last (one TLS load). */
struct ggi_rt_tl {
	uint64_t id;
	ggi_rt_cache *c;
};
extern _Thread_local struct ggi_rt_tl ggi_rt_tl;

ggi_rt_cache *ggi_rt_cache_get(gg_rt_heap *h);
ggi_cold ggi_rt_cache *ggi_rt_cache_lookup(gg_rt_heap *h);
void *ggi_rt_cache_refill(ggi_rt_cache *c, int spc);
void ggi_rt_cache_flush(ggi_rt_cache *c);
ggi_cold void ggi_rt_cache_trim(ggi_rt_cache *c, int spc, uint32_t n);
void ggi_rt_cache_destructor(void *arg);
extern ggi_rt_span ggi_rt_empty_span;

static inline void ggi_rt_count(_Atomic(uint64_t) *c, uint64_t d)
{
	atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + d, memory_order_relaxed);
}

/* Go's nextFreeFast: an object from the span's free-bit cache, or 0. */
static inline uintptr_t ggi_rt_next_free_fast(ggi_rt_span *s)
{
	uint64_t cache = s->alloc_cache;
	if (ggi_unlikely(cache == 0))
		return 0;
	unsigned k = (unsigned)__builtin_ctzll(cache);
	uint32_t idx = s->freeindex + k;
	s->alloc_cache = (cache >> k) >> 1;
	s->freeindex = idx + 1;
	_Atomic(uint64_t) *w = &s->bits[idx >> 6].alloc;
	atomic_store_explicit(w, atomic_load_explicit(w, memory_order_relaxed) | (UINT64_C(1) << (idx & 63)),
			      memory_order_relaxed);
	return s->base + (uintptr_t)idx * s->elemsize;
}

/* ---- tiny.c, large.c ---- */
void *ggi_rt_tiny_alloc(gg_rt_heap *h, ggi_rt_cache *c, size_t size);
gg_status ggi_rt_tiny_free(gg_rt_heap *h, ggi_rt_span *s, uint32_t idx, uintptr_t off, gg_error *err);
void ggi_rt_tiny_unpin(gg_rt_heap *h, ggi_rt_cache *c);
void *ggi_rt_large_alloc(gg_rt_heap *h, size_t size, gg_scan noscan);
gg_status ggi_rt_large_free(gg_rt_heap *h, uintptr_t p, size_t zero_bytes, gg_error *err);

/* ---- malloc.c ---- */
void *ggi_rt_alloc_z(gg_rt_heap *h, size_t size, gg_scan noscan, int *zeroed);

/* ---- heap.c ---- */
gg_status ggi_rt_slot_free(gg_rt_heap *h, ggi_rt_span *s, uint32_t idx, gg_error *err, int count);
ggi_cold gg_status ggi_rt_bad_free(gg_rt_heap *h, gg_error *err, const char *why, uintptr_t p);

/* ---- stats.c ---- */
void ggi_rt_lat_add(_Atomic(uint64_t) *lat, uint64_t ns, int shared);
void ggi_rt_lat_record_atomic(gg_rt_heap *h, int tier, uint64_t t0);
void ggi_rt_counts_add(gg_rt_heap *h, const ggi_rt_counts *n);
void ggi_rt_emit(gg_rt_heap *h, gg_rt_event_kind k, uint64_t a, uint64_t b);

/* Heap-wide counters, atomics: updated by any thread. */
typedef struct ggi_rt_gstats {
	_Atomic(uint64_t) mallocs[GG_NUM_SIZE_CLASSES], frees[GG_NUM_SIZE_CLASSES];
	_Atomic(uint64_t) tiny_allocs, tiny_frees, tiny_blocks, tiny_block_frees, slow;
	_Atomic(uint64_t) large_allocs, large_frees, large_bytes, large_freed_bytes;
	_Atomic(uint64_t) invalid_frees, refills, span_allocs, os_maps, scavenges;
	_Atomic(uint64_t) lat[GG_RT_TIERS][GG_RT_LAT_BUCKETS + 2]; /* buckets, count, sum */
} ggi_rt_gstats;

struct gg_rt_heap {
	gg_target target;
	uint64_t id; /* unique per heap ever created: thread-local cache key */
	uint64_t limit;
	int64_t scavenge_ns;
	uint32_t latency_sample;
	uint64_t clock_ns; /* cost of one clock read, subtracted from timings */
	gg_rt_tracer tracer;
	uint32_t small_max;		    /* largest small request: 32768, or 32760 from 1.22 */
	uint32_t hdr_min;		    /* scan objects bigger than this carry a header */
	uint8_t class8[129], class128[249]; /* derived from gg_sizeclass_of */
	uint32_t elemsize[GG_NUM_SIZE_CLASSES];
	uint32_t nelems[GGI_RT_NSPC];
	_Atomic(uint64_t) fail_left; /* failure hook countdown, 0 = off */
	_Atomic(uint64_t) os_requests;
	pthread_key_t key;
	uint64_t zerobase;
	uintptr_t secret, secret2; /* key a freed object's link and check words */

	pthread_mutex_t lock; /* the page heap, arenas, metadata, cache list */
	ggi_rt_arena *arenas;
	_Atomic(ggi_rt_arena *) *index;
	size_t index_len;
	ggi_rt_fixalloc spanfix, cachefix, tinyfix;
	ggi_rt_cache *caches;
	uint64_t last_scavenge;
	int scavenge_behind; /* the last pass stopped at its step: go on at the next */
	uint64_t span_gen;
	_Atomic(uint64_t) heap_inuse, heap_sys, heap_released, meta_sys;
	_Atomic(uint32_t) moved_spans; /* live spans with moved pages (grow.c) */
	ggi_rt_gstats g;
	ggi_rt_central central[GGI_RT_NSPC];
};

/* The size class of a small request (header included). */
static inline int ggi_rt_class_of(const gg_rt_heap *h, uint32_t req)
{
	if (req <= 1024 - 8)
		return h->class8[(req + 7) >> 3];
	return h->class128[(req - 1024 + 127) >> 7];
}

/* A freed object on a thread's list holds its link twice, under two keys:
 * o[0] = next ^ secret, o[1] = next ^ secret2. Their xor is the same for
 * every freed object and is what a live object almost never holds (the pop
 * zeroes o[1]), so one xor tells a double free (free) and a write after free
 * (pop) without the multiply a keyed hash would cost on every free. */
static inline int ggi_rt_list_freed(const gg_rt_heap *h, const uintptr_t *o)
{
	return (o[0] ^ o[1]) == (h->secret ^ h->secret2);
}

static inline void ggi_rt_list_link(const gg_rt_heap *h, uintptr_t *o, uintptr_t next)
{
	o[0] = next ^ h->secret;
	o[1] = next ^ h->secret2;
}

/* The first object on the thread's list of freed objects of span class
 * spc, or 0. */
static inline uintptr_t ggi_rt_list_pop(const gg_rt_heap *h, ggi_rt_cache *c, int spc)
{
	uintptr_t *o = c->list[spc];
	if (!o)
		return 0;
	if (ggi_unlikely(!ggi_rt_list_freed(h, o))) {
		/* A write after free broke the list: drop it (its objects leak). */
		c->list[spc] = NULL;
		c->listn[spc] = 0;
		return 0;
	}
	uintptr_t next = o[0] ^ h->secret;
	c->list[spc] = (void *)next;
	c->listn[spc]--;
	__builtin_prefetch((void *)next, 1); /* the next pop reads it */
	o[1] = 0;			     /* a live object must not look freed */
	return (uintptr_t)o;
}

/* An object of span class spc without a lock: the thread's list first, then
 * its span's free bits. 0 if neither has one. */
static inline uintptr_t ggi_rt_cache_next(const gg_rt_heap *h, ggi_rt_cache *c, int spc)
{
	uintptr_t o = ggi_rt_list_pop(h, c, spc);
	return o ? o : ggi_rt_next_free_fast(c->alloc[spc]);
}

/* The arena holding p, or NULL: one load from the flat index (arena.c).
 * Inline, like span_of: every free starts with them. */
static inline ggi_rt_arena *ggi_rt_arena_of(const gg_rt_heap *h, uintptr_t p)
{
	size_t i = (size_t)(p >> GGI_RT_ARENA_SHIFT);
	if (i >= h->index_len)
		return NULL;
	return atomic_load_explicit(&h->index[i], memory_order_acquire);
}

/* The span owning the page of p, or NULL (page table of its arena). */
static inline ggi_rt_span *ggi_rt_span_of(gg_rt_heap *h, uintptr_t p)
{
	ggi_rt_arena *a = ggi_rt_arena_of(h, p);
	if (!a || p < a->base)
		return NULL;
	uintptr_t page = (p - a->base) >> GGI_RT_PAGE_SHIFT;
	if (page >= a->npages)
		return NULL;
	return atomic_load_explicit(&a->spans[page], memory_order_acquire);
}

/* The calling thread's cache of h, or NULL if it has none yet: inline,
 * as every free asks (the thread-local pair first, the pthread key when the
 * thread last used another heap). */
static inline ggi_rt_cache *ggi_rt_cache_peek(gg_rt_heap *h)
{
	if (ggi_likely(ggi_rt_tl.id == h->id))
		return ggi_rt_tl.c;
	return ggi_rt_cache_lookup(h);
}

#endif
