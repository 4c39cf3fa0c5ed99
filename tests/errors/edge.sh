#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Odd and hostile policy inputs: a directory, a FIFO, a device, an
# unreadable file, 100 MB, binary data, deep and cyclic includes, 10,000
# rules, libseccomp's slow and oversized shapes, a file rewritten while it
# is read.  Each must end in a clear error naming the file (and line:col
# when a statement is at fault), or in success: never a crash, a hang or a
# partly applied filter.  A refused policy exits 1 under --check and 125
# under -p, and its target never runs.  As root and as an unprivileged
# user; generated files live in a temporary directory.
. "$(dirname "$0")/../integration/lib.sh"

# Seconds a run may take before it counts as hung: longer under ASan,
# whose realloc copies at every growth of the parser's statement array
# (quadratic in statements), where the files of 10,000 lines are tried as
# root only, to stay within meson's timeout.
T=30
heavy=(root user)
if grep -q __asan_init "$SYSCAGE"; then
	T=300
	heavy=(root)
fi
umask 022
WRITER=
trap '[ -z "$WRITER" ] || kill "$WRITER" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/mark" "$WORK/p"
chmod 777 "$WORK/mark"
P=$WORK/p
n=0

# target: a fresh marker path that the target creates if it runs.
target() {
	n=$((n + 1))
	MARK=$WORK/mark/ran.$n
}

# has_line LINE DESC: stderr has exactly this line, or one that matches
# LINE if it is a regular expression starting with ^.
has_line() {
	local how=-Fxq

	[[ $1 == ^* ]] && how=-Eq
	if printf '%s\n' "$ERR" | grep $how -- "$1"; then
		ok "$2"
	else
		not_ok "$2: stderr lacks the line: $1"
		printf '  stderr: %s\n' "$(printf '%s' "$ERR" | head -c 2000)"
	fi
}

# refused MODE POLICY LINE DESC: --check exits 1 and -p exits 125, both
# printing LINE, and the target never runs.
refused() {
	local mode=$1 pol=$2 line=$3 desc="$1: $4"

	run "$mode" timeout $T "$SC" --check "$pol"
	check_status 1 "$desc: --check exits 1"
	has_line "$line" "$desc: --check says why"
	target
	run "$mode" timeout $T "$SC" -p "$pol" -- touch "$MARK"
	check_status 125 "$desc: -p exits 125"
	has_line "$line" "$desc: -p says why"
	if [ -e "$MARK" ]; then
		not_ok "$desc: the target ran"
	else
		ok "$desc: the target never ran"
	fi
}

# accepted MODE POLICY DESC: the target runs under it.
accepted() {
	local mode=$1 pol=$2 desc="$1: $3"

	target
	run "$mode" timeout $T "$SC" -p "$pol" -- touch "$MARK"
	check_status 0 "$desc: runs"
	if [ -e "$MARK" ]; then
		ok "$desc: the target ran"
	else
		not_ok "$desc: the target did not run"
	fi
}

# mkpol NAME: a policy file from stdin, readable by the test user.
mkpol() {
	cat >"$P/$1"
	chmod 644 "$P/$1"
}

# --- not a regular file ---------------------------------------------------
mkdir "$P/dir.policy"
mkfifo -m 666 "$P/fifo.policy"
ln -s /dev/zero "$P/zero.policy"
ln -s loop.policy "$P/loop.policy"
printf 'include default\ninclude dir.policy\n' | mkpol inc-dir.policy
printf 'include default\n\ninclude   fifo.policy\n' | mkpol inc-fifo.policy
printf 'include default\ninclude zero.policy # a device\n' |
	mkpol inc-zero.policy
