/* What both runtime maps ask of a key/elem descriptor and an allocator
 * before they make a map: the layout rules their slot arithmetic relies on
 * (power-of-two alignment up to a word pair, sizes a multiple of it), a
 * bound that keeps slot offsets far from overflow, and the functions they
 * call. */
#include "gogrow/rt_alloc.h"
#include "model/util.h"
#include "rt/rt_internal.h"

static int bad_align(size_t size, size_t align)
{
	return align == 0 || align > 8 || (align & (align - 1)) != 0 || size % align != 0;
}

gg_status ggi_rt_map_type_check(const gg_rt_swiss_type *ty, const gg_rt_allocator *a, gg_error *err)
{
	if (bad_align(ty->key_size, ty->key_align) || bad_align(ty->elem_size, ty->elem_align))
		return ggi_fail(err, GG_ERR_RANGE, 0,
				"key/elem alignment must be 1, 2, 4 or 8 and divide the size");
	if (ty->key_size > 1u << 20 || ty->elem_size > 1u << 20)
		return ggi_fail(err, GG_ERR_RANGE, 0, "key or elem larger than 1 MiB");
	if (!ty->hash || !ty->equal)
		return ggi_fail(err, GG_ERR_RANGE, 0, "map type without hash or equal function");
	if (a && (!a->alloc || !a->free))
		return ggi_fail(err, GG_ERR_RANGE, 0, "allocator without alloc or free function");
	return GG_OK;
}

gg_status ggi_rt_host_target(int go, gg_target *t, gg_error *err)
{
	const char *arch = gg_rt_host_arch();
	if (!arch)
		return ggi_fail(err, GG_ERR_ARCH, 0, "this host is not a GOARCH the model knows");
	return gg_target_make(arch, go, t, err);
}
