// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a policy: find its text (path, installed name or built-in),
 * parse it, follow includes (cycles are errors), define groups and hand
 * each rule to policy_resolve.c.  The groups file is loaded first, as a
 * built-in every policy sees.
 */
#include "builtins.h"
#include "policy.h"
#include "policy_load.h"
#include "suggest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Policies are small; anything larger is a mistake or an attack. */
#define MAX_POLICY_SIZE	  (1u << 20)
#define MAX_INCLUDE_DEPTH 16

static bool
is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".policy"));
}

static int
add_source(struct cage_loader *ld, struct cage_source *src)
{
	struct cage_policy *pol = ld->pol;
	struct cage_source **v;
	struct cage_ast *a;

	v = realloc(pol->sources, (pol->nsources + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	pol->sources = v;
	a = realloc(pol->asts, (pol->nsources + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	pol->asts = a;
	memset(&a[pol->nsources], 0, sizeof(*a));
	v[pol->nsources++] = src;
	return 0;
}

static struct cage_source *
new_source(const char *name, const char *dir, char *text, size_t size)
{
	struct cage_source *src = calloc(1, sizeof(*src));

	if (!src)
		return NULL;
	src->name = strdup(name);
	src->dir = dir ? strdup(dir) : NULL;
	src->text = text;
	src->size = size;
	if (!src->name || (dir && !src->dir)) {
		free(src->name);
		free(src->dir);
		free(src);
		return NULL;
	}
	return src;
}

void
cage_source_free(struct cage_source *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->dir);
	free(src->text);
	free(src);
}

/* Read a policy file: a regular file, not too large, text. */
static int
read_policy_file(const char *path, char **text, size_t *size, const char **why)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	char *buf;
	int fd, err = 0;

	*why = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory"
					   : "is not a regular file";
		err = -EINVAL;
		goto out;
	}
	if (st.st_size > MAX_POLICY_SIZE) {
		*why = "is larger than 1 MiB, too large for a policy";
		err = -EFBIG;
		goto out;
	}
	/* The file may grow while we read: read at most the limit + 1. */
	buf = malloc(MAX_POLICY_SIZE + 1);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	while (got <= MAX_POLICY_SIZE &&
	       (n = read(fd, buf + got, MAX_POLICY_SIZE + 1 - got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			free(buf);
			goto out;
		}
		got += (size_t)n;
	}
	if (got > MAX_POLICY_SIZE) {
		*why = "is larger than 1 MiB, too large for a policy";
		err = -EFBIG;
		free(buf);
	} else if (memchr(buf, '\0', got)) {
		*why = "is a binary file, not policy text";
		err = -EINVAL;
		free(buf);
	} else {
		*text = buf;
		*size = got;
	}
out:
	close(fd);
	return err;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Installed policies shadow built-ins: XDG config, then /etc. */
static char *
find_installed(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char path[PATH_MAX];

	if (xdg && xdg[0] == '/')
		snprintf(path, sizeof(path), "%s/syscage/policies/%s.policy",
			 xdg, name);
	else if (home && home[0] == '/')
		snprintf(path, sizeof(path),
			 "%s/.config/syscage/policies/%s.policy", home, name);
	else
		path[0] = '\0';
	if (path[0] && access(path, F_OK) == 0)
		return strdup(path);
	snprintf(path, sizeof(path), "/etc/syscage/policies/%s.policy", name);
	if (access(path, F_OK) == 0)
		return strdup(path);
	return NULL;
}

static void
unknown_policy(struct cage_loader *ld, const struct cage_loc *loc,
	       const char *name)
{
	struct cage_suggest s;
	const char *hint;

	cage_suggest_init(&s, name);
	for (size_t i = 0; i < cage_builtins_count; i++)
		cage_suggest_offer(&s, cage_builtins[i].name);
	hint = cage_suggest_result(&s);
	if (hint)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "unknown policy '%s' (did you mean '%s'?)", name,
			      hint);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "unknown policy '%s' (see syscage --list)", name);
}

/*
 * Find NAME's text.  FROM is the including file (NULL for the top):
 * paths are relative to it, and built-ins include only built-ins so that
 * a file in a user's config cannot change what 'default' means.
 */
static int
open_source(struct cage_loader *ld, const char *name,
	    const struct cage_source *from, const struct cage_loc *loc,
	    struct cage_source **out)
{
	const struct cage_builtin *b = NULL;
	char *path = NULL, *text = NULL, *dir;
	const char *why;
	size_t size = 0;
	int err;

	*out = NULL;
	if (is_path(name)) {
		if (from && !from->dir) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
				      "a built-in policy can only include "
				      "built-ins, not '%s'",
				      name);
			return -EINVAL;
		}
		if (from && name[0] != '/' &&
		    asprintf(&path, "%s/%s", from->dir, name) < 0)
			return -ENOMEM;
		if (!path && !(path = strdup(name)))
			return -ENOMEM;
	} else if (!from || from->dir) {
		path = find_installed(name);
	}
	if (!path) {
		b = cage_builtin_find(name);
		if (!b) {
			unknown_policy(ld, loc, name);
			return -ENOENT;
		}
		text = strndup(b->text, b->size);
		size = b->size;
		*out = text ? new_source(name, NULL, text, size) : NULL;
		if (!*out)
			free(text);
		return *out ? 0 : -ENOMEM;
	}
	err = read_policy_file(path, &text, &size, &why);
	if (err) {
		if (why)
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
				      "%s %s", path, why);
		else
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
				      "cannot read %s: %s", path,
				      strerror(-err));
		free(path);
		return err;
	}
	dir = dir_of(path);
	*out = dir ? new_source(path, dir, text, size) : NULL;
	free(dir);
	free(path);
	if (!*out) {
		free(text);
		return -ENOMEM;
	}
	return 0;
}

