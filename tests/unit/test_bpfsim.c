// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of the classic-BPF interpreter: hand-assembled programs for each
 * opcode class, programs the kernel rejects, and a libseccomp filter.
 */
#include "bpfsim.h"

#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define N(a)		 (sizeof(a) / sizeof((a)[0]))
#define STMT(c, k)	 ((struct sock_filter)BPF_STMT((c), (k)))
#define JUMP(c, k, t, f) ((struct sock_filter)BPF_JUMP((c), (k), (t), (f)))
#define OFF(f)		 offsetof(struct seccomp_data, f)

static struct seccomp_data
data(int nr, uint32_t arch, uint64_t a0, uint64_t a1)
{
	struct seccomp_data sd;

	memset(&sd, 0, sizeof(sd));
	sd.nr = nr;
	sd.arch = arch;
	sd.args[0] = a0;
	sd.args[1] = a1;
	sd.instruction_pointer = 0x7f0011223344ULL;
	return sd;
}

/* Runs a program that must pass the checks; returns its result. */
static struct bpfsim_result
run(const struct sock_filter *prog, size_t len, const struct seccomp_data *sd)
{
	struct bpfsim_result res;

	memset(&res, 0xa5, sizeof(res));
	assert_int_equal(bpfsim_run(prog, len, sd, &res), 0);
	return res;
}

static uint32_t
run_ret(const struct sock_filter *prog, size_t len)
{
	struct seccomp_data sd = data(0, AUDIT_ARCH_X86_64, 0, 0);

	return run(prog, len, &sd).ret;
}

static int
run_err(const struct sock_filter *prog, size_t len)
{
	struct seccomp_data sd = data(0, AUDIT_ARCH_X86_64, 0, 0);
	struct bpfsim_result res;

	return bpfsim_run(prog, len, &sd, &res);
}

static void
test_ld_abs(void **state)
{
	struct seccomp_data sd = data(39, AUDIT_ARCH_X86_64, 7, 0x100005412ULL);
	struct sock_filter nr[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(nr)),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter arch[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(arch)),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* args[1] as two little-endian words: low at 24, high at 28. */
	struct sock_filter lo[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(args[1])),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter hi[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(args[1]) + 4),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter ip[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(instruction_pointer) + 4),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter last[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, sizeof(struct seccomp_data) - 4),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct bpfsim_result res;

	(void)state;
	sd.args[5] = 0xdeadbeef00000000ULL;

	res = run(nr, N(nr), &sd);
	assert_int_equal(res.ret, 39);
	assert_false(res.read_args);
	assert_int_equal(res.steps, 2);

	res = run(arch, N(arch), &sd);
	assert_int_equal(res.ret, AUDIT_ARCH_X86_64);
	assert_false(res.read_args);

	res = run(lo, N(lo), &sd);
	assert_int_equal(res.ret, 0x5412);
	assert_true(res.read_args);

	res = run(hi, N(hi), &sd);
	assert_int_equal(res.ret, 1);
	assert_true(res.read_args);

	res = run(ip, N(ip), &sd);
	assert_int_equal(res.ret, 0x7f00);
	assert_true(res.read_args);

	res = run(last, N(last), &sd);
	assert_int_equal(res.ret, 0xdeadbeef);
	assert_true(res.read_args);
}

