/* gogrow probe: measure the golden vectors on a real Go toolchain.
 *
 * The model is only as good as the vectors it is checked against, and those
 * must come from real Go. This command regenerates them from any installed
 * release:
 *
 *   1. Read the type corpus (probe/types.txt, compiled in, or --types FILE):
 *      one type per line with the files it goes to.
 *   2. Write a Go module to a temporary directory: the fixed files of probe/
 *      (embedded by tools/embed.c) and gen.go, which fills probe/slice.go.tmpl
 *      and probe/map.go.tmpl in once per type, so that every append, make and
 *      map insert is compiled for its concrete type.
 *   3. For each GOARCH asked for, `go build` it with the given GOROOT and run
 *      it natively (amd64 and 386 on an x86-64 host), under
 *      qemu-<cpu>-static, or under Node.js for wasm (with probe/node_shim.js
 *      preloaded, so that old wasm_exec_node.js scripts work on new Node).
 *      An arch whose runner is missing is skipped with a warning.
 *   4. Every output line is "FILE<TAB>INDEX<TAB>ROW". The lines of all arches
 *      are sorted by file, type index, arch (golden order) and output order,
 *      and written as --out DIR/FILE.tsv in the golden format.
 *
 * Children are started with argument vectors (probe_exec.c), never through a
 * shell, because GOROOT, --out and the temporary directory are user paths. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/probe.h"
#include "probe_files.h"

enum { F_LAYOUT, F_GROWTH, F_APPEND, F_MAKEMAP, F_MAPGROW, NFILES };

static const char *const file_names[NFILES] = {"layout", "growth", "append", "makemap", "mapgrow"};
static const char *const file_headers[NFILES] = {
    "go\tarch\ttype\tsize\talign\toffsets\tptrs", "go\tarch\ttype\tcaps",
    "go\tarch\ttype\tlen\tcap\tadd\tnewcap", "go\tarch\tmaptype\thint\tB\tbytes",
    "go\tarch\tmaptype\ttransitions"};

/* How each GOARCH runs on a Linux host: its qemu-user CPU name (also
 * uname's machine name when the host is that CPU), NULL for wasm. */
static const struct {
	const char *arch, *cpu;
} runners[] = {
    {"amd64", "x86_64"},	{"386", "i386"},    {"arm", "arm"},	    {"arm64", "aarch64"},
    {"loong64", "loongarch64"}, {"mips", "mips"},   {"mipsle", "mipsel"},   {"mips64", "mips64"},
    {"mips64le", "mips64el"},	{"ppc64", "ppc64"}, {"ppc64le", "ppc64le"}, {"riscv64", "riscv64"},
    {"s390x", "s390x"},		{"wasm", NULL},
};
#define NARCH (sizeof runners / sizeof runners[0])

#define MAPGROW_N_DEFAULT 1048576L

typedef struct ptype {
	char *src;	/* the type as written */
	unsigned files; /* bit set of F_* */
	long n;		/* mapgrow keys */
	char *key, *val;
} ptype;

typedef struct corpus {
	ptype *t;
	size_t n;
} corpus;

/* ---------------------------------------------------------------- output buffer */

typedef struct sbuf {
	char *s;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 1 << 16;
		while (nc < b->len + n + 1)
			nc *= 2;
		char *ns = realloc(b->s, nc);
		if (!ns) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static const char *embedded(const char *name)
{
	for (size_t i = 0; i < sizeof probe_files / sizeof probe_files[0]; i++)
		if (!strcmp(probe_files[i].name, name))
			return probe_files[i].text;
	return "";
}

/* ---------------------------------------------------------------- corpus */

static int parse_files(const char *s, unsigned *out)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", s);
	*out = 0;
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int k = -1;
		for (int i = 0; i < NFILES; i++)
			if (!strcmp(tok, file_names[i]))
				k = i;
		if (k < 0) {
			cli_error("unknown file \"%s\" (expected layout, growth, append, makemap or mapgrow)",
				  tok);
			return 0;
		}
		*out |= 1u << k;
	}
	if (!*out) {
		cli_error("empty file list");
		return 0;
	}
	return 1;
}

