/* Program kinds of `gogrow probe` (--kind map, mapstack, churn): whole Go
 * programs in probe/<kind>/ (embedded like the rest of probe/), built and
 * run with one or more toolchains, their output lines routed by their
 * first column into the vector files of tests/data.
 *
 * These were tools/mapprobe, tools/mapstack and tools/mapchurn with a
 * run.sh each. They run through the same job runner as the type probes
 * (probe_sched.c: qemu fallback, --jobs, --timeout, partial results), with
 * one run per toolchain and arch. Several toolchains can be given
 * (--goroot DIR[@GOEXPERIMENT],...): the committed files hold the rows of
 * several releases, in the order the toolchains are listed, then golden
 * arch order, then output order. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/probe.h"

typedef struct prog_out {
	char prefix;
	const char *file, *what, *header;
} prog_out;

typedef struct prog_kind {
	const char *name;
	const char *srcs[4]; /* embedded names; written as their base names */
	prog_out out[3];
} prog_kind;

static const prog_kind kinds[] = {
    {"map",
     {"mapprobe/go.mod", "mapprobe/main.go", "mapprobe/atomic.go"},
     {{'A', "mapalloc_probe.tsv", "make(map[K]V, hint) on real Go, every GOARCH.",
       "go\tarch\tmaptype\thint\tbytes\tmallocs"},
      {'F', "mapfill_probe.tsv", "make(map[K]V) and n inserts on real Go, every GOARCH.",
       "go\tarch\tmaptype\tn\tbytes"}}},
    {"mapstack",
     {"mapstack/go.mod", "mapstack/main.go"},
     {{'S', "mapstack.tsv", "heap bytes of make + n inserts of a map that does not escape, real Go.",
       "go\tarch\tmaptype\tform\tn\tbytes\tmallocs"}}},
    {"churn",
     {"mapchurn/go.mod", "mapchurn/main.go"},
     {{'C', "mapchurn.tsv", "Swiss map churn on real Go",
       "go\tarch\tn\tk\trun\tbytes\ttables\tdirlen\tcapacity\ttombstones"},
      {'K', "mapchurn_classic.tsv", "classic map churn on real Go",
       "go\tarch\tn\tk\trun\tbytes\tB\tnoverflow"},
      {'L', "mapchurn_local.tsv", "churn of a map that does not escape, real Go",
       "go\tarch\tn\tk\trun\tbytes"}}},
};

static const prog_kind *find_kind(const char *name)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

int ggi_probe_is_prog_kind(const char *name)
{
	return find_kind(name) != NULL;
}

/* ---------------------------------------------------------------- text buffers */

typedef struct tbuf {
	char *s;
	size_t len, cap;
} tbuf;

static int tb_add(tbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 1 << 16;
		while (nc < b->len + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns)
			return 0;
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return 1;
}

/* ---------------------------------------------------------------- one toolchain */

/* A classic-map toolchain: before go1.24, or with GOEXPERIMENT=noswissmap
 * (the mode the programs take as their first argument). The release is
 * read from GOROOT/VERSION ("go1.24.4"). */
static int is_classic(const char *goroot, const char *exp, int *classic)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/VERSION", goroot);
	char *v = ggi_probe_read_file(path, NULL);
	int major, minor;
	if (!v || sscanf(v, "go%d.%d", &major, &minor) != 2) {
		cli_error("--goroot %s: cannot read the release from %s", goroot, path);
		free(v);
		return 0;
	}
	free(v);
	*classic = major == 1 && (minor < 24 || (exp && strstr(exp, "noswissmap")));
	return 1;
}

/* Lines of `go build -gcflags=-m` that show a map escaping: mapstack
 * measures maps on the stack and would silently measure heap maps. */
