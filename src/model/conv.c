/* Slices made by converting a string: []byte(s), []rune(s).
 *
 * runtime/string.go: stringtoslicebyte and stringtoslicerune take a 32-byte
 * buffer (tmpBuf) from the caller's frame when the compiler proved the
 * result does not escape; a result that fits gets that buffer whole, so
 * cap() is 32 (bytes) or 32 (runes) whatever the length. Otherwise the
 * slice is allocated with rawbyteslice/rawruneslice, whose cap is what the
 * size class holds. From 1.22 escape analysis also notices a []byte(s) that
 * is never written and does not escape, and the compiler then shares the
 * string's bytes: cap is exactly len (cmd/compile/internal/escape,
 * "zero-copy string->[]byte"). A constant string converts into an array of
 * exactly its length. */
#include "gogrow/malloc.h"
#include "gogrow/slice.h"
#include "model/util.h"

#define TMPBUF 32

gg_status gg_conv_cap(const gg_target *t, gg_conv c, gg_convuse use, int64_t n, int64_t *cap, gg_error *err)
{
	int64_t maxint = gg_target_maxint(t);
	if (n < 0 || n > maxint)
		return ggi_fail(err, GG_ERR_RANGE, 0, "the length must be between 0 and %lld on %s",
				(long long)maxint, t->arch->name);
	switch (c) {
	case GG_CONV_CONST_BYTES: *cap = n; return GG_OK;
	case GG_CONV_BYTES:
		if (use == GG_USE_READONLY && t->go >= 22)
			*cap = n;
		else if (use != GG_USE_ESCAPES && n <= TMPBUF)
			*cap = TMPBUF;
		else
			*cap = (int64_t)gg_roundupsize(t, (uint64_t)n, 1);
		return GG_OK;
	case GG_CONV_RUNES:
		if (use != GG_USE_ESCAPES && n <= TMPBUF)
			*cap = TMPBUF;
		else if ((uint64_t)n > t->arch->max_alloc / 4)
			return ggi_fail(err, GG_ERR_PANIC, 0, "runtime: out of memory (rawruneslice)");
		else
			*cap = (int64_t)(gg_roundupsize(t, (uint64_t)n * 4, 1) / 4);
		return GG_OK;
	}
	return ggi_fail(err, GG_ERR_RANGE, 0, "unknown conversion");
}