/* The identity of a source for cycle detection: device and inode. */
static bool
same_source(const struct cage_source *a, const struct cage_source *b)
{
	struct stat sa, sb;

	if (!a->dir || !b->dir)
		return !a->dir && !b->dir && !strcmp(a->name, b->name);
	if (stat(a->name, &sa) < 0 || stat(b->name, &sb) < 0)
		return !strcmp(a->name, b->name);
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool
on_stack(const struct cage_loader *ld, const struct cage_source *src)
{
	for (size_t i = 0; i < ld->depth; i++)
		if (ld->stack[i] == src)
			return true;
	return false;
}

static int load_source(struct cage_loader *ld, struct cage_source *src);

static int
do_include(struct cage_loader *ld, const struct cage_stmt *st,
	   const struct cage_source *from)
{
	struct cage_source *src;
	int err;

	if (ld->depth >= MAX_INCLUDE_DEPTH) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->target.loc,
			      "includes nested more than %d deep",
			      MAX_INCLUDE_DEPTH);
		return 0;
	}
	err = open_source(ld, st->target.text, from, &st->target.loc, &src);
	if (err)
		return err == -ENOMEM ? err : 0;
	/* Included twice without a cycle (a diamond): read once. */
	for (size_t i = 0; i < ld->pol->nsources; i++) {
		if (same_source(ld->pol->sources[i], src) &&
		    !on_stack(ld, ld->pol->sources[i])) {
			cage_source_free(src);
			return 0;
		}
	}
	for (size_t i = 0; i < ld->depth; i++) {
		if (same_source(ld->stack[i], src)) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR,
				      &st->target.loc,
				      "include cycle: %s includes %s, which "
				      "is already being read",
				      from->name, src->name);
			cage_source_free(src);
			return 0;
		}
	}
	src->depth = from->depth + 1;
	return load_source(ld, src);
}

static int
do_statement(struct cage_loader *ld, const struct cage_stmt *st,
	     const struct cage_source *src)
{
	switch (st->kind) {
	case CAGE_STMT_DEFAULT:
		return cage_resolve_default(ld, st, src);
	case CAGE_STMT_INCLUDE:
		return do_include(ld, st, src);
	case CAGE_STMT_DEFINE:
		return cage_resolve_define(ld, st);
	case CAGE_STMT_RULE:
		return cage_resolve_rule(ld, st, src);
	case CAGE_STMT_CAPS_KEEP:
		return cage_resolve_caps(ld, st);
	case CAGE_STMT_FS:
	case CAGE_STMT_NET:
	case CAGE_STMT_ENV:
	case CAGE_STMT_LIMIT:
		return cage_resolve_isolation(ld, st, src);
	}
	return 0;
}

