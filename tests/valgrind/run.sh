# SPDX-License-Identifier: LGPL-2.1-or-later
# syscage under valgrind's memcheck: the launcher runs of the integration
# suite and the policy commands, as root and as an unprivileged user, with
# --leak-check=full.  An error in syscage or in its forked child fails.
#
# Valgrind cannot confine a target.  Valgrind 3.19 has no wrapper for
# seccomp(2) or Landlock's calls and answers ENOSYS without asking the
# kernel (one that passed them on would confine valgrind itself, whose own
# calls the policy may deny).  So every launch here stops where the child
# loads its filter, with 125 and "seccomp_load: Function not implemented":
# the parent's whole set-up (policies, filters, fork, supervisor, the
# hand-over of the child's error, clean-up) and the child's steps up to
# the filter run under memcheck; the notification loop and what it writes
# (--report events, --learn output) do not, and are left to the ASan and
# LeakSanitizer runs of the integration suite.  SYSCAGE is the command
# linked dynamically (tests/meson.build says why); VG_SHIM sets the
# seccomp API level that libseccomp cannot probe under valgrind.
. "$(dirname "$0")/../integration/lib.sh"
: "${VG_SHIM:?VG_SHIM must name the seccomp API level shim}"

if ! command -v valgrind >/dev/null; then
	not_ok "valgrind is not installed (tools/install-deps.sh --tests installs it)"
	finish
	exit 1
fi
# A copy the test user can read, as lib.sh makes of the binaries.
cp "$VG_SHIM" "$WORK/shim.so"
NOSECCOMP='seccomp_load: Function not implemented'
n=0

# vg MODE WANT DESC ARGS...: syscage ARGS under memcheck, one log per
# process; each must end with no error, and the status must be WANT.
vg() {
	local mode=$1 want=$2 desc=$3 logs bad=
	shift 3
	n=$((n + 1))
	logs=$WORK/vg.$n
	mkdir -m 777 "$logs"
	run "$mode" env LD_PRELOAD="$WORK/shim.so" valgrind \
		--log-file="$logs/%p" --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,possible --trace-children=no \
		"$SC" "$@"
	for log in "$logs"/*; do
		grep -q 'ERROR SUMMARY: 0 errors' "$log" || bad="$bad $log"
	done
	if [ -n "$bad" ]; then
		not_ok "$mode: $desc: memcheck found errors"
		for log in $bad; do
			echo "  --- $log"
			sed 's/^/  /' "$log"
		done
	elif [ "$STATUS" -ne "$want" ]; then
		not_ok "$mode: $desc: status $STATUS, want $want"
		printf '  stderr: %s\n' "$ERR"
	else
		ok "$mode: $desc"
	fi
}

killpid=$(policy killpid <<'P'
default errno EPERM
include stdio
kill getpid
P
)
typo=$(policy typo <<'P'
default errno EPERM
include stdio
allow opne
P
)
mkdir -m 777 "$WORK/files"
cp -r "$SRCDIR/tests/errors" "$WORK/errors"
chmod -R a+rX "$WORK/errors"
errors=$(ls "$WORK"/errors/*.policy)
builtins=$("$SC" --list | awk '/^policies:/ { f = 1; next }
	/^groups:/ { f = 0 } f { print $1 }')

for mode in root user; do
	vg $mode 125 "-- echo hi: stops at the filter" -- echo hi
	check_err "$NOSECCOMP" "$mode: the child's step failing is reported"
	vg $mode 125 "-p stdio -- sh -c 'exit 3'" \
		-p stdio -- sh -c 'exit 3'
	vg $mode 125 "a policy that kills, with --report" \
		--report "$WORK/files/report.$mode.jsonl" -p "$killpid" -- "$PB" getpid
	vg $mode 125 "--audit" --audit -p "$killpid" -- "$PB" getpid
	vg $mode 125 "--learn" --learn "$WORK/files/learn.$mode.policy" -- "$PB" getpid
	vg $mode 125 "stacked policies, -v" -v -p stdio -p "$killpid" -- true
	vg $mode 125 "Landlock, net, env, limits and fds" --ro /usr --rw '$TMPDIR' \
		--net unix --env-clear --env-keep PATH --env A=1 \
		--rlimit nofile=64 --timeout 5 --keep-fd 1 -- true
	vg $mode 125 "a policy with a typo" -p "$typo" -- true
	check_err "typo.policy:3:7: error: unknown syscall 'opne'" \
		"$mode: the typo is reported"
	vg $mode 127 "a command not found" -- no-such-command-xyz
	vg $mode 125 "an unknown policy" -p no-such-policy -- true
	vg $mode 125 "an unknown option" --no-such-option
	# shellcheck disable=SC2086 # one word per built-in
	vg $mode 0 "--check on every built-in" --check $builtins
	vg $mode 0 "--check on a file" --check "$killpid"
	vg $mode 0 "--explain" --explain untrusted
	vg $mode 0 "--list" --list
	vg $mode 0 "--list @basic-io" --list @basic-io
	# shellcheck disable=SC2086 # one word per case
	vg $mode 1 "--check on every diagnostics case" --check $errors
	for format in oci bpf:1 bpf:2 pfc systemd; do
		vg $mode 0 "--export $format" --export $format default
	done
	vg $mode 1 "--export bpf of two filters" --export bpf default
	"$SC" --export oci untrusted >"$WORK/oci.json"
	vg $mode 0 "--import" --import "$WORK/oci.json"
	vg $mode 1 "--import of a missing file" --import "$WORK/none.json"
done
vg root 125 "--user nobody" --user nobody -- true

finish
