/* libFuzzer target: arbitrary bytes as a `gogrow simulate` script, parsed
 * and run. The first byte picks the release and arch, so that classic and
 * Swiss maps and 32-bit int limits are all reached; the rest is the
 * script. The limits are cut down so that a run stays in milliseconds and
 * a few megabytes while every limit check is still exercised. The top bit
 * of the first byte asks for GOEXPERIMENT=noswissmap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/workload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const arches[] = {"amd64", "386", "arm64", "mips"};
	if (size < 1)
		return 0;
	gg_target t;
	gg_error err;
	int go = GG_GO_MIN + data[0] % (GG_GO_MAX - GG_GO_MIN + 1);
	if (gg_target_make(arches[(data[0] >> 4) & 3], go, &t, &err) != GG_OK)
		return 0;
	gg_workload_limits lim = {
	    .max_ops = 100000, .max_iters = 100000, .max_keys = 5000, .max_events = 2000};
	gg_workload_result r;
	gg_workload_diag d;
	if (gg_workload_script(&t, (const char *)data + 1, size - 1, data[0] >> 7, &lim, &r, &d) == GG_OK) {
		/* What every output relies on: the per-variable live bytes add up. */
		uint64_t live = 0;
		for (int i = 0; i < r.nvars; i++)
			live += r.vars[i].live + r.vars[i].e_live;
		if (r.final_live > r.peak || r.nevents > lim.max_events || r.nevents > r.events_total ||
		    live != r.final_live)
			abort();
	} else if (d.code == GG_OK || !d.msg[0])
		abort();
	gg_workload_result_free(&r);
	return 0;
}
