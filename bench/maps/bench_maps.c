/* The runtime Swiss map against a plain C open-addressing table (linear
 * probing, doubling the whole table at 7/8 load): insert and lookup of N
 * uint64 keys (median of R rounds, each a fresh map from hint 0), and the
 * longest single insert while filling M keys, which is where the Swiss
 * map's splits (at most one 1024-slot table rehashed per insert) differ
 * from a table that rehashes everything at once.
 *
 * Usage: bench_maps [N] [M] [R]; defaults 1e6, 1e7, 5. Build Release.
 * Output: one line per measurement, "what contender value unit". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gogrow/rt_map.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t key_of(uint64_t i)
{
	return i * 0x9e3779b97f4a7c15ull + 1; /* distinct, spread, never 0 */
}

/* ---- the plain table: key 0 marks an empty slot ---- */
typedef struct plain {
	uint64_t *keys, *vals, mask, used;
} plain;

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

static void plain_init(plain *p, uint64_t cap)
{
	p->keys = calloc(cap, 8);
	p->vals = malloc(cap * 8);
	p->mask = cap - 1;
	p->used = 0;
}

static void plain_put(plain *p, uint64_t k, uint64_t v);

static void plain_grow(plain *p)
{
	plain n;
	plain_init(&n, (p->mask + 1) * 2);
	for (uint64_t i = 0; i <= p->mask; i++)
		if (p->keys[i])
			plain_put(&n, p->keys[i], p->vals[i]);
	free(p->keys);
	free(p->vals);
	*p = n;
}

static void plain_put(plain *p, uint64_t k, uint64_t v)
{
	if ((p->used + 1) * 8 > (p->mask + 1) * 7)
		plain_grow(p);
	uint64_t i = mix(k) & p->mask;
	while (p->keys[i] && p->keys[i] != k)
		i = (i + 1) & p->mask;
	p->used += !p->keys[i];
	p->keys[i] = k;
	p->vals[i] = v;
}

static uint64_t *plain_get(const plain *p, uint64_t k)
{
	for (uint64_t i = mix(k) & p->mask; p->keys[i]; i = (i + 1) & p->mask)
		if (p->keys[i] == k)
			return &p->vals[i];
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* One round of N inserts then N lookups; returns the two times. */
static void round_swiss(uint64_t n, double *ins, double *look, uint64_t *sink)
{
	gg_rt_swiss_config cfg = {0};
	cfg.type = gg_rt_swiss_type_u64(8, 8);
	gg_rt_swiss *m;
	if (gg_rt_swiss_new(&cfg, 0, &m, NULL) != GG_OK)
		exit(1);
	double t0 = now();
	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = key_of(i);
		gg_rt_swiss_put(m, &k, &i, NULL);
	}
	double t1 = now();
	for (uint64_t i = 0; i < n; i++) {
		uint64_t k = key_of(i);
		*sink += *(uint64_t *)gg_rt_swiss_get(m, &k);
	}
	*look = now() - t1;
	*ins = t1 - t0;
	gg_rt_swiss_destroy(m);
}

static void round_plain(uint64_t n, double *ins, double *look, uint64_t *sink)
{
	plain p;
	plain_init(&p, 16);
	double t0 = now();
	for (uint64_t i = 0; i < n; i++)
		plain_put(&p, key_of(i), i);
	double t1 = now();
	for (uint64_t i = 0; i < n; i++)
		*sink += *plain_get(&p, key_of(i));
	*look = now() - t1;
	*ins = t1 - t0;
	free(p.keys);
	free(p.vals);
}

/* The structural event of the insert being timed (-1: none); a split that
 * doubles the directory counts as the doubling. */
static int last_ev = -1;

static void on_event(void *ctx, const gg_rt_event *ev)
{
	(void)ctx;
	if (last_ev != GG_RT_EV_MAP_DIR_GROW)
		last_ev = (int)ev->kind;
}

/* The longest single insert while filling m keys. */
static double max_insert(uint64_t m, int swiss)
{
	gg_rt_swiss_config cfg = {0};
	cfg.type = gg_rt_swiss_type_u64(8, 8);
	gg_rt_swiss *s = NULL;
	plain p;
	if (swiss && gg_rt_swiss_new(&cfg, 0, &s, NULL) != GG_OK)
		exit(1);
	if (!swiss)
		plain_init(&p, 16);
	gg_rt_tracer tr = {on_event, NULL};
	if (swiss)
		gg_rt_swiss_set_tracer(s, &tr);
	double worst = 0;
	long over_1ms = 0;
	const char *worst_what = "";
	/* The worst per kind of insert: none, then by event kind. The worst
	 * plain insert (no structural change) is this machine's noise floor. */
	double by_kind[GG_RT_EV_MAP_DIR_GROW + 2] = {0};
	for (uint64_t i = 0; i < m; i++) {
		uint64_t k = key_of(i);
		double t0 = now();
		if (swiss)
			gg_rt_swiss_put(s, &k, &i, NULL);
		else
			plain_put(&p, k, i);
		double d = now() - t0;
		over_1ms += d > 1e-3;
		if (d > worst && swiss)
			worst_what = last_ev < 0 ? "no structural change" : gg_rt_event_name(last_ev);
		if (swiss && d > by_kind[last_ev + 1])
			by_kind[last_ev + 1] = d;
		worst = d > worst ? d : worst;
		last_ev = -1;
	}
	if (swiss) {
		printf("worst swiss insert: %s; %ld inserts over 1 ms\n", worst_what, over_1ms);
		printf("worst swiss insert by kind: none %.3f ms, grow %.3f ms, split %.3f ms, split+dir "
		       "%.3f ms\n",
		       by_kind[0] * 1e3, by_kind[GG_RT_EV_MAP_GROW + 1] * 1e3,
		       by_kind[GG_RT_EV_MAP_SPLIT + 1] * 1e3, by_kind[GG_RT_EV_MAP_DIR_GROW + 1] * 1e3);
	} else
		printf("plain: %ld inserts over 1 ms\n", over_1ms);
	if (swiss) {
		gg_rt_swiss_destroy(s);
	} else {
		free(p.keys);
		free(p.vals);
	}
	return worst;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	uint64_t big = argc > 2 ? strtoull(argv[2], NULL, 10) : 10000000;
	int rounds = argc > 3 ? atoi(argv[3]) : 5;
	if (rounds < 1 || rounds > 99)
		rounds = 5;
	double si[99], sl[99], pi[99], pl[99];
	uint64_t sink = 0;
	for (int r = 0; r < rounds; r++) {
		round_swiss(n, &si[r], &sl[r], &sink);
		round_plain(n, &pi[r], &pl[r], &sink);
	}
	double *all[4] = {si, sl, pi, pl};
	const char *names[4] = {"insert swiss", "lookup swiss", "insert plain", "lookup plain"};
	for (int j = 0; j < 4; j++) {
		qsort(all[j], (size_t)rounds, sizeof(double), cmp);
		printf("%s %.1f ns/op (median of %d, %llu keys)\n", names[j],
		       all[j][rounds / 2] * 1e9 / (double)n, rounds, (unsigned long long)n);
	}
	printf("max-insert swiss %.3f ms (%llu keys)\n", max_insert(big, 1) * 1e3, (unsigned long long)big);
	printf("max-insert plain %.3f ms (%llu keys)\n", max_insert(big, 0) * 1e3, (unsigned long long)big);
	return sink == 42; /* keeps the lookups */
}
