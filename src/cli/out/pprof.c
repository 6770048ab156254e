/* pprof profiles: profile.proto (github.com/google/pprof/proto) encoded by
 * hand and gzipped with zlib, the form `go tool pprof` reads.
 *
 * Only what an allocation profile needs is written: two sample types
 * (alloc_objects/count, alloc_space/bytes, like Go's heap profile), one
 * sample per site with a one-frame stack, a location and a function per
 * site, a single mapping that says functions are symbolized, and the
 * string table. The encoder is a growable buffer with the three wire
 * forms profile.proto uses (varint, length-delimited, packed varints);
 * sub-messages are built in a scratch buffer and copied in with their
 * length, which is simple and cheap at these sizes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cli/out/out.h"

typedef struct pb {
	uint8_t *p;
	size_t n, cap;
	int oom;
} pb;

static void pb_raw(pb *b, const void *d, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n)
			cap *= 2;
		uint8_t *np = realloc(b->p, cap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void pb_varint(pb *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;
	do {
		t[n] = (uint8_t)(v & 0x7f);
		v >>= 7;
		if (v)
			t[n] |= 0x80;
		n++;
	} while (v);
	pb_raw(b, t, n);
}

/* Field `f` as a varint (wire type 0); zero values are left out as proto3 does. */
static void pb_int(pb *b, int f, uint64_t v)
{
	if (!v)
		return;
	pb_varint(b, (uint64_t)f << 3);
	pb_varint(b, v);
}

static void pb_bytes(pb *b, int f, const void *d, size_t n)
{
	pb_varint(b, (uint64_t)f << 3 | 2);
	pb_varint(b, n);
	pb_raw(b, d, n);
}

/* Appends sub-message `m` as field `f` and empties m for reuse. */
static void pb_msg(pb *b, int f, pb *m)
{
	b->oom |= m->oom;
	pb_bytes(b, f, m->p, m->n);
	m->n = 0;
}

static void pb_packed(pb *b, int f, const uint64_t *v, size_t n, pb *scratch)
{
	for (size_t i = 0; i < n; i++)
		pb_varint(scratch, v[i]);
	pb_msg(b, f, scratch);
}

/* The string table: index 0 is "". Sites are few, so a linear search. */
typedef struct strtab {
	const char **s;
	size_t n, cap;
	int oom;
} strtab;

static uint64_t str_id(strtab *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->s[i], s))
			return i;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		const char **n = realloc(t->s, cap * sizeof *n);
		if (!n) {
			t->oom = 1;
			return 0;
		}
		t->s = n;
		t->cap = cap;
	}
	t->s[t->n] = s;
	return t->n++;
}

enum { /* profile.proto field numbers */
       P_SAMPLE_TYPE = 1,
       P_SAMPLE = 2,
       P_MAPPING = 3,
       P_LOCATION = 4,
       P_FUNCTION = 5,
       P_STRING = 6,
       P_PERIOD_TYPE = 11,
       P_PERIOD = 12,
       P_COMMENT = 13,
       P_DEFAULT_SAMPLE_TYPE = 14,
       VT_TYPE = 1,
       VT_UNIT = 2,
       S_LOCATION = 1,
       S_VALUE = 2,
       M_ID = 1,
       M_FILENAME = 5,
       M_HAS_FUNCTIONS = 7,
       L_ID = 1,
       L_MAPPING = 2,
       L_LINE = 4,
       LN_FUNCTION = 1,
       LN_LINE = 2,
       F_ID = 1,
       F_NAME = 2,
       F_SYSTEM_NAME = 3,
       F_FILENAME = 4,
       F_START_LINE = 5,
};

static void value_type(pb *b, int f, pb *m, strtab *st, const char *type, const char *unit)
{
	pb_int(m, VT_TYPE, str_id(st, type));
	pb_int(m, VT_UNIT, str_id(st, unit));
	pb_msg(b, f, m);
}

int pprof_write(const char *path, const pprof_site *sites, size_t n, const char *file, const char *comment)
{
	pb b = {0}, m = {0}, s = {0}, k = {0};
	strtab st = {0};
	str_id(&st, "");
	value_type(&b, P_SAMPLE_TYPE, &m, &st, "alloc_objects", "count");
	value_type(&b, P_SAMPLE_TYPE, &m, &st, "alloc_space", "bytes");
	uint64_t fileid = str_id(&st, file);
	for (size_t i = 0; i < n; i++) {
		uint64_t loc = i + 1, vals[2] = {sites[i].objects, sites[i].bytes};
		pb_packed(&s, S_LOCATION, &loc, 1, &k);
		pb_packed(&s, S_VALUE, vals, 2, &k);
		pb_msg(&b, P_SAMPLE, &s);
	}
	pb_int(&m, M_ID, 1);
	pb_int(&m, M_FILENAME, fileid);
	pb_int(&m, M_HAS_FUNCTIONS, 1);
	pb_msg(&b, P_MAPPING, &m);
	for (size_t i = 0; i < n; i++) {
		pb_int(&m, L_ID, i + 1);
		pb_int(&m, L_MAPPING, 1);
		pb_int(&s, LN_FUNCTION, i + 1);
		pb_int(&s, LN_LINE, (uint64_t)sites[i].line);
		pb_msg(&m, L_LINE, &s);
		pb_msg(&b, P_LOCATION, &m);
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t name = str_id(&st, sites[i].name);
		pb_int(&m, F_ID, i + 1);
		pb_int(&m, F_NAME, name);
		pb_int(&m, F_SYSTEM_NAME, name);
		pb_int(&m, F_FILENAME, fileid);
		pb_int(&m, F_START_LINE, (uint64_t)sites[i].line);
		pb_msg(&b, P_FUNCTION, &m);
	}
	/* period_type and period: every allocation is counted, none sampled. */
	value_type(&b, P_PERIOD_TYPE, &m, &st, "space", "bytes");
	pb_int(&b, P_PERIOD, 1);
	pb_int(&b, P_COMMENT, str_id(&st, comment));
	pb_int(&b, P_DEFAULT_SAMPLE_TYPE, str_id(&st, "alloc_space"));
	for (size_t i = 0; i < st.n; i++)
		pb_bytes(&b, P_STRING, st.s[i], strlen(st.s[i]));
	int ok = !(b.oom || m.oom || s.oom || k.oom || st.oom);
	if (!ok)
		cli_error("out of memory");
	gzFile gz = ok ? gzopen(path, "wb") : NULL;
	if (ok && !gz) {
		cli_error("cannot write %s: %s", path, errno ? strerror(errno) : "gzopen failed");
		ok = 0;
	}
	if (gz) {
		if (b.n && gzwrite(gz, b.p, (unsigned)b.n) != (int)b.n)
			ok = 0;
		if (gzclose(gz) != Z_OK)
			ok = 0;
		if (!ok)
			cli_error("cannot write %s", path);
	}
	free(b.p);
	free(m.p);
	free(s.p);
	free(k.p);
	free(st.s);
	return ok;
}
