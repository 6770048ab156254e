/* gogrow batch: reading a question from a TSV or a JSON line.
 *
 * Both formats carry the same questions and are checked the same way: every
 * input must be present with the right type, nothing unknown is ignored,
 * and an error names the field or key (and the column where a byte is at
 * fault), so that a typo never turns into an answer to another question. */
#include <stdio.h>
#include <string.h>

#include "gogrow/types.h"
#include "cli/batch.h"
#include "cli/out/jsonl_read.h"

typedef struct qdef {
	const char *name;
	batch_kind kind;
	int nfields;	     /* TSV fields, the question's name included */
	const char *ints[3]; /* its integer inputs, in TSV order */
	int required;	     /* how many of them a JSON line must give */
} qdef;

/* JSON defaults for the optional inputs: cap = len, add = 1, hint = 0. */
static const qdef qdefs[] = {
    {"layout", Q_LAYOUT, 4, {NULL}, 0},
    {"offsets", Q_OFFSETS, 4, {NULL}, 0},
    {"append", Q_APPEND, 7, {"len", "cap", "add"}, 1},
    {"grow", Q_GROW, 5, {"n"}, 1},
    {"makemap", Q_MAKEMAP, 5, {"hint"}, 0},
};
#define NQDEFS (sizeof qdefs / sizeof qdefs[0])

static const qdef *find_q(const char *name, char *err, size_t errlen)
{
	for (size_t i = 0; i < NQDEFS; i++)
		if (!strcmp(qdefs[i].name, name))
			return &qdefs[i];
	snprintf(err, errlen,
		 "unknown question \"%.20s\" (expected layout, offsets, append, grow or makemap)", name);
	return NULL;
}

static void set_int(batch_question *q, const char *name, int64_t v)
{
	if (!strcmp(name, "len") || !strcmp(name, "hint"))
		q->len = v;
	else if (!strcmp(name, "cap"))
		q->cap = v, q->has_cap = 1;
	else if (!strcmp(name, "add"))
		q->add = v;
	else
		q->n = v;
}

static void start(batch_question *q, const qdef *d)
{
	memset(q, 0, sizeof *q);
	q->kind = d->kind;
	q->name = d->name;
	q->add = 1;
}

int batch_check_bytes(const char *line, size_t len, char *err, size_t errlen)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)line[i];
		const char *what = NULL;
		size_t k = 1;
		if (b == 0)
			what = "NUL byte";
		else if ((b < 0x20 && b != '\t') || b == 0x7f)
			what = "control character";
		else if (b >= 0x80 && (k = gg_utf8_len(line + i)) == 0)
			what = "invalid UTF-8";
		if (what && b == 0)
			snprintf(err, errlen, "column %zu: %s", i + 1, what);
		else if (what)
			snprintf(err, errlen, "column %zu: %s (byte 0x%02x)", i + 1, what, b);
		if (what)
			return 0;
		i += k - 1;
	}
	return 1;
}

int batch_read_tsv(char *line, batch_question *q, char *err, size_t errlen)
{
	char *f[8];
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < 8; p++)
		if (*p == '\t') {
			*p = 0;
			f[n++] = p + 1;
		}
	const qdef *d = find_q(f[0], err, errlen);
	if (!d)
		return 0;
	start(q, d);
	if (n != d->nfields) {
		snprintf(err, errlen, "%s takes %d tab-separated fields, found %d", d->name, d->nfields, n);
		return 0;
	}
	q->go = f[1];
	q->arch = f[2];
	q->type = f[3];
	q->type_col = (uint32_t)(f[3] - line) + 1;
	for (int i = 4; i < n; i++) {
		int64_t v;
		if (!gg_parse_int64(f[i], &v)) {
			snprintf(err, errlen, "field %d (%s) is not an integer", i + 1, d->ints[i - 4]);
			return 0;
		}
		set_int(q, d->ints[i - 4], v);
	}
	return 1;
}

size_t batch_kvbuf_size(void)
{
	return JSONL_MAX_KEYS * sizeof(jsonl_kv);
}

/* Each key must be one the question takes, with a value of its type. */
static int json_key(const qdef *d, const jsonl_kv *v, batch_question *q, char *err, size_t errlen)
{
	static const char *const strs[] = {"q", "go", "arch", "type"};
	for (int i = 0; i < 4; i++)
		if (!strcmp(v->key, strs[i])) {
			if (v->kind == JSONL_STRING)
				return 1;
			snprintf(err, errlen, "column %d: key \"%s\" is not a string, found %s", v->column,
				 v->key, jsonl_kind_name(v));
			return 0;
		}
	for (int i = 0; i < 3 && d->ints[i]; i++)
		if (!strcmp(v->key, d->ints[i])) {
			if (v->kind == JSONL_INT) {
				set_int(q, v->key, v->num);
				return 1;
			}
			snprintf(err, errlen, "column %d: key \"%s\" is not an integer, found %s", v->column,
				 v->key, jsonl_kind_name(v));
			return 0;
		}
	int off = snprintf(err, errlen, "unknown key \"%.31s\" (%s takes q, go, arch, type", v->key, d->name);
	for (int i = 0; i < 3 && d->ints[i] && off > 0 && (size_t)off < errlen; i++)
		off += snprintf(err + off, errlen - (size_t)off, ", %s", d->ints[i]);
	if (off > 0 && (size_t)off < errlen)
		snprintf(err + off, errlen - (size_t)off, ")");
	return 0;
}

int batch_read_json(const char *line, size_t len, void *kvbuf, batch_question *q, char *err, size_t errlen)
{
	jsonl_kv *kv = kvbuf;
	int n = jsonl_parse(line, len, kv, err, errlen);
	if (n < 0)
		return 0;
	const jsonl_kv *v = jsonl_get(kv, n, "q");
	if (!v || v->kind != JSONL_STRING) {
		snprintf(err, errlen,
			 v ? "column %d: key \"q\" is not a string, found %s" : "missing key \"q\"",
			 v ? v->column : 0, v ? jsonl_kind_name(v) : "");
		return 0;
	}
	const qdef *d = find_q(v->str, err, errlen);
	if (!d)
		return 0;
	start(q, d);
	for (int i = 0; i < n; i++)
		if (!json_key(d, &kv[i], q, err, errlen))
			return 0;
	const char *need[] = {"go", "arch", "type", d->ints[0]};
	for (int i = 0; i < 3 + d->required; i++)
		if (!jsonl_get(kv, n, need[i])) {
			snprintf(err, errlen, "missing key \"%s\"", need[i]);
			return 0;
		}
	q->go = jsonl_get(kv, n, "go")->str;
	q->arch = jsonl_get(kv, n, "arch")->str;
	v = jsonl_get(kv, n, "type");
	q->type = v->str;
	q->type_cols = v->src_col;
	q->type_col = (uint32_t)v->column + 1;
	return 1;
}
