// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one printer of rules and comparisons as policy text, for --explain,
 * the linter, the exports and the supervisor's suggestions, so that each
 * shows a rule the same way: values by name where the argument has names
 * (argnames.c), read back by the parser as the same comparison.
 */
#include "base/argnames.h"
#include "base/syscalls.h"
#include "policy/print.h"

#include <string.h>

/* The arguments R pins with ==, which name the others (fcntl's
 * command, a socket's family): bit i of the result for ARGS[i]. */
static unsigned
pinned(const struct cage_cmp *cmps, unsigned n, uint64_t args[6])
{
	unsigned known = 0;

	for (unsigned i = 0; i < n; i++) {
		const struct cage_cmp *c = &cmps[i];

		if (c->op == CAGE_OP_EQ || c->op == CAGE_OP_IN ||
		    (c->op == CAGE_OP_MASKED_EQ &&
		     (c->mask & 0xffffffffu) == 0xffffffffu)) {
			args[c->arg] = c->value;
			known |= 1u << c->arg;
		}
	}
	return known;
}

static void
print_named(FILE *out, const char *sys, const struct cage_cmp *c,
	    const uint64_t args[6], unsigned known)
{
	enum cage_ns ns = cage_arg_ns(sys, c->arg, args, known);
	char v[256], m[256];

	if (c->op == CAGE_OP_MASKED_EQ && c->mask == 0xffffffffu) {
		/* a 32-bit argument: == as the policy said */
		cage_ns_value(v, sizeof(v), ns, c->value, c->mask);
		fprintf(out, "arg%u == %s", c->arg, v);
	} else if (c->op == CAGE_OP_MASKED_EQ) {
		cage_ns_mask(m, sizeof(m), ns, c->mask);
		cage_ns_value(v, sizeof(v), ns, c->value, c->mask);
		fprintf(out,
			strchr(m, '|') ? "arg%u & (%s) == %s"
				       : "arg%u & %s == %s",
			c->arg, m, v);
	} else { /* a resolved 'in' holds one value: == */
		cage_ns_value(v, sizeof(v), ns, c->value, ~0ull);
		fprintf(out, "arg%u %s %s", c->arg,
			c->op == CAGE_OP_IN ? "==" : cage_print_op(c->op), v);
	}
}

void
cage_print_cmp(FILE *out, const struct cage_cmp *c)
{
	uint64_t args[6] = {0};

	print_named(out, NULL, c, args, 0);
}

const char *
cage_print_op(enum cage_op op)
{
	static const char *const ops[] = {
		[CAGE_OP_EQ] = "==",	   [CAGE_OP_NE] = "!=",
		[CAGE_OP_LT] = "<",	   [CAGE_OP_LE] = "<=",
		[CAGE_OP_GT] = ">",	   [CAGE_OP_GE] = ">=",
		[CAGE_OP_MASKED_EQ] = "&", [CAGE_OP_IN] = "in",
	};

	return (unsigned)op < sizeof(ops) / sizeof(ops[0]) ? ops[op] : "?";
}

void
cage_print_cmps(FILE *out, int nr, const struct cage_cmp *cmps, unsigned n)
{
	const char *sys = cage_syscall_name(nr);
	uint64_t args[6] = {0};
	unsigned known = pinned(cmps, n, args);

	for (unsigned i = 0; i < n; i++) {
		fputs(i ? " && " : "", out);
		print_named(out, sys, &cmps[i], args, known);
	}
}

void
cage_print_cond(FILE *out, const struct cage_rule *r)
{
	cage_print_cmps(out, r->nr, r->cmps, r->ncmps);
}

void
cage_print_rule(FILE *out, const struct cage_rule *r)
{
	const char *name = cage_syscall_name(r->nr);
	char act[32];

	fprintf(out, "%s %s", cage_action_str(&r->action, act, sizeof(act)),
		name ? name : "?");
	if (!r->ncmps)
		return;
	fputs(" if ", out);
	cage_print_cond(out, r);
}
