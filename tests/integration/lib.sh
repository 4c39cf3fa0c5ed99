# SPDX-License-Identifier: LGPL-2.1-or-later
# Shared by the integration tests: run the real syscage on the real kernel,
# as root and as an unprivileged user, and check what the kernel did.
set -u

pass=0
fail=0
na=0
: "${SYSCAGE:?SYSCAGE must name the syscage binary}"
: "${PROBE:?PROBE must name the probe binary}"

TEST_USER=syscage-test
WORK=$(mktemp -d /tmp/syscage-test.XXXXXX)
chmod 755 "$WORK"
# The test user's $HOME is $WORK: its $TMPDIR must not be /tmp, which
# holds that home (untrusted and ci refuse to write a home's parent).
mkdir -m 1777 "$WORK/tmp"
trap 'rm -rf "$WORK"' EXIT
# Copies any user can run: the build tree may sit under a private home.
cp "$SYSCAGE" "$WORK/syscage"
cp "$PROBE" "$WORK/probe"
SC=$WORK/syscage
PB=$WORK/probe

ok() { pass=$((pass + 1)); printf 'ok - %s\n' "$*"; }
not_ok() { fail=$((fail + 1)); printf 'not ok - %s\n' "$*"; }
# A check that cannot tell anything on this machine: neither a pass nor
# a failure, and shown apart.
not_applicable() { na=$((na + 1)); printf 'n/a - %s\n' "$*"; }

# The unprivileged user, created on first use (CI runs as root).
ensure_user() {
	if [ "$(id -u)" -ne 0 ]; then
		return 0
	fi
	id "$TEST_USER" >/dev/null 2>&1 ||
		useradd --system --no-create-home --shell /usr/sbin/nologin \
			"$TEST_USER" || { not_ok "cannot create $TEST_USER"; return 1; }
}

# as MODE CMD...: run CMD as root ("root") or as the test user ("user").
# Not being root is a failure for the root mode, never a silent skip.
as() {
	local mode=$1
	shift
	if [ "$mode" = root ]; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "needs root: $*" >&2
			return 250
		fi
		"$@"
	elif [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid="$TEST_USER" --regid="$TEST_USER" \
			--clear-groups --inh-caps=-all -- \
			env HOME="$WORK" TMPDIR="$WORK/tmp" "$@"
	else
		"$@"
	fi
}

# run MODE CMD...: sets OUT, ERR and STATUS.
run() {
	as "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	STATUS=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
}

# shquote ARG...: the words quoted for any POSIX shell, on one line
# (bash's printf %q writes $'...' for some, which /bin/sh reads wrongly).
shquote() {
	local a out=
	for a in "$@"; do
		out+="'${a//\'/\'\\\'\'}' "
	done
	printf '%s' "$out"
}

# in_tty MODE CMD...: run CMD with a fresh pseudo-terminal as its
# controlling tty and fds 0-2 (script(1)).  script starts $SHELL -c, so
# SHELL is pinned to /bin/sh: the same on every machine, set or not.
in_tty() {
	local mode=$1
	shift
	run "$mode" env SHELL=/bin/sh script -qefc "$(shquote "$@")" /dev/null
	OUT=$(printf '%s\n' "$OUT" | tr -d '\r')
}

# check_status WANT DESC: after run.
check_status() {
	if [ "$STATUS" -eq "$1" ]; then
		ok "$2"
	else
		not_ok "$2: status $STATUS, want $1"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
}

# check_out PATTERN DESC: stdout matches the extended regex.
check_out() {
	if printf '%s\n' "$OUT" | grep -Eq -- "$1"; then
		ok "$2"
	else
		not_ok "$2: stdout lacks /$1/"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
}

check_err() {
	if printf '%s\n' "$ERR" | grep -Eq -- "$1"; then
		ok "$2"
	else
		not_ok "$2: stderr lacks /$1/"
		printf '  stdout: %s\n  stderr: %s\n' "$OUT" "$ERR"
	fi
}

# A policy file in the work directory, readable by the test user.
policy() {
	cat >"$WORK/$1.policy"
	chmod 644 "$WORK/$1.policy"
	echo "$WORK/$1.policy"
}

# alive PID: running, not a zombie waiting for a parent that is gone.
alive() {
	local state
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# The closing line; the exit status is what meson reads (protocol
# exitcode): 0 only with no failure and at least one pass.
# plan N: the script makes exactly N checks; finish fails when another
# number ran (a step that returned early, a loop that ran short).
planned=
plan() { planned=$1; }

finish() {
	if [ -n "$planned" ] && [ $((pass + fail + na)) -ne "$planned" ]; then
		not_ok "$((pass + fail + na)) checks ran, $planned planned"
	fi
	if [ "$na" -gt 0 ]; then
		echo "$pass passed, $fail failed, $na not applicable"
	else
		echo "$pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
}

# shellcheck source=../builtin-policies.sh
. "${BASH_SOURCE[0]%/*}/../builtin-policies.sh"

ensure_user
