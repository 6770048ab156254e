/* The simulate language: parser and runner (see simscript.h for the API
 * and docs/simulate.md for the language).
 *
 * The parser turns each line into one statement; `repeat N {` opens a
 * block closed by a `}` line. Repeat counts are constants, so the number
 * of operations a script will run is known before it runs and an oversized
 * script is refused up front instead of hanging. Expressions are a small
 * tree in a pool; the only variable is `i`, the innermost loop counter.
 *
 * The runner keeps, per variable, what the model needs: len/cap of a slice,
 * and for a map the growth steps gg_mapgrow lists (computed on demand as
 * the map gets bigger), the live key count, and for maps of slices the
 * len/cap of every entry's slice in a small open-addressing table. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/workload.h"

/* Expressions are evaluated recursively: both the nesting and the number
 * of operators on a line (a+a+...+a is a left-deep tree) are bounded. */
#define MAX_EXPR_DEPTH 64
#define MAX_EXPR_OPS 256

void gg_workload_default_limits(gg_workload_limits *l)
{
	l->max_ops = GG_WORKLOAD_MAX_OPS;
	l->max_iters = GG_WORKLOAD_MAX_ITERS;
	l->max_keys = GG_WORKLOAD_MAX_KEYS;
	l->max_events = GG_WORKLOAD_MAX_EVENTS;
}

/* ---- program ---- */

typedef struct expr {
	char k; /* 'n' number, 'i' loop counter, 'u' negation, or one of + - * / % */
	int64_t v;
	int a, b;
	int line, col;
} expr;

typedef enum { S_MAKE, S_REPEAT, S_END, S_APPEND, S_SET, S_DELETE } skind;

typedef struct stmt {
	skind k;
	int line, col;
	int var;
	int key;       /* expression of the map key, -1 for a plain variable */
	int n, cap;    /* append count, make len/hint, make cap: expressions or -1 */
	int64_t count; /* repeat */
	int end;       /* repeat: index of its S_END */
	int site;
	int tcol; /* where the target (variable) starts */
} stmt;

typedef struct pvar {
	char name[32];
	char *type;
	int type_col;
	gg_typeexpr *te;
	int is_map, entry_slices;
	int line;
} pvar;

struct gg_workload {
	stmt *s;
	int ns, scap;
	expr *e;
	int ne, ecap;
	pvar vars[GG_WORKLOAD_MAX_VARS];
	int nvars;
	char **sitetext;
	int *siteline;
	int nsites, sitecap;
};

static int diag(gg_workload_diag *d, int line, int col, gg_status code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int diag(gg_workload_diag *d, int line, int col, gg_status code, const char *fmt, ...)
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

void gg_workload_free(gg_workload *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nvars; i++) {
		free(p->vars[i].type);
		gg_typeexpr_free(p->vars[i].te);
	}
	for (int i = 0; i < p->nsites; i++)
		free(p->sitetext[i]);
	free(p->sitetext);
	free(p->siteline);
	free(p->s);
	free(p->e);
	free(p);
}

/* A line being parsed. */
typedef struct lexer {
	const char *s; /* the line, without its comment */
	size_t n, pos;
	int line;
	gg_workload *p;
	gg_workload_diag *d;
	int depth;
	int ops; /* binary operators on this line */
} lexer;

static void skip_ws(lexer *x)
{
	while (x->pos < x->n && (x->s[x->pos] == ' ' || x->s[x->pos] == '\t' || x->s[x->pos] == '\r'))
		x->pos++;
}

static int col(const lexer *x)
{
	return (int)x->pos + 1;
}

static int at_end(lexer *x)
{
	skip_ws(x);
	return x->pos >= x->n;
}

static int peek(lexer *x)
{
	skip_ws(x);
	return x->pos < x->n ? (unsigned char)x->s[x->pos] : 0;
}

static int accept(lexer *x, char c)
{
	if (peek(x) != c)
		return 0;
	x->pos++;
	return 1;
}

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

/* Reads an identifier into buf (truncated names are refused by callers). */
static size_t ident(lexer *x, char *buf, size_t cap)
{
	skip_ws(x);
	size_t start = x->pos;
	if (x->pos >= x->n || !is_ident_start((unsigned char)x->s[x->pos]))
		return 0;
	while (x->pos < x->n && (isalnum((unsigned char)x->s[x->pos]) || x->s[x->pos] == '_'))
		x->pos++;
	size_t len = x->pos - start;
	size_t k = len < cap - 1 ? len : cap - 1;
	memcpy(buf, x->s + start, k);
	buf[k] = 0;
	return len;
}

static int new_expr(lexer *x, char k, int64_t v, int a, int b, int c)
{
	gg_workload *p = x->p;
	if (p->ne == p->ecap) {
		int cap = p->ecap ? p->ecap * 2 : 64;
		expr *n = realloc(p->e, (size_t)cap * sizeof *n);
		if (!n)
			return diag(x->d, x->line, c, GG_ERR_NOMEM, "out of memory"), -1;
		p->e = n;
		p->ecap = cap;
	}
	p->e[p->ne] = (expr){k, v, a, b, x->line, c};
	return p->ne++;
}

static int parse_expr(lexer *x);

static int count_op(lexer *x, int at)
{
	if (++x->ops <= MAX_EXPR_OPS)
		return 1;
	return diag(x->d, x->line, at, GG_ERR_RANGE, "too many operators on one line (at most %d)",
		    MAX_EXPR_OPS);
}

static int parse_primary(lexer *x)
{
	int c = peek(x), at = col(x);
	if (++x->depth > MAX_EXPR_DEPTH)
		return diag(x->d, x->line, at, GG_ERR_RANGE, "expression nested too deeply"), -1;
	int r = -1;
	if (c == '(') {
		x->pos++;
		r = parse_expr(x);
		if (r >= 0 && !accept(x, ')'))
			r = -1, diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected )");
	} else if (c == '-') {
		x->pos++;
		int a = parse_primary(x);
		r = a < 0 ? -1 : new_expr(x, 'u', 0, a, -1, at);
	} else if (isdigit(c)) {
		uint64_t v = 0;
		while (x->pos < x->n && (isdigit((unsigned char)x->s[x->pos]) || x->s[x->pos] == '_')) {
			char ch = x->s[x->pos++];
			if (ch == '_')
				continue;
			if (v > ((uint64_t)INT64_MAX - (uint64_t)(ch - '0')) / 10) {
				x->depth--;
				return diag(x->d, x->line, at, GG_ERR_SYNTAX,
					    "number too large (the limit is %lld)", (long long)INT64_MAX),
				       -1;
			}
			v = v * 10 + (uint64_t)(ch - '0');
		}
		if (x->pos < x->n && is_ident_start((unsigned char)x->s[x->pos]))
			r = -1,
			diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "unexpected character after a number");
		else
			r = new_expr(x, 'n', (int64_t)v, -1, -1, at);
	} else if (is_ident_start(c)) {
		char name[32];
		size_t len = ident(x, name, sizeof name);
		if (len == 1 && name[0] == 'i')
			r = new_expr(x, 'i', 0, -1, -1, at);
		else
			diag(x->d, x->line, at, GG_ERR_SYNTAX,
			     "unknown name \"%s\" in an expression (only the loop counter i is defined)",
			     name);
	} else if (c == 0)
		diag(x->d, x->line, at, GG_ERR_SYNTAX, "expected an expression");
	else if (c > 0x20 && c < 0x7f)
		diag(x->d, x->line, at, GG_ERR_SYNTAX, "unexpected '%c' in an expression", c);
	else
		diag(x->d, x->line, at, GG_ERR_SYNTAX, "unexpected byte 0x%02x in an expression", c);
	x->depth--;
	return r;
}

