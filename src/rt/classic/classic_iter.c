/* Iteration and cloning of the classic map (runtime/map.go: mapiterinit,
 * mapiternext, and maps.Clone). */
#include <assert.h>
#include <string.h>

#include "model/util.h"
#include "rt/classic/classic_internal.h"

static void iter_end(gg_rt_classic_iter *it, gg_status st)
{
	if (it->done)
		return;
	it->done = 1;
	it->status = st;
	gg_rt_classic *m = it->m;
	/* The last one out frees what iterators kept. */
	if (--m->iters == 0)
		ggi_rt_classic_release(m);
}

void gg_rt_classic_iter_init(gg_rt_classic *m, gg_rt_classic_iter *it)
{
	*it = (gg_rt_classic_iter){.m = m, .status = GG_OK, .done = 1};
	if (m->count == 0)
		return;
	m->iters++;
	it->done = 0;
	it->epoch = m->epoch;
	it->clear_seq = m->clear_seq;
	it->buckets = m->cur.p;
	it->B = m->B;
	/* A random start bucket and slot offset, so no code can rely on an
	 * order. */
	uint64_t r = ggi_rt_classic_rand(m);
	it->start_bucket = r & ggi_mask(m->B);
	it->offset = (unsigned)(r >> m->B) & (GG_MAP_SLOTS - 1);
	it->bucket = it->start_bucket;
	it->check_bucket = UINT64_MAX; /* noCheck */
}

/* The next bucket chain: while the grow the iterator started in goes on,
 * an old bucket not yet evacuated stands in for its new ones, filtered by
 * check_bucket. */
static void next_chain(gg_rt_classic_iter *it)
{
	gg_rt_classic *m = it->m;
	it->check_bucket = UINT64_MAX;
	it->bptr = ggi_bucket(m, it->buckets, it->bucket);
	if (m->old.p && it->B == m->B) {
		char *ob = ggi_bucket(m, m->old.p, it->bucket & ggi_mask(m->old.B));
		if (!ggi_evacuated(ob)) {
			it->bptr = ob;
			it->check_bucket = it->bucket;
		}
	}
	if (++it->bucket == (UINT64_C(1) << it->B)) {
		it->bucket = 0;
		it->wrapped = 1;
	}
	it->i = 0;
}

/* Whether an old bucket's key goes to the new bucket check_bucket. A NaN
 * goes to the half its tophash's low bit says (goes_y in classic_grow.c;
 * evacuatedX/Y keep that bit). */
static int in_check_bucket(const gg_rt_classic_iter *it, char *k, int reflexive, uint8_t top)
{
	if (reflexive)
		return (ggi_rt_classic_hash(it->m, k) & ggi_mask(it->B)) == it->check_bucket;
	return (it->check_bucket >> (it->B - 1)) == (uint64_t)(top & 1);
}

/* Cell offi of the current bucket as mapiternext sees it: 1 with the
 * key and elem to return. */
static int cell(gg_rt_classic_iter *it, unsigned offi, const void **key, void **elem)
{
	gg_rt_classic *m = it->m;
	char *b = it->bptr;
	uint8_t top = ggi_tophash(b)[offi];
	if (ggi_is_empty(top) || top == GGI_EVACUATED_EMPTY)
		return 0;
	char *k = ggi_deref(m->ind_key, ggi_kslot(m, b, offi));
	/* A key unequal to itself (NaN): its hash is random, never found by
	 * a lookup, never deleted or updated but by clear (which ends us). */
	int reflexive = m->type.equal(k, k);
	/* An old bucket also holds the keys of the new bucket's sibling. */
	if (it->check_bucket != UINT64_MAX && !m->same_size && !in_check_bucket(it, k, reflexive, top))
		return 0;
	if ((top != GGI_EVACUATED_X && top != GGI_EVACUATED_Y) || !reflexive) {
		*key = k;
		*elem = ggi_deref(m->ind_elem, ggi_eslot(m, b, offi));
		return 1;
	}
	/* Moved since the iterator started: the current copy, if any. */
	char *nb;
	unsigned ni;
	if (!ggi_rt_classic_find(m, ggi_rt_classic_hash(m, k), k, &nb, &ni))
		return 0;
	*key = ggi_deref(m->ind_key, ggi_kslot(m, nb, ni));
	*elem = ggi_deref(m->ind_elem, ggi_eslot(m, nb, ni));
	return 1;
}

int gg_rt_classic_iter_next(gg_rt_classic_iter *it, const void **key, void **elem)
{
	if (it->done)
		return 0;
	gg_rt_classic *m = it->m;
	if (m->clear_seq != it->clear_seq) {
		iter_end(it, GG_OK);
		return 0;
	}
	if (m->epoch != it->epoch) {
		iter_end(it, GG_ERR_RANGE);
		return 0;
	}
	for (;;) {
		if (!it->bptr) {
			if (it->bucket == it->start_bucket && it->wrapped) {
				iter_end(it, GG_OK);
				return 0;
			}
			next_chain(it);
		}
		while (it->i < GG_MAP_SLOTS) {
			unsigned offi = (it->i++ + it->offset) & (GG_MAP_SLOTS - 1);
			if (cell(it, offi, key, elem))
				return 1;
		}
		it->bptr = ggi_ovf(m, it->bptr);
		it->i = 0;
	}
}

void gg_rt_classic_iter_stop(gg_rt_classic_iter *it)
{
	iter_end(it, GG_OK);
}
