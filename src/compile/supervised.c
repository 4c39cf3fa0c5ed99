// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Must agree with policy/decide.c (the reference semantics); proven by
 * tests/unit/test_supervised.c over rule_shapes.h and the built-ins
 * (test_matches_decide, test_stacked).
 *
 * The supervised filter: one classic-BPF program with a user-notification
 * listener, built from every policy of the launch.  It answers ALLOW in
 * the kernel exactly when decide.c would allow the call, and routes every
 * other call to the supervisor, which answers with decide.c's verdict:
 * enforcement is the same as with the kernel-only filters, each denial is
 * seen, and no allowed call pays a round trip.
 *
 * The program is emitted here directly rather than through libseccomp,
 * which takes milliseconds for a policy of a few hundred rules and cannot
 * say "allow ioctl unless arg1 is TIOCSTI, else ask" without an
 * unconditional rule overriding the conditional ones.  Layout:
 *
 *   arch != x86-64                           -> KILL_PROCESS
 *   nr has the x32 bit (and is not -1)       -> KILL_PROCESS
 *   binary search over nr ranges: a range every policy allows whatever
 *   the arguments -> ALLOW, reading no argument, so the kernel's action
 *   cache keeps it free; a range no policy can allow -> NOTIFY; a syscall
 *   whose verdict depends on its arguments -> its own block, which
 *   evaluates the rules' comparisons on the 64-bit registers exactly as
 *   decide.c does.
 *
 * The code is emitted backwards (bpf_emit.c), so that every jump goes to
 * code already placed and its distance is known; a conditional jump
 * farther than 255 instructions goes through an unconditional one.
 */
#include "compile/supervised.h"
#include "base/syscalls.h"
#include "compile/bpf_emit.h"
#include "compile/filter.h"
#include "policy/action.h"
#include "policy/decide.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define X32_BIT	   0x40000000u
#define RET_NOTIFY SECCOMP_RET_USER_NOTIF
#define RET_ALLOW  SECCOMP_RET_ALLOW
#define RET_KILL   SECCOMP_RET_KILL_PROCESS
#define OFF_NR	   offsetof(struct seccomp_data, nr)
#define OFF_ARCH   offsetof(struct seccomp_data, arch)

/* To T if every comparison of R holds, else to F. */
static void
rule_holds(struct cage_emit *e, const struct cage_rule *r, size_t t, size_t f)
{
	for (unsigned i = r->ncmps; i-- > 0;) {
		cage_emit_compare(e, &r->cmps[i], t, f);
		t = cage_emit_here(e);
	}
}

/* All of NR's rules, [*begin, *end). */
static void
rules_of(const struct cage_policy *pol, int nr, size_t *begin, size_t *end)
{
	size_t i = cage_first_rule(pol, nr);

	*begin = i;
	while (i < pol->nrules && pol->rules[i].nr == nr)
		i++;
	*end = i;
}

/* What decide.c falls back to for NR when no conditional rule holds. */
static const struct cage_action *
fallback_of(const struct cage_policy *pol, size_t b, size_t e)
{
	if (b < e && pol->rules[b].ncmps == 0)
		return &pol->rules[b].action;
	return &pol->dflt;
}

/*
 * decide.c lets a policy that names neither seccomp nor a lenient default
 * stack more filters: seccomp(SECCOMP_SET_MODE_FILTER) can only restrict.
 */
static bool
stacking(const struct cage_policy *pol, int nr, size_t b, size_t e)
{
	static const struct cage_action enosys = {CAGE_ACTION_ERRNO, ENOSYS};

	return b == e && nr == cage_syscall_number("seccomp") &&
	       cage_action_rank(&pol->dflt) >= cage_action_rank(&enosys) &&
	       !cage_action_equal(&pol->dflt, &enosys);
}

/* decide.c's verdict on NR, as far as the arguments do not matter. */
enum shape {
	SHAPE_ALLOW,  /* allowed whatever the arguments */
	SHAPE_NEVER,  /* never allowed */
	SHAPE_DEPENDS /* the arguments decide */
};

/*
 * decide.c allows a named call when (its fallback allows, or a
 * conditional allow holds) and no conditional rule of another action than
 * the fallback's, and not ALLOW, holds.
 */
