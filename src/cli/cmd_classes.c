/* gogrow classes: the allocator's size-class table per release and arch. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/output.h"

int cmd_classes(int argc, char **argv)
{
	cli_common c;
	if (!cli_parse("classes", argc, argv, NULL, &c))
		return cli_usage_error("classes");
	if (c.npos != 0) {
		cli_error("classes takes no arguments");
		return cli_usage_error("classes");
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	out_table tab;
	table_init(&tab);
	const char *heads[] = {"go",	"arch",	       "class",	    "bytes",
			       "pages", "objs_noscan", "objs_scan", "tail_waste"};
	for (int i = 0; i < 8; i++)
		table_col(&tab, heads[i], i >= 2);
	for (int t = 0; t < c.ntargets; t++) {
		for (int k = 1; k < GG_NUM_SIZE_CLASSES; k++) {
			const gg_sizeclass *sc = gg_sizeclass_at(k);
			char gb[16], a[16], b[16], p[16], n1[16], n2[16], tw[16];
			uint32_t span = sc->npages * GG_PAGE_SIZE;
			snprintf(a, sizeof a, "%d", k);
			snprintf(b, sizeof b, "%u", sc->size);
			snprintf(p, sizeof p, "%u", sc->npages);
			snprintf(n1, sizeof n1, "%u", gg_sizeclass_objects(&c.targets[t], k, 1));
			snprintf(n2, sizeof n2, "%u", gg_sizeclass_objects(&c.targets[t], k, 0));
			snprintf(tw, sizeof tw, "%u", span % sc->size);
			const char *cells[] = {
			    cli_go_name(c.targets[t].go, gb), c.targets[t].arch->name, a, b, p, n1, n2, tw};
			table_row(&tab, cells);
		}
	}
	table_print(&tab, c.fmt, stdout);
	table_free(&tab);
	return EXIT_OK;
}
