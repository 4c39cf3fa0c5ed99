// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy parser: tokens to an AST, one statement per line.  A bad
 * statement is reported and skipped so the rest of the file is still
 * checked.  Named constants are resolved here; syscall and group names are
 * left for load.c, which knows the groups and the kernel's names.
 */
#include "base/consts.h"
#include "lang/ast.h"
#include "lang/parse.h"
#include "policy/action.h"
#include "policy/policy.h"
#include "lang/lex.h"
#include "base/suggest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
	struct cage_lexer lx;
	const struct cage_source *src;
	struct cage_token tok;
	struct cage_diags *diags;
	int err;	  /* -ENOMEM and the like: stop at once */
	bool failed;	  /* this statement had an error */
	unsigned nesting; /* parentheses in a value */
};

#define MAX_NESTING 16

static void
next(struct parser *p)
{
	free(p->tok.text);
	/*
	 * After a hard error (-ENOMEM) the stream ends here: a token kind
	 * left as it was would have no text and would never reach the end
	 * of the line that end_statement() skips to.
	 */
	if (!p->err)
		p->err = cage_lex_next(&p->lx, &p->tok);
	if (p->err) {
		memset(&p->tok, 0, sizeof(p->tok));
		p->tok.kind = TOK_EOF;
	}
}

static struct cage_loc
tok_loc(const struct parser *p)
{
	struct cage_loc loc = {p->src, p->tok.line, p->tok.col, p->tok.len};

	return loc;
}

static void
error_at(struct parser *p, const struct cage_loc *loc, const char *msg,
	 const char *arg, const char *hint)
{
	int r;

	if (p->failed)
		return; /* one error per statement is enough */
	p->failed = true;
	if (hint)
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc,
				  "%s '%s' (did you mean '%s'?)", msg, arg,
				  hint);
	else if (arg)
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc, "%s '%s'",
				  msg, arg);
	else
		r = cage_diag_add(p->diags, CAGE_SEVERITY_ERROR, loc, "%s",
				  msg);
	if (r)
		p->err = r;
}

static void
error_tok(struct parser *p, const char *expected)
{
	struct cage_loc loc = tok_loc(p);
	char msg[128];

	if (p->tok.kind == TOK_BAD && p->tok.text) {
		snprintf(msg, sizeof(msg), "expected %s, found", expected);
		error_at(p, &loc, msg, p->tok.text, NULL);
		return;
	}
	snprintf(msg, sizeof(msg), "expected %s, found %s", expected,
		 cage_tok_name(p->tok.kind));
	if (p->tok.kind == TOK_WORD || p->tok.kind == TOK_GROUP) {
		error_at(p, &loc, msg, p->tok.text, NULL);
	} else {
		if (p->tok.kind == TOK_NEWLINE || p->tok.kind == TOK_EOF)
			loc.len = 1;
		error_at(p, &loc, msg, NULL, NULL);
	}
}

static bool
is_word(const struct parser *p, const char *word)
{
	return p->tok.kind == TOK_WORD && strcmp(p->tok.text, word) == 0;
}

static char *
take_text(struct parser *p)
{
	char *t = p->tok.text;

	p->tok.text = NULL;
	return t;
}

static void
suggest_const(const char *name, void *ctx)
{
	cage_suggest_offer(ctx, name);
}

static bool parse_value(struct parser *p, uint64_t *v);

/* A number (decimal, 0x hex, 0 octal, optionally negative), a constant,
 * or a parenthesised value. */
static bool
parse_atom(struct parser *p, uint64_t *v)
{
	struct cage_loc loc = tok_loc(p);
	const char *t = p->tok.text;
	struct cage_suggest s;
	bool neg = false;
	char *end;

	if (p->tok.kind == TOK_LPAREN) {
		bool ok;

		if (p->nesting >= MAX_NESTING) {
			struct cage_loc deep = tok_loc(p);

			error_at(p, &deep, "parentheses nested too deep", NULL,
				 NULL);
			return false;
		}
		next(p);
		p->nesting++;
		ok = parse_value(p, v);
		p->nesting--;
		if (!ok)
			return false;
		if (p->tok.kind != TOK_RPAREN) {
			error_tok(p, "')'");
			return false;
		}
		next(p);
		return true;
	}
	if (p->tok.kind != TOK_WORD) {
		error_tok(p, "a number or a constant");
		return false;
	}
	if (t[0] == '-' && t[1] >= '0' && t[1] <= '9') {
		neg = true;
		t++;
	}
	if (t[0] >= '0' && t[0] <= '9') {
		errno = 0;
		*v = strtoull(t, &end, 0);
		if (errno || *end) {
			error_at(p, &loc, "bad number", p->tok.text, NULL);
			return false;
		}
		if (neg)
			*v = (uint64_t)0 - *v;
	} else if (cage_const_lookup(t, v) < 0) {
		if (cage_diags_full(p->diags)) {
			error_at(p, &loc, "unknown constant", t, NULL);
			return false;
		}
		cage_suggest_init(&s, t);
		cage_const_foreach(suggest_const, &s);
		error_at(p, &loc, "unknown constant", t,
			 cage_suggest_result(&s));
		return false;
	}
	next(p);
	return true;
}

