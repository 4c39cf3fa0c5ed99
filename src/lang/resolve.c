// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resolving statements into rules: syscall and group names to native
 * numbers, conditions to libseccomp-ready comparisons (32-bit arguments
 * on their low 32 bits only), groups defined and followed.  Which rule
 * wins for each syscall, once every file is read, is merge.c's: a file's
 * rules beat those of the files it includes, a syscall named directly
 * beats one reached through a group, and anything else that disagrees is
 * a conflict naming both places.
 */
#include "lang/ast.h"
#include "lang/loader.h"
#include "lang/resolve.h"
#include "base/suggest.h"
#include "base/syscall_args.h"
#include "base/syscalls.h"
#include "policy/action.h"
#include "policy/print.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>

#define MAX_ALTERNATIVES 256

int
cage_resolve_default(struct cage_loader *ld, const struct cage_stmt *st,
		     const struct cage_source *src)
{
	const struct cage_stmt *old = ld->dflt_stmt;

	if (old && ld->dflt_depth == src->depth && src->depth < 17 &&
	    !cage_action_equal(&old->action, &st->action) &&
	    !ld->dflt_clash[src->depth][0]) {
		ld->dflt_clash[src->depth][0] = old;
		ld->dflt_clash[src->depth][1] = st;
	}
	if (!old || src->depth < ld->dflt_depth) {
		ld->dflt_stmt = st;
		ld->dflt_depth = src->depth;
	}
	return 0;
}

const struct cage_group *
cage_group_find(const struct cage_loader *ld, const char *name)
{
	for (size_t i = 0; i < ld->ngroups; i++)
		if (!strcmp(ld->groups[i].name, name))
			return &ld->groups[i];
	return NULL;
}

static void
unknown_group(struct cage_loader *ld, const struct cage_name *n)
{
	struct cage_suggest s;
	const char *hint;

	cage_suggest_init(&s, n->text);
	for (size_t i = 0; i < ld->ngroups; i++)
		cage_suggest_offer(&s, ld->groups[i].name);
	hint = cage_suggest_result(&s);
	if (hint)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &n->loc,
			      "unknown group '%s' (did you mean '%s'?)",
			      n->text, hint);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &n->loc,
			      "unknown group '%s'%s", n->text,
			      " (see syscage --list)");
}

/* A syscall name's number; reports an unknown one.  -EXDEV: foreign. */
/*
 * The built-in groups file follows systemd's lists, which name syscalls
 * newer than libseccomp may know: those are skipped there, quietly.
 */
static bool
builtin(const struct cage_name *n)
{
	return n->loc.file && !n->loc.file->dir &&
	       !strcmp(n->loc.file->name, "groups");
}

static int
syscall_nr(struct cage_loader *ld, const struct cage_name *n)
{
	struct cage_suggest s;
	const char *hint;
	int nr = cage_syscall_number(n->text);

	if (nr != -ENOENT || builtin(n))
		return nr;
	if (cage_diags_full(ld->diags)) {
		ld->diags->errors++;
		ld->diags->truncated = true;
		return nr;
	}
	cage_suggest_init(&s, n->text);
	cage_syscall_suggest(&s);
	hint = cage_suggest_result(&s);
	if (hint)
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &n->loc,
			      "unknown syscall '%s' (did you mean '%s'?)",
			      n->text, hint);
	else
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &n->loc,
			      "unknown syscall '%s'%s", n->text, "");
	return -ENOENT;
}

/* Same members in the same order: the groups file checked as a policy. */
static bool
same_members(const struct cage_stmt *a, const struct cage_stmt *b)
{
	if (a->nnames != b->nnames)
		return false;
	for (size_t i = 0; i < a->nnames; i++)
		if (strcmp(a->names[i].text, b->names[i].text))
			return false;
	return true;
}

