/* The names a type expression may use.
 *
 * Library types are given by the definition of their underlying type in the
 * release range we model; only the layout matters, so unexported marker
 * fields are written as what they are (noCopy is struct{}). sync/atomic's
 * 64-bit types carry the align64 marker, which the gc compiler recognises
 * from 1.19 on and which makes the enclosing struct 8-aligned even on 32-bit
 * ports (cmd/compile/internal/types/size.go). */
#include <string.h>

#include "gogrow/types.h"
#include "model/named.h"
#include "model/util.h"

static const ggi_named names[] = {
    {"bool", GG_BOOL, NULL, 0, 0, 0, "1 byte"},
    {"int8", GG_INT8, NULL, 0, 0, 0, ""},
    {"int16", GG_INT16, NULL, 0, 0, 0, ""},
    {"int32", GG_INT32, NULL, 0, 0, 0, ""},
    {"rune", GG_INT32, NULL, 0, 0, 0, "alias of int32"},
    {"int64", GG_INT64, NULL, 0, 0, 0, "8 bytes, aligned to 4 on 32-bit ports"},
    {"int", GG_INT, NULL, 0, 0, 0, "pointer-sized"},
    {"uint8", GG_UINT8, NULL, 0, 0, 0, ""},
    {"byte", GG_UINT8, NULL, 0, 0, 0, "alias of uint8"},
    {"uint16", GG_UINT16, NULL, 0, 0, 0, ""},
    {"uint32", GG_UINT32, NULL, 0, 0, 0, ""},
    {"uint64", GG_UINT64, NULL, 0, 0, 0, "8 bytes, aligned to 4 on 32-bit ports"},
    {"uint", GG_UINT, NULL, 0, 0, 0, "pointer-sized"},
    {"uintptr", GG_UINTPTR, NULL, 0, 0, 0, "pointer-sized, not a pointer for the GC"},
    {"float32", GG_FLOAT32, NULL, 0, 0, 0, ""},
    {"float64", GG_FLOAT64, NULL, 0, 0, 0, "aligned to 4 on 32-bit ports"},
    {"complex64", GG_COMPLEX64, NULL, 0, 0, 0, "8 bytes, aligned to 4"},
    {"complex128", GG_COMPLEX128, NULL, 0, 0, 0, "16 bytes, aligned like float64"},
    {"string", GG_STRING, NULL, 0, 0, 0, "2 words"},
    {"unsafe.Pointer", GG_UNSAFE_POINTER, NULL, 0, 0, 0, ""},
    {"error", -1, "interface{Error() string}", 0, 0, 0, "interface, 2 words"},
    {"any", -1, "interface{}", 0, 18, 0, "alias of interface{} (go1.18+)"},
    {"atomic.Bool", -1, "struct{_ struct{}; v uint32}", 0, 19, 0, "sync/atomic (go1.19+)"},
    {"atomic.Int32", -1, "struct{_ struct{}; v int32}", 0, 19, 0, "sync/atomic (go1.19+)"},
    {"atomic.Uint32", -1, "struct{_ struct{}; v uint32}", 0, 19, 0, "sync/atomic (go1.19+)"},
    {"atomic.Int64", -1, "struct{_ struct{}; v int64}", 0, 19, 1,
     "sync/atomic (go1.19+), 8-aligned everywhere"},
    {"atomic.Uint64", -1, "struct{_ struct{}; v uint64}", 0, 19, 1,
     "sync/atomic (go1.19+), 8-aligned everywhere"},
    {"atomic.Uintptr", -1, "struct{_ struct{}; v uintptr}", 0, 19, 0, "sync/atomic (go1.19+)"},
    {"atomic.Pointer", -1, "struct{_ [0]*T; _ struct{}; v unsafe.Pointer}", 1, 19, 0,
     "sync/atomic generic pointer (go1.19+)"},
    {"atomic.Value", -1, "struct{v interface{}}", 0, 0, 0, "sync/atomic"},
    {"sync.Mutex", -1, "struct{state int32; sema uint32}", 0, 0, 0, "8 bytes, 4-aligned"},
    {"sync.RWMutex", -1,
     "struct{w sync.Mutex; writerSem uint32; readerSem uint32; readerCount int32; readerWait int32}", 0, 0, 0,
     "24 bytes, 4-aligned"},
    {"sync.Once", -1, "struct{done uint32; m sync.Mutex}", 0, 0, 0, "12 bytes, 4-aligned"},
    {"time.Duration", GG_INT64, NULL, 0, 0, 0, "int64"},
    {"time.Time", -1, "struct{wall uint64; ext int64; loc *struct{}}", 0, 0, 0, "wall, ext, loc pointer"},
    {"reflect.SliceHeader", -1, "struct{Data uintptr; Len int; Cap int}", 0, 0, 0, "3 words"},
    {"reflect.StringHeader", -1, "struct{Data uintptr; Len int}", 0, 0, 0, "2 words"},
};

const ggi_named *ggi_named_find(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return &names[i];
	return NULL;
}

const ggi_libtype *ggi_libtype_find(const char *name)
{
	for (size_t i = 0; i < ggi_nlibtypes; i++)
		if (strcmp(ggi_libtypes[i].name, name) == 0)
			return &ggi_libtypes[i];
	return NULL;
}

const ggi_liblayout *ggi_libtype_row(const gg_type *t, const gg_target *tg)
{
	const ggi_libtype *lt = t->name ? ggi_libtype_find(t->name) : NULL;
	for (unsigned i = lt ? lt->first : 0; lt && i < lt->first + lt->count; i++) {
		const ggi_liblayout *r = &ggi_liblayouts[i];
		if (r->go == tg->go && strcmp(r->arch, tg->arch->name) == 0)
			return r;
	}
	return NULL;
}

gg_status ggi_libtype_layout(const gg_type *t, const gg_target *tg, gg_layout *out, gg_error *err)
{
	const ggi_liblayout *r = ggi_libtype_row(t, tg);
	if (r) {
		*out = (gg_layout){r->size, r->align, r->ptrdata};
		return GG_OK;
	}
	/* Its definition changes between releases: no guess for the ones
	 * without a measurement. */
	return ggi_fail(err, GG_ERR_UNSUPPORTED, t->column,
			"%s: layout not measured for go1.%d on %s (measured: %s)", t->name, tg->go,
			tg->arch->name, ggi_libtypes_measured);
}

const ggi_named *ggi_named_at(int i)
{
	return i >= 0 && (size_t)i < sizeof names / sizeof names[0] ? &names[i] : NULL;
}

int gg_known_type(int i, const char **name, const char **doc)
{
	const ggi_named *n = ggi_named_at(i);
	size_t nn = sizeof names / sizeof names[0];
	if (n) {
		*name = n->name;
		*doc = n->doc;
		return 1;
	}
	if (i < 0 || (size_t)i - nn >= ggi_nlibtypes)
		return 0;
	*name = ggi_libtypes[(size_t)i - nn].name;
	*doc = "measured on real Go (releases and arches below)";
	return 1;
}

const char *gg_libtypes_measured(void)
{
	return ggi_libtypes_measured;
}
