/* Row formats of the golden vectors and how the model answers the slice
 * and layout kinds (the map kinds are in maps.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/conform/conform_internal.h"

static const gg_conform_kind kinds[] = {
    {KIND_LAYOUT, "layout", 7, {"go", "arch", "type", "size", "align", "offsets", "ptrs"}, 4, {3, 4, 5, 6}},
    {KIND_LAYOUTSA, "layoutsa", 5, {"go", "arch", "type", "size", "align"}, 2, {3, 4}},
    {KIND_GROWTH, "growth", 4, {"go", "arch", "type", "caps"}, 1, {3}},
    {KIND_APPEND, "append", 7, {"go", "arch", "type", "len", "cap", "add", "newcap"}, 1, {6}},
    {KIND_STACKAPPEND, "stackappend", 7, {"go", "arch", "type", "escape", "n", "measure", "value"}, 1, {6}},
    {KIND_MAKEMAP, "makemap", 6, {"go", "arch", "maptype", "hint", "B", "bytes"}, 2, {4, 5}},
    {KIND_MAPGROW, "mapgrow", 4, {"go", "arch", "maptype", "transitions"}, 1, {3}},
    {KIND_MAPALLOC, "mapalloc", 6, {"go", "arch", "maptype", "hint", "bytes", "mallocs"}, 2, {4, 5}},
    {KIND_MAPFILL, "mapfill", 5, {"go", "arch", "maptype", "n", "bytes"}, 1, {4}},
    {KIND_CONV, "conv", 6, {"go", "arch", "conv", "use", "n", "cap"}, 1, {5}},
    {KIND_MAPSTACK, "mapstack", 7, {"go", "arch", "maptype", "form", "n", "bytes", "mallocs"}, 2, {5, 6}},
};

const gg_conform_kind *gg_conform_kind_at(size_t i)
{
	return i < sizeof kinds / sizeof kinds[0] ? &kinds[i] : NULL;
}

void gg_conform_kind_names(char *buf, size_t n)
{
	size_t off = 0, nk = sizeof kinds / sizeof kinds[0];
	buf[0] = 0;
	for (size_t k = 0; k < nk && off < n; k++)
		off += (size_t)snprintf(buf + off, n - off, "%s%s",
					k == 0	      ? ""
					: k + 1 == nk ? " or "
						      : ", ",
					kinds[k].name);
}

const gg_conform_kind *gg_conform_kind_of(const char *header)
{
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		char want[256] = "";
		size_t off = 0;
		for (int i = 0; i < kinds[k].ncols; i++)
			off += (size_t)snprintf(want + off, sizeof want - off, "%s%s", i ? "\t" : "",
						kinds[k].cols[i]);
		if (!strcmp(header, want))
			return &kinds[k];
	}
	return NULL;
}

/* size and align into out[0] and out[1]; *l gets the whole layout. */
static int size_align(const gg_type *t, const gg_target *tg, gg_layout *l, char out[][CONFORM_CELL],
		      gg_error *err)
{
	if (gg_layout_of(tg, t, l, err) != GG_OK)
		return 0;
	snprintf(out[0], CONFORM_CELL, "%llu", (unsigned long long)l->size);
	snprintf(out[1], CONFORM_CELL, "%llu", (unsigned long long)l->align);
	return 1;
}

int ggi_conform_layoutsa(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err)
{
	gg_layout l;
	return size_align(t, tg, &l, out, err);
}

int ggi_conform_layout(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err)
{
	gg_layout l;
	if (!size_align(t, tg, &l, out, err))
		return 0;
	/* Offsets are listed for struct literals with fields only. */
	if (t->kind == GG_STRUCT && !t->name && t->nfields > 0) {
		uint64_t offs[512];
		size_t n, off = 0;
		if (gg_struct_offsets(tg, t, offs, 512, &n, err) != GG_OK)
			return 0;
		out[2][0] = 0;
		for (size_t i = 0; i < n && i < 512 && off < CONFORM_CELL; i++)
			off += (size_t)snprintf(out[2] + off, CONFORM_CELL - off, "%s%llu", i ? "," : "",
						(unsigned long long)offs[i]);
	} else
		snprintf(out[2], CONFORM_CELL, "-");
	snprintf(out[3], CONFORM_CELL, "%d", l.ptrdata != 0);
	return 1;
}

typedef struct caps_buf {
	char *s;
	size_t off;
} caps_buf;

/* Appends ",cap" to the cell; 0 once it no longer fits. */
static int put_cap(caps_buf *b, int64_t cap)
{
	if (b->off < CONFORM_CELL)
		b->off += (size_t)snprintf(b->s + b->off, CONFORM_CELL - b->off, "%s%lld", b->off ? "," : "",
					   (long long)cap);
	return b->off < CONFORM_CELL;
}

static void add_cap(void *ctx, const gg_grow *g, int final)
{
	(void) final;
	put_cap(ctx, g->newcap);
}

