// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Lint: warnings about allowed calls that open a known way out of a
 * seccomp sandbox, each with the reason, at the place that allowed it.
 */
#include "consts.h"
#include "policy.h"
#include "syscalls.h"

#include <errno.h>
#include <string.h>

struct danger {
	const char *name;
	const char *why;
};

/* Allowed at all, each of these is a way out or a large attack surface. */
static const struct danger dangers[] = {
	{"ptrace", "can take over other processes of the same user"},
	{"process_vm_writev", "writes other processes' memory"},
	{"process_vm_readv", "reads other processes' memory"},
	{"pidfd_getfd", "steals file descriptors from other processes"},
	{"bpf", "loads programs into the kernel"},
	{"io_uring_setup", "io_uring operations bypass seccomp entirely"},
	{"io_uring_enter", "io_uring operations bypass seccomp entirely"},
	{"io_uring_register", "io_uring operations bypass seccomp entirely"},
	{"userfaultfd", "stalls the kernel at will, a tool of exploits"},
	{"perf_event_open", "a large kernel attack surface"},
	{"kexec_load", "replaces the running kernel"},
	{"kexec_file_load", "replaces the running kernel"},
	{"init_module", "loads kernel modules"},
	{"finit_module", "loads kernel modules"},
	{"delete_module", "unloads kernel modules"},
	{"mount", "changes the filesystem view"},
	{"umount2", "changes the filesystem view"},
	{"pivot_root", "changes the filesystem view"},
	{"fsopen", "the new mount API changes the filesystem view"},
	{"fsmount", "the new mount API changes the filesystem view"},
	{"move_mount", "the new mount API changes the filesystem view"},
	{"open_tree", "the new mount API changes the filesystem view"},
	{"setns", "enters other namespaces"},
	{"keyctl", "the kernel keyring is shared outside the sandbox"},
	{"add_key", "the kernel keyring is shared outside the sandbox"},
	{"request_key", "the kernel keyring is shared outside the sandbox"},
	{"modify_ldt", "a long record of kernel bugs"},
	{"open_by_handle_at", "opens files outside any path restriction"},
	{"iopl", "raw I/O port access"},
	{"ioperm", "raw I/O port access"},
	{"swapon", "administers the system"},
	{"reboot", "administers the system"},
	{"syslog", "reads the kernel log"},
	{"acct", "administers the system"},
	{"chroot", "with other holes, a classic escape"},
};

/* Allowed without a condition on the named argument, these are dangerous. */
static const struct danger need_cond[] = {
	{"clone", "without a condition on arg0, it creates namespaces"},
	{"unshare", "without a condition on arg0, it creates namespaces"},
	{"personality", "without a condition on arg0, it can turn off "
			"address-space randomisation (ADDR_NO_RANDOMIZE)"},
	{"ioctl", "without TIOCSTI and TIOCLINUX denied, it can type "
		  "commands into the user's terminal"},
};

static bool
allows(const struct cage_rule *r)
{
	return r->action.kind == CAGE_ACTION_ALLOW ||
	       r->action.kind == CAGE_ACTION_LOG;
}

static const char *
find(const struct danger *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].why;
	return NULL;
}

/* An unconditional allow of ioctl is fine if TIOCSTI is denied beside it. */
static bool
denies_request(const struct cage_policy *pol, int nr, const char *req)
{
	uint64_t v;

	if (cage_const_lookup(req, &v) < 0)
		return false;
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr != nr || allows(r) || r->ncmps != 1)
			continue;
		if (r->cmps[0].arg == 1 && r->cmps[0].op == CAGE_OP_MASKED_EQ &&
		    r->cmps[0].mask == 0xffffffffu && r->cmps[0].value == v)
			return true;
	}
	return false;
}

static int
warn(struct cage_diags *diags, const struct cage_rule *r, const char *name,
     const char *why)
{
	if (r->group)
		return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
				     "%s allows '%s': %s", r->group, name, why);
	return cage_diag_add(diags, CAGE_SEVERITY_WARNING, &r->loc,
			     "allowing '%s': %s", name, why);
}

static int
lint_rule(const struct cage_policy *pol, const struct cage_rule *r,
	  struct cage_diags *diags)
{
	const char *name = cage_syscall_name(r->nr), *why;

	if (!name || !allows(r))
		return 0;
	why = find(dangers, sizeof(dangers) / sizeof(dangers[0]), name);
	if (why)
		return warn(diags, r, name, why);
	why = find(need_cond, sizeof(need_cond) / sizeof(need_cond[0]), name);
	if (!why)
		return 0;
	if (!strcmp(name, "ioctl")) {
		if (r->ncmps == 0 && (!denies_request(pol, r->nr, "TIOCSTI") ||
				      !denies_request(pol, r->nr, "TIOCLINUX")))
			return warn(diags, r, name, why);
		return 0;
	}
	for (unsigned i = 0; i < r->ncmps; i++)
		if (r->cmps[i].arg == 0)
			return 0;
	return warn(diags, r, name, why);
}

int
cage_policy_lint(const struct cage_policy *pol, struct cage_diags *diags)
{
	int execve_nr = cage_syscall_number("execve"), err = 0;
	bool exec_allowed = false;

	if (pol->dflt.kind == CAGE_ACTION_ALLOW ||
	    pol->dflt.kind == CAGE_ACTION_LOG)
		err = cage_diag_add(diags, CAGE_SEVERITY_WARNING,
				    pol->dflt_loc.file ? &pol->dflt_loc : NULL,
				    "'default %s' makes this a denylist: every "
				    "syscall not named is allowed",
				    cage_action_name(pol->dflt.kind));
	for (size_t i = 0; i < pol->nrules && !err; i++) {
		const struct cage_rule *r = &pol->rules[i];

		if (r->nr == execve_nr && allows(r))
			exec_allowed = true;
		err = lint_rule(pol, r, diags);
	}
	if (!err && !exec_allowed && pol->dflt.kind != CAGE_ACTION_ALLOW &&
	    pol->dflt.kind != CAGE_ACTION_LOG) {
		/* sources[0] is the groups file, [1] the policy named */
		struct cage_loc loc = {pol->sources[1], 0, 0, 0};

		err = cage_diag_add(diags, CAGE_SEVERITY_WARNING, &loc,
				    "the policy does not allow execve, so no "
				    "command can start under it");
	}
	return err;
}
