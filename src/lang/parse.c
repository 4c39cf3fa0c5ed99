// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The policy parser: tokens to an AST, one statement per line.  A bad
 * statement is reported and skipped so the rest of the file is still
 * checked.  Named constants are resolved here; syscall and group names are
 * left for resolve.c, which knows the groups and the kernel's names.
 */
#include "base/consts.h"
#include "lang/ast.h"
#include "lang/parse.h"
#include "lang/parse_sections.h"
#include "lang/parse_tokens.h"
#include "policy/action.h"
#include "policy/policy.h"
#include "base/suggest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 16

static void
suggest_const(const char *name, void *ctx)
{
	cage_suggest_offer(ctx, name);
}

static bool parse_value(struct cage_parser *p, uint64_t *v);

/* A number (decimal, 0x hex, 0 octal, optionally negative), a constant,
 * or a parenthesised value. */
static bool
parse_atom(struct cage_parser *p, uint64_t *v)
{
	struct cage_loc loc = cage_parse_loc(p);
	const char *t = p->tok.text;
	struct cage_suggest s;
	bool neg = false;
	char *end;

	if (p->tok.kind == TOK_LPAREN) {
		bool ok;

		if (p->nesting >= MAX_NESTING) {
			struct cage_loc deep = cage_parse_loc(p);

			cage_parse_error_at(p, &deep,
					    "parentheses nested too deep", NULL,
					    NULL);
			return false;
		}
		cage_parse_next(p);
		p->nesting++;
		ok = parse_value(p, v);
		p->nesting--;
		if (!ok)
			return false;
		if (p->tok.kind != TOK_RPAREN) {
			cage_parse_error_tok(p, "')'");
			return false;
		}
		cage_parse_next(p);
		return true;
	}
	if (p->tok.kind != TOK_WORD) {
		cage_parse_error_tok(p, "a number or a constant");
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
			cage_parse_error_at(p, &loc, "bad number", p->tok.text,
					    NULL);
			return false;
		}
		if (neg)
			*v = (uint64_t)0 - *v;
	} else if (cage_const_lookup(t, v) < 0) {
		if (cage_diags_full(p->diags)) {
			cage_parse_error_at(p, &loc, "unknown constant", t,
					    NULL);
			return false;
		}
		cage_suggest_init(&s, t);
		cage_const_foreach(suggest_const, &s);
		cage_parse_error_at(p, &loc, "unknown constant", t,
				    cage_suggest_result(&s));
		return false;
	}
	cage_parse_next(p);
	return true;
}

