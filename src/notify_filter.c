// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The supervised filter: one filter with a user-notification listener,
 * built from every policy of the launch.  Calls that every policy allows
 * outright (and, for one policy, calls that only conditional allows
 * decide) stay in the kernel; every other call is routed to the
 * supervisor, which answers with the verdict of decide.c, so enforcement
 * is the same as with the kernel-only filters, and each denial is seen.
 */
#include "decide.h"
#include "filter.h"
#include "syscalls.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>

/* All of NR's rules, [*begin, *end). */
static void
rules_of(const struct cage_policy *pol, int nr, size_t *begin, size_t *end)
{
	size_t i = 0;

	while (i < pol->nrules && pol->rules[i].nr < nr)
		i++;
	*begin = i;
	while (i < pol->nrules && pol->rules[i].nr == nr)
		i++;
	*end = i;
}

/* The policy allows NR whatever its arguments. */
static bool
allows_outright(const struct cage_policy *pol, int nr)
{
	size_t b, e;

	rules_of(pol, nr, &b, &e);
	if (b == e)
		return pol->dflt.kind == CAGE_ACTION_ALLOW;
	return e - b == 1 && pol->rules[b].ncmps == 0 &&
	       pol->rules[b].action.kind == CAGE_ACTION_ALLOW;
}

/*
 * Conditional allows can stay in the kernel when no rule of another
 * action could also hold (the strictest would have to win).
 */
static int
add_conditional_allows(scmp_filter_ctx ctx, const struct cage_policy *pol,
		       int nr)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	size_t b, e;
	int err = 0;

	rules_of(pol, nr, &b, &e);
	for (size_t i = b; i < e; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->ncmps && r->action.kind != CAGE_ACTION_ALLOW)
			return 0;
		if (!r->ncmps && r->action.kind == CAGE_ACTION_ALLOW)
			return 0; /* allow + exceptions: those need us */
	}
	for (size_t i = b; i < e && !err; i++)
		if (pol->rules[i].ncmps)
			err = cage_filter_add_rule(ctx, &pol->rules[i], &allow);
	return err;
}

/* An outright allow with only stricter exceptions (ioctl but TIOCSTI). */
static bool
exceptions_only(const struct cage_policy *pol, int nr)
{
	size_t b, e;

	rules_of(pol, nr, &b, &e);
	if (e - b < 2 || pol->rules[b].ncmps ||
	    pol->rules[b].action.kind != CAGE_ACTION_ALLOW)
		return false;
	for (size_t i = b + 1; i < e; i++)
		if (pol->rules[i].action.kind == CAGE_ACTION_ALLOW)
			return false;
	return true;
}

/*
 * Which default keeps more calls in the kernel: ALLOW when a syscall is
 * allowed but for exceptions (only the exceptions are routed to us), else
 * NOTIFY (conditional allows stay in the kernel).  With ALLOW, every call
 * not allowed outright gets an explicit NOTIFY, and the hand-over's
 * sendmsg must be allowed outright, since it cannot be a conditional
 * exception to a routed syscall.
 */
static bool
prefer_allow(struct cage_policy *const *pols, size_t n)
{
	int sendmsg = cage_syscall_number("sendmsg");
	bool exceptions = false;

	if (n != 1 || !allows_outright(pols[0], sendmsg))
		return false;
	for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT && !exceptions; nr++)
		exceptions = exceptions_only(pols[0], nr);
	return exceptions;
}

static int
route_exceptions(scmp_filter_ctx ctx, const struct cage_policy *pol, int nr)
{
	static const struct cage_action notify = {CAGE_ACTION_NOTIFY, 0};
	size_t b, e;
	int err = 0;

	rules_of(pol, nr, &b, &e);
	for (size_t i = b + 1; i < e && !err; i++)
		err = cage_filter_add_rule(ctx, &pol->rules[i], &notify);
	return err;
}

/* Default ALLOW: route what is not allowed outright, explicitly. */
static int
add_routes(scmp_filter_ctx ctx, struct cage_policy *const *pols, size_t n)
{
	static const struct cage_action notify = {CAGE_ACTION_NOTIFY, 0};
	int err = 0;

	for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT && !err; nr++) {
		if (allows_outright(pols[0], nr))
			continue;
		if (exceptions_only(pols[0], nr))
			err = route_exceptions(ctx, pols[0], nr);
		else
			err = cage_filter_add_rule(
				ctx, &(struct cage_rule){.nr = nr}, &notify);
	}
	(void)n;
	return err;
}

/*
 * The child hands the listener to us with sendmsg on its status socket,
 * after the filter is in: that one call must not wait for us.  The fd is
 * closed at exec; a target that puts a socket at that number gains
 * sendmsg on a socket it already holds.
 */
static int
allow_handover(scmp_filter_ctx ctx, int status_fd)
{
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	struct cage_rule r = {.ncmps = 1};

	r.nr = cage_syscall_number("sendmsg");
	r.cmps[0].op = CAGE_OP_MASKED_EQ;
	r.cmps[0].mask = 0xffffffffu;
	r.cmps[0].value = (uint32_t)status_fd;
	return cage_filter_add_rule(ctx, &r, &allow);
}

int
cage_filter_compile_notify(struct cage_policy *const *pols, size_t n,
			   bool learn, int status_fd, struct cage_filter **out)
{
	static const struct cage_action notify = {CAGE_ACTION_NOTIFY, 0};
	static const struct cage_action allow = {CAGE_ACTION_ALLOW, 0};
	struct cage_filter *f = calloc(1, sizeof(*f));
	bool allow_default = !learn && prefer_allow(pols, n);
	scmp_filter_ctx ctx;
	int err;

	*out = NULL;
	if (!f)
		return -ENOMEM;
	err = cage_filter_new_part(f, allow_default ? &allow : &notify,
				   CAGE_FILTER_MAIN);
	if (err) {
		free(f);
		return err;
	}
	ctx = f->parts[0].ctx;
	if (allow_default) {
		err = add_routes(ctx, pols, n);
		goto out;
	}
	for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT && !err && !learn; nr++) {
		bool outright = true;

		for (size_t i = 0; i < n; i++)
			outright = outright && allows_outright(pols[i], nr);
		if (outright)
			err = cage_filter_add_rule(
				ctx, &(struct cage_rule){.nr = nr}, &allow);
		else if (n == 1)
			err = add_conditional_allows(ctx, pols[0], nr);
	}
	if (!err)
		err = allow_handover(ctx, status_fd);
out:
	if (err) {
		cage_filter_free(f);
		return err;
	}
	*out = f;
	return 0;
}
