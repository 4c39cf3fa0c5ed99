// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of the supervised filter (supervised.c), run in bpfsim:
 *  - it allows a call in the kernel exactly when decide.c allows it, and
 *    routes every other call (USER_NOTIF), for the built-ins, policies
 *    that exercise every comparison and rule shape, and stacks of two;
 *  - every syscall a built-in allows whatever its arguments is allowed
 *    without reading an argument, so the kernel's action cache holds it;
 *  - foreign architectures and x32 numbers kill the process;
 *  - --learn routes everything but the hand-over's sendmsg;
 *  - the filter loaded after the hand-over takes that exception back.
 */
#include "bpfsim.h"
#include "policy/action.h"
#include "rule_shapes.h"
#include "policy/decide.h"
#include "compile/filter.h"
#include "compile/supervised.h"
#include "policy/policy.h"
#include "syscage.h"
#include "base/syscalls.h"
#include "policy_helper.h"

#include <errno.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#define ARCH	  AUDIT_ARCH_X86_64
#define NOTIFY	  SECCOMP_RET_USER_NOTIF
#define ALLOW	  SECCOMP_RET_ALLOW
#define KILL	  SECCOMP_RET_KILL_PROCESS
#define STATUS_FD 7
#define NVALS	  48

struct subject {
	struct cage_policy *pols[2];
	size_t n;
	struct sock_fprog prog;
};

static void
emit(struct subject *s, bool learn)
{
	assert_int_equal(cage_supervised_program(s->pols, s->n, learn,
						 STATUS_FD, &s->prog),
			 0);
	assert_in_range(s->prog.len, 1, BPF_MAXINSNS);
}

static void
subject_free(struct subject *s)
{
	for (size_t i = 0; i < s->n; i++)
		cage_policy_free(s->pols[i]);
	free(s->prog.filter);
}

static uint32_t
run(const struct subject *s, uint32_t arch, uint32_t nr, const uint64_t a[6],
    bool *read_args)
{
	struct seccomp_data sd = {.nr = (int)nr, .arch = arch};
	struct bpfsim_result res;

	memcpy(sd.args, a, sizeof(sd.args));
	assert_int_equal(bpfsim_run(s->prog.filter, s->prog.len, &sd, &res), 0);
	if (read_args)
		*read_args = res.read_args;
	return res.ret;
}

/* Values worth trying on ARG of NR: every rule's own, around its bounds,
 * with high bits set, and a few plain ones. */
static size_t
probe_values(const struct subject *s, int nr, unsigned arg, uint64_t *v)
{
	size_t n = 0;

	v[n++] = 0;
	v[n++] = 1;
	v[n++] = 0xffffffffULL;
	v[n++] = 0x100000000ULL;
	v[n++] = ~0ULL;
	for (size_t p = 0; p < s->n; p++)
		for (size_t i = 0; i < s->pols[p]->nrules; i++) {
			const struct cage_rule *r = &s->pols[p]->rules[i];

			for (unsigned k = 0; r->nr == nr && k < r->ncmps; k++) {
				const struct cage_cmp *c = &r->cmps[k];

				if (c->arg != arg || n + 6 > NVALS)
					continue;
				v[n++] = c->value;
				v[n++] = c->value | (1ULL << 32);
				v[n++] = c->value + 1;
				v[n++] = c->value - 1;
				v[n++] = c->value | c->mask;
				v[n++] = c->value ^ (1ULL << 40);
			}
		}
	return n;
}

static bool
is_handover(int nr, uint64_t a0)
{
	return nr == cage_syscall_number("sendmsg") &&
	       (uint32_t)a0 == STATUS_FD;
}

/* The filter's answer on NR with ARGS against decide.c's. */
static void
check_one(const struct subject *s, uint32_t nr, const uint64_t args[6])
{
	struct cage_verdict v;
	uint32_t got = run(s, ARCH, nr, args, NULL), want;

	cage_policies_decide(s->pols, s->n, (int)nr, args, &v);
	want = v.action.kind == CAGE_ACTION_ALLOW ||
			       is_handover((int)nr, args[0])
		       ? ALLOW
		       : NOTIFY;
	if (got != want)
		fail_msg("%s%s: nr %d (%#llx, %#llx, %#llx, %#llx): filter "
			 "%#x, decide.c says %s",
			 s->pols[0]->name, s->n > 1 ? " + another" : "",
			 (int)nr, (unsigned long long)args[0],
			 (unsigned long long)args[1],
			 (unsigned long long)args[2],
			 (unsigned long long)args[3], got,
			 cage_action_name(v.action.kind));
}