static int parse_term(lexer *x)
{
	int a = parse_primary(x);
	while (a >= 0) {
		int c = peek(x), at = col(x);
		if (c != '*' && c != '/' && c != '%')
			break;
		if (!count_op(x, at))
			return -1;
		x->pos++;
		int b = parse_primary(x);
		a = b < 0 ? -1 : new_expr(x, (char)c, 0, a, b, at);
	}
	return a;
}

static int parse_expr(lexer *x)
{
	int a = parse_term(x);
	while (a >= 0) {
		int c = peek(x), at = col(x);
		if (c != '+' && c != '-')
			break;
		if (!count_op(x, at))
			return -1;
		x->pos++;
		int b = parse_term(x);
		a = b < 0 ? -1 : new_expr(x, (char)c, 0, a, b, at);
	}
	return a;
}

/* Whether the expression uses i (repeat counts must not). */
static int uses_i(const gg_workload *p, int e)
{
	if (e < 0)
		return 0;
	if (p->e[e].k == 'i')
		return 1;
	return uses_i(p, p->e[e].a) || uses_i(p, p->e[e].b);
}

typedef struct evalctx {
	const gg_workload *p;
	const int64_t *loopi;
	int depth;
	gg_workload_diag *d;
} evalctx;

/* Go int64 arithmetic without its wrap-around: overflow is an error. */
static int eval(const evalctx *c, int e, int64_t *out)
{
	const expr *x = &c->p->e[e];
	int64_t a, b;
	switch (x->k) {
	case 'n': *out = x->v; return 1;
	case 'i':
		if (c->depth == 0)
			return diag(c->d, x->line, x->col, GG_ERR_RANGE,
				    "i is only defined inside a repeat block");
		*out = c->loopi[c->depth - 1];
		return 1;
	case 'u':
		if (!eval(c, x->a, &a))
			return 0;
		if (a == INT64_MIN)
			return diag(c->d, x->line, x->col, GG_ERR_RANGE, "integer overflow");
		*out = -a;
		return 1;
	}
	if (!eval(c, x->a, &a) || !eval(c, x->b, &b))
		return 0;
	int ovf = 0;
	switch (x->k) {
	case '+': ovf = __builtin_add_overflow(a, b, out); break;
	case '-': ovf = __builtin_sub_overflow(a, b, out); break;
	case '*': ovf = __builtin_mul_overflow(a, b, out); break;
	case '/':
	case '%':
		if (b == 0)
			return diag(c->d, x->line, x->col, GG_ERR_RANGE, "division by zero");
		if (a == INT64_MIN && b == -1)
			ovf = 1;
		else
			*out = x->k == '/' ? a / b : a % b;
		break;
	}
	if (ovf)
		return diag(c->d, x->line, x->col, GG_ERR_RANGE, "integer overflow");
	return 1;
}

static int find_var(const gg_workload *p, const char *name)
{
	for (int i = 0; i < p->nvars; i++)
		if (!strcmp(p->vars[i].name, name))
			return i;
	return -1;
}

static const char *const keywords[] = {"repeat", "append", "set", "delete", "make", "key", "i", NULL};

static int is_keyword(const char *s)
{
	for (int i = 0; keywords[i]; i++)
		if (!strcmp(keywords[i], s))
			return 1;
	return 0;
}

static int add_stmt(lexer *x, stmt s)
{
	gg_workload *p = x->p;
	if (p->ns == p->scap) {
		int cap = p->scap ? p->scap * 2 : 32;
		stmt *n = realloc(p->s, (size_t)cap * sizeof *n);
		if (!n)
			return diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
		p->s = n;
		p->scap = cap;
	}
	p->s[p->ns++] = s;
	return 1;
}

/* An allocation site: the statement's text, for pprof and the site table. */
static int add_site(lexer *x, stmt *s)
{
	gg_workload *p = x->p;
	if (p->nsites == p->sitecap) {
		int cap = p->sitecap ? p->sitecap * 2 : 16;
		char **t = realloc(p->sitetext, (size_t)cap * sizeof *t);
		if (t)
			p->sitetext = t;
		int *l = realloc(p->siteline, (size_t)cap * sizeof *l);
		if (l)
			p->siteline = l;
		if (!t || !l)
			return diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
		p->sitecap = cap;
	}
	size_t a = 0, b = x->n;
	while (a < b && isspace((unsigned char)x->s[a]))
		a++;
	while (b > a && isspace((unsigned char)x->s[b - 1]))
		b--;
	size_t len = b - a > 200 ? 200 : b - a;
	char *t = malloc(len + 1);
	if (!t)
		return diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < len; i++) { /* keep names printable in every output */
		unsigned char ch = (unsigned char)x->s[a + i];
		t[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	t[len] = 0;
	p->sitetext[p->nsites] = t;
	p->siteline[p->nsites] = x->line;
	s->site = p->nsites++;
	return 1;
}

/* TARGET: name or name[key(expr)] / name[expr]. */
static int parse_target(lexer *x, stmt *s, const char *verb)
{
	char name[32];
	skip_ws(x);
	int at = s->tcol = col(x);
	size_t len = ident(x, name, sizeof name);
	if (!len)
		return diag(x->d, x->line, at, GG_ERR_SYNTAX, "%s needs a variable", verb);
	if (len >= sizeof name)
		return diag(x->d, x->line, at, GG_ERR_SYNTAX, "name too long (at most %zu characters)",
			    sizeof name - 1);
	s->var = find_var(x->p, name);
	if (s->var < 0)
		return diag(x->d, x->line, at, GG_ERR_SYNTAX, "undefined: %s (make it first: %s = make(...))",
			    name, name);
	s->key = -1;
	if (accept(x, '[')) {
		size_t save = x->pos;
		char kw[8];
		int kcol = col(x);
		int iskey = ident(x, kw, sizeof kw) == 3 && !strcmp(kw, "key") && accept(x, '(');
		if (!iskey)
			x->pos = save;
		s->key = parse_expr(x);
		if (s->key < 0)
			return 0;
		if (iskey && !accept(x, ')'))
			return diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected ) after key(...");
		if (!accept(x, ']'))
			return diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected ]");
		(void)kcol;
	}
	const pvar *v = &x->p->vars[s->var];
	if (s->key >= 0 && !v->is_map)
		return diag(x->d, x->line, at, GG_ERR_SYNTAX, "%s is a slice, not a map: it has no keys", name);
	return 1;
}

