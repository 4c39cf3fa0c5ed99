// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the linter knows: argument values that open an escape, shared by
 * its own checks (lint.c) and its comparison with the default policy
 * (lint_default.c), and the calls that open one when allowed at all.
 */
#include "lang/lint_values.h"

#include <linux/netlink.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW 0xAA00
#endif

#define NETLINK_WHY                                                            \
	"netlink beyond NETLINK_ROUTE reaches audit, netfilter, xfrm and "     \
	"the generic families, a large attack surface"

const struct cage_bad_value cage_lint_bad_values[] = {
	{"ioctl", 1, TIOCSTI, -1, 0, "TIOCSTI",
	 "it types commands into the user's terminal (CVE-2017-5226)"},
	{"ioctl", 1, TIOCLINUX, -1, 0, "TIOCLINUX",
	 "it types commands into the user's terminal (CVE-2023-28100)"},
	{"ioctl", 1, USERFAULTFD_IOC_NEW, -1, 0, "USERFAULTFD_IOC_NEW (0xAA00)",
	 "it makes a userfaultfd through /dev/userfaultfd, which a uid-0 "
	 "target without capabilities still opens"},
	{"socket", 0, AF_PACKET, -1, 0, "AF_PACKET",
	 "raw access to network interfaces wherever CAP_NET_RAW is kept"},
	{"socket", 0, AF_ALG, -1, 0, "AF_ALG",
	 "the kernel's crypto API, a long record of kernel bugs"},
	{"socket", 0, AF_KEY, -1, 0, "AF_KEY",
	 "IPsec key management, a large attack surface"},
	{"socket", 0, AF_NETLINK, 2, NETLINK_AUDIT, "AF_NETLINK NETLINK_AUDIT",
	 NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_NETFILTER,
	 "AF_NETLINK NETLINK_NETFILTER", NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_XFRM, "AF_NETLINK NETLINK_XFRM",
	 NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_GENERIC,
	 "AF_NETLINK NETLINK_GENERIC", NETLINK_WHY},
	{"socket", 0, AF_NETLINK, 2, NETLINK_KOBJECT_UEVENT,
	 "AF_NETLINK NETLINK_KOBJECT_UEVENT", NETLINK_WHY},
};

const size_t cage_lint_nbad_values =
	sizeof(cage_lint_bad_values) / sizeof(cage_lint_bad_values[0]);

bool
cage_lint_value_named(const char *sys, unsigned arg, uint64_t v)
{
	for (size_t k = 0; k < cage_lint_nbad_values; k++)
		if (!strcmp(cage_lint_bad_values[k].sys, sys) &&
		    cage_lint_bad_values[k].arg == arg &&
		    cage_lint_bad_values[k].value == v &&
		    cage_lint_bad_values[k].arg2 < 0)
			return true;
	return false;
}

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
	{"fsconfig", "the new mount API changes the filesystem view"},
	{"fspick", "the new mount API changes the filesystem view"},
	{"open_tree_attr", "the new mount API changes the filesystem view"},
	{"file_setattr", "changes a file's inode flags by path, where the "
			 "fs rules check no open (answer 'errno ENOSYS "
			 "file_setattr': tools fall back to an ioctl)"},
	{"mount_setattr", "changes the filesystem view"},
	{"umount", "changes the filesystem view"},
	{"clone3", "its flags are in memory seccomp cannot read, so it "
		   "creates namespaces whatever the rules on clone say "
		   "(answer 'errno ENOSYS clone3': libc falls back to clone)"},
	{"process_madvise", "acts on other processes' memory"},
	{"kcmp", "compares other processes' kernel objects, an address "
		 "leak"},
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

/*
 * Calls that leave the sandbox unless Landlock scopes them to it (ABI 6,
 * Linux 6.12), which syscage asks for wherever the kernel has it: so
 * these warn only where it does not.
 */
static const struct danger unscoped[] = {
	{"kill", "signals reach processes outside the sandbox, syscage's "
		 "own included: this kernel's Landlock cannot scope them "
		 "(Linux 6.12)"},
	{"tkill", "signals reach processes outside the sandbox, syscage's "
		  "own included: this kernel's Landlock cannot scope them "
		  "(Linux 6.12)"},
	{"tgkill", "signals reach processes outside the sandbox, syscage's "
		   "own included: this kernel's Landlock cannot scope them "
		   "(Linux 6.12)"},
	{"rt_sigqueueinfo", "signals reach processes outside the sandbox: "
			    "this kernel's Landlock cannot scope them "
			    "(Linux 6.12)"},
	{"rt_tgsigqueueinfo", "signals reach processes outside the sandbox: "
			      "this kernel's Landlock cannot scope them "
			      "(Linux 6.12)"},
	{"pidfd_send_signal", "signals reach processes outside the sandbox: "
			      "this kernel's Landlock cannot scope them "
			      "(Linux 6.12)"},
};

static const char *
find(const struct danger *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].why;
	return NULL;
}

const char *
cage_lint_danger(const char *name)
{
	return find(dangers, sizeof(dangers) / sizeof(dangers[0]), name);
}

const char *
cage_lint_unscoped(const char *name)
{
	return find(unscoped, sizeof(unscoped) / sizeof(unscoped[0]), name);
}
