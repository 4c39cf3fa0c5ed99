#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --audit enforces nothing (issue 14, point 3): under --audit -p ci and
# -p untrusted a real program writes outside the fs rules, reads a
# variable 'env clear' drops and sees a host process, all with success,
# while syscage lists what the policy would have refused.  The control:
# the same run without --audit is refused each time, and the bare
# command succeeds.  Root, an unprivileged user, and root with --user.
# A policy that does not load still stops the launch under --audit.
. "$(dirname "$0")/lib.sh"

ensure_user || exit 1
plan 112
HOST_PID=
cleanup() {
	[ -n "$HOST_PID" ] && kill "$HOST_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
sleep 300 &
HOST_PID=$!

# The probe: a write outside $CWD and $TMPDIR, a variable, a process.
probe_cmd() { # OUTSIDE-DIR
	printf '%s' "echo w >$1/f && echo wrote; echo \"token=\$SECRET_TOKEN\"; [ -d /proc/$HOST_PID ] && echo sees-host; :"
}

for mode in root user rootuser; do
	dir=$WORK/$mode
	outside=$WORK/outside-$mode
	mkdir -p "$dir" "$outside"
	as=$mode pre=()
	if [ "$mode" = rootuser ]; then
		as=root pre=(--user "$TEST_USER")
	fi
	if [ "$mode" != root ]; then
		chown "$TEST_USER" "$dir" "$outside"
	fi
	cd "$dir" || exit 1
	cmd=$(probe_cmd "$outside")
	# $TMPDIR and $HOME out of $WORK's parent: /tmp holds $WORK.
	envv=(env HOME="$WORK" TMPDIR="$WORK/tmp" SECRET_TOKEN=s3cr3t-value)

	run "$as" "${envv[@]}" sh -c "$cmd"
	check_out '^wrote$' "$mode: control: unconfined, the write outside succeeds"
	check_out '^token=s3cr3t-value$' "$mode: control: unconfined, the variable is there"
	check_out '^sees-host$' "$mode: control: unconfined, the host process is seen"
	rm -f "$outside/f"

	for pol in ci untrusted; do
		run "$as" "${envv[@]}" "$SC" "${pre[@]}" -p $pol -- sh -c "$cmd"
		if printf '%s\n' "$OUT" | grep -q '^wrote$'; then
			not_ok "$mode: $pol: control: enforced, the write outside is refused"
		else
			ok "$mode: $pol: control: enforced, the write outside is refused"
		fi
		check_out '^token=$' "$mode: $pol: control: enforced, the variable is dropped"
		if printf '%s\n' "$OUT" | grep -q '^sees-host$'; then
			not_ok "$mode: $pol: control: enforced, the host process is hidden"
		else
			ok "$mode: $pol: control: enforced, the host process is hidden"
		fi

		run "$as" "${envv[@]}" "$SC" "${pre[@]}" --audit -p $pol -- sh -c "$cmd"
		check_status 0 "$mode: $pol: --audit: the command runs to its end"
		check_out '^wrote$' "$mode: $pol: --audit: the write outside the fs rules succeeds"
		check_out '^token=s3cr3t-value$' "$mode: $pol: --audit: the variable $pol drops is there"
		check_out '^sees-host$' "$mode: $pol: --audit: the host process is seen"
		rm -f "$outside/f"
		check_err '^syscage: audit: not enforced: Landlock \(a read, write or exec outside these rules would be refused; signals and abstract sockets would not leave the sandbox\):$' \
			"$mode: $pol: --audit says Landlock is not enforced"
		check_err "^syscage: audit:   fs rw $dir( |\$)" \
			"$mode: $pol: --audit lists the fs rules, paths expanded, with their place"
		check_err "^syscage: audit:   .*\\($pol, line [0-9]+\\)\$" \
			"$mode: $pol: --audit says where each rule is written"
		check_err '^syscage: audit: not enforced: environment: [0-9]+ variables would be dropped \(keep one with .env keep NAME. or --env-keep NAME\):$' \
			"$mode: $pol: --audit says variables would be dropped"
		check_err '^syscage: audit:   .*\bSECRET_TOKEN\b' \
			"$mode: $pol: --audit names the dropped variable"
		if printf '%s\n' "$ERR" | grep -q 's3cr3t-value'; then
			not_ok "$mode: $pol: --audit never prints a value: $ERR"
		else
			ok "$mode: $pol: --audit never prints a value"
		fi
		check_err '^syscage: audit: not enforced: limit core 0$' \
			"$mode: $pol: --audit lists the limits it would set"
		check_err '^syscage: audit: not enforced: private view \((user )?mount pid ipc( net \(lo only\))? namespaces; what it does not hold would be absent\):$' \
			"$mode: $pol: --audit says the private view is not made"
		if printf '%s\n' "$ERR" | awk '/^syscage: audit:   [a-z]/ { on = /read-write:/ } on' |
			grep -qE " $dir( |\$)"; then
			ok "$mode: $pol: --audit lists what the view would bind read-write"
		else
			not_ok "$mode: $pol: --audit lists what the view would bind read-write: $ERR"
		fi
	done
done

# --env NAME=VALUE is set under --audit (it adds; it enforces nothing).
run root "$SC" --audit -p ci --env SET_ME=1 -- sh -c 'echo "set=$SET_ME"'
check_out '^set=1$' "root: --audit: --env still sets a variable"
check_err '^syscage: audit: environment: 1 variable set \(env set, --env\):$' \
	"root: --audit: and says so"

# Fail closed: a policy that does not parse, or that hands over $HOME,
# still stops the launch under --audit; the command never runs.
bad=$(policy bad <<'P'
include default
allow opne
P
)
home=$(policy home <<'P'
include default
fs rw $HOME
P
)
for p in "$bad" "$home"; do
	rm -f "$WORK/ran"
	run root env HOME="$WORK/root" "$SC" --audit -p "$p" -- touch "$WORK/ran"
	check_status 125 "root: --audit -p $(basename "$p"): exit 125"
	if [ -e "$WORK/ran" ]; then
		not_ok "root: --audit -p $(basename "$p"): the command ran"
	else
		ok "root: --audit -p $(basename "$p"): the command never ran"
	fi
done
run root "$SC" --audit --rlimit nofile=lots -p ci -- touch "$WORK/ran"
check_status 125 "root: --audit with a bad --rlimit: exit 125"

finish