int
cage_resolve_define(struct cage_loader *ld, const struct cage_stmt *st)
{
	const struct cage_group *old = cage_group_find(ld, st->target.text);
	struct cage_group *v;

	/* Redefined as it is: it means nothing new (syscage --check of
	 * policies/groups.policy, read after the built-in copy). */
	if (old && same_members(old->def, st))
		return 0;
	if (old) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->target.loc,
			      "group '%s' is already defined at %s:%u",
			      st->target.text, old->def->loc.file->name,
			      old->def->loc.line);
		return 0;
	}
	for (size_t i = 0; i < st->nnames; i++) {
		const struct cage_name *n = &st->names[i];

		if (n->text[0] == '@' && !cage_group_find(ld, n->text))
			unknown_group(ld, n);
		else if (n->text[0] != '@')
			syscall_nr(ld, n);
	}
	v = realloc(ld->groups, (ld->ngroups + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	ld->groups = v;
	v[ld->ngroups].name = st->target.text;
	v[ld->ngroups++].def = st;
	return 0;
}

/* One alternative of a condition with every 'in' chosen: up to 6 terms. */
struct alt {
	struct {
		unsigned arg;
		enum cage_op op;
		uint64_t mask, value;
		const struct cage_loc *loc;
	} t[6];
	unsigned n;
};

struct expansion {
	struct alt *v;
	size_t n;
};

/* Expand 'in' sets: the product of the choices of every term. */
static int
expand_conj(const struct cage_conj *c, struct expansion *ex)
{
	size_t total = 1, base = ex->n;
	struct alt *v;

	for (size_t i = 0; i < c->n; i++) {
		total *= c->terms[i].nvalues;
		if (total > MAX_ALTERNATIVES)
			return -E2BIG;
	}
	if (ex->n + total > MAX_ALTERNATIVES)
		return -E2BIG;
	v = realloc(ex->v, (ex->n + total) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	ex->v = v;
	for (size_t k = 0; k < total; k++) {
		struct alt *a = &v[base + k];
		size_t rest = k;

		a->n = (unsigned)c->n;
		for (size_t i = 0; i < c->n; i++) {
			const struct cage_term *t = &c->terms[i];

			a->t[i].arg = t->arg;
			a->t[i].op = t->op == CAGE_OP_IN ? CAGE_OP_EQ : t->op;
			a->t[i].mask = t->mask;
			a->t[i].value = t->values[rest % t->nvalues];
			a->t[i].loc = &t->loc;
			rest /= t->nvalues;
		}
	}
	ex->n += total;
	return 0;
}

static int
expand_cond(struct cage_loader *ld, const struct cage_stmt *st,
	    struct expansion *ex)
{
	int err = 0;

	memset(ex, 0, sizeof(*ex));
	if (st->cond.n == 0) {
		ex->v = calloc(1, sizeof(*ex->v));
		ex->n = 1;
		return ex->v ? 0 : -ENOMEM;
	}
	for (size_t i = 0; i < st->cond.n && !err; i++)
		err = expand_conj(&st->cond.alts[i], ex);
	if (err == -E2BIG) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->loc,
			      "the condition expands to more than %d "
			      "alternatives",
			      MAX_ALTERNATIVES);
	}
	return err;
}

/*
 * The kernel reads only the low 32 bits of an int argument, but seccomp
 * sees the whole register, so a caller can set high bits at will
 * (CVE-2019-10063).  Equality is tested on the low 32 bits; '<' and '<='
 * stay 64-bit, which refuses high bits; the rest cannot be made safe.
 */
static int
make_cmp(struct cage_loader *ld, const char *sys, unsigned args32,
	 const struct cage_action *act, const struct alt *a, unsigned i,
	 struct cage_cmp *c)
{
	bool narrow = args32 & (1u << a->t[i].arg);

	c->arg = a->t[i].arg;
	c->op = a->t[i].op;
	c->mask = a->t[i].mask;
	c->value = a->t[i].value;
	if (!narrow)
		return 0;
	switch (c->op) {
	case CAGE_OP_EQ:
		c->op = CAGE_OP_MASKED_EQ;
		c->mask = 0xffffffffu;
		c->value &= 0xffffffffu;
		return 0;
	case CAGE_OP_MASKED_EQ:
		c->mask &= 0xffffffffu;
		c->value &= 0xffffffffu;
		return 0;
	case CAGE_OP_LT:
	case CAGE_OP_LE:
		/* High bits make the value larger: fails closed in a rule
		 * that allows, open in one that denies. */
		if (act->kind == CAGE_ACTION_ALLOW ||
		    act->kind == CAGE_ACTION_LOG)
			return 0;
		break;
	default:
		break;
	}
	cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, a->t[i].loc,
		      "'%s' on arg%u of %s, a 32-bit argument, cannot be "
		      "enforced: the kernel ignores the high 32 bits a caller "
		      "can set (use ==, in or &; < and <= only to allow)",
		      cage_print_op(c->op), c->arg, sys);
	return -EINVAL;
}

