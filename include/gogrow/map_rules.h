/* Go's map rules, one function or constant each, for the model and for a
 * runtime map that must behave like Go's.
 *
 * Every rule here is a pure function of its arguments (a release, a
 * target, sizes and counts); nothing keeps state. The model's make,
 * growth and seeded simulations (gogrow/map.h) are built from these, so a
 * runtime that asks the same functions grows its maps at the same points.
 *
 * Two families:
 *  - classic hash maps, runtime/map.go (1.16-1.23; map_noswiss.go in
 *    1.24-1.25): 2^B buckets of 8 slots, overflow chains, incremental
 *    evacuation;
 *  - Swiss tables, internal/runtime/maps (1.24+): a directory of tables of
 *    8-slot groups, open addressing, tables that double up to 1024 slots
 *    and then split. */
#ifndef GOGROW_MAP_RULES_H
#define GOGROW_MAP_RULES_H

#include <stdint.h>
#include "gogrow/malloc.h"
#include "gogrow/target.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Slots per classic bucket (bucketCnt, abi.MapBucketCount) and per Swiss
 * group (abi.SwissMapGroupSlots): 8 in every release. */
#define GG_MAP_SLOTS 8
/* Keys and elems bigger than this are stored through a pointer
 * (maxKeySize/maxElemSize, abi.MapMaxKeyBytes/MapMaxElemBytes). */
#define GG_MAP_MAX_INLINE 128

/* ---- classic maps: runtime/map.go ---- */

/* loadFactorDen; the load factor is loadFactorNum/loadFactorDen keys per
 * bucket on average. */
#define GG_CLASSIC_LOAD_FACTOR_DEN 2
/* advanceEvacuationMark looks at most this many buckets past nevacuate
 * for ones already evacuated ("1024 is overkill ... a safeguard"). */
#define GG_CLASSIC_EVACUATION_SCAN 1024
/* tooManyOverflowBuckets caps B at this before comparing. */
#define GG_CLASSIC_NOVERFLOW_MAX_B 15

/* loadFactorNum: 13 (6.5 keys per bucket), but 12 in go1.21, which wrote
 * (bucketCnt*13/16)*loadFactorDen and so truncated 6.5 to 6
 * (golang/go#63438; fixed in 1.22, never back-ported). */
uint64_t gg_classic_load_factor_num(int go);

/* overLoadFactor(count, B): count > bucketCnt && count >
 * loadFactorNum*(2^B/loadFactorDen). mapassign grows when this holds for
 * count+1; makemap picks the smallest B for which it does not hold for the
 * hint. 0 from B 62 on (no real map gets there). */
int gg_classic_over_load_factor(int go, int64_t count, int B);

/* The smallest B with !overLoadFactor(count, B): the B of makemap(hint =
 * count). */
int gg_classic_B(int go, int64_t count);

/* The count whose insert makes a map with B bucket bits grow to B+1 (the
 * smallest count over the load factor); INT64_MAX when B is outside
 * 0..61. */
int64_t gg_classic_grow_at(int go, int B);

/* tooManyOverflowBuckets(noverflow, B): noverflow >= 2^min(B, 15). */
int gg_classic_too_many_overflow(uint64_t noverflow, int B);

/* incrnoverflow: below B 16 every overflow bucket counts; from B 16 one
 * counts with probability 1/2^(B-15), when rand() & mask == 0. Returns
 * that mask, or 0 when every overflow bucket counts. */
uint32_t gg_classic_noverflow_mask(int B);

/* advanceEvacuationMark: after nevacuate++ the scan for evacuated buckets
 * stops at nevacuate+1024 or at newbit (the old bucket count). */
uint64_t gg_classic_evacuation_stop(uint64_t nevacuate, uint64_t newbit);

/* makeBucketArray(B): 2^B buckets and, from B 4, 2^(B-4) preallocated
 * overflow buckets, then as many more as the rounded-up allocation holds
 * (roundupsize; 1.22+ round by size class and malloc header). Returns the
 * number of buckets allocated, spares included. bucket_size must not be 0;
 * B must be 0..61. The arithmetic is the target's uintptr arithmetic. */
uint64_t gg_classic_bucket_array(const gg_target *t, uint64_t bucket_size, gg_scan noscan, int B);

/* Whether that array stays within maxAlloc (newarray panics otherwise). */
int gg_classic_bucket_array_fits(const gg_target *t, uint64_t bucket_size, gg_scan noscan, int B);

/* makemap: a hint whose hint*bucketsize overflows a uintptr or exceeds
 * maxAlloc is treated as 0 (a negative hint overflows as a uintptr).
 * Returns the hint makemap works with. */
int64_t gg_classic_makemap_hint(const gg_target *t, uint64_t bucket_size, int64_t hint);

/* Bytes of a mapextra {overflow, oldoverflow *[]*bmap; nextOverflow
 * *bmap}: allocated when a bucket array has spares, or (noscan buckets)
 * when the first overflow bucket must be kept alive. */
uint64_t gg_classic_mapextra_size(const gg_target *t);

/* makemap and hashGrow: a bucket array with spare overflow buckets
 * (nbuckets > 2^B, so nextOverflow != nil) needs a mapextra to record
 * them, allocated when the map has none yet. */
