/* gogrow probe --convert slices: the spec's raw real-Go slice outputs
 * (tests/data/validation/raw: grow_*, layout_*, stackappend_* and the Go
 * programs that printed them, *_test_prog.go.txt) into the conform files
 * grow_ARCH.tsv (append), layout_ARCH.tsv (layoutsa),
 * stackappend_ARCH.tsv and conv_ARCH.tsv for amd64 and 386. It replaces
 * tools/convert-validation.py and writes the same rows.
 *
 * A file name gives the release range over which the output was identical
 * (grow_go1.18-1.21_amd64.txt); every release of it gets its own rows. Type
 * expressions are read from the programs, never guessed, with one
 * exception the output reports: the layout rows the program's `more` hook
 * adds on go1.19+ (atomic.Int64, A1..A3) are not declared in its text, so
 * their types are read from the row names. Anything of another shape stops
 * the conversion with the file and line; a grow section's size= must equal
 * the model's size of the type on that release and arch. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/probe.h"

#define NKIND 3
static const char *const kinds[NKIND] = {"grow", "layout", "stackappend"};
static const char *const archs[2] = {"amd64", "386"};
/* Conversion lines of the stackappend program; see conv_rows. */
static const char *const not_covered[] = {"bytesconv-esc", "bytesconv-local", "constbytes"};

typedef struct range {
	int lo, hi;
	char name[128];
} range;

typedef struct inputs {
	range r[NKIND][2][16];
	int n[NKIND][2];
} inputs;

/* The output of one file: lines, joined at the end. */
typedef struct out {
	char *s;
	size_t len, cap;
	long rows;
	int oom;
} out;

static int failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int failf(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_error("--convert slices: %s", msg);
	return 0;
}

