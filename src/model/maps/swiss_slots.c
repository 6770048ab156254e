/* Swiss tables slot by slot, for the simulations that delete keys.
 *
 * Source: internal/runtime/maps/table.go (PutSlot, uncheckedPutSlot,
 * Delete, pruneTombstones) and group.go (control bytes, matchEmpty,
 * matchEmptyOrDeleted, the probe sequence). The rules (probe order,
 * tombstone on delete, the 10% thresholds of pruneTombstones) are in
 * swiss_rules.c; this file keeps the control byte and the key hash of
 * every slot so that deletes, tombstones and probing can be followed.
 *
 * Delete of a key: if its group still has an empty slot the slot becomes
 * empty and growthLeft goes back up; otherwise it becomes a tombstone,
 * which lookups must probe past and which does not give growthLeft back.
 * PutSlot of a new key walks the probe sequence to the first group whose
 * first empty-or-deleted slot is empty, and reuses the first tombstone it
 * passed, if any (no growthLeft spent). Otherwise, with growthLeft == 0,
 * the table must rehash (swiss_state.c does that); tombstones count as
 * used, so a churning map with a constant len grows anyway (1.24).
 *
 * 1.25 adds pruneTombstones before that rehash: when tombstones are at
 * least 10% of the capacity, it marks every group a key's probe sequence
 * passes on the way to the key's group and that holds a tombstone, and
 * every group with an empty slot, as needed; if the tombstones of the
 * other groups are at least 10% of the capacity they all become empty
 * slots (growthLeft back) and the insert goes ahead without growing.
 * 1.26 and 1.27 have the same code (renames only). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "model/maps/swiss_state.h"

int ggi_slots_init(ggi_swiss_table *t, uint32_t cap, int depth, uint64_t index)
{
	*t = (ggi_swiss_table){
	    .cap = cap, .left = (uint32_t)gg_swiss_growth_left(cap), .depth = depth, .index = index};
	t->ctrl = malloc(cap);
	t->hash = malloc(cap * sizeof *t->hash);
	if (!t->ctrl || !t->hash) {
		ggi_slots_free(t);
		return 0;
	}
	memset(t->ctrl, GGI_CTRL_EMPTY, cap);
	return 1;
}

void ggi_slots_free(ggi_swiss_table *t)
{
	free(t->ctrl);
	free(t->hash);
	t->ctrl = NULL;
	t->hash = NULL;
}

static gg_swiss_probe probe(const ggi_swiss_table *t, uint64_t h)
{
	return gg_swiss_probe_start(h, t->cap / GG_MAP_SLOTS);
}

static int group_has(const ggi_swiss_table *t, uint64_t g, uint8_t c)
{
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (t->ctrl[g * GG_MAP_SLOTS + j] == c)
			return 1;
	return 0;
}

/* matchEmptyOrDeleted().first(): the first free slot of group g, or -1. */
static int first_free(const ggi_swiss_table *t, uint64_t g)
{
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (t->ctrl[g * GG_MAP_SLOTS + j] != GGI_CTRL_FULL)
			return j;
	return -1;
}

static void fill(ggi_swiss_table *t, uint64_t slot, uint64_t h)
{
	assert(t->left > 0 && t->ctrl[slot] != GGI_CTRL_FULL);
	t->ctrl[slot] = GGI_CTRL_FULL;
	t->hash[slot] = h;
	t->left--;
	t->used++;
}

void ggi_slots_unchecked_put(ggi_swiss_table *t, uint64_t h)
{
	for (gg_swiss_probe p = probe(t, h);; gg_swiss_probe_next(&p)) {
		int j = first_free(t, p.offset);
		if (j >= 0) {
			fill(t, p.offset * GG_MAP_SLOTS + (uint64_t)j, h);
			return;
		}
	}
}

/* pruneTombstones' first pass: the groups whose tombstones some key's
 * probe sequence passes, and those with an empty slot. */
