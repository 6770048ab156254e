/* Growth of the Swiss map (internal/runtime/maps/map.go growToTable,
 * installTableSplit; table.go rehash, grow, split). Everything a step
 * needs is allocated before anything moves, so a failed allocation leaves
 * the map as it was; and a step rehashes one table only, which bounds the
 * work of a single insert by 1024 slots. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"
#include "rt/swiss/swiss_probe.h"

/* Moves every full slot of the groups [groups, +ngroups) into `dst`, or
 * into `right` for hashes with `mask` set (mask 0: all into dst). The
 * layout keeps no hashes, so each key is hashed again: inline for the
 * ready key types (`keys` a constant). */
static inline void move_keys(gg_rt_swiss *m, char *groups, uint64_t ngroups, ggi_rt_swiss_table *dst,
			     ggi_rt_swiss_table *right, uint64_t mask, int keys)
{
	for (uint64_t gi = 0; gi < ngroups; gi++) {
		char *g = ggi_group_at(m, groups, gi);
		for (uint64_t mt = ggi_ctrl_match_full(*ggi_group_ctrl(g)); mt; mt &= mt - 1) {
			char *slot = ggi_slot_key(m, g, ggi_match_first(mt));
			uint64_t h = ggi_key_hash(m, keys, slot);
			ggi_rt_swiss_table_put_new(m, (h & mask) ? right : dst, h, slot);
		}
	}
}

static void move_slots(gg_rt_swiss *m, char *groups, uint64_t ngroups, ggi_rt_swiss_table *dst,
		       ggi_rt_swiss_table *right, uint64_t mask)
{
	if (m->keys == GGI_KEYS_U64)
		move_keys(m, groups, ngroups, dst, right, mask, GGI_KEYS_U64);
	else if (m->keys == GGI_KEYS_STR)
		move_keys(m, groups, ngroups, dst, right, mask, GGI_KEYS_STR);
	else
		move_keys(m, groups, ngroups, dst, right, mask, GGI_KEYS_ANY);
}

/* Points the directory entries t covers at t, and their dirents at its
 * groups. */
static void install(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	uint64_t n = gg_swiss_split_entries(m->global_depth, t->local_depth);
	ggi_rt_swiss_dirent e = {t->groups, t->capacity / GG_MAP_SLOTS - 1};
	uint64_t first = ggi_table_index(m, t);
	for (uint64_t i = 0; i < n; i++) {
		m->dir[first + i] = t;
		m->dirg[first + i] = e;
	}
}

/* growToTable: the small map's group becomes a table of 16 slots. */
gg_status ggi_rt_swiss_grow_to_table(gg_rt_swiss *m)
{
	ggi_rt_swiss_dirent *dirg = ggi_rt_swiss_dir_alloc(m, 1);
	if (!dirg)
		return GG_ERR_NOMEM;
	ggi_rt_swiss_table *t = ggi_rt_swiss_table_new(m, GG_SWISS_FIRST_TABLE_CAP, 0, 0);
	if (!t) {
		ggi_rt_swiss_dir_free(m, dirg, 1);
		return GG_ERR_NOMEM;
	}
	if (m->small) {
		move_slots(m, m->small, 1, t, NULL, 0);
		ggi_rt_swiss_retire_small(m);
	}
	m->dirg = dirg;
	m->dir = ggi_dir_tables(dirg, 1);
	m->dirlen = 1;
	m->global_depth = 0;
	install(m, t);
	m->stats.grows++;
	ggi_rt_swiss_event(m, GG_RT_EV_MAP_GROW, GG_MAP_SLOTS, GG_SWISS_FIRST_TABLE_CAP);
	return GG_OK;
}

static gg_status grow(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	ggi_rt_swiss_table *n = ggi_rt_swiss_table_new(m, t->capacity * 2, t->prefix, t->local_depth);
	if (!n)
		return GG_ERR_NOMEM;
	move_slots(m, t->groups, t->capacity / GG_MAP_SLOTS, n, NULL, 0);
	assert(n->used == t->used);
	install(m, n);
	m->stats.grows++;
	ggi_rt_swiss_event(m, GG_RT_EV_MAP_GROW, t->capacity, n->capacity);
	ggi_rt_swiss_retire_table(m, t);
	return GG_OK;
}

/* Doubles the directory into `ng` (allocated by the caller): each entry
 * becomes two. No table is touched (their prefixes stay), so the cost is
 * one pass over the two arrays. */
static void double_directory(gg_rt_swiss *m, ggi_rt_swiss_dirent *ng)
{
	ggi_rt_swiss_table **nd = ggi_dir_tables(ng, 2 * m->dirlen);
	for (uint64_t i = 0; i < m->dirlen; i++) {
		nd[2 * i] = nd[2 * i + 1] = m->dir[i];
		ng[2 * i] = ng[2 * i + 1] = m->dirg[i];
	}
	ggi_rt_swiss_dir_free(m, m->dirg, m->dirlen);
	m->dirg = ng;
	m->dir = nd;
	m->dirlen *= 2;
	m->global_depth++;
	m->stats.dir_grows++;
	ggi_rt_swiss_event(m, GG_RT_EV_MAP_DIR_GROW, (uint64_t)m->global_depth, 0);
}

static gg_status split(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	int depth = t->local_depth + 1;
	int doubles = gg_swiss_split_doubles_directory(t->local_depth, m->global_depth);
	ggi_rt_swiss_dirent *nd = NULL;
	if (doubles && !(nd = ggi_rt_swiss_dir_alloc(m, 2 * m->dirlen)))
		return GG_ERR_NOMEM;
	/* The halves' prefixes: t's, and one more hash bit, 0 and 1. */
	ggi_rt_swiss_table *l = ggi_rt_swiss_table_new(m, GG_SWISS_MAX_TABLE_CAP, t->prefix << 1, depth);
	ggi_rt_swiss_table *r =
	    l ? ggi_rt_swiss_table_new(m, GG_SWISS_MAX_TABLE_CAP, (t->prefix << 1) | 1, depth) : NULL;
	if (!r) {
		if (l)
			ggi_rt_swiss_table_free(m, l);
		if (nd)
			ggi_rt_swiss_dir_free(m, nd, 2 * m->dirlen);
		return GG_ERR_NOMEM;
	}
	move_slots(m, t->groups, t->capacity / GG_MAP_SLOTS, l, r, gg_swiss_split_mask(depth, 64));
	assert(l->used + r->used == t->used);
	if (doubles)
		double_directory(m, nd);
	assert(ggi_table_index(m, r) ==
	       ggi_table_index(m, l) + gg_swiss_split_entries(m->global_depth, depth));
	install(m, l);
	install(m, r);
	m->stats.splits++;
	ggi_rt_swiss_event(m, GG_RT_EV_MAP_SPLIT, (uint64_t)depth, 0);
	ggi_rt_swiss_retire_table(m, t);
	return GG_OK;
}

gg_status ggi_rt_swiss_rehash(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	return gg_swiss_rehash_splits(t->capacity) ? split(m, t) : grow(m, t);
}
