/* The workload language's parser (docs/simulate.md for the language).
 *
 * The parser turns each line into one statement; `repeat N {` opens a
 * block closed by a `}` line. Repeat counts are constants, so the number
 * of operations a script will run is known before it runs and an oversized
 * script is refused up front instead of hanging. Expressions are a small
 * tree in a pool; its variables are `i`, the innermost loop counter, and
 * the counters named with `repeat N as NAME`. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gogrow/gosrc.h"
#include "model/workload/workload_internal.h"

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
	l->types = NULL;
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
		free(p->sites[i].text);
	free(p->sites);
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
	int ops;		    /* binary operators on this line */
	struct gg_gosrc *types;	    /* the package make() types may name (gosrc.h), or NULL */
	const char (*counters)[32]; /* names of the enclosing loops' counters, outermost first ("" unnamed) */
	int ncounters;
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
			return ggi_wl_diag(x->d, x->line, c, GG_ERR_NOMEM, "out of memory"), -1;
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
	return ggi_wl_diag(x->d, x->line, at, GG_ERR_RANGE, "too many operators on one line (at most %d)",
			   MAX_EXPR_OPS);
}

static int parse_primary(lexer *x)
{
	int c = peek(x), at = col(x);
	if (++x->depth > MAX_EXPR_DEPTH)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_RANGE, "expression nested too deeply"), -1;
	int r = -1;
	if (c == '(') {
		x->pos++;
		r = parse_expr(x);
		if (r >= 0 && !accept(x, ')'))
			r = -1, ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected )");
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
				return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX,
						   "number too large (the limit is %lld)",
						   (long long)INT64_MAX),
				       -1;
			}
			v = v * 10 + (uint64_t)(ch - '0');
		}
		if (x->pos < x->n && is_ident_start((unsigned char)x->s[x->pos]))
			r = -1, ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
					    "unexpected character after a number");
		else
			r = new_expr(x, 'n', (int64_t)v, -1, -1, at);
	} else if (is_ident_start(c)) {
		char name[32];
		size_t len = ident(x, name, sizeof name);
		int level = x->ncounters - 1;
		while (level >= 0 && strcmp(x->counters[level], name))
			level--;
		if (len == 1 && name[0] == 'i')
			r = new_expr(x, 'i', 0, -1, -1, at);
		else if (level >= 0 && len < sizeof name)
			r = new_expr(x, 'c', level, -1, -1, at);
		else
			ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX,
				    "unknown name \"%s\" in an expression (only i and the counters named by "
				    "enclosing `repeat N as NAME` are defined)",
				    name);
	} else if (c == 0)
		ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "expected an expression");
	else if (c > 0x20 && c < 0x7f)
		ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "unexpected '%c' in an expression", c);
	else
		ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "unexpected byte 0x%02x in an expression", c);
	x->depth--;
	return r;
}

/* Binary operators by precedence level: 0 is + -, 1 is * / %; operands of
 * the last level are primaries. Left-associative. */
static int parse_binary(lexer *x, int level)
{
	static const char *const ops[] = {"+-", "*/%"};
	int a = level ? parse_primary(x) : parse_binary(x, 1);
	while (a >= 0) {
		int c = peek(x), at = col(x);
		if (!c || !strchr(ops[level], c))
			break;
		if (!count_op(x, at))
			return -1;
		x->pos++;
		int b = level ? parse_primary(x) : parse_binary(x, 1);
		a = b < 0 ? -1 : new_expr(x, (char)c, 0, a, b, at);
	}
	return a;
}

static int parse_expr(lexer *x)
{
	return parse_binary(x, 0);
}

/* Whether the expression uses i (repeat counts must not). */
static int uses_i(const gg_workload *p, int e)
{
	if (e < 0)
		return 0;
	if (p->e[e].k == 'i' || p->e[e].k == 'c')
		return 1;
	return uses_i(p, p->e[e].a) || uses_i(p, p->e[e].b);
}

