// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Must agree with policy/decide.c (the reference semantics); proven by
 * tests/unit/test_export.c (through tests/interop/sim.c, crun 1.8's filter
 * builder redone on libseccomp, against the compiled filters, which
 * test_seccomp.c holds to decide.c) over rule_shapes.h and the built-ins.
 *
 * --export oci: the policy as a Docker/OCI seccomp profile.  A runtime
 * builds one libseccomp filter from it, where an unconditional rule wipes
 * a syscall's conditional ones and overlapping conditional rules are
 * ranked by argument order, not strictness; so each syscall's verdict is
 * cut into disjoint regions of argument values, one action each.
 * Must agree with policy/decide.c: proven by test_export (test_oci_*).
 */
#include "interop/export_filter.h"
#include "interop/export_oci.h"
#include "interop/oci_runtime.h"
#include "interop/region.h"
#include "base/syscalls.h"
#include "policy/action.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	int nr;
	const char *name;
	struct cage_action action;
	bool cond;	  /* BOX holds the arguments */
	bool split;	  /* one of several pieces of a rule */
	const char *note; /* a runtime's call, and why it is allowed */
	struct cage_box box;
	size_t seq;
};

struct entries {
	struct entry *v;
	size_t n, cap;
	/* The compiler's filters for conditional actions, in load order:
	 * among equal errno actions the one loaded last is the answer. */
	struct cage_action loaded[64];
	size_t nloaded;
};

static int
push(struct entries *e, int nr, const struct cage_action *a,
     const struct cage_box *box, bool split, const char *note)
{
	struct entry *x;

	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		struct entry *v = realloc(e->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		e->v = v;
		e->cap = cap;
	}
	x = &e->v[e->n];
	memset(x, 0, sizeof(*x));
	x->nr = nr;
	x->name = cage_syscall_name(nr);
	x->action = *a;
	x->cond = box && box->used;
	x->split = split;
	x->note = note;
	if (box)
		x->box = *box;
	x->seq = e->n++;
	return x->name ? 0 : -EINVAL;
}

static size_t
load_index(const struct entries *e, const struct cage_action *a)
{
	for (size_t i = 0; i < e->nloaded; i++)
		if (cage_action_equal(&e->loaded[i], a))
			return i;
	return 0;
}

/* A before B: stricter, or as strict and loaded later. */
static bool
before(const struct entries *e, const struct cage_action *a,
       const struct cage_action *b)
{
	int ra = cage_action_rank(a), rb = cage_action_rank(b);

	return ra > rb || (ra == rb && load_index(e, a) > load_index(e, b));
}

/*
 * The order in which seccomp.c creates a filter for each action of
 * conditional rules that is neither ALLOW nor its syscall's fallback.
 */
static void
order_loads(struct entries *e, const struct cage_policy *pol)
{
	const struct cage_action *fb = &pol->dflt;

	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];
		size_t k = 0;

		if (i == 0 || r->nr != r[-1].nr)
			fb = r->ncmps ? &pol->dflt : &r->action;
		if (!r->ncmps || cage_action_equal(&r->action, fb) ||
		    r->action.kind == CAGE_ACTION_ALLOW)
			continue;
		while (k < e->nloaded &&
		       !cage_action_equal(&e->loaded[k], &r->action))
			k++;
		if (k == e->nloaded && k < 64)
			e->loaded[e->nloaded++] = r->action;
	}
}

/* The distinct actions of R's conditional rules but FB, winners first. */
static size_t
cond_actions(const struct entries *e, const struct cage_rule *r, size_t n,
	     const struct cage_action *fb, struct cage_action *acts)
{
	size_t na = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		if (!r[i].ncmps || cage_action_equal(&r[i].action, fb))
			continue;
		while (k < na && !cage_action_equal(&acts[k], &r[i].action))
			k++;
		if (k < na)
			continue;
		for (k = na; k > 0 && before(e, &r[i].action, &acts[k - 1]);
		     k--)
			acts[k] = acts[k - 1];
		acts[k] = r[i].action;
		na++;
	}
	return na;
}

static int
add_region(struct entries *e, int nr, const struct cage_action *a,
	   const struct cage_region *reg, bool split)
{
	int err = 0;

	for (size_t i = 0; i < reg->n && !err; i++)
		err = push(e, nr, a, &reg->v[i], split, NULL);
	return err;
}

/* The boxes of R's rules with action A. */
static int
rules_region(const struct cage_rule *r, size_t n, const struct cage_action *a,
	     struct cage_region *out)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		struct cage_box b;

		if (!r[i].ncmps || !cage_action_equal(&r[i].action, a))
			continue;
		cage_box_from_rule(&r[i], &b);
		err = cage_region_add(out, &b);
	}
	return err;
}

