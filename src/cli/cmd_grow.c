/* gogrow grow '[]T': every capacity a slice goes through while appending
 * one element at a time, for one or several targets side by side. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/out/write.h"

int cmd_grow(int argc, char **argv)
{
	cli_common c;
	int64_t n = -1;
	int has_n = 0;
	const char *svg = NULL;
	cli_opt extra[] = {
	    {"--n", OPT_INT, &n, &has_n}, {"--svg", OPT_STR, &svg, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("grow", argc, argv, extra, &c))
		return cli_usage_error("grow");
	if (c.npos != 1) {
		cli_error("grow needs exactly one slice type, such as '[]int'");
		return cli_usage_error("grow");
	}
	if (has_n && n < 1) {
		cli_error("--n must be at least 1");
		return EXIT_USAGE;
	}
	const gg_type *elem;
	gg_typeexpr *e = cli_slice_args(&c, &elem);
	if (!e)
		return EXIT_USAGE;
	grow_answer a = {c.pos[0], n, n, c.esc, NULL, 0};
	if (!grow_answer_build(&a, &c, elem)) {
		gg_typeexpr_free(e);
		cli_error("out of memory");
		return EXIT_INTERNAL;
	}
	int rc = EXIT_OK;
	for (int i = 0; i < a.nseries; i++) {
		const answer_target *t = &a.ss[i].t;
		char gb[16];
		if (t->st == GG_OK)
			continue;
		if (c.fmt != FMT_JSON)
			cli_error("%s/%s: %s", cli_go_name(t->go, gb), t->arch, t->msg);
		rc = cli_exit(t->st);
	}
	grow_write(&a, c.fmt, sink_stdout());
	if (svg && !grow_write_svg(&a, svg))
		rc = EXIT_USAGE;
	grow_answer_free(&a);
	gg_typeexpr_free(e);
	return rc;
}
