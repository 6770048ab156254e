/* The runtime slice (Go's append, on libc malloc and on the gogrow heap)
 * against realloc-doubling vectors, side by side in one run: 10 M appends
 * of int64 and of a 48-byte struct, and a growth-heavy small workload (1000
 * appends, 20000 times) for the cost of a trace hook. Times are CPU
 * seconds of the measuring process. Contenders run in interleaved rounds (a
 * different order each round) so that a noisy neighbour hurts them alike.
 * Each measurement runs in a fresh child process: glibc adapts its mmap
 * and trim thresholds to what was freed before, so one contender would
 * otherwise change the next one's page faults. Each run includes the free.
 *
 * Output, one TSV line per workload and contender:
 *   workload  contender  median_s  min_s  max_s  growths  bytes_copied
 * bench/slice/run.sh turns it into the ratios of docs/runtime.md §12. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gogrow/rt_heap.h"
#include "gogrow/rt_slice.h"

typedef struct rec48 {
	int64_t a, b, c, d, e, f;
} rec48;

/* CPU time of the process, user and system (page faults included): on a
 * shared machine wall time would count the waits for a core. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What each run reports besides its time, so that the work can be checked
 * equal across contenders (same sum) and the growth costs compared. */
typedef struct outcome {
	uint64_t sum, growths, copied;
} outcome;

/* A realloc-doubling vector as C code usually writes one; the element size
 * is a run-time value, as it is for the slice. */
typedef struct vec {
	char *p;
	size_t len, cap, size;
} vec;

static int vec_push(vec *v, const void *e, outcome *o)
{
	if (v->len == v->cap) {
		size_t nc = v->cap ? 2 * v->cap : 4;
		char *p = realloc(v->p, nc * v->size);
		if (!p)
			return 0;
		o->growths++;
		o->copied += v->len * v->size; /* at most: realloc may move pages instead */
		v->p = p;
		v->cap = nc;
	}
	memcpy(v->p + v->len++ * v->size, e, v->size);
	return 1;
}

enum { C_SLICE, C_TRACED, C_RESIZE, C_HEAP, C_HEAP_COPY, C_VEC, C_VEC_TYPED, NCONT };
static const char *cont_name[NCONT] = {
    "gg_rt_slice",	   "gg_rt_slice+noop_tracer",  "gg_rt_slice+realloc",
    "gg_rt_slice+gg_heap", "gg_rt_slice+gg_heap_copy", "realloc_x2",
    "realloc_x2_typed"};

static void noop(void *ctx, const gg_rt_event *ev)
{
	(void)ctx;
	(void)ev;
}

/* The slice on libc malloc, go1.27: growing by alloc+copy+free as Go does,
 * or (resize) by realloc; traced: with a hook that does nothing. On the
 * gogrow heap (`heap` given), Go's way: this project's whole machinery;
 * with `copy`, without the heap's grow (every growth copies, as before
 * 2026-12-02). */
static int run_slice(size_t size, long n, int traced, int resize, gg_rt_heap *heap, int copy, outcome *o)
{
	gg_rt_slice s;
	gg_rt_allocator ha;
	gg_rt_slice_config c = {{size, 8, 1}, 0, NULL, GG_ESC_HEAP, resize ? gg_rt_slice_resize_libc : NULL};
	if (heap) {
		gg_rt_heap_allocator(heap, &ha);
		if (copy)
			ha.grow = NULL;
		c.alloc = &ha;
	}
	if (gg_rt_slice_init(&s, &c, NULL) != GG_OK)
		return 0;
	gg_rt_tracer t = {noop, NULL};
	if (traced)
		gg_rt_slice_set_tracer(&s, &t);
	rec48 e = {0};
	for (long i = 0; i < n; i++) {
		e.a = i;
		if (gg_rt_slice_append(&s, &e, NULL) != GG_OK)
			return 0;
	}
	for (long i = 0; i < n; i += 4096)
		o->sum += (uint64_t)((rec48 *)gg_rt_slice_at(&s, i))->a;
	gg_rt_slice_stats st = gg_rt_slice_stats_get(&s);
	o->growths = st.growths;
	o->copied = st.bytes_copied;
	gg_rt_slice_free(&s);
	return 1;
}

/* One heap per measurement (each is a fresh process), made in the timed
 * part: its arenas are mapped and faulted in there, as libc's are. */
static int run_heap(size_t size, long n, int copy, outcome *o)
{
	static gg_rt_heap *h;
	if (!h && gg_rt_heap_create(NULL, &h, NULL) != GG_OK)
		return 0;
	return run_slice(size, n, 0, 0, h, copy, o);
}

static int run_vec(size_t size, long n, outcome *o)
{
	vec v = {NULL, 0, 0, size};
	rec48 e = {0};
	for (long i = 0; i < n; i++) {
		e.a = i;
		if (!vec_push(&v, &e, o))
			return 0;
	}
	for (long i = 0; i < n; i += 4096)
		o->sum += (uint64_t)((rec48 *)(v.p + (size_t)i * size))->a;
	free(v.p);
	return 1;
}

/* The same, typed (the element size is a compile-time constant), as a
 * kvec-style macro vector would be. */
