// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A private view of the system (SPEC 4.5): the plan, made before fork, and
 * the child's steps that enter the namespaces and bring loopback up.
 */
#ifndef CAGE_VIEW_H
#define CAGE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Namespaces (plan.ns). */
#define CAGE_VIEW_NS_USER  0x01u /* set by finish when not root */
#define CAGE_VIEW_NS_MOUNT 0x02u
#define CAGE_VIEW_NS_PID   0x04u
#define CAGE_VIEW_NS_IPC   0x08u
#define CAGE_VIEW_NS_NET   0x10u /* loopback only, brought up */

/* A bind's access: none of the first two is read-only and not executable;
 * every bind is nosuid and nodev. */
#define CAGE_VIEW_WRITE	   0x01u
#define CAGE_VIEW_EXEC	   0x02u
#define CAGE_VIEW_OPTIONAL 0x04u /* a missing source is skipped */
/* A bind the view makes as the host has it: a symbolic link (LINK) that
 * leads into another bind with the same access (/bin -> usr/bin). */
#define CAGE_VIEW_LINK 0x08u

enum cage_view_kind {
	CAGE_VIEW_BIND,	 /* source bound at target, submounts included */
	CAGE_VIEW_TMPFS, /* an empty tmpfs (private tmp, home) */
	CAGE_VIEW_DEV,	 /* a minimal /dev (private dev) */
	CAGE_VIEW_PROC,	 /* the PID namespace's own procfs, else the host's */
	CAGE_VIEW_HIDE,	 /* 'fs none': an empty read-only directory (mode 0)
			  * or, on a file, the host's /dev/null without
			  * device access: opening it fails; nothing where
			  * the target does not exist */
};

struct cage_view_mount {
	enum cage_view_kind kind;
	char *source; /* BIND: an absolute host path */
	char *target; /* absolute, in the view; normalised */
	char *what;   /* the step's name if it fails: "bind /usr at /usr" */
	char *link;   /* CAGE_VIEW_LINK: the link's text */
	unsigned flags;
	unsigned mode; /* TMPFS: mode of its root */
	bool owned;    /* TMPFS: owned by owner_uid/gid, else root's */
	size_t order;  /* insertion order, for a stable sort */
};

/*
 * Filled by the caller (ns, private_*, best_effort, binds), completed by
 * cage_view_plan_finish before fork; the child only reads it.
 */
struct cage_view_plan {
	unsigned ns;
	bool private_tmp;  /* fresh /tmp, /var/tmp, /dev/shm */
	bool private_home; /* an empty $HOME: only binds below it appear */
	bool private_dev;  /* null zero full random urandom tty, devpts, shm */
	bool want_gitconfig; /* private gitconfig asked (needs private home) */
	bool best_effort;    /* a refused namespace leaves the view out */
	bool force_user;     /* a user namespace even as root (tests) */
	uid_t uid, gid;	     /* the caller's, mapped to themselves */
	uid_t owner_uid;     /* owner of the private home */
	gid_t owner_gid;
	char *home;
	char *gitconfig; /* private gitconfig: $HOME/.gitconfig's text */
	char *cwd;	 /* entered after the pivot if it is in the view */
	struct cage_view_mount *mounts;
	size_t n_mounts, cap_mounts;
	bool finished;
};

struct cage_view_plan *cage_view_plan_new(void);
void cage_view_plan_free(struct cage_view_plan *p);
/* SOURCE bound at TARGET (NULL: the same path); -EINVAL for a path that
 * is not absolute or names "..". */
int cage_view_plan_bind(struct cage_view_plan *p, const char *source,
			const char *target, unsigned flags);
/* PATH as a symbolic link to TEXT (relative, no ".."), in place of a bind
 * of it with FLAGS: the caller checked the host has that link, trusted,
 * and that TEXT leads into another bind with FLAGS. */
int cage_view_plan_link(struct cage_view_plan *p, const char *path,
			const char *text, unsigned flags);
/* PATH hidden (fs none), over whatever the binds put there. */
int cage_view_plan_hide(struct cage_view_plan *p, const char *path);
/*
 * Before fork: adds the private mounts, sorts the mounts parents first,
 * decides the user namespace.  HOME is needed for a private home; CWD may
 * be NULL.
 */
int cage_view_plan_finish(struct cage_view_plan *p, const char *home,
			  const char *cwd);
/* The sysctl or security module that explains a refused STEP, or NULL.
 * Reads /proc/sys: call it in the parent, after the child failed. */
const char *cage_view_hint(const char *step, int err);

/*
 * Child steps, in this order (each returns 0 or -errno and names its step;
 * they do nothing for what the plan does not ask):
 *   cage_view_unshare    user namespace and its maps, then mount (made a
 *                        slave of the host's at once), IPC, network
 *                        (unless the waiter makes it: below), PID;
 *                        1 when best effort left the view out: skip the
 *                        rest
 *   cage_view_loopback   lo up
 *   cage_view_pid_enter  (view_pid.h) returns in the namespace's pid 1
 *   cage_view_pid_fork   (view_pid.h) forks the target's process early
 *   cage_view_mount      (view_mount.h) the new root, pivoted into (not
 *                        in the target's process: pid 1 makes it)
 *   cage_view_pid_init   (view_pid.h) pid 1 stays as the init
 *   cage_view_pid_ready  (view_pid.h) the target waits for the view
 */
int cage_view_unshare(const struct cage_view_plan *p, const char **step);
int cage_view_loopback(const struct cage_view_plan *p, const char **step);

/*
 * With a PID namespace, the network namespace (the kernel's slowest to
 * make: its devices, sysctls and protocols) is not made by
 * cage_view_unshare: the waiter outside makes it and brings lo up
 * (cage_view_net_enter) while pid 1 builds the view, and pid 1 joins it
 * before it forks the target (view_pid.c).
 */
bool cage_view_net_by_waiter(const struct cage_view_plan *p);
int cage_view_net_enter(const char **step);

#endif
