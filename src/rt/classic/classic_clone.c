/* maps.Clone of the classic map as Go 1.21-1.23 do it (runtime/map.go
 * mapclone2 and moveToBmap; map_noswiss.go in 1.24-1.25): a map made
 * with hint len(src) and the same seed, whose bucket i is filled with the
 * cells of the source's buckets i, i+2^B', i+2*2^B', ... (their hashes
 * agree on the low B' bits), packed in order, overflowing into new
 * overflow buckets; then the old buckets a grow has not evacuated yet,
 * chained the same way, or inserted one by one when the source's old B is
 * below the clone's. The clone's B and overflow buckets are therefore
 * Go's, not those of a map filled by iteration.
 *
 * Unlike Go, a key stored through a pointer (over 128 bytes) gets its own
 * copy instead of being shared with the source: each map frees its own. */
#include <assert.h>
#include <string.h>

#include "model/util.h"
#include "rt/classic/classic_internal.h"

/* Copies cell i of sb into cell pos of db (moveToBmap's body). */
static gg_status copy_cell(gg_rt_classic *d, char *db, unsigned pos, const gg_rt_classic *s, char *sb,
			   unsigned i)
{
	void *ko, *eo;
	if (ggi_rt_classic_new_objects(d, &ko, &eo) != GG_OK)
		return GG_ERR_NOMEM;
	char *kd, *ed;
	ggi_rt_classic_cell_objects(d, db, pos, ko, eo, &kd, &ed);
	memcpy(kd, ggi_deref(s->ind_key, ggi_kslot(s, sb, i)), d->type.key_size);
	memcpy(ed, ggi_deref(s->ind_elem, ggi_eslot(s, sb, i)), d->type.elem_size);
	ggi_tophash(db)[pos] = ggi_tophash(sb)[i];
	d->count++;
	return GG_OK;
}

/* moveToBmap: the live cells of sb into the chain ending at *db, from the
 * first empty cell at or after *pos. */
static gg_status move_to_bmap(gg_rt_classic *d, char **db, unsigned *pos, const gg_rt_classic *s, char *sb)
{
	for (unsigned i = 0; i < GG_MAP_SLOTS; i++) {
		if (ggi_is_empty(ggi_tophash(sb)[i]))
			continue;
		while (*pos < GG_MAP_SLOTS && !ggi_is_empty(ggi_tophash(*db)[*pos]))
			(*pos)++;
		if (*pos == GG_MAP_SLOTS) {
			char *o = ggi_rt_classic_new_overflow(d, *db);
			if (!o)
				return GG_ERR_NOMEM;
			*db = o;
			*pos = 0;
		}
		if (copy_cell(d, *db, *pos, s, sb, i) != GG_OK)
			return GG_ERR_NOMEM;
		(*pos)++;
	}
	return GG_OK;
}

static gg_status move_chain(gg_rt_classic *d, char **db, unsigned *pos, const gg_rt_classic *s, char *sb)
{
	for (; sb; sb = ggi_ovf(s, sb))
		if (move_to_bmap(d, db, pos, s, sb) != GG_OK)
			return GG_ERR_NOMEM;
	return GG_OK;
}

/* The source's current array: dst bucket i gathers the source buckets
 * congruent to i modulo the clone's bucket count. */
static gg_status copy_current(gg_rt_classic *d, const gg_rt_classic *s)
{
	uint64_t dn = UINT64_C(1) << d->B, sn = UINT64_C(1) << s->B;
	for (uint64_t i = 0; i < dn; i++) {
		char *db = ggi_bucket(d, d->cur.p, i);
		unsigned pos = 0;
		for (uint64_t j = 0; j < sn; j += dn)
			if (move_chain(d, &db, &pos, s, ggi_bucket(s, s->cur.p, i + j)) != GG_OK)
				return GG_ERR_NOMEM;
	}
	return GG_OK;
}

/* The old buckets a grow has not evacuated: appended to the chain of
 * their clone bucket when the old B covers the clone's bucket bits, else
 * inserted one by one (mapassign), as a cell may belong to several. */
static gg_status copy_old(gg_rt_classic *d, const gg_rt_classic *s)
{
	for (uint64_t i = 0; i < (UINT64_C(1) << s->old.B); i++) {
		char *sb = ggi_bucket(s, s->old.p, i);
		if (ggi_evacuated(sb))
			continue;
		if (s->old.B >= d->B) {
			char *db = ggi_bucket(d, d->cur.p, i & ggi_mask(d->B)), *o;
			while ((o = ggi_ovf(d, db)) != NULL)
				db = o;
			unsigned pos = 0;
			if (move_chain(d, &db, &pos, s, sb) != GG_OK)
				return GG_ERR_NOMEM;
			continue;
		}
		for (; sb; sb = ggi_ovf(s, sb))
			for (unsigned j = 0; j < GG_MAP_SLOTS; j++) {
				if (ggi_is_empty(ggi_tophash(sb)[j]))
					continue;
				const void *k = ggi_deref(s->ind_key, ggi_kslot(s, sb, j));
				const void *e = ggi_deref(s->ind_elem, ggi_eslot(s, sb, j));
				if (gg_rt_classic_put(d, k, e, NULL) != GG_OK)
					return GG_ERR_NOMEM;
			}
	}
	return GG_OK;
}

/* mapclone2's hint: len(src), but never more than src's B holds (an
 * overloaded source, possible during a same-size grow; golang/go#69110,
 * fixed in 1.23: 1.21 and 1.22 read past the source's array there). */
static int64_t clone_hint(const gg_rt_classic *s)
{
	int64_t hint = (int64_t)s->count;
	if (gg_classic_over_load_factor(s->go, hint, s->B))
		hint = (int64_t)(gg_classic_load_factor_num(s->go) * ((UINT64_C(1) << s->B) / 2));
	return hint;
}

static gg_status fill(gg_rt_classic *d, const gg_rt_classic *s)
{
	if (s->count == 0)
		return GG_OK;
	if (!d->cur.p) {
		if (ggi_rt_classic_make_array(d, 0, &d->cur) != GG_OK)
			return GG_ERR_NOMEM;
		ggi_rt_classic_reset_spares(d);
	}
	assert(d->B <= s->B);
	if (s->B == 0 && !s->ind_key && !s->ind_elem && !s->old.p) {
		/* The quick copy of a one-bucket map: it has no overflow. */
		assert(ggi_ovf(s, s->cur.p) == NULL);
		memcpy(d->cur.p, s->cur.p, d->bsize);
		d->count = s->count;
		return GG_OK;
	}
	if (copy_current(d, s) != GG_OK)
		return GG_ERR_NOMEM;
	return s->old.p ? copy_old(d, s) : GG_OK;
}

gg_status gg_rt_classic_clone(const gg_rt_classic *src, gg_rt_classic **out, gg_error *err)
{
	gg_rt_classic_config cfg = {.type = src->type,
				    .go = src->go,
				    .noswissmap = src->go >= 24,
				    .alloc = src->alloc,
				    .fixed_seed = 1,
				    .seed = src->seed};
	gg_status st = gg_rt_classic_new(&cfg, clone_hint(src), out, err);
	if (st != GG_OK)
		return st;
	if (fill(*out, src) != GG_OK) {
		gg_rt_classic_destroy(*out);
		*out = NULL;
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory cloning a map of %llu entries",
				(unsigned long long)src->count);
	}
	return GG_OK;
}
