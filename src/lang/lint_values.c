// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the linter knows: argument values that open an escape, shared by
 * its own checks (lint.c) and its comparison with the default policy
 * (lint_default.c), and the calls that open one when allowed at all.
 */
#include "lang/lint_values.h"

#include <linux/netlink.h>
#include <string.h>
#include <sys/personality.h>
#include <sched.h>
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

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define NS_WHY                                                                 \
	"it creates namespaces (in a user namespace a process holds "          \
	"every capability)"

const struct cage_bad_bit cage_lint_bad_bits[] = {
	{"clone", CLONE_NEWUSER, "CLONE_NEWUSER", NS_WHY, 0},
	{"clone", CLONE_NEWNS, "CLONE_NEWNS", NS_WHY, 0},
	{"clone", CLONE_NEWPID, "CLONE_NEWPID", NS_WHY, 0},
	{"clone", CLONE_NEWNET, "CLONE_NEWNET", NS_WHY, 0},
	{"clone", CLONE_NEWUTS, "CLONE_NEWUTS", NS_WHY, 0},
	{"clone", CLONE_NEWIPC, "CLONE_NEWIPC", NS_WHY, 0},
	{"clone", CLONE_NEWCGROUP, "CLONE_NEWCGROUP", NS_WHY, 0},
	{"unshare", CLONE_NEWUSER, "CLONE_NEWUSER", NS_WHY, 0},
	{"unshare", CLONE_NEWNS, "CLONE_NEWNS", NS_WHY, 0},
	{"unshare", CLONE_NEWPID, "CLONE_NEWPID", NS_WHY, 0},
	{"unshare", CLONE_NEWNET, "CLONE_NEWNET", NS_WHY, 0},
	{"unshare", CLONE_NEWUTS, "CLONE_NEWUTS", NS_WHY, 0},
	{"unshare", CLONE_NEWIPC, "CLONE_NEWIPC", NS_WHY, 0},
	{"unshare", CLONE_NEWCGROUP, "CLONE_NEWCGROUP", NS_WHY, 0},
	{"unshare", CLONE_NEWTIME, "CLONE_NEWTIME", NS_WHY, 0},
	{"personality", READ_IMPLIES_EXEC, "READ_IMPLIES_EXEC",
	 "it makes every readable mapping executable", 0xffffffff},
	{"personality", ADDR_NO_RANDOMIZE, "ADDR_NO_RANDOMIZE",
	 "it turns off address-space randomisation", 0xffffffff},
	{"personality", MMAP_PAGE_ZERO, "MMAP_PAGE_ZERO",
	 "it maps page zero, for NULL-pointer exploits", 0xffffffff},
};

#define SCHED_WHY                                                              \
	"it changes the scheduling or CPUs of other processes of the same "    \
	"user, syscage's own included"
#define PRIO_WHY                                                               \
	"it lowers the priority of other processes, process groups or "        \
	"users, syscage's own included"

const struct cage_pid_call cage_lint_pid_calls[] = {
	{"prlimit64", -1, 0, 0, 2,
	 "it sets the limits of other processes of the same user (as root, "
	 "of every root process, pid 1 included)",
	 "if arg0 == 0"},
	{"setpriority", 0, 0, 1, -1, PRIO_WHY,
	 "if arg0 == 0 && arg1 == 0 (PRIO_PROCESS, the caller)"},
	{"ioprio_set", 0, 1, 1, -1, PRIO_WHY,
	 "if arg0 == 1 && arg1 == 0 (IOPRIO_WHO_PROCESS, the caller)"},
	{"sched_setaffinity", -1, 0, 0, -1, SCHED_WHY, "if arg0 == 0"},
	{"sched_setscheduler", -1, 0, 0, -1, SCHED_WHY, "if arg0 == 0"},
	{"sched_setparam", -1, 0, 0, -1, SCHED_WHY, "if arg0 == 0"},
	{"sched_setattr", -1, 0, 0, -1, SCHED_WHY, "if arg0 == 0"},
	{"migrate_pages", -1, 0, 0, -1, "it moves other processes' memory",
	 "if arg0 == 0"},
	{"move_pages", -1, 0, 0, -1, "it moves other processes' memory",
	 "if arg0 == 0"},
};

const struct cage_mode_call cage_lint_mode_calls[] = {
	{"chmod", 1, -1},     {"fchmod", 1, -1}, {"fchmodat", 2, -1},
	{"fchmodat2", 2, -1}, {"creat", 1, -1},	 {"mkdir", 1, -1},
	{"mkdirat", 2, -1},   {"mknod", 1, -1},	 {"mknodat", 2, -1},
	{"open", 2, 1},	      {"openat", 3, 2},
};

const size_t cage_lint_nbad_bits =
	sizeof(cage_lint_bad_bits) / sizeof(cage_lint_bad_bits[0]);
const size_t cage_lint_npid_calls =
	sizeof(cage_lint_pid_calls) / sizeof(cage_lint_pid_calls[0]);
const size_t cage_lint_nmode_calls =
	sizeof(cage_lint_mode_calls) / sizeof(cage_lint_mode_calls[0]);
