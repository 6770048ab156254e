/* gogrow audit PROFILE [--go V] [--arch A] [--json|--tsv]: the slice and
 * map growth in a Go heap profile (runtime/pprof's heap or allocs profile,
 * gzipped profile.proto), per call site, with the make capacity or hint that
 * avoids it. The command reads and gunzips the file; decoding and matching
 * are the library's (gogrow/audit.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cli/cli.h"
#include "cli/out/out.h"
#include "gogrow/audit.h"

/* Profiles are small; anything that inflates past this is not one (or is
 * a gzip bomb). */
#define MAX_PROFILE ((size_t)256 << 20)

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		cli_error("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap || cap >= MAX_PROFILE)
			break;
		unsigned char *nb = realloc(buf, cap *= 2);
		if (!nb)
			free(buf);
		buf = nb;
	}
	int bad = ferror(f) || n >= MAX_PROFILE;
	if (f != stdin)
		fclose(f);
	if (!buf || bad) {
		cli_error("cannot read %s: %s", path,
			  !buf			    ? "out of memory"
			  : bad && n >= MAX_PROFILE ? "too large"
						    : "read error");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Inflates a gzip stream (one or more members, as gzip allows). */
static unsigned char *gunzip(const char *path, const unsigned char *in, size_t n, size_t *outlen)
{
	if (n < 2 || in[0] != 0x1f || in[1] != 0x8b) {
		cli_error("%s is not a gzipped profile (no gzip header): runtime/pprof and go tool pprof "
			  "write gzipped "
			  "profile.proto",
			  path);
		return NULL;
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		cli_error("zlib: cannot start inflating");
		return NULL;
	}
	size_t cap = n * 4 + 1024, len = 0;
	unsigned char *out = malloc(cap);
	int rc = Z_OK;
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	while (out && rc != Z_STREAM_END) {
		if (len == cap) {
			unsigned char *no = cap >= MAX_PROFILE ? NULL : realloc(out, cap *= 2);
			if (!no) {
				free(out);
				out = NULL;
				break;
			}
			out = no;
		}
		z.next_out = out + len;
		z.avail_out = (uInt)(cap - len);
		rc = inflate(&z, Z_NO_FLUSH);
		len = cap - z.avail_out;
		if (rc == Z_STREAM_END && z.avail_in > 0 && inflateReset(&z) == Z_OK)
			rc = Z_OK; /* another gzip member follows */
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		if (rc == Z_OK && z.avail_in == 0 && z.avail_out > 0) {
			rc = Z_DATA_ERROR; /* the input ended inside the stream */
			break;
		}
	}
	inflateEnd(&z);
	if (!out || rc != Z_STREAM_END) {
		cli_error("%s: %s", path,
			  !out ? "decompressed profile too large or out of memory"
			       : "corrupt or truncated gzip data");
		free(out);
		return NULL;
	}
	*outlen = len;
	return out;
}

static const char *unit_name(gg_growth_kind k)
{
	return k == GG_GROWTH_SLICE ? "elem" : k == GG_GROWTH_CLASSIC_MAP ? "bucket" : "group";
}

/* "make([]T, 0, 1280)" with T's size, or "make(map[K]V, 832)". */
static const char *suggestion(const gg_audit_site *s, char *b, size_t n)
{
	if (s->kind == GG_GROWTH_SLICE)
		snprintf(b, n, "make([]T, 0, %lld)", (long long)s->suggest);
	else
		snprintf(b, n, "make(map[K]V, %lld)", (long long)s->suggest);
	return b;
}

static const char *const kind_keys[] = {"slice", "classic", "swiss"};

/* The kind, or every kind that explains the sizes as well ("slice or map
 * (classic)"): the audit does not pick one it cannot tell apart. */
static const char *kind_text(const gg_audit_site *s, char *b, size_t n)
{
	b[0] = 0;
	for (int k = GG_GROWTH_SLICE; k <= GG_GROWTH_SWISS_MAP; k++)
		if (k == (int)s->kind || (s->kinds & (1u << k)))
			snprintf(b + strlen(b), n - strlen(b), "%s%s", b[0] ? " or " : "",
				 gg_growth_kind_name((gg_growth_kind)k));
	return b;
}

static const char *site_name(const gg_heapprof *p, const gg_audit_site *s, char *b, size_t n)
{
	const gg_prof_site *ps = &p->sites[s->site];
	const char *base = strrchr(ps->file, '/');
	snprintf(b, n, "%s %s:%lld", ps->func, base ? base + 1 : ps->file, (long long)ps->line);
	return b;
}

static void print_table(const gg_heapprof *p, const gg_audit *a, cli_format fmt)
{
	static const char *const heads[] = {"site",	   "kind",	 "unit",    "steps",
					    "unexplained", "confidence", "objects", "bytes",
					    "±",	   "final len",	 "make",    "saves"};
	out_table t;
	table_init(&t);
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		table_col(&t, heads[i], i >= 3 && i != 5 && i != 9 && i != 10);
	for (size_t i = 0; i < a->n; i++) {
		const gg_audit_site *s = &a->sites[i];
		char site[512], kind[64], unit[48], steps[24], un[24], ob[24], by[24], er[24], len[64],
		    mk[64], sv[24];
		char range[40] = "";
		if (s->unit_min != s->unit_max)
			snprintf(range, sizeof range, " (%llu-%llu)", (unsigned long long)s->unit_min,
				 (unsigned long long)s->unit_max);
		snprintf(unit, sizeof unit, "%s %llu B%s%s", unit_name(s->kind), (unsigned long long)s->unit,
			 range,
			 s->pointers > 0   ? " ptr"
			 : s->pointers < 0 ? " ptr?"
					   : "");
		snprintf(er, sizeof er, "%.0f", s->bytes_err);
		snprintf(len, sizeof len, "%lld-%lld", (long long)s->len_min, (long long)s->len_max);
		const char *row[] = {site_name(p, s, site, sizeof site),
				     kind_text(s, kind, sizeof kind),
				     unit,
				     fmt_i64(steps, s->steps),
				     fmt_i64(un, s->unexplained),
				     gg_confidence_name(s->confidence),
				     fmt_i64(ob, s->objects),
				     fmt_i64(by, s->bytes),
				     er,
				     len,
				     suggestion(s, mk, sizeof mk),
				     fmt_i64(sv, s->saved)};
		table_row(&t, row);
	}
	table_print(&t, fmt, sink_stdout());
	table_free(&t);
}

static void print_json(const gg_heapprof *p, const gg_audit *a)
{
	json_w w;
	char b[64];
	jw_begin(&w, sink_stdout());
	jw_obj(&w, NULL);
	jw_s(&w, "command", "audit");
	jw_s(&w, "go", cli_go_name(a->t.go, b));
	jw_s(&w, "arch", a->t.arch->name);
	jw_i(&w, "period", p->period);
	jw_u(&w, "sites_checked", a->checked);
	jw_arr(&w, "growth");
	for (size_t i = 0; i < a->n; i++) {
		const gg_audit_site *s = &a->sites[i];
		const gg_prof_site *ps = &p->sites[s->site];
		jw_obj(&w, NULL);
		jw_s(&w, "func", ps->func);
		jw_s(&w, "file", ps->file);
		jw_i(&w, "line", ps->line);
		jw_s(&w, "kind",
		     s->kind == GG_GROWTH_SLICE		? "slice"
		     : s->kind == GG_GROWTH_CLASSIC_MAP ? "classic"
							: "swiss");
		jw_arr(&w, "kinds");
		for (int k = GG_GROWTH_SLICE; k <= GG_GROWTH_SWISS_MAP; k++)
			if (k == (int)s->kind || (s->kinds & (1u << k)))
				jw_s(&w, NULL, kind_keys[k]);
		jw_end_arr(&w);
		jw_u(&w, unit_name(s->kind), s->unit);
		if (s->kind != GG_GROWTH_SLICE)
			jw_u(&w, "slot", s->slot);
		jw_u(&w, "unit_min", s->unit_min);
		jw_u(&w, "unit_max", s->unit_max);
		if (s->pointers < 0)
			jw_null(&w, "pointers");
		else
			jw_b(&w, "pointers", s->pointers);
		jw_i(&w, "steps", s->steps);
		jw_i(&w, "first_step", s->first_step);
		jw_i(&w, "side", s->side);
		jw_i(&w, "unexplained", s->unexplained);
		jw_i(&w, "alternatives", s->alternatives);
		jw_s(&w, "confidence", gg_confidence_name(s->confidence));
		jw_i(&w, "objects", s->objects);
		jw_i(&w, "bytes", s->bytes);
		jw_i(&w, "bytes_err", (int64_t)(s->bytes_err + 0.5));
		jw_i(&w, "len_min", s->len_min);
		jw_i(&w, "len_max", s->len_max);
		jw_i(&w, s->kind == GG_GROWTH_SLICE ? "make_cap" : "make_hint", s->suggest);
		jw_u(&w, "last_size", s->last_size);
		jw_i(&w, "saved", s->saved);
		jw_i(&w, "saved_err", (int64_t)(s->saved_err + 0.5));
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_finish(&w);
}

static void print_head(const char *path, const gg_heapprof *p, const gg_audit *a)
{
	char gb[16];
	printf("%s: heap profile, %s/%s (%s), ", path, cli_go_name(a->t.go, gb), a->t.arch->name,
	       p->go ? "from the profile" : "as given");
	if (p->period > 1)
		printf(
		    "sampled every %lld bytes on average (figures scaled by the runtime; ± is one sigma)\n",
		    (long long)p->period);
	else
		printf("every allocation recorded (exact)\n");
	printf("%zu sites allocate, %zu of them grow a slice or map", a->checked, a->n);
	if (p->nnosite)
		printf(" (%zu samples had no symbolized frame outside the runtime)", p->nnosite);
	printf("\n");
}

/* The one target: --go if given, else the release the profile names. */
static int audit_target(cli_common *c, const gg_heapprof *p, gg_target *t)
{
	char buf[16];
	if (!c->explicit_go && !p->go) {
		cli_error("the profile does not record its Go release (heap profiles usually don't): give it "
			  "with --go, "
			  "e.g. --go 1.22");
		return 0;
	}
	if (!c->explicit_go)
		c->go = cli_go_name(p->go, buf);
	if (!cli_targets(c))
		return 0;
	if (c->ntargets != 1) {
		cli_error("audit needs one release and one arch (got %d targets)", c->ntargets);
		return 0;
	}
	*t = c->targets[0];
	return 1;
}

int cmd_audit(int argc, char **argv)
{
	cli_common c;
	cli_opt extra[] = {{NULL, 0, NULL, NULL}};
	if (!cli_parse("audit", argc, argv, extra, &c))
		return cli_usage_error("audit");
	if (c.npos != 1) {
		cli_error("audit needs one PROFILE (a gzipped heap or allocs profile)");
		return cli_usage_error("audit");
	}
	size_t zlen = 0, len = 0;
	unsigned char *z = read_file(c.pos[0], &zlen);
	unsigned char *raw = z ? gunzip(c.pos[0], z, zlen, &len) : NULL;
	free(z);
	if (!raw)
		return EXIT_USAGE;
	gg_heapprof p;
	gg_error err = {0};
	gg_status st = gg_heapprof_parse(raw, len, &p, &err);
	free(raw);
	if (st != GG_OK) {
		cli_error("%s: %s", c.pos[0], err.msg);
		return cli_exit(st);
	}
	gg_target t;
	gg_audit a;
	int rc = EXIT_USAGE;
	if (audit_target(&c, &p, &t)) {
		st = gg_audit_run(&t, &p, &a, &err);
		if (st != GG_OK) {
			cli_error("%s", err.msg);
			rc = cli_exit(st);
		} else {
			if (c.fmt == FMT_JSON)
				print_json(&p, &a);
			else {
				if (c.fmt == FMT_TEXT)
					print_head(c.pos[0], &p, &a);
				print_table(&p, &a, c.fmt);
			}
			gg_audit_free(&a);
			rc = EXIT_OK;
		}
	}
	gg_heapprof_free(&p);
	return rc;
}