static void outf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void outf(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (o->oom || n < 0)
		return;
	if (o->len + (size_t)n + 1 > o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 1 << 16;
		while (nc < o->len + (size_t)n + 1)
			nc *= 2;
		char *ns = realloc(o->s, nc);
		if (!ns) {
			o->oom = 1;
			return;
		}
		o->s = ns;
		o->cap = nc;
	}
	va_start(ap, fmt);
	vsnprintf(o->s + o->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

/* A file's lines (split in place at '\n'; no empty last line). */
typedef struct lines {
	char **l;
	size_t n;
	char *text;
} lines;

static int read_lines(const char *dir, const char *name, lines *ls)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t len;
	ls->text = ggi_probe_read_file(path, &len);
	ls->n = 0;
	ls->l = NULL;
	if (!ls->text)
		return failf("cannot read %s: %s", path, strerror(errno));
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += ls->text[i] == '\n';
	if (!(ls->l = malloc(cap * sizeof *ls->l)))
		return failf("out of memory");
	for (char *p = ls->text; *p;) {
		char *end = strchr(p, '\n');
		ls->l[ls->n++] = p;
		if (!end)
			break;
		*end = 0;
		p = end + 1;
	}
	return 1;
}

static void free_lines(lines *ls)
{
	free(ls->l);
	free(ls->text);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Splits at runs of blanks (Python's str.split()); modifies s. */
static int fields(char *s, char *f[], int max)
{
	int n = 0;
	for (char *save = NULL, *w = strtok_r(s, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save))
		if (n < max)
			f[n++] = w;
		else
			return max + 1;
	return n;
}

/* ---------------------------------------------------------------- inputs */

static int range_cmp(const void *x, const void *y)
{
	const range *a = x, *b = y;
	if (a->lo != b->lo)
		return a->lo - b->lo;
	if (a->hi != b->hi)
		return a->hi - b->hi;
	return strcmp(a->name, b->name);
}

/* KIND_go1.LO[-1.HI]_ARCH.txt */
static void classify(const char *name, inputs *in)
{
	for (int k = 0; k < NKIND; k++) {
		size_t kl = strlen(kinds[k]);
		int lo, hi, used = 0;
		char arch[8];
		if (strncmp(name, kinds[k], kl) != 0 || strncmp(name + kl, "_go1.", 5) != 0)
			continue;
		const char *p = name + kl + 5;
		if (sscanf(p, "%d-1.%d_%7[a-z0-9].txt%n", &lo, &hi, arch, &used) != 3 || p[used]) {
			used = 0;
			if (sscanf(p, "%d_%7[a-z0-9].txt%n", &lo, arch, &used) != 2 || p[used])
				continue;
			hi = lo;
		}
		for (int a = 0; a < 2; a++)
			if (!strcmp(arch, archs[a]) && in->n[k][a] < 16 && isdigit((unsigned char)*p)) {
				range *r = &in->r[k][a][in->n[k][a]++];
				*r = (range){lo, hi, ""};
				snprintf(r->name, sizeof r->name, "%s", name);
			}
	}
}

/* Every kind and arch must cover go1.16..go1.27 once, in order. */
static int find_inputs(const char *src, inputs *in)
{
	size_t n;
	char **names = ggi_probe_list_dir(src, &n);
	if (!names)
		return failf("cannot read %s: %s", src, strerror(errno));
	memset(in, 0, sizeof *in);
	for (size_t i = 0; i < n; i++)
		classify(names[i], in);
	ggi_probe_free_names(names, n);
	for (int k = 0; k < NKIND; k++)
		for (int a = 0; a < 2; a++) {
			qsort(in->r[k][a], (size_t)in->n[k][a], sizeof(range), range_cmp);
			int want = GG_GO_MIN;
			for (int i = 0; i < in->n[k][a]; i++) {
				const range *r = &in->r[k][a][i];
				if (r->lo != want || r->hi < r->lo)
					return failf("%s: release range does not continue go1.%d", r->name,
						     want);
				want = r->hi + 1;
			}
			if (want != GG_GO_MAX + 1)
				return failf("%s_*_%s: releases go1.%d..go1.%d not covered", kinds[k],
					     archs[a], want, GG_GO_MAX);
		}
	return 1;
}

static void header(out *o, const char *kind, const char *columns, const range *rs, int nr,
		   const char *const notes[])
{
	outf(o, "# Converted by gogrow probe --convert slices from real Go runs (%s); do not edit.\n", kind);
	outf(o, "# Inputs (tests/data/validation/raw/, a copy of ../shared/spec/validation/):\n");
	for (int i = 0; i < nr; i++) {
		outf(o, "#   %s -> ", rs[i].name);
		for (int v = rs[i].lo; v <= rs[i].hi; v++)
			outf(o, "%sgo1.%d", v > rs[i].lo ? ", " : "", v);
		outf(o, "\n");
	}
	for (int i = 0; notes[i]; i++)
		outf(o, "# %s\n", notes[i]);
	outf(o, "%s\n", columns);
}

/* The model's size of a type on go1.minor/arch (the grow sections' size=
 * is checked against it). */
static int model_size(const char *type, const char *arch, int minor, unsigned long long *size)
{
	gg_typeexpr *e;
	gg_error err = {0};
	gg_target tg;
	gg_layout l;
	if (gg_type_parse(type, &e, &err) != GG_OK)
		return failf("type %s: %s", type, err.msg);
	gg_status st = gg_target_make(arch, minor, &tg, &err);
	if (st == GG_OK)
		st = gg_layout_of(&tg, gg_typeexpr_root(e), &l, &err);
	gg_typeexpr_free(e);
	if (st != GG_OK)
		return failf("the layout of %s on go1.%d/%s: %s", type, minor, arch, err.msg);
	*size = l.size;
	return 1;
}

/* ---------------------------------------------------------------- grow */

typedef struct named {
	char name[64], type[256];
} named;

typedef struct names {
	named *v;
	size_t n, cap;
} names;

static const char *lookup(const names *ns, const char *name)
{
	const char *found = NULL;
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->v[i].name, name))
			found = ns->v[i].type; /* the last one wins, as in a dict */
	return found;
}

static int add_name(names *ns, const char *name, size_t nl, const char *type, size_t tl)
{
	if (ns->n == ns->cap) {
		size_t nc = ns->cap ? ns->cap * 2 : 64;
		named *nv = realloc(ns->v, nc * sizeof *nv);
		if (!nv)
			return failf("out of memory");
		ns->v = nv;
		ns->cap = nc;
	}
	if (nl >= 64 || tl >= 256)
		return failf("name or type too long: %.*s", (int)nl, name);
	named *d = &ns->v[ns->n++];
	snprintf(d->name, sizeof d->name, "%.*s", (int)nl, name);
	snprintf(d->type, sizeof d->type, "%.*s", (int)tl, type);
	return 1;
}

static size_t word_len(const char *s)
{
	size_t n = 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

/* name -> type from main's "\trun_NAME(limitFor(int(unsafe.Sizeof(*new(T)))))"
 * lines, each checked against "func run_NAME(limit int) {\n\tvar z T". */
static int grow_types(const lines *p, names *ns)
{
	static const char mid[] = "(limitFor(int(unsafe.Sizeof(*new(", tail[] = ")))))";
	for (size_t i = 0; i < p->n; i++) {
		const char *l = p->l[i];
		size_t len = strlen(l), nl = strncmp(l, "\trun_", 5) ? 0 : word_len(l + 5);
		const char *t = l + 5 + nl + strlen(mid);
		if (!nl || strncmp(l + 5 + nl, mid, strlen(mid)) || len < (size_t)(t - l) + 6 ||
		    strcmp(l + len - 5, tail))
			continue;
		size_t tl = len - 5 - (size_t)(t - l);
		char head[128];
		snprintf(head, sizeof head, "func run_%.*s(limit int) {", (int)nl, l + 5);
		const char *body = NULL;
		for (size_t j = 0; j + 1 < p->n && !body; j++)
			if (!strcmp(p->l[j], head) && !strncmp(p->l[j + 1], "\tvar z ", 7))
				body = p->l[j + 1] + 7;
		if (!body || strlen(body) != tl || strncmp(body, t, tl))
			return failf("grow program: run_%.*s appends %s, main measures %.*s", (int)nl, l + 5,
				     body ? body : "None", (int)tl, t);
		if (!add_name(ns, l + 5, nl, t, tl))
			return 0;
	}
	return ns->n ? 1 : failf("grow program: no run_NAME calls found in main");
}

/* One section of a grow output: "T NAME size=S" then "len cap" lines, or
 * "M NAME size=S" then "oldLen oldCap k cap" lines. */
typedef struct section {
	char kind;
	char name[64];
	unsigned long long size;
	long long (*v)[4];
	size_t n, cap;
} section;

typedef struct grow_entry {
	int lo, hi;
	section *s; /* owned by the file's section list */
} grow_entry;

static int grow_sections(const lines *f, const char *fname, section **out, size_t *nout)
{
	size_t cap = 0;
	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < f->n; i++) {
		char buf[512], kind, name[64], *w[6];
		unsigned long long size;
		int used = 0;
		if (sscanf(f->l[i], "%c %63[A-Za-z0-9_] size=%llu%n", &kind, name, &size, &used) == 3 &&
		    !f->l[i][used] && (kind == 'T' || kind == 'M') &&
		    isdigit((unsigned char)strchr(f->l[i], '=')[1])) {
			if (*nout == cap) {
				cap = cap ? cap * 2 : 16;
				section *ns = realloc(*out, cap * sizeof *ns);
				if (!ns)
					return failf("out of memory");
				*out = ns;
			}
			(*out)[(*nout)++] = (section){kind, "", size, NULL, 0, 0};
			snprintf((*out)[*nout - 1].name, 64, "%s", name);
			continue;
		}
		snprintf(buf, sizeof buf, "%s", f->l[i]);
		int nf = fields(buf, w, 5), want = !*nout ? 0 : (*out)[*nout - 1].kind == 'T' ? 2 : 4;
		int ok = *nout && nf == want;
		for (int k = 0; ok && k < nf; k++)
			ok = all_digits(w[k]);
		if (!ok)
			return failf("%s:%zu: unexpected line \"%.80s\"", fname, i + 1, f->l[i]);
		section *s = &(*out)[*nout - 1];
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			long long(*nv)[4] = realloc(s->v, s->cap * sizeof *nv);
			if (!nv)
				return failf("out of memory");
			s->v = nv;
		}
		for (int k = 0; k < 4; k++)
			s->v[s->n][k] = k < nf ? strtoll(w[k], NULL, 10) : 0;
		s->n++;
	}
	return 1;
}

