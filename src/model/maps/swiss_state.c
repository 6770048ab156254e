/* Swiss-table growth past the first split, simulated.
 *
 * After a table of 1024 slots splits (internal/runtime/maps/table.go,
 * split and map.go installTableSplit), which of the two halves each key
 * goes to is one bit of its seeded hash, and which table a new key lands in
 * is the top globalDepth bits of it. Nothing about that is deterministic, so
 * the exact model stops there; this file estimates the distribution over
 * hash seeds instead, assuming Go's hash is as good as a random function.
 *
 * No keys or hashes are stored: with random hashes, the number of a
 * table's keys that go left in a split is Binomial(used, 1/2) (the next
 * hash bit of each key is an independent fair coin, even given the bits
 * that brought it to this table), and a new key picks its directory slot
 * from fresh random bits. Everything else is the exact rule set of
 * map_swiss.c: growth budgets (7/8 of the capacity), doubling up to 1024
 * slots, split into two 1024-slot tables, the directory doubling when the
 * table was as deep as the directory, and every allocation's size class. */
#include <stdlib.h>

#include "gogrow/malloc.h"
#include "model/maps/internal.h"
#include "model/util.h"

#define MAX_TABLE_CAP 1024

typedef struct sim_table {
	uint32_t cap, used, left;
	int depth;
	uint64_t index; /* first directory slot */
} sim_table;

typedef struct sim {
	const gg_maptype *m;
	uint64_t rng;
	sim_table *t;
	size_t nt, tcap;
	uint32_t *dir;
	uint64_t dirlen;
	int gdepth;
	uint64_t total, live;
	int64_t splits, split2_at;
	int oom;
} sim;

