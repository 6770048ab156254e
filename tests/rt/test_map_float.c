/* Randomized differential test of both runtime maps with float64 keys
 * (gg_rt_swiss_type_f64) against a reference written from Go's spec:
 * +0 and -0 are one key whose stored sign is the last put's (Go updates
 * the key on assignment); every put of a NaN adds an entry; get and delete
 * of a NaN find nothing; iteration returns each NaN entry once; clear
 * removes them. Iterations run while keys are deleted, updated and
 * inserted (growth and, for the classic map, evacuation included); every
 * key there throughout, NaN entries too, must come exactly once. A NaN
 * entry is told apart by its elem: a tag with the top bit set.
 * Usage: test_map_float [-n ops] [-s seed]. */
#include <math.h>

#include "../check.h"
#include "gogrow/rt_classic.h"
#include "swiss_testutil.h"

#define NAN_TAG (UINT64_C(1) << 63)

/* One of the two maps behind one set of calls. */
typedef struct fmap {
	int classic;
	gg_rt_swiss *s;
	gg_rt_classic *c;
} fmap;

typedef struct fiter {
	gg_rt_swiss_iter s;
	gg_rt_classic_iter c;
} fiter;

static gg_status f_put(fmap *m, double k, uint64_t v)
{
	return m->classic ? gg_rt_classic_put(m->c, &k, &v, NULL) : gg_rt_swiss_put(m->s, &k, &v, NULL);
}
static uint64_t *f_get(fmap *m, double k)
{
	return m->classic ? gg_rt_classic_get(m->c, &k) : gg_rt_swiss_get(m->s, &k);
}
static int f_del(fmap *m, double k)
{
	return m->classic ? gg_rt_classic_delete(m->c, &k) : gg_rt_swiss_delete(m->s, &k);
}
static uint64_t f_len(fmap *m)
{
	return m->classic ? gg_rt_classic_len(m->c) : gg_rt_swiss_len(m->s);
}
static void f_clear(fmap *m)
{
	if (m->classic)
		gg_rt_classic_clear(m->c);
	else
		gg_rt_swiss_clear(m->s);
}
static void fi_init(fmap *m, fiter *it)
{
	if (m->classic)
		gg_rt_classic_iter_init(m->c, &it->c);
	else
		gg_rt_swiss_iter_init(m->s, &it->s);
}
/* 1 with the key and elem; 0 at the end. A classic iterator under more
 * grows than the map keeps arrays for ends early with GG_ERR_RANGE
 * (rt_classic.h): *cut says so. */
static int fi_next(fmap *m, fiter *it, double *k, uint64_t *v, int *ok, int *cut)
{
	const void *kp;
	void *ep;
	int more =
	    m->classic ? gg_rt_classic_iter_next(&it->c, &kp, &ep) : gg_rt_swiss_iter_next(&it->s, &kp, &ep);
	if (!more) {
		*cut = m->classic && it->c.status == GG_ERR_RANGE;
		*ok = *ok && (!m->classic || it->c.status == GG_OK || *cut);
		return 0;
	}
	memcpy(k, kp, sizeof *k);
	memcpy(v, ep, sizeof *v);
	return 1;
}

/* Reference. Finite key id i: 0 is zero (sign in neg), 2 and 3 are +-Inf,
 * others +-(i/2)*1.5; id 1 (-0) is id 0. NaN entries since the last clear
 * are 0..nnan-1, their elem NAN_TAG | epoch << 32 | index. */
typedef struct fref {
	uint64_t n, len, nnan, nan_cap, epoch;
	unsigned char *present, *seen, *stable, *nan_seen;
	uint64_t *val;
	int neg;
} fref;

static double key_of(uint64_t id, int *neg_zero)
{
	*neg_zero = id == 1;
	if (id <= 1)
		return id ? -0.0 : 0.0;
	if (id <= 3)
		return id == 2 ? INFINITY : -INFINITY;
	return (id & 1 ? -1.0 : 1.0) * (double)(id / 2) * 1.5;
}

static uint64_t id_of(double k)
{
	if (k == 0)
		return 0;
	if (isinf(k))
		return k > 0 ? 2 : 3;
	return (uint64_t)(fabs(k) / 1.5) * 2 + (k < 0);
}

static double nan_key(uint64_t *rng)
{
	uint64_t x = sw_rand(rng), u = 0x7ff8000000000000ull | (x & 0xfffffull) | (x & NAN_TAG);
	double k;
	memcpy(&k, &u, sizeof k);
	return k;
}

