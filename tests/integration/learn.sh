#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --learn (issue 11, points 0, 7 and 2): which method ran and why, with
# and without a mounted tracefs (each state set up in a private mount
# namespace, so the host's mounts are never touched, and checked to be
# the same after); -p POLICY stays enforced while learning, by either
# method; calls --check warns about are left out, commented, and named
# on stderr; the command line never becomes a rule.
. "$(dirname "$0")/lib.sh"

killpid=$(policy killpid <<'P'
default errno EPERM
include stdio
kill getpid
P
)

# ns SCRIPT ARG...: as root, SCRIPT in a mount namespace of its own.
ns() {
	unshare -m --propagation private -- sh -c "$@"
}
NO_TRACEFS='for d in /sys/kernel/debug/tracing /sys/kernel/tracing; do
	while umount -l "$d" 2>/dev/null; do :; done; done
	[ ! -e /sys/kernel/tracing/events ] || { echo tracefs-still-there >&2; exit 99; }'
WITH_TRACEFS='mountpoint -q /sys/kernel/tracing ||
	mount -t tracefs nodev /sys/kernel/tracing || exit 98'
# Root without the capabilities that tracing needs (CAP_SYS_ADMIN for
# the helper's namespace, CAP_PERFMON for perf events).
NOCAPS='setpriv --bounding-set=-sys_admin,-perfmon --inh-caps=-sys_admin,-perfmon --'

# Learned files of both users; a directory outside $CWD and $TMPDIR,
# which untrusted may not write.
UD=$WORK/u
mkdir -p "$UD" && chmod 777 "$UD"
OUTSIDE=$(mktemp -d /var/tmp/syscage-learn.XXXXXX) && chmod 777 "$OUTSIDE" ||
	not_ok "cannot make a directory in /var/tmp"
trap 'rm -rf "$WORK" "$OUTSIDE"' EXIT
# A scratch $TMPDIR: untrusted and ci refuse to write a /tmp that holds
# the test user's home ($WORK).
export TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR" && chmod 1777 "$TMPDIR"
cd "$UD" || exit 1
# The mounts --learn's tracefs helper could leave on the host: tracefs,
# debugfs, anything under /sys/kernel or in a test's directory.  (Not the
# whole table: other programs on the machine, a container runtime say,
# mount and unmount while this runs.)
watched_mounts() {
	grep -E ' - (tracefs|debugfs) | /sys/kernel[/ ]|/syscage-' /proc/1/mountinfo
}
host_before=$(watched_mounts)
host_tracefs=$(grep -c ' - tracefs ' /proc/1/mountinfo)

# --- Which method, and why ---
# No tracefs anywhere: root's helper mounts one in its own namespace.
# The namespace the launch ran in has the same tracing mounts afterwards
# (only those: a container runtime on the machine changes others).
run root ns "$NO_TRACEFS"'
	tracing_mounts() { grep -E " - (tracefs|debugfs) | /sys/kernel[/ ]" /proc/self/mountinfo; }
	before=$(tracing_mounts)
	"$0" -v --learn "$1/nt.policy" -- /bin/true || exit $?
	[ "$before" = "$(tracing_mounts)" ] || { echo mounts-changed >&2; exit 97; }' \
	"$SC" "$WORK"
check_status 0 "root, no tracefs: --learn runs, and leaves the mounts as they were"
check_err '^syscage: --learn: recorded by tracing \(perf events on raw_syscalls:sys_enter, tracepoint id from a private tracefs mount' \
	"root, no tracefs: --learn traces, with the id from its private tracefs mount"
grep -q '^# Recorded by tracing' "$WORK/nt.policy" &&
	ok "root, no tracefs: the learned policy says it was traced" ||
	not_ok "root, no tracefs: header: $(head -5 "$WORK/nt.policy")"

run root ns "$WITH_TRACEFS"'
	"$0" -v --learn "$1/wt.policy" -- /bin/true' "$SC" "$WORK"
check_status 0 "root, tracefs mounted: --learn runs"
check_err '^syscage: --learn: recorded by tracing \(perf events on raw_syscalls:sys_enter, tracepoint id from /sys/kernel/tracing\)' \
	"root, tracefs mounted: --learn traces, with the id from /sys/kernel/tracing"

# The fallback: root that may not make namespaces nor perf events.
run root ns "$NO_TRACEFS"'
	'"$NOCAPS"' "$0" -v --learn "$1/fb.policy" -- /bin/true' "$SC" "$WORK"
check_status 0 "root without CAP_SYS_ADMIN, no tracefs: --learn runs through the listener"
check_err "^syscage: --learn: recorded by the seccomp listener \(a round trip per call\): tracing is not possible: tracefs is not mounted and the helper's private mount failed: unshare\(CLONE_NEWNS\): Operation not permitted" \
	"root without CAP_SYS_ADMIN, no tracefs: -v says the helper failed, and how"
