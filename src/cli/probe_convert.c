/* gogrow probe --convert maps: the spec's raw real-Go map outputs
 * (tests/data/validation/raw: mapmake_*, classicgrowth_*, go-growth-spec.md
 * Appendix C) into the conform files mapalloc.tsv and mapgrow_classic.tsv.
 * It replaces tools/mapvalidation.py and writes the same rows.
 *
 * A raw file is named after the release range whose output was identical
 * ("classicgrowth_go1.16-1.20_1.22-1.25ns_386.txt"); each range becomes one
 * row per release, the go column spelled as runtime.Version() would
 * ("go1.24.4 X:noswissmap"). Map types and key counts are read from the Go
 * programs that printed the outputs (*_test_prog.go.txt), never guessed;
 * anything of another shape stops the conversion with a message. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/probe.h"

/* The patch releases the validation runs used (validation/README.md). */
static const char *const versions[] = {"go1.16.14", "go1.17.13", "go1.18",    "go1.19.8",
				       "go1.20.4",  "go1.21.13", "go1.22.12", "go1.23.5",
				       "go1.24.4",  "go1.25.12", "go1.26.11", "go1.27.4"};
#define V_MIN 16
#define V_MAX 27

typedef struct rel {
	int v, ns;
} rel;

typedef struct mrow {
	int v, ns, arch, seq; /* arch: 0 amd64, 1 386 */
	const char *type;
	char hint[24], bytes[24], mallocs[24];
} mrow;

typedef struct grow_row {
	int v, ns, arch, t;
	const char *trans;
} grow_row;

/* "go1.16-1.20_1.22-1.25ns" (every "go" dropped, as the old script did) into
 * releases; 0 on anything else. */
static int parse_releases(const char *spec, rel out[32], int *n)
{
	char buf[128], clean[128];
	size_t k = 0;
	for (const char *p = spec; *p && k < sizeof clean - 1; p++)
		if (!(p[0] == 'g' && p[1] == 'o'))
			clean[k++] = *p;
		else
			p++;
	clean[k] = 0;
	snprintf(buf, sizeof buf, "%s", clean);
	*n = 0;
	for (char *save = NULL, *part = strtok_r(buf, "_", &save); part; part = strtok_r(NULL, "_", &save)) {
		size_t len = strlen(part);
		int ns = len > 2 && !strcmp(part + len - 2, "ns");
		int lo, hi, used = 0;
		if (ns)
			part[len - 2] = 0;
		if (sscanf(part, "1.%d-1.%d%n", &lo, &hi, &used) == 2 && !part[used])
			;
		else if (sscanf(part, "1.%d%n", &lo, &used) == 1 && !part[used])
			hi = lo;
		else
			return 0;
		if (lo < V_MIN || hi > V_MAX || lo > hi)
			return 0;
		for (int v = lo; v <= hi && *n < 32; v++)
			out[(*n)++] = (rel){v, ns};
	}
	return *n > 0;
}

static int fail(const char *fmt, const char *a, const char *b)
{
	char msg[2 * 4200 + 512]; /* two paths and the words around them */
	snprintf(msg, sizeof msg, fmt, a, b);
	cli_error("--convert maps: %s", msg);
	return 0;
}

/* The text after "PREFIX" on a line, trailing blanks cut; NULL if the line
 * does not start with it. */
static char *after(char *line, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(line, prefix, n) != 0)
		return NULL;
	char *s = line + n;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		s[--len] = 0;
	return s;
}

/* The names and types of `var g_NAME map[...]` in mapmake's program. */
typedef struct mtypes {
	char name[12][32], type[12][128];
	int n;
} mtypes;

static int mapmake_types(const char *dir, mtypes *t)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/mapmake_test_prog.go.txt", dir);
	char *src = ggi_probe_read_file(path, NULL);
	if (!src)
		return fail("cannot read %s: %s", path, strerror(errno));
	t->n = 0;
	int ok = 1;
	for (char *save = NULL, *l = strtok_r(src, "\n", &save); l && ok; l = strtok_r(NULL, "\n", &save)) {
		char *rest = after(l, "var g_"), *sp = rest ? strchr(rest, ' ') : NULL;
		if (!sp || strncmp(sp + 1, "map[", 4) != 0)
			continue;
		if (t->n == 12) {
			ok = fail("%s: more than 12 map types%s", path, "");
			break;
		}
		snprintf(t->name[t->n], 32, "%.*s", (int)(sp - rest), rest);
		snprintf(t->type[t->n], 128, "%s", sp + 1);
		t->n++;
	}
	free(src);
	if (ok && t->n != 12)
		ok = fail("expected 12 map types in %s%s", path, "");
	return ok;
}

/* ---------------------------------------------------------------- file names */

