/* Go releases and GOARCH ports: the two coordinates every answer depends on.
 *
 * A release is identified by its minor number (16 for go1.16 ... 27 for
 * go1.27); patch releases never changed a growth or layout rule in the range
 * we model, so go1.22.3 and go1.22 are the same target. */
#ifndef GOGROW_TARGET_H
#define GOGROW_TARGET_H

#include <stdint.h>
#include "gogrow/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GG_GO_MIN 16
#define GG_GO_MAX 27

typedef struct gg_arch {
	const char *name; /* runtime.GOARCH */
	int ptr_size;	  /* goarch.PtrSize */
	int reg_size;	  /* goarch.RegSize: alignment of 8-byte scalars */
	int big_endian;
	int heap_addr_bits; /* runtime heapAddrBits */
	uint64_t max_alloc; /* runtime maxAlloc */
	uint64_t max_width; /* compiler MAXWIDTH: largest type size */
	int since;	    /* first release with this port (minor number) */
} gg_arch;

typedef struct gg_target {
	const gg_arch *arch;
	int go; /* release minor number, GG_GO_MIN..GG_GO_MAX */
} gg_target;

/* Parses "1.22", "go1.22", "go1.22.3", "1.22rc1" into a minor number.
 * Unknown syntax or a release outside 1.16..1.27 fails with GG_ERR_RELEASE. */
gg_status gg_release_parse(const char *s, int *minor, gg_error *err);

size_t gg_arch_count(void);
const gg_arch *gg_arch_at(size_t i); /* in golden-file order: amd64, 386, arm, ... */
const gg_arch *gg_arch_find(const char *name);

/* Looks up an arch and checks it is a port in release `go`. */
gg_status gg_target_make(const char *arch, int go, gg_target *out, gg_error *err);

/* The word-size integer limit of the target: max value of Go's `int`. */
static inline int64_t gg_target_maxint(const gg_target *t)
{
	return t->arch->ptr_size == 8 ? INT64_MAX : INT32_MAX;
}

#ifdef __cplusplus
}
#endif

#endif
