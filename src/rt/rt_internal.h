/* Internals shared by the runtime's files (ggi_rt_ names). */
#ifndef GOGROW_RT_INTERNAL_H
#define GOGROW_RT_INTERNAL_H

#include <stdint.h>

#include "gogrow/rt_alloc.h"
#include "gogrow/rt_map.h"
#include "gogrow/status.h"
#include "gogrow/target.h"

/* CLOCK_MONOTONIC in nanoseconds: the timestamp of every trace event. */
uint64_t ggi_rt_now_ns(void);

/* splitmix64: the maps' stand-in for Go's rand() (new seeds, iteration
 * starts, NaN hashes); a fixed start replays a run. */
static inline uint64_t ggi_rt_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* a is the libc allocator, or a copy of it (alloc_libc.c): containers that
 * know what malloc does (calloc's fresh pages, a big block's munmap) use it,
 * and a caller that copied the struct must get the same. */
int ggi_rt_allocator_is_libc(const gg_rt_allocator *a);

/* A key/elem descriptor and an optional allocator both runtime maps can
 * use; GG_ERR_RANGE with the reason otherwise (map_type.c). */
gg_status ggi_rt_map_type_check(const gg_rt_swiss_type *ty, const gg_rt_allocator *a, gg_error *err);

/* Release `go` on the GOARCH this process runs as: the target whose rules
 * a runtime container follows (GG_ERR_ARCH on a host the model lacks). */
gg_status ggi_rt_host_target(int go, gg_target *t, gg_error *err);

#endif