/* "KIND_<releases>[_noswissmap]_ARCH.txt": the release spec into `spec`,
 * *arch (0 amd64, 1 386) and *ns. `ns_suffix` allows "_noswissmap". */
static int parse_name(const char *name, const char *kind, int ns_suffix, char spec[128], int *arch, int *ns)
{
	size_t kl = strlen(kind), n = strlen(name);
	static const char *const tails[] = {"_amd64.txt", "_386.txt"};
	*ns = 0;
	if (strncmp(name, kind, kl) != 0 || name[kl] != '_' || strncmp(name + kl + 1, "go", 2) != 0)
		return 0;
	for (*arch = 0; *arch < 2; (*arch)++) {
		size_t tl = strlen(tails[*arch]);
		if (n > kl + 1 + tl && !strcmp(name + n - tl, tails[*arch]))
			break;
	}
	if (*arch == 2)
		return 0;
	size_t len = n - strlen(tails[*arch]) - (kl + 1);
	if (len >= 128)
		return 0;
	snprintf(spec, 128, "%.*s", (int)len, name + kl + 1);
	if (ns_suffix && len > 11 && !strcmp(spec + len - 11, "_noswissmap")) {
		spec[len - 11] = 0;
		*ns = 1;
	}
	/* mapmake names hold only digits, dots and dashes after "go";
	 * classicgrowth names may add "ns" and "_". */
	for (const char *p = spec + 2; *p; p++)
		if (!strchr(ns_suffix ? "0123456789.-" : "0123456789.-_ns", *p))
			return 0;
	return 1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ggi_probe_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The entries of a directory in byte order (the old script's sorted()
 * order, which decides the order of rows of equal sort keys). NULL when it
 * cannot be read. */
char **ggi_probe_list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn) {
				ggi_probe_free_names(names, *n);
				closedir(d);
				return NULL;
			}
			names = nn;
		}
		if (!(names[*n] = strdup(e->d_name))) {
			ggi_probe_free_names(names, *n);
			closedir(d);
			return NULL;
		}
		(*n)++;
	}
	closedir(d);
	if (names)
		qsort(names, *n, sizeof *names, name_cmp);
	return names;
}

/* ---------------------------------------------------------------- mapmake */

typedef struct mrows {
	mrow *r;
	size_t n, cap;
} mrows;

static int push(void **arr, size_t *n, size_t *cap, size_t size)
{
	if (*n < *cap)
		return 1;
	size_t nc = *cap ? *cap * 2 : 1024;
	void *na = realloc(*arr, nc * size);
	if (!na)
		return 0;
	*arr = na;
	*cap = nc;
	return 1;
}

/* One line of a mapmake output into *m (type index in *t); 0 if it has
 * another shape. */
static int mapmake_line(const char *text, const mtypes *mt, int *t, mrow *m, int *is_row)
{
	char line[256], *f[5];
	int nf = 0;
	if (snprintf(line, sizeof line, "%s", text) >= (int)sizeof line)
		return 0;
	for (char *save = NULL, *w = strtok_r(line, " \t\r", &save); w && nf < 5;
	     w = strtok_r(NULL, " \t\r", &save))
		f[nf++] = w;
	*is_row = 0;
	if (!nf)
		return 1;
	if (!strcmp(f[0], "T") && nf >= 2) {
		for (*t = 0; *t < mt->n && strcmp(mt->name[*t], f[1]); (*t)++)
			;
		return *t < mt->n;
	}
	int hint = !strcmp(f[0], "hint");
	if (*t < 0 || nf < 3 + hint || (!hint && strcmp(f[0], "small") && strcmp(f[0], "const8")))
		return 0;
	snprintf(m->hint, sizeof m->hint, "%s", hint ? f[1] : f[0]);
	snprintf(m->bytes, sizeof m->bytes, "%s", f[1 + hint]);
	snprintf(m->mallocs, sizeof m->mallocs, "%s", f[2 + hint]);
	m->type = mt->type[*t];
	*is_row = 1;
	return 1;
}

static int mapmake_file(const char *dir, const char *name, const mtypes *mt, mrows *rs)
{
	char spec[128], path[4200];
	int arch, ns, nrel;
	rel rels[32];
	if (!parse_name(name, "mapmake", 1, spec, &arch, &ns) || !strcmp(name, "mapmake_test_prog.go.txt"))
		return 1;
	if (!parse_releases(spec, rels, &nrel))
		return fail("%s: cannot read the releases %s", name, spec);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	for (int r = 0; r < nrel; r++) {
		char *text = ggi_probe_read_file(path, NULL);
		if (!text)
			return fail("cannot read %s: %s", path, strerror(errno));
		int t = -1, ok = 1;
		for (char *l = text, *end; l && ok; l = end ? end + 1 : NULL) {
			end = strchr(l, '\n');
			if (end)
				*end = 0;
			mrow m = {rels[r].v, ns, arch, (int)rs->n, NULL, "", "", ""};
			int is_row;
			if (!mapmake_line(l, mt, &t, &m, &is_row))
				ok = fail("%s: unexpected line \"%.80s\"", name, l);
			else if (is_row && push((void **)&rs->r, &rs->n, &rs->cap, sizeof *rs->r))
				rs->r[rs->n++] = m;
			else if (is_row)
				ok = fail("out of memory%s%s", "", "");
		}
		free(text);
		if (!ok)
			return 0;
	}
	return 1;
}

