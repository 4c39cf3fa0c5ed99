#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --export oci, run for real: an OCI bundle whose root holds a static
# probe, the exported profile in its config.json, run by crun; every call
# must come out as it does under syscage itself.  crun 1.8 refuses this
# machine's hybrid cgroup layout, so the bundle has no cgroup settings and
# crun runs without a cgroup manager, in a mount namespace with a cgroup2
# file system on /sys/fs/cgroup.
. "$SRCDIR/tests/interop/lib.sh"
: "${PROBE_STATIC:?PROBE_STATIC must name the static probe}"

need crun crun
need_root crun
need unshare util-linux

probe_args=()
while read -r line; do
	case $line in '' | '#'*) continue ;; esac
	[ ${#probe_args[@]} -gt 0 ] && probe_args+=(';')
	# shellcheck disable=SC2206
	probe_args+=(syscall $line)
done <"$SRCDIR/tests/interop/calls.txt"

# bundle DIR PROFILE ARGS...: a bundle for crun with the profile and argv.
bundle() {
	local dir=$1 profile=$2
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir/rootfs"
	cp "$PROBE_STATIC" "$dir/rootfs/probe"
	(cd "$dir" && crun spec) || return 1
	python3 - "$dir/config.json" "$profile" "$@" <<'PY'
import json, sys
path, profile, args = sys.argv[1], sys.argv[2], sys.argv[3:]
c = json.load(open(path))
c['process']['args'] = ['/probe'] + args
c['process']['terminal'] = False
c['linux'].pop('resources', None)
c['linux']['namespaces'] = [n for n in c['linux']['namespaces']
                            if n['type'] != 'cgroup']
c['mounts'] = [m for m in c['mounts'] if m['destination'] != '/sys/fs/cgroup']
c['linux']['seccomp'] = json.load(open(profile))
json.dump(c, open(path, 'w'), indent=1)
PY
}

# crun_run DIR: sets OUT, ERR, STATUS.
n=0
crun_run() {
	n=$((n + 1))
	unshare -m sh -c 'mount -t cgroup2 none /sys/fs/cgroup &&
		exec crun --root "$1/state" --cgroup-manager=disabled run \
			--bundle "$1" "syscage-test-$$-$2"' sh "$1" "$n" \
		>"$WORK/out" 2>"$WORK/err" </dev/null
	STATUS=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

compare() {
	local policy=$1 name=$2 want theirs
	"$SC" --export oci "$policy" >"$WORK/$name.json" ||
		{ not_ok "$name: --export oci failed"; return; }
	run root "$SC" -q -p "$policy" -- "$PROBE_STATIC" "${probe_args[@]}"
	check_status 0 "$name: the probe runs under syscage"
	want=$(printf '%s\n' "$OUT" | normalize)
	bundle "$WORK/b-$name" "$WORK/$name.json" "${probe_args[@]}" ||
		{ not_ok "$name: crun spec failed"; return; }
	crun_run "$WORK/b-$name"
	check_status 0 "$name: the probe runs under crun with the profile"
	theirs=$(printf '%s\n' "$OUT" | normalize)
	same "$name: crun decides every call as syscage does" "$want" "$theirs"
}

compare default default
compare stdio stdio
compare "$SRCDIR/tests/interop/overlap.policy" overlap

# A kill rule kills the process (SIGSYS) in both, whose status is 159.
pol=$(policy kill <<'P'
default errno EPERM
include stdio
kill ioctl if arg1 == TIOCLINUX
P
)
"$SC" --export oci "$pol" >"$WORK/kill.json"
bundle "$WORK/b-kill" "$WORK/kill.json" syscall 16 -1 0x541c
crun_run "$WORK/b-kill"
check_status 159 "kill rule: crun's container dies of SIGSYS"
run root "$SC" -q -p "$pol" -- "$PROBE_STATIC" syscall 16 -1 0x541c
check_status 159 "kill rule: the probe dies of SIGSYS under syscage"

# Syscalls newer than syscage's tables get ENOSYS from syscage, so that
# libc falls back; an OCI profile can only name syscalls, so crun answers
# them with defaultAction (runc adds an ENOSYS stub of its own).  The
# first number libseccomp has no name for that the filter answers ENOSYS
# (not uretprobe, 335, which stdio allows and no probe may call).
max=$("$SC" --export pfc stdio |
	awk '/filter for syscall/ { n = 0 }
	/filter for syscall "UNKNOWN" \([0-9]+\)/ {
		n = $0; sub(/[^(]*\(/, "", n); n += 0 }
	/action / { if (n && /ERRNO\(38\)/) print n; n = 0 }' |
	sort -n | head -1)
if [ -n "$max" ]; then
	bundle "$WORK/b-new" "$WORK/stdio.json" syscall "$max"
	crun_run "$WORK/b-new"
	check_out "^$max: errno EPERM$" \
		"newer syscall $max: EPERM under crun (its defaultAction)"
	run root "$SC" -q -p stdio -- "$PROBE_STATIC" syscall "$max"
	check_out "^$max: errno ENOSYS$" "newer syscall $max: ENOSYS under syscage"
else
	not_ok "cannot find the first syscall number past libseccomp's table"
fi
finish
