// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of the policy compiler: every part of a compiled policy is exported
 * as raw BPF, run in bpfsim and combined the way the kernel combines stacked
 * seccomp filters, so each assertion is about what a confined program sees.
 */
#include "bpfsim.h"
#include "rule_shapes.h"
#include "base/syscalls.h"
#include "policy/decide.h"
#include "compile/filter.h"
#include "policy/policy.h"
#include "syscage.h"
#include "policy_helper.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define ARCH	     AUDIT_ARCH_X86_64
#define X32_BIT	     0x40000000
#define HIGH	     (1ULL << 32)
#define RET_ERRNO(e) (SECCOMP_RET_ERRNO | (uint32_t)(e))
#define ALLOW	     SECCOMP_RET_ALLOW
#define KILL	     SECCOMP_RET_KILL_PROCESS
#define EPERM_RET    RET_ERRNO(EPERM)
#define ENOSYS_RET   RET_ERRNO(ENOSYS)
#define EAFNO_RET    RET_ERRNO(EAFNOSUPPORT)

/* One compiled policy: its resolved rules and every part as raw BPF. */
struct stack {
	struct cage_policy *pol;
	struct cage_filter *filter;
	struct sock_filter *prog[CAGE_FILTER_MAX_PARTS];
	size_t len[CAGE_FILTER_MAX_PARTS];
	size_t n;
};

static void
print_diags(const struct cage_diags *diags)
{
	for (size_t i = 0; i < diags->n; i++)
		cage_diag_print(&diags->v[i], stderr);
}

/* Compile POL (taking it over) and export each part into bpfsim. */
static struct stack *
stack_compile(struct cage_policy *pol)
{
	struct cage_diags diags = {0};
	struct stack *s = calloc(1, sizeof(*s));
	int err;

	assert_non_null(s);
	s->pol = pol;
	err = cage_filter_compile(pol, &diags, &s->filter);
	print_diags(&diags);
	assert_int_equal(err, 0);
	assert_int_equal(diags.n, 0);
	cage_diags_free(&diags);
	s->n = cage_filter_count(s->filter);
	assert_in_range(s->n, 1, CAGE_FILTER_MAX_PARTS);
	for (size_t i = 0; i < s->n; i++) {
		int fd = memfd_create("bpf", MFD_CLOEXEC);

		assert_true(fd >= 0);
		assert_int_equal(cage_filter_export_bpf(s->filter, i, fd), 0);
		assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
		assert_int_equal(bpfsim_load_fd(fd, &s->prog[i], &s->len[i]),
				 0);
		close(fd);
	}
	return s;
}

/* The policy TEXT, or the built-in NAME, compiled to a stack. */
static struct stack *
compile_text(const char *text)
{
	return stack_compile(test_policy_text(text));
}

static struct stack *
compile_builtin(const char *name)
{
	return stack_compile(test_policy_builtin(name));
}

static void
stack_free(struct stack *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->prog[i]);
	cage_filter_free(s->filter);
	cage_policy_free(s->pol);
	free(s);
}

/* The kernel's precedence of actions: higher wins across stacked filters. */
static int
precedence(uint32_t ret)
{
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		return 7;
	case SECCOMP_RET_KILL_THREAD:
		return 6;
	case SECCOMP_RET_TRAP:
		return 5;
	case SECCOMP_RET_ERRNO:
		return 4;
	case SECCOMP_RET_USER_NOTIF:
		return 3;
	case SECCOMP_RET_TRACE:
		return 2;
	case SECCOMP_RET_LOG:
		return 1;
	case SECCOMP_RET_ALLOW:
		return 0;
	}
	fail_msg("filter returned unknown action %#x", ret);
	return 7;
}

/* Result of one part, for messages. */
static uint32_t
run_part(const struct stack *s, size_t i, const struct seccomp_data *sd,
	 bool *read_args)
{
	struct bpfsim_result res;

	assert_int_equal(bpfsim_run(s->prog[i], s->len[i], sd, &res), 0);
	if (read_args)
		*read_args = res.read_args;
	return res.ret;
}

/*
 * Every part runs on the same data; the most restrictive result wins and,
 * among equals, the part loaded last (highest index) gives the data.
 * *READ_ARGS: whether any part read an argument or the instruction pointer.
 */
