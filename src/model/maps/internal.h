/* Internals shared by the files of the map model (src/model/maps): the
 * per-family make and growth entry points that gogrow/map.h dispatches to,
 * the allocation bookkeeping of make and growth steps, and the random
 * source and run bookkeeping of the seeded simulations. */
#ifndef GOGROW_MODEL_MAPS_INTERNAL_H
#define GOGROW_MODEL_MAPS_INTERNAL_H

#include "gogrow/map.h"

/* The target's uintptr arithmetic wraps at this mask. */
static inline uint64_t ggi_word_mask(const gg_target *t)
{
	return t->arch->ptr_size == 8 ? UINT64_MAX : UINT64_C(0xffffffff);
}

/* make and exact growth of each family (classic_exact.c, swiss_exact.c);
 * the hint is already a Go int of the target. */
gg_status ggi_classic_make(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out,
			   gg_error *err);
gg_status ggi_classic_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			   gg_mapgrowth *out, gg_error *err);
gg_status ggi_swiss_make(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out,
			 gg_error *err);
gg_status ggi_swiss_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			 gg_mapgrowth *out, gg_error *err);

/* Adds one allocation to a make result (make.c). */
void ggi_mapmake_add(gg_mapmake *mk, const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan,
		     uint64_t count);
/* Adds one allocation to a growth step (make.c). */
void ggi_mapstep_add(gg_mapstep *s, const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan,
		     uint64_t count);
/* Bytes TotalAlloc counts for one object (make.c). */
uint64_t ggi_map_bytes(const gg_maptype *m, uint64_t size, gg_scan noscan);

/* The seeded simulations (seeded.c): a splitmix64 step, the number of
 * heads in n fair coin flips, and the seed of run r. */
uint64_t ggi_sim_next(uint64_t *state);
uint32_t ggi_sim_binomial_half(uint64_t *state, uint32_t n);
static inline uint64_t ggi_sim_seed(uint64_t seed, int r)
{
	return seed ^ (UINT64_C(0x2545f4914f6cdd1d) * (uint64_t)(r + 1));
}

/* What a seeded simulation is asked: `runs` maps from make(hint), n
 * inserts, then (churn) k times delete the oldest key and insert one. */
typedef struct ggi_seeded {
	const gg_maptype *m;
	int64_t hint, n, k;
	int runs;
	uint64_t seed;
	int churn;
} ggi_seeded;

/* A family's state machine as the workload drives it: the hash of a new
 * key, insert it, delete one (0: out of memory or too large). */
typedef struct ggi_seeded_ops {
	uint64_t (*new_hash)(void *state);
	int (*put)(void *state, uint64_t h);
	int (*del)(void *state, uint64_t h);
} ggi_seeded_ops;

/* One run of the workload: n inserts, then k times delete the oldest key
 * and insert a new one; keys holds the ring of the n live hashes (NULL
 * when k is 0). 0 when the state machine failed. */
int ggi_seeded_run(void *state, const ggi_seeded_ops *ops, int64_t n, int64_t k, uint64_t *keys);

/* Checks runs and the work limit; max_n bounds n further (what a
 * simulation's own indices can address). */
gg_status ggi_seeded_check(const ggi_seeded *q, int64_t max_n, gg_error *err);

/* Starts simulation q: checks it (max_n as above), makes its map (*mk, a
 * heap map), allocates *v for nfields per run and, for churn, *keys for
 * the ring of live hashes (else NULL). Nothing to free unless GG_OK;
 * ggi_seeded_end frees v and keys. */
typedef struct ggi_runs ggi_runs;
gg_status ggi_seeded_begin(const ggi_seeded *q, int64_t max_n, int nfields, gg_mapmake *mk, ggi_runs *v,
			   uint64_t **keys, gg_error *err);
void ggi_seeded_end(ggi_runs *v, uint64_t *keys);

/* Per-run results: nfields values for each run, field f of run r at
 * v[f*runs + r]; ggi_runs_dist turns the first `n` values of a field
 * into min/median/max. */
struct ggi_runs {
	uint64_t *v;
	int runs, nfields;
};
gg_status ggi_runs_alloc(ggi_runs *r, int runs, int nfields, gg_error *err);
static inline uint64_t *ggi_runs_at(ggi_runs *r, int field, int run)
{
	return &r->v[(size_t)field * (size_t)r->runs + (size_t)run];
}
gg_dist ggi_runs_dist(ggi_runs *r, int field, int n);
void ggi_runs_free(ggi_runs *r);

#endif
