/* gogrow append '[]T' --len L [--cap C] --add N: one append, fully explained
 * by its numbers, for one or several targets. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"

/* s := make([]T, len, cap); s = append(s, <add elements>) */
typedef struct append_q {
	int64_t len, cap, add;
	gg_escape esc;
} append_q;

/* The answer for one target: the element's descriptor and the growth. */
static gg_status answer(const gg_type *elem, const gg_target *tg, const append_q *q, gg_elem *el, gg_grow *g,
			gg_error *err)
{
	gg_status st = gg_elem_of(tg, elem, el, err);
	if (st == GG_OK)
		st = gg_makeslice(tg, *el, q->len, q->cap, NULL, err);
	if (st == GG_OK) {
		gg_slicestate s;
		gg_slice_start(&s, tg, *el, q->esc, q->len, q->cap);
		st = gg_slice_append(&s, q->add, g, err);
	}
	return st;
}

static void json_answer(json_w *w, const gg_target *tg, gg_status st, const gg_elem *el, const gg_grow *g,
			const gg_error *err)
{
	char gb[16];
	jw_obj(w, NULL);
	jw_s(w, "go", cli_go_name(tg->go, gb));
	jw_s(w, "arch", tg->arch->name);
	if (st != GG_OK) {
		jw_s(w, st == GG_ERR_PANIC ? "panic" : "error", err->msg);
		jw_end_obj(w);
		return;
	}
	jw_u(w, "elem_size", el->size);
	jw_b(w, "noscan", el->noscan);
	jw_i(w, "newlen", g->newlen);
	jw_i(w, "formula_cap", g->nextcap);
	jw_i(w, "newcap", g->newcap);
	jw_u(w, "request_bytes", g->reqbytes);
	jw_u(w, "bytes", g->capbytes);
	jw_u(w, "alloc", g->alloc);
	jw_i(w, "class", g->sizeclass);
	jw_b(w, "malloc_header", g->header);
	jw_s(w, "path", gg_grow_path_name(g->path));
	jw_end_obj(w);
}

/* A failed target stays in the table, so that a grid shows which failed. */
static void table_answer(out_table *tab, const gg_target *tg, gg_status st, const gg_elem *el,
			 const gg_grow *g, const gg_error *err)
{
	char gb[16], es[24], nl[24], nc[24], fc[24], by[24], al[24], cl[24];
	cli_go_name(tg->go, gb);
	if (st != GG_OK) {
		const char *cells[] = {gb,
				       tg->arch->name,
				       st == GG_ERR_PANIC ? "panic:" : "error:",
				       err->msg,
				       "",
				       "",
				       "",
				       "",
				       "",
				       ""};
		table_row(tab, cells);
		return;
	}
	snprintf(es, sizeof es, "%llu", (unsigned long long)el->size);
	snprintf(nl, sizeof nl, "%lld", (long long)g->newlen);
	snprintf(fc, sizeof fc, "%lld", (long long)g->nextcap);
	snprintf(nc, sizeof nc, "%lld", (long long)g->newcap);
	snprintf(by, sizeof by, "%llu", (unsigned long long)g->capbytes);
	snprintf(al, sizeof al, "%llu%s", (unsigned long long)g->alloc, g->header ? " (+hdr)" : "");
	snprintf(cl, sizeof cl, "%d", g->sizeclass);
	const char *cells[] = {
	    gb, tg->arch->name, es, nl, fc, nc, by, al, g->sizeclass ? cl : "-", gg_grow_path_name(g->path)};
	table_row(tab, cells);
}

static int check_append_args(const cli_common *c, append_q *q, int has_len, int has_cap)
{
	if (c->npos != 1)
		return cli_error("append needs exactly one slice type, such as '[]int'"),
		       cli_usage_error("append");
	if (!has_len)
		return cli_error("append needs --len"), cli_usage_error("append");
	if (!has_cap)
		q->cap = q->len;
	if (q->len < 0 || q->cap < 0 || q->add < 0)
		return cli_error("--len, --cap and --add must not be negative"), EXIT_USAGE;
	if (q->cap < q->len) {
		cli_error("--cap %lld is smaller than --len %lld (make would panic: cap out of range)",
			  (long long)q->cap, (long long)q->len);
		return cli_exit(GG_ERR_PANIC);
	}
	q->esc = c->esc;
	return EXIT_OK;
}

int cmd_append(int argc, char **argv)
{
	cli_common c;
	append_q q = {0, -1, 1, GG_ESC_HEAP};
	int has_len = 0, has_cap = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &q.len, &has_len},
			   {"--cap", OPT_INT, &q.cap, &has_cap},
			   {"--add", OPT_INT, &q.add, NULL},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("append", argc, argv, extra, &c))
		return cli_usage_error("append");
	int rc = check_append_args(&c, &q, has_len, has_cap);
	if (rc != EXIT_OK)
		return rc;
	if (!cli_targets(&c))
		return EXIT_USAGE;
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_type(c.pos[0], &elem);
	if (!e)
		return EXIT_USAGE;
	out_table tab;
	json_w w;
	table_init(&tab);
	const char *heads[] = {"go",	 "arch",  "elem",  "newlen", "formula",
			       "newcap", "bytes", "alloc", "class",  "path"};
	for (int i = 0; i < 10; i++)
		table_col(&tab, heads[i], i >= 2 && i < 9);
	if (c.fmt == FMT_JSON) {
		jw_begin(&w, stdout);
		jw_obj(&w, NULL);
		jw_s(&w, "command", "append");
		jw_s(&w, "type", c.pos[0]);
		jw_i(&w, "len", q.len);
		jw_i(&w, "cap", q.cap);
		jw_i(&w, "add", q.add);
		jw_arr(&w, "results");
	}
	for (int i = 0; i < c.ntargets; i++) {
		const gg_target *tg = &c.targets[i];
		gg_elem el;
		gg_error err = {0};
		gg_grow g = {0};
		gg_status st = answer(elem, tg, &q, &el, &g, &err);
		if (st != GG_OK) {
			char gb[16];
			rc = cli_exit(st);
			cli_error("%s/%s: %s", cli_go_name(tg->go, gb), tg->arch->name, err.msg);
		}
		if (c.fmt == FMT_JSON)
			json_answer(&w, tg, st, &el, &g, &err);
		else
			table_answer(&tab, tg, st, &el, &g, &err);
	}
	if (c.fmt == FMT_JSON) {
		jw_end_arr(&w);
		jw_end_obj(&w);
		jw_finish(&w);
	} else {
		if (c.fmt == FMT_TEXT)
			printf("s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n", c.pos[0],
			       (long long)q.len, (long long)q.cap, (long long)q.add);
		table_print(&tab, c.fmt, stdout);
	}
	table_free(&tab);
	gg_typeexpr_free(e);
	return rc;
}
