#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# meson install into a temporary DESTDIR: everything in its conventional
# place, the installed binary running a command under an installed
# policy, examples/embed.c built against the installed header and
# pkg-config file, and the library exporting its public API only.
. "$SRCDIR/tests/interop/lib.sh"
: "${BUILDDIR:?BUILDDIR must name the build tree}"
need meson meson
need pkg-config pkg-config
need cc gcc
need nm binutils

D=$WORK/destdir
meson install -C "$BUILDDIR" --destdir "$D" --no-rebuild --quiet \
	>"$WORK/install.log" 2>&1 &&
	ok "meson install --destdir" || { not_ok "meson install failed"; cat "$WORK/install.log"; finish; exit 1; }
eval "$(meson introspect "$BUILDDIR" --buildoptions | python3 -c '
import json, sys
for o in json.load(sys.stdin):
    if o["name"] in ("prefix", "bindir", "libdir", "includedir", "datadir", "mandir"):
        print("%s=%s" % (o["name"], o["value"]))')"
at() { case $1 in /*) echo "$D$1" ;; *) echo "$D$prefix/$1" ;; esac; }

for f in "$(at "$bindir")/syscage" "$(at "$includedir")/syscage.h" \
	"$(at "$libdir")/libsyscage.so" "$(at "$libdir")/libsyscage.so.0" \
	"$(at "$libdir")/pkgconfig/syscage.pc" \
	"$(at "$mandir")/man1/syscage.1" "$(at "$mandir")/man5/syscage.policy.5" \
	"$(at "$datadir")/syscage/policies/default.policy" \
	"$(at "$datadir")/syscage/policies/stdio.policy" \
	"$(at "$datadir")/bash-completion/completions/syscage" \
	"$(at "$datadir")/zsh/vendor-completions/_syscage"; do
	[ -e "$f" ] && ok "installed ${f#"$D"}" || not_ok "not installed: ${f#"$D"}"
done

# The installed binary, with an installed policy, as both users.
bin=$(at "$bindir")/syscage
pol=$(at "$datadir")/syscage/policies/stdio.policy
chmod -R a+rX "$D"
for mode in root user; do
	run "$mode" "$bin" -p "$pol" -- cat /etc/hostname
	check_status 0 "installed syscage ($mode) runs cat under the installed stdio.policy"
	check_out "^$(cat /etc/hostname)\$" "and cat's output comes through"
	run "$mode" "$bin" -p "$pol" -- touch "$WORK/made-$mode"
	check_status 1 "installed syscage ($mode): touch is refused"
done
# Every built-in of the source tree's policies/: the installed --list
# must name each, and each is installed and checks clean.
load_builtins "$bin" && ok "installed built-ins: ${BUILTINS[*]} (policies/ and --list agree)" ||
	not_ok "installed built-ins: $BUILTINS_DIFF"
for p in "${BUILTINS[@]}"; do
	run root "$bin" --check "$(at "$datadir")/syscage/policies/$p.policy"
	check_status 0 "the installed $p.policy checks clean"
done

# examples/embed.c against the installed header, .pc and library.
export PKG_CONFIG_PATH=$(at "$libdir")/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
flags=$(pkg-config --cflags --libs syscage) &&
	ok "pkg-config syscage: $flags" || not_ok "pkg-config cannot find syscage"
# A sanitizer build's library needs its runtime in the program too.
san=
ldd "$(at "$libdir")/libsyscage.so" | grep -q libasan &&
	san=-fsanitize=address,undefined
# shellcheck disable=SC2086
cc -std=c11 -Wall -Werror $san -o "$WORK/embed" "$SRCDIR/examples/embed.c" $flags &&
	ok "examples/embed.c builds against the installed library" ||
	not_ok "examples/embed.c does not build against the installation"
run root env LD_LIBRARY_PATH="$(at "$libdir")" "$WORK/embed" "$pol" cat /etc/hostname
check_out "^$(cat /etc/hostname)\$" "the installed embed example runs cat under stdio"
[ "$(wc -l <"$SRCDIR/examples/embed.c")" -lt 80 ] &&
	ok "examples/embed.c is under 80 lines" || not_ok "examples/embed.c is 80 lines or more"

# The library exports syscage.h's functions and nothing else.
nm -D --defined-only "$(at "$libdir")/libsyscage.so" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' |
	sort >"$WORK/exported"
sed 's:/\*.*\*/::' "$(at "$includedir")/syscage.h" | tr '\n' ' ' | sed 's/typedef[^;]*;//g' |
	grep -oE '\bcage_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u >"$WORK/declared"
if cmp -s "$WORK/exported" "$WORK/declared"; then
	ok "libsyscage exports exactly the $(wc -l <"$WORK/declared") functions syscage.h declares"
else
	not_ok "libsyscage's exports differ from syscage.h"
	diff "$WORK/declared" "$WORK/exported" | sed 's/^/  /'
fi
finish
