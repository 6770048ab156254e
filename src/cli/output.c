/* Every format gogrow prints goes through here, so text, TSV and JSON stay
 * consistent across subcommands. */
#include <stdlib.h>
#include <string.h>

#include "cli/output.h"

const char *fmt_u64(char b[24], uint64_t v)
{
	snprintf(b, 24, "%llu", (unsigned long long)v);
	return b;
}

const char *fmt_i64(char b[24], int64_t v)
{
	snprintf(b, 24, "%lld", (long long)v);
	return b;
}

void table_init(out_table *t)
{
	memset(t, 0, sizeof *t);
}

static char *dup(out_table *t, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		t->oom = 1;
	return d;
}

void table_col(out_table *t, const char *head, int right)
{
	if (t->ncols == TABLE_MAX_COLS)
		return;
	t->right[t->ncols] = right;
	t->head[t->ncols++] = dup(t, head);
}

void table_row(out_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **n = realloc(t->cells, cap * (size_t)t->ncols * sizeof *n);
		if (!n) {
			t->oom = 1;
			return;
		}
		t->cells = n;
		t->cap = cap;
	}
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = dup(t, cells[i]);
	t->nrows++;
}

static const char *cell(const out_table *t, size_t r, int c)
{
	const char *s = t->cells[r * (size_t)t->ncols + (size_t)c];
	return s ? s : "";
}

static int numeric(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s || (*s == '0' && s[1]))
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

void table_print(const out_table *t, cli_format fmt, FILE *f)
{
	if (fmt == FMT_JSON) {
		fputc('[', f);
		for (size_t r = 0; r < t->nrows; r++) {
			fputs(r ? ",{" : "{", f);
			for (int c = 0; c < t->ncols; c++) {
				if (c)
					fputc(',', f);
				json_str(f, t->head[c] ? t->head[c] : "");
				fputc(':', f);
				if (numeric(cell(t, r, c)))
					fputs(cell(t, r, c), f);
				else
					json_str(f, cell(t, r, c));
			}
			fputc('}', f);
		}
		fputs("]\n", f);
		return;
	}
	if (fmt == FMT_TSV) {
		for (int c = 0; c < t->ncols; c++)
			fprintf(f, "%s%s", c ? "\t" : "", t->head[c] ? t->head[c] : "");
		fputc('\n', f);
		for (size_t r = 0; r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++)
				fprintf(f, "%s%s", c ? "\t" : "", cell(t, r, c));
			fputc('\n', f);
		}
		return;
	}
	size_t w[TABLE_MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		w[c] = strlen(t->head[c] ? t->head[c] : "");
		for (size_t r = 0; r < t->nrows; r++)
			if (strlen(cell(t, r, c)) > w[c])
				w[c] = strlen(cell(t, r, c));
	}
	for (int c = 0; c < t->ncols; c++) {
		const char *h = t->head[c] ? t->head[c] : "";
		int last = c == t->ncols - 1;
		if (t->right[c])
			fprintf(f, "%*s", (int)w[c], h);
		else if (last)
			fputs(h, f);
		else
			fprintf(f, "%-*s", (int)w[c], h);
		if (!last)
			fputs("  ", f);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			int last = c == t->ncols - 1;
			if (t->right[c])
				fprintf(f, "%*s", (int)w[c], cell(t, r, c));
			else if (last)
				fputs(cell(t, r, c), f);
			else
				fprintf(f, "%-*s", (int)w[c], cell(t, r, c));
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
	}
}

void table_free(out_table *t)
{
	for (int c = 0; c < t->ncols; c++)
		free(t->head[c]);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* Length of the well-formed UTF-8 sequence at p (2 to 4), or 0. */
static int utf8_len(const unsigned char *p)
{
	int n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
		return 0; /* overlong, surrogate or beyond U+10FFFF */
	return n;
}

void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80) {
			/* JSON is UTF-8: a byte that is not part of a valid sequence
			 * becomes U+FFFD. */
			int n = utf8_len(p);
			if (n == 0)
				fputs("\\ufffd", f);
			else
				fwrite(p, 1, (size_t)n, f);
			p += n ? n - 1 : 0;
		} else if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

void jw_begin(json_w *w, FILE *f)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->first[0] = 1;
}

static void key(json_w *w, const char *k)
{
	if (!w->first[w->depth])
		fputc(',', w->f);
	w->first[w->depth] = 0;
	if (k) {
		json_str(w->f, k);
		fputc(':', w->f);
	}
}

static void open(json_w *w, const char *k, char c)
{
	key(w, k);
	fputc(c, w->f);
	if (w->depth < 31)
		w->depth++;
	w->first[w->depth] = 1;
}

void jw_obj(json_w *w, const char *k)
{
	open(w, k, '{');
}
void jw_arr(json_w *w, const char *k)
{
	open(w, k, '[');
}
void jw_end_obj(json_w *w)
{
	fputc('}', w->f);
	w->depth--;
}
void jw_end_arr(json_w *w)
{
	fputc(']', w->f);
	w->depth--;
}

void jw_s(json_w *w, const char *k, const char *v)
{
	key(w, k);
	json_str(w->f, v);
}

void jw_i(json_w *w, const char *k, int64_t v)
{
	key(w, k);
	fprintf(w->f, "%lld", (long long)v);
}

void jw_u(json_w *w, const char *k, uint64_t v)
{
	key(w, k);
	fprintf(w->f, "%llu", (unsigned long long)v);
}

void jw_b(json_w *w, const char *k, int v)
{
	key(w, k);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(json_w *w, const char *k)
{
	key(w, k);
	fputs("null", w->f);
}

void jw_finish(json_w *w)
{
	fputc('\n', w->f);
}

/* The seeded simulations draw hashes uniformly at random. Go's hash is a
 * seeded function of the key: AES-based on amd64 and arm64 (and 386 with
 * AES), which spreads sequential integer keys more evenly than random, so
 * a real run of such keys can fall below the simulated range. */
const char out_hash_assumption[] =
    "(the runs draw every key's hash uniformly at random; Go's AES hash on amd64 and arm64 spreads\n"
    "sequential integer keys more evenly than that, so such keys can measure below this range)";
const char out_hash_assumption_json[] =
    "uniform random; AES hashes (amd64, arm64) spread sequential integers more evenly";

void jw_dist(json_w *w, const char *key, const gg_dist *d)
{
	jw_obj(w, key);
	jw_u(w, "min", d->min);
	jw_u(w, "median", d->median);
	jw_u(w, "max", d->max);
	jw_end_obj(w);
}