static void grow_rows(out *o, int minor, const char *arch, const char *type, const section *s)
{
	long long prev = 0;
	for (size_t i = 0; i < s->n; i++) {
		const long long *v = s->v[i];
		if (s->kind == 'M')
			outf(o, "go1.%d\t%s\t%s\t%lld\t%lld\t%lld\t%lld\n", minor, arch, type, v[0], v[1],
			     v[2], v[3]);
		else {
			outf(o, "go1.%d\t%s\t%s\t%lld\t%lld\t1\t%lld\n", minor, arch, type, v[0] - 1, prev,
			     v[1]);
			prev = v[1];
		}
		o->rows++;
	}
}

/* The sections of every file, and per type name the (range, section)
 * entries in order of first appearance. */
typedef struct grow_state {
	section *secs[16];
	size_t nsecs[16];
	grow_entry *e;
	size_t ne;
	char order[256][64];
	size_t norder;
} grow_state;

static int grow_check(const section *s, const range *r, const char *type, const char *arch)
{
	for (int v = r->lo; v <= r->hi; v++) {
		unsigned long long got = 0;
		if (!model_size(type, arch, v, &got))
			return 0;
		if (got != s->size)
			return failf("%s: %c %s size=%llu but gogrow layout '%s' on go1.%d/%s gives %llu",
				     r->name, s->kind, s->name, s->size, type, v, arch, got);
	}
	return 1;
}

