/* Swiss maps under churn (deletes and inserts), simulated.
 *
 * Source: internal/runtime/maps/table.go (PutSlot, uncheckedPutSlot,
 * Delete, pruneTombstones, rehash, grow, split, tombstones), map.go
 * (putSlotSmall, deleteSmall, growToTable, installTableSplit,
 * directoryIndex, h1/h2) and the probe sequence (makeProbeSeq: start at
 * group h1(hash) & mask, then +1, +2, +3, ... groups, triangular).
 *
 * Delete of a key in a table: if its group still has an empty slot the
 * slot becomes empty and growthLeft goes back up; otherwise it becomes a
 * tombstone (ctrlDeleted), which lookups must probe past and which does not
 * give growthLeft back. PutSlot of a new key walks the probe sequence to
 * the first group whose first empty-or-deleted slot is empty, and reuses
 * the first tombstone it passed, if any (no growthLeft spent). Otherwise,
 * with growthLeft == 0, the table rehashes: to twice the capacity up to
 * 1024 slots, else a split; tombstones count as used, so a churning map
 * with a constant len grows anyway (1.24).
 *
 * 1.25 adds pruneTombstones before that rehash: when tombstones are at
 * least 10% of the capacity, it marks every group a key's probe sequence
 * passes on the way to the key's group and that holds a tombstone, and
 * every group with an empty slot, as needed; if the tombstones of the
 * other groups are at least 10% of the capacity they all become empty
 * slots (growthLeft back) and the insert goes ahead without growing.
 * 1.26 and 1.27 have the same code (renames only).
 *
 * Whether a group is full depends on the seeded hash, so this is a
 * simulation: keys get uniformly random hashes (the width of a uintptr)
 * and every slot is tracked. Small maps (up to 8 keys in one group) only
 * ever have empty slots: deleteSmall clears the slot. */
#include <stdlib.h>
#include <string.h>

#include "gogrow/malloc.h"
#include "model/maps/internal.h"
#include "model/util.h"

#define MAX_TABLE_CAP 1024
#define CTRL_EMPTY 0x80
#define CTRL_DELETED 0xfe
#define CTRL_FULL 0x00

typedef struct ctable {
	uint32_t cap, used, left;
	int depth;
	uint64_t index;
	uint8_t *ctrl;	/* per slot: CTRL_EMPTY, CTRL_DELETED or CTRL_FULL */
	uint64_t *hash; /* per full slot: the key's hash */
} ctable;

typedef struct churn {
	const gg_maptype *m;
	int prune;     /* 1.25+: pruneTombstones */
	unsigned bits; /* hash width: a uintptr */
	uint64_t hmask;
	uint64_t rng;
	ctable *t;
	size_t nt, tcap;
	uint32_t *dir;
	uint64_t dirlen;
	int gdepth;
	uint64_t shash[GG_MAP_SLOTS]; /* the small map (dirlen == 0) */
	uint8_t sfull[GG_MAP_SLOTS];
	uint32_t sused;
	int sgroup; /* the small map's group is allocated */
	uint64_t total, live;
	int64_t rehashes, prunes;
	int oom;
} churn;

static uint32_t budget(uint32_t cap)
{
	return cap <= GG_MAP_SLOTS ? cap - 1 : cap * 7 / GG_MAP_SLOTS;
}

static uint64_t tbytes(const churn *s, uint32_t cap)
{
	const gg_maptype *m = s->m;
	return gg_alloc_bytes(m->table_size, 0, &m->t, NULL) +
	       gg_alloc_bytes((uint64_t)cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, &m->t, NULL);
}

static uint64_t dirbytes(const churn *s, uint64_t len)
{
	return gg_alloc_bytes(len * (uint64_t)s->m->t.arch->ptr_size, 0, &s->m->t, NULL);
}