for mode in root user; do
	refused $mode "$P/dir.policy" "error: $P/dir.policy is a directory" \
		"a directory"
	refused $mode "$P/inc-dir.policy" \
		"$P/inc-dir.policy:2:9: error: $P/dir.policy is a directory" \
		"an included directory"
	# No writer: a blocking open would hang here until the timeout.
	refused $mode "$P/fifo.policy" \
		"error: $P/fifo.policy is not a regular file" "a FIFO"
	refused $mode "$P/inc-fifo.policy" \
		"$P/inc-fifo.policy:3:11: error: $P/fifo.policy is not a regular file" \
		"an included FIFO"
	refused $mode "$P/zero.policy" \
		"error: $P/zero.policy is not a regular file" "/dev/zero"
	refused $mode "$P/inc-zero.policy" \
		"$P/inc-zero.policy:2:9: error: $P/zero.policy is not a regular file" \
		"an included /dev/zero"
	refused $mode "$P/loop.policy" \
		"error: cannot read $P/loop.policy: Too many levels of symbolic links" \
		"a symlink loop"
	refused $mode "$P/none.policy" \
		"error: cannot read $P/none.policy: No such file or directory" \
		"a missing file"
done

# A FIFO with a writer waiting on it: refused all the same, not read.
(printf 'include default\n' >"$P/fifo.policy") &
WRITER=$!
refused root "$P/fifo.policy" "error: $P/fifo.policy is not a regular file" \
	"a FIFO with a writer"
kill "$WRITER" 2>/dev/null
wait "$WRITER" 2>/dev/null
WRITER=

# --- unreadable -----------------------------------------------------------
printf 'include default\n' | mkpol secret.policy
chmod 000 "$P/secret.policy"
printf 'include default\ninclude secret.policy\n' | mkpol inc-secret.policy
mkdir -m 700 "$P/private"
printf 'include default\n' | mkpol private/in.policy
refused user "$P/secret.policy" \
	"error: cannot read $P/secret.policy: Permission denied" \
	"a file it cannot read"
refused user "$P/inc-secret.policy" \
	"$P/inc-secret.policy:2:9: error: cannot read $P/secret.policy: Permission denied" \
	"an included file it cannot read"
refused user "$P/private/in.policy" \
	"error: cannot read $P/private/in.policy: Permission denied" \
	"a file in a directory it cannot search"
# Root reads what its capabilities let it read, before dropping them.
accepted root "$P/secret.policy" "a mode 000 file"

# --- too large, binary ----------------------------------------------------
truncate -s 100M "$P/sparse.policy"
yes '# 100 MB of comments, all text' | head -c 100M >"$P/big.policy"
{
	echo 'include default'
	yes '# filler' | head -c $((1024 * 1024 - 16 - 1))
	echo
} >"$P/max.policy"
{
	cat "$P/max.policy"
	echo
} >"$P/over.policy"
printf 'include default\n\n\n  include big.policy\n' | mkpol inc-big.policy
printf 'include default\nallow read\0write\n' | mkpol nul.policy
printf 'include default\ninclude nul.policy\n' | mkpol inc-nul.policy
# Bytes that are not text but hold no NUL: parse errors, not a crash.
LC_ALL=C awk 'BEGIN { srand(4); for (i = 0; i < 65536; i++)
	printf "%c", int(rand() * 255) + 1 }' >"$P/noise.policy"
for mode in root user; do
	for f in sparse big over; do
		refused $mode "$P/$f.policy" \
			"error: $P/$f.policy is larger than 1 MiB, too large for a policy" \
			"$f.policy"
	done
	refused $mode "$P/inc-big.policy" \
		"$P/inc-big.policy:4:11: error: $P/big.policy is larger than 1 MiB, too large for a policy" \
		"an included 100 MB file"
	accepted $mode "$P/max.policy" "a policy of exactly 1 MiB"
	refused $mode "$P/nul.policy" \
		"error: $P/nul.policy is a binary file, not policy text" \
		"a file with a NUL byte"
	refused $mode "$P/inc-nul.policy" \
		"$P/inc-nul.policy:2:9: error: $P/nul.policy is a binary file, not policy text" \
		"an included binary file"
	refused $mode /bin/true "error: /bin/true is a binary file, not policy text" \
		"an executable"
	run $mode timeout $T "$SC" --check "$P/noise.policy"
	check_status 1 "$mode: random bytes: --check exits 1"
	check_err "^$P/noise.policy:[0-9]+:[0-9]+: error: " \
		"$mode: random bytes: errors with their place"
done

# --- includes: depth and cycles -------------------------------------------
# n0 .. n15: sixteen files, the deepest the loader follows.
mkdir "$P/deep"
echo 'include default' >"$P/deep/n0.policy"
for i in $(seq 0 14); do
	echo "include n$((i + 1)).policy" >>"$P/deep/n$i.policy"