int gg_classic_spares_need_mapextra(int have_extra, uint64_t nbuckets, int B);

/* ---- Swiss tables: internal/runtime/maps ---- */

/* maxAvgGroupLoad (group.go): a table takes 7/8 of its slots. */
#define GG_SWISS_MAX_AVG_GROUP_LOAD 7
/* maxTableCapacity (table.go): a table that would grow past this splits. */
#define GG_SWISS_MAX_TABLE_CAP 1024
/* growToTable: a full small map becomes a table of 2 groups. */
#define GG_SWISS_FIRST_TABLE_CAP (2 * GG_MAP_SLOTS)

/* resetGrowthLeft: inserts a table of `capacity` slots takes before it
 * must rehash: capacity-1 for a single group (one empty slot ends every
 * probe), else capacity*7/8. capacity must be 1 or more. */
uint64_t gg_swiss_growth_left(uint64_t capacity);

/* NewMap's answer for a hint, in slots, tables and depth. */
typedef struct gg_swiss_shape {
	uint64_t target;      /* hint*8/7 (uintptr arithmetic) */
	uint64_t dirlen;      /* tables in the directory, 0: no table (small map) */
	int global_depth;     /* log2(dirlen) */
	uint64_t table_cap;   /* slots per table: pow2ceil(target/dirlen), 8..1024 */
	uint64_t growth_left; /* per table */
} gg_swiss_shape;

/* NewMap(hint) (makemap clamps a negative hint to 0 first): a hint <= 8
 * makes a small map, no table (dirlen 0, growth on the first insert);
 * larger hints a directory of pow2ceil(target/1024) tables. Returns 0
 * when NewMap's overflow or maxAlloc checks reject the hint, which leaves
 * an empty map (*out zero), else 1. */
int gg_swiss_new_map(const gg_target *t, uint64_t group_size, int64_t hint, gg_swiss_shape *out);

/* table.rehash: a table whose doubled capacity would pass 1024 slots
 * splits in two; smaller tables grow to twice their capacity. */
int gg_swiss_rehash_splits(uint64_t capacity);

/* installTableSplit: a split table as deep as the directory doubles the
 * directory first (globalDepth+1). */
int gg_swiss_split_doubles_directory(int local_depth, int global_depth);

/* installTableSplit: directory entries each half of a split covers,
 * 2^(globalDepth - the halves' localDepth); the right half starts that
 * many entries after the left. */
uint64_t gg_swiss_split_entries(int global_depth, int new_local_depth);

/* Bits of a hash (a uintptr): 32 or 64. */
unsigned gg_swiss_hash_bits(const gg_target *t);

/* localDepthMask(new local depth): the hash bit that sends a key to the
 * right half of a split, counted from the top of a `bits`-wide hash. */
uint64_t gg_swiss_split_mask(int new_local_depth, unsigned bits);

/* directoryIndex: the top globalDepth bits of a `bits`-wide hash (0 with
 * a one-table directory). */
uint64_t gg_swiss_directory_index(uint64_t hash, int global_depth, unsigned bits);

/* h1 (the hash without its low 7 bits: picks the first group of a probe)
 * and h2 (the low 7 bits, kept in the control byte). */
uint64_t gg_swiss_h1(uint64_t hash);
uint8_t gg_swiss_h2(uint64_t hash);

/* The probe sequence over a table's groups (makeProbeSeq, next):
 * triangular, so with a power-of-two group count it visits every group. */
typedef struct gg_swiss_probe {
	uint64_t mask, offset, index;
} gg_swiss_probe;
gg_swiss_probe gg_swiss_probe_start(uint64_t hash, uint64_t groups);
void gg_swiss_probe_next(gg_swiss_probe *p);

/* Delete: a freed slot becomes empty when its group still has an empty
 * slot (no probe can pass the group), else a tombstone (ctrlDeleted),
 * which keeps its share of growthLeft. Returns 1 for a tombstone. */
int gg_swiss_delete_leaves_tombstone(int group_has_empty);

/* table.tombstones: capacity*7/8 - used - growthLeft. */
uint64_t gg_swiss_tombstones(uint64_t capacity, uint64_t used, uint64_t growth_left);

/* pruneTombstones runs (1.25+) before a table with growthLeft 0 rehashes. */
int gg_swiss_prunes_tombstones(int go);

/* pruneTombstones bothers only with 10% of the capacity: it starts when
 * the tombstones are that many, and frees them only when the unneeded ones
 * are. */
int gg_swiss_prune_worth(uint64_t tombstones, uint64_t capacity);

/* Map.Clear returns at once for an empty map, from 1.25 only when no
 * delete since the last clear can have left a tombstone (tombstonePossible);
 * else it empties every table and draws a new seed. 1 when it does. */
int gg_swiss_clear_runs(int go, uint64_t used, int tombstone_possible);

/* 1.24-1.26 turn a full small map into a table on any assignment, also an
 * update of a key already in it; 1.27's putSlotSmall looks the key up
 * first. */
int gg_swiss_full_small_put_grows(int go);

#ifdef __cplusplus
}
#endif

#endif
