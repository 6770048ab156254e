/* Runtime Swiss-table map: a hash map in real memory laid out and grown as
 * Go 1.24+'s internal/runtime/maps (gogrow/map.h predicts, this does).
 *
 * Names are gg_rt_swiss_*, not gg_rt_map_*: Go has had two map designs
 * (classic buckets, Swiss tables), and the runtime may hold both; the name
 * says which one this is.
 *
 * Generic over the key and elem: their bytes are memcpy'd into slots, and
 * a type descriptor gives sizes, alignments, a hash and an equality. Every
 * growth rule (load 7/8, tables doubling up to 1024 slots, splits under a
 * directory with extendible hashing, tombstones, probing) is a call into
 * gogrow/map_rules.h, so this map grows where the model says Go's does.
 * Every allocation goes through a gg_rt_allocator; when one fails the call
 * returns GG_ERR_NOMEM and the map is as it was. Not thread-safe. */
#ifndef GOGROW_RT_MAP_H
#define GOGROW_RT_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"
#include "gogrow/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The key and elem types. */
typedef struct gg_rt_swiss_type {
	size_t key_size, key_align;   /* align: 1, 2, 4 or 8, dividing size */
	size_t elem_size, elem_align; /* elem_size 0 is a set */
	/* Hash of the key's bytes with a per-map seed; equal keys must hash
	 * alike. */
	uint64_t (*hash)(const void *key, uint64_t seed);
	int (*equal)(const void *a, const void *b);
	int noscan; /* 1: neither holds pointers (passed on to the allocator) */
} gg_rt_swiss_type;

/* A string key: pointer and length. The map copies this pair, not the
 * bytes: it BORROWS them, as a Go map shares a string's immutable bytes,
 * so they must stay unchanged while the key is in the map. */
typedef struct gg_rt_str {
	const char *p;
	size_t len;
} gg_rt_str;

/* XXH3 (libxxhash) of the 8 bytes of a uint64_t, and of a string's bytes. */
uint64_t gg_rt_swiss_hash_u64(const void *key, uint64_t seed);
uint64_t gg_rt_swiss_hash_str(const void *key, uint64_t seed);

/* Ready descriptors: uint64_t keys, gg_rt_str keys; the elem as given. */
gg_rt_swiss_type gg_rt_swiss_type_u64(size_t elem_size, size_t elem_align);
gg_rt_swiss_type gg_rt_swiss_type_str(size_t elem_size, size_t elem_align);

/* double and float keys with Go's == (both maps take them): +0 and -0 are
 * one key; NaN equals nothing, so each put of a NaN adds an entry, get and
 * delete never find one, iteration returns every one and clear removes
 * them. A NaN hashes to a random value, as in Go. */
uint64_t gg_rt_swiss_hash_f64(const void *key, uint64_t seed);
uint64_t gg_rt_swiss_hash_f32(const void *key, uint64_t seed);
gg_rt_swiss_type gg_rt_swiss_type_f64(size_t elem_size, size_t elem_align);
gg_rt_swiss_type gg_rt_swiss_type_f32(size_t elem_size, size_t elem_align);

typedef struct gg_rt_swiss_config {
	gg_rt_swiss_type type;
	int go;			      /* release minor (24+); 0: GG_GO_MAX */
	const gg_rt_allocator *alloc; /* NULL: gg_rt_allocator_libc() */
	int fixed_seed;		      /* 1: use `seed` (reproducible); 0: random per map, as Go */
	uint64_t seed;
} gg_rt_swiss_config;

typedef struct gg_rt_swiss_stats {
	uint64_t tables; /* distinct tables now (0: small map) */
	uint64_t dirlen; /* directory entries (2^global depth; 0: small map) */
	int global_depth;
	uint64_t capacity;	/* slots over all tables (8 for a small map's group) */
	uint64_t groups;	/* groups allocated now */
	uint64_t tombstones;	/* deleted slots now */
	uint64_t grows;		/* tables replaced by one of twice the capacity (small -> table included) */
	uint64_t splits;	/* tables split in two */
	uint64_t dir_grows;	/* directory doublings */
	uint64_t prunes;	/* tables whose tombstones were pruned instead of a rehash (1.25+) */
	uint64_t allocs, frees; /* allocator calls, header included */
	uint64_t bytes;		/* live bytes asked of the allocator */
} gg_rt_swiss_stats;