static int table_init(churn *s, ctable *t, uint32_t cap, int depth, uint64_t index)
{
	*t = (ctable){.cap = cap, .left = budget(cap), .depth = depth, .index = index};
	t->ctrl = malloc(cap);
	t->hash = malloc(cap * sizeof *t->hash);
	if (!t->ctrl || !t->hash) {
		free(t->ctrl);
		free(t->hash);
		t->ctrl = NULL;
		t->hash = NULL;
		return s->oom = 1, 0;
	}
	memset(t->ctrl, CTRL_EMPTY, cap);
	return 1;
}

static void table_free(ctable *t)
{
	free(t->ctrl);
	free(t->hash);
	t->ctrl = NULL;
	t->hash = NULL;
}

static int add_table(churn *s, ctable t)
{
	if (s->nt == s->tcap) {
		size_t cap = s->tcap ? s->tcap * 2 : 16;
		ctable *n = realloc(s->t, cap * sizeof *n);
		if (!n)
			return s->oom = 1, -1;
		s->t = n;
		s->tcap = cap;
	}
	s->t[s->nt] = t;
	return (int)s->nt++;
}

static uint32_t probe_start(const ctable *t, uint64_t h)
{
	return (uint32_t)((h >> 7) & (t->cap / GG_MAP_SLOTS - 1));
}

static uint32_t probe_next(const ctable *t, uint32_t off, uint32_t *idx)
{
	return (off + ++*idx) & (t->cap / GG_MAP_SLOTS - 1);
}

static int group_has(const ctable *t, uint32_t g, uint8_t c)
{
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (t->ctrl[g * GG_MAP_SLOTS + j] == c)
			return 1;
	return 0;
}

/* matchEmptyOrDeleted().first(): the first free slot of group g, or -1. */
static int first_free(const ctable *t, uint32_t g)
{
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (t->ctrl[g * GG_MAP_SLOTS + j] != CTRL_FULL)
			return j;
	return -1;
}

/* uncheckedPutSlot: into a table being built, no tombstones. */
static void unchecked_put(ctable *t, uint64_t h)
{
	uint32_t idx = 0;
	for (uint32_t g = probe_start(t, h);; g = probe_next(t, g, &idx)) {
		int j = first_free(t, g);
		if (j < 0)
			continue;
		t->ctrl[g * GG_MAP_SLOTS + j] = CTRL_FULL;
		t->hash[g * GG_MAP_SLOTS + j] = h;
		t->left--;
		t->used++;
		return;
	}
}

static int grow_dir(churn *s)
{
	uint32_t *d = malloc(2 * s->dirlen * sizeof *d);
	if (!d)
		return s->oom = 1, 0;
	for (uint64_t i = 0; i < s->dirlen; i++)
		d[2 * i] = d[2 * i + 1] = s->dir[i];
	for (size_t i = 0; i < s->nt; i++)
		s->t[i].index *= 2;
	s->total += dirbytes(s, 2 * s->dirlen);
	s->live += dirbytes(s, 2 * s->dirlen) - dirbytes(s, s->dirlen);
	free(s->dir);
	s->dir = d;
	s->dirlen *= 2;
	s->gdepth++;
	return 1;
}

/* rehash: grow to twice the capacity, or split a 1024-slot table. Only
 * full slots move; tombstones are dropped. */
static int rehash(churn *s, uint32_t ti)
{
	s->rehashes++;
	ctable *t = &s->t[ti];
	if (t->cap * 2 <= MAX_TABLE_CAP) {
		ctable n;
		if (!table_init(s, &n, t->cap * 2, t->depth, t->index))
			return 0;
		for (uint32_t i = 0; i < t->cap; i++)
			if (t->ctrl[i] == CTRL_FULL)
				unchecked_put(&n, t->hash[i]);
		s->total += tbytes(s, n.cap);
		s->live += tbytes(s, n.cap) - tbytes(s, t->cap);
		table_free(t);
		*t = n;
		return 1;
	}
	if (t->depth == s->gdepth && !grow_dir(s))
		return 0;
	t = &s->t[ti];
	int d = t->depth + 1;
	uint64_t lmask = UINT64_C(1) << (s->bits - (unsigned)d); /* localDepthMask */
	uint64_t entries = UINT64_C(1) << (s->gdepth - d);
	ctable l, r;
	if (!table_init(s, &l, MAX_TABLE_CAP, d, t->index))
		return 0;
	if (!table_init(s, &r, MAX_TABLE_CAP, d, t->index + entries)) {
		table_free(&l);
		return 0;
	}
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->ctrl[i] == CTRL_FULL)
			unchecked_put(t->hash[i] & lmask ? &r : &l, t->hash[i]);
	table_free(t);
	s->t[ti] = l;
	int ri = add_table(s, r);
	if (ri < 0) {
		table_free(&r);
		return 0;
	}
	for (uint64_t i = 0; i < entries; i++)
		s->dir[r.index + i] = (uint32_t)ri;
	s->total += 2 * tbytes(s, MAX_TABLE_CAP);
	s->live += tbytes(s, MAX_TABLE_CAP);
	return 1;
}

