/* Internals of the heap-profile audit: a bounds-checked protobuf wire
 * reader and the raw tables of a decoded profile.proto. */
#ifndef GOGROW_AUDIT_INTERNAL_H
#define GOGROW_AUDIT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "gogrow/audit.h"

/* A window over protobuf bytes; every read checks it stays inside. */
typedef struct ggi_pb {
	const uint8_t *p, *end, *base; /* base: start of the whole message, for error offsets */
} ggi_pb;

/* One field: its number, wire type and value (varint/fixed) or bytes. */
typedef struct ggi_pb_field {
	uint32_t num;
	int wire;   /* 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32 */
	uint64_t v; /* wire 0, 1, 5 */
	ggi_pb sub; /* wire 2 */
} ggi_pb_field;

/* Reads the next field. Returns 1 with *f set, 0 at the end of the window,
 * -1 on malformed or truncated input (with *at the offset of the fault). */
int ggi_pb_next(ggi_pb *b, ggi_pb_field *f, size_t *at);

/* Reads one element of a repeated integer field that may be packed (wire 2)
 * or not (wire 0): calls push for each value; -1 on a malformed packing. */
int ggi_pb_ints(const ggi_pb_field *f, int (*push)(void *ctx, uint64_t v), void *ctx, size_t *at);

/* Growable array of fixed-size elements. */
typedef struct ggi_vec {
	void *p;
	size_t n, cap, elsz;
} ggi_vec;
void *ggi_vec_push(ggi_vec *v); /* NULL when out of memory */
void ggi_vec_free(ggi_vec *v);

#endif