/* Splits "map[K]V" at the bracket that closes K. */
static int split_map(const char *src, char **key, char **val)
{
	if (strncmp(src, "map[", 4) != 0)
		return 0;
	int depth = 1;
	const char *p = src + 4;
	for (; *p && depth; p++)
		depth += (*p == '[' || *p == '{' || *p == '(') - (*p == ']' || *p == '}' || *p == ')');
	if (depth || !*p)
		return 0;
	*key = strndup(src + 4, (size_t)(p - 1 - (src + 4)));
	*val = strdup(p);
	return *key && *val;
}

static void corpus_free(corpus *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->t[i].src);
		free(c->t[i].key);
		free(c->t[i].val);
	}
	free(c->t);
	c->t = NULL;
	c->n = 0;
}

/* Each type is checked with gogrow's own parser: only a type expression may
 * reach the generated Go source, and only types the model knows can be
 * conformance-checked later anyway. */
static int corpus_parse(const char *name, char *text, corpus *c)
{
	long line = 0;
	size_t cap = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		line++;
		size_t n = strlen(l);
		if (n && l[n - 1] == '\r')
			l[--n] = 0;
		if (!n || l[0] == '#')
			continue;
		char *f[4] = {l, NULL, NULL, NULL};
		int nf = 1;
		for (char *p = l; *p && nf < 4; p++)
			if (*p == '\t') {
				*p = 0;
				f[nf++] = p + 1;
			}
		if (nf < 2 || nf > 3) {
			cli_error("%s:%ld: expected TYPE<TAB>FILES[<TAB>N]", name, line);
			return 0;
		}
		ptype t = {0};
		t.n = MAPGROW_N_DEFAULT;
		if (!parse_files(f[1], &t.files)) {
			cli_error("%s:%ld: bad file list", name, line);
			return 0;
		}
		if (nf == 3) {
			int64_t v;
			if (!cli_int("N", f[2], &v) || v < 1 || v > (1L << 30)) {
				cli_error("%s:%ld: N must be between 1 and 2^30", name, line);
				return 0;
			}
			t.n = (long)v;
		}
		gg_typeexpr *e;
		gg_error err = {0};
		if (gg_type_parse(f[0], &e, &err) != GG_OK) {
			cli_error("%s:%ld: %s: %s", name, line, f[0], err.msg);
			return 0;
		}
		int is_map = gg_typeexpr_root(e)->kind == GG_MAP;
		gg_typeexpr_free(e);
		if ((t.files & (1u << F_MAKEMAP | 1u << F_MAPGROW)) && !is_map) {
			cli_error("%s:%ld: %s: makemap and mapgrow need a map type", name, line, f[0]);
			return 0;
		}
		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			ptype *nt = realloc(c->t, cap * sizeof *nt);
			if (!nt)
				return 0;
			c->t = nt;
		}
		t.src = strdup(f[0]);
		if (!t.src || (is_map && !split_map(t.src, &t.key, &t.val))) {
			free(t.src);
			cli_error("%s:%ld: cannot split map type %s", name, line, f[0]);
			return 0;
		}
		c->t[c->n++] = t;
	}
	if (!c->n) {
		cli_error("%s: no types", name);
		return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------- generation */

static void go_quote(sbuf *b, const char *s)
{
	sb_str(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_str(b, "\\");
		sb_add(b, s, 1);
	}
	sb_str(b, "\"");
}

/* Fills a template in for type i, dropping the register() lines of the
 * files that are not wanted for it. */
static void expand(sbuf *b, const char *tmpl, const ptype *t, size_t i, unsigned want)
{
	char idx[24], n[24];
	snprintf(idx, sizeof idx, "%zu", i);
	snprintf(n, sizeof n, "%ld", t->n);
	for (const char *l = tmpl; *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l + 1) : strlen(l);
		const char *reg = strstr(l, "register(\"");
		int skip = 0;
		if (reg && reg < l + len)
			for (int f = 0; f < NFILES; f++) {
				size_t fl = strlen(file_names[f]);
				if (!strncmp(reg + 10, file_names[f], fl) && reg[10 + fl] == '"' &&
				    !(want & (1u << f)))
					skip = 1;
			}
		for (size_t k = 0; k < len && !skip;) {
			const char *p = l + k;
			if (p[0] == '@' && k + 2 < len && p[2] == '@') {
				switch (p[1]) {
				case 'I': sb_str(b, idx); break;
				case 'T': sb_str(b, t->src); break;
				case 'Q': go_quote(b, t->src); break;
				case 'K': sb_str(b, t->key ? t->key : ""); break;
				case 'V': sb_str(b, t->val ? t->val : ""); break;
				case 'N': sb_str(b, n); break;
				default: sb_add(b, p, 3);
				}
				k += 3;
			} else {
				sb_add(b, p, 1);
				k++;
			}
		}
		l += len;
	}
}

