/* Internal entry points of the two map implementations (map_classic.c and
 * map_swiss.c); the public API in gogrow/map.h dispatches on the type. */
#ifndef GOGROW_MODEL_MAPINT_H
#define GOGROW_MODEL_MAPINT_H

#include "gogrow/map.h"

gg_status gg_classic_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err);
gg_status gg_classic_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			  gg_mapgrowth *out, gg_error *err);
gg_status gg_swiss_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err);
gg_status gg_swiss_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			gg_mapgrowth *out, gg_error *err);

/* Adds one allocation to a make result. */
void gg_mapmake_add(gg_mapmake *mk, const gg_maptype *m, const char *what, uint64_t size, int noscan,
		    uint64_t count);
/* Adds one allocation to a growth step. */
void gg_mapstep_add(gg_mapstep *s, const gg_maptype *m, const char *what, uint64_t size, int noscan,
		    uint64_t count);

/* mapextra and, for buckets without pointers, the []*bmap that keeps their
 * overflow buckets alive (runtime/map.go createOverflow, newoverflow,
 * hashGrow): bookkeeping shared by the classic-map simulations. */
typedef struct gg_mapextra_sim {
	int extra;	  /* h.extra is allocated */
	int ovslice;	  /* h.extra.overflow is allocated (since the last grow) */
	int64_t len, cap; /* of *h.extra.overflow */
} gg_mapextra_sim;
/* Bytes allocated because an overflow bucket was taken. */
uint64_t gg_mapextra_overflow(gg_mapextra_sim *x, const gg_maptype *m);
/* Bytes allocated by hashGrow (a new array with spare buckets needs h.extra). */
uint64_t gg_mapextra_grow(gg_mapextra_sim *x, const gg_maptype *m, int spares);

/* Simulation helpers (map_sim.c): a splitmix64 step, the number of heads
 * in n fair coin flips, and min/median/max of v[0..n) (sorts v). */
uint64_t gg_sim_next(uint64_t *state);
uint32_t gg_sim_binomial_half(uint64_t *state, uint32_t n);
gg_dist gg_sim_dist(uint64_t *v, int n);
/* The seed of run r of a simulation. */
static inline uint64_t gg_sim_seed(uint64_t seed, int r)
{
	return seed ^ (UINT64_C(0x2545f4914f6cdd1d) * (uint64_t)(r + 1));
}

#endif
