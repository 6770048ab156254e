/* The classic map's operations (runtime/map.go: mapaccess1/mapaccessK,
 * mapassign, mapdelete, mapclear). */
#include <assert.h>
#include <string.h>

#include "model/util.h"
#include "rt/classic/classic_internal.h"

uint64_t ggi_rt_classic_hash(const gg_rt_classic *m, const void *key)
{
	return m->type.hash(key, m->seed) & m->hash_mask;
}

uint8_t ggi_rt_classic_top(const gg_rt_classic *m, uint64_t hash)
{
	uint8_t top = (uint8_t)(hash >> m->top_shift);
	return top < GGI_MIN_TOPHASH ? (uint8_t)(top + GGI_MIN_TOPHASH) : top;
}

char *ggi_rt_classic_lookup_bucket(const gg_rt_classic *m, uint64_t hash)
{
	if (!m->cur.p)
		return NULL;
	char *b = ggi_bucket(m, m->cur.p, hash & ggi_mask(m->B));
	if (m->old.p) {
		/* Not evacuated yet: the key is still in its old bucket. */
		char *ob = ggi_bucket(m, m->old.p, hash & ggi_mask(m->old.B));
		if (!ggi_evacuated(ob))
			b = ob;
	}
	return b;
}

/* Searches the chain from b; emptyRest ends it early. */
static int find_in(const gg_rt_classic *m, char *b, uint8_t top, const void *key, char **ob, unsigned *oi)
{
	for (; b; b = ggi_ovf(m, b))
		for (unsigned i = 0; i < GG_MAP_SLOTS; i++) {
			uint8_t t = ggi_tophash(b)[i];
			if (t != top) {
				if (t == GGI_EMPTY_REST)
					return 0;
				continue;
			}
			if (m->type.equal(key, ggi_deref(m->ind_key, ggi_kslot(m, b, i)))) {
				*ob = b;
				*oi = i;
				return 1;
			}
		}
	return 0;
}

int ggi_rt_classic_find(const gg_rt_classic *m, uint64_t hash, const void *key, char **b, unsigned *i)
{
	if (m->count == 0)
		return 0;
	return find_in(m, ggi_rt_classic_lookup_bucket(m, hash), ggi_rt_classic_top(m, hash), key, b, i);
}

void *gg_rt_classic_get(const gg_rt_classic *m, const void *key)
{
	char *b;
	unsigned i;
	if (!ggi_rt_classic_find(m, ggi_rt_classic_hash(m, key), key, &b, &i))
		return NULL;
	return ggi_deref(m->ind_elem, ggi_eslot(m, b, i));
}

static void store_elem(gg_rt_classic *m, char *dst, const void *elem)
{
	if (elem)
		memcpy(dst, elem, m->type.elem_size);
	else
		memset(dst, 0, m->type.elem_size);
}

/* Where an insert goes: the first empty cell of the chain (or none) and
 * the chain's last bucket. */
typedef struct slot_at {
	char *b, *last;
	unsigned i;
} slot_at;

static void free_slot(gg_rt_classic *m, char *b, slot_at *s)
{
	*s = (slot_at){NULL, NULL, 0};
	for (; b; b = ggi_ovf(m, b)) {
		s->last = b;
		for (unsigned i = 0; i < GG_MAP_SLOTS && !s->b; i++)
			if (ggi_is_empty(ggi_tophash(b)[i]))
				*s = (slot_at){b, b, i};
	}
}

gg_status ggi_rt_classic_new_objects(gg_rt_classic *m, void **k, void **e)
{
	*k = *e = NULL;
	if (m->ind_key && !(*k = ggi_rt_classic_alloc(m, m->type.key_size, m->type.noscan)))
		return GG_ERR_NOMEM;
	if (m->ind_elem && !(*e = ggi_rt_classic_alloc(m, m->type.elem_size, m->type.noscan))) {
		if (*k)
			ggi_rt_classic_free(m, *k, m->type.key_size, m->type.noscan);
		return GG_ERR_NOMEM;
	}
	return GG_OK;
}

