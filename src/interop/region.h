// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Sets of argument values as unions of boxes (one libseccomp comparison per
 * argument at most), with exact intersection and difference: what it takes
 * to say a stacked policy in the one filter an OCI runtime builds.
 */
#ifndef CAGE_REGION_H
#define CAGE_REGION_H

#include "policy/policy.h"

/* Arguments in ARGS[i] for each bit i of USED; no bit: any value. */
struct cage_box {
	unsigned used;
	struct cage_cmp args[6];
};

struct cage_region {
	struct cage_box *v;
	size_t n, cap;
};

/* Past this many boxes an operation gives up with -E2BIG. */
#define CAGE_REGION_MAX 4096

void cage_region_free(struct cage_region *r);
int cage_region_add(struct cage_region *r, const struct cage_box *b);
/* The box of one rule's comparisons. */
void cage_box_from_rule(const struct cage_rule *rule, struct cage_box *b);
/* A \= B, keeping boxes of A that B does not touch as they are. */
int cage_region_subtract(struct cage_region *a, const struct cage_region *b);

/*
 * Values of one argument that satisfy C, as masked comparisons only
 * ((x & mask) == value) over the bits in WIDTH (0xffffffff for a 32-bit
 * argument, ~0 for 64); at most 65.  Returns how many, or -EINVAL.
 */
int cage_cmp_to_masks(const struct cage_cmp *c, uint64_t width,
		      struct cage_cmp out[65]);

#endif