run root ns "$WITH_TRACEFS"'
	'"$NOCAPS"' "$0" -v --learn "$1/fb2.policy" -- /bin/true' "$SC" "$WORK"
check_status 0 "root without CAP_PERFMON: --learn runs through the listener"
check_err '^syscage: --learn: recorded by the seccomp listener .*: tracing is not possible: perf_event_open: Permission denied \(kernel.perf_event_paranoid is -?[0-9]+\)' \
	"root without CAP_PERFMON: -v says perf_event_open was refused, and the paranoia level"
run user "$SC" -v --learn "$UD/user.policy" -- /bin/true
check_status 0 "user: --learn runs through the listener"
check_err '^syscage: --learn: recorded by the seccomp listener .*: tracing is not possible: not root' \
	"user: -v says tracing needs root"
run root "$SC" --learn "$WORK/quiet.policy" -- /bin/true
if grep -q 'recorded by' <<<"$ERR"; then
	not_ok "without -v, the method is not said: $ERR"
else
	ok "without -v, the method is not said"
fi

# --- -p POLICY stays enforced (point 7) ---
# Each check has its control: unconfined (or under --learn alone) the
# call succeeds.  By tracing (root), through the listener (user, and
# root without the capabilities tracing needs).
# In $TMPDIR: untrusted reads it.
printf 'import os\nprint(os.environ.get("SECRET_VAR", "unset"))\n' >"$TMPDIR/env.py"
chmod 644 "$TMPDIR/env.py"
for how in trace listener user; do
	case $how in
	trace) mode=root pre=() ;;
	listener) mode=root pre=(setpriv --bounding-set=-sys_admin,-perfmon --inh-caps=-sys_admin,-perfmon --) ;;
	user) mode=user pre=() ;;
	esac
	d=$WORK/p-$how
	mkdir -p "$d" && chmod 777 "$d"
	cd "$d" || exit 1
	# A netlink uevent socket: default denies it (EPERM), anyone may.
	run $mode "${pre[@]}" "$SC" --learn "$d/none.policy" -- "$PB" syscall 41 16 3 15
	check_out '^41: ok [0-9]+$' "$how: control: --learn without -p lets the netlink socket through"
	grep -q '^allow socket if arg0 == AF_NETLINK && arg2 == NETLINK_KOBJECT_UEVENT$' "$d/none.policy" &&
		not_ok "$how: a netlink uevent socket was learned as allowed (lint warns about it)" ||
		ok "$how: the netlink uevent socket is not learned as allowed"
	run $mode "${pre[@]}" "$SC" --learn "$d/u.policy" -p untrusted -- "$PB" syscall 41 16 3 15 \; getpid
	check_status 0 "$how: --learn -p untrusted runs"
	check_out '^41: errno EAFNOSUPPORT$' "$how: --learn -p untrusted: untrusted's 'net none' still refuses the netlink socket"
	check_out '^getpid: ok' "$how: --learn -p untrusted: what untrusted allows runs"
	if grep -q 'socket' "$d/u.policy"; then
		not_ok "$how: the denied socket call was learned: $(cat "$d/u.policy")"
	else
		ok "$how: what the policy denied is not in the learned policy"
	fi
	grep -q '^# Enforced meanwhile: untrusted;' "$d/u.policy" &&
		ok "$how: the learned policy says what was enforced" ||
		not_ok "$how: header: $(head -6 "$d/u.policy")"
	# Landlock: untrusted writes only $CWD and $TMPDIR.
	run $mode "${pre[@]}" "$SC" --learn "$d/w0.policy" -- sh -c "echo x >$OUTSIDE/$how"
	check_status 0 "$how: control: --learn alone writes outside \$CWD"
	run $mode "${pre[@]}" "$SC" --learn "$d/w.policy" -p untrusted -- sh -c "echo y >$OUTSIDE/$how-2"
	if [ "$STATUS" -ne 0 ] && [ ! -e "$OUTSIDE/$how-2" ]; then
		ok "$how: --learn -p untrusted: Landlock still refuses a write outside \$CWD"
	else
		not_ok "$how: --learn -p untrusted wrote outside \$CWD (status $STATUS)"
	fi
	# The environment: untrusted clears it.
	run $mode "${pre[@]}" env SECRET_VAR=leak "$SC" --learn "$d/e0.policy" -- /usr/bin/python3 "$TMPDIR/env.py"
	check_out '^leak$' "$how: control: --learn alone passes the environment"
	run $mode "${pre[@]}" env SECRET_VAR=leak "$SC" --learn "$d/e.policy" -p untrusted -- /usr/bin/python3 "$TMPDIR/env.py"
	check_out '^unset$' "$how: --learn -p untrusted: the environment is cleared as untrusted says"
	# Limits: untrusted says 'limit core 0'.
	run $mode "${pre[@]}" sh -c "ulimit -c unlimited; \"$SC\" --learn \"$d/c.policy\" -p untrusted -- sh -c 'ulimit -c'"
	check_out '^0$' "$how: --learn -p untrusted: its limits apply"
	# A kill rule still kills.
	run $mode "${pre[@]}" "$SC" --learn "$d/k.policy" -p "$killpid" -- "$PB" getpid
	check_status 159 "$how: --learn -p POLICY: a call POLICY kills is killed"
	# The learned policy runs the command it was learned from.
	run $mode "${pre[@]}" "$SC" --learn "$d/py.policy" -p untrusted -- /usr/bin/python3 "$TMPDIR/env.py"
	run $mode "$SC" --check "$d/py.policy"
	check_status 0 "$how: the policy learned under untrusted passes --check"
	run $mode "$SC" -p "$d/py.policy" -p untrusted -- /usr/bin/python3 "$TMPDIR/env.py"
	check_out '^unset$' "$how: and runs what it was learned from, under untrusted too"
