/* Giving back a big old bucket array a slice at a time.
 *
 * When the last evacuation of a grow ends, the old bucket array is freed
 * within that one write. With libc, a big array is its own mapping and its
 * free one munmap of every page: ~20-30 ms for the 151 MB of a map grown
 * to 2^20 buckets, where the rest of the writes take microseconds. Go pays
 * nothing there: its garbage collector frees the old buckets later, off the
 * writing goroutine. So an array of GGI_CLASSIC_DRAIN_MIN bytes or more is
 * drained instead: each following write (put or delete) gives
 * GGI_CLASSIC_DRAIN_STEP of its pages back with MADV_DONTNEED, and the
 * write after the last slice frees the emptied block, whose munmap then has
 * no pages left to tear down. The map's statistics count the free at once,
 * as the array is out of use. Other allocators free at once (the gogrow
 * heap returns the pages to its page tree without unmapping them). */
#define _DEFAULT_SOURCE /* madvise: posix_madvise's DONTNEED does nothing on Linux */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt/classic/classic_internal.h"
#include "rt/rt_internal.h"

void ggi_rt_classic_free_buckets(gg_rt_classic *m, void *p, size_t size)
{
	if (!ggi_rt_allocator_is_libc(m->alloc) || size < GGI_CLASSIC_DRAIN_MIN) {
		ggi_rt_classic_free(m, p, size, m->bucket_noscan);
		return;
	}
	ggi_rt_classic_drain_finish(m); /* one at a time: the last grow's is long done */
	m->stats.frees++;
	m->stats.bytes -= size;
	m->drain = (ggi_rt_classic_drain){p, size, 0};
}

void ggi_rt_classic_drain_step(gg_rt_classic *m)
{
	if (!m->drain.p)
		return;
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t lo = ((uintptr_t)m->drain.p + page - 1) / page * page;
	uintptr_t hi = ((uintptr_t)m->drain.p + m->drain.size) / page * page;
	uintptr_t at = lo + m->drain.done;
	if (page && at < hi) {
		size_t n = hi - at < GGI_CLASSIC_DRAIN_STEP ? hi - at : GGI_CLASSIC_DRAIN_STEP;
		/* Only whole pages inside the block: libc's own words around it
		 * are untouched. A refusal just leaves the pages to the free. */
		(void)madvise((void *)at, n, MADV_DONTNEED);
		m->drain.done += n;
		return;
	}
	ggi_rt_classic_drain_finish(m);
}

void ggi_rt_classic_drain_finish(gg_rt_classic *m)
{
	if (!m->drain.p)
		return;
	free(m->drain.p);
	m->drain = (ggi_rt_classic_drain){0};
}
