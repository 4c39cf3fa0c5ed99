// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one printer of rules and comparisons as policy text, for --explain,
 * the linter and the exports, so that each shows a rule the same way.
 */
#include "base/syscalls.h"
#include "policy/print.h"

void
cage_print_cmp(FILE *out, const struct cage_cmp *c)
{
	if (c->op == CAGE_OP_MASKED_EQ && c->mask == 0xffffffffu)
		fprintf(out, "arg%u == %#llx", c->arg,
			(unsigned long long)c->value); /* a 32-bit argument */
	else if (c->op == CAGE_OP_MASKED_EQ)
		fprintf(out, "arg%u & %#llx == %#llx", c->arg,
			(unsigned long long)c->mask,
			(unsigned long long)c->value);
	else /* a resolved 'in' holds one value: == */
		fprintf(out, "arg%u %s %#llx", c->arg,
			c->op == CAGE_OP_IN ? "==" : cage_print_op(c->op),
			(unsigned long long)c->value);
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
cage_print_cond(FILE *out, const struct cage_rule *r)
{
	for (unsigned i = 0; i < r->ncmps; i++) {
		fputs(i ? " && " : "", out);
		cage_print_cmp(out, &r->cmps[i]);
	}
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