/* atom { '|' atom } */
static bool
parse_value(struct parser *p, uint64_t *v)
{
	uint64_t part;

	if (!parse_atom(p, v))
		return false;
	while (p->tok.kind == TOK_PIPE) {
		next(p);
		if (!parse_atom(p, &part))
			return false;
		*v |= part;
	}
	return true;
}

static bool
push_value(struct cage_term *t, uint64_t v)
{
	uint64_t *vals = realloc(t->values, (t->nvalues + 1) * sizeof(*vals));

	if (!vals)
		return false;
	vals[t->nvalues++] = v;
	t->values = vals;
	return true;
}

/* in ( value {, value} ) */
static bool
parse_in(struct parser *p, struct cage_term *t)
{
	uint64_t v;

	t->op = CAGE_OP_IN;
	next(p);
	if (p->tok.kind != TOK_LPAREN) {
		error_tok(p, "'('");
		return false;
	}
	next(p);
	for (;;) {
		if (!parse_value(p, &v))
			return false;
		if (!push_value(t, v)) {
			p->err = -ENOMEM;
			return false;
		}
		if (p->tok.kind == TOK_RPAREN)
			break;
		if (p->tok.kind != TOK_COMMA) {
			error_tok(p, "',' or ')'");
			return false;
		}
		next(p);
	}
	next(p);
	return true;
}

static const struct {
	enum cage_tok tok;
	enum cage_op op;
} cmp_ops[] = {
	{TOK_EQ, CAGE_OP_EQ}, {TOK_NE, CAGE_OP_NE}, {TOK_LT, CAGE_OP_LT},
	{TOK_LE, CAGE_OP_LE}, {TOK_GT, CAGE_OP_GT}, {TOK_GE, CAGE_OP_GE},
};

static bool
parse_arg_index(struct parser *p, struct cage_term *t)
{
	const char *s = p->tok.text;

	t->loc = tok_loc(p);
	if (p->tok.kind != TOK_WORD || strncmp(s, "arg", 3) != 0 ||
	    s[3] < '0' || s[3] > '9' || s[4]) {
		error_tok(p, "an argument (arg0 to arg5)");
		return false;
	}
	t->arg = (unsigned)(s[3] - '0');
	if (t->arg > 5) {
		error_at(p, &t->loc,
			 "argument index out of range (system calls have arg0 "
			 "to arg5):",
			 s, NULL);
		return false;
	}
	next(p);
	return true;
}

/* argN OP value | argN & mask == value | argN in (...) */
static bool
parse_term(struct parser *p, struct cage_term *t)
{
	uint64_t v;

	if (!parse_arg_index(p, t))
		return false;
	if (is_word(p, "in"))
		return parse_in(p, t);
	if (p->tok.kind == TOK_AMP) {
		next(p);
		if (!parse_value(p, &t->mask))
			return false;
		if (p->tok.kind != TOK_EQ) {
			error_tok(p, "'==' after a mask");
			return false;
		}
		t->op = CAGE_OP_MASKED_EQ;
	} else {
		size_t i;

		for (i = 0; i < sizeof(cmp_ops) / sizeof(cmp_ops[0]); i++)
			if (cmp_ops[i].tok == p->tok.kind)
				break;
		if (i == sizeof(cmp_ops) / sizeof(cmp_ops[0])) {
			error_tok(p, "a comparison (== != < <= > >= & in)");
			return false;
		}
		t->op = cmp_ops[i].op;
	}
	next(p);
	if (!parse_value(p, &v))
		return false;
	if (!push_value(t, v)) {
		p->err = -ENOMEM;
		return false;
	}
	return true;
}

