/* The growth sequences the audit matches profiles against: the object
 * sizes a slice or a map allocates, step by step, from empty. */
#ifndef GOGROW_AUDIT_GROWTH_SEQS_H
#define GOGROW_AUDIT_GROWTH_SEQS_H

#include "gogrow/audit.h"

#define GGI_SEQ_MAX_STEPS 160
#define GGI_SEQ_MAX_SIDE 40

typedef struct ggi_seq {
	gg_growth_kind kind;
	uint64_t unit, slot;
	int noscan;
	int n;
	uint64_t size[GGI_SEQ_MAX_STEPS]; /* object size the profile records at each step */
	int64_t cap[GGI_SEQ_MAX_STEPS];	  /* slice cap, classic B, Swiss slots after the step */
	int nside;
	uint64_t side[GGI_SEQ_MAX_SIDE]; /* other objects of the same growth (map tables, directories) */
} ggi_seq;

typedef struct ggi_seqs {
	ggi_seq *s;
	size_t n;
} ggi_seqs;

/* Every candidate sequence for target t, up to objects of max_size bytes. */
gg_status ggi_growth_seqs(const gg_target *t, uint64_t max_size, ggi_seqs *out, gg_error *err);
void ggi_growth_seqs_free(ggi_seqs *s);

#endif
