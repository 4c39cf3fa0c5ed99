// SPDX-License-Identifier: LGPL-2.1-or-later
/* The directories a rule must not hand over, and the judging of a path. */
#ifndef CAGE_GUARDED_H
#define CAGE_GUARDED_H

#include "launch/mounts.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

enum {
	G_ROOT = 1 << 0,     /* / */
	G_HOME = 1 << 1,     /* a home directory */
	G_ABOVE = 1 << 2,    /* a directory above a home */
	G_OWN = 1 << 3,	     /* the home of the user or of the target */
	G_SYS = 1 << 4,	     /* a tree of the system, itself and below */
	G_SYSDIR = 1 << 5,   /* a directory of the system, itself only */
	G_SCRATCH = 1 << 6,  /* scratch space inside a system tree */
	G_PROJECTS = 1 << 7, /* holds projects: below it, one's own */
};

struct cage_guard_entry {
	dev_t dev;
	ino_t ino;
	unsigned kind;
	const char *home; /* G_HOME, G_ABOVE: which home */
};

/* stat(2) of a path, remembered for the launch (guarded.c). */
struct cage_stat_memo {
	char *path;
	unsigned hash;
	int err; /* 0, or -errno */
	struct stat st;
};

struct cage_stat_memos {
	struct cage_stat_memo *v;
	size_t n, cap;
};

struct cage_guarded {
	struct cage_guard_entry *v;
	size_t n, cap;
	/* The guard stats the same directories again and again (/, /usr,
	 * /var/spool, the homes' parents): once each per launch. */
	struct cage_stat_memos *memo;
	char **homes;
	size_t nhomes;
	struct cage_mounts *mounts; /* mountinfo, read once, on first need */
	int err;
};

/* What a rule at a directory would hand over. */
enum cage_guard_verdict { V_OK, V_GUARDED, V_HIDDEN, V_SYSTEM, V_TERMINALS };

struct cage_judgement {
	enum cage_guard_verdict v;
	const struct cage_guard_entry *at; /* V_GUARDED */
	char dir[PATH_MAX];		   /* V_HIDDEN: the hidden directory;
				   V_SYSTEM: the system's directory */
	char src[PATH_MAX]; /* a mount below: what it shows, or "" */
};

/*
 * /, the home of HOME ($HOME), of the user we run as and (SET_USER) of
 * UID, every other home of /etc/passwd, the system's trees.  g->err is
 * -ENOMEM if it could not all be kept.
 */
void cage_guarded_init(struct cage_guarded *g, const char *home, bool set_user,
		       uid_t uid);
void cage_guarded_free(struct cage_guarded *g);
/*
 * PATH as a rule of the policy's variables: at /, a home or above one,
 * inside a hidden directory of a home, or in a tree of the system
 * (through a bind mount too)?
 */
enum cage_guard_verdict cage_guarded_judge(const struct cage_guarded *g,
					   const char *path,
					   struct cage_judgement *j);
/* Mount MT below the rule's directory RULE: what does it show? */
enum cage_guard_verdict cage_guarded_judge_mount(const struct cage_guarded *g,
						 const struct cage_mounts *m,
						 const struct cage_mount *mt,
						 const char *rule,
						 struct cage_judgement *j);

#endif
