/* Growth of the classic map (runtime/map.go: makeBucketArray, newoverflow,
 * incrnoverflow, hashGrow, growWork, evacuate, advanceEvacuationMark).
 *
 * hashGrow only allocates the new array; each later write evacuates the old
 * bucket it touches and the one at nevacuate, so an insert does O(1)
 * bucket moves besides that allocation. evacuate gets every overflow
 * bucket it needs before it moves a cell, so a failed allocation leaves
 * the old bucket as it was. */
#include <assert.h>
#include <string.h>

#include "rt/classic/classic_internal.h"

gg_status ggi_rt_classic_make_array(gg_rt_classic *m, int B, ggi_rt_classic_array *a)
{
	if (!gg_classic_bucket_array_fits(&m->t, m->bsize, m->bucket_noscan, B))
		return GG_ERR_NOMEM; /* newarray would panic: too large for memory */
	uint64_t n = gg_classic_bucket_array(&m->t, m->bsize, m->bucket_noscan, B);
	char *p = ggi_rt_classic_alloc_zeroed(m, n * m->bsize, m->bucket_noscan);
	if (!p)
		return GG_ERR_NOMEM;
	*a = (ggi_rt_classic_array){p, n, B};
	return GG_OK;
}

void ggi_rt_classic_reset_spares(gg_rt_classic *m)
{
	uint64_t base = UINT64_C(1) << m->cur.B;
	m->next_overflow = NULL;
	if (m->cur.n == base)
		return;
	m->next_overflow = ggi_bucket(m, m->cur.p, base);
	/* makeBucketArray: the last spare's non-nil overflow pointer says
	 * "last"; newoverflow clears it when it takes that one. */
	ggi_set_ovf(m, ggi_bucket(m, m->cur.p, m->cur.n - 1), m->cur.p);
}

static uint64_t spares_left(const gg_rt_classic *m)
{
	if (!m->next_overflow)
		return 0;
	return (uint64_t)(m->cur.p + m->cur.n * m->bsize - m->next_overflow) / m->bsize;
}

static char *take_spare(gg_rt_classic *m)
{
	char *o = m->next_overflow;
	if (ggi_ovf(m, o) == NULL) {
		m->next_overflow = o + m->bsize;
	} else {
		ggi_set_ovf(m, o, NULL);
		m->next_overflow = NULL;
	}
	return o;
}

/* incrnoverflow: exact below B 16, then counted with probability
 * 1/(mask+1) so that the 16-bit counter means "about 2^B". */
static void link_overflow(gg_rt_classic *m, char *b, char *o)
{
	uint32_t mask = gg_classic_noverflow_mask(m->B);
	if (mask == 0 || ((uint32_t)ggi_rt_classic_rand(m) & mask) == 0)
		m->noverflow++;
	m->stats.overflow++;
	ggi_set_ovf(m, b, o);
}

char *ggi_rt_classic_new_overflow(gg_rt_classic *m, char *b)
{
	char *o = m->next_overflow ? take_spare(m) : NULL;
	if (!o) {
		o = ggi_rt_classic_alloc_zeroed(m, m->bsize, m->bucket_noscan);
		if (!o)
			return NULL;
	}
	link_overflow(m, b, o);
	return o;
}

gg_status ggi_rt_classic_hash_grow(gg_rt_classic *m)
{
	int bigger = gg_classic_over_load_factor(m->go, (int64_t)m->count + 1, m->B);
	ggi_rt_classic_array a;
	if (ggi_rt_classic_make_array(m, m->B + bigger, &a) != GG_OK)
		return GG_ERR_NOMEM;
	assert(m->old.p == NULL);
	m->old = m->cur;
	m->cur = a;
	m->B += bigger;
	m->same_size = !bigger;
	m->nevacuate = 0;
	m->noverflow = 0;
	m->old_chains_kept = 0;
	m->stats.overflow = 0;
	m->stats.evacuated = 0;
	ggi_rt_classic_reset_spares(m);
	if (bigger)
		m->stats.grows++;
	else
		m->stats.same_size_grows++;
	ggi_rt_classic_event(m, GG_RT_EV_MAP_GROW, UINT64_C(1) << m->old.B, UINT64_C(1) << m->B, !bigger);
	return GG_OK;
}

