// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A private view: the plan (which namespaces, what is bound where), and
 * the child's first steps: unshare, the user namespace's maps, loopback.
 */
#include "launch/view.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct cage_view_plan *
cage_view_plan_new(void)
{
	return calloc(1, sizeof(struct cage_view_plan));
}

void
cage_view_plan_free(struct cage_view_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_mounts; i++) {
		free(p->mounts[i].source);
		free(p->mounts[i].target);
		free(p->mounts[i].what);
		free(p->mounts[i].link);
	}
	free(p->mounts);
	free(p->home);
	free(p->gitconfig);
	free(p->cwd);
	free(p);
}

/* An absolute path without "." components, repeated or trailing slashes;
 * NULL with errno EINVAL when it is relative or names "..". */
static char *
normalise(const char *path)
{
	size_t n = strlen(path), o = 0;
	char *out;

	if (path[0] != '/') {
		errno = EINVAL;
		return NULL;
	}
	out = malloc(n + 2);
	if (!out)
		return NULL;
	for (const char *s = path; *s;) {
		size_t len;

		while (*s == '/')
			s++;
		len = strcspn(s, "/");
		if (len == 0 || (len == 1 && s[0] == '.')) {
			s += len;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			free(out);
			errno = EINVAL;
			return NULL;
		}
		out[o++] = '/';
		memcpy(out + o, s, len);
		o += len;
		s += len;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

/* "A B at C", malloc'd: the step a mount is named by; NULL if no memory. */
static char *
describe(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + sizeof(" at ");
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s at %s", a, b, c);
	return out;
}

static int
add_mount(struct cage_view_plan *p, enum cage_view_kind kind,
	  const char *source, const char *target, unsigned flags)
{
	static const char *const kind_names[] = {
		[CAGE_VIEW_TMPFS] = "private tmpfs",
		[CAGE_VIEW_DEV] = "private /dev",
		[CAGE_VIEW_PROC] = "/proc",
		[CAGE_VIEW_HIDE] = "hide",
	};
	struct cage_view_mount m = {.kind = kind, .flags = flags};
	const char *name =
		(size_t)kind < sizeof(kind_names) / sizeof(*kind_names)
			? kind_names[kind]
			: NULL;

	if (!p->mounts || p->n_mounts == p->cap_mounts) {
		size_t cap = p->cap_mounts ? 2 * p->cap_mounts : 16;
		void *n = realloc(p->mounts, cap * sizeof(*p->mounts));

		if (!n)
			return -ENOMEM;
		p->mounts = n;
		p->cap_mounts = cap;
	}
	m.target = normalise(target);
	if (m.target && source)
		m.source = normalise(source);
	if (!m.target || (source && !m.source)) {
		int err = -errno;

		free(m.target);
		return err;
	}
	if (kind == CAGE_VIEW_BIND)
		m.what = describe("bind ", m.source, m.target);
	else
		m.what = describe(name ? name : "mount", "", m.target);
	if (!m.what) {
		free(m.source);
		free(m.target);
		return -ENOMEM;
	}
	m.order = p->n_mounts;
	p->mounts[p->n_mounts++] = m;
	return 0;
}

int
cage_view_plan_link(struct cage_view_plan *p, const char *path,
		    const char *text, unsigned flags)
{
	struct cage_view_mount *m;
	char *what, *link;
	size_t n;
	int err;

	if (p->finished)
		return -EBUSY;
	if (text[0] == '/' || !text[0] || strstr(text, ".."))
		return -EINVAL;
	link = strdup(text);
	if (!link)
		return -ENOMEM;
	err = add_mount(p, CAGE_VIEW_BIND, path, path, flags | CAGE_VIEW_LINK);
	if (err) {
		free(link);
		return err;
	}
	m = &p->mounts[p->n_mounts - 1];
	m->link = link;
	n = strlen(m->target) + strlen(text) + sizeof("link  -> ");
	what = malloc(n);
	if (!what)
		return -ENOMEM; /* the plan is freed whole */
	snprintf(what, n, "link %s -> %s", m->target, text);
	free(m->what);
	m->what = what;
	return 0;
}

int
cage_view_plan_hide(struct cage_view_plan *p, const char *path)
{
	if (p->finished)
		return -EBUSY;
	return add_mount(p, CAGE_VIEW_HIDE, NULL, path, 0);
}

int
cage_view_plan_bind(struct cage_view_plan *p, const char *source,
		    const char *target, unsigned flags)
{
	if (p->finished)
		return -EBUSY;
	return add_mount(p, CAGE_VIEW_BIND, source, target ? target : source,
			 flags);
}

static int
add_tmpfs(struct cage_view_plan *p, const char *target, unsigned mode,
	  bool owned)
{
	int err = add_mount(p, CAGE_VIEW_TMPFS, NULL, target, 0);

	if (!err) {
		p->mounts[p->n_mounts - 1].mode = mode;
		p->mounts[p->n_mounts - 1].owned = owned;
	}
	return err;
}

/* Parents before children: '/' sorts before every other byte; equal
 * targets keep their order, the later mounted on top. */
static int
compare_mounts(const void *a, const void *b)
{
	const struct cage_view_mount *x = a, *y = b;
	const unsigned char *s = (const unsigned char *)x->target;
	const unsigned char *t = (const unsigned char *)y->target;

	for (; *s && *s == *t; s++, t++)
		;
	if (*s != *t) {
		int cs = *s == '/' ? 1 : *s, ct = *t == '/' ? 1 : *t;

		return cs - ct;
	}
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
add_private(struct cage_view_plan *p)
{
	int err = 0;

	if (p->private_dev)
		err = add_mount(p, CAGE_VIEW_DEV, NULL, "/dev", 0);
	if (!err && (p->private_dev || p->private_tmp))
		err = add_tmpfs(p, "/dev/shm", 01777, false);
	if (!err && p->private_tmp)
		err = add_tmpfs(p, "/tmp", 01777, false);
	if (!err && p->private_tmp)
		err = add_tmpfs(p, "/var/tmp", 01777, false);
	if (!err && p->private_home)
		err = add_tmpfs(p, p->home, 0700, true);
	if (!err && (p->ns & CAGE_VIEW_NS_MOUNT))
		err = add_mount(p, CAGE_VIEW_PROC, NULL, "/proc", 0);
	return err;
}

int
cage_view_plan_finish(struct cage_view_plan *p, const char *home,
		      const char *cwd)
{
	int err;

	if (p->finished)
		return -EBUSY;
	if (p->private_home && (!home || home[0] != '/'))
		return -EINVAL;
	if (home && !(p->home = normalise(home)))
		return -errno;
	/* A private home on / would be the root itself. */
	if (p->private_home && strcmp(p->home, "/") == 0)
		return -EINVAL;
	if (cwd && cwd[0] == '/' && !(p->cwd = strdup(cwd)))
		return -ENOMEM;
	/* A PID namespace needs its own /proc; binds need a mount one. */
	if (p->private_tmp || p->private_home || p->private_dev ||
	    p->n_mounts || (p->ns & CAGE_VIEW_NS_PID))
		p->ns |= CAGE_VIEW_NS_MOUNT;
	if (p->ns && (geteuid() != 0 || p->force_user))
		p->ns |= CAGE_VIEW_NS_USER;
	p->uid = geteuid();
	p->gid = getegid();
	if (!p->owner_uid && !p->owner_gid) {
		p->owner_uid = p->uid;
		p->owner_gid = p->gid;
	}
	err = add_private(p);
	if (err)
		return err;
	if (p->n_mounts) /* qsort's array may not be NULL, even for none */
		qsort(p->mounts, p->n_mounts, sizeof(*p->mounts),
		      compare_mounts);
	p->finished = true;
	return 0;
}

/* The first line of a /proc/sys file as a number, or -1. */
static long
read_sysctl(const char *path)
{
	char buf[32];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

const char *
cage_view_hint(const char *step, int err)
{
	if (err < 0)
		err = -err;
	if (err != EPERM && err != ENOSPC && err != EUSERS && err != EACCES)
		return NULL;
	if (strncmp(step, "unshare", 7) &&
	    strncmp(step, "write /proc/self", 16))
		return NULL;
	if (read_sysctl("/proc/sys/user/max_user_namespaces") == 0)
		return "user namespaces are off: sysctl "
		       "user.max_user_namespaces "
		       "is 0";
	if (read_sysctl("/proc/sys/kernel/unprivileged_userns_clone") == 0)
		return "unprivileged user namespaces are off: sysctl "
		       "kernel.unprivileged_userns_clone is 0";
	if (read_sysctl(
		    "/proc/sys/kernel/apparmor_restrict_unprivileged_userns") ==
	    1)
		return "AppArmor refuses user namespaces to unconfined "
		       "programs: "
		       "sysctl kernel.apparmor_restrict_unprivileged_userns is "
		       "1";
	if (err == ENOSPC || err == EUSERS)
		return "too many namespaces: see the sysctls under "
		       "/proc/sys/user";
	return NULL;
}

static int
write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

/* The caller's uid and gid mapped to themselves: files keep their owners;
 * setgroups is denied first, as the kernel asks of an unprivileged map. */
static int
enter_user(const struct cage_view_plan *p, const char **step)
{
	char map[64];
	int err;

	*step = "unshare(CLONE_NEWUSER)";
	if (unshare(CLONE_NEWUSER) < 0)
		return -errno;
	*step = "write /proc/self/setgroups";
	err = write_file("/proc/self/setgroups", "deny");
	if (err && err != -ENOENT)
		return err;
	*step = "write /proc/self/uid_map";
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)p->uid,
		 (unsigned)p->uid);
	if ((err = write_file("/proc/self/uid_map", map)))
		return err;
	*step = "write /proc/self/gid_map";
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)p->gid,
		 (unsigned)p->gid);
	return write_file("/proc/self/gid_map", map);
}

