/* The rules of Go's Swiss-table map (1.24+), each written once.
 *
 * Source: internal/runtime/maps: map.go (NewMap, directoryIndex,
 * installTableSplit, growToTable, putSlotSmall, h1/h2), table.go
 * (maxTableCapacity, newTable, resetGrowthLeft, rehash, split,
 * localDepthMask, Delete, tombstones, pruneTombstones, makeProbeSeq),
 * group.go (maxAvgGroupLoad, control bytes), and runtime/map_swiss.go
 * (1.24-1.25) / map.go (1.26+) for makemap. The code is the same in
 * 1.24-1.27 apart from renames and two changes we model: pruneTombstones
 * arrives in 1.25, and 1.27 no longer grows a full small map on an update.
 *
 * A map starts small (one group, no table) for hints up to 8, else as a
 * directory of tables sized so that the hint fits at 7/8 load. A table
 * takes growth_left new keys; the next one rehashes it: double up to 1024
 * slots, else split in two by one more hash bit, doubling the directory
 * when the table was as deep as it. Deletes leave tombstones in full
 * groups, which keep their share of the budget until a rehash (or, from
 * 1.25, a worthwhile pruneTombstones) clears them. */
#include "gogrow/map_rules.h"
#include "model/maps/internal.h"

uint64_t gg_swiss_growth_left(uint64_t capacity)
{
	if (capacity <= GG_MAP_SLOTS)
		return capacity - 1;
	return capacity * GG_SWISS_MAX_AVG_GROUP_LOAD / GG_MAP_SLOTS;
}

static uint64_t pow2ceil(uint64_t x)
{
	uint64_t p = 1;
	while (p < x)
		p <<= 1;
	return p;
}

/* NewMap's overflow checks: the target wrapped, or the directory's groups
 * (dirSize*1024 of them) overflow a uintptr or exceed maxAlloc. */
static int too_large(const gg_target *t, uint64_t group_size, uint64_t hint, uint64_t target, uint64_t dir)
{
	const uint64_t mask = ggi_word_mask(t);
	const uint64_t groups = dir * GG_SWISS_MAX_TABLE_CAP;
	return target < hint || dir > mask || dir > mask / GG_SWISS_MAX_TABLE_CAP ||
	       (groups != 0 && group_size > mask / groups) || groups * group_size > t->arch->max_alloc;
}

int gg_swiss_new_map(const gg_target *t, uint64_t group_size, int64_t hint, gg_swiss_shape *out)
{
	const uint64_t mask = ggi_word_mask(t);
	*out = (gg_swiss_shape){0};
	if (hint <= GG_MAP_SLOTS)
		return 1;
	uint64_t uh = (uint64_t)hint & mask;
	uint64_t target = ((uh * GG_MAP_SLOTS) & mask) / GG_SWISS_MAX_AVG_GROUP_LOAD;
	uint64_t dir = pow2ceil((target + GG_SWISS_MAX_TABLE_CAP - 1) / GG_SWISS_MAX_TABLE_CAP);
	if (too_large(t, group_size, uh, target, dir))
		return 0;
	out->target = target;
	out->dirlen = dir;
	out->global_depth = __builtin_ctzll(dir);
	/* newTable: at least one group, a power of two for the probe sequence */
	uint64_t cap = target / dir;
	out->table_cap = pow2ceil(cap < GG_MAP_SLOTS ? GG_MAP_SLOTS : cap);
	out->growth_left = gg_swiss_growth_left(out->table_cap);
	return 1;
}

int gg_swiss_rehash_splits(uint64_t capacity)
{
	return 2 * capacity > GG_SWISS_MAX_TABLE_CAP;
}

int gg_swiss_split_doubles_directory(int local_depth, int global_depth)
{
	return local_depth == global_depth;
}

uint64_t gg_swiss_split_entries(int global_depth, int new_local_depth)
{
	return UINT64_C(1) << (global_depth - new_local_depth);
}

unsigned gg_swiss_hash_bits(const gg_target *t)
{
	return (unsigned)t->arch->ptr_size * 8;
}

uint64_t gg_swiss_split_mask(int new_local_depth, unsigned bits)
{
	return UINT64_C(1) << (bits - (unsigned)new_local_depth);
}

uint64_t gg_swiss_directory_index(uint64_t hash, int global_depth, unsigned bits)
{
	return global_depth ? hash >> (bits - (unsigned)global_depth) : 0;
}

uint64_t gg_swiss_h1(uint64_t hash)
{
	return hash >> 7;
}

uint8_t gg_swiss_h2(uint64_t hash)
{
	return (uint8_t)(hash & 0x7f);
}

gg_swiss_probe gg_swiss_probe_start(uint64_t hash, uint64_t groups)
{
	uint64_t mask = groups - 1;
	return (gg_swiss_probe){mask, gg_swiss_h1(hash) & mask, 0};
}

void gg_swiss_probe_next(gg_swiss_probe *p)
{
	p->index++;
	p->offset = (p->offset + p->index) & p->mask;
}

int gg_swiss_delete_leaves_tombstone(int group_has_empty)
{
	return !group_has_empty;
}

uint64_t gg_swiss_tombstones(uint64_t capacity, uint64_t used, uint64_t growth_left)
{
	return capacity * GG_SWISS_MAX_AVG_GROUP_LOAD / GG_MAP_SLOTS - used - growth_left;
}

int gg_swiss_prunes_tombstones(int go)
{
	return go >= 25;
}

/* internal/runtime/maps/map.go Clear: `m.Used() == 0` (1.24) became
 * `m.Used() == 0 && !m.tombstonePossible` (1.25). */
int gg_swiss_clear_runs(int go, uint64_t used, int tombstone_possible)
{
	return used > 0 || (go >= 25 && tombstone_possible);
}

int gg_swiss_prune_worth(uint64_t tombstones, uint64_t capacity)
{
	return tombstones * 10 >= capacity;
}

int gg_swiss_full_small_put_grows(int go)
{
	return go < 27;
}
