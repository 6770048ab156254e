/* The protobuf wire format (protobuf.dev/programming-guides/encoding), as
 * much of it as profile.proto uses: varints, fixed 32/64-bit values and
 * length-delimited fields. Groups (wire types 3, 4) are rejected. Every
 * read is checked against the end of its window, since the bytes come from
 * a file anyone can hand us. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit/audit_internal.h"

static int varint(ggi_pb *b, uint64_t *out)
{
	uint64_t v = 0;
	/* 10 bytes carry 64 bits; an 11th continuation is malformed. */
	for (int shift = 0; shift < 70; shift += 7) {
		if (b->p >= b->end)
			return 0;
		uint8_t c = *b->p++;
		if (shift == 63 && c > 1)
			return 0;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 1;
		}
	}
	return 0;
}

static int fixed(ggi_pb *b, int n, uint64_t *out)
{
	if (b->end - b->p < n)
		return 0;
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | b->p[i];
	b->p += n;
	*out = v;
	return 1;
}

int ggi_pb_next(ggi_pb *b, ggi_pb_field *f, size_t *at)
{
	assert(b->base <= b->p && b->p <= b->end);
	if (b->p >= b->end)
		return 0;
	*at = (size_t)(b->p - b->base);
	uint64_t key, len;
	if (!varint(b, &key) || key >> 32 || (key >> 3) == 0)
		return -1;
	f->num = (uint32_t)(key >> 3);
	f->wire = (int)(key & 7);
	switch (f->wire) {
	case 0: return varint(b, &f->v) ? 1 : -1;
	case 1: return fixed(b, 8, &f->v) ? 1 : -1;
	case 5: return fixed(b, 4, &f->v) ? 1 : -1;
	case 2:
		if (!varint(b, &len) || len > (uint64_t)(b->end - b->p))
			return -1;
		f->sub.base = b->base;
		f->sub.p = b->p;
		f->sub.end = b->p + len;
		b->p += len;
		return 1;
	default: return -1;
	}
}

int ggi_pb_ints(const ggi_pb_field *f, int (*push)(void *ctx, uint64_t v), void *ctx, size_t *at)
{
	if (f->wire == 0)
		return push(ctx, f->v) ? 1 : -1;
	if (f->wire != 2)
		return -1;
	ggi_pb b = f->sub;
	while (b.p < b.end) {
		uint64_t v;
		*at = (size_t)(b.p - b.base);
		if (!varint(&b, &v) || !push(ctx, v))
			return -1;
	}
	return 1;
}

void *ggi_vec_push(ggi_vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		if (cap > SIZE_MAX / v->elsz)
			return NULL;
		void *p = realloc(v->p, cap * v->elsz);
		if (!p)
			return NULL;
		v->p = p;
		v->cap = cap;
	}
	void *e = (char *)v->p + v->n++ * v->elsz;
	memset(e, 0, v->elsz);
	return e;
}

void ggi_vec_free(ggi_vec *v)
{
	free(v->p);
	v->p = NULL;
	v->n = v->cap = 0;
}
