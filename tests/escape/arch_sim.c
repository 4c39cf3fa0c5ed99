// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Foreign ABIs, checked on the compiled filters: i386 (int $0x80, including
 * every socketcall) and x32 numbers, run through every part of each
 * policy's kernel filter stack, and through the filter with a listener
 * that a supervised launch (and --learn) loads, in tests/bpfsim.c.  Each
 * must be KILL_PROCESS.  Usage: arch_sim POLICY...  (names or paths)
 */
#include "bpfsim.h"
#include "escape.h"
#include "compile/filter.h"
#include "compile/supervised.h"
#include "syscage.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define X32_BIT	      0x40000000u
#define I386_NR_MAX   500 /* past the highest i386 number (~462) */
#define SOCKETCALL    102 /* i386: every socket call through one number */
#define SOCKETCALL_NR 20  /* SYS_SOCKET .. SYS_SENDMMSG */

struct stack {
	struct sock_filter *prog[16];
	size_t len[16];
	size_t n;
};

enum kind {
	KERNEL, /* the stacked filters without a supervisor */
	NOTIFY, /* the supervised launch's filter */
	LEARN,	/* --learn's */
	NKINDS,
};

static const char *const kind_name[] = {"kernel filters", "notify filter",
					"learn filter"};

/* Not tests/unit/policy_helper.c: this program runs outside cmocka and
 * reports a failure as its result, and loads only to compile. */
static int
load_stack(const char *name, enum kind kind, struct stack *s)
{
	struct cage_diags diags = {0};
	struct cage_policy *pol = NULL;
	struct cage_filter *f = NULL;
	int err;

	err = cage_policy_load(name, &diags, &pol);
	if (!err && kind != KERNEL) { /* fd 3 stands for the status socket */
		struct sock_fprog prog;

		err = cage_supervised_program(&pol, 1, kind == LEARN, 3, &prog);
		s->prog[0] = prog.filter;
		s->len[0] = prog.len;
		s->n = err ? 0 : 1;
		cage_policy_free(pol);
		return err;
	}
	if (!err)
		err = cage_filter_compile(pol, &diags, &f);
	for (size_t i = 0; i < diags.n; i++)
		if (diags.v[i].severity == CAGE_SEVERITY_ERROR)
			cage_diag_print(&diags.v[i], stderr);
	cage_diags_free(&diags);
	s->n = err ? 0 : cage_filter_count(f);
	for (size_t i = 0; i < s->n && !err; i++) {
		int fd = memfd_create("bpf", MFD_CLOEXEC);

		if (fd < 0 || i >= 16)
			err = fd < 0 ? -errno : -E2BIG;
		if (!err)
			err = cage_filter_export_bpf(f, i, fd);
		if (!err && lseek(fd, 0, SEEK_SET) < 0)
			err = -errno;
		if (!err)
			err = bpfsim_load_fd(fd, &s->prog[i], &s->len[i]);
		if (fd >= 0)
			close(fd);
	}
	cage_filter_free(f);
	cage_policy_free(pol);
	return err;
}

/* Every part must kill the process on its own, so no stacking order or
 * later filter can soften it. */
static bool
kills(const struct stack *s, uint32_t arch, uint32_t nr, uint64_t a0,
      uint32_t *bad)
{
	struct seccomp_data sd = {.nr = (int)nr, .arch = arch};

	sd.args[0] = a0;
	sd.instruction_pointer = 0x7f0011223344ULL;
	for (size_t i = 0; i < s->n; i++) {
		struct bpfsim_result res;

		if (bpfsim_run(s->prog[i], s->len[i], &sd, &res) < 0)
			esc_broken("bpfsim_run", EINVAL);
		if ((res.ret & SECCOMP_RET_ACTION_FULL) !=
		    SECCOMP_RET_KILL_PROCESS) {
			*bad = res.ret;
			return false;
		}
	}
	return true;
}

static void
check_range(const struct stack *s, const char *pol, const char *what,
	    uint32_t arch, uint32_t base, uint32_t lo, uint32_t hi)
{
	char line[512];
	uint32_t bad = 0;

	for (uint32_t nr = lo; nr <= hi; nr++) {
		if (!kills(s, arch, base | nr, 0, &bad)) {
			snprintf(line, sizeof(line), "%s %u under %s", what, nr,
				 pol);
			esc_escaped(line,
				    "part returned %#x, not "
				    "KILL_PROCESS",
				    bad);
			return;
		}
	}
	snprintf(line, sizeof(line), "%s %u-%u under %s", what, lo, hi, pol);
	esc_blocked(line, "KILL_PROCESS in each of %zu filter parts", s->n);
}

static void
check_socketcall(const struct stack *s, const char *pol)
{
	char line[512];
	uint32_t bad = 0;

	for (uint64_t call = 1; call <= SOCKETCALL_NR; call++) {
		/* high bits too: a 32-bit kernel entry ignores them */
		if (!kills(s, AUDIT_ARCH_I386, SOCKETCALL, call, &bad) ||
		    !kills(s, AUDIT_ARCH_I386, SOCKETCALL,
			   call | 0xffffffff00000000ull, &bad)) {
			snprintf(line, sizeof(line),
				 "i386 socketcall(%llu) under %s",
				 (unsigned long long)call, pol);
			esc_escaped(line, "part returned %#x", bad);
			return;
		}
	}
	snprintf(line, sizeof(line), "i386 socketcall(1-%d) under %s",
		 SOCKETCALL_NR, pol);
	esc_blocked(line, "KILL_PROCESS in each of %zu filter parts", s->n);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: arch_sim POLICY...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		for (int kind = 0; kind < NKINDS; kind++) {
			struct stack s = {0};
			char pol[256];
			int err = load_stack(argv[i], kind, &s);

			if (err || s.n == 0)
				esc_broken(argv[i], -err);
			snprintf(pol, sizeof(pol), "%s (%s)", argv[i],
				 kind_name[kind]);
			check_range(&s, pol, "i386 syscall", AUDIT_ARCH_I386, 0,
				    0, I386_NR_MAX);
			check_socketcall(&s, pol);
			check_range(&s, pol, "x32 syscall", AUDIT_ARCH_X86_64,
				    X32_BIT, 0, 1023);
			/* An ARM64 or other foreign arch value. */
			check_range(&s, pol, "aarch64 syscall",
				    AUDIT_ARCH_AARCH64, 0, 0, 300);
			for (size_t k = 0; k < s.n; k++)
				free(s.prog[k]);
		}
	}
	return esc_finish();
}
