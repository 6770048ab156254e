/* The Go allocator's sizing rules: size classes, roundupsize and what an
 * allocation really consumes, per release and GOARCH.
 *
 * The class table is generated from the algorithm of Go's
 * runtime/mksizeclasses.go (see tools/mksizeclasses.c) and is the same in
 * every release 1.16..1.27 and on every GOARCH. What changes is how a request
 * maps onto it: from 1.22, objects with pointers larger than
 * 8*PtrSize*PtrSize bytes carry an 8-byte malloc header inside their slot. */
#ifndef GOGROW_MALLOC_H
#define GOGROW_MALLOC_H

#include <stdint.h>
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GG_NUM_SIZE_CLASSES 68
#define GG_MAX_SMALL_SIZE 32768
#define GG_PAGE_SIZE 8192
#define GG_TINY_SIZE 16
#define GG_MALLOC_HEADER 8

typedef struct gg_sizeclass {
	uint32_t size;	 /* bytes per object; 0 for class 0 (large objects) */
	uint32_t npages; /* pages per span */
} gg_sizeclass;

const gg_sizeclass *gg_sizeclass_at(int cls);

/* Smallest class whose size is >= n, for 1 <= n <= 32768; 0 for n == 0 or
 * n > 32768 (a large object). */
int gg_sizeclass_of(uint64_t n);

/* Objects per span of class `cls` for a scan (pointerful) or noscan span,
 * following the span layout rules of the release (heap bits at the end of
 * small pointerful spans from 1.22, inline mark bits from 1.26). */
uint32_t gg_sizeclass_objects(const gg_target *t, int cls, gg_scan noscan);

/* Whether objects of `size` bytes with pointers carry a malloc header. */
int gg_malloc_has_header(const gg_target *t, uint64_t size, gg_scan noscan);

/* runtime.roundupsize: the usable bytes malloc hands back for a request of
 * `size` bytes (malloc header excluded). Computed in the target's word size,
 * including the wrap-around cases the runtime guards against. */
uint64_t gg_roundupsize(const gg_target *t, uint64_t size, gg_scan noscan);

/* What one allocation of `size` bytes takes from the heap as counted by
 * MemStats.TotalAlloc: the slot size (class size, header included) for small
 * objects, whole pages for large ones. `cls` (optional) gets the class, 0
 * for large objects. Tiny (noscan < 16 bytes) objects are reported at their
 * 16-byte block. */
uint64_t gg_alloc_bytes(const gg_target *t, uint64_t size, gg_scan noscan, int *cls);

#ifdef __cplusplus
}
#endif

#endif
