// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --learn, the recording half: the set of syscalls a process tree made,
 * and the values of the arguments that matter for a few of them, filled
 * while the target runs by the listener, the tracer (learn_trace.c) and
 * the launch.  interop/learn_write.c writes it back as a policy.
 */
#include "supervise/record.h"
#include "base/syscalls.h"
#include "policy/policy.h"

#include <stdlib.h>
#include <string.h>

#define ANY (~0ULL) /* arg2: recorded whatever arg is */

/* What a safe rule allows: no namespace, no setuid or setgid mode. */
#define NO_NS                                                                  \
	"arg0 & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | "              \
	"CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET"
#define NO_SUID(n) "arg" #n " & (S_ISUID | S_ISGID) == 0"
#define NO_SUID_CREATE(f, m)                                                   \
	"arg" #f " & (O_CREAT | 020000000) == 0 || " NO_SUID(m)

/*
 * Syscalls whose argument values are recorded, and which argument; with
 * ARG2, a second one (netlink sockets' protocol, as lint tells
 * NETLINK_ROUTE from the others; setpriority's 'which').  Calls with a
 * SAFE rule are written with it (as the built-ins have them), whatever
 * was seen; lint judges each value seen, and those it warns about are
 * left out.  Others are written with a condition on the values seen
 * where CONDITION says, or where the plain rule would warn.
 */
const struct cage_record_watch cage_record_watched[] = {
	{"socket", 0, "AF_", true, 2, 16 /* AF_NETLINK */, NULL},
	{"ioctl", 1, "TIOC", true, -1, 0, NULL},
	{"prctl", 0, "PR_", true, -1, 0, NULL},
	{"personality", 0, "PER_", true, -1, 0, NULL},
	{"clone", 0, "CLONE_", false, -1, 0, NO_NS ") == 0"},
	{"unshare", 0, "CLONE_", false, -1, 0, NO_NS " | CLONE_NEWTIME) == 0"},
	{"fcntl", 1, "F_", false, -1, 0, NULL},
	{"mmap", 2, "PROT_", false, -1, 0, NULL},
	{"mprotect", 2, "PROT_", false, -1, 0, NULL},
	/* Calls on other processes: lint wants them pinned to the caller. */
	{"prlimit64", 0, NULL, false, -1, 0, NULL},
	{"setpriority", 1, NULL, false, 0, ANY, NULL},
	{"ioprio_set", 1, NULL, false, 0, ANY, NULL},
	{"sched_setaffinity", 0, NULL, false, -1, 0, NULL},
	{"sched_setscheduler", 0, NULL, false, -1, 0, NULL},
	{"sched_setparam", 0, NULL, false, -1, 0, NULL},
	{"sched_setattr", 0, NULL, false, -1, 0, NULL},
	{"migrate_pages", 0, NULL, false, -1, 0, NULL},
	{"move_pages", 0, NULL, false, -1, 0, NULL},
	/* Modes: never a new setuid or setgid file. */
	{"open", 2, NULL, false, -1, 0, NO_SUID_CREATE(1, 2)},
	{"openat", 3, NULL, false, -1, 0, NO_SUID_CREATE(2, 3)},
	{"creat", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mkdir", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mkdirat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"mknod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"mknodat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"chmod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"fchmod", 1, NULL, false, -1, 0, NO_SUID(1)},
	{"fchmodat", 2, NULL, false, -1, 0, NO_SUID(2)},
	{"fchmodat2", 2, NULL, false, -1, 0, NO_SUID(2)},
};

_Static_assert(sizeof(cage_record_watched) / sizeof(cage_record_watched[0]) ==
		       CAGE_LEARN_NWATCHED,
	       "CAGE_LEARN_NWATCHED counts the watched calls");

struct cage_learned *
cage_learned_new(void)
{
	return calloc(1, sizeof(struct cage_learned));
}

void
cage_learned_free(struct cage_learned *l)
{
	free(l);
}

/* Whether value V of watched call W holds a second argument. */
bool
cage_record_has_arg2(size_t w, uint64_t v)
{
	const struct cage_record_watch *c = &cage_record_watched[w];

	return c->arg2 >= 0 && (c->when == ANY || (uint32_t)v == c->when);
}

/*
 * Recording starts at the target's execve: what the launch did before
 * it (loading the policies' filters under the listener) is syscage's.
 */
void
cage_learned_add(struct cage_learned *l, int nr, const uint64_t args[6])
{
	const char *name = cage_syscall_name(nr);

	if (nr < 0 || nr >= CAGE_LEARN_NR_LIMIT)
		return;
	if (!l->started && (!name || strcmp(name, "execve")))
		return;
	l->started = true;
	l->seen[nr / 8] |= (unsigned char)(1u << (nr % 8));
	for (size_t w = 0; name && w < CAGE_LEARN_NWATCHED; w++) {
		const struct cage_record_watch *c = &cage_record_watched[w];
		uint64_t v = (uint32_t)args[c->arg];

		if (strcmp(name, c->name))
			continue;
		if (cage_record_has_arg2(w, v))
			v |= (uint64_t)(uint32_t)args[c->arg2] << 32;
		for (unsigned i = 0; i < l->nvalues[w]; i++)
			if (l->values[w][i] == v)
				return;
		if (l->nvalues[w] == CAGE_LEARN_MAX_VALUES)
			l->overflow[w] = true;
		else
			l->values[w][l->nvalues[w]++] = v;
	}
}

uint64_t
cage_learned_lost(const struct cage_learned *l)
{
	return l ? l->lost : 0;
}

void
cage_learned_note_lost(struct cage_learned *l, uint64_t lost)
{
	if (l)
		l->lost += lost;
}

void
cage_learned_note_method(struct cage_learned *l, const char *method)
{
	if (l)
		snprintf(l->method, sizeof(l->method), "%s", method);
}

const char *
cage_learned_method(const struct cage_learned *l)
{
	return l && l->method[0] ? l->method : NULL;
}

/*
 * S for a comment: printable ASCII as it is, every other byte (line
 * breaks, ESC, bytes of other encodings) and '\' as \xNN or \\.  A line
 * break can then never end the comment and start a rule.
 */
void
cage_record_put_escaped(FILE *out, const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\')
			fputs("\\\\", out);
		else if (c < 0x20 || c > 0x7e)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

void
cage_learned_note_policies(struct cage_learned *l,
			   struct cage_policy *const *pols, size_t n)
{
	FILE *f;

	if (!l)
		return;
	f = fmemopen(l->policies, sizeof(l->policies), "w");
	if (!f)
		return;
	setbuf(f, NULL);
	/* The policy of --learn without -p allows all: nothing to say. */
	for (size_t i = 0, k = 0; i < n; i++) {
		if (pols[i]->dflt.kind == CAGE_ACTION_ALLOW &&
		    pols[i]->nrules == 0)
			continue;
		fputs(k++ ? ", " : "", f);
		cage_record_put_escaped(f, pols[i]->name ? pols[i]->name : "?",
					64);
	}
	(void)fclose(f);
	l->policies[sizeof(l->policies) - 1] = '\0';
}