static bool
parse_conj(struct parser *p, struct cage_conj *c)
{
	for (;;) {
		struct cage_term *terms, *t;

		terms = realloc(c->terms, (c->n + 1) * sizeof(*terms));
		if (!terms) {
			p->err = -ENOMEM;
			return false;
		}
		c->terms = terms;
		t = &terms[c->n++];
		memset(t, 0, sizeof(*t));
		if (!parse_term(p, t))
			return false;
		for (size_t i = 0; i + 1 < c->n; i++) {
			if (c->terms[i].arg == t->arg) {
				char arg[8];

				snprintf(arg, sizeof(arg), "arg%u", t->arg);
				error_at(p, &t->loc,
					 "seccomp tests an argument once per "
					 "alternative; use 'in (...)' or '||' "
					 "instead of comparing twice",
					 arg, NULL);
				return false;
			}
		}
		if (p->tok.kind != TOK_AND)
			return true;
		next(p);
	}
}

static bool
parse_cond(struct parser *p, struct cage_cond *cond)
{
	for (;;) {
		struct cage_conj *alts;

		alts = realloc(cond->alts, (cond->n + 1) * sizeof(*alts));
		if (!alts) {
			p->err = -ENOMEM;
			return false;
		}
		cond->alts = alts;
		memset(&alts[cond->n], 0, sizeof(alts[0]));
		if (!parse_conj(p, &alts[cond->n++]))
			return false;
		if (p->tok.kind != TOK_OR)
			return true;
		next(p);
	}
}

static enum cage_action_kind
action_kind(const struct parser *p)
{
	if (p->tok.kind != TOK_WORD)
		return CAGE_ACTION_NONE;
	for (int k = CAGE_ACTION_ALLOW; k <= CAGE_ACTION_DENY; k++)
		if (strcmp(p->tok.text,
			   cage_action_name((enum cage_action_kind)k)) == 0)
			return (enum cage_action_kind)k;
	return CAGE_ACTION_NONE;
}

static bool
parse_errno(struct parser *p, struct cage_action *a)
{
	struct cage_loc loc = tok_loc(p);
	char *end;
	long n;

	if (p->tok.kind != TOK_WORD) {
		error_tok(p, "an errno name or number after 'errno'");
		return false;
	}
	n = strtol(p->tok.text, &end, 10);
	if (*end) {
		n = cage_errno_lookup(p->tok.text);
		if (n < 0) {
			error_at(p, &loc, "unknown errno name", p->tok.text,
				 NULL);
			return false;
		}
	} else if (n < 1 || n > 4095) {
		error_at(p, &loc,
			 "errno number out of range (1 to 4095):", p->tok.text,
			 NULL);
		return false;
	}
	a->errnum = (int)n;
	next(p);
	return true;
}

static bool
parse_action(struct parser *p, struct cage_action *a)
{
	a->kind = action_kind(p);
	if (a->kind == CAGE_ACTION_NONE) {
		error_tok(p, "an action (allow log errno trap kill deny)");
		return false;
	}
	next(p);
	if (a->kind == CAGE_ACTION_ERRNO)
		return parse_errno(p, a);
	return true;
}

/* The current token's text becomes the statement's next name. */
/*
 * Room for element N of an array grown only by appending: its capacity is
 * 8, then each power of two, so a list of N names costs log N copies, not
 * N (a group of hundreds of syscalls, a file of thousands of lines).
 */
static void *
grow(void *v, size_t n, size_t size)
{
	if (n && (n < 8 || (n & (n - 1))))
		return v;
	return realloc(v, (n ? 2 * n : 8) * size);
}

static bool
push_name(struct parser *p, struct cage_stmt *st)
{
	struct cage_name *names;

	names = grow(st->names, st->nnames, sizeof(*names));
	if (!names) {
		p->err = -ENOMEM;
		return false;
	}
	st->names = names;
	names[st->nnames].loc = tok_loc(p);
	names[st->nnames].text = take_text(p);
	if (!names[st->nnames++].text) {
		p->err = -ENOMEM;
		return false;
	}
	next(p);
	return true;
}

/* names: (WORD | GROUP) { [','] (WORD | GROUP) } up to 'if' or the end */
static bool
parse_names(struct parser *p, struct cage_stmt *st, const char *what)
{
	while (p->tok.kind == TOK_WORD || p->tok.kind == TOK_GROUP ||
	       p->tok.kind == TOK_COMMA) {
		if (is_word(p, "if"))
			break;
		if (p->tok.kind == TOK_COMMA) {
			next(p);
			continue;
		}
		if (!push_name(p, st))
			return false;
	}
	if (st->nnames == 0) {
		error_tok(p, what);
		return false;
	}
	return true;
}

