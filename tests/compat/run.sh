# SPDX-License-Identifier: LGPL-2.1-or-later
# The compat suite (issue 14, point 7): tomorrow's userland.  Debian 13's
# programs (glibc 2.41, coreutils 9.7, python 3.13), from a debootstrap'd
# trixie root (compat/root.sh), run under default, ci and untrusted, each
# compared with its bare run: exit status, standard output, standard
# error (syscage's own lines set apart and shown), and the files it
# leaves (names, types, modes, sizes, contents, fixed times).
#
# The programs run with their own loader by path (ROOT/usr/lib64/ld-
# linux-x86-64.so.2 --library-path ROOT/usr/lib/x86_64-linux-gnu
# ROOT/usr/bin/PROG): that works unprivileged and keeps syscage outside,
# enforcing on the real programs.  A chroot would need CAP_SYS_CHROOT and
# the chroot call, both of which the policies take away, so syscage would
# have to run inside it.  The cost: a program that runs another by name
# (PATH) would get the host's, so the corpus names programs by their
# loader too (find -exec, tar -I) and runs no pipelines.  As root, as the
# unprivileged test user and as root with --user.
. "$(dirname "$0")/../integration/lib.sh"
. "$(dirname "$0")/root.sh"

suite_start=$(date +%s)
if ! compat_root; then
	not_ok "the trixie root: cannot find or make it (see above)"
	finish
	exit 1
fi
ROOT=$COMPAT_ROOT
LD=$ROOT/usr/lib64/ld-linux-x86-64.so.2
LIB=$ROOT/usr/lib/x86_64-linux-gnu
if ver=$("$LD" --library-path "$LIB" "$ROOT/usr/bin/ls" --version) &&
	[[ $ver == *"coreutils) 9."* ]]; then
	ok "control: trixie's ls runs by its loader: ${ver%%$'\n'*}"
else
	not_ok "control: trixie's ls does not run by its loader: $ver"
fi
# A program of the root, by its loader.
T=("$LD" --library-path "$LIB")

# The files every case starts from: fixed contents and times.
make_fixture() {
	local f=$1
	mkdir -p "$f/dir/sub"
	printf 'hello\nworld\n' >"$f/file.txt"
	printf '%s\n' pear apple fig banana apple cherry >"$f/words.txt"
	printf '%s\n' 10 9 100 1 55 >"$f/nums.txt"
	seq 20000 -1 1 | sed 's/$/ line/' >"$f/big.txt"
	printf 'a\n' >"$f/dir/a.txt"
	printf 'bar foo\n' >"$f/dir/sub/b.txt"
	ln -s file.txt "$f/link"
	ln -s ../file.txt "$f/dir/up"
	(cd "$f" && tar --mtime=@1000000000 --owner=0 --group=0 -cf fix.tar dir &&
		gzip -nc file.txt >fix.gz && sha256sum file.txt words.txt >sums)
	find "$f" -exec touch -h -d @1000000000 {} +
	chmod -R go-w "$f"
}

# The files a case left: type, mode, size, content and time (only if
# before 2020, i.e. set by the case; else "new"), sorted; syscage's view
# is not involved (host tools, outside).
state() {
	(cd "$1" && find . -mindepth 1 -printf '%y %m %s %T@ %p -> %l\n' |
		awk '{ $4 = $4 < 1577836800 ? int($4) : "new"; print }' |
		sort && find . -type f -exec md5sum {} + | sort -k 2)
}

# run_case MODE POLICY DIR PROG ARG...: PROG run in a fresh copy of the
# fixture at DIR, bare (POLICY "bare") or under POLICY; sets OUT, ERR,
# STATUS, NOTES (syscage's own lines) and STATE.
run_case() {
	local mode=$1 pol=$2 dir=$3 as=${1%-user} sc=("$SC")
	shift 3
	rm -rf "$dir"
	cp -a "$WORK/fixture" "$dir"
	[ "$mode" != root ] && [ "$(id -u)" -eq 0 ] && chown -h -R "$TEST_USER:" "$dir"
	[ "$mode" = root-user ] && sc+=(--user "$TEST_USER")
	cd "$dir" || return 1
	if [ "$pol" = bare ]; then
		run "${mode#root-}" "${T[@]}" "$@"
	else
		# ci and untrusted see only their file-system rules: the root
		# too (for default, whose files are not restricted, --rx would
		# start a Landlock ruleset of that path alone).
		[ "$pol" = default ] || sc+=(--rx "$ROOT")
		run "$as" "${sc[@]}" -p "$pol" -- "${T[@]}" "$@"
	fi
	cd / || return 1
	NOTES=$(printf '%s\n' "$ERR" | grep '^syscage: ')
	ERR=$(printf '%s\n' "$ERR" | grep -v '^syscage: ')
	STATE=$(state "$dir")
}