static uint32_t
run_stack(const struct stack *s, const struct seccomp_data *sd, bool *read_args)
{
	uint32_t best = SECCOMP_RET_ALLOW;
	bool any = false;

	for (size_t i = 0; i < s->n; i++) {
		bool r;
		uint32_t ret = run_part(s, i, sd, &r);

		any |= r;
		if (precedence(ret) >= precedence(best))
			best = ret;
	}
	if (read_args)
		*read_args = any;
	return best;
}

static struct seccomp_data
data(uint32_t arch, int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct seccomp_data sd;

	memset(&sd, 0, sizeof(sd));
	sd.arch = arch;
	sd.nr = nr;
	sd.args[0] = a0;
	sd.args[1] = a1;
	sd.args[2] = a2;
	sd.instruction_pointer = 0x7f0011223344ULL;
	return sd;
}

static uint32_t
call_arch(const struct stack *s, uint32_t arch, int nr, uint64_t a0,
	  uint64_t a1, uint64_t a2)
{
	struct seccomp_data sd = data(arch, nr, a0, a1, a2);

	return run_stack(s, &sd, NULL);
}

static uint32_t
call(const struct stack *s, int nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return call_arch(s, ARCH, nr, a0, a1, a2);
}

/* assert_int_equal with the call in the message. */
#define expect(s, want, nr, a0, a1, a2)                                        \
	do {                                                                   \
		uint32_t got_ = call((s), (nr), (a0), (a1), (a2));             \
		if (got_ != (uint32_t)(want))                                  \
			fail_msg("%s: nr %d (%#llx, %#llx, %#llx): got %#x, "  \
				 "want %#x",                                   \
				 (s)->pol->name, (int)(nr),                    \
				 (unsigned long long)(a0),                     \
				 (unsigned long long)(a1),                     \
				 (unsigned long long)(a2), got_,               \
				 (uint32_t)(want));                            \
	} while (0)

/* The highest native number syscage names (libseccomp's and its own). */
static int
max_known(void)
{
	int last = cage_syscall_max_known();

	assert_true(last >= 469); /* file_setattr, Linux 6.17 */
	return last;
}

/* Built-ins, then policies of our own. */
static const char *const kill_text =
	"default kill\nallow read write exit_group\n";
static const char *const allow_text = "default allow\nerrno EPERM ptrace\n";
static const char *const fallback_text =
	"default kill\nallow read\nallow socket if arg0 == 1\n"
	"errno EAFNOSUPPORT socket\n";

static void
check_bad_arch(const struct stack *s)
{
	static const int i386_nrs[] = {20 /* getpid */, 102 /* socketcall */,
				       3 /* read */, 1 /* exit */};
	static const int x32_nrs[] = {39, 0, 1, 231};

	for (size_t k = 0; k < sizeof(i386_nrs) / sizeof(*i386_nrs); k++) {
		struct seccomp_data sd =
			data(AUDIT_ARCH_I386, i386_nrs[k], 0, 0, 0);

		assert_int_equal(run_stack(s, &sd, NULL), KILL);
		/* Each part fails closed on its own. */
		for (size_t i = 0; i < s->n; i++)
			assert_int_equal(run_part(s, i, &sd, NULL), KILL);
	}
	for (size_t k = 0; k < sizeof(x32_nrs) / sizeof(*x32_nrs); k++) {
		struct seccomp_data sd =
			data(ARCH, X32_BIT | x32_nrs[k], 0, 0, 0);

		assert_int_equal(run_stack(s, &sd, NULL), KILL);
		for (size_t i = 0; i < s->n; i++)
			assert_int_equal(run_part(s, i, &sd, NULL), KILL);
	}
}

