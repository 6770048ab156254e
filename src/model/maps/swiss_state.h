/* The Swiss-table state machine the seeded simulations share
 * (swiss_state.c, with slot-level tables in swiss_slots.c). */
#ifndef GOGROW_MODEL_MAPS_SWISS_STATE_H
#define GOGROW_MODEL_MAPS_SWISS_STATE_H

#include "model/maps/internal.h"

/* One table. Counting tables (inserts only) keep cap/used/left; slot
 * tables (deletes too) also every slot's control byte and key hash. */
typedef struct ggi_swiss_table {
	uint32_t cap, used, left; /* capacity, used, growthLeft */
	int depth;		  /* localDepth */
	uint64_t index;		  /* first directory entry */
	uint8_t *ctrl;		  /* slot tables: GGI_CTRL_* per slot */
	uint64_t *hash;		  /* slot tables: per full slot, its key's hash */
} ggi_swiss_table;

#define GGI_CTRL_EMPTY 0x80
#define GGI_CTRL_DELETED 0xfe
#define GGI_CTRL_FULL 0x00

typedef struct ggi_swiss_state {
	const gg_maptype *m;
	int slots;     /* track every slot (deletes), or only counts */
	int prune;     /* pruneTombstones (1.25+) */
	unsigned bits; /* hash width */
	uint64_t hmask;
	uint64_t rng;
	ggi_swiss_table *t;
	size_t nt, tcap;
	uint32_t *dir; /* table of each directory entry */
	uint64_t dirlen;
	int gdepth;
	/* the small map (dirlen 0): its group's slots */
	uint64_t shash[GG_MAP_SLOTS];
	uint8_t sfull[GG_MAP_SLOTS];
	uint32_t sused;
	int sgroup; /* its group is allocated */
	uint64_t total, live;
	int64_t inserts, rehashes, splits, split2_at, prunes;
	int oom;
} ggi_swiss_state;

/* A state for map type m; slots: track slots (1) or counts (0). */
void ggi_swiss_init(ggi_swiss_state *s, const gg_maptype *m, int slots);
/* Starts a run from make's result (a heap map) with the random stream
 * `rng`; 0 when out of memory. */
int ggi_swiss_start(ggi_swiss_state *s, const gg_mapmake *mk, uint64_t rng);
/* The hash of a new key. */
uint64_t ggi_swiss_new_hash(ggi_swiss_state *s);
/* Inserts a new key with hash h; 0 when out of memory. */
int ggi_swiss_put(ggi_swiss_state *s, uint64_t h);
/* Deletes the key with hash h (slot tracking only). */
void ggi_swiss_delete(ggi_swiss_state *s, uint64_t h);
/* Total slots and tombstones now. */
uint64_t ggi_swiss_capacity(const ggi_swiss_state *s);
uint64_t ggi_swiss_tombstones(const ggi_swiss_state *s);
/* Ends a run (frees its tables); ggi_swiss_free also the state's arrays. */
void ggi_swiss_reset(ggi_swiss_state *s);
void ggi_swiss_free(ggi_swiss_state *s);

/* Slot tables (swiss_slots.c). */
int ggi_slots_init(ggi_swiss_table *t, uint32_t cap, int depth, uint64_t index);
void ggi_slots_free(ggi_swiss_table *t);
/* uncheckedPutSlot: into a table being built, no tombstones. */
void ggi_slots_unchecked_put(ggi_swiss_table *t, uint64_t h);
/* table.PutSlot of a new key: 1 inserted, 0 when the table must rehash
 * (growthLeft 0, after pruneTombstones if `prune`). *pruned counts
 * successful prunes. */
int ggi_slots_put(ggi_swiss_table *t, uint64_t h, int prune, int64_t *pruned);
void ggi_slots_delete(ggi_swiss_table *t, uint64_t h);

#endif