static int mrow_cmp(const void *x, const void *y)
{
	const mrow *a = x, *b = y;
	if (a->v != b->v)
		return a->v - b->v;
	if (a->ns != b->ns)
		return a->ns - b->ns;
	if (a->arch != b->arch)
		return a->arch - b->arch;
	return a->seq - b->seq;
}

static const char *arch_name(int a)
{
	return a ? "386" : "amd64";
}

static void go_col(char buf[48], int v, int ns)
{
	snprintf(buf, 48, "%s%s", versions[v - V_MIN], ns ? " X:noswissmap" : "");
}

static int write_mapalloc(const char *out, mrows *rs)
{
	char path[4200], go[48];
	snprintf(path, sizeof path, "%s/mapalloc.tsv", out);
	FILE *f = fopen(path, "w");
	if (!f)
		return fail("cannot write %s: %s", path, strerror(errno));
	qsort(rs->r, rs->n, sizeof *rs->r, mrow_cmp);
	fputs("# Converted by gogrow probe --convert maps from raw/mapmake_*.txt\n"
	      "# (MemStats.TotalAlloc and Mallocs deltas of one make on real Go, amd64 and 386).\n"
	      "go\tarch\tmaptype\thint\tbytes\tmallocs\n",
	      f);
	for (size_t i = 0; i < rs->n; i++) {
		const mrow *m = &rs->r[i];
		go_col(go, m->v, m->ns);
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", go, arch_name(m->arch), m->type, m->hint, m->bytes,
			m->mallocs);
	}
	if (fclose(f) != 0)
		return fail("cannot write %s: %s", path, strerror(errno));
	fprintf(stderr, "gogrow probe: wrote %s (%zu rows)\n", path, rs->n);
	return 1;
}

/* ---------------------------------------------------------------- classicgrowth */

/* The program fills g (labelled int64 in its output) and then gs (labelled
 * string), each in a `for i := 0; i < N; i++` loop. */
typedef struct gtypes {
	char type[2][128];
	long n[2];
} gtypes;

static const char *const glabels[2] = {"int64", "string"};

