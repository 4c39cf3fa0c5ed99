// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Internal shapes of a policy: the AST one file parses to, and the resolved
 * policy (includes followed, groups expanded, names numbered) that the
 * compiler, the explainer and the linter read.
 */
#ifndef CAGE_POLICY_H
#define CAGE_POLICY_H

#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A place in a source file; FILE points into the policy's file list. */
struct cage_loc {
	const struct cage_source *file;
	unsigned line, col, len;
};

/* One file's text, kept for diagnostics for the policy's lifetime. */
struct cage_source {
	char *name; /* as shown to the user */
	char *dir;  /* for relative includes; NULL for built-ins */
	char *text;
	size_t size;
	unsigned depth; /* include depth: 0 for the file named by the user */
};

enum cage_op {
	CAGE_OP_EQ,
	CAGE_OP_NE,
	CAGE_OP_LT,
	CAGE_OP_LE,
	CAGE_OP_GT,
	CAGE_OP_GE,
	CAGE_OP_MASKED_EQ, /* (arg & mask) == value */
	CAGE_OP_IN,	   /* one of values[]; expanded before compiling */
};

/* argN OP value, as written. */
struct cage_term {
	unsigned arg;
	enum cage_op op;
	uint64_t mask;
	uint64_t *values; /* one, or several for CAGE_OP_IN */
	size_t nvalues;
	struct cage_loc loc;
};

/* Terms joined by &&. */
struct cage_conj {
	struct cage_term *terms;
	size_t n;
};

/* Conjunctions joined by ||; n == 0 means no condition. */
struct cage_cond {
	struct cage_conj *alts;
	size_t n;
};

struct cage_name {
	char *text; /* syscall name, or "@group" */
	struct cage_loc loc;
};

enum cage_stmt_kind {
	CAGE_STMT_DEFAULT,
	CAGE_STMT_INCLUDE,
	CAGE_STMT_RULE,
	CAGE_STMT_DEFINE,
	CAGE_STMT_CAPS_KEEP,
};

struct cage_stmt {
	enum cage_stmt_kind kind;
	struct cage_loc loc;	   /* the statement's first token */
	struct cage_action action; /* DEFAULT, RULE */
	struct cage_name *names;   /* RULE, DEFINE members, CAPS */
	size_t nnames;
	struct cage_cond cond;	 /* RULE */
	struct cage_name target; /* INCLUDE path/name, DEFINE @name */
};

struct cage_ast {
	struct cage_stmt *stmts;
	size_t n;
};

/* A resolved comparison, ready for libseccomp: one per argument. */
struct cage_cmp {
	unsigned arg;
	enum cage_op op; /* EQ NE LT LE GT GE MASKED_EQ */
	uint64_t mask;	 /* MASKED_EQ */
	uint64_t value;
};

/* One alternative of one rule for one syscall. */
struct cage_rule {
	int nr;
	struct cage_action action; /* never DENY: resolved to the default */
	struct cage_cmp cmps[6];
	unsigned ncmps; /* 0: unconditional */
	unsigned rank;	/* precedence: lower beats higher */
	unsigned seq;	/* order of appearance */
	bool via_group;
	const char *group;   /* the group that brought it, or NULL */
	struct cage_loc loc; /* the syscall name (or group) in the rule */
	const struct cage_stmt *stmt;
};

struct cage_policy {
	char *name;
	struct cage_source **sources;
	size_t nsources;
	struct cage_ast *asts; /* one per source, same index */
	struct cage_action dflt;
	struct cage_loc dflt_loc;
	struct cage_rule *rules; /* sorted by nr, then rank */
	size_t nrules, rules_cap;
	uint64_t caps_keep;
};

/* diag.c; full: no more errors will be kept, so skip costly hints */
bool cage_diags_full(const struct cage_diags *diags);
int cage_diag_add(struct cage_diags *diags, enum cage_severity sev,
		  const struct cage_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* policy_parse.c */
int cage_policy_parse(const struct cage_source *src, struct cage_ast *ast,
		      struct cage_diags *diags);
void cage_ast_free(struct cage_ast *ast);
const char *cage_action_name(enum cage_action_kind kind);

/* action.c-like helpers that live in policy_compile.c */
int cage_action_rank(const struct cage_action *a);
bool cage_action_equal(const struct cage_action *a,
		       const struct cage_action *b);

#endif
