// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Syscall argument values by name (argnames.h): the names each argument
 * takes, and one name per value where the headers give several.
 */
#include "base/argnames.h"
#include "base/consts.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Other names of a value named otherwise: never printed. */
static const char *const aliases[] = {
	"AF_FILE",   "AF_LOCAL", "AF_ROUTE", "AF_MAX",	     "O_NDELAY",
	"O_FSYNC",   "O_RSYNC",	 "SIGIOT",   "SIGPOLL",	     "SIGCLD",
	"SIGUNUSED", "SIGSTKSZ", "TIOCINQ",  "RLIMIT_OFILE", "RLIMIT_NLIMITS",
	"MAP_ANON",  "MAP_FILE", "PER_MASK",
};

/* fcntl(2) commands: F_* also names lock types and lockf(3) commands
 * of the same values (F_EXLCK and F_SETFL are both 4). */
static const char *const fcntl_cmds[] = {
	"F_DUPFD",	   "F_GETFD",	    "F_SETFD",	     "F_GETFL",
	"F_SETFL",	   "F_GETLK",	    "F_SETLK",	     "F_SETLKW",
	"F_SETOWN",	   "F_GETOWN",	    "F_SETSIG",	     "F_GETSIG",
	"F_SETOWN_EX",	   "F_GETOWN_EX",   "F_OFD_GETLK",   "F_OFD_SETLK",
	"F_OFD_SETLKW",	   "F_SETLEASE",    "F_GETLEASE",    "F_NOTIFY",
	"F_DUPFD_CLOEXEC", "F_SETPIPE_SZ",  "F_GETPIPE_SZ",  "F_ADD_SEALS",
	"F_GET_SEALS",	   "F_GET_RW_HINT", "F_SET_RW_HINT", NULL,
};

/* Netlink protocols: NETLINK_* also names socket options. */
static const char *const netlink_protos[] = {
	"NETLINK_ROUTE",
	"NETLINK_USERSOCK",
	"NETLINK_FIREWALL",
	"NETLINK_SOCK_DIAG",
	"NETLINK_NFLOG",
	"NETLINK_XFRM",
	"NETLINK_SELINUX",
	"NETLINK_ISCSI",
	"NETLINK_AUDIT",
	"NETLINK_FIB_LOOKUP",
	"NETLINK_CONNECTOR",
	"NETLINK_NETFILTER",
	"NETLINK_IP6_FW",
	"NETLINK_DNRTMSG",
	"NETLINK_KOBJECT_UEVENT",
	"NETLINK_GENERIC",
	"NETLINK_SCSITRANSPORT",
	"NETLINK_ECRYPTFS",
	"NETLINK_RDMA",
	"NETLINK_CRYPTO",
	"NETLINK_SMC",
	NULL,
};

/* open(2) flags in the order its manual lists them; names of several
 * bits first, so that O_SYNC is not printed as O_DSYNC and a bit. */
static const char *const oflags[] = {
	"O_SYNC",    "O_TMPFILE",   "O_CREAT",	   "O_EXCL",	 "O_NOCTTY",
	"O_TRUNC",   "O_APPEND",    "O_NONBLOCK",  "O_DSYNC",	 "O_ASYNC",
	"O_DIRECT",  "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME",
	"O_CLOEXEC", "O_PATH",	    NULL,
};

static const char *const fdflags[] = {"FD_CLOEXEC", NULL};

/* prctl(2) options beyond PR_SET_* and PR_GET_*. */
static const char *const prctl_more[] = {
	"PR_CAPBSET_READ",
	"PR_CAPBSET_DROP",
	"PR_CAP_AMBIENT",
	"PR_TASK_PERF_EVENTS_DISABLE",
	"PR_TASK_PERF_EVENTS_ENABLE",
	"PR_MCE_KILL",
	"PR_MCE_KILL_GET",
	"PR_SCHED_CORE",
	NULL,
};

static bool
listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

static bool
is_alias(const char *name)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (!strcmp(aliases[i], name))
			return true;
	return false;
}

static bool
starts(const char *name, const char *prefix)
{
	return !strncmp(name, prefix, strlen(prefix));
}

