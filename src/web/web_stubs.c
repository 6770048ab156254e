/* What the browser build leaves out (cmake/web.cmake's exclusion list):
 * `probe` runs Go toolchains in child processes; --pprof gzips and `audit`
 * gunzips with zlib, which the page does not have. These stand in for the left-out entry
 * points and say so, the way any other usage error is said. */
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