/* Whether e takes a different value for every i (i, -i, i+c, c*i with c a
 * nonzero constant, ...): a loop writing m[key(e)] then inserts as many
 * distinct keys as it runs. Anything else may repeat keys. */
static int distinct_in_i(const gg_workload *p, int e)
{
	const expr *x = &p->e[e];
	int64_t v;
	evalctx ec = {p, NULL, 0, &(gg_workload_diag){0}};
	switch (x->k) {
	case 'i': return 1;
	case 'u': return distinct_in_i(p, x->a);
	case '+':
	case '-':
		return (distinct_in_i(p, x->a) && !uses_i(p, x->b)) ||
		       (distinct_in_i(p, x->b) && !uses_i(p, x->a));
	case '*':
		if (distinct_in_i(p, x->a) && !uses_i(p, x->b))
			return ggi_wl_eval(&ec, x->b, &v) && v != 0;
		return distinct_in_i(p, x->b) && !uses_i(p, x->a) && ggi_wl_eval(&ec, x->a, &v) && v != 0;
	}
	return 0;
}

static int find_var(const gg_workload *p, const char *name)
{
	for (int i = 0; i < p->nvars; i++)
		if (!strcmp(p->vars[i].name, name))
			return i;
	return -1;
}

static const char *const keywords[] = {"repeat", "append", "set",   "delete", "make",  "key",
				       "i",	 "as",	   "clear", "clone",  "local", NULL};

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
			return ggi_wl_diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
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
		struct psite *n = realloc(p->sites, (size_t)cap * sizeof *n);
		if (!n)
			return ggi_wl_diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
		p->sites = n;
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
		return ggi_wl_diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < len; i++) { /* keep names printable in every output */
		unsigned char ch = (unsigned char)x->s[a + i];
		t[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	t[len] = 0;
	p->sites[p->nsites] = (struct psite){t, x->line};
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
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "%s needs a variable", verb);
	if (len >= sizeof name)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "name too long (at most %zu characters)",
				   sizeof name - 1);
	s->var = find_var(x->p, name);
	if (s->var < 0)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX,
				   "undefined: %s (make it first: %s = make(...))", name, name);
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
			return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected ) after key(...");
		if (!accept(x, ']'))
			return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected ]");
		(void)kcol;
	}
	const pvar *v = &x->p->vars[s->var];
	if (s->key >= 0 && !v->is_map && !v->entry_slices)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX,
				   "%s is a slice, not a map: it has no keys", name);
	return 1;
}

/* name = make(TYPE[, e[, e]]) */
/* The type argument of make: it runs to the first comma or closing
 * parenthesis outside brackets. *type gets a copy, *te the parsed tree. */
static int parse_make_type(lexer *x, char **type, gg_typeexpr **te, int *tcol)
{
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
	*tcol = (int)start + 1;
	if (end == start)
		return ggi_wl_diag(x->d, x->line, *tcol, GG_ERR_SYNTAX, "make needs a type");
	if (!(*type = malloc(end - start + 1)))
		return ggi_wl_diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
	memcpy(*type, x->s + start, end - start);
	(*type)[end - start] = 0;
	gg_error err = {0};
	if ((x->types ? gg_gosrc_type(x->types, *type, te, &err) : gg_type_parse(*type, te, &err)) != GG_OK)
		/* A type that does not parse is a malformed script, whatever the parser's reason. */
		return ggi_wl_diag(x->d, x->line, (int)start + (err.column > 0 ? err.column : 1),
				   GG_ERR_SYNTAX, "bad type: %s", err.msg);
	const gg_type *t = gg_typeexpr_root(*te);
	if (t->kind != GG_SLICE && t->kind != GG_MAP)
		return ggi_wl_diag(x->d, x->line, *tcol, GG_ERR_SYNTAX,
				   "make needs a slice or map type, not %.60s", *type);
	return 1;
}

