/* profile.proto decoding into flat tables (profile_raw.h). Messages are read
 * field by field; unknown fields are skipped as protobuf requires, known ones
 * must have the wire type the schema gives them. */
#include <string.h>

#include "model/audit/profile_raw.h"
#include "model/util.h"

/* Field numbers (profile.proto). */
enum {
	P_SAMPLE_TYPE = 1,
	P_SAMPLE = 2,
	P_LOCATION = 4,
	P_FUNCTION = 5,
	P_STRING = 6,
	P_PERIOD = 12,
	P_COMMENT = 13
};

typedef struct dec {
	ggi_praw *r;
	size_t at; /* offset of the field being read, for the error */
} dec;

/* Appends a copy of *x (v->elsz bytes); 0 when out of memory. */
static int push(ggi_vec *v, ggi_praw *r, const void *x)
{
	void *e = ggi_vec_push(v);
	if (!e)
		return r->oom = 1, 0;
	memcpy(e, x, v->elsz);
	return 1;
}

static int push_u64(ggi_vec *v, ggi_praw *r, uint64_t x)
{
	return push(v, r, &x);
}

static int push_locid(void *ctx, uint64_t v)
{
	ggi_praw *r = ctx;
	return push_u64(&r->locids, r, v);
}

static int push_val(void *ctx, uint64_t v)
{
	ggi_praw *r = ctx;
	return push_u64(&r->vals, r, v); /* int64 values travel as their two's complement */
}

static int push_comment(void *ctx, uint64_t v)
{
	ggi_praw *r = ctx;
	return push_u64(&r->comments, r, v);
}

/* A message whose fields nums[0..n) are varints: field nums[i] goes to
 * v[i] and sets seen[i]; one of them in another wire type is an error;
 * other fields are skipped. 1 when the message decodes, -1 otherwise. */
static int varints(dec *d, ggi_pb b, const uint32_t *nums, uint64_t *v, int *seen, int n)
{
	ggi_pb_field f;
	int rc;
	while ((rc = ggi_pb_next(&b, &f, &d->at)) == 1)
		for (int i = 0; i < n; i++) {
			if (f.num != nums[i])
				continue;
			if (f.wire != 0)
				return -1;
			v[i] = f.v;
			seen[i] = 1;
		}
	return rc < 0 ? -1 : 1;
}

/* The messages made only of varint fields, and the field numbers read. */
enum { M_LABEL, M_LINE, M_FUNCTION, M_VALUE_TYPE };
static const struct {
	uint32_t nums[4];
	int n;
} msg_fields[] = {
    [M_LABEL] = {{1, 3}, 2},	      /* key, num */
    [M_LINE] = {{1, 2}, 2},	      /* function_id, line */
    [M_FUNCTION] = {{1, 2, 3, 4}, 4}, /* id, name, system_name, filename */
    [M_VALUE_TYPE] = {{1, 2}, 2},     /* type, unit */
};

static int varint_msg(dec *d, ggi_pb b, int m)
{
	uint64_t v[4] = {0};
	int seen[4] = {0};
	if (varints(d, b, msg_fields[m].nums, v, seen, msg_fields[m].n) != 1)
		return -1;
	ggi_praw *r = d->r;
	int ok;
	if (m == M_LABEL)
		ok = push(&r->labels, r, &(ggi_plabel){v[0], seen[1] ? (int64_t)v[1] : 0, seen[1]});
	else if (m == M_LINE)
		ok = push(&r->lines, r, &(ggi_pline){v[0], (int64_t)v[1]});
	else if (m == M_FUNCTION)
		ok = push(&r->funcs, r, &(ggi_pfunc){v[0], v[1], v[3]});
	else
		ok = push_u64(&r->types, r, v[0]) && push_u64(&r->types, r, v[1]);
	return ok ? 1 : -1;
}

