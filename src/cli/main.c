/* gogrow: Go's slice and map growth, computed exactly.
 *
 * Each subcommand lives in its own cmd_*.c file; this one only dispatches. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/version.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
    {"layout", cmd_layout},	{"grow", cmd_grow},	  {"append", cmd_append},   {"explain", cmd_explain},
    {"compare", cmd_compare},	{"advise", cmd_advise},	  {"batch", cmd_batch},	    {"map", cmd_map},
    {"simulate", cmd_simulate}, {"conform", cmd_conform}, {"classes", cmd_classes}, {"help", cmd_help},
    {"probe", cmd_probe},	{"conv", cmd_conv},	  {"audit", cmd_audit},
};

/* Output that could not be written (a full disk, a closed pipe's reader
 * gone without SIGPIPE) is an error, not a success with nothing said. */
static int finish(int rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	cli_error("cannot write the output: %s", strerror(errno ? errno : EIO));
	return EXIT_INTERNAL;
}

int cli_run(int argc, char **argv)
{
	if (argc < 2)
		return cmd_help(0, NULL), EXIT_USAGE;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h"))
		return finish(cmd_help(0, NULL));
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("gogrow %s (models go1.%d to go1.%d)\n", gg_version(), GG_GO_MIN, GG_GO_MAX);
		return finish(EXIT_OK);
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(commands[i].name, cmd) != 0)
			continue;
		for (int j = 2; j < argc; j++)
			if (!strcmp(argv[j], "--help") || !strcmp(argv[j], "-h")) {
				fputs(cli_help_text(cmd), stdout);
				return finish(EXIT_OK);
			}
		return finish(commands[i].fn(argc - 2, argv + 2));
	}
	cli_error("unknown command \"%s\"", cmd);
	fputs("Run 'gogrow help' for the list of commands.\n", stderr);
	return EXIT_USAGE;
}

/* The browser build (src/web/) calls cli_run itself and has no main. */
#ifndef GOGROW_NO_MAIN
int main(int argc, char **argv)
{
	return cli_run(argc, argv);
}
#endif