/* The combiner itself, on hand-written one-instruction filters. */
static void
test_combiner(void **state)
{
	struct sock_filter rets[] = {
		BPF_STMT(BPF_RET | BPF_K, RET_ERRNO(EPERM)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, RET_ERRNO(EACCES)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),
	};
	struct stack s = {0};
	struct seccomp_data sd = data(ARCH, 0, 0, 0, 0);

	for (size_t i = 0; i < 3; i++) {
		s.prog[i] = &rets[i];
		s.len[i] = 1;
	}
	/* errno EPERM, allow, errno EACCES: the last errno wins. */
	s.n = 3;
	assert_int_equal(run_stack(&s, &sd, NULL), RET_ERRNO(EACCES));
	s.n = 2;
	assert_int_equal(run_stack(&s, &sd, NULL), RET_ERRNO(EPERM));
	s.prog[0] = &rets[1];
	s.prog[1] = &rets[3];
	assert_int_equal(run_stack(&s, &sd, NULL), SECCOMP_RET_LOG);
	s.prog[0] = &rets[4];
	s.prog[1] = &rets[2];
	assert_int_equal(run_stack(&s, &sd, NULL), SECCOMP_RET_TRAP);
	s.prog[0] = &rets[5];
	s.prog[1] = &rets[6];
	assert_int_equal(run_stack(&s, &sd, NULL), KILL);
	s.prog[0] = &rets[6];
	s.prog[1] = &rets[0];
	assert_int_equal(run_stack(&s, &sd, NULL), SECCOMP_RET_KILL_THREAD);
}

/* Every built-in compiles cleanly into one or two filters. */
static void
test_builtins_compile(void **state)
{
	const char *const *names = cage_builtin_names();
	size_t seen = 0;

	assert_non_null(names);
	for (size_t k = 0; names[k]; k++) {
		struct stack *s = compile_builtin(names[k]);

		print_message("[ INFO     ] %s: %zu filter(s), %zu rules\n",
			      names[k], s->n, s->pol->nrules);
		/* default: main, EPERM ioctl's exceptions, socket's own
		 * fallback (EAFNOSUPPORT), as ci's 'net' has. */
		if (!strcmp(names[k], "default") ||
		    !strcmp(names[k], "stdio")) {
			assert_in_range(s->n, 1, 3);
			seen++;
		}
		stack_free(s);
	}
	assert_int_equal(seen, 2);
}

/* i386 and x32 calls are killed, whatever the policy. */
static void
test_bad_arch(void **state)
{
	const char *const *names = cage_builtin_names();
	const char *const texts[] = {kill_text, allow_text, fallback_text};

	for (size_t k = 0; names[k]; k++) {
		struct stack *s = compile_builtin(names[k]);

		check_bad_arch(s);
		stack_free(s);
	}
	for (size_t k = 0; k < sizeof(texts) / sizeof(*texts); k++) {
		struct stack *s = compile_text(texts[k]);

		check_bad_arch(s);
		stack_free(s);
	}
}

/* Allowed calls, unnamed calls, and clone3/openat2 in the built-ins. */
static void
test_defaults(void **state)
{
	static const char *const builtins[] = {"default", "stdio"};
	struct stack *s;

	for (size_t k = 0; k < 2; k++) {
		s = compile_builtin(builtins[k]);
		expect(s, ALLOW, __NR_read, 0, 0, 0);
		expect(s, ALLOW, __NR_getpid, 0, 0, 0);
		expect(s, ALLOW, __NR_exit_group, 0, 0, 0);
		expect(s, EPERM_RET, __NR_ptrace, 0, 0, 0);
		expect(s, EPERM_RET, __NR_mount, 0, 0, 0);
		expect(s, EPERM_RET, __NR_bpf, 0, 0, 0);
		expect(s, ENOSYS_RET, __NR_clone3, 0, 0, 0);
		expect(s, ENOSYS_RET, __NR_openat2, 0, 0, 0);
		stack_free(s);
	}
	s = compile_builtin("stdio");
	expect(s, EPERM_RET, __NR_socket, AF_INET, SOCK_STREAM, 0);
	expect(s, EPERM_RET, __NR_unlink, 0, 0, 0);
	stack_free(s);

	s = compile_text(kill_text);
	expect(s, ALLOW, __NR_read, 0, 0, 0);
	expect(s, ALLOW, __NR_write, 1, 2, 3);
	expect(s, KILL, __NR_ptrace, 0, 0, 0);
	expect(s, KILL, __NR_getpid, 0, 0, 0);
	stack_free(s);

	s = compile_text(allow_text);
	expect(s, ALLOW, __NR_getpid, 0, 0, 0);
	expect(s, EPERM_RET, __NR_ptrace, 0, 0, 0);
	stack_free(s);
}

