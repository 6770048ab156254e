/* Internals of the runtime Swiss map (ggi_rt_swiss_ names). */
#ifndef GOGROW_RT_SWISS_INTERNAL_H
#define GOGROW_RT_SWISS_INTERNAL_H

#include <assert.h>
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
	/* The top local_depth bits of its keys' hashes; GGI_RETIRED: replaced.
	 * Go keeps the first directory entry's index instead (table.index),
	 * which every directory doubling must rewrite in every table: 8192
	 * scattered table headers at the doubling to 16384 entries.
	 * The prefix does not change; ggi_table_index derives the index. */
	uint64_t prefix;
	int local_depth;
	char *groups;
	struct ggi_rt_swiss_table *retired_next; /* kept for iterators (swiss_iter.c) */
} ggi_rt_swiss_table;

#define GGI_RETIRED UINT64_MAX

/* Beside each directory entry (Go's *table), the table's groups and group
 * mask (groups - 1): a lookup goes from the hash to its group without
 * reading the table header. install() and the directory's allocation keep
 * the two arrays in step. */
typedef struct ggi_rt_swiss_dirent {
	char *groups;
	uint64_t mask;
} ggi_rt_swiss_dirent;

/* The key forms with inline hash and equality (swiss_probe.h). */
enum { GGI_KEYS_ANY, GGI_KEYS_U64, GGI_KEYS_STR };

struct gg_rt_swiss {
	gg_rt_swiss_type type;
	const gg_rt_allocator *alloc;
	int go;
	uint64_t seed;
	uint64_t rng;	    /* Go's rand() for iteration starts (rt_internal.h) */
	uint64_t clear_seq; /* clears so far (Go's clearSeq) */
	/* A table delete left a tombstone since the last clear (Go's
	 * tombstonePossible): clear must run on an empty map. */
	int tombstone_possible;
	uint64_t used;
	/* Layout: group = {uint64_t ctrl; slots[8]}, slot = {key; elem}. */
	size_t elem_off, slot_size, slots_off, group_size;
	/* dirlen 0: a small map, `small` its one group (NULL before the first
	 * insert); else 2^global_depth table pointers, dir, and their groups,
	 * dirg (one allocation: ggi_rt_swiss_dir_alloc). */
	uint64_t dirlen;
	int global_depth;
	ggi_rt_swiss_table **dir;
	ggi_rt_swiss_dirent *dirg;
	char *small;
	/* Go's iterators walk a table (or the small group) that growth has
	 * replaced, kept alive by the GC. Here, while iterators are live,
	 * replaced tables and the small group wait on these lists. */
	uint64_t iters;
	ggi_rt_swiss_table *retired;
	char *retired_small;
	int keys; /* GGI_KEYS_*: the ready uint64_t and string key types */
	gg_rt_tracer tracer;
	gg_rt_swiss_stats stats;
};

/* Allocator wrappers that keep the stats. */
/* scan: GG_SCAN for the map's own structures (header, directory, table),
 * which hold pointers whatever the key and elem; groups and the small
 * group: m->type.noscan, as Go's group type. */
void *ggi_rt_swiss_alloc(gg_rt_swiss *m, size_t size, gg_scan scan);
void ggi_rt_swiss_free(gg_rt_swiss *m, void *p, size_t size, gg_scan scan);
void ggi_rt_swiss_event(gg_rt_swiss *m, gg_rt_event_kind k, uint64_t a, uint64_t b);

/* A directory of dirlen entries: the dirents, then the table pointers
 * (ggi_dir_tables). NULL when out of memory. */
