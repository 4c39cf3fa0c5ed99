#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Paths the file-system layers refuse, named (issue 14, point 1): real
# programs refused a read, a write, an exec, a create (Landlock: a policy
# of fs rules without a view), a path hidden by ci's private home or its
# 'fs none', and a Unix socket connect (absent from ci's view), a TCP
# port and an address beyond lo, each message
# compared byte for byte (the pid aside).  Each also runs unconfined, as
# the control that it can do what it is refused.  Root, an unprivileged
# user, and root with --user.  --report-paths is off by default and on
# with --report and --audit; the kernel enforces either way.
. "$(dirname "$0")/lib.sh"

ensure_user || exit 1
plan 94
SOCKDIR=/run/syscage-test-fsreport-$$
SERVER= TCP_SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	[ -n "$TCP_SERVER" ] && kill "$TCP_SERVER" 2>/dev/null
	rm -rf "$WORK" "$SOCKDIR"
}
trap cleanup EXIT

H=$WORK/home
mkdir -p "$H/data" "$WORK/tmp" "$SOCKDIR"
echo secret-text >"$H/data/secret"
echo old >"$H/data/log"
printf '#!/bin/sh\necho tool ran\n' >"$H/data/tool"
chmod 755 "$H/data/tool"
chown -R "$TEST_USER" "$H"
# Writable by each mode, root without its capabilities included: what
# refuses is syscage's layers, never the file's mode.
chmod 777 "$H/data"
chmod 666 "$H/data/secret" "$H/data/log"
chmod 1777 "$SOCKDIR" "$WORK/tmp"
# A Unix socket server outside every view: accepts, and closes.
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1]); s.listen(8)
import os; os.chmod(sys.argv[1], 0o777)
while True:
    c, _ = s.accept(); c.close()' "$SOCKDIR/s.sock" &
SERVER=$!
for _ in $(seq 50); do [ -S "$SOCKDIR/s.sock" ] && break; sleep 0.1; done
CONNECT="import socket; s = socket.socket(socket.AF_UNIX); s.connect('$SOCKDIR/s.sock'); print('connected')"
# A TCP server on every address, and this host's own address (not lo):
# connecting to it needs no outside network.
HOST_IP=$(ip -4 -o addr show scope global | awk '{ sub("/.*", "", $4); print $4; exit }')
[ -n "$HOST_IP" ] || { not_ok "no global IPv4 address to connect to"; finish; exit 1; }
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 0)); s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept(); c.close()' "$WORK/tcp.port" &
TCP_SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/tcp.port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/tcp.port")
tcp() { printf "import socket\ns = socket.create_connection(('%s', %s), 5)\nprint('connected')" "$1" "$PORT"; }
# fs rules and no view: Landlock alone refuses.
LL=$(policy landlock <<'P'
include default
include fs-system
fs rw $CWD $TMPDIR
P
)
ports=$(policy ports <<P
include $LL
net inet
net connect $((PORT == 1 ? 2 : PORT - 1))
P
)

