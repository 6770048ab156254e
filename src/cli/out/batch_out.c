/* gogrow batch's answers: a JSON object per line, or the TSV question
 * with the answer's columns appended. */
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/out/out.h"

/* A JSON layout answer lists a struct literal's fields like `gogrow layout --json`. */
static void json_fields(json_w *w, const batch_answer *a)
{
	jw_arr(w, "fields");
	for (size_t f = 0; f < a->noffs; f++) {
		jw_obj(w, NULL);
		jw_s(w, "name", a->fields[f].name);
		jw_u(w, "offset", a->offs[f]);
		jw_u(w, "size", a->fields[f].size);
		jw_u(w, "align", a->fields[f].align);
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

void batch_write_json(out_sink *out, long lineno, const batch_question *q, int parsed, int ok,
		      const batch_answer *a, const char *err)
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
void batch_write_tsv(out_sink *out, const char *line, int nfields, const batch_question *q,
		     const batch_answer *a)
{
	const char *p = line;
	for (int i = 0; i < nfields; i++) {
		sink_printf(out, "%s%s", i ? "\t" : "", p);
		p += strlen(p) + 1;
	}
	if (q->kind == Q_LAYOUT)
		sink_printf(out, "\t%llu\t%llu\t%llu\n", (unsigned long long)a->size,
			    (unsigned long long)a->align, (unsigned long long)a->ptrdata);
	else if (q->kind == Q_OFFSETS) {
		for (size_t f = 0; f < a->noffs; f++)
			sink_printf(out, "%c%llu", f ? ',' : '\t', (unsigned long long)a->offs[f]);
		sink_putc(out, '\n');
	} else if (q->kind == Q_MAKEMAP)
		sink_printf(out, "\t%llu\t%llu\n", (unsigned long long)a->bytes,
			    (unsigned long long)a->mallocs);
	else if (q->kind == Q_APPEND)
		sink_printf(out, "\t%lld\t%llu\t%llu\n", (long long)a->newcap, (unsigned long long)a->bytes,
			    (unsigned long long)a->alloc);
	else
		sink_printf(out, "\t%s\n", a->buf);
}