/* pruneTombstones (1.25+). */
static void prune(churn *s, ctable *t)
{
	uint32_t tombs = budget(t->cap) - t->used - t->left;
	if ((uint64_t)tombs * 10 < t->cap)
		return;
	uint8_t needed[MAX_TABLE_CAP / GG_MAP_SLOTS] = {0};
	uint32_t ng = t->cap / GG_MAP_SLOTS;
	for (uint32_t g = 0; g < ng; g++) {
		for (int j = 0; j < GG_MAP_SLOTS; j++) {
			uint32_t slot = g * GG_MAP_SLOTS + (uint32_t)j;
			if (t->ctrl[slot] != CTRL_FULL)
				continue;
			uint32_t idx = 0;
			for (uint32_t o = probe_start(t, t->hash[slot]); o != g; o = probe_next(t, o, &idx))
				if (first_free(t, o) >= 0)
					needed[o] = 1;
		}
		if (group_has(t, g, CTRL_EMPTY))
			needed[g] = 1;
	}
	uint32_t cnt = 0;
	for (uint32_t g = 0; g < ng; g++)
		for (int j = 0; !needed[g] && j < GG_MAP_SLOTS; j++)
			cnt += t->ctrl[g * GG_MAP_SLOTS + j] != CTRL_FULL;
	if ((uint64_t)cnt * 10 < t->cap)
		return;
	for (uint32_t g = 0; g < ng; g++)
		for (int j = 0; !needed[g] && j < GG_MAP_SLOTS; j++)
			if (t->ctrl[g * GG_MAP_SLOTS + j] != CTRL_FULL) {
				t->ctrl[g * GG_MAP_SLOTS + j] = CTRL_EMPTY;
				t->left++;
			}
	s->prunes++;
}

/* table.PutSlot for a new key: 1 inserted, 0 rehashed (retry), -1 OOM. */
static int table_put(churn *s, uint32_t ti, uint64_t h)
{
	ctable *t = &s->t[ti];
	int64_t fdel = -1;
	uint32_t idx = 0;
	for (uint32_t g = probe_start(t, h);; g = probe_next(t, g, &idx)) {
		int j = first_free(t, g);
		if (j < 0)
			continue;
		uint32_t slot = g * GG_MAP_SLOTS + (uint32_t)j;
		if (t->ctrl[slot] == CTRL_DELETED) {
			if (fdel < 0)
				fdel = slot;
			continue;
		}
		if (fdel >= 0) {
			slot = (uint32_t)fdel;
			t->left++; /* taken back below: a tombstone costs no growthLeft */
		}
		if (t->left == 0 && s->prune)
			prune(s, t);
		if (t->left > 0) {
			t->ctrl[slot] = CTRL_FULL;
			t->hash[slot] = h;
			t->left--;
			t->used++;
			return 1;
		}
		return rehash(s, ti) ? 0 : -1;
	}
}

