/* gogrow layout TYPE: what unsafe.Sizeof/Alignof/Offsetof say on each target,
 * and for a struct each field's padding and the field orders that make it
 * smallest or make its pointer prefix (ptrdata) shortest (fieldorder.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/out.h"
#include "gogrow/fieldorder.h"

#define MAX_FIELDS 256

/* One target's struct layout and the advice on its field order. */
typedef struct fields_info {
	size_t nf;
	uint64_t offs[MAX_FIELDS];
	gg_layout fl[MAX_FIELDS];
	size_t order[MAX_FIELDS], porder[MAX_FIELDS];
	gg_layout best, pbest;
	int advice; /* best and pbest are set */
} fields_info;

/* Field layouts and the orders; advice is left out when a field does not
 * lay out or the struct is too wide for the table. */
static void fill_info(const gg_type *t, const gg_target *tg, fields_info *fi)
{
	fi->advice = 0;
	if (fi->nf > MAX_FIELDS || t->nfields > MAX_FIELDS)
		return;
	for (size_t f = 0; f < fi->nf; f++)
		if (gg_layout_of(tg, t->fields[f].type, &fi->fl[f], NULL) != GG_OK)
			return;
	fi->advice =
	    gg_struct_best_order(tg, t, GG_ORDER_SIZE, fi->order, MAX_FIELDS, &fi->best, NULL) == GG_OK &&
	    gg_struct_best_order(tg, t, GG_ORDER_PTRDATA, fi->porder, MAX_FIELDS, &fi->pbest, NULL) == GG_OK;
}

/* Bytes of padding before field f (after the last field for f == nf). */
static uint64_t padding(const fields_info *fi, size_t f, uint64_t size)
{
	uint64_t end = f == 0 ? 0 : fi->offs[f - 1] + fi->fl[f - 1].size;
	uint64_t at = f < fi->nf ? fi->offs[f] : size;
	return at > end ? at - end : 0;
}

static int ptr_differs(const fields_info *fi)
{
	return fi->pbest.ptrdata < fi->best.ptrdata;
}

static void json_names(json_w *w, const gg_type *t, const size_t *order, size_t n)
{
	jw_arr(w, "fields");
	for (size_t i = 0; i < n; i++)
		jw_s(w, NULL, t->fields[order[i]].name);
	jw_end_arr(w);
}

static void json_fields(json_w *w, const gg_type *t, const fields_info *fi, const gg_layout *l)
{
	jw_arr(w, "fields");
	for (size_t f = 0; f < fi->nf && f < MAX_FIELDS; f++) {
		jw_obj(w, NULL);
		jw_s(w, "name", t->fields[f].name);
		jw_u(w, "offset", fi->offs[f]);
		jw_u(w, "size", fi->fl[f].size);
		jw_u(w, "align", fi->fl[f].align);
		jw_u(w, "padding", padding(fi, f, l->size));
		jw_end_obj(w);
	}
	jw_end_arr(w);
	if (!fi->advice)
		return;
	jw_obj(w, "suggested");
	json_names(w, t, fi->order, fi->nf);
	jw_u(w, "size", fi->best.size);
	jw_u(w, "saved", l->size - fi->best.size);
	jw_u(w, "saved_per_million", (l->size - fi->best.size) * 1000000);
	jw_end_obj(w);
	if (ptr_differs(fi)) {
		jw_obj(w, "suggested_ptrdata");
		json_names(w, t, fi->porder, fi->nf);
		jw_u(w, "ptrdata", fi->pbest.ptrdata);
		jw_end_obj(w);
	}
}

static void text_names(out_sink *f, const gg_type *t, const size_t *order, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sink_printf(f, "%s%s", i ? ", " : "", t->fields[order[i]].name);
}

/* The text lines for one target: a field table and the advice. Targets
 * with the same lines share them. Returns a malloc'd string or NULL. */
