# SPDX-License-Identifier: LGPL-2.1-or-later
# The target keeps the terminal; signals sent to syscage reach the target.
. "$(dirname "$0")/lib.sh"

if /usr/bin/python3 "$(dirname "$0")/terminal.py" "$SC"; then
	ok "interactive bash under syscage"
else
	not_ok "interactive bash under syscage"
fi

for mode in root user; do
	prefix=()
	if [ $mode = user ] && [ "$(id -u)" -eq 0 ]; then
		prefix=(setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --clear-groups --)
	elif [ $mode = root ] && [ "$(id -u)" -ne 0 ]; then
		not_ok "$mode: needs root"
		continue
	fi
	"${prefix[@]}" "$SC" -- /bin/sh -c 'trap "echo GOT-USR1; exit 7" USR1; echo ready; while :; do sleep 0.1; done' \
		>"$WORK/sig.out" 2>&1 &
	pid=$!
	for _ in $(seq 50); do grep -q ready "$WORK/sig.out" 2>/dev/null && break; sleep 0.1; done
	# setpriv execs syscage: the pid is syscage's either way.
	kill -USR1 "$pid"
	wait "$pid"
	STATUS=$?
	OUT=$(cat "$WORK/sig.out")
	ERR=
	check_status 7 "$mode: SIGUSR1 sent to syscage reaches the target"
	check_out '^GOT-USR1$' "$mode: the target's handler ran"
done

finish