/* name = make(TYPE[, e[, e]]) */
static int parse_make(lexer *x, const char *name, int namecol, stmt *s)
{
	char kw[8];
	if (ident(x, kw, sizeof kw) != 4 || strcmp(kw, "make") || !accept(x, '('))
		return diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected make(...) after =");
	/* The type runs to the first comma or closing parenthesis outside brackets. */
	skip_ws(x);
	size_t start = x->pos;
	int depth = 0;
	for (; x->pos < x->n; x->pos++) {
		char c = x->s[x->pos];
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		else if ((c == ',' || c == ')') && depth == 0)
			break;
	}
	size_t end = x->pos;
	while (end > start && isspace((unsigned char)x->s[end - 1]))
		end--;
	if (end == start)
		return diag(x->d, x->line, (int)start + 1, GG_ERR_SYNTAX, "make needs a type");
	char *type = malloc(end - start + 1);
	if (!type)
		return diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
	memcpy(type, x->s + start, end - start);
	type[end - start] = 0;
	gg_typeexpr *te = NULL;
	gg_error err = {0};
	if (gg_type_parse(type, &te, &err) != GG_OK) {
		free(type);
		/* A type that does not parse is a malformed script, whatever the parser's reason. */
		return diag(x->d, x->line, (int)start + (err.column > 0 ? err.column : 1), GG_ERR_SYNTAX,
			    "bad type: %s", err.msg);
	}
	const gg_type *t = gg_typeexpr_root(te);
	int is_map = t->kind == GG_MAP;
	if (t->kind != GG_SLICE && !is_map) {
		gg_typeexpr_free(te);
		diag(x->d, x->line, (int)start + 1, GG_ERR_SYNTAX, "make needs a slice or map type, not %.60s",
		     type);
		free(type);
		return 0;
	}
	s->k = S_MAKE;
	s->n = s->cap = -1;
	if (accept(x, ',')) {
		s->n = parse_expr(x);
		if (s->n >= 0 && accept(x, ',')) {
			if (is_map)
				s->n = -1, diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
						"make(map) takes at most a size hint");
			else
				s->cap = parse_expr(x);
		}
		if (s->n < 0 || (s->cap < 0 && x->d->msg[0])) {
			free(type);
			gg_typeexpr_free(te);
			return 0;
		}
	} else if (!is_map) {
		free(type);
		gg_typeexpr_free(te);
		return diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
			    "make([]T) needs a length: make([]T, len[, cap])");
	}
	if (!accept(x, ')')) {
		free(type);
		gg_typeexpr_free(te);
		return diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected )");
	}
	int v = find_var(x->p, name);
	if (v >= 0) {
		/* Re-making a variable is fine (the old storage becomes garbage), with the same type. */
		int same = !strcmp(x->p->vars[v].type, type);
		free(type);
		gg_typeexpr_free(te);
		if (!same)
			return diag(x->d, x->line, (int)start + 1, GG_ERR_SYNTAX, "%s was made as %s on line %d",
				    name, x->p->vars[v].type, x->p->vars[v].line);
	} else {
		if (x->p->nvars == GG_WORKLOAD_MAX_VARS) {
			free(type);
			gg_typeexpr_free(te);
			return diag(x->d, x->line, namecol, GG_ERR_RANGE, "too many variables (at most %d)",
				    GG_WORKLOAD_MAX_VARS);
		}
		v = x->p->nvars++;
		pvar *pv = &x->p->vars[v];
		snprintf(pv->name, sizeof pv->name, "%s", name);
		pv->type = type;
		pv->te = te;
		pv->type_col = (int)start + 1;
		pv->is_map = is_map;
		pv->entry_slices = is_map && t->elem && t->elem->kind == GG_SLICE;
		pv->line = x->line;
	}
	s->var = v;
	return 1;
}

/* ops/iters budget of the statements parsed so far, saturating at limit+1. */
static int64_t sat_mul(int64_t a, int64_t b, int64_t limit)
{
	if (a == 0 || b == 0)
		return 0;
	if (a > limit || b > limit || a > (limit + 1) / b + 1)
		return limit + 1;
	int64_t r = a * b;
	return r > limit ? limit + 1 : r;
}

