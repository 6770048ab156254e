/* A minimal test harness: CHECK prints failures with their location, and
 * check_summary() prints the "N passed, N failed" line and returns the exit
 * status. Each test binary is one ctest test. */
#ifndef GOGROW_CHECK_H
#define GOGROW_CHECK_H

#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "gogrow/target.h"

static int check_passed, check_failed;

#define CHECK(cond)                                                                                          \
	do {                                                                                                 \
		if (cond)                                                                                    \
			check_passed++;                                                                      \
		else {                                                                                       \
			check_failed++;                                                                      \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);             \
		}                                                                                            \
	} while (0)

#define CHECK_EQ_I(got, want)                                                                                \
	do {                                                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);                                     \
		if (g_ == w_)                                                                                \
			check_passed++;                                                                      \
		else {                                                                                       \
			check_failed++;                                                                      \
			fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);  \
		}                                                                                            \
	} while (0)

#define CHECK_STR_CONTAINS(hay, needle)                                                                      \
	do {                                                                                                 \
		if (strstr((hay), (needle)))                                                                 \
			check_passed++;                                                                      \
		else {                                                                                       \
			check_failed++;                                                                      \
			fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__,       \
				(hay), (needle));                                                            \
		}                                                                                            \
	} while (0)

/* A target the test knows to be valid; a typo in a test aborts it loudly. */
static inline gg_target check_target(const char *arch, int go)
{
	gg_target t;
	gg_error err;
	if (gg_target_make(arch, go, &t, &err) != GG_OK) {
		fprintf(stderr, "bad test target %s go1.%d: %s\n", arch, go, err.msg);
		abort();
	}
	return t;
}

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
