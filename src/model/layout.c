/* Type layout as the gc compiler computes it.
 *
 * Source: cmd/compile/internal/types/size.go (CalcSize, calcStructOffset;
 * gc/align.go in 1.16). The rules have not changed from 1.16 to 1.27:
 *  - 8-byte scalars (int64, uint64, float64, complex128) are aligned to
 *    RegSize, so only to 4 on the 32-bit ports; complex64 is 4-aligned;
 *  - a struct is laid out field by field, each field at the next multiple
 *    of its alignment; the struct is aligned to its most aligned field, or
 *    to 8 when it contains sync/atomic's align64 marker (1.19+);
 *  - a non-empty struct whose last field has size 0 gets one byte of
 *    padding, so &s.last never points past the object;
 *  - arrays whose size would reach MAXWIDTH are "larger than address
 *    space", and on 32-bit ports any type of 2^31 bytes or more is "too
 *    large" (a struct offset may not reach 2^31-1).
 * ptrdata is the length of the prefix that can hold pointers, as in
 * PtrDataSize; a type is "noscan" when it is 0.
 *
 * CalcSize also sizes the types a type refers to (CheckSize on a pointer's,
 * slice's, chan's or map's element, a func's parameters, an interface's
 * methods), so an array too large is rejected even behind a pointer; a
 * channel element of 64 KiB or more is rejected (TCHANARGS). Before that,
 * the type checker wants every array length to be a value of type int
 * (types2 arrayLength), which on the 32-bit ports caps it at 2^31-1 even for
 * zero-size elements. */
#include <stdio.h>

#include "gogrow/types.h"
#include "model/named.h"
#include "model/util.h"

static gg_status too_large(gg_error *err, const gg_type *t, const char *what)
{
	return ggi_fail(err, GG_ERR_TOO_LARGE, t->column, "type %s: the compiler rejects it", what);
}

static gg_status layout(const gg_type *t, const gg_target *tgt, gg_layout *out, uint64_t *offs, size_t cap,
			size_t *nout, gg_error *err);

/* gg_type_comparable on one target: a measured library type may be
 * comparable in some releases only (time.Timer from go1.23). */
static int comparable_on(const gg_type *t, const gg_target *tgt)
{
	if (t->measured) {
		const ggi_liblayout *r = ggi_libtype_row(t, tgt);
		return r && r->comparable;
	}
	if (t->kind == GG_ARRAY)
		return comparable_on(t->elem, tgt);
	for (size_t i = 0; t->kind == GG_STRUCT && i < t->nfields; i++)
		if (!comparable_on(t->fields[i].type, tgt))
			return 0;
	return gg_type_comparable(t);
}

/* The types `t` refers to must be valid too, though they do not change its
 * layout (CheckSize in CalcSize). */
static gg_status check_refs(const gg_type *t, const gg_target *tgt, gg_error *err)
{
	gg_layout l;
	gg_status st = GG_OK;
	if (t->key)
		st = layout(t->key, tgt, &l, NULL, 0, NULL, err);
	if (st == GG_OK && t->key && !comparable_on(t->key, tgt))
		return ggi_fail(err, GG_ERR_TYPE, t->key->column,
				"invalid map key type: not comparable in go1.%d", tgt->go);
	if (st == GG_OK && t->elem && t->kind != GG_ARRAY)
		st = layout(t->elem, tgt, &l, NULL, 0, NULL, err);
	if (st == GG_OK && t->kind == GG_CHAN && l.size >= (1u << 16))
		return ggi_fail(err, GG_ERR_TOO_LARGE, t->column, "channel element type too large (>64kB)");
	for (size_t i = 0; st == GG_OK && i < t->ninner; i++)
		st = layout(t->inner[i], tgt, &l, NULL, 0, NULL, err);
	return st;
}

