/* Internals of the runtime Swiss map (ggi_rt_swiss_ names). */
#ifndef GOGROW_RT_SWISS_INTERNAL_H
#define GOGROW_RT_SWISS_INTERNAL_H

#include <stdint.h>

#include "gogrow/rt_map.h"

/* internal/runtime/maps/group.go: control bytes. A full slot holds the
 * hash's h2 (0..0x7f). */
#define GGI_CTRL_EMPTY 0x80u
#define GGI_CTRL_DELETED 0xfeu
#define GGI_CTRL_ALL_EMPTY 0x8080808080808080ull

/* table.go: a table of capacity/8 groups. */
typedef struct ggi_rt_swiss_table {
	uint64_t capacity, used, growth_left;
	uint64_t index; /* first directory entry pointing here; GGI_RETIRED: replaced */
	int local_depth;
	char *groups;
	struct ggi_rt_swiss_table *retired_next; /* kept for iterators (swiss_iter.c) */
} ggi_rt_swiss_table;

#define GGI_RETIRED UINT64_MAX

struct gg_rt_swiss {
	gg_rt_swiss_type type;
	const gg_rt_allocator *alloc;
	int go;
	uint64_t seed;
	uint64_t rng;	    /* Go's rand() for iteration starts (rt_internal.h) */
	uint64_t clear_seq; /* clears so far (Go's clearSeq) */
	uint64_t used;
	/* Layout: group = {uint64_t ctrl; slots[8]}, slot = {key; elem}. */
	size_t elem_off, slot_size, slots_off, group_size;
	/* dirlen 0: a small map, `small` its one group (NULL before the first
	 * insert); else 2^global_depth table pointers. */
	uint64_t dirlen;
	int global_depth;
	ggi_rt_swiss_table **dir;
	char *small;
	/* Go's iterators walk a table (or the small group) that growth has
	 * replaced, kept alive by the GC. Here, while iterators are live,
	 * replaced tables and the small group wait on these lists. */
	uint64_t iters;
	ggi_rt_swiss_table *retired;
	char *retired_small;
	int fast64; /* the ready uint64_t key type: swiss_fast64.c's paths */
	gg_rt_tracer tracer;
	gg_rt_swiss_stats stats;
};

/* Allocator wrappers that keep the stats. */
void *ggi_rt_swiss_alloc(gg_rt_swiss *m, size_t size);
void ggi_rt_swiss_free(gg_rt_swiss *m, void *p, size_t size);
void ggi_rt_swiss_event(gg_rt_swiss *m, gg_rt_event_kind k, uint64_t a, uint64_t b);

/* Group matching, as group.go's ctrlGroup methods. A match is a set of
 * slots: walk it with ggi_match_first and `mt &= mt - 1`, test it for 0.
 * Two forms, as in Go: the portable SWAR one over the control word (bit
 * 8i+7 per slot i; group.go's Go code, used on every GOARCH but amd64) and
 * SSE2 (bit i; what Go's amd64 intrinsics for these methods compute).
 * Both are always compiled so that tests compare them; GGI_SWISS_SIMD
 * says which one the map uses. */
