// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lint of the layers under seccomp (SPEC 4.5): what Landlock leaves open
 * to a policy with fs rules and no private view, and fs rules that make a
 * private view no narrower than the host.
 *
 * A policy without fs rules has no Landlock confinement to get round:
 * the 'default' built-in allows AF_UNIX sockets and chmod, and says
 * nothing about files, so the first two warnings are for policies that
 * have fs rules.  The private view that closes both is a mount
 * namespace: 'private tmp', 'home', 'pid' or 'dev' make one, and so do
 * 'fs none' paths ('private ipc', 'gitconfig' and 'net loopback' alone
 * do not), and then the fs rules are the view, bound in read-only or
 * rw, and what no rule names is absent.  'private best-effort' is taken
 * at its word: where the kernel refuses the view, -v says so at launch.
 */
#include "lang/lint_view.h"
#include "policy/decide.h"
#include "base/syscalls.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LANDLOCK_VERSION 1 /* LANDLOCK_CREATE_RULESET_VERSION */
#define LANDLOCK_UNIX	 9 /* the ABI that mediates Unix socket files */
#define MOUNT_NS                                                               \
	(CAGE_PRIVATE_TMP | CAGE_PRIVATE_HOME | CAGE_PRIVATE_PID |             \
	 CAGE_PRIVATE_DEV) /* launch/plan_view.c's rule */

#define VIEW_FIX                                                               \
	"add 'private all' (or 'private home' and 'private tmp'): with a "     \
	"private view only what the fs rules name exists"

/* Calls that change a file's mode, owner, times or extended attributes:
 * those on a path first (the *at calls also on an O_PATH descriptor,
 * which Landlock does not check), then those on an open descriptor (a
 * file a read-only rule lets the program open). */
static const char *const metadata_calls[] = {
	"chmod",	"fchmodat",	 "fchmodat2",	 "chown",
	"lchown",	"fchownat",	 "chown32",	 "lchown32",
	"utime",	"utimes",	 "utimensat",	 "futimesat",
	"setxattr",	"lsetxattr",	 "setxattrat",	 "removexattr",
	"lremovexattr", "removexattrat", "file_setattr", "fchmod",
	"fchown",	"fchown32",	 "fsetxattr",	 "fremovexattr",
};

int
cage_lint_landlock_abi(void)
{
	long v =
		syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_VERSION);

	return v < 0 ? 0 : (int)v;
}

/* POL allows NAME with arguments ARG0, ARG1 (the rest 0); *RULE: the
 * rule that decided it, or NULL for the policy's default. */
static bool
lets(const struct cage_policy *pol, const char *name, uint64_t arg0,
     uint64_t arg1, const struct cage_rule **rule)
{
	int nr = cage_syscall_number(name);
	uint64_t args[6] = {arg0, arg1};
	struct cage_verdict v;

	if (nr < 0)
		return false;
	cage_policy_decide(pol, nr, args, &v);
	*rule = v.rule;
	return v.action.kind == CAGE_ACTION_ALLOW ||
	       v.action.kind == CAGE_ACTION_LOG;
}

/* A warning at R (or the policy's default): "allowing 'NAME'WHAT: WHY". */
static int
warn_at(const struct cage_policy *pol, const struct cage_rule *r,
	const char *name, const char *what, const char *why,
	struct cage_diags *diags)
{
	const struct cage_loc *loc =
		r ? &r->loc : (pol->dflt_loc.file ? &pol->dflt_loc : NULL);

	if (r && r->group)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, loc,
				     "%s allows '%s'%s: %s", r->group, name,
				     what, why);
	return cage_diag_add(diags, CAGE_SEVERITY_WARNING, loc,
			     "allowing '%s'%s: %s", name, what, why);
}

/* socket(AF_UNIX) and a way to reach a socket file by name. */
static int
lint_unix(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_rule *r, *other;
	char why[480];
	int abi = cage_lint_landlock_abi();

	if (abi >= LANDLOCK_UNIX ||
	    !lets(pol, "socket", AF_UNIX, SOCK_STREAM, &r) ||
	    !(lets(pol, "connect", 0, 0, &other) ||
	      lets(pol, "sendto", 0, 0, &other) ||
	      lets(pol, "sendmsg", 0, 0, &other)))
		return 0;
	snprintf(why, sizeof(why),
		 "this kernel's Landlock (ABI %d, below %d) does not mediate "
		 "connect() to a socket file, so the program reaches any "
		 "socket its uid can write (ssh-agent, docker.sock, D-Bus): "
		 "%s",
		 abi, LANDLOCK_UNIX, VIEW_FIX);
	return warn_at(pol, r, "socket",
		       " with AF_UNIX and fs rules but no private view", why,
		       diags);
}

