// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * --explain and --list: what a policy does and what the groups hold, in
 * plain words, from the same resolved rules the compiler reads.
 */
#include "lang/ast.h"
#include "lang/builtins.h"
#include "base/consts.h"
#include "lang/isolation.h"
#include "policy/policy.h"
#include "base/syscalls.h"
#include "base/text_escape.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void
print_cmp(const struct cage_cmp *c, FILE *out)
{
	static const char *const ops[] = {
		"==", "!=", "<", "<=", ">", ">=", "&", "in"};

	if (c->op == CAGE_OP_MASKED_EQ && c->mask == 0xffffffffu)
		fprintf(out, "arg%u == %#llx", c->arg,
			(unsigned long long)c->value);
	else if (c->op == CAGE_OP_MASKED_EQ)
		fprintf(out, "arg%u & %#llx == %#llx", c->arg,
			(unsigned long long)c->mask,
			(unsigned long long)c->value);
	else
		fprintf(out, "arg%u %s %#llx", c->arg, ops[c->op],
			(unsigned long long)c->value);
}

static void
print_rule(const struct cage_rule *r, FILE *out)
{
	const char *name = cage_syscall_name(r->nr);
	char act[32], file[1024];

	cage_action_str(&r->action, act, sizeof(act));
	fprintf(out, "  %-14s %-22s", act, name ? name : "?");
	for (unsigned i = 0; i < r->ncmps; i++) {
		fputs(i ? " && " : " if ", out);
		print_cmp(&r->cmps[i], out);
	}
	fprintf(out, "   (%s:%u%s%s)\n",
		cage_text_shown(r->loc.file->name, file, sizeof(file)),
		r->loc.line, r->group ? ", " : "", r->group ? r->group : "");
}

int
cage_policy_explain(const struct cage_policy *pol, FILE *out)
{
	char act[32], name[1024];
	size_t uncond = 0, cond = 0;

	/* Paths are the caller's and the policy's: escaped if need be. */
	fprintf(out, "policy %s\n",
		cage_text_shown(pol->name, name, sizeof(name)));
	for (size_t i = 2; i < pol->nsources; i++)
		fprintf(out, "  includes %s%s\n",
			cage_text_shown(pol->sources[i]->name, name,
					sizeof(name)),
			pol->sources[i]->dir ? "" : " (built-in)");
	cage_action_str(&pol->dflt, act, sizeof(act));
	if (pol->dflt_loc.file)
		fprintf(out, "default: %s (%s:%u)\n", act,
			cage_text_shown(pol->dflt_loc.file->name, name,
					sizeof(name)),
			pol->dflt_loc.line);
	else
		fprintf(out, "default: %s (no 'default' statement)\n", act);
	for (size_t i = 0; i < pol->nrules; i++)
		pol->rules[i].ncmps ? cond++ : uncond++;
	fprintf(out, "%zu syscalls with a rule, %zu conditional rules:\n",
		uncond, cond);
	for (size_t i = 0; i < pol->nrules; i++)
		print_rule(&pol->rules[i], out);
	fprintf(out, "every other syscall: %s\n", act);
	if (pol->dflt.kind != CAGE_ACTION_ALLOW &&
	    pol->dflt.kind != CAGE_ACTION_LOG)
		fprintf(out, "syscalls newer than syscage's tables: errno "
			     "ENOSYS, so that libc falls back\n");
	fprintf(out, "other architectures (i386 int $0x80, x32): kill\n");
	cage_isolation_explain(&pol->iso, out);
	return ferror(out) ? -EIO : 0;
}

uint64_t
cage_policy_caps_keep(const struct cage_policy *pol)
{
	return pol->caps_keep;
}

const char *const *
cage_builtin_names(void)
{
	static const char *names[64];
	size_t n = 0;

	/* groups and fs-system are pieces to include, not policies. */
	for (size_t i = 0; i < cage_builtins_count && n < 63; i++)
		if (strcmp(cage_builtins[i].name, "groups") &&
		    strcmp(cage_builtins[i].name, "fs-system"))
			names[n++] = cage_builtins[i].name;
	names[n] = NULL;
	return names;
}

/* --list @group prints the members as written, nested groups included. */
int
cage_groups_list(const char *group, FILE *out)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol;
	bool found = false;
	int err;

	err = cage_policy_load_buffer("<list>", NULL, "", 0, &diags, &pol);
	cage_diags_free(&diags);
	if (err)
		return err;
	for (size_t i = 0; i < pol->asts[0].n; i++) {
		const struct cage_stmt *st = &pol->asts[0].stmts[i];

		if (st->kind != CAGE_STMT_DEFINE)
			continue;
		if (!group) {
			fprintf(out, "%s\n", st->target.text);
			continue;
		}
		if (strcmp(group, st->target.text))
			continue;
		found = true;
		for (size_t k = 0; k < st->nnames; k++)
			fprintf(out, "%s\n", st->names[k].text);
	}
	cage_policy_free(pol);
	if (group && !found)
		return -ENOENT;
	return ferror(out) ? -EIO : 0;
}