static gg_status layout(const gg_type *t, const gg_target *tgt, gg_layout *out, uint64_t *offs, size_t cap,
			size_t *nout, gg_error *err)
{
	const uint64_t P = (uint64_t)tgt->arch->ptr_size;
	const uint64_t R = (uint64_t)tgt->arch->reg_size;
	if (t->min_go > tgt->go)
		return ggi_fail(err, GG_ERR_RELEASE, t->column,
				"%s does not exist in go1.%d (it arrived in go1.%d)",
				t->name ? t->name : "this type", tgt->go, t->min_go);
	if (t->kind != GG_ARRAY && t->kind != GG_STRUCT) {
		gg_status st = check_refs(t, tgt, err);
		if (st != GG_OK)
			return st;
	}
	if (t->measured)
		return ggi_libtype_layout(t, tgt, out, err);
	gg_layout l = {0, 1, 0};
	switch (t->kind) {
	case GG_BOOL:
	case GG_INT8:
	case GG_UINT8: l = (gg_layout){1, 1, 0}; break;
	case GG_INT16:
	case GG_UINT16: l = (gg_layout){2, 2, 0}; break;
	case GG_INT32:
	case GG_UINT32:
	case GG_FLOAT32: l = (gg_layout){4, 4, 0}; break;
	case GG_INT64:
	case GG_UINT64:
	case GG_FLOAT64: l = (gg_layout){8, R, 0}; break;
	case GG_COMPLEX64: l = (gg_layout){8, 4, 0}; break;
	case GG_COMPLEX128: l = (gg_layout){16, R, 0}; break;
	case GG_INT:
	case GG_UINT:
	case GG_UINTPTR: l = (gg_layout){P, P, 0}; break;
	case GG_UNSAFE_POINTER:
	case GG_POINTER:
	case GG_MAP:
	case GG_CHAN:
	case GG_FUNC: l = (gg_layout){P, P, P}; break;
	case GG_STRING: l = (gg_layout){2 * P, P, P}; break;
	case GG_SLICE: l = (gg_layout){3 * P, P, P}; break;
	case GG_INTERFACE: l = (gg_layout){2 * P, P, 2 * P}; break;
	case GG_ARRAY: {
		gg_layout e;
		if (P == 4 && t->len > INT32_MAX)
			return ggi_fail(
			    err, GG_ERR_TOO_LARGE, t->column,
			    "invalid array length %llu: an array length must fit in int, which has 32 "
			    "bits on %s",
			    (unsigned long long)t->len, tgt->arch->name);
		gg_status st = layout(t->elem, tgt, &e, NULL, 0, NULL, err);
		if (st != GG_OK)
			return st;
		if (e.size != 0 && t->len > (tgt->arch->max_width - 1) / e.size)
			return too_large(err, t, "larger than address space");
		l.size = t->len * e.size;
		l.align = e.align;
		l.ptrdata = (t->len == 0 || e.ptrdata == 0) ? 0 : (t->len - 1) * e.size + e.ptrdata;
		break;
	}
	case GG_STRUCT: {
		uint64_t o = 0, maxalign = 1;
		uint64_t limit = tgt->arch->max_width < (UINT64_C(1) << 32) ? (UINT64_C(1) << 31) - 1
									    : tgt->arch->max_width;
		if (t->align64 && tgt->go >= 19)
			maxalign = 8;
		uint64_t lastsize = 1;
		for (size_t i = 0; i < t->nfields; i++) {
			gg_layout f;
			gg_status st = layout(t->fields[i].type, tgt, &f, NULL, 0, NULL, err);
			if (st != GG_OK)
				return st;
			if (f.align > maxalign)
				maxalign = f.align;
			o = gg_align_up(o, f.align);
			if (offs && i < cap)
				offs[i] = o;
			if (f.ptrdata)
				l.ptrdata = o + f.ptrdata;
			o += f.size;
			lastsize = f.size;
			if (o >= limit)
				return too_large(err, t, "too large");
		}
		if (nout)
			*nout = t->nfields;
		if (o > 0 && t->nfields > 0 && lastsize == 0)
			o++;
		l.size = gg_align_up(o, maxalign);
		l.align = maxalign;
		break;
	}
	}
	if (P == 4 && l.size > INT32_MAX)
		return too_large(err, t, "too large");
	*out = l;
	return GG_OK;
}

gg_status gg_layout_of(const gg_target *tgt, const gg_type *t, gg_layout *out, gg_error *err)
{
	return layout(t, tgt, out, NULL, 0, NULL, err);
}

gg_status gg_struct_offsets(const gg_target *tgt, const gg_type *t, uint64_t *offs, size_t cap, size_t *n,
			    gg_error *err)
{
	gg_layout l;
	*n = 0;
	if (t->kind != GG_STRUCT)
		return ggi_fail(err, GG_ERR_TYPE, t->column, "not a struct type");
	return layout(t, tgt, &l, offs, cap, n, err);
}

int gg_type_comparable(const gg_type *t)
{
	switch (t->kind) {
	case GG_SLICE:
	case GG_MAP:
	case GG_FUNC: return 0;
	case GG_ARRAY: return gg_type_comparable(t->elem);
	case GG_STRUCT:
		if (t->measured) {
			const ggi_libtype *lt = ggi_libtype_find(t->name);
			return lt && lt->comparable;
		}
		for (size_t i = 0; i < t->nfields; i++)
			if (!gg_type_comparable(t->fields[i].type))
				return 0;
		return 1;
	default: return 1;
	}
}
