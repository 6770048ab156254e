/* libFuzzer target: the runtime Swiss map driven by arbitrary bytes. The
 * first byte picks the key kind (uint64 or string), the release and the
 * make hint; then every 3 bytes are one operation (put, get, delete,
 * clear, a full iteration, deletes or inserts during iteration, a failing
 * allocation) on a key id taken from the bytes. A reference array follows along; any
 * difference, a failed call that changed the map, or a leak aborts. uint64
 * with the seed's top bit set means float64 keys (id * 0.5), id FZ_NAN
 * being NaN: each put of it adds an entry whose elem is a tag, get and
 * delete find none, an iteration must return each once. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt/slice_testutil.h"
#include "rt/swiss_testutil.h"

#define FZ_KEYS 4096

static sw_keys keys[2];
static unsigned char seen[FZ_KEYS], stable[FZ_KEYS];
/* The ids this input named, so checks cost what the input did rather than
 * the whole key universe: an id never named is absent from the reference,
 * and a map holding it would show it to the next iteration. */
static uint16_t touched[FZ_KEYS];
static unsigned char is_touched[FZ_KEYS];
static unsigned ntouched;
/* Full walks (iterations, clones) done by this input, at most FZ_WALKS. */
#define FZ_WALKS 4
static unsigned walks;

/* Float64 keys for this input; NaN entries since the last clear, elem
 * FZ_NAN_TAG | index. */
static int f64;
#define FZ_NAN 127
#define FZ_NAN_TAG (UINT64_C(1) << 62)
#define FZ_NAN_MAX 4096
static unsigned char nan_seen[FZ_NAN_MAX];
static uint64_t nnan;

static const void *key_of(const sw_keys *k, uint64_t i, uint64_t *u)
{
	if (!f64)
		return sw_key(k, i, u);
	double d = i == FZ_NAN ? (double)NAN : (double)i * 0.5;
	memcpy(u, &d, sizeof d);
	return u;
}

static uint64_t id_of(const sw_keys *k, const void *key)
{
	if (!f64)
		return sw_key_id(k, key);
	double d;
	memcpy(&d, key, sizeof d);
	return d != d ? FZ_NAN : (uint64_t)(d * 2);
}

static void touch(uint64_t id)
{
	if (!is_touched[id]) {
		is_touched[id] = 1;
		seen[id] = stable[id] = 0;
		touched[ntouched++] = (uint16_t)id;
	}
}

static void check_all(gg_rt_swiss *m, const sw_keys *k, const sw_ref *r)
{
	if (gg_rt_swiss_len(m) != r->len + nnan)
		abort();
	for (unsigned t = 0; t < ntouched; t++) {
		uint64_t i = touched[t], u, *e = gg_rt_swiss_get(m, key_of(k, i, &u));
		if ((e != NULL) != r->present[i] || (e && *e != r->val[i]))
			abort();
	}
}

/* One iteration; mode bit 0 deletes the odd keys returned, bit 1 inserts
 * a key after each one (often growing the map under the walk). Go's
 * guarantee is checked: every key there from start to end comes once. */
static void iterate(gg_rt_swiss *m, const sw_keys *k, sw_ref *r, int mode)
{
	for (unsigned t = 0; t < ntouched; t++) {
		stable[touched[t]] = r->present[touched[t]];
		seen[touched[t]] = 0;
	}
	uint64_t nnan0 = nnan;
	memset(nan_seen, 0, nnan);
	gg_rt_swiss_iter it;
	const void *key;
	void *elem;
	gg_rt_swiss_iter_init(m, &it);
	while (gg_rt_swiss_iter_next(&it, &key, &elem)) {
		uint64_t id = id_of(k, key), u, v;
		memcpy(&v, elem, sizeof v);
		if (f64 && id == FZ_NAN) {
			if (!(v & FZ_NAN_TAG) || (v & ~FZ_NAN_TAG) >= nnan || nan_seen[v & ~FZ_NAN_TAG]++)
				abort();
			continue;
		}
		if (id >= r->n || !r->present[id] || seen[id] || r->val[id] != v)
			abort();
		seen[id] = 1;
		if ((mode & 1) && (id & 1)) {
			if (gg_rt_swiss_delete(m, key_of(k, id, &u)) != 1)
				abort();
			r->present[id] = stable[id] = 0;
			r->len--;
		}
		uint64_t nid = (id * 7 + 1) % r->n;
		touch(nid);
		if ((mode & 2) && !r->present[nid] && !(f64 && nid == FZ_NAN)) {
			if (gg_rt_swiss_put(m, key_of(k, nid, &u), &nid, NULL) != GG_OK)
				abort();
			r->present[nid] = 1;
			r->val[nid] = nid;
			r->len++;
			seen[nid] = 0; /* a new entry: may be returned */
		}
	}
	for (unsigned t = 0; t < ntouched; t++)
		if (stable[touched[t]] && !seen[touched[t]])
			abort();
	for (uint64_t i = 0; i < nnan0; i++)
		if (!nan_seen[i])
			abort();
}

