#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --learn is not a way out (issue 11, point 7): the escape probes run
# under `syscage --learn FILE -p POLICY` for untrusted, stdio and ci, as
# root (tracing), as an unprivileged user (the listener) and as root
# with --user; none may get out, and the policy learned from them passes
# --check without a warning.  Controls: each probe gets out unconfined,
# and under --learn without -p, which enforces nothing.
. "${SRCDIR:?}/tests/integration/lib.sh"
: "${ESCAPE_BIN:?ESCAPE_BIN must name the directory of the esc-* programs}"

E=$WORK/esc
mkdir -p "$E" "$WORK/rw"
chmod 755 "$E"
chmod 1777 "$WORK/rw"
# A scratch $TMPDIR: untrusted and ci refuse to write a /tmp that holds
# the test user's home ($WORK).
export TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR" && chmod 1777 "$TMPDIR"
PROGRAMS=(io_uring namespaces clone3_openat2 mount_api userfaultfd
	perf_event keyring personality modify_ldt sockets open_by_handle
	memfd_exec root_files suid_create)
for p in "${PROGRAMS[@]}"; do
	cp "$ESCAPE_BIN/esc-$p" "$E/" || not_ok "no esc-$p in $ESCAPE_BIN"
done
chmod 755 "$E"/esc-*
[ "$(id -u)" -eq 0 ] || not_ok "this suite needs root (the modes with --user and root)"
# Outside $TMPDIR and $CWD, which untrusted and ci may write.
ROOTDIR=$(mktemp -d /var/tmp/syscage-escape.XXXXXX) && chmod 755 "$ROOTDIR" &&
	install -m 644 -o root -g root /dev/null "$ROOTDIR/root-owned" &&
	install -m 755 -o root -g root /bin/true "$ROOTDIR/root-prog" ||
	not_ok "cannot make a root-owned file in /var/tmp"
trap 'rm -rf "$WORK" "$ROOTDIR"' EXIT

policies=(untrusted stdio ci)
# The residuals run.sh documents for these policies (README.md,
# "Escapes and defences"); none applies to these probes.
MODES=(root user rootuser)
runner() { case $1 in user) echo user ;; *) echo root ;; esac; }
owner() { case $1 in root) echo root ;; *) echo user ;; esac; }
sc_args() {
	SCA=("$SC")
	if [ "$1" = rootuser ]; then SCA+=(--user "$TEST_USER"); fi
}
args_for() {
	case $1 in
	io_uring) ARGS=("$WORK/rw") ;;
	root_files) ARGS=("$ROOTDIR/root-owned") ;;
	suid_create) ARGS=("$WORK/rw" "$ROOTDIR/root-prog") ;;
	*) ARGS=() ;;
	esac
}
show() { printf '%s\n' "$OUT" | sed 's/^/    /'; }
escaped() { printf '%s\n' "$OUT" | grep -c '^ESCAPED' || true; }

for mode in "${MODES[@]}"; do
	d=$WORK/learn-$mode
	mkdir -p "$d" && chmod 777 "$d"
	cd "$d" || exit 1
	for pol in "${policies[@]}"; do
		for p in "${PROGRAMS[@]}"; do
			args_for "$p"
			f=$d/$pol-$p.policy
			rm -f "$f"
			sc_args $mode
			run "$(runner $mode)" "${SCA[@]}" --learn "$f" -p "$pol" -- "$E/esc-$p" "${ARGS[@]}"
			if [ "$STATUS" -eq 0 ] && [ "$(escaped)" -eq 0 ]; then
				ok "$mode/--learn -p $pol: $p: all blocked"
			else
				not_ok "$mode/--learn -p $pol: $p: status $STATUS, $(escaped) escape(s)"
				show
				printf '  stderr: %s\n' "$ERR"
				continue
			fi
			run "$(runner $mode)" "$SC" --check "$f"
			if [ "$STATUS" -eq 0 ] && ! grep -q warning <<<"$ERR"; then
				ok "$mode/--learn -p $pol: $p: the learned policy passes --check without a warning"
			else
				not_ok "$mode/--learn -p $pol: $p: --check: status $STATUS: $ERR"
			fi
		done
	done
done

# Controls: unconfined, and under --learn alone, each probe gets out:
# it is -p that stops them above, not --learn or the probe.
cd "$WORK" || exit 1
for cmode in root user; do
	d=$WORK/control-$cmode
	mkdir -p "$d" && chmod 777 "$d"
	for p in "${PROGRAMS[@]}"; do
		# root_files: only root owns what it aims at.
		[ $p = root_files ] && [ $cmode = user ] && continue
		args_for "$p"
		run $cmode "$E/esc-$p" "${ARGS[@]}"
		if [ "$STATUS" -eq 1 ] && [ "$(escaped)" -gt 0 ]; then
			ok "control/$cmode: $p: seen when unconfined"
		else
			not_ok "control/$cmode: $p: no escape seen when unconfined (status $STATUS)"
			show
		fi
		# Held by --learn's own filter too: clone3 and openat2 answer
		# ENOSYS, and a filter stays a filter across a memfd exec.
		case $p in clone3_openat2 | memfd_exec) continue ;; esac
		run $cmode "$SC" --learn "$d/$p.policy" -- "$E/esc-$p" "${ARGS[@]}"
		if [ "$STATUS" -eq 1 ] && [ "$(escaped)" -gt 0 ]; then
			ok "control/$cmode: $p: seen under --learn without -p"
		else
			not_ok "control/$cmode: $p: no escape seen under --learn without -p (status $STATUS)"
			show
		fi
	done
done

finish
