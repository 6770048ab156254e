/* Allocator sizing: which size class a request lands in and what it costs.
 *
 * Sources: runtime/msize.go (roundupsize; msize_allocheaders.go in 1.22),
 * runtime/malloc.go (mallocgc: tiny, small and large objects),
 * runtime/mbitmap.go and mheap.go (what a span keeps for itself).
 *
 * The class table never changed from 1.16 to 1.27; what changed is the
 * malloc header (1.22+): an object with pointers bigger than
 * minSizeForMallocHeader = 8*PtrSize*PtrSize bytes (512 on 64-bit, 128 on
 * 32-bit) stores its type in an 8-byte header inside its slot, so it needs
 * the next class when it would otherwise fill its slot exactly. Everything
 * is computed in the target's word size so that the wrap-around guards of
 * the runtime behave as on the real machine. */
#include "gogrow/malloc.h"
#include "sizeclasses_gen.h"

_Static_assert(sizeof gg_class_size / sizeof gg_class_size[0] == GG_NUM_SIZE_CLASSES, "class count");

static uint64_t word_mask(const gg_target *t)
{
	return t->arch->ptr_size == 8 ? UINT64_MAX : UINT64_C(0xffffffff);
}

static uint64_t min_size_for_header(const gg_target *t)
{
	uint64_t p = (uint64_t)t->arch->ptr_size;
	return 8 * p * p;
}

const gg_sizeclass *gg_sizeclass_at(int cls)
{
	static const gg_sizeclass none = {0, 0};
	if (cls < 0 || cls >= GG_NUM_SIZE_CLASSES)
		return &none;
	return &gg_classes[cls];
}

int gg_sizeclass_of(uint64_t n)
{
	if (n == 0 || n > GG_MAX_SMALL_SIZE)
		return 0;
	if (n <= 1024 - 8)
		return gg_size_to_class8[(n + 7) / 8];
	return gg_size_to_class128[(n - 1024 + 127) / 128];
}

int gg_malloc_has_header(const gg_target *t, uint64_t size, gg_scan noscan)
{
	return t->go >= 22 && !noscan && size > min_size_for_header(t) &&
	       size <= GG_MAX_SMALL_SIZE - GG_MALLOC_HEADER;
}

uint64_t gg_roundupsize(const gg_target *t, uint64_t size, gg_scan noscan)
{
	const uint64_t mask = word_mask(t);
	size &= mask;
	if (t->go < 22) {
		if (size < GG_MAX_SMALL_SIZE)
			return gg_class_size[gg_sizeclass_of(size)];
		if (((size + GG_PAGE_SIZE) & mask) < size)
			return size;
		return (size + GG_PAGE_SIZE - 1) & ~(uint64_t)(GG_PAGE_SIZE - 1);
	}
	uint64_t req = size;
	if (req <= GG_MAX_SMALL_SIZE - GG_MALLOC_HEADER) {
		if (!noscan && req > min_size_for_header(t))
			req += GG_MALLOC_HEADER;
		return gg_class_size[gg_sizeclass_of(req)] - (req - size);
	}
	req = (req + GG_PAGE_SIZE - 1) & mask;
	if (req < size)
		return size;
	return req & ~(uint64_t)(GG_PAGE_SIZE - 1);
}

uint64_t gg_alloc_bytes(const gg_target *t, uint64_t size, gg_scan noscan, int *cls)
{
	int c = 0;
	uint64_t bytes;
	uint64_t small_max = t->go >= 22 ? GG_MAX_SMALL_SIZE - GG_MALLOC_HEADER : GG_MAX_SMALL_SIZE;
	if (size == 0)
		bytes = 0;
	else if (noscan && size < GG_TINY_SIZE) {
		c = gg_sizeclass_of(GG_TINY_SIZE);
		bytes = GG_TINY_SIZE;
	} else if (size <= small_max) {
		uint64_t req = size + (gg_malloc_has_header(t, size, noscan) ? GG_MALLOC_HEADER : 0);
		c = gg_sizeclass_of(req);
		bytes = gg_class_size[c];
	} else {
		uint64_t pages = size / GG_PAGE_SIZE + (size % GG_PAGE_SIZE != 0);
		bytes = pages * GG_PAGE_SIZE;
	}
	if (cls)
		*cls = c;
	return bytes;
}

uint32_t gg_sizeclass_objects(const gg_target *t, int cls, gg_scan noscan)
{
	if (cls <= 0 || cls >= GG_NUM_SIZE_CLASSES)
		return 1;
	uint64_t size = gg_class_size[cls];
	uint64_t nbytes = (uint64_t)gg_class_npages[cls] * GG_PAGE_SIZE;
	uint64_t reserve = 0;
	uint64_t hdr = min_size_for_header(t);
	/* 1.22+: small pointerful spans keep their heap bitmap at the end. */
	if (t->go >= 22 && !noscan && size <= hdr)
		reserve += nbytes / (uint64_t)t->arch->ptr_size / 8;
	/* 1.26+ (Green Tea GC): small spans also keep 128 bytes of mark bits. */
	if (t->go >= 26 && size >= 16 && size <= hdr)
		reserve += 128;
	return (uint32_t)((nbytes - reserve) / size);
}
