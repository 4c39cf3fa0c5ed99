#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Mounts below a granted path (issue 11, points 5 and 6, second review):
# a chroot's `mount --rbind /dev rootfs/dev` (schroot, pbuilder,
# mmdebstrap) puts a devpts below $CWD or below any path a rule grants,
# and `mount --bind /var/lib rootfs/var/lib` a tree of the system.
#   - other_tty through rootfs/dev/pts/N and through a pty bound on a
#     file: under every built-in (default and stdio: the layer that
#     grants all but the other terminals) and under every built-in with
#     --rw of the project (a rule whose path holds the mounts), from a
#     scratch directory: only its own terminal opens.
#   - untrusted, ci, ci-net started from a project with a bind of /dev,
#     of the owner's home, or of a directory of /var/lib below it refuse
#     to start (125), naming the mount point; the way out the message
#     names (--rw MOUNT) runs.
# As root, as an unprivileged user and as root with --user; each probe
# also run unconfined as a control.  The mounts are made in a private
# mount namespace of this script (unshare -m): the system's stay as
# they are.
if [ -z "${SYSCAGE_MOUNTS_NS:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "not ok - this suite needs root (mounts, --user)"
		exit 1
	fi
	SYSCAGE_MOUNTS_NS=1 exec unshare -m --propagation private -- \
		bash "$0" "$@"
fi
. "${SRCDIR:?}/tests/integration/lib.sh"
: "${ESCAPE_BIN:?ESCAPE_BIN must name the directory of the esc-* programs}"

E=$WORK/esc
mkdir -p "$E" "$WORK/rw"
chmod 755 "$E"
chmod 1777 "$WORK/rw"
for p in other_tty home_write; do
	cp "$ESCAPE_BIN/esc-$p" "$E/" || not_ok "no esc-$p in $ESCAPE_BIN"
done
chmod 755 "$E"/esc-*
PY=/usr/bin/python3
bg_pids=()
mounted=()
SYSDIR=
cleanup() {
	for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null; done
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount -l "${mounted[i]}" 2>/dev/null
	done
	# --one-file-system: never into a /dev still bound below
	[ -n "$SYSDIR" ] && rm -rf --one-file-system "$SYSDIR"
	rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

if load_builtins "$SC"; then
	ok "built-ins: ${BUILTINS[*]}"
else
	not_ok "built-ins: $BUILTINS_DIFF"
fi
policies=("${BUILTINS[@]}")
has_fs() {
	grep -Eq '^(fs |include (fs-system|untrusted|ci)$)' \
		"$SRCDIR/policies/$1.policy"
}

MODES=(root user rootuser)
runner() { case $1 in user) echo user ;; *) echo root ;; esac; }
owner() { case $1 in root) echo root ;; *) echo user ;; esac; }
sc_args() {
	SCA=("$SC")
	if [ "$1" = rootuser ]; then SCA+=(--user "$TEST_USER"); fi
}
show() { printf '%s\n' "$OUT" | sed 's/^/    /'; }
# judge DESC: after run; exit 0 and no ESCAPED line.
judge() {
	show
	if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^ESCAPED'; then
		ok "$1: all blocked"
	else
		not_ok "$1: status $STATUS, $(printf '%s\n' "$OUT" | grep -c '^ESCAPED') escape(s)"
		printf '  stderr: %s\n' "$ERR"
	fi
}
# control DESC: after an unconfined run: an escape seen.
control() {
	if [ "$STATUS" -eq 1 ] && printf '%s\n' "$OUT" | grep -q '^ESCAPED'; then
		ok "control/$1: seen when unconfined"
	else
		not_ok "control/$1: no escape seen unconfined (status $STATUS)"
		show
	fi
}
mnt() { mount "$@" && mounted+=("${!#}"); }

# A second terminal of each user, held open in the background.
for who in root user; do
	if [ $who = user ]; then
		setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --clear-groups \
			--inh-caps=-all -- "$PY" -c '