static bool
parse_rule(struct parser *p, struct cage_stmt *st)
{
	st->kind = CAGE_STMT_RULE;
	if (!parse_action(p, &st->action))
		return false;
	if (!parse_names(p, st, "a system call or @group"))
		return false;
	if (!is_word(p, "if"))
		return true;
	next(p);
	return parse_cond(p, &st->cond);
}

static bool
parse_target(struct parser *p, struct cage_stmt *st, enum cage_tok kind,
	     const char *what)
{
	if (p->tok.kind != kind &&
	    !(kind == TOK_WORD && p->tok.kind == TOK_STRING)) {
		error_tok(p, what);
		return false;
	}
	st->target.loc = tok_loc(p);
	st->target.text = take_text(p);
	next(p);
	return true;
}

/* The sections beyond seccomp: KEYWORD SUB ARGS..., SUB from a list
 * (any word for 'limit', whose names isolation.c knows). */
static const struct section {
	const char *word;
	enum cage_stmt_kind kind;
	const char *subs[6];
	const char *what;
} sections[] = {
	{"fs",
	 CAGE_STMT_FS,
	 {"ro", "rw", "rx", "best-effort"},
	 "'ro', 'rw', 'rx' or 'best-effort' after 'fs'"},
	{"net",
	 CAGE_STMT_NET,
	 {"none", "unix", "inet", "connect", "bind"},
	 "'none', 'unix', 'inet', 'connect' or 'bind' after 'net'"},
	{"env",
	 CAGE_STMT_ENV,
	 {"clear", "keep", "set"},
	 "'clear', 'keep' or 'set' after 'env'"},
	{"limit", CAGE_STMT_LIMIT, {NULL}, "a limit name after 'limit'"},
};

/* Words or strings up to the end of the line: paths, ports, names. */
static bool
parse_args(struct parser *p, struct cage_stmt *st, const char *what)
{
	while (p->tok.kind == TOK_WORD || p->tok.kind == TOK_STRING)
		if (!push_name(p, st))
			return false;
	if (st->nnames == 0) {
		error_tok(p, what);
		return false;
	}
	return true;
}

/* env set NAME=VALUE: names[0] NAME, names[1] VALUE (may be empty). */
static bool
parse_env_set(struct parser *p, struct cage_stmt *st)
{
	struct cage_name *names;
	struct cage_loc loc;

	if (p->tok.kind != TOK_WORD) {
		error_tok(p, "NAME=VALUE after 'env set'");
		return false;
	}
	if (!push_name(p, st))
		return false;
	if (p->tok.kind != TOK_ASSIGN) {
		error_tok(p, "'=' after the variable's name");
		return false;
	}
	loc = tok_loc(p);
	next(p);
	if (p->tok.kind == TOK_WORD || p->tok.kind == TOK_STRING)
		return push_name(p, st);
	names = realloc(st->names, 2 * sizeof(*names));
	if (names)
		st->names = names;
	if (!names || !(names[1].text = strdup(""))) {
		p->err = -ENOMEM;
		return false;
	}
	names[1].loc = loc;
	st->nnames = 2;
	return true;
}

static bool
parse_section(struct parser *p, struct cage_stmt *st, const struct section *s)
{
	const char *sub;
	size_t i;

	st->kind = s->kind;
	next(p);
	if (p->tok.kind != TOK_WORD) {
		error_tok(p, s->what);
		return false;
	}
	for (i = 0; s->subs[i] && strcmp(s->subs[i], p->tok.text); i++)
		;
	if (s->subs[0] && !s->subs[i]) {
		struct cage_loc loc = tok_loc(p);
		struct cage_suggest sg;
		char msg[32];

		cage_suggest_init(&sg, p->tok.text);
		for (i = 0; s->subs[i]; i++)
			cage_suggest_offer(&sg, s->subs[i]);
		snprintf(msg, sizeof(msg), "unknown %s setting", s->word);
		error_at(p, &loc, msg, p->tok.text, cage_suggest_result(&sg));
		return false;
	}
	if (!parse_target(p, st, TOK_WORD, s->what))
		return false;
	sub = st->target.text;
	if (s->kind == CAGE_STMT_LIMIT)
		return parse_args(p, st, "a value after the limit's name");
	if (s->kind == CAGE_STMT_ENV && !strcmp(sub, "set"))
		return parse_env_set(p, st);
	if (!strcmp(sub, "best-effort") || !strcmp(sub, "clear") ||
	    (s->kind == CAGE_STMT_NET && strcmp(sub, "connect") &&
	     strcmp(sub, "bind")))
		return true; /* nothing may follow: end_statement checks */
	return parse_args(p, st,
			  s->kind == CAGE_STMT_FS    ? "a path"
			  : s->kind == CAGE_STMT_NET ? "a port number"
						     : "a variable name");
}

