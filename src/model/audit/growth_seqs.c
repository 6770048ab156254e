/* Growth sequences as a heap profile sees them. Each is the list of object
 * sizes one growing container allocates, as the profile's "bytes" label
 * records them: runtime/malloc.go, mallocgc, calls profilealloc with the
 * span's element size (fullSize = span.elemsize in 1.22; elemsize in the
 * split mallocgc of 1.24+): the size class, malloc header included, for
 * small objects, whole pages for large ones, and for tiny objects the new
 * 16-byte block (mallocgcTiny: span.elemsize of the tiny class), never the
 * objects packed into a block already there. gg_alloc_bytes is that size.
 *  - slices: runtime.growslice, appending one element at a time to nil;
 *  - classic maps (runtime/map.go): the first bucket (mapassign's
 *    newobject), then makeBucketArray for B = 1, 2, ... on each hashGrow;
 *  - Swiss maps (internal/runtime/maps): the small map's group, then the
 *    groups array of each table capacity 16 ... 1024 (growToTable, rehash).
 * The sizes come from the model (gg_growslice, gg_classic_bucket_array,
 * gg_alloc_bytes); nothing here restates a Go rule. */
#include <stdlib.h>

#include "gogrow/malloc.h"
#include "gogrow/map.h"
#include "gogrow/slice.h"
#include "model/audit/growth_seqs.h"
#include "model/util.h"

/* Appends a step, merging it into the previous one when the profile cannot
 * tell them apart (two tiny blocks, a cap that fits the same class). */
static void add_step(ggi_seq *q, uint64_t size, int64_t cap)
{
	if (q->n && q->size[q->n - 1] == size) {
		q->cap[q->n - 1] = cap;
		return;
	}
	if (q->n < GGI_SEQ_MAX_STEPS)
		q->size[q->n] = size, q->cap[q->n++] = cap;
}

static void add_side(ggi_seq *q, uint64_t size)
{
	if (q->nside < GGI_SEQ_MAX_SIDE)
		q->side[q->nside++] = size;
}

static void slice_seq(const gg_target *t, uint64_t esize, gg_scan noscan, uint64_t max, ggi_seq *q)
{
	*q = (ggi_seq){.kind = GG_GROWTH_SLICE, .unit = esize, .noscan = noscan};
	gg_elem e = {esize, noscan};
	int64_t cap = 0;
	while (q->n < GGI_SEQ_MAX_STEPS) {
		gg_grow g;
		if (gg_growslice(t, e, cap, cap, 1, &g, NULL) != GG_OK || g.alloc > max)
			break;
		add_step(q, g.alloc, g.newcap);
		cap = g.newcap;
	}
}

static void classic_seq(const gg_target *t, uint64_t slot, gg_scan noscan, uint64_t max, const ggi_seq *ptrs,
			ggi_seq *q)
{
	uint64_t P = (uint64_t)t->arch->ptr_size;
	uint64_t bs = gg_align_up(GG_MAP_SLOTS + GG_MAP_SLOTS * slot + P, P);
	*q = (ggi_seq){.kind = GG_GROWTH_CLASSIC_MAP, .unit = bs, .slot = slot, .noscan = noscan};
	add_step(q, gg_alloc_bytes(t, bs, noscan, NULL), 0);
	for (int B = 1; B < 62 && gg_classic_bucket_array_fits(t, bs, noscan, B); B++) {
		uint64_t size =
		    gg_alloc_bytes(t, gg_classic_bucket_array(t, bs, noscan, B) * bs, noscan, NULL);
		if (size > max)
			break;
		add_step(q, size, B);
	}
	add_side(q, gg_alloc_bytes(t, gg_classic_mapextra_size(t), 0, NULL));
	/* newoverflow: with noscan buckets the overflow buckets are kept alive
	 * by an appended []*bmap, allocated as new([]*bmap) on first use. */
	if (noscan) {
		add_side(q, gg_alloc_bytes(t, 3 * P, 0, NULL));
		for (int i = 0; ptrs && i < ptrs->n; i++)
			add_side(q, ptrs->size[i]);
	}
}

