/* gogrow layout TYPE: what unsafe.Sizeof/Alignof/Offsetof say on each target. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"

#define MAX_FIELDS 256

int cmd_layout(int argc, char **argv)
{
	cli_common c;
	if (!cli_parse("layout", argc, argv, NULL, &c))
		return cli_usage_error("layout");
	if (c.npos != 1) {
		cli_error("layout needs exactly one type expression");
		return cli_usage_error("layout");
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	gg_typeexpr *e = cli_type(c.pos[0]);
	if (!e)
		return EXIT_USAGE;
	const gg_type *t = gg_typeexpr_root(e);
	int is_struct = t->kind == GG_STRUCT && !t->name && t->nfields > 0;
	int rc = EXIT_OK;
	out_table tab;
	json_w w;
	table_init(&tab);
	table_col(&tab, "go", 0);
	table_col(&tab, "arch", 0);
	table_col(&tab, "size", 1);
	table_col(&tab, "align", 1);
	table_col(&tab, "ptrdata", 1);
	table_col(&tab, "noscan", 0);
	if (is_struct)
		table_col(&tab, "offsets", 0);
	if (c.fmt == FMT_JSON) {
		jw_begin(&w, stdout);
		jw_obj(&w, NULL);
		jw_s(&w, "command", "layout");
		jw_s(&w, "type", c.pos[0]);
		jw_arr(&w, "results");
	}
	for (int i = 0; i < c.ntargets; i++) {
		const gg_target *tg = &c.targets[i];
		gg_layout l;
		gg_error err = {0};
		uint64_t offs[MAX_FIELDS];
		size_t nf = 0;
		char gb[16], sz[24], al[24], pd[24], of[MAX_FIELDS * 12] = "";
		cli_go_name(tg->go, gb);
		gg_status st = gg_layout_of(tg, t, &l, &err);
		if (st == GG_OK && is_struct)
			st = gg_struct_offsets(tg, t, offs, MAX_FIELDS, &nf, &err);
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
				jw_s(&w, "error", err.msg);
				jw_end_obj(&w);
			} else {
				const char *cells[] = {gb, tg->arch->name, "error:", err.msg, "", "", ""};
				table_row(&tab, cells);
			}
			continue;
		}
		size_t off = 0;
		for (size_t f = 0; f < nf && f < MAX_FIELDS; f++)
			off += (size_t)snprintf(of + off, sizeof of - off, "%s%llu", f ? "," : "",
						(unsigned long long)offs[f]);
		snprintf(sz, sizeof sz, "%llu", (unsigned long long)l.size);
		snprintf(al, sizeof al, "%llu", (unsigned long long)l.align);
		snprintf(pd, sizeof pd, "%llu", (unsigned long long)l.ptrdata);
		if (c.fmt == FMT_JSON) {
			jw_u(&w, "size", l.size);
			jw_u(&w, "align", l.align);
			jw_u(&w, "ptrdata", l.ptrdata);
			jw_b(&w, "noscan", l.ptrdata == 0);
			if (is_struct) {
				jw_arr(&w, "fields");
				for (size_t f = 0; f < nf && f < MAX_FIELDS; f++) {
					gg_layout fl;
					gg_layout_of(tg, t->fields[f].type, &fl, NULL);
					jw_obj(&w, NULL);
					jw_s(&w, "name", t->fields[f].name);
					jw_u(&w, "offset", offs[f]);
					jw_u(&w, "size", fl.size);
					jw_u(&w, "align", fl.align);
					jw_end_obj(&w);
				}
				jw_end_arr(&w);
			}
			jw_end_obj(&w);
		} else {
			const char *cells[] = {gb, tg->arch->name, sz, al, pd, l.ptrdata ? "no" : "yes", of};
			table_row(&tab, cells);
		}
	}
	if (c.fmt == FMT_JSON) {
		jw_end_arr(&w);
		jw_end_obj(&w);
		jw_finish(&w);
	} else {
		if (c.fmt == FMT_TEXT)
			printf("type %s\n", c.pos[0]);
		table_print(&tab, c.fmt, stdout);
	}
	table_free(&tab);
	gg_typeexpr_free(e);
	return rc;
}
