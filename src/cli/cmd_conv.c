/* gogrow conv bytes|runes|constbytes --len N [--use escapes|local|readonly]:
 * cap() of []byte(s) / []rune(s) / []byte("literal"), which is often not
 * the length (a 32-element stack buffer, size-class rounding, or 1.22's
 * zero-copy conversion). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/out/out.h"

static int lookup(const char *s, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

int cmd_conv(int argc, char **argv)
{
	static const char *const convs[] = {"bytes", "runes", "constbytes"};
	static const char *const uses[] = {"escapes", "local", "readonly"};
	cli_common c;
	int64_t n = 0;
	int has_n = 0;
	const char *use_s = "escapes";
	cli_opt extra[] = {
	    {"--len", OPT_INT, &n, &has_n}, {"--use", OPT_STR, &use_s, NULL}, {NULL, 0, NULL, NULL}};
	if (!cli_parse("conv", argc, argv, extra, &c))
		return cli_usage_error("conv");
	int conv = c.npos == 1 ? lookup(c.pos[0], convs, 3) : -1;
	int use = lookup(use_s, uses, 3);
	if (conv < 0 || !has_n) {
		cli_error("conv needs bytes, runes or constbytes and --len N");
		return cli_usage_error("conv");
	}
	if (use < 0) {
		cli_error("--use: unknown value \"%s\" (expected escapes, local or readonly)", use_s);
		return EXIT_USAGE;
	}
	if (!cli_targets(&c))
		return EXIT_USAGE;
	out_table tab;
	table_init(&tab);
	table_col(&tab, "go", 0);
	table_col(&tab, "arch", 0);
	table_col(&tab, "cap", 1);
	int rc = EXIT_OK;
	for (int i = 0; i < c.ntargets; i++) {
		int64_t cap;
		gg_error err = {0};
		char gb[16], cb[24];
		gg_status st = gg_conv_cap(&c.targets[i], (gg_conv)conv, (gg_convuse)use, n, &cap, &err);
		if (st != GG_OK) {
			cli_error("%s/%s: %s", cli_go_name(c.targets[i].go, gb), c.targets[i].arch->name,
				  err.msg);
			rc = cli_exit(st);
			continue;
		}
		const char *row[] = {cli_go_name(c.targets[i].go, gb), c.targets[i].arch->name,
				     fmt_i64(cb, cap)};
		table_row(&tab, row);
	}
	if (c.fmt == FMT_TEXT)
		printf("cap of %s, len %lld, result %s\n",
		       conv == 0   ? "[]byte(s)"
		       : conv == 1 ? "[]rune(s)"
				   : "[]byte(\"literal\")",
		       (long long)n,
		       use == 0	  ? "escapes"
		       : use == 1 ? "stays local"
				  : "stays local and is never written");
	table_print(&tab, c.fmt, sink_stdout());
	table_free(&tab);
	return rc;
}
