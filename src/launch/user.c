// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --user USER[:GROUP]: names are resolved in the parent (NSS may load
 * modules and open files), the switch happens in the child and is read
 * back, since a uid-0 target with every capability dropped can still
 * write root's files.
 */
#include "launch/user.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

/* A decimal id that fits, or -1. */
static long long
number(const char *s)
{
	char *end;
	unsigned long long n;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n >= (uid_t)-1)
		return -1;
	return (long long)n;
}

static int
resolve_user(const char *name, uid_t *uid, gid_t *gid)
{
	struct passwd pw, *res = NULL;
	long long n = number(name);
	char buf[4096];
	int r;

	if (n >= 0)
		r = getpwuid_r((uid_t)n, &pw, buf, sizeof(buf), &res);
	else
		r = getpwnam_r(name, &pw, buf, sizeof(buf), &res);
	if (r)
		return -r;
	if (res) {
		*uid = res->pw_uid;
		*gid = res->pw_gid;
		return 0;
	}
	if (n < 0)
		return -ENOENT;
	/* A uid without a passwd entry: its own number as the group, never
	 * root's group by default. */
	*uid = (uid_t)n;
	*gid = (gid_t)n;
	return 0;
}

static int
resolve_group(const char *name, gid_t *gid)
{
	struct group gr, *res = NULL;
	long long n = number(name);
	char buf[4096];
	int r;

	if (n >= 0) {
		*gid = (gid_t)n;
		return 0;
	}
	r = getgrnam_r(name, &gr, buf, sizeof(buf), &res);
	if (r)
		return -r;
	if (!res)
		return -ENOENT;
	*gid = res->gr_gid;
	return 0;
}

int
cage_user_resolve(const char *spec, uid_t *uid, gid_t *gid)
{
	const char *colon = strchr(spec, ':');
	char user[256];
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	int err;

	if (len == 0 || len >= sizeof(user) || (colon && !colon[1]))
		return -EINVAL;
	memcpy(user, spec, len);
	user[len] = '\0';
	err = resolve_user(user, uid, gid);
	if (!err && colon)
		err = resolve_group(colon + 1, gid);
	return err;
}

/* setresuid away from root cleared the effective set; the capability
 * step needs CAP_SETPCAP to empty the bounding set and lock securebits. */
static int
restore_effective(void)
{
	cap_t c = cap_get_proc();
	int err = 0;

	if (!c)
		return -errno;
	if (cap_fill(c, CAP_EFFECTIVE, CAP_PERMITTED) < 0 ||
	    cap_set_proc(c) < 0)
		err = -errno;
	cap_free(c);
	return err;
}

static int
verify(uid_t uid, gid_t gid)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (getresuid(&r, &e, &s) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return -errno;
	if (r != uid || e != uid || s != uid || rg != gid || eg != gid ||
	    sg != gid)
		return -EPERM;
	if (getgroups(0, NULL) != 0)
		return -EPERM;
	return 0;
}

int
cage_user_apply(bool set_user, uid_t uid, gid_t gid, const char **step)
{
	int err;

	if (!set_user)
		return 0;
	*step = "prctl(PR_SET_KEEPCAPS)";
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return -errno;
	*step = "setgroups";
	if (setgroups(0, NULL) < 0)
		return -errno;
	*step = "setresgid";
	if (setresgid(gid, gid, gid) < 0)
		return -errno;
	*step = "setresuid";
	if (setresuid(uid, uid, uid) < 0)
		return -errno;
	*step = "capset (after the user switch)";
	err = restore_effective();
	if (err)
		return err;
	*step = "getresuid (confirm the user switch)";
	return verify(uid, gid);
}