static char *generate(const corpus *c, unsigned files)
{
	sbuf b = {0};
	int atomic = 0;
	for (size_t i = 0; i < c->n; i++)
		atomic |= strstr(c->t[i].src, "atomic.") != NULL;
	sb_str(&b, "// Code generated by gogrow probe from probe/*.go.tmpl; DO NOT EDIT.\n\npackage main\n\n"
		   "import (\n\t\"reflect\"\n\t\"runtime\"\n\t\"runtime/debug\"\n\t\"strings\"\n");
	if (atomic)
		sb_str(&b, "\t\"sync/atomic\"\n");
	sb_str(
	    &b,
	    "\t\"unsafe\"\n)\n\n"
	    "var _ = reflect.TypeOf\nvar _ = runtime.GC\nvar _ = debug.SetGCPercent\nvar _ = strings.Join\n"
	    "var _ unsafe.Pointer\n");
	if (atomic)
		sb_str(&b, "var _ = atomic.AddInt32\n");
	const unsigned slice_files = 1u << F_LAYOUT | 1u << F_GROWTH | 1u << F_APPEND;
	const unsigned map_files = 1u << F_MAKEMAP | 1u << F_MAPGROW;
	for (size_t i = 0; i < c->n; i++) {
		unsigned want = c->t[i].files & files;
		if (want & slice_files) {
			sb_str(&b, "\n");
			expand(&b, embedded("slice.go.tmpl"), &c->t[i], i, want);
		}
		if (want & map_files) {
			sb_str(&b, "\n");
			expand(&b, embedded("map.go.tmpl"), &c->t[i], i, want);
		}
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---------------------------------------------------------------- running */

typedef struct probe_ctx {
	const char *goroot, *outdir, *tmp;
	char gobin[4096];
	char *node;
	char wasm_exec[4096];
	int keep;
	/* The files written to tmp, removed at the end unless --keep. */
	char *created[64];
	int ncreated;
} probe_ctx;

static void created(probe_ctx *p, const char *name)
{
	if (p->ncreated < (int)(sizeof p->created / sizeof p->created[0]))
		p->created[p->ncreated++] = strdup(name);
}

static void path_in(char *dst, size_t n, const char *dir, const char *name)
{
	snprintf(dst, n, "%s/%s", dir, name);
}

/* Prints the last lines of a child's stderr after it failed. */
static void show_log(const char *path)
{
	size_t len;
	char *s = probe_read_file(path, &len);
	if (!s)
		return;
	const char *from = len > 4000 ? s + len - 4000 : s;
	fprintf(stderr, "%s%s", from, len && s[len - 1] != '\n' ? "\n" : "");
	free(s);
}

/* The command line that runs the probe binary for arch a, or 0 with
 * *why set when its runner is missing. argv strings live in `store`. */
static int runner_argv(probe_ctx *p, size_t a, const char *bin, char *argv[6], char store[2][4096],
		       const char **why)
{
	struct utsname u;
	const char *host = uname(&u) == 0 ? u.machine : "";
	const char *cpu = runners[a].cpu;
	if (!cpu) {
		if (!p->node) {
			*why = "node (Node.js) is not in PATH";
			return 0;
		}
		if (!p->wasm_exec[0]) {
			*why = "GOROOT has no lib/wasm/wasm_exec_node.js or misc/wasm/wasm_exec_node.js";
			return 0;
		}
		snprintf(store[1], 4096, "%s/node_shim.js", p->tmp);
		argv[0] = p->node;
		argv[1] = "--require";
		argv[2] = store[1];
		argv[3] = p->wasm_exec;
		argv[4] = (char *)bin;
		argv[5] = NULL;
		return 1;
	}
	/* 32-bit x86 binaries run natively on an x86-64 Linux kernel. */
	if (!strcmp(host, cpu) || (!strcmp(cpu, "i386") && !strcmp(host, "x86_64"))) {
		argv[0] = (char *)bin;
		argv[1] = NULL;
		return 1;
	}
	char name[64];
	snprintf(name, sizeof name, "qemu-%s-static", cpu);
	char *q = probe_which(name);
	if (!q) {
		snprintf(name, sizeof name, "qemu-%s", cpu);
		q = probe_which(name);
	}
	if (!q) {
		snprintf(
		    store[1], 4096,
		    "qemu-%s-static (or qemu-%s) is not in PATH (Debian: apt-get install qemu-user-static)",
		    cpu, cpu);
		*why = store[1];
		return 0;
	}
	snprintf(store[0], 4096, "%s", q);
	free(q);
	argv[0] = store[0];
	argv[1] = (char *)bin;
	argv[2] = NULL;
	return 1;
}

/* Variables that would change what is built or measured: the toolchain is
 * pinned to --goroot, module downloads are off, and the collector runs with
 * its defaults. GOEXPERIMENT is left alone on purpose (noswissmap is a way
 * to probe classic maps on go1.24 and go1.25; runtime.Version() then says
 * so). */
static const char *const drop_vars[] = {"GOROOT",  "GOOS",	  "GOARCH",	"GOARM",      "GOTOOLCHAIN",
					"GOPROXY", "CGO_ENABLED", "GOFLAGS",	"GOWORK",     "GO111MODULE",
					"GOGC",	   "GODEBUG",	  "GOMEMLIMIT", "GOMAXPROCS", NULL};

static int build_and_run(probe_ctx *p, size_t a, int *rows)
{
	const char *arch = runners[a].arch;
	const int wasm = runners[a].cpu == NULL;
	char bin_name[64], out_name[64], err_name[64], bin[4096], out[4096], err[4096];
	snprintf(bin_name, sizeof bin_name, "probe-%s%s", arch, wasm ? ".wasm" : "");
	snprintf(out_name, sizeof out_name, "out-%s.txt", arch);
	snprintf(err_name, sizeof err_name, "err-%s.txt", arch);
	path_in(bin, sizeof bin, p->tmp, bin_name);
	path_in(out, sizeof out, p->tmp, out_name);
	path_in(err, sizeof err, p->tmp, err_name);

	char *rargv[6], store[2][4096];
	const char *why = NULL;
	if (!runner_argv(p, a, bin, rargv, store, &why)) {
		fprintf(stderr, "gogrow: warning: %s skipped: %s\n", arch, why);
		return 0;
	}

	char v_goroot[4200], v_goos[32], v_goarch[64];
	snprintf(v_goroot, sizeof v_goroot, "GOROOT=%s", p->goroot);
	snprintf(v_goos, sizeof v_goos, "GOOS=%s", wasm ? "js" : "linux");
	snprintf(v_goarch, sizeof v_goarch, "GOARCH=%s", arch);
	const char *add[16] = {v_goroot,	v_goos,	    v_goarch,	  "GOTOOLCHAIN=local", "GOPROXY=off",
			       "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off", "GO111MODULE=on"};
	size_t nadd = 9;
	if (!strcmp(arch, "arm"))
		add[nadd++] = "GOARM=7";
	/* go needs a build cache; without HOME it has no default for one. */
	char v_cache[4200];
	if (!getenv("GOCACHE") && !getenv("XDG_CACHE_HOME") && !getenv("HOME")) {
		const char *t = getenv("TMPDIR");
		snprintf(v_cache, sizeof v_cache, "GOCACHE=%s/gogrow-gocache", t && *t ? t : "/tmp");
		add[nadd++] = v_cache;
	}
	char **env = probe_env(drop_vars, add, nadd);
	if (!env) {
		cli_error("out of memory");
		return -1;
	}
	created(p, bin_name);
	created(p, out_name);
	created(p, err_name);

	double t0 = probe_now();
	char *bargv[] = {p->gobin, "build", "-o", bin, ".", NULL};
	int st = probe_run(bargv, env, p->tmp, NULL, err);
	double t1 = probe_now();
	if (st != 0) {
		probe_env_free(env);
		cli_error("%s: go build failed (exit status %d):", arch, st);
		show_log(err);
		return -1;
	}
	/* The same environment serves the run: GOOS/GOARCH mean nothing to the
	 * binary, and GOGC/GODEBUG were dropped above. */
	st = probe_run(rargv, env, p->tmp, out, err);
	double t2 = probe_now();
	probe_env_free(env);
	if (st != 0) {
		cli_error("%s: the probe failed (exit status %d):", arch, st);
		show_log(err);
		return -1;
	}
	size_t len;
	char *text = probe_read_file(out, &len);
	*rows = 0;
	for (size_t i = 0; text && i < len; i++)
		*rows += text[i] == '\n';
	free(text);
	fprintf(stderr, "gogrow probe: %-8s built in %.1fs, ran in %.1fs (%s), %d lines\n", arch, t1 - t0,
		t2 - t1,
		wasm	   ? "node"
		: rargv[1] ? strrchr(rargv[0], '/') + 1
			   : "native",
		*rows);
	return 1;
}

/* ---------------------------------------------------------------- merging */

typedef struct row {
	int file, comment;
	long idx;
	size_t arch, seq;
	const char *text; /* the golden row, NUL-terminated */
} row;

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

/* Splits one arch's output into rows; the text is modified in place. */
static int collect(char *text, size_t arch, row **rows, size_t *n, size_t *cap)
{
	size_t seq = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *t1 = strchr(l, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			cli_error("%s: unexpected probe output \"%.60s\"", runners[arch].arch, l);
			return 0;
		}
		*t1 = 0;
		int f = -1;
		for (int k = 0; k < NFILES; k++)
			if (!strcmp(l, file_names[k]))
				f = k;
		if (f < 0) {
			cli_error("%s: unexpected probe output \"%.60s\"", runners[arch].arch, l);
			return 0;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 4096;
			row *nr = realloc(*rows, *cap * sizeof *nr);
			if (!nr)
				return 0;
			*rows = nr;
		}
		(*rows)[(*n)++] = (row){f, t2[1] == '#', strtol(t1 + 1, NULL, 10), arch, seq++, t2 + 1};
	}
	return 1;
}

static int write_outputs(probe_ctx *p, row *rows, size_t n, unsigned files, const char *archs_run)
{
	qsort(rows, n, sizeof *rows, row_cmp);
	const char *gover = "unknown";
	char gv[64];
	for (size_t i = 0; i < n; i++)
		if (!rows[i].comment) {
			const char *tab = strchr(rows[i].text, '\t');
			snprintf(gv, sizeof gv, "%.*s", tab ? (int)(tab - rows[i].text) : 0, rows[i].text);
			gover = gv;
			break;
		}
	int ok = 1;
	for (int f = 0; f < NFILES; f++) {
		if (!(files & (1u << f)))
			continue;
		char path[4096], tmp[4200];
		snprintf(path, sizeof path, "%s/%s.tsv", p->outdir, file_names[f]);
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
		for (size_t i = 0; i < n; i++) {
			if (rows[i].file != f)
				continue;
			if (rows[i].comment) {
				/* Every arch prints a type's heading; keep one. */
				if (last_comment && !strcmp(last_comment, rows[i].text))
					continue;
				last_comment = rows[i].text;
			} else
				nrows++;
			fprintf(o, "%s\n", rows[i].text);
		}
		if (fclose(o) != 0 || rename(tmp, path) != 0) {
			cli_error("cannot write %s: %s", path, strerror(errno));
			ok = 0;
			continue;
		}
		fprintf(stderr, "gogrow probe: wrote %s (%ld rows)\n", path, nrows);
	}
	return ok;
}

/* ---------------------------------------------------------------- command */

static int parse_archs(const char *s, int want[NARCH])
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s ? s : "amd64");
	memset(want, 0, NARCH * sizeof want[0]);
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (size_t a = 0; a < NARCH; a++)
			if (!strcmp(tok, "all") || !strcmp(tok, runners[a].arch))
				want[a] = found = 1;
		if (!found) {
			cli_error("--arch: unknown GOARCH \"%s\"", tok);
			return 0;
		}
	}
	return 1;
}