/* The metadata calls allowed: one warning, at the first. */
static int
lint_metadata(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_rule *first = NULL, *r;
	const char *name = NULL;
	char what[96] = "";
	unsigned more = 0;

	for (size_t i = 0; i < sizeof(metadata_calls) / sizeof(*metadata_calls);
	     i++) {
		if (!lets(pol, metadata_calls[i], 0, 0, &r))
			continue;
		if (name) {
			more++;
			continue;
		}
		name = metadata_calls[i];
		first = r;
	}
	if (!name)
		return 0;
	if (more)
		snprintf(what, sizeof(what), " (and %u more metadata call%s)",
			 more, more > 1 ? "s" : "");
	snprintf(what + strlen(what), sizeof(what) - strlen(what),
		 " with fs rules but no private view");
	return warn_at(pol, first, name, what,
		       "Landlock has no right for metadata changes, so the "
		       "mode, owner, times and extended attributes of any "
		       "file the uid owns outside the fs rules can be changed "
		       "(~/.ssh/id_* made readable to all): add a private view "
		       "('private all'): its read-only binds refuse them "
		       "(EROFS) and what no fs rule names is absent",
		       diags);
}

#define WHOLE_HOME                                                             \
	"binds the whole home into the private view, which is then no "        \
	"narrower than the host there (keys, shell start-up files)"

/* What P (an fs rule's path) opens of the host, or NULL: /, a home or a
 * directory above one.  PRIVATE_HOME: the view has a private home. */
static const char *
too_broad(const char *p, bool private_home)
{
	char path[256];
	size_t n = strlen(p);
	const char *slash;

	while (n > 1 && p[n - 1] == '/')
		n--;
	if (n >= sizeof(path))
		return NULL;
	memcpy(path, p, n);
	path[n] = '\0';
	if (!strcmp(path, "/"))
		return "binds the whole host into the private view, which is "
		       "then no narrower than the host";
	if (!strcmp(path, "/home"))
		return "binds every home into the private view, which is then "
		       "no narrower than the host there (keys, shell start-up "
		       "files, other users' files)";
	if (!strcmp(path, "$HOME") || !strcmp(path, "${HOME}"))
		/* With a private home, the rule names that empty tmpfs:
		 * launch/plan_view.c binds nothing of the real one. */
		return private_home ? NULL : WHOLE_HOME;
	if (!strcmp(path, "/root"))
		return WHOLE_HOME;
	slash = strchr(path + 1, '/');
	if (!strncmp(path, "/home/", 6) && slash && !strchr(slash + 1, '/'))
		return "binds a whole home into the private view, which is "
		       "then no narrower than the host there (keys, shell "
		       "start-up files)";
	return NULL;
}

/* fs rules at /, a home or above one, in a mount namespace. */
static int
lint_broad(const struct cage_isolation *iso, struct cage_diags *diags)
{
	int err = 0;

	for (size_t i = 0; i < iso->nfs && !err; i++) {
		const struct cage_fs_rule *f = &iso->fs[i];
		const char *why =
			too_broad(f->path, iso->private_ns & CAGE_PRIVATE_HOME);
		const char *word = f->access & CAGE_FS_WRITE  ? "rw"
				   : f->access & CAGE_FS_EXEC ? "rx"
							      : "ro";

		if (why)
			err = cage_diag_add(diags, CAGE_SEVERITY_WARNING,
					    &f->loc,
					    "'fs %s %s' %s: name only the "
					    "directories the program needs",
					    word, f->path, why);
	}
	return err;
}

int
cage_lint_view(const struct cage_policy *pol, struct cage_diags *diags)
{
	const struct cage_isolation *iso = &pol->iso;
	int err = 0;

	if (!iso->nfs)
		return 0;
	if ((iso->private_ns & MOUNT_NS) || iso->nhide)
		return lint_broad(iso, diags);
	err = lint_unix(pol, diags);
	return err ? err : lint_metadata(pol, diags);
}