done
echo 'allow read' >"$P/deep/n15.policy"
# n15 including n16 is one too deep; so is a chain of 500.
mkdir "$P/deeper" "$P/chain"
cp "$P/deep/"*.policy "$P/deeper/"
printf '# one more\ninclude n16.policy\n' >>"$P/deeper/n15.policy" # line 3
echo 'allow read' >"$P/deeper/n16.policy"
echo 'include default' >"$P/chain/c0.policy"
for i in $(seq 0 499); do
	echo "include c$((i + 1)).policy" >>"$P/chain/c$i.policy"
done
printf 'include self.policy\n' >"$P/self.policy"
printf 'include ./b.policy\n' >"$P/a.policy"
printf 'allow read\ninclude ../p/a.policy\n' >"$P/b.policy"
ln "$P/self.policy" "$P/hard.policy"
printf 'include default\ninclude viasym.policy\n' >"$P/sym.policy"
ln -s sym.policy "$P/viasym.policy"
# A diamond is no cycle: d is read once.
printf 'include default\ninclude l.policy\ninclude r.policy\n' \
	>"$P/top.policy"
echo 'include d.policy' >"$P/l.policy"
echo 'include ./d.policy' >"$P/r.policy"
echo 'allow read' >"$P/d.policy"
# Many files, each read and compared with the others: 3,000 took 30 s.
mkdir "$P/wide"
echo 'include default' >"$P/wide/top.policy"
for i in $(seq 300); do
	echo 'allow read' >"$P/wide/f$i.policy"
	echo "include f$i.policy" >>"$P/wide/top.policy"
done
# One file included 5,000 times is read once.
{
	echo 'include default'
	for ((i = 0; i < 5000; i++)); do echo 'include d.policy'; done
} >"$P/same.policy"
# Each group is looked up among the others: 50,000 took seconds.
{
	echo 'include default'
	for i in $(seq 2000); do echo "define @g$i read"; done
} >"$P/defines.policy"
for mode in root user; do
	refused $mode "$P/wide/top.policy" \
		"$P/wide/top.policy:254:9: error: more than 256 policy files" \
		"300 included files"
	accepted $mode "$P/same.policy" "one file included 5,000 times"
	refused $mode "$P/defines.policy" \
		"^$P/defines.policy:[0-9]+:8: error: more than 1024 groups\$" \
		"2,000 groups"
	accepted $mode "$P/deep/n0.policy" "includes 16 deep"
	refused $mode "$P/deeper/n0.policy" \
		"$P/deeper/n15.policy:3:9: error: includes nested more than 16 deep" \
		"includes 17 deep"
	refused $mode "$P/chain/c0.policy" \
		"$P/chain/c15.policy:1:9: error: includes nested more than 16 deep" \
		"a chain of 500 includes"
	refused $mode "$P/self.policy" \
		"$P/self.policy:1:9: error: include cycle: $P/self.policy includes $P/self.policy, which is already being read" \
		"a file that includes itself"
	refused $mode "$P/hard.policy" \
		"$P/hard.policy:1:9: error: include cycle: $P/hard.policy includes $P/self.policy, which is already being read" \
		"a cycle through a hard link"
	refused $mode "$P/a.policy" \
		"$P/./b.policy:2:9: error: include cycle: $P/./b.policy includes $P/./../p/a.policy, which is already being read" \
		"a cycle of two files"
	refused $mode "$P/sym.policy" \
		"$P/sym.policy:2:9: error: include cycle: $P/sym.policy includes $P/viasym.policy, which is already being read" \
		"a cycle through a symlink"
	accepted $mode "$P/top.policy" "a diamond of includes"
done