static int maps_stay_local(const char *tmp, const char *arch)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/err-%s-build.txt", tmp, arch);
	char *log = ggi_probe_read_file(path, NULL);
	if (!log) {
		cli_error("%s: cannot read %s: %s", arch, path, strerror(errno));
		return 0;
	}
	int ok = 1;
	for (char *save = NULL, *l = strtok_r(log, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		if (strstr(l, "make(map") && !strstr(l, "does not escape")) {
			cli_error("%s: a map escapes: %s", arch, l);
			ok = 0;
		}
	free(log);
	return ok;
}

/* Routes one run's lines to the kind's files by their first column. */
static int route(const prog_kind *k, const char *text, const char *arch, tbuf out[3])
{
	for (const char *l = text; *l;) {
		const char *end = strchr(l, '\n');
		size_t n = end ? (size_t)(end - l) : strlen(l);
		int f = -1;
		for (int i = 0; i < 3 && k->out[i].file; i++)
			if (n > 2 && l[0] == k->out[i].prefix && l[1] == '\t')
				f = i;
		if (f < 0) {
			cli_error("%s: unexpected output \"%.*s\"", arch, (int)(n > 60 ? 60 : n), l);
			return 0;
		}
		if (!tb_add(&out[f], l + 2, n - 2) || !tb_add(&out[f], "\n", 1)) {
			cli_error("out of memory");
			return 0;
		}
		l += n + (end != NULL);
	}
	return 1;
}

typedef struct prog_run {
	const prog_kind *k;
	const ggi_probe_prog_opts *o;
	tbuf out[3];
	char archs[128]; /* the arches that succeeded, for the comment line */
	int failed;
} prog_run;

/* Writes the kind's module (its own go.mod: its go directive decides the
 * language version, loop variables included) and the wasm shim into dir. */
static int write_prog(const prog_kind *k, const char *dir)
{
	int ok = ggi_probe_write_file(dir, "node_shim.js", ggi_probe_embedded("node_shim.js"),
				      strlen(ggi_probe_embedded("node_shim.js")));
	for (int i = 0; ok && i < 4 && k->srcs[i]; i++) {
		const char *base = strrchr(k->srcs[i], '/') + 1;
		ok = ggi_probe_write_file(dir, base, ggi_probe_embedded(k->srcs[i]),
					  strlen(ggi_probe_embedded(k->srcs[i])));
	}
	return ok;
}

/* The program's arguments: the map mode, then for churn [local] RUNS
 * WORKLOAD...; the strings live in `store`. */
static size_t prog_args(const prog_run *r, int classic, const char *args[40], char store[512])
{
	size_t n = 0;
	if (strcmp(r->k->name, "churn") != 0) {
		args[n++] = classic ? "classic" : "swiss";
		args[n] = NULL;
		return n;
	}
	if (classic)
		args[n++] = "classic";
	if (r->o->local)
		args[n++] = "local";
	snprintf(store, 512, "%ld", r->o->runs);
	args[n++] = store;
	size_t off = strlen(store) + 1;
	snprintf(store + off, 512 - off, "%s", r->o->workloads);
	for (char *save = NULL, *w = strtok_r(store + off, " ", &save); w && n < 39;
	     w = strtok_r(NULL, " ", &save))
		args[n++] = w;
	args[n] = NULL;
	return n;
}

/* Takes the rows of every arch that succeeded with this toolchain. */
static void gather(prog_run *r, const ggi_probe_cfg *cfg, const ggi_arch_result res[])
{
	for (size_t a = 0; a < GGI_PROBE_NARCH; a++) {
		const char *arch = ggi_probe_arches[a].arch;
		if (res[a] == GGI_ARCH_FAILED)
			r->failed = 1;
		if (res[a] != GGI_ARCH_OK)
			continue;
		char path[4200];
		snprintf(path, sizeof path, "%s/out-%s-0.txt", cfg->tmp, arch);
		char *text = ggi_probe_read_file(path, NULL);
		size_t len[3] = {r->out[0].len, r->out[1].len, r->out[2].len};
		int ok = text && (strcmp(r->k->name, "mapstack") != 0 || maps_stay_local(cfg->tmp, arch)) &&
			 route(r->k, text, arch, r->out);
		free(text);
		if (!ok) {
			/* None of a failed arch's lines stay. */
			for (int i = 0; i < 3; i++)
				if (r->out[i].s)
					r->out[i].s[r->out[i].len = len[i]] = 0;
			r->failed = 1;
			continue;
		}
		if (!strstr(r->archs, arch)) {
			size_t n = strlen(r->archs);
			snprintf(r->archs + n, sizeof r->archs - n, "%s%s", n ? " " : "", arch);
		}
	}
}

/* Builds and runs the program with one toolchain ("DIR" or
 * "DIR@GOEXPERIMENT"). Returns 0 on a usage error (nothing run). */
static int run_toolchain(prog_run *r, ggi_probe_cfg cfg, const char *entry, int keep)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", entry);
	char *at = strchr(dir, '@');
	if (at)
		*at++ = 0;
	char gobin[4200];
	snprintf(gobin, sizeof gobin, "%s/bin/go", dir);
	int classic;
	if (!ggi_probe_executable(gobin)) {
		cli_error("--goroot %s: no Go toolchain there (%s is missing or not executable)", dir, gobin);
		return 0;
	}
	if (!is_classic(dir, at, &classic))
		return 0;
	char tmpl[4096];
	const char *td = getenv("TMPDIR");
	snprintf(tmpl, sizeof tmpl, "%s/gogrow-probe-XXXXXX", td && *td ? td : "/tmp");
	if (!mkdtemp(tmpl)) {
		cli_error("cannot create a temporary directory %s: %s", tmpl, strerror(errno));
		r->failed = 1;
		return 1;
	}
	const char *args[40], *tags[] = {"-tags", "atomickey", NULL}, *escape[] = {"-gcflags=-m", NULL};
	char store[512];
	prog_args(r, classic, args, store);
	ggi_probe_type unit = {.src = (char *)r->k->name, .files = 1};
	ggi_probe_corpus one = {&unit, 1};
	cfg.goroot = dir;
	/* As the old run.sh scripts did: GOEXPERIMENT is what the entry says,
	 * empty (the release's defaults) when it says nothing. */
	cfg.goexperiment = at ? at : "";
	cfg.tmp = tmpl;
	cfg.c = &one;
	cfg.files = 1;
	cfg.run_args = args;
	/* The 8-aligned atomic.Int64 key only compiles with Swiss maps. */
	cfg.build_flags = !strcmp(r->k->name, "map")	    ? (classic ? NULL : tags)
			  : !strcmp(r->k->name, "mapstack") ? escape
							    : NULL;
	ggi_arch_result res[GGI_PROBE_NARCH];
	int e = write_prog(r->k, tmpl) ? ggi_probe_execute(&cfg, res) : 0;
	if (e > 0)
		gather(r, &cfg, res);
	else
		r->failed = 1;
	if (keep)
		fprintf(stderr, "gogrow probe: kept %s\n", tmpl);
	else
		ggi_probe_rmtree(tmpl);
	return e >= 0 ? 1 : -1;
}

