// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A user-space classic-BPF interpreter for seccomp filters, for tests: the
 * kernel's checks (net/core/filter.c, kernel/seccomp.c) and its semantics.
 */
#include "bpfsim.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Loads at or past this offset read args[] or instruction_pointer. */
#define ARGS_OFF	offsetof(struct seccomp_data, instruction_pointer)

/*
 * The opcodes seccomp_check_filter() lets through, after the checks of
 * bpf_check_classic().  BPF_MOD and every BPF_IND, BPF_MSH, BPF_H and
 * BPF_B load are absent on purpose: the kernel refuses them for seccomp.
 */
static bool
code_allowed(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	}
	return false;
}

static bool
is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

/*
 * check_load_and_stores() of net/core/filter.c: no path may read M[k]
 * before a store to it.  A jump hands its set of written cells to its
 * targets; an instruction that follows a jump is reached only by jumps.
 */
static int
check_mem(const struct sock_filter *prog, size_t len)
{
	uint16_t *masks, valid = 0;
	const struct sock_filter *in;
	size_t pc;
	int ret = 0;

	masks = malloc(len * sizeof(*masks));
	if (!masks)
		return -ENOMEM;
	memset(masks, 0xff, len * sizeof(*masks));

	for (pc = 0; pc < len; pc++) {
		in = &prog[pc];
		valid &= masks[pc];
		switch (in->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= 1u << in->k;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << in->k))) {
				ret = -EINVAL;
				goto out;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + in->k] &= valid;
			valid = 0xffff;
			break;
		default:
			if (is_cond_jump(in->code)) {
				masks[pc + 1 + in->jt] &= valid;
				masks[pc + 1 + in->jf] &= valid;
				valid = 0xffff;
			}
			break;
		}
	}
out:
	free(masks);
	return ret;
}

static int
check(const struct sock_filter *prog, size_t len)
{
	const struct sock_filter *in;
	size_t pc;

	if (!prog || len == 0 || len > BPF_MAXINSNS)
		return -EINVAL;

	for (pc = 0; pc < len; pc++) {
		in = &prog[pc];
		if (!code_allowed(in->code))
			return -EINVAL;

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k >= sizeof(struct seccomp_data) || in->k & 3)
				return -EINVAL;
			break;
		case BPF_ALU | BPF_DIV | BPF_K:
			if (in->k == 0)
				return -EINVAL;
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			if (in->k >= 32)
				return -EINVAL;
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (in->k >= BPF_MEMWORDS)
				return -EINVAL;
			break;
		case BPF_JMP | BPF_JA:
			/* k is unsigned: a "backward" jump is a huge one. */
			if (in->k >= len - pc - 1)
				return -EINVAL;
			break;
		default:
			if (is_cond_jump(in->code) &&
			    (pc + in->jt + 1 >= len || pc + in->jf + 1 >= len))
				return -EINVAL;
			break;
		}
	}

	switch (prog[len - 1].code) {
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
		return check_mem(prog, len);
	}
	return -EINVAL;
}

static uint32_t
load_word(const struct seccomp_data *sd, uint32_t off)
{
	uint32_t w;

	/* The kernel's BPF_LDX_MEM(BPF_W, A, ctx, k): a native-endian load. */
	memcpy(&w, (const unsigned char *)sd + off, sizeof(w));
	return w;
}

