/* The JSON writer every --json output and the trace format use: strings
 * escaped as JSON wants (bad UTF-8 becomes U+FFFD), commas placed by depth. */
#include <string.h>

#include "cli/out/out.h"

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

void json_str(out_sink *f, const char *s)
{
	sink_putc(f, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80) {
			/* JSON is UTF-8: a byte that is not part of a valid sequence
			 * becomes U+FFFD. */
			int n = utf8_len(p);
			if (n == 0)
				sink_puts(f, "\\ufffd");
			else
				sink_write(f, p, (size_t)n);
			p += n ? n - 1 : 0;
		} else if (*p == '"' || *p == '\\')
			sink_printf(f, "\\%c", *p);
		else if (*p == '\n')
			sink_puts(f, "\\n");
		else if (*p == '\t')
			sink_puts(f, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			sink_printf(f, "\\u%04x", *p);
		else
			sink_putc(f, *p);
	}
	sink_putc(f, '"');
}

void jw_begin(json_w *w, out_sink *f)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->first[0] = 1;
}

static void key(json_w *w, const char *k)
{
	if (!w->first[w->depth])
		sink_putc(w->f, ',');
	w->first[w->depth] = 0;
	if (k) {
		json_str(w->f, k);
		sink_putc(w->f, ':');
	}
}

static void open(json_w *w, const char *k, char c)
{
	key(w, k);
	sink_putc(w->f, c);
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
	sink_putc(w->f, '}');
	w->depth--;
}
void jw_end_arr(json_w *w)
{
	sink_putc(w->f, ']');
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
	sink_printf(w->f, "%lld", (long long)v);
}

void jw_u(json_w *w, const char *k, uint64_t v)
{
	key(w, k);
	sink_printf(w->f, "%llu", (unsigned long long)v);
}

void jw_b(json_w *w, const char *k, int v)
{
	key(w, k);
	sink_puts(w->f, v ? "true" : "false");
}

void jw_null(json_w *w, const char *k)
{
	key(w, k);
	sink_puts(w->f, "null");
}

void jw_finish(json_w *w)
{
	sink_putc(w->f, '\n');
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
