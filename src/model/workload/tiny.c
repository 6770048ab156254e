/* Heap accounting of slice arrays in a workload, mallocgc's tiny
 * allocator included (runtime/malloc.go, "Tiny allocator"): pointer-free
 * objects under 16 bytes share 16-byte blocks, and only opening a block
 * counts in TotalAlloc. */
#include <assert.h>
#include <stdlib.h>

#include "model/workload/workload_internal.h"

static uint64_t *owner_live(runner *x, int var, int ent)
{
	return ent ? &x->r->vars[var].e_live : &x->rv[var].bytes;
}

/* The array of a new allocation of `size` bytes, charged `charged` bytes
 * (16 for a tiny one) by the model. mallocgc's tiny allocator packs noscan
 * objects under 16 bytes into a shared 16-byte block, aligned like the
 * runtime does (8 for multiples of 8 and, on 32-bit, 12; 4; 2), and only
 * opening a block counts in TotalAlloc; the new block becomes the current
 * one if it has more room left. The runtime's block when the script starts
 * is unknown and taken as none. *counted gets the TotalAlloc bytes. */
int ggi_wl_arr_new(runner *x, int var, int ent, uint64_t size, gg_scan noscan, uint64_t charged, arr *a,
		   uint64_t *counted)
{
	if (!noscan || size == 0 || size >= GG_TINY_SIZE) {
		*a = (arr){charged, -1};
		*owner_live(x, var, ent) += charged;
		*counted = charged;
		return 1;
	}
	uint64_t off = x->tiny_off;
	if ((size & 7) == 0 || (x->t.arch->ptr_size == 4 && size == 12))
		off = (off + 7) & ~UINT64_C(7);
	else if ((size & 3) == 0)
		off = (off + 3) & ~UINT64_C(3);
	else if ((size & 1) == 0)
		off = (off + 1) & ~UINT64_C(1);
	*counted = 0;
	if (x->cur >= 0 && off + size <= GG_TINY_SIZE) {
		tblock *b = &x->blk[x->cur];
		if (b->ref++ == 0) {
			*owner_live(x, b->var, b->ent) += GG_TINY_SIZE;
			x->revived += GG_TINY_SIZE;
		}
		x->tiny_off = off + size;
		*a = (arr){0, x->cur};
		return 1;
	}
	if (x->nfree == 0) { /* ids are reused, so this grows with the live blocks only */
		int32_t cap = x->blkcap ? x->blkcap * 2 : 64;
		tblock *nb = realloc(x->blk, (size_t)cap * sizeof *nb);
		if (nb)
			x->blk = nb;
		int32_t *nf = realloc(x->freeblk, (size_t)cap * sizeof *nf);
		if (nf)
			x->freeblk = nf;
		if (!nb || !nf)
			return 0;
		for (int32_t i = cap - 1; i >= x->blkcap; i--)
			x->freeblk[x->nfree++] = i;
		x->blkcap = cap;
	}
	int32_t id = x->freeblk[--x->nfree];
	x->blk[id] = (tblock){1, var, ent};
	*owner_live(x, var, ent) += charged;
	*counted = charged;
	*a = (arr){0, id};
	if (x->cur < 0 || size < x->tiny_off) {
		if (x->cur >= 0 && x->blk[x->cur].ref == 0)
			x->freeblk[x->nfree++] = x->cur; /* garbage already, now unreachable for good */
		x->cur = id;
		x->tiny_off = size;
	}
	return 1;
}

/* Drops an array; returns the bytes that became garbage. */
uint64_t ggi_wl_arr_free(runner *x, int var, int ent, arr *a)
{
	uint64_t f = 0;
	if (a->blk >= 0) {
		tblock *b = &x->blk[a->blk];
		assert(b->ref > 0); /* an array in a block keeps it referenced */
		if (--b->ref == 0) {
			f = GG_TINY_SIZE;
			*owner_live(x, b->var, b->ent) -= f;
			if (a->blk != x->cur)
				x->freeblk[x->nfree++] = a->blk;
		}
	} else if (a->bytes) {
		f = a->bytes;
		assert(*owner_live(x, var, ent) >= f);
		*owner_live(x, var, ent) -= f;
	}
	*a = NO_ARR;
	return f;
}
