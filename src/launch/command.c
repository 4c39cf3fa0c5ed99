// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The command that will run: execvp's search done before fork, and the
 * path variables ($HOME $CWD $CHECKOUT $TMPDIR $EXE) fs rules are written
 * with.
 */
#include "launch/command.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static int
check_exec(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (!S_ISREG(st.st_mode) || access(path, X_OK) < 0)
		return -EACCES;
	return 0;
}

static const char *
env_path(char *const *envp)
{
	for (; envp && *envp; envp++)
		if (!strncmp(*envp, "PATH=", 5))
			return *envp + 5;
	return "/usr/local/bin:/usr/bin:/bin";
}

/* execvp's search, done before fork so that a typo costs no fork. */
int
cage_find_command(const char *cmd, char *const *envp, char *out, size_t size)
{
	const char *p = env_path(envp);
	int best = -ENOENT;

	if (!*cmd)
		return -ENOENT;
	if (strchr(cmd, '/')) {
		if (snprintf(out, size, "%s", cmd) >= (int)size)
			return -ENAMETOOLONG;
		return check_exec(out);
	}
	while (*p) {
		size_t len = strcspn(p, ":");
		int err;

		if (snprintf(out, size, "%.*s%s%s", (int)len, p, len ? "/" : "",
			     cmd) < (int)size) {
			err = check_exec(out);
			if (!err)
				return 0;
			/* Like bash: a PATH directory we cannot search is no
			 * reason to say more than "not found". */
			if (err == -EISDIR ||
			    (err == -EACCES && access(out, F_OK) == 0))
				best = -EACCES;
		}
		p += len + (p[len] == ':');
	}
	return best;
}

/* DST has room for CAGE_PATH_MAX bytes. */
static void
copy_path(char *dst, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n && src[0] == '/' && n < CAGE_PATH_MAX)
		memcpy(dst, src, n + 1);
	else
		dst[0] = '\0';
}

/*
 * $CHECKOUT: the nearest directory at or above CWD holding a .git (a
 * directory, or a file for a worktree or submodule), so that a job run
 * from build/ has its sources; CWD itself when there is none.  The walk
 * stops below HOME and below /: a home kept in git (dotfiles) or a /.git
 * is not a project's checkout.  The guard (fs_home.c) judges the result
 * as it judges $CWD.
 */
static void
find_checkout(const char *cwd, const char *home, char *out)
{
	char dir[CAGE_PATH_MAX];
	struct stat st;
	size_t n = strlen(cwd);

	out[0] = '\0';
	if (!n || cwd[0] != '/' || n + sizeof("/.git") > sizeof(dir))
		return;
	memcpy(dir, cwd, n + 1);
	for (;;) {
		size_t len = strlen(dir);
		char *slash;

		if (len == 1 || (home[0] && !strcmp(dir, home)))
			break;
		strcpy(dir + len, "/.git");
		if (lstat(dir, &st) == 0 &&
		    (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			dir[len] = '\0';
			memcpy(out, dir, len + 1);
			return;
		}
		dir[len] = '\0';
		slash = strrchr(dir, '/');
		slash[slash == dir] = '\0';
	}
	memcpy(out, cwd, n + 1);
}

/* getcwd's path has no symlink: the home is compared resolved too. */
static void
set_checkout(struct cage_vars *v)
{
	char *home = v->home[0] ? realpath(v->home, NULL) : NULL;

	find_checkout(v->cwd, home ? home : v->home, v->checkout);
	free(home);
}

int
cage_vars_init(struct cage_vars *v, const char *command, char *const *envp)
{
	char found[PATH_MAX], *real, *slash;

	memset(v, 0, sizeof(*v));
	copy_path(v->home, getenv("HOME"));
	/* HOME=/ (a user without a home): rules under $HOME are not the
	 * whole machine, they have no value. */
	if (v->home[strspn(v->home, "/")] == '\0')
		v->home[0] = '\0';
	copy_path(v->tmpdir, getenv("TMPDIR"));
	if (!v->tmpdir[0])
		strcpy(v->tmpdir, "/tmp");
	if (!getcwd(v->cwd, sizeof(v->cwd)))
		v->cwd[0] = '\0';
	set_checkout(v);
	if (!envp)
		envp = environ;
	/* The directory of the file that will run, symlinks resolved:
	 * Landlock sees that file, not the link. */
	if (cage_find_command(command, envp, found, sizeof(found)) == 0 &&
	    (real = realpath(found, NULL))) {
		slash = strrchr(real, '/');
		if (slash == real)
			slash++;
		*slash = '\0';
		copy_path(v->exe, real);
		free(real);
	}
	return 0;
}
