/* Get, put, delete and clear of the runtime Swiss map
 * (internal/runtime/maps/map.go, runtime_swiss.go, and for the ready
 * uint64_t and string key types runtime_fast64.go and runtime_faststr.go:
 * the same growth and probing with the hash and key compare inline);
 * iteration is swiss_iter.c's. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "model/util.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"
#include "rt/swiss/swiss_probe.h"

ggi_rt_swiss_table *ggi_rt_swiss_table_of(const gg_rt_swiss *m, uint64_t hash)
{
	return m->dir[ggi_dir_index(m, hash)];
}

/* The small map's slot holding key (its index in *idx), or NULL. For
 * uint64_t keys the hash h is unused: eight inline compares cost less
 * than a hash (runtime_mapaccess2_fast64's dirLen == 0 case). */
static char *small_find(const gg_rt_swiss *m, uint64_t h, const void *key, unsigned *idx)
{
	if (!m->small)
		return NULL;
	int u64 = m->keys == GGI_KEYS_U64;
	uint64_t ctrl = *ggi_group_ctrl(m->small);
	uint64_t mt = u64 ? ggi_ctrl_match_full(ctrl) : ggi_ctrl_match_h2(ctrl, gg_swiss_h2(h));
	for (; mt; mt &= mt - 1) {
		char *slot = ggi_slot_key(m, m->small, ggi_match_first(mt));
		if (u64 ? ggi_key_eq(m, GGI_KEYS_U64, key, slot) : m->type.equal(key, slot)) {
			*idx = ggi_match_first(mt);
			return slot;
		}
	}
	return NULL;
}

/* get, put and delete on tables, for each key form (`keys` a constant). */
static inline void *table_get(const gg_rt_swiss *m, const void *key, int keys)
{
	uint64_t h = ggi_key_hash(m, keys, key);
	unsigned i;
	char *g = ggi_probe_find(m, &m->dirg[ggi_dir_index(m, h)], h, key, keys, &i);
	return g ? ggi_slot_key(m, g, i) + m->elem_off : NULL;
}

static inline gg_status table_put(gg_rt_swiss *m, uint64_t h, const void *key, const void *elem, int keys,
				  gg_error *err)
{
	for (;;) {
		uint64_t d = ggi_dir_index(m, h);
		ggi_probe_prefetch(m, &m->dirg[d], h);
		ggi_rt_swiss_table *t = m->dir[d];
		if (ggi_probe_put(m, t, &m->dirg[d], h, key, elem, keys))
			return GG_OK;
		gg_status st = ggi_rt_swiss_rehash(m, t);
		if (st != GG_OK)
			return ggi_fail(err, st, 0, "out of memory growing a table of %llu slots",
					(unsigned long long)t->capacity);
	}
}

static inline int table_delete(gg_rt_swiss *m, const void *key, int keys)
{
	uint64_t h = ggi_key_hash(m, keys, key);
	uint64_t d = ggi_dir_index(m, h);
	/* The header's counters change too: its cache miss overlaps the
	 * probe's instead of following it. */
	__builtin_prefetch(m->dir[d]);
	unsigned i;
	char *g = ggi_probe_find(m, &m->dirg[d], h, key, keys, &i);
	if (g)
		ggi_rt_swiss_table_delete_at(m, m->dir[d], g, i);
	return g != NULL;
}

void *gg_rt_swiss_get(const gg_rt_swiss *m, const void *key)
{
	if (m->dirlen == 0) {
		unsigned i;
		uint64_t h = m->keys == GGI_KEYS_U64 ? 0 : m->type.hash(key, m->seed);
		char *slot = small_find(m, h, key, &i);
		return slot ? slot + m->elem_off : NULL;
	}
	switch (m->keys) {
	case GGI_KEYS_U64: return table_get(m, key, GGI_KEYS_U64);
	case GGI_KEYS_STR: return table_get(m, key, GGI_KEYS_STR);
	default: return table_get(m, key, GGI_KEYS_ANY);
	}
}

static void small_store(gg_rt_swiss *m, char *slot, unsigned i, uint64_t h, const void *key, const void *elem)
{
	memcpy(slot, key, m->type.key_size);
	if (elem)
		memcpy(slot + m->elem_off, elem, m->type.elem_size);
	else
		memset(slot + m->elem_off, 0, m->type.elem_size);
	*ggi_group_ctrl(m->small) = ggi_ctrl_set(*ggi_group_ctrl(m->small), i, gg_swiss_h2(h));
}

/* putSlotSmall. Returns 1 when done, 0 when the map must become a table
 * first (it is full; 1.24-1.26 also for an update of a full map). */
static int small_put(gg_rt_swiss *m, uint64_t h, const void *key, const void *elem)
{
	if (m->used == GG_MAP_SLOTS && gg_swiss_full_small_put_grows(m->go))
		return 0;
	unsigned i;
	char *slot = small_find(m, h, key, &i);
	if (slot) {
		small_store(m, slot, i, h, key, elem);
		return 1;
	}
	if (m->used == GG_MAP_SLOTS)
		return 0;
	/* No probing in one group: deletes leave it empty, never tombstones. */
	i = ggi_match_first(ggi_ctrl_match_empty_or_deleted(*ggi_group_ctrl(m->small)));
	small_store(m, ggi_slot_key(m, m->small, i), i, h, key, elem);
	m->used++;
	return 1;
}