static void mark_needed(const ggi_swiss_table *t, uint8_t *needed)
{
	uint64_t ng = t->cap / GG_MAP_SLOTS;
	for (uint64_t g = 0; g < ng; g++) {
		for (int j = 0; j < GG_MAP_SLOTS; j++) {
			uint64_t slot = g * GG_MAP_SLOTS + (uint64_t)j;
			if (t->ctrl[slot] != GGI_CTRL_FULL)
				continue;
			for (gg_swiss_probe p = probe(t, t->hash[slot]); p.offset != g;
			     gg_swiss_probe_next(&p))
				if (first_free(t, p.offset) >= 0)
					needed[p.offset] = 1;
		}
		if (group_has(t, g, GGI_CTRL_EMPTY))
			needed[g] = 1;
	}
}

/* pruneTombstones (1.25+): 1 when it freed tombstones. */
static int prune(ggi_swiss_table *t)
{
	if (!gg_swiss_prune_worth(gg_swiss_tombstones(t->cap, t->used, t->left), t->cap))
		return 0;
	uint8_t needed[GG_SWISS_MAX_TABLE_CAP / GG_MAP_SLOTS] = {0};
	mark_needed(t, needed);
	uint64_t ng = t->cap / GG_MAP_SLOTS, cnt = 0;
	for (uint64_t g = 0; g < ng; g++)
		for (int j = 0; !needed[g] && j < GG_MAP_SLOTS; j++)
			cnt += t->ctrl[g * GG_MAP_SLOTS + j] != GGI_CTRL_FULL;
	if (!gg_swiss_prune_worth(cnt, t->cap))
		return 0;
	for (uint64_t g = 0; g < ng; g++)
		for (int j = 0; !needed[g] && j < GG_MAP_SLOTS; j++)
			if (t->ctrl[g * GG_MAP_SLOTS + j] != GGI_CTRL_FULL) {
				t->ctrl[g * GG_MAP_SLOTS + j] = GGI_CTRL_EMPTY;
				t->left++;
			}
	return 1;
}

int ggi_slots_put(ggi_swiss_table *t, uint64_t h, int prune_first, int64_t *pruned)
{
	int64_t fdel = -1;
	for (gg_swiss_probe p = probe(t, h);; gg_swiss_probe_next(&p)) {
		int j = first_free(t, p.offset);
		if (j < 0)
			continue;
		uint64_t slot = p.offset * GG_MAP_SLOTS + (uint64_t)j;
		if (t->ctrl[slot] == GGI_CTRL_DELETED) {
			if (fdel < 0)
				fdel = (int64_t)slot;
			continue;
		}
		if (fdel >= 0) {
			slot = (uint64_t)fdel;
			t->left++; /* taken back below: a tombstone costs no growthLeft */
		}
		if (t->left == 0 && prune_first)
			*pruned += prune(t);
		if (t->left == 0)
			return 0;
		fill(t, slot, h);
		return 1;
	}
}

void ggi_slots_delete(ggi_swiss_table *t, uint64_t h)
{
	for (gg_swiss_probe p = probe(t, h);; gg_swiss_probe_next(&p)) {
		uint64_t g = p.offset;
		for (int j = 0; j < GG_MAP_SLOTS; j++) {
			uint64_t slot = g * GG_MAP_SLOTS + (uint64_t)j;
			if (t->ctrl[slot] != GGI_CTRL_FULL || t->hash[slot] != h)
				continue;
			t->used--;
			if (gg_swiss_delete_leaves_tombstone(group_has(t, g, GGI_CTRL_EMPTY)))
				t->ctrl[slot] = GGI_CTRL_DELETED;
			else {
				t->ctrl[slot] = GGI_CTRL_EMPTY;
				t->left++;
			}
			return;
		}
		if (group_has(t, g, GGI_CTRL_EMPTY))
			return; /* not there */
	}
}