static int setup(probe_ctx *p, const corpus *c, unsigned files)
{
	snprintf(p->gobin, sizeof p->gobin, "%s/bin/go", p->goroot);
	if (!probe_executable(p->gobin)) {
		cli_error("--goroot %s: no Go toolchain there (%s is missing or not executable)", p->goroot,
			  p->gobin);
		return 0;
	}
	const char *wx[] = {"lib/wasm/wasm_exec_node.js", "misc/wasm/wasm_exec_node.js"};
	for (size_t i = 0; i < 2 && !p->wasm_exec[0]; i++) {
		char path[4096];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", p->goroot, wx[i]);
		if (stat(path, &sb) == 0)
			snprintf(p->wasm_exec, sizeof p->wasm_exec, "%s", path);
	}
	p->node = probe_which("node");
	char *gen = generate(c, files);
	if (!gen) {
		cli_error("out of memory");
		return 0;
	}
	static const char gomod[] = "module gogrowprobe\n\ngo 1.16\n";
	static const char *const fixed[] = {"probe.go", "maps_classic.go", "maps_swiss.go", "node_shim.js"};
	int ok = probe_write_file(p->tmp, "go.mod", gomod, sizeof gomod - 1);
	created(p, "go.mod");
	for (size_t i = 0; ok && i < sizeof fixed / sizeof fixed[0]; i++) {
		ok = probe_write_file(p->tmp, fixed[i], embedded(fixed[i]), strlen(embedded(fixed[i])));
		created(p, fixed[i]);
	}
	if (ok)
		ok = probe_write_file(p->tmp, "gen.go", gen, strlen(gen));
	created(p, "gen.go");
	free(gen);
	return ok;
}