static void swiss_seq(const gg_target *t, uint64_t slot, gg_scan noscan, uint64_t max, uint64_t table_size,
		      ggi_seq *q)
{
	uint64_t P = (uint64_t)t->arch->ptr_size;
	uint64_t G = GG_MAP_SLOTS + GG_MAP_SLOTS * slot;
	*q = (ggi_seq){.kind = GG_GROWTH_SWISS_MAP, .unit = G, .slot = slot, .noscan = noscan};
	add_step(q, gg_alloc_bytes(t, G, noscan, NULL), GG_MAP_SLOTS);
	for (uint64_t c = GG_SWISS_FIRST_TABLE_CAP; c <= GG_SWISS_MAX_TABLE_CAP; c *= 2) {
		uint64_t size = gg_alloc_bytes(t, c / GG_MAP_SLOTS * G, noscan, NULL);
		if (size > max)
			break;
		add_step(q, size, (int64_t)c);
	}
	add_side(q, gg_alloc_bytes(t, table_size, 0, NULL));
	for (uint64_t d = 1; d <= (UINT64_C(1) << 20) && d * P <= max; d *= 2)
		add_side(q, gg_alloc_bytes(t, d * P, 0, NULL));
}

/* maps.table's size on t, from the model's layout of a map type. */
static gg_status swiss_table_size(const gg_target *t, uint64_t *out, gg_error *err)
{
	gg_typeexpr *e = NULL;
	gg_status st = gg_type_parse("map[int]int", &e, err);
	gg_maptype m;
	if (st == GG_OK)
		st = gg_map_type(t, gg_typeexpr_root(e), 0, &m, err);
	if (st == GG_OK)
		*out = m.table_size;
	gg_typeexpr_free(e);
	return st;
}

/* Largest key+elem slot the maps hold inline: both over 128 bytes go
 * through pointers. */
#define MAX_SLOT (2 * GG_MAP_MAX_INLINE + 8)

gg_status ggi_growth_seqs(const gg_target *t, uint64_t max, ggi_seqs *out, gg_error *err)
{
	gg_mapimpl impl;
	gg_status st = gg_map_impl(t->go, 0, &impl, err);
	uint64_t table_size = 0;
	if (st == GG_OK && impl == GG_MAP_SWISS)
		st = swiss_table_size(t, &table_size, err);
	if (st != GG_OK)
		return st;
	size_t n = 2 * GG_AUDIT_MAX_ELEM + 2 * MAX_SLOT;
	out->s = malloc(n * sizeof *out->s);
	out->n = 0;
	if (!out->s)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	/* A type with pointers is pointer-aligned, so its size is a multiple
	 * of the pointer size. */
	uint64_t P = (uint64_t)t->arch->ptr_size;
	const ggi_seq *ptrs = NULL; /* a classic map's overflow list is a []*bmap */
	for (uint64_t e = 1; e <= GG_AUDIT_MAX_ELEM && e <= max; e++)
		for (int noscan = 1; noscan >= 0; noscan--) {
			if (!noscan && e % P)
				continue;
			if (!noscan && e == P)
				ptrs = &out->s[out->n];
			slice_seq(t, e, noscan, max, &out->s[out->n++]);
		}
	for (uint64_t slot = 1; slot <= MAX_SLOT; slot++)
		for (int noscan = 0; noscan < 2; noscan++) {
			if (impl == GG_MAP_CLASSIC)
				classic_seq(t, slot, noscan, max, ptrs, &out->s[out->n++]);
			else
				swiss_seq(t, slot, noscan, max, table_size, &out->s[out->n++]);
		}
	return GG_OK;
}

void ggi_growth_seqs_free(ggi_seqs *s)
{
	free(s->s);
	s->s = NULL;
	s->n = 0;
}