/* A prctl option, not one of an option's values (PR_SET_MM_*...). */
static bool
prctl_option(const char *name)
{
	if (listed(prctl_more, name))
		return true;
	if (!starts(name, "PR_SET_") && !starts(name, "PR_GET_"))
		return false;
	return !starts(name, "PR_SET_MM_") && !starts(name, "PR_SET_VMA_") &&
	       strcmp(name, "PR_SET_PTRACER_ANY");
}

/* Whether NAME (with value V) names a value of NS. */
static bool
in_ns(enum cage_ns ns, const char *name, uint64_t v)
{
	if (is_alias(name))
		return false;
	switch (ns) {
	case CAGE_NS_AF:
		return starts(name, "AF_");
	case CAGE_NS_NETLINK:
		return listed(netlink_protos, name);
	case CAGE_NS_FCNTL:
		return listed(fcntl_cmds, name);
	case CAGE_NS_FDFLAGS:
		return listed(fdflags, name);
	case CAGE_NS_OFLAGS:
	case CAGE_NS_STATUSFLAGS:
		return listed(oflags, name);
	case CAGE_NS_CLONE:
	case CAGE_NS_NSFLAGS:
		return starts(name, "CLONE_");
	case CAGE_NS_PROT:
		return starts(name, "PROT_");
	case CAGE_NS_MAP:
		return starts(name, "MAP_") &&
		       (!strstr(name, "HUGE_") || !strcmp(name, "MAP_HUGETLB"));
	case CAGE_NS_PRCTL:
		return prctl_option(name);
	case CAGE_NS_SIG:
		return starts(name, "SIG") && !strchr(name, '_');
	case CAGE_NS_IOCTL: /* request numbers, not TCSANOW and the like */
		return v >= 0x100 &&
		       (starts(name, "TIOC") || starts(name, "TC") ||
			starts(name, "FIO"));
	case CAGE_NS_PERSONALITY:
		return starts(name, "PER_");
	case CAGE_NS_RLIMIT:
		return starts(name, "RLIMIT_");
	default:
		return false;
	}
}

/* Among several names of one value, the first by this order: TIOC
 * before TC before FIO, then the table's (alphabetical) order. */
static int
preference(const char *name)
{
	if (starts(name, "TC"))
		return 1;
	if (starts(name, "FIO") && strcmp(name, "FIONREAD"))
		return 2;
	return 0;
}

const char *
cage_ns_name(enum cage_ns ns, uint64_t v)
{
	const char *best = NULL;

	for (size_t i = 0; i < cage_consts_count; i++) {
		const struct cage_const *c = &cage_consts[i];

		if (c->value != v || !in_ns(ns, c->name, v))
			continue;
		if (!best || preference(c->name) < preference(best))
			best = c->name;
	}
	return best;
}

/* Appends "|S" (or S first) to OUT. */
static void
append(char *out, size_t size, const char *s)
{
	size_t n = strlen(out);

	if (n < size)
		snprintf(out + n, size - n, "%s%s", n ? "|" : "", s);
}

static void
append_number(char *out, size_t size, enum cage_ns ns, uint64_t v)
{
	char num[32];

	/* open(2) flags and modes in octal, as their manuals write them */
	if (ns == CAGE_NS_MODE || ns == CAGE_NS_OFLAGS ||
	    ns == CAGE_NS_STATUSFLAGS)
		snprintf(num, sizeof(num), "%#llo", (unsigned long long)v);
	else
		snprintf(num, sizeof(num), "%#llx", (unsigned long long)v);
	append(out, size, num);
}

/* The names of several bits that are all in *LEFT, in LIST's order. */
static void
name_multi(char *out, size_t size, const char *const *list, uint64_t *left)
{
	for (; list && *list; list++) {
		uint64_t v;

		if (cage_const_lookup(*list, &v) < 0 || !v ||
		    (v & (v - 1)) == 0 || (*left & v) != v)
			continue;
		append(out, size, *list);
		*left &= ~v;
	}
}

/* The bits of *LEFT that have a name in NS, lowest first. */
static void
name_bits(char *out, size_t size, enum cage_ns ns, uint64_t *left)
{
	const char *by_bit[64] = {0};

	for (size_t i = 0; i < cage_consts_count; i++) {
		const struct cage_const *c = &cage_consts[i];
		unsigned bit;

		if (!c->value || (c->value & (c->value - 1)) ||
		    !(*left & c->value) || !in_ns(ns, c->name, c->value))
			continue;
		bit = (unsigned)__builtin_ctzll(c->value);
		if (!by_bit[bit])
			by_bit[bit] = c->name;
	}
	for (unsigned bit = 0; bit < 64; bit++) {
		if (!by_bit[bit])
			continue;
		append(out, size, by_bit[bit]);
		*left &= ~(1ull << bit);
	}
}

