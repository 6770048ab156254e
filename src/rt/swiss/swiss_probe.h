/* The Swiss map's probe loops (internal/runtime/maps/table.go getWithKey,
 * PutSlot; runtime_fast64.go and runtime_faststr.go for the key forms),
 * inline so that each caller compiles one copy per key form: `keys` is a
 * constant at every call, and the uint64_t and string forms hash and
 * compare inline instead of through the type's function pointers. */
#ifndef GOGROW_RT_SWISS_PROBE_H
#define GOGROW_RT_SWISS_PROBE_H

#include <assert.h>
#include <string.h>

#include "gogrow/map_rules.h"
#include "rt/swiss/swiss_internal.h"

/* XXH3 inline: the same value as gg_rt_swiss_hash_u64 and _str (which call
 * the same function), without the call; for uint64_t keys the length is a
 * constant 8, so the library's dispatch on the length folds away. */
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline uint64_t ggi_key_hash(const gg_rt_swiss *m, int keys, const void *key)
{
	if (keys == GGI_KEYS_U64)
		return XXH3_64bits_withSeed(key, sizeof(uint64_t), m->seed);
	if (keys == GGI_KEYS_STR) {
		const gg_rt_str *s = key;
		return XXH3_64bits_withSeed(s->p, s->len, m->seed);
	}
	return m->type.hash(key, m->seed);
}

static inline int ggi_key_eq(const gg_rt_swiss *m, int keys, const void *key, const char *slot)
{
	if (keys == GGI_KEYS_U64) {
		uint64_t a, b;
		memcpy(&a, key, sizeof a);
		memcpy(&b, slot, sizeof b);
		return a == b;
	}
	if (keys == GGI_KEYS_STR) {
		gg_rt_str a, b;
		memcpy(&a, key, sizeof a);
		memcpy(&b, slot, sizeof b);
		/* Equal pointers: Go's faststr shortcut (the same bytes). */
		return a.len == b.len && (a.p == b.p || a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
	}
	return m->type.equal(key, slot);
}

/* The directory entry of hash (map.go directoryAt). */
static inline uint64_t ggi_dir_index(const gg_rt_swiss *m, uint64_t hash)
{
	return gg_swiss_directory_index(hash, m->global_depth, 64);
}

/* Asks for the first probed group (the lookup's first cache miss) as
 * soon as the hash is known, so that put and delete load the table header
 * meanwhile. */
static inline void ggi_probe_prefetch(const gg_rt_swiss *m, const ggi_rt_swiss_dirent *e, uint64_t hash)
{
	__builtin_prefetch(ggi_group_at(m, e->groups, gg_swiss_h1(hash) & e->mask));
}

/* getWithKey over the groups of a directory entry: the group holding key
 * (its slot index in *slot), or NULL. */
static inline char *ggi_probe_find(const gg_rt_swiss *m, const ggi_rt_swiss_dirent *e, uint64_t hash,
				   const void *key, int keys, unsigned *slot)
{
	uint8_t h2 = gg_swiss_h2(hash);
	gg_swiss_probe p = gg_swiss_probe_start(hash, e->mask + 1);
	for (;; gg_swiss_probe_next(&p)) {
		char *g = ggi_group_at(m, e->groups, p.offset);
		uint64_t ctrl = *ggi_group_ctrl(g);
		for (uint64_t mt = ggi_ctrl_match_h2(ctrl, h2); mt; mt &= mt - 1) {
			unsigned i = ggi_match_first(mt);
			if (ggi_key_eq(m, keys, key, ggi_slot_key(m, g, i))) {
				*slot = i;
				return g;
			}
		}
		/* An empty slot ends the probe: an insert would have used it. */
		if (ggi_ctrl_match_empty(ctrl))
			return NULL;
		assert(p.index <= e->mask);
	}
}

static inline void ggi_probe_store(gg_rt_swiss *m, char *g, unsigned i, uint8_t h2, const void *key,
				   const void *elem, int keys)
{
	char *slot = ggi_slot_key(m, g, i);
	memcpy(slot, key, keys == GGI_KEYS_U64 ? sizeof(uint64_t) : m->type.key_size);
	if (elem)
		memcpy(slot + m->elem_off, elem, m->type.elem_size);
	else
		memset(slot + m->elem_off, 0, m->type.elem_size);
	*ggi_group_ctrl(g) = ggi_ctrl_set(*ggi_group_ctrl(g), i, h2);
}

/* PutSlot into table t (entry e): update in place, else take the first
 * tombstone on the probe path or the empty slot that ends it, if
 * growthLeft allows. 1: stored; 0: t must rehash first. */
static inline int ggi_probe_put(gg_rt_swiss *m, ggi_rt_swiss_table *t, const ggi_rt_swiss_dirent *e,
				uint64_t hash, const void *key, const void *elem, int keys)
{
	assert(e->groups == t->groups && e->mask == t->capacity / GG_MAP_SLOTS - 1);
	uint8_t h2 = gg_swiss_h2(hash);
	char *del_g = NULL;
	unsigned del_i = 0;
	gg_swiss_probe p = gg_swiss_probe_start(hash, e->mask + 1);
	for (;; gg_swiss_probe_next(&p)) {
		char *g = ggi_group_at(m, e->groups, p.offset);
		uint64_t ctrl = *ggi_group_ctrl(g);
		for (uint64_t mt = ggi_ctrl_match_h2(ctrl, h2); mt; mt &= mt - 1) {
			if (ggi_key_eq(m, keys, key, ggi_slot_key(m, g, ggi_match_first(mt)))) {
				ggi_probe_store(m, g, ggi_match_first(mt), h2, key, elem, keys);
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
			ggi_probe_store(m, del_g, del_i, h2, key, elem, keys);
		} else {
			/* The empty slot found stays empty: pruning only frees
			 * tombstones. */
			if (t->growth_left == 0 && !ggi_rt_swiss_table_prune(m, t))
				return 0;
			ggi_probe_store(m, g, ggi_match_first(empty), h2, key, elem, keys);
			t->growth_left--;
		}
		t->used++;
		m->used++;
		return 1;
	}
}

#endif