done
cd "$WORK" || exit 1

# --- What --check warns about is left out (point 7) ---
# Harmless arguments (bad fds, bad pointers); the calls are made all the
# same, and --learn alone lets each through.
danger=(syscall 101 2 999999 0 0 \; syscall 135 0x400000 \; syscall 135 0xffffffff
	\; syscall 425 0 0 \; syscall 321 0xffff 0 0 \; syscall 272 0x10000000
	\; syscall 250 0xffff \; syscall 323 0xffff \; syscall 165 0 0 0 0 0
	\; syscall 298 0 0 0 0 0 \; syscall 16 999 0x5412 0 \; syscall 16 999 0x5401 0
	\; getpid)
cd "$UD" || exit 1
for mode in root user; do
	rm -f "$UD/d-$mode.policy"
	run $mode "$SC" --learn "$UD/d-$mode.policy" -- "$PB" "${danger[@]}"
	check_status 0 "$mode: --learn runs a program that makes dangerous calls"
	check_err "^syscage: --learn: left out 10 rules that syscage --check warns about .*remove the '#'" \
		"$mode: syscage says it left out 10 rules, and how to allow one"
	check_err "^  allow ptrace: allowing 'ptrace': can take over" "$mode: and names each with lint's reason"
	missing=
	for r in 'allow ptrace' 'allow personality if arg0 == READ_IMPLIES_EXEC' \
		'allow io_uring_setup' 'allow bpf' 'allow unshare if arg0 == CLONE_NEWUSER' \
		'allow keyctl' 'allow userfaultfd' 'allow mount' 'allow perf_event_open' \
		'allow ioctl if arg1 == TIOCSTI'; do
		grep -qxF "#$r" "$UD/d-$mode.policy" || missing="$missing [$r]"
	done
	[ -z "$missing" ] && ok "$mode: each is written commented out" ||
		not_ok "$mode: not commented out:$missing: $(cat "$UD/d-$mode.policy")"
	if grep -Eq '^allow (.* )?(ptrace|io_uring_setup|bpf|keyctl|userfaultfd|mount|perf_event_open)( |$)' "$UD/d-$mode.policy"; then
		not_ok "$mode: a dangerous call is allowed: $(cat "$UD/d-$mode.policy")"
	else
		ok "$mode: no dangerous call is allowed"
	fi
	grep -q '^allow ioctl if arg1 in (TCGETS)$' "$UD/d-$mode.policy" &&
		grep -q '^allow personality if arg0 in (0xffffffff)$' "$UD/d-$mode.policy" &&
		ok "$mode: the harmless values of the same calls are kept" ||
		not_ok "$mode: harmless values: $(cat "$UD/d-$mode.policy")"
	run $mode "$SC" --check "$UD/d-$mode.policy"
	if [ "$STATUS" -eq 0 ] && ! grep -q warning <<<"$ERR"; then
		ok "$mode: the learned policy passes --check without a warning"
	else
		not_ok "$mode: --check: status $STATUS: $ERR"
	fi
	run $mode "$SC" -q -p "$UD/d-$mode.policy" -- "$PB" "${danger[@]}"
	check_status 0 "$mode: the program runs under the policy learned from it"
	if [ "$(grep -c ': errno EPERM$' <<<"$OUT")" -eq 10 ] && grep -q '^getpid: ok' <<<"$OUT"; then
		ok "$mode: under it the ten left out fail with EPERM, the rest runs"
	else
		not_ok "$mode: under the learned policy: $OUT"
	fi
done