static int parse_script(const char *src, size_t len, const gg_workload_limits *lim, gg_workload **out,
			gg_workload_diag *d)
{
	*out = NULL;
	memset(d, 0, sizeof *d);
	gg_workload *p = calloc(1, sizeof *p);
	if (!p)
		return diag(d, 0, 0, GG_ERR_NOMEM, "out of memory");
	int open[GG_WORKLOAD_MAX_DEPTH];
	int64_t mult[GG_WORKLOAD_MAX_DEPTH + 1];
	int depth = 0;
	mult[0] = 1;
	int64_t ops = 0, iters = 0;
	int line = 0;
	size_t pos = 0;
	while (pos < len) {
		size_t e = pos;
		while (e < len && src[e] != '\n')
			e++;
		line++;
		lexer x = {src + pos, e - pos, 0, line, p, d, 0, 0};
		pos = e + 1;
		for (size_t k = 0; k < x.n; k++)
			if (x.s[k] == '#' || x.s[k] == 0) {
				x.n = k;
				break;
			}
		if (at_end(&x))
			continue;
		stmt s = {.line = line, .col = col(&x), .var = -1, .key = -1, .n = -1, .cap = -1, .site = -1};
		if (accept(&x, '}')) {
			if (depth == 0) {
				diag(d, line, s.col, GG_ERR_SYNTAX, "} without a repeat block");
				goto fail;
			}
			s.k = S_END;
			p->s[open[--depth]].end = p->ns;
			if (!add_stmt(&x, s))
				goto fail;
		} else {
			char word[32];
			int wcol = col(&x);
			size_t wl = ident(&x, word, sizeof word);
			if (!wl) {
				diag(
				    d, line, wcol, GG_ERR_SYNTAX,
				    "expected a statement (repeat, append, set, delete or NAME = make(...))");
				goto fail;
			}
			if (wl >= sizeof word) {
				diag(d, line, wcol, GG_ERR_SYNTAX, "name too long (at most %zu characters)",
				     sizeof word - 1);
				goto fail;
			}
			if (!strcmp(word, "repeat")) {
				if (depth == GG_WORKLOAD_MAX_DEPTH) {
					diag(d, line, wcol, GG_ERR_RANGE,
					     "repeat blocks nested too deeply (at most %d)", GG_WORKLOAD_MAX_DEPTH);
					goto fail;
				}
				int ex = parse_expr(&x);
				if (ex < 0)
					goto fail;
				if (uses_i(p, ex)) {
					diag(d, line, p->e[ex].col, GG_ERR_SYNTAX,
					     "a repeat count must be a constant (it cannot use i)");
					goto fail;
				}
				evalctx ec = {p, NULL, 0, d};
				if (!eval(&ec, ex, &s.count))
					goto fail;
				if (s.count < 0) {
					diag(d, line, p->e[ex].col, GG_ERR_SYNTAX, "negative repeat count %lld",
					     (long long)s.count);
					goto fail;
				}
				if (!accept(&x, '{')) {
					diag(d, line, col(&x), GG_ERR_SYNTAX,
					     "expected { at the end of the repeat line");
					goto fail;
				}
				if (!at_end(&x)) {
					diag(d, line, col(&x), GG_ERR_SYNTAX,
					     "the body of a repeat starts on the next line");
					goto fail;
				}
				s.k = S_REPEAT;
				iters += sat_mul(mult[depth], s.count, lim->max_iters);
				if (iters > lim->max_iters) {
					diag(d, line, wcol, GG_ERR_RANGE,
					     "the script runs more than %lld loop iterations (the limit)",
					     (long long)lim->max_iters);
					goto fail;
				}
				mult[depth + 1] = sat_mul(mult[depth], s.count, lim->max_ops);
				open[depth++] = p->ns;
				if (!add_stmt(&x, s))
					goto fail;
			} else {
				if (!strcmp(word, "append") || !strcmp(word, "set") ||
				    !strcmp(word, "delete")) {
					s.k = word[0] == 'a' ? S_APPEND : word[0] == 's' ? S_SET : S_DELETE;
					if (!parse_target(&x, &s, word))
						goto fail;
					const pvar *v = &p->vars[s.var];
					if (s.k == S_APPEND && v->is_map && s.key < 0) {
						diag(d, line, s.tcol, GG_ERR_SYNTAX,
						     "%s is a map: append to an entry, %s[key(...)]", v->name,
						     v->name);
						goto fail;
					}
					if (s.k == S_APPEND && v->is_map && !v->entry_slices) {
						diag(d, line, s.tcol, GG_ERR_SYNTAX,
						     "the values of %s (%s) are not slices", v->name,
						     v->type);
						goto fail;
					}
					if (s.k != S_APPEND && s.key < 0) {
						diag(d, line, s.tcol, GG_ERR_SYNTAX,
						     "%s needs a map entry: %s m[key(...)]", word, word);
						goto fail;
					}
					if (s.k == S_APPEND && !at_end(&x) && (s.n = parse_expr(&x)) < 0)
						goto fail;
				} else {
					if (is_keyword(word)) {
						diag(d, line, wcol, GG_ERR_SYNTAX, "unknown statement \"%s\"",
						     word);
						goto fail;
					}
					if (!accept(&x, '=')) {
						diag(d, line, col(&x), GG_ERR_SYNTAX,
						     "expected = make(...) after %s", word);
						goto fail;
					}
					if (!parse_make(&x, word, wcol, &s))
						goto fail;
				}
				ops += mult[depth];
				if (ops > lim->max_ops) {
					diag(d, line, wcol, GG_ERR_RANGE,
					     "the script runs more than %lld operations (the limit)",
					     (long long)lim->max_ops);
					goto fail;
				}
				if (!add_site(&x, &s) || !add_stmt(&x, s))
					goto fail;
			}
		}
		if (!at_end(&x)) {
			int ch = peek(&x);
			if (ch > 0x20 && ch < 0x7f)
				diag(d, line, col(&x), GG_ERR_SYNTAX,
				     "unexpected '%c' at the end of the statement", ch);
			else
				diag(d, line, col(&x), GG_ERR_SYNTAX,
				     "unexpected byte 0x%02x at the end of the statement", ch);
			goto fail;
		}
	}
	if (depth > 0) {
		diag(d, p->s[open[depth - 1]].line, p->s[open[depth - 1]].col, GG_ERR_SYNTAX,
		     "repeat block is not closed");
		goto fail;
	}
	*out = p;
	return 1;
fail:
	gg_workload_free(p);
	return 0;
}

/* ---- runner ---- */

/* A slice's backing array: the bytes it is charged, or the tiny block it
 * lives in (blk >= 0; several arrays share one). */
typedef struct arr {
	uint64_t bytes;
	int32_t blk;
} arr;

#define NO_ARR ((arr){0, -1})

/* A 16-byte tiny block: reachable while some array in it is. Its bytes are
 * charged to whoever opened it, so per-variable live bytes add up to the
 * total. */
typedef struct tblock {
	uint32_t ref;
	int var, ent;
} tblock;

typedef struct entry {
	int64_t key;
	int64_t len, cap;
	arr a;
	uint8_t state; /* 0 empty, 1 used, 2 deleted */
} entry;

typedef struct rvar {
	int made;
	gg_elem e;	  /* slice elements, or the elements of the map's slice values */
	int64_t len, cap; /* slice */
	arr a;		  /* slice: its array */
	uint64_t bytes;	  /* live bytes: a slice's array (and tiny blocks it opened), a map's structure */
	/* map */
	gg_maptype mt;
	int64_t hint;
	gg_mapstep *steps;
	size_t nsteps, scap, next;
	int64_t steps_n, exact_until;
	int64_t count, peak;
	int has_table;	    /* Swiss: no longer a small map */
	int to_table_early; /* Swiss 1.24-1.26: an overwrite of a full small map made the table */
	int table_deletes;  /* Swiss: a key was deleted from a table */
	int beyond_exact;
	uint64_t evac_bytes;
	int64_t evac_left, evac_start;
	entry *tab;
	size_t tcap, tfill;
} rvar;

typedef struct runner {
	const gg_workload *p;
	gg_target t;
	int noswiss;
	const gg_workload_limits *lim;
	gg_workload_result *r;
	gg_workload_diag *d;
	rvar *rv;
	int64_t loopi[GG_WORKLOAD_MAX_DEPTH];
	int depth;
	int64_t keys;
	size_t evcap;
	/* mallocgc's tiny allocator: the current block (-1: none) and the bytes
	 * used in it; every block that holds a live array; ids of free slots. */
	int32_t cur;
	uint64_t tiny_off;
	tblock *blk;
	int32_t *freeblk;
	int32_t nblk, nfree, blkcap;
	uint64_t revived; /* live bytes a packing brought back, for the next emit */
} runner;

static int oom(runner *x, const stmt *s)
{
	return diag(x->d, s->line, s->col, GG_ERR_NOMEM, "out of memory");
}

/* Records an event and keeps the totals: at the moment of an allocation
 * both the old and the new storage are referenced (during), then `freed`
 * bytes become garbage. */
