# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared by the interop tests: the integration helpers (ok, not_ok, run,
# finish, a work directory), and tools that must be there: a missing one
# is a failure, never a skip.
: "${SRCDIR:?SRCDIR must name the source tree}"
# shellcheck source=../integration/lib.sh
. "$SRCDIR/tests/integration/lib.sh"

# need TOOL PACKAGE: fail the whole test when TOOL is not installed.
need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		not_ok "$1 is missing: install Debian's $2 (tools/install-deps.sh --tests)"
		finish
		exit 1
	fi
}

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		not_ok "this test runs $1 as root, and is not root"
		finish
		exit 1
	fi
}

# Every "ok N" as "ok": pids and fds differ from one sandbox to another.
normalize() {
	sed -E 's/: ok [0-9]+$/: ok/'
}

# same NAME A B: two outputs must be equal line for line.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/  /'
	fi
}
