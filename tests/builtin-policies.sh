# SPDX-License-Identifier: LGPL-2.1-or-later
# The built-in policies, for the suites that run something under each:
# taken from the source tree's policies/, never from the binary under
# test (a --list that forgot one would silently drop its checks), and
# the binary's --list checked against them.  Sourced; needs SRCDIR.

# is_policy NAME [DEPTH]: policies/NAME.policy is a policy, not a piece
# to include: it sets a default action, itself or through a policy it
# includes.  groups.policy (only `define`) and fs-system.policy (only
# `fs` rules) are pieces.
is_policy() {
	local f=$SRCDIR/policies/$1.policy depth=${2:-0} inc
	[ -f "$f" ] && [ "$depth" -lt 8 ] || return 1
	grep -Eq '^[[:space:]]*default[[:space:]]' "$f" && return 0
	for inc in $(sed -nE 's/^[[:space:]]*include[[:space:]]+([A-Za-z0-9_.-]+)[[:space:]]*(#.*)?$/\1/p' "$f"); do
		is_policy "$inc" $((depth + 1)) && return 0
	done
	return 1
}

# source_policies: the built-ins' names, one a line, sorted.
source_policies() {
	local f name
	for f in "$SRCDIR"/policies/*.policy; do
		name=${f##*/}
		name=${name%.policy}
		is_policy "$name" && printf '%s\n' "$name"
	done | LC_ALL=C sort
}

# listed_policies SYSCAGE: the names under "policies:" in its --list.
listed_policies() {
	"$1" --list | awk '/^policies:/ { s = 1; next } /^[^ ]/ { s = 0 } s { print $1 }' |
		LC_ALL=C sort
}

# load_builtins SYSCAGE: BUILTINS=(the source tree's policies); returns 1,
# with BUILTINS_DIFF saying what differs, when SYSCAGE --list disagrees
# or policies/ holds none.
load_builtins() {
	local src listed
	src=$(source_policies)
	listed=$(listed_policies "$1")
	mapfile -t BUILTINS <<<"$src"
	[ -n "$src" ] || BUILTINS=()
	BUILTINS_DIFF=
	if [ ${#BUILTINS[@]} -eq 0 ]; then
		BUILTINS_DIFF="no policy in $SRCDIR/policies"
		return 1
	fi
	if [ "$src" != "$listed" ]; then
		BUILTINS_DIFF="$1 --list disagrees with $SRCDIR/policies/: $(diff \
			<(printf '%s\n' "$src") <(printf '%s\n' "$listed") |
			sed -n 's/^< /only in policies\/: /p; s/^> /only in --list: /p' |
			paste -sd ';' -)"
		return 1
	fi
}
