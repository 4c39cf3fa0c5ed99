#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Real tools that need something unusual (issue 14, point 6), under
# 'default', 'ci' and 'untrusted', each against its bare run: programs
# built with AddressSanitizer and LeakSanitizer (LSan's ptrace of its own
# threads), valgrind (mknod of its vgdb FIFO), chrt (scheduling of
# itself), and the socket families programs probe for (EAFNOSUPPORT).
# As root, as the unprivileged test user, and as root with --user.
. "$(dirname "$0")/lib.sh"
# The sanitizers' own settings are the test's: the ASan build of the
# suite runs with ASAN_OPTIONS=abort_on_error=1, which a bare run would
# inherit and a policy's 'env clear' would not (status 134 against 1).
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

SRC=$(dirname "$0")/tools
# Built once, copied into each mode's directory: under 'untrusted' only
# $CWD (and the command itself) is there to run from.
BIN=$WORK/bin
POLICIES="default ci untrusted"

for tool in gcc valgrind chrt setpriv; do
	command -v "$tool" >/dev/null || not_ok "missing $tool: bash tools/install-deps.sh --tests"
done
mkdir -p "$BIN"
build() {
	local out=$1
	shift
	gcc -g -O0 -Wall -pthread -o "$BIN/$out" "$@" 2>"$WORK/cc.err" ||
		{ not_ok "cannot build $out: $(cat "$WORK/cc.err")"; return 1; }
}
build leak-asan -fsanitize=address "$SRC/leak.c"
build leak-lsan -fsanitize=leak "$SRC/leak.c"
build memerr "$SRC/memerr.c"
build families "$SRC/families.c"
build trace "$SRC/trace.c"
chmod -R a+rX "$BIN"

# in_sandbox MODE POLICY CMD...: run CMD under POLICY (a policy name, or
# options); MODE rootuser is root with --user.
in_sandbox() {
	local mode=$1 policy=$2
	shift 2
	# shellcheck disable=SC2086 # POLICY may be several options
	case $mode in
	rootuser) run root "$SC" --user "$TEST_USER" $policy -- "$@" ;;
	*) run "$mode" "$SC" $policy -- "$@" ;;
	esac
}
# bare MODE CMD...: the control, as the same user.
bare() {
	local mode=$1
	shift
	[ "$mode" = rootuser ] && mode=user
	run "$mode" "$@"
}
# no_denial DESC: syscage refused nothing but clone3 and openat2, which
# every built-in answers ENOSYS by design (glibc falls back).
no_denial() {
	if printf '%s\n' "$ERR" | grep '^syscage: denied' |
		grep -vqE '^syscage: denied (clone3|openat2)\('; then
		not_ok "$1: syscage denied a call"
		printf '  stderr: %s\n' "$ERR"
	else
		ok "$1"
	fi
}

