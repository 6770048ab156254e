/* Go maps: how a map type is laid out, what make(map[K]V, hint) allocates,
 * and when a map grows as keys are inserted, per release and GOARCH.
 *
 * Two implementations exist in the releases we model:
 *  - classic hash maps (runtime/map.go; map_noswiss.go in 1.24-1.25): an
 *    hmap header and a power-of-two array of 8-slot buckets, default up to
 *    1.23 and available in 1.24-1.25 with GOEXPERIMENT=noswissmap;
 *  - Swiss tables (internal/runtime/maps): a Map header, a directory of
 *    tables of 8-slot groups, default from 1.24 and the only one from 1.26.
 *
 * make and growth answers are exact: they do not depend on the hash seed.
 * What does (classic overflow buckets and same-size grows, Swiss splits
 * after the first) is left out of them, the growth API says up to where
 * its answer is complete, and two simulations (gg_swiss_seeded,
 * gg_classic_seeded) estimate its distribution over seeds separately; a
 * third (gg_swiss_churn) does the same for deletes and tombstones. Maps
 * that do not escape (stack header and bucket/group) are exact too
 * (gg_makemap_esc, gg_mapgrow_esc). */
#ifndef GOGROW_MAP_H
#define GOGROW_MAP_H

#include <stdint.h>
#include "gogrow/status.h"
#include "gogrow/map_rules.h"
#include "gogrow/target.h"
#include "gogrow/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gg_mapimpl { GG_MAP_CLASSIC, GG_MAP_SWISS } gg_mapimpl;

/* The implementation a release uses. noswissmap asks for
 * GOEXPERIMENT=noswissmap: classic in 1.24-1.25, meaningless before 1.24
 * (classic anyway) and GG_ERR_UNSUPPORTED from 1.26 (there is no classic
 * map any more). */
gg_status gg_map_impl(int go, gg_mapexp noswissmap, gg_mapimpl *out, gg_error *err);

typedef struct gg_maptype {
	gg_target t;
	gg_mapimpl impl;
	gg_layout key, elem;		 /* the declared key and elem types */
	int indirect_key, indirect_elem; /* stored as a pointer (> 128 bytes) */
	gg_layout kslot, eslot;		 /* what a slot holds: the type or a pointer */
	uint64_t header_size;		 /* hmap or maps.Map */
	/* classic: bucket {tophash [8]uint8; keys [8]K'; elems [8]E'; overflow} */
	uint64_t bucket_size, keys_off, elems_off, overflow_off;
	int bucket_noscan; /* K' and E' have no pointers */
	/* Swiss: group {ctrl uint64; slots [8]struct{key K'; elem E'}} */
	uint64_t slot_size, slot_elem_off, group_size;
	int group_noscan;
	uint64_t table_size; /* maps.table */
} gg_maptype;

/* Lays out the map type `mt` (kind GG_MAP) on a target. Fails where the
 * compiler would: GG_ERR_RELEASE / GG_ERR_TOO_LARGE from the key or elem
 * layout, GG_ERR_TYPE where gc's bucket invariants fail (an 8-aligned key
 * on a 32-bit port, e.g. map[atomic.Int64]int32 on 386: "internal compiler
 * error: bad offset of overflow in bmap"), GG_ERR_UNSUPPORTED for
 * noswissmap in 1.26+. */
gg_status gg_map_type(const gg_target *t, const gg_type *mt, gg_mapexp noswissmap, gg_maptype *out,
		      gg_error *err);

/* One kind of object make or a growth step allocates. */
typedef struct gg_mapalloc {
	const char *what; /* "hmap", "buckets", "mapextra", "Map", "directory", "table", "groups", "group" */
	uint64_t count;	  /* how many such objects */
	uint64_t size;	  /* bytes requested per object */
	uint64_t bytes;	  /* bytes TotalAlloc counts per object */
	int sizeclass;	  /* 0: a large object */
	int header;	  /* carries a malloc header (1.22+) */
	int noscan;
} gg_mapalloc;

#define GG_MAP_MAX_ALLOCS 6

