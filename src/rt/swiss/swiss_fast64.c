/* Get, put and delete for maps with gg_rt_swiss_type_u64 keys, as Go's
 * internal/runtime/maps/runtime_fast64.go (runtime_mapaccess2_fast64,
 * runtime_mapassign_fast64, runtime_mapdelete_fast64): the same growth
 * and probing as the generic paths, with the hash inlined and keys
 * compared as one 64-bit word instead of through the type's functions. */
#include <string.h>

#include "gogrow/map_rules.h"
#include "model/util.h"
#include "rt/swiss/swiss_internal.h"

/* XXH3 compiled into this file with the length a constant 8: the same
 * value as gg_rt_swiss_hash_u64 (which is built the same way), without
 * the call and the library's dispatch on the length. */
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline uint64_t hash64(uint64_t key, uint64_t seed)
{
	return XXH3_64bits_withSeed(&key, sizeof key, seed);
}

static inline ggi_rt_swiss_table *table_of(const gg_rt_swiss *m, uint64_t hash)
{
	return m->dir[gg_swiss_directory_index(hash, m->global_depth, 64)];
}

/* The small map is searched without hashing: eight compares cost less
 * than a hash (runtime_mapaccess2_fast64's dirLen == 0 case). */
static void *small_get(const gg_rt_swiss *m, uint64_t key)
{
	if (!m->small)
		return NULL;
	for (uint64_t mt = ggi_ctrl_match_full(*ggi_group_ctrl(m->small)); mt; mt &= mt - 1) {
		char *slot = ggi_slot_key(m, m->small, ggi_match_first(mt));
		uint64_t k;
		memcpy(&k, slot, sizeof k);
		if (k == key)
			return slot + m->elem_off;
	}
	return NULL;
}

void *ggi_rt_swiss_get64(const gg_rt_swiss *m, uint64_t key)
{
	if (m->dirlen == 0)
		return small_get(m, key);
	uint64_t h = hash64(key, m->seed);
	char *slot = ggi_rt_swiss_table_find64(m, table_of(m, h), h, &key);
	return slot ? slot + m->elem_off : NULL;
}

/* Tables only: the small map's rules (a full small map grows, even on an
 * update before 1.27) stay in the generic path. */
gg_status ggi_rt_swiss_put64(gg_rt_swiss *m, uint64_t key, const void *elem)
{
	uint64_t h = hash64(key, m->seed);
	for (;;) {
		ggi_rt_swiss_table *t = table_of(m, h);
		if (ggi_rt_swiss_table_put64(m, t, h, &key, elem))
			return GG_OK;
		gg_status st = ggi_rt_swiss_rehash(m, t);
		if (st != GG_OK)
			return st;
	}
}

/* Tables only, as put64. */
int ggi_rt_swiss_delete64(gg_rt_swiss *m, uint64_t key)
{
	uint64_t h = hash64(key, m->seed);
	ggi_rt_swiss_table *t = table_of(m, h);
	char *slot = ggi_rt_swiss_table_find64(m, t, h, &key);
	if (slot)
		ggi_rt_swiss_table_delete_slot(m, t, slot);
	return slot != NULL;
}
