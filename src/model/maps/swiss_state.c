/* The Swiss-table state machine of the seeded simulations: one map's
 * small group, directory and tables, and how they change as keys come and
 * go.
 *
 * Source: internal/runtime/maps/map.go (putSlotSmall, deleteSmall,
 * growToSmall, growToTable, directoryIndex, installTableSplit) and
 * table.go (rehash, grow, split). The rules are in swiss_rules.c; the
 * exact model (swiss_exact.c) follows them until the first split, after
 * which the seeded hash decides which table a key goes to and so when each
 * table fills. Both simulations run this one machine:
 *
 *  - inserts only (gg_swiss_seeded) need no key hashes: with random
 *    hashes, the keys of a table that go left in a split are
 *    Binomial(used, 1/2) (the next hash bit of each is a fair coin, even
 *    given the bits that brought it to this table), and a new key picks
 *    its directory entry from fresh random bits. Tables keep counts only,
 *    and a key that lands in the small map's group draws no hash at all;
 *  - churn (gg_swiss_churn) deletes keys, so every slot and every key's
 *    hash is kept (swiss_slots.c), hashes are a uintptr wide, and a split
 *    sends each key where its hash bit says.
 *
 * Everything else is the same for both: the small map's group on the first
 * insert, growToTable when a 9th key arrives, a table rehashing when its
 * growthLeft is 0 (doubling, or at 1024 slots splitting in two with the
 * directory doubling first when the table was as deep as the directory),
 * and the bytes every allocation costs (TotalAlloc and what stays live). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "model/maps/swiss_state.h"

/* Bytes of one table of `cap` slots: the struct and its groups. */
static uint64_t table_bytes(const ggi_swiss_state *s, uint32_t cap)
{
	const gg_maptype *m = s->m;
	return ggi_map_bytes(m, m->table_size, 0) +
	       ggi_map_bytes(m, (uint64_t)cap / GG_MAP_SLOTS * m->group_size, m->group_noscan);
}

static uint64_t dir_bytes(const ggi_swiss_state *s, uint64_t len)
{
	return ggi_map_bytes(s->m, len * (uint64_t)s->m->t.arch->ptr_size, 0);
}

void ggi_swiss_init(ggi_swiss_state *s, const gg_maptype *m, int slots)
{
	*s = (ggi_swiss_state){.m = m, .slots = slots, .prune = slots && gg_swiss_prunes_tombstones(m->t.go)};
	s->bits = slots ? gg_swiss_hash_bits(&m->t) : 64;
	s->hmask = s->bits == 64 ? UINT64_MAX : (UINT64_C(1) << s->bits) - 1;
}

/* A new table, empty (slot tables) or with `used` keys (counting). */
static int new_table(ggi_swiss_state *s, ggi_swiss_table *t, uint32_t cap, uint32_t used, int depth,
		     uint64_t index)
{
	if (s->slots)
		return ggi_slots_init(t, cap, depth, index) ? 1 : (s->oom = 1, 0);
	*t = (ggi_swiss_table){cap,  used, (uint32_t)gg_swiss_growth_left(cap) - used, depth, index,
			       NULL, NULL};
	return 1;
}

static int add_table(ggi_swiss_state *s, ggi_swiss_table t)
{
	if (s->nt == s->tcap) {
		size_t cap = s->tcap ? s->tcap * 2 : 16;
		ggi_swiss_table *n = realloc(s->t, cap * sizeof *n);
		if (!n) {
			ggi_slots_free(&t);
			return s->oom = 1, -1;
		}
		s->t = n;
		s->tcap = cap;
	}
	s->t[s->nt] = t;
	return (int)s->nt++;
}

/* A directory of dirlen tables of `cap` slots at depth log2(dirlen). */
static int new_directory(ggi_swiss_state *s, uint64_t dirlen, uint32_t cap, uint32_t used, int depth)
{
	s->dir = malloc(dirlen * sizeof *s->dir);
	if (!s->dir)
		return s->oom = 1, 0;
	s->dirlen = dirlen;
	s->gdepth = depth;
	for (uint64_t i = 0; i < dirlen; i++) {
		ggi_swiss_table t;
		if (!new_table(s, &t, cap, used, depth, i) || add_table(s, t) < 0)
			return 0;
		s->dir[i] = (uint32_t)i;
	}
	return 1;
}

