#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Named constants for policy files, taken from the system headers at build
# time: gen_consts.py CC... OUTPUT.c [CFLAGS...]
#
# The compiler command is every argument before the first one ending in ".c"
# (so "ccache cc" or "gcc -m32" work).  Candidate names are the object-like
# macros and enumerators of the headers below whose names match PATTERNS;
# each is then compiled in a probe, and whatever is not an integer constant
# expression is dropped.  The values are computed by the C compiler from the
# real definitions, never by this script.
import os
import re
import shlex
import subprocess
import sys
import tempfile

PROG = "gen_consts.py"

# Included in this order by the probe and by the generated table.
HEADERS = [
    "errno.h",
    "fcntl.h",
    "sched.h",
    "signal.h",
    "termios.h",
    "time.h",
    "unistd.h",
    "netinet/in.h",
    "sys/eventfd.h",
    "sys/file.h",
    "sys/inotify.h",
    "sys/ioctl.h",
    "sys/mman.h",
    "sys/mount.h",
    "sys/personality.h",
    "sys/prctl.h",
    "sys/ptrace.h",
    "sys/random.h",
    "sys/resource.h",
    "sys/signalfd.h",
    "sys/socket.h",
    "sys/stat.h",
    "sys/timerfd.h",
    "sys/wait.h",
]

# Included only where present (__has_include).
OPTIONAL_HEADERS = [
    "linux/falloc.h",
    "linux/futex.h",
    "linux/kcmp.h",
    "linux/memfd.h",
    "linux/netlink.h",
    "linux/sched.h",
    "asm/prctl.h",
]

# Names taken from everything the headers above define.
PATTERNS = [
    r"O_\w+", r"AF_\w+", r"PF_\w+", r"SOCK_\w+", r"CLONE_\w+",
    r"PROT_\w+", r"MAP_\w+", r"MADV_\w+", r"PR_\w+", r"TIOC\w+",
    r"TC\w+", r"FIO\w+", r"F_\w+", r"FD_\w+", r"AT_\w+",
    r"SIG[A-Z0-9]+", r"PER_\w+", r"IPPROTO_\w+", r"SOL_\w+", r"SO_\w+",
    r"MSG_\w+", r"FUTEX_\w+", r"RLIMIT_\w+", r"P_[A-Z0-9]+", r"W[A-Z]+",
    r"NETLINK_\w+", r"GRND_\w+", r"MFD_\w+", r"EFD_\w+", r"SFD_\w+",
    r"TFD_\w+", r"CLOCK_\w+", r"TIMER_\w+", r"S_I\w+", r"[RWXF]_OK",
    r"SEEK_\w+", r"KCMP_\w+", r"ARCH_\w+", r"MCL_\w+", r"MREMAP_\w+",
    r"MS_\w+", r"LOCK_\w+", r"FALLOC_\w+",
    r"PTRACE_\w+",  # default's ptrace rule (LeakSanitizer)
]

# Names taken only from what one header defines on its own: errno names
# (termios.h has ECHO, ECHOE...), inotify flags (netinet/in.h has
# IN_CLASSA_NET...), and the personality flags, which have no common prefix.
# A name matching an exclusive pattern is never taken from elsewhere.
GROUPS = [
    ("errno.h", r"E[A-Z0-9]+", True),
    ("sys/inotify.h", r"IN_\w+", True),
    ("sys/personality.h", r"[A-Z]\w*", False),
]

ESSENTIAL = [
    "O_RDONLY", "O_ACCMODE", "AF_UNIX", "AF_INET", "AF_INET6",
    "AF_NETLINK", "AF_PACKET", "SOCK_STREAM", "SOCK_CLOEXEC",
    "CLONE_NEWUSER", "CLONE_NEWNS", "CLONE_THREAD", "PROT_EXEC",
    "PROT_WRITE", "MAP_SHARED", "PR_SET_NO_NEW_PRIVS", "TIOCSTI",
    "TIOCLINUX", "TCGETS", "TIOCGWINSZ", "FIONREAD", "F_SETFL", "AT_FDCWD",
    "EPERM", "ENOSYS", "EACCES", "EAFNOSUPPORT", "SIGKILL", "SIGSYS",
    "PER_LINUX", "READ_IMPLIES_EXEC", "RLIMIT_NOFILE",
]

INT_TYPES = [
    "_Bool", "char", "signed char", "unsigned char", "short",
    "unsigned short", "int", "unsigned int", "long", "unsigned long",
    "long long", "unsigned long long",
]


def die(msg):
    sys.stderr.write("%s: %s\n" % (PROG, msg))
    sys.exit(1)


def preamble(headers, optional):
    out = ["#ifndef _GNU_SOURCE", "#define _GNU_SOURCE", "#endif"]
    out += ["#include <%s>" % h for h in headers]
    for h in optional:
        out += ["#if __has_include(<%s>)" % h, "#include <%s>" % h, "#endif"]
    return "\n".join(out) + "\n"


