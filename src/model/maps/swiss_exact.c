/* Swiss-table maps: make and the exact part of growth (1.24+).
 *
 * Source: internal/runtime/maps/map.go (NewMap, growToSmall, growToTable,
 * installTableSplit, PutSlot), table.go (newTable, rehash, grow, split),
 * runtime/map_swiss.go (1.24-1.25) and runtime/map.go (1.26+) for
 * makemap/makemap_small. The rules (growth budget, table cap, NewMap's
 * shape, split) are in swiss_rules.c; this file applies them to one map
 * whose growth does not depend on the hash seed.
 *
 * make(map[K]V, hint): the Map header always; nothing else for hint <= 8
 * (the first insert allocates one group: a "small map"). Above that
 * NewMap's directory of tables, each a table struct and an array of
 * capacity/8 groups; the directory is a []*table.
 *
 * Growth: from an empty map the 1st key allocates the small map's group,
 * the 9th turns it into a 16-slot table, and the table doubles at the
 * 15th, 29th, 57th, 113th, 225th, 449th key, until the 897th splits the
 * 1024-slot table in two and the directory doubles. Which keys go left or
 * right in a split depends on the seeded hash, so the exact model stops
 * there, as it does at once for a map made with several tables; the seeded
 * simulations (swiss_state.c) go on with the same rules.
 *
 * 1.24-1.26 convert a full small map to a table on any assignment, also
 * an update of an existing key (Go's source notes this as a known
 * shortcoming); 1.27's PutSlot first looks for the key in the group. */
#include "gogrow/map_rules.h"
#include "model/maps/internal.h"
#include "model/util.h"

gg_status ggi_swiss_make(const gg_maptype *m, int64_t hint, gg_mapmaker small, gg_mapmake *out, gg_error *err)
{
	(void)err;
	if (out->stack)
		out->stack_bytes += m->header_size;
	else
		ggi_mapmake_add(out, m, "Map", m->header_size, 0, 1);
	if (out->stack_storage)
		out->stack_bytes += m->group_size;
	if (hint < 0)
		hint = 0; /* makemap */
	out->hint_used = hint;
	if (small)
		return GG_OK;
	gg_swiss_shape sh;
	if (!gg_swiss_new_map(&m->t, m->group_size, hint, &sh)) {
		out->hint_used = 0; /* NewMap's overflow checks leave an empty map */
		return GG_OK;
	}
	if (sh.dirlen == 0)
		return GG_OK;
	out->target = sh.target;
	out->dirlen = sh.dirlen;
	out->global_depth = sh.global_depth;
	out->table_cap = sh.table_cap;
	out->growth_left = sh.growth_left;
	ggi_mapmake_add(out, m, "directory", sh.dirlen * (uint64_t)m->t.arch->ptr_size, 0, 1);
	ggi_mapmake_add(out, m, "table", m->table_size, 0, sh.dirlen);
	ggi_mapmake_add(out, m, "groups", sh.table_cap / GG_MAP_SLOTS * m->group_size, m->group_noscan,
			sh.dirlen);
	return GG_OK;
}

/* Bytes of one table of `cap` slots: the struct and its groups. */
static uint64_t table_bytes(const gg_maptype *m, uint64_t cap)
{
	return ggi_map_bytes(m, m->table_size, 0) +
	       ggi_map_bytes(m, cap / GG_MAP_SLOTS * m->group_size, m->group_noscan);
}

static void add_table(gg_mapstep *s, const gg_maptype *m, uint64_t cap, uint64_t count)
{
	ggi_mapstep_add(s, m, "table", m->table_size, 0, count);
	ggi_mapstep_add(s, m, "groups", cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, count);
}

/* One growth listing under way. */
typedef struct exact {
	const gg_maptype *m;
	gg_mapstep_fn fn;
	void *ctx;
	gg_mapgrowth *out;
	uint64_t hdr, live, total; /* bytes: the header, live now, TotalAlloc */
} exact;

/* Reports step s, whose allocations are filled in, after which `garbage`
 * bytes of the old storage are no longer referenced. */
static void emit(exact *x, gg_mapstep *s, uint64_t garbage)
{
	s->before = x->live;
	s->during = x->live + s->alloc;
	x->live = s->after = s->during - garbage;
	x->total += s->alloc;
	s->total = x->total;
	x->out->steps++;
	if (x->fn)
		x->fn(x->ctx, s);
}

/* growToSmall at the first insert (unless the compiler gave the map a
 * stack group: dirPtr already set), growToTable at the 9th, after which
 * the group is garbage. Returns the capacity of that table, 0 for n < 9;
 * *dirbytes gets the directory's bytes. */