static void table_delete(ctable *t, uint64_t h)
{
	uint32_t idx = 0;
	for (uint32_t g = probe_start(t, h);; g = probe_next(t, g, &idx)) {
		for (int j = 0; j < GG_MAP_SLOTS; j++) {
			uint32_t slot = g * GG_MAP_SLOTS + (uint32_t)j;
			if (t->ctrl[slot] != CTRL_FULL || t->hash[slot] != h)
				continue;
			t->used--;
			if (group_has(t, g, CTRL_EMPTY)) {
				t->ctrl[slot] = CTRL_EMPTY;
				t->left++;
			} else
				t->ctrl[slot] = CTRL_DELETED;
			return;
		}
		if (group_has(t, g, CTRL_EMPTY))
			return; /* not there */
	}
}

static uint32_t dir_index(const churn *s, uint64_t h)
{
	return s->dir[s->gdepth ? h >> (s->bits - (unsigned)s->gdepth) : 0];
}

/* growToTable: the 8 keys of the small map, in slot order, into a
 * 16-slot table; a directory of one. */
static int grow_to_table(churn *s)
{
	ctable t;
	s->dir = malloc(sizeof *s->dir);
	if (!s->dir || !table_init(s, &t, 2 * GG_MAP_SLOTS, 0, 0))
		return s->oom = 1, 0;
	for (int j = 0; j < GG_MAP_SLOTS; j++)
		if (s->sfull[j])
			unchecked_put(&t, s->shash[j]);
	if (add_table(s, t) < 0) {
		table_free(&t);
		return 0;
	}
	s->dir[0] = 0;
	s->dirlen = 1;
	s->gdepth = 0;
	uint64_t grp = gg_alloc_bytes(s->m->group_size, s->m->group_noscan, &s->m->t, NULL);
	s->total += tbytes(s, t.cap) + dirbytes(s, 1);
	s->live += tbytes(s, t.cap) + dirbytes(s, 1) - grp;
	return 1;
}