typedef struct gg_mapmake {
	int64_t hint;	   /* as passed to make */
	int64_t hint_used; /* after the runtime's checks: 0 when negative or too large */
	int small;	   /* makemap_small: no hint, or a constant hint <= 8 */
	/* classic */
	int B;
	uint64_t nbuckets; /* 2^B plus preallocated overflow buckets (0 when B == 0) */
	uint64_t spare;	   /* preallocated overflow buckets */
	/* Swiss */
	uint64_t target; /* hint*8/7 */
	uint64_t dirlen; /* tables in the directory (0: small map, no table) */
	int global_depth;
	uint64_t table_cap;   /* slots per table */
	uint64_t growth_left; /* inserts each table takes before it must grow */
	gg_mapalloc allocs[GG_MAP_MAX_ALLOCS];
	int nallocs;
	uint64_t bytes;	  /* MemStats.TotalAlloc delta of the make */
	uint64_t mallocs; /* MemStats.Mallocs delta */
	/* GG_MAPESC_STACK: what the compiler put on the stack instead */
	int stack;	      /* the header (hmap / maps.Map) is on the stack */
	int stack_storage;    /* so is one bucket (classic) or group (Swiss): hint <= 8 */
	uint64_t stack_bytes; /* header and bucket/group sizes on the stack */
} gg_mapmake;

/* Whether the map escapes (cmd/compile/internal/walk/builtin.go,
 * walkMakeMap, the same in 1.16-1.27). GG_MAPESC_STACK: the map does not
 * escape, so the header lives on the stack and, when the hint is <= 8
 * (a constant, or a variable hint tested at run time), one bucket or group
 * too; a classic map then starts at B = 0 with that bucket, a Swiss map as
 * a small map in that group. Larger hints go through makemap, which
 * allocates the buckets or tables on the heap but not the header. */
typedef enum gg_mapesc { GG_MAPESC_HEAP, GG_MAPESC_STACK } gg_mapesc;

/* make(map[K]V, hint) on the heap. small: the compiler calls makemap_small
 * (no hint, or a constant hint <= 8; GG_ERR_RANGE if hint > 8). hint is a
 * Go int of the target (GG_ERR_RANGE outside it); negative and oversized
 * hints behave like 0 as in the runtime. */
gg_status gg_makemap(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out, gg_error *err);
/* The same for a map that may not escape (gg_makemap is GG_MAPESC_HEAP).
 * small only matters on the heap: a non-escaping map makes no call for it. */
gg_status gg_makemap_esc(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapesc esc, gg_mapmake *out,
			 gg_error *err);

/* Bytes TotalAlloc counts for one allocation of `size` bytes. */
uint64_t gg_map_alloc(const gg_maptype *m, const char *what, uint64_t size, gg_scan noscan, uint64_t count,
		      gg_mapalloc *out);

/* The rules themselves (load factor, growth budget, ...): gogrow/map_rules.h. */

/* A step of growth while inserting distinct keys one at a time. */
typedef enum gg_mapevent {
	GG_EV_FIRST_BUCKET, /* classic: first insert into a map with no buckets */
	GG_EV_DOUBLE,	    /* classic: hashGrow to B+1 */
	GG_EV_SMALL,	    /* Swiss: first insert allocates the small map's group */
	GG_EV_TO_TABLE,	    /* Swiss: the 9th key turns the small map into a 16-slot table */
	GG_EV_TABLE_GROW,   /* Swiss: a table is replaced by one of twice the capacity */
	GG_EV_SPLIT	    /* Swiss: a 1024-slot table splits in two */
} gg_mapevent;

typedef struct gg_mapstep {
	gg_mapevent ev;
	int64_t count;			   /* len(m) after the insert that caused it */
	int B;				   /* classic: B after the step */
	uint64_t nbuckets;		   /* classic: buckets of the new array, spares included */
	uint64_t dirlen, tables, capacity; /* Swiss after the step: directory length, tables, total slots */
	gg_mapalloc allocs[3];
	int nallocs;
	uint64_t alloc;	 /* bytes this step allocated */
	uint64_t before; /* live structure bytes before the step */
	uint64_t during; /* live while the old storage is still referenced (classic evacuation) */
	uint64_t after;	 /* live once the old storage is garbage */
	uint64_t total;	 /* TotalAlloc since make, make included */
} gg_mapstep;

