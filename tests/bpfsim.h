// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A user-space classic-BPF interpreter for seccomp filters, for tests: it
 * checks a program the way the kernel does and runs it over a seccomp_data.
 */
#ifndef SYSCAGE_TESTS_BPFSIM_H
#define SYSCAGE_TESTS_BPFSIM_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bpfsim_result {
	uint32_t ret;		/* the filter's return value (SECCOMP_RET_*) */
	bool read_args;		/* a load read args[] or instruction_pointer */
	unsigned int steps;	/* instructions run, the final RET included */
};

/*
 * Checks @prog the way seccomp(2) does (bpf_check_classic() followed by
 * seccomp_check_filter(), Linux 6.x): 1 to BPF_MAXINSNS instructions, only
 * the opcodes seccomp allows (note: BPF_MOD is not among them), LD|W|ABS
 * with k 4-aligned and inside struct seccomp_data, BPF_LEN loading
 * sizeof(struct seccomp_data), DIV K with k != 0, LSH/RSH K with k < 32,
 * M[] indices below BPF_MEMWORDS, no read of M[k] that some path reaches
 * before any store to it, every jump in range, and a RET last.
 *
 * Then runs it over @sd with the kernel's semantics: native-endian 32-bit
 * loads, 32-bit unsigned arithmetic, shifts by X use X & 31, and division
 * by X == 0 ends the program with 0 (SECCOMP_RET_KILL_THREAD).
 *
 * Returns 0 and fills @res, or -EINVAL for a program the kernel would
 * reject (or a NULL argument).
 */
int bpfsim_run(const struct sock_filter *prog, size_t len,
	       const struct seccomp_data *sd, struct bpfsim_result *res);

/*
 * Reads a raw filter, as seccomp_export_bpf() writes it, from @fd until
 * EOF into a malloc()'d array the caller frees.  Returns 0, -EINVAL if the
 * data is empty or not a whole number of instructions, -E2BIG past
 * BPF_MAXINSNS instructions, or the -errno of a failed read().
 */
int bpfsim_load_fd(int fd, struct sock_filter **prog, size_t *len);

#endif /* SYSCAGE_TESTS_BPFSIM_H */