/* `, len[, cap])` or `, hint)` or `)` after the type. */
static int parse_make_args(lexer *x, stmt *s, int is_map)
{
	s->n = s->cap = -1;
	if (accept(x, ',')) {
		if ((s->n = parse_expr(x)) < 0)
			return 0;
		if (accept(x, ',')) {
			if (is_map)
				return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
						   "make(map) takes at most a size hint");
			if ((s->cap = parse_expr(x)) < 0)
				return 0;
		}
	} else if (!is_map)
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
				   "make([]T) needs a length: make([]T, len[, cap])");
	if (!accept(x, ')'))
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected )");
	return 1;
}

/* Declares the variable of a make, or checks a re-make has the same type;
 * takes ownership of type and te. */
static int declare(lexer *x, const char *name, int namecol, char *type, gg_typeexpr *te, int tcol, stmt *s)
{
	int v = find_var(x->p, name);
	if (v >= 0) {
		/* Re-making a variable is fine (the old storage becomes garbage), with the same type. */
		int same = !strcmp(x->p->vars[v].type, type);
		free(type);
		gg_typeexpr_free(te);
		if (!same)
			return ggi_wl_diag(x->d, x->line, tcol, GG_ERR_SYNTAX, "%s was made as %s on line %d",
					   name, x->p->vars[v].type, x->p->vars[v].line);
		s->var = v;
		return 1;
	}
	if (x->p->nvars == GG_WORKLOAD_MAX_VARS) {
		free(type);
		gg_typeexpr_free(te);
		return ggi_wl_diag(x->d, x->line, namecol, GG_ERR_RANGE, "too many variables (at most %d)",
				   GG_WORKLOAD_MAX_VARS);
	}
	const gg_type *t = gg_typeexpr_root(te);
	pvar *pv = &x->p->vars[s->var = x->p->nvars++];
	snprintf(pv->name, sizeof pv->name, "%s", name);
	pv->type = type;
	pv->te = te;
	pv->type_col = tcol;
	pv->is_map = t->kind == GG_MAP;
	pv->entry_slices = t->elem && t->elem->kind == GG_SLICE; /* map of slices, or rows */
	pv->line = x->line;
	return 1;
}

/* name = make(TYPE[, e[, e]]) */
static int parse_make(lexer *x, const char *name, int namecol, stmt *s)
{
	char kw[8];
	if (ident(x, kw, sizeof kw) != 4 || strcmp(kw, "make") || !accept(x, '('))
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected make(...) after =");
	char *type = NULL;
	gg_typeexpr *te = NULL;
	int tcol;
	s->k = S_MAKE;
	if (!parse_make_type(x, &type, &te, &tcol) ||
	    !parse_make_args(x, s, gg_typeexpr_root(te)->kind == GG_MAP)) {
		free(type);
		gg_typeexpr_free(te);
		return 0;
	}
	return declare(x, name, namecol, type, te, tcol, s);
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

/* Open repeat blocks while parsing, and what the statements parsed so far
 * will run: operations and loop iterations, each saturating past its limit. */
typedef struct blocks {
	const gg_workload_limits *lim;
	int open[GG_WORKLOAD_MAX_DEPTH];
	char names[GG_WORKLOAD_MAX_DEPTH][32];	 /* the open blocks' counters, "" when unnamed */
	int64_t mult[GG_WORKLOAD_MAX_DEPTH + 1]; /* iterations of each nesting level */
	int depth;
	int64_t ops, iters;
} blocks;

/* The optional `as NAME` of a repeat: a counter that inner blocks can
 * still use once `i` names theirs. It must not hide another name in scope,
 * so that an expression always means what it reads. */
static int parse_counter_name(lexer *x, const blocks *b, char *out)
{
	out[0] = 0;
	skip_ws(x);
	size_t save = x->pos;
	char w[4];
	if (ident(x, w, sizeof w) != 2 || strcmp(w, "as")) {
		x->pos = save;
		return 1;
	}
	char name[32];
	skip_ws(x);
	int at = col(x);
	size_t len = ident(x, name, sizeof name);
	if (!len)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "expected a counter name after as");
	if (len >= sizeof name)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "name too long (at most %zu characters)",
				   sizeof name - 1);
	if (is_keyword(name))
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "%s is a keyword, not a counter name",
				   name);
	for (int k = 0; k < b->depth; k++)
		if (!strcmp(b->names[k], name))
			return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX,
					   "counter %s is already the counter of an enclosing repeat", name);
	memcpy(out, name, len + 1);
	return 1;
}

