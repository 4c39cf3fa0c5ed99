// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The guard: a short filter every launch loads under the policy's,
 * whatever the policy allows (default allow included), so that the
 * target cannot change the supervisor's limits or scheduling.  The kernel
 * checks only uids for these calls: a target of the same uid (any root
 * process, to a uid-0 target without capabilities) could otherwise give
 * syscage RLIMIT_CPU (SIGXCPU, then SIGKILL) or RLIMIT_NOFILE 0 (no
 * /proc to find the tree by: --timeout and the orphan sweep then miss a
 * daemon), or pin and starve it.
 *
 * The supervisor has more than one thread (the one that answers
 * notifications starts when the first call is routed to it, an
 * embedding program has its own), and a thread is reached by its tid,
 * which is not known when the guard is made: so each of these calls is
 * refused on every pid and tid but 0, the caller itself, and on any
 * process group or user (as the built-ins have them).  A thread of the
 * target that sets its own CPUs or priority by its tid
 * (pthread_setaffinity_np) gets EPERM: 0 works.  Only these seven calls
 * read an argument; every other call takes the same path for any
 * argument, so the kernel's action cache keeps it free.
 * Calls on another process's memory (migrate_pages, move_pages,
 * process_madvise, process_vm_*) need ptrace access, which a supervisor
 * that is not dumpable refuses.
 */
#include "compile/guard.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>

#define OFF_NR	  offsetof(struct seccomp_data, nr)
#define OFF_ARCH  offsetof(struct seccomp_data, arch)
#define OFF_LO(a) (offsetof(struct seccomp_data, args) + 8 * (size_t)(a))
#define OFF_HI(a) (OFF_LO(a) + 4)

/* setpriority(2)'s and ioprio_set(2)'s WHICH: process, group, user. */
enum { PRIO_WHO_PROCESS = 0, IOPRIO_WHO_PROCESS = 1 };

enum label {
	L_ALLOW,
	L_DENY,
	L_PRLIMIT,
	L_PID0, /* arg0 is a pid */
	L_PRIO,
	L_IOPRIO,
	L_WHO, /* arg1 is a pid */
	L_COUNT
};

struct asm_state {
	struct cage_guard *g;
	size_t n;
	size_t at[L_COUNT];		  /* where each label is */
	unsigned char jt[CAGE_GUARD_MAX]; /* a label + 1, or 0: no fixup */
	unsigned char jf[CAGE_GUARD_MAX];
	int err;
};

static void
put(struct asm_state *a, uint16_t code, uint32_t k, int jt, int jf)
{
	if (a->n == CAGE_GUARD_MAX) {
		a->err = -E2BIG;
		return;
	}
	a->g->insns[a->n] = (struct sock_filter){.code = code, .k = k};
	a->jt[a->n] = (unsigned char)(jt + 1);
	a->jf[a->n] = (unsigned char)(jf + 1);
	a->n++;
}

static void
label(struct asm_state *a, enum label l)
{
	a->at[l] = a->n;
}

static void
load(struct asm_state *a, size_t off)
{
	put(a, BPF_LD | BPF_W | BPF_ABS, (uint32_t)off, -1, -1);
}

/* If A == K go to label T; else fall through (F = -1) or go to F. */
static void
jeq(struct asm_state *a, uint32_t k, int t, int f)
{
	put(a, BPF_JMP | BPF_JEQ | BPF_K, k, t, f);
}

static void
ret(struct asm_state *a, uint32_t k)
{
	put(a, BPF_RET | BPF_K, k, -1, -1);
}

/* Jumps go forward only, at most CAGE_GUARD_MAX: always within 255. */
static void
resolve(struct asm_state *a)
{
	for (size_t i = 0; i < a->n; i++) {
		if (BPF_CLASS(a->g->insns[i].code) != BPF_JMP)
			continue;
		if (a->jt[i])
			a->g->insns[i].jt =
				(uint8_t)(a->at[a->jt[i] - 1] - i - 1);
		if (a->jf[i])
			a->g->insns[i].jf =
				(uint8_t)(a->at[a->jf[i] - 1] - i - 1);
	}
}

int
cage_guard_program(struct cage_guard *g)
{
	static const int pid0[] = {SYS_sched_setaffinity,
				   SYS_sched_setscheduler, SYS_sched_setparam,
				   SYS_sched_setattr};
	struct asm_state a = {.g = g};

	memset(g, 0, sizeof(*g));
	/* Other ABIs: the policy's filters kill them. */
	load(&a, OFF_ARCH);
	jeq(&a, AUDIT_ARCH_X86_64, -1, L_ALLOW);
	load(&a, OFF_NR);
	jeq(&a, SYS_prlimit64, L_PRLIMIT, -1);
	jeq(&a, SYS_setpriority, L_PRIO, -1);
	jeq(&a, SYS_ioprio_set, L_IOPRIO, -1);
	for (size_t i = 0; i < sizeof(pid0) / sizeof(pid0[0]); i++)
		jeq(&a, (uint32_t)pid0[i], L_PID0, -1);
	ret(&a, SECCOMP_RET_ALLOW);
	/* prlimit64(pid, resource, new, old): new == NULL only reads.  pid
	 * and the other ids are 32-bit: the kernel ignores the high half. */
	label(&a, L_PRLIMIT);
	load(&a, OFF_LO(0));
	jeq(&a, 0, L_ALLOW, -1);
	load(&a, OFF_LO(2));
	jeq(&a, 0, -1, L_DENY);
	load(&a, OFF_HI(2));
	jeq(&a, 0, L_ALLOW, L_DENY);
	label(&a, L_PID0);
	load(&a, OFF_LO(0));
	jeq(&a, 0, L_ALLOW, L_DENY);
	/* setpriority(which, who, prio), ioprio_set(which, who, prio): a
	 * process, and that process the caller. */
	label(&a, L_PRIO);
	load(&a, OFF_LO(0));
	jeq(&a, PRIO_WHO_PROCESS, L_WHO, L_DENY);
	label(&a, L_IOPRIO);
	load(&a, OFF_LO(0));
	jeq(&a, IOPRIO_WHO_PROCESS, -1, L_DENY);
	label(&a, L_WHO);
	load(&a, OFF_LO(1));
	jeq(&a, 0, L_ALLOW, L_DENY);
	label(&a, L_ALLOW);
	ret(&a, SECCOMP_RET_ALLOW);
	label(&a, L_DENY);
	ret(&a, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	if (a.err)
		return a.err;
	resolve(&a);
	g->prog.len = (unsigned short)a.n;
	g->prog.filter = g->insns;
	return 0;
}
