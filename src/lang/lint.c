// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lint: warnings about allowed calls that open a known way out of a
 * seccomp sandbox, each with the reason, at the place that allowed it.
 */
#include "base/consts.h"
#include "lang/lint.h"
#include "lang/lint_default.h"
#include "lang/lint_values.h"
#include "lang/lint_view.h"
#include "policy/action.h"
#include "policy/policy.h"
#include "lang/load.h"
#include "policy/decide.h"
#include "base/syscalls.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define USERFAULTFD_IOC_NEW 0xAA00    /* _IO(0xAA, 0x00), Linux 6.1 */
#define O_TMPFILE_BIT	    020000000 /* O_TMPFILE without O_DIRECTORY */

static bool
allows(const struct cage_rule *r)
{
	return r->action.kind == CAGE_ACTION_ALLOW ||
	       r->action.kind == CAGE_ACTION_LOG;
}

/* R's comparisons on ARG hold for V (and on ARG2 for V2, if ARG2 >= 0);
 * with ONLY, R compares no other argument. */
static bool
admits(const struct cage_rule *r, unsigned arg, uint64_t v, int arg2,
       uint64_t v2, bool only)
{
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct cage_cmp *c = &r->cmps[i];

		if (c->arg == arg) {
			if (!cage_cmp_holds(c, v))
				return false;
		} else if (arg2 >= 0 && c->arg == (unsigned)arg2) {
			if (!cage_cmp_holds(c, v2))
				return false;
		} else if (only) {
			return false;
		}
	}
	return true;
}

/*
 * A conditional denial that matches whenever ARG == V (and ARG2 == V2):
 * the most restrictive matching rule wins, so it overrides any allow.
 * (An unconditional denial does not: it is only the fallback.)
 */
static bool
caught(const struct cage_policy *pol, int nr, unsigned arg, uint64_t v,
       int arg2, uint64_t v2)
{
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr == nr && !allows(r) && r->ncmps &&
		    admits(r, arg, v, arg2, v2, true))
			return true;
	}
	return false;
}

/* Whether R lets a caller set BIT of ARG; a QUERY value sets nothing. */
static bool
may_set_arg(const struct cage_rule *r, unsigned arg, uint64_t bit,
	    uint64_t query)
{
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct cage_cmp *c = &r->cmps[i];

		if (c->arg != arg)
			continue;
		if (query && c->value == query &&
		    (c->op == CAGE_OP_EQ ||
		     (c->op == CAGE_OP_MASKED_EQ && c->mask == 0xffffffffu)))
			return false;
		if ((c->op == CAGE_OP_EQ && !(c->value & bit)) ||
		    (c->op == CAGE_OP_MASKED_EQ && (c->mask & bit) &&
		     !(c->value & bit)) ||
		    (c->op == CAGE_OP_LT && c->value <= bit) ||
		    (c->op == CAGE_OP_LE && c->value < bit))
			return false;
	}
	return true;
}

static bool
may_set(const struct cage_rule *r, uint64_t bit, uint64_t query)
{
	return may_set_arg(r, 0, bit, query);
}

/* R admits only V in ARG (on 32 bits: the kernel reads no more). */
static bool
pins(const struct cage_rule *r, unsigned arg, uint64_t v)
{
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct cage_cmp *c = &r->cmps[i];

		if (c->arg != arg)
			continue;
		if (((c->op == CAGE_OP_EQ || c->op == CAGE_OP_IN) &&
		     c->value == v) ||
		    (c->op == CAGE_OP_MASKED_EQ &&
		     (c->mask & 0xffffffffu) == 0xffffffffu && c->value == v) ||
		    (v == 0 && c->op == CAGE_OP_LE && c->value == 0) ||
		    (v == 0 && c->op == CAGE_OP_LT && c->value <= 1))
			return true;
	}
	return false;
}

/* A conditional denial of every ARG with BIT set: argN & BIT == BIT. */
static bool
bit_caught_arg(const struct cage_policy *pol, int nr, unsigned arg,
	       uint64_t bit)
{
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr == nr && !allows(r) && r->ncmps == 1 &&
		    r->cmps[0].arg == arg &&
		    r->cmps[0].op == CAGE_OP_MASKED_EQ &&
		    r->cmps[0].mask == bit && r->cmps[0].value == bit)
			return true;
	}
	return false;
}

