// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Advice on a refused call (advise.h).  The rule proposed is as narrow as
 * the call: shaped like the policy's own conditions for the syscall, with
 * the arguments that choose what a call reaches pinned (a socket's family
 * and netlink protocol, an ioctl request, a prctl option), and the
 * conditions the built-ins use to stay safe added where the call meets
 * them (no namespace flag, no setuid mode, only the caller itself).  The
 * linter then judges it as --check would; a rule it warns about is not
 * proposed, its warning is shown instead.
 */
#include "base/argnames.h"
#include "base/syscall_args.h"
#include "base/syscalls.h"
#include "lang/ast.h"
#include "lang/lint.h"
#include "policy/print.h"
#include "supervise/advise.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#define O_TMPFILE_BIT 020000000 /* O_TMPFILE without O_DIRECTORY */
#define NO_NS                                                                  \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |         \
	 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)
#define SUID (S_ISUID | S_ISGID)

static bool
named(int nr, const char *name)
{
	const char *s = cage_syscall_name(nr);

	return s && !strcmp(s, name);
}

const char *
cage_advise_by_design(const struct cage_verdict *v, int nr)
{
	if (v->action.kind != CAGE_ACTION_ERRNO || v->action.errnum != ENOSYS)
		return NULL;
	if (v->new_syscall)
		return "newer than syscage's tables, it gets what a kernel "
		       "without it answers, so that libc falls back";
	if (!v->rule)
		return NULL; /* the policy's default: it names no syscall */
	if (named(nr, "clone3"))
		return "its flags are in memory seccomp cannot read, so glibc "
		       "falls back to clone, whose flags the policy checks";
	if (named(nr, "openat2"))
		return "its flags are in memory seccomp cannot read, so glibc "
		       "falls back to openat, whose flags the policy checks";
	return "the policy answers as a kernel without it would, so that "
	       "programs fall back";
}

/* The comparison on ARG of C, or NULL. */
static struct cage_cmp *
cmp_on(struct cage_rule *c, unsigned arg)
{
	for (unsigned i = 0; i < c->ncmps; i++)
		if (c->cmps[i].arg == arg)
			return &c->cmps[i];
	return NULL;
}

/* ARG must equal its value in the call (on 32 bits where the kernel
 * reads no more). */
static void
pin(struct cage_rule *c, unsigned arg, const uint64_t args[6])
{
	bool narrow =
		cage_syscall_args32(cage_syscall_name(c->nr)) & (1u << arg);
	struct cage_cmp *p = cmp_on(c, arg);

	if (!p) {
		if (c->ncmps == 6)
			return;
		p = &c->cmps[c->ncmps++];
	}
	p->arg = arg;
	p->op = narrow ? CAGE_OP_MASKED_EQ : CAGE_OP_EQ;
	p->mask = narrow ? 0xffffffffu : 0;
	p->value = narrow ? (uint32_t)args[arg] : args[arg];
}

/* MASK's bits in ARG as in the call (none, in the calls the built-ins
 * let in): merged into a masked comparison on ARG, needless beside an
 * exact one.  Where the call sets some, the linter names just those. */
static void
clear_bits(struct cage_rule *c, unsigned arg, uint64_t mask,
	   const uint64_t args[6])
{
	struct cage_cmp *p = cmp_on(c, arg);

	if (!p) {
		if (c->ncmps == 6)
			return;
		p = &c->cmps[c->ncmps++];
		*p = (struct cage_cmp){arg, CAGE_OP_MASKED_EQ, 0, 0};
	}
	if (p->op != CAGE_OP_MASKED_EQ || p->mask == 0xffffffffu)
		return;
	p->mask |= mask;
	p->value = args[arg] & p->mask;
}

/* The model: the deciding rule's comparisons if it has any, else those
 * of the syscall's first conditional rule, with this call's values. */
static void
shape(const struct cage_policy *pol, const struct cage_verdict *v, int nr,
      const uint64_t args[6], struct cage_rule *c)
{
	const struct cage_rule *t = v->rule && v->rule->ncmps ? v->rule : NULL;

	for (size_t i = cage_first_rule(pol, nr);
	     !t && i < pol->nrules && pol->rules[i].nr == nr; i++)
		if (pol->rules[i].ncmps)
			t = &pol->rules[i];
	for (unsigned i = 0; t && i < t->ncmps; i++) {
		const struct cage_cmp *m = &t->cmps[i];

		if (cmp_on(c, m->arg))
			continue;
		if (m->op == CAGE_OP_MASKED_EQ && m->mask != 0xffffffffu) {
			c->cmps[c->ncmps++] = (struct cage_cmp){
				m->arg, CAGE_OP_MASKED_EQ, m->mask,
				args[m->arg] & m->mask};
			continue;
		}
		pin(c, m->arg, args);
	}
}

/* Arguments that choose what the call reaches: always pinned. */
static const struct {
	const char *sys;
	unsigned arg;
} choosers[] = {
	{"socket", 0},
	{"socketpair", 0},
	{"ioctl", 1},
	{"prctl", 0},
	{"personality", 0},
	{"fcntl", 1},
	{"prlimit64", 0},
	{"setpriority", 0},
	{"setpriority", 1},
	{"ioprio_set", 0},
	{"ioprio_set", 1},
	{"sched_setaffinity", 0},
	{"sched_setscheduler", 0},
	{"sched_setparam", 0},
	{"sched_setattr", 0},
	{"migrate_pages", 0},
	{"move_pages", 0},
};

