/* Heap-profile unsampling: runtime/pprof/protomem.go, scaleHeapSample,
 * which the runtime applies before it writes a proto heap profile (go tool
 * pprof's profile/legacy_profile.go, scaleHeapSample, applies the same to
 * legacy text profiles, there from the total size). With MemProfileRate r,
 * an allocation of s bytes is sampled with probability 1-exp(-s/r), so each
 * sampled object stands for 1/(1-exp(-s/r)). */
#include <math.h>

#include "gogrow/audit.h"

/* Go's float-to-int conversion of an out-of-range value is left to the
 * hardware; C's is undefined, so it saturates here. */
static int64_t to_i64(double v)
{
	if (!(v > -9.2e18))
		return v != v ? 0 : INT64_MIN;
	return v < 9.2e18 ? (int64_t)v : INT64_MAX;
}

void gg_heap_scale(int64_t count, int64_t size, int64_t rate, int64_t *objects, int64_t *bytes)
{
	if (count == 0 || size == 0) {
		*objects = *bytes = 0;
		return;
	}
	/* rate 1 recorded every allocation; below 1 the rate is unknown. */
	if (rate <= 1) {
		*objects = count;
		*bytes = (int64_t)((uint64_t)count * (uint64_t)size); /* wraps like Go's int64 */
		return;
	}
	double scale = 1 / (1 - exp(-(double)size / (double)rate));
	*objects = to_i64((double)count * scale);
	*bytes = to_i64((double)(int64_t)((uint64_t)count * (uint64_t)size) * scale);
}

double gg_heap_unscale(int64_t objects, int64_t size, int64_t rate)
{
	if (rate <= 1 || size <= 0)
		return (double)objects;
	return (double)objects * (1 - exp(-(double)size / (double)rate));
}
