#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --export bpf, run for real by bubblewrap: one filter with --seccomp,
# a stack of them with --add-seccomp-fd (bubblewrap 0.5 and later), as
# root and as an unprivileged user; every call must come out as it does
# under syscage itself.
. "$SRCDIR/tests/interop/lib.sh"
: "${PROBE_STATIC:?PROBE_STATIC must name the static probe}"

need bwrap bubblewrap
# Every check below runs, or finish fails: 1 + 2 modes x 3 policies x 3
# + 4.
plan 23
version=$(bwrap --version | awk '{ print $2 }')
case $version in
0.[0-4].*) not_ok "bubblewrap $version has no --add-seccomp-fd (0.5 or later)" ;;
*) ok "bubblewrap $version stacks filters with --add-seccomp-fd" ;;
esac

probe_args=()
while read -r line; do
	case $line in '' | '#'*) continue ;; esac
	[ ${#probe_args[@]} -gt 0 ] && probe_args+=(';')
	# shellcheck disable=SC2206
	probe_args+=(syscall $line)
done <"$SRCDIR/tests/interop/calls.txt"
cp "$PROBE_STATIC" "$WORK/probe-static"
chmod 755 "$WORK/probe-static"

# filters POLICY NAME: NAME.1.bpf ... in WORK; sets NFILTERS.
filters() {
	local i=1
	NFILTERS=0
	if "$SC" --export bpf "$1" >"$WORK/$2.1.bpf" 2>"$WORK/err"; then
		NFILTERS=1
		return 0
	fi
	grep -q -- '--add-seccomp-fd' "$WORK/err" ||
		{ not_ok "$2: --export bpf failed: $(cat "$WORK/err")"; return 1; }
	while "$SC" --export bpf:$i "$1" >"$WORK/$2.$i.bpf" 2>/dev/null; do
		NFILTERS=$i
		i=$((i + 1))
	done
	chmod 644 "$WORK/$2".*.bpf
	[ "$NFILTERS" -gt 1 ] ||
		{ not_ok "$2: --export bpf asks for stacked filters, and bpf:N gave $NFILTERS"; return 1; }
}

# compare MODE POLICY NAME
compare() {
	local mode=$1 policy=$2 name=$3 want args=() fds=() i
	# A failed export is one failure, in place of the three checks.
	filters "$policy" "$name" || { plan $((planned - 2)); return; }
	run "$mode" "$SC" -q -p "$policy" -- "$WORK/probe-static" "${probe_args[@]}"
	check_status 0 "$name ($mode): the probe runs under syscage"
	want=$(printf '%s\n' "$OUT" | normalize)
	if [ "$NFILTERS" -eq 1 ]; then
		args=(--seccomp 10)
	else
		for i in $(seq 1 "$NFILTERS"); do
			args+=(--add-seccomp-fd $((9 + i)))
		done
	fi
	# Each filter on its own descriptor, 10 and up.
	for i in $(seq 1 "$NFILTERS"); do
		fds+=("exec $((9 + i))<\"$WORK/$name.$i.bpf\";")
	done
	run "$mode" bash -c "${fds[*]} exec bwrap --ro-bind / / --dev /dev \
		--proc /proc ${args[*]} -- \"\$@\"" bwrap \
		"$WORK/probe-static" "${probe_args[@]}"
	check_status 0 "$name ($mode): the probe runs under bwrap with $NFILTERS filter(s)"
	same "$name ($mode): bwrap decides every call as syscage does" \
		"$want" "$(printf '%s\n' "$OUT" | normalize)"
}

# bwrap loads the filters after the first with prctl(PR_SET_SECCOMP),
# which stdio (included by overlap.policy) does not allow.
overlap=$(policy overlap <<P
include $SRCDIR/tests/interop/overlap.policy
allow prctl if arg0 == PR_SET_SECCOMP && arg1 == 2    # SECCOMP_MODE_FILTER
P
)
for mode in root user; do
	compare "$mode" stdio stdio
	compare "$mode" default default
	compare "$mode" "$overlap" overlap
done

# A policy that needs several filters cannot go to --seccomp, and says why.
run root "$SC" --export bpf default
check_status 1 "--export bpf of a three-filter policy fails"
check_err "default: error: the policy compiles to 3 stacked filters and bwrap --seccomp loads one: write each with --export bpf:1 to bpf:3 and pass them, in that order, with bwrap --add-seccomp-fd \(bubblewrap 0.5 or later\)" \
	"--export bpf says how to stack the filters"
# bwrap loads the second filter with prctl(PR_SET_SECCOMP) under the first.
pol=$(policy noprctl <<'P'
default errno EPERM
allow execve exit_group write arch_prctl set_tid_address brk
allow ioctl
errno EPERM ioctl if arg1 == TIOCSTI
P
)
run root "$SC" --export bpf "$pol"
check_err "the policy must also allow prctl\(PR_SET_SECCOMP, SECCOMP_MODE_FILTER\)" \
	"--export bpf says when bwrap could not load the second filter"
"$SC" --export bpf:2 "$pol" 2>"$WORK/err" >/dev/null
ERR=$(cat "$WORK/err")
check_err "warning: bwrap loads filter 2 with prctl\(PR_SET_SECCOMP, SECCOMP_MODE_FILTER\), which the policy denies" \
	"--export bpf:2 warns that bwrap could not load it"
finish
