/* gogrow probe: measure the golden vectors on a real Go toolchain.
 *
 * The model is only as good as the vectors it is checked against, and those
 * must come from real Go. This command regenerates them from any installed
 * release:
 *
 *   1. Read the type corpus (probe/types.txt, compiled in, or --types FILE):
 *      one type per line with the files it goes to (probe_gen.c).
 *   2. Write a Go module to a temporary directory: the fixed files of probe/
 *      (embedded by tools/embed.c) and gen.go, which fills probe/slice.go.tmpl
 *      and probe/map.go.tmpl in once per type, so that every append, make and
 *      map insert is compiled for its concrete type.
 *   3. For each GOARCH asked for, `go build` it with the given GOROOT and run
 *      it once per type, natively, under qemu-<cpu>-static or under Node.js
 *      for wasm, up to --jobs children at a time (probe_sched.c).
 *   4. Every output line is "FILE<TAB>INDEX<TAB>ROW". The lines of all arches
 *      that succeeded are sorted by file, type index, arch (golden order) and
 *      output order, and written as --out DIR/FILE.tsv in the golden format.
 *
 * Children are started with argument vectors (probe_exec.c), never through a
 * shell, because GOROOT, --out and the temporary directory are user paths. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/probe.h"

static const char *const file_headers[GGI_NFILES] = {
    "go\tarch\ttype\tsize\talign\toffsets\tptrs", "go\tarch\ttype\tcaps",
    "go\tarch\ttype\tlen\tcap\tadd\tnewcap", "go\tarch\tmaptype\thint\tB\tbytes",
    "go\tarch\tmaptype\ttransitions"};

/* ---------------------------------------------------------------- merging */

typedef struct row {
	int file, comment;
	long idx;
	size_t arch, seq;
	const char *text; /* the golden row, NUL-terminated */
} row;

typedef struct rows {
	row *r;
	size_t n, cap;
	char **bufs; /* the output texts the rows point into */
	size_t nbufs, bufcap;
} rows;

static int row_cmp(const void *x, const void *y)
{
	const row *a = x, *b = y;
	if (a->file != b->file)
		return a->file - b->file;
	if (a->idx != b->idx)
		return a->idx < b->idx ? -1 : 1;
	if (a->comment != b->comment)
		return b->comment - a->comment;
	if (a->arch != b->arch)
		return a->arch < b->arch ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int add_row(rows *rs, row r)
{
	if (rs->n == rs->cap) {
		size_t nc = rs->cap ? rs->cap * 2 : 4096;
		row *nr = realloc(rs->r, nc * sizeof *nr);
		if (!nr)
			return 0;
		rs->r = nr;
		rs->cap = nc;
	}
	rs->r[rs->n++] = r;
	return 1;
}

/* Splits one run's output into rows; the text is modified in place. */
static int collect(char *text, size_t arch, rows *rs)
{
	size_t seq = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *t1 = strchr(l, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		int f = -1;
		if (t2) {
			*t1 = 0;
			for (int k = 0; k < GGI_NFILES; k++)
				if (!strcmp(l, ggi_probe_file_names[k]))
					f = k;
		}
		if (f < 0) {
			cli_error("%s: unexpected probe output \"%.60s\"", ggi_probe_arches[arch].arch, l);
			return 0;
		}
		if (!add_row(rs, (row){f, t2[1] == '#', strtol(t1 + 1, NULL, 10), arch, seq++, t2 + 1}))
			return 0;
	}
	return 1;
}

/* Reads the outputs of every type run of an arch into rs. */
static int collect_arch(const ggi_probe_cfg *cfg, size_t a, rows *rs)
{
	for (size_t i = 0; i < cfg->c->n; i++) {
		if (!ggi_probe_type_wanted(cfg, i))
			continue;
		char path[4200];
		snprintf(path, sizeof path, "%s/out-%s-%zu.txt", cfg->tmp, ggi_probe_arches[a].arch, i);
		char *text = ggi_probe_read_file(path, NULL);
		if (!text) {
			cli_error("cannot read %s: %s", path, strerror(errno));
			return 0;
		}
		if (rs->nbufs == rs->bufcap) {
			size_t nc = rs->bufcap ? rs->bufcap * 2 : 256;
			char **nb = realloc(rs->bufs, nc * sizeof *nb);
			if (!nb) {
				free(text);
				return 0;
			}
			rs->bufs = nb;
			rs->bufcap = nc;
		}
		rs->bufs[rs->nbufs++] = text;
		if (!collect(text, a, rs))
			return 0;
	}
	return 1;
}

static void rows_free(rows *rs)
{
	for (size_t i = 0; i < rs->nbufs; i++)
		free(rs->bufs[i]);
	free(rs->bufs);
	free(rs->r);
}

/* The go column of the first data row ("unknown" when there is none). */
static void go_version(const rows *rs, char gv[64])
{
	snprintf(gv, 64, "unknown");
	for (size_t i = 0; i < rs->n; i++)
		if (!rs->r[i].comment) {
			const char *tab = strchr(rs->r[i].text, '\t');
			snprintf(gv, 64, "%.*s", tab ? (int)(tab - rs->r[i].text) : 0, rs->r[i].text);
			return;
		}
}

static int write_file(const char *outdir, int f, const rows *rs, const char *gover, const char *archs_run)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof path, "%s/%s.tsv", outdir, ggi_probe_file_names[f]);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *o = fopen(tmp, "w");
	if (!o) {
		cli_error("cannot write %s: %s", tmp, strerror(errno));
		return 0;
	}
	fprintf(o,
		"# Generated by gogrow probe from real Go toolchain runs; see docs/ground-truth.md.\n"
		"# %s, %s\n%s\n",
		gover, archs_run, file_headers[f]);
	long nrows = 0;
	const char *last_comment = NULL;
	for (size_t i = 0; i < rs->n; i++) {
		const row *r = &rs->r[i];
		if (r->file != f)
			continue;
		if (r->comment) {
			/* Every arch prints a type's heading; keep one. */
			if (last_comment && !strcmp(last_comment, r->text))
				continue;
			last_comment = r->text;
		} else
			nrows++;
		fprintf(o, "%s\n", r->text);
	}
	if (fclose(o) != 0 || rename(tmp, path) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	fprintf(stderr, "gogrow probe: wrote %s (%ld rows)\n", path, nrows);
	return 1;
}