/* `repeat N [as NAME] {` (the word already read, at wcol). */
static int parse_repeat(lexer *x, blocks *b, stmt *s, int wcol)
{
	gg_workload *p = x->p;
	if (b->depth == GG_WORKLOAD_MAX_DEPTH)
		return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_RANGE,
				   "repeat blocks nested too deeply (at most %d)", GG_WORKLOAD_MAX_DEPTH);
	int ex = parse_expr(x);
	if (ex < 0)
		return 0;
	if (uses_i(p, ex))
		return ggi_wl_diag(x->d, x->line, p->e[ex].col, GG_ERR_SYNTAX,
				   "a repeat count must be a constant (it cannot use i or a loop counter)");
	evalctx ec = {p, NULL, 0, x->d};
	if (!ggi_wl_eval(&ec, ex, &s->count))
		return 0;
	if (s->count < 0)
		return ggi_wl_diag(x->d, x->line, p->e[ex].col, GG_ERR_SYNTAX, "negative repeat count %lld",
				   (long long)s->count);
	if (!parse_counter_name(x, b, b->names[b->depth]))
		return 0;
	if (!accept(x, '{'))
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
				   "expected { at the end of the repeat line");
	if (!at_end(x))
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
				   "the body of a repeat starts on the next line");
	s->k = S_REPEAT;
	b->iters += sat_mul(b->mult[b->depth], s->count, b->lim->max_iters);
	if (b->iters > b->lim->max_iters)
		return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_RANGE,
				   "the script runs more than %lld loop iterations (the limit)",
				   (long long)b->lim->max_iters);
	b->mult[b->depth + 1] = sat_mul(b->mult[b->depth], s->count, b->lim->max_ops);
	b->open[b->depth++] = p->ns;
	return add_stmt(x, *s);
}

/* append/set/delete TARGET [n] (the verb already read). */
static int parse_write(lexer *x, const blocks *b, stmt *s, const char *word)
{
	s->k = word[0] == 'a' ? S_APPEND : word[0] == 's' ? S_SET : S_DELETE;
	if (!parse_target(x, s, word))
		return 0;
	const pvar *v = &x->p->vars[s->var];
	if (!v->is_map && s->k == S_DELETE)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "%s is a slice: delete needs a map (set %s[i] makes a row nil)", v->name,
				   v->name);
	if (s->k == S_APPEND && v->is_map && s->key < 0)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "%s is a map: append to an entry, %s[key(...)]", v->name, v->name);
	if (s->k == S_APPEND && v->is_map && !v->entry_slices)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "the values of %s (%s) are not slices", v->name, v->type);
	if (s->k != S_APPEND && s->key < 0)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "%s needs a map entry: %s m[key(...)]", word, word);
	if (s->k == S_APPEND && !at_end(x) && (s->n = parse_expr(x)) < 0)
		return 0;
	/* A loop that inserts more distinct keys than the limit is refused
	 * now, not after building millions of them. */
	int64_t loop = b->depth ? x->p->s[b->open[b->depth - 1]].count : 1;
	if (v->is_map && s->k != S_DELETE && s->key >= 0 && distinct_in_i(x->p, s->key) &&
	    loop > b->lim->max_keys)
		return ggi_wl_diag(
		    x->d, x->line, s->tcol, GG_ERR_RANGE,
		    "this loop inserts %lld distinct keys, more than the limit of %lld live map keys",
		    (long long)loop, (long long)b->lim->max_keys);
	return 1;
}

/* NAME = clone SRC (`clone` already read): maps.Clone. The new variable
 * has SRC's type. */