static int emit(runner *x, const stmt *s, int var, int ent, int64_t key, gg_workload_evkind k, const char *what,
		int64_t oldcap, int64_t newcap, uint64_t alloc, uint64_t freed, uint64_t objects)
{
	gg_workload_result *r = x->r;
	/* A tiny block whose arrays were all garbage is reachable again when a
	 * new array is packed into it: live grows, TotalAlloc does not. */
	uint64_t during = r->final_live + alloc + x->revived;
	x->revived = 0;
	if (during > r->peak) {
		r->peak = during;
		r->peak_op = r->ops;
	}
	r->final_live = during - freed;
	r->total_alloc += alloc;
	r->allocs += objects;
	r->sites[s->site].allocs += objects;
	r->sites[s->site].bytes += alloc;
	r->events_total++;
	if (r->nevents < x->lim->max_events) {
		if (r->nevents == x->evcap) {
			size_t cap = x->evcap ? x->evcap * 2 : 256;
			if (cap > x->lim->max_events)
				cap = x->lim->max_events;
			gg_workload_event *n = realloc(r->events, cap * sizeof *n);
			if (!n)
				return oom(x, s);
			r->events = n;
			x->evcap = cap;
		}
		r->events[r->nevents++] =
		    (gg_workload_event){r->ops, s->line, var,	ent,	key,	      k, what, oldcap,
				newcap, alloc,	 freed, during, r->final_live};
	}
	return 1;
}

static uint64_t *owner_live(runner *x, int var, int ent)
{
	return ent ? &x->r->vars[var].e_live : &x->rv[var].bytes;
}

/* The array of a new allocation of `size` bytes, charged `charged` bytes
 * (16 for a tiny one) by the model. mallocgc's tiny allocator packs noscan
 * objects under 16 bytes into a shared 16-byte block, aligned like the
 * runtime does (8 for multiples of 8 and, on 32-bit, 12; 4; 2), and only
 * opening a block counts in TotalAlloc; the new block becomes the current
 * one if it has more room left. The runtime's block when the script starts
 * is unknown and taken as none. *counted gets the TotalAlloc bytes. */
static int arr_new(runner *x, int var, int ent, uint64_t size, int noscan, uint64_t charged, arr *a,
		   uint64_t *counted)
{
	if (!noscan || size == 0 || size >= GG_TINY_SIZE) {
		*a = (arr){charged, -1};
		*owner_live(x, var, ent) += charged;
		*counted = charged;
		return 1;
	}
	uint64_t off = x->tiny_off;
	if ((size & 7) == 0 || (x->t.arch->ptr_size == 4 && size == 12))
		off = (off + 7) & ~UINT64_C(7);
	else if ((size & 3) == 0)
		off = (off + 3) & ~UINT64_C(3);
	else if ((size & 1) == 0)
		off = (off + 1) & ~UINT64_C(1);
	*counted = 0;
	if (x->cur >= 0 && off + size <= GG_TINY_SIZE) {
		tblock *b = &x->blk[x->cur];
		if (b->ref++ == 0) {
			*owner_live(x, b->var, b->ent) += GG_TINY_SIZE;
			x->revived += GG_TINY_SIZE;
		}
		x->tiny_off = off + size;
		*a = (arr){0, x->cur};
		return 1;
	}
	if (x->nfree == 0) { /* ids are reused, so this grows with the live blocks only */
		int32_t cap = x->blkcap ? x->blkcap * 2 : 64;
		tblock *nb = realloc(x->blk, (size_t)cap * sizeof *nb);
		if (nb)
			x->blk = nb;
		int32_t *nf = realloc(x->freeblk, (size_t)cap * sizeof *nf);
		if (nf)
			x->freeblk = nf;
		if (!nb || !nf)
			return 0;
		for (int32_t i = cap - 1; i >= x->blkcap; i--)
			x->freeblk[x->nfree++] = i;
		x->blkcap = cap;
	}
	int32_t id = x->freeblk[--x->nfree];
	x->blk[id] = (tblock){1, var, ent};
	*owner_live(x, var, ent) += charged;
	*counted = charged;
	*a = (arr){0, id};
	if (x->cur < 0 || size < x->tiny_off) {
		if (x->cur >= 0 && x->blk[x->cur].ref == 0)
			x->freeblk[x->nfree++] = x->cur; /* garbage already, now unreachable for good */
		x->cur = id;
		x->tiny_off = size;
	}
	return 1;
}

/* Drops an array; returns the bytes that became garbage. */
static uint64_t arr_free(runner *x, int var, int ent, arr *a)
{
	uint64_t f = 0;
	if (a->blk >= 0) {
		tblock *b = &x->blk[a->blk];
		if (--b->ref == 0) {
			f = GG_TINY_SIZE;
			*owner_live(x, b->var, b->ent) -= f;
			if (a->blk != x->cur)
				x->freeblk[x->nfree++] = a->blk;
		}
	} else if (a->bytes) {
		f = a->bytes;
		*owner_live(x, var, ent) -= f;
	}
	*a = NO_ARR;
	return f;
}

static void collect_step(void *ctx, const gg_mapstep *st)
{
	rvar *v = ctx;
	if (v->nsteps == v->scap) {
		size_t cap = v->scap ? v->scap * 2 : 16;
		gg_mapstep *n = realloc(v->steps, cap * sizeof *n);
		if (!n)
			return; /* noticed by the caller: nsteps < steps */
		v->steps = n;
		v->scap = cap;
	}
	v->steps[v->nsteps++] = *st;
}

/* Makes sure the step list covers `need` keys: gg_mapgrow is closed form
 * (a few dozen steps at most), so it is simply asked again for more. */
static int cover_steps(runner *x, const stmt *s, rvar *v, int64_t need)
{
	if (v->steps && need <= v->steps_n)
		return 1;
	int64_t maxint = gg_target_maxint(&x->t);
	int64_t tries[2] = {need < 1024 ? 1024 : (need > maxint / 4 ? maxint : need * 4), need};
	gg_error err = {0};
	gg_status st = GG_OK;
	for (int k = 0; k < 2; k++) {
		gg_mapgrowth g;
		v->nsteps = 0;
		st = gg_mapgrow(&v->mt, v->hint, tries[k], collect_step, v, &g, &err);
		if (st == GG_OK && v->nsteps < (size_t)g.steps)
			return oom(x, s);
		if (st == GG_OK) {
			v->steps_n = tries[k];
			v->exact_until = g.exact_until;
			return 1;
		}
	}
	return diag(x->d, s->line, s->col, st, "%s", err.msg);
}

static const char *step_what(gg_mapevent ev)
{
	return gg_mapevent_name(ev);
}

/* Evacuation: each write to a growing classic map moves at least one old
 * bucket (growWork), so the old array is garbage after at most 2^(B-1)
 * writes; gogrow uses that bound. */
static int classic_write(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (v->evac_left == 0)
		return 1;
	if (--v->evac_left > 0)
		return 1;
	gg_workload_var *vi = &x->r->vars[var];
	vi->evac_ops += x->r->ops - v->evac_start + 1;
	uint64_t b = v->evac_bytes;
	v->evac_bytes = 0;
	v->bytes -= b;
	return emit(x, s, var, 0, 0, GG_WORKLOAD_EV_EVACUATED, "evacuated", 0, v->count, 0, b, 0);
}

