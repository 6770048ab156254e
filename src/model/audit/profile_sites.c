/* A decoded heap profile resolved to what the audit needs: per sample, the
 * user call site, the object size and the allocation figures.
 *
 * runtime/pprof (protomem.go, writeHeapProto) writes one sample per memory
 * profile bucket, i.e. per (stack, object size), with the values
 * alloc_objects, alloc_space, inuse_objects, inuse_space (already scaled by
 * scaleHeapSample) and the object size as the numeric label "bytes". It
 * drops the leading runtime frames itself; the audit also skips any that
 * remain ("runtime." and "internal/" functions) to find the user's frame. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit/profile_raw.h"
#include "model/util.h"

typedef struct res {
	const ggi_praw *r;
	ggi_ploc *locs;	  /* sorted by id */
	ggi_pfunc *funcs; /* sorted by id */
	size_t *slot;	  /* open-addressing table of site indices + 1 */
	size_t nslot;
	ggi_vec sites; /* site3 */
} res;

typedef struct site3 {
	uint64_t name, file; /* string indices */
	int64_t line;
} site3;

static int str_is(const ggi_praw *r, uint64_t i, const char *s)
{
	const ggi_pstr *t = (const ggi_pstr *)r->strs.p;
	return i < r->strs.n && t[i].len == strlen(s) && !memcmp(t[i].p, s, t[i].len);
}

static int str_prefix(const ggi_praw *r, uint64_t i, const char *s)
{
	const ggi_pstr *t = (const ggi_pstr *)r->strs.p;
	size_t n = strlen(s);
	return i < r->strs.n && t[i].len >= n && !memcmp(t[i].p, s, n);
}

static int cmp_loc(const void *a, const void *b)
{
	uint64_t x = ((const ggi_ploc *)a)->id, y = ((const ggi_ploc *)b)->id;
	return (x > y) - (x < y);
}

static int cmp_func(const void *a, const void *b)
{
	uint64_t x = ((const ggi_pfunc *)a)->id, y = ((const ggi_pfunc *)b)->id;
	return (x > y) - (x < y);
}

/* The column of sample type `name`, or -1. */
static long type_index(const ggi_praw *r, const char *name)
{
	const uint64_t *t = (const uint64_t *)r->types.p;
	for (size_t i = 0; i + 1 < r->types.n; i += 2)
		if (str_is(r, t[i], name))
			return (long)(i / 2);
	return -1;
}

/* Whether file (a path, GOROOT-relative with -trimpath) is in the source
 * directory dir of the standard library ("runtime/"). */
static int in_std_dir(const ggi_praw *r, uint64_t file, const char *dir)
{
	if (file >= r->strs.n)
		return 0;
	const ggi_pstr *t = &((const ggi_pstr *)r->strs.p)[file];
	size_t n = strlen(dir);
	for (size_t i = 0; i + n <= t->len; i++) {
		if ((i > 4 && memcmp(t->p + i - 5, "/src/", 5) != 0) || (i > 0 && i <= 4))
			continue;
		if (memcmp(t->p + i, dir, n) == 0 && !memchr(t->p + i + n, '/', t->len - i - n))
			return 1;
	}
	return 0;
}

/* The runtime's frames: its packages, and the functions it implements
 * under other packages' names (reflect.mapassign_faststr0, reflect.growslice
 * and the like, linknamed from runtime/map.go, slice.go, ...). */
static int runtime_func(const ggi_praw *r, const ggi_pfunc *f)
{
	return str_prefix(r, f->name, "runtime.") || str_prefix(r, f->name, "internal/") ||
	       in_std_dir(r, f->file, "runtime/") || in_std_dir(r, f->file, "internal/runtime/maps/");
}

/* The site index of a (name, file, line), added if new; -1 out of memory. */
static long site_of(res *s, uint64_t name, uint64_t file, int64_t line)
{
	uint64_t h = (name * 0x9e3779b97f4a7c15u) ^ (file * 0xc2b2ae3d27d4eb4fu) ^ (uint64_t)line;
	h ^= h >> 29;
	for (size_t i = h & (s->nslot - 1);; i = (i + 1) & (s->nslot - 1)) {
		if (s->slot[i]) {
			const site3 *t = (const site3 *)s->sites.p + (s->slot[i] - 1);
			if (t->name == name && t->file == file && t->line == line)
				return (long)(s->slot[i] - 1);
			continue;
		}
		site3 *t = ggi_vec_push(&s->sites);
		if (!t)
			return -1;
		*t = (site3){name, file, line};
		s->slot[i] = s->sites.n;
		return (long)(s->slot[i] - 1);
	}
}

