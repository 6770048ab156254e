/* Conformance rows (gogrow/conform.h): which target a row names, its type
 * (parsed once for a run of rows), the comments that carry a mapgrow
 * file's N, and the dispatch to the kind's answer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/conform/conform_internal.h"

struct gg_conform {
	const gg_conform_kind *kind;
	/* Rows come grouped by type: keep the last parse. */
	char *type_src;
	gg_typeexpr *type;
	gg_error type_err;
	/* mapgrow: the "# TYPE: N=..." comment above a type's rows. */
	char *n_type;
	int64_t n_val;
	char (*cells)[CONFORM_CELL]; /* GG_CONFORM_MAX_MEASURED answers, on the heap: 256 KiB */
};

gg_status gg_conform_new(const gg_conform_kind *kind, gg_conform **out)
{
	gg_conform *c = calloc(1, sizeof *c);
	if (c)
		c->cells = malloc(GG_CONFORM_MAX_MEASURED * sizeof *c->cells);
	if (!c || !c->cells) {
		free(c);
		*out = NULL;
		return GG_ERR_NOMEM;
	}
	c->kind = kind;
	*out = c;
	return GG_OK;
}

void gg_conform_free(gg_conform *c)
{
	if (!c)
		return;
	gg_typeexpr_free(c->type);
	free(c->type_src);
	free(c->n_type);
	free(c->cells);
	free(c);
}

int64_t gg_golden_grow_len(uint64_t size)
{
	if (size == 0)
		return 5000;
	int64_t n = (int64_t)((UINT64_C(1) << 27) / size);
	if (n > (1 << 20))
		n = 1 << 20;
	if (size >= 4096 && n > 2000)
		n = 2000;
	return n;
}

/* "# map[int32]int32: N=1048576, keys 0..1048575 inserted" */
void gg_conform_comment(gg_conform *c, const char *line)
{
	const char *p = strstr(line, ": N=");
	int64_t n;
	char num[24];
	if (strncmp(line, "# ", 2) != 0 || !p)
		return;
	size_t k = strspn(p + 4, "0123456789");
	if (k == 0 || k >= sizeof num)
		return;
	memcpy(num, p + 4, k);
	num[k] = 0;
	if (!gg_parse_int64(num, &n))
		return;
	char *type = strndup(line + 2, (size_t)(p - line - 2));
	if (!type)
		return;
	free(c->n_type);
	c->n_type = type;
	c->n_val = n;
}

static const gg_type *row_type(gg_conform *c, const char *src, gg_error *err)
{
	if (c->type_src && !strcmp(c->type_src, src)) {
		if (!c->type)
			*err = c->type_err;
		return c->type ? gg_typeexpr_root(c->type) : NULL;
	}
	gg_typeexpr_free(c->type);
	free(c->type_src);
	c->type = NULL;
	c->type_src = strdup(src);
	c->type_err = (gg_error){0};
	if (!c->type_src) {
		*err = (gg_error){.code = GG_ERR_NOMEM, .msg = "out of memory"};
		return NULL;
	}
	if (gg_type_parse(src, &c->type, &c->type_err) != GG_OK) {
		c->type = NULL;
		*err = c->type_err;
		return NULL;
	}
	return gg_typeexpr_root(c->type);
}

/* The go column is runtime.Version(), which names non-default
 * experiments after the release: "go1.24.4 X:noswissmap". */
static int row_target(char *const *f, gg_target *t, int *noswissmap, gg_error *err)
{
	char go_s[64];
	int go;
	*noswissmap = 0;
	snprintf(go_s, sizeof go_s, "%s", f[0]);
	char *x = strstr(go_s, " X:");
	if (x) {
		*x = 0;
		char *save = NULL;
		for (char *e = strtok_r(x + 3, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
			if (strcmp(e, "noswissmap") != 0) {
				err->code = GG_ERR_UNSUPPORTED;
				snprintf(err->msg, sizeof err->msg,
					 "GOEXPERIMENT %.40s is not modelled (only noswissmap is)", e);
				return 0;
			}
			*noswissmap = 1;
		}
	}
	gg_status st = gg_release_parse(go_s, &go, err);
	if (st == GG_OK)
		st = gg_target_make(f[1], go, t, err);
	return st == GG_OK;
}

static int answer(gg_conform *c, const gg_type *t, const gg_target *tg, int noswiss, char *const *f,
		  gg_error *err)
{
	char(*out)[CONFORM_CELL] = c->cells;
	switch ((kind_id)c->kind->id) {
	case KIND_LAYOUT: return ggi_conform_layout(t, tg, out, err);
	case KIND_LAYOUTSA: return ggi_conform_layoutsa(t, tg, out, err);
	case KIND_GROWTH: return ggi_conform_growth(t, tg, out, err);
	case KIND_APPEND: return ggi_conform_append(t, tg, f, out, err);
	case KIND_STACKAPPEND: return ggi_conform_stackappend(t, tg, f, out, err);
	case KIND_MAKEMAP: return ggi_conform_makemap(t, tg, noswiss, f, out, err);
	case KIND_MAPALLOC: return ggi_conform_mapalloc(t, tg, noswiss, f, out, err);
	case KIND_MAPFILL: return ggi_conform_mapfill(t, tg, noswiss, f, out, err);
	case KIND_MAPSTACK: return ggi_conform_mapstack(t, tg, noswiss, f, out, err);
	case KIND_CONV: return 0; /* answered by the caller: no type column */
	case KIND_MAPGROW:
		if (!c->n_type || strcmp(c->n_type, f[2]) != 0) {
			snprintf(err->msg, sizeof err->msg, "no \"# %.80s: N=...\" comment above the row",
				 f[2]);
			return 0;
		}
		return ggi_conform_mapgrow(t, tg, noswiss, c->n_val, out, err);
	}
	return 0;
}

gg_status gg_conform_row(gg_conform *c, char *const *f, const char *cells[GG_CONFORM_MAX_MEASURED],
			 gg_error *err)
{
	gg_target tg;
	int noswiss, ok;
	*err = (gg_error){0};
	if (!row_target(f, &tg, &noswiss, err))
		return err->code ? err->code : GG_ERR_RANGE;
	if (c->kind->id == KIND_CONV)
		ok = ggi_conform_conv(&tg, f, c->cells, err);
	else {
		const gg_type *t = row_type(c, f[2], err);
		ok = t && answer(c, t, &tg, noswiss, f, err);
	}
	if (!ok)
		return err->code ? err->code : GG_ERR_RANGE;
	for (int i = 0; i < c->kind->nmeasured; i++)
		cells[i] = c->cells[i];
	return GG_OK;
}