static int apply_step(runner *x, const stmt *s, int var, const gg_mapstep *st)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	uint64_t old = st->during - st->after;
	int classic = v->mt.impl == GG_MAP_CLASSIC;
	if (classic && v->evac_left > 0) {
		/* Cannot happen with the load factor's spacing; finish it to stay consistent. */
		v->evac_left = 1;
		if (!classic_write(x, s, var))
			return 0;
	}
	if (st->ev != GG_EV_FIRST_BUCKET && st->ev != GG_EV_SMALL) {
		x->r->map_grows++;
		vi->grows++;
	}
	x->r->map_steps++;
	vi->allocs += (uint64_t)st->nallocs;
	vi->allocated += st->alloc;
	if (st->ev == GG_EV_TO_TABLE || st->ev == GG_EV_TABLE_GROW || st->ev == GG_EV_SPLIT)
		v->has_table = 1;
	if (classic && st->ev == GG_EV_DOUBLE) {
		v->bytes += st->alloc;
		v->evac_bytes = old;
		v->evac_left = INT64_C(1) << (st->B - 1);
		v->evac_start = x->r->ops;
		if (old > vi->evac_peak)
			vi->evac_peak = old;
		if (!emit(x, s, var, 0, 0, GG_WORKLOAD_EV_MAPSTEP, step_what(st->ev), 0, st->count, st->alloc, 0,
			  (uint64_t)st->nallocs))
			return 0;
		uint64_t held = 0;
		for (int i = 0; i < x->r->nvars; i++)
			held += x->rv[i].evac_bytes;
		if (held > x->r->evac_peak)
			x->r->evac_peak = held;
		return 1;
	}
	v->bytes = v->bytes + st->alloc - old;
	return emit(x, s, var, 0, 0, GG_WORKLOAD_EV_MAPSTEP, step_what(st->ev), 0, st->count, st->alloc, old,
		    (uint64_t)st->nallocs);
}

static void note(runner *x, int var, const char *text)
{
	gg_workload_var *vi = &x->r->vars[var];
	if (strstr(vi->note, text))
		return;
	size_t n = strlen(vi->note);
	snprintf(vi->note + n, sizeof vi->note - n, "%s%s", n ? "; " : "", text);
	x->r->inexact = 1;
}

/* A new key: len(m) grows, and the steps the model lists for the new
 * high-water mark are applied (maps never shrink, so growth follows the
 * most keys ever held: exact for classic maps, see docs/simulate.md). */
static int map_insert(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (x->keys >= x->lim->max_keys)
		return diag(x->d, s->line, s->col, GG_ERR_RANGE, "more than %lld live map keys (the limit)",
			    (long long)x->lim->max_keys);
	x->keys++;
	v->count++;
	/* Keys and elems over 128 bytes: mapassign allocates one object each per new key. */
	uint64_t eb = gg_map_entry_bytes(&v->mt);
	if (eb) {
		gg_workload_var *vi = &x->r->vars[var];
		uint64_t objs = (uint64_t)(v->mt.indirect_key + v->mt.indirect_elem);
		v->bytes += eb;
		vi->allocs += objs;
		vi->allocated += eb;
		if (!emit(x, s, var, 0, 0, GG_WORKLOAD_EV_ENTRY, "entry", 0, v->count, eb, 0, objs))
			return 0;
	}
	if (v->count <= v->peak)
		return 1;
	v->peak = v->count;
	if (v->beyond_exact)
		return 1;
	if (!cover_steps(x, s, v, v->peak))
		return 0;
	while (v->next < v->nsteps && v->steps[v->next].count <= v->peak) {
		const gg_mapstep *st = &v->steps[v->next++];
		if (st->ev == GG_EV_TO_TABLE && v->to_table_early)
			continue;
		if (!apply_step(x, s, var, st))
			return 0;
	}
	if (v->peak > v->exact_until) {
		v->beyond_exact = 1;
		x->r->vars[var].exact_until = v->exact_until;
		char buf[200];
		snprintf(buf, sizeof buf,
			 "growth past %lld keys depends on the hash seed (which table splits): not counted "
			 "(--sim R estimates it)",
			 (long long)v->exact_until);
		note(x, var, buf);
	}
	return 1;
}

/* An assignment to a key the map holds. 1.24-1.26 turn a full small map
 * into a table even then. */
static int map_overwrite(runner *x, const stmt *s, int var)
{
	rvar *v = &x->rv[var];
	if (v->mt.impl != GG_MAP_SWISS || v->has_table || v->count != GG_MAP_SLOTS ||
	    !gg_swiss_full_small_overwrite(&v->mt))
		return 1;
	if (!cover_steps(x, s, v, GG_MAP_SLOTS + 1))
		return 0;
	for (size_t k = 0; k < v->nsteps; k++)
		if (v->steps[k].ev == GG_EV_TO_TABLE) {
			v->to_table_early = 1;
			return apply_step(x, s, var, &v->steps[k]);
		}
	return 1;
}

static uint64_t hash64(int64_t k)
{
	uint64_t h = (uint64_t)k * UINT64_C(0x9E3779B97F4A7C15);
	return h ^ (h >> 29);
}

static entry *tab_find(rvar *v, int64_t key)
{
	if (!v->tcap)
		return NULL;
	for (size_t i = hash64(key) & (v->tcap - 1);; i = (i + 1) & (v->tcap - 1)) {
		entry *e = &v->tab[i];
		if (e->state == 0)
			return NULL;
		if (e->state == 1 && e->key == key)
			return e;
	}
}

static entry *tab_insert(rvar *v, int64_t key)
{
	if ((v->tfill + 1) * 4 > v->tcap * 3) {
		size_t live = 0;
		for (size_t i = 0; i < v->tcap; i++)
			live += v->tab[i].state == 1;
		size_t cap = 16;
		while (cap * 3 < (live + 1) * 4 * 2)
			cap *= 2;
		entry *n = calloc(cap, sizeof *n);
		if (!n)
			return NULL;
		for (size_t i = 0; i < v->tcap; i++)
			if (v->tab[i].state == 1) {
				size_t j = hash64(v->tab[i].key) & (cap - 1);
				while (n[j].state)
					j = (j + 1) & (cap - 1);
				n[j] = v->tab[i];
			}
		free(v->tab);
		v->tab = n;
		v->tcap = cap;
		v->tfill = live;
	}
	size_t i = hash64(key) & (v->tcap - 1);
	while (v->tab[i].state == 1)
		i = (i + 1) & (v->tcap - 1);
	if (v->tab[i].state == 0)
		v->tfill++;
	v->tab[i] = (entry){key, 0, 0, NO_ARR, 1};
	return &v->tab[i];
}

