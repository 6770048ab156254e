/* gogrow conform: recompute golden vectors with the model.
 *
 * The output format is a contract other scripts rely on: one line per
 * mismatch, "FILE:LINE: <go> <arch> <type>: <column> expected X, got Y",
 * then a last line "N rows, M mismatches"; exit status 0 only when M is 0.
 * With --emit, the input is printed back with the model's values in the
 * measured columns, so that diff against the input is empty when all match. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/conform.h"

/* The run over all files: counts, and where the current row is. */
typedef struct run_ctx {
	const char *file;
	long line;
	long rows, mismatches;
	int emit;
} run_ctx;

static int split(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	return n;
}

static void report(run_ctx *c, char **f, const char *col, const char *want, const char *got, const char *why)
{
	c->mismatches++;
	if (c->emit)
		return;
	printf("%s:%ld: %s %s %s: %s expected %s, got ", c->file, c->line, f[0], f[1], f[2], col, want);
	if (got)
		printf("%s\n", got);
	else
		printf("error (%s)\n", why);
}

static const gg_conform_kind *header_kind(run_ctx *c, const char *line)
{
	const gg_conform_kind *kind = gg_conform_kind_of(line);
	if (!kind) {
		char kinds[256];
		gg_conform_kind_names(kinds, sizeof kinds);
		cli_error("%s:%ld: unknown header \"%.80s\" (expected the header of a %s file, see "
			  "docs/conform.md)",
			  c->file, c->line, line, kinds);
	}
	return kind;
}

/* One row: compare (or, with --emit, print back) the measured columns. */
static void check_row(run_ctx *c, gg_conform *cf, const gg_conform_kind *kind, char **f)
{
	const char *got[GG_CONFORM_MAX_MEASURED];
	gg_error err = {0};
	int have = gg_conform_row(cf, f, got, &err) == GG_OK;
	c->rows++;
	for (int i = 0; i < kind->nmeasured; i++) {
		int col = kind->measured[i];
		if (!have || strcmp(f[col], got[i]) != 0) {
			report(c, f, kind->cols[col], f[col], have ? got[i] : NULL, err.msg);
			break;
		}
	}
	if (!c->emit)
		return;
	for (int i = 0; i < kind->ncols; i++) {
		const char *v = f[i];
		for (int m = 0; m < kind->nmeasured; m++)
			if (kind->measured[m] == i)
				v = have ? got[m] : "error";
		printf("%s%s", i ? "\t" : "", v);
	}
	putchar('\n');
}

static int run_file(const char *path, run_ctx *c)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!fp) {
		cli_error("cannot open %s: %s", path, strerror(errno));
		return 0;
	}
	c->file = path;
	c->line = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	const gg_conform_kind *kind = NULL;
	gg_conform *cf = NULL; /* per file: N comments apply within their file */
	int ok = 1;
	while (ok && (n = getline(&line, &cap, fp)) >= 0) {
		c->line++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = 0;
		if (line[0] == '#' || (n == 0 && !kind)) {
			if (cf)
				gg_conform_comment(cf, line);
			if (c->emit)
				printf("%s\n", line);
		} else if (!kind) {
			if (!(kind = header_kind(c, line)))
				ok = 0;
			else if (gg_conform_new(kind, &cf) != GG_OK) {
				cli_error("out of memory");
				ok = 0;
			} else if (c->emit)
				printf("%s\n", line);
		} else if (n == 0) {
			if (c->emit)
				putchar('\n');
		} else {
			char *f[16];
			int nf = split(line, f, 16);
			if (nf != kind->ncols) {
				cli_error("%s:%ld: expected %d tab-separated columns, found %d", path,
					  c->line, kind->ncols, nf);
				ok = 0;
			} else
				check_row(c, cf, kind, f);
		}
	}
	free(line);
	gg_conform_free(cf);
	if (fp != stdin)
		fclose(fp);
	if (ok && !kind) {
		cli_error("%s: no header line found", path);
		ok = 0;
	}
	return ok;
}

int cmd_conform(int argc, char **argv)
{
	run_ctx c = {0};
	int first = 0;
	if (argc > 0 && !strcmp(argv[0], "--emit")) {
		c.emit = 1;
		first = 1;
		if (argc != 2) {
			cli_error("conform --emit takes exactly one file");
			return cli_usage_error("conform");
		}
	}
	if (argc - first < 1) {
		cli_error("conform needs at least one TSV file");
		return cli_usage_error("conform");
	}
	for (int i = first; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("unknown option %s", argv[i]);
			return cli_usage_error("conform");
		}
	int ok = 1;
	for (int i = first; i < argc && ok; i++)
		ok = run_file(argv[i], &c);
	if (!ok)
		return EXIT_USAGE;
	if (!c.emit)
		printf("%ld rows, %ld mismatches\n", c.rows, c.mismatches);
	return c.emit || !c.mismatches ? EXIT_OK : EXIT_MISMATCH;
}