# c NAME PROG ARG...: one program of the corpus, bare and under each
# policy, in every mode.  $FILTER (a sed script) evens out what differs
# from run to run anyway (mktemp's random names).
c() {
	local name=$1 prog=$2 mode pol bout berr bst bstate diff
	shift 2
	for mode in "${modes[@]}"; do
		local dir=$WORK/$mode-run
		run_case "$mode" bare "$dir" "$ROOT/usr/bin/$prog" "$@"
		bout=$(printf '%s\n' "$OUT" | sed -E "${FILTER:-}")
		berr=$ERR bst=$STATUS
		bstate=$(printf '%s\n' "$STATE" | sed -E "${FILTER:-}")
		for pol in default ci untrusted; do
			run_case "$mode" "$pol" "$dir" "$ROOT/usr/bin/$prog" "$@"
			diff=
			[ "$STATUS" -eq "$bst" ] || diff+=" status $STATUS (bare $bst)"
			[ "$(printf '%s\n' "$OUT" | sed -E "${FILTER:-}")" = "$bout" ] ||
				diff+=" stdout"
			[ "$ERR" = "$berr" ] || diff+=" stderr"
			[ "$(printf '%s\n' "$STATE" | sed -E "${FILTER:-}")" = "$bstate" ] ||
				diff+=" files"
			if [ -z "$diff" ]; then
				ok "$mode $pol: $name: as bare (status $bst)"
				[ -z "$NOTES" ] || printf '#   syscage said: %s\n' "$NOTES"
			else
				not_ok "$mode $pol: $name: differs from bare:$diff"
				printf '  bare stdout: %s\n  bare stderr: %s\n' "$bout" "$berr"
				printf '  stdout: %s\n  stderr: %s\n  syscage: %s\n' "$OUT" "$ERR" "$NOTES"
				diff <(printf '%s\n' "$bstate") <(printf '%s\n' "$STATE") | head -20
			fi
		done
	done
}

modes=(root user)
mkdir -p "$WORK/fixture"
make_fixture "$WORK/fixture"
chmod -R a+rX "$WORK/fixture"

# --- the corpus: tests/integration/builtins.sh's everyday programs, as
# far as minbase has them (no gcc, make, git), and the brief's list. ---
# glibc 2.41's lchmod is fchmodat2 (EPERM from a policy broke chmod -h).
c 'chmod -h on a symlink' chmod -h 600 link
c 'chmod on a file' chmod 640 file.txt
c 'chmod -R' chmod -R u+x dir
c "python3 os.chmod(follow_symlinks=False)" python3 -B -c \
	'import os; os.chmod("link", 0o600, follow_symlinks=False)'
c 'python3: threads, json, hashlib, tempfile, socketpair, os' python3 -B -c '
import hashlib, json, os, socket, tempfile, threading
r = []
t = threading.Thread(target=lambda: r.append(sum(range(10)))); t.start(); t.join()
print(json.dumps({"thread": r[0], "sha": hashlib.sha256(b"x").hexdigest()[:8]}))
with tempfile.TemporaryDirectory(dir=".") as d:
    open(os.path.join(d, "x"), "w").write("x"); print(os.listdir(d))