static bool
unknown_statement(struct parser *p)
{
	static const char *const keywords[] = {
		"default", "include", "define", "caps", "allow", "log", "errno",
		"trap",	   "kill",    "deny",	"fs",	"net",	 "env", "limit",
	};
	struct cage_suggest s;
	struct cage_loc loc = tok_loc(p);

	cage_suggest_init(&s, p->tok.text);
	for (size_t i = 0; i < sizeof(keywords) / sizeof(*keywords); i++)
		cage_suggest_offer(&s, keywords[i]);
	error_at(p, &loc, "unknown statement", p->tok.text,
		 cage_suggest_result(&s));
	return false;
}

static bool
parse_statement(struct parser *p, struct cage_stmt *st)
{
	st->loc = tok_loc(p);
	if (is_word(p, "default")) {
		st->kind = CAGE_STMT_DEFAULT;
		next(p);
		if (!parse_action(p, &st->action))
			return false;
		if (st->action.kind == CAGE_ACTION_DENY) {
			error_at(p, &st->loc,
				 "'default deny' says nothing: name the "
				 "denial (kill, errno NAME, trap)",
				 NULL, NULL);
			return false;
		}
		return true;
	}
	if (is_word(p, "include")) {
		st->kind = CAGE_STMT_INCLUDE;
		next(p);
		return parse_target(p, st, TOK_WORD, "a policy name or path");
	}
	if (is_word(p, "define")) {
		st->kind = CAGE_STMT_DEFINE;
		next(p);
		if (!parse_target(p, st, TOK_GROUP, "a group name (@name)"))
			return false;
		return parse_names(p, st, "the group's system calls");
	}
	if (is_word(p, "caps")) {
		st->kind = CAGE_STMT_CAPS_KEEP;
		next(p);
		if (!is_word(p, "keep")) {
			error_tok(p, "'keep' after 'caps'");
			return false;
		}
		next(p);
		return parse_names(p, st, "capability names");
	}
	for (size_t i = 0; i < sizeof(sections) / sizeof(*sections); i++)
		if (is_word(p, sections[i].word))
			return parse_section(p, st, &sections[i]);
	if (action_kind(p) != CAGE_ACTION_NONE)
		return parse_rule(p, st);
	if (p->tok.kind == TOK_WORD)
		return unknown_statement(p);
	error_tok(p, "a statement");
	return false;
}

static void
free_stmt(struct cage_stmt *st)
{
	for (size_t i = 0; i < st->nnames; i++)
		free(st->names[i].text);
	free(st->names);
	free(st->target.text);
	for (size_t a = 0; a < st->cond.n; a++) {
		for (size_t t = 0; t < st->cond.alts[a].n; t++)
			free(st->cond.alts[a].terms[t].values);
		free(st->cond.alts[a].terms);
	}
	free(st->cond.alts);
}

void
cage_ast_free(struct cage_ast *ast)
{
	if (!ast)
		return;
	for (size_t i = 0; i < ast->n; i++)
		free_stmt(&ast->stmts[i]);
	free(ast->stmts);
	ast->stmts = NULL;
	ast->n = 0;
}

/* After a statement: the line must end here; skip what is left if not. */
static void
end_statement(struct parser *p, bool ok)
{
	if (ok && p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		error_tok(p, "end of line");
	while (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		next(p);
}

int
cage_policy_parse(const struct cage_source *src, struct cage_ast *ast,
		  struct cage_diags *diags)
{
	struct parser p = {.src = src, .diags = diags};
	size_t errors = diags->errors;

	memset(ast, 0, sizeof(*ast));
	cage_lex_init(&p.lx, src->text, src->size);
	next(&p);
	while (p.tok.kind != TOK_EOF && !p.err) {
		struct cage_stmt *stmts, st = {0};
		bool ok;

		if (p.tok.kind == TOK_NEWLINE) {
			next(&p);
			continue;
		}
		p.failed = false;
		ok = parse_statement(&p, &st);
		end_statement(&p, ok);
		if (p.failed || p.err) {
			free_stmt(&st);
			continue;
		}
		stmts = grow(ast->stmts, ast->n, sizeof(*stmts));
		if (!stmts) {
			free_stmt(&st);
			p.err = -ENOMEM;
			break;
		}
		ast->stmts = stmts;
		ast->stmts[ast->n++] = st;
	}
	free(p.tok.text);
	if (p.err) {
		cage_ast_free(ast);
		return p.err;
	}
	return diags->errors > errors ? -EINVAL : 0;
}