static enum shape
shape_of(const struct cage_policy *pol, int nr)
{
	size_t b, e;
	const struct cage_action *fb;
	bool cond_allow = false, cond_other = false;

	rules_of(pol, nr, &b, &e);
	fb = fallback_of(pol, b, e);
	if (stacking(pol, nr, b, e))
		return SHAPE_DEPENDS;
	for (size_t i = b; i < e; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (!r->ncmps || cage_action_equal(&r->action, fb))
			continue;
		if (r->action.kind == CAGE_ACTION_ALLOW)
			cond_allow = true;
		else
			cond_other = true;
	}
	if (fb->kind == CAGE_ACTION_ALLOW)
		return cond_other ? SHAPE_DEPENDS : SHAPE_ALLOW;
	return cond_allow ? SHAPE_DEPENDS : SHAPE_NEVER;
}

/* One policy's verdict on NR: to OK if it allows, else to NOTIFY. */
static void
policy_block(struct cage_emit *e, const struct cage_policy *pol, int nr,
	     size_t ok, size_t notify)
{
	size_t b, en, next;
	const struct cage_action *fb;

	rules_of(pol, nr, &b, &en);
	fb = fallback_of(pol, b, en);
	if (stacking(pol, nr, b, en)) {
		cage_emit_jump(e, notify);
		next = cage_emit_here(e);
		cage_emit_masked_eq(e, 0, 0xffffffffu, SECCOMP_SET_MODE_FILTER,
				    ok, next);
		return;
	}
	/* Last in program order: the conditional allows, else notify. */
	if (fb->kind == CAGE_ACTION_ALLOW) {
		cage_emit_jump(e, ok);
	} else {
		cage_emit_jump(e, notify);
		for (size_t i = en; i-- > b;) {
			const struct cage_rule *r = &pol->rules[i];

			if (r->ncmps && r->action.kind == CAGE_ACTION_ALLOW &&
			    !cage_action_equal(&r->action, fb)) {
				next = cage_emit_here(e);
				rule_holds(e, r, ok, next);
			}
		}
	}
	/* First: any stricter conditional rule that holds asks us. */
	for (size_t i = en; i-- > b;) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->ncmps && r->action.kind != CAGE_ACTION_ALLOW &&
		    !cage_action_equal(&r->action, fb)) {
			next = cage_emit_here(e);
			rule_holds(e, r, notify, next);
		}
	}
}

struct plan {
	struct cage_policy *const *pols;
	size_t n;
	bool learn;
	int sendmsg, seccomp, status_fd;
	uint32_t others; /* action for calls no policy names */
};

/* A leaf of the search: NR alone, or a range answered by ACTION. */
struct range {
	uint32_t first;
	int nr;		 /* a syscall with its own block, or -1 */
	uint32_t action; /* nr == -1: RET_ALLOW or RET_NOTIFY */
};

static uint32_t
simple_action(const struct plan *p, int nr, bool *depends)
{
	bool allow = !p->learn, never = p->learn;

	for (size_t i = 0; i < p->n && !p->learn; i++) {
		enum shape s = shape_of(p->pols[i], nr);

		allow = allow && s == SHAPE_ALLOW;
		never = never || s == SHAPE_NEVER;
	}
	*depends = !allow && !never;
	/* The hand-over's sendmsg must pass even where sendmsg would not. */
	if (nr == p->sendmsg && !allow)
		*depends = true;
	return allow ? RET_ALLOW : RET_NOTIFY;
}

static void
syscall_block(struct cage_emit *e, const struct plan *p, int nr)
{
	size_t ok, notify, next;

	notify = cage_emit_ret(e, RET_NOTIFY);
	ok = cage_emit_ret(e, RET_ALLOW);
	next = ok;
	for (size_t i = p->n; i-- > 0 && !p->learn;) {
		size_t after = next;

		if (shape_of(p->pols[i], nr) == SHAPE_NEVER) {
			cage_emit_jump(e, notify);
		} else if (shape_of(p->pols[i], nr) == SHAPE_DEPENDS) {
			policy_block(e, p->pols[i], nr, after, notify);
		}
		next = cage_emit_here(e);
	}
	if (p->learn)
		cage_emit_jump(e, notify);
	if (nr == p->sendmsg) {
		/* sendmsg(status socket): the fd is an int, its low half. */
		next = cage_emit_here(e);
		cage_emit_cond(e, BPF_JEQ, (uint32_t)p->status_fd, ok, next);
		cage_emit_load(e, (uint32_t)CAGE_EMIT_ARG_LO(0));
	}
}

static void
leaf(struct cage_emit *e, const struct plan *p, const struct range *r)
{
	if (r->nr < 0)
		cage_emit_ret(e, r->action);
	else
		syscall_block(e, p, r->nr);
}

/* Binary search over ranges [a, b): each starts where the last ended. */
static void
search(struct cage_emit *e, const struct plan *p, const struct range *v,
       size_t a, size_t b)
{
	size_t mid, right;

	if (b - a == 1) {
		leaf(e, p, &v[a]);
		return;
	}
	mid = a + (b - a) / 2;
	search(e, p, v, mid, b);
	right = cage_emit_here(e);
	search(e, p, v, a, mid);
	cage_emit_cond(e, BPF_JGE, v[mid].first, right, cage_emit_here(e));
}

