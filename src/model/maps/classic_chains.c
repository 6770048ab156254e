/* Classic bucket chains slot by slot, for the simulation that deletes
 * keys.
 *
 * Source: runtime/map.go (map_noswiss.go in 1.24-1.25): mapassign (a new
 * key takes the first empty slot of its chain; emptyRest only shortens the
 * scan), mapdelete (the slot becomes empty, nothing moves), evacuate
 * (copies the live entries of an old chain in chain order, to X or Y by
 * the next hash bit), newoverflow (a bucket appended to a full chain).
 *
 * Deletes need to know where each key is, so every bucket of every chain
 * is a pool entry holding its slots' key hashes; the state machine
 * (classic_state.c) decides when to grow and counts the bytes, this file
 * moves keys. A churning map never changes B (len never passes n again,
 * and deletes never shrink a map), but its chains do: holes fill, full
 * chains take overflow buckets, and a same-size grow rebuilds them. */
#include <stdlib.h>
#include <string.h>

#include "model/maps/classic_state.h"

static int32_t new_bucket(ggi_classic_state *s)
{
	int32_t b;
	if (s->freel >= 0) {
		b = s->freel;
		s->freel = s->pool[b].ovf;
	} else {
		if (s->npool == s->pcap) {
			int32_t cap = s->pcap ? s->pcap * 2 : 64;
			ggi_classic_kbucket *p =
			    cap > s->pcap ? realloc(s->pool, (size_t)cap * sizeof *p) : NULL;
			if (!p)
				return s->oom = 1, -1;
			s->pool = p;
			s->pcap = cap;
		}
		b = s->npool++;
	}
	memset(s->pool[b].used, 0, sizeof s->pool[b].used);
	s->pool[b].ovf = -1;
	return b;
}

static void free_chain(ggi_classic_state *s, int32_t b)
{
	while (b >= 0) {
		int32_t next = s->pool[b].ovf;
		s->pool[b].ovf = s->freel;
		s->freel = b;
		b = next;
	}
}

ggi_classic_bucket *ggi_chains_new_array(ggi_classic_state *s, int B)
{
	uint64_t n = UINT64_C(1) << B;
	ggi_classic_bucket *arr = malloc(n * sizeof *arr);
	if (!arr)
		return s->oom = 1, NULL;
	for (uint64_t i = 0; i < n; i++)
		if ((arr[i].head = new_bucket(s)) < 0) {
			for (uint64_t j = 0; j < i; j++)
				free_chain(s, arr[j].head);
			free(arr);
			return NULL;
		}
	return arr;
}

void ggi_chains_free_array(ggi_classic_state *s, ggi_classic_bucket *arr, int B)
{
	if (!arr)
		return;
	for (uint64_t i = 0; i < UINT64_C(1) << B; i++)
		free_chain(s, arr[i].head);
	free(arr);
}

/* newoverflow: a bucket chained after `last`. Returns it, or -1. */
static int32_t newoverflow(ggi_classic_state *s, int32_t last)
{
	int32_t b = new_bucket(s);
	if (b < 0)
		return -1;
	s->pool[last].ovf = b;
	ggi_classic_newoverflow(s);
	return b;
}

/* Where evacuate writes next: bucket b, slot i. */
typedef struct dest {
	int32_t b;
	int i;
} dest;

static int put(ggi_classic_state *s, dest *d, uint64_t h)
{
	if (d->i == GG_MAP_SLOTS) {
		int32_t b = newoverflow(s, d->b);
		if (b < 0)
			return 0;
		d->b = b;
		d->i = 0;
	}
	s->pool[d->b].hash[d->i] = h;
	s->pool[d->b].used[d->i] = 1;
	d->i++;
	return 1;
}

int ggi_chains_evacuate(ggi_classic_state *s, uint64_t ob, uint64_t newbit)
{
	dest x = {s->cur[ob].head, 0}, y = {s->same ? -1 : s->cur[ob + newbit].head, 0};
	for (int32_t b = s->old[ob].head; b >= 0; b = s->pool[b].ovf)
		for (int j = 0; j < GG_MAP_SLOTS; j++) {
			if (!s->pool[b].used[j])
				continue;
			uint64_t h = s->pool[b].hash[j];
			if (!put(s, !s->same && (h & newbit) ? &y : &x, h))
				return 0;
		}
	return 1;
}

int ggi_chains_place(ggi_classic_state *s, ggi_classic_bucket *head, uint64_t h)
{
	int32_t last = -1, fb = -1;
	int fj = 0;
	for (int32_t b = head->head; b >= 0 && fb < 0; last = b, b = s->pool[b].ovf)
		for (int j = 0; j < GG_MAP_SLOTS; j++)
			if (!s->pool[b].used[j]) {
				fb = b;
				fj = j;
				break;
			}
	if (fb < 0) {
		if ((fb = newoverflow(s, last)) < 0)
			return 0;
		fj = 0;
	}
	s->pool[fb].hash[fj] = h;
	s->pool[fb].used[fj] = 1;
	return 1;
}

int ggi_chains_delete(ggi_classic_state *s, ggi_classic_bucket *head, uint64_t h)
{
	for (int32_t b = head->head; b >= 0; b = s->pool[b].ovf)
		for (int j = 0; j < GG_MAP_SLOTS; j++)
			if (s->pool[b].used[j] && s->pool[b].hash[j] == h) {
				s->pool[b].used[j] = 0;
				return 1;
			}
	return 0;
}

void ggi_chains_pool_free(ggi_classic_state *s)
{
	free(s->pool);
	s->pool = NULL;
	s->npool = s->pcap = 0;
	s->freel = -1;
}