int
bpfsim_run(const struct sock_filter *prog, size_t len,
	   const struct seccomp_data *sd, struct bpfsim_result *res)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS] = { 0 };
	const struct sock_filter *in;
	uint32_t src;
	size_t pc = 0;
	int err;

	if (!sd || !res)
		return -EINVAL;
	err = check(prog, len);
	if (err)
		return err;

	res->ret = 0;
	res->read_args = false;
	res->steps = 0;

	/*
	 * Every instruction moves pc forward by at least one, so this ends
	 * within len steps, at a RET: check() made the last one a RET.
	 */
	while (pc < len) {
		in = &prog[pc++];
		res->steps++;
		src = BPF_SRC(in->code) == BPF_X ? X : in->k;

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k >= ARGS_OFF)
				res->read_args = true;
			A = load_word(sd, in->k);
			break;
		case BPF_LD | BPF_W | BPF_LEN:
			A = sizeof(struct seccomp_data);
			break;
		case BPF_LDX | BPF_W | BPF_LEN:
			X = sizeof(struct seccomp_data);
			break;
		case BPF_LD | BPF_IMM:
			A = in->k;
			break;
		case BPF_LDX | BPF_IMM:
			X = in->k;
			break;
		case BPF_LD | BPF_MEM:
			A = M[in->k];
			break;
		case BPF_LDX | BPF_MEM:
			X = M[in->k];
			break;
		case BPF_ST:
			M[in->k] = A;
			break;
		case BPF_STX:
			M[in->k] = X;
			break;
		case BPF_ALU | BPF_ADD | BPF_K:
		case BPF_ALU | BPF_ADD | BPF_X:
			A += src;
			break;
		case BPF_ALU | BPF_SUB | BPF_K:
		case BPF_ALU | BPF_SUB | BPF_X:
			A -= src;
			break;
		case BPF_ALU | BPF_MUL | BPF_K:
		case BPF_ALU | BPF_MUL | BPF_X:
			A *= src;
			break;
		case BPF_ALU | BPF_DIV | BPF_K:
		case BPF_ALU | BPF_DIV | BPF_X:
			/* Only X can be 0 here: the kernel returns 0. */
			if (src == 0) {
				res->ret = 0;
				return 0;
			}
			A /= src;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
		case BPF_ALU | BPF_AND | BPF_X:
			A &= src;
			break;
		case BPF_ALU | BPF_OR | BPF_K:
		case BPF_ALU | BPF_OR | BPF_X:
			A |= src;
			break;
		case BPF_ALU | BPF_XOR | BPF_K:
		case BPF_ALU | BPF_XOR | BPF_X:
			A ^= src;
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_LSH | BPF_X:
			/* k < 32 was checked; the kernel masks X with 31. */
			A <<= src & 31;
			break;
		case BPF_ALU | BPF_RSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_X:
			A >>= src & 31;
			break;
		case BPF_ALU | BPF_NEG:
			A = -A;
			break;
		case BPF_MISC | BPF_TAX:
			X = A;
			break;
		case BPF_MISC | BPF_TXA:
			A = X;
			break;
		case BPF_RET | BPF_K:
			res->ret = in->k;
			return 0;
		case BPF_RET | BPF_A:
			res->ret = A;
			return 0;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JEQ | BPF_X:
			pc += A == src ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_X:
			pc += A > src ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_X:
			pc += A >= src ? in->jt : in->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_X:
			pc += A & src ? in->jt : in->jf;
			break;
		default:
			/* check() let through only the codes above. */
			return -EINVAL;
		}
	}
	return -EINVAL;
}

int
bpfsim_load_fd(int fd, struct sock_filter **prog, size_t *len)
{
	const size_t max = BPF_MAXINSNS * sizeof(struct sock_filter);
	unsigned char *buf, *tmp;
	size_t size = 0, cap = 4096;
	ssize_t n;
	int err;

	if (!prog || !len)
		return -EINVAL;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;

	for (;;) {
		if (size == cap) {
			if (cap > max) {
				free(buf);
				return -E2BIG;
			}
			tmp = realloc(buf, cap * 2);
			if (!tmp) {
				free(buf);
				return -ENOMEM;
			}
			buf = tmp;
			cap *= 2;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			free(buf);
			return err;
		}
		if (n == 0)
			break;
		size += n;
	}

	if (size > max) {
		free(buf);
		return -E2BIG;
	}
	if (size == 0 || size % sizeof(struct sock_filter)) {
		free(buf);
		return -EINVAL;
	}
	*prog = (struct sock_filter *)buf;
	*len = size / sizeof(struct sock_filter);
	return 0;
}
