/* Process and file helpers of `gogrow probe` (probe_exec.c). */
#ifndef GOGROW_PROBE_H
#define GOGROW_PROBE_H

#include <stddef.h>

/* Runs argv[0] (a path) with argv and envp, in directory `cwd` (NULL: ours),
 * stdout and stderr sent to the files named (NULL: ours). No shell is
 * involved. Returns the exit status, 128+signal when killed, or -1 (after
 * printing why) when it could not be started. */
int probe_run(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
	      const char *err_path);

/* Looks `name` up in $PATH. Returns a malloc'd path or NULL. */
char *probe_which(const char *name);

/* 1 if `path` names an executable regular file. */
int probe_executable(const char *path);

/* Our environment without the variables listed in `drop` (NULL-terminated
 * names), followed by the NAME=VALUE strings of `add`. Free with
 * probe_env_free. */
char **probe_env(const char *const drop[], const char *const add[], size_t nadd);
void probe_env_free(char **env);

/* Writes `len` bytes of `text` to dir/name. Returns 0 after printing on error. */
int probe_write_file(const char *dir, const char *name, const char *text, size_t len);

/* Reads a whole file (NUL-terminated). NULL on error; *len gets the size. */
char *probe_read_file(const char *path, size_t *len);

/* Seconds since an arbitrary point (CLOCK_MONOTONIC). */
double probe_now(void);
#endif
