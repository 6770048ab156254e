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
#include "cli/conform.h"

typedef struct row_ctx {
	const char *file;
	long line;
	long rows, mismatches;
	int emit;
	/* Rows come grouped by type: keep the last parse. */
	char *type_src;
	gg_typeexpr *type;
	gg_error type_err;
	/* mapgrow: the "# TYPE: N=..." comment above a type's rows. */
	char *n_type;
	int64_t n_val;
} row_ctx;

static const gg_type *row_type(row_ctx *c, const char *src, gg_error *err)
{
	if (c->type_src && !strcmp(c->type_src, src)) {
		if (!c->type)
			*err = c->type_err;
		return c->type ? gg_typeexpr_root(c->type) : NULL;
	}
	gg_typeexpr_free(c->type);
	free(c->type_src);
	c->type = NULL;
	c->type_src = strdup(src);
	c->type_err = (gg_error){0};
	if (!c->type_src) {
		snprintf(err->msg, sizeof err->msg, "out of memory");
		return NULL;
	}
	if (gg_type_parse(src, &c->type, &c->type_err) != GG_OK) {
		c->type = NULL;
		*err = c->type_err;
		return NULL;
	}
	return gg_typeexpr_root(c->type);
}

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

static void report(row_ctx *c, char **f, const char *col, const char *want, const char *got)
{
	c->mismatches++;
	if (!c->emit)
		printf("%s:%ld: %s %s %s: %s expected %s, got %s\n", c->file, c->line, f[0], f[1], f[2], col,
		       want, got);
}

/* The go column is runtime.Version(), which names non-default
 * experiments after the release: "go1.24.4 X:noswissmap". */
