/* The one place where a library status becomes the command's exit status
 * (the table in docs/cli.md, "Exit status"). */
#include "cli/cli.h"

int cli_exit(gg_status st)
{
	switch (st) {
	case GG_OK: return EXIT_OK;
	/* Go itself refuses: the compiler rejects the type, or the runtime panics. */
	case GG_ERR_TYPE:
	case GG_ERR_TOO_LARGE:
	case GG_ERR_PANIC: return EXIT_GO_REJECTS;
	case GG_ERR_NOMEM: return EXIT_INTERNAL;
	/* The question is malformed or outside what gogrow answers. */
	case GG_ERR_SYNTAX:
	case GG_ERR_RELEASE:
	case GG_ERR_ARCH:
	case GG_ERR_RANGE:
	case GG_ERR_UNSUPPORTED: return EXIT_USAGE;
	}
	return EXIT_INTERNAL;
}