/* Every combination of the probe values of the arguments NR's rules
 * test; the others 0, then all ones. */
static void
check_nr(const struct subject *s, int nr)
{
	static uint64_t v[6][NVALS];
	size_t n[6], idx[6] = {0};
	unsigned used[6], nused = 0;

	for (unsigned a = 0; a < 6; a++) {
		n[a] = probe_values(s, nr, a, v[a]);
		if (n[a] > 5)
			used[nused++] = a;
	}
	for (uint64_t rest = 0; rest < 2; rest++) {
		bool more = true;

		memset(idx, 0, sizeof(idx));
		while (more) {
			uint64_t args[6];

			for (unsigned a = 0; a < 6; a++)
				args[a] = rest ? ~0ULL : 0;
			for (unsigned u = 0; u < nused; u++)
				args[used[u]] = v[used[u]][idx[u]];
			check_one(s, (uint32_t)nr, args);
			more = false;
			for (unsigned u = 0; u < nused && !more; u++) {
				if (++idx[u] < n[used[u]])
					more = true;
				else
					idx[u] = 0;
			}
		}
		if (!nused) { /* no rule looks: the plain values on each */
			for (unsigned a = 0; a < 6; a++)
				for (size_t i = 0; i < n[a]; i++) {
					uint64_t args[6] = {0};

					args[a] = v[a][i];
					check_one(s, (uint32_t)nr, args);
				}
			break;
		}
	}
}

static void
check_matches_decide(const struct subject *s)
{
	static const uint32_t far[] = {1023,   1024,	   4095,
				       123456, 0x3fffffff, 0xffffffff};
	int max = cage_syscall_max_known() + CAGE_NEW_SYSCALL_SPAN + 8;

	for (int nr = 0; nr <= max; nr++)
		check_nr(s, nr);
	for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++)
		check_nr(s, (int)far[i]);
}

static const char *const texts[] = {
	RULE_SHAPES,
	/* Every comparison on 64-bit arguments, across the high word. */
	"default errno EPERM\n"
	"allow mmap if arg0 > 0x100000000 && arg1 <= 0x2000\n"
	"allow mmap if arg0 < 0x10 && arg1 >= 0x1ffffffff\n"
	"allow lseek if arg1 != 0x123456789\n"
	"allow mmap if arg5 & 0xff00000000 == 0x1200000000 && "
	"arg0 == 0x7f0000000000\n"
	"log lseek if arg1 == 0x42\n"
	"allow pread64 if arg3 >= 0x100000000\n"
	"kill pread64 if arg3 == 0x100000005\n",
	/* sendmsg conditional: the hand-over still passes. */
	"default kill\nallow sendmsg if arg0 == 1\nallow exit_group\n",
	/* A logging default: nothing is allowed outright. */
	"default log\nallow getpid\nerrno EPERM kill\n",
};

static void
test_matches_decide(void **state)
{
	const char *const *names = cage_builtin_names();

	(void)state;
	for (size_t k = 0; names[k]; k++) {
		struct subject s = {.n = 1};

		s.pols[0] = test_policy_builtin(names[k]);
		emit(&s, false);
		check_matches_decide(&s);
		print_message("[ INFO     ] %s: %u instructions\n", names[k],
			      s.prog.len);
		subject_free(&s);
	}
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct subject s = {.n = 1};

		s.pols[0] = test_policy_text(texts[i]);
		emit(&s, false);
		check_matches_decide(&s);
		subject_free(&s);
	}
}