static int parse_clone(lexer *x, const char *name, int namecol, stmt *s)
{
	s->k = S_CLONE;
	if (!parse_target(x, s, "clone"))
		return 0;
	const pvar *src = &x->p->vars[s->var];
	if (s->key >= 0 || !src->is_map)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "clone takes a map variable (maps.Clone(m))");
	/* The clone's slices would share the arrays of the source's: not modelled. */
	if (src->entry_slices)
		return ggi_wl_diag(
		    x->d, x->line, s->tcol, GG_ERR_UNSUPPORTED,
		    "clone of a map of slices is not supported (the slices would share arrays)");
	s->src = s->var;
	char *type = strdup(src->type);
	gg_typeexpr *te = NULL;
	gg_error err = {0};
	if (!type || gg_type_parse(type, &te, &err) != GG_OK) {
		free(type);
		return ggi_wl_diag(x->d, x->line, 1, GG_ERR_NOMEM, "out of memory");
	}
	return declare(x, name, namecol, type, te, s->tcol, s);
}

/* clear NAME: Go's clear. */
static int parse_clear(lexer *x, stmt *s)
{
	s->k = S_CLEAR;
	if (!parse_target(x, s, "clear"))
		return 0;
	if (s->key >= 0)
		return ggi_wl_diag(x->d, x->line, s->tcol, GG_ERR_SYNTAX,
				   "clear takes a whole map or slice: clear %s", x->p->vars[s->var].name);
	return 1;
}

/* local NAME = make([]T, len[, cap]) (`local` already read): a slice
 * that does not escape. Its size must be constant: the compiler's
 * variable-size stack buffer (1.25+) is not modelled. A variable is local
 * or not on every make. */
static int parse_local(lexer *x, stmt *s)
{
	char name[32];
	skip_ws(x);
	int at = col(x);
	size_t len = ident(x, name, sizeof name);
	if (!len || len >= sizeof name || is_keyword(name))
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "expected a variable name after local");
	int before = find_var(x->p, name);
	if (!accept(x, '='))
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX, "expected = make(...) after %s",
				   name);
	if (!parse_make(x, name, at, s))
		return 0;
	pvar *v = &x->p->vars[s->var];
	if (v->is_map || v->entry_slices)
		return ggi_wl_diag(
		    x->d, x->line, at, GG_ERR_UNSUPPORTED,
		    "local takes a slice of non-slice elements (local maps and rows are not modelled)");
	if (uses_i(x->p, s->n) || uses_i(x->p, s->cap))
		return ggi_wl_diag(
		    x->d, x->line, at, GG_ERR_UNSUPPORTED,
		    "a local make needs a constant size (a size that uses a counter is not modelled)");
	if (before >= 0 && !v->local)
		return ggi_wl_diag(x->d, x->line, at, GG_ERR_SYNTAX, "%s was made without local on line %d",
				   name, v->line);
	v->local = 1;
	return 1;
}

/* NAME = make(...) or NAME = clone SRC. */
static int parse_assign(lexer *x, stmt *s, const char *name, int namecol)
{
	skip_ws(x);
	size_t save = x->pos;
	char kw[8];
	if (ident(x, kw, sizeof kw) == 5 && !strcmp(kw, "clone"))
		return parse_clone(x, name, namecol, s);
	x->pos = save;
	return parse_make(x, name, namecol, s);
}

/* A statement that runs: a write, a clear or an assignment, counted
 * against the operations limit and recorded as an allocation site. */
static int parse_operation(lexer *x, blocks *b, stmt *s, const char *word, int wcol)
{
	if (!strcmp(word, "append") || !strcmp(word, "set") || !strcmp(word, "delete")) {
		if (!parse_write(x, b, s, word))
			return 0;
	} else if (!strcmp(word, "clear")) {
		if (!parse_clear(x, s))
			return 0;
	} else if (!strcmp(word, "local")) {
		if (!parse_local(x, s))
			return 0;
	} else {
		if (is_keyword(word))
			return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_SYNTAX, "unknown statement \"%s\"",
					   word);
		if (!accept(x, '='))
			return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
					   "expected = make(...) or = clone MAP after %s", word);
		if (!parse_assign(x, s, word, wcol))
			return 0;
		if (x->p->vars[s->var].local)
			return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_SYNTAX,
					   "%s is local: make it with local %s = ...", word, word);
	}
	b->ops += b->mult[b->depth];
	if (b->ops > b->lim->max_ops)
		return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_RANGE,
				   "the script runs more than %lld operations (the limit)",
				   (long long)b->lim->max_ops);
	return add_site(x, s) && add_stmt(x, *s);
}

