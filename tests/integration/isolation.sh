# SPDX-License-Identifier: LGPL-2.1-or-later
# Beyond seccomp, on the real kernel, as root and as an unprivileged user:
# Landlock paths and ports, the network, the environment, limits, --user
# and kept capabilities, and real CI workloads (make + gcc, python3
# unittest, git) under the built-in ci policy.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3 # not a shim under someone's $HOME

# One python3 program for the file and socket checks: each operation
# prints "OP: ok" or "OP: errno NAME", as the probe does.
cat >"$WORK/ops.py" <<'PYEOF'
import errno, os, socket, sys
def report(op, f):
    try:
        f()
        print(op + ": ok")
    except OSError as e:
        print(op + ": errno " + errno.errorcode.get(e.errno, str(e.errno)))
args = sys.argv[1:]
while args:
    op, args = args[0], args[1:]
    if op == "write":
        p, args = args[0], args[1:]
        report("write", lambda: open(p, "w").write("x"))
    elif op == "read":
        p, args = args[0], args[1:]
        report("read", lambda: open(p).read())
    elif op == "tcp":
        port, args = int(args[0]), args[1:]
        report("tcp", lambda: socket.create_connection(("127.0.0.1", port), 5).close())
    elif op == "pair":
        def pair():
            a, b = socket.socketpair()
            a.send(b"x")
            assert b.recv(1) == b"x"
        report("pair", pair)
    elif op == "bind":
        port, args = int(args[0]), args[1:]
        def bind():
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
            s.close()
        report("bind", bind)
PYEOF
chmod 644 "$WORK/ops.py"
OPS=$(cat "$WORK/ops.py")

# mkdirs MODE DIR...: directories the mode's user owns.
mkdirs() {
	local mode=$1
	shift
	mkdir -p "$@"
	if [ "$mode" = user ] && [ "$(id -u)" -eq 0 ]; then
		chown "$TEST_USER:" "$@"
	fi
}

# in_dir DIR MODE CMD...: run (sets OUT ERR STATUS) in DIR with the
# mode's own $TMPDIR: /tmp, which holds $WORK, must not be what lets a
# write through.
in_dir() {
	local dir=$1 mode=$2
	shift 2
	cd "$dir" || return
	run "$mode" env TMPDIR="$WORK/$mode/tmp" "$@"
	cd "$WORK" || return
}

# A listener on 127.0.0.1 for the TCP checks, outside any sandbox.
$PY - "$WORK/port" <<'PYEOF' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    c.close()
PYEOF
listener=$!
trap 'kill $listener 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port")