typedef void (*gg_mapstep_fn)(void *ctx, const gg_mapstep *s);

typedef struct gg_mapgrowth {
	gg_mapmake make;     /* the starting point */
	int64_t n;	     /* inserts asked for */
	int64_t exact_until; /* every step up to this count is listed; beyond it growth depends on the hash
				seed */
	int64_t steps;
} gg_mapgrowth;

/* Inserts n distinct keys one at a time into make(map[K]V, hint) and calls
 * fn for each growth step, in order. Classic: B changes are exact (a
 * same-size grow in progress could delay one only after 2^min(B,15)
 * overflow buckets, never seen with a working hash) and bytes count the
 * bucket arrays, not overflow buckets allocated past the preallocated
 * spares. Swiss: exact up to the first split of a table (the 897th key
 * from an empty map); out->exact_until says where the listing stops being
 * complete. */
gg_status gg_mapgrow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
		     gg_mapgrowth *out, gg_error *err);
/* The same for a map that may not escape: with the stack bucket or group
 * the first insert allocates nothing, and the first growth (classic:
 * hashGrow from B = 0 to 2 buckets; Swiss: growToTable at the 9th key)
 * allocates what it does on the heap, but no old storage becomes garbage;
 * the header is never counted. Later steps are the heap ones. */
gg_status gg_mapgrow_esc(const gg_maptype *m, int64_t hint, gg_mapesc esc, int64_t n, gg_mapstep_fn fn,
			 void *ctx, gg_mapgrowth *out, gg_error *err);

/* Bytes each new key costs besides the map's storage: the key and/or elem
 * objects mapassign allocates (newobject) when they are stored through a
 * pointer (over 128 bytes). 0 for inline keys and elems. Growth steps and
 * the simulations include it in their byte counts. */
uint64_t gg_map_entry_bytes(const gg_maptype *m);

/* 1.24-1.26: assigning to an existing key of a full 8-entry small map still
 * turns it into a table; 1.27 updates in place. Returns the bytes such an
 * overwrite allocates (0 when it does not grow or the map is classic). */
uint64_t gg_swiss_full_small_overwrite(const gg_maptype *m);

/* A simulation of what the exact model cannot say: Swiss table splits
 * after the first, which depend on the seeded hash. Keys get independent
 * uniformly random hashes from a seeded generator (not Go's hash function:
 * what is simulated is the distribution over hash seeds, assuming Go's hash
 * behaves like a random function). The rest (capacities, growth budgets,
 * directory doubling, allocations) follows the exact rules. */
typedef struct gg_dist {
	uint64_t min, median, max;
} gg_dist;

typedef struct gg_swiss_seeded_runs {
	int runs;
	uint64_t seed;
	int64_t n;
	gg_dist tables;	  /* distinct tables after n inserts */
	gg_dist dirlen;	  /* directory length */
	gg_dist capacity; /* total slots */
	gg_dist total;	  /* TotalAlloc since make, make included */
	gg_dist live;	  /* bytes still referenced at the end */
	gg_dist split2;	  /* count at the second split (only over runs that had one) */
	int split2_runs;  /* runs with a second split */
} gg_swiss_seeded_runs;

#define GG_SEEDED_MAX_RUNS 10000
#define GG_SEEDED_MAX_WORK (INT64_C(1) << 30) /* runs * n */

/* Simulates `runs` maps (1..GG_SEEDED_MAX_RUNS) of n distinct keys
 * inserted into make(map[K]V, hint). Swiss tables only
 * (GG_ERR_UNSUPPORTED for classic maps: overflow buckets are not
 * simulated); GG_ERR_RANGE when runs*n exceeds GG_SEEDED_MAX_WORK. */
gg_status gg_swiss_seeded(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			  gg_swiss_seeded_runs *out, gg_error *err);