# --- many rules -----------------------------------------------------------
calls=(read write close fstat lseek mmap mprotect munmap brk pread64 pwrite64
	readv writev access pipe dup dup2 getpid getuid getgid geteuid getegid)
{
	echo 'include default'
	for ((i = 0; i < 10000; i++)); do
		echo "allow ${calls[i % ${#calls[@]}]}"
	done
} >"$P/ten-thousand.policy"
# No built-in included: the line where a limit is passed is fixed.
{
	printf 'default kill\nallow execve exit_group\n'
	for ((i = 1; i <= 10000; i++)); do
		printf 'allow ioctl if arg1 == %d\n' $((0x10000 + i))
	done
} >"$P/ten-thousand-cond.policy"
# 16,500 64-bit comparisons, 200 to a line: libseccomp 2.5 corrupted its
# heap on this filter (GHSA-2hqh-5c36-grrm), after a minute of work.
{
	printf 'default kill\nallow execve exit_group\n'
	for ((i = 0; i < 16500; i++)); do
		if ((i % 200 == 0)); then
			((i)) && echo ')'
			printf 'allow lseek if arg1 in (0x%x' \
				$((0x100000000 * i + i + 1))
		else
			printf ', 0x%x' $((0x100000000 * i + i + 1))
		fi
	done
	echo ')'
} >"$P/oversized.policy"
# Range comparisons on one syscall: libseccomp took minutes for 300.
{
	printf 'default kill\nallow execve exit_group\n'
	for ((i = 1; i <= 300; i++)); do
		printf 'allow lseek if arg1 <= 0x%x\n' $((0x100000000 * i + i))
	done
} >"$P/ranges.policy"
{
	echo "define @calls ${calls[*]}"
	echo 'default kill'
	for ((i = 0; i < 3000; i++)); do
		echo 'allow @calls'
	done
} >"$P/groups.policy"
# Groups of 30 groups, 9 deep: 30^8 names to walk.
{
	echo 'define @g0 read write'
	for i in $(seq 1 9); do
		printf 'define @g%d' "$i"
		for _ in $(seq 30); do printf ' @g%d' $((i - 1)); done
		echo
	done
	echo 'allow @g9'
} >"$P/group-bomb.policy"
# Within the loader's limits, but 8,000 distinct 32-bit constants cannot
# fit the kernel's 4096 instructions: -p must still fail closed.
{
	echo 'include default'
	for ((i = 1; i <= 4000; i++)); do
		printf 'errno EACCES lseek if arg1 == 0x%x\n' \
			$((0x100000000 * i + i))
	done
} >"$P/kernel-limit.policy"
for mode in "${heavy[@]}"; do
	accepted $mode "$P/ten-thousand.policy" "10,000 rules"
	refused $mode "$P/ten-thousand-cond.policy" \
		"$P/ten-thousand-cond.policy:4099:7: error: more than 4096 argument comparisons by here: a seccomp filter holds at most 4096 instructions" \
		"10,000 conditional rules"
	refused $mode "$P/oversized.policy" \
		"$P/oversized.policy:23:7: error: more than 4096 argument comparisons by here: a seccomp filter holds at most 4096 instructions" \
		"16,500 64-bit comparisons"
	refused $mode "$P/ranges.policy" \
		"$P/ranges.policy:35:7: error: more than 32 range comparisons (<, <=, >, >=) on 'lseek': libseccomp takes too long over them; compare with == or in" \
		"300 range comparisons on one syscall"
	refused $mode "$P/groups.policy" \
		"$P/groups.policy:2852:1: error: too many rules: the policy has more than 65536 by here (one for each syscall and each alternative of its condition)" \
		"3,000 rules through a group of 22 syscalls"
	refused $mode "$P/group-bomb.policy" \
		"$P/group-bomb.policy:11:1: error: too many rules: the policy has more than 65536 by here (one for each syscall and each alternative of its condition)" \
		"groups of groups 9 deep"

	run $mode timeout $T "$SC" --check "$P/kernel-limit.policy"
	check_status 1 "$mode: beyond the kernel's limit: --check exits 1"
	check_err ': error: .* more than 4096 BPF instructions' \
		"$mode: beyond the kernel's limit: --check says so"
	target
	run $mode timeout $T "$SC" -p "$P/kernel-limit.policy" -- touch "$MARK"
	check_status 125 "$mode: beyond the kernel's limit: -p exits 125"
	check_err '^syscage: seccomp.*: .*4096' \
		"$mode: beyond the kernel's limit: the step and the limit are named"
	if [ -e "$MARK" ]; then
		not_ok "$mode: beyond the kernel's limit: the target ran"
	else
		ok "$mode: beyond the kernel's limit: the target never ran"
	fi

	# Stacked with a good policy: none of the filters is applied alone.
	for bad in "$P/dir.policy" "$P/kernel-limit.policy"; do
		target
		run $mode timeout $T "$SC" -p default -p "$bad" -- touch "$MARK"
		check_status 125 "$mode: -p default -p ${bad##*/}: exits 125"
		if [ -e "$MARK" ]; then
			not_ok "$mode: -p default -p ${bad##*/}: the target ran"
		else
			ok "$mode: -p default -p ${bad##*/}: the target never ran"
		fi
	done