static int
cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a > b) - (a < b);
}

/* The syscalls some policy names, sendmsg and seccomp; sorted, unique. */
static int
named_syscalls(const struct plan *p, int **out, size_t *count)
{
	size_t total = 2, n = 0, k = 0;
	int *v;

	for (size_t i = 0; i < p->n; i++)
		total += p->pols[i]->nrules;
	v = malloc(total * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[n++] = p->sendmsg;
	v[n++] = p->seccomp;
	for (size_t i = 0; i < p->n; i++)
		for (size_t r = 0; r < p->pols[i]->nrules; r++)
			v[n++] = p->pols[i]->rules[r].nr;
	qsort(v, n, sizeof(*v), cmp_int);
	for (size_t i = 0; i < n; i++)
		if (v[i] >= 0 && (uint32_t)v[i] < X32_BIT &&
		    (k == 0 || v[k - 1] != v[i]))
			v[k++] = v[i];
	*out = v;
	*count = k;
	return 0;
}

static void
add_range(struct range *v, size_t *n, uint32_t first, int nr, uint32_t action)
{
	if (nr < 0 && *n && v[*n - 1].nr < 0 && v[*n - 1].action == action)
		return; /* the same answer goes on */
	v[*n] = (struct range){first, nr, action};
	(*n)++;
}

/* Ranges covering every number from 0 up: named calls, and the gaps. */
static struct range *
plan_ranges(const struct plan *p, const int *named, size_t k, size_t *count)
{
	struct range *v = malloc((2 * k + 2) * sizeof(*v));
	size_t n = 0;

	if (!v)
		return NULL;
	for (size_t i = 0; i < k; i++) {
		uint32_t nr = (uint32_t)named[i];
		bool depends;
		uint32_t a = simple_action(p, named[i], &depends);

		if (nr > (i ? (uint32_t)named[i - 1] + 1 : 0))
			add_range(v, &n, i ? (uint32_t)named[i - 1] + 1 : 0, -1,
				  p->others);
		add_range(v, &n, nr, depends ? named[i] : -1, a);
	}
	if (!k || (uint32_t)named[k - 1] + 1 != 0)
		add_range(v, &n, k ? (uint32_t)named[k - 1] + 1 : 0, -1,
			  p->others);
	*count = n;
	return v;
}

bool
cage_supervised_allows_outright(struct cage_policy *const *pols, size_t n,
				bool learn, int nr)
{
	bool allow = !learn;

	for (size_t i = 0; i < n && allow; i++)
		allow = shape_of(pols[i], nr) == SHAPE_ALLOW;
	return allow;
}

/*
 * Before the code emitted so far: a foreign architecture or an x32
 * number goes to KILL; -1 (nothing to run) goes on, as libseccomp has it.
 */
static void
prologue(struct cage_emit *e, size_t kill)
{
	size_t body = cage_emit_here(e);

	cage_emit_cond(e, BPF_JEQ, ~0u, body, kill);
	cage_emit_cond(e, BPF_JGE, X32_BIT, cage_emit_here(e), body);
	cage_emit_load(e, OFF_NR);
	cage_emit_cond(e, BPF_JEQ, AUDIT_ARCH_X86_64, cage_emit_here(e), kill);
	cage_emit_load(e, OFF_ARCH);
}

int
cage_supervised_program(struct cage_policy *const *pols, size_t n, bool learn,
			int status_fd, struct sock_fprog *out)
{
	struct plan p = {pols,
			 n,
			 learn,
			 cage_syscall_number("sendmsg"),
			 cage_syscall_number("seccomp"),
			 status_fd,
			 RET_ALLOW};
	struct cage_emit e = {.cap = BPF_MAXINSNS};
	struct range *ranges = NULL;
	size_t k = 0, nranges = 0, x32;
	int *named = NULL, err;

	memset(out, 0, sizeof(*out));
	if (n == 0 || status_fd < 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (learn || pols[i]->dflt.kind != CAGE_ACTION_ALLOW)
			p.others = RET_NOTIFY;
	err = named_syscalls(&p, &named, &k);
	if (!err && !(ranges = plan_ranges(&p, named, k, &nranges)))
		err = -ENOMEM;
	if (!err && !(e.buf = malloc(e.cap * sizeof(*e.buf))))
		err = -ENOMEM;
	if (err)
		goto out;
	x32 = cage_emit_ret(&e, RET_KILL);
	search(&e, &p, ranges, 0, nranges);
	prologue(&e, x32);
	err = e.err;
	if (!err) {
		out->len = (unsigned short)e.n;
		out->filter = malloc(e.n * sizeof(*e.buf));
		if (!out->filter)
			err = -ENOMEM;
		else
			memcpy(out->filter, e.buf + e.cap - e.n,
			       e.n * sizeof(*e.buf));
	}
out:
	free(e.buf);
	free(ranges);
	free(named);
	return err;
}

/*
 * The filter loaded right after the hand-over, which takes its exception
 * back: sendmsg on the status socket's number gets the policies' verdict
 * again, so that no descriptor of the target ever inherits it.  It cannot
 * route (a filter without a listener answers a notification with ENOSYS):
 * a refused call gets the policies' action for sendmsg in the kernel, and
 * goes unreported.  Every other call it allows without reading an
 * argument, which keeps the kernel's action cache for them.
 */
int
cage_supervised_close_program(struct cage_policy *const *pols, size_t n,
			      int status_fd, struct sock_fprog *out)
{
	struct plan p = {
		pols, n,	 false,	   cage_syscall_number("sendmsg"),
		-1,   status_fd, RET_ALLOW};
	uint64_t args[6] = {(uint64_t)status_fd};
	struct sock_filter buf[BPF_MAXINSNS];
	struct cage_emit e = {.buf = buf, .cap = BPF_MAXINSNS};
	struct cage_verdict v;
	uint32_t deny;
	size_t ok, no, next;

	memset(out, 0, sizeof(*out));
	if (n == 0 || status_fd < 0)
		return -EINVAL;
	if (cage_supervised_allows_outright(pols, n, false, p.sendmsg))
		return 0; /* no exception was made */
	cage_policies_decide(pols, n, p.sendmsg, args, &v);
	deny = v.action.kind == CAGE_ACTION_ALLOW ||
			       v.action.kind == CAGE_ACTION_LOG
		       ? SECCOMP_RET_ERRNO | EPERM
		       : cage_scmp_action(&v.action);
	no = cage_emit_ret(&e, deny);
	ok = cage_emit_ret(&e, RET_ALLOW);
	next = ok;
	for (size_t i = n; i-- > 0;) {
		size_t after = next;

		if (shape_of(pols[i], p.sendmsg) == SHAPE_NEVER)
			cage_emit_jump(&e, no);
		else if (shape_of(pols[i], p.sendmsg) == SHAPE_DEPENDS)
			policy_block(&e, pols[i], p.sendmsg, after, no);
		next = cage_emit_here(&e);
	}
	cage_emit_cond(&e, BPF_JEQ, (uint32_t)status_fd, next, ok);
	cage_emit_load(&e, (uint32_t)CAGE_EMIT_ARG_LO(0));
	next = cage_emit_here(&e);
	cage_emit_cond(&e, BPF_JEQ, (uint32_t)p.sendmsg, next, ok);
	cage_emit_load(&e, OFF_NR);
	if (e.err)
		return e.err;
	out->filter = malloc(e.n * sizeof(*buf));
	if (!out->filter)
		return -ENOMEM;
	memcpy(out->filter, buf + e.cap - e.n, e.n * sizeof(*buf));
	out->len = (unsigned short)e.n;
	return 0;
}

/*
 * --learn by tracing (learn_trace.c): nothing is routed; clone3 and
 * openat2 answer ENOSYS so that glibc falls back to clone and openat,
 * whose flags a policy can check, as the listener answers them.
 */
int
cage_supervised_trace_program(struct sock_fprog *out)
{
	struct cage_emit e = {.cap = 32};
	size_t allow, enosys, kill;
	struct sock_filter buf[32];

	e.buf = buf;
	memset(out, 0, sizeof(*out));
	kill = cage_emit_ret(&e, RET_KILL);
	enosys = cage_emit_ret(&e, SECCOMP_RET_ERRNO | ENOSYS);
	allow = cage_emit_ret(&e, RET_ALLOW);
	cage_emit_cond(&e, BPF_JEQ, (uint32_t)cage_syscall_number("openat2"),
		       enosys, allow);
	cage_emit_cond(&e, BPF_JEQ, (uint32_t)cage_syscall_number("clone3"),
		       enosys, cage_emit_here(&e));
	prologue(&e, kill);
	if (e.err)
		return e.err;
	out->filter = malloc(e.n * sizeof(*buf));
	if (!out->filter)
		return -ENOMEM;
	memcpy(out->filter, buf + e.cap - e.n, e.n * sizeof(*buf));
	out->len = (unsigned short)e.n;
	return 0;
}
