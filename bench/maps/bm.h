/* The map benchmark's contender interface. Each contender (gogrow's
 * runtime maps, the C/C++ peers) is one translation unit defining these
 * functions, linked with bm_driver.c into its own executable. Whole phases
 * loop inside the contender's unit so that a peer's inline code is inlined
 * into its loop, as it would be in a user's program. */
#ifndef BM_H
#define BM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BM_STR_LEN 16

/* Keys 0..2n-1: the first n are inserted (value = index), the others are
 * the misses. Both forms exist; `str` says which one a map uses. */
typedef struct bm_keys {
	int str;
	uint64_t n;
	const uint64_t *u64;
	const char *bytes; /* key i is bytes[16i, 16i+16) */
} bm_keys;

/* Never inlined into the driver, so that callgrind charges each phase's
 * instructions to its own function (one call per phase: no cost). */
#define BM_PHASE __attribute__((noinline))

extern const char bm_name[];
/* 0 when the contender cannot run this key kind (it says why on stderr). */
void *bm_new(int str);
void bm_free(void *m);
/* Keys [lo, hi): insert with value = index; lookup returns the sum of
 * found values plus the count found; delete returns the count deleted. */
BM_PHASE void bm_insert(void *m, const bm_keys *k, uint64_t lo, uint64_t hi);
BM_PHASE uint64_t bm_lookup(void *m, const bm_keys *k, uint64_t lo, uint64_t hi);
BM_PHASE uint64_t bm_delete(void *m, const bm_keys *k, uint64_t lo, uint64_t hi);
/* The sum of all values. */
BM_PHASE uint64_t bm_iterate(void *m);
/* One insert of a uint64 key (the latency run). */
void bm_insert_one(void *m, uint64_t key, uint64_t val);

#ifdef __cplusplus
}
#endif

#endif
