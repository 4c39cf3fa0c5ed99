# SPDX-License-Identifier: LGPL-2.1-or-later
# Everyday programs run unchanged under the built-in policies, as root and
# as an unprivileged user: coreutils, bash pipelines, python3, gcc, make,
# git and tar under 'default'; reading and computing under 'stdio'.
. "$(dirname "$0")/lib.sh"

for tool in bash gcc make git tar sha256sum /usr/bin/python3; do
	command -v "$tool" >/dev/null || not_ok "missing $tool: install it (see .ci/run)"
done

for mode in root user; do
	dir=$WORK/$mode
	mkdir -p "$dir"
	[ "$mode" = user ] && [ "$(id -u)" -eq 0 ] && chown "$TEST_USER" "$dir"
	cd "$dir" || exit 1
	printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >hello.c
	printf 'all: hello\n\t./hello\nhello: hello.c\n\tgcc -o hello hello.c\n' >Makefile
	chmod 644 hello.c Makefile

	run $mode "$SC" -- ls -la /usr
	check_status 0 "$mode default: ls"
	run $mode "$SC" -- bash -c 'echo hi | tr a-z A-Z | wc -c; seq 1 5 | sort -rn | head -1; cat /etc/os-release | grep -c ID'
	check_status 0 "$mode default: bash pipelines"
	check_out '^3$' "$mode default: the pipeline's output"
	run $mode "$SC" -- /usr/bin/python3 -c 'import subprocess, threading, json, tempfile, socket
print(subprocess.run(["echo", "sub"], capture_output=True, text=True).stdout.strip())
t = threading.Thread(target=print, args=("thread",)); t.start(); t.join()
with tempfile.TemporaryDirectory() as d: open(d + "/x", "w").write("x")
s = socket.socketpair(); s[0].send(b"p"); print(s[1].recv(1).decode())'
	check_status 0 "$mode default: python3 with subprocess, threads, tempfiles, sockets"
	check_out '^sub$' "$mode default: python3's subprocess ran"
	check_out '^thread$' "$mode default: python3's thread ran"
	run $mode "$SC" -- gcc -O2 -o hello2 hello.c
	check_status 0 "$mode default: gcc compiles hello world"
	run $mode "$SC" -- ./hello2
	check_out '^hello$' "$mode default: and it runs"
	run $mode "$SC" -- make
	check_status 0 "$mode default: make builds and runs"
	run $mode "$SC" -- sh -c 'git init -q repo && cd repo && echo a >a && git add a &&
		git -c user.name=t -c user.email=t@example.org commit -qm first && git log --oneline'
	check_status 0 "$mode default: git init, add, commit"
	check_out 'first' "$mode default: the commit is there"
	run $mode "$SC" -- sh -c 'tar czf t.tgz hello.c Makefile && tar tzf t.tgz'
	check_status 0 "$mode default: tar creates and lists an archive"
	check_out '^Makefile$' "$mode default: tar's listing"

	run $mode "$SC" -p stdio -- cat /etc/hostname
	check_status 0 "$mode stdio: cat"
	run $mode "$SC" -p stdio -- sort /etc/passwd
	check_status 0 "$mode stdio: sort"
	run $mode "$SC" -p stdio -- sha256sum /etc/passwd
	check_status 0 "$mode stdio: sha256sum"
	run $mode "$SC" -p stdio -- /usr/bin/python3 -c 'import json; print(json.dumps(sum(range(10))))'
	check_out '^45$' "$mode stdio: python3 computes"
	run $mode "$SC" -p stdio -- /usr/bin/python3 -c 'open("out.txt", "w")'
	check_status 1 "$mode stdio: python3 cannot open a file for writing"
	check_err 'PermissionError' "$mode stdio: it gets EPERM"
	run $mode "$SC" -p stdio -- sh -c '/bin/true; echo after'
	check_err 'Cannot fork' "$mode stdio: no new processes (fork is refused)"
	cd /
done

finish