import os, pty, sys, time
m, s = pty.openpty()
open(sys.argv[1] + ".new", "w").write(os.ttyname(s))
os.rename(sys.argv[1] + ".new", sys.argv[1])
time.sleep(600)
' "$WORK/tmp/tty-$who" </dev/null >/dev/null 2>&1 &
	else
		"$PY" -c '
import os, pty, sys, time
m, s = pty.openpty()
open(sys.argv[1] + ".new", "w").write(os.ttyname(s))
os.rename(sys.argv[1] + ".new", sys.argv[1])
time.sleep(600)
' "$WORK/tmp/tty-$who" </dev/null >/dev/null 2>&1 &
	fi
	bg_pids+=("$!")
done
for _ in $(seq 50); do
	[ -s "$WORK/tmp/tty-root" ] && [ -s "$WORK/tmp/tty-user" ] && break
	sleep 0.1
done
declare -A OTHER_TTY
for who in root user; do
	OTHER_TTY[$who]=$(cat "$WORK/tmp/tty-$who" 2>/dev/null)
	[ -c "${OTHER_TTY[$who]}" ] || not_ok "$who: no second terminal (${OTHER_TTY[$who]})"
done

# --- Class 6: devpts mounts below a granted path ---
# $WORK/chroot: rootfs/dev is /dev bound recursively (its devpts too);
# tty-root and tty-user are the other terminals bound on files.
C=$WORK/chroot
mkdir -p "$C/rootfs/dev"
chmod -R 755 "$C"
mnt --rbind /dev "$C/rootfs/dev"
for who in root user; do
	touch "$C/tty-$who"
	mnt --bind "${OTHER_TTY[$who]}" "$C/tty-$who"
done
for mode in "${MODES[@]}"; do
	o=$(owner "$mode")
	other=$C/rootfs/dev/pts/${OTHER_TTY[$o]#/dev/pts/}
	for pol in "${policies[@]}"; do
		# --rw of the project: a rule that holds the mounts (with
		# fs rules only: default's layer would then refuse the exec)
		rws=("")
		has_fs "$pol" && rws+=("$C")
		for rw in "${rws[@]}"; do
			for path in "$other" "$C/tty-$o"; do
				sc_args "$mode"
				[ -n "$rw" ] && SCA+=(--rw "$rw")
				cd "$WORK/rw" || exit
				in_tty "$(runner "$mode")" env TMPDIR="$WORK/tmp" \
					"${SCA[@]}" -p "$pol" -- "$E/esc-other_tty" "$path"
				cd - >/dev/null || exit
				judge "$mode/$pol${rw:+ --rw $rw}: other_tty through $path"
			done
		done
	done
done
for who in root user; do
	for path in "$C/rootfs/dev/pts/${OTHER_TTY[$who]#/dev/pts/}" "$C/tty-$who"; do
		in_tty $who "$E/esc-other_tty" "$path"
		control "$who: other_tty through $path"
	done
done

# --- Class 5: a bind below $CWD of /dev, a home, a tree of the system ---
# home_of MODE: the home of the target's user, with a fake key and a
# .bashrc (HOME is set to it).
home_of() { case $1 in root) echo "$WORK/home-root" ;; *) echo "$WORK/home-user" ;; esac; }
SYSDIR=$(mktemp -d /var/lib/syscage-escape.XXXXXX)
for who in root user; do
	for h in "$(home_of $who)" "$SYSDIR/$who"; do
		mkdir -p "$h/.ssh"
		echo "FAKE PRIVATE KEY" >"$h/.ssh/id_rsa"
		echo "# .bashrc" >"$h/.bashrc"
		chmod 755 "$h"
		chmod 700 "$h/.ssh"
		chmod 600 "$h/.ssh/id_rsa"
		if [ $who = user ]; then chown -R "$TEST_USER:" "$h"; fi
	done
