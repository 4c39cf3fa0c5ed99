#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The private view (issue 13, SPEC 4.5) against what Landlock alone lets
# through: under -p untrusted (private all, net none), and under
# untrusted --net unix so that the view alone stops the Unix socket, as
# root, as an unprivileged user and as root with --user; each probe also
# run unconfined as root and as the user, as a control that sees the
# escape.  Outside pieces belong to the target's uid: a file outside
# every fs rule, a Unix socket served by python3, a sleeping process, a
# second terminal, a file in the host's /dev/shm.
. "${SRCDIR:?}/tests/integration/lib.sh"
: "${ESCAPE_BIN:?ESCAPE_BIN must name the directory of the esc-* programs}"

P=$WORK/esc-private_view
cp "$ESCAPE_BIN/esc-private_view" "$P" && chmod 755 "$P" ||
	{ not_ok "no esc-private_view in $ESCAPE_BIN"; finish; exit; }
[ "$(id -u)" -eq 0 ] || { not_ok "needs root to set up"; finish; exit; }
PY=/usr/bin/python3
OUTDIR=$(mktemp -d /var/tmp/syscage-private.XXXXXX) && chmod 755 "$OUTDIR" ||
	{ not_ok "mktemp in /var/tmp"; finish; exit; }
bg_pids=()
cleanup() {
	for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
	rm -rf "$OUTDIR" /dev/shm/syscage-private-$$-*
	rm -rf "$WORK"
}
trap cleanup EXIT

# bg WHO CMD...: in the background as root or the test user; pid in $!.
bg() {
	local who=$1
	shift
	if [ "$who" = user ]; then
		setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --clear-groups \
			--inh-caps=-all -- "$@" </dev/null >/dev/null 2>&1 &
	else
		"$@" </dev/null >/dev/null 2>&1 &
	fi
	bg_pids+=("$!")
}

# outside WHO: the pieces of WHO's uid, in FILE SOCK SLEEPER TTY SHM.
declare -A FILE SOCK SLEEPER TTY SHM
outside() {
	local who=$1 d=$OUTDIR/$1
	mkdir -p "$d" && chmod 755 "$d"
	FILE[$who]=$d/file
	SOCK[$who]=$d/sock
	SHM[$who]=/dev/shm/syscage-private-$$-$who
	: >"${FILE[$who]}" && chmod 644 "${FILE[$who]}"
	: >"${SHM[$who]}" && chmod 600 "${SHM[$who]}"
	if [ "$who" = user ]; then
		chown "$TEST_USER" "$d" "${FILE[$who]}" "${SHM[$who]}"
	fi
	bg "$who" sleep 600
	SLEEPER[$who]=$!
	bg "$who" "$PY" -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
s.listen(16)
while True:
    s.accept()[0].close()
' "${SOCK[$who]}"
	bg "$who" "$PY" -c '
import os, pty, sys, time
m, s = pty.openpty()
open(sys.argv[1] + ".new", "w").write(os.ttyname(s))
os.rename(sys.argv[1] + ".new", sys.argv[1])
time.sleep(600)
' "$d/tty"
	for _ in $(seq 50); do
		[ -S "${SOCK[$who]}" ] && [ -s "$d/tty" ] && break
		sleep 0.1
	done
	TTY[$who]=$(cat "$d/tty" 2>/dev/null)
	[ -S "${SOCK[$who]}" ] || not_ok "$who: the socket's server did not start"
	[ -c "${TTY[$who]}" ] || not_ok "$who: no second terminal"
}
plan 17
outside root
outside user

args() { ARGS=("${FILE[$1]}" "${SOCK[$1]}" "${SLEEPER[$1]}" "${TTY[$1]}" "${SHM[$1]}"); }
show() { printf '%s\n' "$OUT" | sed 's/^/    /'; }

# Controls: unconfined, every attempt gets through.
for who in root user; do
	args $who
	run $who "$P" "${ARGS[@]}"
	n=$(printf '%s\n' "$OUT" | grep -c '^ESCAPED')
	if [ "$STATUS" -eq 1 ] && [ "$n" -eq 10 ]; then
		ok "control/$who: all 10 escapes seen when unconfined"
	else
		not_ok "control/$who: $n of 10 escapes seen unconfined (status $STATUS)"
		show
		printf '  stderr: %s\n' "$ERR"
	fi
done

# MODE: root and user run syscage as themselves; rootuser is root with
# --user, its target the test user's uid.
for mode in root user rootuser; do
	who=root runner=root sca=("$SC")
	[ $mode = root ] || who=user
	[ $mode = user ] && runner=user
	[ $mode = rootuser ] && sca+=(--user "$TEST_USER")
	args $who
	for extra in "" "--net unix"; do
		# shellcheck disable=SC2086
		run $runner "${sca[@]}" -p untrusted $extra -- "$P" "${ARGS[@]}"
		desc="$mode/untrusted${extra:+ $extra}"
		if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^ESCAPED'; then
			ok "$desc: all blocked"
		else
			not_ok "$desc: status $STATUS"
			show
			printf '  stderr: %s\n' "$ERR"
		fi
	done
	# The view, not only the filter: chmod of the file fails because it
	# is absent (ENOENT), the socket with --net unix too.
	check_out 'blocked: chmod of a file outside the rules .*ENOENT' \
		"$mode/untrusted --net unix: the file outside is absent"
	check_out 'blocked: connect to a Unix socket outside .*ENOENT' \
		"$mode/untrusted --net unix: the socket outside is absent"
	check_out 'blocked: kill\([0-9]+, 0\) of a process outside .*ESRCH' \
		"$mode/untrusted --net unix: the sleeper outside cannot be named"
done
finish