static inline uint64_t ggi_swar_match_h2(uint64_t ctrl, uint8_t h2)
{
	/* May report a false positive next to a real match; such a byte is a
	 * full slot (h2^1 < 0x80), and the key compare rejects it. */
	uint64_t v = ctrl ^ (0x0101010101010101ull * h2);
	return (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
}
static inline uint64_t ggi_swar_match_empty(uint64_t ctrl)
{
	return (ctrl & ~(ctrl << 6)) & 0x8080808080808080ull;
}
static inline uint64_t ggi_swar_match_empty_or_deleted(uint64_t ctrl)
{
	return ctrl & 0x8080808080808080ull;
}
static inline uint64_t ggi_swar_match_full(uint64_t ctrl)
{
	return ~ctrl & 0x8080808080808080ull;
}

#if defined(__SSE2__) && !defined(GGI_SWISS_PORTABLE)
#include <emmintrin.h>
#define GGI_SWISS_SIMD 1
/* The eight control bytes in the low half of a vector; pmovmskb's upper
 * eight bits are masked off. */
static inline uint64_t ggi_sse2_mask(__m128i eq)
{
	return (uint64_t)(_mm_movemask_epi8(eq) & 0xff);
}
static inline uint64_t ggi_sse2_match_h2(uint64_t ctrl, uint8_t h2)
{
	__m128i c = _mm_cvtsi64_si128((long long)ctrl);
	return ggi_sse2_mask(_mm_cmpeq_epi8(c, _mm_set1_epi8((char)h2)));
}
static inline uint64_t ggi_sse2_match_empty(uint64_t ctrl)
{
	__m128i c = _mm_cvtsi64_si128((long long)ctrl);
	return ggi_sse2_mask(_mm_cmpeq_epi8(c, _mm_set1_epi8((char)GGI_CTRL_EMPTY)));
}
static inline uint64_t ggi_sse2_match_empty_or_deleted(uint64_t ctrl)
{
	/* Both have the sign bit set; full slots (h2 < 0x80) do not. */
	return ggi_sse2_mask(_mm_cvtsi64_si128((long long)ctrl));
}
static inline uint64_t ggi_sse2_match_full(uint64_t ctrl)
{
	return ggi_sse2_match_empty_or_deleted(ctrl) ^ 0xff;
}
#define ggi_ctrl_match_h2 ggi_sse2_match_h2
#define ggi_ctrl_match_empty ggi_sse2_match_empty
#define ggi_ctrl_match_empty_or_deleted ggi_sse2_match_empty_or_deleted
#define ggi_ctrl_match_full ggi_sse2_match_full
#define GGI_MATCH_SHIFT 0
#else
#define GGI_SWISS_SIMD 0
#define ggi_ctrl_match_h2 ggi_swar_match_h2
#define ggi_ctrl_match_empty ggi_swar_match_empty
#define ggi_ctrl_match_empty_or_deleted ggi_swar_match_empty_or_deleted
#define ggi_ctrl_match_full ggi_swar_match_full
#define GGI_MATCH_SHIFT 3
#endif

/* The first slot of a nonempty match (bitset.first). */
static inline unsigned ggi_match_first(uint64_t match)
{
	return (unsigned)__builtin_ctzll(match) >> GGI_MATCH_SHIFT;
}
static inline uint64_t ggi_ctrl_set(uint64_t ctrl, unsigned i, uint64_t b)
{
	return (ctrl & ~(0xffull << (8 * i))) | (b << (8 * i));
}

/* Group and slot addresses. */
static inline uint64_t *ggi_group_ctrl(char *g)
{
	return (uint64_t *)(void *)g;
}
static inline char *ggi_group_at(const gg_rt_swiss *m, char *groups, uint64_t i)
{
	return groups + i * m->group_size;
}
static inline char *ggi_slot_key(const gg_rt_swiss *m, char *g, unsigned i)
{
	return g + m->slots_off + i * m->slot_size;
}

/* swiss_hash.c */
uint64_t ggi_rt_swiss_random_seed(const void *salt);
/* 1 when ty is gg_rt_swiss_type_u64's key (any elem). */
int ggi_rt_swiss_is_u64(const gg_rt_swiss_type *ty);

/* swiss_fast64.c: get, put and delete for uint64_t keys. */
void *ggi_rt_swiss_get64(const gg_rt_swiss *m, uint64_t key);
gg_status ggi_rt_swiss_put64(gg_rt_swiss *m, uint64_t key, const void *elem);
int ggi_rt_swiss_delete64(gg_rt_swiss *m, uint64_t key);

/* swiss_table.c */
ggi_rt_swiss_table *ggi_rt_swiss_table_new(gg_rt_swiss *m, uint64_t capacity, uint64_t index, int depth);
void ggi_rt_swiss_table_free(gg_rt_swiss *m, ggi_rt_swiss_table *t);
/* The slot of key in t (its key address), or NULL. The *64 forms take a
 * uint64_t key of a fast64 map and compare it inline. */
char *ggi_rt_swiss_table_find(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
			      const void *key);
char *ggi_rt_swiss_table_find64(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
				const void *key);
/* 1: key stored or updated; 0: the table must rehash first. */
int ggi_rt_swiss_table_put(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key,
			   const void *elem);
int ggi_rt_swiss_table_put64(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key,
			     const void *elem);
/* Stores a key known to be absent in a table with room (rehash, growToTable). */
void ggi_rt_swiss_table_put_new(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const char *slot);
int ggi_rt_swiss_table_delete(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const void *key);
/* Deletes the key at `slot` (found in t). */
void ggi_rt_swiss_table_delete_slot(gg_rt_swiss *m, ggi_rt_swiss_table *t, char *slot);
void ggi_rt_swiss_table_clear(gg_rt_swiss *m, ggi_rt_swiss_table *t);

/* swiss_prune.c: pruneTombstones (1.25+) of a table with growthLeft 0;
 * 1 when it gave growthLeft back. Keeps every slot where it is, so
 * iterators go on. */
int ggi_rt_swiss_table_prune(gg_rt_swiss *m, ggi_rt_swiss_table *t);

/* The table of hash's directory entry (map.go directoryAt). */
ggi_rt_swiss_table *ggi_rt_swiss_table_of(const gg_rt_swiss *m, uint64_t hash);

/* swiss_iter.c: a table or the small group that growth replaced: freed,
 * or kept while iterators may walk it; all kept ones freed. */
void ggi_rt_swiss_retire_table(gg_rt_swiss *m, ggi_rt_swiss_table *t);
void ggi_rt_swiss_retire_small(gg_rt_swiss *m);
void ggi_rt_swiss_free_retired(gg_rt_swiss *m);

/* swiss_grow.c: growToTable, and table.rehash (grow or split). */
gg_status ggi_rt_swiss_grow_to_table(gg_rt_swiss *m);
gg_status ggi_rt_swiss_rehash(gg_rt_swiss *m, ggi_rt_swiss_table *t);

#endif