static void
name_flags(char *out, size_t size, enum cage_ns ns, uint64_t v)
{
	static const char *const mode_bits[] = {"S_ISUID", "S_ISGID", "S_ISVTX",
						NULL};
	uint64_t left = v;

	if (ns == CAGE_NS_OFLAGS || ns == CAGE_NS_STATUSFLAGS)
		name_multi(out, size, oflags, &left);
	if (ns == CAGE_NS_MODE) {
		for (const char *const *p = mode_bits; *p; p++) {
			uint64_t b;

			if (cage_const_lookup(*p, &b) == 0 && (left & b) == b) {
				append(out, size, *p);
				left &= ~b;
			}
		}
	} else {
		name_bits(out, size, ns, &left);
	}
	if (left || !out[0])
		append_number(out, size, ns, left);
}

static void
name_socktype(char *out, size_t size, uint64_t v)
{
	static const char *const types[] = {
		NULL,	     "SOCK_STREAM", "SOCK_DGRAM",
		"SOCK_RAW",  "SOCK_RDM",    "SOCK_SEQPACKET",
		"SOCK_DCCP", NULL,	    NULL,
		NULL,	     "SOCK_PACKET"};
	const char *type = (v & 0xf) < 11 ? types[v & 0xf] : NULL;
	uint64_t left = v & ~0xfull;
	uint64_t nb = 0, ce = 0;

	if (type)
		append(out, size, type);
	else
		left = v;
	cage_const_lookup("SOCK_NONBLOCK", &nb);
	cage_const_lookup("SOCK_CLOEXEC", &ce);
	if (nb && (left & nb)) {
		append(out, size, "SOCK_NONBLOCK");
		left &= ~nb;
	}
	if (ce && (left & ce)) {
		append(out, size, "SOCK_CLOEXEC");
		left &= ~ce;
	}
	if (left || !out[0])
		append_number(out, size, CAGE_NS_HEX, left);
}

/* clone(2)'s flags, then its exit signal in the low byte. */
static void
name_clone(char *out, size_t size, uint64_t v, uint64_t mask)
{
	uint64_t sig = v & 0xff & mask;

	if (v & ~0xffull)
		name_flags(out, size, CAGE_NS_NSFLAGS, v & ~0xffull);
	if (sig) {
		const char *name = cage_ns_name(CAGE_NS_SIG, sig);

		if (name)
			append(out, size, name);
		else
			append_number(out, size, CAGE_NS_HEX, sig);
	}
	if (!out[0])
		append(out, size, "0");
}

/* An open(2) flags value: its access mode where MASK covers it. */
static void
name_oflags(char *out, size_t size, uint64_t v, uint64_t mask)
{
	static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR",
					  "3"};
	uint64_t accmode = 3;

	cage_const_lookup("O_ACCMODE", &accmode);
	if ((mask & accmode) == accmode)
		append(out, size, acc[v & 3]);
	if (v & ~accmode)
		name_flags(out, size, CAGE_NS_OFLAGS, v & ~accmode);
	if (!out[0])
		append(out, size, "0");
}

/* personality(2): the flags by name, then the persona (PER_*). */
static void
name_personality(char *out, size_t size, uint64_t v)
{
	static const char *const flags[] = {
		"UNAME26",	    "ADDR_NO_RANDOMIZE",  "FDPIC_FUNCPTRS",
		"MMAP_PAGE_ZERO",   "ADDR_COMPAT_LAYOUT", "READ_IMPLIES_EXEC",
		"ADDR_LIMIT_32BIT", "SHORT_INODE",	  "WHOLE_SECONDS",
		"STICKY_TIMEOUTS",  "ADDR_LIMIT_3GB",	  NULL};
	const char *name = cage_ns_name(CAGE_NS_PERSONALITY, v);
	uint64_t left = v & ~0xffull;

	if (name) {
		snprintf(out, size, "%s", name);
		return;
	}
	if (v == 0xffffffff || (v >> 32)) { /* 0xffffffff: a query */
		snprintf(out, size, "%#llx", (unsigned long long)v);
		return;
	}
	for (const char *const *p = flags; *p; p++) {
		uint64_t b;

		if (cage_const_lookup(*p, &b) == 0 && b && (left & b) == b) {
			append(out, size, *p);
			left &= ~b;
		}
	}
	name = cage_ns_name(CAGE_NS_PERSONALITY, v & 0xff);
	if (left || !name) {
		snprintf(out, size, "%#llx", (unsigned long long)v);
		return;
	}
	if ((v & 0xff) || !out[0])
		append(out, size, name);
}