done
chmod 755 "$SYSDIR"
# A project per mount: dev (/dev bound recursively), home-WHO (WHO's
# home), sys-WHO (a directory of /var/lib that WHO may write).
P=$WORK/proj
mkdir -p "$P/dev/rootfs/dev"
mnt --rbind /dev "$P/dev/rootfs/dev"
for who in root user; do
	mkdir -p "$P/home-$who/rootfs/home" "$P/sys-$who/rootfs/var/lib"
	mnt --bind "$(home_of $who)" "$P/home-$who/rootfs/home"
	mnt --bind "$SYSDIR/$who" "$P/sys-$who/rootfs/var/lib"
done
chmod -R go+rX "$P"
# proj_run MODE DIR POLICY CMD...: from DIR, HOME the owner's home;
# POLICY "": unconfined.
proj_run() {
	local mode=$1 dir=$2 pol=$3 back=$PWD
	shift 3
	sc_args "$mode"
	[ -n "$pol" ] || SCA=()
	[ -n "$pol" ] && SCA+=(-p "$pol" "${EXTRA[@]}" --)
	cd "$dir" || return
	run "$(runner "$mode")" env HOME="$(home_of "$(owner "$mode")")" \
		TMPDIR="$WORK/tmp" "${SCA[@]}" "$@"
	cd "$back" || exit
}
untouched() {
	if grep -q syscage-escape-was-here "$1/.bashrc"; then
		not_ok "$2: $1/.bashrc was changed"
		echo "# .bashrc" >"$1/.bashrc"
	fi
}
# refused DESC MOUNT: after proj_run: 125 before the target ran, the
# mount point named.
refused() {
	if [ "$STATUS" -eq 125 ] && [ -z "$OUT" ] &&
		printf '%s\n' "$ERR" | grep -qF "the mount point $2," &&
		printf '%s\n' "$ERR" | grep -qF -- "--rw $2"; then
		ok "$1: refused before it ran (125), $2 named"
	else
		not_ok "$1: status $STATUS, want 125 naming $2"
		show
		printf '  stderr: %s\n' "$ERR"
	fi
}
EXTRA=()
for mode in "${MODES[@]}"; do
	o=$(owner "$mode")
	for pol in "${policies[@]}"; do
		has_fs "$pol" || continue
		proj_run "$mode" "$P/dev" "$pol" "$E/esc-other_tty" \
			"$P/dev/rootfs/dev/pts/${OTHER_TTY[$o]#/dev/pts/}"
		refused "$mode/$pol: from a project with /dev bound below" \
			"$P/dev/rootfs/dev"
		for kind in home sys; do
			d=$P/$kind-$o
			sub=home
			[ $kind = sys ] && sub=var/lib
			proj_run "$mode" "$d" "$pol" "$E/esc-home_write" \
				"$d/rootfs/$sub"
			refused "$mode/$pol: from a project with a bind of the $kind below" \
				"$d/rootfs/$sub"
		done
		untouched "$(home_of "$o")" "$mode/$pol"
		untouched "$SYSDIR/$o" "$mode/$pol"
	done
	# The way out the message names: --rw MOUNT is the user's choice.
	d=$P/home-$o
	EXTRA=(--rw "$d/rootfs/home")
	proj_run "$mode" "$d" untrusted "$E/esc-home_write" "$d/rootfs/home"
	EXTRA=()
	if [ "$STATUS" -eq 1 ]; then
		ok "$mode: untrusted --rw MOUNT from the project runs (the user named it)"
	else
		not_ok "$mode: untrusted --rw MOUNT: status $STATUS, want 1"
		printf '  stderr: %s\n' "$ERR"
	fi
	echo "# .bashrc" >"$(home_of "$o")/.bashrc"
done
for who in root user; do
	for kind in home sys; do
		d=$P/$kind-$who
		proj_run $who "$d" "" "$E/esc-home_write" \
			"$d/rootfs/$([ $kind = sys ] && echo var/lib || echo home)"
		control "$who: home_write through a bind of the $kind"
	done
	echo "# .bashrc" >"$(home_of $who)/.bashrc"
	echo "# .bashrc" >"$SYSDIR/$who/.bashrc"
done
finish