/* The innermost user frame of sample `ps`: 1 found, 0 none, -1 a dangling
 * location or function id (*bad gets it). */
static int user_frame(const res *s, const ggi_psample *ps, const ggi_pfunc **fn, int64_t *line, uint64_t *bad)
{
	const ggi_praw *r = s->r;
	const uint64_t *ids = (const uint64_t *)r->locids.p + ps->loc0;
	for (size_t i = 0; i < ps->nloc; i++) {
		ggi_ploc key = {ids[i], 0, 0};
		const ggi_ploc *l = bsearch(&key, s->locs, r->locs.n, sizeof key, cmp_loc);
		if (!l)
			return *bad = ids[i], -1;
		const ggi_pline *ln = (const ggi_pline *)r->lines.p + l->line0;
		for (size_t j = 0; j < l->nline; j++) {
			ggi_pfunc fk = {ln[j].fn, 0, 0};
			const ggi_pfunc *f = bsearch(&fk, s->funcs, r->funcs.n, sizeof fk, cmp_func);
			if (!f)
				return *bad = ln[j].fn, -1;
			if (runtime_func(r, f))
				continue;
			*fn = f;
			*line = ln[j].line;
			return 1;
		}
	}
	return 0;
}

/* Object size of a sample: its "bytes" label, else the average. */
static uint64_t sample_size(const ggi_praw *r, const ggi_psample *ps, int64_t objects, int64_t bytes)
{
	const ggi_plabel *l = (const ggi_plabel *)r->labels.p + ps->lab0;
	for (size_t i = 0; i < ps->nlab; i++)
		if (l[i].has_num && l[i].num > 0 && str_is(r, l[i].key, "bytes"))
			return (uint64_t)l[i].num;
	return objects > 0 && bytes > 0 ? (uint64_t)(bytes / objects) : 0;
}

static gg_status add_samples(res *s, long ao, long as, ggi_vec *out, gg_heapprof *p, gg_error *err)
{
	const ggi_praw *r = s->r;
	size_t ntypes = r->types.n / 2;
	for (size_t i = 0; i < r->samples.n; i++) {
		const ggi_psample *ps = (const ggi_psample *)r->samples.p + i;
		if (ps->nval != ntypes)
			return ggi_fail(err, GG_ERR_SYNTAX, 0,
					"sample %zu has %zu values for %zu sample types", i + 1, ps->nval,
					ntypes);
		const int64_t *v = (const int64_t *)r->vals.p + ps->val0;
		int64_t objects = v[ao], bytes = v[as];
		if (objects <= 0 || bytes <= 0)
			continue;
		const ggi_pfunc *fn = NULL;
		int64_t line = 0;
		uint64_t bad = 0;
		int rc = user_frame(s, ps, &fn, &line, &bad);
		if (rc < 0)
			return ggi_fail(err, GG_ERR_SYNTAX, 0,
					"sample %zu refers to id %llu, which the profile does not define",
					i + 1, (unsigned long long)bad);
		if (rc == 0) {
			p->nnosite++;
			continue;
		}
		long site = site_of(s, fn->name, fn->file, line);
		gg_prof_sample *e = site < 0 ? NULL : ggi_vec_push(out);
		if (!e)
			return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
		assert((size_t)site < s->sites.n);
		*e = (gg_prof_sample){(size_t)site, sample_size(r, ps, objects, bytes), objects, bytes};
	}
	return GG_OK;
}