/* atom { '|' atom } */
static bool
parse_value(struct cage_parser *p, uint64_t *v)
{
	uint64_t part;

	if (!parse_atom(p, v))
		return false;
	while (p->tok.kind == TOK_PIPE) {
		cage_parse_next(p);
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
parse_in(struct cage_parser *p, struct cage_term *t)
{
	uint64_t v;

	t->op = CAGE_OP_IN;
	cage_parse_next(p);
	if (p->tok.kind != TOK_LPAREN) {
		cage_parse_error_tok(p, "'('");
		return false;
	}
	cage_parse_next(p);
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
			cage_parse_error_tok(p, "',' or ')'");
			return false;
		}
		cage_parse_next(p);
	}
	cage_parse_next(p);
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
parse_arg_index(struct cage_parser *p, struct cage_term *t)
{
	const char *s = p->tok.text;

	t->loc = cage_parse_loc(p);
	if (p->tok.kind != TOK_WORD || strncmp(s, "arg", 3) != 0 ||
	    s[3] < '0' || s[3] > '9' || s[4]) {
		cage_parse_error_tok(p, "an argument (arg0 to arg5)");
		return false;
	}
	t->arg = (unsigned)(s[3] - '0');
	if (t->arg > 5) {
		cage_parse_error_at(
			p, &t->loc,
			"argument index out of range (system calls have arg0 "
			"to arg5):",
			s, NULL);
		return false;
	}
	cage_parse_next(p);
	return true;
}

/* argN OP value | argN & mask == value | argN in (...) */
static bool
parse_term(struct cage_parser *p, struct cage_term *t)
{
	uint64_t v;

	if (!parse_arg_index(p, t))
		return false;
	if (cage_parse_is_word(p, "in"))
		return parse_in(p, t);
	if (p->tok.kind == TOK_AMP) {
		cage_parse_next(p);
		if (!parse_value(p, &t->mask))
			return false;
		if (p->tok.kind != TOK_EQ) {
			cage_parse_error_tok(p, "'==' after a mask");
			return false;
		}
		t->op = CAGE_OP_MASKED_EQ;
	} else {
		size_t i;

		for (i = 0; i < sizeof(cmp_ops) / sizeof(cmp_ops[0]); i++)
			if (cmp_ops[i].tok == p->tok.kind)
				break;
		if (i == sizeof(cmp_ops) / sizeof(cmp_ops[0])) {
			cage_parse_error_tok(
				p, "a comparison (== != < <= > >= & in)");
			return false;
		}
		t->op = cmp_ops[i].op;
	}
	cage_parse_next(p);
	if (!parse_value(p, &v))
		return false;
	if (!push_value(t, v)) {
		p->err = -ENOMEM;
		return false;
	}
	return true;
}

static bool
parse_conj(struct cage_parser *p, struct cage_conj *c)
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
				cage_parse_error_at(
					p, &t->loc,
					"seccomp tests an argument once per "
					"alternative; use 'in (...)' or '||' "
					"instead of comparing twice",
					arg, NULL);
				return false;
			}
		}
		if (p->tok.kind != TOK_AND)
			return true;
		cage_parse_next(p);
	}
}

static bool
parse_cond(struct cage_parser *p, struct cage_cond *cond)
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
		cage_parse_next(p);
	}
}

static enum cage_action_kind
action_kind(const struct cage_parser *p)
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
parse_errno(struct cage_parser *p, struct cage_action *a)
{
	struct cage_loc loc = cage_parse_loc(p);
	char *end;
	long n;

	if (p->tok.kind != TOK_WORD) {
		cage_parse_error_tok(p,
				     "an errno name or number after 'errno'");
		return false;
	}
	n = strtol(p->tok.text, &end, 10);
	if (*end) {
		n = cage_errno_lookup(p->tok.text);
		if (n < 0) {
			cage_parse_error_at(p, &loc, "unknown errno name",
					    p->tok.text, NULL);
			return false;
		}
	} else if (n < 1 || n > 4095) {
		cage_parse_error_at(p, &loc,
				    "errno number out of range (1 to 4095):",
				    p->tok.text, NULL);
		return false;
	}
	a->errnum = (int)n;
	cage_parse_next(p);
	return true;
}

static bool
parse_action(struct cage_parser *p, struct cage_action *a)
{
	a->kind = action_kind(p);
	if (a->kind == CAGE_ACTION_NONE) {
		cage_parse_error_tok(
			p, "an action (allow log errno trap kill deny)");
		return false;
	}
	cage_parse_next(p);
	if (a->kind == CAGE_ACTION_ERRNO)
		return parse_errno(p, a);
	return true;
}

/* names: (WORD | GROUP) { [','] (WORD | GROUP) } up to 'if' or the end */
static bool
parse_names(struct cage_parser *p, struct cage_stmt *st, const char *what)
{
	while (p->tok.kind == TOK_WORD || p->tok.kind == TOK_GROUP ||
	       p->tok.kind == TOK_COMMA) {
		if (cage_parse_is_word(p, "if"))
			break;
		if (p->tok.kind == TOK_COMMA) {
			cage_parse_next(p);
			continue;
		}
		if (!cage_parse_push_name(p, st))
			return false;
	}
	if (st->nnames == 0) {
		cage_parse_error_tok(p, what);
		return false;
	}
	return true;
}