for mode in root user; do
	base=$WORK/$mode
	mkdirs $mode "$base" "$base/cwd" "$base/tmp" "$base/outside" \
		"$base/home"
	echo secret >"$base/home/id_ed25519"
	[ "$mode" = user ] && [ "$(id -u)" -eq 0 ] &&
		chown "$TEST_USER:" "$base/home/id_ed25519"

	# untrusted: writes only under $CWD and $TMPDIR.
	in_dir "$base/cwd" $mode "$SC" -v -p untrusted -- $PY -c "$OPS" \
		write "$base/cwd/f" write "$base/tmp/f" write "$base/outside/f"
	check_status 0 "$mode: untrusted runs python3"
	check_err 'landlock ABI [0-9]+' "$mode: -v names the Landlock ABI used"
	if [ "$(printf '%s\n' "$OUT" | head -2 | grep -c '^write: ok$')" -eq 2 ]; then
		ok "$mode: untrusted writes under \$CWD and \$TMPDIR"
	else
		not_ok "$mode: untrusted writes in \$CWD/\$TMPDIR: $OUT"
	fi
	# The private view (issue 13): what no fs rule names is absent.
	check_out '^write: errno ENOENT$' "$mode: untrusted: a write outside \$CWD and \$TMPDIR fails with ENOENT (absent from the view)"
	[ -e "$base/outside/f" ] && not_ok "$mode: the outside file exists"

	in_dir "$base/cwd" $mode "$SC" -p untrusted --rw "$base/outside" -- \
		$PY -c "$OPS" write "$base/outside/f2"
	check_out '^write: ok$' "$mode: --rw DIR widens untrusted"

	# untrusted: nothing in $HOME unless asked for.
	in_dir "$base/cwd" $mode env HOME="$base/home" "$SC" -p untrusted -- \
		$PY -c "$OPS" read "$base/home/id_ed25519"
	check_out '^read: errno ENOENT$' "$mode: untrusted cannot read a file in \$HOME (absent from the view)"
	in_dir "$base/cwd" $mode env HOME="$base/home" "$SC" -- \
		$PY -c "$OPS" read "$base/home/id_ed25519"
	check_out '^read: ok$' "$mode: the default policy can (control)"
	in_dir "$base/cwd" $mode env HOME="$base/home" "$SC" -p untrusted \
		--ro '$HOME/id_ed25519' -- $PY -c "$OPS" read "$base/home/id_ed25519"
	check_out '^read: ok$' "$mode: untrusted with --ro '\$HOME/FILE' reads it"

	# untrusted: no TCP, unix socketpairs work.
	in_dir "$base/cwd" $mode "$SC" -p untrusted -- $PY -c "$OPS" \
		tcp "$PORT" pair
	check_out '^tcp: errno' "$mode: untrusted: a TCP connect to 127.0.0.1 fails"
	check_out '^pair: ok$' "$mode: untrusted: a unix socketpair works"
	in_dir "$base/cwd" $mode "$SC" -- $PY -c "$OPS" tcp "$PORT"
	check_out '^tcp: ok$' "$mode: the default policy connects (control)"
	in_dir "$base/cwd" $mode "$SC" -p untrusted --net inet -- \
		$PY -c "$OPS" tcp "$PORT"
	check_out '^tcp: ok$' "$mode: --net inet overrides untrusted's 'net none'"
	pol=$(policy "ports-$mode" <<P
include default
net inet
net connect 9
P
)
	in_dir "$base/cwd" $mode "$SC" -p "$pol" -- $PY -c "$OPS" tcp "$PORT"
	check_out '^tcp: errno EACCES$' "$mode: 'net connect 9' refuses other ports (Landlock)"

	# ci: tokens in the environment stay out unless named.
	in_dir "$base/cwd" $mode env GITHUB_TOKEN=ghp_secret \
		NPM_TOKEN=npm_secret "$SC" -p ci -- env
	if printf '%s\n' "$OUT" | grep -q TOKEN; then
		not_ok "$mode: ci: a token reaches the target: $OUT"
	else
		ok "$mode: ci: variables named like tokens do not reach the target"
	fi
	check_out '^PATH=' "$mode: ci: PATH does"
	in_dir "$base/cwd" $mode env NPM_TOKEN=npm_secret "$SC" -p ci \
		--env-keep NPM_TOKEN --env A=b -- env
	check_out '^NPM_TOKEN=npm_secret$' "$mode: ci: --env-keep passes one"
	check_out '^A=b$' "$mode: --env sets one"

	# Limits.
	in_dir "$base/cwd" $mode "$SC" --rlimit nofile=16 -- sh -c \
		'ulimit -n; ulimit -Hn'
	if [ "$OUT" = "$(printf '16\n16')" ]; then
		ok "$mode: --rlimit nofile=16 is the target's soft and hard limit"
	else
		not_ok "$mode: --rlimit nofile=16: $OUT $ERR"
	fi

	# Real workloads under ci, in a checkout of their own.
	job=$base/cwd/job
	mkdirs $mode "$job"
	cat >"$job/Makefile" <<'MK'
CFLAGS = -O2 -Wall -Werror
test: sum_test
	./sum_test
sum_test: sum.o sum_test.o
	$(CC) -o $@ $^
clean:
	rm -f *.o sum_test
MK
	cat >"$job/sum.c" <<'C'
int sum(int a, int b) { return a + b; }
C
	cat >"$job/sum_test.c" <<'C'
#include <stdio.h>
int sum(int a, int b);
int main(void) { if (sum(2, 3) != 5) return 1; puts("tests passed"); return 0; }
C
	cat >"$job/test_calc.py" <<'PYT'
