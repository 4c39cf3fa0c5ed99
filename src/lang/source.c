// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Finding and reading a policy's text safely: a path, an installed name
 * (XDG config, then /etc) or a built-in.  Files are regular files only,
 * checked before and after the open, read once into memory and read again
 * if they changed meanwhile, under a size cap.
 */
#include "base/suggest.h"
#include "lang/builtins.h"
#include "lang/source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Policies are small; anything larger is a mistake or an attack (load.c
 * bounds what the text may ask of the later stages). */
#define MAX_POLICY_SIZE (1u << 20)
#define READ_ATTEMPTS	3

/* A source and the identity of its file, for cycles and diamonds. */
struct file_source {
	struct cage_source src; /* first: pol->sources holds &src */
	dev_t dev;
	ino_t ino;
};

static bool
is_path(const char *name)
{
	size_t n = strlen(name);

	return strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".policy"));
}

/* Takes TEXT; F (a file's identity) may be NULL for a built-in. */
struct cage_source *
cage_source_new(const char *name, const char *dir, char *text, size_t size,
		const struct stat *f)
{
	struct file_source *fs = calloc(1, sizeof(*fs));

	if (!fs)
		return NULL;
	fs->src.name = strdup(name);
	fs->src.dir = dir ? strdup(dir) : NULL;
	fs->src.text = text;
	fs->src.size = size;
	fs->dev = f ? f->st_dev : 0;
	fs->ino = f ? f->st_ino : 0;
	if (!fs->src.name || (dir && !fs->src.dir)) {
		free(fs->src.name);
		free(fs->src.dir);
		free(fs);
		return NULL;
	}
	return (struct cage_source *)fs; /* its first member */
}

void
cage_source_free(struct cage_source *src)
{
	if (!src)
		return;
	free(src->name);
	free(src->dir);
	free(src->text);
	free(src); /* the file_source it starts */
}

/* What writing to a file changes. */
static bool
same_state(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Up to MAX_POLICY_SIZE + 1 bytes of FD, from its start. */
static int
read_all(int fd, char **buf, size_t *got)
{
	ssize_t n;
	int err;

	*got = 0;
	*buf = malloc(MAX_POLICY_SIZE + 1);
	if (!*buf)
		return -ENOMEM;
	while (*got <= MAX_POLICY_SIZE) {
		n = pread(fd, *buf + *got, MAX_POLICY_SIZE + 1 - *got,
			  (off_t)*got);
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			free(*buf);
			*buf = NULL;
			return err;
		}
		*got += (size_t)n;
	}
	return 0;
}

/*
 * F's text: a regular file, not too large, text.  It is read into memory
 * once, and read again if it changed meanwhile (rewritten in place), so
 * that the policy is one version of the file, never a mix.
 */
static int
read_policy_file(struct cage_found *f, char **text, size_t *size,
		 const char **why)
{
	struct stat after;
	size_t got = 0;
	char *buf = NULL, *fit;
	int err = 0;

	for (unsigned i = 0; i < READ_ATTEMPTS && !buf; i++) {
		if (f->st.st_size > MAX_POLICY_SIZE)
			break;
		err = read_all(f->fd, &buf, &got);
		if (!err && fstat(f->fd, &after) < 0)
			err = -errno;
		if (err) {
			free(buf);
			return err;
		}
		if (!same_state(&f->st, &after)) {
			free(buf);
			buf = NULL;
			f->st = after;
		}
	}
	if (!buf && f->st.st_size <= MAX_POLICY_SIZE) {
		*why = "changed while it was being read";
		return -EAGAIN;
	}
	if (!buf || got > MAX_POLICY_SIZE) {
		*why = "is larger than 1 MiB, too large for a policy";
		free(buf);
		return -EFBIG;
	}
	if (memchr(buf, '\0', got)) {
		*why = "is a binary file, not policy text";
		free(buf);
		return -EINVAL;
	}
	fit = realloc(buf, got + 1);
	buf = fit ? fit : buf;
	buf[got] = '\0';
	*text = buf;
	*size = got;
	return 0;
}

/*
 * Open F->path: a regular file only, checked before the open so that no
 * device is opened, and again on the descriptor, opened with O_NONBLOCK so
 * that a FIFO swapped in meanwhile cannot block.
 */