static int write_outputs(const char *outdir, rows *rs, unsigned files, const char *archs_run)
{
	qsort(rs->r, rs->n, sizeof *rs->r, row_cmp);
	char gv[64];
	go_version(rs, gv);
	int ok = 1;
	for (int f = 0; f < GGI_NFILES; f++)
		if (files & (1u << f))
			ok &= write_file(outdir, f, rs, gv, archs_run);
	return ok;
}

/* ---------------------------------------------------------------- command */

static int parse_archs(const char *s, int want[GGI_PROBE_NARCH])
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s ? s : "amd64");
	memset(want, 0, GGI_PROBE_NARCH * sizeof want[0]);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (size_t a = 0; a < GGI_PROBE_NARCH; a++)
			if (!strcmp(tok, "all") || !strcmp(tok, ggi_probe_arches[a].arch))
				want[a] = found = 1;
		if (!found) {
			cli_error("--arch: unknown GOARCH \"%s\"", tok);
			return 0;
		}
	}
	return 1;
}

/* Writes the Go module: go.mod, the fixed files of probe/ and gen.go. */
static int write_module(const char *dir, const ggi_probe_corpus *c, unsigned files)
{
	static const char gomod[] = "module gogrowprobe\n\ngo 1.16\n";
	static const char *const fixed[] = {"probe.go", "maps_classic.go", "maps_swiss.go", "node_shim.js"};
	char *gen = ggi_probe_generate(c, files);
	if (!gen) {
		cli_error("out of memory");
		return 0;
	}
	int ok = ggi_probe_write_file(dir, "go.mod", gomod, sizeof gomod - 1);
	for (size_t i = 0; ok && i < sizeof fixed / sizeof fixed[0]; i++)
		ok = ggi_probe_write_file(dir, fixed[i], ggi_probe_embedded(fixed[i]),
					  strlen(ggi_probe_embedded(fixed[i])));
	if (ok)
		ok = ggi_probe_write_file(dir, "gen.go", gen, strlen(gen));
	free(gen);
	return ok;
}

