/* Get, put, delete and clear of the runtime Swiss map
 * (internal/runtime/maps/map.go, runtime_swiss.go); iteration is
 * swiss_iter.c's. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "model/util.h"
#include "rt/swiss/swiss_internal.h"

ggi_rt_swiss_table *ggi_rt_swiss_table_of(const gg_rt_swiss *m, uint64_t hash)
{
	return m->dir[gg_swiss_directory_index(hash, m->global_depth, 64)];
}

/* The small map's slot holding key, or NULL. */
static char *small_find(const gg_rt_swiss *m, uint64_t hash, const void *key, unsigned *idx)
{
	if (!m->small)
		return NULL;
	uint64_t ctrl = *ggi_group_ctrl(m->small);
	for (uint64_t mt = ggi_ctrl_match_h2(ctrl, gg_swiss_h2(hash)); mt; mt &= mt - 1) {
		char *slot = ggi_slot_key(m, m->small, ggi_match_first(mt));
		if (m->type.equal(key, slot)) {
			*idx = ggi_match_first(mt);
			return slot;
		}
	}
	return NULL;
}

void *gg_rt_swiss_get(const gg_rt_swiss *m, const void *key)
{
	if (m->fast64) {
		uint64_t k;
		memcpy(&k, key, sizeof k);
		return ggi_rt_swiss_get64(m, k);
	}
	uint64_t h = m->type.hash(key, m->seed);
	unsigned i;
	char *slot = m->dirlen ? ggi_rt_swiss_table_find(m, ggi_rt_swiss_table_of(m, h), h, key)
			       : small_find(m, h, key, &i);
	return slot ? slot + m->elem_off : NULL;
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
	m->small = ggi_rt_swiss_alloc(m, m->group_size);
	if (!m->small)
		return GG_ERR_NOMEM;
	memset(m->small, 0, m->group_size);
	*ggi_group_ctrl(m->small) = GGI_CTRL_ALL_EMPTY;
	m->stats.groups++;
	return GG_OK;
}

gg_status gg_rt_swiss_put(gg_rt_swiss *m, const void *key, const void *elem, gg_error *err)
{
	gg_status st = GG_OK;
	if (m->fast64 && m->dirlen) {
		uint64_t k;
		memcpy(&k, key, sizeof k);
		if ((st = ggi_rt_swiss_put64(m, k, elem)) != GG_OK)
			return ggi_fail(err, st, 0, "out of memory growing a table");
		return GG_OK;
	}
	uint64_t h = m->type.hash(key, m->seed);
	if (m->dirlen == 0) {
		if (!m->small && (st = grow_to_small(m)) != GG_OK)
			return ggi_fail(err, st, 0, "out of memory for the map's group");
		if (small_put(m, h, key, elem))
			return GG_OK;
		if ((st = ggi_rt_swiss_grow_to_table(m)) != GG_OK)
			return ggi_fail(err, st, 0, "out of memory turning the small map into a table");
	}
	for (;;) {
		ggi_rt_swiss_table *t = ggi_rt_swiss_table_of(m, h);
		if (ggi_rt_swiss_table_put(m, t, h, key, elem))
			return GG_OK;
		if ((st = ggi_rt_swiss_rehash(m, t)) != GG_OK)
			return ggi_fail(err, st, 0, "out of memory growing a table of %llu slots",
					(unsigned long long)t->capacity);
	}
}

int gg_rt_swiss_delete(gg_rt_swiss *m, const void *key)
{
	if (m->fast64 && m->dirlen) {
		uint64_t k;
		memcpy(&k, key, sizeof k);
		return ggi_rt_swiss_delete64(m, k);
	}
	uint64_t h = m->type.hash(key, m->seed);
	if (m->dirlen)
		return ggi_rt_swiss_table_delete(m, ggi_rt_swiss_table_of(m, h), h, key);
	unsigned i;
	char *slot = small_find(m, h, key, &i);
	if (!slot)
		return 0;
	memset(slot, 0, m->slot_size);
	*ggi_group_ctrl(m->small) = ggi_ctrl_set(*ggi_group_ctrl(m->small), i, GGI_CTRL_EMPTY);
	m->used--;
	return 1;
}

uint64_t gg_rt_swiss_len(const gg_rt_swiss *m)
{
	return m->used;
}

void gg_rt_swiss_clear(gg_rt_swiss *m)
{
	for (uint64_t i = 0; i < m->dirlen; i++)
		if (m->dir[i]->index == i)
			ggi_rt_swiss_table_clear(m, m->dir[i]);
	if (m->small) {
		memset(m->small, 0, m->group_size);
		*ggi_group_ctrl(m->small) = GGI_CTRL_ALL_EMPTY;
	}
	m->used = 0;
	m->clear_seq++;
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
		if (t->index != i)
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
