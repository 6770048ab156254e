/* Internal pieces of `gogrow probe`: processes and files (probe_exec.c), the
 * type corpus and the generated Go source (probe_gen.c), and the job runner
 * that builds and runs the probe for every arch (probe_sched.c). */
#ifndef GOGROW_PROBE_H
#define GOGROW_PROBE_H

#include <stddef.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- processes */

/* Starts argv[0] (a path) with argv and envp in its own process group, in
 * directory `cwd` (NULL: ours), stdout and stderr sent to the files named
 * (NULL: ours). No shell is involved. Returns 0 with *pid set once execve
 * succeeded. Otherwise returns -1 with *err the errno of the step that
 * failed and *what naming it ("fork", "chdir", "redirect", "execve"); no
 * child is left behind. */
int ggi_probe_spawn(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
		    const char *err_path, pid_t *pid, int *err, const char **what);

/* Checks a child started by ggi_probe_spawn without blocking. Returns 1 and
 * sets *status (the exit status, or 128+signal) when it has ended, 0 while
 * it runs, -1 on a wait error. */
int ggi_probe_poll(pid_t pid, int *status);

/* Kills the child's whole process group (qemu, node and go start their
 * own children) and reaps it. */
void ggi_probe_kill(pid_t pid);

/* Runs a child to its end: ggi_probe_spawn then a blocking wait. Returns the
 * exit status, 128+signal when killed, or -1 (after printing why) when it
 * could not be started. */
int ggi_probe_run(char *const argv[], char *const envp[], const char *cwd, const char *out_path,
		  const char *err_path);

/* Symbolic name of an errno value ("ENOEXEC"), "errno N" when unknown;
 * `buf` holds the latter. */
const char *ggi_probe_errno_name(int e, char buf[24]);

/* Looks `name` up in $PATH. Returns a malloc'd path or NULL. */
char *ggi_probe_which(const char *name);

/* 1 if `path` names an executable regular file. */
int ggi_probe_executable(const char *path);

/* Our environment without the variables listed in `drop` (NULL-terminated
 * names), followed by the NAME=VALUE strings of `add`. Free with
 * ggi_probe_env_free. */
char **ggi_probe_env(const char *const drop[], const char *const add[], size_t nadd);
void ggi_probe_env_free(char **env);

/* ---------------------------------------------------------------- files */

/* Writes `len` bytes of `text` to dir/name. Returns 0 after printing on error. */
int ggi_probe_write_file(const char *dir, const char *name, const char *text, size_t len);

/* Reads a whole file (NUL-terminated). NULL on error; *len gets the size. */
char *ggi_probe_read_file(const char *path, size_t *len);

/* Creates `path` and its missing parents (mkdir -p). Returns 0 after
 * printing when that fails or when `path` exists but is not a directory. */
int ggi_probe_mkdirs(const char *path);

/* Removes a directory tree; used for the probe's temporary module. */
void ggi_probe_rmtree(const char *path);

/* Prints the last lines (at most 4000 bytes) of a child's log file. */
void ggi_probe_show_log(const char *path);

/* Seconds since an arbitrary point (CLOCK_MONOTONIC). */
double ggi_probe_now(void);

/* ---------------------------------------------------------------- corpus */

/* The files a type can go to (probe/types.txt, --files). */
enum { GGI_F_LAYOUT, GGI_F_GROWTH, GGI_F_APPEND, GGI_F_MAKEMAP, GGI_F_MAPGROW, GGI_NFILES };
extern const char *const ggi_probe_file_names[GGI_NFILES];

typedef struct ggi_probe_type {
	char *src;	/* the type as written */
	unsigned files; /* bit set of GGI_F_* */
	long n;		/* mapgrow keys */
	char *key, *val;
} ggi_probe_type;

typedef struct ggi_probe_corpus {
	ggi_probe_type *t;
	size_t n;
} ggi_probe_corpus;

/* A comma-separated list of file names into a bit set; 0 after printing. */
int ggi_probe_parse_files(const char *s, unsigned *out);

/* Parses a corpus (modifies `text`); `name` is used in messages. Returns 0
 * after printing on error; free with ggi_probe_corpus_free either way. */
int ggi_probe_corpus_parse(const char *name, char *text, ggi_probe_corpus *c);
void ggi_probe_corpus_free(ggi_probe_corpus *c);