static int
open_policy_file(struct cage_found *f, const char **why)
{
	struct stat st;

	f->fd = -1;
	if (stat(f->path, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode)) {
		f->fd = open(f->path,
			     O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (f->fd < 0 || fstat(f->fd, &st) < 0)
			return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? "is a directory"
					   : "is not a regular file";
		return -EINVAL;
	}
	f->st = st;
	return 0;
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
	int n = -1;

	/* A name too long for a path is no installed policy's. */
	if (xdg && xdg[0] == '/')
		n = snprintf(path, sizeof(path),
			     "%s/syscage/policies/%s.policy", xdg, name);
	else if (home && home[0] == '/')
		n = snprintf(path, sizeof(path),
			     "%s/.config/syscage/policies/%s.policy", home,
			     name);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, F_OK) == 0)
		return strdup(path);
	n = snprintf(path, sizeof(path), "/etc/syscage/policies/%s.policy",
		     name);
	if (n > 0 && (size_t)n < sizeof(path) && access(path, F_OK) == 0)
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

static void
cannot_read(struct cage_loader *ld, const struct cage_loc *loc,
	    const char *path, const char *why, int err)
{
	if (why)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc, "%s %s",
			      path, why);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "cannot read %s: %s", path, strerror(-err));
}

void
cage_source_found_clear(struct cage_found *f)
{
	if (f->fd >= 0)
		close(f->fd);
	free(f->path);
	f->fd = -1;
	f->path = NULL;
}

/*
 * Find NAME's text.  FROM is the including file (NULL for the top):
 * paths are relative to it, and built-ins include only built-ins so that
 * a file in a user's config cannot change what 'default' means.  A file
 * is opened, not read yet: one that was read already is not read again.
 */
int
cage_source_find(struct cage_loader *ld, const char *name,
		 const struct cage_source *from, const struct cage_loc *loc,
		 struct cage_found *f)
{
	const char *why = NULL;
	int err;

	*f = (struct cage_found){.fd = -1};
	if (is_path(name)) {
		if (from && !from->dir) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
				      "a built-in policy can only include "
				      "built-ins, not '%s'",
				      name);
			return -EINVAL;
		}
		if (from && name[0] != '/' &&
		    asprintf(&f->path, "%s/%s", from->dir, name) < 0) {
			f->path = NULL;
			return -ENOMEM;
		}
		if (!f->path && !(f->path = strdup(name)))
			return -ENOMEM;
	} else if (!from || from->dir) {
		f->path = find_installed(name);
	}
	if (!f->path) {
		f->builtin = cage_builtin_find(name);
		if (!f->builtin) {
			unknown_policy(ld, loc, name);
			return -ENOENT;
		}
		return 0;
	}
	err = open_policy_file(f, &why);
	if (err)
		cannot_read(ld, loc, f->path, why, err);
	return err;
}

/* Read what find_source found into a source named NAME if a built-in. */
int
cage_source_read(struct cage_loader *ld, const char *name, struct cage_found *f,
		 const struct cage_loc *loc, struct cage_source **out)
{
	const char *why = NULL;
	char *text = NULL, *dir;
	size_t size = 0;
	int err;

	*out = NULL;
	if (f->builtin) {
		size = f->builtin->size;
		text = strndup(f->builtin->text, size);
		*out = text ? cage_source_new(name, NULL, text, size, NULL)
			    : NULL;
		if (!*out)
			free(text);
		return *out ? 0 : -ENOMEM;
	}
	err = read_policy_file(f, &text, &size, &why);
	if (err) {
		cannot_read(ld, loc, f->path, why, err);
		return err;
	}
	dir = dir_of(f->path);
	*out = dir ? cage_source_new(f->path, dir, text, size, &f->st) : NULL;
	free(dir);
	if (!*out) {
		free(text);
		return -ENOMEM;
	}
	return 0;
}

/* The source read already that F is: files by device and inode,
 * built-ins by name. */
struct cage_source *
cage_source_known(const struct cage_loader *ld, const struct cage_found *f,
		  const char *name)
{
	for (size_t i = 0; i < ld->pol->nsources; i++) {
		struct cage_source *s = ld->pol->sources[i];
		const struct file_source *fs = (const struct file_source *)s;

		if (f->builtin ? !s->dir && !strcmp(s->name, name)
			       : s->dir && fs->ino && fs->ino == f->st.st_ino &&
					 fs->dev == f->st.st_dev)
			return s;
	}
	return NULL;
}