/* Copies the sites' names into one NUL-separated block. */
static gg_status copy_sites(const res *s, gg_heapprof *p, gg_error *err)
{
	const ggi_praw *r = s->r;
	const ggi_pstr *str = (const ggi_pstr *)r->strs.p;
	const site3 *t = (const site3 *)s->sites.p;
	size_t total = 0;
	for (size_t i = 0; i < s->sites.n; i++)
		total += (t[i].name < r->strs.n ? str[t[i].name].len : 0) +
			 (t[i].file < r->strs.n ? str[t[i].file].len : 0) + 2;
	p->sites = calloc(s->sites.n ? s->sites.n : 1, sizeof *p->sites);
	p->strings = malloc(total ? total : 1);
	if (!p->sites || !p->strings)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	char *w = p->strings;
	for (size_t i = 0; i < s->sites.n; i++) {
		uint64_t idx[2] = {t[i].name, t[i].file};
		const char **dst[2] = {&p->sites[i].func, &p->sites[i].file};
		for (int k = 0; k < 2; k++) {
			size_t n = idx[k] < r->strs.n ? str[idx[k]].len : 0;
			if (n)
				memcpy(w, str[idx[k]].p, n);
			w[n] = 0;
			*dst[k] = w;
			w += n + 1;
		}
		p->sites[i].line = t[i].line;
	}
	p->nsites = s->sites.n;
	return GG_OK;
}

/* A release named in a comment ("go1.22.3"), which some tools record. */
static int comment_release(const ggi_praw *r)
{
	const ggi_pstr *str = (const ggi_pstr *)r->strs.p;
	for (size_t i = 0; i < r->comments.n; i++) {
		uint64_t k = ((const uint64_t *)r->comments.p)[i];
		if (k >= r->strs.n)
			continue;
		char buf[64];
		for (size_t j = 0; j + 4 <= str[k].len; j++) {
			if (memcmp(str[k].p + j, "go1.", 4) != 0)
				continue;
			size_t n = 0;
			while (j + n < str[k].len && n < sizeof buf - 1 && str[k].p[j + n] > ' ')
				buf[n] = (char)str[k].p[j + n], n++;
			buf[n] = 0;
			int go;
			if (gg_release_parse(buf, &go, NULL) == GG_OK)
				return go;
		}
	}
	return 0;
}

static gg_status resolve(const ggi_praw *r, gg_heapprof *p, gg_error *err)
{
	long ao = type_index(r, "alloc_objects"), as = type_index(r, "alloc_space");
	if (ao < 0 || as < 0)
		return ggi_fail(
		    err, GG_ERR_UNSUPPORTED, 0,
		    "not a heap profile: no alloc_objects and alloc_space sample types (%zu sample types)",
		    r->types.n / 2);
	res s = {r, r->locs.p, r->funcs.p, NULL, 16, {NULL, 0, 0, sizeof(site3)}};
	qsort(s.locs, r->locs.n, sizeof *s.locs, cmp_loc);
	qsort(s.funcs, r->funcs.n, sizeof *s.funcs, cmp_func);
	while (s.nslot < 2 * r->samples.n)
		s.nslot *= 2;
	s.slot = calloc(s.nslot, sizeof *s.slot);
	ggi_vec out = {NULL, 0, 0, sizeof(gg_prof_sample)};
	gg_status st =
	    s.slot ? add_samples(&s, ao, as, &out, p, err) : ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	if (st == GG_OK)
		st = copy_sites(&s, p, err);
	p->samples = out.p;
	p->nsamples = out.n;
	p->period = r->period;
	p->go = comment_release(r);
	free(s.slot);
	ggi_vec_free(&s.sites);
	return st;
}

gg_status gg_heapprof_parse(const void *buf, size_t len, gg_heapprof *out, gg_error *err)
{
	memset(out, 0, sizeof *out);
	if (!buf && len)
		return ggi_fail(err, GG_ERR_RANGE, 0, "no profile bytes");
	ggi_praw r;
	ggi_praw_init(&r);
	gg_status st = ggi_praw_decode(&r, buf ? buf : (const void *)"", len, err);
	if (st == GG_OK)
		out->nraw = r.samples.n, st = resolve(&r, out, err);
	ggi_praw_free(&r);
	if (st != GG_OK)
		gg_heapprof_free(out);
	return st;
}

void gg_heapprof_free(gg_heapprof *p)
{
	free(p->sites);
	free(p->samples);
	free(p->strings);
	memset(p, 0, sizeof *p);
}
