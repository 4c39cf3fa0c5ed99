// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The command that will run: execvp's search done before fork, and the
 * path variables ($HOME $CWD $CHECKOUT $TMPDIR $EXE) fs rules are written
 * with.
 */
#include "launch/command.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
		memcpy(dir + len, "/.git", sizeof("/.git")); /* room: checked */
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

/* The first line of PATH (a small file) without its line feed, or "". */
static void
first_line(const char *path, char *out, size_t size)
{
	FILE *f = fopen(path, "re");

	out[0] = '\0';
	if (!f)
		return;
	if (!fgets(out, (int)size, f))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	(void)fclose(f);
}

/* REL (absolute, or relative to BASE) resolved into OUT; false if it is
 * not an existing directory. */
static bool
resolve_dir(const char *base, const char *rel, char *out)
{
	char joined[2 * CAGE_PATH_MAX + 2], *real;
	struct stat st = {0};

	snprintf(joined, sizeof(joined), "%s%s%s", rel[0] == '/' ? "" : base,
		 rel[0] == '/' ? "" : "/", rel);
	real = realpath(joined, NULL);
	if (!real || strlen(real) >= CAGE_PATH_MAX || stat(real, &st) < 0 ||
	    !S_ISDIR(st.st_mode)) {
		free(real);
		return false;
	}
	memcpy(out, real, strlen(real) + 1);
	free(real);
	return true;
}

/* X as a submodule's git directory of the work tree TOP: in .git/modules/
 * of a directory above TOP, its config's core.worktree leading to TOP. */
static void
submodule_gitdir(const char *top, const char *x, char *out)
{
	char cfg[CAGE_PATH_MAX + 8], line[CAGE_PATH_MAX + 32],
		wt[CAGE_PATH_MAX];
	const char *mod = strstr(x, "/.git/modules/");
	size_t above = mod ? (size_t)(mod - x) : 0;
	FILE *f;

	if (!mod || !above || strncmp(top, x, above) || top[above] != '/')
		return;
	snprintf(cfg, sizeof(cfg), "%s/config", x);
	f = fopen(cfg, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *k = line + strspn(line, " \t"), *val;

		line[strcspn(line, "\n")] = '\0';
		if (strncasecmp(k, "worktree", 8) ||
		    !(val = strchr(k + 8, '=')) ||
		    k[8 + strspn(k + 8, " \t")] != '=')
			continue;
		val += 1 + strspn(val + 1, " \t");
		if (resolve_dir(x, val, wt) && !strcmp(wt, top))
			memcpy(out, x, strlen(x) + 1);
		break;
	}
	(void)fclose(f);
}

/*
 * $GITDIR for a work tree whose .git is a file ("gitdir: X"): what the
 * checkout's own files cannot decide, since a job that writes the
 * checkout writes that file.  X is taken only where git's own records
 * point back: a worktree's X/gitdir names this .git file (then $GITDIR is
 * the repository's common directory, X/commondir, which holds X); a
 * submodule's X lies in .git/modules/ of a directory above the checkout
 * and its config's core.worktree leads back to the checkout.
 */
static void
linked_gitdir(const char *top, char *out)
{
	char dotgit[CAGE_PATH_MAX + 8], line[CAGE_PATH_MAX + 16] = "";
	char x[CAGE_PATH_MAX], back[CAGE_PATH_MAX + 16], common[CAGE_PATH_MAX];

	out[0] = '\0';
	snprintf(dotgit, sizeof(dotgit), "%s/.git", top);
	first_line(dotgit, line, sizeof(line));
	if (strncmp(line, "gitdir: ", 8) || !resolve_dir(top, line + 8, x))
		return;
	snprintf(back, sizeof(back), "%s/gitdir", x);
	first_line(back, line, sizeof(line));
	if (line[0]) { /* a worktree */
		char *real = realpath(line, NULL);
		bool ok = real && !strcmp(real, dotgit);

		free(real);
		snprintf(back, sizeof(back), "%s/commondir", x);
		first_line(back, line, sizeof(line));
		if (ok && line[0] && resolve_dir(x, line, common))
			memcpy(out, common, strlen(common) + 1);
		return;
	}
	submodule_gitdir(top, x, out);
}

/* getcwd's path has no symlink: the home is compared resolved too. */
static void
set_checkout(struct cage_vars *v)
{
	char *home = v->home[0] ? realpath(v->home, NULL) : NULL;
	char dotgit[CAGE_PATH_MAX + 8];
	struct stat st;

	find_checkout(v->cwd, home ? home : v->home, v->checkout);
	free(home);
	v->gitdir[0] = '\0';
	snprintf(dotgit, sizeof(dotgit), "%s/.git", v->checkout);
	if (!v->checkout[0] || strlen(dotgit) >= CAGE_PATH_MAX ||
	    lstat(dotgit, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode))
		memcpy(v->gitdir, dotgit, strlen(dotgit) + 1);
	else if (S_ISREG(st.st_mode))
		linked_gitdir(v->checkout, v->gitdir);
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
