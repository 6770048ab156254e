/* A Go-style heap: Go's size-class allocator (malloc.go, mheap.go,
 * mcentral.go, mcache.go, mspan) with explicit free instead of a collector.
 * docs/runtime.md describes the design.
 *
 * A heap is created for one Go release on the host's GOARCH and charges every
 * allocation what that release's runtime charges (gg_alloc_bytes in
 * gogrow/malloc.h): the size class, the 8-byte malloc header of 1.22+ inside
 * the slot, whole pages for objects > 32 KiB.
 *
 * Thread safety: any thread may allocate and free, and an object may be freed
 * by a thread other than the one that allocated it. Each thread gets a cache
 * on its first allocation; it is flushed when the thread exits (or by
 * gg_rt_heap_flush). gg_rt_heap_destroy must not race with other calls. */
#ifndef GOGROW_RT_HEAP_H
#define GOGROW_RT_HEAP_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/malloc.h"
#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"
#include "gogrow/status.h"
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_rt_heap gg_rt_heap;

typedef struct gg_rt_heap_config {
	int go;		/* Go release minor number 16..27; 0 means GG_GO_MAX */
	uint64_t limit; /* hard cap on HeapInuse bytes (a strict GOMEMLIMIT); 0: none */
	/* Idle pages free for longer than this go back to the OS
	 * (madvise(MADV_DONTNEED)); 0 means the default (1 s), a negative value
	 * never (only gg_rt_heap_scavenge releases). */
	int64_t scavenge_ns;
	/* Latency capture: 0 off; N > 0 times every slow-path operation and one
	 * fast-path allocation in N (a clock read costs more than a fast-path
	 * allocation, so timing all of them would measure the clock). */
	uint32_t latency_sample;
	/* Test hook: the fail_nth-th request the heap makes for memory of its own
	 * (an mmap, or metadata) fails, counting from 1; 0 never. */
	uint64_t fail_nth;
	gg_rt_tracer tracer; /* fn NULL: no events */
} gg_rt_heap_config;

/* cfg may be NULL (all defaults). */
gg_status gg_rt_heap_create(const gg_rt_heap_config *cfg, gg_rt_heap **out, gg_error *err);
/* Unmaps everything. No other thread may use the heap any more. */
void gg_rt_heap_destroy(gg_rt_heap *h);

/* The target the heap charges for (host GOARCH, the configured release). */
const gg_target *gg_rt_heap_target(const gg_rt_heap *h);

/* Allocates size bytes for an object with (noscan == 0) or without
 * pointers. NULL when out of memory or over the limit. size 0 returns one
 * shared address, like Go's zerobase. Memory is not zeroed. */
void *gg_rt_heap_alloc(gg_rt_heap *h, size_t size, gg_scan noscan);
/* The same, zeroed (what Go's mallocgc hands back). */
void *gg_rt_heap_alloc_zeroed(gg_rt_heap *h, size_t size, gg_scan noscan);

/* Frees p (NULL and the size-0 address are accepted and ignored). A pointer
 * the heap did not hand out, an interior pointer or a double free is
 * reported, never undefined behaviour: GG_ERR_RANGE, with the reason in err
 * when given, and counted in InvalidFrees. (A pointer freed and then handed
 * out again is, of course, valid again.) */
gg_status gg_rt_heap_free(gg_rt_heap *h, void *p, gg_error *err);

/* Moves the live object p into a new object of `size` bytes (noscan as for
 * gg_rt_heap_alloc) with its first min(old_size, size) bytes, and frees p:
 * what Go's growslice does (mallocgc, memmove, the old array left to the
 * collector), counted exactly so: TotalAlloc, Mallocs and Frees change as
 * gg_rt_heap_alloc + gg_rt_heap_free would change them. Only the work
 * differs: a large object keeps its address when the pages after it are
 * free, or has its pages moved by the kernel instead of copied. *out gets
 * the object (maybe p); *zeroed (optional) = 1 when its bytes from old_size
 * on are known zero. p may be NULL or the size-0 address with old_size 0.
 * GG_ERR_RANGE (counted in InvalidFrees) when p is not a live object of the
 * heap or old_size passes its usable size; GG_ERR_NOMEM when out of memory
 * or over the limit: p is then untouched and still live. */
