# SPDX-License-Identifier: LGPL-2.1-or-later
# The Debian 13 (trixie) root file system of the compat suite, made with
# debootstrap --variant=minbase and kept between runs:
#
#   $SYSCAGE_COMPAT_CACHE/trixie     (default /var/cache/syscage-compat)
#
# holding the tree and .syscage-stamp (what made it, and when).  A tree
# whose stamp differs from this file's recipe, or is older than
# $SYSCAGE_COMPAT_MAX_AGE days (default 30: trixie's point releases), is
# made again; making one takes debootstrap's time (about 40 s with
# deb.debian.org here), as root, with the archive reachable or
# $SYSCAGE_COMPAT_MIRROR naming a local copy (http:// or file://).
# Nothing here skips: no root and no way to make one is a failure.

COMPAT_CACHE=${SYSCAGE_COMPAT_CACHE:-/var/cache/syscage-compat}
COMPAT_MIRROR=${SYSCAGE_COMPAT_MIRROR:-http://deb.debian.org/debian}
COMPAT_MAX_AGE=${SYSCAGE_COMPAT_MAX_AGE:-30}
# The programs of the corpus beyond minbase (coreutils, tar, grep, sed,
# findutils, gzip are in it).
COMPAT_INCLUDE=python3
COMPAT_RECIPE="debootstrap --variant=minbase --include=$COMPAT_INCLUDE trixie"

# stamp_ok DIR: the tree exists, was made by this recipe, and is recent.
stamp_ok() {
	local stamp=$1/.syscage-stamp made
	[ -f "$stamp" ] && [ -x "$1/usr/bin/python3" ] || return 1
	[ "$(sed -n 1p "$stamp")" = "$COMPAT_RECIPE" ] || return 1
	made=$(sed -n 2p "$stamp")
	[ -n "$made" ] && [ $(($(date +%s) - made)) -lt $((COMPAT_MAX_AGE * 86400)) ]
}

# compat_root: sets COMPAT_ROOT to a ready tree, making it if needed;
# prints how long that took.  Returns non-zero, saying why, if it cannot.
compat_root() {
	local dir=$COMPAT_CACHE/trixie tmp start
	# shellcheck disable=SC2034 # for the caller
	COMPAT_ROOT=$dir
	if stamp_ok "$dir"; then
		echo "# trixie root: cached in $dir (made $(date -u -d "@$(sed -n 2p "$dir/.syscage-stamp")" +%F))"
		return 0
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "# no trixie root in $dir, and debootstrap needs root" >&2
		return 1
	fi
	command -v debootstrap >/dev/null || {
		echo "# debootstrap is missing: bash tools/install-deps.sh --tests" >&2
		return 1
	}
	mkdir -p "$COMPAT_CACHE" || return 1
	# One maker at a time; a second waits, then finds the tree ready.
	exec 9>"$COMPAT_CACHE/.lock"
	flock 9 || return 1
	if stamp_ok "$dir"; then
		exec 9>&-
		return 0
	fi
	tmp=$COMPAT_CACHE/trixie.new
	rm -rf "$tmp"
	start=$(date +%s)
	echo "# making the trixie root: $COMPAT_RECIPE $tmp $COMPAT_MIRROR"
	if ! debootstrap --variant=minbase --include="$COMPAT_INCLUDE" trixie \
		"$tmp" "$COMPAT_MIRROR" >"$COMPAT_CACHE/debootstrap.log" 2>&1; then
		echo "# debootstrap failed; the end of $COMPAT_CACHE/debootstrap.log:" >&2
		tail -n 15 "$COMPAT_CACHE/debootstrap.log" >&2
		exec 9>&-
		return 1
	fi
	printf '%s\n%s\n' "$COMPAT_RECIPE" "$(date +%s)" >"$tmp/.syscage-stamp"
	if ! rm -rf "$dir" || ! mv "$tmp" "$dir"; then
		exec 9>&-
		return 1
	fi
	exec 9>&-
	echo "# trixie root made in $(($(date +%s) - start)) s"
}