static int sample(dec *d, ggi_pb b)
{
	ggi_praw *r = d->r;
	ggi_psample s = {r->locids.n, 0, r->vals.n, 0, r->labels.n, 0};
	ggi_pb_field f;
	int rc;
	while ((rc = ggi_pb_next(&b, &f, &d->at)) == 1) {
		int ok = 1;
		if (f.num == 1)
			ok = ggi_pb_ints(&f, push_locid, r, &d->at) == 1;
		else if (f.num == 2)
			ok = ggi_pb_ints(&f, push_val, r, &d->at) == 1;
		else if (f.num == 3)
			ok = f.wire == 2 && varint_msg(d, f.sub, M_LABEL) == 1;
		if (!ok)
			return -1;
	}
	if (rc < 0)
		return -1;
	s.nloc = r->locids.n - s.loc0;
	s.nval = r->vals.n - s.val0;
	s.nlab = r->labels.n - s.lab0;
	return push(&r->samples, r, &s) ? 1 : -1;
}

static int location(dec *d, ggi_pb b)
{
	ggi_praw *r = d->r;
	ggi_ploc loc = {0, r->lines.n, 0};
	ggi_pb_field f;
	int rc;
	while ((rc = ggi_pb_next(&b, &f, &d->at)) == 1) {
		if (f.num == 1 && f.wire == 0)
			loc.id = f.v;
		else if (f.num == 4 && (f.wire != 2 || varint_msg(d, f.sub, M_LINE) != 1))
			return -1;
		else if (f.num == 1)
			return -1;
	}
	if (rc < 0)
		return -1;
	loc.nline = r->lines.n - loc.line0;
	return push(&r->locs, r, &loc) ? 1 : -1;
}

static int top_field(dec *d, const ggi_pb_field *f)
{
	ggi_praw *r = d->r;
	switch (f->num) {
	case P_SAMPLE_TYPE: return f->wire == 2 ? varint_msg(d, f->sub, M_VALUE_TYPE) : -1;
	case P_SAMPLE: return f->wire == 2 ? sample(d, f->sub) : -1;
	case P_LOCATION: return f->wire == 2 ? location(d, f->sub) : -1;
	case P_FUNCTION: return f->wire == 2 ? varint_msg(d, f->sub, M_FUNCTION) : -1;
	case P_STRING: {
		if (f->wire != 2)
			return -1;
		ggi_pstr *s = ggi_vec_push(&r->strs);
		if (!s)
			return r->oom = 1, -1;
		s->p = f->sub.p;
		s->len = (size_t)(f->sub.end - f->sub.p);
		return 1;
	}
	case P_PERIOD:
		if (f->wire != 0)
			return -1;
		r->period = (int64_t)f->v;
		return 1;
	case P_COMMENT: return ggi_pb_ints(f, push_comment, r, &d->at);
	default: return 1;
	}
}

void ggi_praw_init(ggi_praw *r)
{
	memset(r, 0, sizeof *r);
	r->strs.elsz = sizeof(ggi_pstr);
	r->types.elsz = r->locids.elsz = r->comments.elsz = sizeof(uint64_t);
	r->vals.elsz = sizeof(int64_t);
	r->samples.elsz = sizeof(ggi_psample);
	r->labels.elsz = sizeof(ggi_plabel);
	r->locs.elsz = sizeof(ggi_ploc);
	r->lines.elsz = sizeof(ggi_pline);
	r->funcs.elsz = sizeof(ggi_pfunc);
}

void ggi_praw_free(ggi_praw *r)
{
	ggi_vec *all[] = {&r->strs,   &r->types, &r->samples, &r->locids, &r->vals,
			  &r->labels, &r->locs,	 &r->lines,   &r->funcs,  &r->comments};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		ggi_vec_free(all[i]);
}

gg_status ggi_praw_decode(ggi_praw *r, const uint8_t *buf, size_t len, gg_error *err)
{
	dec d = {r, 0};
	ggi_pb b = {buf, buf + len, buf};
	ggi_pb_field f;
	int rc;
	while ((rc = ggi_pb_next(&b, &f, &d.at)) == 1)
		if (top_field(&d, &f) != 1) {
			rc = -1;
			break;
		}
	if (r->oom)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory decoding the profile");
	if (rc < 0)
		return ggi_fail(err, GG_ERR_SYNTAX, 0, "malformed or truncated protobuf near byte %zu of %zu",
				d.at, len);
	return GG_OK;
}
