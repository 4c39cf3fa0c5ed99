// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * 'private' and 'net loopback' (SPEC 4.5): resolved into struct
 * cage_isolation, and the view a launch plans from them (plan_view.c).
 */
#include "launch/plan_view.h"
#include "policy/policy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct cage_policy *
load(const char *text)
{
	struct cage_diags d = {0};
	struct cage_policy *pol = NULL;
	int r = cage_policy_load_buffer("t.policy", "/", text, strlen(text), &d,
					&pol);

	for (size_t i = 0; i < d.n; i++)
		cage_diag_print(&d.v[i], stderr);
	assert_int_equal(r, 0);
	cage_diags_free(&d);
	return pol;
}

static void
test_resolve(void **state)
{
	struct cage_policy *pol;

	(void)state;
	pol = load("default allow\nprivate tmp pid\nnet loopback\n");
	assert_int_equal(pol->iso.private_ns,
			 CAGE_PRIVATE_TMP | CAGE_PRIVATE_PID);
	assert_false(pol->iso.private_best_effort);
	assert_int_equal(pol->iso.net, CAGE_NET_LOOPBACK);
	assert_int_equal(pol->iso.private_loc.line, 2);
	cage_policy_free(pol);
	pol = load("default allow\nprivate ipc\nprivate best-effort dev\n");
	assert_int_equal(pol->iso.private_ns,
			 CAGE_PRIVATE_IPC | CAGE_PRIVATE_DEV);
	assert_true(pol->iso.private_best_effort);
	cage_policy_free(pol);
}

/* An included file's settings add up with the includer's. */
static void
test_add_up(void **state)
{
	struct cage_policy *pol = load("include untrusted\nprivate ipc\n");

	(void)state;
	assert_int_equal(pol->iso.private_ns, CAGE_PRIVATE_ALL);
	assert_int_equal(pol->iso.net, CAGE_NET_NONE);
	cage_policy_free(pol);
}

static const struct cage_view_mount *
find(const struct cage_view_plan *v, const char *target)
{
	for (size_t i = 0; i < v->n_mounts; i++)
		if (!strcmp(v->mounts[i].target, target))
			return &v->mounts[i];
	return NULL;
}

static struct cage_view_plan *
plan(struct cage_policy **pols, size_t n, struct cage_vars *vars)
{
	char *argv[] = {"true", NULL};
	struct cage_launch_opts o = {.argv = argv};
	struct cage_view_plan *v = NULL;

	o.policies = pols;
	o.npolicies = n;
	assert_int_equal(cage_plan_view(&o, vars, &v), 0);
	return v;
}

/* fs rules are the view; no rule, / as it is; /dev and /proc the
 * engine's. */
static void
test_view_binds(void **state)
{
	struct cage_vars vars = {.home = "/home/u", .cwd = "/srv/p"};
	struct cage_policy *pols[2];
	const struct cage_view_mount *m;
	struct cage_view_plan *v;

	(void)state;
	pols[0] = load("default allow\nprivate all\nfs rw $CWD\n"
		       "fs ro /etc /dev/null /proc\nfs rx /usr\n");
	v = plan(pols, 1, &vars);
	assert_non_null(v);
	assert_true(v->ns & CAGE_VIEW_NS_MOUNT);
	assert_true(v->ns & CAGE_VIEW_NS_PID);
	assert_true(v->ns & CAGE_VIEW_NS_IPC);
	assert_false(v->ns & CAGE_VIEW_NS_NET);
	assert_non_null(m = find(v, "/srv/p"));
	assert_true(m->kind == CAGE_VIEW_BIND && (m->flags & CAGE_VIEW_WRITE));
	assert_non_null(m = find(v, "/etc"));
	assert_false(m->flags & CAGE_VIEW_WRITE);
	assert_null(find(v, "/"));
	assert_non_null(m = find(v, "/dev"));
	assert_int_equal(m->kind, CAGE_VIEW_DEV);
	assert_null(find(v, "/dev/null"));
	assert_non_null(m = find(v, "/proc"));
	assert_int_equal(m->kind, CAGE_VIEW_PROC);
	assert_non_null(m = find(v, "/home/u"));
	assert_int_equal(m->kind, CAGE_VIEW_TMPFS);
	cage_view_plan_free(v);
	cage_policy_free(pols[0]);

	pols[0] = load("default allow\nprivate tmp\n");
	v = plan(pols, 1, &vars);
	assert_non_null(m = find(v, "/"));
	assert_true(m->kind == CAGE_VIEW_BIND && (m->flags & CAGE_VIEW_WRITE));
	assert_non_null(m = find(v, "/tmp"));
	assert_int_equal(m->kind, CAGE_VIEW_TMPFS);
	cage_view_plan_free(v);

	/* Nothing asked: no view. */
	pols[1] = load("default allow\n");
	v = plan(pols + 1, 1, &vars);
	assert_null(v);
	cage_policy_free(pols[0]);
	cage_policy_free(pols[1]);
}

/* Best effort only when every policy asking for a view says it. */
static void
test_best_effort(void **state)
{
	struct cage_vars vars = {.home = "/home/u", .cwd = "/srv/p"};
	struct cage_policy *pols[2];
	struct cage_view_plan *v;

	(void)state;
	pols[0] = load("default allow\nprivate ipc best-effort\n");
	pols[1] = load("default allow\nnet loopback\n");
	v = plan(pols, 1, &vars);
	assert_true(v->best_effort);
	cage_view_plan_free(v);
	v = plan(pols, 2, &vars);
	assert_false(v->best_effort);
	assert_true(v->ns & CAGE_VIEW_NS_NET);
	assert_true(v->ns & CAGE_VIEW_NS_IPC);
	cage_view_plan_free(v);
	cage_policy_free(pols[0]);
	cage_policy_free(pols[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_add_up),
		cmocka_unit_test(test_view_binds),
		cmocka_unit_test(test_best_effort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