static bool
bit_caught(const struct cage_policy *pol, int nr, uint64_t bit)
{
	return bit_caught_arg(pol, nr, 0, bit);
}

/* Landlock ABI 6 or later: signals and abstract sockets can be scoped. */
static bool
kernel_scopes(void)
{
	return cage_lint_landlock_abi() >= 6;
}

/*
 * ptrace kept to requests that change nothing in the tracee (default's
 * rule, for LeakSanitizer): every target is in a Landlock domain, which
 * refuses ptrace across it (ABI 1), so these reach only the sandbox's own
 * processes.  Any other request, or no Landlock: the danger stands.
 */
static bool
ptrace_confined(const struct cage_rule *r)
{
	static const uint64_t quiet[] = {PTRACE_ATTACH,	   PTRACE_DETACH,
					 PTRACE_CONT,	   PTRACE_KILL,
					 PTRACE_GETREGSET, PTRACE_GETSIGINFO};

	for (size_t i = 0; cage_lint_landlock_abi() >= 1 && i < 6; i++)
		if (pins(r, 0, quiet[i]))
			return true;
	return false;
}

static int
warn(struct cage_diags *diags, const struct cage_rule *r, const char *name,
     const char *why)
{
	if (r->group)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "%s allows '%s': %s", r->group, name, why);
	return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
			     "allowing '%s': %s", name, why);
}

static int
warn_with(struct cage_diags *diags, const struct cage_rule *r, const char *name,
	  const char *what, const char *why)
{
	if (r->group)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "%s allows '%s' with %s: %s", r->group,
				     name, what, why);
	return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
			     "allowing '%s' with %s: %s", name, what, why);
}

/* Flag bits R lets through, the namespace flags of one rule together. */
static int
lint_bits(const struct cage_policy *pol, const struct cage_rule *r,
	  const char *name, struct cage_diags *diags)
{
	char what[160] = "";
	const char *why = NULL;
	size_t len = 0;
	int err = 0;

	for (size_t i = 0; i < cage_lint_nbad_bits; i++) {
		const struct cage_bad_bit *b = &cage_lint_bad_bits[i];

		if (strcmp(b->sys, name) || !may_set(r, b->bit, b->query) ||
		    bit_caught(pol, r->nr, b->bit))
			continue;
		if (b->query) { /* personality: one warning per bit */
			err = warn_with(diags, r, name, b->what, b->why);
			if (err)
				return err;
			continue;
		}
		if (len < sizeof(what))
			len += (size_t)snprintf(what + len, sizeof(what) - len,
						"%s%s", len ? ", " : "",
						b->what);
		why = b->why;
	}
	return why ? warn_with(diags, r, name, what, why) : 0;
}

/* Each bad value, once, at the first allowing rule that lets it in. */
static int
lint_values(const struct cage_policy *pol, struct cage_diags *diags)
{
	int err = 0;

	for (size_t k = 0; k < cage_lint_nbad_values && !err; k++) {
		const struct cage_bad_value *b = &cage_lint_bad_values[k];
		int nr = cage_syscall_number(b->sys);

		if (nr < 0 ||
		    caught(pol, nr, b->arg, b->value, b->arg2, b->value2))
			continue;
		for (size_t i = 0; i < pol->nrules; i++) {
			const struct cage_rule *r = &pol->rules[i];

			if (r->nr == nr && allows(r) &&
			    admits(r, b->arg, b->value, b->arg2, b->value2,
				   false)) {
				err = warn_with(diags, r, b->sys, b->what,
						b->why);
				break;
			}
		}
	}
	return err;
}

