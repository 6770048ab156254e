/* What the browser build leaves out (cmake/web.cmake's exclusion list):
 * `probe` runs Go toolchains in child processes and --pprof gzips with zlib,
 * neither of which a web page has. These stand in for the left-out entry
 * points and say so, the way any other usage error is said. */
#include "cli/cli.h"
#include "cli/output.h"

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
