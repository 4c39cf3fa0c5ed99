# SPDX-License-Identifier: LGPL-2.1-or-later
# The command line and the exit statuses of syscage(1), as root and as an
# unprivileged user.
. "$(dirname "$0")/lib.sh"

killpid=$(policy killpid <<'P'
default errno EPERM
include stdio
kill getpid
P
)
typo=$(policy typo <<'P'
default errno EPERM
include stdio
allow opne
P
)

# --help names every built-in policy of the source tree (issue 14, point
# 8): the list is generated from the embedded one, and a policy added to
# policies/ but not embedded, or left out of the list, fails here.
run root "$SC" --help
helped=$(printf '%s\n' "$OUT" |
	sed -n '/^Built-in policies:/,/^Exit:/p' | sed '$d' |
	sed 's/^Built-in policies://; s/(--explain NAME)//' | tr -s ' \n' '\n' |
	sed '/^$/d' | LC_ALL=C sort)
want=$(source_policies)
if [ "$STATUS" -ne 0 ] || [ -z "$want" ]; then
	not_ok "--help: status $STATUS, policies in the source tree: '$want'"
elif [ "$helped" = "$want" ]; then
	ok "--help names every built-in policy in policies/ ($(printf '%s' "$want" | tr '\n' ' '))"
else
	not_ok "--help's policies differ from policies/: $(diff <(printf '%s\n' "$want") <(printf '%s\n' "$helped") | paste -sd ';' -)"
fi

for mode in root user; do
	run $mode "$SC" -- echo hi
	check_status 0 "$mode: syscage -- echo hi exits 0"
	check_out '^hi$' "$mode: echo prints hi"

	run $mode "$SC" -p stdio -- sh -c 'exit 3'
	check_status 3 "$mode: stdio sh -c 'exit 3' exits 3"

	run $mode "$SC" -p "$killpid" -- "$PB" getpid
	check_status 159 "$mode: kill getpid ends the target with 159"
	check_err '^syscage: denied getpid\(\) in pid [0-9]+ \(probe\): killed$' \
		"$mode: the kill is reported by name"
	check_err "^syscage:   allow it with:  allow getpid {13}\\($killpid, line 3\\)\$" \
		"$mode: with the line that would allow it"

	rm -f "$WORK/ran"
	run $mode "$SC" -p "$typo" -- sh -c "touch $WORK/ran"
	check_status 125 "$mode: a policy with a typo exits 125"
	check_err "typo.policy:3:7: error: unknown syscall 'opne' \(did you mean 'open'\?\)" \
		"$mode: the typo is reported with file, line, column and a suggestion"
	if [ -e "$WORK/ran" ]; then
		not_ok "$mode: the target ran despite the bad policy"
	else
		ok "$mode: the target never ran"
	fi

	run $mode "$SC" -- no-such-command-xyz
	check_status 127 "$mode: a command not found exits 127"
	check_err 'no-such-command-xyz: command not found' "$mode: not found is said"

	run $mode "$SC" -- "$WORK/typo.policy"
	check_status 126 "$mode: a file that is not executable exits 126"

	run $mode "$SC" -- /bin/sh -c 'kill -TERM $$'
	check_status 143 "$mode: death by SIGTERM exits 128+15"

	run $mode "$SC" -- /bin/sh -c 'echo "$0 $1"' -p --check
	check_out '^-p --check$' "$mode: options after the command belong to it"

	run $mode "$SC" -p stdio -- --version
	check_status 127 "$mode: a command after -- is never an option"

	run $mode "$SC" -p no-such-policy -- true
	check_status 125 "$mode: an unknown policy name exits 125"
	check_err "unknown policy 'no-such-policy'" "$mode: the unknown policy is named"

	run $mode "$SC" -p dfault -- true
	check_err "did you mean 'default'" "$mode: a misspelt built-in is suggested"

	run $mode "$SC" --check default stdio
	check_status 0 "$mode: --check passes on the built-ins"

	run $mode "$SC" --list
	check_out '^  default$' "$mode: --list names the built-ins"
	check_out '^@system-service$' "$mode: --list names the groups"

	run $mode "$SC" --list @basic-io
	check_out '^pread64$' "$mode: --list @basic-io lists its members"

	run $mode "$SC" --explain stdio
	check_out 'allow +openat +if arg2 & \(O_ACCMODE\|O_CREAT\|O_TRUNC\) == O_RDONLY ' \
		"$mode: --explain shows conditions, constants by name"
done

# Installed setuid, syscage refuses to run at all.
cp "$SC" "$WORK/syscage-suid"
chmod 4755 "$WORK/syscage-suid"
run user "$WORK/syscage-suid" -- echo hi
check_status 125 "setuid: refuses to run"
check_err 'refusing to run setuid' "setuid: says why"

finish
