/* Expressions of the workload language: Go int64 arithmetic without its
 * wrap-around (overflow and division by zero are errors, not values). */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

#include "model/workload/workload_internal.h"

int ggi_wl_diag(gg_workload_diag *d, int line, int col, gg_status code, const char *fmt, ...)
{
	va_list ap;
	d->line = line;
	d->col = col;
	d->code = code;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	return 0;
}

/* Go int64 arithmetic without its wrap-around: overflow is an error. */
int ggi_wl_eval(const evalctx *c, int e, int64_t *out)
{
	const expr *x = &c->p->e[e];
	int64_t a, b;
	switch (x->k) {
	case 'n': *out = x->v; return 1;
	case 'i':
		if (c->depth == 0)
			return ggi_wl_diag(c->d, x->line, x->col, GG_ERR_RANGE,
					   "i is only defined inside a repeat block");
		*out = c->loopi[c->depth - 1];
		return 1;
	case 'c':
		/* The parser only lets a name through inside its block. */
		assert(x->v >= 0 && x->v < c->depth);
		*out = c->loopi[x->v];
		return 1;
	case 'u':
		if (!ggi_wl_eval(c, x->a, &a))
			return 0;
		if (a == INT64_MIN)
			return ggi_wl_diag(c->d, x->line, x->col, GG_ERR_RANGE, "integer overflow");
		*out = -a;
		return 1;
	}
	if (!ggi_wl_eval(c, x->a, &a) || !ggi_wl_eval(c, x->b, &b))
		return 0;
	int ovf = 0;
	switch (x->k) {
	case '+': ovf = __builtin_add_overflow(a, b, out); break;
	case '-': ovf = __builtin_sub_overflow(a, b, out); break;
	case '*': ovf = __builtin_mul_overflow(a, b, out); break;
	case '/':
	case '%':
		if (b == 0)
			return ggi_wl_diag(c->d, x->line, x->col, GG_ERR_RANGE, "division by zero");
		if (a == INT64_MIN && b == -1)
			ovf = 1;
		else
			*out = x->k == '/' ? a / b : a % b;
		break;
	}
	if (ovf)
		return ggi_wl_diag(c->d, x->line, x->col, GG_ERR_RANGE, "integer overflow");
	return 1;
}

int ggi_wl_eval_key_n(const evalctx *c, const stmt *s, int64_t *key, int64_t *n)
{
	*n = 1;
	return ggi_wl_eval(c, s->key, key) && (s->n < 0 || ggi_wl_eval(c, s->n, n));
}

int ggi_wl_eval_make(const evalctx *c, const stmt *s, int64_t *n, int64_t *cap)
{
	*n = 0;
	if (s->n >= 0 && !ggi_wl_eval(c, s->n, n))
		return 0;
	*cap = *n;
	return s->cap < 0 || ggi_wl_eval(c, s->cap, cap);
}
