#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# syscage --check warns about every allowed call that opens one of the
# escapes the suite tries, with the reason; the built-ins draw none.
set -u
: "${SYSCAGE:?}"
pass=0
fail=0
dir=$(mktemp -d /tmp/syscage-lint.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# expect_warning TEXT RULE...: a policy of RULES warns with TEXT.
expect_warning() {
	local want=$1 out
	shift
	printf '%s\n' 'default errno EPERM' 'allow execve exit_group' "$@" >"$dir/p.policy"
	out=$("$SYSCAGE" --check "$dir/p.policy" 2>&1)
	if printf '%s\n' "$out" | grep -q -- "warning: .*$want"; then
		pass=$((pass + 1))
		echo "ok - warns: $* -> $want"
	else
		fail=$((fail + 1))
		echo "not ok - no warning '$want' for: $*"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

# expect_clean RULE...: no warning at all.
expect_clean() {
	local out
	printf '%s\n' 'default errno EPERM' 'allow execve exit_group' "$@" >"$dir/p.policy"
	out=$("$SYSCAGE" --check "$dir/p.policy" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
		echo "ok - clean: $*"
	else
		fail=$((fail + 1))
		echo "not ok - unexpected output for: $*"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

expect_warning "'io_uring_setup': io_uring" 'allow io_uring_setup'
expect_warning "'io_uring_enter'" 'allow io_uring_enter'
expect_warning "TIOCSTI: it types" 'allow ioctl'
expect_warning "TIOCLINUX: it types" 'allow ioctl' 'errno EPERM ioctl if arg1 == TIOCSTI'
expect_warning "TIOCSTI" 'allow ioctl if arg1 & 0xff00 == 0x5400'
expect_warning "USERFAULTFD_IOC_NEW" 'allow ioctl' 'errno EPERM ioctl if arg1 in (TIOCSTI, TIOCLINUX)'
expect_clean 'allow ioctl' 'errno EPERM ioctl if arg1 in (TIOCSTI, TIOCLINUX, 0xAA00)'
expect_warning "'clone' with CLONE_NEWUSER" 'allow clone'
expect_warning "'clone' with CLONE_NEWNS" 'allow clone if arg0 & CLONE_NEWUSER == 0'
expect_clean 'allow clone if arg0 & (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET) == 0'
expect_warning "'unshare' with CLONE_NEWUSER" 'allow unshare'
expect_warning "'unshare' with CLONE_NEWNS" 'allow unshare if arg0 == CLONE_NEWNS'
expect_warning "'clone3': its flags" 'allow clone3'
expect_warning "'openat2': its flags" 'allow openat2' 'allow openat if arg2 & O_ACCMODE == O_RDONLY'
expect_warning "'setns'" 'allow setns'
for s in fsopen fsconfig fsmount fspick open_tree move_mount mount_setattr mount umount2 pivot_root chroot; do
	expect_warning "'$s'" "allow $s"
done
for s in ptrace process_vm_writev process_vm_readv pidfd_getfd kcmp process_madvise; do
	expect_warning "'$s'" "allow $s"
done
for s in userfaultfd bpf perf_event_open keyctl add_key request_key kexec_load kexec_file_load init_module finit_module delete_module modify_ldt open_by_handle_at iopl ioperm; do
	expect_warning "'$s'" "allow $s"
done
expect_warning "READ_IMPLIES_EXEC" 'allow personality'
expect_warning "ADDR_NO_RANDOMIZE" 'allow personality if arg0 & 0x0400000 == 0'
expect_clean 'allow personality if arg0 in (PER_LINUX, PER_LINUX32, 0xffffffff)'
expect_warning "AF_PACKET" 'allow socket'
expect_warning "AF_NETLINK NETLINK_AUDIT" 'allow socket if arg0 == AF_NETLINK'
expect_warning "AF_ALG" 'allow socket if arg0 in (AF_INET, AF_ALG)'
expect_clean 'allow socket if arg0 in (AF_UNIX, AF_INET, AF_INET6)' \
	'allow socket if arg0 == AF_NETLINK && arg2 == NETLINK_ROUTE'
# Calls on other pids (issue 11, point 3): only the caller itself.
expect_warning "'prlimit64': it sets the limits of other processes" 'allow prlimit64'
expect_warning "'prlimit64'" 'allow prlimit64 if arg1 == RLIMIT_NOFILE'
expect_clean 'allow prlimit64 if arg0 == 0'
expect_clean 'allow prlimit64 if arg2 == 0' # reads only
expect_warning "'setpriority': it lowers" 'allow setpriority'
expect_warning "'setpriority'" 'allow setpriority if arg0 == 0'
expect_warning "'setpriority'" 'allow setpriority if arg1 == 0'
expect_warning "'setpriority'" 'allow setpriority if arg0 == 1 && arg1 == 0'
expect_clean 'allow setpriority if arg0 == 0 && arg1 == 0'
expect_warning "'ioprio_set'" 'allow ioprio_set if arg1 == 0'
expect_warning "'ioprio_set'" 'allow ioprio_set if arg0 == 3 && arg1 == 0'
expect_clean 'allow ioprio_set if arg0 == 1 && arg1 == 0'
for s in sched_setaffinity sched_setscheduler sched_setparam sched_setattr migrate_pages move_pages; do
	expect_warning "'$s': it" "allow $s"
	expect_warning "'$s'" "allow $s if arg0 == 1"
	expect_clean "allow $s if arg0 == 0"
done
expect_warning "@resources allows 'sched_setaffinity'" 'allow @resources'
# Setuid and setgid bits (issue 11, point 4).
for s in chmod fchmod creat mkdir mknod; do
	expect_warning "'$s' with S_ISUID or S_ISGID in the mode" "allow $s"
	expect_warning "'$s' with S_ISUID" "allow $s if arg1 & S_ISUID == 0"
	expect_warning "'$s' with S_ISUID" "allow $s if arg1 & S_ISGID == 0"
	expect_clean "allow $s if arg1 & (S_ISUID | S_ISGID) == 0"
done
for s in fchmodat fchmodat2 mkdirat mknodat; do
	expect_warning "'$s' with S_ISUID or S_ISGID in the mode" "allow $s"
	expect_clean "allow $s if arg2 & (S_ISUID | S_ISGID) == 0"
done
expect_clean 'allow chmod' 'errno EPERM chmod if arg1 & S_ISUID == S_ISUID' \
	'errno EPERM chmod if arg1 & S_ISGID == S_ISGID'
expect_warning "'chmod' with S_ISUID" 'allow chmod' 'errno EPERM chmod if arg1 & S_ISUID == S_ISUID'
expect_warning "'openat' with S_ISUID" 'allow openat'
expect_warning "'openat' with S_ISUID" 'allow openat if arg2 & O_CREAT == 0' # O_TMPFILE
expect_warning "'open' with S_ISUID" 'allow open if arg1 & 020000000 == 0'
expect_clean 'allow openat if arg2 & (O_CREAT | 020000000) == 0 || arg3 & (S_ISUID | S_ISGID) == 0'
expect_clean 'allow open if arg1 & (O_CREAT | 020000000) == 0 || arg2 & (S_ISUID | S_ISGID) == 0'
expect_clean 'allow openat if arg2 & (O_ACCMODE | O_CREAT | O_TRUNC) == O_RDONLY'
expect_clean 'allow openat if arg3 & (S_ISUID | S_ISGID) == 0'
printf '%s\n' 'default allow' >"$dir/p.policy"
if "$SYSCAGE" --check "$dir/p.policy" 2>&1 | grep -q 'warning: .*denylist'; then
	pass=$((pass + 1))
	echo "ok - warns: default allow -> denylist"
else
	fail=$((fail + 1))
	echo "not ok - no denylist warning for 'default allow'"
fi

# The built-ins, from the source tree's policies/ (not from the binary's
# --list, which must agree): no warning at all.
: "${SRCDIR:?}"
# shellcheck source=../builtin-policies.sh
. "$SRCDIR/tests/builtin-policies.sh"
if load_builtins "$SYSCAGE"; then
	pass=$((pass + 1))
	echo "ok - built-ins: ${BUILTINS[*]} (policies/ and --list agree)"
else
	fail=$((fail + 1))
	echo "not ok - built-ins: $BUILTINS_DIFF"
fi
for p in "${BUILTINS[@]}"; do
	out=$("$SYSCAGE" --check "$p" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
		echo "ok - built-in $p: no warning"
	else
		fail=$((fail + 1))
		echo "not ok - built-in $p warns:"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
