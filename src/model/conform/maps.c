/* Map rows of the conformance files: makemap and mapgrow (the golden
 * vectors, see tests/data/golden/README.md), mapalloc (make's bytes and
 * allocation count, from tests/data/validation/raw/mapmake_* and
 * `gogrow probe --kind map`), mapfill (bytes of make(map[K]V) plus n
 * inserts, from the same) and mapstack (the same for a map that does not
 * escape, with the allocation count, from `gogrow probe --kind mapstack`).
 *
 * makemap's B column is the classic hmap's B. A Swiss map has none; the
 * probe (docs/ground-truth.md) records the directory's globalDepth there,
 * and mapgrow records count:capacity (total slots) up to and including the
 * first table split, after which growth depends on the hash seed. The model
 * answers the same for Swiss maps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/conform/conform_internal.h"
#include "gogrow/map.h"

static int map_type(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, gg_maptype *m, gg_error *err)
{
	if (t->kind != GG_MAP) {
		snprintf(err->msg, sizeof err->msg, "not a map type");
		return 0;
	}
	return gg_map_type(tg, t, noswissmap, m, err) == GG_OK;
}

static int int_cell(const char *s, int64_t *v, gg_error *err)
{
	if (!gg_parse_int64(s, v)) {
		snprintf(err->msg, sizeof err->msg, "hint must be an integer, not \"%.40s\"", s);
		return 0;
	}
	return 1;
}

/* The integer in `cell` (a hint or a key count), then the row's map type. */
static int int_and_map(const char *cell, int64_t *v, const gg_type *t, const gg_target *tg,
		       gg_mapexp noswissmap, gg_maptype *m, gg_error *err)
{
	return int_cell(cell, v, err) && map_type(t, tg, noswissmap, m, err);
}

int ggi_conform_makemap(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			char out[][CONFORM_CELL], gg_error *err)
{
	gg_maptype m;
	gg_mapmake mk;
	int64_t hint;
	if (!int_and_map(f[3], &hint, t, tg, noswissmap, &m, err) ||
	    gg_makemap(&m, hint, 0, &mk, err) != GG_OK)
		return 0;
	snprintf(out[0], CONFORM_CELL, "%d", m.impl == GG_MAP_CLASSIC ? mk.B : mk.global_depth);
	snprintf(out[1], CONFORM_CELL, "%llu", (unsigned long long)mk.bytes);
	return 1;
}

typedef struct trans_buf {
	char *s;
	size_t off;
	int split; /* Swiss: the first split was recorded, stop */
} trans_buf;

static void add_transition(void *ctx, const gg_mapstep *s)
{
	trans_buf *b = ctx;
	if (b->off >= CONFORM_CELL || b->split)
		return;
	if (s->ev == GG_EV_DOUBLE)
		b->off += (size_t)snprintf(b->s + b->off, CONFORM_CELL - b->off, "%s%lld:%d",
					   b->off ? "," : "", (long long)s->count, s->B);
	else if (s->ev != GG_EV_FIRST_BUCKET) {
		b->off +=
		    (size_t)snprintf(b->s + b->off, CONFORM_CELL - b->off, "%s%lld:%llu", b->off ? "," : "",
				     (long long)s->count, (unsigned long long)s->capacity);
		b->split = s->ev == GG_EV_SPLIT;
	}
}

int ggi_conform_mapgrow(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, int64_t n,
			char out[][CONFORM_CELL], gg_error *err)
{
	gg_maptype m;
	if (!map_type(t, tg, noswissmap, &m, err))
		return 0;
	trans_buf b = {out[0], 0, 0};
	out[0][0] = 0;
	gg_mapgrowth g;
	/* Swiss: the listing stops at the first split (add_transition), the
	 * last exact step. */
	return gg_mapgrow(&m, 0, n, add_transition, &b, &g, err) == GG_OK;
}