static int do_make(runner *x, const stmt *s, const evalctx *ec)
{
	const pvar *pv = &x->p->vars[s->var];
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	int64_t n = 0, cap;
	if (s->n >= 0 && !eval(ec, s->n, &n))
		return 0;
	cap = n;
	if (s->cap >= 0 && !eval(ec, s->cap, &cap))
		return 0;
	gg_error err = {0};
	gg_status st;
	if (!pv->is_map) {
		/* The new array is allocated, then the old one is garbage. */
		uint64_t alloc = 0, counted;
		st = gg_makeslice(&x->t, v->e, n, cap, &alloc, &err);
		if (st != GG_OK)
			return diag(x->d, s->line, s->col, st, "%s", err.msg);
		uint64_t objs = alloc != 0;
		arr na;
		if (!arr_new(x, s->var, 0, (uint64_t)cap * v->e.size, v->e.noscan, alloc, &na, &counted))
			return oom(x, s);
		uint64_t freed = arr_free(x, s->var, 0, &v->a);
		v->a = na;
		v->made = 1;
		v->len = n;
		v->cap = cap;
		vi->allocs += objs;
		vi->allocated += counted;
		return emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_MAKE, "make", 0, cap, counted, freed, objs);
	}
	/* A map made again: its structure, old buckets being evacuated
	 * included, and its entries' slices become garbage. */
	uint64_t freed = v->bytes;
	v->bytes = 0;
	if (v->evac_left > 0)
		vi->evac_ops += x->r->ops - v->evac_start;
	for (size_t k = 0; k < v->tcap; k++)
		if (v->tab[k].state == 1)
			freed += arr_free(x, s->var, 1, &v->tab[k].a);
	x->keys -= v->count;
	free(v->tab);
	v->tab = NULL;
	v->tcap = v->tfill = 0;
	vi->e_slices = 0;
	free(v->steps);
	v->steps = NULL;
	v->nsteps = v->scap = v->next = 0;
	v->hint = n;
	v->count = v->peak = 0;
	v->has_table = v->to_table_early = v->table_deletes = v->beyond_exact = 0;
	v->evac_left = 0;
	v->evac_bytes = 0;
	if (!cover_steps(x, s, v, 0))
		return 0;
	gg_mapmake mk;
	st = gg_makemap(&v->mt, n, 0, &mk, &err);
	if (st != GG_OK)
		return diag(x->d, s->line, s->col, st, "%s", err.msg);
	v->made = 1;
	vi->makes++;
	vi->hint = n;
	v->bytes = mk.bytes;
	v->has_table = mk.dirlen > 0;
	vi->allocs += mk.mallocs;
	vi->allocated += mk.bytes;
	return emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_MAPMAKE, "make", 0, 0, mk.bytes, freed, mk.mallocs);
}

static int not_made(runner *x, const stmt *s)
{
	return diag(x->d, s->line, s->col, GG_ERR_RANGE, "%s is used before its make runs",
		    x->p->vars[s->var].name);
}

/* len/cap/array of one slice: a variable or a map entry's. */
static int slice_append(runner *x, const stmt *s, int var, int ent, int64_t key, int64_t *len, int64_t *cap,
			arr *a, int64_t n)
{
	rvar *v = &x->rv[var];
	gg_workload_var *vi = &x->r->vars[var];
	if (n < 0)
		return diag(x->d, s->line, s->col, GG_ERR_RANGE, "cannot append %lld elements", (long long)n);
	if (n <= *cap - *len) {
		*len += n;
		return 1;
	}
	gg_grow g;
	gg_error err = {0};
	gg_status st = gg_growslice(&x->t, v->e, *len, *cap, n, &g, &err);
	if (st != GG_OK)
		return diag(x->d, s->line, s->col, st, "%s", err.msg);
	if (g.newcap < g.newlen) /* 32-bit: int(capmem) wrapped, as gogrow append shows */
		return diag(
		    x->d, s->line, s->col, GG_ERR_PANIC,
		    "growslice: the new cap wraps around to %lld in a 32-bit int; the slice is unusable",
		    (long long)g.newcap);
	x->r->growslices++;
	uint64_t objs = g.alloc != 0, counted;
	arr na;
	/* growslice asks mallocgc for newcap*size bytes (capmem). */
	if (!arr_new(x, var, ent, g.capbytes, v->e.noscan, g.alloc, &na, &counted))
		return oom(x, s);
	uint64_t freed = arr_free(x, var, ent, a);
	*a = na;
	int64_t oldcap = *cap;
	*len = g.newlen;
	*cap = g.newcap;
	if (ent) {
		vi->e_grows++;
		vi->e_allocs += objs;
		vi->e_allocated += counted;
	} else {
		vi->grows++;
		vi->allocs += objs;
		vi->allocated += counted;
	}
	return emit(x, s, var, ent, key, GG_WORKLOAD_EV_GROW, "growslice", oldcap, g.newcap, counted, freed, objs);
}

static int do_entry(runner *x, const stmt *s, const evalctx *ec)
{
	rvar *v = &x->rv[s->var];
	gg_workload_var *vi = &x->r->vars[s->var];
	int64_t key, n = 1;
	if (!eval(ec, s->key, &key))
		return 0;
	if (s->n >= 0 && !eval(ec, s->n, &n))
		return 0;
	int classic = v->mt.impl == GG_MAP_CLASSIC;
	entry *e = tab_find(v, key);
	if (s->k == S_DELETE) {
		if (classic && v->count > 0 && !classic_write(x, s, s->var))
			return 0;
		if (!e)
			return 1;
		e->state = 2;
		vi->deletes++;
		v->count--;
		x->keys--;
		uint64_t eb = gg_map_entry_bytes(&v->mt);
		if (eb) {
			v->bytes -= eb;
			if (!emit(x, s, s->var, 0, 0, GG_WORKLOAD_EV_FREE, "free-entry", 0, v->count, 0, eb, 0))
				return 0;
		}
		if (v->mt.impl == GG_MAP_SWISS && v->has_table && !v->table_deletes) {
			v->table_deletes = 1;
			note(x, s->var,
			     "a delete from a Swiss table may leave a tombstone, which makes it grow sooner "
			     "depending on the hash seed: growth after the first delete is a lower bound");
		}
		if (e->cap > 0) {
			uint64_t f = arr_free(x, s->var, 1, &e->a);
			vi->e_slices--;
			return emit(x, s, s->var, 1, key, GG_WORKLOAD_EV_FREE, "free", e->cap, 0, 0, f, 0);
		}
		return 1;
	}
	/* m[k] = append(m[k], ...): the append runs before the assignment. */
	entry tmp = e ? *e : (entry){key, 0, 0, NO_ARR, 1};
	if (s->k == S_APPEND) {
		int64_t before = tmp.cap;
		if (!slice_append(x, s, s->var, 1, key, &tmp.len, &tmp.cap, &tmp.a, n))
			return 0;
		if (!before && tmp.cap)
			vi->e_slices++;
	} else if (tmp.cap > 0) { /* set: the zero value (nil) replaces the slice */
		uint64_t f = arr_free(x, s->var, 1, &tmp.a);
		vi->e_slices--;
		if (!emit(x, s, s->var, 1, key, GG_WORKLOAD_EV_FREE, "free", tmp.cap, 0, 0, f, 0))
			return 0;
		tmp.len = tmp.cap = 0;
	}
	if (classic && !classic_write(x, s, s->var))
		return 0;
	if (e) {
		*e = tmp;
		return map_overwrite(x, s, s->var);
	}
	e = tab_insert(v, key);
	if (!e)
		return oom(x, s);
	*e = tmp;
	if (!map_insert(x, s, s->var))
		return 0;
	/* The insert that starts a classic grow evacuates too (mapassign's goto again). */
	if (classic && v->evac_left > 0 && v->evac_start == x->r->ops)
		return classic_write(x, s, s->var);
	return 1;
}