/* One operation on a random key below `space`, or a NaN one time in 8. */
static void one_op(fmap *m, fref *r, uint64_t space, uint64_t *rng, long *bad)
{
	uint64_t x = sw_rand(rng), id = (x >> 16) % space;
	int neg, nan = (x & 7) == 0 && r->nnan < r->nan_cap;
	double k = nan ? nan_key(rng) : key_of(id, &neg);
	id = id_of(k);
	unsigned op = (unsigned)(x >> 3) & 0xff;
	if (op < 120) {
		uint64_t v = nan ? NAN_TAG | r->epoch << 32 | r->nnan : sw_rand(rng) >> 1;
		if (f_put(m, k, v) != GG_OK) {
			(*bad)++;
		} else if (nan) {
			r->nnan++;
		} else {
			r->len += !r->present[id];
			r->present[id] = 1;
			r->val[id] = v;
			r->neg = id == 0 ? neg : r->neg;
		}
	} else if (op < 190) {
		uint64_t *e = f_get(m, k);
		*bad += nan ? e != NULL : (e != NULL) != r->present[id] || (e && *e != r->val[id]);
	} else if (op < 254) {
		*bad += f_del(m, k) != (nan ? 0 : r->present[id]);
		if (!nan) {
			r->len -= r->present[id];
			r->present[id] = 0;
		}
	} else if ((x >> 48) % 1024 == 0) {
		f_clear(m);
		memset(r->present, 0, r->n);
		r->len = r->nnan = 0;
		r->epoch++;
	}
}

/* Checks one returned entry and marks it seen; 0 when it is wrong. */
static int check_entry(const fref *r, double k, uint64_t v)
{
	if (k != k) {
		uint64_t i = v & 0xffffffffull;
		if ((v & NAN_TAG) == 0 || (v >> 32 & 0x7fffffff) != (r->epoch & 0x7fffffff) || i >= r->nnan ||
		    r->nan_seen[i])
			return 0;
		r->nan_seen[i] = 1;
		return 1;
	}
	uint64_t id = id_of(k);
	if (id >= r->n || !r->present[id] || r->seen[id] || r->val[id] != v ||
	    (id == 0 && !!signbit(k) != r->neg))
		return 0;
	r->seen[id] = 1;
	return 1;
}

/* A mutation between two steps of an iteration: delete a key, update or
 * insert finite keys (enough to grow the map under the walk), add a NaN. */
static void mutate(fmap *m, fref *r, uint64_t space, uint64_t *rng, long *bad)
{
	uint64_t j = sw_rand(rng) % space;
	int neg;
	if (r->present[j] && (sw_rand(rng) & 3) == 0) {
		*bad += f_del(m, key_of(j, &neg)) != 1;
		r->present[j] = r->stable[j] = 0;
		r->len--;
	}
	for (int t = 0; t < 3; t++) {
		double k = key_of(sw_rand(rng) % (2 * space), &neg);
		uint64_t id = id_of(k), v = sw_rand(rng) >> 1;
		if (id >= r->n)
			continue;
		*bad += f_put(m, k, v) != GG_OK;
		if (!r->present[id])
			r->seen[id] = 0; /* a new entry: may come, once */
		r->len += !r->present[id];
		r->present[id] = 1;
		r->val[id] = v;
		r->neg = id == 0 ? neg : r->neg;
	}
	/* Bounded, or NaN entries met during the walk would breed more. */
	if ((sw_rand(rng) & 7) == 0 && r->nnan < 5000 && r->nnan < r->nan_cap) {
		r->nan_seen[r->nnan] = 0; /* a new entry: may come, once */
		*bad += f_put(m, nan_key(rng), NAN_TAG | r->epoch << 32 | r->nnan++) != GG_OK;
	}
}

/* A full iteration (mutating: with changes between steps). */
static int iterate(fmap *m, fref *r, uint64_t space, uint64_t *rng, int mutating, long *bad)
{
	uint64_t nnan0 = r->nnan, count = 0, len0 = r->len + r->nnan;
	memcpy(r->stable, r->present, r->n);
	memset(r->seen, 0, r->n);
	memset(r->nan_seen, 0, r->nnan);
	int ok = f_len(m) == len0;
	fiter it;
	fi_init(m, &it);
	double k;
	uint64_t v;
	int cut = 0;
	while (fi_next(m, &it, &k, &v, &ok, &cut)) {
		ok = ok && check_entry(r, k, v);
		count++;
		if (mutating)
			mutate(m, r, space, rng, bad);
	}
	if (cut)
		return ok && mutating;
	for (uint64_t i = 0; i < r->n; i++)
		ok = ok && (!r->stable[i] || r->seen[i]);
	for (uint64_t i = 0; i < nnan0; i++)
		ok = ok && r->nan_seen[i];
	return ok && (mutating || count == len0);
}

