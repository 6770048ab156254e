/* Internals of the workload simulator shared by its files (not API):
 *
 *   parse.c  script text -> program (statements, expression pool)
 *   eval.c   expressions, at parse time (repeat counts) and run time
 *   run.c    the runner: statements executed against the model, events
 *   tiny.c   heap accounting of slice arrays, mallocgc's tiny blocks included
 *   maps.c   map statements: growth steps, classic evacuation, the key table
 *
 * Cross-file names carry the ggi_wl_ marker. */
#ifndef GOGROW_WORKLOAD_INTERNAL_H
#define GOGROW_WORKLOAD_INTERNAL_H

#include <stdint.h>

#include "gogrow/workload.h"

/* ---- program ---- */

typedef struct expr {
	char k; /* 'n' number, 'i' innermost loop counter, 'c' the counter of loop level v (0: outermost),
		   'u' negation, or one of + - * / % */
	int64_t v;
	int a, b;
	int line, col;
} expr;

typedef enum { S_MAKE, S_REPEAT, S_END, S_APPEND, S_SET, S_DELETE, S_CLEAR, S_CLONE } skind;

typedef struct stmt {
	skind k;
	int line, col;
	int var;
	int key;       /* expression of the map key, -1 for a plain variable */
	int n, cap;    /* append count, make len/hint, make cap: expressions or -1 */
	int64_t count; /* repeat */
	int end;       /* repeat: index of its S_END */
	int site;
	int tcol; /* where the target (variable) starts */
	int src;  /* clone: the map cloned */
} stmt;

typedef struct pvar {
	char name[32];
	char *type;
	int type_col;
	gg_typeexpr *te;
	int is_map, entry_slices; /* entry_slices: a map of slices, or a slice of slices (rows) */
	int local;		  /* a slice that does not escape (local NAME = make) */
	int line;
} pvar;

struct gg_workload {
	stmt *s;
	int ns, scap;
	expr *e;
	int ne, ecap;
	pvar vars[GG_WORKLOAD_MAX_VARS];
	int nvars;
	struct psite {
		char *text; /* the statement, trimmed and printable */
		int line;
	} * sites;
	int nsites, sitecap;
};

/* Records a diagnostic in d and returns 0, so that callers can
 * `return ggi_wl_diag(...)`. */