/* Two policies: a call is allowed in the kernel only if both allow it. */
static void
test_stacked(void **state)
{
	static const char *const pairs[][2] = {
		{"default", "stdio"},
		{"ci", "untrusted"},
		{"default", NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct subject s = {.n = 2};

		s.pols[0] = test_policy_builtin(pairs[i][0]);
		s.pols[1] = pairs[i][1] ? test_policy_builtin(pairs[i][1])
					: test_policy_text(texts[3]);
		emit(&s, false);
		check_matches_decide(&s);
		subject_free(&s);
	}
}

/* The policy allows NR whatever its arguments. */
static bool
outright(const struct cage_policy *pol, int nr)
{
	bool named = false, allow = false, other = false;

	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr != nr)
			continue;
		named = true;
		if (!r->ncmps && r->action.kind == CAGE_ACTION_ALLOW)
			allow = true;
		else if (r->action.kind != CAGE_ACTION_ALLOW)
			other = true;
	}
	return named ? allow && !other : pol->dflt.kind == CAGE_ACTION_ALLOW;
}

/* What a built-in allows whatever the arguments, it allows reading none. */
static void
test_cacheable(void **state)
{
	static const uint64_t patterns[][6] = {
		{0, 0, 0, 0, 0, 0},
		{~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL, ~0ULL},
		{0x5412, 0x5412, 0x5412, 0x5412, 0x5412, 0x5412},
		{0x40000000, 0x80000000, 0x7E020000, 1, 2, 3},
		{0xdeadbeefcafef00dULL, 1ULL << 32, 0xffffffffULL, 7, 7, 7},
	};
	const char *const *names = cage_builtin_names();

	(void)state;
	for (size_t k = 0; names[k]; k++) {
		struct subject s = {.n = 1};
		unsigned checked = 0;

		s.pols[0] = test_policy_builtin(names[k]);
		emit(&s, false);
		for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT; nr++) {
			if (!outright(s.pols[0], nr))
				continue;
			checked++;
			for (size_t p = 0; p < 5; p++) {
				bool read;
				uint32_t ret = run(&s, ARCH, (uint32_t)nr,
						   patterns[p], &read);

				if (ret != ALLOW || read)
					fail_msg("%s: nr %d: ret %#x, reads "
						 "arguments: %d",
						 names[k], nr, ret, read);
			}
		}
		print_message("[ INFO     ] %s: %u syscalls allowed "
			      "outright, all cacheable\n",
			      names[k], checked);
		assert_true(checked > 10);
		subject_free(&s);
	}
}

/* The kernel's choice among two filters' answers: the more restrictive. */
static uint32_t
stricter(uint32_t a, uint32_t b)
{
	return (int32_t)(a & SECCOMP_RET_ACTION_FULL) <
			       (int32_t)(b & SECCOMP_RET_ACTION_FULL)
		       ? a
		       : b;
}

/*
 * After the hand-over the second filter takes the exception back: with
 * both loaded, sendmsg on the status socket's number is allowed exactly
 * when decide.c allows it; the second filter allows every other call
 * without reading an argument; none is made where sendmsg is allowed.
 */
static void
check_takes_back(struct subject *s, const char *what)
{
	static const uint64_t flags[] = {0, 1, 0x40, 0x4000, 0x100000000ULL};
	int sendmsg = cage_syscall_number("sendmsg");
	struct sock_fprog close = {0};
	struct bpfsim_result res;
	struct cage_verdict v;

	emit(s, false);
	assert_int_equal(
		cage_supervised_close_program(s->pols, s->n, STATUS_FD, &close),
		0);
	if (cage_supervised_allows_outright(s->pols, s->n, false, sendmsg)) {
		assert_int_equal(close.len, 0);
		return;
	}
	assert_in_range(close.len, 1, BPF_MAXINSNS);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		uint64_t a[6] = {STATUS_FD, 0x1000, flags[i]};
		struct seccomp_data sd = {.nr = sendmsg, .arch = ARCH};
		uint32_t both;

		memcpy(sd.args, a, sizeof(a));
		assert_int_equal(bpfsim_run(close.filter, close.len, &sd, &res),
				 0);
		both = stricter(run(s, ARCH, (uint32_t)sendmsg, a, NULL),
				res.ret);
		cage_policies_decide(s->pols, s->n, sendmsg, a, &v);
		if ((v.action.kind == CAGE_ACTION_ALLOW) != (both == ALLOW))
			fail_msg("%s: sendmsg(status fd, flags %#llx): %#x, "
				 "decide.c says %s",
				 what, (unsigned long long)flags[i], both,
				 cage_action_name(v.action.kind));
		a[0] = STATUS_FD + 1;
		memcpy(sd.args, a, sizeof(a));
		assert_int_equal(bpfsim_run(close.filter, close.len, &sd, &res),
				 0);
		assert_int_equal(res.ret, ALLOW);
	}
	for (int nr = 0; nr < CAGE_FILTER_NR_LIMIT; nr++) {
		struct seccomp_data sd = {.nr = nr, .arch = ARCH};

		if (nr == sendmsg)
			continue;
		sd.args[0] = STATUS_FD;
		assert_int_equal(bpfsim_run(close.filter, close.len, &sd, &res),
				 0);
		if (res.ret != ALLOW || res.read_args)
			fail_msg("%s: nr %d: %#x", what, nr, res.ret);
	}
	free(close.filter);
}