/* Bits the built-ins keep clear, and where (record.c's safe rules). */
static const struct {
	const char *sys;
	unsigned arg;
	uint64_t mask;
} clears[] = {
	{"clone", 0, NO_NS},   {"unshare", 0, NO_NS | CLONE_NEWTIME},
	{"chmod", 1, SUID},    {"fchmod", 1, SUID},
	{"fchmodat", 2, SUID}, {"fchmodat2", 2, SUID},
	{"creat", 1, SUID},    {"mkdir", 1, SUID},
	{"mkdirat", 2, SUID},  {"mknod", 1, SUID},
	{"mknodat", 2, SUID},
};

static void
narrow(struct cage_rule *c, const uint64_t args[6])
{
	const char *sys = cage_syscall_name(c->nr);
	int flags = !strcmp(sys, "open") ? 1 : !strcmp(sys, "openat") ? 2 : -1;

	for (size_t i = 0; i < sizeof(choosers) / sizeof(*choosers); i++)
		if (!strcmp(choosers[i].sys, sys))
			pin(c, choosers[i].arg, args);
	if (!strcmp(sys, "socket") && (uint32_t)args[0] == AF_NETLINK)
		pin(c, 2, args); /* the protocol: NETLINK_ROUTE or another */
	for (size_t i = 0; i < sizeof(clears) / sizeof(*clears); i++)
		if (!strcmp(clears[i].sys, sys))
			clear_bits(c, clears[i].arg, clears[i].mask, args);
	/* An open sets a mode only when it creates. */
	if (flags >= 0 && (args[flags] & (O_CREAT | O_TMPFILE_BIT)))
		clear_bits(c, (unsigned)flags + 1, SUID, args);
	else if (flags >= 0)
		clear_bits(c, (unsigned)flags, O_CREAT | O_TMPFILE_BIT, args);
}

/* The rule R of POL as text: "allow NAME if ...". */
static void
rule_text(char *out, size_t size, const struct cage_rule *r)
{
	FILE *f = fmemopen(out, size, "w");

	out[0] = '\0';
	if (!f)
		return;
	setbuf(f, NULL);
	fprintf(f, "allow %s", cage_syscall_name(r->nr));
	if (r->ncmps) {
		fputs(" if ", f);
		cage_print_cmps(f, r->nr, r->cmps, r->ncmps);
	}
	(void)fclose(f);
	out[size - 1] = '\0';
}

/* A refusal of 'net': the option that lets the family in, or NULL. */
static const char *
net_option(const struct cage_policy *pol, const struct cage_verdict *v, int nr,
	   const uint64_t args[6])
{
	const struct cage_isolation *iso = &pol->iso;
	uint32_t af = (uint32_t)args[0];

	if (!v->rule || !iso->nsynth || !named(nr, "socket") ||
	    v->rule->stmt < iso->synth ||
	    v->rule->stmt >= iso->synth + iso->nsynth)
		return NULL;
	if (af == AF_UNIX && iso->net == CAGE_NET_NONE)
		return "--net unix";
	if ((af == AF_INET || af == AF_INET6 ||
	     (af == AF_NETLINK && (uint32_t)args[2] == NETLINK_ROUTE)) &&
	    (iso->net == CAGE_NET_NONE || iso->net == CAGE_NET_UNIX))
		return "--net inet";
	return NULL;
}

enum cage_advice
cage_advise(const struct cage_policy *pol, const struct cage_verdict *v, int nr,
	    const uint64_t args[6], char *allow, size_t asize, char *why,
	    size_t wsize)
{
	struct cage_rule c = {.nr = nr, .action = {CAGE_ACTION_ALLOW, 0}};
	const char *name = cage_syscall_name(nr), *opt;

	allow[0] = why[0] = '\0';
	if (!name) {
		snprintf(why, wsize, "syscage has no name for this syscall");
		return CAGE_ADVICE_NONE;
	}
	if (!strcmp(name, "clone3") || !strcmp(name, "openat2")) {
		snprintf(allow, asize, "errno ENOSYS %s", name);
		snprintf(why, wsize,
			 "its flags are in memory seccomp cannot read; glibc "
			 "falls back to %s, whose flags the policy checks",
			 name[0] == 'c' ? "clone" : "openat");
		return CAGE_ADVICE_ENOSYS;
	}
	opt = net_option(pol, v, nr, args);
	if (opt) {
		snprintf(allow, asize, "%s", opt);
		return CAGE_ADVICE_OPTION;
	}
	shape(pol, v, nr, args, &c);
	narrow(&c, args);
	if (cage_lint_rule_escapes(pol, &c, why, wsize))
		return CAGE_ADVICE_NONE;
	if (v->rule && v->rule->ncmps && v->rule->loc.file) {
		snprintf(why, wsize,
			 "the rule at %s:%u refuses these arguments: allowing "
			 "them means changing it",
			 v->rule->loc.file->name, v->rule->loc.line);
		return CAGE_ADVICE_NONE;
	}
	rule_text(allow, asize, &c);
	return CAGE_ADVICE_RULE;
}
