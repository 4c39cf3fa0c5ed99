#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The private view (src/launch/view*.c, issue 13) on the real kernel, as
# root and as an unprivileged user: tests/view_driver applies a plan in a
# child and runs a probe there.  Each check also runs without the view
# (--none) to prove the probe can see what it looks for.
. "$(dirname "$0")/lib.sh"

: "${VIEW_DRIVER:?VIEW_DRIVER must name tests/view_driver}"
VD=$WORK/view_driver
cp "$VIEW_DRIVER" "$VD"
PY=/usr/bin/python3
# What a probe needs to run: programs and libraries, /etc.
SYS=(--rx /usr --rx /bin --rx /lib --opt-rx /lib64 --ro /etc)
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	umount "$WORK/ro/sub" 2>/dev/null
	rm -f "/dev/shm/syscage-view-$$"
	rm -rf "$WORK"
}
trap cleanup EXIT

# expect_out MODE DESC PATTERN CMD...: CMD's stdout matches PATTERN.
expect_out() {
	local mode=$1 desc=$2 pat=$3
	shift 3
	run "$mode" "$@"
	check_out "$pat" "$mode: $desc"
}

# The files the probes look at, owned by whoever runs them.
setup_files() {
	local owner=$1
	mkdir -p "$WORK/ro/sub" "$WORK/secret" "$WORK/sock"
	mountpoint -q "$WORK/ro/sub" || mount -t tmpfs -o mode=0755 none "$WORK/ro/sub"
	echo f >"$WORK/ro/f"
	echo g >"$WORK/ro/sub/g"
	echo key >"$WORK/secret/key"
	chown -R "$owner" "$WORK/ro" "$WORK/secret"
	chown "$owner" "$WORK/ro/sub/g"
}

# Metadata changes: chmod, chown (to oneself), utime, setxattr.
META='
import errno, os, sys
for p in sys.argv[1:]:
    for name, f in (("chmod", lambda: os.chmod(p, 0o600)),
                    ("chown", lambda: os.chown(p, os.getuid(), os.getgid())),
                    ("utime", lambda: os.utime(p, (1, 1))),
                    ("setxattr", lambda: os.setxattr(p, "user.t", b"1"))):
        try:
            f(); print(p, name, "ok")
        except OSError as e:
            print(p, name, errno.errorcode[e.errno])'

# stat of each argument: "PATH ok" or "PATH ENOENT".
STAT='
import errno, os, sys
for p in sys.argv[1:]:
    try:
        os.stat(p); print(p, "ok")
    except OSError as e:
        print(p, errno.errorcode[e.errno])'

# connect to a Unix socket path or abstract name (leading @), a TCP
# address HOST:PORT; prints the answer or the errno.
CONNECT='
import errno, socket, sys
for a in sys.argv[1:]:
    try:
        if ":" in a and not a.startswith("/"):
            h, p = a.rsplit(":", 1)
            s = socket.create_connection((h, int(p)), timeout=3)
        else:
            s = socket.socket(socket.AF_UNIX)
            s.connect("\0" + a[1:] if a.startswith("@") else a)
        print(a, s.recv(16).decode())
    except OSError as e:
        print(a, errno.errorcode.get(e.errno, str(e)))'

# Serve and connect on 127.0.0.1 and ::1 inside.
LOOPBACK='
import socket
for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    srv = socket.socket(fam); srv.bind((host, 0)); srv.listen(1)
    c = socket.socket(fam); c.connect(srv.getsockname()[:2])
    a, _ = srv.accept(); a.sendall(b"pong"); print(host, c.recv(4).decode())'

# Host services: a Unix socket file, an abstract socket, TCP on all
# addresses; each answers "hi".
SERVER='
import os, socket, sys, threading
def serve(s):
    while True:
        c, _ = s.accept(); c.sendall(b"hi"); c.close()
u = socket.socket(socket.AF_UNIX); u.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o777); u.listen(8)
a = socket.socket(socket.AF_UNIX); a.bind("\0" + sys.argv[2]); a.listen(8)
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("0.0.0.0", 0)); t.listen(8)
print(t.getsockname()[1], flush=True)
for s in (u, a):
    threading.Thread(target=serve, args=(s,), daemon=True).start()
serve(t)'

start_servers() {
	"$PY" -c "$SERVER" "$WORK/sock/agent.sock" "syscage-view-$$" >"$WORK/port" &
	PIDS+=($!)
	for _ in $(seq 50); do
		[ -s "$WORK/port" ] && break
		sleep 0.1
	done
	PORT=$(cat "$WORK/port")
	HOSTIP=$(ip -4 route get 192.0.2.1 2>/dev/null |
		sed -n 's/.* src \([0-9.]*\).*/\1/p')
}