void
cage_ns_value(char *out, size_t size, enum cage_ns ns, uint64_t v,
	      uint64_t mask)
{
	const char *name;

	out[0] = '\0';
	switch (ns) {
	case CAGE_NS_HEX:
		snprintf(out, size, "%#llx", (unsigned long long)v);
		return;
	case CAGE_NS_NUM:
		snprintf(out, size, "%lld", (long long)v);
		return;
	case CAGE_NS_MODE:
		snprintf(out, size, "%#llo", (unsigned long long)v);
		return;
	case CAGE_NS_OFLAGS:
		name_oflags(out, size, v, mask);
		return;
	case CAGE_NS_SOCKTYPE:
		name_socktype(out, size, v);
		return;
	case CAGE_NS_CLONE:
		name_clone(out, size, v, mask);
		return;
	case CAGE_NS_NSFLAGS:
	case CAGE_NS_MAP:
	case CAGE_NS_FDFLAGS:
	case CAGE_NS_STATUSFLAGS:
		if (!v)
			snprintf(out, size, "0");
		else
			name_flags(out, size, ns, v);
		return;
	case CAGE_NS_PERSONALITY:
		name_personality(out, size, v);
		return;
	case CAGE_NS_PROT:
		if (!v)
			snprintf(out, size, "PROT_NONE");
		else
			name_flags(out, size, ns, v);
		return;
	default:
		name = cage_ns_name(ns, v);
		if (name)
			snprintf(out, size, "%s", name);
		else
			snprintf(out, size, "%#llx", (unsigned long long)v);
	}
}

void
cage_ns_mask(char *out, size_t size, enum cage_ns ns, uint64_t mask)
{
	uint64_t accmode = 3;

	out[0] = '\0';
	switch (ns) {
	case CAGE_NS_OFLAGS:
		cage_const_lookup("O_ACCMODE", &accmode);
		if ((mask & accmode) == accmode) {
			append(out, size, "O_ACCMODE");
			mask &= ~accmode;
		}
		if (mask)
			name_flags(out, size, ns, mask);
		return;
	case CAGE_NS_MODE:
	case CAGE_NS_CLONE:
	case CAGE_NS_NSFLAGS:
	case CAGE_NS_PROT:
	case CAGE_NS_MAP:
	case CAGE_NS_FDFLAGS:
	case CAGE_NS_STATUSFLAGS:
	case CAGE_NS_SOCKTYPE:
		name_flags(out, size,
			   ns == CAGE_NS_CLONE ? CAGE_NS_NSFLAGS : ns, mask);
		return;
	default:
		append_number(out, size, CAGE_NS_HEX, mask);
	}
}

