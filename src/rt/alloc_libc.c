/* The libc allocator behind the gg_rt_allocator interface: the baseline
 * every runtime container can run on, and the peer benchmarks compare with. */
#include <stdlib.h>

#include "gogrow/rt_alloc.h"
#include "rt/rt_internal.h"

static void *libc_alloc(void *ctx, size_t size, gg_scan noscan)
{
	(void)ctx;
	(void)noscan;
	return malloc(size);
}

static void libc_free(void *ctx, void *p, size_t size, gg_scan noscan)
{
	(void)ctx;
	(void)size;
	(void)noscan;
	free(p);
}

static const gg_rt_allocator libc_allocator = {libc_alloc, libc_free, NULL, NULL, NULL, NULL};

const gg_rt_allocator *gg_rt_allocator_libc(void)
{
	return &libc_allocator;
}

int ggi_rt_allocator_is_libc(const gg_rt_allocator *a)
{
	return a && a->alloc == libc_alloc && a->free == libc_free;
}
