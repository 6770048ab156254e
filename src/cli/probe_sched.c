/* The job runner of `gogrow probe`: builds the probe module once per arch,
 * finds out how its binary runs, then runs it once per type.
 *
 * One binary per arch holds every type; it is started once per type (its
 * arguments select the type), so that a type that hangs can be killed and
 * named (--timeout), the runs can go in parallel (--jobs), progress can be
 * shown per type, and a failure of one arch or type does not throw away the
 * work done for the others. Each run writes its own output file; the caller
 * merges them (cmd_probe.c).
 *
 * How a binary runs is decided once per arch by a check run ("-version"):
 * natively when the host can run that CPU (and 386 on x86-64), falling back
 * to qemu-<cpu>-static and qemu-<cpu> when execve fails (ENOEXEC on a
 * kernel without 32-bit support, say) or the child exits 126/127; always
 * under qemu for other CPUs and under Node.js for wasm. What was tried and
 * each errno are printed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/probe.h"

const ggi_probe_arch ggi_probe_arches[GGI_PROBE_NARCH] = {
    {"amd64", "x86_64"},	{"386", "i386"},    {"arm", "arm"},	    {"arm64", "aarch64"},
    {"loong64", "loongarch64"}, {"mips", "mips"},   {"mipsle", "mipsel"},   {"mips64", "mips64"},
    {"mips64le", "mips64el"},	{"ppc64", "ppc64"}, {"ppc64le", "ppc64le"}, {"riscv64", "riscv64"},
    {"s390x", "s390x"},		{"wasm", NULL},
};

typedef enum { R_NATIVE, R_QEMU, R_NODE } runner_kind;

typedef struct runner {
	runner_kind kind;
	char *path; /* qemu or node; NULL when native */
} runner;

enum { PH_OFF, PH_BUILD, PH_BUILDING, PH_CHECK, PH_CHECKING, PH_RUN, PH_DONE };

typedef struct arch_state {
	int phase;
	ggi_arch_result res;
	char **env;
	char bin[4300];
	runner cand[3]; /* tried in order until one starts the binary */
	int ncand, cur;
	char tried[2048];  /* the runners that failed so far, and how */
	char missing[256]; /* the qemu names not found, for the message */
	size_t next, done, total, failed;
	double t_start, t_built;
} arch_state;

enum { K_BUILD, K_CHECK, K_RUN };

typedef struct slot {
	int used, kind;
	size_t arch, type;
	pid_t pid;
	double start;
} slot;

typedef struct sched {
	const ggi_probe_cfg *cfg;
	arch_state a[GGI_PROBE_NARCH];
	slot *slots;
	int nrun;
	char gobin[4200], wasm_exec[4200], shim[4200];
	char *node;
	size_t runs_total, runs_done;
	int bar_shown;
} sched;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* ---------------------------------------------------------------- messages */

/* Clears the progress bar so that a message starts on a clean line. */
static void bar_clear(sched *s)
{
	if (s->bar_shown) {
		fputs("\r\033[K", stderr);
		s->bar_shown = 0;
	}
}

