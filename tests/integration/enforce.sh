# SPDX-License-Identifier: LGPL-2.1-or-later
# What the kernel enforces in the target: errnos, kills, capabilities,
# no_new_privs, fds, 32-bit arguments, new and foreign syscalls.  The
# probe makes raw calls with bad arguments where it can, so EBADF or
# EFAULT means "allowed" and the policy's errno means "denied".
. "$(dirname "$0")/lib.sh"

eacces=$(policy eacces <<'P'
default errno EPERM
include stdio
errno EACCES getpid
P
)
trap_pol=$(policy trap <<'P'
include stdio
trap getpid
P
)
killdef=$(policy killdef <<'P'
default kill
include stdio
P
)
no_ioctl=$(policy no-ioctl <<'P'
default errno EPERM
include stdio
errno ENOTTY ioctl
P
)

for mode in root user; do
	run $mode "$SC" -p "$eacces" -- "$PB" getpid
	check_out '^getpid: errno EACCES$' "$mode: errno EACCES reaches the caller"
	check_status 0 "$mode: an errno denial lets the target go on"

	run $mode "$SC" -p "$trap_pol" -- "$PB" getpid
	check_status 159 "$mode: trap on getpid: the target dies of SIGSYS, 159"

	run $mode "$SC" -- "$PB" nnp
	check_out '^nnp: ok 1$' "$mode: no_new_privs is set in the target"

	run $mode "$SC" -- "$PB" caps
	check_out '^Seccomp:[[:space:]]+2$' "$mode: the target runs in seccomp filter mode"
	for set in CapInh CapPrm CapEff CapAmb; do
		check_out "^$set:[[:space:]]+0+$" "$mode: $set is empty"
	done

	# Stray fds like those this machine's environment hands down.
	exec 10</dev/null 251</dev/null
	run $mode "$SC" -- "$PB" fds
	check_out '^fds above 2: 0$' "$mode: no fd above 2 leaks into the target"
	run $mode "$SC" --keep-fd 10 -- "$PB" fds
	check_out '^fd 10$' "$mode: --keep-fd 10 keeps fd 10"
	check_out '^fds above 2: 1$' "$mode: and only fd 10"
	exec 10<&- 251<&-

	# ioctl(99, TIOCSTI): denied, also with high bits set; TCGETS allowed.
	run $mode "$SC" -- "$PB" syscall 16 99 0x5412 \; syscall 16 99 0x100005412 \
		\; syscall 16 99 0x541C \; syscall 16 99 0xffffffff0000541C \
		\; syscall 16 99 0x5401
	check_out '^16: errno EPERM$' "$mode: TIOCSTI is denied"
	if [ "$(printf '%s\n' "$OUT" | grep -c '^16: errno EPERM$')" -eq 4 ]; then
		ok "$mode: TIOCSTI and TIOCLINUX are denied with and without high bits"
	else
		not_ok "$mode: high bits: $OUT"
	fi
	check_out '^16: errno EBADF$' "$mode: TCGETS is allowed (EBADF from the kernel)"

	# clone3 and openat2: ENOSYS, so glibc falls back (unconfined, the
	# control, the kernel has them: EINVAL for these arguments).
	run $mode "$PB" syscall 435 0 0 \; syscall 437 0 0 0 0
	if [ "$(printf '%s\n' "$OUT" | grep -c 'errno EINVAL$')" -eq 2 ]; then
		ok "$mode: control: unconfined, clone3 and openat2 get EINVAL"
	else
		not_ok "$mode: control: clone3/openat2 unconfined: $OUT"
	fi
	run $mode "$SC" -- "$PB" syscall 435 0 0 \; syscall 437 0 0 0 0
	if [ "$(printf '%s\n' "$OUT" | grep -c 'errno ENOSYS$')" -eq 2 ]; then
		ok "$mode: clone3 and openat2 get ENOSYS"
	else
		not_ok "$mode: clone3/openat2: $OUT"
	fi

	# Namespaces, mount, bpf, io_uring, userfaultfd, keyrings, ptrace,
	# with arguments the kernel itself answers otherwise than EPERM
	# (the control, unconfined): clone(CLONE_NEWUSER|CLONE_FS) EINVAL,
	# userfaultfd(UFFD_USER_MODE_ONLY) a descriptor, ptrace of no pid
	# ESRCH (PTRACE_SEIZE: default lets LeakSanitizer's PTRACE_ATTACH
	# through, for Landlock to keep inside the sandbox).
	surface=(syscall 56 0x10000200 0 0 0 0 \; syscall 272 0x10000000
		\; syscall 165 0 0 0 0 0 \; syscall 321 0 0 0 \; syscall 425 1 0
		\; syscall 323 1 \; syscall 250 0 0 \; syscall 101 0x4206 0x7fffffff)
	run $mode "$PB" "${surface[@]}"
	if [ "$(printf '%s\n' "$OUT" | grep -c ':')" -eq 8 ] &&
		! printf '%s\n' "$OUT" | grep -q 'errno EPERM$'; then
		ok "$mode: control: unconfined, none of the 8 calls gets EPERM"
	else
		not_ok "$mode: control: attack surface unconfined: $OUT"
	fi
	run $mode "$SC" -- "$PB" "${surface[@]}"
	if [ "$(printf '%s\n' "$OUT" | grep -c 'errno EPERM$')" -eq 8 ]; then
		ok "$mode: unshare, clone(CLONE_NEWUSER), mount, bpf, io_uring, userfaultfd, keyctl, ptrace are denied"
	else
		not_ok "$mode: attack surface: $OUT"
	fi

	# A syscall number newer than the tables: ENOSYS, even under kill.
	# 500 is no syscall here either: the kernel's ENOSYS too, but a kill
	# default would kill it.
	run $mode "$SC" -p "$killdef" -- "$PB" syscall 500
	check_out '^500: errno ENOSYS$' "$mode: a syscall number past the tables gets ENOSYS"
	check_status 0 "$mode: and is not killed"
	# x86-64's gap below 424, where new x86-only calls land (uretprobe
	# and uprobe did, base/syscalls.c): ENOSYS too, not the kill.  Every
	# call this 6.18 kernel has is named in syscage's tables now
	# (tests/unit/test_syscalls.c); tests/integration/newer.sh calls them.
	run $mode "$SC" -p "$killdef" -- "$PB" syscall 337 \; syscall 423
	check_out '^337: errno ENOSYS$' "$mode: a number in x86-64's gap (337) gets ENOSYS under a kill default"
	check_out '^423: errno ENOSYS$' "$mode: and the last of it (423)"
	check_status 0 "$mode: and is not killed"

	# An x32 call (the x32 bit on an x86-64 number) is killed.
	run $mode "$SC" -- "$PB" syscall 0x40000027
	check_status 159 "$mode: an x32 syscall kills the process"

	# Stacked policies: each is enforced.
	run $mode "$SC" -p "$eacces" -p "$no_ioctl" -- "$PB" getpid syscall 16 99 0x5401
	check_out '^getpid: errno EACCES$' "$mode: first stacked policy enforced"
	check_out '^16: errno ENOTTY$' "$mode: second stacked policy enforced"

	# A policy that never allows execve: the command cannot start.
	noexec=$(policy noexec <<'P'
default errno EPERM
allow write exit_group
P
)
	run $mode "$SC" -p "$noexec" -- "$PB" getpid
	check_status 126 "$mode: a policy without execve: 126"
	check_err 'Operation not permitted' "$mode: and the reason"
done

# Started as root, the bounding set is emptied too.
run root "$SC" -- "$PB" caps
check_out '^CapBnd:[[:space:]]+0+$' "root: CapBnd is empty"
run root "$SC" --cap-keep CAP_NET_BIND_SERVICE -- "$PB" caps
check_out '^CapEff:[[:space:]]+0+400$' "root: --cap-keep keeps exactly that capability"
check_out '^CapBnd:[[:space:]]+0+400$' "root: and only it in the bounding set"

finish
