// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Naming the paths the file-system layers refuse (issue 14, point 1):
 * the calls that take a path are routed to the supervisor, which reads
 * the path from the target and checks it, in user space, against the
 * same fs rules (Landlock's layers) and the same private view.  This
 * only explains: the kernel enforces, and the target can change its
 * memory between our read and the kernel's, so a finding is advice.
 */
#ifndef CAGE_FS_CHECK_H
#define CAGE_FS_CHECK_H

#include "policy/fs_path.h"
#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One path of the private view, as the launch plans it. */
struct cage_fs_view_path {
	const char *path; /* in the view; the same path on the host */
	bool write;	  /* a read-write bind */
	bool empty;	  /* an empty tmpfs, /dev or /proc of its own */
	bool hidden;	  /* 'fs none': an empty node, no access */
};

struct cage_fs_check;

/* The view: none, planned but not made (--audit), made. */
enum { CAGE_FS_VIEW_NONE, CAGE_FS_VIEW_PLANNED, CAGE_FS_VIEW_MADE };

/*
 * The rules of POLS (paths expanded with VARS), the view's paths
 * (VIEW_STATE a CAGE_FS_VIEW_*), and for TCP connects (net_check.h) the
 * policies' ports and LOOPBACK_ONLY.  *OUT is NULL when there is nothing
 * to check.  0 or -ENOMEM.
 */
int cage_fs_check_new(struct cage_policy *const *pols, size_t n,
		      const struct cage_vars *vars,
		      const struct cage_fs_view_path *view, size_t nview,
		      int view_state, bool loopback_only,
		      struct cage_fs_check **out);
void cage_fs_check_free(struct cage_fs_check *c);
/* The syscalls to route, into NRS (room for MAX); their number. */
size_t cage_fs_check_calls(const struct cage_fs_check *c, int *nrs, size_t max);
bool cage_fs_check_watches(const struct cage_fs_check *c, int nr);

/* What a refused path looks like to the user. */
struct cage_fs_finding {
	char path[256];	  /* the path, absolute, escaped if need be */
	const char *want; /* "read", "write", "create", "execute", ... */
	char why[256];	  /* the rule, or the missing rule */
	char allow[160];  /* "fs rw $HOME/.npm"; "": none suggested */
	char option[160]; /* "--rw ~/.npm" */
	/* allow "": why no grant is suggested ("hidden on purpose", "/etc
	 * is a system directory; ..."), or "" when none is needed. */
	char withheld[160];
	const char *policy, *file; /* the rule that fell short, if one */
	unsigned line;
	int errnum; /* what the target gets: EACCES, ENOENT, EROFS */
};

/* 1 when the call NR(ARGS) of PID would be refused a path, with *F; 0
 * when not, or when it cannot be told (memory unreadable...). */
int cage_fs_check_call(const struct cage_fs_check *c, pid_t pid, int nr,
		       const uint64_t args[6], struct cage_fs_finding *f);

#endif