import tempfile, unittest
class Calc(unittest.TestCase):
    def test_add(self):
        self.assertEqual(2 + 3, 5)
    def test_tmp(self):
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"x")
PYT
	git init -q -b main "$base/tmp/origin" &&
		git -C "$base/tmp/origin" -c user.name=t -c user.email=t@example.org \
			commit -q --allow-empty -m init
	[ "$mode" = user ] && [ "$(id -u)" -eq 0 ] &&
		chown -R "$TEST_USER:" "$job" "$base/tmp/origin"

	in_dir "$job" $mode "$SC" -p ci -- make test
	check_status 0 "$mode: ci: make builds and tests a C project with gcc"
	check_out '^tests passed$' "$mode: ci: and the tests ran"
	in_dir "$job" $mode "$SC" -p ci -- $PY -m unittest -v
	check_status 0 "$mode: ci: a python3 unittest suite passes"
	in_dir "$job" $mode "$SC" -p ci -- sh -c 'git clone -q "$TMPDIR/origin" \
		clone && cd clone && echo hello >f && git add f &&
		git -c user.name=ci -c user.email=ci@example.org commit -qm add &&
		git log --oneline | wc -l'
	check_status 0 "$mode: ci: git clones a local repository and commits"
	check_out '^2$' "$mode: ci: and the commit is there"

	# The same job cannot write outside its checkout and $TMPDIR.
	in_dir "$job" $mode "$SC" -p ci -- sh -c \
		"make -s clean test >/dev/null && echo built;
		 echo x >'$base/outside/ci' || echo refused;
		 git clone -q \"\$TMPDIR/origin\" '$base/outside/clone' 2>/dev/null ||
			echo clone refused"
	check_out '^built$' "$mode: ci: the job builds"
	check_out '^refused$' "$mode: ci: a write outside \$CWD and \$TMPDIR is refused"
	# Under ci's private /tmp the clone may land in the job's own /tmp;
	# what matters is that none reaches the host's.
	if [ ! -e "$base/outside/clone" ]; then
		ok "$mode: ci: so is a clone there (nothing on the host)"
	else
		not_ok "$mode: ci: a clone reached $base/outside/clone"
	fi
	[ -e "$base/outside/ci" ] && not_ok "$mode: ci wrote outside"
done

# --user, from root: the target runs as nobody with no supplementary
# groups; a kept capability survives (ambient), every other one is gone.
run root "$SC" --user nobody -- "$PB" caps
check_out '^Uid:[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534[[:space:]]+65534$' \
	"root: --user nobody runs the target as nobody"
check_out '^Groups:[[:space:]]*$' "root: with no supplementary groups"
for set in CapInh CapPrm CapEff CapAmb CapBnd; do
	check_out "^$set:[[:space:]]+0+$" "root: --user nobody: $set is empty"
done
run root "$SC" --user nobody:nogroup --cap-keep CAP_NET_BIND_SERVICE -- \
	"$PB" caps
for set in CapInh CapPrm CapEff CapAmb CapBnd; do
	check_out "^$set:[[:space:]]+0+400$" \
		"root: --user nobody --cap-keep CAP_NET_BIND_SERVICE: $set is exactly it"
done
run root "$SC" --user nobody --cap-keep CAP_NET_BIND_SERVICE -- \
	$PY -c "$OPS" bind 981
check_out '^bind: ok$' "root: the kept capability works: nobody binds port 981"
run root "$SC" --user nobody -- $PY -c "$OPS" bind 981
check_out '^bind: errno EACCES$' "root: without it nobody cannot"
run user "$SC" --user nobody -- true
check_status 125 "user: --user is refused without root"