int ggi_conform_growth(const gg_type *t, const gg_target *tg, char out[][CONFORM_CELL], gg_error *err)
{
	gg_elem e;
	if (gg_elem_of(tg, t, &e, err) != GG_OK)
		return 0;
	caps_buf b = {out[0], 0};
	out[0][0] = 0;
	return gg_slice_fill(tg, e, GG_ESC_HEAP, gg_golden_grow_len(e.size), add_cap, &b, err) == GG_OK;
}

int ggi_conform_append(const gg_type *t, const gg_target *tg, char *const *f, char out[][CONFORM_CELL],
		       gg_error *err)
{
	gg_elem e;
	int64_t len, cap, add;
	if (sscanf(f[3], "%lld", (long long *)&len) != 1 || sscanf(f[4], "%lld", (long long *)&cap) != 1 ||
	    sscanf(f[5], "%lld", (long long *)&add) != 1) {
		snprintf(err->msg, sizeof err->msg, "len, cap and add must be integers");
		return 0;
	}
	if (gg_elem_of(tg, t, &e, err) != GG_OK)
		return 0;
	gg_grow g;
	if (gg_growslice(tg, e, len, cap, add, &g, err) != GG_OK)
		return 0;
	snprintf(out[0], CONFORM_CELL, "%lld", (long long)g.newcap);
	return 1;
}

typedef enum { MEASURE_FINAL, MEASURE_SUM, MEASURE_SEQ } measure_id;

#define STACKAPPEND_MAX_N (1 << 20)

static int stackappend_args(char *const *f, gg_escape *esc, int64_t *n, measure_id *m, gg_error *err)
{
	static const char *const measures[] = {"final", "sum", "seq"};
	long long v;
	char end;
	if (!gg_escape_parse(f[3], esc)) {
		snprintf(err->msg, sizeof err->msg, "escape must be heap, stack, return or return-cap");
		return 0;
	}
	if (sscanf(f[4], "%lld%c", &v, &end) != 1 || v < 0 || v > STACKAPPEND_MAX_N) {
		snprintf(err->msg, sizeof err->msg, "n must be an integer from 0 to %d", STACKAPPEND_MAX_N);
		return 0;
	}
	*n = v;
	for (int i = 0; i < 3; i++)
		if (!strcmp(f[5], measures[i])) {
			*m = (measure_id)i;
			return 1;
		}
	snprintf(err->msg, sizeof err->msg, "measure must be final, sum or seq");
	return 0;
}

/* Appends n elements one at a time from a nil slice and measures the caps:
 * after the escape point (final), summed after each append (sum) or listed
 * after each append (seq). */
static int stackappend_run(gg_slicestate *s, int64_t n, measure_id m, char *cell, gg_error *err)
{
	caps_buf b = {cell, 0};
	long long sum = 0;
	cell[0] = 0;
	for (int64_t i = 0; i < n; i++) {
		gg_grow g;
		if (gg_slice_append(s, 1, &g, err) != GG_OK)
			return 0;
		sum += s->cap;
		if (m == MEASURE_SEQ && !put_cap(&b, s->cap)) {
			snprintf(err->msg, sizeof err->msg, "the caps of %lld appends do not fit a cell",
				 (long long)n);
			return 0;
		}
	}
	if (m == MEASURE_FINAL)
		snprintf(cell, CONFORM_CELL, "%lld", (long long)gg_slice_finish(s, NULL));
	else if (m == MEASURE_SUM)
		snprintf(cell, CONFORM_CELL, "%lld", sum);
	return 1;
}

int ggi_conform_stackappend(const gg_type *t, const gg_target *tg, char *const *f, char out[][CONFORM_CELL],
			    gg_error *err)
{
	gg_escape esc;
	int64_t n;
	measure_id m;
	gg_elem e;
	if (!stackappend_args(f, &esc, &n, &m, err) || gg_elem_of(tg, t, &e, err) != GG_OK)
		return 0;
	gg_slicestate s;
	gg_slice_start(&s, tg, e, esc, 0, 0);
	return stackappend_run(&s, n, m, out[0], err);
}

int ggi_conform_conv(const gg_target *tg, char *const *f, char out[][CONFORM_CELL], gg_error *err)
{
	static const char *convs[] = {"bytes", "runes", "constbytes"};
	static const char *uses[] = {"escapes", "local", "readonly"};
	int c = -1, u = -1;
	for (int i = 0; i < 3; i++) {
		if (!strcmp(f[2], convs[i]))
			c = i;
		if (!strcmp(f[3], uses[i]))
			u = i;
	}
	int64_t n, cap;
	if (c < 0 || u < 0 || !gg_parse_int64(f[4], &n)) {
		snprintf(
		    err->msg, sizeof err->msg,
		    "conv must be bytes, runes or constbytes, use escapes, local or readonly, n an integer");
		return 0;
	}
	if (gg_conv_cap(tg, (gg_conv)c, (gg_convuse)u, n, &cap, err) != GG_OK)
		return 0;
	snprintf(out[0], CONFORM_CELL, "%lld", (long long)cap);
	return 1;
}
