/* libFuzzer target: the runtime classic map driven by arbitrary bytes. The
 * first byte picks the key kind (uint64, string, big indirect keys and
 * elems, clustered hashes that chain overflow buckets), the release and
 * the make hint; then every 3 bytes are one operation (put, get, delete,
 * clear, clone, a full iteration, one that deletes or inserts as it goes,
 * a failing allocation) on a key id taken from the bytes. A reference
 * array follows along; any difference, a failed call that changed an
 * entry, a key seen twice by an iteration, or a leak aborts. uint64 with
 * the seed's top bit set means float64 keys (id * 0.5), id FZ_NAN being
 * NaN: each put of it adds an entry whose elem is a tag, get and delete
 * find none, an iteration must return each once. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rt/classic_testutil.h"
#include "rt/slice_testutil.h"

#define FZ_KEYS 1024

static sw_keys keys[2];
static unsigned char seen[FZ_KEYS], start[FZ_KEYS];
/* The ids this input named, so checks cost what the input did rather than
 * the whole key universe: an id never named is absent from the reference,
 * and a map holding it would show it to the next iteration. */
static uint16_t touched[FZ_KEYS];
static unsigned char is_touched[FZ_KEYS];
static unsigned ntouched;
/* Full walks (iterations, clones) done by this input, at most FZ_WALKS. */
#define FZ_WALKS 4
static unsigned walks;

/* NaN entries since the last clear: elem FZ_NAN_TAG | index. */
#define FZ_NAN 127
#define FZ_NAN_TAG (UINT64_C(1) << 62)
#define FZ_NAN_MAX 4096
static unsigned char nan_seen[FZ_NAN_MAX];
static uint64_t nnan;

static void touch(uint64_t id)
{
	if (!is_touched[id]) {
		is_touched[id] = 1;
		seen[id] = start[id] = 0;
		touched[ntouched++] = (uint16_t)id;
	}
}

typedef struct fz {
	gg_rt_classic *m;
	test_alloc *ta;
	int kind, f64;
	const sw_keys *k;
	sw_ref *r;
} fz;

/* The key of id i (a float64 map's too). */
static const void *key_of(const fz *f, uint64_t i, ct_buf *kb)
{
	if (!f->f64)
		return ct_key(f->kind, f->k, i, kb);
	double d = i == FZ_NAN ? (double)NAN : (double)i * 0.5;
	memcpy(kb->w, &d, sizeof d);
	return kb->w;
}

static uint64_t id_of(const fz *f, const void *key)
{
	if (!f->f64)
		return ct_key_id(f->kind, f->k, key);
	double d;
	memcpy(&d, key, sizeof d);
	return d != d ? FZ_NAN : (uint64_t)(d * 2);
}

static void check_all(const fz *f, gg_rt_classic *m)
{
	if (gg_rt_classic_len(m) != f->r->len + nnan)
		abort();
	for (unsigned t = 0; t < ntouched; t++) {
		uint64_t i = touched[t];
		ct_buf kb;
		void *e = gg_rt_classic_get(m, key_of(f, i, &kb));
		if ((e != NULL) != f->r->present[i] || (e && !ct_elem_is(f->kind, e, f->r->val[i])))
			abort();
	}
}

static void put(fz *f, uint64_t id, uint64_t v)
{
	ct_buf kb;
	ct_elem eb;
	touch(id);
	int nan = f->f64 && id == FZ_NAN;
	if (nan && nnan == FZ_NAN_MAX)
		return;
	if (nan)
		v = FZ_NAN_TAG | nnan;
	if (gg_rt_classic_put(f->m, key_of(f, id, &kb), ct_elem_of(f->kind, v, &eb), NULL) != GG_OK) {
		f->ta->fail_after = -1;
		check_all(f, f->m);
		return;
	}
	if (nan) {
		nan_seen[nnan++] = 0;
		return;
	}
	f->r->len += !f->r->present[id];
	f->r->present[id] = 1;
	f->r->val[id] = v;
}