static int row_target(char **f, gg_target *t, int *noswissmap, gg_error *err)
{
	char go_s[64];
	int go;
	*noswissmap = 0;
	snprintf(go_s, sizeof go_s, "%s", f[0]);
	char *x = strstr(go_s, " X:");
	if (x) {
		*x = 0;
		char *save = NULL;
		for (char *e = strtok_r(x + 3, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
			if (strcmp(e, "noswissmap") != 0) {
				snprintf(err->msg, sizeof err->msg,
					 "GOEXPERIMENT %.40s is not modelled (only noswissmap is)", e);
				return 0;
			}
			*noswissmap = 1;
		}
	}
	gg_status st = gg_release_parse(go_s, &go, err);
	if (st == GG_OK)
		st = gg_target_make(f[1], go, t, err);
	return st == GG_OK;
}

/* "# map[int32]int32: N=1048576, keys 0..1048575 inserted" */
static void row_comment(row_ctx *c, const char *line)
{
	const char *p = strstr(line, ": N=");
	if (strncmp(line, "# ", 2) != 0 || !p)
		return;
	char *end;
	errno = 0;
	long long n = strtoll(p + 4, &end, 10);
	if (errno || end == p + 4 || n < 0)
		return;
	char *type = strndup(line + 2, (size_t)(p - line - 2));
	if (!type)
		return;
	free(c->n_type);
	c->n_type = type;
	c->n_val = n;
}

/* Each kind computes the measured columns of a row into `out` (an array of
 * strings, one per measured column) or fails with *err. */
static int compute(kind_id kind, row_ctx *c, char **f, char out[][CONFORM_CELL], gg_error *err)
{
	gg_target tg;
	int noswiss;
	if (!row_target(f, &tg, &noswiss, err))
		return 0;
	if (kind == KIND_CONV)
		return conform_conv(&tg, f, out, err);
	const gg_type *t = row_type(c, f[2], err);
	if (!t)
		return 0;
	switch (kind) {
	case KIND_LAYOUT: return conform_layout(t, &tg, out, err);
	case KIND_LAYOUTSA: return conform_layoutsa(t, &tg, out, err);
	case KIND_GROWTH: return conform_growth(t, &tg, out, err);
	case KIND_APPEND: return conform_append(t, &tg, f, out, err);
	case KIND_STACKAPPEND: return conform_stackappend(t, &tg, f, out, err);
	case KIND_MAKEMAP: return conform_makemap(t, &tg, noswiss, f, out, err);
	case KIND_MAPALLOC: return conform_mapalloc(t, &tg, noswiss, f, out, err);
	case KIND_MAPFILL: return conform_mapfill(t, &tg, noswiss, f, out, err);
	case KIND_MAPSTACK: return conform_mapstack(t, &tg, noswiss, f, out, err);
	case KIND_CONV: return 0; /* answered above */
	case KIND_MAPGROW:
		if (!c->n_type || strcmp(c->n_type, f[2]) != 0) {
			snprintf(err->msg, sizeof err->msg, "no \"# %.80s: N=...\" comment above the row",
				 f[2]);
			return 0;
		}
		return conform_mapgrow(t, &tg, noswiss, c->n_val, out, err);
	}
	return 0;
}

static int run_file(const char *path, row_ctx *c)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!fp) {
		cli_error("cannot open %s: %s", path, strerror(errno));
		return 0;
	}
	c->file = path;
	c->line = 0;
	free(c->n_type); /* N comments apply within their file */
	c->n_type = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	const conform_kind *kind = NULL;
	int ok = 1;
	while ((n = getline(&line, &cap, fp)) >= 0) {
		c->line++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = 0;
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = 0;
		if (line[0] == '#' || (n == 0 && !kind)) {
			row_comment(c, line);
			if (c->emit)
				printf("%s\n", line);
			continue;
		}
		if (!kind) {
			kind = conform_kind_of(line);
			if (!kind) {
				char names[256];
				conform_kind_names(names, sizeof names);
				cli_error("%s:%ld: unknown header \"%.80s\" (expected the header of a %s "
					  "file, see docs/conform.md)",
					  path, c->line, line, names);
				ok = 0;
				break;
			}
			if (!kind->supported) {
				cli_error("%s: %s vectors need the map model, which this build of gogrow "
					  "does not have yet",
					  path, kind->name);
				ok = 0;
				break;
			}
			if (c->emit)
				printf("%s\n", line);
			continue;
		}
		if (n == 0) {
			if (c->emit)
				putchar('\n');
			continue;
		}
		char *f[16];
		int nf = split(line, f, 16);
		if (nf != kind->ncols) {
			cli_error("%s:%ld: expected %d tab-separated columns, found %d", path, c->line,
				  kind->ncols, nf);
			ok = 0;
			break;
		}
		c->rows++;
		char got[CONFORM_MAX_MEASURED][CONFORM_CELL];
		gg_error err = {0};
		int have = compute(kind->id, c, f, got, &err);
		for (int i = 0; i < kind->nmeasured; i++) {
			int col = kind->measured[i];
			const char *g = have ? got[i] : "error";
			if (!have || strcmp(f[col], got[i]) != 0) {
				char why[CONFORM_CELL + GG_ERROR_MSG_MAX];
				snprintf(why, sizeof why, "error (%s)", err.msg);
				report(c, f, kind->cols[col], f[col], have ? g : why);
				break;
			}
		}
		if (c->emit) {
			for (int i = 0; i < kind->ncols; i++) {
				const char *v = f[i];
				for (int m = 0; m < kind->nmeasured; m++)
					if (kind->measured[m] == i)
						v = have ? got[m] : "error";
				printf("%s%s", i ? "\t" : "", v);
			}
			putchar('\n');
		}
	}
	free(line);
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
	row_ctx c = {0};
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
	gg_typeexpr_free(c.type);
	free(c.type_src);
	free(c.n_type);
	if (!ok)
		return EXIT_USAGE;
	if (!c.emit)
		printf("%ld rows, %ld mismatches\n", c.rows, c.mismatches);
	return c.emit || !c.mismatches ? EXIT_OK : EXIT_MISMATCH;
}
