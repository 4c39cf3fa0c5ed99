// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The emitter of classic BPF for the supervised filter (supervised.c),
 * like minijail's bpf.c: instructions, jumps that reach any distance, and
 * a rule's comparison on the 64-bit arguments exactly as decide.c has it.
 */
#include "compile/bpf_emit.h"

#include <errno.h>

#define JUMP_MAX 255

/* A label: the instruction emitted last (the first in program order). */
size_t
cage_emit_here(const struct cage_emit *e)
{
	return e->n;
}

static void
put(struct cage_emit *e, uint16_t code, size_t jt, size_t jf, uint32_t k)
{
	if (e->n == e->cap) {
		e->err = -E2BIG;
		return;
	}
	e->n++;
	e->buf[e->cap - e->n] = (struct sock_filter){
		.code = code, .jt = (uint8_t)jt, .jf = (uint8_t)jf, .k = k};
}

/* How many instructions a jump emitted now skips to reach label L. */
static size_t
dist(const struct cage_emit *e, size_t label)
{
	return e->n - label;
}

void
cage_emit_jump(struct cage_emit *e, size_t label)
{
	if (dist(e, label))
		put(e, BPF_JMP | BPF_JA | BPF_K, 0, 0,
		    (uint32_t)dist(e, label));
}

void
cage_emit_cond(struct cage_emit *e, uint16_t op, uint32_t k, size_t t, size_t f)
{
	for (;;) {
		if (dist(e, t) > JUMP_MAX) {
			cage_emit_jump(e, t);
			t = cage_emit_here(e);
		} else if (dist(e, f) > JUMP_MAX) {
			cage_emit_jump(e, f);
			f = cage_emit_here(e);
		} else {
			break;
		}
	}
	put(e, BPF_JMP | op | BPF_K, dist(e, t), dist(e, f), k);
}

void
cage_emit_load(struct cage_emit *e, uint32_t off)
{
	put(e, BPF_LD | BPF_W | BPF_ABS, 0, 0, off);
}

size_t
cage_emit_ret(struct cage_emit *e, uint32_t action)
{
	put(e, BPF_RET | BPF_K, 0, 0, action);
	return cage_emit_here(e);
}

/* (arg & mask) == value on 64 bits: to T if it holds, else to F. */
void
cage_emit_masked_eq(struct cage_emit *e, unsigned arg, uint64_t mask,
		    uint64_t value, size_t t, size_t f)
{
	uint32_t mh = (uint32_t)(mask >> 32), ml = (uint32_t)mask;
	size_t lo;

	if (value & ~mask) {
		cage_emit_jump(e, f);
		return;
	}
	if (ml) {
		cage_emit_cond(e, BPF_JEQ, (uint32_t)value, t, f);
		if (ml != ~0u)
			put(e, BPF_ALU | BPF_AND | BPF_K, 0, 0, ml);
		cage_emit_load(e, (uint32_t)CAGE_EMIT_ARG_LO(arg));
	} else {
		cage_emit_jump(e, t);
	}
	lo = cage_emit_here(e);
	if (mh) {
		cage_emit_cond(e, BPF_JEQ, (uint32_t)(value >> 32), lo, f);
		if (mh != ~0u)
			put(e, BPF_ALU | BPF_AND | BPF_K, 0, 0, mh);
		cage_emit_load(e, (uint32_t)CAGE_EMIT_ARG_HI(arg));
	}
}

/*
 * arg > value (GT, or GE with GE set) on 64 bits: the high words decide
 * unless they are equal.  LT and LE are the negations of GE and GT.
 */
static void
greater(struct cage_emit *e, unsigned arg, uint64_t value, bool ge, size_t t,
	size_t f)
{
	uint32_t vh = (uint32_t)(value >> 32);
	size_t lo;

	cage_emit_cond(e, ge ? BPF_JGE : BPF_JGT, (uint32_t)value, t, f);
	cage_emit_load(e, (uint32_t)CAGE_EMIT_ARG_LO(arg));
	lo = cage_emit_here(e);
	cage_emit_cond(e, BPF_JEQ, vh, lo, f);
	lo = cage_emit_here(e);
	cage_emit_cond(e, BPF_JGT, vh, t, lo);
	cage_emit_load(e, (uint32_t)CAGE_EMIT_ARG_HI(arg));
}

void
cage_emit_compare(struct cage_emit *e, const struct cage_cmp *c, size_t t,
		  size_t f)
{
	switch (c->op) {
	case CAGE_OP_EQ:
	case CAGE_OP_IN:
		cage_emit_masked_eq(e, c->arg, ~0ULL, c->value, t, f);
		break;
	case CAGE_OP_NE:
		cage_emit_masked_eq(e, c->arg, ~0ULL, c->value, f, t);
		break;
	case CAGE_OP_MASKED_EQ:
		cage_emit_masked_eq(e, c->arg, c->mask, c->value, t, f);
		break;
	case CAGE_OP_GT:
		greater(e, c->arg, c->value, false, t, f);
		break;
	case CAGE_OP_GE:
		greater(e, c->arg, c->value, true, t, f);
		break;
	case CAGE_OP_LT:
		greater(e, c->arg, c->value, true, f, t);
		break;
	case CAGE_OP_LE:
		greater(e, c->arg, c->value, false, f, t);
		break;
	}
}
