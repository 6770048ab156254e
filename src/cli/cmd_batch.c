/* gogrow batch [FILE|-]: questions one per line (standard input by default),
 * answers on stdout in the same format, for other projects' scripts and CI.
 *
 * TSV lines (the question's fields, answered by appending columns):
 *   layout  GO ARCH TYPE                 -> size align ptrdata
 *   offsets GO ARCH STRUCT               -> comma-separated field offsets
 *   append  GO ARCH []T LEN CAP ADD      -> newcap bytes alloc
 *   grow    GO ARCH []T N                -> comma-separated caps
 *   makemap GO ARCH map[K]V HINT         -> bytes mallocs
 * JSON lines: {"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":1000,"cap":1000,"add":1}
 * A JSON layout answer also lists a struct literal's fields as `gogrow
 * layout --json` does. A question that cannot be answered gets an "error"
 * answer carrying its line number; the other lines are still answered.
 * Exit status 2 if any line failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "gogrow/map.h"

typedef struct answer {
	char buf[BATCH_ANSWER_MAX];
	uint64_t size, align, ptrdata, bytes, alloc, mallocs;
	int64_t newcap;
	uint64_t *offs; /* a struct literal's field offsets (offsets; JSON layout) */
	size_t noffs;
	const gg_type *type;
	gg_target tg;
} answer;

/* The line column of the type's byte at 1-based `col`. */
static unsigned long line_col(const batch_question *q, int col)
{
	size_t n = strlen(q->type);
	size_t c = col > 0 ? (size_t)col : 1;
	if (!q->type_cols)
		return q->type_col + c - 1;
	if (c <= n)
		return q->type_cols[c - 1];
	return n ? q->type_cols[n - 1] + 1 : q->type_col;
}

static const gg_type *parse_cached(const batch_question *q, batch_state *b, char *err, size_t errlen)
{
	if (!b->type_src || strcmp(b->type_src, q->type)) {
		gg_typeexpr_free(b->type);
		free(b->type_src);
		b->type = NULL;
		b->type_src = strdup(q->type);
		if (!b->type_src)
			b->err = (gg_error){GG_ERR_NOMEM, 0, "out of memory"};
		else if (gg_type_parse(q->type, &b->type, &b->err) != GG_OK)
			b->type = NULL;
	}
	if (!b->type) {
		snprintf(err, errlen, "bad type: %s (column %lu)", b->err.msg, line_col(q, b->err.column));
		return NULL;
	}
	return gg_typeexpr_root(b->type);
}

static int is_struct_literal(const gg_type *t)
{
	return t->kind == GG_STRUCT && !t->name && t->nfields > 0;
}

static gg_status ask_layout(const batch_question *q, const gg_type *t, answer *a, char *err, size_t errlen,
			    gg_error *ge)
{
	gg_layout l;
	gg_status st = gg_layout_of(&a->tg, t, &l, ge);
	if (st != GG_OK)
		return st;
	a->size = l.size, a->align = l.align, a->ptrdata = l.ptrdata;
	if (!is_struct_literal(t)) {
		if (q->kind == Q_OFFSETS)
			return snprintf(err, errlen,
					"offsets needs a struct literal such as struct{a int8; b int64}"),
			       GG_ERR_TYPE;
		return GG_OK;
	}
	if (!(a->offs = malloc(t->nfields * sizeof *a->offs)))
		return snprintf(err, errlen, "out of memory"), GG_ERR_NOMEM;
	return gg_struct_offsets(&a->tg, t, a->offs, t->nfields, &a->noffs, ge);
}

static gg_status ask_slice(const batch_question *q, const gg_type *t, answer *a, char *err, size_t errlen,
			   gg_error *ge)
{
	gg_elem e;
	if (t->kind != GG_SLICE)
		return snprintf(err, errlen, "%s needs a slice type such as []int", q->name), GG_ERR_TYPE;
	gg_status st = gg_elem_of(&a->tg, t->elem, &e, ge);
	if (st != GG_OK)
		return st;
	if (q->kind == Q_APPEND) {
		gg_grow g;
		int64_t cap = q->has_cap ? q->cap : q->len;
		if ((st = gg_makeslice(&a->tg, e, q->len, cap, NULL, ge)) != GG_OK ||
		    (st = gg_growslice(&a->tg, e, q->len, cap, q->add, &g, ge)) != GG_OK)
			return st;
		a->newcap = g.newcap, a->bytes = g.capbytes, a->alloc = g.alloc;
		return GG_OK;
	}
	if (q->n < 1 || q->n > (INT64_C(1) << 40))
		return snprintf(err, errlen, "n must be between 1 and 2^40"), GG_ERR_RANGE;
	return batch_caps(&a->tg, e, q->n, a->buf, sizeof a->buf, ge) ? GG_OK : GG_ERR_RANGE;
}

