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
	/* Beyond seccomp: 'KEYWORD SUB ARGS...', SUB in target, ARGS in
	 * names; checked and stored by isolation.c. */
	CAGE_STMT_FS,	 /* fs ro|rw|rx PATH..., fs best-effort */
	CAGE_STMT_NET,	 /* net none|unix|inet, net connect|bind PORT... */
	CAGE_STMT_ENV,	 /* env clear, env keep VAR..., env set NAME VALUE */
	CAGE_STMT_LIMIT, /* limit NAME VALUE */
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

/* Access an fs rule grants (ORed). */
enum {
	CAGE_FS_READ = 1 << 0,	/* read files, list directories */
	CAGE_FS_WRITE = 1 << 1, /* write, create, remove, rename, truncate */
	CAGE_FS_EXEC = 1 << 2,	/* execute files */
};

/* An fs rule; PATH is absolute or starts with $HOME $CWD $TMPDIR $EXE. */
struct cage_fs_rule {
	const char *path; /* owned by the AST */
	unsigned access;
	struct cage_loc loc;
};

enum cage_net {
	CAGE_NET_UNSET = 0, /* the seccomp rules decide */
	CAGE_NET_NONE,	    /* no socket(); socketpair(AF_UNIX) only */
	CAGE_NET_UNIX,	    /* AF_UNIX only */
	CAGE_NET_INET,	    /* AF_UNIX, AF_INET, AF_INET6, netlink route */
};

struct cage_env_set {
	const char *name, *value; /* owned by the AST */
	unsigned depth;
	struct cage_loc loc;
};

#define CAGE_NLIMITS 16 /* RLIMIT_NLIMITS on Linux */

struct cage_limit {
	bool set;
	uint64_t soft, hard; /* RLIM_INFINITY for unlimited */
	unsigned depth;
	struct cage_loc loc;
};

/*
 * The fs, net, env and limit sections, resolved: an including file's net
 * mode, env values and limits override those of the files it includes;
 * fs rules, ports and kept variables add up.
 */
struct cage_isolation {
	struct cage_fs_rule *fs;
	size_t nfs;
	bool fs_best_effort; /* run with what the kernel can enforce */
	enum cage_net net;
	unsigned net_depth;
	struct cage_loc net_loc;
	uint16_t *connect, *bind; /* TCP ports (Landlock) */
	size_t nconnect, nbind;
	struct cage_loc ports_loc;
	bool env_clear;
	const char **env_keep; /* owned by the AST */
	size_t nenv_keep;
	struct cage_loc env_keep_loc;
	struct cage_env_set *env_set;
	size_t nenv_set;
	struct cage_limit limits[CAGE_NLIMITS];
	struct cage_stmt *synth; /* the rules 'net' stands for */
	size_t nsynth;
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
	struct cage_isolation iso;
};

/* diag.c; full: no more errors will be kept, so skip costly hints */
bool cage_diags_full(const struct cage_diags *diags);
int cage_diag_add(struct cage_diags *diags, enum cage_severity sev,
		  const struct cage_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The text of line LINE (1-based) of SRC, malloc'd, or NULL. */
char *cage_lex_line(const char *src, size_t size, unsigned line);

/* isolation.c; frees what the resolved sections own */
void cage_isolation_clear(struct cage_isolation *iso);
/* The fs, net, env and limit sections in plain words. */
int cage_isolation_explain(const struct cage_isolation *iso, FILE *out);

/* parse.c */
int cage_policy_parse(const struct cage_source *src, struct cage_ast *ast,
		      struct cage_diags *diags);
void cage_ast_free(struct cage_ast *ast);
const char *cage_action_name(enum cage_action_kind kind);

/* action.c-like helpers that live in seccomp.c */
int cage_action_rank(const struct cage_action *a);
bool cage_action_equal(const struct cage_action *a,
		       const struct cage_action *b);

#endif