static void bar_draw(sched *s, size_t a, size_t type)
{
	enum { W = 30 };
	size_t fill = s->runs_total ? s->runs_done * W / s->runs_total : W;
	char bar[W + 1];
	for (size_t i = 0; i < W; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[W] = 0;
	fprintf(stderr, "\r\033[Kgogrow probe: [%s] %zu/%zu %s %.40s", bar, s->runs_done, s->runs_total,
		ggi_probe_arches[a].arch, s->cfg->c->t[type].src);
	fflush(stderr);
	s->bar_shown = 1;
}

static void progress(sched *s, size_t a, size_t type, double secs)
{
	s->runs_done++;
	if (s->cfg->bar) {
		bar_draw(s, a, type);
		return;
	}
	fprintf(stderr, "gogrow probe: %s [%zu/%zu] %s: %.1fs\n", ggi_probe_arches[a].arch, s->a[a].done,
		s->a[a].total, s->cfg->c->t[type].src, secs);
}

static const char *runner_name(const runner *r)
{
	if (r->kind == R_NATIVE)
		return "native";
	const char *slash = strrchr(r->path, '/');
	return slash ? slash + 1 : r->path;
}

static void tried_add(arch_state *st, const char *fmt, const char *what, const char *detail)
{
	size_t n = strlen(st->tried);
	snprintf(st->tried + n, sizeof st->tried - n, fmt, n ? "; " : "", what, detail);
}

/* ---------------------------------------------------------------- setup */

static int host_runs(const char *cpu)
{
	struct utsname u;
	if (uname(&u) != 0)
		return 0;
	/* 32-bit x86 binaries run natively on an x86-64 Linux kernel, unless
	 * it was built without IA32 emulation: then execve says ENOEXEC. */
	return !strcmp(u.machine, cpu) || (!strcmp(cpu, "i386") && !strcmp(u.machine, "x86_64"));
}

/* Fills st->cand; returns 0 with *why set when the arch cannot run. */
static int find_runners(sched *s, size_t a, char why[512])
{
	arch_state *st = &s->a[a];
	const char *cpu = ggi_probe_arches[a].cpu;
	if (!cpu) {
		if (!s->node)
			snprintf(why, 512, "node (Node.js) is not in PATH");
		else if (!s->wasm_exec[0])
			snprintf(why, 512,
				 "GOROOT has no lib/wasm/wasm_exec_node.js or misc/wasm/wasm_exec_node.js");
		else
			st->cand[st->ncand++] = (runner){R_NODE, strdup(s->node)};
		return st->ncand;
	}
	int native = host_runs(cpu);
	if (native)
		st->cand[st->ncand++] = (runner){R_NATIVE, NULL};
	for (int k = 0; k < 2; k++) {
		char name[64];
		snprintf(name, sizeof name, k ? "qemu-%s" : "qemu-%s-static", cpu);
		char *q = ggi_probe_which(name);
		if (q)
			st->cand[st->ncand++] = (runner){R_QEMU, q};
		else if (native) {
			size_t n = strlen(st->missing);
			snprintf(st->missing + n, sizeof st->missing - n, "; %s: not in PATH", name);
		}
	}
	if (!st->ncand)
		snprintf(
		    why, 512,
		    "qemu-%s-static (or qemu-%s) is not in PATH (Debian: apt-get install qemu-user-static)",
		    cpu, cpu);
	return st->ncand;
}

/* Variables that would change what is built or measured: the toolchain is
 * pinned to --goroot, module downloads are off, and the collector runs with
 * its defaults. GOEXPERIMENT is left alone on purpose (noswissmap is a way
 * to probe classic maps on go1.24 and go1.25; runtime.Version() then says
 * so). */
static const char *const drop_vars[] = {"GOROOT",  "GOOS",	  "GOARCH",	"GOARM",      "GOTOOLCHAIN",
					"GOPROXY", "CGO_ENABLED", "GOFLAGS",	"GOWORK",     "GO111MODULE",
					"GOGC",	   "GODEBUG",	  "GOMEMLIMIT", "GOMAXPROCS", NULL};
static const char *const drop_with_exp[] = {
    "GOROOT", "GOOS",	     "GOARCH", "GOARM",	  "GOTOOLCHAIN", "GOPROXY",    "CGO_ENABLED",  "GOFLAGS",
    "GOWORK", "GO111MODULE", "GOGC",   "GODEBUG", "GOMEMLIMIT",	 "GOMAXPROCS", "GOEXPERIMENT", NULL};

static char **arch_env(const sched *s, size_t a)
{
	const char *arch = ggi_probe_arches[a].arch;
	char v_goroot[4200], v_goos[32], v_goarch[64], v_cache[4200];
	snprintf(v_goroot, sizeof v_goroot, "GOROOT=%s", s->cfg->goroot);
	snprintf(v_goos, sizeof v_goos, "GOOS=%s", ggi_probe_arches[a].cpu ? "linux" : "js");
	snprintf(v_goarch, sizeof v_goarch, "GOARCH=%s", arch);
	const char *add[16] = {v_goroot,	v_goos,	    v_goarch,	  "GOTOOLCHAIN=local", "GOPROXY=off",
			       "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off", "GO111MODULE=on"};
	size_t nadd = 9;
	char v_exp[256];
	if (s->cfg->goexperiment) {
		snprintf(v_exp, sizeof v_exp, "GOEXPERIMENT=%s", s->cfg->goexperiment);
		add[nadd++] = v_exp;
	}
	if (!strcmp(arch, "arm"))
		add[nadd++] = "GOARM=7";
	/* go needs a build cache; without HOME it has no default for one. */
	if (!getenv("GOCACHE") && !getenv("XDG_CACHE_HOME") && !getenv("HOME")) {
		const char *t = getenv("TMPDIR");
		snprintf(v_cache, sizeof v_cache, "GOCACHE=%s/gogrow-gocache", t && *t ? t : "/tmp");
		add[nadd++] = v_cache;
	}
	return ggi_probe_env(s->cfg->goexperiment ? drop_with_exp : drop_vars, add, nadd);
}

int ggi_probe_type_wanted(const ggi_probe_cfg *cfg, size_t i)
{
	return (cfg->c->t[i].files & cfg->files) != 0;
}

static int sched_init(sched *s, ggi_arch_result res[GGI_PROBE_NARCH])
{
	const ggi_probe_cfg *cfg = s->cfg;
	snprintf(s->gobin, sizeof s->gobin, "%s/bin/go", cfg->goroot);
	snprintf(s->shim, sizeof s->shim, "%s/node_shim.js", cfg->tmp);
	const char *wx[] = {"lib/wasm/wasm_exec_node.js", "misc/wasm/wasm_exec_node.js"};
	for (size_t i = 0; i < 2 && !s->wasm_exec[0]; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s/%s", cfg->goroot, wx[i]);
		if (access(path, R_OK) == 0)
			snprintf(s->wasm_exec, sizeof s->wasm_exec, "%s", path);
	}
	s->node = ggi_probe_which("node");
	size_t ntypes = 0;
	for (size_t i = 0; i < cfg->c->n; i++)
		ntypes += ggi_probe_type_wanted(cfg, i);
	for (size_t a = 0; a < GGI_PROBE_NARCH; a++) {
		arch_state *st = &s->a[a];
		res[a] = GGI_ARCH_OFF;
		if (!cfg->want[a])
			continue;
		char why[512];
		if (!find_runners(s, a, why)) {
			fprintf(stderr, "gogrow: warning: %s skipped: %s\n", ggi_probe_arches[a].arch, why);
			res[a] = GGI_ARCH_SKIPPED;
			continue;
		}
		if (!(st->env = arch_env(s, a)))
			return 0;
		snprintf(st->bin, sizeof st->bin, "%s/probe-%s%s", cfg->tmp, ggi_probe_arches[a].arch,
			 ggi_probe_arches[a].cpu ? "" : ".wasm");
		st->phase = PH_BUILD;
		st->total = ntypes;
		s->runs_total += ntypes;
	}
	return 1;
}

static void sched_free(sched *s)
{
	for (size_t a = 0; a < GGI_PROBE_NARCH; a++) {
		ggi_probe_env_free(s->a[a].env);
		for (int k = 0; k < s->a[a].ncand; k++)
			free(s->a[a].cand[k].path);
	}
	free(s->node);
	free(s->slots);
}

/* ---------------------------------------------------------------- jobs */

static void log_path(const sched *s, char *dst, size_t n, const char *what, size_t a, const slot *j)
{
	if (j->kind == K_RUN)
		snprintf(dst, n, "%s/%s-%s-%zu.txt", s->cfg->tmp, what, ggi_probe_arches[a].arch, j->type);
	else
		snprintf(dst, n, "%s/%s-%s-%s.txt", s->cfg->tmp, what, ggi_probe_arches[a].arch,
			 j->kind == K_BUILD ? "build" : "check");
}

/* The command line that runs the arch's binary with runner r and one
 * argument; the strings live in `store`. */
static void run_argv(const sched *s, size_t a, const runner *r, const char *arg, char *argv[48])
{
	const arch_state *st = &s->a[a];
	int k = 0;
	if (r->kind == R_NODE) {
		argv[k++] = r->path;
		argv[k++] = "--require";
		argv[k++] = (char *)s->shim;
		argv[k++] = (char *)s->wasm_exec;
	} else if (r->kind == R_QEMU)
		argv[k++] = r->path;
	argv[k++] = (char *)st->bin;
	if (s->cfg->run_args && strcmp(arg, "-version") != 0)
		for (size_t i = 0; s->cfg->run_args[i] && k < 47; i++)
			argv[k++] = (char *)s->cfg->run_args[i];
	else
		argv[k++] = (char *)arg;
	argv[k] = NULL;
}

/* Runs of the arch still under way end normally but cannot make it
 * succeed again (see run_done). */
static void arch_fail(sched *s, size_t a)
{
	arch_state *st = &s->a[a];
	st->failed++;
	st->res = GGI_ARCH_FAILED;
	st->phase = PH_DONE;
	s->runs_total -= st->total - st->done;
}

/* Starts the arch's binary with the current runner, falling back to the
 * next one when execve fails. Returns 1 with j->pid set, 0 when no runner
 * could start it (the arch has then failed, with a message). */
static int start_binary(sched *s, size_t a, slot *j, const char *arg)
{
	arch_state *st = &s->a[a];
	char out[4200], err[4200];
	log_path(s, out, sizeof out, "out", a, j);
	log_path(s, err, sizeof err, "err", a, j);
	for (; st->cur < st->ncand; st->cur++) {
		char *argv[48];
		int e;
		const char *what;
		run_argv(s, a, &st->cand[st->cur], arg, argv);
		if (ggi_probe_spawn(argv, st->env, s->cfg->tmp, out, err, &j->pid, &e, &what) == 0)
			return 1;
		char detail[300], nb[24];
		snprintf(detail, sizeof detail, "%s %s: %s (%s)", what, argv[0], strerror(e),
			 ggi_probe_errno_name(e, nb));
		tried_add(st, "%s%s: %s", runner_name(&st->cand[st->cur]), detail);
	}
	bar_clear(s);
	cli_error("%s: cannot run the probe binary; tried %s%s", ggi_probe_arches[a].arch, st->tried,
		  st->missing);
	arch_fail(s, a);
	return 0;
}

static int start_job(sched *s, slot *j)
{
	arch_state *st = &s->a[j->arch];
	j->start = ggi_probe_now();
	if (j->kind == K_BUILD) {
		char *argv[24] = {s->gobin, "build"};
		int k = 2;
		for (size_t i = 0; s->cfg->build_flags && s->cfg->build_flags[i] && k < 20; i++)
			argv[k++] = (char *)s->cfg->build_flags[i];
		argv[k++] = "-o";
		argv[k++] = st->bin;
		argv[k++] = ".";
		argv[k] = NULL;
		char err[4200];
		log_path(s, err, sizeof err, "err", j->arch, j);
		int e;
		const char *what;
		st->t_start = j->start;
		st->phase = PH_BUILDING;
		if (ggi_probe_spawn(argv, st->env, s->cfg->tmp, err, err, &j->pid, &e, &what) != 0) {
			char nb[24];
			bar_clear(s);
			cli_error("%s: cannot start %s: %s failed: %s (%s)", ggi_probe_arches[j->arch].arch,
				  s->gobin, what, strerror(e), ggi_probe_errno_name(e, nb));
			arch_fail(s, j->arch);
			return 0;
		}
		return 1;
	}
	char idx[24];
	snprintf(idx, sizeof idx, "%zu", j->type);
	if (j->kind == K_CHECK)
		st->phase = PH_CHECKING;
	return start_binary(s, j->arch, j, j->kind == K_CHECK ? "-version" : idx);
}

/* Picks the next job: checks first (they unlock an arch's runs), then runs,
 * then builds. Returns 0 when nothing is ready. */
static int next_job(sched *s, slot *j)
{
	const int order[] = {PH_CHECK, PH_RUN, PH_BUILD};
	for (int o = 0; o < 3; o++)
		for (size_t a = 0; a < GGI_PROBE_NARCH; a++) {
			arch_state *st = &s->a[a];
			if (st->phase != order[o])
				continue;
			if (order[o] == PH_RUN) {
				while (st->next < s->cfg->c->n && !ggi_probe_type_wanted(s->cfg, st->next))
					st->next++;
				if (st->next >= s->cfg->c->n)
					continue;
				*j = (slot){1, K_RUN, a, st->next++, 0, 0};
				return 1;
			}
			*j = (slot){1, order[o] == PH_CHECK ? K_CHECK : K_BUILD, a, 0, 0, 0};
			return 1;
		}
	return 0;
}

/* Fills free slots; returns 1 if it did anything. */
static int dispatch(sched *s)
{
	int any = 0;
	for (int i = 0; i < s->cfg->jobs; i++) {
		if (s->slots[i].used)
			continue;
		slot j;
		while (next_job(s, &j)) {
			any = 1;
			if (start_job(s, &j)) {
				s->slots[i] = j;
				s->nrun++;
				break;
			}
		}
	}
	return any;
}

/* ---------------------------------------------------------------- completions */

static void build_done(sched *s, const slot *j, int status)
{
	arch_state *st = &s->a[j->arch];
	const char *arch = ggi_probe_arches[j->arch].arch;
	st->t_built = ggi_probe_now();
	if (status != 0) {
		char err[4200];
		log_path(s, err, sizeof err, "err", j->arch, j);
		bar_clear(s);
		cli_error("%s: go build failed (exit status %d):", arch, status);
		ggi_probe_show_log(err);
		arch_fail(s, j->arch);
		return;
	}
	st->phase = PH_CHECK;
}

/* "go1.24.4 X:noswissmap amd64\n": the release (which may hold a space)
 * into ver, and 1 if the last word is `arch`. */
static int split_version(const char *text, char ver[128], const char *arch)
{
	size_t n = strcspn(text, "\n");
	const char *sp = NULL;
	for (size_t i = 0; i < n; i++)
		if (text[i] == ' ')
			sp = text + i;
	if (!sp || strncmp(text, "go", 2) != 0 || (size_t)(sp - text) >= 128)
		return 0;
	snprintf(ver, 128, "%.*s", (int)(sp - text), text);
	return n - (size_t)(sp + 1 - text) == strlen(arch) && !strncmp(sp + 1, arch, strlen(arch));
}

/* The check run printed "goVERSION GOARCH"; anything else means the
 * binary did not really run (or not as the arch asked for). */
static void check_done(sched *s, const slot *j, int status)
{
	arch_state *st = &s->a[j->arch];
	const char *arch = ggi_probe_arches[j->arch].arch;
	const runner *r = &st->cand[st->cur];
	char out[4200], err[4200];
	log_path(s, out, sizeof out, "out", j->arch, j);
	log_path(s, err, sizeof err, "err", j->arch, j);
	if ((status == 126 || status == 127) && st->cur + 1 < st->ncand) {
		char detail[64];
		snprintf(detail, sizeof detail, "exit status %d", status);
		tried_add(st, "%s%s: %s", runner_name(r), detail);
		st->cur++;
		st->phase = PH_CHECK;
		return;
	}
	char *text = status == 0 ? ggi_probe_read_file(out, NULL) : NULL;
	char ver[128] = "";
	if (!text || !split_version(text, ver, arch)) {
		bar_clear(s);
		if (status != 0)
			cli_error("%s: the probe binary failed under %s (exit status %d)%s%s%s:", arch,
				  runner_name(r), status, st->tried[0] ? "; before that: " : "", st->tried,
				  st->missing);
		else
			cli_error("%s: the probe binary under %s printed \"%.60s\", not a Go version and %s",
				  arch, runner_name(r), text ? text : "", arch);
		ggi_probe_show_log(err);
		free(text);
		arch_fail(s, j->arch);
		return;
	}
	free(text);
	bar_clear(s);
	fprintf(stderr, "gogrow probe: %s: %s, built in %.1fs, runs %s%s%s%s\n", arch, ver,
		st->t_built - st->t_start, runner_name(r), st->tried[0] ? " (after: " : "", st->tried,
		st->tried[0] ? ")" : "");
	st->phase = st->total ? PH_RUN : PH_DONE;
	if (!st->total)
		st->res = GGI_ARCH_OK;
}

static void run_done(sched *s, const slot *j, int status, int timed_out)
{
	arch_state *st = &s->a[j->arch];
	const char *arch = ggi_probe_arches[j->arch].arch;
	double secs = ggi_probe_now() - j->start;
	st->done++;
	if (timed_out || status != 0) {
		char err[4200];
		log_path(s, err, sizeof err, "err", j->arch, j);
		st->failed++;
		s->runs_done++;
		bar_clear(s);
		if (timed_out)
			cli_error("%s: %s (type %zu): killed after %.0f s (--timeout %g)", arch,
				  s->cfg->c->t[j->type].src, j->type, secs, s->cfg->timeout);
		else
			cli_error("%s: %s (type %zu): the probe failed (exit status %d):", arch,
				  s->cfg->c->t[j->type].src, j->type, status);
		ggi_probe_show_log(err);
	} else
		progress(s, j->arch, j->type, secs);
	if (st->phase != PH_DONE && st->done == st->total) {
		st->phase = PH_DONE;
		st->res = st->failed ? GGI_ARCH_FAILED : GGI_ARCH_OK;
		bar_clear(s);
		fprintf(stderr, "gogrow probe: %s: %zu of %zu %s in %.1fs%s\n", arch, st->done - st->failed,
			st->total, s->cfg->run_args ? "runs done" : "types measured",
			ggi_probe_now() - st->t_start, st->failed ? "; its results are left out" : "");
	}
}

static void finish(sched *s, slot *j, int status, int timed_out)
{
	j->used = 0;
	s->nrun--;
	if (j->kind == K_BUILD)
		build_done(s, j, status);
	else if (j->kind == K_CHECK) {
		if (timed_out) {
			bar_clear(s);
			cli_error("%s: the check run (-version) was killed after %g s (--timeout)",
				  ggi_probe_arches[j->arch].arch, s->cfg->timeout);
			arch_fail(s, j->arch);
		} else
			check_done(s, j, status);
	} else
		run_done(s, j, status, timed_out);
}

/* Reaps ended children and kills those past --timeout (builds have no
 * limit: the first build of an arch compiles its standard library).
 * Returns 1 if any slot changed. */
static int reap(sched *s)
{
	int changed = 0;
	double now = ggi_probe_now();
	for (int i = 0; i < s->cfg->jobs; i++) {
		slot *j = &s->slots[i];
		if (!j->used)
			continue;
		int status = 0, r = ggi_probe_poll(j->pid, &status);
		if (r != 0) {
			finish(s, j, r < 0 ? 255 : status, 0);
			changed = 1;
		} else if (j->kind != K_BUILD && s->cfg->timeout > 0 && now - j->start > s->cfg->timeout) {
			ggi_probe_kill(j->pid);
			finish(s, j, 137, 1);
			changed = 1;
		}
	}
	return changed;
}

static void kill_all(sched *s)
{
	for (int i = 0; i < s->cfg->jobs; i++)
		if (s->slots[i].used) {
			ggi_probe_kill(s->slots[i].pid);
			s->slots[i].used = 0;
		}
	s->nrun = 0;
}

int ggi_probe_execute(const ggi_probe_cfg *cfg, ggi_arch_result res[GGI_PROBE_NARCH])
{
	sched s = {.cfg = cfg};
	s.slots = calloc((size_t)cfg->jobs, sizeof *s.slots);
	if (!s.slots || !sched_init(&s, res)) {
		sched_free(&s);
		return 0;
	}
	/* Children live in their own process groups (so that a timeout kills
	 * qemu's or go's children too), which also keeps ^C from reaching
	 * them: pass it on. */
	struct sigaction sa = {0}, old_int, old_term;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	for (;;) {
		int did = dispatch(&s);
		if (!s.nrun && !did)
			break;
		if (interrupted) {
			kill_all(&s);
			break;
		}
		if (!reap(&s) && !did) {
			struct timespec ts = {0, 10 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	bar_clear(&s);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	for (size_t a = 0; a < GGI_PROBE_NARCH; a++)
		if (cfg->want[a] && res[a] != GGI_ARCH_SKIPPED)
			res[a] = s.a[a].phase == PH_DONE ? s.a[a].res : GGI_ARCH_FAILED;
	sched_free(&s);
	if (interrupted) {
		cli_error("interrupted");
		return -1;
	}
	return 1;
}