static int
push_rule(struct cage_loader *ld, const struct cage_rule *r)
{
	struct cage_policy *pol = ld->pol;

	if (pol->nrules == pol->rules_cap) {
		size_t cap = pol->rules_cap ? pol->rules_cap * 2 : 256;
		struct cage_rule *v = realloc(pol->rules, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		pol->rules = v;
		pol->rules_cap = cap;
	}
	pol->rules[pol->nrules] = *r;
	pol->rules[pol->nrules].seq = (unsigned)pol->nrules;
	pol->nrules++;
	return 0;
}

/* By argument, so that 'a && b' and 'b && a' are the same condition. */
static void
sort_cmps(struct cage_rule *r)
{
	for (unsigned i = 1; i < r->ncmps; i++) {
		struct cage_cmp c = r->cmps[i];
		unsigned k = i;

		for (; k > 0 && r->cmps[k - 1].arg > c.arg; k--)
			r->cmps[k] = r->cmps[k - 1];
		r->cmps[k] = c;
	}
}

struct target {
	const struct cage_stmt *st;
	const struct cage_source *src;
	const struct expansion *ex;
	const struct cage_loc *loc; /* the name in the rule */
	const char *group;
};

static int
add_syscall(struct cage_loader *ld, const struct target *tg, const char *name,
	    int nr)
{
	unsigned args32 = cage_syscall_args32(name);
	int nargs = cage_syscall_nargs(name);
	struct cage_rule r = {0};
	int err;

	r.nr = nr;
	r.action = tg->st->action;
	r.rank = tg->src->depth * 2 + (tg->group != NULL);
	r.via_group = tg->group != NULL;
	r.group = tg->group;
	r.loc = *tg->loc;
	r.stmt = tg->st;
	for (size_t k = 0; k < tg->ex->n; k++) {
		const struct alt *a = &tg->ex->v[k];

		r.ncmps = a->n;
		for (unsigned i = 0; i < a->n; i++) {
			if (nargs >= 0 && a->t[i].arg >= (unsigned)nargs) {
				cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR,
					      a->t[i].loc,
					      "%s takes %d argument%s; arg%u "
					      "is not one of them",
					      name, nargs,
					      nargs == 1 ? "" : "s",
					      a->t[i].arg);
				return -EINVAL;
			}
			if (make_cmp(ld, name, args32, &r.action, a, i,
				     &r.cmps[i]))
				return -EINVAL;
		}
		sort_cmps(&r);
		err = push_rule(ld, &r);
		if (err)
			return err;
	}
	return 0;
}

/* Apply the rule to NAME: a syscall, or every member of a group. */
static int
add_name(struct cage_loader *ld, struct target *tg, const struct cage_name *n,
	 unsigned depth)
{
	const struct cage_group *g;
	int nr, err = 0;

	if (n->text[0] != '@') {
		/* A group's unknown members were reported at its define. */
		nr = tg->group ? cage_syscall_number(n->text)
			       : syscall_nr(ld, n);
		if (nr == -EXDEV && !tg->group)
			cage_diag_add(ld->diags, CAGE_SEVERITY_WARNING, &n->loc,
				      "'%s' is not a system call of this "
				      "architecture; ignored",
				      n->text);
		if (nr < 0)
			return nr == -ENOENT && !builtin(n) ? -EINVAL : 0;
		return add_syscall(ld, tg, n->text, nr);
	}
	g = cage_group_find(ld, n->text);
	if (!g) {
		if (!tg->group) /* else reported at the group's define */
			unknown_group(ld, n);
		return -EINVAL;
	}
	if (depth > 8)
		return 0; /* groups are defined before use: no cycles */
	if (!tg->group)
		tg->group = g->name;
	for (size_t i = 0; i < g->def->nnames && !err; i++)
		err = add_name(ld, tg, &g->def->names[i], depth + 1);
	return err;
}

int
cage_resolve_rule(struct cage_loader *ld, const struct cage_stmt *st,
		  const struct cage_source *src)
{
	struct expansion ex;
	int err;

	err = expand_cond(ld, st, &ex);
	for (size_t i = 0; i < st->nnames && !err; i++) {
		struct target tg = {st, src, &ex, &st->names[i].loc, NULL};

		err = add_name(ld, &tg, &st->names[i], 0);
		if (err == -EINVAL)
			err = 0; /* reported; go on with the next name */
	}
	free(ex.v);
	return err == -E2BIG ? 0 : err;
}

int
cage_resolve_caps(struct cage_loader *ld, const struct cage_stmt *st)
{
	for (size_t i = 0; i < st->nnames; i++) {
		const struct cage_name *n = &st->names[i];
		cap_value_t cap;

		if (cap_from_name(n->text, &cap) == 0 && cap >= 0 && cap < 64) {
			ld->pol->caps_keep |= 1ull << cap;
			continue;
		}
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &n->loc,
			      "unknown capability '%s'%s", n->text,
			      " (see capabilities(7))");
	}
	return 0;
}

void
cage_loader_clear(struct cage_loader *ld)
{
	free(ld->groups);
	ld->groups = NULL;
	ld->ngroups = 0;
}