/* Numbers past the highest known: ENOSYS where the default denies. */
static void
test_new_syscalls(void **state)
{
	int max = max_known();
	int nr = max + 5;
	struct stack *s;

	print_message("[ INFO     ] highest known syscall: %d\n", max);
	s = compile_text(kill_text);
	expect(s, ENOSYS_RET, nr, 0, 0, 0);
	expect(s, ENOSYS_RET, max + 1, 0, 0, 0);
	stack_free(s);

	/* Also through a stack with a fallback filter. */
	s = compile_text(fallback_text);
	expect(s, ENOSYS_RET, nr, 0, 0, 0);
	stack_free(s);

	s = compile_text(allow_text);
	expect(s, ALLOW, nr, 0, 0, 0);
	stack_free(s);

	/* The built-ins' default is errno EPERM: new calls get ENOSYS. */
	s = compile_builtin("default");
	expect(s, ENOSYS_RET, nr, 0, 0, 0);
	stack_free(s);
	s = compile_builtin("stdio");
	expect(s, ENOSYS_RET, nr, 0, 0, 0);
	stack_free(s);
}

/*
 * A fallback filter (default kill, for socket) under a milder policy
 * default: numbers the fallback does not decide, unknown ones and those
 * far past the highest known included, must still get the policy's own
 * answer, not the fallback's kill.  Past CAGE_FILTER_NR_LIMIT, numbers no
 * x86-64 kernel has, the fallback's stricter action is documented.
 */
static void
test_new_syscalls_fallback_allow(void **state)
{
	int max = max_known();
	struct stack *s;

	s = compile_text("default allow\nkill socket\n"
			 "allow socket if arg0 == 1\n");
	expect(s, ALLOW, __NR_socket, 1, 0, 0);
	expect(s, KILL, __NR_socket, 2, 0, 0);
	expect(s, ALLOW, __NR_getpid, 0, 0, 0);
	expect(s, ALLOW, 400 /* unassigned on x86-64 */, 0, 0, 0);
	expect(s, ALLOW, max + 5, 0, 0, 0);
	expect(s, ALLOW, max + 200, 0, 0, 0);
	expect(s, ALLOW, CAGE_FILTER_NR_LIMIT - 1, 0, 0, 0);
	expect(s, KILL, CAGE_FILTER_NR_LIMIT + 1, 0, 0, 0);
	stack_free(s);
}

static void
test_new_syscalls_fallback_errno(void **state)
{
	int max = max_known();
	struct stack *s;

	s = compile_text("default errno EPERM\nkill socket\n"
			 "allow socket if arg0 == 1\n");
	expect(s, ALLOW, __NR_socket, 1, 0, 0);
	expect(s, KILL, __NR_socket, 2, 0, 0);
	expect(s, EPERM_RET, __NR_getpid, 0, 0, 0);
	expect(s, ENOSYS_RET, max + 5, 0, 0, 0);
	expect(s, EPERM_RET, max + 200, 0, 0, 0);
	expect(s, EPERM_RET, CAGE_FILTER_NR_LIMIT - 1, 0, 0, 0);
	expect(s, KILL, CAGE_FILTER_NR_LIMIT + 1, 0, 0, 0);
	stack_free(s);
}

/* ioctl under 'default': TIOCSTI and TIOCLINUX refused on 32 bits. */
static void
test_default_ioctl(void **state)
{
	struct stack *s = compile_builtin("default");

	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCSTI, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCSTI | HIGH, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCSTI | 0xffffffff00000000ULL, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCLINUX, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCLINUX | HIGH, 0);
	expect(s, ALLOW, __NR_ioctl, 0, TCGETS, 0);
	expect(s, ALLOW, __NR_ioctl, 0, TCGETS | HIGH, 0);
	expect(s, ALLOW, __NR_ioctl, 3, TIOCGWINSZ, 0);
	stack_free(s);

	s = compile_builtin("stdio");
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCSTI, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCSTI | HIGH, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, TIOCLINUX, 0);
	expect(s, ALLOW, __NR_ioctl, 0, TCGETS, 0);
	stack_free(s);
}

