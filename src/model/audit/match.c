/* The audit proper: a site whose object sizes are a run of consecutive
 * steps of one growth sequence (growth_seqs.c) grew a slice or a map there.
 * Every candidate sequence is tried against every site; the one explaining
 * the most sizes wins (the run plus the map's other objects), a run from
 * the first step beating one starting later. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/malloc.h"
#include "gogrow/map.h"
#include "model/audit/growth_seqs.h"
#include "model/util.h"

/* The sizes allocated at one site, summed over its samples (one sample
 * per stack and size: a site reached by several stacks has several). */
typedef struct sz {
	uint64_t size;
	int64_t objects, bytes;
} sz;

/* Profile figures are positive int64s from a file: their sums saturate
 * rather than overflow. */
static int64_t ggi_sat_add(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

typedef struct run {
	int first, last, steps;
} run;

typedef struct best {
	const ggi_seq *q;
	run r;
	int side, ties;
	int ptr_unknown;	     /* the same sizes with and without pointers */
	uint64_t unit_min, unit_max; /* units of the same kind that explain them as well */
	unsigned kinds;		     /* 1 << kind of every explanation as good */
	int64_t len_min, len_max;    /* final lengths the explanations of the best's kind imply */
} best;

static void final_len(const gg_target *t, const ggi_seq *q, int last, gg_audit_site *o);

/* Widens b's final-length range by candidate q's. */
static void widen_len(const gg_target *t, best *b, const ggi_seq *q, run r)
{
	gg_audit_site o;
	final_len(t, q, r.last, &o);
	b->len_min = o.len_min < b->len_min ? o.len_min : b->len_min;
	b->len_max = o.len_max > b->len_max ? o.len_max : b->len_max;
}

static int cmp_sz(const void *a, const void *b)
{
	uint64_t x = ((const sz *)a)->size, y = ((const sz *)b)->size;
	return (x > y) - (x < y);
}

static const sz *find(const sz *s, size_t n, uint64_t size)
{
	sz key = {size, 0, 0};
	return bsearch(&key, s, n, sizeof key, cmp_sz);
}

/* Samples the runtime would have taken of a step of `size` bytes, made as
 * often as the step before it (`objects`, already scaled): every fill
 * passes every step, so the counts of neighbouring steps are alike. */
static double expected_samples(int64_t objects, uint64_t size, int64_t period)
{
	return (double)objects * (1 - exp(-(double)size / (double)period));
}

/* A step missing from a sampled profile is no break in the run when the
 * runtime would likely not have sampled it: fewer than this many samples
 * expected (missed with probability e^-3, 5%, or more). */
#define GAP_EXPECTED_SAMPLES 3.0

/* The longest run of consecutive steps of q present at the site: first
 * and last step, and how many are present. With every allocation recorded
 * (period <= 1) each step must be there; in a sampled profile a step that
 * was likely not sampled does not break the run (nor count). */
static run longest_run(const ggi_seq *q, const sz *s, size_t n, int64_t period)
{
	assert(n > 0);
	run best = {0, -1, 0}, cur = {0, -1, 0};
	int64_t prev = 0; /* objects of the run's last step */
	/* Steps grow, so none past the site's largest size can match. */
	for (int i = 0; i < q->n && q->size[i] <= s[n - 1].size; i++) {
		const sz *e = find(s, n, q->size[i]);
		if (e) {
			if (!cur.steps)
				cur.first = i;
			cur.last = i;
			cur.steps++;
			prev = e->objects;
		} else if (cur.steps && (period <= 1 || expected_samples(prev, q->size[i], period) >=
							    GAP_EXPECTED_SAMPLES)) {
			cur = (run){0, -1, 0};
		}
		if (cur.steps > best.steps)
			best = cur;
	}
	return best;
}

static int in_run(const ggi_seq *q, run r, uint64_t size)
{
	for (int i = r.first; i <= r.last; i++)
		if (q->size[i] == size)
			return 1;
	return 0;
}

/* Sizes at the site that q's other objects explain (each counted once). */
static int side_hits(const ggi_seq *q, run r, const sz *s, size_t n, uint64_t *hit)
{
	int k = 0;
	for (int i = 0; i < q->nside; i++) {
		uint64_t v = q->side[i];
		int dup = in_run(q, r, v) || !find(s, n, v);
		for (int j = 0; j < k && !dup; j++)
			dup = hit[j] == v;
		if (!dup)
			hit[k++] = v;
	}
	return k;
}

/* How well a candidate explains a site, most telling first: growth steps,
 * the map's other objects, and (when every allocation was recorded, so
 * the first steps cannot have been missed by sampling) starting from empty. */
static int64_t rank(int steps, int side, int first, int exact)
{
	return (int64_t)steps << 20 | (int64_t)side << 1 | (exact && first == 0);
}

/* Among equally good element sizes the most aligned one: Go sizes are
 * multiples of the type's alignment, mostly the word. */
static int align_class(uint64_t unit)
{
	int k = 0;
	while (k < 3 && !(unit & 1))
		unit >>= 1, k++;
	return k;
}

static void tie(const gg_target *t, best *b, const ggi_seq *q, run r)
{
	b->kinds |= 1u << q->kind;
	if (b->q->kind != q->kind) {
		b->ties++;
		return;
	}
	if (b->q->unit == q->unit) {
		b->ptr_unknown |= b->q->noscan != q->noscan;
		return;
	}
	b->ties++;
	b->unit_min = q->unit < b->unit_min ? q->unit : b->unit_min;
	b->unit_max = q->unit > b->unit_max ? q->unit : b->unit_max;
	widen_len(t, b, q, r);
	if (align_class(q->unit) > align_class(b->q->unit)) {
		b->q = q; /* same kind and run length: the same sizes, so the same figures */
		b->r = r;
		b->ptr_unknown = 0;
	}
}

static void try_seq(const gg_target *t, const ggi_seq *q, const sz *s, size_t n, int64_t period, best *b)
{
	run r = longest_run(q, s, n, period);
	if (r.steps < GG_AUDIT_MIN_STEPS)
		return;
	uint64_t hit[GGI_SEQ_MAX_SIDE];
	int side = side_hits(q, r, s, n, hit);
	int exact = period <= 1;
	int64_t rk = rank(r.steps, side, r.first, exact);
	int64_t have = b->q ? rank(b->r.steps, b->side, b->r.first, exact) : -1;
	if (rk < have)
		return;
	if (rk == have) {
		tie(t, b, q, r);
		return;
	}
	*b = (best){q, r, side, 0, 0, q->unit, q->unit, 1u << q->kind, INT64_MAX, INT64_MIN};
	widen_len(t, b, q, r);
}

/* newoverflow's []*bmap of a classic map, seen without the map's buckets
 * (a presized map that only used its spare overflow buckets): growth the
 * user cannot avoid, and not a slice of theirs. Recognised by the
 * new([]*bmap) allocated at the same line. */
static int classic_overflow_list(const gg_target *t, const best *b, const sz *s, size_t n)
{
	gg_mapimpl impl;
	uint64_t P = (uint64_t)t->arch->ptr_size;
	return gg_map_impl(t->go, 0, &impl, NULL) == GG_OK && impl == GG_MAP_CLASSIC &&
	       b->q->kind == GG_GROWTH_SLICE && b->q->unit == P && !b->q->noscan &&
	       find(s, n, gg_alloc_bytes(t, 3 * P, 0, NULL));
}

/* The final length or count the last step implies, and the make argument
 * that allocates that step at once. */
static void final_len(const gg_target *t, const ggi_seq *q, int last, gg_audit_site *o)
{
	int64_t cap = q->cap[last];
	switch (q->kind) {
	case GG_GROWTH_SLICE:
		o->len_min = last ? q->cap[last - 1] + 1 : 1;
		o->len_max = o->suggest = cap;
		break;
	case GG_GROWTH_CLASSIC_MAP: /* cap is B: reached at the insert over B-1's load */
		o->len_min = cap ? gg_classic_grow_at(t->go, (int)cap - 1) : 1;
		o->len_max = o->suggest = gg_classic_grow_at(t->go, (int)cap) - 1;
		break;
	case GG_GROWTH_SWISS_MAP: /* cap is the slots of the small map (8) or of a table */
		o->len_min = cap > GG_MAP_SLOTS ? (int64_t)gg_swiss_growth_left((uint64_t)cap / 2) + 1 : 1;
		o->len_max = o->suggest =
		    cap > GG_MAP_SLOTS ? (int64_t)gg_swiss_growth_left((uint64_t)cap) : cap;
		break;
	}
}

/* The variance of a size's figures: that of the count of samples the
 * runtime really recorded (Poisson), scaled; 0 when it recorded them all. */
static double variance(const gg_heapprof *p, const sz *e)
{
	double n = gg_heap_unscale(e->objects, (int64_t)e->size, p->period);
	return p->period > 1 && n > 0 ? (double)e->bytes * (double)e->bytes / n : 0;
}

static void add_size(const gg_heapprof *p, const sz *e, gg_audit_site *o, double *var)
{
	o->objects = ggi_sat_add(o->objects, e->objects);
	o->bytes = ggi_sat_add(o->bytes, e->bytes);
	*var += variance(p, e);
}

/* A step presizing avoids, less `keep` objects it would still allocate. */
static void add_saved(const gg_heapprof *p, const sz *e, int64_t keep, gg_audit_site *o, double *svar)
{
	double frac = e->objects > 0 ? (double)(e->objects - keep) / (double)e->objects : 0;
	double v = (double)e->bytes * frac;
	o->saved = ggi_sat_add(o->saved, keep <= 0 ? e->bytes : v < 9.2e18 ? (int64_t)v : INT64_MAX);
	*svar += variance(p, e) * frac * frac;
}

/* A classic map's first bucket has the size of its overflow buckets, which
 * presizing does not avoid: the objects of that size beyond one per map
 * (counted by the next step, the 2-bucket array) are overflow buckets. */
static int64_t overflow_buckets(const ggi_seq *q, int i, const sz *s, size_t n)
{
	if (q->kind != GG_GROWTH_CLASSIC_MAP || i != 0 || q->n < 2)
		return 0;
	const sz *first = find(s, n, q->size[0]), *next = find(s, n, q->size[1]);
	return first && next && first->objects > next->objects ? first->objects - next->objects : 0;
}

static void figures(const gg_heapprof *p, const gg_target *t, const best *b, const sz *s, size_t n,
		    gg_audit_site *o)
{
	const ggi_seq *q = b->q;
	double var = 0, svar = 0;
	const sz *prev = NULL;
	for (int i = b->r.first; i <= b->r.last; i++) {
		const sz *e = find(s, n, q->size[i]);
		if (!e) /* a sampled profile may lack a step */
			continue;
		/* Every fill passes the steps below its last, so with every
		 * allocation recorded the counts cannot rise along the run. */
		o->count_rises += p->period <= 1 && prev && e->objects > prev->objects;
		prev = e;
		add_size(p, e, o, &var);
		if (i < b->r.last)
			add_saved(p, e, overflow_buckets(q, i, s, n), o, &svar);
	}
	uint64_t hit[GGI_SEQ_MAX_SIDE];
	int k = side_hits(q, b->r, s, n, hit);
	for (int i = 0; i < k; i++)
		add_size(p, find(s, n, hit[i]), o, &var);
	o->bytes_err = sqrt(var);
	o->saved_err = sqrt(svar);
	o->kind = q->kind;
	o->unit = q->unit;
	o->slot = q->slot;
	o->pointers = b->ptr_unknown ? -1 : !q->noscan;
	o->unit_min = b->unit_min;
	o->unit_max = b->unit_max;
	o->steps = b->r.steps;
	o->first_step = b->r.first;
	o->missing = b->r.last - b->r.first + 1 - b->r.steps;
	o->side = b->side;
	o->unexplained = (int)n - b->r.steps - b->side;
	o->alternatives = b->ties;
	o->last_size = q->size[b->r.last];
	final_len(t, q, b->r.last, o);
	assert(b->r.first <= b->r.last && b->r.steps <= b->r.last - b->r.first + 1);
	assert(o->saved <= o->bytes && o->unexplained >= 0);
	o->len_min = b->len_min; /* over every element size that fits as well */
	o->len_max = b->len_max;
	o->kinds = b->kinds;
	if (o->steps > GG_AUDIT_MIN_STEPS && !o->unexplained && !o->alternatives && !o->count_rises)
		o->confidence = GG_CONF_HIGH;
	else if ((o->steps == GG_AUDIT_MIN_STEPS && (o->unexplained || o->alternatives)) ||
		 o->unexplained > o->steps || (o->kinds & (o->kinds - 1)) || o->count_rises)
		o->confidence = GG_CONF_LOW;
	else
		o->confidence = GG_CONF_MEDIUM;
}

/* The sizes of one site, summed per size; returns how many. */
static size_t site_sizes(const gg_heapprof *p, const size_t *idx, size_t m, sz *s)
{
	size_t n = 0;
	for (size_t i = 0; i < m; i++) {
		const gg_prof_sample *e = &p->samples[idx[i]];
		sz *have = n ? (sz *)find(s, n, e->size) : NULL;
		if (have) {
			have->objects = ggi_sat_add(have->objects, e->objects);
			have->bytes = ggi_sat_add(have->bytes, e->bytes);
			continue;
		}
		size_t j = n++;
		for (; j > 0 && s[j - 1].size > e->size; j--)
			s[j] = s[j - 1];
		s[j] = (sz){e->size, e->objects, e->bytes};
	}
	return n;
}

static int cmp_saved(const void *a, const void *b)
{
	const gg_audit_site *x = a, *y = b;
	if (x->saved != y->saved)
		return x->saved < y->saved ? 1 : -1;
	return (x->site > y->site) - (x->site < y->site);
}

/* Sample indices grouped by site: order[start[i] .. start[i+1]). */
static gg_status group_sites(const gg_heapprof *p, size_t **start, size_t **order, gg_error *err)
{
	*start = calloc(p->nsites + 1, sizeof **start);
	*order = malloc((p->nsamples ? p->nsamples : 1) * sizeof **order);
	if (!*start || !*order)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < p->nsamples; i++)
		(*start)[p->samples[i].site + 1]++;
	for (size_t i = 0; i < p->nsites; i++)
		(*start)[i + 1] += (*start)[i];
	size_t *fill = calloc(p->nsites + 1, sizeof *fill);
	if (!fill)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	for (size_t i = 0; i < p->nsamples; i++) {
		size_t s = p->samples[i].site;
		(*order)[(*start)[s] + fill[s]++] = i;
	}
	free(fill);
	return GG_OK;
}

