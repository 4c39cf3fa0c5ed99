// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The resolved policy (includes followed, groups expanded, names
 * numbered) that the compiler, the launcher, the explainer and the linter
 * read.  The syntax tree it came from is lang/ast.h's: only the front end
 * looks inside it.
 */
#ifndef CAGE_POLICY_H
#define CAGE_POLICY_H

#include "base/diag.h"
#include "syscage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cage_ast;
struct cage_stmt;

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
	CAGE_NET_LOOPBACK,  /* as inet, in a network namespace: only lo */
};

/* What 'private' asks for (SPEC 4.5), ORed. */
enum {
	CAGE_PRIVATE_TMP = 1 << 0,  /* fresh /tmp, /var/tmp, /dev/shm */
	CAGE_PRIVATE_HOME = 1 << 1, /* $HOME empty but for fs rules */
	CAGE_PRIVATE_PID = 1 << 2,  /* own PID namespace and /proc */
	CAGE_PRIVATE_IPC = 1 << 3,  /* own System V IPC, POSIX queues */
	CAGE_PRIVATE_DEV = 1 << 4,  /* minimal /dev, private devpts */
	CAGE_PRIVATE_ALL = (1 << 5) - 1,
	/* Not in 'all': git's user configuration without its secrets
	 * (launch/gitconfig.c) in the private home. */
	CAGE_PRIVATE_GITCONFIG = 1 << 5,
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
 * The fs, net, private, env and limit sections, resolved: an including
 * file's net mode, env values and limits override those of the files it
 * includes; fs rules, ports, kept variables and private settings add up
 * ('private best-effort' from any file, like 'fs best-effort').
 */
struct cage_isolation {
	struct cage_fs_rule *fs;
	size_t nfs;
	/* 'fs none': paths the private view hides, even inside a path
	 * another rule binds (an empty, read-only, inaccessible node on
	 * top); access 0.  Landlock cannot deny below a grant: they need a
	 * mount namespace. */
	struct cage_fs_rule *hide;
	size_t nhide;
	bool fs_best_effort; /* run with what the kernel can enforce */
	enum cage_net net;
	unsigned net_depth;
	struct cage_loc net_loc;
	uint16_t *connect, *bind; /* TCP ports (Landlock) */
	size_t nconnect, nbind;
	struct cage_loc ports_loc;
	unsigned private_ns;	     /* CAGE_PRIVATE_* */
	bool private_best_effort;    /* run without what the kernel refuses */
	struct cage_loc private_loc; /* the first 'private' statement */
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

#endif