/* Lo up in the network namespace we are in: below. */
static int lo_up(const char **step);

bool
cage_view_net_by_waiter(const struct cage_view_plan *p)
{
	return (p->ns & CAGE_VIEW_NS_NET) && (p->ns & CAGE_VIEW_NS_PID);
}

int
cage_view_net_enter(const char **step)
{
	*step = "unshare(CLONE_NEWNET)";
	if (unshare(CLONE_NEWNET) < 0)
		return -errno;
	return lo_up(step);
}

/* WITH_NET false: the network namespace is left to the waiter. */
static int
enter_all(const struct cage_view_plan *p, const char **step, bool with_net)
{
	static const struct {
		unsigned ns;
		int flag;
		const char *step;
	} order[] = {
		{CAGE_VIEW_NS_MOUNT, CLONE_NEWNS, "unshare(CLONE_NEWNS)"},
		{CAGE_VIEW_NS_IPC, CLONE_NEWIPC, "unshare(CLONE_NEWIPC)"},
		{CAGE_VIEW_NS_NET, CLONE_NEWNET, "unshare(CLONE_NEWNET)"},
		{CAGE_VIEW_NS_PID, CLONE_NEWPID, "unshare(CLONE_NEWPID)"},
	};
	int err;

	if ((p->ns & CAGE_VIEW_NS_USER) && (err = enter_user(p, step)))
		return err;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(p->ns & order[i].ns) ||
		    (order[i].flag == CLONE_NEWNET && !with_net))
			continue;
		*step = order[i].step;
		if (unshare(order[i].flag) < 0)
			return -errno;
		/* Before anything is mounted: nothing we mount may reach
		 * the host's namespace. */
		if (order[i].flag == CLONE_NEWNS) {
			*step = "make / a slave mount (MS_SLAVE|MS_REC)";
			if (mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
				return -errno;
		}
	}
	return 0;
}

