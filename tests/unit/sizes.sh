#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# House limits on src/ (issue 12): no file over 600 lines, no function
# over 80 (tools/funcsize.py).  The checker is first shown a function of
# 81 lines, which it must reject, so that a pass cannot come from a
# checker that cannot fail.
set -u
: "${SRCDIR:?}"
PY=${PYTHON:-python3}
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
{
	printf 'int\nlong_one(void)\n{\n'
	for i in $(seq 77); do printf '\t(void)%d;\n' "$i"; done
	printf '\treturn 0;\n}\n'
} >"$t/long.c"
if "$PY" "$SRCDIR/tools/funcsize.py" "$t/long.c" >/dev/null; then
	echo "not ok - the checker accepts a function of 81 lines"
	fail=1
else
	echo "ok - the checker rejects a function of 81 lines"
fi
files=("$SRCDIR"/src/*/*.c)
[ "${#files[@]}" -ge 40 ] || { echo "not ok - only ${#files[@]} files in src/*/"; exit 1; }
if out=$("$PY" "$SRCDIR/tools/funcsize.py" "${files[@]}"); then
	echo "ok - no function in src/ over 80 lines (${#files[@]} files)"
else
	printf 'not ok - functions over 80 lines:\n%s\n' "$out"
	fail=1
fi
for f in "${files[@]}" "$SRCDIR"/src/*/*.h; do
	n=$(wc -l <"$f")
	if [ "$n" -gt 600 ]; then
		echo "not ok - ${f#"$SRCDIR"/} has $n lines (limit 600)"
		fail=1
	fi
done
[ $fail = 0 ] && echo "ok - no file in src/ over 600 lines"
exit $fail
