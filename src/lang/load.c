// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading a policy: the walk of its files.  source.c finds and reads
 * each file's text (path, installed name or built-in), parse.c parses it,
 * includes are followed depth first (cycles are errors) and each
 * statement goes to the module that resolves it; every budget the text
 * could exceed is checked here.  The groups file is loaded first, as a
 * built-in every policy sees.
 */
#include "base/syscalls.h"
#include "lang/ast.h"
#include "lang/builtins.h"
#include "lang/isolation.h"
#include "lang/load.h"
#include "lang/loader.h"
#include "lang/merge.h"
#include "lang/parse.h"
#include "lang/resolve.h"
#include "lang/source.h"
#include "policy/policy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Policies are small; anything larger is a mistake or an attack.  The
 * limits keep every later stage to a bounded cost, libseccomp above all:
 * its time grows steeply with range comparisons on one syscall, and 2.5.x
 * corrupts its heap when a filter passes 65535 instructions.
 */
#define MAX_INCLUDE_DEPTH 16
#define MAX_FILES	  256 /* files and built-ins read for one policy */
#define MAX_GROUPS	  1024
#define MAX_RULES	  65536 /* one per syscall and alternative of a condition */
#define MAX_COMPARISONS	  4096 /* BPF_MAXINSNS: each takes one or more */
#define MAX_RANGES	  32   /* <, <=, >, >= on one syscall */

/* The loader, and what it spends: rules the statements so far may add. */
struct load_state {
	struct cage_loader ld;
	size_t cost;
};

static int
add_source(struct cage_loader *ld, struct cage_source *src)
{
	struct cage_policy *pol = ld->pol;
	struct cage_source **v;
	struct cage_ast *a;

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers, as meant */
	v = realloc(pol->sources, (pol->nsources + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	pol->sources = v;
	a = realloc(pol->asts, (pol->nsources + 1) * sizeof(*a));
	if (!a)
		return -ENOMEM;
	pol->asts = a;
	memset(&a[pol->nsources], 0, sizeof(*a));
	v[pol->nsources++] = src;
	return 0;
}

static bool
on_stack(const struct cage_loader *ld, const struct cage_source *src)
{
	for (size_t i = 0; i < ld->depth; i++)
		if (ld->stack[i] == src)
			return true;
	return false;
}

static int load_source(struct load_state *ls, struct cage_source *src);

static int
do_include(struct load_state *ls, const struct cage_stmt *st,
	   const struct cage_source *from)
{
	struct cage_loader *ld = &ls->ld;
	const struct cage_loc *loc = &st->target.loc;
	const char *name = st->target.text;
	struct cage_source *src = NULL, *known;
	struct cage_found f;
	int err;

	if (ld->depth >= MAX_INCLUDE_DEPTH) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "includes nested more than %d deep",
			      MAX_INCLUDE_DEPTH);
		return 0;
	}
	err = cage_source_find(ld, name, from, loc, &f);
	/* Included twice without a cycle (a diamond): read once. */
	known = err ? NULL : cage_source_known(ld, &f, name);
	if (known && on_stack(ld, known))
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "include cycle: %s includes %s, which is "
			      "already being read",
			      from->name, f.path ? f.path : name);
	if (!err && !known && ld->pol->nsources >= MAX_FILES) {
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, loc,
			      "more than %d policy files", MAX_FILES);
		err = -E2BIG;
	}
	if (!err && !known)
		err = cage_source_read(ld, name, &f, loc, &src);
	cage_source_found_clear(&f);
	if (!src)
		return err == -ENOMEM || err == -E2BIG ? err : 0;
	src->depth = from->depth + 1;
	return load_source(ls, src);
}

/*
 * An upper bound on the rules a name adds, as resolve.c walks it
 * (a group is followed 8 deep), counting no further than LIMIT.  Each
 * group walked counts too: groups of groups multiply the work.
 */
static size_t
name_cost(const struct cage_loader *ld, const struct cage_name *n,
	  unsigned depth, size_t limit)
{
	const struct cage_group *g;
	size_t cost = 1;

	if (n->text[0] != '@' || depth > 8 ||
	    !(g = cage_group_find(ld, n->text)))
		return 1;
	for (size_t i = 0; i < g->def->nnames && cost <= limit; i++)
		cost += name_cost(ld, &g->def->names[i], depth + 1,
				  limit - cost);
	return cost;
}

/* A rule is added for each alternative of the condition, 'in' expanded. */
static size_t
alternatives(const struct cage_cond *c)
{
	size_t total = c->n ? 0 : 1;

	for (size_t i = 0; i < c->n && total <= MAX_RULES; i++) {
		size_t n = 1;

		for (size_t k = 0; k < c->alts[i].n && n <= MAX_RULES; k++)
			n *= c->alts[i].terms[k].nvalues;
		total += n < MAX_RULES ? n : MAX_RULES;
	}
	return total ? total : 1;
}