static void op(gg_rt_swiss *m, test_alloc *ta, const sw_keys *k, sw_ref *r, const uint8_t *b)
{
	uint64_t id = ((uint64_t)b[1] << 8 | b[2]) % FZ_KEYS, u, v = b[1] * 31u + b[2];
	const void *key = key_of(k, id, &u);
	int nan = f64 && id == FZ_NAN;
	if (nan)
		v = FZ_NAN_TAG | nnan;
	touch(id);
	switch (b[0] % 16) {
	case 0:
		/* Walks cost the map's size: a few per input find what more
		 * would, at a fraction of the time. */
		if (walks++ < FZ_WALKS)
			iterate(m, k, r, b[1] & 3);
		break;
	case 1:
		gg_rt_swiss_clear(m);
		memset(r->present, 0, r->n);
		r->len = nnan = 0;
		break;
	case 2:
		ta->fail_after = b[1] % 4; /* the next put's allocations may fail */
					   /* fall through */
	case 3:
	case 4:
	case 5:
	case 6:
	case 7:
	case 8:
		if (nan && nnan == FZ_NAN_MAX) {
			ta->fail_after = -1;
			break;
		}
		if (gg_rt_swiss_put(m, key, &v, NULL) != GG_OK) {
			ta->fail_after = -1;
			check_all(m, k, r);
			break;
		}
		ta->fail_after = -1;
		if (nan) {
			nan_seen[nnan++] = 0;
			break;
		}
		r->len += !r->present[id];
		r->present[id] = 1;
		r->val[id] = v;
		break;
	case 9:
	case 10:
	case 11:
		if (gg_rt_swiss_delete(m, key) != r->present[id])
			abort();
		r->len -= r->present[id];
		r->present[id] = 0;
		break;
	default: {
		uint64_t *e = gg_rt_swiss_get(m, key);
		if ((e != NULL) != r->present[id] || (e && *e != r->val[id]))
			abort();
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int strings = data[0] & 1;
	if (!keys[strings].n)
		sw_keys_init(&keys[strings], strings, FZ_KEYS);
	test_alloc ta;
	test_alloc_init(&ta, 0);
	gg_rt_swiss_config cfg = {0};
	cfg.type = strings ? gg_rt_swiss_type_str(8, 8) : gg_rt_swiss_type_u64(8, 8);
	f64 = !strings && (data[1] & 0x80);
	if (f64)
		cfg.type = gg_rt_swiss_type_f64(8, 8);
	cfg.go = 24 + (data[0] >> 1) % 4;
	cfg.alloc = &ta.a;
	cfg.fixed_seed = 1;
	cfg.seed = data[1];
	/* Hints to 1953 (a directory of a few tables): larger ones cost page faults and
	 * walks of empty slots, not coverage. */
	int64_t hint = (int64_t)(data[0] >> 3) * (data[1] & 0x7f) / 2;
	gg_rt_swiss *m;
	if (gg_rt_swiss_new(&cfg, hint, &m, NULL) != GG_OK)
		abort();
	/* One reference for all inputs: only what the last one named is reset. */
	static sw_ref r;
	if (!r.n)
		sw_ref_init(&r, FZ_KEYS);
	while (ntouched) {
		uint16_t id = touched[--ntouched];
		is_touched[id] = r.present[id] = 0;
	}
	r.len = nnan = 0;
	walks = 0;
	for (size_t i = 2; i + 3 <= size; i += 3)
		op(m, &ta, &keys[strings], &r, data + i);
	check_all(m, &keys[strings], &r);
	gg_rt_swiss_destroy(m);
	if (ta.live != 0 || ta.live_bytes != 0)
		abort();
	return 0;
}
