// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource limits as a policy says them: 'limit NAME VALUE' and --rlimit.
 * Names are prlimit(1)'s.  Applying them is rlimits.c's (the launch).
 */
#include "policy/limits.h"
#include "policy/policy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const struct {
	const char *name;
	int resource;
	bool bytes; /* takes K M G T */
	const char *step;
} table[] = {
	{"as", RLIMIT_AS, true, "setrlimit(RLIMIT_AS)"},
	{"core", RLIMIT_CORE, true, "setrlimit(RLIMIT_CORE)"},
	{"cpu", RLIMIT_CPU, false, "setrlimit(RLIMIT_CPU)"},
	{"data", RLIMIT_DATA, true, "setrlimit(RLIMIT_DATA)"},
	{"fsize", RLIMIT_FSIZE, true, "setrlimit(RLIMIT_FSIZE)"},
	{"locks", RLIMIT_LOCKS, false, "setrlimit(RLIMIT_LOCKS)"},
	{"memlock", RLIMIT_MEMLOCK, true, "setrlimit(RLIMIT_MEMLOCK)"},
	{"msgqueue", RLIMIT_MSGQUEUE, true, "setrlimit(RLIMIT_MSGQUEUE)"},
	{"nice", RLIMIT_NICE, false, "setrlimit(RLIMIT_NICE)"},
	{"nofile", RLIMIT_NOFILE, false, "setrlimit(RLIMIT_NOFILE)"},
	{"nproc", RLIMIT_NPROC, false, "setrlimit(RLIMIT_NPROC)"},
	{"rss", RLIMIT_RSS, true, "setrlimit(RLIMIT_RSS)"},
	{"rtprio", RLIMIT_RTPRIO, false, "setrlimit(RLIMIT_RTPRIO)"},
	{"rttime", RLIMIT_RTTIME, false, "setrlimit(RLIMIT_RTTIME)"},
	{"sigpending", RLIMIT_SIGPENDING, false,
	 "setrlimit(RLIMIT_SIGPENDING)"},
	{"stack", RLIMIT_STACK, true, "setrlimit(RLIMIT_STACK)"},
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

_Static_assert(RLIMIT_NLIMITS <= CAGE_NLIMITS, "rlimits do not fit");

static int
find(int resource)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (table[i].resource == resource)
			return (int)i;
	return -EINVAL;
}

int
cage_rlimit_resource(const char *name)
{
	for (size_t i = 0; i < NTABLE; i++)
		if (!strcmp(table[i].name, name))
			return table[i].resource;
	return -EINVAL;
}

const char *
cage_rlimit_name(int resource)
{
	int i = find(resource);

	return i < 0 ? NULL : table[i].name;
}

void
cage_rlimit_foreach(void (*fn)(const char *name, void *ctx), void *ctx)
{
	for (size_t i = 0; i < NTABLE; i++)
		fn(table[i].name, ctx);
}

static int
parse_one(const char *s, size_t len, bool bytes, uint64_t *v, const char **why)
{
	static const char units[] = "KMGT";
	unsigned long long n;
	const char *u;
	char buf[32], *end;

	if (len == 0 || len >= sizeof(buf)) {
		*why = "expected a number or 'unlimited'";
		return -EINVAL;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!strcmp(buf, "unlimited") || !strcmp(buf, "infinity")) {
		*v = RLIM_INFINITY;
		return 0;
	}
	if (buf[0] < '0' || buf[0] > '9') {
		*why = "expected a number or 'unlimited'";
		return -EINVAL;
	}
	errno = 0;
	n = strtoull(buf, &end, 10);
	if (errno) {
		*why = "too large";
		return -ERANGE;
	}
	u = *end && end[1] == '\0' && bytes ? strchr(units, *end & ~0x20)
					    : NULL;
	if (u && *u) {
		for (long k = u - units; k >= 0; k--) {
			if (n > (RLIM_INFINITY - 1) / 1024) {
				*why = "too large";
				return -ERANGE;
			}
			n *= 1024;
		}
	} else if (*end) {
		*why = bytes ? "expected a number of bytes, with K, M, G or T"
			     : "expected a plain number";
		return -EINVAL;
	}
	if (n >= RLIM_INFINITY) {
		*why = "too large";
		return -ERANGE;
	}
	*v = n;
	return 0;
}

int
cage_rlimit_parse_value(int resource, const char *text, uint64_t *soft,
			uint64_t *hard, const char **why)
{
	const char *colon = strchr(text, ':');
	int i = find(resource), err;

	*why = "unknown limit";
	if (i < 0)
		return -EINVAL;
	err = parse_one(text, colon ? (size_t)(colon - text) : strlen(text),
			table[i].bytes, soft, why);
	if (err)
		return err;
	if (!colon) {
		*hard = *soft;
		return 0;
	}
	err = parse_one(colon + 1, strlen(colon + 1), table[i].bytes, hard,
			why);
	if (!err && *soft > *hard) {
		*why = "the soft limit is above the hard limit";
		err = -EINVAL;
	}
	return err;
}

/* The Nth resource in the table's order (-1 past the end), its step name. */
int
cage_rlimit_nth(size_t n, const char **step)
{
	if (n >= NTABLE)
		return -1;
	*step = table[n].step;
	return table[n].resource;
}
