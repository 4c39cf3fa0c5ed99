// SPDX-License-Identifier: LGPL-2.1-or-later
/* Rules and comparisons written back as policy text: the one printer. */
#ifndef CAGE_PRINT_H
#define CAGE_PRINT_H

#include "policy/policy.h"

#include <stdio.h>

/* OP as the language spells it: "==", "!=", "<", "<=", ">", ">=", "&",
 * "in". */
const char *cage_print_op(enum cage_op op);
/* C as policy text, values in hex: "arg1 == 0x5401", "arg2 & 0x3 ==
 * 0x1".  A mask of the low 32 bits alone, which is how resolve.c makes ==
 * on a 32-bit argument, prints as ==, what the policy said. */
void cage_print_cmp(FILE *out, const struct cage_cmp *c);
/* N comparisons of a rule for syscall NR joined by " && ", values by
 * name where the argument has names (base/argnames.h): "arg2 &
 * (O_ACCMODE|O_CREAT|O_TRUNC) == O_RDONLY", "arg1 == TIOCSTI". */
void cage_print_cmps(FILE *out, int nr, const struct cage_cmp *cmps,
		     unsigned n);
/* R's comparisons, as cage_print_cmps; nothing for a rule without any. */
void cage_print_cond(FILE *out, const struct cage_rule *r);
/* R as a policy line, without the newline: "errno EPERM ioctl if arg1 ==
 * TIOCSTI". */
void cage_print_rule(FILE *out, const struct cage_rule *r);

#endif