/* Answers q into a; 0 with the reason in err. */
static int ask(const batch_question *q, batch_state *b, answer *a, char *err, size_t errlen)
{
	gg_error ge = {0};
	int go;
	err[0] = 0;
	if (gg_release_parse(q->go, &go, &ge) != GG_OK || gg_target_make(q->arch, go, &a->tg, &ge) != GG_OK) {
		snprintf(err, errlen, "%s", ge.msg);
		return 0;
	}
	const gg_type *t = parse_cached(q, b, err, errlen);
	if (!t)
		return 0;
	a->type = t;
	gg_status st;
	if (q->kind == Q_LAYOUT || q->kind == Q_OFFSETS)
		st = ask_layout(q, t, a, err, errlen, &ge);
	else if (q->kind == Q_MAKEMAP) {
		gg_maptype mt;
		gg_mapmake mk;
		if (t->kind != GG_MAP) {
			snprintf(err, errlen, "makemap needs a map type such as map[string]int");
			return 0;
		}
		st = gg_map_type(&a->tg, t, 0, &mt, &ge);
		if (st == GG_OK && (st = gg_makemap(&mt, q->len, 0, &mk, &ge)) == GG_OK)
			a->bytes = mk.bytes, a->mallocs = mk.mallocs;
	} else
		st = ask_slice(q, t, a, err, errlen, &ge);
	if (st != GG_OK && !err[0])
		snprintf(err, errlen, "%s", ge.msg);
	return st == GG_OK;
}

/* A JSON layout answer lists a struct literal's fields like `gogrow layout --json`. */
static void json_fields(json_w *w, const answer *a)
{
	jw_arr(w, "fields");
	for (size_t f = 0; f < a->noffs; f++) {
		gg_layout fl = {0, 0, 0};
		gg_layout_of(&a->tg, a->type->fields[f].type, &fl, NULL);
		jw_obj(w, NULL);
		jw_s(w, "name", a->type->fields[f].name);
		jw_u(w, "offset", a->offs[f]);
		jw_u(w, "size", fl.size);
		jw_u(w, "align", fl.align);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

/* A JSON answer echoes the question's integer inputs, defaults applied. */
static void json_inputs(json_w *w, const batch_question *q)
{
	if (q->kind == Q_APPEND) {
		jw_i(w, "len", q->len);
		jw_i(w, "cap", q->has_cap ? q->cap : q->len);
		jw_i(w, "add", q->add);
	} else if (q->kind == Q_GROW)
		jw_i(w, "n", q->n);
	else if (q->kind == Q_MAKEMAP)
		jw_i(w, "hint", q->len);
}

/* The caps, "1,2,4", as a JSON array of integers. */
static void json_caps(json_w *w, const char *list)
{
	jw_arr(w, "caps");
	for (const char *p = list; *p;) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p)
			break;
		jw_i(w, NULL, v);
		p = *end == ',' ? end + 1 : end;
	}
	jw_end_arr(w);
}

static void json_answer(FILE *out, long lineno, const batch_question *q, int parsed, int ok, const answer *a,
			const char *err)
{
	json_w w;
	jw_begin(&w, out);
	jw_obj(&w, NULL);
	jw_i(&w, "line", lineno);
	if (parsed) {
		jw_s(&w, "q", q->name);
		jw_s(&w, "go", q->go);
		jw_s(&w, "arch", q->arch);
		jw_s(&w, "type", q->type);
		json_inputs(&w, q);
	}
	if (!ok)
		jw_s(&w, "error", err);
	else if (q->kind == Q_LAYOUT) {
		jw_u(&w, "size", a->size);
		jw_u(&w, "align", a->align);
		jw_u(&w, "ptrdata", a->ptrdata);
		if (a->offs)
			json_fields(&w, a);
	} else if (q->kind == Q_OFFSETS) {
		jw_arr(&w, "offsets");
		for (size_t f = 0; f < a->noffs; f++)
			jw_u(&w, NULL, a->offs[f]);
		jw_end_arr(&w);
	} else if (q->kind == Q_MAKEMAP) {
		jw_u(&w, "bytes", a->bytes);
		jw_u(&w, "mallocs", a->mallocs);
	} else if (q->kind == Q_APPEND) {
		jw_i(&w, "newcap", a->newcap);
		jw_u(&w, "bytes", a->bytes);
		jw_u(&w, "alloc", a->alloc);
	} else
		json_caps(&w, a->buf);
	jw_end_obj(&w);
	jw_finish(&w);
}

