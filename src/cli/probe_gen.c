/* The type corpus of `gogrow probe` and the Go source generated from it.
 *
 * probe/slice.go.tmpl and probe/map.go.tmpl are filled in once per type, so
 * that every append, make and map insert is compiled for its concrete type;
 * the fixed files of probe/ are compiled into gogrow by tools/embed.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/probe.h"
#include "probe_files.h"

#define MAPGROW_N_DEFAULT 1048576L

const char *const ggi_probe_file_names[GGI_NFILES] = {"layout", "growth", "append", "makemap", "mapgrow"};

const char *ggi_probe_embedded(const char *name)
{
	for (size_t i = 0; i < sizeof probe_files / sizeof probe_files[0]; i++)
		if (!strcmp(probe_files[i].name, name))
			return probe_files[i].text;
	return "";
}

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

/* ---------------------------------------------------------------- corpus */

int ggi_probe_parse_files(const char *s, unsigned *out)
{
	char buf[128];
	snprintf(buf, sizeof buf, "%s", s);
	*out = 0;
	char *save = NULL;
	for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int k = -1;
		for (int i = 0; i < GGI_NFILES; i++)
			if (!strcmp(tok, ggi_probe_file_names[i]))
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

void ggi_probe_corpus_free(ggi_probe_corpus *c)
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

/* One corpus line (already split at tabs) into *t. */
static int parse_line(const char *name, long line, char *f[3], int nf, ggi_probe_type *t)
{
	t->n = MAPGROW_N_DEFAULT;
	if (!ggi_probe_parse_files(f[1], &t->files)) {
		cli_error("%s:%ld: bad file list", name, line);
		return 0;
	}
	if (nf == 3) {
		int64_t v;
		if (!cli_int("N", f[2], &v) || v < 1 || v > (1L << 30)) {
			cli_error("%s:%ld: N must be between 1 and 2^30", name, line);
			return 0;
		}
		t->n = (long)v;
	}
	gg_typeexpr *e;
	gg_error err = {0};
	if (gg_type_parse(f[0], &e, &err) != GG_OK) {
		cli_error("%s:%ld: %s: %s", name, line, f[0], err.msg);
		return 0;
	}
	int is_map = gg_typeexpr_root(e)->kind == GG_MAP;
	gg_typeexpr_free(e);
	if ((t->files & (1u << GGI_F_MAKEMAP | 1u << GGI_F_MAPGROW)) && !is_map) {
		cli_error("%s:%ld: %s: makemap and mapgrow need a map type", name, line, f[0]);
		return 0;
	}
	t->src = strdup(f[0]);
	if (!t->src || (is_map && !split_map(t->src, &t->key, &t->val))) {
		free(t->src);
		free(t->key);
		cli_error("%s:%ld: cannot split map type %s", name, line, f[0]);
		return 0;
	}
	return 1;
}

/* Each type is checked with gogrow's own parser: only a type expression may
 * reach the generated Go source, and only types the model knows can be
 * conformance-checked later anyway. */
int ggi_probe_corpus_parse(const char *name, char *text, ggi_probe_corpus *c)
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
		ggi_probe_type t = {0};
		if (!parse_line(name, line, f, nf, &t))
			return 0;
		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			ggi_probe_type *nt = realloc(c->t, cap * sizeof *nt);
			if (!nt) {
				free(t.src);
				free(t.key);
				free(t.val);
				cli_error("out of memory");
				return 0;
			}
			c->t = nt;
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

/* 1 if a template line registers a probe of a file not wanted. */
static int unwanted_register(const char *l, size_t len, unsigned want)
{
	const char *reg = strstr(l, "register(\"");
	if (!reg || reg >= l + len)
		return 0;
	for (int f = 0; f < GGI_NFILES; f++) {
		size_t fl = strlen(ggi_probe_file_names[f]);
		if (!strncmp(reg + 10, ggi_probe_file_names[f], fl) && reg[10 + fl] == '"' &&
		    !(want & (1u << f)))
			return 1;
	}
	return 0;
}

/* Fills a template in for type i, dropping the register() lines of the
 * files that are not wanted for it. */
static void expand(sbuf *b, const char *tmpl, const ggi_probe_type *t, size_t i, unsigned want)
{
	char idx[24], n[24];
	snprintf(idx, sizeof idx, "%zu", i);
	snprintf(n, sizeof n, "%ld", t->n);
	for (const char *l = tmpl; *l;) {
		const char *end = strchr(l, '\n');
		size_t len = end ? (size_t)(end - l + 1) : strlen(l);
		int skip = unwanted_register(l, len, want);
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

char *ggi_probe_generate(const ggi_probe_corpus *c, unsigned files)
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
	const unsigned slice_files = 1u << GGI_F_LAYOUT | 1u << GGI_F_GROWTH | 1u << GGI_F_APPEND;
	const unsigned map_files = 1u << GGI_F_MAKEMAP | 1u << GGI_F_MAPGROW;
	for (size_t i = 0; i < c->n; i++) {
		unsigned want = c->t[i].files & files;
		if (want & slice_files) {
			sb_str(&b, "\n");
			expand(&b, ggi_probe_embedded("slice.go.tmpl"), &c->t[i], i, want);
		}
		if (want & map_files) {
			sb_str(&b, "\n");
			expand(&b, ggi_probe_embedded("map.go.tmpl"), &c->t[i], i, want);
		}
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
