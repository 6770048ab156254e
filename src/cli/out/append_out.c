/* gogrow append: a text or TSV table, or a JSON object with one result per
 * target. */
#include <stdio.h>

#include "cli/out/write.h"

static void json_row(json_w *w, const append_row *r)
{
	char gb[16];
	jw_obj(w, NULL);
	jw_s(w, "go", cli_go_name(r->t.go, gb));
	jw_s(w, "arch", r->t.arch);
	if (r->t.st != GG_OK) {
		jw_s(w, r->t.st == GG_ERR_PANIC ? "panic" : "error", r->t.msg);
		jw_end_obj(w);
		return;
	}
	jw_u(w, "elem_size", r->el.size);
	jw_b(w, "noscan", r->el.noscan);
	jw_i(w, "newlen", r->g.newlen);
	jw_i(w, "formula_cap", r->g.nextcap);
	jw_i(w, "newcap", r->g.newcap);
	jw_u(w, "request_bytes", r->g.reqbytes);
	jw_u(w, "bytes", r->g.capbytes);
	jw_u(w, "alloc", r->g.alloc);
	jw_i(w, "class", r->g.sizeclass);
	jw_b(w, "malloc_header", r->g.header);
	jw_s(w, "path", gg_grow_path_name(r->g.path));
	jw_end_obj(w);
}

static void json_write(const append_answer *a, out_sink *o)
{
	json_w w;
	jw_begin(&w, o);
	jw_obj(&w, NULL);
	jw_s(&w, "command", "append");
	jw_s(&w, "type", a->type);
	jw_i(&w, "len", a->len);
	jw_i(&w, "cap", a->cap);
	jw_i(&w, "add", a->add);
	jw_arr(&w, "results");
	for (int i = 0; i < a->nrows; i++)
		json_row(&w, &a->rows[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

/* A failed target stays in the table, so that a grid shows which failed. */
static void table_answer(out_table *tab, const append_row *r)
{
	char gb[16], es[24], nl[24], nc[24], fc[24], by[24], al[24], cl[24];
	const gg_grow *g = &r->g;
	cli_go_name(r->t.go, gb);
	if (r->t.st != GG_OK) {
		const char *cells[] = {
		    gb, r->t.arch, r->t.st == GG_ERR_PANIC ? "panic:" : "error:", r->t.msg, "", "", "", "",
		    "", ""};
		table_row(tab, cells);
		return;
	}
	snprintf(es, sizeof es, "%llu", (unsigned long long)r->el.size);
	snprintf(nl, sizeof nl, "%lld", (long long)g->newlen);
	snprintf(fc, sizeof fc, "%lld", (long long)g->nextcap);
	snprintf(nc, sizeof nc, "%lld", (long long)g->newcap);
	snprintf(by, sizeof by, "%llu", (unsigned long long)g->capbytes);
	snprintf(al, sizeof al, "%llu%s", (unsigned long long)g->alloc, g->header ? " (+hdr)" : "");
	snprintf(cl, sizeof cl, "%d", g->sizeclass);
	const char *cells[] = {
	    gb, r->t.arch, es, nl, fc, nc, by, al, g->sizeclass ? cl : "-", gg_grow_path_name(g->path)};
	table_row(tab, cells);
}

void append_write(const append_answer *a, cli_format fmt, out_sink *o)
{
	if (fmt == FMT_JSON) {
		json_write(a, o);
		return;
	}
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"go",	 "arch",  "elem",  "newlen", "formula",
			       "newcap", "bytes", "alloc", "class",  "path"};
	for (int i = 0; i < 10; i++)
		table_col(&tab, heads[i], i >= 2 && i < 9);
	for (int i = 0; i < a->nrows; i++)
		table_answer(&tab, &a->rows[i]);
	if (fmt == FMT_TEXT)
		sink_printf(o, "s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n", a->type,
			    (long long)a->len, (long long)a->cap, (long long)a->add);
	table_print(&tab, fmt, o);
	table_free(&tab);
}