/* Before a rule is resolved: would it take the policy past MAX_RULES? */
static int
charge_rule(struct load_state *ls, const struct cage_stmt *st)
{
	size_t alts = alternatives(&st->cond), left = MAX_RULES - ls->cost;
	size_t cost = 0;

	for (size_t i = 0; i < st->nnames && cost <= left / alts; i++)
		cost += name_cost(&ls->ld, &st->names[i], 0,
				  left / alts - cost);
	if (alts > left || cost > left / alts) {
		cage_diag_add(ls->ld.diags, CAGE_SEVERITY_ERROR, &st->loc,
			      "too many rules: the policy has more than %d "
			      "by here (one for each syscall and each "
			      "alternative of its condition)",
			      MAX_RULES);
		return -E2BIG;
	}
	ls->cost += cost * alts;
	return 0;
}

static int
do_statement(struct load_state *ls, const struct cage_stmt *st,
	     const struct cage_source *src)
{
	struct cage_loader *ld = &ls->ld;
	int err;

	switch (st->kind) {
	case CAGE_STMT_DEFAULT:
		return cage_resolve_default(ld, st, src);
	case CAGE_STMT_INCLUDE:
		return do_include(ls, st, src);
	case CAGE_STMT_DEFINE:
		if (ld->ngroups < MAX_GROUPS)
			return cage_resolve_define(ld, st);
		cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &st->target.loc,
			      "more than %d groups", MAX_GROUPS);
		return -E2BIG;
	case CAGE_STMT_RULE:
		err = charge_rule(ls, st);
		return err ? err : cage_resolve_rule(ld, st, src);
	case CAGE_STMT_CAPS_KEEP:
		return cage_resolve_caps(ld, st);
	case CAGE_STMT_FS:
	case CAGE_STMT_NET:
	case CAGE_STMT_ENV:
	case CAGE_STMT_LIMIT:
	case CAGE_STMT_PRIVATE:
		return cage_isolation_resolve(ld, st, src);
	}
	return 0;
}

/*
 * GCC 12's -fanalyzer, following an include into load_source again, loses
 * the arrays add_source grows in place (pol->sources, pol->asts) and calls
 * them leaked here.  cage_policy_free() frees them; clang's unix.Malloc,
 * ASan and valgrind check.
 */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif

/*
 * Takes ownership of SRC: parse it, then each statement in order, with
 * SRC on the include stack (struct cage_loader, loader.h, is all the
 * state the steps share):
 *   default    resolve.c keeps the shallowest file's (a clash at one
 *              depth is settled later, by merge.c)
 *   include    source.c finds the file, read once (a diamond), an error
 *              if it is being read (a cycle); then load_source on it,
 *              one depth deeper (depth is precedence: see merge.c)
 *   define     resolve.c records the group, at most MAX_GROUPS
 *   rule       charged against MAX_RULES, then resolve.c expands names
 *              and conditions into the loader's rules
 *   caps keep  resolve.c
 *   fs, net, env, limit
 *              isolation.c: an including file's net mode, env values
 *              and limits win, fs paths, ports and kept variables add up
 * Once every file is read, load() finishes with isolation.c (checks
 * across files, net's seccomp rules), check_comparisons and merge.c.
 */
static int
load_source(struct load_state *ls, struct cage_source *src)
{
	struct cage_loader *ld = &ls->ld;
	size_t idx = ld->pol->nsources;
	struct cage_ast *ast;
	int err;

	err = add_source(ld, src);
	if (err) {
		cage_source_free(src);
		return err;
	}
	ast = &ld->pol->asts[idx];
	/* Statements that parsed are still resolved, so that one run
	 * reports every error in the file. */
	err = cage_policy_parse(src, ast, ld->diags);
	if (err && err != -EINVAL)
		return err;
	err = 0;
	ld->stack[ld->depth++] = src;
	/* Includes grow pol->asts: index it afresh, the stmts stay put. */
	for (size_t i = 0; i < ld->pol->asts[idx].n && !err; i++)
		err = do_statement(ls, &ld->pol->asts[idx].stmts[i], src);
	ld->depth--;
	return err == -EINVAL ? 0 : err;
}

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#pragma GCC diagnostic pop
#endif

static bool
is_range(enum cage_op op)
{
	return op == CAGE_OP_LT || op == CAGE_OP_LE || op == CAGE_OP_GT ||
	       op == CAGE_OP_GE;
}

/*
 * Bound what the compiler will ask of libseccomp before it is asked:
 * argument comparisons in all, and range comparisons on one syscall.
 */