gg_status gg_rt_heap_grow(gg_rt_heap *h, void *p, size_t old_size, size_t size, gg_scan noscan, void **out,
			  int *zeroed, gg_error *err);

/* Bytes the slot of the live object p takes from the heap: the class size
 * (malloc header included), the 16-byte block of a tiny object, or whole
 * pages; *usable (optional) gets the bytes the caller may use. */
gg_status gg_rt_heap_slot(gg_rt_heap *h, const void *p, uint64_t *slot, uint64_t *usable);

/* Returns the calling thread's cached spans to the central lists. */
void gg_rt_heap_flush(gg_rt_heap *h);
/* Releases every idle page to the OS now (debug.FreeOSMemory). Returns the
 * bytes released. */
uint64_t gg_rt_heap_scavenge(gg_rt_heap *h);
/* Re-arms the failure hook: the n-th memory request from now fails. */
void gg_rt_heap_fail_nth(gg_rt_heap *h, uint64_t n);

/* Adapts a heap to the container allocator interface. */
void gg_rt_heap_allocator(gg_rt_heap *h, gg_rt_allocator *out);

/* Latency tiers (docs/runtime.md). */
enum {
	GG_RT_TIER_FAST,    /* an object from the thread's span (mcache hit), sampled */
	GG_RT_TIER_CENTRAL, /* the thread cache refilled from a central list */
	GG_RT_TIER_PAGES,   /* a span carved from the page heap (mheap) */
	GG_RT_TIER_OS,	    /* an arena mapped from the OS */
	GG_RT_TIERS
};
#define GG_RT_LAT_BUCKETS 32 /* bucket i: [2^i, 2^(i+1)) ns; 0 holds < 2 ns */

typedef struct gg_rt_latency {
	uint64_t count;	 /* events timed */
	uint64_t sum_ns; /* clock overhead subtracted */
	uint64_t bucket[GG_RT_LAT_BUCKETS];
} gg_rt_latency;

/* runtime.MemStats names and meanings, for the heap part. */
typedef struct gg_rt_heap_stats {
	uint64_t TotalAlloc;   /* cumulative bytes of heap objects allocated (slots) */
	uint64_t Mallocs;      /* cumulative objects allocated (tiny ones included) */
	uint64_t Frees;	       /* cumulative objects freed */
	uint64_t HeapAlloc;    /* bytes of live objects (slots) */
	uint64_t HeapObjects;  /* live objects */
	uint64_t HeapInuse;    /* bytes in in-use spans */
	uint64_t HeapIdle;     /* bytes in idle (free) pages */
	uint64_t HeapReleased; /* idle bytes returned to the OS */
	uint64_t HeapSys;      /* bytes of arenas mapped from the OS */
	uint64_t MetaSys;      /* bytes mapped for the heap's own metadata */
	struct {
		uint32_t Size;
		uint64_t Mallocs, Frees;
	} BySize[GG_NUM_SIZE_CLASSES];
	uint64_t TinyAllocs, TinyFrees; /* tiny objects (in Mallocs/Frees too) */
	uint64_t InvalidFrees;		/* frees refused with GG_ERR_RANGE */
	/* Tiers: how allocations were served. */
	uint64_t FastHits;    /* small objects straight from the thread's span */
	uint64_t Refills;     /* spans a thread cache took (central or new) */
	uint64_t SpanAllocs;  /* spans carved from the page heap (small and large) */
	uint64_t OSMaps;      /* arenas mapped */
	uint64_t Scavenges;   /* scavenger passes that released memory */
	uint64_t MemRequests; /* requests the failure hook counted (fail_nth) */
	gg_rt_latency Latency[GG_RT_TIERS];
} gg_rt_heap_stats;

/* A snapshot; exact when no other thread is allocating or freeing. */
void gg_rt_heap_stats_read(gg_rt_heap *h, gg_rt_heap_stats *out);

/* Walks every internal structure and checks the invariants (page tree
 * against bitmaps, span lists, counters). Call with no other thread using the
 * heap. GG_OK, or GG_ERR_PANIC with the first violation in err. */
gg_status gg_rt_heap_check(gg_rt_heap *h, gg_error *err);

#ifdef __cplusplus
}
#endif

#endif