int ggi_swiss_start(ggi_swiss_state *s, const gg_mapmake *mk, uint64_t rng)
{
	s->rng = rng;
	s->total = s->live = mk->bytes;
	s->inserts = s->rehashes = s->splits = s->split2_at = s->prunes = 0;
	if (mk->dirlen == 0)
		return 1; /* a small map: its group comes with the first insert */
	return new_directory(s, mk->dirlen, (uint32_t)mk->table_cap, 0, mk->global_depth);
}

uint64_t ggi_swiss_new_hash(ggi_swiss_state *s)
{
	/* Counting tables need a hash only for a key that goes into a table:
	 * the small map's group takes any key while it has room. */
	if (!s->slots && s->dirlen == 0 && s->sused < GG_MAP_SLOTS)
		return 0;
	return ggi_sim_next(&s->rng) & s->hmask;
}

/* installTableSplit's directory doubling: every entry twice. */
static int double_directory(ggi_swiss_state *s)
{
	uint32_t *d = malloc(2 * s->dirlen * sizeof *d);
	if (!d)
		return s->oom = 1, 0;
	for (uint64_t i = 0; i < s->dirlen; i++)
		d[2 * i] = d[2 * i + 1] = s->dir[i];
	for (size_t i = 0; i < s->nt; i++)
		s->t[i].index *= 2;
	s->total += dir_bytes(s, 2 * s->dirlen);
	s->live += dir_bytes(s, 2 * s->dirlen) - dir_bytes(s, s->dirlen);
	free(s->dir);
	s->dir = d;
	s->dirlen *= 2;
	s->gdepth++;
	return 1;
}

/* table.grow: a table of twice the capacity with the same keys (a slot
 * table drops its tombstones). */
static int grow_table(ggi_swiss_state *s, ggi_swiss_table *t)
{
	ggi_swiss_table n;
	if (!new_table(s, &n, 2 * t->cap, t->used, t->depth, t->index))
		return 0;
	for (uint32_t i = 0; s->slots && i < t->cap; i++)
		if (t->ctrl[i] == GGI_CTRL_FULL)
			ggi_slots_unchecked_put(&n, t->hash[i]);
	s->total += table_bytes(s, n.cap);
	s->live += table_bytes(s, n.cap) - table_bytes(s, t->cap);
	ggi_slots_free(t);
	*t = n;
	return 1;
}

/* table.split: two halves of maxTableCapacity at one more depth; a key
 * goes right when its hash has the localDepthMask bit (counting tables:
 * a fair coin per key). */
static int split_halves(ggi_swiss_state *s, const ggi_swiss_table *t, ggi_swiss_table *l, ggi_swiss_table *r)
{
	const int d = t->depth + 1;
	const uint32_t cap = GG_SWISS_MAX_TABLE_CAP;
	uint64_t right = t->index + gg_swiss_split_entries(s->gdepth, d);
	if (!s->slots) {
		uint32_t nl = ggi_sim_binomial_half(&s->rng, t->used);
		return new_table(s, l, cap, nl, d, t->index) && new_table(s, r, cap, t->used - nl, d, right);
	}
	if (!new_table(s, l, cap, 0, d, t->index))
		return 0;
	if (!new_table(s, r, cap, 0, d, right)) {
		ggi_slots_free(l);
		return 0;
	}
	uint64_t mask = gg_swiss_split_mask(d, s->bits);
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->ctrl[i] == GGI_CTRL_FULL)
			ggi_slots_unchecked_put(t->hash[i] & mask ? r : l, t->hash[i]);
	return 1;
}

static int split_table(ggi_swiss_state *s, uint32_t ti)
{
	if (gg_swiss_split_doubles_directory(s->t[ti].depth, s->gdepth) && !double_directory(s))
		return 0;
	ggi_swiss_table l, r;
	if (!split_halves(s, &s->t[ti], &l, &r))
		return 0;
	assert(l.used + r.used == s->t[ti].used &&
	       r.index + gg_swiss_split_entries(s->gdepth, r.depth) <= s->dirlen);
	ggi_slots_free(&s->t[ti]);
	s->t[ti] = l;
	int ri = add_table(s, r);
	if (ri < 0)
		return 0;
	for (uint64_t i = 0; i < gg_swiss_split_entries(s->gdepth, r.depth); i++)
		s->dir[r.index + i] = (uint32_t)ri;
	s->total += 2 * table_bytes(s, GG_SWISS_MAX_TABLE_CAP);
	s->live += table_bytes(s, GG_SWISS_MAX_TABLE_CAP);
	if (++s->splits == 2)
		s->split2_at = s->inserts;
	return 1;
}

