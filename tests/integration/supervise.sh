# SPDX-License-Identifier: LGPL-2.1-or-later
# The supervisor: denied calls named with decoded arguments, the JSON
# report, --audit, --learn round trips, leftover processes, --timeout,
# nesting, and a supervisor that dies.  As root and as an unprivileged user.
. "$(dirname "$0")/lib.sh"

killpid=$(policy killpid <<'P'
default errno EPERM
include stdio
kill getpid
P
)
outer=$(policy outer <<'P'
include default
errno EACCES getpid
P
)
nest=$(policy nest <<'P'
include default
errno EACCES flock
P
)
inner=$(policy inner <<'P'
include default
errno ENOTTY ioctl
P
)

json_check() { # FILE PYTHON-EXPRESSION-ON-LINES DESC
	if /usr/bin/python3 -c 'import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"; then
		ok "$3"
	else
		not_ok "$3: $(cat "$1")"
	fi
}

for mode in root user; do
	dir=$WORK/$mode
	mkdir -p "$dir"
	[ "$mode" = user ] && [ "$(id -u)" -eq 0 ] && chown "$TEST_USER" "$dir"
	cd "$dir" || exit 1

	# socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT) under default:
	# named and decoded.  Unconfined (the control) any user gets the
	# socket: EAFNOSUPPORT (default's answer to a family or netlink
	# protocol it keeps shut, so that programs fall back) comes from the
	# policy, not from a missing capability (as socket(AF_PACKET) would).
	run $mode "$PB" syscall 41 16 3 15
	check_out '^41: ok [0-9]+$' "$mode: control: unconfined, the netlink socket is made"
	run $mode "$SC" --report "$dir/report.jsonl" -- "$PB" syscall 41 16 3 15
	check_out '^41: errno EAFNOSUPPORT$' "$mode: the denied call gets the policy's errno"
	check_err "^syscage: denied socket\(AF_NETLINK, SOCK_RAW, (15|NETLINK_KOBJECT_UEVENT)\) in pid [0-9]+ \(probe\): errno EAFNOSUPPORT$" \
		"$mode: the denial names the syscall and decodes its arguments"
	check_err "no rule suggested \\(default, line [0-9]+\\): allowing 'socket' with AF_NETLINK NETLINK_KOBJECT_UEVENT: " \
		"$mode: and why no line should allow it (advice.sh: the lines that do)"
	json_check "$dir/report.jsonl" \
		'lines[0]["event"] == "denied" and lines[0]["syscall"] == "socket" and lines[0]["call"].startswith("socket(AF_NETLINK, SOCK_RAW") and lines[0]["action"] == "errno EAFNOSUPPORT" and lines[-1]["event"] == "summary" and lines[-1]["exit_status"] == 0 and lines[-1]["denied"] == 1' \
		"$mode: the JSON report holds the same event and a summary"

	# Repeats are summarised, and each is still denied (unconfined,
	# getpid answers).
	run $mode "$PB" getpid
	check_out '^getpid: ok [0-9]+$' "$mode: control: unconfined, getpid answers"
	run $mode "$SC" -p "$outer" -- "$PB" getpid getpid getpid
	if [ "$(printf '%s\n' "$OUT" | grep -c '^getpid: errno EACCES$')" -eq 3 ]; then
		ok "$mode: each repeat gets the policy's errno"
	else
		not_ok "$mode: repeats: $OUT"
	fi
	if [ "$(printf '%s\n' "$ERR" | grep -c 'denied getpid')" -eq 1 ]; then
		ok "$mode: a repeated denial is printed once"
	else
		not_ok "$mode: repeats: $ERR"
	fi
	check_err '^syscage: getpid: 2 more like it$' "$mode: and counted"

	# --audit: nothing enforced, the would-be denial reported.  The
	# control: without --audit the same policy kills the target.
	run $mode "$SC" -p "$killpid" -- "$PB" getpid
	check_status 159 "$mode: control: without --audit the policy kills getpid"
	run $mode "$SC" --audit -p "$killpid" -- "$PB" getpid
	check_status 0 "$mode: --audit lets the target run to its end"
	check_out '^getpid: ok [0-9]+$' "$mode: --audit lets the call through"
	check_err 'audit: would deny getpid\(\) in pid [0-9]+ \(probe\): killed' \
		"$mode: --audit reports what the policy would have done"

	# --learn round trips, and what was never done stays denied.
	printf 'import json, os\nprint(json.dumps({"n": len(os.listdir("."))}))\n' >script.py
	printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >hello.c
	chmod 644 script.py hello.c
	for w in py gcc git; do
		case $w in
		py) cmd=(/usr/bin/python3 script.py) ;;
		gcc) cmd=(sh -c 'gcc -o hello hello.c && ./hello') ;;
		git) cmd=(sh -c 'rm -rf r && git init -q r && cd r && echo a >a && git add a && git -c user.name=t -c user.email=t@e.org commit -qm m && git log --oneline') ;;
		esac
		rm -f "$dir/$w.policy"
		run $mode "$SC" --learn "$dir/$w.policy" -- "${cmd[@]}"
		check_status 0 "$mode: --learn runs $w"
		run $mode "$SC" --check "$dir/$w.policy"
		check_status 0 "$mode: the policy learned from $w passes --check"
		run $mode "$SC" -p "$dir/$w.policy" -- "${cmd[@]}"
		check_status 0 "$mode: $w runs under the policy learned from it"
		[ $w = gcc ] && check_out '^hello$' "$mode: the learned gcc policy builds and runs hello"
	done
	# Root traces (raw_syscalls:sys_enter), whether or not tracefs is
	# mounted (learn.sh tries both); a user's calls go through the
	# listener.  Both learn what python did.
	run $mode "$SC" -v --learn "$dir/py2.policy" -- /usr/bin/python3 script.py
	if [ $mode = root ]; then
		check_err '^syscage: --learn: recorded by tracing \(perf events on raw_syscalls:sys_enter' "$mode: --learn traces system calls"
	else
		check_err '^syscage: --learn: recorded by the seccomp listener .*: tracing is not possible: not root' \
			"$mode: --learn routes each call to the supervisor (no tracing as a user), and says why"
	fi
	if diff <(grep -v '^#' "$dir/py.policy") <(grep -v '^#' "$dir/py2.policy") >/dev/null; then
		ok "$mode: two --learn runs of the same script learn the same policy"
	else
		not_ok "$mode: learned policies differ: $(diff "$dir/py.policy" "$dir/py2.policy")"
	fi
	run $mode "$SC" -p "$dir/py.policy" -- "$PB" syscall 73 99 0
	check_out '^73: errno EPERM$' "$mode: a call python never made (flock) is denied under its learned policy"
	if grep -q '^errno ENOSYS clone3 openat2$' "$dir/py.policy" &&
		grep -q '^allow ioctl if arg1 in (TCGETS' "$dir/py.policy"; then
		ok "$mode: the learned policy keeps clone3 at ENOSYS and conditions ioctl"
	else
		not_ok "$mode: learned policy shape: $(cat "$dir/py.policy")"
	fi

	# A daemon left behind is killed when the target exits...
	run $mode "$SC" -- sh -c "sleep 100 & echo \$! >$dir/daemon.pid"
	sleep 0.2
	if alive "$(cat "$dir/daemon.pid")"; then
		not_ok "$mode: a daemon outlived syscage"
		kill "$(cat "$dir/daemon.pid")"
	else
		ok "$mode: a daemon left behind is gone when syscage exits"
	fi
	# ... unless asked to keep it.
	run $mode "$SC" --keep-orphans -- sh -c "sleep 100 & echo \$! >$dir/daemon.pid"
	if alive "$(cat "$dir/daemon.pid")"; then
		ok "$mode: --keep-orphans keeps it"
		kill "$(cat "$dir/daemon.pid")"
	else
		not_ok "$mode: --keep-orphans did not keep it"
	fi

	# --timeout kills the whole tree and exits 124, about on time.
	start=$(date +%s%N)
	run $mode "$SC" --timeout 1 -- sh -c 'sleep 100 & sleep 100'
	took=$(( ($(date +%s%N) - start) / 1000000 ))
	check_status 124 "$mode: --timeout exits 124"
	if [ "$took" -ge 900 ] && [ "$took" -lt 5000 ]; then
		ok "$mode: --timeout 1 took ${took} ms"
	else
		not_ok "$mode: --timeout 1 took ${took} ms"
	fi

	# Nested: the inner syscage falls back to kernel filters; both hold.
	# Unconfined (the control), flock(99, 0) gets EINVAL and
	# ioctl(99, TCGETS) EBADF.
	run $mode "$PB" syscall 73 99 0 \; syscall 16 99 0x5401
	if printf '%s\n' "$OUT" | grep -qx '73: errno EINVAL' &&
		printf '%s\n' "$OUT" | grep -qx '16: errno EBADF'; then
		ok "$mode: control: unconfined, flock gets EINVAL and ioctl EBADF"
	else
		not_ok "$mode: control: $OUT"
	fi
	run $mode "$SC" -p "$nest" -- "$SC" -v -p "$inner" -- "$PB" syscall 73 99 0 \; syscall 16 99 0x5401
	check_out '^73: errno EACCES$' "$mode: nested: the outer policy holds"
	check_out '^16: errno ENOTTY$' "$mode: nested: the inner policy holds"
	check_err 'no supervisor' "$mode: nested: the inner says it has no supervisor (-v)"
done

# The supervisor dies: the target dies with it (PR_SET_PDEATHSIG).
"$SC" -- sh -c "echo \$\$ >$WORK/target.pid; exec sleep 100" &
sc=$!
for _ in $(seq 50); do [ -s "$WORK/target.pid" ] && break; sleep 0.1; done
kill -9 "$sc"
wait "$sc" 2>/dev/null
sleep 0.3
if alive "$(cat "$WORK/target.pid")"; then
	not_ok "the target outlived a killed supervisor"
	kill -9 "$(cat "$WORK/target.pid")"
else
	ok "the target dies when the supervisor is killed"
fi

finish