/*
 * What the runtime does with NR that the policy, whose rules for NR are
 * [R, R + N), denies: allowed first, so nothing else covers it.
 */
static int
place_runtime(struct entries *e, const struct cage_policy *pol, int nr,
	      const struct cage_rule *r, size_t n, struct cage_region *covered)
{
	static const struct cage_action allow = {.kind = CAGE_ACTION_ALLOW};
	size_t nc;
	const struct cage_oci_runtime_call *c = cage_oci_runtime_calls(nr, &nc);
	int err = 0;

	for (size_t i = 0; i < nc && !err; i++) {
		if (!cage_oci_runtime_needed(pol, r, n, &c[i], &err) || err)
			continue;
		err = push(e, nr, &allow, &c[i].box, false, c[i].why);
		if (!err)
			err = cage_region_add(covered, &c[i].box);
	}
	return err;
}

/*
 * A syscall's rules [R, R + N) (maybe none): the strictest action that
 * matches wins, else the fallback (its unconditional rule, or the
 * default).  The runtime's own calls come first; then each action gets
 * its own rules minus everything before it; the fallback what nothing
 * else covers.  The default's region is left unsaid.
 */
static int
place_syscall(struct entries *e, const struct cage_policy *pol, int nr,
	      const struct cage_rule *r, size_t n)
{
	const struct cage_action *fb =
		n && !r[0].ncmps ? &r[0].action : &pol->dflt;
	struct cage_region covered = {0}, reg = {0};
	struct cage_action *acts = calloc(n ? n : 1, sizeof(*acts));
	size_t na, runtime;
	int err = acts ? 0 : -ENOMEM;

	if (!err)
		err = place_runtime(e, pol, nr, r, n, &covered);
	runtime = covered.n;
	na = acts ? cond_actions(e, r, n, fb, acts) : 0;
	if (!err && na == 0 && !runtime && !cage_action_equal(fb, &pol->dflt))
		err = push(e, nr, fb, NULL, false, NULL);
	for (size_t i = 0; i < na && !err; i++) {
		size_t before;

		err = rules_region(r, n, &acts[i], &reg);
		before = reg.n;
		if (!err)
			err = cage_region_subtract(&reg, &covered);
		if (!err && !cage_action_equal(&acts[i], &pol->dflt))
			err = add_region(e, nr, &acts[i], &reg,
					 covered.n && reg.n != before);
		cage_region_free(&reg);
		if (!err)
			err = rules_region(r, n, &acts[i], &covered);
	}
	if (!err && (na || runtime) && !cage_action_equal(fb, &pol->dflt)) {
		struct cage_box any = {0};

		err = cage_region_add(&reg, &any);
		if (!err)
			err = cage_region_subtract(&reg, &covered);
		if (!err)
			err = add_region(e, nr, fb, &reg, true);
	}
	cage_region_free(&reg);
	cage_region_free(&covered);
	free(acts);
	return err;
}

static bool
has_rules(const struct cage_policy *pol, int nr)
{
	for (size_t i = 0; i < pol->nrules; i++)
		if (pol->rules[i].nr == nr)
			return true;
	return false;
}

/* The syscalls a runtime makes that the policy has no rules for. */
static int
collect_runtime(struct entries *e, const struct cage_policy *pol)
{
	struct cage_rule stack;
	bool stacking = cage_export_stacking_rule(pol, &stack);
	int err = 0;

	for (int nr = 0; nr <= cage_syscall_max_known() && !err; nr++) {
		size_t n;

		if (!cage_oci_runtime_calls(nr, &n) || has_rules(pol, nr) ||
		    (stacking && stack.nr == nr))
			continue;
		err = place_syscall(e, pol, nr, NULL, 0);
	}
	return err;
}

static int
collect(struct entries *e, const struct cage_policy *pol,
	struct cage_diags *diags)
{
	struct cage_rule stack;
	int err = 0;

	order_loads(e, pol);
	if (cage_export_stacking_rule(pol, &stack))
		err = place_syscall(e, pol, stack.nr, &stack, 1);
	for (size_t i = 0; i < pol->nrules && !err;) {
		size_t j = i;

		while (j < pol->nrules && pol->rules[j].nr == pol->rules[i].nr)
			j++;
		err = place_syscall(e, pol, pol->rules[i].nr, &pol->rules[i],
				    j - i);
		if (err == -E2BIG)
			cage_export_error(
				diags, pol,
				"the rules for '%s' need more than %d "
				"entries in one filter",
				cage_syscall_name(pol->rules[i].nr),
				CAGE_REGION_MAX);
		i = j;
	}
	if (!err)
		err = collect_runtime(e, pol);
	return err;
}

