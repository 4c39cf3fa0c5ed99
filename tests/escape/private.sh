#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The private view (issue 13, SPEC 4.5) against what Landlock alone lets
# through: under -p untrusted (private all, net none), under
# untrusted --net unix so that the view alone stops the Unix socket, and
# under ci (private all, net loopback) and ci-net (the outside network),
# as root, as an unprivileged user and as root with --user; and the
# secrets of a home (keys, tokens, credential stores, a git configuration
# holding a credential URL) under ci, also with the home bound in by
# --ro ~ (what 'fs none' hides stays hidden); each probe also
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
plan 34
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
	for pol in "untrusted" "untrusted --net unix" "ci" "ci-net"; do
		# shellcheck disable=SC2086
		run $runner "${sca[@]}" -p $pol -- "$P" "${ARGS[@]}"
		desc="$mode/$pol"
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

# Secrets of a home: every file holds SECRET; a job greps its whole home
# and git's view of its configuration.
SECRETS=(.ssh/id_ed25519 .gnupg/private-keys-v1.d/k.key .aws/credentials
	.azure/accessTokens.json .config/gcloud/credentials.db .kube/config
	.docker/config.json .netrc .npmrc .pypirc .git-credentials
	.config/git/credentials .config/gh/hosts.yml .cargo/credentials.toml
	.local/share/keyrings/login.keyring .m2/settings.xml
	.gradle/gradle.properties)
declare -A HOMEDIR
for who in root user; do
	h=$OUTDIR/home-$who
	for f in "${SECRETS[@]}"; do
		mkdir -p "$h/$(dirname "$f")" && echo "SECRET $f" >"$h/$f"
	done
	mkdir -p "$h/.local/bin" "$h/.cache"
	printf '[user]\n\tname = Job\n\temail = job@example.org\n[url "https://u:SECRET@git.example/"]\n\tinsteadOf = https://git.example/\n[credential]\n\thelper = store\n' >"$h/.gitconfig"
	[ "$who" = user ] && chown -R "$TEST_USER:" "$h"
	HOMEDIR[$who]=$h
done
# shellcheck disable=SC2016
LOOK='grep -rs SECRET "$HOME" | sed "s/^/LEAK /"; git config --list --show-origin 2>&1 | grep SECRET | sed "s/^/LEAK /"; git config user.name; true'
for who in root user; do
	run $who env HOME="${HOMEDIR[$who]}" sh -c "$LOOK"
	n=$(printf '%s\n' "$OUT" | grep -c '^LEAK')
	if [ "$n" -ge "$((${#SECRETS[@]} + 1))" ]; then
		ok "control/$who: $n secrets seen unconfined"
	else
		not_ok "control/$who: $n secrets seen unconfined, want $((${#SECRETS[@]} + 1))"
		show
	fi
done
for mode in root user rootuser; do
	who=root runner=root sca=("$SC")
	[ $mode = root ] || who=user
	[ $mode = user ] && runner=user
	[ $mode = rootuser ] && sca+=(--user "$TEST_USER")
	h=${HOMEDIR[$who]}
	run $runner env HOME="$h" "${sca[@]}" -p ci -- sh -c "$LOOK"
	if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^LEAK' &&
		printf '%s\n' "$OUT" | grep -qx 'Job'; then
		ok "$mode/ci: no secret visible, git still knows the identity"
	else
		not_ok "$mode/ci: status $STATUS"
		show
		printf '  stderr: %s\n' "$ERR"
	fi
	# The whole home bound in by the user: the secrets 'fs none' names
	# stay hidden (the git configuration is then the user's own).
	run $runner env HOME="$h" "${sca[@]}" -p ci --ro "$h" -- sh -c \
		'grep -rs SECRET "$HOME" | grep -v "\.gitconfig:" | sed "s/^/LEAK /"; ls "$HOME/.local"'
	if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^LEAK' &&
		printf '%s\n' "$OUT" | grep -qx 'bin'; then
		ok "$mode/ci --ro ~: the home is there, its secrets are not"
	else
		not_ok "$mode/ci --ro ~: status $STATUS"
		show
		printf '  stderr: %s\n' "$ERR"
	fi
done

# The machine's secrets, which root reads as their owner without any
# capability (mode 0640 root:shadow): unconfined root reads them; under
# untrusted and ci they are hidden, the rest of /etc still reads.
# shellcheck disable=SC2016
SYSLOOK='for f in /etc/shadow /etc/shadow- /etc/gshadow /etc/gshadow- /etc/ssl/private/*; do [ -f "$f" ] && head -c1 "$f" >/dev/null 2>&1 && echo "LEAK $f"; done; head -c1 /etc/passwd >/dev/null && echo PASSWD'
run root sh -c "$SYSLOOK"
if printf '%s\n' "$OUT" | grep -q '^LEAK /etc/shadow$'; then
	ok "control/root: /etc/shadow reads unconfined"
else
	not_ok "control/root: /etc/shadow does not read unconfined"
	show
fi
for pol in untrusted ci; do
	run root env HOME="${HOMEDIR[root]}" "$SC" -p $pol -- sh -c "$SYSLOOK"
	if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^LEAK' &&
		printf '%s\n' "$OUT" | grep -qx PASSWD; then
		ok "root/$pol: the machine's secrets are hidden, /etc reads"
	else
		not_ok "root/$pol: status $STATUS"
		show
		printf '  stderr: %s\n' "$ERR"
	fi
done
finish
