/* gogrow batch: questions on stdin, one per line, answers on stdout in the
 * same format, for other projects' scripts and CI.
 *
 * TSV lines (the question's fields, answered by appending columns):
 *   layout  GO ARCH TYPE                 -> size align ptrdata
 *   append  GO ARCH []T LEN CAP ADD      -> newcap bytes alloc
 *   grow    GO ARCH []T N                -> comma-separated caps
 *   makemap GO ARCH map[K]V HINT         -> bytes mallocs
 * JSON lines: {"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":1000,"cap":1000,"add":1}
 * A question that cannot be answered gets an "error" answer carrying its
 * line number; the other lines are still answered. Exit status 2 if any
 * line failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/jsonl.h"
#include "cli/output.h"
#include "gogrow/map.h"

typedef struct question {
	char q[16], go[32], arch[32];
	const char *type;
	int64_t len, cap, add, n;
	int has_cap;
} question;

typedef struct answer {
	char buf[BATCH_ANSWER_MAX];
	uint64_t size, align, ptrdata, bytes, alloc, mallocs;
	int64_t newcap;
} answer;

static int ask(question *q, batch_state *b, answer *a, char *err, size_t errlen)
{
	gg_error ge = {0};
	int go;
	gg_target tg;
	if (gg_release_parse(q->go, &go, &ge) != GG_OK || gg_target_make(q->arch, go, &tg, &ge) != GG_OK) {
		snprintf(err, errlen, "%s", ge.msg);
		return 0;
	}
	if (!b->type_src || strcmp(b->type_src, q->type)) {
		gg_typeexpr_free(b->type);
		free(b->type_src);
		b->type = NULL;
		b->type_src = strdup(q->type);
		if (!b->type_src || gg_type_parse(q->type, &b->type, &b->err) != GG_OK)
			b->type = NULL;
	}
	if (!b->type) {
		snprintf(err, errlen, "bad type: %s (column %d)", b->err.msg, b->err.column);
		return 0;
	}
	const gg_type *t = gg_typeexpr_root(b->type);
	if (!strcmp(q->q, "layout")) {
		gg_layout l;
		if (gg_layout_of(t, &tg, &l, &ge) != GG_OK)
			goto fail;
		a->size = l.size, a->align = l.align, a->ptrdata = l.ptrdata;
		return 1;
	}
	if (!strcmp(q->q, "makemap")) {
		gg_maptype mt;
		gg_mapmake mk;
		if (t->kind != GG_MAP) {
			snprintf(err, errlen, "makemap needs a map type such as map[string]int");
			return 0;
		}
		if (gg_map_type(t, &tg, 0, &mt, &ge) != GG_OK ||
		    gg_makemap(&mt, q->len, 0, &mk, &ge) != GG_OK)
			goto fail;
		a->bytes = mk.bytes, a->mallocs = mk.mallocs;
		return 1;
	}
	if (t->kind != GG_SLICE) {
		snprintf(err, errlen, "%s needs a slice type such as []int", q->q);
		return 0;
	}
	gg_elem e;
	if (gg_elem_of(t->elem, &tg, &e, &ge) != GG_OK)
		goto fail;
	if (!strcmp(q->q, "append")) {
		gg_grow g;
		int64_t cap = q->has_cap ? q->cap : q->len;
		if (gg_makeslice(&tg, e, q->len, cap, NULL, &ge) != GG_OK ||
		    gg_growslice(&tg, e, q->len, cap, q->add, &g, &ge) != GG_OK)
			goto fail;
		a->newcap = g.newcap, a->bytes = g.capbytes, a->alloc = g.alloc;
		return 1;
	}
	if (!strcmp(q->q, "grow")) {
		if (q->n < 1 || q->n > (INT64_C(1) << 40)) {
			snprintf(err, errlen, "n must be between 1 and 2^40");
			return 0;
		}
		if (!batch_caps(&tg, e, q->n, a->buf, sizeof a->buf, &ge))
			goto fail;
		return 1;
	}
	snprintf(err, errlen, "unknown question \"%s\" (expected layout, append, grow or makemap)", q->q);
	return 0;
fail:
	snprintf(err, errlen, "%s", ge.msg);
	return 0;
}

static int tsv_question(char *line, question *q, char *err, size_t errlen)
{
	char *f[8];
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < 8; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	memset(q, 0, sizeof *q);
	snprintf(q->q, sizeof q->q, "%s", f[0]);
	int want = !strcmp(q->q, "layout")    ? 4
		   : !strcmp(q->q, "append")  ? 7
		   : !strcmp(q->q, "grow")    ? 5
		   : !strcmp(q->q, "makemap") ? 5
					      : 0;
	if (!want) {
		snprintf(err, errlen, "unknown question \"%.15s\" (expected layout, append, grow or makemap)",
			 f[0]);
		return 0;
	}
	if (n != want) {
		snprintf(err, errlen, "%s takes %d tab-separated fields, found %d", q->q, want, n);
		return 0;
	}
	snprintf(q->go, sizeof q->go, "%s", f[1]);
	snprintf(q->arch, sizeof q->arch, "%s", f[2]);
	q->type = f[3];
	const char *names[] = {"len", "cap", "add"};
	int mm = !strcmp(q->q, "makemap");
	for (int i = 4; i < n; i++) {
		int64_t v;
		if (!cli_i64(f[i], &v)) {
			snprintf(err, errlen, "field %d (%s) is not an integer", i + 1,
				 mm	     ? "hint"
				 : want == 5 ? "n"
					     : names[i - 4]);
			return 0;
		}
		if (mm)
			q->len = v; /* the hint travels in len */
		else if (want == 5)
			q->n = v;
		else if (i == 4)
			q->len = v;
		else if (i == 5)
			q->cap = v, q->has_cap = 1;
		else
			q->add = v;
	}
	return 1;
}

