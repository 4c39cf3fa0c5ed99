// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The paths of fs rules: absolute, or starting with $HOME $CWD $CHECKOUT
 * $GITDIR $TMPDIR $EXE (or $TTY alone), checked when a policy is read and expanded at
 * launch with the values of that launch.
 */
#include "policy/fs_path.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* $TTY has no single value: the terminals on fds 0-2 (cage_tty_paths). */
static const char *
var_value(const struct cage_vars *v, const char *name, size_t len)
{
	static const char *const names[] = {
		"HOME", "CWD", "TMPDIR", "EXE", "CHECKOUT", "GITDIR", "TTY"};

	for (size_t i = 0; i < 7; i++) {
		if (strlen(names[i]) != len || strncmp(names[i], name, len))
			continue;
		if (!v || i == 6)
			return "";
		return i == 0	? v->home
		       : i == 1 ? v->cwd
		       : i == 2 ? v->tmpdir
		       : i == 3 ? v->exe
		       : i == 4 ? v->checkout
				: v->gitdir;
	}
	return NULL;
}

bool
cage_fs_path_is_tty(const char *path)
{
	return !strcmp(path, "$TTY") || !strcmp(path, "${TTY}");
}

/* The variable PATH starts with: *name, *len; *rest after it. */
static int
split_var(const char *path, const char **name, size_t *len, const char **rest)
{
	const char *p = path + 1;

	if (*p == '{') {
		const char *close = strchr(++p, '}');

		if (!close)
			return -EINVAL;
		*len = (size_t)(close - p);
		*rest = close + 1;
	} else {
		*len = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		*rest = p + *len;
	}
	*name = p;
	if (**rest && **rest != '/')
		return -EINVAL;
	return 0;
}

int
cage_fs_path_check(const char *path)
{
	const char *name, *rest;
	size_t len;

	if (path[0] == '/' || cage_fs_path_is_tty(path))
		return 0;
	if (path[0] != '$' || split_var(path, &name, &len, &rest))
		return -EINVAL;
	if (len == 3 && !strncmp(name, "TTY", 3))
		return -EINVAL; /* a device: nothing lies beneath it */
	return var_value(NULL, name, len) ? 0 : -EINVAL;
}

int
cage_fs_path_expand(const char *path, const struct cage_vars *vars, char *out,
		    size_t size)
{
	const char *name, *rest, *val;
	size_t len, nval, nrest;

	if (path[0] == '/') {
		val = "";
		rest = path;
	} else {
		if (path[0] != '$' || split_var(path, &name, &len, &rest))
			return -EINVAL;
		val = var_value(vars, name, len);
		if (!val)
			return -EINVAL;
		if (val[0] != '/')
			return -ENOENT; /* unset, or not a usable path */
	}
	nval = strlen(val);
	nrest = strlen(rest);
	if (nval + nrest >= size)
		return -ENAMETOOLONG;
	memcpy(out, val, nval);
	memcpy(out + nval, rest, nrest + 1);
	return 0;
}