# Calls whose danger is in an argument: a new setuid file, another
# process's priority.  The safe form is learned, the dangerous value
# left out; the control: unconfined, the setuid chmod succeeds.
printf 'import os, sys\nos.setpriority(os.PRIO_PROCESS, 0, 1)\nfor m in sys.argv[1:]:\n    try:\n        os.chmod("f", int(m, 8)); print(m, "ok")\n    except OSError as e:\n        print(m, "errno", e.errno)\n' >"$TMPDIR/chm.py"
chmod 644 "$TMPDIR/chm.py"
for mode in root user; do
	d=$UD/chm-$mode
	mkdir -p "$d" && chmod 777 "$d" && cd "$d" || exit 1
	run $mode sh -c 'touch f && /usr/bin/python3 "$1" 4755' sh "$TMPDIR/chm.py"
	check_out '^4755 ok$' "$mode: control: unconfined, chmod 4755 succeeds"
	run $mode "$SC" --learn "$d/chm.policy" -- /usr/bin/python3 "$TMPDIR/chm.py" 644 4755
	# chmod(2) or fchmodat(2), as the libc has it.
	check_err "^  allow (chmod if arg1|fchmodat if arg2) == 0x9ed: allowing '(f?chmod|fchmodat)' with S_ISUID or S_ISGID" \
		"$mode: the setuid chmod is left out, with lint's reason"
	grep -Eqx '#allow (chmod if arg1|fchmodat if arg2) == 0x9ed' "$d/chm.policy" &&
		grep -Eqx 'allow (chmod if arg1|fchmodat if arg2) & \(S_ISUID \| S_ISGID\) == 0' "$d/chm.policy" &&
		grep -qx 'allow setpriority if arg1 == 0 && arg0 == 0' "$d/chm.policy" &&
		ok "$mode: chmod is learned without setuid bits, setpriority for the caller only" ||
		not_ok "$mode: learned: $(cat "$d/chm.policy")"
	run $mode "$SC" --check "$d/chm.policy"
	if [ "$STATUS" -eq 0 ] && ! grep -q warning <<<"$ERR"; then
		ok "$mode: it passes --check without a warning"
	else
		not_ok "$mode: --check: status $STATUS: $ERR"
	fi
	run $mode "$SC" -q -p "$d/chm.policy" -- /usr/bin/python3 "$TMPDIR/chm.py" 644 4755
	check_out '^644 ok$' "$mode: under it, chmod 644 works"
	check_out '^4755 errno 1$' "$mode: under it, chmod 4755 fails with EPERM"
done
cd "$WORK" || exit 1

# --- The command line is a comment, whatever it holds (point 2) ---
evil=$'x\nallow ptrace\n'
evil2=$'y\rallow bpf\r\n# \\\nallow keyctl \033[2J\\'
run root "$SC" --learn "$WORK/evil.policy" -- /bin/echo "$evil" "$evil2" $'\nallow @default'
check_status 0 "--learn runs a command whose arguments hold line breaks and rules"
shape=$'^(#.*|allow [a-z_0-9 @]+( if .*)?|allow [a-z_0-9]+\t# .*|default errno EPERM|errno ENOSYS clone3 openat2|)$'
if grep -vE "$shape" "$WORK/evil.policy"; then
	not_ok "the learned policy has a line that is neither a comment nor a rule it learned"
else
	ok "every line of the learned policy is a comment or a learned rule"
fi
if grep -Eq '^[^#]*(ptrace|bpf|keyctl|@default)' "$WORK/evil.policy" ||
	grep -q $'\r\|\033' "$WORK/evil.policy"; then
	not_ok "text from the command line became a rule: $(cat -A "$WORK/evil.policy")"
else
	ok "no rule, CR or ESC from the command line reached the policy"
fi
grep -qF '#   /bin/echo x\x0aallow ptrace\x0a y\x0dallow bpf\x0d\x0a# \\\x0aallow keyctl \x1b[2J\\ \x0aallow @default' "$WORK/evil.policy" &&
	ok "the command line is kept, escaped, in the header" ||
	not_ok "header: $(head -3 "$WORK/evil.policy" | cat -A)"
run root "$SC" --check "$WORK/evil.policy"
check_status 0 "the policy learned from it passes --check"
run root "$SC" --explain "$WORK/evil.policy"
if grep -Eq 'ptrace|bpf|keyctl' <<<"$OUT"; then
	not_ok "--explain finds a forged rule: $OUT"
else
	ok "--explain finds no forged rule"
fi

# The host's mounts are as they were: no tracefs left behind.
if [ "$host_before" = "$(watched_mounts)" ] &&
	[ "$(grep -c ' - tracefs ' /proc/1/mountinfo)" -eq "$host_tracefs" ]; then
	ok "the host's mounts are unchanged"
else
	not_ok "the host's mounts changed: $(diff <(echo "$host_before") <(watched_mounts))"
fi

finish