# Issue 11, class 5: a write rule never hands over the home directory or
# /.  Started from ~ (also through a symbolic link), from a directory
# above it or from /, or with $TMPDIR at ~, untrusted and ci refuse to
# start (125) and say why; --rw naming the directory is the way out.
for mode in root user; do
	base=$WORK/$mode
	home=$base/home
	ln -sfn "$home" "$base/home-link"
	refused() { # DESC PATTERN: after in_dir
		if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
			printf '%s\n' "$ERR" | grep -Eq -- "$2"; then
			ok "$mode: $1: refused (125)"
		else
			not_ok "$mode: $1: status $STATUS, want 125 and /$2/"
			printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
		fi
	}
	for pol in untrusted ci; do
		in_dir "$home" $mode env HOME="$home" "$SC" -p $pol -- echo ran
		refused "$pol from ~" "'fs rw \\\$(CWD|CHECKOUT)' would let the command write $home, the home directory.*--rw $home"
	done
	in_dir "$base/home-link" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
	refused "untrusted from ~ through a symbolic link" "write $home, the home directory"
	in_dir "$home" $mode env HOME="$base/home-link" "$SC" -p untrusted -- echo ran
	refused "untrusted from ~ with \$HOME a symbolic link to it" "the home directory"
	in_dir "$base" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
	refused "untrusted from the parent of ~" "which holds the home $home"
	in_dir / $mode env HOME="$home" "$SC" -p untrusted -- echo ran
	refused "untrusted from /" "write /, the whole machine"
	in_dir "$base/cwd" $mode env HOME="$home" "$SC" -p untrusted -- \
		env TMPDIR="$home" true
	check_status 0 "$mode: untrusted from a project directory runs"
	in_dir "$base/cwd" $mode env HOME="$home" TMPDIR="$home" "$SC" -p untrusted -- echo ran
	refused "untrusted with \$TMPDIR at ~" "'fs rw \\\$TMPDIR'.*set TMPDIR"
	# A user without a home: / is still refused, a project directory not.
	for h in / /nonexistent unset; do
		henv=(env HOME="$h")
		[ $h = unset ] && henv=(env -u HOME)
		in_dir / $mode "${henv[@]}" "$SC" -p untrusted -- echo ran
		refused "untrusted from / with HOME $h" "the whole machine"
		in_dir "$base/cwd" $mode "${henv[@]}" "$SC" -p untrusted -- echo ran
		check_out '^ran$' "$mode: untrusted from a project directory with HOME $h runs"
	done
	# The user's own home from the password database, whatever $HOME says.
	pwhome=$(getent passwd "$(as $mode id -u)" | cut -d: -f6)
	pwdir=$pwhome
	while [ ! -d "$pwdir" ]; do pwdir=$(dirname "$pwdir"); done
	if [ "$pwdir" != / ]; then
		in_dir "$pwdir" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
		refused "untrusted from $pwdir with HOME elsewhere (home $pwhome)" "would let the command write $pwdir"
	fi
	# The way out: the user names the directory.
	in_dir "$home" $mode env HOME="$home" "$SC" -p untrusted --rw "$home" -- echo ran
	check_out '^ran$' "$mode: untrusted --rw ~ from ~ runs"
	in_dir "$home" $mode env HOME="$home" "$SC" -p untrusted --rw . -- echo ran
	check_out '^ran$' "$mode: untrusted --rw . from ~ runs"
	in_dir "$home" $mode env HOME="$home" "$SC" -p untrusted --ro "$home" -- echo ran
	refused "untrusted --ro ~ from ~ (names it for reading only)" "the home directory"
	in_dir "$home" $mode env HOME="$home" "$SC" -- echo ran
	check_out '^ran$' "$mode: default (no fs rules) from ~ runs"
	pol=$(policy "rw-root-$mode" <<'P'
include default
fs rw /
P
)
	in_dir "$base/cwd" $mode "$SC" -p "$pol" -- echo ran
	refused "a policy's 'fs rw /'" "rw-root-$mode.policy:2: 'fs rw /' would let the command write /, the whole machine"
	in_dir "$base/cwd" $mode "$SC" -p "$pol" --rw / -- echo ran
	check_out '^ran$' "$mode: a policy's 'fs rw /' with --rw / runs"
	# -v: what the variables stand for.
	in_dir "$base/cwd" $mode env HOME="$home" "$SC" -v -p untrusted -- true
	for v in "CWD is $base/cwd" "HOME is $home" "TMPDIR is $WORK/$mode/tmp" \
		"EXE is /(usr/)?bin/true" 'TTY is \(none\)'; do
		check_err "^syscage: \\\$$v\$" "$mode: -v says \$$v"
	done
	# Second review: read and execute rules too, hidden directories of
	# a home, the system's trees.  $EXE in ~ is the command's file only.
	check_err '^syscage: \$EXE is the command.s file /(usr/)?bin/true, not its directory' \
		"$mode: -v says \$EXE was narrowed from /usr/bin"
	cp /bin/cat "$home/cat" && chmod 755 "$home/cat"
	in_dir "$base/cwd" $mode env HOME="$home" "$SC" -v -p untrusted -- \
		"$home/cat" "$home/id_ed25519"
	if [ "$STATUS" -ne 0 ] && [ -z "$OUT" ] &&
		printf '%s\n' "$ERR" | grep -q "EXE is the command's file $home/cat, not its directory $home (a home directory)"; then
		ok "$mode: untrusted runs ~/cat, which cannot read ~/id_ed25519 (\$EXE narrowed)"
	else
		not_ok "$mode: ~/cat under untrusted: status $STATUS, out '$OUT'"
		printf '  stderr: %s\n' "$ERR"
	fi
	in_dir "$base/cwd" $mode env HOME="$home" "$SC" -p ci -- "$home/cat" "$base/cwd/f"
	check_status 0 "$mode: ci runs ~/cat on a file of the project"
	pol=$(policy "ro-cwd-$mode" <<'P'
include default
fs ro $CWD
P
)
	in_dir "$home" $mode env HOME="$home" "$SC" -p "$pol" -- echo ran
	refused "a policy's 'fs ro \$CWD' from ~" "'fs ro \\\$CWD' would let the command read $home, the home directory.*--ro $home"
	in_dir "$home" $mode env HOME="$home" "$SC" -p "$pol" --ro "$home" -- echo ran
	check_out '^ran$' "$mode: 'fs ro \$CWD' from ~ with --ro ~ runs"
	for d in .ssh .config .local/bin; do
		mkdir -p "$home/$d"
		[ $mode = user ] && chown -R "$TEST_USER:" "$home/${d%%/*}"
		in_dir "$home/$d" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
		refused "untrusted from ~/$d" "write $home/$d(, inside $home/\\.[a-z]+)?, a hidden directory of a home.*--rw $home/$d"
	done
	in_dir "$home/.ssh" $mode env HOME="$home" "$SC" -p untrusted --rw . -- echo ran
	check_out '^ran$' "$mode: untrusted --rw . from ~/.ssh runs"
	in_dir "$base/cwd" $mode env HOME="$home" TMPDIR="$home/.config" "$SC" -p ci -- echo ran
	refused "ci with \$TMPDIR in ~/.config" "'fs rw \\\$TMPDIR' would let the command write $home/.config, a hidden"
	mkdir -p "$home/proj/.git"
	in_dir "$home/proj/.git" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
	check_out '^ran$' "$mode: untrusted from ~/proj/.git runs (hidden in a project, not in ~)"
	ln -sfn /etc "$base/etc-link"
	for d in /etc /etc/default /usr /usr/local /proc/sys/kernel /var/lib /var/log \
		/var /run /dev /sys/kernel "$base/etc-link"; do
		[ -d "$d" ] || continue
		in_dir "$d" $mode env HOME="$home" "$SC" -p untrusted -- echo ran
		refused "untrusted from $d" "'fs rw \\\$CWD' would let the command write [^ ]*, (inside [^ ]*, )?the system's"
	done
	for t in /dev/shm /var/tmp; do
		in_dir "$base/cwd" $mode env HOME="$home" TMPDIR=$t "$SC" -p ci -- echo ran
		check_out '^ran$' "$mode: ci with TMPDIR=$t runs"
	done
	# A project below /opt or /usr/src (a container's WORKDIR) is one's
	# own; those directories themselves are the system's.
	for p in /opt /usr/src; do
		mkdir -p "$p" && proj=$(mktemp -d "$p/syscage-proj.XXXXXX") &&
			chmod 1777 "$proj" || { not_ok "$mode: cannot make a project in $p"; continue; }
		in_dir "$proj" $mode env HOME="$home" "$SC" -p ci -- echo ran
		check_out '^ran$' "$mode: ci from a project in $p runs"
		rm -rf "$proj"
		in_dir "$p" $mode env HOME="$home" "$SC" -p ci -- echo ran
		refused "ci from $p itself" "'fs rw \\\$(CWD|CHECKOUT)' would let the command write $p, the system's"
	done
	scratch=$(as $mode mktemp -d /var/tmp/syscage-h8.XXXXXX)
	in_dir "$scratch" $mode env HOME="$home" "$SC" -p ci -- echo ran
	check_out '^ran$' "$mode: ci from a directory in /var/tmp runs"
	rm -rf "$scratch"
	pol=$(policy "rw-etc-$mode" <<'P'
include default
include fs-system
fs rw /etc
P
)
	in_dir "$base/cwd" $mode "$SC" -p "$pol" -- echo ran
	check_out '^ran$' "$mode: a policy's literal 'fs rw /etc' is its author's choice"