/* socket under 'default': families compared on their low 32 bits. */
static void
test_default_socket(void **state)
{
	struct stack *s = compile_builtin("default");

	expect(s, ALLOW, __NR_socket, AF_INET, SOCK_STREAM, 0);
	expect(s, ALLOW, __NR_socket, AF_INET6, SOCK_DGRAM, 0);
	expect(s, ALLOW, __NR_socket, AF_UNIX, SOCK_STREAM, 0);
	expect(s, ALLOW, __NR_socket, AF_INET | HIGH, SOCK_STREAM, 0);
	/* Other families and netlink protocols: EAFNOSUPPORT, so that
	 * programs probing for them fall back. */
	expect(s, EAFNO_RET, __NR_socket, AF_PACKET, SOCK_RAW, 0);
	expect(s, EAFNO_RET, __NR_socket, AF_PACKET | HIGH, SOCK_RAW, 0);
	expect(s, EAFNO_RET, __NR_socket, AF_VSOCK, SOCK_STREAM, 0);
	expect(s, ALLOW, __NR_socket, AF_NETLINK, SOCK_RAW, 0 /* ROUTE */);
	expect(s, EAFNO_RET, __NR_socket, AF_NETLINK, SOCK_RAW,
	       9 /* NETLINK_AUDIT */);
	expect(s, ALLOW, __NR_socketpair, AF_UNIX, SOCK_STREAM, 0);
	expect(s, EAFNO_RET, __NR_socketpair, AF_INET, SOCK_STREAM, 0);
	stack_free(s);
}

/* clone under 'default': no namespaces; fork-style flags pass. */
static void
test_default_clone(void **state)
{
	const uint64_t fork_flags =
		SIGCHLD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
	const uint64_t thread_flags =
		CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
		CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
		CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	struct stack *s = compile_builtin("default");

	expect(s, ALLOW, __NR_clone, fork_flags, 0, 0);
	expect(s, ALLOW, __NR_clone, thread_flags, 0, 0);
	expect(s, EPERM_RET, __NR_clone, fork_flags | CLONE_NEWUSER, 0, 0);
	expect(s, EPERM_RET, __NR_clone, CLONE_NEWUSER, 0, 0);
	expect(s, EPERM_RET, __NR_clone, fork_flags | CLONE_NEWNET, 0, 0);
	expect(s, EPERM_RET, __NR_clone, fork_flags | CLONE_NEWNS, 0, 0);
	stack_free(s);

	s = compile_builtin("stdio");
	expect(s, ALLOW, __NR_clone, thread_flags, 0, 0);
	expect(s, EPERM_RET, __NR_clone, fork_flags, 0, 0);
	expect(s, EPERM_RET, __NR_clone, thread_flags | CLONE_NEWUSER, 0, 0);
	stack_free(s);
}

/* personality under 'default': Linux personalities and the query only. */
static void
test_default_personality(void **state)
{
	struct stack *s = compile_builtin("default");

	expect(s, EPERM_RET, __NR_personality, READ_IMPLIES_EXEC, 0, 0);
	expect(s, EPERM_RET, __NR_personality, ADDR_NO_RANDOMIZE, 0, 0);
	expect(s, EPERM_RET, __NR_personality, PER_LINUX | READ_IMPLIES_EXEC, 0,
	       0);
	expect(s, ALLOW, __NR_personality, 0, 0, 0);
	expect(s, ALLOW, __NR_personality, 0xffffffff, 0, 0);
	expect(s, ALLOW, __NR_personality, PER_LINUX32, 0, 0);
	stack_free(s);
}

/* (a) An errno exception under an unconditional allow: 'except' filter. */
/*
 * An includer's conditional exception over an included unconditional
 * allow: the fallback must still be the allow (it sorts after the
 * includer's rule; the compiler must not take the policy default).
 */