# An outside process of the target's user, which the target must not be
# able to trace: as root, one without capabilities (a root target has
# none, and the kernel would refuse it for that alone).
# Started directly (not through 'as', a function: $! would be its
# subshell, root's).
outside() {
	if [ "$1" = root ]; then
		setpriv --bounding-set=-all --inh-caps=-all sleep 300 &
	elif [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid="$TEST_USER" --regid="$TEST_USER" \
			--clear-groups --inh-caps=-all sleep 300 &
	else
		sleep 300 &
	fi
	OUTSIDE=$!
}

for mode in root user rootuser; do
	dir=$WORK/$mode
	mkdir -p "$dir"
	[ "$mode" != root ] && [ "$(id -u)" -eq 0 ] && chown "$TEST_USER" "$dir"
	cp -a "$WORK/bin" "$dir/bin"
	BIN=$dir/bin
	cd "$dir" || exit 1

	# --- LeakSanitizer: the report and LSan's exit status, as bare.
	for prog in "leak-asan" "leak-lsan" "leak-asan 3"; do
		# shellcheck disable=SC2086 # PROG carries its argument
		bare $mode $BIN/$prog
		want=$STATUS
		if printf '%s\n' "$ERR" | grep -q 'Direct leak of 1234 byte'; then
			ok "$mode bare $prog: LeakSanitizer reports the leak (status $want)"
		else
			not_ok "$mode bare $prog: no leak report"
			printf '  stderr: %s\n' "$ERR"
		fi
		for p in $POLICIES; do
			# shellcheck disable=SC2086
			in_sandbox $mode "-p $p" $BIN/$prog
			check_status "$want" "$mode $p $prog: LeakSanitizer's status, as bare"
			check_err 'Direct leak of 1234 byte\(s\) in 1 object' "$mode $p $prog: the leak report"
			no_denial "$mode $p $prog: its tracer attaches to its threads"
		done
	done

	# --- ptrace: the sandbox's own processes only.
	outside $mode
	sleep 0.2
	bare $mode "$BIN/trace" attach "$OUTSIDE"
	check_out '^attach ok$' "$mode bare: the probe attaches to a process outside"
	for p in $POLICIES; do
		in_sandbox $mode "-p $p" "$BIN/trace" attach "$OUTSIDE"
		check_out '^attach (EPERM|ESRCH)$' "$mode $p: no attach to a process outside the sandbox"
		no_denial "$mode $p: refused by the kernel (Landlock's domain), not the filter"
		in_sandbox $mode "-p $p" "$BIN/trace" attach-child
		check_out '^attach ok$' "$mode $p: attach to its own child"
	done
	kill "$OUTSIDE" 2>/dev/null
	wait "$OUTSIDE" 2>/dev/null
	bare $mode "$BIN/trace" poke-child
	check_out '^poke E(IO|FAULT)$' "$mode bare: POKEDATA reaches the kernel"
	in_sandbox $mode "-p default" "$BIN/trace" poke-child
	check_out '^poke EPERM$' "$mode default: no POKEDATA, even on its own child"
	check_err '^syscage: denied ptrace' "$mode default: the filter refuses it"
	bare $mode "$BIN/trace" traceme
	check_out '^traceme ok$' "$mode bare: PTRACE_TRACEME"
	in_sandbox $mode "-p default" "$BIN/trace" traceme
	check_out '^traceme EPERM$' "$mode default: no PTRACE_TRACEME (syscage would trace it)"

	# --- valgrind: its vgdb FIFO (mknod), its error exit.
	for prog in /bin/true "$BIN/memerr"; do
		bare $mode valgrind -q --error-exitcode=9 "$prog"
		want=$STATUS
		if [ "$prog" = /bin/true ]; then
			check_status 0 "$mode bare: valgrind true"
		else
			check_status 9 "$mode bare: valgrind's error status"
			check_err 'Invalid write of size 4' "$mode bare: valgrind finds the overflow"
		fi
		for p in $POLICIES; do
			in_sandbox $mode "-p $p" valgrind -q --error-exitcode=9 "$prog"
			check_status "$want" "$mode $p: valgrind ${prog##*/}, status as bare"
			[ "$prog" = /bin/true ] ||
				check_err 'Invalid write of size 4' "$mode $p: valgrind finds the overflow"
			no_denial "$mode $p: valgrind ${prog##*/} makes its FIFO"
		done
	done
	in_sandbox $mode "-p default" sh -c 'mknod nul c 1 3'
	check_err '^syscage: denied mknodat' "$mode default: no device node, whatever the capabilities"

	# --- chrt: queries, and scheduling classes of itself.
	for p in bare $POLICIES; do
		for c in 'chrt -p $$' 'chrt -m' 'chrt -b 0 chrt -p 0' 'chrt -i 0 chrt -p 0'; do
			if [ "$p" = bare ]; then
				bare $mode sh -c "$c"
			else
				in_sandbox $mode "-p $p" sh -c "$c"
			fi
			check_status 0 "$mode $p: $c"
			case $c in
			'chrt -p $$') want='current scheduling policy: SCHED_OTHER' ;;
			'chrt -m') want='^SCHED_FIFO min/max priority.*1/99' ;;
			'chrt -b'*) want='current scheduling policy: SCHED_BATCH' ;;
			'chrt -i'*) want='current scheduling policy: SCHED_IDLE' ;;
			esac
			check_out "$want" "$mode $p: $c: its answer"
		done
	done
	in_sandbox $mode "-p default" chrt -f 1 true
	check_err 'Operation not permitted' "$mode default: no real-time class (CAP_SYS_NICE is dropped)"
	no_denial "$mode default: the kernel refuses it, not the filter"

	# --- socket families: EAFNOSUPPORT for every family refused.
	bare $mode "$BIN/families"
	printf '%s\n' "$OUT" >"$WORK/bare-families"
	check_out '^netlink-generic ok$' "$mode bare: the probe creates what the kernel has"
	check_out '^inet-pair EOPNOTSUPP$' "$mode bare: and shows the kernel's own errno"
	while read -r opts allowed; do
		opts=${opts//%/ }
		in_sandbox $mode "$opts" "$BIN/families"
		bad=
		while read -r name got; do
			want=EAFNOSUPPORT
			case " $allowed " in *" $name "*)
				want=$(awk -v n="$name" '$1 == n { print $2 }' "$WORK/bare-families") ;;
			esac
			[ "$got" = "$want" ] || bad+=" $name:$got(want $want)"
		done <<<"$OUT"
		if [ -z "$bad" ] && [ "$(wc -l <<<"$OUT")" -eq "$(wc -l <"$WORK/bare-families")" ]; then
			ok "$mode $opts: EAFNOSUPPORT for every family but $allowed"
		else
			not_ok "$mode $opts:$bad"
		fi
	done <<'EOF'
-p%default unix inet inet6 netlink-route unix-pair
-p%ci unix inet inet6 netlink-route unix-pair
-p%ci-net unix inet inet6 netlink-route unix-pair
-p%untrusted unix-pair
--net%none unix-pair
--net%unix unix unix-pair
--net%inet unix inet inet6 netlink-route unix-pair
EOF
	cd /
done

finish