static int grow_read(const char *src, const range *rs, int nr, const names *types, const char *arch,
		     grow_state *g)
{
	for (int f = 0; f < nr; f++) {
		lines ls;
		int ok = read_lines(src, rs[f].name, &ls) &&
			 grow_sections(&ls, rs[f].name, &g->secs[f], &g->nsecs[f]);
		free_lines(&ls);
		for (size_t i = 0; ok && i < g->nsecs[f]; i++) {
			section *s = &g->secs[f][i];
			const char *type = lookup(types, s->name);
			if (!type)
				return failf("%s: section %c %s is not in the program", rs[f].name, s->kind,
					     s->name);
			if (!grow_check(s, &rs[f], type, arch))
				return 0;
			size_t k = 0;
			while (k < g->norder && strcmp(g->order[k], s->name))
				k++;
			if (k == g->norder && k < 256)
				snprintf(g->order[g->norder++], 64, "%s", s->name);
			grow_entry *ne = realloc(g->e, (g->ne + 1) * sizeof *ne);
			if (!ne)
				return failf("out of memory");
			g->e = ne;
			g->e[g->ne++] = (grow_entry){rs[f].lo, rs[f].hi, s};
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int convert_grow(const char *src, const char *arch, const range *rs, int nr, out *o)
{
	static const char *const notes[] = {
	    "\"T NAME size=S\" lines \"len cap\" (cap changed while appending one element at a time",
	    "to a nil global slice) become len-1, the previous cap, add 1, newcap cap;",
	    "\"M NAME\" lines \"oldLen oldCap k cap\" (append(make([]T, oldLen, oldCap), make([]T, k)...))",
	    "are copied as they are, duplicates included. NAME -> type from grow_test_prog.go.txt main.",
	    NULL};
	lines prog;
	names types = {0};
	grow_state g = {0};
	int ok = read_lines(src, "grow_test_prog.go.txt", &prog) && grow_types(&prog, &types) &&
		 grow_read(src, rs, nr, &types, arch, &g);
	if (ok) {
		header(o, "grow", "go\tarch\ttype\tlen\tcap\tadd\tnewcap", rs, nr, notes);
		for (size_t k = 0; k < g.norder; k++)
			for (int v = GG_GO_MIN; v <= GG_GO_MAX; v++)
				for (size_t i = 0; i < g.ne; i++)
					if (!strcmp(g.e[i].s->name, g.order[k]) && g.e[i].lo <= v &&
					    v <= g.e[i].hi)
						grow_rows(o, v, arch, lookup(&types, g.order[k]), g.e[i].s);
	}
	free_lines(&prog);
	for (int f = 0; f < 16; f++) {
		for (size_t i = 0; i < g.nsecs[f]; i++)
			free(g.secs[f][i].v);
		free(g.secs[f]);
	}
	free(g.e);
	free(types.v);
	return ok;
}

/* ---------------------------------------------------------------- layout */

/* A field line of a struct declaration as the struct literal writes it:
 * blanks collapsed, "{ M() }" tightened to "{M()}". */
static void field_text(const char *line, char *dst, size_t n)
{
	char tmp[256];
	size_t k = 0;
	int blank = 0;
	for (const char *p = line; *p && k + 1 < sizeof tmp; p++) {
		if (isspace((unsigned char)*p)) {
			blank = 1;
			continue;
		}
		if (blank && k)
			tmp[k++] = ' ';
		blank = 0;
		tmp[k++] = *p;
	}
	tmp[k] = 0;
	size_t j = 0;
	for (size_t i = 0; i < k && j + 1 < n; i++) {
		if (tmp[i] == ' ' && tmp[i + 1] == '}')
			continue;
		dst[j++] = tmp[i];
		if (tmp[i] == '{' && tmp[i + 1] == ' ')
			i++;
	}
	dst[j] = 0;
}

/* "type NAME struct {" ... "}" (or "type NAME struct{}") -> "struct{a byte; b int64}". */
static int struct_decls(const lines *p, names *decls)
{
	for (size_t i = 0; i < p->n; i++) {
		const char *l = p->l[i];
		size_t nl = strncmp(l, "type ", 5) ? 0 : word_len(l + 5);
		const char *rest = l + 5 + nl;
		if (!nl || strncmp(rest, " struct", 7))
			continue;
		rest += 7;
		char body[256] = "";
		size_t bl = 0;
		if (!strcmp(rest, "{}") || !strcmp(rest, " {}"))
			;
		else if (!strcmp(rest, "{") || !strcmp(rest, " {")) {
			size_t j = i + 1;
			for (; j < p->n && strcmp(p->l[j], "}"); j++) {
				char f[256];
				field_text(p->l[j], f, sizeof f);
				if (*f)
					bl += (size_t)snprintf(body + bl, sizeof body - bl, "%s%s",
							       bl ? "; " : "", f);
			}
			if (j == p->n || bl >= sizeof body)
				return failf("layout program: type %.*s has no end", (int)nl, l + 5);
			i = j;
		} else
			continue;
		char type[300];
		int tl = snprintf(type, sizeof type, "struct{%s}", body);
		if (!add_name(decls, l + 5, nl, type, (size_t)tl))
			return 0;
	}
	return 1;
}

/* The type of what a p() call measures: false, T(0), NAME{} or a variable. */
static int expr_type(const char *name, const char *x, size_t xl, const names *decls, const names *vars,
		     char type[256])
{
	char e[256];
	snprintf(e, sizeof e, "%.*s", (int)xl, x);
	size_t w = word_len(e);
	const char *found = NULL;
	if (!strcmp(e, "false"))
		found = "bool";
	else if (w && !strcmp(e + w, "(0)")) {
		e[w] = 0;
		found = e;
	} else if (w && !strcmp(e + w, "{}")) {
		e[w] = 0;
		found = lookup(decls, e);
		e[w] = '{';
	}
	if (!found)
		found = lookup(vars, e);
	if (!found)
		return failf("layout program: cannot tell the type of %s (%s)", name, e);
	snprintf(type, 256, "%s", found);
	return 1;
}

/* Row name -> type of every "\tp(\"NAME\", unsafe.Sizeof(X), unsafe.Alignof(X))". */
static int layout_types(const lines *p, names *types)
{
	names decls = {0}, vars = {0};
	int ok = struct_decls(p, &decls);
	for (size_t i = 0; ok && i < p->n; i++) {
		const char *l = p->l[i];
		size_t nl = strncmp(l, "\tvar ", 5) ? 0 : word_len(l + 5);
		if (nl && l[5 + nl] == ' ' && l[6 + nl])
			ok = add_name(&vars, l + 5, nl, l + 6 + nl, strlen(l + 6 + nl));
	}
	static const char pre[] = "\tp(\"", mid[] = "\", unsafe.Sizeof(", alg[] = "), unsafe.Alignof(";
	for (size_t i = 0; ok && i < p->n; i++) {
		const char *l = p->l[i], *q = strncmp(l, pre, 4) ? NULL : strchr(l + 4, '"');
		size_t len = strlen(l);
		if (!q || q == l + 4 || strncmp(q, mid, strlen(mid)) || len < 2 || strcmp(l + len - 2, "))"))
			continue;
		const char *x = q + strlen(mid), *a = strstr(x, alg);
		if (!a || a == x || a + strlen(alg) >= l + len - 2)
			continue;
		const char *y = a + strlen(alg);
		size_t xl = (size_t)(a - x), yl = (size_t)(l + len - 2 - y);
		char name[128], type[256];
		snprintf(name, sizeof name, "%.*s", (int)(q - l - 4), l + 4);
		if (xl != yl || strncmp(x, y, xl))
			ok = failf("layout program: %s measures %.*s and %.*s", name, (int)xl, x, (int)yl, y);
		else
			ok = expr_type(name, x, xl, &decls, &vars, type) &&
			     add_name(types, name, strlen(name), type, strlen(type));
	}
	free(decls.v);
	free(vars.v);
	return ok;
}

/* A row the program text does not declare: "atomic.Int64" as it is,
 * "A1{byte,atomic.Int64}" as struct{a byte; b atomic.Int64}. */
static void type_from_name(const char *name, char type[256])
{
	size_t w = word_len(name), n = strlen(name);
	if (!w || name[w] != '{' || n < w + 3 || name[n - 1] != '}') {
		snprintf(type, 256, "%s", name);
		return;
	}
	size_t k = (size_t)snprintf(type, 256, "struct{");
	char field = 'a';
	for (const char *p = name + w + 1; p < name + n - 1 && k < 200;) {
		const char *c = memchr(p, ',', (size_t)(name + n - 1 - p));
		const char *end = c ? c : name + n - 1;
		k += (size_t)snprintf(type + k, 256 - k, "%s%c %.*s", field > 'a' ? "; " : "", field,
				      (int)(end - p), p);
		field++;
		p = c ? c + 1 : end;
	}
	snprintf(type + k, 256 - k, "}");
}

typedef struct lrow {
	char name[128];
	int v;
	char size[24], align[24];
} lrow;

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The "Not declared in the program" notes, sorted, after the fixed ones. */
static void layout_header(out *o, const range *rs, int nr, char **guessed, size_t ng)
{
	const char *notes[64] = {
	    "\"NAME Sizeof Alignof\" lines; NAME -> type from layout_test_prog.go.txt (its p() calls,",
	    "variables and type declarations; named structs written as struct literals).",
	    "offsets and ptrs are not measured, hence the layoutsa kind."};
	size_t n = 3;
	qsort(guessed, ng, sizeof *guessed, name_cmp);
	if (ng)
		notes[n++] =
		    "Not declared in the program (added through its `more` hook), type read from the name:";
	for (size_t i = 0; i < ng && n < 63; i++)
		notes[n++] = guessed[i];
	notes[n] = NULL;
	header(o, "layout", "go\tarch\ttype\tsize\talign", rs, nr, notes);
}

static int layout_read(const char *src, const range *r, names *types, lrow **rows, size_t *nrows,
		       char **guessed, size_t *ng)
{
	lines ls;
	int ok = read_lines(src, r->name, &ls);
	for (size_t i = 0; ok && i < ls.n; i++) {
		char buf[256], *f[4];
		int nf = 0;
		snprintf(buf, sizeof buf, "%s", ls.l[i]);
		for (char *p = buf, *sp; p && nf < 4; p = sp ? sp + 1 : NULL) {
			sp = strchr(p, ' ');
			if (sp)
				*sp = 0;
			f[nf++] = p;
		}
		if (nf != 3 || !all_digits(f[1]) || !all_digits(f[2]) || strlen(f[0]) >= 128) {
			ok = failf("%s:%zu: unexpected line \"%.80s\"", r->name, i + 1, ls.l[i]);
			break;
		}
		if (!lookup(types, f[0])) {
			char type[256], note[400];
			type_from_name(f[0], type);
			snprintf(note, sizeof note, "  %s -> %s", f[0], type);
			if (!add_name(types, f[0], strlen(f[0]), type, strlen(type)) || *ng >= 32 ||
			    !(guessed[(*ng)++] = strdup(note))) {
				ok = failf("out of memory");
				break;
			}
		}
		lrow *nr = realloc(*rows, (*nrows + (size_t)(r->hi - r->lo + 1)) * sizeof *nr);
		if (!nr) {
			ok = failf("out of memory");
			break;
		}
		*rows = nr;
		for (int v = r->lo; v <= r->hi; v++) {
			lrow *d = &(*rows)[(*nrows)++];
			snprintf(d->name, sizeof d->name, "%s", f[0]);
			d->v = v;
			snprintf(d->size, sizeof d->size, "%.23s", f[1]);
			snprintf(d->align, sizeof d->align, "%.23s", f[2]);
		}
	}
	free_lines(&ls);
	return ok;
}

static int convert_layout(const char *src, const char *arch, const range *rs, int nr, out *o)
{
	lines prog;
	names types = {0};
	lrow *rows = NULL;
	size_t nrows = 0, ng = 0;
	char *guessed[32];
	int ok = read_lines(src, "layout_test_prog.go.txt", &prog) && layout_types(&prog, &types);
	for (int f = 0; ok && f < nr; f++)
		ok = layout_read(src, &rs[f], &types, &rows, &nrows, guessed, &ng);
	if (ok) {
		layout_header(o, rs, nr, guessed, ng);
		/* Names in order of first appearance, each with all its rows. */
		for (size_t i = 0; i < nrows; i++) {
			size_t j = 0;
			while (j < i && strcmp(rows[j].name, rows[i].name))
				j++;
			if (j < i)
				continue;
			for (size_t k = i; k < nrows; k++)
				if (!strcmp(rows[k].name, rows[i].name)) {
					outf(o, "go1.%d\t%s\t%s\t%s\t%s\n", rows[k].v, arch,
					     lookup(&types, rows[k].name), rows[k].size, rows[k].align);
					o->rows++;
				}
		}
	}
	for (size_t i = 0; i < ng; i++)
		free(guessed[i]);
	free(rows);
	free(types.v);
	free_lines(&prog);
	return ok;
}

/* ---------------------------------------------------------------- stackappend */

/* name -> element type from "func once_NAME() int { var s []T; var z T; ",
 * each with its local_, ret_, retcap_ and bcap_ functions; seqn: the n of
 * main's bcap_NAME(n) calls. */
static int stack_types(const lines *p, names *types, names *seqn)
{
	for (size_t i = 0; i < p->n; i++) {
		const char *l = p->l[i], *nm = l + 10;
		size_t nl = strncmp(l, "func once_", 10) ? 0 : word_len(nm);
		static const char a[] = "() int { var s []", b[] = "; var z ";
		if (!nl || strncmp(nm + nl, a, strlen(a)))
			continue;
		const char *t1 = nm + nl + strlen(a), *e1 = strstr(t1, b);
		const char *t2 = e1 ? e1 + strlen(b) : NULL, *e2 = t2 ? strstr(t2, "; ") : NULL;
		if (!e1 || e1 == t1 || !e2 || e2 == t2)
			continue;
		if (e1 - t1 != e2 - t2 || strncmp(t1, t2, (size_t)(e1 - t1)))
			return failf("stackappend program: once_%.*s: []%.*s with a %.*s", (int)nl, nm,
				     (int)(e1 - t1), t1, (int)(e2 - t2), t2);
		if (!add_name(types, nm, nl, t1, (size_t)(e1 - t1)))
			return 0;
	}
	if (!types->n)
		return failf("stackappend program: no once_NAME functions");
	static const char *const shapes[] = {"local", "ret", "retcap", "bcap"};
	for (size_t t = 0; t < types->n; t++)
		for (int s = 0; s < 4; s++) {
			char head[128];
			size_t hl = (size_t)snprintf(head, sizeof head, "func %s_%s(", shapes[s],
						     types->v[t].name),
			       i = 0;
			while (i < p->n && strncmp(p->l[i], head, hl))
				i++;
			if (i == p->n)
				return failf("stackappend program: no %s_%s", shapes[s], types->v[t].name);
		}
	for (size_t i = 0; i < p->n; i++)
		for (const char *q = strstr(p->l[i], "bcap_"); q; q = strstr(q + 1, "bcap_")) {
			size_t nl = word_len(q + 5);
			const char *num = q + 5 + nl + 1, *end = num;
			while (isdigit((unsigned char)*end))
				end++;
			if (nl && q[5 + nl] == '(' && end > num && !strncmp(end, "))", 2) &&
			    !add_name(seqn, q + 5, nl, num, (size_t)(end - num)))
				return 0;
		}
	return 1;
}

typedef struct srow {
	char name[64], esc[16], measure[8];
	long n;
	char *value; /* owned */
	int v;
} srow;

typedef struct srows {
	srow *r;
	size_t n, cap;
} srows;

/* ^\d+(,\d+)*$ */
static int is_caps(const char *s)
{
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
		if (!*s)
			return 1;
		if (*s++ != ',')
			return 0;
	}
}

static int is_not_covered(const char *w)
{
	for (size_t i = 0; i < sizeof not_covered / sizeof not_covered[0]; i++)
		if (!strcmp(w, not_covered[i]))
			return 1;
	return 0;
}

static int add_srow(srows *rs, const range *r, const char *name, const char *esc, long n, const char *measure,
		    const char *value, const char *where)
{
	if (!is_caps(value))
		return failf("%s: '%s' is not a cap", where, value);
	for (int v = r->lo; v <= r->hi; v++) {
		if (rs->n == rs->cap) {
			size_t nc = rs->cap ? rs->cap * 2 : 256;
			srow *nr = realloc(rs->r, nc * sizeof *nr);
			if (!nr)
				return failf("out of memory");
			rs->r = nr;
			rs->cap = nc;
		}
		srow *d = &rs->r[rs->n];
		*d = (srow){"", "", "", n, strdup(value), v};
		if (!d->value)
			return failf("out of memory");
		rs->n++;
		snprintf(d->name, sizeof d->name, "%s", name);
		snprintf(d->esc, sizeof d->esc, "%s", esc);
		snprintf(d->measure, sizeof d->measure, "%s", measure);
	}
	return 1;
}

/* The rows of one stackappend output line: "T once C"; "T n local C ret C
 * retcap C SUM"; "T caps [C C ...]". Conversion lines yield none here. */
static int stack_line(const char *line, const range *r, const names *types, const names *seqn, srows *rs,
		      const char *where)
{
	char buf[1024], *f[64];
	snprintf(buf, sizeof buf, "%s", line);
	int nf = fields(buf, f, 63);
	if (nf < 1)
		return failf("%s: unexpected line \"%.80s\"", where, line);
	if (is_not_covered(f[0]))
		return 1;
	if (!lookup(types, f[0]))
		return failf("%s: unknown element '%s'", where, f[0]);
	if (nf == 3 && !strcmp(f[1], "once"))
		return add_srow(rs, r, f[0], "stack", 1, "final", f[2], where);
	if (nf == 9 && !strcmp(f[2], "local") && !strcmp(f[4], "ret") && !strcmp(f[6], "retcap")) {
		long n = strtol(f[1], NULL, 10);
		return add_srow(rs, r, f[0], "stack", n, "final", f[3], where) &&
		       add_srow(rs, r, f[0], "return", n, "final", f[5], where) &&
		       add_srow(rs, r, f[0], "return-cap", n, "final", f[7], where) &&
		       add_srow(rs, r, f[0], "return-cap", n, "sum", f[8], where);
	}
	if (nf >= 3 && nf <= 63 && !strcmp(f[1], "caps") && f[2][0] == '[') {
		/* The old script joined the words, stripped brackets off both
		 * ends and split again. */
		char joined[1024] = "", caps[1024] = "";
		size_t jl = 0, k = 0, ncaps = 0;
		for (int i = 2; i < nf; i++)
			jl +=
			    (size_t)snprintf(joined + jl, sizeof joined - jl, "%s%s", i > 2 ? " " : "", f[i]);
		char *c = joined;
		while (*c == '[' || *c == ']')
			c++;
		for (size_t cl = strlen(c); cl && (c[cl - 1] == '[' || c[cl - 1] == ']');)
			c[--cl] = 0;
		for (char *save = NULL, *w = strtok_r(c, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			k += (size_t)snprintf(caps + k, sizeof caps - k, "%s%s", k ? "," : "", w);
			ncaps++;
		}
		const char *want = lookup(seqn, f[0]);
		if (!want || (size_t)atol(want) != ncaps)
			return failf("%s: %zu caps, the program asks for %s", where, ncaps,
				     want ? want : "None");
		return add_srow(rs, r, f[0], "return-cap", (long)ncaps, "seq", caps, where);
	}
	return failf("%s: unexpected line \"%.80s\"", where, line);
}

static int stack_read(const char *src, const range *rs, int nr, const names *types, const names *seqn,
		      srows *out)
{
	for (int f = 0; f < nr; f++) {
		lines ls;
		int ok = read_lines(src, rs[f].name, &ls);
		for (size_t i = 0; ok && i < ls.n; i++) {
			char where[160];
			snprintf(where, sizeof where, "%s:%zu", rs[f].name, i + 1);
			ok = stack_line(ls.l[i], &rs[f], types, seqn, out, where);
		}
		free_lines(&ls);
		if (!ok)
			return 0;
	}
	return 1;
}

static void free_srows(srows *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->r[i].value);
	free(rs->r);
}

static int convert_stackappend(const char *src, const char *arch, const range *rs, int nr, out *o)
{
	static const char *const notes[] = {
	    "Shapes of stackappend_test_prog.go.txt (one element appended at a time to a nil local slice):",
	    "  once_T -> stack n=1 final; local_T -> stack final; ret_T -> return final;",
	    "  retcap_T -> return-cap final (cap of the result) and sum (cap(s) summed after each append);",
	    "  bcap_T (cap(s) recorded in the loop, then s stored in a global) -> return-cap seq.",
	    "Conversions (bytesconv-esc, bytesconv-local, constbytes, rune-local) are in conv_ARCH.tsv.",
	    NULL};
	lines prog;
	names types = {0}, seqn = {0};
	srows rows = {0};
	int ok = read_lines(src, "stackappend_test_prog.go.txt", &prog) &&
		 stack_types(&prog, &types, &seqn) && stack_read(src, rs, nr, &types, &seqn, &rows);
	if (ok) {
		header(o, "stackappend", "go\tarch\ttype\tescape\tn\tmeasure\tvalue", rs, nr, notes);
		for (size_t i = 0; i < rows.n; i++) {
			size_t j = 0;
			while (j < i && strcmp(rows.r[j].name, rows.r[i].name))
				j++;
			if (j < i)
				continue; /* not the name's first row */
			for (int v = GG_GO_MIN; v <= GG_GO_MAX; v++)
				for (size_t k = i; k < rows.n; k++) {
					const srow *r = &rows.r[k];
					if (r->v != v || strcmp(r->name, rows.r[i].name))
						continue;
					outf(o, "go1.%d\t%s\t%s\t%s\t%ld\t%s\t%s\n", v, arch,
					     lookup(&types, r->name), r->esc, r->n, r->measure, r->value);
					o->rows++;
				}
		}
	}
	free_srows(&rows);
	free(types.v);
	free(seqn.v);
	free_lines(&prog);
	return ok;
}

/* ---------------------------------------------------------------- conv */

/* The conversion lines of the stackappend program:
 *   bytesconv-esc C              []byte(fmt.Sprint("hello")), never written
 *   bytesconv-local C rune-local R   lb: []byte(s) local; lr: []rune of 5 runes
 *   constbytes L E               []byte("hello") used locally / returned */
static int conv_line(char *f[], int nf, const range *r, srows *rs, const char *where)
{
	if (!strcmp(f[0], "bytesconv-esc") && nf == 2)
		return add_srow(rs, r, "bytes", "readonly", 5, "", f[1], where);
	if (!strcmp(f[0], "bytesconv-local") && nf == 4 && !strcmp(f[2], "rune-local"))
		return add_srow(rs, r, "bytes", "readonly", 5, "", f[1], where) &&
		       add_srow(rs, r, "runes", "local", 5, "", f[3], where);
	if (!strcmp(f[0], "constbytes") && nf == 3)
		return add_srow(rs, r, "constbytes", "local", 5, "", f[1], where) &&
		       add_srow(rs, r, "constbytes", "escapes", 5, "", f[2], where);
	return failf("%s: unexpected conversion line \"%s ...\"", where, f[0]);
}

static int conv_program(const char *src)
{
	static const char *const needles[] = {
	    "[]byte(fmt.Sprint(\"hello\"))", "func lb(s string) int { b := []byte(s); return cap(b) }",
	    "func lr(s string) int { b := []rune(s); return cap(b) }", "lr(fmt.Sprint(\"h\xc3\xa9llo\"))",
	    "b := []byte(\"hello\"); return b[:cap(b)]"};
	char path[4200];
	snprintf(path, sizeof path, "%s/stackappend_test_prog.go.txt", src);
	char *prog = ggi_probe_read_file(path, NULL);
	if (!prog)
		return failf("cannot read %s: %s", path, strerror(errno));
	int ok = 1;
	for (size_t i = 0; ok && i < sizeof needles / sizeof needles[0]; i++)
		if (!strstr(prog, needles[i]))
			ok = failf("stackappend program: the conversions changed (no '%s')", needles[i]);
	free(prog);
	return ok;
}

static int convert_conv(const char *src, const char *arch, const range *rs, int nr, out *o)
{
	static const char *const notes[] = {
	    "Conversions of stackappend_test_prog.go.txt: bytesconv-esc and bytesconv-local are",
	    "[]byte(s) results that stay local and are never written; rune-local is []rune of a",
	    "5-rune string kept local; constbytes is []byte(\"hello\") used locally and returned.", NULL};
	srows rows = {0};
	int ok = conv_program(src);
	for (int fi = 0; ok && fi < nr; fi++) {
		lines ls;
		ok = read_lines(src, rs[fi].name, &ls);
		for (size_t i = 0; ok && i < ls.n; i++) {
			char buf[1024], *f[8], where[160];
			snprintf(buf, sizeof buf, "%s", ls.l[i]);
			snprintf(where, sizeof where, "%s:%zu", rs[fi].name, i + 1);
			int nf = fields(buf, f, 7);
			if (nf > 0 && is_not_covered(f[0]))
				ok = conv_line(f, nf, &rs[fi], &rows, where);
		}
		free_lines(&ls);
	}
	if (ok) {
		header(o, "conv", "go\tarch\tconv\tuse\tn\tcap", rs, nr, notes);
		/* By release, and in reading order within one (a stable sort). */
		for (int v = GG_GO_MIN; v <= GG_GO_MAX; v++)
			for (size_t i = 0; i < rows.n; i++)
				if (rows.r[i].v == v) {
					const srow *r = &rows.r[i];
					outf(o, "go1.%d\t%s\t%s\t%s\t%ld\t%s\n", v, arch, r->name, r->esc,
					     r->n, r->value);
					o->rows++;
				}
	}
	free_srows(&rows);
	return ok;
}

/* ---------------------------------------------------------------- command */

static int write_out(const char *dir, const char *kind, const char *arch, out *o)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s_%s.tsv", dir, kind, arch);
	if (o->oom)
		return failf("out of memory");
	int ok = ggi_probe_write_file(dir, strrchr(path, '/') + 1, o->s, o->len);
	if (ok)
		fprintf(stderr, "gogrow probe: wrote %s (%ld rows)\n", path, o->rows);
	return ok;
}

int ggi_probe_convert_slices(const char *src, const char *dst)
{
	inputs in;
	if (!find_inputs(src, &in) || !ggi_probe_mkdirs(dst))
		return EXIT_USAGE;
	static const char *const names_out[4] = {"grow", "layout", "stackappend", "conv"};
	for (int a = 0; a < 2; a++)
		for (int k = 0; k < 4; k++) {
			out o = {0};
			const range *rs = in.r[k < 3 ? k : 2][a];
			int nr = in.n[k < 3 ? k : 2][a];
			int ok = k == 0	  ? convert_grow(src, archs[a], rs, nr, &o)
				 : k == 1 ? convert_layout(src, archs[a], rs, nr, &o)
				 : k == 2 ? convert_stackappend(src, archs[a], rs, nr, &o)
					  : convert_conv(src, archs[a], rs, nr, &o);
			ok = ok && write_out(dst, names_out[k], archs[a], &o);
			free(o.s);
			if (!ok)
				return EXIT_USAGE;
		}
	return EXIT_OK;
}