static void
test_include_exception(void **state)
{
	struct stack *s;

	(void)state;
	s = compile_text(
		"include default\n"
		"errno EACCES openat if arg2 & O_ACCMODE == O_WRONLY\n");
	expect(s, ALLOW, __NR_openat, AT_FDCWD, 0, O_RDONLY);
	expect(s, RET_ERRNO(EACCES), __NR_openat, AT_FDCWD, 0, O_WRONLY);
	expect(s, ALLOW, __NR_openat, AT_FDCWD, 0, O_RDWR);
	stack_free(s);
}

static void
test_stack_except(void **state)
{
	struct stack *s = compile_text("default kill\nallow ioctl\n"
				       "errno EPERM ioctl if arg1 == 5\n");

	expect(s, EPERM_RET, __NR_ioctl, 0, 5, 0);
	expect(s, EPERM_RET, __NR_ioctl, 7, 5 | HIGH, 0);
	expect(s, ALLOW, __NR_ioctl, 0, 6, 0);
	expect(s, KILL, __NR_getpid, 0, 0, 0);
	stack_free(s);
}

/* (b) A conditional allow under a syscall-wide errno: 'fallback' filter. */
static void
test_stack_fallback(void **state)
{
	struct stack *s = compile_text(fallback_text);

	expect(s, ALLOW, __NR_socket, 1, 0, 0);
	expect(s, RET_ERRNO(EAFNOSUPPORT), __NR_socket, 2, 0, 0);
	expect(s, ALLOW, __NR_read, 0, 0, 0);
	expect(s, KILL, __NR_ptrace, 0, 0, 0);
	stack_free(s);
}

/*
 * (c) Two conditional rules for syscall NR that both can match, A on
 * arg0 == 1 and B on arg1 == 5, written in TEXT: the more restrictive
 * action wins when both match, each alone gives its own, neither gives
 * the syscall's fallback.
 */
static void
overlap(const char *text, int nr, uint32_t both, uint32_t a, uint32_t b,
	uint32_t neither)
{
	struct stack *s = compile_text(text);
	const uint32_t want[] = {a, b, neither, both, both};
	uint32_t got[] = {
		call(s, nr, 1, 6, 0),
		call(s, nr, 2, 5, 0),
		call(s, nr, 2, 6, 0),
		call(s, nr, 1, 5, 0),
		call(s, nr, 1 | HIGH, 5 | HIGH, 0),
	};

	stack_free(s);
	if (memcmp(got, want, sizeof(got)))
		fail_msg("policy:\n%s(A only, B only, neither, both, both "
			 "with high bits): got %#x %#x %#x %#x %#x, want "
			 "%#x %#x %#x %#x %#x",
			 text, got[0], got[1], got[2], got[3], got[4], want[0],
			 want[1], want[2], want[3], want[4]);
}

/* Both less restrictive than the default kill: both in 'main'. */
static void
test_stack_overlap_main(void **state)
{
	overlap("default kill\nallow ioctl if arg0 == 1\n"
		"errno EPERM ioctl if arg1 == 5\n",
		__NR_ioctl, EPERM_RET, ALLOW, EPERM_RET, KILL);
	overlap("default kill\nerrno EPERM ioctl if arg0 == 1\n"
		"allow ioctl if arg1 == 5\n",
		__NR_ioctl, EPERM_RET, EPERM_RET, ALLOW, KILL);
}

/* Both more restrictive than the default allow: both in 'except'. */
static void
test_stack_overlap_except(void **state)
{
	overlap("default allow\nerrno EPERM ioctl if arg0 == 1\n"
		"kill ioctl if arg1 == 5\n",
		__NR_ioctl, KILL, EPERM_RET, KILL, ALLOW);
	overlap("default allow\nkill ioctl if arg0 == 1\n"
		"errno EPERM ioctl if arg1 == 5\n",
		__NR_ioctl, KILL, KILL, EPERM_RET, ALLOW);
}

/* Both less restrictive than the syscall's trap: both in one 'fallback'. */
static void
test_stack_overlap_fallback(void **state)
{
	const uint32_t eacces = RET_ERRNO(EACCES);

	overlap("default errno EPERM\ntrap socket\n"
		"allow socket if arg0 == 1\n"
		"errno EACCES socket if arg1 == 5\n",
		__NR_socket, eacces, ALLOW, eacces, SECCOMP_RET_TRAP);
	overlap("default errno EPERM\ntrap socket\n"
		"errno EACCES socket if arg0 == 1\n"
		"allow socket if arg1 == 5\n",
		__NR_socket, eacces, eacces, ALLOW, SECCOMP_RET_TRAP);
}

