// SPDX-License-Identifier: LGPL-2.1-or-later
/* Before fork: no rule hands over a home directory or the machine. */
#ifndef CAGE_FS_HOME_H
#define CAGE_FS_HOME_H

#include "launch/guarded.h"

#include "policy/fs_path.h"
#include "policy/policy.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What the checks read: the policies' fs rules and whom they serve. */
struct cage_fs_scope {
	struct cage_policy *const *policies;
	size_t npolicies;
	const struct cage_vars *vars;
	bool set_user; /* the target runs as UID: its home is guarded too */
	uid_t uid;
	/* The guarded directories, made once by the caller for both calls
	 * below (cage_guarded_init); NULL: each call makes its own. */
	struct cage_guarded *guard;
};

/*
 * A write rule of S whose path (variables expanded) is /, the home
 * directory ($HOME, the user's, the --user target's) or a directory above
 * it refuses the launch: -EPERM with MSG saying which rule, why and what
 * to do.  A directory named in NAMES (the command line's --rw paths) is
 * the user's own choice and passes.
 */
int cage_fs_check_home(const struct cage_fs_scope *s, const char *const *names,
		       size_t nnames, char *msg, size_t size);
/*
 * Before the check: $EXE, the command's directory, becomes the command's
 * file where that directory is a home, above one, /, a hidden directory
 * of a home or the system's (~, ~/.local/bin, /usr/bin).  1 with MSG
 * saying so, 0 when left alone, -ENOMEM.
 */
int cage_fs_narrow_exe(const struct cage_fs_scope *s, struct cage_vars *vars,
		       const char *command, char *msg, size_t size);

#endif
