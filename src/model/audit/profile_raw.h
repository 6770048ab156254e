/* The tables of a profile.proto message as decoded, before samples are
 * resolved to call sites (profile_decode.c, profile_sites.c). Field numbers
 * are those of github.com/google/pprof's proto/profile.proto, which Go's
 * runtime/pprof (proto.go) and internal/profile write and read. */
#ifndef GOGROW_AUDIT_PROFILE_RAW_H
#define GOGROW_AUDIT_PROFILE_RAW_H

#include "model/audit/audit_internal.h"

typedef struct ggi_pstr {
	const uint8_t *p;
	size_t len;
} ggi_pstr;

typedef struct ggi_psample {
	size_t loc0, nloc; /* into locids */
	size_t val0, nval; /* into vals */
	size_t lab0, nlab; /* into labels */
} ggi_psample;

typedef struct ggi_plabel {
	uint64_t key; /* string index */
	int64_t num;
	int has_num;
} ggi_plabel;

typedef struct ggi_ploc {
	uint64_t id;
	size_t line0, nline; /* into lines; line 0 is the innermost (inlined) frame */
} ggi_ploc;

typedef struct ggi_pline {
	uint64_t fn; /* function id */
	int64_t line;
} ggi_pline;

typedef struct ggi_pfunc {
	uint64_t id, name, file; /* name and file: string indices */
} ggi_pfunc;

typedef struct ggi_praw {
	ggi_vec strs;	  /* ggi_pstr */
	ggi_vec types;	  /* uint64_t pairs: type, unit string indices */
	ggi_vec samples;  /* ggi_psample */
	ggi_vec locids;	  /* uint64_t */
	ggi_vec vals;	  /* int64_t */
	ggi_vec labels;	  /* ggi_plabel */
	ggi_vec locs;	  /* ggi_ploc */
	ggi_vec lines;	  /* ggi_pline */
	ggi_vec funcs;	  /* ggi_pfunc */
	ggi_vec comments; /* uint64_t string indices */
	int64_t period;
	int oom;
} ggi_praw;

void ggi_praw_init(ggi_praw *r);
void ggi_praw_free(ggi_praw *r);
/* Decodes the message into r: GG_OK, GG_ERR_SYNTAX or GG_ERR_NOMEM. */
gg_status ggi_praw_decode(ggi_praw *r, const uint8_t *buf, size_t len, gg_error *err);

#endif