/* openat2 beside a conditional openat: its flags escape the conditions. */
static int
lint_openat2(const struct cage_policy *pol, struct cage_diags *diags)
{
	int openat = cage_syscall_number("openat");
	int openat2 = cage_syscall_number("openat2");
	const struct cage_rule *allow2 = NULL;
	bool cond = false;

	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr == openat2 && allows(r) && !allow2)
			allow2 = r;
		if (r->nr == openat && r->ncmps)
			cond = true;
	}
	if (!allow2 || !cond)
		return 0;
	return warn(diags, allow2, "openat2",
		    "its flags are in memory seccomp cannot read, so it opens "
		    "what the conditions on 'openat' refuse (answer 'errno "
		    "ENOSYS openat2': libc falls back to openat)");
}

/* AF_UNIX lets in abstract sockets outside, unless Landlock scopes them. */
static int
lint_abstract(const struct cage_policy *pol, struct cage_diags *diags)
{
	int nr = cage_syscall_number("socket");

	if (kernel_scopes())
		return 0;
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr == nr && allows(r) &&
		    admits(r, 0, AF_UNIX, -1, 0, false))
			return warn_with(diags, r, "socket", "AF_UNIX",
					 "abstract Unix sockets outside the "
					 "sandbox (X11, D-Bus) are reachable: "
					 "this kernel's Landlock cannot scope "
					 "them (Linux 6.12)");
	}
	return 0;
}

/* A call on other pids: R must pin the pid (and WHICH) to the caller. */
static int
lint_pid(const struct cage_rule *r, const char *name, struct cage_diags *diags)
{
	char why[320];

	for (size_t i = 0; i < cage_lint_npid_calls; i++) {
		const struct cage_pid_call *p = &cage_lint_pid_calls[i];

		if (strcmp(p->sys, name))
			continue;
		if ((p->also >= 0 && pins(r, (unsigned)p->also, 0)) ||
		    ((p->which < 0 ||
		      pins(r, (unsigned)p->which, p->self_which)) &&
		     pins(r, p->who, 0)))
			return 0;
		snprintf(why, sizeof(why),
			 "%s: allow it only on the caller, "
			 "'%s'",
			 p->why, p->fix);
		return warn(diags, r, name, why);
	}
	return 0;
}

/* Whether R lets an open create a file (O_CREAT, or O_TMPFILE, which
 * needs write access). */
static bool
may_create(const struct cage_rule *r, unsigned flags)
{
	if (may_set_arg(r, flags, O_CREAT, 0))
		return true;
	if (!may_set_arg(r, flags, O_TMPFILE_BIT, 0))
		return false;
	for (unsigned i = 0; i < r->ncmps; i++) {
		const struct cage_cmp *c = &r->cmps[i];

		if (c->arg == flags && ((c->op == CAGE_OP_MASKED_EQ &&
					 (c->mask & O_ACCMODE) == O_ACCMODE &&
					 (c->value & O_ACCMODE) == O_RDONLY) ||
					(c->op == CAGE_OP_EQ &&
					 (c->value & O_ACCMODE) == O_RDONLY)))
			return false;
	}
	return true;
}

/* A mode with S_ISUID or S_ISGID: a new setuid or setgid file. */
static int
lint_mode(const struct cage_policy *pol, const struct cage_rule *r,
	  const char *name, struct cage_diags *diags)
{
	char why[320], alt[64] = "";

	for (size_t i = 0; i < cage_lint_nmode_calls; i++) {
		const struct cage_mode_call *m = &cage_lint_mode_calls[i];

		if (strcmp(m->sys, name))
			continue;
		if (m->flags >= 0 && !may_create(r, (unsigned)m->flags))
			return 0;
		if ((!may_set_arg(r, m->mode, S_ISUID, 0) ||
		     bit_caught_arg(pol, r->nr, m->mode, S_ISUID)) &&
		    (!may_set_arg(r, m->mode, S_ISGID, 0) ||
		     bit_caught_arg(pol, r->nr, m->mode, S_ISGID)))
			return 0;
		if (m->flags >= 0)
			snprintf(alt, sizeof(alt),
				 "arg%d & (O_CREAT | 020000000) == 0 || ",
				 m->flags);
		snprintf(why, sizeof(why),
			 "it makes setuid and setgid files (run as root, a "
			 "root-owned program setuid root for every user): "
			 "allow it only with 'if %sarg%u & (S_ISUID | S_ISGID) "
			 "== 0'",
			 alt, m->mode);
		return warn_with(diags, r, name,
				 "S_ISUID or S_ISGID in the mode", why);
	}
	return 0;
}