/* 1 at the first operation of each classic grow and now and then
 * during it: an iteration started then walks old buckets (checkBucket). */
static int grow_started(fmap *m, uint64_t *grows, uint64_t *rng)
{
	if (!m->classic)
		return 0;
	gg_rt_classic_stats s = gg_rt_classic_stats_get(m->c);
	uint64_t g = s.grows + s.same_size_grows;
	int first = s.growing && g != *grows;
	*grows = g;
	return first || (s.growing && sw_rand(rng) % 16 == 0);
}

typedef struct tally {
	long bad, iters, iters_mid_grow, cut;
} tally;

/* Phases over key spaces that take the map from one bucket or group to
 * many (splits, doublings) and back; iterations, some while a grow runs. */
static void phases(fmap *m, fref *r, long ops, uint64_t *rng, tally *t)
{
	static const uint64_t spaces[] = {6, 40, 700, 5000, 30000, 300, 12};
	const int n = (int)(sizeof spaces / sizeof spaces[0]);
	uint64_t grows = 0;
	for (int p = 0; p < n; p++) {
		for (long i = 0; i < ops / n; i++) {
			one_op(m, r, spaces[p], rng, &t->bad);
			int mid = grow_started(m, &grows, rng);
			if (mid || i % 20000 == 19999) {
				t->iters_mid_grow += mid;
				t->iters++;
				t->bad += !iterate(m, r, spaces[p], rng, mid || (i & 1), &t->bad);
			}
		}
		t->bad += !iterate(m, r, spaces[p], rng, 1, &t->bad);
		t->bad += !iterate(m, r, spaces[p], rng, 0, &t->bad);
		t->iters += 2;
	}
}

static void run(int classic, int go, long ops, uint64_t seed)
{
	fmap m = {classic, NULL, NULL};
	gg_rt_swiss_type ty = gg_rt_swiss_type_f64(8, 8);
	if (classic) {
		gg_rt_classic_config cfg = {.type = ty, .go = go, .fixed_seed = 1, .seed = seed};
		CHECK(gg_rt_classic_new(&cfg, 0, &m.c, NULL) == GG_OK);
	} else {
		gg_rt_swiss_config cfg = {.type = ty, .go = go, .fixed_seed = 1, .seed = seed};
		CHECK(gg_rt_swiss_new(&cfg, 0, &m.s, NULL) == GG_OK);
	}
	fref r = {.n = 70000, .nan_cap = (uint64_t)ops + 1};
	r.present = calloc(r.n, 1);
	r.seen = calloc(r.n, 1);
	r.stable = calloc(r.n, 1);
	r.val = calloc(r.n, sizeof *r.val);
	r.nan_seen = calloc(r.nan_cap, 1);
	uint64_t rng = seed;
	tally t = {0};
	phases(&m, &r, ops, &rng, &t);
	printf("%s go1.%d: %ld ops, %ld iterations (%ld mid-grow), %llu NaN entries at the end, %ld bad\n",
	       classic ? "classic" : "swiss", go, ops, t.iters, t.iters_mid_grow, (unsigned long long)r.nnan,
	       t.bad);
	CHECK_EQ_I(t.bad, 0);
	CHECK(!classic || t.iters_mid_grow > 0);
	/* clear is the one way to remove NaN entries. */
	f_clear(&m);
	CHECK_EQ_I(f_len(&m), 0);
	fiter it;
	fi_init(&m, &it);
	double k;
	uint64_t v;
	int ok = 1, cut = 0;
	CHECK(!fi_next(&m, &it, &k, &v, &ok, &cut) && ok);
	gg_rt_classic_destroy(m.c);
	gg_rt_swiss_destroy(m.s);
	free(r.present);
	free(r.seen);
	free(r.stable);
	free(r.val);
	free(r.nan_seen);
}