/* Rules in different filters, or on one argument. */
static void
test_stack_overlap_split(void **state)
{
	struct stack *s;

	/* One each side of the default: 'main' and 'except'. */
	overlap("default errno EPERM\nallow ioctl if arg0 == 1\n"
		"kill ioctl if arg1 == 5\n",
		__NR_ioctl, KILL, ALLOW, KILL, EPERM_RET);
	overlap("default errno EPERM\nkill ioctl if arg0 == 1\n"
		"allow ioctl if arg1 == 5\n",
		__NR_ioctl, KILL, KILL, ALLOW, EPERM_RET);
	/* Same precedence as the default, other errno: the rule's wins. */
	overlap("default errno EPERM\nallow ioctl if arg0 == 1\n"
		"errno EACCES ioctl if arg1 == 5\n",
		__NR_ioctl, RET_ERRNO(EACCES), ALLOW, RET_ERRNO(EACCES),
		EPERM_RET);

	/* Both on one argument: an overlapping range and a value. */
	s = compile_text("default kill\nallow ioctl if arg1 < 10\n"
			 "errno EPERM ioctl if arg1 == 5\n");
	expect(s, ALLOW, __NR_ioctl, 0, 4, 0);
	expect(s, EPERM_RET, __NR_ioctl, 0, 5, 0);
	expect(s, KILL, __NR_ioctl, 0, 10, 0);
	stack_free(s);
}

/* Whether every rule of syscall NR is an unconditional allow. */
static bool
plain_allow(const struct cage_policy *pol, int nr, bool *named)
{
	bool any = false;

	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr != nr)
			continue;
		any = true;
		if (r->ncmps || r->action.kind != CAGE_ACTION_ALLOW) {
			*named = true;
			return false;
		}
	}
	*named = any;
	return any;
}

/*
 * Calls a built-in allows without conditions must be cacheable: every part
 * allows them without reading an argument, whatever the arguments are.
 */
static void
test_cacheable(void **state)
{
	static const uint64_t patterns[][3] = {
		{0, 0, 0},
		{~0ULL, ~0ULL, ~0ULL},
		{0x5412, 0x5412, 0x5412},
		{0x40000000, 0x80000000, 0x7E020000},
		{0xdeadbeefcafef00dULL, 1ULL << 32, 0xffffffffULL},
	};
	const char *const *names = cage_builtin_names();
	int max = max_known();

	for (size_t k = 0; names[k]; k++) {
		struct stack *s = compile_builtin(names[k]);
		unsigned checked = 0, skipped = 0;

		for (int nr = 0; nr <= max; nr++) {
			bool named;

			if (!plain_allow(s->pol, nr, &named)) {
				skipped += named;
				continue;
			}
			checked++;
			for (size_t p = 0; p < 5; p++) {
				struct seccomp_data sd =
					data(ARCH, nr, patterns[p][0],
					     patterns[p][1], patterns[p][2]);
				bool read;
				uint32_t ret;

				sd.args[3] = sd.args[4] = sd.args[5] =
					patterns[p][0];
				ret = run_stack(s, &sd, &read);
				if (ret != ALLOW || read)
					fail_msg("%s: nr %d: ret %#x, "
						 "read_args %d",
						 names[k], nr, ret, read);
			}
		}
		print_message("[ INFO     ] %s: %u unconditionally allowed "
			      "syscalls checked cacheable (%u other named "
			      "syscalls not checked)\n",
			      names[k], checked, skipped);
		assert_true(checked > 0);
		stack_free(s);
	}
}

/* The verdict as the kernel's return value, for comparison. */
static uint32_t
verdict_ret(const struct cage_verdict *v)
{
	switch (v->action.kind) {
	case CAGE_ACTION_ALLOW:
		return SECCOMP_RET_ALLOW;
	case CAGE_ACTION_LOG:
		return SECCOMP_RET_LOG;
	case CAGE_ACTION_ERRNO:
		return SECCOMP_RET_ERRNO | (uint32_t)v->action.errnum;
	case CAGE_ACTION_TRAP:
		return SECCOMP_RET_TRAP;
	default:
		return SECCOMP_RET_KILL_PROCESS;
	}
}