static int classicgrowth_types(const char *dir, gtypes *g)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/classicgrowth_test_prog.go.txt", dir);
	char *src = ggi_probe_read_file(path, NULL);
	if (!src)
		return fail("cannot read %s: %s", path, strerror(errno));
	int loops = 0, found[2] = {0, 0};
	const char *pat = "for i := 0; i < ";
	for (const char *p = src; (p = strstr(p, pat)); p++) {
		char *end;
		long n = strtol(p + strlen(pat), &end, 10);
		if (end != p + strlen(pat) && !strncmp(end, "; i++", 5) && loops++ < 2)
			g->n[loops - 1] = n;
	}
	for (char *save = NULL, *l = strtok_r(src, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		for (int k = 0; k < 2; k++) {
			char *t = after(l, k ? "var gs " : "var g ");
			if (t && !strncmp(t, "map[", 4)) {
				snprintf(g->type[k], 128, "%s", t);
				found[k] = 1;
			}
		}
	free(src);
	if (!found[0] || !found[1] || loops != 2)
		return fail("%s does not have the expected shape%s", path, "");
	return 1;
}

typedef struct grows {
	grow_row *r;
	size_t n, cap;
	char **texts; /* the transition lists, owned */
	size_t ntexts, tcap;
} grows;

/* The "count:B" transitions of both maps in one output file; the first
 * insert only starts the record at B 0 and is left out. */
static int transitions(const char *path, const char *name, char *out[2])
{
	char *text = ggi_probe_read_file(path, NULL);
	if (!text)
		return fail("cannot read %s: %s", path, strerror(errno));
	size_t len = strlen(text), used[2] = {0, 0};
	out[0] = calloc(len + 1, 1);
	out[1] = calloc(len + 1, 1);
	int ok = out[0] && out[1];
	for (char *l = text, *end; ok && l; l = end ? end + 1 : NULL) {
		end = strchr(l, '\n');
		if (!end && !*l)
			break; /* after the last newline */
		if (end)
			*end = 0;
		char lab[16], cnt[24], b[8], extra[2];
		int k = -1;
		if (sscanf(l, "%15s %23s %7s %1s", lab, cnt, b, extra) == 3)
			k = !strcmp(lab, glabels[0]) ? 0 : !strcmp(lab, glabels[1]) ? 1 : -1;
		if (k < 0)
			ok = fail("%s: unexpected line \"%.80s\"", name, l);
		else if (strcmp(b, "0") != 0)
			used[k] += (size_t)sprintf(out[k] + used[k], "%s%s:%s", used[k] ? "," : "", cnt, b);
	}
	free(text);
	if (ok && (!used[0] || !used[1]))
		ok = fail("%s: a map has no transitions%s", name, "");
	return ok;
}

static int classicgrowth_file(const char *dir, const char *name, grows *gs)
{
	char spec[128], path[4200];
	int arch, ns, nrel;
	rel rels[32];
	if (!parse_name(name, "classicgrowth", 0, spec, &arch, &ns))
		return 1;
	if (!parse_releases(spec, rels, &nrel))
		return fail("%s: cannot read the releases %s", name, spec);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *tr[2] = {NULL, NULL};
	int ok = transitions(path, name, tr);
	for (int k = 0; k < 2; k++) {
		if (tr[k] && push((void **)&gs->texts, &gs->ntexts, &gs->tcap, sizeof *gs->texts))
			gs->texts[gs->ntexts++] = tr[k];
		else {
			free(tr[k]);
			ok = 0;
		}
	}
	for (int r = 0; ok && r < nrel; r++)
		for (int k = 0; ok && k < 2; k++) {
			if (!push((void **)&gs->r, &gs->n, &gs->cap, sizeof *gs->r))
				return fail("out of memory%s%s", "", "");
			gs->r[gs->n++] = (grow_row){rels[r].v, rels[r].ns, arch, k, tr[k]};
		}
	return ok;
}

static const gtypes *sort_types;

static int grow_cmp(const void *x, const void *y)
{
	const grow_row *a = x, *b = y;
	int c = strcmp(sort_types->type[a->t], sort_types->type[b->t]);
	if (c)
		return c;
	if (a->v != b->v)
		return a->v - b->v;
	if (a->ns != b->ns)
		return a->ns - b->ns;
	return a->arch - b->arch;
}

static int write_mapgrow(const char *out, grows *gs, const gtypes *g)
{
	char path[4200], go[48];
	snprintf(path, sizeof path, "%s/mapgrow_classic.tsv", out);
	FILE *f = fopen(path, "w");
	if (!f)
		return fail("cannot write %s: %s", path, strerror(errno));
	sort_types = g;
	qsort(gs->r, gs->n, sizeof *gs->r, grow_cmp);
	fputs("# Converted by gogrow probe --convert maps from raw/classicgrowth_*.txt\n"
	      "# (hmap.B changes while inserting distinct keys into make(map[K]V) on real Go).\n"
	      "go\tarch\tmaptype\ttransitions\n",
	      f);
	for (size_t i = 0; i < gs->n; i++) {
		const grow_row *r = &gs->r[i];
		if (!i || r->t != gs->r[i - 1].t)
			fprintf(f, "# %s: N=%ld, keys 0..%ld inserted\n", g->type[r->t], g->n[r->t],
				g->n[r->t] - 1);
		go_col(go, r->v, r->ns);
		fprintf(f, "%s\t%s\t%s\t%s\n", go, arch_name(r->arch), g->type[r->t], r->trans);
	}
	if (fclose(f) != 0)
		return fail("cannot write %s: %s", path, strerror(errno));
	fprintf(stderr, "gogrow probe: wrote %s (%zu rows)\n", path, gs->n);
	return 1;
}

/* ---------------------------------------------------------------- command */

int ggi_probe_convert_maps(const char *src, const char *out)
{
	mtypes mt;
	gtypes gt;
	size_t nnames = 0;
	char **names = NULL;
	mrows ms = {0};
	grows gs = {0};
	int ok = mapmake_types(src, &mt) && classicgrowth_types(src, &gt) && ggi_probe_mkdirs(out);
	if (ok && !(names = ggi_probe_list_dir(src, &nnames)))
		ok = fail("cannot read %s: %s", src, strerror(errno));
	for (size_t i = 0; ok && i < nnames; i++)
		ok = mapmake_file(src, names[i], &mt, &ms) && classicgrowth_file(src, names[i], &gs);
	if (ok && (!ms.n || !gs.n))
		ok = fail("%s: no mapmake_* or classicgrowth_* outputs%s", src, "");
	ok = ok && write_mapalloc(out, &ms) && write_mapgrow(out, &gs, &gt);
	ggi_probe_free_names(names, nnames);
	free(ms.r);
	free(gs.r);
	for (size_t i = 0; i < gs.ntexts; i++)
		free(gs.texts[i]);
	free(gs.texts);
	return ok ? EXIT_OK : EXIT_USAGE;
}
