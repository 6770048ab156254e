/* Starting the Go toolchain and the probe binaries for `gogrow probe`.
 *
 * Every child gets an argument vector, never a shell string: the paths in it
 * (GOROOT, --out, a temporary directory) come from the user and may hold
 * any character. fork/exec is used rather than posix_spawn because `go
 * build` must run in the probe's directory and posix_spawn has no portable
 * way to change it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/probe.h"

extern char **environ;

static int redirect(const char *path, int fd)
{
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (f < 0)
		return 0;
	if (f != fd) {
		if (dup2(f, fd) < 0)
			return 0;
		close(f);
	}
	return 1;
}

int probe_run(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
	      const char *err_path)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		cli_error("cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls from here on. */
		if ((cwd && chdir(cwd) != 0) || (out_path && !redirect(out_path, 1)) ||
		    (err_path && !redirect(err_path, 2)))
			_exit(126);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			cli_error("waiting for %s: %s", argv[0], strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int probe_executable(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

char *probe_which(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	size_t nl = strlen(name);
	for (const char *p = path; *p;) {
		const char *end = strchr(p, ':');
		size_t dl = end ? (size_t)(end - p) : strlen(p);
		char *full = malloc(dl + nl + 2);
		if (!full)
			return NULL;
		if (dl == 0)
			snprintf(full, nl + 3, "./%s", name);
		else
			snprintf(full, dl + nl + 2, "%.*s/%s", (int)dl, p, name);
		if (probe_executable(full))
			return full;
		free(full);
		if (!end)
			break;
		p = end + 1;
	}
	return NULL;
}

static int dropped(const char *kv, const char *const drop[])
{
	for (size_t i = 0; drop[i]; i++) {
		size_t n = strlen(drop[i]);
		if (!strncmp(kv, drop[i], n) && kv[n] == '=')
			return 1;
	}
	return 0;
}

char **probe_env(const char *const drop[], const char *const add[], size_t nadd)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + nadd + 1, sizeof *env);
	if (!env)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!dropped(environ[i], drop))
			env[k++] = strdup(environ[i]);
	for (size_t i = 0; i < nadd; i++)
		env[k++] = strdup(add[i]);
	for (size_t i = 0; i < k; i++)
		if (!env[i]) {
			probe_env_free(env);
			return NULL;
		}
	return env;
}

void probe_env_free(char **env)
{
	if (!env)
		return;
	for (size_t i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

int probe_write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	return 1;
}

char *probe_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = 0;
		if (len)
			*len = n;
	}
	return buf;
}

double probe_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