/* mode 0: look only; 1: delete odd ids as seen; 2: insert a key as well. */
static void iterate(fz *f, int mode, uint64_t salt)
{
	gg_rt_classic_iter it;
	const void *key;
	void *elem;
	uint64_t n = 0, want = f->r->len + nnan, nnan0 = nnan;
	memset(nan_seen, 0, nnan);
	for (unsigned t = 0; t < ntouched; t++) {
		start[touched[t]] = f->r->present[touched[t]];
		seen[touched[t]] = 0;
	}
	gg_rt_classic_iter_init(f->m, &it);
	while (gg_rt_classic_iter_next(&it, &key, &elem)) {
		uint64_t id = id_of(f, key);
		if (f->f64 && id == FZ_NAN) {
			uint64_t tag;
			memcpy(&tag, elem, sizeof tag);
			if (!(tag & FZ_NAN_TAG) || (tag & ~FZ_NAN_TAG) >= nnan ||
			    nan_seen[tag & ~FZ_NAN_TAG]++)
				abort();
			n += (tag & ~FZ_NAN_TAG) < nnan0;
			if (mode == 2)
				put(f, (tag * 7 + salt) % FZ_KEYS, salt);
			continue;
		}
		if (id >= FZ_KEYS || !f->r->present[id] || seen[id] ||
		    !ct_elem_is(f->kind, elem, f->r->val[id]))
			abort();
		seen[id] = 1;
		n += start[id];
		ct_buf kb;
		if (mode == 1 && (id & 1)) {
			if (gg_rt_classic_delete(f->m, key_of(f, id, &kb)) != 1)
				abort();
			f->r->present[id] = 0;
			f->r->len--;
		} else if (mode == 2) {
			put(f, (id * 7 + salt) % FZ_KEYS, salt);
		}
	}
	/* Every key there throughout was seen, unless the map could not keep
	 * what the iterator needed (then GG_ERR_RANGE). */
	if (mode == 0 && (it.status != GG_OK || n != want))
		abort();
	if (it.status != GG_OK && it.status != GG_ERR_RANGE)
		abort();
}

static void clone_check(fz *f)
{
	gg_rt_classic *c;
	if (gg_rt_classic_clone(f->m, &c, NULL) != GG_OK) {
		f->ta->fail_after = -1;
		return;
	}
	check_all(f, c);
	gg_rt_classic_destroy(c);
}

static void op(fz *f, const uint8_t *b)
{
	uint64_t id = ((uint64_t)b[1] << 8 | b[2]) % FZ_KEYS, v = b[1] * 31u + b[2];
	ct_buf kb;
	touch(id);
	switch (b[0] % 16) {
	case 0:
		/* Walks cost the map's size: a few per input find what more
		 * would, at a fraction of the time. */
		if (walks++ < FZ_WALKS)
			iterate(f, b[1] % 3, v);
		break;
	case 1:
		gg_rt_classic_clear(f->m);
		memset(f->r->present, 0, f->r->n);
		f->r->len = nnan = 0;
		break;
	case 2:
		f->ta->fail_after = b[1] % 4; /* the next allocations may fail */
		put(f, id, v);
		f->ta->fail_after = -1;
		break;
	case 3:
		if (walks++ < FZ_WALKS)
			clone_check(f);
		break;
	case 4:
	case 5:
	case 6:
	case 7:
	case 8: put(f, id, v); break;
	case 9:
	case 10:
	case 11:
		if (gg_rt_classic_delete(f->m, key_of(f, id, &kb)) != f->r->present[id])
			abort();
		f->r->len -= f->r->present[id];
		f->r->present[id] = 0;
		break;
	default: {
		void *e = gg_rt_classic_get(f->m, key_of(f, id, &kb));
		if ((e != NULL) != f->r->present[id] || (e && !ct_elem_is(f->kind, e, f->r->val[id])))
			abort();
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int kind = data[0] & 3, strings = kind == CT_STR;
	if (!keys[strings].n)
		sw_keys_init(&keys[strings], strings, FZ_KEYS);
	test_alloc ta;
	test_alloc_init(&ta, 0);
	int f64 = kind == CT_U64 && (data[1] & 0x80);
	gg_rt_classic_config cfg = {.type = ct_type(kind), .alloc = &ta.a, .fixed_seed = 1, .seed = data[1]};
	if (f64)
		cfg.type = gg_rt_swiss_type_f64(8, 8);
	cfg.go = 21 + (data[0] >> 2) % 3;
	/* Hints to 465 (B 7): larger arrays cost page faults, not coverage. */
	int64_t hint = (int64_t)(data[0] >> 4) * (data[1] & 0x1f);
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
	fz f = {NULL, &ta, kind, f64, &keys[strings], &r};
	if (gg_rt_classic_new(&cfg, hint, &f.m, NULL) != GG_OK)
		abort();
	for (size_t i = 2; i + 3 <= size; i += 3)
		op(&f, data + i);
	check_all(&f, f.m);
	gg_rt_classic_destroy(f.m);
	if (ta.live != 0 || ta.live_bytes != 0)
		abort();
	return 0;
}
