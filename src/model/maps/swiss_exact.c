/* Swiss-table maps: make and growth (1.24+).
 *
 * Source: internal/runtime/maps/map.go (NewMap, growToSmall, growToTable,
 * installTableSplit, PutSlot), table.go (newTable, reset, resetGrowthLeft,
 * rehash, grow, split), runtime/map_swiss.go (1.24-1.25) and runtime/map.go
 * (1.26+) for makemap/makemap_small. NewMap and the table code are the
 * same in 1.24-1.27 apart from renames.
 *
 * make(map[K]V, hint): the Map header always; nothing else for hint <= 8
 * (the first insert allocates one group: a "small map"). Above that the
 * target capacity is hint*8/7 (word arithmetic; on overflow, or when the
 * tables would exceed maxAlloc, the map is left empty), split over a
 * directory of pow2ceil(target/1024) tables of pow2ceil(target/dirLen)
 * slots each (at least 8, at most 1024). Each table is a table struct and
 * an array of capacity/8 groups; the directory is a []*table.
 *
 * Growth: a table accepts capacity*7/8 keys (capacity-1 for a single group)
 * before the next new key rehashes it: into one table of twice the
 * capacity up to 1024 slots, else a split into two 1024-slot tables (the
 * directory doubles when the table was as deep as the directory). From an
 * empty map: the 1st key allocates the small map's group, the 9th turns it
 * into a 16-slot table, and tables double at the 15th, 29th, 57th, 113th,
 * 225th, 449th and 897th key... except that the 897th splits. Which keys
 * go left or right in a split depends on the seeded hash, so the model
 * stops there.
 *
 * 1.24-1.26 convert a full small map to a table on any assignment, also
 * an update of an existing key (Go's source notes this as a known shortcoming); 1.27's
 * PutSlot first looks for the key in the group. */
#include "gogrow/malloc.h"
#include "model/maps/internal.h"
#include "model/util.h"

#define MAX_TABLE_CAP 1024
#define MAX_AVG_GROUP_LOAD 7

static uint64_t word_mask(const gg_target *t)
{
	return t->arch->ptr_size == 8 ? UINT64_MAX : UINT64_C(0xffffffff);
}

static uint64_t pow2ceil(uint64_t x)
{
	uint64_t p = 1;
	while (p < x)
		p <<= 1;
	return p;
}

static uint64_t growth_left(uint64_t cap)
{
	return cap <= GG_MAP_SLOTS ? cap - 1 : cap * MAX_AVG_GROUP_LOAD / GG_MAP_SLOTS;
}

gg_status gg_swiss_make(const gg_maptype *m, int64_t hint, int small, gg_mapmake *out, gg_error *err)
{
	(void)err;
	const uint64_t mask = word_mask(&m->t);
	if (out->stack)
		out->stack_bytes += m->header_size;
	else
		gg_mapmake_add(out, m, "Map", m->header_size, 0, 1);
	if (out->stack_storage)
		out->stack_bytes += m->group_size;
	if (hint < 0)
		hint = 0;
	out->hint_used = hint;
	if (small || hint <= GG_MAP_SLOTS)
		return GG_OK;
	uint64_t uh = (uint64_t)hint & mask;
	uint64_t target = ((uh * GG_MAP_SLOTS) & mask) / MAX_AVG_GROUP_LOAD;
	uint64_t dir = (target + MAX_TABLE_CAP - 1) / MAX_TABLE_CAP;
	dir = pow2ceil(dir);
	/* Overflow checks of NewMap: each leaves an empty map. */
	int empty = target < uh || dir > mask || dir > mask / MAX_TABLE_CAP ||
		    (dir * MAX_TABLE_CAP != 0 && m->group_size > mask / (dir * MAX_TABLE_CAP)) ||
		    dir * MAX_TABLE_CAP * m->group_size > m->t.arch->max_alloc;
	if (empty) {
		out->hint_used = 0;
		return GG_OK;
	}
	out->target = target;
	out->dirlen = dir;
	out->global_depth = __builtin_ctzll(dir);
	uint64_t cap = target / dir;
	if (cap < GG_MAP_SLOTS)
		cap = GG_MAP_SLOTS;
	out->table_cap = pow2ceil(cap);
	out->growth_left = growth_left(out->table_cap);
	gg_mapmake_add(out, m, "directory", dir * (uint64_t)m->t.arch->ptr_size, 0, 1);
	gg_mapmake_add(out, m, "table", m->table_size, 0, dir);
	gg_mapmake_add(out, m, "groups", out->table_cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, dir);
	return GG_OK;
}

/* Bytes of one table of `cap` slots: the struct and its groups. */
static uint64_t table_bytes(const gg_maptype *m, uint64_t cap)
{
	return gg_alloc_bytes(m->table_size, 0, &m->t, NULL) +
	       gg_alloc_bytes(cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, &m->t, NULL);
}