static int
lint_rule(const struct cage_policy *pol, const struct cage_rule *r,
	  struct cage_diags *diags)
{
	const char *name = cage_syscall_name(r->nr), *why;
	int err;

	if (!name || !allows(r))
		return 0;
	why = cage_lint_danger(name);
	if (why && !strcmp(name, "ptrace") && ptrace_confined(r))
		why = NULL;
	if (why)
		return warn(diags, r, name, why);
	if (!kernel_scopes()) {
		why = cage_lint_unscoped(name);
		if (why)
			return warn(diags, r, name, why);
	}
	err = lint_pid(r, name, diags);
	if (!err)
		err = lint_mode(pol, r, name, diags);
	return err ? err : lint_bits(pol, r, name, diags);
}

bool
cage_lint_rule_escapes(const struct cage_policy *pol, const struct cage_rule *r,
		       char *why, size_t size)
{
	struct cage_diags d = {0};
	const char *name = cage_syscall_name(r->nr);
	int err = lint_rule(pol, r, &d);

	for (size_t k = 0; k < cage_lint_nbad_values && !err && !d.n; k++) {
		const struct cage_bad_value *b = &cage_lint_bad_values[k];

		/* Caught by a denial of POL or not: a rule proposed to let
		 * this value in is a rule for it. */
		if (name && !strcmp(b->sys, name) &&
		    admits(r, b->arg, b->value, b->arg2, b->value2, false))
			err = warn_with(&d, r, b->sys, b->what, b->why);
	}
	bool warns = err || d.n;

	snprintf(why, size, "%s",
		 d.n   ? d.v[0].message
		 : err ? "the linter failed"
		       : "");
	cage_diags_free(&d);
	return warns;
}

/* Each rule: lint's own warnings, then what it opens beyond 'default'. */
static int
lint_rules(const struct cage_policy *pol, struct cage_diags *diags)
{
	struct cage_diags dd = {0};
	struct cage_policy *def = NULL;
	int err = cage_policy_load_builtin("default", &dd, &def);

	for (size_t i = 0; i < pol->nrules && !err; i++) {
		size_t before = diags->n;

		err = lint_rule(pol, &pol->rules[i], diags);
		if (!err)
			err = cage_lint_beyond_default(pol, def, &pol->rules[i],
						       diags->n > before,
						       diags);
	}
	cage_policy_free(def);
	cage_diags_free(&dd);
	return err;
}

int
cage_policy_lint(const struct cage_policy *pol, struct cage_diags *diags)
{
	int execve_nr = cage_syscall_number("execve"), err = 0;
	bool exec_allowed = false;

	if (pol->dflt.kind == CAGE_ACTION_ALLOW ||
	    pol->dflt.kind == CAGE_ACTION_LOG)
		err = cage_diag_add(diags, CAGE_SEVERITY_WARNING,
				    pol->dflt_loc.file ? &pol->dflt_loc : NULL,
				    "'default %s' makes this a denylist: every "
				    "syscall not named is allowed",
				    cage_action_name(pol->dflt.kind));
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == execve_nr && allows(&pol->rules[i]))
			exec_allowed = true;
	if (!err)
		err = lint_rules(pol, diags);
	if (!err)
		err = lint_values(pol, diags);
	if (!err)
		err = lint_openat2(pol, diags);
	if (!err)
		err = lint_abstract(pol, diags);
	if (!err)
		err = cage_lint_view(pol, diags);
	if (!err && !exec_allowed && pol->dflt.kind != CAGE_ACTION_ALLOW &&
	    pol->dflt.kind != CAGE_ACTION_LOG) {
		/* sources[0] is the groups file, [1] the policy named */
		struct cage_loc loc = {pol->sources[1], 0, 0, 0};

		err = cage_diag_add(diags, CAGE_SEVERITY_WARNING, &loc,
				    "the policy does not allow execve, so no "
				    "command can start under it");
	}
	return err;
}
