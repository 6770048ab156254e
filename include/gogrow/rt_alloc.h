/* Runtime (real memory) layer: the allocator interface every runtime
 * container allocates through.
 *
 * Naming: everything that really allocates is gg_rt_*; the model (which only
 * predicts) owns the plain gg_* names, so gg_slice_* predicts what Go does and
 * gg_rt_slice_* does it. Internal cross-file names of the runtime are ggi_rt_*.
 *
 * A container (slice, map) is given a gg_rt_allocator: plain malloc
 * (gg_rt_allocator_libc) or a Go-style heap (gg_rt_heap_allocator in
 * gogrow/rt_heap.h). `noscan` says whether the object can hold pointers: Go
 * charges the two differently from 1.22 (malloc headers), so the heap needs
 * it; libc ignores it. */
#ifndef GOGROW_RT_ALLOC_H
#define GOGROW_RT_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/malloc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gg_rt_allocator {
	/* Returns NULL when out of memory; size is never 0. */
	void *(*alloc)(void *ctx, size_t size, gg_scan noscan);
	/* Frees p, allocated by alloc with the same size and noscan. */
	void (*free)(void *ctx, void *p, size_t size, gg_scan noscan);
	/* Usable bytes an allocation of `size` really gets (Go's roundupsize
	 * for the heap, `size` for libc); NULL means `size`. */
	size_t (*usable)(void *ctx, size_t size, gg_scan noscan);
	void *ctx;
	/* Optional: alloc that also says whether the memory is known to be
	 * all zero (*zeroed = 1: pages fresh from the OS, Go's
	 * span.needzero == 0), so that callers which must hand out zeroed
	 * memory can skip the clearing; NULL means alloc, never known zero. */
	void *(*alloc_z)(void *ctx, size_t size, gg_scan noscan, int *zeroed);
	/* Optional: p (from alloc, old_size bytes) replaced by an object of
	 * new_size bytes holding p's first old_size bytes, p freed: alloc +
	 * copy + free, counted as such, but possibly without copying (the
	 * Go-style heap grows a large object in place or moves its pages).
	 * *zeroed = 1 when the bytes from old_size on are known zero. NULL
	 * when out of memory, p then untouched. NULL member: the caller does
	 * alloc + copy + free itself. */
	void *(*grow)(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan, int *zeroed);
} gg_rt_allocator;

/* The GOARCH this library was compiled for ("amd64", "arm64", ...), or NULL
 * when it is not a Go port the model knows: the arch whose rules the
 * runtime follows. */
const char *gg_rt_host_arch(void);

/* malloc/free. The returned object is static and shared. */
const gg_rt_allocator *gg_rt_allocator_libc(void);

#ifdef __cplusplus
}
#endif

#endif