/* The old array's memory may still be read by a running iterator; it is
 * kept (with its chains) until they end. With no room to keep it, every
 * kept array goes and the iterators that could see them are ended. */
static void retire_old(gg_rt_classic *m)
{
	if (m->iters == 0) {
		ggi_rt_classic_free_chains(m, &m->old, 0);
		ggi_rt_classic_free_buckets(m, m->old.p, m->old.n * m->bsize);
	} else {
		if (m->nretired == GGI_CLASSIC_RETIRED) {
			ggi_rt_classic_release(m);
			m->epoch++;
		}
		m->retired[m->nretired++] = m->old;
	}
	m->old = (ggi_rt_classic_array){0};
}

static void advance_evacuation_mark(gg_rt_classic *m, uint64_t newbit)
{
	m->nevacuate++;
	uint64_t stop = gg_classic_evacuation_stop(m->nevacuate, newbit);
	while (m->nevacuate != stop && ggi_evacuated(ggi_bucket(m, m->old.p, m->nevacuate)))
		m->nevacuate++;
	if (m->nevacuate != newbit)
		return;
	/* Without iterators every chain was cut at its evacuation, so the
	 * walk is needed only when some were kept. */
	if (!m->old_chains_kept && m->iters == 0) {
		ggi_rt_classic_free_buckets(m, m->old.p, m->old.n * m->bsize);
		m->old = (ggi_rt_classic_array){0};
	} else {
		retire_old(m);
	}
	m->same_size = 0;
	ggi_rt_classic_event(m, GG_RT_EV_MAP_GROW_DONE, UINT64_C(1) << m->B, 0, 0);
}

/* A destination of evacuate: bucket b, next free cell i. */
typedef struct dest {
	char *b;
	unsigned i;
} dest;

/* evacuate's choice for cell i of b: 1 for the Y half (the hash's newbit
 * set), 0 for X (and in a same-size grow); *top becomes the cell's tophash
 * at its destination. A key unequal to itself (NaN) hashes at random, so
 * its hash says nothing: Go sends it by its tophash's low bit and gives it
 * the top of a fresh hash (map.go evacuate, with iterators running). We
 * do so always, not only while iterators run, so that overflow_needed and
 * the move agree; the choice is as random as Go's either way. */
static int goes_y(gg_rt_classic *m, char *b, unsigned i, uint64_t newbit, uint8_t *top)
{
	if (m->same_size)
		return 0;
	char *k = ggi_deref(m->ind_key, ggi_kslot(m, b, i));
	uint64_t h = ggi_rt_classic_hash(m, k);
	if (m->type.equal(k, k))
		return (h & newbit) != 0;
	int y = *top & 1;
	*top = ggi_rt_classic_top(m, h);
	return y;
}

/* Overflow buckets the chain's cells need at their destinations (each
 * destination starts empty: nothing is written to a new bucket before its
 * old bucket is evacuated). */
static uint64_t overflow_needed(gg_rt_classic *m, char *b, uint64_t newbit)
{
	if (!ggi_ovf(m, b))
		return 0; /* 8 cells fit the first destination */
	uint64_t n[2] = {0, 0};
	for (; b; b = ggi_ovf(m, b))
		for (unsigned i = 0; i < GG_MAP_SLOTS; i++) {
			uint8_t top = ggi_tophash(b)[i];
			if (!ggi_is_empty(top))
				n[goes_y(m, b, i, newbit, &top)]++;
		}
	return (n[0] ? (n[0] - 1) / GG_MAP_SLOTS : 0) + (n[1] ? (n[1] - 1) / GG_MAP_SLOTS : 0);
}

/* Allocates the overflow buckets the spares do not cover, chained through
 * their overflow words; *list NULL and GG_ERR_NOMEM when one fails. */
