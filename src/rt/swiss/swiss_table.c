/* One Swiss table: open addressing over groups of 8 slots, probed
 * quadratically (internal/runtime/maps/table.go: uncheckedPutSlot, Delete,
 * Clear; getWithKey and PutSlot are swiss_probe.h's). The rules (probe sequence, h1/h2,
 * growthLeft, tombstones) are gogrow/map_rules.h's. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"
#include "rt/swiss/swiss_probe.h"

ggi_rt_swiss_table *ggi_rt_swiss_table_new(gg_rt_swiss *m, uint64_t capacity, uint64_t prefix, int depth)
{
	assert(capacity >= GG_MAP_SLOTS && (capacity & (capacity - 1)) == 0);
	ggi_rt_swiss_table *t = ggi_rt_swiss_alloc(m, sizeof *t, GG_SCAN);
	if (!t)
		return NULL;
	uint64_t ngroups = capacity / GG_MAP_SLOTS;
	t->groups = ggi_rt_swiss_alloc(m, ngroups * m->group_size, m->type.noscan);
	if (!t->groups) {
		ggi_rt_swiss_free(m, t, sizeof *t, GG_SCAN);
		return NULL;
	}
	for (uint64_t i = 0; i < ngroups; i++)
		*ggi_group_ctrl(ggi_group_at(m, t->groups, i)) = GGI_CTRL_ALL_EMPTY;
	t->capacity = capacity;
	t->used = 0;
	t->growth_left = gg_swiss_growth_left(capacity);
	t->prefix = prefix;
	t->local_depth = depth;
	m->stats.groups += ngroups;
	return t;
}

void ggi_rt_swiss_table_free(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	uint64_t ngroups = t->capacity / GG_MAP_SLOTS;
	m->stats.groups -= ngroups;
	ggi_rt_swiss_free(m, t->groups, ngroups * m->group_size, m->type.noscan);
	ggi_rt_swiss_free(m, t, sizeof *t, GG_SCAN);
}

char *ggi_rt_swiss_table_find(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
			      const void *key)
{
	ggi_rt_swiss_dirent e = {t->groups, t->capacity / GG_MAP_SLOTS - 1};
	unsigned i;
	char *g = ggi_probe_find(m, &e, hash, key, GGI_KEYS_ANY, &i);
	return g ? ggi_slot_key(m, g, i) : NULL;
}

void ggi_rt_swiss_table_put_new(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const char *slot)
{
	assert(t->growth_left > 0);
	gg_swiss_probe p = gg_swiss_probe_start(hash, t->capacity / GG_MAP_SLOTS);
	for (;; gg_swiss_probe_next(&p)) {
		char *g = ggi_group_at(m, t->groups, p.offset);
		uint64_t empty = ggi_ctrl_match_empty_or_deleted(*ggi_group_ctrl(g));
		if (!empty)
			continue;
		unsigned i = ggi_match_first(empty);
		memcpy(ggi_slot_key(m, g, i), slot, m->slot_size);
		*ggi_group_ctrl(g) = ggi_ctrl_set(*ggi_group_ctrl(g), i, gg_swiss_h2(hash));
		t->growth_left--;
		t->used++;
		return;
	}
}

void ggi_rt_swiss_table_delete_at(gg_rt_swiss *m, ggi_rt_swiss_table *t, char *g, unsigned i)
{
	assert(g >= t->groups && g < t->groups + t->capacity / GG_MAP_SLOTS * m->group_size);
	uint64_t ctrl = *ggi_group_ctrl(g);
	if (gg_swiss_delete_leaves_tombstone(ggi_ctrl_match_empty(ctrl) != 0)) {
		ctrl = ggi_ctrl_set(ctrl, i, GGI_CTRL_DELETED);
		m->tombstone_possible = 1;
	} else {
		ctrl = ggi_ctrl_set(ctrl, i, GGI_CTRL_EMPTY);
		t->growth_left++;
	}
	*ggi_group_ctrl(g) = ctrl;
	memset(ggi_slot_key(m, g, i), 0, m->slot_size);
	t->used--;
	m->used--;
}

void ggi_rt_swiss_table_clear(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	for (uint64_t i = 0; i < t->capacity / GG_MAP_SLOTS; i++) {
		char *g = ggi_group_at(m, t->groups, i);
		memset(g, 0, m->group_size);
		*ggi_group_ctrl(g) = GGI_CTRL_ALL_EMPTY;
	}
	m->used -= t->used;
	t->used = 0;
	t->growth_left = gg_swiss_growth_left(t->capacity);
}