uint64_t gg_sim_next(uint64_t *state)
{
	/* splitmix64 */
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t gg_sim_binomial_half(uint64_t *state, uint32_t n)
{
	uint32_t k = 0;
	for (; n >= 64; n -= 64)
		k += (uint32_t)__builtin_popcountll(gg_sim_next(state));
	if (n)
		k += (uint32_t)__builtin_popcountll(gg_sim_next(state) & ((UINT64_C(1) << n) - 1));
	return k;
}

static uint64_t next(sim *s)
{
	return gg_sim_next(&s->rng);
}

static uint32_t binomial_half(sim *s, uint32_t n)
{
	return gg_sim_binomial_half(&s->rng, n);
}

static uint32_t budget(uint32_t cap)
{
	return cap <= GG_MAP_SLOTS ? cap - 1 : cap * 7 / GG_MAP_SLOTS;
}

static uint64_t tbytes(const sim *s, uint32_t cap)
{
	const gg_maptype *m = s->m;
	return gg_alloc_bytes(m->table_size, 0, &m->t, NULL) +
	       gg_alloc_bytes((uint64_t)cap / GG_MAP_SLOTS * m->group_size, m->group_noscan, &m->t, NULL);
}

static uint64_t dirbytes(const sim *s, uint64_t len)
{
	return gg_alloc_bytes(len * (uint64_t)s->m->t.arch->ptr_size, 0, &s->m->t, NULL);
}

static int add_table(sim *s, sim_table t)
{
	if (s->nt == s->tcap) {
		size_t cap = s->tcap ? s->tcap * 2 : 16;
		sim_table *n = realloc(s->t, cap * sizeof *n);
		if (!n)
			return s->oom = 1, -1;
		s->t = n;
		s->tcap = cap;
	}
	s->t[s->nt] = t;
	return (int)s->nt++;
}

static int grow_dir(sim *s)
{
	uint32_t *d = malloc(2 * s->dirlen * sizeof *d);
	if (!d)
		return s->oom = 1, 0;
	for (uint64_t i = 0; i < s->dirlen; i++)
		d[2 * i] = d[2 * i + 1] = s->dir[i];
	for (size_t i = 0; i < s->nt; i++)
		s->t[i].index *= 2;
	s->total += dirbytes(s, 2 * s->dirlen);
	s->live += dirbytes(s, 2 * s->dirlen) - dirbytes(s, s->dirlen);
	free(s->dir);
	s->dir = d;
	s->dirlen *= 2;
	s->gdepth++;
	return 1;
}

static int rehash(sim *s, uint32_t ti, int64_t count)
{
	sim_table *t = &s->t[ti];
	if (t->cap * 2 <= MAX_TABLE_CAP) {
		s->total += tbytes(s, t->cap * 2);
		s->live += tbytes(s, t->cap * 2) - tbytes(s, t->cap);
		t->cap *= 2;
		t->left = budget(t->cap) - t->used;
		return 1;
	}
	if (t->depth == s->gdepth && !grow_dir(s))
		return 0;
	t = &s->t[ti];
	int d = t->depth + 1;
	uint32_t l = binomial_half(s, t->used);
	uint64_t entries = UINT64_C(1) << (s->gdepth - d);
	sim_table right = {MAX_TABLE_CAP, t->used - l, budget(MAX_TABLE_CAP) - (t->used - l), d,
			   t->index + entries};
	*t = (sim_table){MAX_TABLE_CAP, l, budget(MAX_TABLE_CAP) - l, d, t->index};
	int ri = add_table(s, right);
	if (ri < 0)
		return 0;
	for (uint64_t i = 0; i < entries; i++)
		s->dir[right.index + i] = (uint32_t)ri;
	s->total += 2 * tbytes(s, MAX_TABLE_CAP);
	s->live += 2 * tbytes(s, MAX_TABLE_CAP) - tbytes(s, MAX_TABLE_CAP);
	if (++s->splits == 2)
		s->split2_at = count;
	return 1;
}

/* One map: n inserts from make(hint). */
static int run(sim *s, const gg_mapmake *mk, int64_t n)
{
	const gg_maptype *m = s->m;
	s->total = s->live = mk->bytes;
	s->nt = 0;
	s->splits = 0;
	s->split2_at = 0;
	int64_t i = 0;
	if (mk->dirlen == 0) {
		/* Small map: the first key allocates the group, the 9th makes a
		 * 16-slot table of 8 keys with a 1-entry directory. */
		if (n >= 1) {
			uint64_t g = gg_alloc_bytes(m->group_size, m->group_noscan, &m->t, NULL);
			s->total += g;
			s->live += g;
		}
		if (n <= GG_MAP_SLOTS) {
			s->dirlen = 0;
			return 1;
		}
		s->dir = malloc(sizeof *s->dir);
		if (!s->dir ||
		    add_table(s, (sim_table){16, GG_MAP_SLOTS, budget(16) - GG_MAP_SLOTS, 0, 0}) < 0)
			return s->oom = 1, 0;
		s->dir[0] = 0;
		s->dirlen = 1;
		s->gdepth = 0;
		s->total += tbytes(s, 16) + dirbytes(s, 1);
		s->live = gg_alloc_bytes(m->header_size, 0, &m->t, NULL) + tbytes(s, 16) + dirbytes(s, 1);
		i = GG_MAP_SLOTS;
	} else {
		s->dir = malloc(mk->dirlen * sizeof *s->dir);
		if (!s->dir)
			return s->oom = 1, 0;
		s->dirlen = mk->dirlen;
		s->gdepth = mk->global_depth;
		for (uint64_t k = 0; k < mk->dirlen; k++) {
			sim_table t = {(uint32_t)mk->table_cap, 0, (uint32_t)mk->growth_left,
				       mk->global_depth, k};
			if (add_table(s, t) < 0)
				return 0;
			s->dir[k] = (uint32_t)k;
		}
	}
	for (; i < n; i++) {
		uint64_t h = next(s);
		for (;;) {
			uint32_t ti = s->dir[s->gdepth ? h >> (64 - s->gdepth) : 0];
			if (s->t[ti].left == 0) {
				if (!rehash(s, ti, i + 1))
					return 0;
				continue;
			}
			s->t[ti].used++;
			s->t[ti].left--;
			break;
		}
	}
	return 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

gg_dist gg_sim_dist(uint64_t *v, int n)
{
	if (n == 0)
		return (gg_dist){0, 0, 0};
	qsort(v, (size_t)n, sizeof *v, cmp_u64);
	return (gg_dist){v[0], v[(n - 1) / 2], v[n - 1]};
}

gg_status gg_swiss_simulate(const gg_maptype *m, int64_t hint, int64_t n, int runs, uint64_t seed,
			    gg_mapsim *out, gg_error *err)
{
	*out = (gg_mapsim){.runs = runs, .seed = seed, .n = n};
	if (m->impl != GG_MAP_SWISS)
		return gg_fail(err, GG_ERR_UNSUPPORTED, 0,
			       "only Swiss tables are simulated (classic overflow buckets are not)");
	if (runs < 1 || runs > GG_MAPSIM_MAX_RUNS)
		return gg_fail(err, GG_ERR_RANGE, 0, "runs must be 1..%d", GG_MAPSIM_MAX_RUNS);
	if (n < 0 || n > gg_target_maxint(&m->t) || n > GG_MAPSIM_MAX_WORK / runs)
		return gg_fail(err, GG_ERR_RANGE, 0,
			       "simulating %d runs of %lld keys is more than the limit of %lld inserts", runs,
			       (long long)n, (long long)GG_MAPSIM_MAX_WORK);
	gg_mapmake mk;
	gg_status st = gg_makemap(m, hint, 0, &mk, err);
	if (st != GG_OK)
		return st;
	uint64_t *v = malloc(6 * (size_t)runs * sizeof *v);
	if (!v)
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	uint64_t *tables = v, *dirlen = v + runs, *cap = v + 2 * runs, *total = v + 3 * runs,
		 *live = v + 4 * runs, *split2 = v + 5 * runs;
	int n2 = 0;
	sim s = {.m = m};
	for (int r = 0; r < runs; r++) {
		s.rng = gg_sim_seed(seed, r);
		s.dir = NULL;
		int ok = run(&s, &mk, n);
		if (ok) {
			uint64_t c = 0;
			for (size_t k = 0; k < s.nt; k++)
				c += s.t[k].cap;
			tables[r] = s.nt;
			dirlen[r] = s.dirlen;
			cap[r] = s.dirlen == 0 && n >= 1 ? GG_MAP_SLOTS : c;
			total[r] = s.total + (uint64_t)n * gg_map_entry_bytes(m);
			live[r] = s.live + (uint64_t)n * gg_map_entry_bytes(m);
			if (s.splits >= 2)
				split2[n2++] = (uint64_t)s.split2_at;
		}
		free(s.dir);
		if (!ok)
			break;
	}
	free(s.t);
	if (s.oom) {
		free(v);
		return gg_fail(err, GG_ERR_NOMEM, 0, "out of memory");
	}
	out->tables = gg_sim_dist(tables, runs);
	out->dirlen = gg_sim_dist(dirlen, runs);
	out->capacity = gg_sim_dist(cap, runs);
	out->total = gg_sim_dist(total, runs);
	out->live = gg_sim_dist(live, runs);
	out->split2 = gg_sim_dist(split2, n2);
	out->split2_runs = n2;
	free(v);
	return GG_OK;
}
