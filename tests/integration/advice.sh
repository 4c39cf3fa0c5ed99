# SPDX-License-Identifier: LGPL-2.1-or-later
# What syscage says about a refused call (issue 14, points 4 and 5), with
# real programs on the real kernel, as root and as an unprivileged user:
# refusals by design (clone3 answered ENOSYS so that glibc falls back)
# are not printed as denials, are marked in --report and shown once under
# -v; a suggestion, taken from stderr as printed and added to the policy,
# makes the call pass and --check stay quiet; the dangerous cases get no
# rule but the linter's reason; a net mode's refusal gets the option.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
[ -x $PY ] || { not_ok "python3 is missing (tools/install-deps.sh --tests)"; exit 1; }
THREADS='import threading
t = threading.Thread(target=print, args=("thread ran",))
t.start()
t.join()'

json_check() { # FILE PYTHON-EXPRESSION-ON-LINES DESC
	if $PY -c 'import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"; then
		ok "$3"
	else
		not_ok "$3: $(cat "$1")"
	fi
}

# The suggested line of the last run's stderr, as printed.
suggested() {
	printf '%s\n' "$ERR" | sed -n 's/^syscage:   allow it with:  \(.*[^ ]\) *(.*, line [0-9]*)$/\1/p' | head -1
}
# The suggestion under the denial of CALL (a run may meet others first:
# with HOME unset, python's start looks the user up, and NSS connects).
suggested_for() {
	printf '%s\n' "$ERR" | awk -v call="$1" '
		/^syscage: denied / { mine = index($0, "denied " call "(") > 0; next }
		mine && /^syscage:   allow it with:  / { print; exit }' |
		sed 's/^syscage:   allow it with:  \(.*[^ ]\) *(.*, line [0-9]*)$/\1/'
}

# Each line of stderr but the launch's own notes (-v).
denial_lines() {
	printf '%s\n' "$ERR" | grep -c '^syscage: \(denied\|  allow it\)'
}

for mode in root user; do
	dir=$WORK/advice-$mode
	mkdir -p "$dir"
	[ "$mode" = user ] && [ "$(id -u)" -eq 0 ] && chown "$TEST_USER" "$dir"
	cd "$dir" || exit 1

	# --- Point 4: clone3 under default is by design. ---
	run $mode "$PB" syscall 435 0 0
	check_out '^435: errno EINVAL$' "$mode: control: unconfined, clone3 exists (EINVAL for no arguments)"
	run $mode "$SC" --report "$dir/r.jsonl" -- "$PB" syscall 435 0 0 ";" syscall 435 0 0
	if [ "$(printf '%s\n' "$OUT" | grep -c '^435: errno ENOSYS$')" -eq 2 ]; then
		ok "$mode: clone3 gets ENOSYS under default"
	else
		not_ok "$mode: clone3: $OUT"
	fi
	if [ -z "$ERR" ]; then
		ok "$mode: clone3's ENOSYS is not printed as a denial (nor suggested)"
	else
		not_ok "$mode: clone3 printed: $ERR"
	fi
	json_check "$dir/r.jsonl" \
		'lines[0]["event"] == "by-design" and lines[0]["syscall"] == "clone3" and "glibc falls back to clone" in lines[0]["reason"] and "allow" not in lines[0] and lines[-1]["by_design"] == 2 and lines[-1]["denied"] == 0' \
		"$mode: --report marks clone3 by design, with the reason, counted apart"
	run $mode "$SC" -v -- "$PB" syscall 435 0 0 ";" syscall 435 0 0
	if [ "$(printf '%s\n' "$ERR" | grep -c '^syscage: by design: clone3(0, 0, 0, \.\.\.) in pid [0-9]* (probe): errno ENOSYS (stdio, line [0-9]*): its flags are in memory seccomp cannot read, so glibc falls back to clone, whose flags the policy checks$')" -eq 1 ]; then
		ok "$mode: -v shows clone3 once, with the reason"
	else
		not_ok "$mode: -v: $ERR"
	fi
	# A real program: glibc's pthread_create tries clone3 first.
	run $mode "$PY" -c "$THREADS"
	check_out '^thread ran$' "$mode: control: unconfined, python starts a thread"
	run $mode "$SC" --report "$dir/t.jsonl" -- "$PY" -c "$THREADS"
	check_out '^thread ran$' "$mode: under default, the thread starts (glibc fell back to clone)"
	if [ -z "$ERR" ]; then
		ok "$mode: and nothing is printed"
	else
		not_ok "$mode: threads printed: $ERR"
	fi
	json_check "$dir/t.jsonl" \
		'lines[-1]["by_design"] >= 1 and lines[-1]["denied"] == 0' \
		"$mode: --report counts python's clone3 by design"

	# --- Point 5: a suggestion, applied, lets the call in. ---
	# socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) under stdio.
	run $mode "$PB" syscall 41 16 3 0
	check_out '^41: ok [0-9]+$' "$mode: control: unconfined, a netlink route socket is made"
	run $mode "$SC" -p stdio -- "$PB" syscall 41 16 3 0
	check_out '^41: errno EPERM$' "$mode: stdio refuses it"
	check_err '^syscage: denied socket\(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE\) in pid [0-9]+ \(probe\): errno EPERM$' \
		"$mode: the call is decoded by name, the protocol by the family"
	check_err '^syscage:   allow it with:  allow socket if arg0 == AF_NETLINK && arg2 == NETLINK_ROUTE \(stdio, line 5\)$' \
		"$mode: the suggestion is narrowed to the protocol used"
	printf 'include stdio\n%s\n' "$(suggested)" >"$dir/route.policy"
	chmod 644 "$dir/route.policy"
	run $mode "$SC" --check "$dir/route.policy"
	if [ "$STATUS" -eq 0 ] && [ -z "$OUT$ERR" ]; then
		ok "$mode: the policy with the suggestion passes --check without a warning"
	else
		not_ok "$mode: --check: $STATUS $OUT $ERR"
	fi
	run $mode "$SC" -p "$dir/route.policy" -- "$PB" syscall 41 16 3 0
	check_out '^41: ok [0-9]+$' "$mode: with the suggested line, the call passes"

	# A file written under stdio: open flags by name, the mode kept safe.
	write='import os
