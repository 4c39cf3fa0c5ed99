# SPDX-License-Identifier: LGPL-2.1-or-later
# syscage -- bash is a usable interactive shell: in a pseudo-terminal the
# shell prompts, runs commands, ^C interrupts its job and not the shell,
# and the shell's exit status comes back.  Usage: terminal.py SYSCAGE
import os
import pty
import re
import select
import sys
import time

pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "--", "bash", "--norc", "--noprofile", "-i"])
out = b""


def read_for(seconds):
    global out
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                out += os.read(fd, 4096)
            except OSError:
                return


def expect(text, seconds=5.0):
    end = time.time() + seconds
    while time.time() < end and text.encode() not in out:
        read_for(0.1)
    return text.encode() in out


checks = []
read_for(0.5)
os.write(fd, b"echo INTERACTIVE-$((6*7))\n")
checks.append(("a command runs in the interactive shell", expect("INTERACTIVE-42")))
os.write(fd, b"sleep 30; echo SLEEP-DONE\n")
read_for(0.5)
os.write(fd, b"\x03")
os.write(fd, b"echo STILL-HERE\n")
checks.append(("^C interrupts the job, not the shell", expect("STILL-HERE")))
checks.append(("the interrupted job did not finish",
               re.search(rb"(^|\n)SLEEP-DONE", out) is None))
os.write(fd, b"exit 5\n")
read_for(1.0)
_, status = os.waitpid(pid, 0)
checks.append(("the shell's exit status comes back", os.waitstatus_to_exitcode(status) == 5))
failed = 0
for name, good in checks:
    print(("ok - " if good else "not ok - ") + name)
    failed += not good
if failed:
    print(out.decode(errors="replace")[-600:])
print("%d passed, %d failed" % (len(checks) - failed, failed))
sys.exit(1 if failed else 0)