ggi_rt_swiss_dirent *ggi_rt_swiss_dir_alloc(gg_rt_swiss *m, uint64_t dirlen);
void ggi_rt_swiss_dir_free(gg_rt_swiss *m, ggi_rt_swiss_dirent *d, uint64_t dirlen);
static inline ggi_rt_swiss_table **ggi_dir_tables(ggi_rt_swiss_dirent *d, uint64_t dirlen)
{
	return (ggi_rt_swiss_table **)(void *)(d + dirlen);
}

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
#define ggi_simd_match_h2 ggi_sse2_match_h2
#define ggi_simd_match_empty ggi_sse2_match_empty
#define ggi_simd_match_empty_or_deleted ggi_sse2_match_empty_or_deleted
#define ggi_simd_match_full ggi_sse2_match_full
#define GGI_SWISS_SIMD_NAME "SSE2"
#define GGI_MATCH_SHIFT 0
#elif defined(__ARM_NEON) && !defined(GGI_SWISS_PORTABLE)
#include <arm_neon.h>
#define GGI_SWISS_SIMD 1
/* NEON compares the eight bytes in one instruction and gives 0xff per
 * matching byte; keeping bit 7 of each gives the SWAR form (bit 8i+7), so
 * the bitset helpers are shared with it. Unlike SWAR's h2 match it has no
 * false positives. Go itself uses the portable code on arm64. */
static inline uint64_t ggi_neon_eq(uint64_t ctrl, uint8_t b)
{
	uint8x8_t eq = vceq_u8(vcreate_u8(ctrl), vdup_n_u8(b));
	return vget_lane_u64(vreinterpret_u64_u8(eq), 0) & 0x8080808080808080ull;
}
static inline uint64_t ggi_neon_match_h2(uint64_t ctrl, uint8_t h2)
{
	return ggi_neon_eq(ctrl, h2);
}
static inline uint64_t ggi_neon_match_empty(uint64_t ctrl)
{
	return ggi_neon_eq(ctrl, GGI_CTRL_EMPTY);
}
/* The sign bit alone answers these two: no compare needed. */
#define ggi_simd_match_h2 ggi_neon_match_h2
#define ggi_simd_match_empty ggi_neon_match_empty
#define ggi_simd_match_empty_or_deleted ggi_swar_match_empty_or_deleted
#define ggi_simd_match_full ggi_swar_match_full
#define GGI_SWISS_SIMD_NAME "NEON"
#define GGI_MATCH_SHIFT 3
#else
#define GGI_SWISS_SIMD 0
#define GGI_SWISS_SIMD_NAME "none"
#define GGI_MATCH_SHIFT 3
#endif

#if GGI_SWISS_SIMD
#define ggi_ctrl_match_h2 ggi_simd_match_h2
#define ggi_ctrl_match_empty ggi_simd_match_empty
#define ggi_ctrl_match_empty_or_deleted ggi_simd_match_empty_or_deleted
#define ggi_ctrl_match_full ggi_simd_match_full
#else
#define ggi_ctrl_match_h2 ggi_swar_match_h2
#define ggi_ctrl_match_empty ggi_swar_match_empty
#define ggi_ctrl_match_empty_or_deleted ggi_swar_match_empty_or_deleted
#define ggi_ctrl_match_full ggi_swar_match_full
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
/* GGI_KEYS_U64 or _STR when ty is gg_rt_swiss_type_u64's or _str's key
 * (any elem), else GGI_KEYS_ANY. */
int ggi_rt_swiss_keys(const gg_rt_swiss_type *ty);

/* swiss_table.c */
ggi_rt_swiss_table *ggi_rt_swiss_table_new(gg_rt_swiss *m, uint64_t capacity, uint64_t prefix, int depth);

/* The first directory entry pointing at t (Go's table.index). */
static inline uint64_t ggi_table_index(const gg_rt_swiss *m, const ggi_rt_swiss_table *t)
{
	assert(t->prefix != GGI_RETIRED && t->local_depth <= m->global_depth);
	return t->prefix << (m->global_depth - t->local_depth);
}
void ggi_rt_swiss_table_free(gg_rt_swiss *m, ggi_rt_swiss_table *t);
/* The slot of key in t (its key address), or NULL. The map's own paths
 * use swiss_probe.h's inline loops; this is for iterators. */
char *ggi_rt_swiss_table_find(const gg_rt_swiss *m, const ggi_rt_swiss_table *t, uint64_t hash,
			      const void *key);
/* Stores a key known to be absent in a table with room (rehash, growToTable). */
void ggi_rt_swiss_table_put_new(gg_rt_swiss *m, ggi_rt_swiss_table *t, uint64_t hash, const char *slot);
/* Deletes the key in slot i of group g (found in t). */
void ggi_rt_swiss_table_delete_at(gg_rt_swiss *m, ggi_rt_swiss_table *t, char *g, unsigned i);
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