os.close(os.open("made.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
print("made")'
	rm -f "$dir/made.txt"
	run $mode "$PY" -c "$write"
	check_out '^made$' "$mode: control: unconfined, python writes a file"
	rm -f "$dir/made.txt"
	run $mode "$SC" -p stdio -- "$PY" -c "$write"
	check_err '^syscage:   allow it with:  allow openat if arg2 & \(O_ACCMODE\|O_CREAT\|O_TRUNC\) == O_WRONLY\|O_CREAT\|O_TRUNC && arg3 & \(S_ISUID\|S_ISGID\) == 0 \(stdio, line 5\)$' \
		"$mode: the open is suggested by flag names, with no setuid mode"
	printf 'include stdio\n%s\n' "$(suggested_for openat)" >"$dir/write.policy"
	chmod 644 "$dir/write.policy"
	run $mode "$SC" --check "$dir/write.policy"
	[ -z "$OUT$ERR" ] && ok "$mode: --check is quiet about it" || not_ok "$mode: --check: $OUT $ERR"
	run $mode "$SC" -p "$dir/write.policy" -- "$PY" -c "$write"
	check_out '^made$' "$mode: with the suggested line, python writes the file"

	# untrusted refuses AF_INET through 'net': the option (ci has the
	# loopback network of its own).
	run $mode "$PB" syscall 41 2 1 0
	check_out '^41: ok [0-9]+$' "$mode: control: unconfined, an AF_INET socket is made"
	for p in untrusted; do
		run $mode "$SC" -p $p -- "$PB" syscall 41 2 1 0
		check_out '^41: errno EAFNOSUPPORT$' "$mode: $p refuses AF_INET"
		check_err "^syscage:   allow it with:  --net inet +\\($p, line [0-9]+\\)$" \
			"$mode: under $p the suggestion is --net inet, not a socket rule"
		run $mode "$SC" -p $p $(suggested) -- "$PB" syscall 41 2 1 0
		check_out '^41: ok [0-9]+$' "$mode: $p with $(suggested) makes the socket"
	done

	# --- Point 5: dangerous calls get no rule, but the reason. ---
	run $mode "$PB" syscall 41 16 3 9
	check_out '^41: ok [0-9]+$' "$mode: control: unconfined, a NETLINK_AUDIT socket is made"
	run $mode "$SC" -- "$PB" syscall 41 16 3 9
	check_out '^41: errno EAFNOSUPPORT$' "$mode: default refuses NETLINK_AUDIT (EAFNOSUPPORT: programs fall back)"
	check_err "^syscage:   no rule suggested \\(default, line [0-9]+\\): allowing 'socket' with AF_NETLINK NETLINK_AUDIT: netlink beyond NETLINK_ROUTE" \
		"$mode: NETLINK_AUDIT: no rule, the linter's reason"
	# What the suggestion was before (the family alone) is a rule --check
	# warns about: the narrowing matters.
	printf 'include default\nallow socket if arg0 == AF_NETLINK\n' >"$dir/wide.policy"
	chmod 644 "$dir/wide.policy"
	run $mode "$SC" --check "$dir/wide.policy"
	check_err "warning: allowing 'socket' with AF_NETLINK NETLINK_AUDIT" \
		"$mode: control: --check warns about the family alone"

	run $mode "$PB" syscall 272 0x10000000
	check_out '^272: ok 0$' "$mode: control: unconfined, unshare(CLONE_NEWUSER) works"
	run $mode "$SC" -- "$PB" syscall 272 0x10000000
	check_out '^272: errno EPERM$' "$mode: default refuses unshare(CLONE_NEWUSER)"
	check_err "^syscage:   no rule suggested \\(default, line [0-9]+\\): allowing 'unshare' with CLONE_NEWUSER: it creates namespaces" \
		"$mode: unshare: no rule, the linter's reason"
	if printf '%s\n' "$ERR" | grep -q 'allow unshare'; then
		not_ok "$mode: 'allow unshare' suggested: $ERR"
	else
		ok "$mode: 'allow unshare' is never suggested"
	fi

	# clone3 refused with EPERM: the answer is ENOSYS, never 'allow clone3'.
	printf 'include default\nerrno EPERM clone3\n' >"$dir/c3.policy"
	chmod 644 "$dir/c3.policy"
	run $mode "$SC" -p "$dir/c3.policy" -- "$PB" syscall 435 0 0
	check_out '^435: errno EPERM$' "$mode: a policy refusing clone3 with EPERM"
	check_err "^syscage:   answer it with: errno ENOSYS clone3 +\\($dir/c3.policy, line 2\\): its flags are in memory seccomp cannot read; glibc falls back to clone, whose flags the policy checks$" \
		"$mode: gets 'errno ENOSYS clone3' suggested"
	if printf '%s\n' "$ERR" | grep -q 'allow clone3'; then
		not_ok "$mode: 'allow clone3' suggested: $ERR"
	else
		ok "$mode: 'allow clone3' is never suggested"
	fi
	printf 'include default\nerrno ENOSYS clone3\n' >"$dir/c3.policy"
	run $mode "$SC" -p "$dir/c3.policy" -- "$PY" -c "$THREADS"
	check_out '^thread ran$' "$mode: with it, python's thread starts"
	[ "$(denial_lines)" -eq 0 ] && ok "$mode: and nothing is printed" || not_ok "$mode: $ERR"

	# --- Constants by name, the canonical one, in --explain and --learn. ---
	printf 'include stdio\nallow socket if arg0 == AF_FILE\nallow fcntl if arg1 == F_SETFL && arg2 == O_NDELAY\n' >"$dir/names.policy"
	chmod 644 "$dir/names.policy"
	run $mode "$SC" --explain "$dir/names.policy"
	check_out ' socket +if arg0 == AF_UNIX ' "$mode: --explain: AF_UNIX, not AF_FILE"
	check_out ' fcntl +if arg1 == F_SETFL && arg2 == O_NONBLOCK ' \
		"$mode: --explain: F_SETFL, not F_EXLCK; its flag O_NONBLOCK, not O_NDELAY"
	rm -f "$dir/learned.policy"
	run $mode "$SC" --learn "$dir/learned.policy" -- "$PY" -c 'import socket, fcntl, os
socket.socket(socket.AF_UNIX)
fcntl.fcntl(0, fcntl.F_SETFL, os.O_NONBLOCK)'
	if grep -q '^allow socket if arg0 in (AF_UNIX)$' "$dir/learned.policy" &&
		grep -q '^allow fcntl.*# arg1 seen:.* F_SETFL' "$dir/learned.policy" &&
		! grep -q 'AF_FILE\|F_EXLCK' "$dir/learned.policy"; then
		ok "$mode: --learn writes AF_UNIX and F_SETFL"
	else
		not_ok "$mode: learned: $(grep -E 'socket|fcntl' "$dir/learned.policy")"
	fi
done

finish