void ggi_rt_classic_cell_objects(const gg_rt_classic *m, char *b, unsigned i, void *ko, void *eo, char **kd,
				 char **ed)
{
	*kd = ggi_kslot(m, b, i);
	*ed = ggi_eslot(m, b, i);
	if (ko) {
		memcpy(*kd, &ko, sizeof ko);
		*kd = ko;
	}
	if (eo) {
		memcpy(*ed, &eo, sizeof eo);
		*ed = eo;
	}
}

static gg_status insert_new(gg_rt_classic *m, slot_at *s, uint8_t top, const void *key, const void *elem)
{
	void *ko, *eo;
	if (ggi_rt_classic_new_objects(m, &ko, &eo) != GG_OK)
		return GG_ERR_NOMEM;
	if (!s->b) {
		s->b = ggi_rt_classic_new_overflow(m, s->last);
		s->i = 0;
		if (!s->b) {
			if (ko)
				ggi_rt_classic_free(m, ko, m->type.key_size, m->type.noscan);
			if (eo)
				ggi_rt_classic_free(m, eo, m->type.elem_size, m->type.noscan);
			return GG_ERR_NOMEM;
		}
	}
	char *kd, *ed;
	ggi_rt_classic_cell_objects(m, s->b, s->i, ko, eo, &kd, &ed);
	memcpy(kd, key, m->type.key_size);
	store_elem(m, ed, elem);
	ggi_tophash(s->b)[s->i] = top;
	m->count++;
	return GG_OK;
}

static gg_status first_bucket(gg_rt_classic *m, gg_error *err)
{
	/* makemap with B 0 defers the bucket to the first write. */
	if (ggi_rt_classic_make_array(m, 0, &m->cur) != GG_OK)
		return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory for the map's first bucket");
	ggi_rt_classic_reset_spares(m);
	return GG_OK;
}

gg_status gg_rt_classic_put(gg_rt_classic *m, const void *key, const void *elem, gg_error *err)
{
	uint64_t hash = ggi_rt_classic_hash(m, key);
	uint8_t top = ggi_rt_classic_top(m, hash);
	if (!m->cur.p && first_bucket(m, err) != GG_OK)
		return GG_ERR_NOMEM;
	ggi_rt_classic_drain_step(m);
	for (;;) {
		uint64_t bucket = hash & ggi_mask(m->B);
		if (m->old.p && ggi_rt_classic_grow_work(m, bucket) != GG_OK)
			return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory evacuating bucket %llu",
					(unsigned long long)bucket);
		char *head = ggi_bucket(m, m->cur.p, bucket), *b;
		unsigned i;
		if (find_in(m, head, top, key, &b, &i)) {
			/* Go updates the key too (NeedKeyUpdate: strings, floats). */
			memcpy(ggi_deref(m->ind_key, ggi_kslot(m, b, i)), key, m->type.key_size);
			store_elem(m, ggi_deref(m->ind_elem, ggi_eslot(m, b, i)), elem);
			return GG_OK;
		}
		if (!m->old.p && (gg_classic_over_load_factor(m->go, (int64_t)m->count + 1, m->B) ||
				  gg_classic_too_many_overflow(m->noverflow, m->B))) {
			if (ggi_rt_classic_hash_grow(m) != GG_OK)
				return ggi_fail(err, GG_ERR_NOMEM, 0, "out of memory growing to %llu buckets",
						(unsigned long long)(UINT64_C(2) << m->B));
			continue; /* growing invalidates everything: again */
		}
		slot_at s;
		free_slot(m, head, &s);
		if (insert_new(m, &s, top, key, elem) != GG_OK)
			return ggi_fail(err, GG_ERR_NOMEM, 0,
					"out of memory for an overflow bucket or entry");
		return GG_OK;
	}
}

/* mapdelete: when the cells after the freed one are all emptyRest, it and
 * the emptyOne cells before it become emptyRest too, so searches stop
 * early. head is the chain's first bucket. */