static char *text_block(const gg_type *t, const fields_info *fi, const gg_layout *l)
{
	out_sink mem, *f = &mem;
	sink_mem(f);
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"field", "offset", "size", "align", "padding"};
	for (int c = 0; c < 5; c++)
		table_col(&tab, heads[c], c > 0);
	for (size_t i = 0; i < fi->nf && i < MAX_FIELDS; i++) {
		char o[24], s[24], a[24], p[24];
		const char *cells[] = {t->fields[i].name, fmt_u64(o, fi->offs[i]), fmt_u64(s, fi->fl[i].size),
				       fmt_u64(a, fi->fl[i].align), fmt_u64(p, padding(fi, i, l->size))};
		table_row(&tab, cells);
	}
	char p[24];
	const char *end[] = {"(end)", "", "", "", fmt_u64(p, padding(fi, fi->nf, l->size))};
	if (padding(fi, fi->nf, l->size))
		table_row(&tab, end);
	table_print(&tab, FMT_TEXT, f);
	table_free(&tab);
	if (fi->advice && fi->best.size < l->size) {
		sink_printf(f, "smallest order: ");
		text_names(f, t, fi->order, fi->nf);
		uint64_t saved = l->size - fi->best.size;
		sink_printf(
		    f, "\n  %llu bytes: %llu fewer per element, %llu fewer per 1 M elements in a slice\n",
		    (unsigned long long)fi->best.size, (unsigned long long)saved,
		    (unsigned long long)saved * 1000000);
	} else if (fi->advice)
		sink_printf(f, "smallest order: the declared one (%llu bytes)\n",
			    (unsigned long long)l->size);
	if (fi->advice && ptr_differs(fi)) {
		sink_printf(f, "pointers first: ");
		text_names(f, t, fi->porder, fi->nf);
		sink_printf(f,
			    "\n  ptrdata %llu instead of %llu (bytes the GC scans per element), %llu bytes\n",
			    (unsigned long long)fi->pbest.ptrdata, (unsigned long long)fi->best.ptrdata,
			    (unsigned long long)fi->pbest.size);
	}
	if (sink_failed(f)) {
		sink_free(f);
		return NULL;
	}
	return f->buf;
}

/* Each distinct block once, under the targets that share it. */
static void print_blocks(char **blocks, const cli_common *c)
{
	for (int i = 0; i < c->ntargets; i++) {
		int seen = !blocks[i];
		for (int j = 0; j < i && !seen; j++)
			seen = blocks[j] && !strcmp(blocks[i], blocks[j]);
		if (seen)
			continue;
		sink_printf(sink_stdout(), "\nfields on");
		for (int j = i; j < c->ntargets; j++)
			if (blocks[j] && !strcmp(blocks[i], blocks[j])) {
				char gb[16];
				sink_printf(sink_stdout(), "%s %s/%s", j == i ? "" : ",",
					    cli_go_name(c->targets[j].go, gb), c->targets[j].arch->name);
			}
		sink_printf(sink_stdout(), ":\n%s", blocks[i]);
	}
}

typedef struct layout_run {
	cli_common c;
	const gg_type *t;
	int is_struct;
	out_table tab;
	json_w w;
	char **blocks; /* text: the field lines of each target */
	fields_info fi;
} layout_run;

static void one_error(layout_run *r, const char *gb, const gg_target *tg, const gg_error *err)
{
	/* In the table too, so that a grid shows which targets failed. */
	cli_error("%s/%s: %s", gb, tg->arch->name, err->msg);
	if (r->c.fmt == FMT_JSON) {
		jw_s(&r->w, "error", err->msg);
		jw_end_obj(&r->w);
	} else {
		const char *cells[] = {gb, tg->arch->name, "error:", err->msg, "", "", ""};
		table_row(&r->tab, cells);
	}
}

