# SPDX-License-Identifier: LGPL-2.1-or-later
# Every shipped policy passes --check: parses, compiles, and lints with no
# error.  Files under policies/ are checked by path, built-ins by name too.
set -u
: "${SYSCAGE:?}" "${SRCDIR:?}"
pass=0
fail=0
n=0
for f in "$SRCDIR"/policies/*.policy; do
	name=$(basename "$f" .policy)
	[ "$name" = groups ] && continue # definitions only, no default
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
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
