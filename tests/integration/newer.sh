# SPDX-License-Identifier: LGPL-2.1-or-later
# Syscalls newer than the built-in policies (issue 14, point 7), called for
# real on this kernel by tests/newer_probe.c: under default, ci and
# untrusted each answers as it does bare, but for the decisions of
# policies/default.policy and stdio.policy (README, "Newer system calls"):
# setgid fchmodat2 and open_tree_attr EPERM, lsm_set_self_attr and
# file_setattr ENOSYS; under stdio also the table's stdio column.  As root,
# as an unprivileged user, and as root with --user that user.
. "$(dirname "$0")/lib.sh"

: "${NEWER_PROBE:?NEWER_PROBE must name tests/newer_probe}"

# The answer POLICY must give to CALL, or "" for the bare one.
want() {
	case $1:$2 in
	*:fchmodat2-setgid | *:open_tree_attr) echo 'errno EPERM' ;;
	*:lsm_set_self_attr | *:file_setattr) echo 'errno ENOSYS' ;;
	stdio:fchmodat2-* | stdio:*xattrat | stdio:file_getattr) echo 'errno EPERM' ;;
	stdio:statmount | stdio:listmount | stdio:lsm_*) echo 'errno ENOSYS' ;;
	esac
}

for mode in root user root-user; do
	# root-user: the user's files and bare run, syscage as root --user.
	bmode=${mode#root-}
	sc=("$SC")
	[ "$mode" = root-user ] && sc+=(--user "$TEST_USER")
	[ "$mode" = root-user ] && [ "$(id -u)" -ne 0 ] && continue
	dir=$WORK/newer-$mode
	mkdir -p "$dir"
	cp "$NEWER_PROBE" "$dir/newer_probe"
	echo data >"$dir/file"
	ln -s file "$dir/link"
	[ "$bmode" = user ] && [ "$(id -u)" -eq 0 ] && chown -h -R "$TEST_USER" "$dir"
	cd "$dir" || exit 1

	# Control: bare, the kernel answers every call the policies allow
	# (map_shadow_stack needs a kernel built with user shadow stacks).
	chmod 0644 file
	run "$bmode" ./newer_probe
	bare=$OUT
	if [ "$STATUS" -eq 0 ] && [ "$(printf '%s\n' "$bare" | wc -l)" -eq 22 ] &&
		! printf '%s\n' "$bare" | grep -v '^map_shadow_stack:' | grep -Eq 'ENOSYS|EPERM'; then
		ok "$mode: control: bare, this kernel answers each of the 21 other calls (no ENOSYS, no EPERM)"
	else
		not_ok "$mode: control: bare: status $STATUS: $bare"
	fi
	if printf '%s\n' "$bare" | grep -qx 'fchmodat2-link: errno EOPNOTSUPP'; then
		ok "$mode: control: bare, lchmod on a symlink is EOPNOTSUPP (what chmod -h and Python expect)"
	else
		not_ok "$mode: control: fchmodat2 on a symlink: $bare"
	fi

	for p in default ci untrusted stdio; do
		chmod 0644 file
		run "${mode%-user}" "${sc[@]}" -p "$p" -- ./newer_probe
		bad=
		while IFS= read -r line; do
			call=${line%%: *}
			w=$(want "$p" "$call")
			[ -n "$w" ] || w=${line#*: }
			printf '%s\n' "$OUT" | grep -qxF "$call: $w" || bad+=" $call (want $w)"
		done <<<"$bare"
		if [ "$STATUS" -eq 0 ] && [ -z "$bad" ] &&
			[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 22 ]; then
			ok "$mode $p: the 22 calls answer as bare but for the policy's decisions"
		else
			not_ok "$mode $p: status $STATUS, differs:$bad"
			printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
		fi
	done
	cd /
done

finish
