/* The runtime's shared pieces: event names and the libc allocator. */
#include <string.h>

#include "check.h"
#include "gogrow/rt_alloc.h"
#include "gogrow/rt_trace.h"

int main(void)
{
	CHECK(strcmp(gg_rt_event_name(GG_RT_EV_SLICE_GROW), "slice_grow") == 0);
	CHECK(strcmp(gg_rt_event_name(GG_RT_EV_MAP_DIR_GROW), "map_dir_grow") == 0);
	CHECK(strcmp(gg_rt_event_name((gg_rt_event_kind)999), "unknown") == 0);
	const gg_rt_allocator *a = gg_rt_allocator_libc();
	unsigned char *p = a->alloc(a->ctx, 100, 1);
	CHECK(p != NULL);
	if (p) {
		memset(p, 0xab, 100);
		CHECK(p[99] == 0xab);
		a->free(a->ctx, p, 100, 1);
	}
	CHECK(a->usable == NULL);
	return check_summary();
}