static gg_status grow_to_small(gg_rt_swiss *m)
{
	m->small = ggi_rt_swiss_alloc(m, m->group_size, m->type.noscan);
	if (!m->small)
		return GG_ERR_NOMEM;
	memset(m->small, 0, m->group_size);
	*ggi_group_ctrl(m->small) = GGI_CTRL_ALL_EMPTY;
	m->stats.groups++;
	return GG_OK;
}

/* The small map's put; it may turn the map into a table (then dirlen > 0
 * and the caller puts into the table). */
static gg_status put_small(gg_rt_swiss *m, uint64_t h, const void *key, const void *elem, int *done,
			   gg_error *err)
{
	gg_status st;
	*done = 0;
	if (!m->small && (st = grow_to_small(m)) != GG_OK)
		return ggi_fail(err, st, 0, "out of memory for the map's group");
	if (small_put(m, h, key, elem)) {
		*done = 1;
		return GG_OK;
	}
	if ((st = ggi_rt_swiss_grow_to_table(m)) != GG_OK)
		return ggi_fail(err, st, 0, "out of memory turning the small map into a table");
	return GG_OK;
}

gg_status gg_rt_swiss_put(gg_rt_swiss *m, const void *key, const void *elem, gg_error *err)
{
	int keys = m->keys;
	uint64_t h = keys == GGI_KEYS_U64   ? ggi_key_hash(m, GGI_KEYS_U64, key)
		     : keys == GGI_KEYS_STR ? ggi_key_hash(m, GGI_KEYS_STR, key)
					    : ggi_key_hash(m, GGI_KEYS_ANY, key);
	if (m->dirlen == 0) {
		int done;
		gg_status st = put_small(m, h, key, elem, &done, err);
		if (st != GG_OK || done)
			return st;
	}
	switch (keys) {
	case GGI_KEYS_U64: return table_put(m, h, key, elem, GGI_KEYS_U64, err);
	case GGI_KEYS_STR: return table_put(m, h, key, elem, GGI_KEYS_STR, err);
	default: return table_put(m, h, key, elem, GGI_KEYS_ANY, err);
	}
}

static int delete_key(gg_rt_swiss *m, const void *key)
{
	if (m->dirlen) {
		switch (m->keys) {
		case GGI_KEYS_U64: return table_delete(m, key, GGI_KEYS_U64);
		case GGI_KEYS_STR: return table_delete(m, key, GGI_KEYS_STR);
		default: return table_delete(m, key, GGI_KEYS_ANY);
		}
	}
	unsigned i;
	uint64_t h = m->keys == GGI_KEYS_U64 ? 0 : m->type.hash(key, m->seed);
	char *slot = small_find(m, h, key, &i);
	if (!slot)
		return 0;
	memset(slot, 0, m->slot_size);
	*ggi_group_ctrl(m->small) = ggi_ctrl_set(*ggi_group_ctrl(m->small), i, GGI_CTRL_EMPTY);
	m->used--;
	return 1;
}

/* A new seed when the map becomes empty (map.go Delete, go.dev/issue/25237:
 * an attacker cannot replay the collisions found), drawn from the map's
 * rand source so that a fixed seed still replays a run. */
static void reseed(gg_rt_swiss *m)
{
	m->seed = ggi_rt_splitmix64(&m->rng);
}

int gg_rt_swiss_delete(gg_rt_swiss *m, const void *key)
{
	int found = delete_key(m, key);
	if (found && m->used == 0)
		reseed(m);
	return found;
}

uint64_t gg_rt_swiss_len(const gg_rt_swiss *m)
{
	return m->used;
}

void gg_rt_swiss_clear(gg_rt_swiss *m)
{
	if (!gg_swiss_clear_runs(m->go, m->used, m->tombstone_possible))
		return;
	for (uint64_t i = 0; i < m->dirlen; i++)
		if (ggi_table_index(m, m->dir[i]) == i)
			ggi_rt_swiss_table_clear(m, m->dir[i]);
	if (m->small) {
		memset(m->small, 0, m->group_size);
		*ggi_group_ctrl(m->small) = GGI_CTRL_ALL_EMPTY;
	}
	m->used = 0;
	m->tombstone_possible = 0;
	m->clear_seq++;
	reseed(m);
}

gg_rt_swiss_stats gg_rt_swiss_stats_get(const gg_rt_swiss *m)
{
	gg_rt_swiss_stats s = m->stats;
	s.tables = s.capacity = s.tombstones = 0;
	s.dirlen = m->dirlen;
	s.global_depth = m->global_depth;
	if (m->small)
		s.capacity = GG_MAP_SLOTS;
	for (uint64_t i = 0; i < m->dirlen; i++) {
		const ggi_rt_swiss_table *t = m->dir[i];
		if (ggi_table_index(m, t) != i)
			continue;
		s.tables++;
		s.capacity += t->capacity;
		s.tombstones += gg_swiss_tombstones(t->capacity, t->used, t->growth_left);
	}
	return s;
}

void gg_rt_swiss_set_tracer(gg_rt_swiss *m, const gg_rt_tracer *t)
{
	m->tracer = t ? *t : (gg_rt_tracer){0};
}
