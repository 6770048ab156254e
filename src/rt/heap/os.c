/* The kernel interface of the heap (Go's mem_linux.go: sysReserve, sysFree,
 * sysUnused): mapping, unmapping and releasing memory, the failure-injection
 * hook every memory request passes through, and the clock. */
/* MAP_ANONYMOUS, MAP_NORESERVE, madvise and mremap are not POSIX. */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "heap_internal.h"

uint64_t ggi_rt_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Tests fail the n-th request to reach every failure path; the countdown is
 * atomic because any thread may be the one that asks. */
int ggi_rt_os_fail(gg_rt_heap *h)
{
	atomic_fetch_add_explicit(&h->os_requests, 1, memory_order_relaxed);
	uint64_t left = atomic_load_explicit(&h->fail_left, memory_order_relaxed);
	while (left != 0) {
		if (atomic_compare_exchange_weak(&h->fail_left, &left, left - 1))
			return left == 1;
	}
	return 0;
}

/* Maps `bytes` of zeroed memory aligned to `align` (a power of two, at least
 * a page): over-map by `align` and trim both ends, as sysReserveAligned. */
void *ggi_rt_os_map(gg_rt_heap *h, size_t bytes, size_t align)
{
	if (ggi_rt_os_fail(h))
		return NULL;
	size_t len = bytes + (align > 4096 ? align : 0);
	if (len < bytes)
		return NULL;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (align <= 4096)
		return p;
	uintptr_t start = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	size_t head = start - (uintptr_t)p;
	if (head)
		munmap(p, head);
	if (len - head > bytes)
		munmap((char *)start + bytes, len - head - bytes);
	return (void *)start;
}

void ggi_rt_os_unmap(void *p, size_t bytes)
{
	if (p)
		munmap(p, bytes);
}

/* Asks for transparent huge pages over the 2 MiB-aligned part of [p,
 * p+bytes): a big object's first touch then costs one fault per 2 MiB
 * instead of per 4 KiB (with THP in "madvise" mode, the common default, only
 * such ranges get them). Advice only: failure changes nothing. */
void ggi_rt_os_hugepages(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1), hi = ((uintptr_t)p + bytes) & ~(huge - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)p;
	(void)bytes;
#endif
}

/* The pages stay mapped and read back as zeros on next touch; the kernel may
 * reuse the frames at once. */
void ggi_rt_os_release(void *p, size_t bytes)
{
	madvise(p, bytes, MADV_DONTNEED);
}

/* Maps fresh zero pages over [p, p+bytes) of an arena: the range becomes
 * one mapping with its neighbours again (a page move split it off, and the
 * kernel caps the mappings of a process: vm.max_map_count), and its memory
 * goes back to the OS as MADV_DONTNEED would. 1 on success. */
int ggi_rt_os_remap(void *p, size_t bytes)
{
	void *r = mmap(p, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	return r == p;
}

/* Moves the pages [from, from+bytes) to `to` without copying them: the
 * kernel re-links the page-table entries (mremap, MREMAP_FIXED onto our own
 * pages at `to`), and MREMAP_DONTUNMAP leaves `from` mapped, reading as
 * zero, so the arena keeps no hole. glibc's realloc moves big blocks the same
 * way (without DONTUNMAP: its blocks are mappings of their own). Returns 0,
 * having changed nothing, when the kernel cannot (before Linux 5.7, a page
 * size that does not divide the range): the caller copies instead. */
int ggi_rt_os_move(void *to, void *from, size_t bytes)
{
#if defined(MREMAP_DONTUNMAP) && defined(MREMAP_FIXED)
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (bytes == 0 || page == 0 || ((uintptr_t)to | (uintptr_t)from | bytes) % page != 0)
		return 0;
	void *r = mremap(from, bytes, bytes, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, to);
	if (r == to)
		return 1;
	/* MREMAP_FIXED may have unmapped the target before failing (older
	 * kernels refuse a source over two mappings after unmapping it): map
	 * it again, its pages are about to be copied over. -1 when even that
	 * fails: the target is gone. */
	return ggi_rt_os_remap(to, bytes) ? 0 : -1;
#else
	(void)to;
	(void)from;
	(void)bytes;
	return 0;
#endif
}