static bool
parse_rule(struct cage_parser *p, struct cage_stmt *st)
{
	st->kind = CAGE_STMT_RULE;
	if (!parse_action(p, &st->action))
		return false;
	if (!parse_names(p, st, "a system call or @group"))
		return false;
	if (!cage_parse_is_word(p, "if"))
		return true;
	cage_parse_next(p);
	return parse_cond(p, &st->cond);
}

static bool
unknown_statement(struct cage_parser *p)
{
	static const char *const keywords[] = {
		"default", "include", "define", "caps", "allow", "log", "errno",
		"trap",	   "kill",    "deny",	"fs",	"net",	 "env", "limit",
	};
	struct cage_suggest s;
	struct cage_loc loc = cage_parse_loc(p);

	cage_suggest_init(&s, p->tok.text);
	for (size_t i = 0; i < sizeof(keywords) / sizeof(*keywords); i++)
		cage_suggest_offer(&s, keywords[i]);
	cage_parse_error_at(p, &loc, "unknown statement", p->tok.text,
			    cage_suggest_result(&s));
	return false;
}

static bool
parse_statement(struct cage_parser *p, struct cage_stmt *st)
{
	const struct cage_section *section;

	st->loc = cage_parse_loc(p);
	if (cage_parse_is_word(p, "default")) {
		st->kind = CAGE_STMT_DEFAULT;
		cage_parse_next(p);
		if (!parse_action(p, &st->action))
			return false;
		if (st->action.kind == CAGE_ACTION_DENY) {
			cage_parse_error_at(
				p, &st->loc,
				"'default deny' says nothing: name the "
				"denial (kill, errno NAME, trap)",
				NULL, NULL);
			return false;
		}
		return true;
	}
	if (cage_parse_is_word(p, "include")) {
		st->kind = CAGE_STMT_INCLUDE;
		cage_parse_next(p);
		return cage_parse_target(p, st, TOK_WORD,
					 "a policy name or path");
	}
	if (cage_parse_is_word(p, "define")) {
		st->kind = CAGE_STMT_DEFINE;
		cage_parse_next(p);
		if (!cage_parse_target(p, st, TOK_GROUP,
				       "a group name (@name)"))
			return false;
		return parse_names(p, st, "the group's system calls");
	}
	if (cage_parse_is_word(p, "caps")) {
		st->kind = CAGE_STMT_CAPS_KEEP;
		cage_parse_next(p);
		if (!cage_parse_is_word(p, "keep")) {
			cage_parse_error_tok(p, "'keep' after 'caps'");
			return false;
		}
		cage_parse_next(p);
		return parse_names(p, st, "capability names");
	}
	section = cage_parse_section_find(p);
	if (section)
		return cage_parse_section(p, st, section);
	if (action_kind(p) != CAGE_ACTION_NONE)
		return parse_rule(p, st);
	if (p->tok.kind == TOK_WORD)
		return unknown_statement(p);
	cage_parse_error_tok(p, "a statement");
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
end_statement(struct cage_parser *p, bool ok)
{
	if (ok && p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		cage_parse_error_tok(p, "end of line");
	while (p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_EOF)
		cage_parse_next(p);
}

int
cage_policy_parse(const struct cage_source *src, struct cage_ast *ast,
		  struct cage_diags *diags)
{
	struct cage_parser p = {.src = src, .diags = diags};
	size_t errors = diags->errors;

	memset(ast, 0, sizeof(*ast));
	cage_lex_init(&p.lx, src->text, src->size);
	cage_parse_next(&p);
	while (p.tok.kind != TOK_EOF && !p.err) {
		struct cage_stmt *stmts, st = {0};
		bool ok;

		if (p.tok.kind == TOK_NEWLINE) {
			cage_parse_next(&p);
			continue;
		}
		p.failed = false;
		ok = parse_statement(&p, &st);
		end_statement(&p, ok);
		if (p.failed || p.err) {
			free_stmt(&st);
			continue;
		}
		stmts = cage_parse_grow(ast->stmts, ast->n, sizeof(*stmts));
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
