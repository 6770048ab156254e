/* Starting the Go toolchain and the probe binaries for `gogrow probe`.
 *
 * Every child gets an argument vector, never a shell string: the paths in it
 * (GOROOT, --out, a temporary directory) come from the user and may hold
 * any character. fork/exec is used rather than posix_spawn because `go
 * build` must run in the probe's directory and posix_spawn has no portable
 * way to change it.
 *
 * A failed execve used to surface only as the child's "exit status 127".
 * The child now reports the failing step and its errno through a
 * close-on-exec pipe: the parent reads EOF when execve succeeded, or the
 * two ints otherwise, so that the probe can say "Exec format error
 * (ENOEXEC)" and fall back to qemu-user. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

/* Stage codes the child writes before its errno. */
static const char *const stages[] = {"fork", "chdir", "redirect", "execve"};

/* Only async-signal-safe calls: we are between fork and exec. */
static void child(int wfd, char *const argv[], char *const envp[], const char *cwd, const char *out_path,
		  const char *err_path)
{
	int msg[2] = {0, 0};
	setpgid(0, 0);
	if (cwd && chdir(cwd) != 0)
		msg[0] = 1;
	else if ((out_path && !redirect(out_path, 1)) || (err_path && !redirect(err_path, 2)))
		msg[0] = 2;
	else {
		execve(argv[0], argv, envp);
		msg[0] = 3;
	}
	msg[1] = errno;
	ssize_t w = write(wfd, msg, sizeof msg);
	(void)w;
	_exit(127);
}

int ggi_probe_spawn(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
		    const char *err_path, pid_t *pid, int *err, const char **what)
{
	int fds[2];
	*what = stages[0];
	if (pipe(fds) != 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		*err = errno;
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t p = fork();
	if (p < 0) {
		*err = errno;
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (p == 0) {
		close(fds[0]);
		child(fds[1], argv, envp, cwd, out_path, err_path);
	}
	/* Both sides set the group, so that a kill right after fork cannot
	 * miss it. */
	setpgid(p, p);
	close(fds[1]);
	int msg[2];
	ssize_t n;
	while ((n = read(fds[0], msg, sizeof msg)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	if (n == (ssize_t)sizeof msg) {
		int st;
		while (waitpid(p, &st, 0) < 0 && errno == EINTR)
			;
		*what = stages[msg[0] >= 0 && msg[0] < 4 ? msg[0] : 3];
		*err = msg[1];
		return -1;
	}
	*pid = p;
	return 0;
}

static int decode(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

int ggi_probe_poll(pid_t pid, int *status)
{
	int st;
	pid_t r;
	while ((r = waitpid(pid, &st, WNOHANG)) < 0 && errno == EINTR)
		;
	if (r < 0)
		return -1;
	if (r == 0)
		return 0;
	*status = decode(st);
	return 1;
}

void ggi_probe_kill(pid_t pid)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

int ggi_probe_run(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
		  const char *err_path)
{
	pid_t pid;
	int err;
	const char *what;
	if (ggi_probe_spawn(argv, envp, cwd, out_path, err_path, &pid, &err, &what) != 0) {
		char nb[24];
		cli_error("cannot start %s: %s failed: %s (%s)", argv[0], what, strerror(err),
			  ggi_probe_errno_name(err, nb));
		return -1;
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			cli_error("waiting for %s: %s", argv[0], strerror(errno));
			return -1;
		}
	return decode(st);
}

const char *ggi_probe_errno_name(int e, char buf[24])
{
	static const struct {
		int e;
		const char *name;
	} names[] = {{ENOEXEC, "ENOEXEC"}, {ENOENT, "ENOENT"}, {EACCES, "EACCES"},
		     {EPERM, "EPERM"},	   {ENOMEM, "ENOMEM"}, {E2BIG, "E2BIG"},
		     {ENOTDIR, "ENOTDIR"}, {ELOOP, "ELOOP"},   {ETXTBSY, "ETXTBSY"},
		     {EAGAIN, "EAGAIN"},   {EISDIR, "EISDIR"}, {ENAMETOOLONG, "ENAMETOOLONG"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == e)
			return names[i].name;
	snprintf(buf, 24, "errno %d", e);
	return buf;
}

int ggi_probe_executable(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

char *ggi_probe_which(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	size_t nl = strlen(name);
	for (const char *p = path; *p;) {
		const char *end = strchr(p, ':');
		size_t dl = end ? (size_t)(end - p) : strlen(p);
		char *full = malloc(dl + nl + 3);
		if (!full)
			return NULL;
		if (dl == 0)
			snprintf(full, nl + 3, "./%s", name);
		else
			snprintf(full, dl + nl + 2, "%.*s/%s", (int)dl, p, name);
		if (ggi_probe_executable(full))
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

char **ggi_probe_env(const char *const drop[], const char *const add[], size_t nadd)
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
			ggi_probe_env_free(env);
			return NULL;
		}
	return env;
}

void ggi_probe_env_free(char **env)
{
	if (!env)
		return;
	for (size_t i = 0; env[i]; i++)
		free(env[i]);
	free(env);
}

int ggi_probe_write_file(const char *dir, const char *name, const char *text, size_t len)
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

char *ggi_probe_read_file(const char *path, size_t *len)
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

int ggi_probe_mkdirs(const char *path)
{
	char buf[4096];
	struct stat sb;
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
		cli_error("--out %s: path too long", path);
		return 0;
	}
	/* Each prefix ending before a '/', then the whole path. */
	for (char *p = buf + 1;; p++) {
		if (*p && *p != '/')
			continue;
		char c = *p;
		*p = 0;
		if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
			cli_error("--out %s: cannot create %s: %s", path, buf, strerror(errno));
			return 0;
		}
		*p = c;
		if (!c)
			break;
	}
	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cli_error("--out %s: not a directory", path);
		return 0;
	}
	return 1;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void ggi_probe_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void ggi_probe_show_log(const char *path)
{
	size_t len;
	char *s = ggi_probe_read_file(path, &len);
	if (!s)
		return;
	const char *from = len > 4000 ? s + len - 4000 : s;
	fprintf(stderr, "%s%s", from, len && s[len - 1] != '\n' ? "\n" : "");
	free(s);
}

double ggi_probe_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
