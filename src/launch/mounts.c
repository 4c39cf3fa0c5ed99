// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * /proc/self/mountinfo: one parser for its lines, used by the home check
 * (fs_home.c, guarded.c) and by the terminals' carving (landlock_tty.c,
 * in the child, where it must not allocate).
 */
#include "launch/mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* An octal-escaped field of mountinfo (\040 for a blank), in place. */
void
cage_mountinfo_unescape(char *s)
{
	char *o = s;

	for (; *s; s++, o++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] &&
		    s[3]) {
			*o = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				    (s[3] - '0'));
			s += 3;
		} else {
			*o = *s;
		}
	}
	*o = '\0';
}

static int
parse_devno(const char *s, unsigned *maj, unsigned *min)
{
	char *end;
	unsigned long a, b;

	errno = 0;
	a = strtoul(s, &end, 10);
	if (end == s || *end != ':' || errno || a > UINT_MAX)
		return -1;
	s = end + 1;
	b = strtoul(s, &end, 10);
	if (end == s || *end || errno || b > UINT_MAX)
		return -1;
	*maj = (unsigned)a;
	*min = (unsigned)b;
	return 0;
}

/*
 * LINE, without its line feed, in place: "ID PARENT MAJ:MIN ROOT POINT
 * OPTIONS... - TYPE SOURCE SUPER".  0, or -1 when it is not such a line.
 */
int
cage_mountinfo_parse(char *line, struct cage_mountinfo *out)
{
	char *f[5], *save = NULL, *sep = strstr(line, " - ");
	size_t n = 0;

	if (!sep)
		return -1;
	*sep = '\0';
	out->type = strtok_r(sep + 3, " ", &save);
	for (char *t = strtok_r(line, " ", &save); t && n < 5;
	     t = strtok_r(NULL, " ", &save))
		f[n++] = t;
	if (n < 5 || !out->type || parse_devno(f[2], &out->maj, &out->min))
		return -1;
	cage_mountinfo_unescape(f[3]);
	cage_mountinfo_unescape(f[4]);
	out->root = f[3];
	out->point = f[4];
	return 0;
}

/*
 * Where PATH is on its filesystem, as a path from / when that names the
 * same directory: a bind mount of /etc/ssh at /mnt/x is /etc/ssh.  0, or
 * -1 when PATH is where it is.
 */
int
cage_mount_source(struct cage_mounts *m, const char *path,
		  const struct stat *st, char *out, size_t size)
{
	const char *best_root = NULL;
	size_t best = 0, len;
	struct stat ost;

	if (!m || cage_mounts_read(m))
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct cage_mount *mi = &m->v[i];

		if (mi->dev != st->st_dev)
			continue;
		len = strlen(mi->point);
		if (strncmp(path, mi->point, len) ||
		    (path[len] != '/' && path[len] && len > 1) ||
		    (len <= best && best_root) || strlen(mi->root) >= PATH_MAX)
			continue;
		best = len;
		best_root = mi->root;
	}
	if (!best_root || !strcmp(best_root, "/"))
		return -1;
	if (snprintf(out, size, "%s%s", best_root,
		     best > 1 ? path + best : path) >= (int)size ||
	    stat(out, &ost) < 0 || ost.st_dev != st->st_dev ||
	    ost.st_ino != st->st_ino || !strcmp(out, path))
		return -1;
	return 0;
}

void
cage_mounts_free(struct cage_mounts *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].point);
		free(m->v[i].root);
		free(m->v[i].type);
	}
	free(m->v);
}