static void audit_site(const gg_heapprof *p, const gg_target *t, const ggi_seqs *qs, size_t site, sz *s,
		       size_t n, gg_audit *out)
{
	best b = {0};
	for (size_t i = 0; i < qs->n; i++)
		try_seq(t, &qs->s[i], s, n, p->period, &b);
	if (!b.q || classic_overflow_list(t, &b, s, n))
		return;
	gg_audit_site *o = &out->sites[out->n++];
	memset(o, 0, sizeof *o);
	o->site = site;
	figures(p, t, &b, s, n, o);
}

/* The largest object at a site that can be growth (GG_AUDIT_MIN_STEPS
 * sizes or more): the sequences need go no further. 0 when there is none,
 * which spares building them at all. */
static uint64_t largest_candidate(const gg_heapprof *p, const size_t *start, const size_t *order, sz *s)
{
	uint64_t max = 0;
	for (size_t i = 0; i < p->nsites; i++) {
		size_t n = site_sizes(p, order + start[i], start[i + 1] - start[i], s);
		if (n >= GG_AUDIT_MIN_STEPS && s[n - 1].size > max)
			max = s[n - 1].size;
	}
	return max;
}

static gg_status audit_all(const gg_heapprof *p, const gg_target *t, const size_t *start, const size_t *order,
			   gg_audit *out, gg_error *err)
{
	for (size_t i = 0; i < p->nsamples; i++)
		out->bytes = ggi_sat_add(out->bytes, p->samples[i].bytes);
	sz *s = malloc((p->nsamples ? p->nsamples : 1) * sizeof *s);
	out->sites = calloc(p->nsites ? p->nsites : 1, sizeof *out->sites);
	if (!s || !out->sites) {
		free(s);
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	uint64_t max = largest_candidate(p, start, order, s);
	ggi_seqs qs = {0};
	gg_status st = max ? ggi_growth_seqs(t, max, &qs, err) : GG_OK;
	for (size_t i = 0; st == GG_OK && i < p->nsites; i++) {
		size_t n = site_sizes(p, order + start[i], start[i + 1] - start[i], s);
		out->checked += n > 0;
		if (n >= GG_AUDIT_MIN_STEPS && max)
			audit_site(p, t, &qs, i, s, n, out);
	}
	free(s);
	ggi_growth_seqs_free(&qs);
	return st;
}

gg_status gg_audit_run(const gg_target *t, const gg_heapprof *p, gg_audit *out, gg_error *err)
{
	memset(out, 0, sizeof *out);
	if (!p || !t || !t->arch)
		return ggi_fail(err, GG_ERR_RANGE, 0, "no profile or target");
	out->t = *t;
	size_t *start = NULL, *order = NULL;
	gg_status st = group_sites(p, &start, &order, err);
	if (st == GG_OK)
		st = audit_all(p, t, start, order, out, err);
	free(start);
	free(order);
	if (st != GG_OK) {
		gg_audit_free(out);
		return st;
	}
	qsort(out->sites, out->n, sizeof *out->sites, cmp_saved);
	return GG_OK;
}

void gg_audit_free(gg_audit *a)
{
	free(a->sites);
	a->sites = NULL;
	a->n = 0;
}

const char *gg_growth_kind_name(gg_growth_kind k)
{
	return k == GG_GROWTH_SLICE ? "slice" : k == GG_GROWTH_CLASSIC_MAP ? "map (classic)" : "map (swiss)";
}

const char *gg_confidence_name(gg_confidence c)
{
	return c == GG_CONF_HIGH ? "high" : c == GG_CONF_MEDIUM ? "medium" : "low";
}
