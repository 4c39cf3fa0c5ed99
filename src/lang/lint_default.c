// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lint against the 'default' built-in: a rule that opens what 'default'
 * keeps shut (a syscall it never allows, a socket family, a prctl
 * option) warns.  What 'default' allows is asked of the built-in itself
 * through decide.c, the supervisor's own reading of a policy, so that
 * this check and the policy cannot drift apart.
 */
#include "base/consts.h"
#include "policy/decide.h"
#include "lang/lint_default.h"
#include "lang/lint_values.h"
#include "base/syscalls.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#ifndef AF_MAX
#define AF_MAX 46
#endif
#define PR_OPTIONS 128 /* prctl options are numbered from 0 up, below this */
#define LISTED	   8   /* values named in one warning, the rest counted */

/* Arguments whose values are checked one by one: those from 1 (0 is no
 * family and no option) below END, or the one value an 'arg == V' rule
 * names. */
static const struct enumerated {
	const char *sys;
	unsigned arg;
	const char *prefix, *what, *why;
	uint64_t end;
} enumerated[] = {
	{"socket", 0, "AF_", "family",
	 "socket families the 'default' built-in keeps shut: protocol code "
	 "few programs use, with a long record of kernel bugs",
	 AF_MAX},
	{"socketpair", 0, "AF_", "family",
	 "socket families the 'default' built-in keeps shut: protocol code "
	 "few programs use, with a long record of kernel bugs",
	 AF_MAX},
	{"prctl", 0, "PR_", "option",
	 "options the 'default' built-in keeps shut: process state few "
	 "programs change (the memory map, securebits, speculation and CPU "
	 "controls, the tracing of others)",
	 PR_OPTIONS},
};

static bool
allowing(const struct cage_action *a)
{
	return a->kind == CAGE_ACTION_ALLOW || a->kind == CAGE_ACTION_LOG;
}

/* 'default' allows NR with ARG == V (other arguments 0). */
static bool
default_allows(const struct cage_policy *def, int nr, unsigned arg, uint64_t v)
{
	uint64_t args[6] = {0};
	struct cage_verdict verdict;

	args[arg] = v;
	cage_policy_decide(def, nr, args, &verdict);
	return allowing(&verdict.action);
}

/* 'default' allows NR for some arguments: its fallback or a rule. */
static bool
default_opens(const struct cage_policy *def, int nr)
{
	uint64_t args[6] = {0};
	struct cage_verdict v;

	cage_policy_decide(def, nr, args, &v);
	if (allowing(&v.action))
		return true;
	for (size_t i = cage_first_rule(def, nr);
	     i < def->nrules && def->rules[i].nr == nr; i++)
		if (allowing(&def->rules[i].action))
			return true;
	return false;
}

/* R's comparison on ARG, or NULL. */
static const struct cage_cmp *
cmp_on(const struct cage_rule *r, unsigned arg)
{
	for (unsigned i = 0; i < r->ncmps; i++)
		if (r->cmps[i].arg == arg)
			return &r->cmps[i];
	return NULL;
}

/* POL lets V in through R: R holds for it, and no conditional denial
 * on ARG alone (the strictest matching rule wins) catches it. */
static bool
lets_in(const struct cage_policy *pol, const struct cage_rule *r, unsigned arg,
	uint64_t v)
{
	const struct cage_cmp *c = cmp_on(r, arg);

	if (c && !cage_cmp_holds(c, v))
		return false;
	for (size_t i = cage_first_rule(pol, r->nr);
	     i < pol->nrules && pol->rules[i].nr == r->nr; i++) {
		const struct cage_rule *d = &pol->rules[i];

		if (!allowing(&d->action) && d->ncmps == 1 &&
		    d->cmps[0].arg == arg && cage_cmp_holds(&d->cmps[0], v))
			return false;
	}
	return true;
}

/* The shortest constant named PREFIX... of value V (PR_SET_UNALIGN, not
 * PR_SET_MM_START_BRK), or the number. */
static void
put_value(char *buf, size_t size, const char *prefix, uint64_t v)
{
	const char *name = NULL;

	for (size_t i = 0; i < cage_consts_count; i++) {
		const struct cage_const *c = &cage_consts[i];

		if (c->value == v &&
		    !strncmp(c->name, prefix, strlen(prefix)) &&
		    (!name || strlen(c->name) < strlen(name)))
			name = c->name;
	}
	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%#llx", (unsigned long long)v);
}

static int
warn(struct cage_diags *diags, const struct cage_rule *r, const char *name,
     const char *what, const char *why)
{
	if (r->group && what)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "%s allows '%s' with %s: %s", r->group,
				     name, what, why);
	if (r->group)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "%s allows '%s': %s", r->group, name, why);
	if (what)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "allowing '%s' with %s: %s", name, what,
				     why);
	return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
			     "allowing '%s': %s", name, why);
}

/* Add V's name to the list in WHAT (LISTED of them, then a count). */
static void
list_value(char *what, size_t size, unsigned *n, const char *prefix, uint64_t v)
{
	char one[64];
	size_t len = strlen(what);

	if (*n < LISTED) {
		put_value(one, sizeof(one), prefix, v);
		snprintf(what + len, size - len, "%s%s", *n ? ", " : "", one);
	}
	(*n)++;
}

/* The values of E's argument that R lets in and 'default' does not. */
static int
lint_enumerated(const struct cage_policy *pol, const struct cage_policy *def,
		const struct cage_rule *r, const struct enumerated *e,
		struct cage_diags *diags)
{
	const struct cage_cmp *c = cmp_on(r, e->arg);
	char what[600] = "";
	unsigned n = 0;

	if (c && (c->op == CAGE_OP_EQ || c->op == CAGE_OP_IN)) {
		/* One value, whatever its size. */
		if (!cage_lint_value_named(e->sys, e->arg, c->value) &&
		    lets_in(pol, r, e->arg, c->value) &&
		    !default_allows(def, r->nr, e->arg, c->value))
			list_value(what, sizeof(what), &n, e->prefix, c->value);
	} else {
		for (uint64_t v = 1; v < e->end; v++)
			if (!cage_lint_value_named(e->sys, e->arg, v) &&
			    lets_in(pol, r, e->arg, v) &&
			    !default_allows(def, r->nr, e->arg, v))
				list_value(what, sizeof(what), &n, e->prefix,
					   v);
	}
	if (!n)
		return 0;
	if (!c) {
		snprintf(what, sizeof(what), "any %s", e->what);
	} else if (n > LISTED) {
		size_t len = strlen(what);

		snprintf(what + len, sizeof(what) - len, " and %u more",
			 n - LISTED);
	}
	return warn(diags, r, e->sys, what, e->why);
}

int
cage_lint_beyond_default(const struct cage_policy *pol,
			 const struct cage_policy *def,
			 const struct cage_rule *r, bool warned,
			 struct cage_diags *diags)
{
	const char *name = cage_syscall_name(r->nr);

	if (!name || !allowing(&r->action))
		return 0;
	for (size_t i = 0; i < sizeof(enumerated) / sizeof(enumerated[0]); i++)
		if (!strcmp(enumerated[i].sys, name))
			return lint_enumerated(pol, def, r, &enumerated[i],
					       diags);
	if (warned || default_opens(def, r->nr))
		return 0;
	return warn(diags, r, name, NULL,
		    "outside what the 'default' built-in allows: kernel "
		    "attack surface that everyday programs do not use");
}