static int map_put(churn *s, uint64_t h)
{
	if (s->dirlen == 0) {
		if (s->sused < GG_MAP_SLOTS) {
			if (!s->sgroup) {
				uint64_t g =
				    gg_alloc_bytes(s->m->group_size, s->m->group_noscan, &s->m->t, NULL);
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
			return 1;
		}
		if (!grow_to_table(s))
			return 0;
	}
	for (;;) {
		int r = table_put(s, dir_index(s, h), h);
		if (r != 0)
			return r > 0;
	}
}

static void map_delete(churn *s, uint64_t h)
{
	if (s->dirlen == 0) {
		for (int j = 0; j < GG_MAP_SLOTS; j++)
			if (s->sfull[j] && s->shash[j] == h) {
				s->sfull[j] = 0;
				s->sused--;
				return;
			}
		return;
	}
	table_delete(&s->t[dir_index(s, h)], h);
}

static void reset(churn *s)
{
	for (size_t i = 0; i < s->nt; i++)
		table_free(&s->t[i]);
	s->nt = 0;
	free(s->dir);
	s->dir = NULL;
	s->dirlen = 0;
	s->gdepth = 0;
	memset(s->sfull, 0, sizeof s->sfull);
	s->sused = 0;
	s->sgroup = 0;
	s->rehashes = s->prunes = 0;
}

/* One map: make(hint), n inserts, then k times delete the oldest key and
 * insert a new one. keys is a ring of the n live hashes. */
static int run(churn *s, const gg_mapmake *mk, int64_t n, int64_t k, uint64_t *keys)
{
	s->total = s->live = mk->bytes;
	if (mk->dirlen) {
		s->dir = malloc(mk->dirlen * sizeof *s->dir);
		if (!s->dir)
			return s->oom = 1, 0;
		s->dirlen = mk->dirlen;
		s->gdepth = mk->global_depth;
		for (uint64_t i = 0; i < mk->dirlen; i++) {
			ctable t;
			if (!table_init(s, &t, (uint32_t)mk->table_cap, mk->global_depth, i))
				return 0;
			if (add_table(s, t) < 0) {
				table_free(&t);
				return 0;
			}
			s->dir[i] = (uint32_t)i;
		}
	}
	for (int64_t i = 0; i < n; i++) {
		keys[i] = gg_sim_next(&s->rng) & s->hmask;
		if (!map_put(s, keys[i]))
			return 0;
	}
	for (int64_t i = 0; i < k && n > 0; i++) {
		uint64_t *slot = &keys[i % n];
		map_delete(s, *slot);
		*slot = gg_sim_next(&s->rng) & s->hmask;
		if (!map_put(s, *slot))
			return 0;
	}
	return 1;
}

gg_status gg_swiss_churn(const gg_maptype *m, int64_t hint, int64_t n, int64_t k, int runs, uint64_t seed,
			 gg_mapchurn *out, gg_error *err)
{
	*out = (gg_mapchurn){.runs = runs, .seed = seed, .n = n, .k = k};
	if (m->impl != GG_MAP_SWISS)
		return gg_fail(
		    err, GG_ERR_UNSUPPORTED, 0,
		    "not a Swiss map: use gg_classic_churn (a classic map keeps its B under churn)");
	if (runs < 1 || runs > GG_MAPSIM_MAX_RUNS)
		return gg_fail(err, GG_ERR_RANGE, 0, "runs must be 1..%d", GG_MAPSIM_MAX_RUNS);
	if (n < 0 || k < 0 || n > gg_target_maxint(&m->t) || n > GG_MAPSIM_MAX_WORK ||
	    k > GG_MAPSIM_MAX_WORK || n + k > GG_MAPSIM_MAX_WORK / runs)
		return gg_fail(
		    err, GG_ERR_RANGE, 0,
		    "simulating %d runs of %lld inserts and %lld churn steps is more than the limit of %lld",
		    runs, (long long)n, (long long)k, (long long)GG_MAPSIM_MAX_WORK);
	gg_mapmake mk;
	gg_status st = gg_makemap(m, hint, 0, &mk, err);
	if (st != GG_OK)
		return st;
	uint64_t *v = malloc(8 * (size_t)runs * sizeof *v);
	uint64_t *keys = malloc(((size_t)n + 1) * sizeof *keys);
	if (!v || !keys) {
		free(v);
		free(keys);
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	churn s = {.m = m, .prune = m->t.go >= 25, .bits = (unsigned)m->t.arch->ptr_size * 8};
	s.hmask = s.bits == 64 ? UINT64_MAX : (UINT64_C(1) << s.bits) - 1;
	uint64_t entry = gg_map_entry_bytes(m);
	for (int r = 0; r < runs; r++) {
		s.rng = gg_sim_seed(seed, r);
		int ok = run(&s, &mk, n, k, keys);
		if (ok) {
			uint64_t cap = 0, tombs = 0;
			for (size_t i = 0; i < s.nt; i++) {
				cap += s.t[i].cap;
				tombs += budget(s.t[i].cap) - s.t[i].used - s.t[i].left;
			}
			v[r] = s.nt;
			v[runs + r] = s.dirlen;
			v[2 * runs + r] = s.dirlen == 0 ? (s.sgroup ? GG_MAP_SLOTS : 0) : cap;
			v[3 * runs + r] = tombs;
			v[4 * runs + r] = s.total + (uint64_t)(n + (n ? k : 0)) * entry;
			v[5 * runs + r] = s.live + (uint64_t)n * entry;
			v[6 * runs + r] = (uint64_t)s.rehashes;
			v[7 * runs + r] = (uint64_t)s.prunes;
		}
		reset(&s);
		if (!ok)
			break;
	}
	free(s.t);
	free(keys);
	if (s.oom) {
		free(v);
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	out->tables = gg_sim_dist(v, runs);
	out->dirlen = gg_sim_dist(v + runs, runs);
	out->capacity = gg_sim_dist(v + 2 * runs, runs);
	out->tombstones = gg_sim_dist(v + 3 * runs, runs);
	out->total = gg_sim_dist(v + 4 * runs, runs);
	out->live = gg_sim_dist(v + 5 * runs, runs);
	out->rehashes = gg_sim_dist(v + 6 * runs, runs);
	out->prunes = gg_sim_dist(v + 7 * runs, runs);
	free(v);
	return GG_OK;
}