/* The question's fields (split in place by batch_read_tsv) and the answer's. */
static void tsv_answer(FILE *out, const char *line, int nfields, const batch_question *q, const answer *a)
{
	const char *p = line;
	for (int i = 0; i < nfields; i++) {
		fprintf(out, "%s%s", i ? "\t" : "", p);
		p += strlen(p) + 1;
	}
	if (q->kind == Q_LAYOUT)
		fprintf(out, "\t%llu\t%llu\t%llu\n", (unsigned long long)a->size,
			(unsigned long long)a->align, (unsigned long long)a->ptrdata);
	else if (q->kind == Q_OFFSETS) {
		for (size_t f = 0; f < a->noffs; f++)
			fprintf(out, "%c%llu", f ? ',' : '\t', (unsigned long long)a->offs[f]);
		fputc('\n', out);
	} else if (q->kind == Q_MAKEMAP)
		fprintf(out, "\t%llu\t%llu\n", (unsigned long long)a->bytes, (unsigned long long)a->mallocs);
	else if (q->kind == Q_APPEND)
		fprintf(out, "\t%lld\t%llu\t%llu\n", (long long)a->newcap, (unsigned long long)a->bytes,
			(unsigned long long)a->alloc);
	else
		fprintf(out, "\t%s\n", a->buf);
}

int batch_line(const char *line, long lineno, batch_state *b, FILE *out)
{
	return batch_line_len(line, strlen(line), lineno, b, out);
}

int batch_line_len(const char *line_in, size_t len, long lineno, batch_state *b, FILE *out)
{
	char *line = malloc(len + 1);
	void *kv = malloc(batch_kvbuf_size());
	answer *a = calloc(1, sizeof *a);
	int ok = 0;
	if (!line || !kv || !a) {
		fprintf(out, "error\tline %ld: out of memory\n", lineno);
		goto done;
	}
	memcpy(line, line_in, len);
	line[len] = 0;
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = 0;
	if (len == 0 || line[0] == '#') {
		fprintf(out, "%s\n", line);
		ok = 1;
		goto done;
	}
	int json = line[0] == '{';
	batch_question q;
	char err[BATCH_ERR_MAX] = "";
	int parsed = batch_check_bytes(line, len, err, sizeof err) &&
		     (json ? batch_read_json(line, len, kv, &q, err, sizeof err)
			   : batch_read_tsv(line, &q, err, sizeof err));
	ok = parsed && ask(&q, b, a, err, sizeof err);
	if (json)
		json_answer(out, lineno, &q, parsed, ok, a, err);
	else if (!ok)
		fprintf(out, "error\tline %ld: %s\n", lineno, err);
	else
		tsv_answer(out, line,
			   q.kind == Q_LAYOUT || q.kind == Q_OFFSETS ? 4
			   : q.kind == Q_APPEND			     ? 7
								     : 5,
			   &q, a);
done:
	free(line);
	free(kv);
	if (a)
		free(a->offs);
	free(a);
	return ok;
}

void batch_free(batch_state *b)
{
	gg_typeexpr_free(b->type);
	free(b->type_src);
	memset(b, 0, sizeof *b);
}

static void add_cap(void *ctx, const gg_grow *g, int final)
{
	struct capbuf {
		char *s;
		size_t off, cap;
	} *c = ctx;
	(void) final;
	if (c->off < c->cap)
		c->off += (size_t)snprintf(c->s + c->off, c->cap - c->off, "%s%lld", c->off ? "," : "",
					   (long long)g->newcap);
}

int batch_caps(const gg_target *tg, gg_elem e, int64_t n, char *buf, size_t cap, gg_error *err)
{
	struct capbuf {
		char *s;
		size_t off, cap;
	} c = {buf, 0, cap};
	buf[0] = 0;
	if (e.size == 0 && n > 100000) {
		snprintf(err->msg, sizeof err->msg,
			 "zero-size elements grow at every append: n must be <= 100000");
		return 0;
	}
	if (gg_slice_fill(tg, e, GG_ESC_HEAP, n, add_cap, &c, err) != GG_OK)
		return 0;
	if (c.off >= cap) {
		snprintf(err->msg, sizeof err->msg, "too many caps for one answer");
		return 0;
	}
	return 1;
}

int cmd_batch(int argc, char **argv)
{
	if (argc > 1) {
		cli_error("batch reads one FILE, or standard input ('-' or no argument)");
		return cli_usage_error("batch");
	}
	FILE *in = stdin;
	if (argc == 1 && strcmp(argv[0], "-") != 0 && !(in = fopen(argv[0], "r"))) {
		cli_error("cannot read %s: %s", argv[0], strerror(errno));
		return EXIT_USAGE;
	}
	batch_state b = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int failed = 0;
	while ((n = getline(&line, &cap, in)) >= 0)
		failed |= !batch_line_len(line, (size_t)n, ++lineno, &b, stdout);
	int rerr = ferror(in);
	if (in != stdin)
		fclose(in);
	free(line);
	batch_free(&b);
	if (rerr) {
		cli_error("error reading %s", argc == 1 ? argv[0] : "standard input");
		return EXIT_USAGE;
	}
	return failed ? EXIT_USAGE : EXIT_OK;
}