static void
test_ld_len_imm_mem(void **state)
{
	struct sock_filter len_a[] = {
		STMT(BPF_LD | BPF_W | BPF_LEN, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter len_x[] = {
		STMT(BPF_LDX | BPF_W | BPF_LEN, 0),
		STMT(BPF_MISC | BPF_TXA, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter mem[] = {
		STMT(BPF_LD | BPF_IMM, 0x11),
		STMT(BPF_ST, 3),
		STMT(BPF_LDX | BPF_IMM, 0x22),
		STMT(BPF_STX, 15),
		STMT(BPF_LD | BPF_IMM, 0),
		STMT(BPF_LDX | BPF_MEM, 3), /* X = 0x11 */
		STMT(BPF_LD | BPF_MEM, 15), /* A = 0x22 */
		STMT(BPF_ALU | BPF_LSH | BPF_K, 8),
		STMT(BPF_ALU | BPF_OR | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter ret_k[] = {
		STMT(BPF_LD | BPF_IMM, 1),
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_filter tax[] = {
		STMT(BPF_LD | BPF_IMM, 5), STMT(BPF_MISC | BPF_TAX, 0),
		STMT(BPF_LD | BPF_IMM, 0), STMT(BPF_MISC | BPF_TXA, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	(void)state;
	assert_int_equal(run_ret(len_a, N(len_a)), sizeof(struct seccomp_data));
	assert_int_equal(run_ret(len_x, N(len_x)), sizeof(struct seccomp_data));
	assert_int_equal(run_ret(mem, N(mem)), 0x2211);
	assert_int_equal(run_ret(ret_k, N(ret_k)), SECCOMP_RET_ERRNO | EPERM);
	assert_int_equal(run_ret(tax, N(tax)), 5);
}

struct alu_case {
	uint16_t op;
	uint32_t a, b, want;
};

static void
test_alu(void **state)
{
	static const struct alu_case cases[] = {
		{BPF_ADD, 0xfffffffe, 3, 1},
		{BPF_SUB, 1, 2, 0xffffffff},
		{BPF_MUL, 0x10000, 0x10001, 0x10000},
		{BPF_DIV, 0xffffffff, 2, 0x7fffffff},
		{BPF_DIV, 7, 8, 0},
		{BPF_AND, 0xf0f0, 0xff00, 0xf000},
		{BPF_OR, 0xf0f0, 0x0f00, 0xfff0},
		{BPF_XOR, 0xf0f0, 0xff00, 0x0ff0},
		{BPF_LSH, 0x80000001, 1, 0x00000002},
		{BPF_LSH, 1, 31, 0x80000000},
		{BPF_RSH, 0x80000000, 31, 1},
		{BPF_RSH, 0xffffffff, 0, 0xffffffff},
	};
	struct sock_filter k[] = {
		STMT(BPF_LD | BPF_IMM, 0),
		STMT(BPF_ALU | BPF_K, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter x[] = {
		STMT(BPF_LD | BPF_IMM, 0),
		STMT(BPF_LDX | BPF_IMM, 0),
		STMT(BPF_ALU | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter neg[] = {
		STMT(BPF_LD | BPF_IMM, 1),
		STMT(BPF_ALU | BPF_NEG, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		k[0].k = cases[i].a;
		k[1].code = BPF_ALU | BPF_K | cases[i].op;
		k[1].k = cases[i].b;
		assert_int_equal(run_ret(k, N(k)), cases[i].want);

		x[0].k = cases[i].a;
		x[1].k = cases[i].b;
		x[2].code = BPF_ALU | BPF_X | cases[i].op;
		assert_int_equal(run_ret(x, N(x)), cases[i].want);
	}
	assert_int_equal(run_ret(neg, N(neg)), 0xffffffff);
	neg[0].k = 0x80000000;
	assert_int_equal(run_ret(neg, N(neg)), 0x80000000);
}

static void
test_alu_runtime_edges(void **state)
{
	/* The kernel masks a shift count in X with 31. */
	struct sock_filter lsh[] = {
		STMT(BPF_LD | BPF_IMM, 1),
		STMT(BPF_LDX | BPF_IMM, 33),
		STMT(BPF_ALU | BPF_LSH | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter rsh[] = {
		STMT(BPF_LD | BPF_IMM, 0x80000000),
		STMT(BPF_LDX | BPF_IMM, 32),
		STMT(BPF_ALU | BPF_RSH | BPF_X, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* Division by X == 0 ends the program with 0 = KILL_THREAD. */
	struct sock_filter div0[] = {
		STMT(BPF_LD | BPF_IMM, 10),
		STMT(BPF_LDX | BPF_IMM, 0),
		STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct seccomp_data sd = data(0, AUDIT_ARCH_X86_64, 0, 0);
	struct bpfsim_result res;

	(void)state;
	assert_int_equal(run_ret(lsh, N(lsh)), 2);
	assert_int_equal(run_ret(rsh, N(rsh)), 0x80000000);

	res = run(div0, N(div0), &sd);
	assert_int_equal(res.ret, SECCOMP_RET_KILL_THREAD);
	assert_int_equal(res.steps, 3);
	div0[1].k = 3;
	assert_int_equal(run_ret(div0, N(div0)), SECCOMP_RET_ALLOW);
}

/* A ? K: returns 1 when the jump is taken, 2 when not. */
static uint32_t
jump_k(uint16_t op, uint32_t a, uint32_t k)
{
	struct sock_filter p[] = {
		STMT(BPF_LD | BPF_IMM, a),
		JUMP(BPF_JMP | BPF_K | op, k, 1, 0),
		STMT(BPF_RET | BPF_K, 2),
		STMT(BPF_RET | BPF_K, 1),
	};

	return run_ret(p, N(p));
}

static uint32_t
jump_x(uint16_t op, uint32_t a, uint32_t x)
{
	struct sock_filter p[] = {
		STMT(BPF_LDX | BPF_IMM, x),
		STMT(BPF_LD | BPF_IMM, a),
		JUMP(BPF_JMP | BPF_X | op, 0x12345678, 0, 1),
		STMT(BPF_RET | BPF_K, 1),
		STMT(BPF_RET | BPF_K, 2),
	};

	return run_ret(p, N(p));
}

static void
test_jumps(void **state)
{
	struct sock_filter ja[] = {
		STMT(BPF_LD | BPF_IMM, 0), STMT(BPF_JMP | BPF_JA, 2),
		STMT(BPF_RET | BPF_K, 1),  STMT(BPF_RET | BPF_K, 2),
		STMT(BPF_RET | BPF_K, 3),
	};
	uint32_t (*fn[])(uint16_t, uint32_t, uint32_t) = {jump_k, jump_x};
	struct seccomp_data sd = data(0, AUDIT_ARCH_X86_64, 0, 0);
	struct bpfsim_result res;
	size_t i;

	(void)state;
	for (i = 0; i < N(fn); i++) {
		assert_int_equal(fn[i](BPF_JEQ, 5, 5), 1);
		assert_int_equal(fn[i](BPF_JEQ, 5, 6), 2);
		/* Comparisons are unsigned. */
		assert_int_equal(fn[i](BPF_JGT, 0xffffffff, 1), 1);
		assert_int_equal(fn[i](BPF_JGT, 1, 0xffffffff), 2);
		assert_int_equal(fn[i](BPF_JGT, 5, 5), 2);
		assert_int_equal(fn[i](BPF_JGE, 5, 5), 1);
		assert_int_equal(fn[i](BPF_JGE, 4, 5), 2);
		assert_int_equal(fn[i](BPF_JGE, 0x80000000, 0x7fffffff), 1);
		assert_int_equal(fn[i](BPF_JSET, 0x5412, 0x10), 1);
		assert_int_equal(fn[i](BPF_JSET, 0x5412, 0x01), 2);
	}

	res = run(ja, N(ja), &sd);
	assert_int_equal(res.ret, 3);
	assert_int_equal(res.steps, 3);
}

static void
test_rejects(void **state)
{
	struct sock_filter ret[] = {
		STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter back[] = {
		/* ja -1: the kernel's k is unsigned */
		STMT(BPF_LD | BPF_IMM, 0),
		STMT(BPF_JMP | BPF_JA, 0xffffffff),
		STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter ja_past[] = {
		STMT(BPF_JMP | BPF_JA, 1),
		STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter jt_past[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
		STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter jf_past[] = {
		JUMP(BPF_JMP | BPF_JSET | BPF_X, 0, 0, 255),
		STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter no_ret[] = {
		STMT(BPF_RET | BPF_K, 0),
		STMT(BPF_LD | BPF_IMM, 0),
	};
	struct sock_filter one[] = {
		STMT(BPF_LD | BPF_IMM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	static const uint16_t bad_codes[] = {
		BPF_ALU | BPF_MOD | BPF_K, /* in cBPF, not in seccomp */
		BPF_ALU | BPF_MOD | BPF_X,
		BPF_LD | BPF_H | BPF_ABS,
		BPF_LD | BPF_B | BPF_ABS,
		BPF_LD | BPF_W | BPF_IND,
		BPF_LDX | BPF_B | BPF_MSH,
		BPF_LD | BPF_W | BPF_MEM | BPF_H,
		BPF_ALU | BPF_NEG | BPF_X,
		BPF_RET | BPF_X,
		BPF_JMP | BPF_JA | BPF_X,
		BPF_MISC | BPF_TAX | 0x08,
		0xffff,
	};
	struct {
		uint16_t code;
		uint32_t k;
	} bad_k[] = {
		{BPF_LD | BPF_W | BPF_ABS, 2}, /* not aligned */
		{BPF_LD | BPF_W | BPF_ABS, sizeof(struct seccomp_data)},
		{BPF_LD | BPF_W | BPF_ABS, 0xfffff000}, /* SKF_AD_OFF */
		{BPF_ALU | BPF_DIV | BPF_K, 0},
		{BPF_ALU | BPF_LSH | BPF_K, 32},
		{BPF_ALU | BPF_RSH | BPF_K, 32},
		{BPF_ST, BPF_MEMWORDS},
		{BPF_STX, BPF_MEMWORDS},
	};
	struct sock_filter *big;
	size_t i;

	(void)state;
	assert_int_equal(run_err(ret, 0), -EINVAL);
	assert_int_equal(run_err(NULL, 1), -EINVAL);
	assert_int_equal(run_err(back, N(back)), -EINVAL);
	assert_int_equal(run_err(ja_past, N(ja_past)), -EINVAL);
	assert_int_equal(run_err(jt_past, N(jt_past)), -EINVAL);
	assert_int_equal(run_err(jf_past, N(jf_past)), -EINVAL);
	assert_int_equal(run_err(no_ret, N(no_ret)), -EINVAL);

	for (i = 0; i < N(bad_codes); i++) {
		one[0].code = bad_codes[i];
		one[0].k = 4;
		assert_int_equal(run_err(one, N(one)), -EINVAL);
	}
	for (i = 0; i < N(bad_k); i++) {
		one[0].code = bad_k[i].code;
		one[0].k = bad_k[i].k;
		assert_int_equal(run_err(one, N(one)), -EINVAL);
		/* The same instruction with a good k passes. */
		one[0].k = 4;
		assert_int_equal(run_err(one, N(one)), 0);
	}

	/* BPF_MAXINSNS instructions pass; one more does not. */
	big = calloc(BPF_MAXINSNS + 1, sizeof(*big));
	assert_non_null(big);
	for (i = 0; i <= BPF_MAXINSNS; i++)
		big[i] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	assert_int_equal(run_err(big, BPF_MAXINSNS), 0);
	assert_int_equal(run_err(big, BPF_MAXINSNS + 1), -EINVAL);
	free(big);
}

static void
test_mem_checks(void **state)
{
	struct sock_filter unset[] = {
		STMT(BPF_LD | BPF_MEM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter unset_x[] = {
		STMT(BPF_ST, 1),
		STMT(BPF_LDX | BPF_MEM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* M[0] is stored on one branch only, then read where they meet. */
	struct sock_filter one_branch[] = {
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		STMT(BPF_ST, 0),
		STMT(BPF_LD | BPF_MEM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};
	/* Stored before the branch: valid on both paths. */
	struct sock_filter both[] = {
		STMT(BPF_LD | BPF_IMM, 9),
		STMT(BPF_ST, 0),
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		STMT(BPF_ST, 1),
		STMT(BPF_LD | BPF_MEM, 0),
		STMT(BPF_RET | BPF_A, 0),
	};

	(void)state;
	assert_int_equal(run_err(unset, N(unset)), -EINVAL);
	assert_int_equal(run_err(unset_x, N(unset_x)), -EINVAL);
	assert_int_equal(run_err(one_branch, N(one_branch)), -EINVAL);
	assert_int_equal(run_ret(both, N(both)), 9);
}

static void
test_load_fd(void **state)
{
	struct sock_filter prog[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, OFF(nr)),
		STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter *got;
	size_t len;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], prog, sizeof(prog)), sizeof(prog));
	close(p[1]);
	assert_int_equal(bpfsim_load_fd(p[0], &got, &len), 0);
	close(p[0]);
	assert_int_equal(len, N(prog));
	assert_memory_equal(got, prog, sizeof(prog));
	free(got);

	/* Empty, or a trailing partial instruction. */
	assert_int_equal(pipe(p), 0);
	close(p[1]);
	assert_int_equal(bpfsim_load_fd(p[0], &got, &len), -EINVAL);
	close(p[0]);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], prog, sizeof(prog) - 1), sizeof(prog) - 1);
	close(p[1]);
	assert_int_equal(bpfsim_load_fd(p[0], &got, &len), -EINVAL);
	close(p[0]);

	assert_int_equal(bpfsim_load_fd(-1, &got, &len), -EBADF);
}

static void
test_libseccomp(void **state)
{
	static const struct {
		int nr;
		uint32_t arch;
		uint64_t a1;
		uint32_t want;
	} cases[] = {
		{__NR_getpid, AUDIT_ARCH_X86_64, 0, SECCOMP_RET_ALLOW},
		{__NR_getpid, AUDIT_ARCH_I386, 0, SECCOMP_RET_KILL_PROCESS},
		{20, AUDIT_ARCH_I386, 0, SECCOMP_RET_KILL_PROCESS},
		{0x40000000 | __NR_getpid, AUDIT_ARCH_X86_64, 0,
		 SECCOMP_RET_KILL_PROCESS},
		{__NR_ioctl, AUDIT_ARCH_X86_64, 0x5412,
		 SECCOMP_RET_ERRNO | EPERM},
		{__NR_ioctl, AUDIT_ARCH_X86_64, 0x100005412ULL,
		 SECCOMP_RET_ERRNO | EPERM},
		{__NR_ioctl, AUDIT_ARCH_X86_64, 0x5401, SECCOMP_RET_ALLOW},
		/* SCMP_CMP_EQ compares all 64 bits. */
		{__NR_ioctl, AUDIT_ARCH_X86_64, 0x100005401ULL,
		 SECCOMP_RET_KILL_PROCESS},
		{__NR_ioctl, AUDIT_ARCH_X86_64, 0x5413,
		 SECCOMP_RET_KILL_PROCESS},
		{__NR_read, AUDIT_ARCH_X86_64, 0, SECCOMP_RET_KILL_PROCESS},
		{__NR_ptrace, AUDIT_ARCH_X86_64, 0, SECCOMP_RET_KILL_PROCESS},
	};
	struct sock_filter *prog;
	struct bpfsim_result res;
	struct seccomp_data sd;
	scmp_filter_ctx ctx;
	size_t len, i;
	int fd;

	(void)state;
	ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	assert_non_null(ctx);
	assert_int_equal(seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
					  SCMP_ACT_KILL_PROCESS),
			 0);
	assert_int_equal(seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2), 0);
	assert_int_equal(
		seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getpid), 0), 0);
	assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
					  SCMP_SYS(ioctl), 1,
					  SCMP_A1(SCMP_CMP_MASKED_EQ,
						  0xffffffff, 0x5412)),
			 0);
	assert_int_equal(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl),
					  1, SCMP_A1(SCMP_CMP_EQ, 0x5401, 0)),
			 0);

	fd = memfd_create("bpfsim", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(seccomp_export_bpf(ctx, fd), 0);
	seccomp_release(ctx);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(bpfsim_load_fd(fd, &prog, &len), 0);
	close(fd);

	for (i = 0; i < N(cases); i++) {
		sd = data(cases[i].nr, cases[i].arch, 0, cases[i].a1);
		assert_int_equal(bpfsim_run(prog, len, &sd, &res), 0);
		assert_int_equal(res.ret, cases[i].want);
		assert_in_range(res.steps, 2, len);
		/* Only ioctl's rules look at arguments. */
		if (cases[i].nr != __NR_ioctl)
			assert_false(res.read_args);
	}
	sd = data(__NR_ioctl, AUDIT_ARCH_X86_64, 0, 0x5412);
	assert_int_equal(bpfsim_run(prog, len, &sd, &res), 0);
	assert_true(res.read_args);
	free(prog);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ld_abs),
		cmocka_unit_test(test_ld_len_imm_mem),
		cmocka_unit_test(test_alu),
		cmocka_unit_test(test_alu_runtime_edges),
		cmocka_unit_test(test_jumps),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_mem_checks),
		cmocka_unit_test(test_load_fd),
		cmocka_unit_test(test_libseccomp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