/*
 * GCC 12's -fanalyzer loses the strings once the entry is stored through
 * m->v and calls them leaked; cage_mounts_free() frees them, and clang's
 * unix.Malloc, ASan and valgrind check it.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
/* Append MI to M, whose array has room: 0 or -ENOMEM (nothing added). */
static int
add_mount(struct cage_mounts *m, const struct cage_mountinfo *mi)
{
	struct cage_mount e = {
		.root = strdup(mi->root),
		.point = strdup(mi->point),
		.type = strdup(mi->type),
		.dev = makedev(mi->maj, mi->min),
	};

	if (!e.root || !e.point || !e.type) {
		free(e.root);
		free(e.point);
		free(e.type);
		return -ENOMEM;
	}
	m->v[m->n++] = e;
	return 0;
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

int
cage_mounts_read(struct cage_mounts *m)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	struct cage_mountinfo mi;
	struct cage_mount *v;
	int err = 0;

	if (m->read)
		return 0;
	m->read = true;
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno; /* fail closed: mounts below unknown */
	while (!err && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (cage_mountinfo_parse(line, &mi))
			continue;
		v = realloc(m->v, (m->n + 1) * sizeof(*v));
		if (!v) {
			err = -ENOMEM;
			break;
		}
		m->v = v;
		err = add_mount(m, &mi);
	}
	free(line);
	(void)fclose(f);
	return err;
}

/* Is A strictly below directory B (both absolute, no symlinks)? */
bool
cage_mounts_below(const char *a, const char *b)
{
	size_t n = strlen(b);

	if (!strcmp(b, "/"))
		return a[0] == '/' && a[1];
	return !strncmp(a, b, n) && a[n] == '/' && a[n + 1];
}

/*
 * What mount M (below RULE) shows, as a path from / (a bind of /var/lib
 * is /var/lib): another mount of the same filesystem, not below RULE,
 * whose root holds M's.  0, or -1 when none names it.
 */
int
cage_mounts_shown(const struct cage_mounts *m, const struct cage_mount *mt,
		  const char *rule, const struct stat *st, char *out,
		  size_t size)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct cage_mount *o = &m->v[i];
		size_t n = strlen(o->root);
		struct stat ost;

		if (o == mt || o->dev != mt->dev ||
		    cage_mounts_below(o->point, rule) ||
		    !strcmp(o->point, mt->point))
			continue;
		if (strcmp(o->root, "/") &&
		    (strncmp(mt->root, o->root, n) ||
		     (mt->root[n] && mt->root[n] != '/')))
			continue;
		if (snprintf(out, size, "%s%s",
			     strcmp(o->point, "/") ? o->point : "",
			     mt->root + (strcmp(o->root, "/") ? n : 0)) >=
			    (int)size ||
		    stat(out, &ost) < 0 || ost.st_dev != st->st_dev ||
		    ost.st_ino != st->st_ino)
			continue;
		if (!out[0])
			snprintf(out, size, "/");
		return 0;
	}
	return -1;
}

/* PATH is absolute with no empty, "." or ".." component and no slash at
 * the end: as realpath would write it if no component is a link. */
static bool
plain_path(const char *path)
{
	if (path[0] != '/')
		return false;
	if (!path[1])
		return true;
	for (const char *p = path; *p; p++)
		if (p[0] == '/' &&
		    (p[1] == '/' || p[1] == '\0' ||
		     (p[1] == '.' && (p[2] == '/' || p[2] == '\0')) ||
		     (p[1] == '.' && p[2] == '.' &&
		      (p[3] == '/' || p[3] == '\0'))))
			return false;
	return true;
}

int
cage_mounts_realpath(const char *path, char *out, struct stat *st)
{
	struct open_how how = {.flags = O_PATH | O_CLOEXEC,
			       .resolve = RESOLVE_NO_SYMLINKS |
					  RESOLVE_NO_MAGICLINKS};
	size_t n = strlen(path);
	int fd = -1;

	if (plain_path(path) && n < PATH_MAX)
		fd = (int)syscall(SYS_openat2, AT_FDCWD, path, &how,
				  sizeof(how));
	if (fd >= 0) {
		int err = fstat(fd, st) < 0 ? -errno : 0;

		close(fd);
		if (!err)
			memcpy(out, path, n + 1);
		return err;
	}
	if (plain_path(path) && (errno == ENOENT || errno == ENOTDIR))
		return -ENOENT; /* missing before any link: realpath too */
	if (!realpath(path, out))
		return -errno;
	return stat(out, st) < 0 ? -errno : 0;
}
