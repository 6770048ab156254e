/* Iteration of the runtime Swiss map (internal/runtime/maps/table.go:
 * Iter.Init, Iter.Next, nextDirIdx, grownKeyElem). As Go's, a walk starts
 * at a random directory entry and, in every table (or the small group),
 * at a random slot offset, so no caller can rely on an order. A table
 * that grows or splits during an iteration is kept (here: on m->retired
 * while iterations are live) and the walk goes on over it, looking each
 * key up in the map: the key's current elem, or skipped when it was
 * deleted. The directory is re-read between tables, the index and its
 * offset rescaled when it doubled, so no key is walked twice across a
 * split. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/rt_internal.h"
#include "rt/swiss/swiss_internal.h"

static void free_table_list(gg_rt_swiss *m)
{
	while (m->retired) {
		ggi_rt_swiss_table *t = m->retired;
		m->retired = t->retired_next;
		ggi_rt_swiss_table_free(m, t);
	}
}

void ggi_rt_swiss_free_retired(gg_rt_swiss *m)
{
	free_table_list(m);
	if (m->retired_small) {
		ggi_rt_swiss_free(m, m->retired_small, m->group_size, m->type.noscan);
		m->stats.groups--;
		m->retired_small = NULL;
	}
}

void ggi_rt_swiss_retire_table(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	if (!m->iters) {
		ggi_rt_swiss_table_free(m, t);
		return;
	}
	t->prefix = GGI_RETIRED;
	t->retired_next = m->retired;
	m->retired = t;
}

void ggi_rt_swiss_retire_small(gg_rt_swiss *m)
{
	/* Once a table, a map never goes back to small: one group at most. */
	assert(!m->retired_small);
	if (m->iters) {
		m->retired_small = m->small;
	} else {
		ggi_rt_swiss_free(m, m->small, m->group_size, m->type.noscan);
		m->stats.groups--;
	}
	m->small = NULL;
}

void gg_rt_swiss_iter_init(gg_rt_swiss *m, gg_rt_swiss_iter *it)
{
	*it = (gg_rt_swiss_iter){.m = m, .small = m->small, .global_depth = m->global_depth, .live = 1};
	it->small_mode = m->dirlen == 0;
	it->entry_offset = ggi_rt_splitmix64(&m->rng);
	it->dir_offset = ggi_rt_splitmix64(&m->rng);
	it->clear_seq = m->clear_seq;
	m->iters++;
}

void gg_rt_swiss_iter_stop(gg_rt_swiss_iter *it)
{
	if (!it->live)
		return;
	it->live = 0;
	if (--it->m->iters == 0)
		ggi_rt_swiss_free_retired(it->m);
}

/* The map's slot (key address) of a key read from a replaced table or
 * group, or NULL when it was deleted since (grownKeyElem). */
static char *current_slot(const gg_rt_swiss *m, const char *key)
{
	uint64_t h = m->type.hash(key, m->seed);
	return ggi_rt_swiss_table_find(m, ggi_rt_swiss_table_of(m, h), h, key);
}

/* Slot i of the walked groups, if full: its key in the map now (which
 * differs once `grown`), or NULL. */
static char *visit(const gg_rt_swiss_iter *it, const char *groups, uint64_t i, int grown)
{
	const gg_rt_swiss *m = it->m;
	char *g = ggi_group_at(m, (char *)groups, i / GG_MAP_SLOTS);
	unsigned j = (unsigned)(i % GG_MAP_SLOTS);
	if ((*ggi_group_ctrl(g) >> (8 * j)) & GGI_CTRL_EMPTY)
		return NULL; /* empty or deleted */
	char *key = ggi_slot_key(m, g, j);
	if (!grown)
		return key;
	char *now = current_slot(m, key);
	if (now)
		return now;
	/* A key unequal to itself (NaN) is never found, but neither deleted
	 * nor updated except by clear: unless one ran, it is still there, as
	 * the old slot has it (grownKeyElem). */
	return it->clear_seq == m->clear_seq && !m->type.equal(key, key) ? key : NULL;
}

static char *next_small(gg_rt_swiss_iter *it)
{
	for (; it->small && it->slot < GG_MAP_SLOTS; it->slot++) {
		uint64_t i = (it->slot + it->entry_offset) % GG_MAP_SLOTS;
		char *key = visit(it, it->small, i, it->m->dirlen > 0);
		if (key) {
			it->slot++;
			return key;
		}
	}
	return NULL;
}

/* The table at the walk's directory entry. The random first entry may
 * fall inside a run of entries sharing a table: the offset moves back to
 * the run's first, once (Go's Next does the same); afterwards each step
 * lands on a run's first entry. */
static const ggi_rt_swiss_table *place(gg_rt_swiss_iter *it)
{
	const gg_rt_swiss *m = it->m;
	uint64_t at = (it->dir + it->dir_offset) & (m->dirlen - 1);
	const ggi_rt_swiss_table *t = m->dir[at];
	uint64_t first = ggi_table_index(m, t);
	assert(!it->placed || first == at);
	it->dir_offset -= at - first;
	it->placed = 1;
	return t;
}

static char *next_table(gg_rt_swiss_iter *it)
{
	gg_rt_swiss *m = it->m;
	if (it->global_depth != m->global_depth) {
		/* The directory doubled: the same entry, in finer units. */
		unsigned orders = (unsigned)(m->global_depth - it->global_depth);
		it->dir <<= orders;
		it->dir_offset <<= orders;
		it->global_depth = m->global_depth;
	}
	for (; it->dir < m->dirlen; it->slot = 0) {
		if (!it->tab)
			it->tab = place(it);
		const ggi_rt_swiss_table *t = it->tab;
		for (; it->slot < t->capacity; it->slot++) {
			uint64_t i = (it->slot + it->entry_offset) & (t->capacity - 1);
			char *key = visit(it, t->groups, i, t->prefix == GGI_RETIRED);
			if (key) {
				it->slot++;
				return key;
			}
		}
		/* nextDirIdx: past every entry the walked table covered, with
		 * its depth (a split's halves cover the same entries). */
		it->dir += gg_swiss_split_entries(m->global_depth, t->local_depth);
		it->tab = NULL;
	}
	return NULL;
}

int gg_rt_swiss_iter_next(gg_rt_swiss_iter *it, const void **key, void **elem)
{
	if (!it->live)
		return 0;
	char *k = it->small_mode ? next_small(it) : next_table(it);
	if (!k) {
		gg_rt_swiss_iter_stop(it);
		return 0;
	}
	*key = k;
	*elem = k + it->m->elem_off;
	return 1;
}