/* The rules one by one, on a map of each kind. */
static void basics(int classic)
{
	fmap m = {classic, NULL, NULL};
	gg_rt_swiss_type ty = gg_rt_swiss_type_f64(8, 8);
	if (classic) {
		gg_rt_classic_config cfg = {.type = ty};
		CHECK(gg_rt_classic_new(&cfg, 0, &m.c, NULL) == GG_OK);
	} else {
		gg_rt_swiss_config cfg = {.type = ty};
		CHECK(gg_rt_swiss_new(&cfg, 0, &m.s, NULL) == GG_OK);
	}
	double pz = 0.0, nz = -0.0, nan = NAN;
	CHECK(gg_rt_swiss_hash_f64(&pz, 7) == gg_rt_swiss_hash_f64(&nz, 7));
	CHECK(gg_rt_swiss_hash_f64(&nan, 7) != gg_rt_swiss_hash_f64(&nan, 7));
	CHECK(f_put(&m, pz, 1) == GG_OK && f_put(&m, nz, 2) == GG_OK);
	CHECK_EQ_I(f_len(&m), 1);
	CHECK(f_get(&m, pz) && *f_get(&m, pz) == 2);
	CHECK(f_put(&m, nan, 3) == GG_OK && f_put(&m, nan, 4) == GG_OK);
	CHECK_EQ_I(f_len(&m), 3);
	CHECK(f_get(&m, nan) == NULL);
	CHECK_EQ_I(f_del(&m, nan), 0);
	fiter it;
	fi_init(&m, &it);
	double k;
	uint64_t v, sum = 0;
	int ok = 1, cut = 0, zeros = 0, nans = 0;
	while (fi_next(&m, &it, &k, &v, &ok, &cut)) {
		sum += v;
		nans += k != k;
		zeros += k == 0 && signbit(k); /* the key took the last put's sign */
	}
	CHECK(ok && sum == 9 && nans == 2 && zeros == 1);
	CHECK_EQ_I(f_del(&m, pz), 1); /* +0 deletes the -0 key */
	f_clear(&m);
	CHECK_EQ_I(f_len(&m), 0);
	gg_rt_classic_destroy(m.c);
	gg_rt_swiss_destroy(m.s);
}

/* float keys (gg_rt_swiss_type_f32): the same rules at 4 bytes. */
static void basics_f32(void)
{
	float pz = 0.0f, nz = -0.0f, nan = NAN, one = 1.0f;
	CHECK(gg_rt_swiss_hash_f32(&pz, 3) == gg_rt_swiss_hash_f32(&nz, 3));
	CHECK(gg_rt_swiss_hash_f32(&nan, 3) != gg_rt_swiss_hash_f32(&nan, 3));
	CHECK(gg_rt_swiss_hash_f32(&one, 3) == gg_rt_swiss_hash_f32(&one, 3));
	gg_rt_swiss_type ty = gg_rt_swiss_type_f32(4, 4);
	gg_rt_swiss_config sc = {.type = ty};
	gg_rt_classic_config cc = {.type = ty};
	gg_rt_swiss *s;
	gg_rt_classic *c;
	CHECK(gg_rt_swiss_new(&sc, 0, &s, NULL) == GG_OK && gg_rt_classic_new(&cc, 0, &c, NULL) == GG_OK);
	uint32_t v = 5;
	for (int i = 0; i < 20; i++) {
		CHECK(gg_rt_swiss_put(s, &nan, &v, NULL) == GG_OK &&
		      gg_rt_classic_put(c, &nan, &v, NULL) == GG_OK);
		CHECK(gg_rt_swiss_put(s, i & 1 ? &pz : &nz, &v, NULL) == GG_OK);
		CHECK(gg_rt_classic_put(c, i & 1 ? &pz : &nz, &v, NULL) == GG_OK);
	}
	CHECK_EQ_I(gg_rt_swiss_len(s), 21);
	CHECK_EQ_I(gg_rt_classic_len(c), 21);
	CHECK(gg_rt_swiss_get(s, &nan) == NULL && gg_rt_classic_get(c, &nan) == NULL);
	CHECK(gg_rt_swiss_delete(s, &pz) == 1 && gg_rt_classic_delete(c, &nz) == 1);
	gg_rt_swiss_destroy(s);
	gg_rt_classic_destroy(c);
}

int main(int argc, char **argv)
{
	/* ctest passes the data directory as an argument: only -n and -s count. */
	long ops = 700000;
	uint64_t seed = 0xf10a7;
	for (int i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], "-n") == 0)
			ops = atol(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0)
			seed = strtoull(argv[++i], NULL, 0);
	}
	printf("seed %#llx\n", (unsigned long long)seed);
	basics(0);
	basics(1);
	basics_f32();
	run(0, 24, ops, seed);
	run(0, 27, ops, seed + 1);
	run(1, 21, ops, seed + 2);
	run(1, 23, ops, seed + 3);
	return check_summary();
}