static void cleanup(probe_ctx *p)
{
	for (int i = 0; i < p->ncreated; i++) {
		if (!p->keep && p->created[i]) {
			char path[4200];
			path_in(path, sizeof path, p->tmp, p->created[i]);
			unlink(path);
		}
		free(p->created[i]);
	}
	if (p->keep)
		fprintf(stderr, "gogrow probe: kept %s\n", p->tmp);
	else
		rmdir(p->tmp);
	free(p->node);
}

int cmd_probe(int argc, char **argv)
{
	const char *goroot = NULL, *outdir = ".", *types = NULL,
		   *files_s = "layout,growth,append,makemap,mapgrow";
	int keep = 0;
	cli_opt extra[] = {{"--goroot", OPT_STR, &goroot, NULL}, {"--out", OPT_STR, &outdir, NULL},
			   {"--types", OPT_STR, &types, NULL},	 {"--files", OPT_STR, &files_s, NULL},
			   {"--keep", OPT_FLAG, &keep, NULL},	 {NULL, 0, NULL, NULL}};
	cli_common c;
	if (!cli_parse("probe", argc, argv, extra, &c))
		return cli_usage_error("probe");
	if (c.npos || c.explicit_go || c.escape || c.fmt != FMT_TEXT) {
		cli_error(
		    "probe takes only --goroot, --arch, --out, --types, --files and --keep (the release is "
		    "the toolchain's)");
		return cli_usage_error("probe");
	}
	if (!goroot) {
		cli_error("probe needs --goroot DIR (a Go installation: DIR/bin/go)");
		return cli_usage_error("probe");
	}
	int want[NARCH];
	unsigned files;
	if (!parse_archs(c.arch, want) || !parse_files(files_s, &files))
		return cli_usage_error("probe");
	struct stat sb;
	if (stat(outdir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cli_error("--out %s: not a directory", outdir);
		return EXIT_USAGE;
	}

	char *text = types ? probe_read_file(types, NULL) : strdup(embedded("types.txt"));
	if (!text) {
		cli_error("cannot read %s: %s", types ? types : "the built-in corpus", strerror(errno));
		return EXIT_USAGE;
	}
	corpus cp = {0};
	int ok = corpus_parse(types ? types : "probe/types.txt", text, &cp);
	free(text);
	if (!ok) {
		corpus_free(&cp);
		return EXIT_USAGE;
	}

	probe_ctx p = {.goroot = goroot, .outdir = outdir, .keep = keep};
	char tmpl[4096];
	const char *td = getenv("TMPDIR");
	snprintf(tmpl, sizeof tmpl, "%s/gogrow-probe-XXXXXX", td && *td ? td : "/tmp");
	if (!mkdtemp(tmpl)) {
		cli_error("cannot create a temporary directory %s: %s", tmpl, strerror(errno));
		corpus_free(&cp);
		return EXIT_INTERNAL;
	}
	p.tmp = tmpl;
	int rc = EXIT_OK;
	if (!setup(&p, &cp, files))
		rc = EXIT_USAGE;

	row *rows = NULL;
	size_t nrows = 0, cap = 0;
	char *outputs[NARCH] = {0};
	char archs_run[1024] = "";
	size_t off = 0;
	for (size_t a = 0; a < NARCH && rc == EXIT_OK; a++) {
		if (!want[a])
			continue;
		int lines = 0;
		int r = build_and_run(&p, a, &lines);
		if (r < 0) {
			rc = EXIT_INTERNAL;
			break;
		}
		if (r == 0)
			continue;
		char out[4200];
		snprintf(out, sizeof out, "%s/out-%s.txt", p.tmp, runners[a].arch);
		outputs[a] = probe_read_file(out, NULL);
		if (!outputs[a] || !collect(outputs[a], a, &rows, &nrows, &cap)) {
			rc = EXIT_INTERNAL;
			break;
		}
		off += (size_t)snprintf(archs_run + off, sizeof archs_run - off, "%s%s",
					off ? " " : "arches: ", runners[a].arch);
	}
	if (rc == EXIT_OK && !off) {
		cli_error("no arch could be run");
		rc = EXIT_USAGE;
	}
	if (rc == EXIT_OK && !write_outputs(&p, rows, nrows, files, archs_run))
		rc = EXIT_INTERNAL;
	free(rows);
	for (size_t a = 0; a < NARCH; a++)
		free(outputs[a]);
	cleanup(&p);
	corpus_free(&cp);
	return rc;
}
