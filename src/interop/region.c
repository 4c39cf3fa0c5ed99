// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Must agree with policy/decide.c (the reference semantics), as the OCI
 * regions export_oci.c cuts with it; proven by tests/unit/test_export.c
 * (through tests/interop/sim.c, crun 1.8's filter builder redone on
 * libseccomp, against the compiled filters, which test_seccomp.c holds to
 * decide.c) over rule_shapes.h and the built-ins.
 *
 * Boxes of argument values and their unions.  A comparison that cannot be
 * merged with another on the same argument is rewritten as masked
 * comparisons, which intersect exactly, so every operation is exact.
 * Must agree with policy/decide.c: proven by test_export (test_oci_*).
 */
#include "policy/decide.h"
#include "interop/region.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A list of comparisons on one argument, ORed. */
struct cmp_list {
	struct cage_cmp v[65 * 65];
	size_t n;
};

void
cage_region_free(struct cage_region *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int
cage_region_add(struct cage_region *r, const struct cage_box *b)
{
	if (r->n == CAGE_REGION_MAX)
		return -E2BIG;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct cage_box *v = realloc(r->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = *b;
	return 0;
}

void
cage_box_from_rule(const struct cage_rule *rule, struct cage_box *b)
{
	memset(b, 0, sizeof(*b));
	for (unsigned i = 0; i < rule->ncmps; i++) {
		const struct cage_cmp *c = &rule->cmps[i];

		b->used |= 1u << c->arg;
		b->args[c->arg] = *c;
		if (c->op == CAGE_OP_IN)
			b->args[c->arg].op = CAGE_OP_EQ;
	}
}

static struct cage_cmp
masked(unsigned arg, uint64_t mask, uint64_t value)
{
	struct cage_cmp c = {arg, CAGE_OP_MASKED_EQ, mask, value};

	if (mask == ~0ULL) {
		c.op = CAGE_OP_EQ;
		c.mask = 0;
	}
	return c;
}

/* Bits of WIDTH above bit B. */
static uint64_t
above(unsigned b, uint64_t width)
{
	return b == 63 ? 0 : width & ~((2ULL << b) - 1);
}

/* x < v over WIDTH: the prefixes of v followed by a 0 where v has a 1. */
static int
below(unsigned arg, uint64_t v, uint64_t width, struct cage_cmp *out)
{
	int n = 0;

	for (int b = 63; b >= 0; b--) {
		uint64_t bit = 1ULL << b;

		if ((width & bit) && (v & bit))
			out[n++] = masked(arg, above(b, width) | bit,
					  v & above(b, width));
	}
	return n;
}

/* x >= v over WIDTH: v itself, and v's prefixes followed by a 1. */
static int
at_least(unsigned arg, uint64_t v, uint64_t width, struct cage_cmp *out)
{
	int n = 0;

	out[n++] = masked(arg, width, v);
	for (int b = 63; b >= 0; b--) {
		uint64_t bit = 1ULL << b;

		if ((width & bit) && !(v & bit))
			out[n++] = masked(arg, above(b, width) | bit,
					  (v & above(b, width)) | bit);
	}
	return n;
}

int
cage_cmp_to_masks(const struct cage_cmp *c, uint64_t width,
		  struct cage_cmp out[65])
{
	const struct cage_cmp any = {c->arg, CAGE_OP_MASKED_EQ, 0, 0};
	uint64_t v = c->value;
	int n = 0;

	switch (c->op) {
	case CAGE_OP_EQ:
	case CAGE_OP_IN:
		if (v & ~width)
			return 0;
		out[0] = masked(c->arg, width, v);
		return 1;
	case CAGE_OP_MASKED_EQ:
		if (v & ~c->mask)
			return 0;
		out[0] = masked(c->arg, c->mask & width, v & width);
		return 1;
	case CAGE_OP_NE:
		if (v & ~width) {
			out[0] = any;
			return 1;
		}
		for (int b = 63; b >= 0; b--)
			if (width & (1ULL << b))
				out[n++] = masked(c->arg, 1ULL << b,
						  ~v & (1ULL << b));
		return n;
	case CAGE_OP_LE:
		if (v >= width) {
			out[0] = any;
			return 1;
		}
		return below(c->arg, v + 1, width, out);
	case CAGE_OP_LT:
		if (v > width) {
			out[0] = any;
			return 1;
		}
		return below(c->arg, v, width, out);
	case CAGE_OP_GT:
		if (v >= width)
			return 0;
		return at_least(c->arg, v + 1, width, out);
	case CAGE_OP_GE:
		if (v > width)
			return 0;
		return at_least(c->arg, v, width, out);
	}
	return -EINVAL;
}

/* x < v and x <= v as x <= bound; x < 0 never holds: callers check. */
static bool
is_upper(const struct cage_cmp *c)
{
	return (c->op == CAGE_OP_LT && c->value) || c->op == CAGE_OP_LE;
}

static uint64_t
upper(const struct cage_cmp *c)
{
	return c->op == CAGE_OP_LT ? c->value - 1 : c->value;
}

static bool
is_lower(const struct cage_cmp *c)
{
	return (c->op == CAGE_OP_GT && c->value != ~0ULL) ||
	       c->op == CAGE_OP_GE;
}

static uint64_t
lower(const struct cage_cmp *c)
{
	return c->op == CAGE_OP_GT ? c->value + 1 : c->value;
}

/* P's values are all Q's; false when that cannot be told cheaply. */
static bool
cmp_within(const struct cage_cmp *p, const struct cage_cmp *q)
{
	if (p->op == CAGE_OP_EQ)
		return cage_cmp_holds(q, p->value);
	if (q->op == CAGE_OP_NE)
		return !cage_cmp_holds(p, q->value);
	if (p->op == q->op && p->mask == q->mask && p->value == q->value)
		return true;
	if (p->op == CAGE_OP_MASKED_EQ && q->op == CAGE_OP_MASKED_EQ)
		return (q->mask & ~p->mask) == 0 &&
		       (p->value & q->mask) == q->value;
	if (is_upper(p) && is_upper(q))
		return upper(p) <= upper(q);
	if (is_lower(p) && is_lower(q))
		return lower(p) >= lower(q);
	return false;
}

static bool
box_within(const struct cage_box *x, const struct cage_box *y)
{
	for (unsigned i = 0; i < 6; i++) {
		if (!(y->used & (1u << i)))
			continue;
		if (!(x->used & (1u << i)) ||
		    !cmp_within(&x->args[i], &y->args[i]))
			return false;
	}
	return true;
}

/* Drop boxes another box already holds. */
static void
prune(struct cage_region *r)
{
	size_t out = 0;

	for (size_t i = 0; i < r->n; i++) {
		bool dup = false;

		for (size_t k = 0; k < r->n && !dup; k++)
			if (k != i && box_within(&r->v[i], &r->v[k]) &&
			    (k < i || !box_within(&r->v[k], &r->v[i])))
				dup = true;
		if (!dup)
			r->v[out++] = r->v[i];
	}
	r->n = out;
}

static bool
possible(const struct cage_cmp *c)
{
	switch (c->op) {
	case CAGE_OP_LT:
		return c->value != 0;
	case CAGE_OP_GT:
		return c->value != ~0ULL;
	case CAGE_OP_MASKED_EQ:
		return !(c->value & ~c->mask);
	default:
		return true;
	}
}

/* Values that satisfy both A and B, on one argument, into OUT. */
static void
meet(const struct cage_cmp *a, const struct cage_cmp *b, struct cmp_list *out)
{
	struct cage_cmp ma[65], mb[65];
	int na, nb;

	out->n = 0;
	if (!possible(a) || !possible(b))
		return;
	if (cmp_within(a, b) || cmp_within(b, a)) {
		out->v[out->n++] = cmp_within(a, b) ? *a : *b;
		return;
	}
	if (a->op == CAGE_OP_EQ || b->op == CAGE_OP_EQ)
		return; /* within() above would have found it */
	na = cage_cmp_to_masks(a, ~0ULL, ma);
	nb = cage_cmp_to_masks(b, ~0ULL, mb);
	for (int i = 0; i < na; i++)
		for (int k = 0; k < nb; k++) {
			if ((ma[i].value ^ mb[k].value) & ma[i].mask &
			    mb[k].mask)
				continue;
			if (ma[i].op == CAGE_OP_EQ || mb[k].op == CAGE_OP_EQ)
				out->v[out->n++] =
					ma[i].op == CAGE_OP_EQ ? ma[i] : mb[k];
			else
				out->v[out->n++] =
					masked(a->arg, ma[i].mask | mb[k].mask,
					       ma[i].value | mb[k].value);
		}
}

/*
 * Values that do not satisfy C, into OUT; *ALL when that is every value.
 * A masked comparison fails where any one of its bits differs.
 */
static void
negate(const struct cage_cmp *c, struct cmp_list *out, bool *all)
{
	static const enum cage_op opposite[] = {
		[CAGE_OP_EQ] = CAGE_OP_NE, [CAGE_OP_NE] = CAGE_OP_EQ,
		[CAGE_OP_LT] = CAGE_OP_GE, [CAGE_OP_LE] = CAGE_OP_GT,
		[CAGE_OP_GT] = CAGE_OP_LE, [CAGE_OP_GE] = CAGE_OP_LT,
		[CAGE_OP_IN] = CAGE_OP_NE,
	};

	out->n = 0;
	*all = !possible(c);
	if (*all)
		return;
	if (c->op != CAGE_OP_MASKED_EQ) {
		out->v[0] = *c;
		out->v[0].op = opposite[c->op];
		out->n = 1;
		return;
	}
	for (int b = 63; b >= 0; b--)
		if (c->mask & (1ULL << b))
			out->v[out->n++] = masked(c->arg, 1ULL << b,
						  ~c->value & (1ULL << b));
}

/* R narrowed by C on C's argument, each resulting box added to OUT. */
static int
narrow(const struct cage_box *r, const struct cage_cmp *c, struct cmp_list *tmp,
       struct cage_region *out)
{
	unsigned bit = 1u << c->arg;
	struct cage_box nb = *r;
	int err = 0;

	if (!(r->used & bit)) {
		nb.used |= bit;
		nb.args[c->arg] = *c;
		return cage_region_add(out, &nb);
	}
	meet(&r->args[c->arg], c, tmp);
	for (size_t i = 0; i < tmp->n && !err; i++) {
		nb.args[c->arg] = tmp->v[i];
		nb.used = r->used;
		if (tmp->v[i].op == CAGE_OP_MASKED_EQ && !tmp->v[i].mask)
			nb.used &= ~bit; /* (x & 0) == 0: any value */
		err = cage_region_add(out, &nb);
	}
	return err;
}

static bool
disjoint(const struct cage_box *x, const struct cage_box *y,
	 struct cmp_list *tmp)
{
	for (unsigned i = 0; i < 6; i++) {
		if (!(x->used & y->used & (1u << i)))
			continue;
		meet(&x->args[i], &y->args[i], tmp);
		if (tmp->n == 0)
			return true;
	}
	return false;
}

/* R minus B into OUT: the parts of R where one of B's comparisons fails. */
static int
box_minus(const struct cage_box *r, const struct cage_box *b,
	  struct cmp_list *neg, struct cmp_list *tmp, struct cage_region *out)
{
	int err = 0;

	if (disjoint(r, b, tmp))
		return cage_region_add(out, r);
	for (unsigned i = 0; i < 6 && !err; i++) {
		bool all;

		if (!(b->used & (1u << i)))
			continue;
		negate(&b->args[i], neg, &all);
		if (all)
			return cage_region_add(out, r);
		for (size_t k = 0; k < neg->n && !err; k++)
			err = narrow(r, &neg->v[k], tmp, out);
	}
	return err;
}

int
cage_region_subtract(struct cage_region *a, const struct cage_region *b)
{
	struct cmp_list *neg = malloc(sizeof(*neg));
	struct cmp_list *tmp = malloc(sizeof(*tmp));
	int err = neg && tmp ? 0 : -ENOMEM;

	for (size_t i = 0; i < b->n && !err; i++) {
		struct cage_region next = {0};

		for (size_t k = 0; k < a->n && !err; k++)
			err = box_minus(&a->v[k], &b->v[i], neg, tmp, &next);
		prune(&next);
		cage_region_free(a);
		*a = next;
	}
	free(neg);
	free(tmp);
	return err;
}