/* table.rehash: grow, or split at maxTableCapacity. */
static int rehash(ggi_swiss_state *s, uint32_t ti)
{
	s->rehashes++;
	if (gg_swiss_rehash_splits(s->t[ti].cap))
		return split_table(s, ti);
	return grow_table(s, &s->t[ti]);
}

/* growToTable: the 8 keys of the full small map, in slot order, into a
 * 16-slot table in a directory of one; the group becomes garbage. */
static int grow_to_table(ggi_swiss_state *s)
{
	if (!new_directory(s, 1, GG_SWISS_FIRST_TABLE_CAP, GG_MAP_SLOTS, 0))
		return 0;
	for (int j = 0; s->slots && j < GG_MAP_SLOTS; j++)
		if (s->sfull[j])
			ggi_slots_unchecked_put(&s->t[0], s->shash[j]);
	uint64_t grp = ggi_map_bytes(s->m, s->m->group_size, s->m->group_noscan);
	s->total += table_bytes(s, GG_SWISS_FIRST_TABLE_CAP) + dir_bytes(s, 1);
	s->live += table_bytes(s, GG_SWISS_FIRST_TABLE_CAP) + dir_bytes(s, 1) - grp;
	return 1;
}

/* putSlotSmall of a new key, growToSmall first when there is no group. */
static void small_put(ggi_swiss_state *s, uint64_t h)
{
	if (!s->sgroup) {
		uint64_t g = ggi_map_bytes(s->m, s->m->group_size, s->m->group_noscan);
		s->total += g;
		s->live += g;
		s->sgroup = 1;
	}
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (!s->sfull[j]) {
			s->sfull[j] = 1;
			s->shash[j] = h;
			break;
		}
	s->sused++;
}

static uint32_t table_of(const ggi_swiss_state *s, uint64_t h)
{
	return s->dir[gg_swiss_directory_index(h, s->gdepth, s->bits)];
}

/* 1 inserted, 0 the table must rehash. */
static int table_put(ggi_swiss_state *s, ggi_swiss_table *t, uint64_t h)
{
	/* tombstones (slot tables) are the budget neither used nor left */
	assert(t->used + t->left <= gg_swiss_growth_left(t->cap));
	if (s->slots)
		return ggi_slots_put(t, h, s->prune, &s->prunes);
	if (t->left == 0)
		return 0;
	t->used++;
	t->left--;
	return 1;
}

int ggi_swiss_put(ggi_swiss_state *s, uint64_t h)
{
	s->inserts++;
	if (s->dirlen == 0) {
		if (s->sused < GG_MAP_SLOTS) {
			small_put(s, h);
			return 1;
		}
		if (!grow_to_table(s))
			return 0;
	}
	for (;;) {
		uint32_t ti = table_of(s, h);
		if (table_put(s, &s->t[ti], h))
			return 1;
		if (!rehash(s, ti))
			return 0;
	}
}

void ggi_swiss_delete(ggi_swiss_state *s, uint64_t h)
{
	if (s->dirlen != 0) {
		ggi_slots_delete(&s->t[table_of(s, h)], h);
		return;
	}
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (s->sfull[j] && s->shash[j] == h) {
			s->sfull[j] = 0; /* deleteSmall: a small map has no tombstones */
			s->sused--;
			return;
		}
}

uint64_t ggi_swiss_capacity(const ggi_swiss_state *s)
{
	if (s->dirlen == 0)
		return s->sgroup ? GG_MAP_SLOTS : 0;
	uint64_t c = 0;
	for (size_t i = 0; i < s->nt; i++)
		c += s->t[i].cap;
	return c;
}

uint64_t ggi_swiss_tombstones(const ggi_swiss_state *s)
{
	uint64_t n = 0;
	for (size_t i = 0; i < s->nt; i++)
		n += gg_swiss_tombstones(s->t[i].cap, s->t[i].used, s->t[i].left);
	return n;
}

void ggi_swiss_reset(ggi_swiss_state *s)
{
	for (size_t i = 0; i < s->nt; i++)
		ggi_slots_free(&s->t[i]);
	s->nt = 0;
	free(s->dir);
	s->dir = NULL;
	s->dirlen = 0;
	s->gdepth = 0;
	memset(s->sfull, 0, sizeof s->sfull);
	s->sused = 0;
	s->sgroup = 0;
}

void ggi_swiss_free(ggi_swiss_state *s)
{
	ggi_swiss_reset(s);
	free(s->t);
	s->t = NULL;
	s->tcap = 0;
}