int ggi_wl_diag(gg_workload_diag *d, int line, int col, gg_status code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

typedef struct evalctx {
	const gg_workload *p;
	const int64_t *loopi;
	int depth;
	gg_workload_diag *d;
} evalctx;

/* Evaluates expression e with Go int64 arithmetic, overflow an error. */
int ggi_wl_eval(const evalctx *c, int e, int64_t *out);
/* A keyed statement's key and its count (1 when the statement has none). */
int ggi_wl_eval_key_n(const evalctx *c, const stmt *s, int64_t *key, int64_t *n);
/* make's length (0 when absent) and capacity (the length when absent). */
int ggi_wl_eval_make(const evalctx *c, const stmt *s, int64_t *n, int64_t *cap);

/* ---- runner ---- */

/* A slice's backing array: the bytes it is charged, or the tiny block it
 * lives in (blk >= 0; several arrays share one). */
typedef struct arr {
	uint64_t bytes;
	int32_t blk;
} arr;

#define NO_ARR ((arr){0, -1})

/* A 16-byte tiny block: reachable while some array in it is. Its bytes are
 * charged to whoever opened it, so per-variable live bytes add up to the
 * total. */
typedef struct tblock {
	uint32_t ref;
	int var, ent;
} tblock;

typedef struct entry {
	int64_t key;
	int64_t len, cap;
	arr a;
	uint8_t state; /* 0 empty, 1 used, 2 deleted */
} entry;

typedef struct rvar {
	int made;
	gg_elem e;	  /* slice elements (a slice of slices: the row headers) */
	gg_elem re;	  /* elements of the slices in a map's values or a slice's rows */
	int64_t len, cap; /* slice */
	arr a;		  /* slice: its array */
	uint64_t bytes;	  /* live bytes: a slice's array (and tiny blocks it opened), a map's structure */
	/* map */
	gg_maptype mt;
	int64_t hint;
	gg_mapstep *steps;
	size_t nsteps, scap, next;
	int64_t steps_n, exact_until;
	int64_t count, peak;
	int has_table;	    /* Swiss: no longer a small map */
	int to_table_early; /* Swiss 1.24-1.26: an overwrite of a full small map made the table */
	int table_deletes;  /* Swiss: a key was deleted from a table */
	int beyond_exact;
	uint64_t tables;  /* Swiss: tables in the directory (0: a small map) */
	int small_group;  /* Swiss small map: its group is allocated */
	gg_slicestate ss; /* a local slice: the compiler's stack strategies */
	uint64_t evac_bytes;
	int64_t evac_left, evac_start;
	entry *tab;
	size_t tcap, tfill;
} rvar;

typedef struct runner {
	const gg_workload *p;
	gg_target t;
	int noswiss;
	const gg_workload_limits *lim;
	gg_workload_result *r;
	gg_workload_diag *d;
	rvar *rv;
	int64_t loopi[GG_WORKLOAD_MAX_DEPTH];
	int depth;
	int64_t keys;
	size_t evcap;
	/* mallocgc's tiny allocator: the current block (-1: none) and the bytes
	 * used in it; every block that holds a live array; ids of free slots. */
	int32_t cur;
	uint64_t tiny_off;
	tblock *blk;
	int32_t *freeblk;
	int32_t nblk, nfree, blkcap;
	uint64_t revived; /* live bytes a packing brought back, for the next emit */
} runner;

int ggi_wl_oom(runner *x, const stmt *s);
int ggi_wl_emit(runner *x, const stmt *s, int var, int ent, int64_t key, gg_workload_evkind k,
		const char *what, int64_t oldcap, int64_t newcap, uint64_t alloc, uint64_t freed,
		uint64_t objects);
int ggi_wl_arr_new(runner *x, int var, int ent, uint64_t size, gg_scan noscan, uint64_t charged, arr *a,
		   uint64_t *counted);
uint64_t ggi_wl_arr_free(runner *x, int var, int ent, arr *a);
void ggi_wl_note(runner *x, int var, const char *text);
int ggi_wl_cover_steps(runner *x, const stmt *s, rvar *v, int64_t need);
int ggi_wl_slice_append(runner *x, const stmt *s, int var, int ent, int64_t key, int64_t *len, int64_t *cap,
			arr *a, int64_t n);
int ggi_wl_map_entry(runner *x, const stmt *s, const evalctx *ec);
uint64_t ggi_wl_map_reset(runner *x, int var);
int ggi_wl_map_make(runner *x, const stmt *s, int var, int64_t hint, const char *what);
void ggi_wl_past_exact(runner *x, int var);
int ggi_wl_apply_step(runner *x, const stmt *s, int var, const gg_mapstep *st);
int ggi_wl_classic_write(runner *x, const stmt *s, int var);

/* The entry table: a map's keys, or a slice's rows by index. */
entry *ggi_wl_tab_find(rvar *v, int64_t key);
entry *ggi_wl_tab_insert(rvar *v, int64_t key);
/* Makes every entry's slice garbage and empties the table; returns the bytes freed. */
uint64_t ggi_wl_tab_drop(runner *x, int var);

int ggi_wl_row_entry(runner *x, const stmt *s, const evalctx *ec); /* rows.c */
int ggi_wl_clear(runner *x, const stmt *s);			   /* clear.c */
int ggi_wl_clone(runner *x, const stmt *s);
int ggi_wl_local_make(runner *x, const stmt *s, int64_t len, int64_t cap); /* local.c */
/* Whether `local s = make([]T, len, cap)` puts the array on the stack
 * (also asked by the runtime executor, src/rt/workload). local.c */
int ggi_wl_local_on_stack(gg_elem e, int64_t cap);
/* A slice variable now holds array na of len/cap: its state, its counters
 * and the make event (`what`: "make" or "make-stack"). run.c */
int ggi_wl_slice_made(runner *x, const stmt *s, arr na, int64_t len, int64_t cap, uint64_t counted,
		      uint64_t freed, uint64_t objs, const char *what);
int ggi_wl_local_append(runner *x, const stmt *s, int64_t n); /* clone.c */

#endif
