/* Randomized test of iteration while the map changes, growth included
 * (Go's Iter semantics): a key present from start to end is returned
 * exactly once; a key is never returned twice, nor after its delete, nor
 * with a stale elem; inserts may grow tables, split them and double the
 * directory under the walk. Usage: test_swiss_iter [-n rounds] [-s seed]. */
#include "../check.h"
#include "swiss_testutil.h"

enum { KEYS = 12000 };

typedef struct round_state {
	sw_keys *k;
	sw_ref r;
	unsigned char *seen, *stable; /* stable: present at start, not deleted since */
	uint64_t rng;
	int bad;
} round_state;

static void put(gg_rt_swiss *m, round_state *s, uint64_t id, uint64_t v)
{
	uint64_t u;
	gg_error err;
	s->bad += gg_rt_swiss_put(m, sw_key(s->k, id, &u), &v, &err) != GG_OK;
	s->r.len += !s->r.present[id];
	s->r.present[id] = 1;
	s->r.val[id] = v;
}

static void del(gg_rt_swiss *m, round_state *s, uint64_t id)
{
	uint64_t u;
	s->bad += gg_rt_swiss_delete(m, sw_key(s->k, id, &u)) != s->r.present[id];
	s->r.len -= s->r.present[id];
	/* A key put back is a new entry, which may be returned again. */
	s->r.present[id] = s->stable[id] = s->seen[id] = 0;
}

/* A random change between two steps of the walk. */
static void mutate(gg_rt_swiss *m, round_state *s, uint64_t burst)
{
	uint64_t x = sw_rand(&s->rng);
	uint64_t id = sw_rand(&s->rng) % KEYS;
	switch (x % 8) {
	case 0: /* a burst of inserts: often grows something */
		for (uint64_t i = 0; i < burst; i++)
			put(m, s, sw_rand(&s->rng) % KEYS, sw_rand(&s->rng));
		break;
	case 1:
	case 2: del(m, s, id); break;
	case 3:
		if (s->r.present[id])
			put(m, s, id, sw_rand(&s->rng)); /* update */
		break;
	default: break;
	}
}

static void check_step(round_state *s, const void *key, const void *elem)
{
	uint64_t id = sw_key_id(s->k, key), v;
	memcpy(&v, elem, sizeof v);
	if (id >= KEYS || s->seen[id] || !s->r.present[id] || s->r.val[id] != v)
		s->bad++;
	else
		s->seen[id] = 1;
}

static int one_round(sw_keys *k, uint64_t seed)
{
	round_state s = {.k = k, .rng = seed};
	sw_ref_init(&s.r, KEYS);
	s.seen = calloc(KEYS, 1);
	s.stable = calloc(KEYS, 1);
	gg_rt_swiss_config cfg = {0};
	cfg.type = k->strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	cfg.go = 24 + (int)(sw_rand(&s.rng) % 4);
	cfg.fixed_seed = 1; /* a failing round can be replayed */
	cfg.seed = sw_rand(&s.rng);
	gg_rt_swiss *m = NULL;
	gg_error err;
	CHECK(gg_rt_swiss_new(&cfg, (int64_t)(sw_rand(&s.rng) % 3000), &m, &err) == GG_OK);
	uint64_t n = sw_rand(&s.rng) % (sw_rand(&s.rng) % 2 ? 20 : 4000);
	for (uint64_t i = 0; i < n; i++)
		put(m, &s, sw_rand(&s.rng) % KEYS, i);
	memcpy(s.stable, s.r.present, KEYS);
	uint64_t burst = 1 + sw_rand(&s.rng) % 300, stop_at = sw_rand(&s.rng) % 8 ? UINT64_MAX : n / 2;
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	gg_rt_swiss_iter_init(m, &it);
	int early = 0;
	for (uint64_t step = 0; gg_rt_swiss_iter_next(&it, &key, &elem); step++) {
		check_step(&s, key, elem);
		if (step == stop_at) {
			gg_rt_swiss_iter_stop(&it);
			early = 1;
			break;
		}
		mutate(m, &s, burst);
	}
	for (uint64_t id = 0; !early && id < KEYS; id++)
		s.bad += s.stable[id] && !s.seen[id];
	gg_rt_swiss_stats st = gg_rt_swiss_stats_get(m);
	s.bad += gg_rt_swiss_len(m) != s.r.len || st.groups != st.capacity / 8;
	gg_rt_swiss_destroy(m);
	sw_ref_free(&s.r);
	free(s.seen);
	free(s.stable);
	return s.bad == 0;
}

int main(int argc, char **argv)
{
	long rounds = getenv("GOGROW_UNDER_VALGRIND") ? 30 : 200;
	uint64_t seed = 1;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-n"))
			rounds = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "-s"))
			seed = strtoull(argv[i + 1], NULL, 10);
	}
	for (int strings = 0; strings <= 1; strings++) {
		sw_keys k;
		sw_keys_init(&k, strings, KEYS);
		for (long r = 0; r < rounds; r++) {
			uint64_t rs = seed * 1000003 + (uint64_t)r * 2 + (uint64_t)strings;
			int ok = one_round(&k, rs);
			CHECK(ok);
			if (!ok)
				fprintf(stderr, "round seed %llu failed\n", (unsigned long long)rs);
		}
		sw_keys_free(&k);
	}
	return check_summary();
}