/* One non-empty line: `}`, a repeat, or an operation, then nothing else. */
static int parse_line(lexer *x, blocks *b)
{
	stmt s = {
	    .line = x->line, .col = col(x), .var = -1, .key = -1, .n = -1, .cap = -1, .site = -1, .src = -1};
	if (accept(x, '}')) {
		if (b->depth == 0)
			return ggi_wl_diag(x->d, x->line, s.col, GG_ERR_SYNTAX, "} without a repeat block");
		s.k = S_END;
		x->p->s[b->open[--b->depth]].end = x->p->ns;
		if (!add_stmt(x, s))
			return 0;
	} else {
		char word[32];
		int wcol = col(x);
		size_t wl = ident(x, word, sizeof word);
		if (!wl)
			return ggi_wl_diag(
			    x->d, x->line, wcol, GG_ERR_SYNTAX,
			    "expected a statement (repeat, append, set, delete, clear, NAME = make(...) or "
			    "NAME = clone MAP)");
		if (wl >= sizeof word)
			return ggi_wl_diag(x->d, x->line, wcol, GG_ERR_SYNTAX,
					   "name too long (at most %zu characters)", sizeof word - 1);
		if (!(!strcmp(word, "repeat") ? parse_repeat(x, b, &s, wcol)
					      : parse_operation(x, b, &s, word, wcol)))
			return 0;
	}
	if (at_end(x))
		return 1;
	int ch = peek(x);
	if (ch > 0x20 && ch < 0x7f)
		return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
				   "unexpected '%c' at the end of the statement", ch);
	return ggi_wl_diag(x->d, x->line, col(x), GG_ERR_SYNTAX,
			   "unexpected byte 0x%02x at the end of the statement", ch);
}

static int parse_script(const char *src, size_t len, const gg_workload_limits *lim, gg_workload **out,
			gg_workload_diag *d)
{
	*out = NULL;
	memset(d, 0, sizeof *d);
	gg_workload *p = calloc(1, sizeof *p);
	if (!p)
		return ggi_wl_diag(d, 0, 0, GG_ERR_NOMEM, "out of memory");
	blocks b = {.lim = lim, .mult = {1}};
	int line = 0;
	for (size_t pos = 0; pos < len;) {
		size_t e = pos;
		while (e < len && src[e] != '\n')
			e++;
		lexer x = {src + pos, e - pos, 0, ++line, p, d, 0, 0, lim ? lim->types : NULL,
			   b.names,   b.depth};
		pos = e + 1;
		const char *nul = memchr(x.s, 0, x.n);
		if (nul) {
			ggi_wl_diag(d, line, (int)(nul - x.s) + 1, GG_ERR_SYNTAX, "NUL byte in the script");
			goto fail;
		}
		const char *hash = memchr(x.s, '#', x.n); /* a comment runs to the end of the line */
		if (hash)
			x.n = (size_t)(hash - x.s);
		if (!at_end(&x) && !parse_line(&x, &b))
			goto fail;
	}
	if (b.depth > 0) {
		const stmt *open = &p->s[b.open[b.depth - 1]];
		ggi_wl_diag(d, open->line, open->col, GG_ERR_SYNTAX, "repeat block is not closed");
		goto fail;
	}
	*out = p;
	return 1;
fail:
	gg_workload_free(p);
	return 0;
}

gg_status gg_workload_parse(const char *src, size_t len, const gg_workload_limits *lim, gg_workload **out,
			    gg_workload_diag *d)
{
	return parse_script(src, len, lim, out, d) ? GG_OK : d->code;
}