static int load_corpus(const char *types, ggi_probe_corpus *cp)
{
	char *text = types ? ggi_probe_read_file(types, NULL) : strdup(ggi_probe_embedded("types.txt"));
	if (!text) {
		cli_error("cannot read %s: %s", types ? types : "the built-in corpus", strerror(errno));
		return 0;
	}
	int ok = ggi_probe_corpus_parse(types ? types : "probe/types.txt", text, cp);
	free(text);
	return ok;
}

/* Merges and writes the results of the arches that succeeded; returns the
 * exit status. */
static int finish_outputs(const ggi_probe_cfg *cfg, const char *outdir, const ggi_arch_result res[])
{
	rows rs = {0};
	char archs_run[256] = "", failed[256] = "";
	size_t off = 0, foff = 0;
	int ok = 1;
	for (size_t a = 0; a < GGI_PROBE_NARCH && ok; a++) {
		const char *name = ggi_probe_arches[a].arch;
		if (res[a] == GGI_ARCH_FAILED)
			foff += (size_t)snprintf(failed + foff, sizeof failed - foff, "%s%s", foff ? " " : "",
						 name);
		if (res[a] != GGI_ARCH_OK)
			continue;
		ok = collect_arch(cfg, a, &rs);
		off += (size_t)snprintf(archs_run + off, sizeof archs_run - off, "%s%s",
					off ? " " : "arches: ", name);
	}
	int rc = EXIT_OK;
	if (!ok)
		rc = EXIT_INTERNAL;
	else if (off && !write_outputs(outdir, &rs, cfg->files, archs_run))
		rc = EXIT_INTERNAL;
	rows_free(&rs);
	if (foff) {
		cli_error("failed: %s; %s", failed,
			  off && rc == EXIT_OK ? "the files hold the other arches' results"
					       : "nothing written");
		return EXIT_INTERNAL;
	}
	if (!off && rc == EXIT_OK) {
		cli_error("no arch could be run");
		return EXIT_USAGE;
	}
	return rc;
}

static int have_go(const char *goroot)
{
	char gobin[4200];
	snprintf(gobin, sizeof gobin, "%s/bin/go", goroot);
	if (ggi_probe_executable(gobin))
		return 1;
	cli_error("--goroot %s: no Go toolchain there (%s is missing or not executable)", goroot, gobin);
	return 0;
}

static int run_probe(ggi_probe_cfg *cfg, const char *outdir, int keep)
{
	char tmpl[4096];
	const char *td = getenv("TMPDIR");
	snprintf(tmpl, sizeof tmpl, "%s/gogrow-probe-XXXXXX", td && *td ? td : "/tmp");
	if (!mkdtemp(tmpl)) {
		cli_error("cannot create a temporary directory %s: %s", tmpl, strerror(errno));
		return EXIT_INTERNAL;
	}
	cfg->tmp = tmpl;
	int rc = EXIT_USAGE;
	ggi_arch_result res[GGI_PROBE_NARCH];
	if (write_module(tmpl, cfg->c, cfg->files)) {
		int r = ggi_probe_execute(cfg, res);
		rc = r > 0 ? finish_outputs(cfg, outdir, res) : r < 0 ? 130 : EXIT_INTERNAL;
		if (!r)
			cli_error("out of memory");
	}
	if (keep)
		fprintf(stderr, "gogrow probe: kept %s\n", tmpl);
	else
		ggi_probe_rmtree(tmpl);
	return rc;
}

/* Churn workloads of tests/data/churn (N keys, K delete+insert pairs). */
#define CHURN_WORKLOADS "100,10000 400,50000 700,20000 3000,100000 10000,100000"
#define CHURN_LOCAL_WORKLOADS "5,100 100,10000 3000,100000"

typedef struct probe_args {
	const char *goroot, *outdir, *types, *files, *kind, *workloads, *convert, *src;
	int keep, local;
	int64_t jobs, timeout, runs;
} probe_args;

