#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "gogrow/status.h"
#include "model/util.h"

const char *gg_status_name(gg_status s)
{
	switch (s) {
	case GG_OK: return "ok";
	case GG_ERR_SYNTAX: return "syntax error";
	case GG_ERR_TYPE: return "invalid type";
	case GG_ERR_RELEASE: return "unsupported release";
	case GG_ERR_ARCH: return "unsupported arch";
	case GG_ERR_TOO_LARGE: return "type too large";
	case GG_ERR_PANIC: return "panic";
	case GG_ERR_RANGE: return "out of range";
	case GG_ERR_NOMEM: return "out of memory";
	case GG_ERR_UNSUPPORTED: return "unsupported";
	}
	return "error";
}

gg_status ggi_fail(gg_error *err, gg_status code, int column, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		err->column = column;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

int gg_parse_int64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno == ERANGE)
		return 0;
	*out = v;
	return 1;
}