/* What names each argument of the calls people ask about. */
static const struct {
	const char *sys;
	unsigned char ns[6];
} calls[] = {
	{"socket", {CAGE_NS_AF, CAGE_NS_SOCKTYPE, CAGE_NS_NUM}},
	{"socketpair", {CAGE_NS_AF, CAGE_NS_SOCKTYPE, CAGE_NS_NUM}},
	{"open", {CAGE_NS_HEX, CAGE_NS_OFLAGS, CAGE_NS_MODE}},
	{"openat", {CAGE_NS_NUM, CAGE_NS_HEX, CAGE_NS_OFLAGS, CAGE_NS_MODE}},
	{"creat", {CAGE_NS_HEX, CAGE_NS_MODE}},
	{"mkdir", {CAGE_NS_HEX, CAGE_NS_MODE}},
	{"mkdirat", {CAGE_NS_NUM, CAGE_NS_HEX, CAGE_NS_MODE}},
	{"mknod", {CAGE_NS_HEX, CAGE_NS_MODE}},
	{"mknodat", {CAGE_NS_NUM, CAGE_NS_HEX, CAGE_NS_MODE}},
	{"chmod", {CAGE_NS_HEX, CAGE_NS_MODE}},
	{"fchmod", {CAGE_NS_NUM, CAGE_NS_MODE}},
	{"fchmodat", {CAGE_NS_NUM, CAGE_NS_HEX, CAGE_NS_MODE}},
	{"fchmodat2", {CAGE_NS_NUM, CAGE_NS_HEX, CAGE_NS_MODE}},
	{"fcntl", {CAGE_NS_NUM, CAGE_NS_FCNTL, CAGE_NS_HEX}},
	{"ioctl", {CAGE_NS_NUM, CAGE_NS_IOCTL}},
	{"clone", {CAGE_NS_CLONE}},
	{"unshare", {CAGE_NS_NSFLAGS}},
	{"setns", {CAGE_NS_NUM, CAGE_NS_NSFLAGS}},
	{"mmap",
	 {CAGE_NS_HEX, CAGE_NS_NUM, CAGE_NS_PROT, CAGE_NS_MAP, CAGE_NS_NUM}},
	{"mprotect", {CAGE_NS_HEX, CAGE_NS_NUM, CAGE_NS_PROT}},
	{"prctl", {CAGE_NS_PRCTL}},
	{"kill", {CAGE_NS_NUM, CAGE_NS_SIG}},
	{"tkill", {CAGE_NS_NUM, CAGE_NS_SIG}},
	{"tgkill", {CAGE_NS_NUM, CAGE_NS_NUM, CAGE_NS_SIG}},
	{"personality", {CAGE_NS_PERSONALITY}},
	{"prlimit64", {CAGE_NS_NUM, CAGE_NS_RLIMIT}},
	{"setrlimit", {CAGE_NS_RLIMIT}},
	{"getrlimit", {CAGE_NS_RLIMIT}},
	{"setpriority", {CAGE_NS_NUM, CAGE_NS_NUM, CAGE_NS_NUM}},
	{"ioprio_set", {CAGE_NS_NUM, CAGE_NS_NUM}},
	{"sched_setaffinity", {CAGE_NS_NUM}},
	{"sched_setscheduler", {CAGE_NS_NUM}},
	{"sched_setparam", {CAGE_NS_NUM}},
	{"sched_setattr", {CAGE_NS_NUM}},
};

/* fcntl's third argument, by its command. */
static enum cage_ns
fcntl_arg(uint64_t cmd)
{
	static const struct {
		const char *cmd;
		enum cage_ns ns;
	} by_cmd[] = {
		{"F_SETFL", CAGE_NS_STATUSFLAGS}, {"F_SETFD", CAGE_NS_FDFLAGS},
		{"F_SETSIG", CAGE_NS_SIG},	  {"F_DUPFD", CAGE_NS_NUM},
		{"F_DUPFD_CLOEXEC", CAGE_NS_NUM}, {"F_SETOWN", CAGE_NS_NUM},
		{"F_SETPIPE_SZ", CAGE_NS_NUM},
	};
	const char *name = cage_ns_name(CAGE_NS_FCNTL, cmd);

	for (size_t i = 0; name && i < sizeof(by_cmd) / sizeof(*by_cmd); i++)
		if (!strcmp(by_cmd[i].cmd, name))
			return by_cmd[i].ns;
	return CAGE_NS_HEX;
}

enum cage_ns
cage_arg_ns(const char *sys, unsigned arg, const uint64_t args[6],
	    unsigned known)
{
	uint64_t af_netlink = 16;

	if (!sys || arg > 5)
		return CAGE_NS_HEX;
	if (!strcmp(sys, "fcntl") && arg == 2)
		return known & 2 ? fcntl_arg((uint32_t)args[1]) : CAGE_NS_HEX;
	if (!strcmp(sys, "socket") && arg == 2) {
		cage_const_lookup("AF_NETLINK", &af_netlink);
		return (known & 1) && (uint32_t)args[0] == af_netlink
			       ? CAGE_NS_NETLINK
			       : CAGE_NS_NUM;
	}
	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++)
		if (!strcmp(calls[i].sys, sys))
			return (enum cage_ns)calls[i].ns[arg];
	return CAGE_NS_HEX;
}
