#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# ttou.py CMD...: CMD (syscage and its options up to '--') runs as a job
# of a shell with job control on a new terminal, with a target appended
# that takes the terminal's foreground, sets TOSTOP, makes a call the
# policy denies and sleeps.  A writer left in the background then gets
# SIGTTOU, which stops it: syscage must not stop, but write its messages
# and end the run on --timeout.  Prints what the terminal showed, then
# "verdict: exit N", "verdict: stopped by signal N" or "verdict: still
# running".  A control passes a shell that writes after 2 s instead.
import os
import pty
import select
import signal
import sys
import time

TARGET = r"""
import os, signal, termios, time
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
os.setpgid(0, 0)
os.tcsetpgrp(2, os.getpgrp())
a = termios.tcgetattr(2)
a[3] |= termios.TOSTOP
termios.tcsetattr(2, termios.TCSANOW, a)
try:
    os.chroot("/")
except OSError:
    pass
time.sleep(8)
"""


def shell(cmd):
    # The session leader, as a shell: the job in a group of its own, in
    # the foreground; the leader itself never writes to the terminal.
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)
    job = os.fork()
    if job == 0:
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        os.setpgid(0, 0)
        while os.tcgetpgrp(0) != os.getpgrp():
            time.sleep(0.01)
        os.execv(cmd[0], cmd + [sys.executable, "-c", TARGET])
    os.setpgid(job, job)
    os.tcsetpgrp(0, job)
    end = time.time() + 10
    p, st = 0, 0
    while not p and time.time() < end:
        p, st = os.waitpid(job, os.WNOHANG | os.WUNTRACED)
        time.sleep(0.05)
    if not p:
        verdict = "still running"
    elif os.WIFSTOPPED(st):
        verdict = "stopped by signal %d" % os.WSTOPSIG(st)
    else:
        verdict = "exit %d" % os.waitstatus_to_exitcode(st)
    if not p or os.WIFSTOPPED(st):
        os.killpg(job, signal.SIGKILL)
    # The terminal's transcript goes to the parent through a pipe.
    os.write(3, ("verdict: %s\n" % verdict).encode())
    os._exit(0)


def main():
    r, w = os.pipe()
    pid, fd = pty.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 3)
        shell(sys.argv[1:])
    os.close(w)
    out = b""
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 12)
        except OSError:
            break
        if not ready:
            break
        try:
            d = os.read(fd, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    os.waitpid(pid, 0)
    verdict = os.read(r, 4096).decode()
    sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
    sys.stdout.write(verdict)


main()