check_metadata() {
	local m=$1 f=$WORK/ro/f g=$WORK/ro/sub/g
	expect_out "$m" "without the view, metadata of a file can change" \
		"$f chmod ok" "$VD" --none -- "$PY" -c "$META" "$f"
	run "$m" "$VD" --mount "${SYS[@]}" --ro "$WORK/ro" -- \
		"$PY" -c "$META" "$f" "$g"
	local want n
	n=$(printf '%s\n' "$OUT" | grep -c ' EROFS$')
	want=8
	if [ "$n" -eq "$want" ]; then
		ok "$m: read-only bind: chmod chown utime setxattr EROFS, submount too"
	else
		not_ok "$m: read-only bind: $n of $want EROFS"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
}

check_absent() {
	local m=$1
	expect_out "$m" "without the view, the secret is there" \
		"$WORK/secret/key ok" "$VD" --none -- "$PY" -c "$STAT" \
		"$WORK/secret/key"
	expect_out "$m" "what no bind names is absent" \
		"^$WORK/secret/key ENOENT.*/root ENOENT.*/sys ENOENT" \
		"$VD" --mount "${SYS[@]}" --ro "$WORK/ro" -- sh -c \
		"'$PY' -c '$STAT' '$WORK/secret/key' /root /sys | tr '\n' ' '"
}

# Whether a pid is in /proc, and the pids there.
PROCS='
import os, sys
pids = sorted((d for d in os.listdir("/proc") if d.isdigit()), key=int)
print(os.path.exists(sys.argv[1]), ",".join(pids))'

check_proc() {
	local m=$1 sleeper
	sleep 300 &
	sleeper=$!
	PIDS+=("$sleeper")
	expect_out "$m" "without the view, /proc shows a host process" \
		"/proc/$sleeper ok" "$VD" --none -- "$PY" -c "$STAT" \
		"/proc/$sleeper"
	expect_out "$m" "PID namespace: /proc shows its processes only" \
		"^False 1,2$" "$VD" --pid "${SYS[@]}" -- "$PY" -c "$PROCS" \
		"/proc/$sleeper"
	kill "$sleeper" 2>/dev/null
}

check_sockets() {
	local m=$1 sock=$WORK/sock/agent.sock
	expect_out "$m" "without the view, host sockets answer" \
		"@syscage-view-$$ hi.*127.0.0.1:$PORT hi" "$VD" --none -- \
		sh -c "'$PY' -c '$CONNECT' '$sock' '@syscage-view-$$' \
		127.0.0.1:$PORT | tr '\n' ' '"
	expect_out "$m" "view: a host Unix socket file cannot be reached" \
		"^$sock ENOENT" "$VD" --mount --net "${SYS[@]}" -- \
		"$PY" -c "$CONNECT" "$sock"
	expect_out "$m" "net loopback: a host abstract socket cannot be reached" \
		"@syscage-view-$$ ECONNREFUSED" "$VD" --net -- \
		"$PY" -c "$CONNECT" "@syscage-view-$$"
	expect_out "$m" "net loopback: serve and connect on 127.0.0.1 and ::1" \
		"127.0.0.1 pong ::1 pong" "$VD" --net --mount "${SYS[@]}" -- \
		sh -c "'$PY' -c '$LOOPBACK' | tr '\n' ' '"
	expect_out "$m" "net loopback: the host's 127.0.0.1 is not ours" \
		"127.0.0.1:$PORT ECONNREFUSED" "$VD" --net -- \
		"$PY" -c "$CONNECT" "127.0.0.1:$PORT"
	if [ -z "$HOSTIP" ]; then
		not_applicable "$m: net loopback: no outside address here"
		not_applicable "$m: (its control)"
		return
	fi
	expect_out "$m" "without the view, the host's address answers" \
		"$HOSTIP:$PORT hi" "$VD" --none -- "$PY" -c "$CONNECT" \
		"$HOSTIP:$PORT"
	expect_out "$m" "net loopback: an outside address is unreachable" \
		"$HOSTIP:$PORT ENETUNREACH" "$VD" --net -- \
		"$PY" -c "$CONNECT" "$HOSTIP:$PORT"
}

check_shm() {
	local m=$1 f=/dev/shm/syscage-view-$$
	echo x >"$f"
	chmod 644 "$f"
	expect_out "$m" "without the view, host /dev/shm is shared" \
		"$f ok" "$VD" --none -- "$PY" -c "$STAT" "$f"
	expect_out "$m" "private dev: host /dev/shm is not there" \
		"$f ENOENT" "$VD" --dev "${SYS[@]}" -- "$PY" -c "$STAT" "$f"
	expect_out "$m" "private tmp: host /dev/shm is not there" \
		"$f ENOENT" "$VD" --tmp --ro /dev "${SYS[@]}" -- \
		"$PY" -c "$STAT" "$f"
}