# expect_fs DESC LINE1 ALLOW OPTION: stderr holds LINE1 (pid as N) and
# the allow line after it, byte for byte; OPTION "": no rule suggested,
# ALLOW the reason.
expect_fs() {
	local want got
	want=$(printf '%s\nsyscage:   allow it with:  %-24s (or %s)' "$2" "$3" "$4")
	[ -n "$4" ] || want=$(printf '%s\nsyscage:   no rule suggested: %s' "$2" "$3")
	got=$(printf '%s\n' "$ERR" | sed -E 's/ in pid [0-9]+ / in pid N /' |
		grep -A1 -F -- "$2" | head -2)
	if [ "$got" = "$want" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '  want: %s\n  got:  %s\n  stderr: %s\n' "$want" "$got" "$ERR"
	fi
}

for mode in root user rootuser; do
	dir=$WORK/$mode
	mkdir -p "$dir"
	as=$mode pre=()
	if [ "$mode" = rootuser ]; then
		as=root pre=(--user "$TEST_USER")
	fi
	[ "$mode" != root ] && chown "$TEST_USER" "$dir"
	cd "$dir" || exit 1
	e=(env HOME="$H" TMPDIR="$WORK/tmp")
	ci=("$SC" "${pre[@]}" -p "$LL" --report-paths --)

	# Unconfined: each of the five succeeds.
	run "$as" "${e[@]}" cat "$H/data/secret"
	check_out '^secret-text$' "$mode: control: unconfined, cat reads the file"
	run "$as" "${e[@]}" sh -c "echo new >>'$H/data/log' && echo wrote"
	check_out '^wrote$' "$mode: control: unconfined, sh writes the file"
	run "$as" "${e[@]}" sh -c "'$H/data/tool'"
	check_out '^tool ran$' "$mode: control: unconfined, sh runs the tool"
	run "$as" "${e[@]}" sh -c ": >'$H/data/new-$mode' && echo made"
	check_out '^made$' "$mode: control: unconfined, sh creates a file"
	rm -f "$H/data/new-$mode"
	run "$as" "${e[@]}" /usr/bin/python3 -c "$CONNECT"
	check_out '^connected$' "$mode: control: unconfined, python3 connects to the socket"

	# read
	run "$as" "${e[@]}" "${ci[@]}" cat "$H/data/secret"
	check_status 1 "$mode: read: cat is refused (the kernel enforces)"
	expect_fs "$mode: read: named, with the rule missing and the fix" \
		"syscage: refused openat(AT_FDCWD, \"$H/data/secret\", O_RDONLY, 0) in pid N (cat): read $H/data/secret: no fs rule of $LL covers it (Landlock)" \
		'fs ro $HOME/data' '--ro ~/data'
	# write (an existing file)
	run "$as" "${e[@]}" "${ci[@]}" sh -c "echo new >>'$H/data/log'"
	check_status 2 "$mode: write: sh is refused"
	expect_fs "$mode: write: named" \
		"syscage: refused openat(AT_FDCWD, \"$H/data/log\", O_WRONLY|O_CREAT|O_APPEND, 0666) in pid N (sh): write $H/data/log: no fs rule of $LL covers it (Landlock)" \
		'fs rw $HOME/data' '--rw ~/data'
	# exec
	run "$as" "${e[@]}" "${ci[@]}" sh -c "'$H/data/tool'"
	check_status 126 "$mode: exec: sh cannot run the tool"
	expect_fs "$mode: exec: named" \
		"syscage: refused execve(\"$H/data/tool\") in pid N (sh): execute $H/data/tool: no fs rule of $LL covers it (Landlock)" \
		'fs rx $HOME/data' '--rx ~/data'
	# create
	run "$as" "${e[@]}" "${ci[@]}" sh -c ": >'$H/data/new-$mode'"
	check_status 2 "$mode: create: sh is refused"
	expect_fs "$mode: create: named" \
		"syscage: refused openat(AT_FDCWD, \"$H/data/new-$mode\", O_WRONLY|O_CREAT|O_TRUNC, 0666) in pid N (sh): create $H/data/new-$mode: no fs rule of $LL covers it (Landlock)" \
		'fs rw $HOME/data' '--rw ~/data'
	# unix connect: the socket is absent from the private view, and
	# another program's socket is not suggested (it acts for you)
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p ci --report-paths -- \
		/usr/bin/python3 -c "$CONNECT"
	check_status 1 "$mode: connect: python3 is refused"
	expect_fs "$mode: connect: named" \
		"syscage: refused connect(3) in pid N (python3): connect $SOCKDIR/s.sock: absent from the private view (no fs rule names it)" \
		"/run holds the services' sockets (they act for you)" ""
	# a path hidden by the private home
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p ci --report-paths -- \
		cat "$H/data/secret"
	check_status 1 "$mode: hidden: cat is refused under ci"
	expect_fs "$mode: hidden: named, with the empty directory that hides it" \
		"syscage: refused openat(AT_FDCWD, \"$H/data/secret\", O_RDONLY, 0) in pid N (cat): read $H/data/secret: hidden: $H is empty in the private view" \
		'fs ro $HOME/data' '--ro ~/data'

	# TCP: a port no 'net connect' names (Landlock), and an address
	# beyond lo in the view's network namespace (net loopback).
	run "$as" "${e[@]}" /usr/bin/python3 -c "$(tcp 127.0.0.1)"
	check_out '^connected$' "$mode: control: unconfined, python3 connects to 127.0.0.1:$PORT"
	run "$as" "${e[@]}" /usr/bin/python3 -c "$(tcp "$HOST_IP")"
	check_out '^connected$' "$mode: control: unconfined, python3 connects to $HOST_IP:$PORT"
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p "$ports" --report-paths -- \
		/usr/bin/python3 -c "$(tcp 127.0.0.1)"
	check_status 1 "$mode: tcp port: python3 is refused"
	want=$(printf 'syscage: refused connect(3) in pid N (python3): connect 127.0.0.1:%s: TCP port %s is not among %s'"'"'s '"'"'net connect'"'"' ports (Landlock)' \
		"$PORT" "$PORT" "$ports")
	got=$(printf '%s\n' "$ERR" | sed -E 's/ in pid [0-9]+ / in pid N /' | grep -A1 -F -- "$want" | head -2)
	if [ "$got" = "$(printf '%s\nsyscage:   allow it with:  net connect %s' "$want" "$PORT")" ]; then
		ok "$mode: tcp port: named, with the policy line that allows it"
	else
		not_ok "$mode: tcp port: named: $ERR"
	fi
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p ci --net loopback --report-paths -- \
		/usr/bin/python3 -c "$(tcp "$HOST_IP")"
	check_status 1 "$mode: net loopback: python3 cannot reach $HOST_IP"
	expect_fs "$mode: net loopback: named" \
		"syscage: refused connect(3) in pid N (python3): connect $HOST_IP:$PORT: only lo in the private view (net loopback)" \
		'net inet' '--net inet'

	# The suggestion works: with the option it names, the read passes.
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p "$LL" --report-paths --ro "$H/data" -- \
		cat "$H/data/secret"
	check_out '^secret-text$' "$mode: read: the option suggested lets it through"
	# Off by default: the same refusal, unnamed.
	run "$as" "${e[@]}" "$SC" "${pre[@]}" -p "$LL" -- cat "$H/data/secret"
	check_status 1 "$mode: default: the read is still refused"
	if printf '%s\n' "$ERR" | grep -q '^syscage: refused'; then
		not_ok "$mode: default: no path named without --report-paths: $ERR"
	else
		ok "$mode: default: no path named without --report-paths"
	fi
	# --audit: nothing refused, what would have been named.
	run "$as" "${e[@]}" "$SC" "${pre[@]}" --audit -p "$LL" -- sh -c \
		": >'$H/data/new-$mode' && echo made"
	check_out '^made$' "$mode: --audit: the create goes through"
	check_err "^syscage: audit: would refuse openat\\(AT_FDCWD, \"$H/data/new-$mode\", O_WRONLY\\|O_CREAT\\|O_TRUNC, 0666\\) in pid [0-9]+ \\(sh\\): create $H/data/new-$mode: no fs rule of $LL covers it \\(Landlock\\)\$" \
		"$mode: --audit: says the policy would refuse it"
	run "$as" "${e[@]}" "$SC" "${pre[@]}" --audit -p ci -- sh -c \
		"cat '$H/data/secret'"
	check_out '^secret-text$' "$mode: --audit -p ci: the read goes through"
	check_err "^syscage: audit: would refuse openat\\(AT_FDCWD, \"$H/data/secret\", O_RDONLY, 0\\) in pid [0-9]+ \\(cat\\): read $H/data/secret: hidden: $H is empty in the private view\$" \
		"$mode: --audit -p ci: says ci's view would hide it"
	rm -f "$H/data/new-$mode"
done

# --report: on, and in the JSON with its fields.
cd "$WORK/root" || exit 1
run root env HOME="$H" TMPDIR="$WORK/tmp" "$SC" -p "$LL" --report "$WORK/r.jsonl" -- cat "$H/data/secret"
if /usr/bin/python3 -c 'import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
p = [e for e in ev if e.get("event") == "path-refused"]
s = ev[-1]
sys.exit(0 if p and p[0]["path"] == sys.argv[2] and p[0]["want"] == "read"
         and p[0]["allow"] == "fs ro $HOME/data" and p[0]["option"] == "--ro ~/data"
         and s["paths_refused"] >= 1 else 1)' "$WORK/r.jsonl" "$H/data/secret"; then
	ok "root: --report: the refused path is a JSON event with path, want, allow, option"
else
	not_ok "root: --report: $(cat "$WORK/r.jsonl")"
fi
# A rule that falls short is named with its place; a system directory
# to write is not suggested (the target chose the path: suggest_safe.sh).
run root env HOME="$H" TMPDIR="$WORK/tmp" "$SC" -p "$LL" --report-paths -- sh -c ": >/etc/syscage-fsreport-$$"
expect_fs "root: a rule that falls short is named, with its file and line" \
	"syscage: refused openat(AT_FDCWD, \"/etc/syscage-fsreport-$$\", O_WRONLY|O_CREAT|O_TRUNC, 0666) in pid N (sh): create /etc/syscage-fsreport-$$: fs ro /etc (fs-system, line 12) grants read only" \
	'/etc is a system directory; grant it only if you trust the program' ''
[ -e "/etc/syscage-fsreport-$$" ] && { not_ok "root: /etc was written"; rm -f "/etc/syscage-fsreport-$$"; }
# What ci's 'fs none' hides is named, and no rule is suggested for it.
run root env HOME="$H" TMPDIR="$WORK/tmp" "$SC" -p ci --report-paths -- cat /etc/shadow
check_status 1 "root: fs none: cat /etc/shadow is refused under ci"
got=$(printf '%s\n' "$ERR" | sed -E 's/ in pid [0-9]+ / in pid N /' | grep -A1 -F 'read /etc/shadow' | head -2)
want='syscage: refused openat(AT_FDCWD, "/etc/shadow", O_RDONLY, 0) in pid N (cat): read /etc/shadow: hidden on purpose: the policy says '"'"'fs none /etc/shadow'"'"' (keys, tokens, credentials)
syscage:   no rule suggested: hidden on purpose'
if [ "$got" = "$want" ]; then
	ok "root: fs none: named, and nothing suggested"
else
	not_ok "root: fs none: got: $got; stderr: $ERR"
fi

finish
