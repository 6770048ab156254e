/* Shared pieces of the gogrow command: option parsing, targets, errors. */
#ifndef GOGROW_CLI_H
#define GOGROW_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "gogrow/target.h"
#include "gogrow/types.h"

/* Exit codes (documented in docs/cli.md). */
enum { EXIT_OK = 0, EXIT_MISMATCH = 1, EXIT_USAGE = 2, EXIT_GO_REJECTS = 3, EXIT_INTERNAL = 4 };

/* The exit code a library status calls for: the only place that decides it. */
int cli_exit(gg_status st);

#define CLI_MAX_TARGETS (14 * (GG_GO_MAX - GG_GO_MIN + 1))

typedef enum { FMT_TEXT, FMT_TSV, FMT_JSON } cli_format;

typedef enum { OPT_FLAG, OPT_INT, OPT_STR } cli_optkind;

typedef struct cli_opt {
	const char *name; /* "--len" */
	cli_optkind kind;
	void *dst; /* int* for flags, int64_t* for ints, const char** for strings */
	int *seen; /* optional */
} cli_opt;

typedef struct cli_common {
	const char *go;	    /* release list as given, default the newest */
	const char *arch;   /* arch list as given, default amd64 */
	const char *escape; /* heap|stack|ret|retcap */
	cli_format fmt;
	gg_escape esc;
	gg_target targets[CLI_MAX_TARGETS];
	int ntargets;
	int explicit_go, explicit_arch;
	const char *pos[8];
	int npos;
} cli_common;

/* Parses argv (after the subcommand name). `extra` is terminated by an entry
 * with name NULL. Common options: --go, --arch, --json, --tsv, --escape.
 * Prints the error and returns 0 on bad input. */
int cli_parse(const char *cmd, int argc, char **argv, const cli_opt *extra, cli_common *c);

/* Expands --go/--arch into c->targets. Returns 0 (after printing) on error. */
int cli_targets(cli_common *c);

/* Parses an integer argument (decimal, '_' separators allowed). */
int cli_int(const char *opt, const char *s, int64_t *out);

/* Parses a type expression, printing a caret diagnostic on error. With
 * --pkg it may name the package's types. */
gg_typeexpr *cli_type(const char *src);

/* --pkg DIR: reads the package's Go files (gopkg.c); 0 after an error. */
int cli_load_pkg(const char *dir);
const struct gg_gosrc *cli_pkg(void);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_gg_error(const gg_error *e);

/* "go1.22" */
const char *cli_go_name(int go, char buf[16]);

int cli_usage_error(const char *cmd);

/* The whole command, argv as main gets it: dispatches to a subcommand and
 * returns the exit status (main and the browser build, src/web/). */
int cli_run(int argc, char **argv);

/* Subcommands. */
int cmd_layout(int argc, char **argv);
int cmd_grow(int argc, char **argv);
int cmd_append(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_conform(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_classes(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_conv(int argc, char **argv);
int cmd_audit(int argc, char **argv);

/* Help text of a subcommand (NULL if unknown). */
const char *cli_help_text(const char *cmd);

/* The element type of a slice type argument ("[]T"); prints an error and
 * returns NULL for anything else. */
const gg_type *cli_slice_elem(const gg_type *t, const char *src);

/* Resolves the targets and parses the slice type argument c->pos[0]; *elem
 * gets its element type. Prints the error and returns NULL when a target is
 * unknown or the argument does not parse or is not a slice type. */
gg_typeexpr *cli_slice_args(cli_common *c, const gg_type **elem);

#endif
