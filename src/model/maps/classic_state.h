/* The classic-map state machine the seeded simulations share
 * (classic_state.c, with slot-level bucket chains in classic_chains.c). */
#ifndef GOGROW_MODEL_MAPS_CLASSIC_STATE_H
#define GOGROW_MODEL_MAPS_CLASSIC_STATE_H

#include "model/maps/internal.h"

/* What the state keeps per bucket of an array: its entry count (inserts
 * only: no key is ever looked for) or the first bucket of its chain in
 * the pool of slot buckets (deletes). */
typedef union ggi_classic_bucket {
	uint32_t count;
	int32_t head;
} ggi_classic_bucket;

/* A bucket with its slots: a key's hash per used slot. */
typedef struct ggi_classic_kbucket {
	uint64_t hash[GG_MAP_SLOTS];
	uint8_t used[GG_MAP_SLOTS];
	int32_t ovf; /* next bucket of the chain, -1 at the end */
} ggi_classic_kbucket;

/* mapextra and, for buckets without pointers, the []*bmap that keeps
 * their overflow buckets alive (createOverflow, newoverflow, hashGrow). */
typedef struct ggi_mapextra {
	int extra;	  /* h.extra is allocated */
	int ovslice;	  /* h.extra.overflow is allocated (since the last grow) */
	int64_t len, cap; /* of *h.extra.overflow */
} ggi_mapextra;

typedef struct ggi_classic_state {
	const gg_maptype *m;
	int slots; /* chains of slots (deletes), or counts */
	uint64_t rng;
	/* slot buckets: a pool, free ones linked through ovf */
	ggi_classic_kbucket *pool;
	int32_t npool, pcap, freel;
	int B, oldB;
	ggi_classic_bucket *cur, *old; /* h.buckets, h.oldbuckets */
	uint8_t *evac;		       /* per old bucket: evacuated */
	int growing, same;
	uint64_t nevac;
	uint64_t spares;    /* preallocated overflow buckets left */
	uint32_t noverflow; /* uint16 in the runtime; never gets near 2^16 here */
	ggi_mapextra x;
	uint64_t total;
	int64_t count;
	uint64_t overflow, newoverflow, samesize;
	int64_t lastgrow;
	int oom, toolarge;
} ggi_classic_state;

/* Starts a run of map type m from make's result (a heap map) with the
 * random stream rng; slots: track slots (1) or counts (0). The pool of a
 * previous run is kept (pass the same state again). 0 when out of memory. */
int ggi_classic_start(ggi_classic_state *s, const gg_maptype *m, int slots, const gg_mapmake *mk,
		      uint64_t rng);
/* The hash of a new key. */
uint64_t ggi_classic_new_hash(ggi_classic_state *s);
/* mapassign of a new key with hash h; 0 when out of memory or a bucket
 * array would exceed maxAlloc (s->oom, s->toolarge). */
int ggi_classic_assign(ggi_classic_state *s, uint64_t h);
/* mapdelete (slot tracking only). */
int ggi_classic_delete(ggi_classic_state *s, uint64_t h);
/* Ends a run (ggi_classic_free: and frees the pool). */
void ggi_classic_end(ggi_classic_state *s);
void ggi_classic_free(ggi_classic_state *s);

/* newoverflow's accounting: a spare or a new bucket, noverflow, mapextra. */
void ggi_classic_newoverflow(ggi_classic_state *s);

/* Slot chains (classic_chains.c). */
ggi_classic_bucket *ggi_chains_new_array(ggi_classic_state *s, int B);
void ggi_chains_free_array(ggi_classic_state *s, ggi_classic_bucket *arr, int B);
int ggi_chains_evacuate(ggi_classic_state *s, uint64_t ob, uint64_t newbit);
int ggi_chains_place(ggi_classic_state *s, ggi_classic_bucket *b, uint64_t h);
/* Clears the key with hash h from chain b: 1 if it was there. */
int ggi_chains_delete(ggi_classic_state *s, ggi_classic_bucket *b, uint64_t h);
void ggi_chains_pool_free(ggi_classic_state *s);

#endif
