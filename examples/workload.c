/* A workload run against the model: a map of slices filled the way a
 * service might build an index, on go1.22 (classic maps) and go1.27
 * (Swiss tables), amd64. Prints the heap the run would use and every
 * allocation site, and shows a malformed script's diagnostic. */
#include <stdio.h>
#include <string.h>

#include "gogrow/gogrow.h"

static const char script[] = "index = make(map[int64][]int32)\n"
			     "repeat 20000 {\n"
			     "\tappend index[key(i % 500)] 1\n"
			     "}\n";

static int run(int go)
{
	gg_target t;
	gg_error err;
	gg_workload_limits lim;
	gg_workload_result r;
	gg_workload_diag d;
	if (gg_target_make("amd64", go, &t, &err) != GG_OK)
		return fprintf(stderr, "%s\n", err.msg), 1;
	gg_workload_default_limits(&lim);
	if (gg_workload_script(&t, script, strlen(script), 0, &lim, &r, &d) != GG_OK) {
		fprintf(stderr, "line %d col %d: %s\n", d.line, d.col, d.msg);
		gg_workload_result_free(&r);
		return 1;
	}
	printf(
	    "go1.%d amd64: %lld ops, %llu bytes allocated in %llu objects, peak %llu live, %llu growslices\n",
	    go, (long long)r.ops, (unsigned long long)r.total_alloc, (unsigned long long)r.allocs,
	    (unsigned long long)r.peak, (unsigned long long)r.growslices);
	for (int i = 0; i < r.nvars; i++)
		if (r.vars[i].note[0])
			printf("  note on %s: %s\n", r.vars[i].name, r.vars[i].note);
	gg_workload_result_free(&r);
	return 0;
}

int main(void)
{
	int bad = run(22) | run(27);
	/* Diagnostics carry a status, a line and a column. */
	gg_workload *w;
	gg_workload_diag d;
	gg_workload_limits lim;
	gg_workload_default_limits(&lim);
	const char *broken = "s = make([]int, 0)\nappend s 1/0\n";
	if (gg_workload_parse(broken, strlen(broken), &lim, &w, &d) == GG_OK) {
		gg_target t;
		gg_error err;
		gg_workload_result r;
		if (gg_target_make("amd64", 27, &t, &err) == GG_OK &&
		    gg_workload_run(&t, w, 0, &lim, &r, &d) != GG_OK)
			printf("expected error: %d:%d: %s (%s)\n", d.line, d.col, d.msg,
			       gg_status_name(d.code));
		gg_workload_result_free(&r);
		gg_workload_free(w);
	}
	return bad;
}
