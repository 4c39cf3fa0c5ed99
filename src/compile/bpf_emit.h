// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A classic-BPF emitter, like minijail's bpf.c.  The code is emitted
 * backwards, so that every jump goes to code already placed and its
 * distance is known; a label is an instruction already emitted.
 */
#ifndef CAGE_BPF_EMIT_H
#define CAGE_BPF_EMIT_H

#include "policy/policy.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where argument A's low and high 32 bits are in struct seccomp_data. */
#define CAGE_EMIT_ARG_LO(a)                                                    \
	(offsetof(struct seccomp_data, args) + 8 * (size_t)(a))
#define CAGE_EMIT_ARG_HI(a) (CAGE_EMIT_ARG_LO(a) + 4)

struct cage_emit {
	struct sock_filter *buf; /* the program is buf[cap - n .. cap) */
	size_t cap, n;
	int err; /* -E2BIG: more than cap instructions */
};

/* A label: the instruction emitted last (the first in program order). */
size_t cage_emit_here(const struct cage_emit *e);
/* An unconditional jump to LABEL (none if it is next). */
void cage_emit_jump(struct cage_emit *e, size_t label);
/* To T if A OP K holds, else to F; farther than 255 through a jump. */
void cage_emit_cond(struct cage_emit *e, uint16_t op, uint32_t k, size_t t,
		    size_t f);
/* A = the 32-bit word at OFF of struct seccomp_data. */
void cage_emit_load(struct cage_emit *e, uint32_t off);
/* Return ACTION; its label. */
size_t cage_emit_ret(struct cage_emit *e, uint32_t action);
/* (arg & mask) == value on 64 bits: to T if it holds, else to F. */
void cage_emit_masked_eq(struct cage_emit *e, unsigned arg, uint64_t mask,
			 uint64_t value, size_t t, size_t f);
/* C on the 64-bit argument, as decide.c compares: to T if it holds, else F. */
void cage_emit_compare(struct cage_emit *e, const struct cage_cmp *c, size_t t,
		       size_t f);

#endif
