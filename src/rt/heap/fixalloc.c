/* Fixed-size records for the heap's own metadata (spans, thread caches, tiny
 * masks), as Go's fixalloc (mfixalloc.go): carved from 64 KiB chunks mapped
 * from the OS, recycled through a free list, never returned before the heap
 * is destroyed. Callers hold the heap lock and initialise every field of a
 * record they get. */
#include <string.h>

#include "heap_internal.h"

#define CHUNK ((size_t)64 << 10)

void *ggi_rt_fix_alloc(gg_rt_heap *h, ggi_rt_fixalloc *f)
{
	if (f->free) {
		void *p = f->free;
		f->free = *(void **)p;
		return p; /* not cleared: a stale reader may still look at it */
	}
	if ((size_t)(f->end - f->chunk) < f->size) {
		size_t bytes = f->size + 64 > CHUNK ? f->size + 64 : CHUNK;
		char *c = ggi_rt_os_map(h, bytes, 4096);
		if (!c)
			return NULL;
		atomic_fetch_add(&h->meta_sys, bytes);
		/* The chunk's first 64 bytes link it for destroy: (next, size). */
		((void **)c)[0] = f->chunks;
		((size_t *)c)[1] = bytes;
		f->chunks = c;
		f->chunk = c + 64;
		f->end = c + bytes;
	}
	void *p = f->chunk;
	f->chunk += f->size;
	return p; /* fresh mapped memory is zero */
}

void ggi_rt_fix_free(ggi_rt_fixalloc *f, void *p)
{
	*(void **)p = f->free;
	f->free = p;
}

void ggi_rt_fix_destroy(gg_rt_heap *h, ggi_rt_fixalloc *f)
{
	(void)h;
	void *c = f->chunks;
	while (c) {
		void *next = ((void **)c)[0];
		ggi_rt_os_unmap(c, ((size_t *)c)[1]);
		c = next;
	}
	memset(f, 0, sizeof *f);
}