/* Unconditional entries first, grouped by action; then by name. */
static int
cmp_entries(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int r;

	if ((a->cond || a->note) != (b->cond || b->note))
		return a->cond || a->note ? 1 : -1;
	if (!a->cond && !a->note &&
	    !cage_action_equal(&a->action, &b->action)) {
		r = cage_action_rank(&a->action) - cage_action_rank(&b->action);
		return r ? r : a->action.errnum - b->action.errnum;
	}
	r = strcmp(a->name, b->name);
	if (r)
		return r;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

const char *
cage_oci_action_name(const struct cage_action *a)
{
	switch (a->kind) {
	case CAGE_ACTION_ALLOW:
		return "SCMP_ACT_ALLOW";
	case CAGE_ACTION_LOG:
		return "SCMP_ACT_LOG";
	case CAGE_ACTION_ERRNO:
		return "SCMP_ACT_ERRNO";
	case CAGE_ACTION_TRAP:
		return "SCMP_ACT_TRAP";
	default:
		break;
	}
	return "SCMP_ACT_KILL_PROCESS";
}

const char *
cage_oci_op_name(const struct cage_cmp *c)
{
	static const char *const ops[] = {
		[CAGE_OP_EQ] = "SCMP_CMP_EQ",
		[CAGE_OP_NE] = "SCMP_CMP_NE",
		[CAGE_OP_LT] = "SCMP_CMP_LT",
		[CAGE_OP_LE] = "SCMP_CMP_LE",
		[CAGE_OP_GT] = "SCMP_CMP_GT",
		[CAGE_OP_GE] = "SCMP_CMP_GE",
		[CAGE_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
		[CAGE_OP_IN] = "SCMP_CMP_EQ",
	};

	return ops[c->op];
}

bool
cage_oci_cmp_values(const struct cage_cmp *c, uint64_t *value, uint64_t *two)
{
	if (c->op == CAGE_OP_MASKED_EQ) {
		*value = c->mask;
		*two = c->value;
		return true;
	}
	*value = c->value;
	*two = 0;
	return false;
}

static void
print_action(FILE *out, const struct cage_action *a)
{
	fprintf(out, "\t\t\t\"action\": \"%s\"", cage_oci_action_name(a));
	if (a->kind == CAGE_ACTION_ERRNO)
		fprintf(out, ",\n\t\t\t\"errnoRet\": %d", a->errnum);
}

static void
print_args(FILE *out, const struct cage_box *b)
{
	const char *sep = "";

	fputs(",\n\t\t\t\"args\": [\n", out);
	for (unsigned i = 0; i < 6; i++) {
		const struct cage_cmp *c = &b->args[i];
		uint64_t v, two;

		if (!(b->used & (1u << i)))
			continue;
		fprintf(out, "%s\t\t\t\t{ \"index\": %u, ", sep, i);
		if (cage_oci_cmp_values(c, &v, &two))
			fprintf(out,
				"\"value\": %llu, \"valueTwo\": %llu, "
				"\"op\": \"%s\" }",
				(unsigned long long)v, (unsigned long long)two,
				cage_oci_op_name(c));
		else
			fprintf(out, "\"value\": %llu, \"op\": \"%s\" }",
				(unsigned long long)v, cage_oci_op_name(c));
		sep = ",\n";
	}
	fputs("\n\t\t\t]", out);
}

/* Entries [I, END) share an action and have no arguments. */
static size_t
group_end(const struct entries *e, size_t i)
{
	size_t end = i + 1;

	if (e->v[i].cond || e->v[i].note)
		return end;
	while (end < e->n && !e->v[end].cond && !e->v[end].note &&
	       cage_action_equal(&e->v[end].action, &e->v[i].action))
		end++;
	return end;
}

void
cage_oci_list_free(struct cage_oci_list *l)
{
	free(l->v);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

/* The runtime's calls the export allows on top of the policy. */
static void
note_runtime(const struct cage_policy *pol, const struct cage_oci_list *l,
	     struct cage_diags *diags)
{
	char names[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < l->n && len < sizeof(names); i++) {
		const char *name = l->v[i].names[0];

		if (!l->v[i].note || (i && l->v[i - 1].note &&
				      !strcmp(l->v[i - 1].names[0], name)))
			continue;
		len += (size_t)snprintf(names + len, sizeof(names) - len,
					"%s%s", len ? ", " : "", name);
	}
	if (len)
		cage_export_diag(diags, pol, CAGE_SEVERITY_NOTE,
				 "allowed on top of the policy, with the "
				 "runtime's arguments, for runc and crun to "
				 "start the container (each item's comment "
				 "says why): %s",
				 names);
}

/*
 * What a profile cannot carry, said where every export of one is made:
 * capabilities, and runc's answer to syscalls past the highest named.
 */
static void
note_limits(const struct cage_policy *pol, const struct cage_oci_list *l,
	    struct cage_diags *diags)
{
	const char *top = NULL;
	int max = -1;

	cage_export_diag(
		diags, pol, CAGE_SEVERITY_NOTE,
		"a seccomp profile drops no capabilities, which syscage "
		"drops every one of: the container keeps its runtime's set "
		"(under Docker's, socket(AF_INET, SOCK_RAW) works) unless it "
		"runs with --cap-drop ALL (Docker, Podman; Kubernetes: "
		"securityContext.capabilities.drop: [ALL])");
	note_runtime(pol, l, diags);
	if (pol->dflt.kind == CAGE_ACTION_ALLOW)
		return;
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->v[i].nnames; k++) {
			int nr = cage_syscall_number(l->v[i].names[k]);

			if (nr > max) {
				max = nr;
				top = l->v[i].names[k];
			}
		}
	if (top)
		cage_export_diag(
			diags, pol, CAGE_SEVERITY_NOTE,
			"runc answers ENOSYS, not the profile's default, to "
			"every syscall numbered above the highest it names "
			"('%s', %d); crun and syscage answer them with the "
			"default",
			top, max);
}

int
cage_oci_list(const struct cage_policy *pol, struct cage_diags *diags,
	      struct cage_oci_list *l)
{
	struct entries e = {0};
	int err = collect(&e, pol, diags);

	memset(l, 0, sizeof(*l));
	if (!err && e.n) {
		qsort(e.v, e.n, sizeof(*e.v), cmp_entries);
		l->v = calloc(e.n, sizeof(*l->v));
		l->names = calloc(e.n, sizeof(*l->names));
		if (!l->v || !l->names)
			err = -ENOMEM;
	}
	for (size_t i = 0; i < e.n && !err;) {
		struct cage_oci_item *it = &l->v[l->n++];
		size_t end = group_end(&e, i);

		it->action = e.v[i].action;
		it->names = &l->names[i];
		it->nnames = end - i;
		it->cond = e.v[i].cond;
		it->box = e.v[i].box;
		it->split = e.v[i].split;
		it->note = e.v[i].note;
		for (; i < end; i++)
			l->names[i] = e.v[i].name;
	}
	free(e.v);
	if (err)
		cage_oci_list_free(l);
	else
		note_limits(pol, l, diags);
	return err;
}

static void
print_item(FILE *out, const struct cage_oci_item *it)
{
	if (it->cond || it->note) {
		fprintf(out, "\t\t{\n\t\t\t\"names\": [ \"%s\" ],\n",
			it->names[0]);
		print_action(out, &it->action);
		if (it->cond)
			print_args(out, &it->box);
		if (it->split)
			fprintf(out, ",\n\t\t\t\"comment\": \"%s: %s\"",
				it->names[0], CAGE_OCI_SPLIT_NOTE);
		else if (it->note)
			fprintf(out, ",\n\t\t\t\"comment\": \"%s: %s\"",
				it->names[0], it->note);
		fputs("\n\t\t}", out);
		return;
	}
	fputs("\t\t{\n\t\t\t\"names\": [\n", out);
	for (size_t k = 0; k < it->nnames; k++)
		fprintf(out, "\t\t\t\t\"%s\"%s\n", it->names[k],
			k + 1 < it->nnames ? "," : "");
	fputs("\t\t\t],\n", out);
	print_action(out, &it->action);
	fputs("\n\t\t}", out);
}

int
cage_export_oci(const struct cage_policy *pol, FILE *out,
		struct cage_diags *diags)
{
	struct cage_oci_list l;
	int err = cage_oci_list(pol, diags, &l);

	if (err)
		return err;
	fprintf(out, "{\n\t\"defaultAction\": \"%s\",\n",
		cage_oci_action_name(&pol->dflt));
	if (pol->dflt.kind == CAGE_ACTION_ERRNO)
		fprintf(out, "\t\"defaultErrnoRet\": %d,\n", pol->dflt.errnum);
	fputs("\t\"architectures\": [ \"SCMP_ARCH_X86_64\" ],\n"
	      "\t\"syscalls\": [\n",
	      out);
	for (size_t i = 0; i < l.n; i++) {
		print_item(out, &l.v[i]);
		fputs(i + 1 < l.n ? ",\n" : "\n", out);
	}
	fputs("\t]\n}\n", out);
	cage_oci_list_free(&l);
	return ferror(out) ? -EIO : 0;
}
