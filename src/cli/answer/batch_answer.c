/* The answers of gogrow batch: one question of a line, asked of the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "gogrow/map.h"

/* The line column of the type's byte at 1-based `col`. */
static unsigned long line_col(const batch_question *q, int col)
{
	size_t n = strlen(q->type);
	size_t c = col > 0 ? (size_t)col : 1;
	if (!q->type_cols)
		return q->type_col + c - 1;
	if (c <= n)
		return q->type_cols[c - 1];
	return n ? q->type_cols[n - 1] + 1 : q->type_col;
}

static const gg_type *parse_cached(const batch_question *q, batch_state *b, char *err, size_t errlen)
{
	if (!b->type_src || strcmp(b->type_src, q->type)) {
		gg_typeexpr_free(b->type);
		free(b->type_src);
		b->type = NULL;
		b->type_src = strdup(q->type);
		if (!b->type_src)
			b->err = (gg_error){GG_ERR_NOMEM, 0, "out of memory"};
		else if (gg_type_parse(q->type, &b->type, &b->err) != GG_OK)
			b->type = NULL;
	}
	if (!b->type) {
		snprintf(err, errlen, "bad type: %s (column %lu)", b->err.msg, line_col(q, b->err.column));
		return NULL;
	}
	return gg_typeexpr_root(b->type);
}

static int is_struct_literal(const gg_type *t)
{
	return t->kind == GG_STRUCT && !t->name && t->nfields > 0;
}

static gg_status ask_layout(const batch_question *q, const gg_type *t, const gg_target *tg, batch_answer *a,
			    char *err, size_t errlen, gg_error *ge)
{
	gg_layout l;
	gg_status st = gg_layout_of(tg, t, &l, ge);
	if (st != GG_OK)
		return st;
	a->size = l.size, a->align = l.align, a->ptrdata = l.ptrdata;
	if (!is_struct_literal(t)) {
		if (q->kind == Q_OFFSETS)
			return snprintf(err, errlen,
					"offsets needs a struct literal such as struct{a int8; b int64}"),
			       GG_ERR_TYPE;
		return GG_OK;
	}
	if (!(a->offs = malloc(t->nfields * sizeof *a->offs)) ||
	    !(a->fields = calloc(t->nfields, sizeof *a->fields)))
		return snprintf(err, errlen, "out of memory"), GG_ERR_NOMEM;
	/* A JSON layout answer lists the fields like `gogrow layout --json`. */
	for (size_t f = 0; f < t->nfields; f++) {
		gg_layout fl = {0, 0, 0};
		gg_layout_of(tg, t->fields[f].type, &fl, NULL);
		a->fields[f] = (batch_field){t->fields[f].name, fl.size, fl.align};
	}
	return gg_struct_offsets(tg, t, a->offs, t->nfields, &a->noffs, ge);
}

static gg_status ask_slice(const batch_question *q, const gg_type *t, const gg_target *tg, batch_answer *a,
			   char *err, size_t errlen, gg_error *ge)
{
	gg_elem e;
	if (t->kind != GG_SLICE)
		return snprintf(err, errlen, "%s needs a slice type such as []int", q->name), GG_ERR_TYPE;
	gg_status st = gg_elem_of(tg, t->elem, &e, ge);
	if (st != GG_OK)
		return st;
	if (q->kind == Q_APPEND) {
		gg_grow g;
		int64_t cap = q->has_cap ? q->cap : q->len;
		if ((st = gg_makeslice(tg, e, q->len, cap, NULL, ge)) != GG_OK ||
		    (st = gg_growslice(tg, e, q->len, cap, q->add, &g, ge)) != GG_OK)
			return st;
		a->newcap = g.newcap, a->bytes = g.capbytes, a->alloc = g.alloc;
		return GG_OK;
	}
	if (q->n < 1 || q->n > (INT64_C(1) << 40))
		return snprintf(err, errlen, "n must be between 1 and 2^40"), GG_ERR_RANGE;
	return batch_caps(tg, e, q->n, a->buf, sizeof a->buf, ge) ? GG_OK : GG_ERR_RANGE;
}

int batch_ask(const batch_question *q, batch_state *b, batch_answer *a, char *err, size_t errlen)
{
	gg_error ge = {0};
	gg_target tgv, *tg = &tgv;
	int go;
	err[0] = 0;
	if (gg_release_parse(q->go, &go, &ge) != GG_OK || gg_target_make(q->arch, go, tg, &ge) != GG_OK) {
		snprintf(err, errlen, "%s", ge.msg);
		return 0;
	}
	const gg_type *t = parse_cached(q, b, err, errlen);
	if (!t)
		return 0;
	gg_status st;
	if (q->kind == Q_LAYOUT || q->kind == Q_OFFSETS)
		st = ask_layout(q, t, tg, a, err, errlen, &ge);
	else if (q->kind == Q_MAKEMAP) {
		gg_maptype mt;
		gg_mapmake mk;
		if (t->kind != GG_MAP) {
			snprintf(err, errlen, "makemap needs a map type such as map[string]int");
			return 0;
		}
		st = gg_map_type(tg, t, 0, &mt, &ge);
		if (st == GG_OK && (st = gg_makemap(&mt, q->len, 0, &mk, &ge)) == GG_OK)
			a->bytes = mk.bytes, a->mallocs = mk.mallocs;
	} else
		st = ask_slice(q, t, tg, a, err, errlen, &ge);
	if (st != GG_OK && !err[0])
		snprintf(err, errlen, "%s", ge.msg);
	return st == GG_OK;
}

static void add_cap(void *ctx, const gg_grow *g, int final)
{
	struct capbuf {
		char *s;
		size_t off, cap;
	} *c = ctx;
	(void) final;
	if (c->off < c->cap)
		c->off += (size_t)snprintf(c->s + c->off, c->cap - c->off, "%s%lld", c->off ? "," : "",
					   (long long)g->newcap);
}

int batch_caps(const gg_target *tg, gg_elem e, int64_t n, char *buf, size_t cap, gg_error *err)
{
	struct capbuf {
		char *s;
		size_t off, cap;
	} c = {buf, 0, cap};
	buf[0] = 0;
	if (e.size == 0 && n > 100000) {
		snprintf(err->msg, sizeof err->msg,
			 "zero-size elements grow at every append: n must be <= 100000");
		return 0;
	}
	if (gg_slice_fill(tg, e, GG_ESC_HEAP, n, add_cap, &c, err) != GG_OK)
		return 0;
	if (c.off >= cap) {
		snprintf(err->msg, sizeof err->msg, "too many caps for one answer");
		return 0;
	}
	return 1;
}

void batch_answer_free(batch_answer *a)
{
	free(a->offs);
	free(a->fields);
	a->offs = NULL;
	a->fields = NULL;
}