#define TYPED_RUN(T, FIELD)                                                                                  \
	do {                                                                                                 \
		T *p = NULL, e;                                                                              \
		size_t len = 0, cap = 0;                                                                     \
		memset(&e, 0, sizeof e);                                                                     \
		for (long i = 0; i < n; i++) {                                                               \
			if (len == cap) {                                                                    \
				size_t nc = cap ? 2 * cap : 4;                                               \
				T *q = realloc(p, nc * sizeof(T));                                           \
				if (!q)                                                                      \
					return 0;                                                            \
				o->growths++;                                                                \
				o->copied += len * sizeof(T);                                                \
				p = q;                                                                       \
				cap = nc;                                                                    \
			}                                                                                    \
			e FIELD = i;                                                                         \
			p[len++] = e;                                                                        \
		}                                                                                            \
		for (long i = 0; i < n; i += 4096)                                                           \
			o->sum += (uint64_t)(p[i] FIELD);                                                    \
		free(p);                                                                                     \
	} while (0)

static int run_typed(size_t size, long n, outcome *o)
{
	if (size == 8)
		TYPED_RUN(int64_t, );
	else
		TYPED_RUN(rec48, .a);
	return 1;
}

static int run(int cont, size_t size, long n, outcome *o)
{
	*o = (outcome){0};
	switch (cont) {
	case C_SLICE: return run_slice(size, n, 0, 0, NULL, 0, o);
	case C_TRACED: return run_slice(size, n, 1, 0, NULL, 0, o);
	case C_RESIZE: return run_slice(size, n, 0, 1, NULL, 0, o);
	case C_HEAP: return run_heap(size, n, 0, o);
	case C_HEAP_COPY: return run_heap(size, n, 1, o);
	case C_VEC: return run_vec(size, n, o);
	default: return run_typed(size, n, o);
	}
}

/* reps runs of n appends, timed in a child process; <0 on failure. */
static double measure(int cont, size_t size, long n, long reps, outcome *o)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct {
			double t;
			outcome o;
		} r = {0, {0, 0, 0}};
		double t0 = now();
		for (long i = 0; i < reps; i++) {
			outcome one;
			if (!run(cont, size, n, &one))
				_exit(1);
			r.o.sum += one.sum;
			r.o.growths = one.growths;
			r.o.copied = one.copied;
		}
		r.t = now() - t0;
		_exit(write(fd[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
	}
	close(fd[1]);
	struct {
		double t;
		outcome o;
	} r;
	ssize_t got = read(fd[0], &r, sizeof r);
	close(fd[0]);
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    got != (ssize_t)sizeof r)
		return -1;
	*o = r.o;
	return r.t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

#define MAX_ROUNDS 101

typedef struct workload {
	const char *name;
	size_t size;
	long n, reps;
	int conts[NCONT], nconts;
} workload;

static int bench(const workload *w, int rounds)
{
	static double t[NCONT][MAX_ROUNDS];
	outcome o[NCONT];
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < w->nconts; k++) {
			int c = w->conts[(k + r) % w->nconts];
			t[c][r] = measure(c, w->size, w->n, w->reps, &o[c]);
			if (t[c][r] < 0) {
				fprintf(stderr, "%s: %s failed (out of memory?)\n", w->name, cont_name[c]);
				return 0;
			}
		}
	for (int k = 0; k < w->nconts; k++) {
		int c = w->conts[k];
		if (o[c].sum != o[w->conts[0]].sum) {
			fprintf(stderr, "%s: wrong contents\n", cont_name[c]);
			return 0;
		}
		qsort(t[c], (size_t)rounds, sizeof(double), cmp_double);
		printf("%s\t%s\t%.4f\t%.4f\t%.4f\t%llu\t%llu\n", w->name, cont_name[c], t[c][rounds / 2],
		       t[c][0], t[c][rounds - 1], (unsigned long long)o[c].growths,
		       (unsigned long long)o[c].copied);
	}
	fflush(stdout);
	return 1;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 9;
	const char *only = argc > 3 ? argv[3] : NULL; /* one workload by name */
	if (n <= 0 || rounds <= 0 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: bench_slice [appends] [rounds <= %d] [workload]\n", MAX_ROUNDS);
		return 2;
	}
	const workload ws[] = {
	    {"append_int64",
	     8,
	     n,
	     1,
	     {C_SLICE, C_HEAP, C_HEAP_COPY, C_RESIZE, C_TRACED, C_VEC, C_VEC_TYPED},
	     7},
	    {"append_48B",
	     48,
	     n,
	     1,
	     {C_SLICE, C_HEAP, C_HEAP_COPY, C_RESIZE, C_TRACED, C_VEC, C_VEC_TYPED},
	     7},
	    /* Growth-heavy and in cache: 12 growths per 1000 appends. */
	    {"small_int64", 8, 1000, 20000, {C_SLICE, C_HEAP, C_TRACED, C_RESIZE, C_VEC}, 5},
	};
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
		if ((!only || strcmp(only, ws[i].name) == 0) && !bench(&ws[i], rounds))
			return 1;
	return 0;
}
