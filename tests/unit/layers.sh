#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The layers of src/ (src/meson.build states the rule): no file calls one
# in a later layer, and no files call each other around a cycle.  Read
# from the symbols of the objects this build made (tools/filegraph.py),
# the library's and the command's.  First the checker itself is shown a
# graph with an upward call and one with a cycle, and must reject both,
# so that a pass here cannot come from a checker that cannot fail.
set -u
: "${SRCDIR:?}" "${BUILDDIR:?}"
LAYERS=base,policy,lang,compile,supervise,launch,interop,cli
G=("${PYTHON:-python3}" "$SRCDIR/tools/filegraph.py")
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# must_fail DESC PATTERN FILES...: the checker rejects these objects.
must_fail() {
	local desc=$1 pat=$2 out
	shift 2
	if out=$("${G[@]}" --check --layers "$LAYERS" --src "$t/src" "$@" 2>&1); then
		echo "not ok - the checker accepts $desc: $out"
		fail=1
	elif ! grep -q "$pat" <<<"$out"; then
		echo "not ok - the checker rejects $desc without saying '$pat': $out"
		fail=1
	else
		echo "ok - the checker rejects $desc"
	fi
}
mkdir -p "$t/src/base" "$t/src/launch" "$t/obj"
echo 'int up(void); int low(void) { return up(); }' >"$t/src/base/low.c"
echo 'int up(void) { return 1; }' >"$t/src/launch/high.c"
echo 'int b(void); int a(void) { return b(); }' >"$t/src/launch/ca.c"
echo 'int a(void); int b(void) { return a(); }' >"$t/src/launch/cb.c"
for f in base/low launch/high launch/ca launch/cb; do
	cc -c -o "$t/obj/${f/\//_}.c.o" "$t/src/$f.c" || exit 1
done
must_fail "a call from base/ to launch/" upward "$t/obj/base_low.c.o" \
	"$t/obj/launch_high.c.o"
must_fail "two files calling each other" cycle "$t/obj/launch_ca.c.o" \
	"$t/obj/launch_cb.c.o"

# The real thing.
objs=("$BUILDDIR/src/libsyscage-core.a" "$BUILDDIR"/src/syscage.p/*.o)
for o in "${objs[@]}"; do
	[ -e "$o" ] || { echo "not ok - no objects at $o"; exit 1; }
done
if out=$("${G[@]}" --check --layers "$LAYERS" --src "$SRCDIR/src" "${objs[@]}" 2>&1); then
	echo "ok - src/ keeps its layers: $out"
else
	echo "not ok - src/ breaks its layers:"
	printf '%s\n' "$out" | sed 's/^/    /'
	fail=1
fi
# Every file is in a layer, and it read more than a handful of them.
n=$(sed -n 's/^\([0-9]*\) files.*/\1/p' <<<"$out")
if [ "${n:-0}" -ge 40 ]; then
	echo "ok - $n files read"
else
	echo "not ok - only ${n:-0} files read"
	fail=1
fi
exit $fail