static int exec(runner *x, int from, int to)
{
	const gg_workload *p = x->p;
	for (int k = from; k < to; k++) {
		const stmt *s = &p->s[k];
		evalctx ec = {p, x->loopi, x->depth, x->d};
		if (s->k == S_REPEAT) {
			x->depth++;
			for (int64_t i = 0; i < s->count; i++) {
				x->loopi[x->depth - 1] = i;
				if (!exec(x, k + 1, s->end))
					return 0;
			}
			x->depth--;
			k = s->end;
			continue;
		}
		x->r->ops++;
		if (s->k == S_MAKE) {
			if (!do_make(x, s, &ec))
				return 0;
			continue;
		}
		if (!x->rv[s->var].made)
			return not_made(x, s);
		if (s->key >= 0) {
			if (!do_entry(x, s, &ec))
				return 0;
			continue;
		}
		/* append s n */
		rvar *v = &x->rv[s->var];
		int64_t n = 1;
		if (s->n >= 0 && !eval(&ec, s->n, &n))
			return 0;
		if (!slice_append(x, s, s->var, 0, 0, &v->len, &v->cap, &v->a, n))
			return 0;
	}
	return 1;
}

/* Types are laid out per target: a type may not exist in a release or be
 * too large on a 32-bit port. */
static int bind(runner *x)
{
	for (int i = 0; i < x->p->nvars; i++) {
		const pvar *pv = &x->p->vars[i];
		rvar *v = &x->rv[i];
		gg_workload_var *vi = &x->r->vars[i];
		v->a = NO_ARR;
		snprintf(vi->name, sizeof vi->name, "%s", pv->name);
		vi->type = pv->type;
		vi->is_map = pv->is_map;
		vi->entry_slices = pv->entry_slices;
		vi->line = pv->line;
		vi->exact_until = -1;
		const gg_type *t = gg_typeexpr_root(pv->te);
		gg_error err = {0};
		gg_status st = GG_OK;
		if (pv->is_map) {
			st = gg_map_type(t, &x->t, x->noswiss, &v->mt, &err);
			if (st == GG_OK && pv->entry_slices)
				st = gg_elem_of(t->elem->elem, &x->t, &v->e, &err);
			vi->impl = v->mt.impl;
			if (st == GG_OK && v->mt.impl == GG_MAP_CLASSIC)
				note(x, i,
				     "overflow buckets beyond the preallocated spares and same-size grows "
				     "depend on the "
				     "hash seed: not counted (--sim R estimates them); old buckets are held "
				     "for "
				     "the most writes evacuation can take, 2^(B-1)");
		} else
			st = gg_elem_of(t->elem, &x->t, &v->e, &err);
		if (st != GG_OK)
			return diag(x->d, pv->line, pv->type_col, st, "%s", err.msg);
	}
	return 1;
}

static int run_script(const gg_workload *p, const gg_target *t, int noswissmap, const gg_workload_limits *lim,
		      gg_workload_result *r, gg_workload_diag *d)
{
	memset(r, 0, sizeof *r);
	memset(d, 0, sizeof *d);
	r->t = *t;
	runner x = {.p = p, .t = *t, .noswiss = noswissmap, .lim = lim, .r = r, .d = d, .cur = -1};
	r->vars = calloc((size_t)(p->nvars ? p->nvars : 1), sizeof *r->vars);
	r->sites = calloc((size_t)(p->nsites ? p->nsites : 1), sizeof *r->sites);
	x.rv = calloc((size_t)(p->nvars ? p->nvars : 1), sizeof *x.rv);
	if (!r->vars || !r->sites || !x.rv) {
		free(x.rv);
		return diag(d, 0, 0, GG_ERR_NOMEM, "out of memory");
	}
	r->nvars = p->nvars;
	r->nsites = p->nsites;
	for (int i = 0; i < p->nsites; i++)
		r->sites[i] = (gg_workload_site){p->siteline[i], p->sitetext[i], 0, 0};
	int ok = bind(&x) && exec(&x, 0, p->ns);
	for (int i = 0; i < p->nvars; i++) {
		rvar *v = &x.rv[i];
		gg_workload_var *vi = &r->vars[i];
		vi->live = v->bytes;
		vi->len = v->len;
		vi->cap = v->cap;
		vi->count = v->count;
		vi->peak_count = v->peak;
		vi->mt = v->mt;
		if (v->evac_left > 0) /* still evacuating at the end */
			vi->evac_ops += r->ops - v->evac_start;
		free(v->steps);
		free(v->tab);
	}
	free(x.rv);
	free(x.blk);
	free(x.freeblk);
	return ok;
}

void gg_workload_result_free(gg_workload_result *r)
{
	free(r->vars);
	free(r->events);
	free(r->sites);
	memset(r, 0, sizeof *r);
}

gg_status gg_workload_parse(const char *src, size_t len, const gg_workload_limits *lim, gg_workload **out,
			    gg_workload_diag *d)
{
	return parse_script(src, len, lim, out, d) ? GG_OK : d->code;
}

gg_status gg_workload_run(const gg_workload *p, const gg_target *t, int noswissmap, const gg_workload_limits *lim,
			  gg_workload_result *r, gg_workload_diag *d)
{
	return run_script(p, t, noswissmap, lim, r, d) ? GG_OK : d->code;
}

gg_status gg_workload_script(const char *src, size_t len, const gg_target *t, int noswissmap,
			     const gg_workload_limits *lim, gg_workload_result *r, gg_workload_diag *d)
{
	gg_workload *p;
	memset(r, 0, sizeof *r);
	gg_status st = gg_workload_parse(src, len, lim, &p, d);
	if (st != GG_OK)
		return st;
	st = gg_workload_run(p, t, noswissmap, lim, r, d);
	/* The result points into the program (types, site texts): keep them. */
	for (int i = 0; i < r->nvars; i++)
		r->vars[i].type = NULL;
	for (int i = 0; i < r->nsites; i++)
		r->sites[i].text = NULL;
	gg_workload_free(p);
	return st;
}