/* gen.go for the corpus restricted to `files`; malloc'd, NULL when out of
 * memory. */
char *ggi_probe_generate(const ggi_probe_corpus *c, unsigned files);

/* The text of an embedded probe/ file ("" if unknown). */
const char *ggi_probe_embedded(const char *name);

/* ---------------------------------------------------------------- arches and jobs */

/* How each GOARCH runs on a Linux host: its qemu-user CPU name (also
 * uname's machine name when the host is that CPU), NULL for wasm. In golden
 * order, which is also the order of rows in the files. */
typedef struct ggi_probe_arch {
	const char *arch, *cpu;
} ggi_probe_arch;
#define GGI_PROBE_NARCH 14
extern const ggi_probe_arch ggi_probe_arches[GGI_PROBE_NARCH];

/* What became of an arch asked for. */
typedef enum { GGI_ARCH_OFF, GGI_ARCH_SKIPPED, GGI_ARCH_OK, GGI_ARCH_FAILED } ggi_arch_result;

typedef struct ggi_probe_cfg {
	const char *goroot, *tmp; /* the toolchain; the module written by the caller */
	const ggi_probe_corpus *c;
	unsigned files; /* --files */
	int want[GGI_PROBE_NARCH];
	int jobs;	/* children at once (--jobs) */
	double timeout; /* seconds per run, 0: none (--timeout) */
	int bar;	/* draw a progress bar instead of one line per type */
	/* Program kinds (probe_prog.c): GOEXPERIMENT for build and runs (NULL:
	 * ours), flags after "go build", and the arguments of the one run (it
	 * replaces the type index). NULL-terminated; NULL for none. */
	const char *goexperiment;
	const char *const *build_flags, *const *run_args;
} ggi_probe_cfg;

/* 1 if type i has rows in the files asked for. */
int ggi_probe_type_wanted(const ggi_probe_cfg *cfg, size_t i);

/* Builds the module in cfg->tmp for every arch wanted and runs the binary
 * once per wanted type; the output of type i on arch A is
 * cfg->tmp/out-A-i.txt. Every failure is printed as it happens and the
 * remaining work goes on. res[a] says what became of each arch. Returns 1,
 * 0 when out of memory, -1 after SIGINT or SIGTERM (children killed). */
int ggi_probe_execute(const ggi_probe_cfg *cfg, ggi_arch_result res[GGI_PROBE_NARCH]);

/* ---------------------------------------------------------------- program kinds */

typedef struct ggi_probe_prog_opts {
	long runs;	       /* churn: runs per workload */
	const char *workloads; /* churn: "N,K N,K ..." */
	int local;	       /* churn: the map does not escape */
} ggi_probe_prog_opts;

/* 1 if `name` is a program kind (map, mapstack, churn). */
int ggi_probe_is_prog_kind(const char *name);

/* Runs a program kind with every toolchain of `goroots` ("DIR" or
 * "DIR@GOEXPERIMENT", comma-separated) for the arches of base->want, with
 * base's jobs, timeout and progress settings, and writes its files into
 * outdir. Returns the exit status. */
int ggi_probe_prog(const char *kind, const char *goroots, const ggi_probe_cfg *base,
		   const ggi_probe_prog_opts *o, const char *outdir, int keep);

/* --convert maps: the raw real-Go map outputs in `src` (mapmake_*,
 * classicgrowth_* and their programs) into out/mapalloc.tsv and
 * out/mapgrow_classic.tsv (probe_convert.c). Returns the exit status. */
int ggi_probe_convert_maps(const char *src, const char *out);

/* --convert slices: the raw real-Go slice outputs in `src` (grow_*,
 * layout_*, stackappend_* and their programs) into out/grow_ARCH.tsv,
 * layout_ARCH.tsv, stackappend_ARCH.tsv and conv_ARCH.tsv for amd64 and 386
 * (probe_convert_slices.c). Returns the exit status. */
int ggi_probe_convert_slices(const char *src, const char *out);

/* The entries of a directory in byte order, NULL when it cannot be read;
 * free with ggi_probe_free_names. */
char **ggi_probe_list_dir(const char *dir, size_t *n);
void ggi_probe_free_names(char **names, size_t n);
#endif
