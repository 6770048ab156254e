/* gogrow classes as a table (text, TSV or JSON rows). */
#include <stdio.h>

#include "cli/out/write.h"

void classes_write(const classes_answer *a, cli_format fmt, out_sink *o)
{
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"go",	"arch",	       "class",	    "bytes",
			       "pages", "objs_noscan", "objs_scan", "tail_waste"};
	for (int i = 0; i < 8; i++)
		table_col(&tab, heads[i], i >= 2);
	for (size_t i = 0; i < a->nrows; i++) {
		const classes_row *r = &a->rows[i];
		char gb[16], k[16], b[16], p[16], n1[16], n2[16], tw[16];
		snprintf(k, sizeof k, "%d", r->cls);
		snprintf(b, sizeof b, "%u", r->bytes);
		snprintf(p, sizeof p, "%u", r->pages);
		snprintf(n1, sizeof n1, "%u", r->objs_noscan);
		snprintf(n2, sizeof n2, "%u", r->objs_scan);
		snprintf(tw, sizeof tw, "%u", r->tail_waste);
		const char *cells[] = {cli_go_name(r->go, gb), r->arch, k, b, p, n1, n2, tw};
		table_row(&tab, cells);
	}
	table_print(&tab, fmt, o);
	table_free(&tab);
}