done

# --- long lines, many warnings: bounded output ----------------------------
{
	printf 'include default\nallow '
	head -c 1000000 /dev/zero | tr '\0' a
	echo
} >"$P/long-name.policy"
{
	echo 'include default'
	for ((i = 0; i < 5000; i++)); do echo 'allow mmap2'; done
} >"$P/warnings.policy"
run root timeout $T "$SC" --check "$P/long-name.policy"
check_status 1 "a 1 MB syscall name: --check exits 1"
check_err "^$P/long-name.policy:2:7: error: unknown syscall 'aaaa.*\\.\\.\\.$" \
	"a 1 MB syscall name: the message is cut"
if [ ${#ERR} -lt 4096 ]; then
	ok "a 1 MB syscall name: under 4 KiB of diagnostics (${#ERR} bytes)"
else
	not_ok "a 1 MB syscall name: ${#ERR} bytes of diagnostics"
fi
run root timeout $T "$SC" --check "$P/warnings.policy"
check_status 0 "5,000 warnings: --check exits 0"
has_line "note: more than 100 warnings; the rest are not shown" \
	"5,000 warnings: 100 are shown, and a note says so"
if [ "$(printf '%s\n' "$ERR" | grep -c ': warning: ')" -eq 100 ]; then
	ok "5,000 warnings: exactly 100 shown"
else
	not_ok "5,000 warnings: $(printf '%s\n' "$ERR" | grep -c ': warning: ') shown"
fi

# --- hostile names and bytes ---------------------------------------------
# Paths, messages and source lines are shown escaped: no control byte or
# invalid UTF-8 reaches the terminal, no line break forges a "syscage:"
# line (issue 11, point 2).  H is the raw name, HE as syscage shows it;
# a string in a policy cannot hold a line break: HI is for an include.
H=$'hostile\nsyscage: forged\e[2J\xff'
HE='hostile\nsyscage: forged\x1b[2J\xff'
HI=$'hostile\e[2J\xff\x7f'
printf 'include default\nallow opne\n' | mkpol "$H.policy"
printf 'include default\ninclude "%s.missing"\n' "$P/$HI" |
	mkpol inc-hostile.policy
printf 'include default\nallow read\nfs ro "/x\e[2J"\nenv set A="\e]0;x\a"\n' |
	mkpol "$H.ok.policy"
printf 'include default\nfs rw /\n' | mkpol "$H.root.policy"
# clean DESC: the last run's stdout and stderr hold no byte but printable
# ASCII, tab and newline, and no forged line.
clean() {
	if printf '%s\n%s\n' "$OUT" "$ERR" |
		LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f-\xff]'; then
		not_ok "$1: raw control or non-ASCII bytes in the output"
		printf '  %s\n' "$(printf '%s\n%s' "$OUT" "$ERR" | cat -A | head -c 2000)"
	elif printf '%s\n%s\n' "$OUT" "$ERR" | grep -q '^syscage: forged'; then
		not_ok "$1: a forged 'syscage: forged' line"
	else
		ok "$1: escaped"
	fi
}
for mode in root user; do
	refused $mode "$P/$H.missing" \
		"error: cannot read $P/$HE.missing: No such file or directory" \
		"a missing policy with a hostile name"
	clean "$mode: a missing policy with a hostile name"
	refused $mode "$P/$H.policy" \
		"$P/$HE.policy:2:7: error: unknown syscall 'opne' (did you mean 'open'?)" \
		"a policy with a hostile name"
	clean "$mode: a policy with a hostile name"
	refused $mode "$P/inc-hostile.policy" \
		"$P/inc-hostile.policy:2:9: error: cannot read $P/hostile\x1b[2J\xff\x7f.missing: No such file or directory" \
		"an include with a hostile name"
	clean "$mode: an include with a hostile name"
	run $mode timeout $T "$SC" --explain "$P/$H.ok.policy"
	check_status 0 "$mode: --explain of a hostile name exits 0"
	if printf '%s\n' "$OUT" | grep -Fxq "policy $P/$HE.ok.policy"; then
		ok "$mode: --explain names the policy, escaped"
	else
		not_ok "$mode: --explain lacks the line: policy $P/$HE.ok.policy"
	fi
	clean "$mode: --explain of a hostile name, path and value"
	run $mode timeout $T "$SC" --import "$P/$H.json"
	check_status 1 "$mode: --import of a missing hostile name exits 1"
	has_line "syscage: $P/$HE.json: No such file or directory" \
		"$mode: --import of a missing hostile name says why"
	clean "$mode: --import of a missing hostile name"
	# Refused at launch (main.c's fail()), not by --check.
	target
	run $mode timeout $T "$SC" -p "$P/$H.root.policy" -- touch "$MARK"
	check_status 125 "$mode: fs rw / from a hostile name: -p exits 125"
	has_line "syscage: $P/$HE.root.policy:2: 'fs rw /' would let the command write /, the whole machine: narrow the rule, or name the directory with --rw / if you mean it" \
		"$mode: fs rw / from a hostile name: says why"
	clean "$mode: fs rw / from a hostile name"
	if [ -e "$MARK" ]; then
		not_ok "$mode: fs rw / from a hostile name: the target ran"
	fi
done

# --- a policy rewritten while syscage reads it ----------------------------
# Versions A and B deny mkdir with different errnos and have the same
# length, so that a mix of the two or a part of one is a parse error or
# lets mkdir succeed: either shows up.  Each run must apply A or B whole,
# or fail cleanly.
A='include default
errno EPERM  mkdir mkdirat
'
B='include default
errno EACCES mkdir mkdirat
'
# race MODE: rewrite the policy in a loop, "rename" (a new file moved over
# it, as editors do) or "inplace" (truncated and written again, with a
# pause: without one the file is empty most of the time).
race() {
	local how=$1 pol=$P/race-$1.policy i a=0 b=0 empty=0 failed=0 bad=0
	local dir

	printf '%s' "$A" >"$pol"
	chmod 644 "$pol"
	(
		while :; do
			for v in "$A" "$B"; do
				if [ "$how" = rename ]; then
					printf '%s' "$v" >"$pol.tmp"
					chmod 644 "$pol.tmp"
					mv -f "$pol.tmp" "$pol"
				else
					printf '%s' "$v" >"$pol"
					sleep 0.002
				fi
			done
		done
	) &
	WRITER=$!
	for ((i = 0; i < 100; i++)); do
		dir=$WORK/mark/race-$how-$i
		run root timeout $T "$SC" -p "$pol" -- mkdir "$dir"
		if [ "$STATUS" -eq 1 ] && [[ $ERR == *"Operation not permitted"* ]]; then
			a=$((a + 1))
		elif [ "$STATUS" -eq 1 ] && [[ $ERR == *"Permission denied"* ]]; then
			b=$((b + 1))
		elif [ "$STATUS" -eq 125 ] && [[ $ERR == *"$pol"* ]]; then
			failed=$((failed + 1))
		elif [ "$STATUS" -eq 159 ] && [[ $ERR == *"denied execve"* ]] &&
			[ "$how" = inplace ]; then
			# Read between the truncation and the write: an empty
			# policy, which denies everything.
			empty=$((empty + 1))
		else
			bad=$((bad + 1))
			printf '  run %d: status %d\n  stderr: %s\n' "$i" \
				"$STATUS" "$ERR"
		fi
		if [ -e "$dir" ]; then
			bad=$((bad + 1))
			echo "  run $i: mkdir succeeded: neither version applied"
		fi
	done
	kill "$WRITER"
	wait "$WRITER" 2>/dev/null
	WRITER=
	if [ $bad -eq 0 ]; then
		ok "rewritten ($how) during 100 launches: A $a, B $b, empty $empty, refused $failed"
	else
		not_ok "rewritten ($how): $bad runs applied neither version whole"
	fi
}
race rename
race inplace

finish