static void add_table(gg_mapstep *s, const gg_maptype *m, uint64_t cap, uint64_t count)
{
	gg_mapstep_add(s, m, "table", m->table_size, 0, count);
	gg_mapstep_add(s, m, "groups", cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, count);
}

gg_status gg_swiss_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			gg_mapgrowth *out, gg_error *err)
{
	gg_status st = gg_swiss_make(m, hint, 0, &out->make, err);
	if (st != GG_OK)
		return st;
	const gg_mapmake *mk = &out->make;
	const uint64_t P = (uint64_t)m->t.arch->ptr_size;
	uint64_t hdr = mk->stack ? 0 : gg_alloc_bytes(m->header_size, 0, &m->t, NULL);
	uint64_t total = mk->bytes, live = mk->bytes;
	out->exact_until = n;
	if (mk->dirlen > 1) {
		/* Several tables from the start: no table can need to grow before
		 * it got growth_left+1 of the keys, and which table a key goes to
		 * depends on the hash. */
		if ((uint64_t)n > mk->growth_left)
			out->exact_until = (int64_t)mk->growth_left;
		return GG_OK;
	}
	uint64_t cap = mk->table_cap; /* 0: no table yet */
	uint64_t dirbytes = cap ? gg_alloc_bytes(P, 0, &m->t, NULL) : 0;
	int64_t count_at;
	if (cap == 0) {
		if (n < 1)
			return GG_OK;
		/* growToSmall at the first insert, unless the compiler gave the
		 * map a stack group (dirPtr already set). */
		if (!mk->stack_storage) {
			gg_mapstep s = {
			    .ev = GG_EV_SMALL, .count = 1, .capacity = GG_MAP_SLOTS, .before = live};
			gg_mapstep_add(&s, m, "group", m->group_size, m->group_noscan, 1);
			live += s.alloc;
			total += s.alloc;
			s.during = s.after = live;
			s.total = total;
			out->steps++;
			if (fn)
				fn(ctx, &s);
		}
		if (n < GG_MAP_SLOTS + 1)
			return GG_OK;
		/* growToTable at the 9th key: the group becomes garbage. */
		gg_mapstep t = {.ev = GG_EV_TO_TABLE,
				.count = GG_MAP_SLOTS + 1,
				.dirlen = 1,
				.tables = 1,
				.capacity = 2 * GG_MAP_SLOTS,
				.before = live};
		add_table(&t, m, 2 * GG_MAP_SLOTS, 1);
		gg_mapstep_add(&t, m, "directory", P, 0, 1);
		dirbytes = t.allocs[2].bytes;
		t.during = live + t.alloc;
		live = t.after = hdr + t.alloc;
		total += t.alloc;
		t.total = total;
		out->steps++;
		if (fn)
			fn(ctx, &t);
		cap = 2 * GG_MAP_SLOTS;
		count_at = GG_MAP_SLOTS + 1 + (int64_t)(growth_left(cap) - GG_MAP_SLOTS);
	} else
		count_at = (int64_t)growth_left(cap) + 1;
	/* count_at: the insert that finds growthLeft == 0. */
	while (count_at <= n) {
		if (cap * 2 <= MAX_TABLE_CAP) {
			gg_mapstep s = {.ev = GG_EV_TABLE_GROW,
					.count = count_at,
					.dirlen = 1,
					.tables = 1,
					.capacity = cap * 2,
					.before = live};
			add_table(&s, m, cap * 2, 1);
			s.during = live + s.alloc;
			live = s.after = s.during - table_bytes(m, cap);
			total += s.alloc;
			s.total = total;
			out->steps++;
			if (fn)
				fn(ctx, &s);
			/* The new table holds the old keys: 7/8 of it minus those. */
			count_at += (int64_t)(growth_left(cap * 2) - growth_left(cap));
			cap *= 2;
			continue;
		}
		/* A 1024-slot table of depth 0 in a directory of depth 0 splits
		 * in two and the directory doubles. */
		gg_mapstep s = {.ev = GG_EV_SPLIT,
				.count = count_at,
				.dirlen = 2,
				.tables = 2,
				.capacity = 2 * MAX_TABLE_CAP,
				.before = live};
		add_table(&s, m, MAX_TABLE_CAP, 2);
		gg_mapstep_add(&s, m, "directory", 2 * P, 0, 1);
		s.during = live + s.alloc;
		live = s.after = s.during - table_bytes(m, cap) - dirbytes;
		total += s.alloc;
		s.total = total;
		out->steps++;
		if (fn)
			fn(ctx, &s);
		out->exact_until = count_at;
		break;
	}
	return GG_OK;
}

uint64_t gg_swiss_full_small_overwrite(const gg_maptype *m)
{
	if (m->impl != GG_MAP_SWISS || m->t.go >= 27)
		return 0;
	gg_mapstep s = {0};
	add_table(&s, m, 2 * GG_MAP_SLOTS, 1);
	gg_mapstep_add(&s, m, "directory", (uint64_t)m->t.arch->ptr_size, 0, 1);
	return s.alloc;
}