int ggi_conform_mapalloc(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			 char out[][CONFORM_CELL], gg_error *err)
{
	gg_maptype m;
	gg_mapmake mk;
	int64_t hint = 0;
	int small = 0;
	/* small: make(map[K]V); const8: make(map[K]V, 8) with a constant 8.
	 * Both compile to makemap_small. */
	if (!strcmp(f[3], "small"))
		small = 1;
	else if (!strcmp(f[3], "const8"))
		small = 1, hint = 8;
	else if (!int_cell(f[3], &hint, err))
		return 0;
	if (!map_type(t, tg, noswissmap, &m, err) || gg_makemap(&m, hint, small, &mk, err) != GG_OK)
		return 0;
	snprintf(out[0], CONFORM_CELL, "%llu", (unsigned long long)mk.bytes);
	snprintf(out[1], CONFORM_CELL, "%llu", (unsigned long long)mk.mallocs);
	return 1;
}

/* A map filled with n distinct keys: the bytes and objects from make on,
 * per-key objects (keys or elems over 128 bytes) included. */
typedef struct fill_acc {
	int64_t count; /* len(m) at the last growth step */
	uint64_t total, mallocs;
} fill_acc;

static void fill_step(void *ctx, const gg_mapstep *s)
{
	fill_acc *a = ctx;
	a->count = s->count;
	a->total = s->total;
	for (int i = 0; i < s->nallocs; i++)
		a->mallocs += s->allocs[i].count;
}

/* Fails where the answer depends on the hash seed, naming `what`. */
static int fill(const gg_maptype *m, int64_t hint, gg_mapesc esc, int64_t n, const char *what, fill_acc *a,
		gg_error *err)
{
	gg_mapgrowth g;
	*a = (fill_acc){0, 0, 0};
	if (gg_mapgrow_esc(m, hint, esc, n, fill_step, a, &g, err) != GG_OK)
		return 0;
	if (g.exact_until < n) {
		snprintf(err->msg, sizeof err->msg, "%s past %lld keys depend on the hash seed", what,
			 (long long)g.exact_until);
		return 0;
	}
	if (g.steps == 0)
		a->total = g.make.bytes;
	a->total += (uint64_t)(n - a->count) * gg_map_entry_bytes(m);
	a->mallocs += g.make.mallocs + (uint64_t)n * ((uint64_t)m->indirect_key + (uint64_t)m->indirect_elem);
	return 1;
}

int ggi_conform_mapfill(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			char out[][CONFORM_CELL], gg_error *err)
{
	gg_maptype m;
	int64_t n;
	fill_acc a;
	if (!int_and_map(f[3], &n, t, tg, noswissmap, &m, err))
		return 0;
	/* A classic map's 9th key may already need an overflow bucket. */
	if (m.impl == GG_MAP_CLASSIC && n > GG_MAP_SLOTS) {
		snprintf(err->msg, sizeof err->msg, "classic fill bytes past 8 keys depend on the hash seed");
		return 0;
	}
	if (!fill(&m, 0, GG_MAPESC_HEAP, n, "fill bytes", &a, err))
		return 0;
	snprintf(out[0], CONFORM_CELL, "%llu", (unsigned long long)a.total);
	return 1;
}

/* form: small = make(map[K]V), cH = make(map[K]V, H) with a constant H,
 * vH = a run-time hint H. For a map that does not escape a constant and a
 * variable hint compile to the same test (hint <= 8), so only H matters. */
int ggi_conform_mapstack(const gg_type *t, const gg_target *tg, gg_mapexp noswissmap, char *const *f,
			 char out[][CONFORM_CELL], gg_error *err)
{
	gg_maptype m;
	int64_t hint = 0, n;
	fill_acc a;
	if (strcmp(f[3], "small") != 0 &&
	    ((f[3][0] != 'c' && f[3][0] != 'v') || !int_cell(f[3] + 1, &hint, err))) {
		snprintf(err->msg, sizeof err->msg, "form must be small, cH or vH, not \"%.40s\"", f[3]);
		return 0;
	}
	if (!int_and_map(f[4], &n, t, tg, noswissmap, &m, err) ||
	    !fill(&m, hint, GG_MAPESC_STACK, n, "bytes", &a, err))
		return 0;
	snprintf(out[0], CONFORM_CELL, "%llu", (unsigned long long)a.total);
	snprintf(out[1], CONFORM_CELL, "%llu", (unsigned long long)a.mallocs);
	return 1;
}