static int
check_comparisons(struct cage_loader *ld)
{
	const struct cage_policy *pol = ld->pol;
	size_t total = 0, nr_max = 0;
	unsigned *ranges;
	int err = 0;

	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr > 0 && (size_t)pol->rules[i].nr > nr_max)
			nr_max = (size_t)pol->rules[i].nr;
	ranges = calloc(nr_max + 1, sizeof(*ranges));
	if (!ranges)
		return -ENOMEM;
	for (size_t i = 0; i < pol->nrules && !err; i++) {
		const struct cage_rule *r = &pol->rules[i];
		const char *name;

		if (r->nr < 0)
			continue; /* never added: no such number */
		total += r->ncmps;
		for (unsigned k = 0; k < r->ncmps; k++)
			ranges[r->nr] += is_range(r->cmps[k].op);
		if (total > MAX_COMPARISONS) {
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &r->loc,
				      "more than %d argument comparisons by "
				      "here: a seccomp filter holds at most "
				      "4096 instructions",
				      MAX_COMPARISONS);
		} else if (ranges[r->nr] > MAX_RANGES) {
			name = cage_syscall_name(r->nr);
			cage_diag_add(ld->diags, CAGE_SEVERITY_ERROR, &r->loc,
				      "more than %d range comparisons (<, <=, "
				      ">, >=) on '%s': libseccomp takes too "
				      "long over them; compare with == or in",
				      MAX_RANGES, name ? name : "?");
		} else {
			continue;
		}
		err = -E2BIG;
	}
	free(ranges);
	return err;
}

/* The policy named by the user, or by the command line. */
static int
open_top(struct cage_loader *ld, const char *name, struct cage_source **out)
{
	struct cage_found f;
	int err;

	*out = NULL;
	err = cage_source_find(ld, name, NULL, NULL, &f);
	if (!err)
		err = cage_source_read(ld, name, &f, NULL, out);
	cage_source_found_clear(&f);
	return err;
}

static int
load(const char *name, struct cage_source *top, struct cage_diags *diags,
     struct cage_policy **out)
{
	struct load_state ls = {.ld = {.diags = diags}};
	struct cage_loader *ld = &ls.ld;
	const struct cage_builtin *b;
	struct cage_source *groups = NULL;
	size_t errors = diags->errors;
	char *text;
	int err = 0;

	*out = NULL;
	ld->pol = calloc(1, sizeof(*ld->pol));
	if (!ld->pol || !(ld->pol->name = strdup(name))) {
		free(ld->pol);
		cage_source_free(top);
		return -ENOMEM;
	}
	/* Always the built-in groups: a file in a user's config directory
	 * must not change what @system-service means. */
	b = cage_builtin_find("groups");
	text = b ? strndup(b->text, b->size) : NULL;
	groups = text ? cage_source_new("groups", NULL, text, b->size, NULL)
		      : NULL;
	if (!groups) {
		free(text);
		err = -ENOMEM;
	}
	if (!err)
		err = load_source(&ls, groups);
	if (!err && !top)
		err = open_top(ld, name, &top);
	if (!err)
		err = load_source(&ls, top);
	else
		cage_source_free(top);
	if (!err)
		err = cage_isolation_finish(ld);
	if (!err)
		err = check_comparisons(ld);
	if (!err)
		err = cage_merge_finish(ld);
	cage_loader_clear(ld);
	/* A limit passed: reported with its place, as any policy error. */
	if ((!err || err == -E2BIG) && diags->errors > errors)
		err = -EINVAL;
	if (err) {
		cage_policy_free(ld->pol);
		return err;
	}
	*out = ld->pol;
	return 0;
}

int
cage_policy_load(const char *name, struct cage_diags *diags,
		 struct cage_policy **out)
{
	return load(name, NULL, diags, out);
}

/* A built-in by its own text, whatever is installed under its name. */
int
cage_policy_load_builtin(const char *name, struct cage_diags *diags,
			 struct cage_policy **out)
{
	const struct cage_builtin *b = cage_builtin_find(name);
	struct cage_source *src;
	char *text;

	*out = NULL;
	if (!b)
		return -ENOENT;
	text = strndup(b->text, b->size);
	src = text ? cage_source_new(name, NULL, text, b->size, NULL) : NULL;
	if (!src) {
		free(text);
		return -ENOMEM;
	}
	return load(name, src, diags, out);
}

int
cage_policy_load_buffer(const char *name, const char *dir, const char *text,
			size_t len, struct cage_diags *diags,
			struct cage_policy **out)
{
	struct cage_source *src;
	char *copy;

	*out = NULL;
	if (memchr(text, '\0', len)) {
		struct cage_source tmp = {.name = (char *)name};
		struct cage_loc loc = {&tmp, 0, 0, 0};

		cage_diag_add(diags, CAGE_SEVERITY_ERROR, &loc,
			      "binary data, not policy text");
		return -EINVAL;
	}
	copy = strndup(text, len);
	src = copy ? cage_source_new(name, dir ? dir : ".", copy, len, NULL)
		   : NULL;
	if (!src) {
		free(copy);
		return -ENOMEM;
	}
	return load(name, src, diags, out);
}

void
cage_policy_free(struct cage_policy *pol)
{
	if (!pol)
		return;
	for (size_t i = 0; i < pol->nsources; i++) {
		cage_ast_free(&pol->asts[i]);
		cage_source_free(pol->sources[i]);
	}
	cage_isolation_clear(&pol->iso);
	free(pol->asts);
	free(pol->sources);
	free(pol->rules);
	free(pol->name);
	free(pol);
}