/* One target's row (text, TSV) or object (JSON); the exit code. */
static int one_target(layout_run *r, int i)
{
	const gg_target *tg = &r->c.targets[i];
	fields_info *fi = &r->fi;
	gg_layout l;
	gg_error err = {0};
	char gb[16], sz[24], al[24], pd[24], of[MAX_FIELDS * 12] = "";
	cli_go_name(tg->go, gb);
	fi->nf = 0;
	gg_status st = gg_layout_of(tg, r->t, &l, &err);
	if (st == GG_OK && r->is_struct)
		st = gg_struct_offsets(tg, r->t, fi->offs, MAX_FIELDS, &fi->nf, &err);
	if (r->c.fmt == FMT_JSON) {
		jw_obj(&r->w, NULL);
		jw_s(&r->w, "go", gb);
		jw_s(&r->w, "arch", tg->arch->name);
	}
	if (st != GG_OK)
		return one_error(r, gb, tg, &err), cli_exit(st);
	if (r->is_struct)
		fill_info(r->t, tg, fi);
	size_t off = 0;
	for (size_t f = 0; f < fi->nf && f < MAX_FIELDS; f++)
		off += (size_t)snprintf(of + off, sizeof of - off, "%s%llu", f ? "," : "",
					(unsigned long long)fi->offs[f]);
	if (r->c.fmt == FMT_JSON) {
		jw_u(&r->w, "size", l.size);
		jw_u(&r->w, "align", l.align);
		jw_u(&r->w, "ptrdata", l.ptrdata);
		jw_b(&r->w, "noscan", l.ptrdata == 0);
		if (r->is_struct)
			json_fields(&r->w, r->t, fi, &l);
		jw_end_obj(&r->w);
		return EXIT_OK;
	}
	const char *cells[] = {gb,
			       tg->arch->name,
			       fmt_u64(sz, l.size),
			       fmt_u64(al, l.align),
			       fmt_u64(pd, l.ptrdata),
			       l.ptrdata ? "no" : "yes",
			       of};
	table_row(&r->tab, cells);
	if (r->blocks && r->is_struct)
		r->blocks[i] = text_block(r->t, fi, &l);
	return EXIT_OK;
}

static void begin(layout_run *r)
{
	table_init(&r->tab);
	const char *heads[] = {"go", "arch", "size", "align", "ptrdata", "noscan", "offsets"};
	for (int c = 0; c < (r->is_struct ? 7 : 6); c++)
		table_col(&r->tab, heads[c], c >= 2 && c <= 4);
	if (r->c.fmt == FMT_JSON) {
		jw_begin(&r->w, sink_stdout());
		jw_obj(&r->w, NULL);
		jw_s(&r->w, "command", "layout");
		jw_s(&r->w, "type", r->c.pos[0]);
		jw_arr(&r->w, "results");
	}
	if (r->c.fmt == FMT_TEXT && r->is_struct)
		r->blocks = calloc((size_t)r->c.ntargets, sizeof *r->blocks);
}

static void finish(layout_run *r)
{
	if (r->c.fmt == FMT_JSON) {
		jw_end_arr(&r->w);
		jw_end_obj(&r->w);
		jw_finish(&r->w);
	} else {
		if (r->c.fmt == FMT_TEXT)
			sink_printf(sink_stdout(), "type %s\n", r->c.pos[0]);
		table_print(&r->tab, r->c.fmt, sink_stdout());
		if (r->blocks)
			print_blocks(r->blocks, &r->c);
	}
	for (int i = 0; r->blocks && i < r->c.ntargets; i++)
		free(r->blocks[i]);
	free(r->blocks);
	table_free(&r->tab);
}

int cmd_layout(int argc, char **argv)
{
	layout_run *r = calloc(1, sizeof *r);
	if (!r)
		return cli_error("out of memory"), EXIT_INTERNAL;
	int rc = EXIT_USAGE;
	if (!cli_parse("layout", argc, argv, NULL, &r->c))
		rc = cli_usage_error("layout");
	else if (r->c.npos != 1) {
		cli_error("layout needs exactly one type expression");
		rc = cli_usage_error("layout");
	} else if (cli_targets(&r->c)) {
		gg_typeexpr *e = cli_type(r->c.pos[0]);
		if (e) {
			r->t = gg_typeexpr_root(e);
			/* A declared struct shows its fields; a library one does not have them. */
			r->is_struct = r->t->kind == GG_STRUCT && (!r->t->name || r->t->declared) &&
				       !r->t->measured && r->t->nfields > 0;
			begin(r);
			rc = EXIT_OK;
			for (int i = 0; i < r->c.ntargets; i++) {
				int trc = one_target(r, i);
				rc = trc != EXIT_OK ? trc : rc;
			}
			finish(r);
			gg_typeexpr_free(e);
		}
	}
	free(r);
	return rc;
}
