# SPDX-License-Identifier: LGPL-2.1-or-later
# Every shipped policy passes --check: parses, compiles, and lints with no
# error.  Files under policies/ are checked by path, built-ins by name too;
# groups.policy as well (read after the built-in copy of itself: the same
# definitions are no error).
set -u
: "${SYSCAGE:?}" "${SRCDIR:?}"
pass=0
fail=0
n=0
for f in "$SRCDIR"/policies/*.policy; do
	name=$(basename "$f" .policy)
	n=$((n + 1))
	for p in "$name" "$f"; do
		if "$SYSCAGE" --check "$p"; then
			pass=$((pass + 1))
			echo "ok - --check $p"
		else
			fail=$((fail + 1))
			echo "not ok - --check $p"
		fi
	done
done
[ "$n" -gt 0 ] || { echo "not ok - no policies found"; fail=$((fail + 1)); }

# Only the same definition passes: a group of systemd's given other
# members is still an error.
tmp=$(mktemp /tmp/syscage-groups.XXXXXX.policy)
printf '%s\n' 'define @aio io_setup' >"$tmp"
if out=$("$SYSCAGE" --check "$tmp" 2>&1); then
	fail=$((fail + 1))
	echo "not ok - @aio redefined with other members passes --check"
elif printf '%s\n' "$out" | grep -q "group '@aio' is already defined at groups:"; then
	pass=$((pass + 1))
	echo "ok - @aio redefined with other members: error"
else
	fail=$((fail + 1))
	echo "not ok - @aio redefined: unexpected output: $out"
fi
rm -f "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