static gg_status reserve(gg_rt_classic *m, uint64_t need, char **list)
{
	*list = NULL;
	uint64_t have = spares_left(m);
	for (uint64_t k = have; k < need; k++) {
		char *o = ggi_rt_classic_alloc_zeroed(m, m->bsize, m->bucket_noscan);
		if (!o) {
			while (*list) {
				char *next = ggi_ovf(m, *list);
				ggi_rt_classic_free(m, *list, m->bsize, m->bucket_noscan);
				*list = next;
			}
			return GG_ERR_NOMEM;
		}
		ggi_set_ovf(m, o, *list);
		*list = o;
	}
	return GG_OK;
}

static void move_cell(gg_rt_classic *m, dest *d, char **list, char *b, unsigned i, uint8_t top)
{
	if (d->i == GG_MAP_SLOTS) {
		char *o;
		if (m->next_overflow) {
			o = take_spare(m);
		} else {
			o = *list; /* reserve counted it */
			assert(o);
			*list = ggi_ovf(m, o);
			ggi_set_ovf(m, o, NULL);
		}
		link_overflow(m, d->b, o);
		*d = (dest){o, 0};
	}
	ggi_tophash(d->b)[d->i] = top;
	memcpy(ggi_kslot(m, d->b, d->i), ggi_kslot(m, b, i), m->kslot);
	memcpy(ggi_eslot(m, d->b, d->i), ggi_eslot(m, b, i), m->eslot);
	d->i++;
}

/* Cuts an evacuated bucket's chain (Go clears it for the GC unless an
 * iterator might read it); buckets allocated one by one are freed. */
static void cut_chain(gg_rt_classic *m, char *b)
{
	if (m->iters) {
		m->old_chains_kept = 1;
		return;
	}
	char *o = ggi_ovf(m, b);
	ggi_set_ovf(m, b, NULL);
	while (o) {
		char *next = ggi_ovf(m, o);
		if (ggi_in_array(m, &m->old, o))
			ggi_set_ovf(m, o, NULL);
		else
			ggi_rt_classic_free(m, o, m->bsize, m->bucket_noscan);
		o = next;
	}
}

static gg_status evacuate(gg_rt_classic *m, uint64_t oldbucket)
{
	char *b = ggi_bucket(m, m->old.p, oldbucket), *list;
	uint64_t newbit = UINT64_C(1) << m->old.B;
	if (!ggi_evacuated(b)) {
		if (reserve(m, overflow_needed(m, b, newbit), &list) != GG_OK)
			return GG_ERR_NOMEM;
		dest xy[2] = {{ggi_bucket(m, m->cur.p, oldbucket), 0}, {NULL, 0}};
		if (!m->same_size)
			xy[1].b = ggi_bucket(m, m->cur.p, oldbucket + newbit);
		for (char *c = b; c; c = ggi_ovf(m, c))
			for (unsigned i = 0; i < GG_MAP_SLOTS; i++) {
				uint8_t top = ggi_tophash(c)[i];
				if (ggi_is_empty(top)) {
					ggi_tophash(c)[i] = GGI_EVACUATED_EMPTY;
					continue;
				}
				assert(top >= GGI_MIN_TOPHASH);
				int y = goes_y(m, c, i, newbit, &top);
				ggi_tophash(c)[i] = (uint8_t)(GGI_EVACUATED_X + y);
				move_cell(m, &xy[y], &list, c, i, top);
			}
		assert(list == NULL);
		cut_chain(m, b);
		m->stats.evacuated++;
		ggi_rt_classic_event(m, GG_RT_EV_MAP_EVACUATE, oldbucket, 0, 0);
	}
	if (oldbucket == m->nevacuate)
		advance_evacuation_mark(m, newbit);
	return GG_OK;
}

gg_status ggi_rt_classic_grow_work(gg_rt_classic *m, uint64_t bucket)
{
	gg_status st = evacuate(m, bucket & ggi_mask(m->old.B));
	/* One more, to make progress; should it lack memory, a later write
	 * will move it. */
	if (st == GG_OK && m->old.p)
		(void)evacuate(m, m->nevacuate);
	return st;
}
