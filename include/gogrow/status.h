/* Status codes and error details shared by every gogrow API.
 *
 * The library never aborts or exits on a caller's mistake: every fallible
 * function returns a gg_status and, when given a gg_error, fills in a
 * human-readable message (and, for parse errors, the 1-based column). */
#ifndef GOGROW_STATUS_H
#define GOGROW_STATUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gg_status {
	GG_OK = 0,
	GG_ERR_SYNTAX,	   /* malformed type expression or number */
	GG_ERR_TYPE,	   /* well-formed but not a valid Go type (undefined name, bad map key) */
	GG_ERR_RELEASE,	   /* unknown or unsupported Go release */
	GG_ERR_ARCH,	   /* unknown GOARCH, or not a port in that release */
	GG_ERR_TOO_LARGE,  /* the compiler would reject the type as too large */
	GG_ERR_PANIC,	   /* the Go runtime would panic (message holds the panic text) */
	GG_ERR_RANGE,	   /* an argument is outside what the operation accepts */
	GG_ERR_NOMEM,	   /* out of memory */
	GG_ERR_UNSUPPORTED /* a question the model cannot answer exactly */
} gg_status;

#define GG_ERROR_MSG_MAX 256

typedef struct gg_error {
	gg_status code;
	int column; /* 1-based column of a syntax/type error, 0 if not applicable */
	char msg[GG_ERROR_MSG_MAX];
} gg_error;

/* Short name of a status ("syntax error", "panic", ...). */
const char *gg_status_name(gg_status s);

/* A whole decimal int64 as the vector files and the command write them:
 * no trailing text, and out of range is a failure, not a saturated value.
 * Returns 1 with *out set, else 0. */
int gg_parse_int64(const char *s, int64_t *out);

#ifdef __cplusplus
}
#endif

#endif
