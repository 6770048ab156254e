/* Answers are data: each command first asks the library everything it will
 * print and keeps it in one of these structures (numbers and strings, owned
 * by the caller, freed with the matching *_answer_free), then hands it to a
 * writer in src/cli/out/ (text table, TSV, JSON). A command's numbers are
 * therefore computed once, whatever the format, and a host without a
 * terminal (the WebAssembly build) can take the same answers. */
#ifndef GOGROW_ANSWER_H
#define GOGROW_ANSWER_H

#include "cli/cli.h"
#include "gogrow/map.h"
#include "gogrow/workload.h"

/* What one target said, when it refused: the status and its message. */
typedef struct answer_target {
	int go;
	const char *arch; /* the library's static arch name */
	gg_status st;
	char msg[GG_ERROR_MSG_MAX];
} answer_target;

/* gogrow append: s := make([]T, len, cap); s = append(s, <add elements>) */
typedef struct append_row {
	answer_target t;
	gg_elem el;
	gg_grow g;
} append_row;

typedef struct append_answer {
	const char *type; /* the argument as given */
	int64_t len, cap, add;
	gg_escape esc;
	append_row *rows; /* one per target */
	int nrows;
} append_answer;

/* Fills a->rows for every target of c (a->len..esc set by the caller).
 * Returns 0 only when out of memory. */
int append_answer_build(append_answer *a, const cli_common *c, const gg_type *elem);
void append_answer_free(append_answer *a);

/* gogrow classes: the size-class table for each target. */
typedef struct classes_row {
	int go;
	const char *arch;
	int cls;
	uint32_t bytes, pages, objs_noscan, objs_scan, tail_waste;
} classes_row;

typedef struct classes_answer {
	classes_row *rows;
	size_t nrows;
} classes_answer;

int classes_answer_build(classes_answer *a, const cli_common *c);
void classes_answer_free(classes_answer *a);

/* gogrow grow: every step while appending one element at a time, per target. */
typedef struct grow_series {
	answer_target t;
	gg_elem e;
	gg_grow *steps;
	size_t n, cap;
	int final_move; /* the last step is the escape point's move to the heap */
	int oom;
} grow_series;

typedef struct grow_answer {
	const char *type; /* the argument as given */
	int64_t n;	  /* --n, or -1 for each element size's golden length */
	int64_t shown_n;  /* the n JSON reports: the last target's length */
	gg_escape esc;
	grow_series *ss; /* one per target */
	int nseries;
} grow_answer;

/* Fills a->ss (a->type, n and esc set by the caller); 0 when out of memory. */
int grow_answer_build(grow_answer *a, const cli_common *c, const gg_type *elem);
void grow_answer_free(grow_answer *a);

/* gogrow compare: one question over releases (rows) x arches (columns). */
#define COMPARE_CELL 48
typedef struct compare_answer {
	const char *type; /* the argument as given */
	int64_t len, cap, add, hint;
	int has_hint; /* the heap bytes of make(map, hint) */
	int is_slice; /* cap() after an append; else size/align */
	int gos[GG_GO_MAX + 1], ngo;
	const char *arches[16]; /* the library's static arch names */
	int narch;
	char (*cells)[COMPARE_CELL]; /* ngo x narch, row by row; "-": no such port */
	int rc;			     /* EXIT_GO_REJECTS when a cell is one Go rejects */
} compare_answer;

/* The axes from c's targets, then every cell about t (the element type
 * for a slice question); 0 when out of memory. */
int compare_answer_build(compare_answer *a, const cli_common *c, const gg_type *t);
void compare_answer_free(compare_answer *a);

/* gogrow advise: what growing one element at a time costs. */
typedef struct advise_cost {
	int64_t grows;	    /* growslice calls (each one copies the old array) */
	uint64_t allocated; /* heap bytes of every allocation */
	uint64_t copied;    /* bytes copied by the growths */
	int64_t cap;	    /* final cap */
} advise_cost;

/* --n N for a slice: make(T, 0, fill) against growing from empty. */
typedef struct advise_slice_answer {
	const char *type;
	int go;
	const char *arch;
	int64_t n, fill; /* fill: n rounded up to its size class */
	uint64_t elem_size;
	advise_cost exact, grow;
} advise_slice_answer;

#define ADVISE_MAX_LENS 64
/* --pattern L1,L2,...: each candidate cap's totals over all runs. */
typedef struct advise_pattern_answer {
	const char *type, *pattern;
	int64_t lens[ADVISE_MAX_LENS];
	int nl;
	int64_t cands[ADVISE_MAX_LENS + 1];
	advise_cost totals[ADVISE_MAX_LENS + 1];
	int nc, best;
} advise_pattern_answer;

