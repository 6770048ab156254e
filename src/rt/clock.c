/* The clock trace events are stamped with. CLOCK_MONOTONIC, because events
 * are compared with each other within one run, never with wall time. */
#include <time.h>

#include "rt/rt_internal.h"

uint64_t ggi_rt_now_ns(void)
{
	struct timespec ts;
	/* Cannot fail for CLOCK_MONOTONIC on a POSIX system; if it did, 0 is
	 * an obviously bogus timestamp rather than garbage. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