static int json_question(const char *line, jsonl_kv *kv, int *nkv, question *q, char *err, size_t errlen)
{
	memset(q, 0, sizeof *q);
	q->add = 1;
	int n = jsonl_parse(line, kv, err, errlen);
	if (n < 0)
		return 0;
	*nkv = n;
	const char *skeys[] = {"q", "go", "arch", "type"};
	char *sdst[] = {q->q, q->go, q->arch, NULL};
	size_t ssz[] = {sizeof q->q, sizeof q->go, sizeof q->arch, 0};
	for (int i = 0; i < 4; i++) {
		const jsonl_kv *v = jsonl_get(kv, n, skeys[i]);
		if (!v || !v->is_str) {
			snprintf(err, errlen, "missing string \"%s\"", skeys[i]);
			return 0;
		}
		if (sdst[i])
			snprintf(sdst[i], ssz[i], "%s", v->str);
		else
			q->type = v->str;
	}
	const jsonl_kv *v;
	if ((v = jsonl_get(kv, n, "len")) && !v->is_str)
		q->len = v->num;
	if ((v = jsonl_get(kv, n, "cap")) && !v->is_str)
		q->cap = v->num, q->has_cap = 1;
	if ((v = jsonl_get(kv, n, "add")) && !v->is_str)
		q->add = v->num;
	if ((v = jsonl_get(kv, n, "n")) && !v->is_str)
		q->n = v->num;
	if ((v = jsonl_get(kv, n, "hint")) && !v->is_str)
		q->len = v->num;
	return 1;
}

int batch_line(const char *line_in, long lineno, batch_state *b, FILE *out)
{
	size_t len = strlen(line_in);
	char *line = malloc(len + 1);
	jsonl_kv *kv = malloc(JSONL_MAX_KEYS * sizeof *kv);
	answer *a = calloc(1, sizeof *a);
	int ok = 0;
	if (!line || !kv || !a) {
		fprintf(out, "error\tline %ld: out of memory\n", lineno);
		goto done;
	}
	memcpy(line, line_in, len + 1);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = 0;
	if (len == 0 || line[0] == '#') {
		fprintf(out, "%s\n", line);
		ok = 1;
		goto done;
	}
	int json = line[0] == '{';
	question q;
	char err[GG_ERROR_MSG_MAX + 64] = "";
	int nkv = 0;
	int parsed = json ? json_question(line, kv, &nkv, &q, err, sizeof err)
			  : tsv_question(line, &q, err, sizeof err);
	ok = parsed && ask(&q, b, a, err, sizeof err);
	if (json) {
		json_w w;
		jw_begin(&w, out);
		jw_obj(&w, NULL);
		jw_i(&w, "line", lineno);
		if (parsed) {
			jw_s(&w, "q", q.q);
			jw_s(&w, "go", q.go);
			jw_s(&w, "arch", q.arch);
			jw_s(&w, "type", q.type);
		}
		if (!ok)
			jw_s(&w, "error", err);
		else if (!strcmp(q.q, "layout")) {
			jw_u(&w, "size", a->size);
			jw_u(&w, "align", a->align);
			jw_u(&w, "ptrdata", a->ptrdata);
		} else if (!strcmp(q.q, "makemap")) {
			jw_u(&w, "bytes", a->bytes);
			jw_u(&w, "mallocs", a->mallocs);
		} else if (!strcmp(q.q, "append")) {
			jw_i(&w, "newcap", a->newcap);
			jw_u(&w, "bytes", a->bytes);
			jw_u(&w, "alloc", a->alloc);
		} else
			jw_s(&w, "caps", a->buf);
		jw_end_obj(&w);
		jw_finish(&w);
	} else if (!ok) {
		fprintf(out, "error\tline %ld: %s\n", lineno, err);
	} else {
		/* tsv_question split the line in place: print the fields back. */
		int nf = !strcmp(q.q, "layout") ? 4 : !strcmp(q.q, "append") ? 7 : 5; /* grow, makemap: 5 */
		const char *p = line;
		for (int i = 0; i < nf; i++) {
			fprintf(out, "%s%s", i ? "\t" : "", p);
			p += strlen(p) + 1;
		}
		if (!strcmp(q.q, "layout"))
			fprintf(out, "\t%llu\t%llu\t%llu\n", (unsigned long long)a->size,
				(unsigned long long)a->align, (unsigned long long)a->ptrdata);
		else if (!strcmp(q.q, "makemap"))
			fprintf(out, "\t%llu\t%llu\n", (unsigned long long)a->bytes,
				(unsigned long long)a->mallocs);
		else if (!strcmp(q.q, "append"))
			fprintf(out, "\t%lld\t%llu\t%llu\n", (long long)a->newcap,
				(unsigned long long)a->bytes, (unsigned long long)a->alloc);
		else
			fprintf(out, "\t%s\n", a->buf);
	}
done:
	free(line);
	free(kv);
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
	(void)argv;
	if (argc > 0) {
		cli_error("batch reads questions from standard input and takes no arguments");
		return cli_usage_error("batch");
	}
	batch_state b = {0};
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int failed = 0;
	while (getline(&line, &cap, stdin) >= 0)
		failed |= !batch_line(line, ++lineno, &b, stdout);
	free(line);
	batch_free(&b);
	return failed ? EXIT_USAGE : EXIT_OK;
}