done
# A CI job run by root from a checkout in root's home (/root/ci/checkout):
# inside a home, not hidden, not the system's.
if [ -d /root ] && [ "$(id -u)" -eq 0 ]; then
	ci=$(mktemp -d /root/syscage-ci.XXXXXX)
	mkdir -p "$ci/checkout"
	in_dir "$ci/checkout" root env HOME=/root "$SC" -p ci -- echo ran
	check_out '^ran$' "root: ci from /root/.../checkout runs"
	in_dir "$ci/checkout" root env HOME=/root "$SC" --user "$TEST_USER" -p ci -- echo ran
	check_out '^ran$' "root: ci --user from /root/.../checkout runs"
	rm -rf "$ci"
fi
# Root with --user: the target's uid is not root, the check is the same.
for pol in untrusted ci; do
	for d in / /etc; do
		in_dir $d root env HOME="$WORK/root/home" "$SC" --user "$TEST_USER" \
			-p $pol -- echo ran
		if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
			printf '%s\n' "$ERR" | grep -Eq "write /(, the whole machine|etc, the system's)"; then
			ok "root --user: $pol from $d: refused (125)"
		else
			not_ok "root --user: $pol from $d: status $STATUS"
			printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
		fi
	done
done

# Class 6: the terminal the target was started on, no other.  In a pty,
# untrusted opens its own terminal by name and writes to it; a second pty
# of the same user stays closed (tests/escape/other_tty.c goes further).
$PY -c '
import os, pty, sys, time
m, s = pty.openpty()
open(sys.argv[1] + ".new", "w").write(os.ttyname(s))
os.rename(sys.argv[1] + ".new", sys.argv[1])
time.sleep(120)
' "$WORK/other-tty" &
holder=$!
for _ in $(seq 50); do [ -s "$WORK/other-tty" ] && break; sleep 0.1; done
other=$(cat "$WORK/other-tty")
# untrusted's fs rules without its private view: Landlock's $TTY rule
# opens the terminal by its name.  In the view (private dev), the host's
# /dev/pts is not there: the terminal is fds 0-2 and /dev/tty.
nv=$(policy untrusted-no-view <<'P'
include default
include fs-system
net none
fs rw $CWD $TMPDIR
fs rx $EXE
P
)
cd "$WORK/root/cwd" || exit
in_tty root "$SC" -v -p "$nv" -- sh -c \
	't=$(tty) && echo "own: $t" && echo hi >"$t" && echo own-write-ok;
	 echo x >"$1" 2>/dev/null && echo other-write-ok || echo other-refused' \
	sh "$other"
check_out '^syscage: \$TTY is /dev/pts/[0-9]+$' "root: -v names the terminal \$TTY stands for"
check_out '^own-write-ok$' "root: untrusted's fs rules in a pty write to its own terminal"
check_out '^other-refused$' "root: untrusted's fs rules refuse another pty of its user"
in_tty root "$SC" -p untrusted -- sh -c \
	'echo hi >/dev/tty && echo own-write-ok;
	 echo x >"$1" 2>/dev/null && echo other-write-ok || echo other-refused' \
	sh "$other"
cd "$WORK" || exit
kill $holder 2>/dev/null
check_out '^own-write-ok$' "root: untrusted (private view) in a pty writes to its own terminal (/dev/tty)"
check_out '^other-refused$' "root: untrusted (private view) cannot write to another pty of its user"

# Class 8: a policy that denies both sendmsg and seccomp cannot take back
# the hand-over's exception: refused before fork.
pol=$(policy no-seccomp <<'P'
include stdio
errno EPERM seccomp
P
)
run root "$SC" -p "$pol" -- true
check_status 125 "root: a policy denying sendmsg and seccomp is refused"
check_err 'the policy denies sendmsg and seccomp' "root: and says why"

finish
