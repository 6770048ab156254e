/* Runtime slice: setting up, indexing, clipping and freeing. The growth
 * path is in slice_grow.c; every capacity rule is the model's. */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/rt_slice.h"
#include "model/util.h"
#include "rt/rt_internal.h"
#include "rt/slice/slice_internal.h"

/* Go's zerobase: where empty and zero-size slices point, so that data is
 * never NULL and memcpy/memmove of 0 bytes stay defined. */
static _Alignas(16) unsigned char zerobase[16];

void *ggi_rt_slice_zerobase(void)
{
	return zerobase;
}

static gg_status check_config(const gg_rt_slice_config *cfg, gg_target *t, gg_error *err)
{
	const gg_rt_elemtype *e = &cfg->elem;
	if (e->align == 0 || (e->align & (e->align - 1)) != 0 || e->align > 16)
		return ggi_fail(err, GG_ERR_RANGE, 0, "element alignment %zu is not a power of two up to 16",
				e->align);
	if (e->size % e->align != 0)
		return ggi_fail(err, GG_ERR_RANGE, 0,
				"element size %zu is not a multiple of its alignment %zu", e->size, e->align);
	if (cfg->alloc && (!cfg->alloc->alloc || !cfg->alloc->free))
		return ggi_fail(err, GG_ERR_RANGE, 0, "allocator without alloc or free function");
	if (cfg->resize == gg_rt_slice_resize_libc && cfg->alloc && !ggi_rt_allocator_is_libc(cfg->alloc))
		return ggi_fail(err, GG_ERR_RANGE, 0, "gg_rt_slice_resize_libc needs the libc allocator");
	gg_status st = ggi_rt_host_target(cfg->go ? cfg->go : GG_GO_MAX, t, err);
	if (st != GG_OK)
		return st;
	/* Real memory: the target's int must be the host's word. */
	if ((size_t)t->arch->ptr_size != sizeof(void *))
		return ggi_fail(err, GG_ERR_ARCH, 0, "%s words are not this host's", t->arch->name);
	return GG_OK;
}

/* The empty slice with the escape situation `esc` (HEAP unless a buffer). */
void ggi_rt_slice_reset(gg_rt_slice *s, gg_escape esc)
{
	s->data = zerobase;
	s->len = s->cap = 0;
	s->blk_bytes = 0;
	gg_slice_start(&s->sim, &s->sim.t, s->sim.e, esc, 0, 0);
}

static gg_status setup(gg_rt_slice *s, const gg_rt_slice_config *cfg, gg_escape esc, gg_error *err)
{
	gg_target t;
	memset(s, 0, sizeof *s);
	s->data = zerobase;
	gg_status st = check_config(cfg, &t, err);
	if (st != GG_OK)
		return st;
	s->size = cfg->elem.size;
	s->align = cfg->elem.align;
	s->alloc = cfg->alloc ? cfg->alloc : gg_rt_allocator_libc();
	s->resize = cfg->resize;
	gg_slice_start(&s->sim, &t, (gg_elem){cfg->elem.size, cfg->elem.noscan != 0}, esc, 0, 0);
	return GG_OK;
}

gg_status gg_rt_slice_init(gg_rt_slice *s, const gg_rt_slice_config *cfg, gg_error *err)
{
	return setup(s, cfg, GG_ESC_HEAP, err);
}

gg_status gg_rt_slice_make(gg_rt_slice *s, const gg_rt_slice_config *cfg, int64_t len, int64_t cap,
			   gg_error *err)
{
	gg_status st = setup(s, cfg, GG_ESC_HEAP, err);
	if (st != GG_OK)
		return st;
	st = gg_makeslice(&s->sim.t, s->sim.e, len, cap, NULL, err);
	if (st != GG_OK)
		return st;
	size_t bytes = (size_t)cap * s->size; /* makeslice checked it against maxAlloc */
	if (bytes > 0) {
		int zeroed;
		void *p = ggi_rt_slice_alloc(s, bytes, &zeroed);
		if (!p)
			return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory: make of %zu bytes", bytes);
		if (!zeroed) /* makeslice: mallocgc(needzero), all of [0, cap) */
			memset(p, 0, bytes);
		s->data = p;
		s->blk_bytes = bytes;
	}
	s->len = s->sim.len = len;
	s->cap = s->sim.cap = cap;
	return GG_OK;
}

gg_status gg_rt_slice_init_buf(gg_rt_slice *s, const gg_rt_slice_config *cfg, void *buf, size_t buf_bytes,
			       gg_error *err)
{
	gg_escape esc = cfg->esc == GG_ESC_HEAP ? GG_ESC_STACK : cfg->esc;
	gg_status st = setup(s, cfg, esc, err);
	if (st != GG_OK)
		return st;
	if (!buf || buf_bytes < GG_STACK_BUF_BYTES)
		return ggi_fail(err, GG_ERR_RANGE, 0, "the buffer must hold %d bytes", GG_STACK_BUF_BYTES);
	if ((uintptr_t)buf % s->align != 0)
		return ggi_fail(err, GG_ERR_RANGE, 0, "the buffer is not aligned to %zu bytes", s->align);
	s->buf = buf;
	s->buf_bytes = buf_bytes;
	return GG_OK;
}

gg_status gg_rt_slice_index(const gg_rt_slice *s, int64_t i, void **elem, gg_error *err)
{
	/* runtime/error.go boundsError: a negative index is printed alone. */
	if (i < 0)
		return ggi_fail(err, GG_ERR_PANIC, 0, "runtime error: index out of range [%" PRId64 "]", i);
	if (i >= s->len)
		return ggi_fail(err, GG_ERR_PANIC, 0,
				"runtime error: index out of range [%" PRId64 "] with length %" PRId64, i,
				s->len);
	*elem = (char *)s->data + (size_t)i * s->size;
	return GG_OK;
}

void *gg_rt_slice_resize_libc(void *ctx, void *p, size_t old_size, size_t new_size, gg_scan noscan)
{
	(void)ctx;
	(void)old_size;
	(void)noscan;
	return realloc(p, new_size);
}

void gg_rt_slice_clip(gg_rt_slice *s)
{
	s->cap = s->len;
}

gg_rt_slice_stats gg_rt_slice_stats_get(const gg_rt_slice *s)
{
	return s->stats;
}

void gg_rt_slice_set_tracer(gg_rt_slice *s, const gg_rt_tracer *t)
{
	s->tracer = t ? *t : (gg_rt_tracer){NULL, NULL};
}

void gg_rt_slice_free(gg_rt_slice *s)
{
	ggi_rt_slice_release(s, s->data, s->blk_bytes);
	/* A fresh start: the buffer may be taken again, as in a new activation. */
	ggi_rt_slice_reset(s, s->sim.esc);
}
