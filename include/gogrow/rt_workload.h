/* A workload script (gogrow/workload.h) run for real: every make, append,
 * set, delete, clear and clone of the script on the runtime's own slices
 * and maps (rt_slice.h, rt_classic.h, rt_map.h) over a fresh Go-style heap
 * (rt_heap.h) configured for the script's release on the host's GOARCH.
 *
 * The heap's MemStats are what is reported: TotalAlloc, Mallocs and the
 * highest HeapAlloc seen after any allocation, per statement of the script
 * and in total, so that they can be put next to the model's prediction of
 * the same run (gg_workload_run; `gogrow simulate --runtime`).
 *
 * Where this runtime's containers allocate differently from Go, the
 * executor makes the heap see what Go allocates (docs/runtime.md, "Running
 * workload scripts"): the map header and Swiss table structs get an object
 * of Go's size on the heap (the C structs live in libc memory), a classic
 * map gets its mapextra, a local slice's constant-size array lives off the
 * heap as Go's stack frame. What it cannot make equal is said in `note`
 * and the figure flagged not comparable. */
#ifndef GOGROW_RT_WORKLOAD_H
#define GOGROW_RT_WORKLOAD_H

#include <stdint.h>

#include "gogrow/status.h"
#include "gogrow/target.h"
#include "gogrow/workload.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Real memory the script may take: HeapInuse above it is GG_ERR_NOMEM. */
#define GG_RT_WORKLOAD_HEAP_LIMIT (UINT64_C(1) << 30)

/* One allocating statement of the script, as gg_workload_site (same order,
 * same lines), with the heap's measured deltas over all its executions. */
typedef struct gg_rt_workload_site {
	int line;
	uint64_t mallocs, bytes; /* Mallocs and TotalAlloc deltas */
	int var, src;		 /* the variable it works on, and a clone's source (-1: none) */
	int comparable;		 /* 0: the runtime cannot allocate here as Go does (see note) */
} gg_rt_workload_site;

typedef struct gg_rt_workload_result {
	gg_target t;		       /* the host's GOARCH, the script's release */
	int64_t ops;		       /* operations executed */
	uint64_t total_alloc, mallocs; /* MemStats.TotalAlloc, Mallocs at the end */
	uint64_t peak;		       /* the highest HeapAlloc right after an allocation */
	uint64_t final_live;	       /* HeapAlloc at the end (the heap's caches flushed) */
	uint64_t tiny_allocs;	       /* objects packed into tiny blocks (MemStats counts them) */
	/* The heap keeps the tiny block its cache is filling even when
	 * nothing in it is live, where the model counts it garbage: with
	 * tiny allocations the peak is not comparable (up to 16 bytes more). */
	int peak_comparable;
	uint64_t stand_ins; /* objects of Go's size allocated for a C header or table */
	gg_rt_workload_site *sites;
	int nsites;
	int comparable; /* 0: some statement is not (the totals and the peak neither) */
	char note[320]; /* why not, or "" */
} gg_rt_workload_result;

/* Runs p for release `go` (the target's arch must be the host's: else
 * GG_ERR_ARCH) with classic maps for go <= 23 or noswissmap. The fixed hash
 * seed `seed` makes runs reproducible (figures the model calls exact do
 * not depend on it). Errors are the model's (a Go panic, a limit) plus
 * GG_ERR_NOMEM past GG_RT_WORKLOAD_HEAP_LIMIT, with d filled; r holds what
 * ran up to that point and must be freed either way. */
gg_status gg_rt_workload_run(const gg_target *t, const gg_workload *p, gg_mapexp noswissmap, uint64_t seed,
			     gg_rt_workload_result *r, gg_workload_diag *d);
void gg_rt_workload_result_free(gg_rt_workload_result *r);

#ifdef __cplusplus
}
#endif

#endif
