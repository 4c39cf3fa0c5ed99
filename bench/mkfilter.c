// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A raw seccomp filter for bwrap --seccomp FD, built with libseccomp as a
 * launcher would: default EPERM, and RULES allow rules (default 300) for
 * the native syscalls outside a list of dangerous ones.
 *
 *   mkfilter [-n RULES] FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const denied[] = {
	"ptrace",
	"mount",
	"umount2",
	"pivot_root",
	"chroot",
	"swapon",
	"swapoff",
	"reboot",
	"sethostname",
	"setdomainname",
	"init_module",
	"finit_module",
	"delete_module",
	"kexec_load",
	"kexec_file_load",
	"bpf",
	"perf_event_open",
	"userfaultfd",
	"io_uring_setup",
	"io_uring_enter",
	"io_uring_register",
	"unshare",
	"setns",
	"acct",
	"keyctl",
	"add_key",
	"request_key",
	"quotactl",
	"lookup_dcookie",
	"iopl",
	"ioperm",
	"open_by_handle_at",
	"process_vm_readv",
	"process_vm_writev",
	"kcmp",
	"fsopen",
	"fsconfig",
	"fsmount",
	"fspick",
	"move_mount",
	"open_tree",
	"mount_setattr",
	"syslog",
	"vhangup",
	"clone3",
	"openat2",
	"personality",
	"settimeofday",
	"clock_settime",
	"adjtimex",
	"clock_adjtime",
	NULL,
};

static int
is_denied(const char *name)
{
	for (size_t i = 0; denied[i]; i++)
		if (!strcmp(denied[i], name))
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	int rules = 300, made = 0, opt, fd, err;
	scmp_filter_ctx ctx;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n')
			return 2;
		rules = atoi(optarg);
	}
	if (optind + 1 != argc) {
		fputs("usage: mkfilter [-n RULES] FILE\n", stderr);
		return 2;
	}
	ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx)
		return 1;
	for (int nr = 0; nr < 1024 && made < rules; nr++) {
		char *name =
			seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

		if (!name)
			continue;
		if (!is_denied(name) &&
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) == 0)
			made++;
		free(name);
	}
	fd = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[optind]);
		return 1;
	}
	err = seccomp_export_bpf(ctx, fd);
	close(fd);
	seccomp_release(ctx);
	if (err) {
		fprintf(stderr, "mkfilter: seccomp_export_bpf: %s\n",
			strerror(-err));
		return 1;
	}
	printf("%d\n", made);
	return made == rules ? 0 : 1;
}
