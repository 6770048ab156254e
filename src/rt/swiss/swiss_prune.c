/* Tombstone pruning of a full table, go1.25+ (internal/runtime/maps/
 * table.go: pruneTombstones, called by PutSlot and the fast variants when
 * growthLeft is 0). Without it (1.24) a churning map whose len stays put
 * still rehashes: tombstones keep their share of growthLeft. The rules
 * (which release prunes, the 10% thresholds, the tombstone count) are
 * gogrow/map_rules.h's; this file only walks the real slots. */
#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"

/* Marks the groups whose tombstones a lookup still has to probe past:
 * those some key's probe sequence crosses before reaching the key's own
 * group, and (so the prune leaves them alone) those with an empty slot. */
static void mark_needed(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint8_t *needed)
{
	uint64_t ngroups = t->capacity / GG_MAP_SLOTS;
	for (uint64_t gi = 0; gi < ngroups; gi++) {
		char *g = ggi_group_at(m, t->groups, gi);
		uint64_t ctrl = *ggi_group_ctrl(g);
		for (uint64_t mt = ggi_ctrl_match_full(ctrl); mt; mt &= mt - 1) {
			char *key = ggi_slot_key(m, g, ggi_match_first(mt));
			/* A key unequal to itself (NaN) is never looked up, only
			 * iterated: its probe path need not survive. */
			if (!m->type.equal(key, key))
				continue;
			uint64_t h = m->type.hash(key, m->seed);
			for (gg_swiss_probe p = gg_swiss_probe_start(h, ngroups); p.offset != gi;
			     gg_swiss_probe_next(&p)) {
				char *pg = ggi_group_at(m, t->groups, p.offset);
				/* Not empty (the key lies further on): a tombstone. */
				if (ggi_ctrl_match_empty_or_deleted(*ggi_group_ctrl(pg)))
					needed[p.offset] = 1;
			}
		}
		if (ggi_ctrl_match_empty(ctrl))
			needed[gi] = 1;
	}
}

/* The tombstones of the groups not needed: all their free slots. */
static uint64_t prunable(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, const uint8_t *needed)
{
	uint64_t cnt = 0;
	for (uint64_t gi = 0; gi < t->capacity / GG_MAP_SLOTS; gi++)
		if (!needed[gi])
			cnt += (uint64_t)__builtin_popcountll(
			    ggi_ctrl_match_empty_or_deleted(*ggi_group_ctrl(ggi_group_at(m, t->groups, gi))));
	return cnt;
}

int ggi_rt_swiss_table_prune(gg_rt_swiss *m, ggi_rt_swiss_table *t)
{
	if (!gg_swiss_prunes_tombstones(m->go) ||
	    !gg_swiss_prune_worth(gg_swiss_tombstones(t->capacity, t->used, t->growth_left), t->capacity))
		return 0;
	assert(t->capacity <= GG_SWISS_MAX_TABLE_CAP);
	uint8_t needed[GG_SWISS_MAX_TABLE_CAP / GG_MAP_SLOTS];
	memset(needed, 0, sizeof needed);
	mark_needed(m, t, needed);
	/* The pass above is O(capacity): only worth it if enough comes back,
	 * else the caller grows instead. */
	if (!gg_swiss_prune_worth(prunable(m, t, needed), t->capacity))
		return 0;
	for (uint64_t gi = 0; gi < t->capacity / GG_MAP_SLOTS; gi++) {
		if (needed[gi])
			continue;
		uint64_t *ctrl = ggi_group_ctrl(ggi_group_at(m, t->groups, gi));
		for (uint64_t mt = ggi_ctrl_match_empty_or_deleted(*ctrl); mt; mt &= mt - 1) {
			*ctrl = ggi_ctrl_set(*ctrl, ggi_match_first(mt), GGI_CTRL_EMPTY);
			t->growth_left++;
		}
	}
	m->stats.prunes++;
	return 1;
}