DEFINE_RE = re.compile(r"#\s*define\s+([A-Za-z_]\w*)(\(?)")
UNDEF_RE = re.compile(r"#\s*undef\s+([A-Za-z_]\w*)")
MARKER_RE = re.compile(r'#\s*\d+\s+"([^"]*)"')
ENUM_RE = re.compile(r"\benum\b\s*(?:\w+\s*)?\{([^{}]*)\}")
PARENS_RE = re.compile(r"\([^()]*\)")
ENUMERATOR_RE = re.compile(r"\s*([A-Za-z_]\w*)")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def names_defined(dump):
    """Object-like macros and enumerators in `cc -E -dD` output."""
    macros = set()
    code = []
    builtin = False
    for line in dump.splitlines():
        m = MARKER_RE.match(line)
        if m:
            builtin = m.group(1) in ("<built-in>", "<command-line>")
            continue
        m = DEFINE_RE.match(line)
        if m:
            if not builtin and not m.group(2):
                macros.add(m.group(1))
            continue
        m = UNDEF_RE.match(line)
        if m:
            macros.discard(m.group(1))
            continue
        if not line.startswith("#"):
            code.append(line)
    enums = set()
    for body in ENUM_RE.findall(" ".join(code)):
        while True:
            flat = PARENS_RE.sub("", body)
            if flat == body:
                break
            body = flat
        for item in body.split(","):
            m = ENUMERATOR_RE.match(item)
            if m:
                enums.add(m.group(1))
    return macros | enums


def start_dump(cc, cflags, tmpdir, tag, text):
    path = os.path.join(tmpdir, tag + ".c")
    with open(path, "w") as f:
        f.write(text)
    cmd = cc + cflags + ["-E", "-dD", path]
    try:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE,
                                universal_newlines=True), cmd
    except OSError as e:
        die("cannot run %s: %s" % (cc[0], e))


def finish_dump(proc_cmd):
    proc, cmd = proc_cmd
    out, err = proc.communicate()
    if proc.returncode != 0:
        die("%s failed:\n%s" % (" ".join(cmd), err))
    return names_defined(out)


def candidates(cc, cflags, tmpdir):
    general = re.compile("|".join("(?:%s)" % p for p in PATTERNS))
    exclusive = re.compile("|".join("(?:%s)" % g[1] for g in GROUPS if g[2]))
    jobs = [start_dump(cc, cflags, tmpdir, "all",
                       preamble(HEADERS, OPTIONAL_HEADERS))]
    for i, (header, _, _) in enumerate(GROUPS):
        jobs.append(start_dump(cc, cflags, tmpdir, "group%d" % i,
                               preamble([header], [])))
    sets = [finish_dump(j) for j in jobs]
    names = set(n for n in sets[0]
                if general.fullmatch(n) and not exclusive.fullmatch(n))
    for (header, pattern, _), found in zip(GROUPS, sets[1:]):
        names |= set(n for n in found if re.fullmatch(pattern, n))
    return names


def probe_text(names):
    is_int = ", ".join("%s: 1" % t for t in INT_TYPES)
    lines = [preamble(HEADERS, OPTIONAL_HEADERS)]
    first = len("".join(lines).splitlines()) + 1
    for i, n in enumerate(names):
        lines.append("_Static_assert(_Generic((%s), %s, default: 0), \"\"); "
                     "enum { cage_probe_%d = (%s) ? 1 : 1 };\n"
                     % (n, is_int, i, n))
    return "".join(lines), first


def probe(cc, cflags, tmpdir, names):
    """Keep the names that are integer constant expressions."""
    path = os.path.join(tmpdir, "probe.c")
    # Only diagnostics proper: not "In file included from probe.c:N".
    line_re = re.compile("^" + re.escape(path) + r":(\d+):", re.M)
    names = sorted(names)
    while True:
        text, first = probe_text(names)
        with open(path, "w") as f:
            f.write(text)
        cmd = cc + cflags + ["-fsyntax-only", "-w", path]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE,
                              universal_newlines=True)
        if proc.returncode == 0:
            return names
        bad = set()
        err = ANSI_RE.sub("", proc.stderr)
        for m in line_re.finditer(err):
            i = int(m.group(1)) - first
            if i < 0 or i >= len(names):
                die("probe does not compile:\n%s" % proc.stderr)
            bad.add(i)
        if not bad:
            die("probe does not compile:\n%s" % proc.stderr)
        names = [n for i, n in enumerate(names) if i not in bad]


def write_table(output, names):
    out = ["/* Generated by gen_consts.py: do not edit. */\n",
           '#include "base/consts.h"\n\n',
           preamble(HEADERS, OPTIONAL_HEADERS), "\n",
           "const struct cage_const cage_consts[] = {\n"]
    for n in names:
        out.append('\t{ "%s", (uint64_t)(int64_t)(%s) },\n' % (n, n))
    out.append("};\n\nconst size_t cage_consts_count = %d;\n" % len(names))
    tmp = output + ".tmp"
    with open(tmp, "w") as f:
        f.write("".join(out))
    os.replace(tmp, output)


def main():
    args = sys.argv[1:]
    split = next((i for i, a in enumerate(args) if a.endswith(".c")), None)
    if not split:
        die("usage: %s CC... OUTPUT.c [CFLAGS...]" % PROG)
    cc = args[:split]
    if len(cc) == 1 and " " in cc[0]:
        cc = shlex.split(cc[0])
    output, cflags = args[split], args[split + 1:]
    with tempfile.TemporaryDirectory(prefix="gen_consts.") as tmpdir:
        names = probe(cc, cflags, tmpdir, candidates(cc, cflags, tmpdir))
    missing = [n for n in ESSENTIAL if n not in names]
    if missing:
        die("essential constants missing from the system headers: %s"
            % " ".join(missing))
    write_table(output, sorted(names))


if __name__ == "__main__":
    main()
