/* The field order that makes a struct smallest, or that makes its ptrdata
 * shortest (fieldorder.h).
 *
 * Source: golang.org/x/tools/go/analysis/passes/fieldalignment
 * (optimalOrder, byAlignAndSize.Less). Every Go type's size is a multiple
 * of its alignment, so fields sorted by decreasing alignment need no
 * padding between them and the struct takes the sum of their sizes rounded
 * up to its alignment, the least possible; zero-size fields go first
 * because a trailing one costs a byte (layout.c). Among fields of one
 * alignment, pointerful ones come first, the one with the most trailing
 * pointer-free bytes last of them, which keeps ptrdata short too. The
 * ptrdata goal puts every pointerful field before every pointer-free one,
 * whatever their alignments. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/fieldorder.h"
#include "model/util.h"

typedef struct fkey {
	size_t index;
	gg_layout l;
} fkey;

/* Whether field a goes before field b for `goal`; `asc`: pointer-free
 * fields by increasing alignment, which can fill the padding after the
 * pointer section better (ptrdata goal only). */
static int before(const fkey *a, const fkey *b, gg_order_goal goal, int asc)
{
	int za = a->l.size == 0, zb = b->l.size == 0;
	if (za != zb)
		return za;
	int pa = a->l.ptrdata != 0, pb = b->l.ptrdata != 0;
	if (goal == GG_ORDER_PTRDATA && pa != pb)
		return pa;
	if (a->l.align != b->l.align)
		return asc && !pa ? a->l.align < b->l.align : a->l.align > b->l.align;
	if (pa != pb)
		return pa;
	if (pa && a->l.size - a->l.ptrdata != b->l.size - b->l.ptrdata)
		return a->l.size - a->l.ptrdata < b->l.size - b->l.ptrdata;
	if (a->l.size != b->l.size)
		return a->l.size > b->l.size;
	return a->index < b->index; /* stable */
}

/* Insertion sort: structs have few fields, and it is stable. */
static void sort_keys(fkey *k, size_t n, gg_order_goal goal, int asc)
{
	for (size_t i = 1; i < n; i++) {
		fkey x = k[i];
		size_t j = i;
		for (; j > 0 && before(&x, &k[j - 1], goal, asc); j--)
			k[j] = k[j - 1];
		k[j] = x;
	}
}

gg_status gg_struct_layout_in_order(const gg_target *tg, const gg_type *t, const size_t *order,
				    gg_layout *out, uint64_t *offs, gg_error *err)
{
	if (t->kind != GG_STRUCT || t->measured)
		return ggi_fail(err, GG_ERR_TYPE, t->column, "not a struct type with known fields");
	gg_field *f = malloc((t->nfields ? t->nfields : 1) * sizeof *f);
	if (!f)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < t->nfields; i++) {
		if (order[i] >= t->nfields) {
			free(f);
			return ggi_fail(err, GG_ERR_RANGE, 0, "field order: index %zu out of range",
					order[i]);
		}
		f[i] = t->fields[order[i]];
	}
	gg_type r = *t;
	r.fields = f;
	size_t n = 0;
	gg_status st = gg_layout_of(tg, &r, out, err);
	if (st == GG_OK && offs)
		st = gg_struct_offsets(tg, &r, offs, t->nfields, &n, err);
	free(f);
	return st;
}

/* The ptrdata goal: the pointer-free fields by increasing alignment
 * instead, kept when the struct comes out smaller. */
static gg_status try_ascending(const gg_type *t, const gg_target *tg, fkey *k, size_t *order, gg_layout *out,
			       gg_error *err)
{
	size_t *alt = malloc((t->nfields ? t->nfields : 1) * sizeof *alt);
	if (!alt)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	sort_keys(k, t->nfields, GG_ORDER_PTRDATA, 1);
	for (size_t i = 0; i < t->nfields; i++)
		alt[i] = k[i].index;
	gg_layout l;
	gg_status st = gg_struct_layout_in_order(tg, t, alt, &l, NULL, err);
	if (st == GG_OK && l.size < out->size) {
		memcpy(order, alt, t->nfields * sizeof *alt);
		*out = l;
	}
	free(alt);
	return st;
}

gg_status gg_struct_best_order(const gg_target *tg, const gg_type *t, gg_order_goal goal, size_t *order,
			       size_t cap, gg_layout *out, gg_error *err)
{
	if (t->kind != GG_STRUCT || t->measured)
		return ggi_fail(err, GG_ERR_TYPE, t->column, "not a struct type with known fields");
	if (cap < t->nfields)
		return ggi_fail(err, GG_ERR_RANGE, 0, "room for %zu field indexes, the struct has %zu", cap,
				t->nfields);
	fkey *k = malloc((t->nfields ? t->nfields : 1) * sizeof *k);
	if (!k)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	gg_status st = GG_OK;
	for (size_t i = 0; i < t->nfields && st == GG_OK; i++) {
		k[i].index = i;
		st = gg_layout_of(tg, t->fields[i].type, &k[i].l, err);
	}
	if (st == GG_OK) {
		sort_keys(k, t->nfields, goal, 0);
		for (size_t i = 0; i < t->nfields; i++)
			order[i] = k[i].index;
		st = gg_struct_layout_in_order(tg, t, order, out, NULL, err);
	}
	if (st == GG_OK && goal == GG_ORDER_PTRDATA)
		st = try_ascending(t, tg, k, order, out, err);
	free(k);
#ifndef NDEBUG
	gg_layout orig;
	assert(st != GG_OK || goal != GG_ORDER_SIZE || gg_layout_of(tg, t, &orig, NULL) != GG_OK ||
	       out->size <= orig.size);
#endif
	return st;
}