/* Takes ownership of SRC. */
static int
load_source(struct cage_loader *ld, struct cage_source *src)
{
	size_t idx = ld->pol->nsources;
	struct cage_ast *ast;
	int err;

	err = add_source(ld, src);
	if (err) {
		cage_source_free(src);
		return err;
	}
	ast = &ld->pol->asts[idx];
	/* Statements that parsed are still resolved, so that one run
	 * reports every error in the file. */
	err = cage_policy_parse(src, ast, ld->diags);
	if (err && err != -EINVAL)
		return err;
	err = 0;
	ld->stack[ld->depth++] = src;
	/* Includes grow pol->asts: index it afresh, the stmts stay put. */
	for (size_t i = 0; i < ld->pol->asts[idx].n && !err; i++)
		err = do_statement(ld, &ld->pol->asts[idx].stmts[i], src);
	ld->depth--;
	return err == -EINVAL ? 0 : err;
}

static int
load(const char *name, struct cage_source *top, struct cage_diags *diags,
     struct cage_policy **out)
{
	struct cage_loader ld = {.diags = diags};
	const struct cage_builtin *b;
	struct cage_source *groups = NULL;
	size_t errors = diags->errors;
	char *text;
	int err = 0;

	*out = NULL;
	ld.pol = calloc(1, sizeof(*ld.pol));
	if (!ld.pol || !(ld.pol->name = strdup(name))) {
		free(ld.pol);
		cage_source_free(top);
		return -ENOMEM;
	}
	/* Always the built-in groups: a file in a user's config directory
	 * must not change what @system-service means. */
	b = cage_builtin_find("groups");
	text = b ? strndup(b->text, b->size) : NULL;
	groups = text ? new_source("groups", NULL, text, b->size) : NULL;
	if (!groups) {
		free(text);
		err = -ENOMEM;
	}
	if (!err)
		err = load_source(&ld, groups);
	if (!err && !top)
		err = open_source(&ld, name, NULL, NULL, &top);
	if (!err)
		err = load_source(&ld, top);
	else
		cage_source_free(top);
	if (!err)
		err = cage_resolve_isolation_finish(&ld);
	if (!err)
		err = cage_resolve_finish(&ld);
	cage_loader_clear(&ld);
	if (!err && diags->errors > errors)
		err = -EINVAL;
	if (err) {
		cage_policy_free(ld.pol);
		return err;
	}
	*out = ld.pol;
	return 0;
}

int
cage_policy_load(const char *name, struct cage_diags *diags,
		 struct cage_policy **out)
{
	return load(name, NULL, diags, out);
}

int
cage_policy_load_buffer(const char *name, const char *dir, const char *text,
			size_t len, struct cage_diags *diags,
			struct cage_policy **out)
{
	struct cage_source *src;
	char *copy;

	*out = NULL;
	if (memchr(text, '\0', len)) {
		struct cage_source tmp = {.name = (char *)name};
		struct cage_loc loc = {&tmp, 0, 0, 0};

		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &loc,
			      "binary data, not policy text");
		return -EINVAL;
	}
	copy = strndup(text, len);
	src = copy ? new_source(name, dir ? dir : ".", copy, len) : NULL;
	if (!src) {
		free(copy);
		return -ENOMEM;
	}
	return load(name, src, diags, out);
}

void
cage_policy_free(struct cage_policy *pol)
{
	if (!pol)
		return;
	for (size_t i = 0; i < pol->nsources; i++) {
		cage_ast_free(&pol->asts[i]);
		cage_source_free(pol->sources[i]);
	}
	cage_isolation_clear(&pol->iso);
	free(pol->asts);
	free(pol->sources);
	free(pol->rules);
	free(pol->name);
	free(pol);
}

const struct cage_builtin *
cage_builtin_find(const char *name)
{
	for (size_t i = 0; i < cage_builtins_count; i++)
		if (!strcmp(cage_builtins[i].name, name))
			return &cage_builtins[i];
	return NULL;
}
