// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The syntax tree one policy file parses to (lang/parse.c).  Only the
 * front end reads it; the rest of syscage reads the resolved policy
 * (policy/policy.h).
 */
#ifndef CAGE_AST_H
#define CAGE_AST_H

#include "policy/policy.h"

#include <stddef.h>
#include <stdint.h>

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
	/* Beyond seccomp: 'KEYWORD SUB ARGS...', SUB in target, ARGS in
	 * names; checked and stored by isolation.c. */
	CAGE_STMT_FS,	   /* fs ro|rw|rx PATH..., fs best-effort */
	CAGE_STMT_NET,	   /* net none|unix|inet, net connect|bind PORT... */
	CAGE_STMT_ENV,	   /* env clear, env keep VAR..., env set NAME VALUE */
	CAGE_STMT_LIMIT,   /* limit NAME VALUE */
	CAGE_STMT_PRIVATE, /* private tmp|home|pid|ipc|dev|all|best-effort... */
};

struct cage_stmt {
	enum cage_stmt_kind kind;
	struct cage_loc loc;	   /* the statement's first token */
	struct cage_action action; /* DEFAULT, RULE */
	struct cage_name *names;   /* RULE, DEFINE members, CAPS */
	size_t nnames;
	struct cage_cond cond;	 /* RULE */
	struct cage_name target; /* INCLUDE path/name, DEFINE @name, SUB */
};

struct cage_ast {
	struct cage_stmt *stmts;
	size_t n;
};

#endif