typedef struct gg_rt_swiss gg_rt_swiss;

/* make(map[K]V, hint): the shape is the model's gg_swiss_new_map for the
 * host (a small map for hint <= 8, else its tables). Errors: GG_ERR_RANGE
 * for a bad type or allocator, GG_ERR_RELEASE before 1.24, GG_ERR_ARCH on
 * a host the model does not know, GG_ERR_NOMEM. A negative or too large
 * hint is 0, as in Go. */
gg_status gg_rt_swiss_new(const gg_rt_swiss_config *cfg, int64_t hint, gg_rt_swiss **out, gg_error *err);

/* Frees everything; NULL is allowed. */
void gg_rt_swiss_destroy(gg_rt_swiss *m);

/* m[*key] = *elem (elem NULL: zero). GG_ERR_NOMEM leaves m unchanged. */
gg_status gg_rt_swiss_put(gg_rt_swiss *m, const void *key, const void *elem, gg_error *err);

/* The elem of key, or NULL. Valid until the next put, delete or clear. */
void *gg_rt_swiss_get(const gg_rt_swiss *m, const void *key);

/* delete(m, *key): 1 when the key was there. Never allocates. */
int gg_rt_swiss_delete(gg_rt_swiss *m, const void *key);

uint64_t gg_rt_swiss_len(const gg_rt_swiss *m);

/* clear(m): no key left; tables and groups are kept, as Go's Clear. */
void gg_rt_swiss_clear(gg_rt_swiss *m);

/* Iteration as Go's Iter: from a random directory entry and a random slot
 * offset (drawn from the map's generator, so a fixed seed replays them),
 * with Go's guarantees: each key present
 * from start to end is returned exactly once; a deleted one is not after
 * its delete; one inserted meanwhile may or may not be. Deletes, updates
 * and inserts are all allowed during it. When an insert grows or splits
 * the table being walked, the walk goes on over the old table (kept
 * alive) and looks each key up in the map, as Go's Iter.Next does.
 * Replaced tables are kept while an iteration is live: one ends when
 * next returns 0, or by gg_rt_swiss_iter_stop (for a loop left early;
 * without it they are freed by gg_rt_swiss_destroy). */
typedef struct gg_rt_swiss_iter {
	gg_rt_swiss *m;
	const void *tab;		   /* the table walked; NULL between tables */
	const char *small;		   /* the small map's group at the start (small mode) */
	uint64_t dir, slot;		   /* counted from the random start */
	uint64_t dir_offset, entry_offset; /* the random start (Go's dirOffset, entryOffset) */
	uint64_t clear_seq;		   /* the map's clears at the start */
	int global_depth, small_mode, live, placed;
	gg_status status; /* always GG_OK (kept for callers that check it) */
} gg_rt_swiss_iter;

void gg_rt_swiss_iter_init(gg_rt_swiss *m, gg_rt_swiss_iter *it);
/* 1 with *key and *elem pointing into the map, 0 at the end. */
int gg_rt_swiss_iter_next(gg_rt_swiss_iter *it, const void **key, void **elem);
/* Ends an iteration before next returned 0; again or after the end: no-op. */
void gg_rt_swiss_iter_stop(gg_rt_swiss_iter *it);

gg_rt_swiss_stats gg_rt_swiss_stats_get(const gg_rt_swiss *m);

/* Growth reports GG_RT_EV_MAP_GROW (a = old slots, b = new slots), a split
 * GG_RT_EV_MAP_SPLIT (a = local depth of the halves), a directory doubling
 * GG_RT_EV_MAP_DIR_GROW (a = new global depth). NULL removes the hook. */
void gg_rt_swiss_set_tracer(gg_rt_swiss *m, const gg_rt_tracer *t);

#ifdef __cplusplus
}
#endif

#endif
