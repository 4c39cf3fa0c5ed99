#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Golden diagnostics: for each NAME.policy here, `syscage --check` must print
# exactly NAME.expected on stderr and exit 1, and `syscage -p NAME.policy`
# must refuse to run anything (exit 125, the target never starts).
set -u

fail_setup() {
	echo "errors/run.sh: $*" >&2
	echo "0 passed, 1 failed"
	exit 1
}

[ -n "${SYSCAGE:-}" ] || fail_setup "SYSCAGE is not set (the syscage binary to test)"
case $SYSCAGE in
/*) ;;
*/*) SYSCAGE=$PWD/$SYSCAGE ;;
esac
[ -x "$SYSCAGE" ] || fail_setup "SYSCAGE=$SYSCAGE is not an executable"

# Paths in the diagnostics are as given on the command line: run from here.
cd "$(dirname "${BASH_SOURCE[0]}")" || fail_setup "cannot cd to the cases"
shopt -s nullglob
cases=(*.policy)
[ ${#cases[@]} -gt 0 ] || fail_setup "no *.policy cases in $PWD"

tmp=$(mktemp -d) || fail_setup "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

# check_case NAME: prints why it fails, if it does; returns non-zero then.
check_case() {
	local name=$1 ok=0 rc

	if [ ! -f "$name.expected" ]; then
		echo "  no $name.expected"
		return 1
	fi

	timeout 30 "$SYSCAGE" --check "$name.policy" \
		>"$tmp/check.out" 2>"$tmp/check.err"
	rc=$?
	if [ $rc -ne 1 ]; then
		echo "  --check exited $rc, expected 1"
		ok=1
	fi
	if ! cmp -s "$name.expected" "$tmp/check.err"; then
		echo "  --check stderr differs from $name.expected:"
		diff -u --label "$name.expected" --label stderr \
			"$name.expected" "$tmp/check.err" | sed 's/^/    /'
		ok=1
	fi
	if [ -s "$tmp/check.out" ]; then
		echo "  --check wrote to stdout:"
		sed 's/^/    /' "$tmp/check.out"
		ok=1
	fi

	timeout 30 "$SYSCAGE" -p "$name.policy" -- /bin/sh -c 'echo RAN' \
		>"$tmp/run.out" 2>"$tmp/run.err"
	rc=$?
	if [ $rc -ne 125 ]; then
		echo "  -p $name.policy exited $rc, expected 125"
		ok=1
	fi
	if [ -s "$tmp/run.out" ]; then
		echo "  -p $name.policy: the target ran or wrote to stdout:"
		sed 's/^/    /' "$tmp/run.out"
		ok=1
	fi
	return $ok
}

for policy in "${cases[@]}"; do
	name=${policy%.policy}
	if why=$(check_case "$name"); then
		echo "ok   $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		printf '%s\n' "$why"
		failed=$((failed + 1))
	fi
done

# An .expected file without its policy is a case that silently vanished.
for expected in *.expected; do
	if [ ! -f "${expected%.expected}.policy" ]; then
		echo "FAIL ${expected%.expected}: no ${expected%.expected}.policy"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