a, b = socket.socketpair(); a.send(b"p"); print(b.recv(1).decode())
print(sorted(os.listdir(".")))'
c 'sort' sort words.txt
c 'sort -n -r' sort -n -r nums.txt
c 'sort --parallel, -S, -o' sort --parallel=4 -S 64K -o sorted.txt big.txt
c 'tar -c' tar -cf out.tar dir file.txt link
c 'tar -cz with trixie gzip (-I)' tar -I "${T[*]} $ROOT/usr/bin/gzip -n" -cf out.tgz dir
c 'tar -tv' tar --numeric-owner -tvf fix.tar
c 'tar -x' tar -xf fix.tar -C dir/sub
c 'grep -rn' grep -rn foo .
c 'grep -c -E' grep -c -E 'apple|fig' words.txt
c 'sed -n' sed -n '2,3p' words.txt
c 'sed -i' sed -i 's/a/A/g' words.txt
c 'find -type -name' find . -type f -name '*.txt'
c 'find -printf' find . -printf '%y %m %p\n'
c 'find -exec (trixie wc by its loader)' find dir -name '*.txt' -exec "${T[@]}" "$ROOT/usr/bin/wc" -l {} +
c 'cp -a a tree' cp -a dir copy
c 'cp -a a symlink' cp -a link link2
c 'cp -p' cp -p file.txt kept.txt
c 'ls -l' ls -l --time-style=+%s
c 'ls -laR' ls -laR --time-style=+%s dir
c 'date -d' date -u -d @1000000000
c 'date -R' date -R -u -d '2020-02-29 12:00'
c 'stat -c' stat -c '%n %a %s %F %N %Y' file.txt link dir
c 'stat -L' stat -L -c '%n %s' link
c 'touch -h on a symlink' touch -h -d @1100000000 link
c 'touch a new file' touch new.txt
c 'ln -s' ln -s file.txt newlink
c 'ln' ln file.txt hard.txt
FILTER='s/tmp\.[A-Za-z0-9]{10}/tmp.RANDOM/g' c 'mktemp' mktemp -p .
FILTER='s/tmp\.[A-Za-z0-9]{10}/tmp.RANDOM/g' c 'mktemp -d' mktemp -d -p .
c 'sha256sum' sha256sum file.txt words.txt
c 'sha256sum -c' sha256sum -c sums
c 'gzip -k' gzip -k -n file.txt
c 'gzip -t' gzip -t fix.gz
c 'gzip -dc' gzip -dc fix.gz
c 'cat -n' cat -n file.txt
c 'head, tail, wc' wc -l big.txt words.txt
c 'tail -n' tail -n 2 big.txt
c 'cut' cut -c1-3 words.txt
c 'uniq -c' uniq -c words.txt
c 'seq' seq 1 3 10
c 'readlink -f' readlink -f dir/up
c 'realpath' realpath --relative-to=dir link
c 'mkdir -p' mkdir -p a/b/c
c 'mv' mv file.txt moved.txt
c 'rm -r' rm -r dir
c 'split' split -l 2 words.txt part.
c 'base64' base64 words.txt
c 'od' od -c file.txt
c 'dd' dd if=big.txt of=copy.bin bs=4k count=2 status=none
c 'truncate' truncate -s 1K file.txt
c 'install -m' install -m 640 file.txt installed.txt
c 'du -a' du -a --apparent-size dir
c 'expr, factor' factor 1234567 600851475143
c 'sleep' sleep 0.1
c 'timeout (trixie true by its loader)' timeout 5 "${T[@]}" "$ROOT/usr/bin/true"
c 'nice' nice -n 5 "${T[@]}" "$ROOT/usr/bin/true"
c 'id -u, -un' id -un
# shellcheck disable=SC2016 # the shells and perl expand these
c 'dash: builtins, subshell, fork' dash -c 'x=$(echo sub); echo "$x $((6*7))"; for i in 1 2; do echo "$i"; done; cd dir && echo *'
# shellcheck disable=SC2016
c 'bash: builtins, subshell, brace expansion' bash -c 'echo {1..3}; (cd dir; echo *); read -r l <file.txt; echo "$l"; printf "%s\n" "${BASH_VERSINFO[0]}"'
# shellcheck disable=SC2016
c 'perl' perl -e 'opendir(my $d, "dir") or die; print join(",", sort grep !/^\./, readdir $d), "\n"; printf "%o\n", (stat "file.txt")[2] & 07777'

echo "# the suite took $(($(date +%s) - suite_start)) s"
finish
