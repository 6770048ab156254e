/* Tables (aligned text, TSV, a JSON array of objects): one writer for every
 * command, so their formats stay consistent. */
#include <stdlib.h>
#include <string.h>

#include "cli/out/out.h"

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

void table_print(const out_table *t, cli_format fmt, out_sink *f)
{
	if (fmt == FMT_JSON) {
		sink_putc(f, '[');
		for (size_t r = 0; r < t->nrows; r++) {
			sink_puts(f, r ? ",{" : "{");
			for (int c = 0; c < t->ncols; c++) {
				if (c)
					sink_putc(f, ',');
				json_str(f, t->head[c] ? t->head[c] : "");
				sink_putc(f, ':');
				if (numeric(cell(t, r, c)))
					sink_puts(f, cell(t, r, c));
				else
					json_str(f, cell(t, r, c));
			}
			sink_putc(f, '}');
		}
		sink_puts(f, "]\n");
		return;
	}
	if (fmt == FMT_TSV) {
		for (int c = 0; c < t->ncols; c++)
			sink_printf(f, "%s%s", c ? "\t" : "", t->head[c] ? t->head[c] : "");
		sink_putc(f, '\n');
		for (size_t r = 0; r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++)
				sink_printf(f, "%s%s", c ? "\t" : "", cell(t, r, c));
			sink_putc(f, '\n');
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
			sink_printf(f, "%*s", (int)w[c], h);
		else if (last)
			sink_puts(f, h);
		else
			sink_printf(f, "%-*s", (int)w[c], h);
		if (!last)
			sink_puts(f, "  ");
	}
	sink_putc(f, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			int last = c == t->ncols - 1;
			if (t->right[c])
				sink_printf(f, "%*s", (int)w[c], cell(t, r, c));
			else if (last)
				sink_puts(f, cell(t, r, c));
			else
				sink_printf(f, "%-*s", (int)w[c], cell(t, r, c));
			if (!last)
				sink_puts(f, "  ");
		}
		sink_putc(f, '\n');
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
