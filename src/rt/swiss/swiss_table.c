/* One Swiss table: open addressing over groups of 8 slots, probed
 * quadratically (internal/runtime/maps/table.go: getWithKey, PutSlot,
 * uncheckedPutSlot, Delete, Clear). The rules (probe sequence, h1/h2,
 * growthLeft, tombstones) are gogrow/map_rules.h's. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"

ggi_rt_swiss_table *ggi_rt_swiss_table_new(gg_rt_swiss *m, uint64_t capacity, uint64_t index, int depth)
{
	assert(capacity >= GG_MAP_SLOTS && (capacity & (capacity - 1)) == 0);
	ggi_rt_swiss_table *t = ggi_rt_swiss_alloc(m, sizeof *t);
	if (!t)
		return NULL;
	uint64_t ngroups = capacity / GG_MAP_SLOTS;
	t->groups = ggi_rt_swiss_alloc(m, ngroups * m->group_size);
	if (!t->groups) {
		ggi_rt_swiss_free(m, t, sizeof *t);
		return NULL;
	}
	for (uint64_t i = 0; i < ngroups; i++)
		*ggi_group_ctrl(ggi_group_at(m, t->groups, i)) = GGI_CTRL_ALL_EMPTY;
	t->capacity = capacity;
	t->used = 0;
	t->growth_left = gg_swiss_growth_left(capacity);
	t->index = index;
	t->local_depth = depth;
	m->stats.groups += ngroups;
	return t;
}

void ggi_rt_swiss_table_free(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	uint64_t ngroups = t->capacity / GG_MAP_SLOTS;
	m->stats.groups -= ngroups;
	ggi_rt_swiss_free(m, t->groups, ngroups * m->group_size);
	ggi_rt_swiss_free(m, t, sizeof *t);
}

/* Key equality. fast64 is a constant in each caller below, so the
 * compiler makes one copy of the probe loops per key form: an inline
 * 64-bit compare (Go's runtime_fast64.go) or the type's function. */
static inline int key_eq(const gg_rt_swiss *m, int fast64, const void *key, const char *slot)
{
	if (fast64) {
		uint64_t a, b;
		memcpy(&a, key, 8);
		memcpy(&b, slot, 8);
		return a == b;
	}
	return m->type.equal(key, slot);
}

static inline char *find(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash, const void *key,
			 int fast64)
{
	uint8_t h2 = gg_swiss_h2(hash);
	gg_swiss_probe p = gg_swiss_probe_start(hash, t->capacity / GG_MAP_SLOTS);
	for (;; gg_swiss_probe_next(&p)) {
		char *g = ggi_group_at(m, t->groups, p.offset);
		uint64_t ctrl = *ggi_group_ctrl(g);
		for (uint64_t mt = ggi_ctrl_match_h2(ctrl, h2); mt; mt &= mt - 1) {
			char *slot = ggi_slot_key(m, g, ggi_match_first(mt));
			if (key_eq(m, fast64, key, slot))
				return slot;
		}
		/* An empty slot ends the probe: an insert would have used it. */
		if (ggi_ctrl_match_empty(ctrl))
			return NULL;
		assert(p.index < t->capacity / GG_MAP_SLOTS);
	}
}

char *ggi_rt_swiss_table_find(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
			      const void *key)
{
	return find(m, t, hash, key, 0);
}

char *ggi_rt_swiss_table_find64(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
				const void *key)
{
	return find(m, t, hash, key, 1);
}

static inline void store(gg_rt_swiss *m, char *g, unsigned i, uint8_t h2, const void *key, const void *elem,
			 int fast64)
{
	char *slot = ggi_slot_key(m, g, i);
	memcpy(slot, key, fast64 ? 8 : m->type.key_size);
	if (elem)
		memcpy(slot + m->elem_off, elem, m->type.elem_size);
	else
		memset(slot + m->elem_off, 0, m->type.elem_size);
	*ggi_group_ctrl(g) = ggi_ctrl_set(*ggi_group_ctrl(g), i, h2);
}

/* PutSlot: update in place, else take the first tombstone on the probe
 * path or the empty slot that ends it, if growthLeft allows. */
static inline int put(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key, const void *elem,
		      int fast64)
{
	uint8_t h2 = gg_swiss_h2(hash);
	char *del_g = NULL;
	unsigned del_i = 0;
	gg_swiss_probe p = gg_swiss_probe_start(hash, t->capacity / GG_MAP_SLOTS);
	for (;; gg_swiss_probe_next(&p)) {
		char *g = ggi_group_at(m, t->groups, p.offset);
		uint64_t ctrl = *ggi_group_ctrl(g);
		for (uint64_t mt = ggi_ctrl_match_h2(ctrl, h2); mt; mt &= mt - 1) {
			if (key_eq(m, fast64, key, ggi_slot_key(m, g, ggi_match_first(mt)))) {
				store(m, g, ggi_match_first(mt), h2, key, elem, fast64);
				return 1;
			}
		}
		uint64_t empty = ggi_ctrl_match_empty(ctrl);
		uint64_t deleted = ggi_ctrl_match_empty_or_deleted(ctrl) & ~empty;
		if (!del_g && deleted) {
			del_g = g; /* reused rather than growing the probe chain */
			del_i = ggi_match_first(deleted);
		}
		if (!empty)
			continue;
		if (del_g) {
			/* A tombstone already counts against growthLeft. */
			store(m, del_g, del_i, h2, key, elem, fast64);
		} else {
			/* The empty slot found stays empty: pruning only frees
			 * tombstones. */
			if (t->growth_left == 0 && !ggi_rt_swiss_table_prune(m, t))
				return 0;
			store(m, g, ggi_match_first(empty), h2, key, elem, fast64);
			t->growth_left--;
		}
		t->used++;
		m->used++;
		return 1;
	}
}

int ggi_rt_swiss_table_put(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key,
			   const void *elem)
{
	return put(m, t, hash, key, elem, 0);
}

int ggi_rt_swiss_table_put64(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key,
			     const void *elem)
{
	return put(m, t, hash, key, elem, 1);
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

void ggi_rt_swiss_table_delete_slot(gg_rt_swiss *m, ggi_rt_swiss_table *t, char *slot)
{
	size_t off = (size_t)(slot - t->groups);
	char *g = t->groups + off / m->group_size * m->group_size;
	unsigned i = (unsigned)((off % m->group_size - m->slots_off) / m->slot_size);
	uint64_t ctrl = *ggi_group_ctrl(g);
	if (gg_swiss_delete_leaves_tombstone(ggi_ctrl_match_empty(ctrl) != 0)) {
		ctrl = ggi_ctrl_set(ctrl, i, GGI_CTRL_DELETED);
	} else {
		ctrl = ggi_ctrl_set(ctrl, i, GGI_CTRL_EMPTY);
		t->growth_left++;
	}
	*ggi_group_ctrl(g) = ctrl;
	memset(slot, 0, m->slot_size);
	t->used--;
	m->used--;
}

int ggi_rt_swiss_table_delete(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key)
{
	char *slot = ggi_rt_swiss_table_find(m, t, hash, key);
	if (slot)
		ggi_rt_swiss_table_delete_slot(m, t, slot);
	return slot != NULL;
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