static int parse_args(int argc, char **argv, probe_args *pa, cli_common *c)
{
	cli_opt extra[] = {
	    {"--goroot", OPT_STR, &pa->goroot, NULL}, {"--out", OPT_STR, &pa->outdir, NULL},
	    {"--types", OPT_STR, &pa->types, NULL},   {"--files", OPT_STR, &pa->files, NULL},
	    {"--kind", OPT_STR, &pa->kind, NULL},     {"--keep", OPT_FLAG, &pa->keep, NULL},
	    {"--jobs", OPT_INT, &pa->jobs, NULL},     {"--timeout", OPT_INT, &pa->timeout, NULL},
	    {"--runs", OPT_INT, &pa->runs, NULL},     {"--workloads", OPT_STR, &pa->workloads, NULL},
	    {"--local", OPT_FLAG, &pa->local, NULL},  {"--convert", OPT_STR, &pa->convert, NULL},
	    {"--src", OPT_STR, &pa->src, NULL},	      {NULL, 0, NULL, NULL}};
	if (!cli_parse("probe", argc, argv, extra, c))
		return 0;
	if (c->npos || c->explicit_go || c->escape || c->fmt != FMT_TEXT) {
		cli_error("probe takes only --goroot, --arch, --out, --kind, --types, --files, --jobs, "
			  "--timeout, --runs, --workloads, --local, --keep, --convert and --src (the release "
			  "is the toolchain's)");
		return 0;
	}
	if (pa->convert) {
		if (strcmp(pa->convert, "maps") != 0 && strcmp(pa->convert, "slices") != 0) {
			cli_error("--convert: unknown conversion \"%s\" (expected maps or slices)",
				  pa->convert);
			return 0;
		}
		return 1;
	}
	if (!pa->goroot) {
		cli_error("probe needs --goroot DIR (a Go installation: DIR/bin/go)");
		return 0;
	}
	if (pa->jobs < 1 || pa->jobs > 256 || pa->timeout < 0 || pa->runs < 1 || pa->runs > 100000) {
		cli_error(pa->jobs < 1 || pa->jobs > 256 ? "--jobs must be between 1 and 256"
			  : pa->timeout < 0		 ? "--timeout must be 0 (none) or a number of seconds"
							 : "--runs must be between 1 and 100000");
		return 0;
	}
	if (strcmp(pa->kind, "types") != 0 && !ggi_probe_is_prog_kind(pa->kind)) {
		cli_error("--kind: unknown kind \"%s\" (expected types, map, mapstack or churn)", pa->kind);
		return 0;
	}
	return 1;
}

int cmd_probe(int argc, char **argv)
{
	probe_args pa = {.outdir = ".",
			 .files = "layout,growth,append,makemap,mapgrow",
			 .kind = "types",
			 .jobs = 1,
			 .timeout = 900,
			 .runs = 41};
	cli_common c;
	if (!parse_args(argc, argv, &pa, &c))
		return cli_usage_error("probe");
	if (pa.convert) {
		const char *src = pa.src ? pa.src : "tests/data/validation/raw";
		return !strcmp(pa.convert, "maps") ? ggi_probe_convert_maps(src, pa.outdir)
						   : ggi_probe_convert_slices(src, pa.outdir);
	}
	ggi_probe_cfg cfg = {
	    .goroot = pa.goroot, .jobs = (int)pa.jobs, .timeout = (double)pa.timeout, .bar = isatty(2)};
	if (!parse_archs(c.arch, cfg.want) || !ggi_probe_parse_files(pa.files, &cfg.files))
		return cli_usage_error("probe");
	if (strcmp(pa.kind, "types") != 0) {
		ggi_probe_prog_opts o = {pa.runs, pa.workloads, pa.local};
		if (!o.workloads)
			o.workloads = pa.local ? CHURN_LOCAL_WORKLOADS : CHURN_WORKLOADS;
		return ggi_probe_prog(pa.kind, pa.goroot, &cfg, &o, pa.outdir, pa.keep);
	}
	ggi_probe_corpus cp = {0};
	if (!load_corpus(pa.types, &cp) || !have_go(pa.goroot) || !ggi_probe_mkdirs(pa.outdir)) {
		ggi_probe_corpus_free(&cp);
		return EXIT_USAGE;
	}
	cfg.c = &cp;
	int rc = run_probe(&cfg, pa.outdir, pa.keep);
	ggi_probe_corpus_free(&cp);
	return rc;
}