# Own terminal: fd 0 a tty, /dev/tty opens, /dev/console is it; a pty of
# our own can be made; another pty of the same user cannot be opened.
TTY='
import errno, os, sys
print("isatty", os.isatty(0))
os.close(os.open("/dev/tty", os.O_RDWR)); print("devtty ok")
try:
    print("console", os.stat("/dev/console").st_rdev == os.fstat(0).st_rdev)
except OSError as e:
    print("console", errno.errorcode[e.errno])
try:
    os.close(os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)); print("other ok")
except OSError as e:
    print("other", errno.errorcode[e.errno])
m, s = os.openpty(); print("openpty ok")'

check_tty() {
	local m=$1 holder other
	rm -f "$WORK/ptyname"
	# Its own pid first: "as" may leave a shell between us and it.
	as "$m" "$PY" -c 'import os, time; m, s = os.openpty(); print(os.getpid(), os.ttyname(s), flush=True); time.sleep(120)' \
		>"$WORK/ptyname" 2>/dev/null </dev/null &
	for _ in $(seq 50); do
		[ -s "$WORK/ptyname" ] && break
		sleep 0.1
	done
	read -r holder other <"$WORK/ptyname"
	PIDS+=("$holder")
	in_tty "$m" "$VD" --none -- "$PY" -c "$TTY" "$other"
	check_out "other ok" "$m: without the view, another pty opens"
	in_tty "$m" "$VD" --dev "${SYS[@]}" -- sh -c \
		"'$PY' -c '$TTY' '$other' | tr '\n' ' '"
	check_out "isatty True devtty ok console True other ENOENT openpty ok" \
		"$m: private dev: own terminal works, another pty does not"
	kill "$holder" 2>/dev/null
}

check_pid_init() {
	local m=$1
	run "$m" "$VD" --pid "${SYS[@]}" -- sh -c 'exit 7'
	check_status 7 "$m: PID namespace: the exit code comes through"
	run "$m" "$VD" --pid "${SYS[@]}" -- sh -c 'kill -TERM $$'
	check_status 143 "$m: PID namespace: death by a signal comes through"
	run "$m" "$VD" --none -- sh -c 'sleep 313 & exit 0'
	sleep 0.2
	if pgrep -f '^sleep 313$' >/dev/null; then
		ok "$m: without the view, an orphan outlives the target"
	else
		not_ok "$m: control: no orphan left"
	fi
	pkill -f '^sleep 313$'
	run "$m" "$VD" --pid "${SYS[@]}" -- sh -c 'sleep 313 & exit 0'
	sleep 0.2
	if pgrep -f '^sleep 313$' >/dev/null; then
		not_ok "$m: PID namespace: an orphan outlived the target"
		pkill -f '^sleep 313$'
	else
		ok "$m: PID namespace: orphans die with the target"
	fi
}

# A kernel that refuses user namespaces (user.max_user_namespaces=0 in a
# user namespace of our own, so the host is untouched): the driver fails
# with the step and the sysctl, and runs nothing; best effort runs it.
check_refused() {
	local m=$1 ran
	ran=$WORK/tmp/ran-$m
	rm -f "$ran"
	run "$m" unshare --user --map-root-user sh -c \
		"echo 0 >/proc/sys/user/max_user_namespaces &&
		 exec '$VD' --userns --mount -- touch '$ran'"
	if [ "$STATUS" -eq 125 ] && [ ! -e "$ran" ] &&
		printf '%s' "$ERR" | grep -q 'unshare(CLONE_NEWUSER).*user.max_user_namespaces is 0'; then
		ok "$m: refused user namespace: fails closed, names the sysctl"
	else
		not_ok "$m: refused user namespace: status $STATUS, ran $([ -e "$ran" ] && echo yes)"
		printf '  stderr: %s\n' "$ERR"
	fi
	run "$m" unshare --user --map-root-user sh -c \
		"echo 0 >/proc/sys/user/max_user_namespaces &&
		 exec '$VD' --userns --best-effort --mount -- touch '$ran'"
	if [ "$STATUS" -eq 0 ] && [ -e "$ran" ]; then
		ok "$m: refused user namespace, best effort: runs without the view"
	else
		not_ok "$m: best effort: status $STATUS"
		printf '  stderr: %s\n' "$ERR"
	fi
}

plan 48
mkdir -p "$WORK/sock"
start_servers
for mode in root user; do
	if [ "$mode" = root ]; then
		setup_files root:root
	else
		setup_files "$TEST_USER:$TEST_USER"
	fi
	check_metadata "$mode"
	check_absent "$mode"
	check_proc "$mode"
	check_sockets "$mode"
	check_shm "$mode"
	check_tty "$mode"
	check_pid_init "$mode"
	check_refused "$mode"
done
finish