/* The same for classic maps: which bucket a key lands in, and so how many
 * overflow buckets chains need and when too many of them trigger a
 * same-size grow, depends on the seeded hash. Simulated with random
 * hashes over mapassign, growWork/evacuate (incremental, at most two old
 * buckets per insert), newoverflow (preallocated spares first, then one
 * newobject each, and for noscan buckets the mapextra and the []*bmap that
 * keeps them alive), hashGrow and tooManyOverflowBuckets. */
typedef struct gg_classic_seeded_runs {
	int runs;
	uint64_t seed;
	int64_t n;
	gg_dist B;
	gg_dist overflow;    /* overflow buckets taken: spares and new ones */
	gg_dist newoverflow; /* of which allocated one at a time */
	gg_dist samesize;    /* same-size grows */
	gg_dist total;	     /* TotalAlloc since make, make included */
	gg_dist lastgrow;    /* count at the last grow (B change or same-size) */
} gg_classic_seeded_runs;

/* Simulates `runs` classic maps (1..GG_SEEDED_MAX_RUNS) of n distinct keys
 * inserted into make(map[K]V, hint); GG_ERR_UNSUPPORTED for Swiss maps,
 * GG_ERR_RANGE past GG_SEEDED_MAX_WORK or when a bucket array would exceed
 * maxAlloc. */
gg_status gg_classic_seeded(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			    gg_classic_seeded_runs *out, gg_error *err);

/* Swiss maps under churn: n distinct keys inserted into make(map[K]V,
 * hint), then k times the oldest key deleted and a new one inserted (len
 * stays n). A deleted slot becomes empty when its group still has an empty
 * slot, else a tombstone that keeps its share of the growth budget; a
 * table whose budget runs out rehashes (doubles, or splits at 1024 slots)
 * even if most of it is tombstones. 1.25+ first prune tombstones no probe
 * sequence needs when that reclaims at least 10% of the capacity
 * (pruneTombstones). Which groups are full depends on the seeded hash, so
 * this simulates `runs` maps with random hashes, tracking every slot. */
typedef struct gg_mapchurn {
	int runs;
	uint64_t seed;
	int64_t n, k;
	gg_dist tables; /* distinct tables at the end */
	gg_dist dirlen;
	gg_dist capacity;   /* total slots at the end */
	gg_dist tombstones; /* at the end */
	gg_dist total;	    /* TotalAlloc since make, make included */
	gg_dist live;	    /* bytes still referenced at the end */
	gg_dist rehashes;   /* table grows and splits, fill included */
	gg_dist prunes;	    /* successful pruneTombstones (1.25+) */
} gg_mapchurn;

/* GG_ERR_UNSUPPORTED for classic maps (gg_classic_churn); GG_ERR_RANGE
 * when runs*(n+k) exceeds GG_SEEDED_MAX_WORK. */
gg_status gg_swiss_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			 gg_mapchurn *out, gg_error *err);

/* Classic maps under the same churn: B stays the B of n keys, but deletes
 * leave holes that later inserts into the same chain fill, full chains
 * take overflow buckets, and 2^min(B,15) of them since the last grow start
 * a same-size grow. Simulated slot by slot with random hashes; out->n is
 * n, the fields are as in gg_classic_seeded, at the end of the churn.
 * GG_ERR_UNSUPPORTED for Swiss maps, GG_ERR_RANGE past the work limit. */
gg_status gg_classic_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			   gg_classic_seeded_runs *out, gg_error *err);

/* The simulations start from a heap map. One that does not escape
 * allocates the same objects except the header and, for a hint <= 8, the
 * small map's first bucket or group, whatever the hash does (the stack
 * bucket can never overflow: a 9th key grows the map first). *total gets
 * what every run's TotalAlloc overstates for it after n inserts (n keys
 * live, churn or not), *live what the live bytes overstate. */
gg_status gg_map_stack_saving(const gg_maptype *m, int64_t hint, int64_t n, uint64_t *total, uint64_t *live,
			      gg_error *err);

/* Human-readable name of a growth event ("double", "split", ...). */
const char *gg_mapevent_name(gg_mapevent ev);

#ifdef __cplusplus
}
#endif

#endif