/* What advise says of a map: the figures with the hint and growing from
 * empty, and how sure each is. */
typedef struct advise_map_answer {
	const char *type; /* the argument as given */
	int go;
	const char *arch;
	gg_mapimpl impl;
	int64_t n;
	uint64_t make_bytes; /* what make(map, n) allocates */
	uint64_t entries;    /* per-key objects (keys or elems over 128 bytes) */
	uint64_t with;	     /* bytes allocated with make(map, n) and n inserts */
	uint64_t from_empty; /* the same from make(map): exact, or the simulation's median */
	int64_t steps;	     /* deterministic growth steps from empty */
	int seeded;	     /* from_empty depends on the hash seed */
	int simulated;	     /* ... and was simulated (else it is unknown) */
	int64_t runs;
	gg_dist sim;
	int ignored; /* the runtime drops the hint */
} advise_map_answer;

gg_status advise_slice_build(advise_slice_answer *a, const gg_target *tg, gg_elem e, gg_error *err);
/* a->lens and nl set by the caller. */
gg_status advise_pattern_build(advise_pattern_answer *a, const gg_target *tg, gg_elem e, gg_error *err);
/* a->n and type set by the caller; t is the map type. */
gg_status advise_map_build(advise_map_answer *a, const gg_type *t, const gg_target *tg, gg_error *err);

/* gogrow map: the question and, per target, the library's answers (the map
 * layout, make, the growth steps, the simulations). */
typedef struct map_result {
	gg_status st;
	gg_error err;
	gg_maptype m;
	gg_mapmake mk;
	gg_mapgrowth g;
	gg_mapstep *steps;
	size_t n, cap;
	int oom;
	int simulated;
	gg_swiss_seeded_runs sim;
	gg_classic_seeded_runs csim;
	int churned;
	gg_mapchurn churn;
	gg_mapgrowth cfill; /* classic under churn: the exact part, B after n inserts */
	gg_status sim_st;
	gg_error sim_err;
	uint64_t stack_saving; /* --escape stack: bytes taken off every simulated run's TotalAlloc */
	int go;
	const char *arch;
	/* Rule values the writers print, looked up once here. */
	int64_t grow_at;	  /* classic: the count that grows B (gg_classic_grow_at) */
	uint64_t entry_bytes;	  /* per-key objects (gg_map_entry_bytes) */
	uint64_t small_overwrite; /* gg_swiss_full_small_overwrite */
	int churn_B;		  /* classic under churn: B after make and the n inserts */
} map_result;

typedef struct map_answer {
	const char *type; /* the argument as given */
	int64_t hint, n, runs, seed;
	int64_t cn, ck; /* --churn N,K */
	int noswiss, grow, sim, churn;
	gg_mapesc esc;
	map_result *rs; /* one per target */
	int nrs;
} map_answer;

/* Answers every target of c (the question set by the caller); 0 when out of memory. */
int map_answer_build(map_answer *a, const cli_common *c, const gg_type *t);
void map_answer_free(map_answer *a);

/* gogrow simulate --runtime: the model's figures and the runtime's
 * measured ones for the same script, release and (host) GOARCH. */
typedef struct simrt_fig {
	uint64_t model, runtime;
	int exact;	/* the model calls it exact */
	int comparable; /* the runtime allocates it as Go does */
} simrt_fig;

/* Whether a figure is checked (exact and comparable) and differs. */
#define SIMRT_DIFFERS(f) ((f).exact && (f).comparable && (f).model != (f).runtime)

typedef struct simrt_row {
	int line;
	const char *text; /* the statement (points into the program) */
	simrt_fig bytes, objects;
} simrt_row;

typedef struct simrt_answer {
	int go;
	const char *arch;
	gg_mapimpl maps; /* what the release's maps are */
	int64_t ops;
	simrt_row *rows;
	int nrows;
	simrt_fig total, objects, peak, final_live;
	uint64_t stand_ins, tiny_allocs;
	int checked, differ; /* figures compared, and of those that differ */
	char model_note[1024], runtime_note[320];
} simrt_answer;

struct gg_workload;
/* Runs p on the model and on the runtime (rt_workload.h) for target t (the
 * host's arch) and fills a. GG_OK, or the failing run's status with d
 * filled (d->line 0: not about a line). */
gg_status simrt_answer_build(simrt_answer *a, const struct gg_workload *p, const gg_target *t,
			     gg_mapexp noswiss, uint64_t seed, gg_workload_diag *d);
void simrt_answer_free(simrt_answer *a);
/* The GOARCH the runtime runs as (the host's), or NULL. */
const char *simrt_host_arch(void);

#endif