/* Argument values worth trying: each rule's own, with and without high
 * bits, around its bounds, and a few plain ones. */
static size_t
probe_values(const struct cage_policy *pol, int nr, unsigned arg, uint64_t *v,
	     size_t max)
{
	size_t n = 0;

	v[n++] = 0;
	v[n++] = 1;
	v[n++] = 0xffffffffULL;
	v[n++] = 0x100000000ULL;
	for (size_t i = 0; i < pol->nrules && n + 4 <= max; i++) {
		const struct cage_rule *r = &pol->rules[i];

		for (unsigned k = 0; r->nr == nr && k < r->ncmps; k++) {
			if (r->cmps[k].arg != arg || n + 4 > max)
				continue;
			v[n++] = r->cmps[k].value;
			v[n++] = r->cmps[k].value | (1ULL << 32);
			v[n++] = r->cmps[k].value + 1;
			v[n++] = r->cmps[k].value | r->cmps[k].mask;
		}
	}
	return n;
}

/*
 * Enforcement is identical supervised or not: decide.c's verdict equals
 * the compiled filter stack's for every syscall number and many argument
 * values, for the built-ins and policies that exercise every filter role.
 */
static void
check_decide_matches(const struct stack *s)
{
	int max = max_known();

	for (int nr = 0; nr <= max + 120; nr++) {
		uint64_t v0[64], v1[64], v2[64];
		size_t n0 = probe_values(s->pol, nr, 0, v0, 64);
		size_t n1 = probe_values(s->pol, nr, 1, v1, 64);
		size_t n2 = probe_values(s->pol, nr, 2, v2, 64);

		for (size_t a = 0; a < n0; a++)
			for (size_t b = 0; b < n1; b++)
				for (size_t c = 0; c < n2; c++) {
					uint64_t args[6] = {v0[a], v1[b], v2[c],
							    0,	   0,	  0};
					struct cage_verdict v;
					uint32_t k = call(s, nr, v0[a], v1[b],
							  v2[c]);

					cage_policy_decide(s->pol, nr, args,
							   &v);
					if (verdict_ret(&v) != k)
						fail_msg("nr %d (%#llx, %#llx, "
							 "%#llx): decide %#x, "
							 "filters %#x",
							 nr,
							 (unsigned long long)
								 v0[a],
							 (unsigned long long)
								 v1[b],
							 (unsigned long long)
								 v2[c],
							 verdict_ret(&v), k);
				}
	}
}

static void
test_decide_matches_filters(void **state)
{
	static const char *const texts[] = {RULE_SHAPES};
	const char *builtins[] = {"default", "stdio"};
	struct stack *s;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		s = compile_builtin(builtins[i]);
		check_decide_matches(s);
		stack_free(s);
	}
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		s = compile_text(texts[i]);
		check_decide_matches(s);
		stack_free(s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_combiner),
		cmocka_unit_test(test_builtins_compile),
		cmocka_unit_test(test_bad_arch),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_new_syscalls),
		cmocka_unit_test(test_new_syscalls_fallback_allow),
		cmocka_unit_test(test_new_syscalls_fallback_errno),
		cmocka_unit_test(test_default_ioctl),
		cmocka_unit_test(test_default_socket),
		cmocka_unit_test(test_default_clone),
		cmocka_unit_test(test_default_personality),
		cmocka_unit_test(test_include_exception),
		cmocka_unit_test(test_stack_except),
		cmocka_unit_test(test_stack_fallback),
		cmocka_unit_test(test_stack_overlap_split),
		cmocka_unit_test(test_stack_overlap_main),
		cmocka_unit_test(test_stack_overlap_except),
		cmocka_unit_test(test_stack_overlap_fallback),
		cmocka_unit_test(test_cacheable),
		cmocka_unit_test(test_decide_matches_filters),
	};

#if !defined(__x86_64__)
	return 77; /* the expectations are x86-64 numbers */
#endif
	return cmocka_run_group_tests(tests, NULL, NULL);
}
