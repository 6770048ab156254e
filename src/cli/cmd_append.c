/* gogrow append '[]T' --len L [--cap C] --add N: one append, fully explained
 * by its numbers, for one or several targets. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"

int cmd_append(int argc, char **argv)
{
	cli_common c;
	int64_t len = 0, cap = -1, add = 1;
	int has_len = 0, has_cap = 0;
	cli_opt extra[] = {{"--len", OPT_INT, &len, &has_len},
			   {"--cap", OPT_INT, &cap, &has_cap},
			   {"--add", OPT_INT, &add, NULL},
			   {NULL, 0, NULL, NULL}};
	if (!cli_parse("append", argc, argv, extra, &c))
		return cli_usage_error("append");
	if (c.npos != 1) {
		cli_error("append needs exactly one slice type, such as '[]int'");
		return cli_usage_error("append");
	}
	if (!has_len) {
		cli_error("append needs --len");
		return cli_usage_error("append");
	}
	if (!has_cap)
		cap = len;
	if (len < 0 || cap < 0 || add < 0) {
		cli_error("--len, --cap and --add must not be negative");
		return EXIT_USAGE;
	}
	if (cap < len) {
		cli_error("--cap %lld is smaller than --len %lld (make would panic: cap out of range)",
			  (long long)cap, (long long)len);
		return cli_exit(GG_ERR_PANIC);
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_type(c.pos[0], &elem);
	if (!e)
		return EXIT_USAGE;
	int rc = EXIT_OK;
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
		jw_i(&w, "len", len);
		jw_i(&w, "cap", cap);
		jw_i(&w, "add", add);
		jw_arr(&w, "results");
	}
	for (int i = 0; i < c.ntargets; i++) {
		const gg_target *tg = &c.targets[i];
		gg_elem el;
		gg_error err = {0};
		gg_grow g = {0};
		char gb[16];
		cli_go_name(tg->go, gb);
		gg_status st = gg_elem_of(elem, tg, &el, &err);
		if (st == GG_OK)
			st = gg_makeslice(tg, el, len, cap, NULL, &err);
		if (st == GG_OK) {
			gg_slicestate s;
			gg_slice_start(&s, tg, el, c.esc, len, cap);
			st = gg_slice_append(&s, add, &g, &err);
		}
		if (c.fmt == FMT_JSON) {
			jw_obj(&w, NULL);
			jw_s(&w, "go", gb);
			jw_s(&w, "arch", tg->arch->name);
		}
		if (st != GG_OK) {
			rc = cli_exit(st);
			/* In the table too, so that a grid shows which targets failed. */
			cli_error("%s/%s: %s", gb, tg->arch->name, err.msg);
			if (c.fmt == FMT_JSON) {
				jw_s(&w, st == GG_ERR_PANIC ? "panic" : "error", err.msg);
				jw_end_obj(&w);
			} else {
				const char *cells[] = {gb,
						       tg->arch->name,
						       st == GG_ERR_PANIC ? "panic:" : "error:",
						       err.msg,
						       "",
						       "",
						       "",
						       "",
						       "",
						       ""};
				table_row(&tab, cells);
			}
			continue;
		}
		if (c.fmt == FMT_JSON) {
			jw_u(&w, "elem_size", el.size);
			jw_b(&w, "noscan", el.noscan);
			jw_i(&w, "newlen", g.newlen);
			jw_i(&w, "formula_cap", g.nextcap);
			jw_i(&w, "newcap", g.newcap);
			jw_u(&w, "request_bytes", g.reqbytes);
			jw_u(&w, "bytes", g.capbytes);
			jw_u(&w, "alloc", g.alloc);
			jw_i(&w, "class", g.sizeclass);
			jw_b(&w, "malloc_header", g.header);
			jw_s(&w, "path", gg_grow_path_name(g.path));
			jw_end_obj(&w);
			continue;
		}
		char es[24], nl[24], nc[24], fc[24], by[24], al[24], cl[24];
		snprintf(es, sizeof es, "%llu", (unsigned long long)el.size);
		snprintf(nl, sizeof nl, "%lld", (long long)g.newlen);
		snprintf(fc, sizeof fc, "%lld", (long long)g.nextcap);
		snprintf(nc, sizeof nc, "%lld", (long long)g.newcap);
		snprintf(by, sizeof by, "%llu", (unsigned long long)g.capbytes);
		snprintf(al, sizeof al, "%llu%s", (unsigned long long)g.alloc, g.header ? " (+hdr)" : "");
		snprintf(cl, sizeof cl, "%d", g.sizeclass);
		const char *cells[] = {gb,
				       tg->arch->name,
				       es,
				       nl,
				       fc,
				       nc,
				       by,
				       al,
				       g.sizeclass ? cl : "-",
				       gg_grow_path_name(g.path)};
		table_row(&tab, cells);
	}
	if (c.fmt == FMT_JSON) {
		jw_end_arr(&w);
		jw_end_obj(&w);
		jw_finish(&w);
	} else {
		if (c.fmt == FMT_TEXT)
			printf("s := make(%s, %lld, %lld); s = append(s, <%lld elements>)\n", c.pos[0],
			       (long long)len, (long long)cap, (long long)add);
		table_print(&tab, c.fmt, stdout);
	}
	table_free(&tab);
	gg_typeexpr_free(e);
	return rc;
}