static void mark_empty_rest(const gg_rt_classic *m, char *head, char *b, unsigned i)
{
	if (i == GG_MAP_SLOTS - 1) {
		char *o = ggi_ovf(m, b);
		if (o && ggi_tophash(o)[0] != GGI_EMPTY_REST)
			return;
	} else if (ggi_tophash(b)[i + 1] != GGI_EMPTY_REST) {
		return;
	}
	for (;;) {
		ggi_tophash(b)[i] = GGI_EMPTY_REST;
		if (i == 0) {
			if (b == head)
				break;
			char *c = b;
			for (b = head; ggi_ovf(m, b) != c; b = ggi_ovf(m, b))
				;
			i = GG_MAP_SLOTS - 1;
		} else {
			i--;
		}
		if (ggi_tophash(b)[i] != GGI_EMPTY_ONE)
			break;
	}
}

/* A deleted indirect key may still be read through an evacuated cell by a
 * running iterator (mapiternext looks such keys up): it is freed when they
 * end. Without memory to remember it, it goes now and they end. */
static void drop_key(gg_rt_classic *m, void *k)
{
	if (m->iters && m->ndeferred == m->capdeferred) {
		size_t cap = m->capdeferred ? 2 * m->capdeferred : 16;
		void **d = ggi_rt_classic_alloc(m, cap * sizeof *d, 0);
		if (d) {
			if (m->deferred) {
				memcpy(d, m->deferred, m->ndeferred * sizeof *d);
				ggi_rt_classic_free(m, m->deferred, m->capdeferred * sizeof *d, 0);
			}
			m->deferred = d;
			m->capdeferred = cap;
		} else {
			ggi_rt_classic_release(m);
			m->epoch++;
		}
	}
	if (m->iters && m->ndeferred < m->capdeferred)
		m->deferred[m->ndeferred++] = k;
	else
		ggi_rt_classic_free(m, k, m->type.key_size, m->type.noscan);
}

static void clear_cell(gg_rt_classic *m, char *b, unsigned i)
{
	if (m->ind_key)
		drop_key(m, ggi_deref(1, ggi_kslot(m, b, i)));
	if (m->ind_elem)
		ggi_rt_classic_free(m, ggi_deref(1, ggi_eslot(m, b, i)), m->type.elem_size, m->type.noscan);
	memset(ggi_kslot(m, b, i), 0, m->kslot);
	memset(ggi_eslot(m, b, i), 0, m->eslot);
	ggi_tophash(b)[i] = GGI_EMPTY_ONE;
}

int gg_rt_classic_delete(gg_rt_classic *m, const void *key)
{
	if (m->count == 0)
		return 0;
	ggi_rt_classic_drain_step(m);
	uint64_t hash = ggi_rt_classic_hash(m, key);
	/* Evacuating is progress, not a need: without memory for it the key
	 * is deleted where it is, old bucket or new. */
	if (m->old.p)
		(void)ggi_rt_classic_grow_work(m, hash & ggi_mask(m->B));
	char *head = ggi_rt_classic_lookup_bucket(m, hash), *b;
	unsigned i;
	if (!find_in(m, head, ggi_rt_classic_top(m, hash), key, &b, &i))
		return 0;
	clear_cell(m, b, i);
	mark_empty_rest(m, head, b, i);
	if (--m->count == 0)
		m->seed = ggi_rt_classic_rand(m); /* issue 25237: a new seed when empty */
	return 1;
}

void gg_rt_classic_clear(gg_rt_classic *m)
{
	if (m->count == 0)
		return;
	m->clear_seq++; /* running iterators end before touching memory again */
	ggi_rt_classic_release(m);
	ggi_rt_classic_free_indirect(m, &m->old);
	ggi_rt_classic_free_indirect(m, &m->cur);
	ggi_rt_classic_free_chains(m, &m->old, 1);
	/* makeBucketArray(t, h.B, h.buckets): the same array, zeroed. */
	ggi_rt_classic_free_chains(m, &m->cur, 0);
	memset(m->cur.p, 0, m->cur.n * m->bsize);
	ggi_rt_classic_reset_spares(m);
	m->same_size = 0;
	m->nevacuate = 0;
	m->noverflow = 0;
	m->count = 0;
	m->stats.overflow = 0;
	m->seed = ggi_rt_classic_rand(m);
}