/* Best effort: try the same in a throwaway child, since a half-made user
 * namespace (map refused) cannot be left again. */
static bool
can_enter(const struct cage_view_plan *p)
{
	const char *step;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0)
		_exit(enter_all(p, &step, true) ? 1 : 0);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int
cage_view_unshare(const struct cage_view_plan *p, const char **step)
{
	*step = "view plan";
	if (!p->finished)
		return -EINVAL;
	if (!p->ns)
		return 0;
	if (p->best_effort && !can_enter(p))
		return 1;
	return enter_all(p, step, !cage_view_net_by_waiter(p));
}

/* Without netlink: the flags of lo through an AF_INET datagram socket,
 * which any namespace has.  The kernel adds ::1 when lo comes up. */
static int
lo_up(const char **step)
{
	struct ifreq ifr = {0};
	int fd, err = 0;

	*step = "socket(AF_INET) for lo";
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	strcpy(ifr.ifr_name, "lo");
	*step = "ioctl(lo, SIOCGIFFLAGS)";
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		err = -errno;
	} else {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		*step = "ioctl(lo, SIOCSIFFLAGS): lo up";
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			err = -errno;
	}
	close(fd);
	return err;
}

int
cage_view_loopback(const struct cage_view_plan *p, const char **step)
{
	if (!(p->ns & CAGE_VIEW_NS_NET) || cage_view_net_by_waiter(p))
		return 0;
	return lo_up(step);
}