static int write_out(const prog_run *r, const char *outdir, const prog_out *po, const tbuf *b)
{
	char path[4200], tmp[4300];
	snprintf(path, sizeof path, "%s/%s", outdir, po->file);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		cli_error("cannot write %s: %s", tmp, strerror(errno));
		return 0;
	}
	if (!strcmp(r->k->name, "churn"))
		fprintf(f, "# Generated by gogrow probe --kind churn: %s, %s, %ld runs per workload.\n",
			po->what, r->archs, r->o->runs);
	else
		fprintf(f, "# Generated by gogrow probe --kind %s: %s\n", r->k->name, po->what);
	fprintf(f, "%s\n", po->header);
	fwrite(b->s, 1, b->len, f);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	long rows = 0;
	for (size_t i = 0; i < b->len; i++)
		rows += b->s[i] == '\n';
	fprintf(stderr, "gogrow probe: wrote %s (%ld rows)\n", path, rows);
	return 1;
}

/* Every toolchain is checked before anything is built. */
static int check_goroots(const char *list)
{
	char buf[8192];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *save = NULL, *e = strtok_r(buf, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
		char *at = strchr(e, '@');
		if (at)
			*at++ = 0;
		char gobin[4200];
		int classic;
		snprintf(gobin, sizeof gobin, "%s/bin/go", e);
		if (!ggi_probe_executable(gobin)) {
			cli_error("--goroot %s: no Go toolchain there (%s is missing or not executable)", e,
				  gobin);
			return 0;
		}
		if (!is_classic(e, at, &classic))
			return 0;
	}
	return 1;
}

int ggi_probe_prog(const char *kind, const char *goroots, const ggi_probe_cfg *base,
		   const ggi_probe_prog_opts *o, const char *outdir, int keep)
{
	prog_run r = {.k = find_kind(kind), .o = o};
	if (!r.k || !check_goroots(goroots) || !ggi_probe_mkdirs(outdir))
		return EXIT_USAGE;
	char buf[8192];
	snprintf(buf, sizeof buf, "%s", goroots);
	int rc = EXIT_OK;
	for (char *save = NULL, *e = strtok_r(buf, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
		fprintf(stderr, "gogrow probe: --kind %s with %s\n", kind, e);
		if (run_toolchain(&r, *base, e, keep) < 0) {
			rc = 130;
			break;
		}
	}
	int wrote = 0;
	for (int i = 0; rc == EXIT_OK && i < 3 && r.k->out[i].file; i++)
		if (r.out[i].len) {
			wrote = 1;
			if (!write_out(&r, outdir, &r.k->out[i], &r.out[i]))
				r.failed = 1;
		}
	for (int i = 0; i < 3; i++)
		free(r.out[i].s);
	if (rc != EXIT_OK)
		return rc;
	if (r.failed) {
		cli_error("some toolchain or arch failed (see above); %s",
			  wrote ? "the files hold the rows of the others" : "nothing written");
		return EXIT_INTERNAL;
	}
	if (!wrote) {
		cli_error("no arch could be run");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}
