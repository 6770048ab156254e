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