static uint64_t grow_small(exact *x, int64_t n, uint64_t *dirbytes)
{
	const gg_maptype *m = x->m;
	if (!x->out->make.stack_storage) {
		gg_mapstep s = {.ev = GG_EV_SMALL, .count = 1, .capacity = GG_MAP_SLOTS};
		ggi_mapstep_add(&s, m, "group", m->group_size, m->group_noscan, 1);
		emit(x, &s, 0);
	}
	if (n < GG_MAP_SLOTS + 1)
		return 0;
	gg_mapstep t = {.ev = GG_EV_TO_TABLE,
			.count = GG_MAP_SLOTS + 1,
			.dirlen = 1,
			.tables = 1,
			.capacity = GG_SWISS_FIRST_TABLE_CAP};
	add_table(&t, m, GG_SWISS_FIRST_TABLE_CAP, 1);
	ggi_mapstep_add(&t, m, "directory", (uint64_t)m->t.arch->ptr_size, 0, 1);
	*dirbytes = t.allocs[2].bytes;
	emit(x, &t, x->live - x->hdr);
	return GG_SWISS_FIRST_TABLE_CAP;
}

/* The one table of `cap` slots rehashes at count_at, and again each time
 * its new budget runs out, until it splits: a table of depth 0 in a
 * directory of depth 0, so the directory doubles too. */
static void grow_table(exact *x, uint64_t cap, int64_t count_at, uint64_t dirbytes, int64_t n)
{
	const gg_maptype *m = x->m;
	for (; count_at <= n && !gg_swiss_rehash_splits(cap); cap *= 2) {
		gg_mapstep s = {
		    .ev = GG_EV_TABLE_GROW, .count = count_at, .dirlen = 1, .tables = 1, .capacity = cap * 2};
		add_table(&s, m, cap * 2, 1);
		emit(x, &s, table_bytes(m, cap));
		/* The new table holds the old keys: its budget minus those. */
		count_at += (int64_t)(gg_swiss_growth_left(cap * 2) - gg_swiss_growth_left(cap));
	}
	if (count_at > n)
		return;
	gg_mapstep s = {.ev = GG_EV_SPLIT,
			.count = count_at,
			.dirlen = 2,
			.tables = 2,
			.capacity = 2 * GG_SWISS_MAX_TABLE_CAP};
	add_table(&s, m, GG_SWISS_MAX_TABLE_CAP, 2);
	ggi_mapstep_add(&s, m, "directory", 2 * (uint64_t)m->t.arch->ptr_size, 0, 1);
	emit(x, &s, table_bytes(m, cap) + dirbytes);
	x->out->exact_until = count_at;
}

gg_status ggi_swiss_grow(const gg_maptype *m, int64_t hint, int64_t n, gg_mapstep_fn fn, void *ctx,
			 gg_mapgrowth *out, gg_error *err)
{
	gg_status st = ggi_swiss_make(m, hint, 0, &out->make, err);
	if (st != GG_OK)
		return st;
	const gg_mapmake *mk = &out->make;
	exact x = {m,	      fn,	ctx, out, mk->stack ? 0 : ggi_map_bytes(m, m->header_size, 0),
		   mk->bytes, mk->bytes};
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
	uint64_t dirbytes = cap ? ggi_map_bytes(m, (uint64_t)m->t.arch->ptr_size, 0) : 0;
	int64_t count_at; /* the insert that finds growthLeft == 0 */
	if (cap == 0) {
		if (n < 1 || !(cap = grow_small(&x, n, &dirbytes)))
			return GG_OK;
		/* the 9th key was the first of the table's own budget */
		count_at = GG_MAP_SLOTS + 1 + (int64_t)(gg_swiss_growth_left(cap) - GG_MAP_SLOTS);
	} else
		count_at = (int64_t)gg_swiss_growth_left(cap) + 1;
	grow_table(&x, cap, count_at, dirbytes, n);
	return GG_OK;
}

uint64_t gg_swiss_full_small_overwrite(const gg_maptype *m)
{
	if (m->impl != GG_MAP_SWISS || !gg_swiss_full_small_put_grows(m->t.go))
		return 0;
	gg_mapstep s = {0};
	add_table(&s, m, GG_SWISS_FIRST_TABLE_CAP, 1);
	ggi_mapstep_add(&s, m, "directory", (uint64_t)m->t.arch->ptr_size, 0, 1);
	return s.alloc;
}
