/* What the browser build leaves out (cmake/web.cmake's exclusion list):
 * `probe` runs Go toolchains in child processes; --pprof gzips and `audit`
 * gunzips with zlib, which the page does not have; simulate --runtime runs the runtime
 * (src/rt), which is not compiled for the page. These stand in for the left-out entry
 * points and say so, the way any other usage error is said. */
#include <stdio.h>
#include <string.h>

#include "cli/answer/answer.h"
#include "cli/cli.h"
#include "cli/out/out.h"

int cmd_probe(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("probe runs Go toolchains and is not available in the browser build");
	return EXIT_USAGE;
}

int pprof_write(const char *path, const pprof_site *sites, size_t n, const char *file, const char *comment)
{
	(void)path;
	(void)sites;
	(void)n;
	(void)file;
	(void)comment;
	cli_error("--pprof is not available in the browser build (it needs zlib)");
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("audit reads gzipped profiles (zlib) and is not available in the browser build");
	return EXIT_USAGE;
}

gg_status simrt_answer_build(simrt_answer *a, const struct gg_workload *p, const gg_target *t,
			     gg_mapexp noswiss, uint64_t seed, gg_workload_diag *d)
{
	(void)p;
	(void)t;
	(void)noswiss;
	(void)seed;
	memset(a, 0, sizeof *a);
	memset(d, 0, sizeof *d);
	d->code = GG_ERR_UNSUPPORTED;
	snprintf(
	    d->msg, sizeof d->msg,
	    "simulate --runtime runs the runtime (real memory), which is not available in the browser build");
	return d->code;
}

void simrt_answer_free(simrt_answer *a)
{
	(void)a;
}

const char *simrt_host_arch(void)
{
	return NULL;
}