static void
test_close_takes_back(void **state)
{
	static const char *const own[] = {
		"include default\nerrno EPERM sendmsg\n",
		"include default\nerrno EPERM sendmsg\n"
		"allow sendmsg if arg2 == 0\n",
		"include default\nkill sendmsg\n",
		"include default\nallow sendmsg\nerrno EACCES sendmsg if "
		"arg2 & 0x4000 == 0x4000\n",
	};
	const char *const *names = cage_builtin_names();

	(void)state;
	for (size_t k = 0; names[k]; k++) {
		struct subject s = {.n = 1};

		s.pols[0] = test_policy_builtin(names[k]);
		check_takes_back(&s, names[k]);
		subject_free(&s);
	}
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		struct subject s = {.n = 2};

		s.pols[0] = test_policy_text(own[i]);
		s.pols[1] = test_policy_builtin("default");
		check_takes_back(&s, own[i]);
		subject_free(&s);
	}
}

static void
test_foreign_abis(void **state)
{
	static const uint64_t zero[6];
	const char *const *names = cage_builtin_names();

	(void)state;
	for (size_t k = 0; names[k]; k++)
		for (int learn = 0; learn < 2; learn++) {
			struct subject s = {.n = 1};

			s.pols[0] = test_policy_builtin(names[k]);
			emit(&s, learn);
			for (uint32_t nr = 0; nr < 500; nr++) {
				assert_int_equal(run(&s, AUDIT_ARCH_I386, nr,
						     zero, NULL),
						 KILL);
				assert_int_equal(run(&s, ARCH, nr | 0x40000000u,
						     zero, NULL),
						 KILL);
			}
			assert_int_equal(run(&s, 0, 1, zero, NULL), KILL);
			subject_free(&s);
		}
}

static void
test_learn_routes_all(void **state)
{
	static const uint64_t zero[6], handover[6] = {STATUS_FD};
	struct subject s = {.n = 1};
	uint32_t sendmsg = (uint32_t)cage_syscall_number("sendmsg");

	(void)state;
	s.pols[0] = test_policy_builtin("default");
	emit(&s, true);
	for (uint32_t nr = 0; nr < CAGE_FILTER_NR_LIMIT; nr++)
		assert_int_equal(run(&s, ARCH, nr, zero, NULL), NOTIFY);
	assert_int_equal(run(&s, ARCH, sendmsg, handover, NULL), ALLOW);
	assert_int_equal(run(&s, ARCH, 0xffffffff, zero, NULL), NOTIFY);
	subject_free(&s);
}

/* A policy too big for one program is refused, not truncated. */
static void
test_too_big(void **state)
{
	size_t cap = 64 * 1024, len = 0;
	char *text = malloc(cap);
	struct subject s = {.n = 1};

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text, cap, "default errno EPERM\n");
	for (unsigned i = 0; i < 1500; i++)
		len += (size_t)snprintf(text + len, cap - len,
					"allow mmap if arg0 == %u && arg1 == "
					"%u\n",
					i, i + 1);
	s.pols[0] = test_policy_text(text);
	assert_int_equal(
		cage_supervised_program(s.pols, 1, false, STATUS_FD, &s.prog),
		-E2BIG);
	assert_null(s.prog.filter);
	subject_free(&s);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_decide),
		cmocka_unit_test(test_stacked),
		cmocka_unit_test(test_cacheable),
		cmocka_unit_test(test_foreign_abis),
		cmocka_unit_test(test_learn_routes_all),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_close_takes_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
