#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The Debian package, end to end: dpkg-buildpackage -us -uc -b in a copy
# of the source tree (the tree itself is never written to), lintian with
# its errors fatal, apt-get install ./syscage_*.deb, then the installed
# command (syscage -- echo hi, syscage --check default), its man page
# (man -w) and completions, and apt-get purge.  Run by .ci/run; about a
# minute.  Needs root (or sudo) for apt-get, and the --tests list of
# tools/install-deps.sh (debhelper, lintian, man-db).
set -uo pipefail
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok - %s\n' "$*"; }
not_ok() { fail=$((fail + 1)); printf 'not ok - %s\n' "$*"; }
finish() {
	printf '%d passed, %d failed\n' "$pass" "$fail"
	[ "$fail" -eq 0 ]
}
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

for tool in dpkg-buildpackage:dpkg-dev dh:debhelper lintian:lintian \
	man:man-db apt-get:apt dpkg-parsechangelog:dpkg-dev; do
	command -v "${tool%%:*}" >/dev/null ||
		{ not_ok "${tool%%:*} is missing: install Debian's ${tool#*:} (tools/install-deps.sh --tests)"; finish; exit 1; }
done
if dpkg-query -W -f '${Status}' syscage 2>/dev/null | grep -q 'ok installed'; then
	not_ok "a syscage package is installed already: this test installs and purges its own (apt-get purge syscage first)"
	finish
	exit 1
fi

WORK=$(mktemp -d /tmp/syscage-package.XXXXXX)
installed=false
cleanup() {
	if $installed; then
		"${as_root[@]}" apt-get purge -y -qq syscage >/dev/null 2>&1
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

version=$(dpkg-parsechangelog -l "$SRCDIR/debian/changelog" -S Version)
tree=$WORK/syscage-$version
mkdir "$tree"
# The sources as they are (tracked and new files, not what .gitignore
# names, such as build trees); a tree without git is copied whole.
if git -C "$SRCDIR" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$SRCDIR" ls-files -z --cached --others --exclude-standard |
		(cd "$SRCDIR" && tar --null -T - -cf - 2>/dev/null) | tar -C "$tree" -xf -
else
	tar -C "$SRCDIR" --exclude='./build*' -cf - . | tar -C "$tree" -xf -
fi
[ -f "$tree/debian/control" ] && ok "sources copied to $tree" ||
	{ not_ok "copying the sources failed"; finish; exit 1; }

before=$(cd "$SRCDIR" && git status --porcelain --ignored 2>/dev/null | sort)
if (cd "$tree" && dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b"
else
	not_ok "dpkg-buildpackage failed; its last lines:"
	tail -30 "$WORK/build.log" | sed 's/^/  /'
	finish
	exit 1
fi
after=$(cd "$SRCDIR" && git status --porcelain --ignored 2>/dev/null | sort)
[ "$before" = "$after" ] && ok "the source tree is as it was" ||
	not_ok "the build changed the source tree: $(diff <(echo "$before") <(echo "$after") | head -5)"
deb=$(ls "$WORK"/syscage_"$version"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok "built $(basename "$deb")" || { not_ok "no .deb"; finish; exit 1; }

fields=$(dpkg-deb -f "$deb" Package Version Architecture Built-Using)
printf '%s\n' "$fields" | sed 's/^/  /'
for src in glibc libseccomp libcap2 json-c; do
	printf '%s\n' "$fields" | grep -Eq "^Built-Using:.*\\b$src \\(= " &&
		ok "Built-Using names $src (linked statically)" ||
		not_ok "Built-Using lacks $src"
done
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for f in ./usr/bin/syscage ./usr/share/man/man1/syscage.1.gz \
	./usr/share/man/man5/syscage.policy.5.gz \
	./usr/share/bash-completion/completions/syscage \
	./usr/share/zsh/vendor-completions/_syscage \
	./usr/share/syscage/policies/default.policy \
	./usr/share/doc/syscage/copyright ./usr/share/doc/syscage/README.md.gz \
	./usr/share/doc/syscage/NEWS.md.gz; do
	grep -qxF "$f" <<<"$contents" && ok "the package holds ${f#.}" ||
		not_ok "the package lacks ${f#.}"
done

# Lintian: errors fail; warnings and the rest are shown.
lintian --fail-on error --display-info "$WORK"/syscage_"$version"_*.changes \
	>"$WORK/lintian.log" 2>&1
status=$?
sed 's/^/  lintian: /' "$WORK/lintian.log" | grep -v 'not recommended' || true
[ "$status" -eq 0 ] && ok "lintian: no errors" || not_ok "lintian found errors"

# Installed.  A container's dpkg may leave out /usr/share/man
# (path-exclude): the package's own pages are let in.
if "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	-o DPkg::Options::=--path-include='/usr/share/man/*/syscage*' \
	"$deb" >"$WORK/install.log" 2>&1; then
	installed=true
	ok "apt-get install ./$(basename "$deb")"
else
	not_ok "apt-get install failed"
	sed 's/^/  /' "$WORK/install.log"
	finish
	exit 1
fi
[ "$(command -v syscage)" = /usr/bin/syscage ] && ok "syscage is /usr/bin/syscage" ||
	not_ok "syscage is $(command -v syscage), not the package's"
out=$(/usr/bin/syscage -- echo hi 2>&1)
[ "$out" = hi ] && ok "syscage -- echo hi" || not_ok "syscage -- echo hi: '$out'"
page=$(man -w syscage 2>&1)
[ "$page" = /usr/share/man/man1/syscage.1.gz ] && ok "man -w syscage: $page" ||
	not_ok "man -w syscage: '$page'"
page=$(man -w 5 syscage.policy 2>&1)
[ "$page" = /usr/share/man/man5/syscage.policy.5.gz ] && ok "man -w 5 syscage.policy: $page" ||
	not_ok "man -w 5 syscage.policy: '$page'"
if out=$(/usr/bin/syscage --check default 2>&1) && [ -z "$out" ]; then
	ok "syscage --check default: clean"
else
	not_ok "syscage --check default: '$out'"
fi
out=$(/usr/bin/syscage --check /usr/share/syscage/policies/stdio.policy 2>&1) &&
	ok "syscage --check of the installed stdio.policy" || not_ok "installed stdio.policy: $out"
out=$(bash -c '. /usr/share/bash-completion/completions/syscage
	COMP_WORDS=(syscage --export s); COMP_CWORD=2; _syscage
	printf "%s\n" "${COMPREPLY[@]}"' 2>&1)
grep -qx 'spo:' <<<"$out" && ok "the installed bash completion offers --export spo:" ||
	not_ok "installed bash completion: '$out'"

if "${as_root[@]}" apt-get purge -y -qq syscage >"$WORK/purge.log" 2>&1; then
	installed=false
	ok "apt-get purge syscage"
else
	not_ok "apt-get purge failed"
	sed 's/^/  /' "$WORK/purge.log"
fi
[ ! -e /usr/bin/syscage ] && ok "and /usr/bin/syscage is gone" || not_ok "/usr/bin/syscage is left"
finish
