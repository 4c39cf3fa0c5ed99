#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A target that hits a limit a policy set (issue 14): dd writing past
# 'limit fsize' and a busy loop past 'limit cpu' are killed by the kernel
# (SIGXFSZ, SIGKILL), and syscage says which limit, where it was set and
# how to raise it, byte for byte; -v and --report list the limits.  Each
# program also runs under the same policy without the limit (the
# control: it completes), as root, as the test user and as root --user.
. "${BASH_SOURCE[0]%/*}/lib.sh"

plan 42

nolimit=$(policy nolimit <<'P'
include default
P
)
fsize=$(policy fsize <<'P'
include default
limit fsize 64K
P
)
cpu=$(policy cpu <<'P'
include default
limit cpu 1
P
)
# About 2.5 s of CPU here: past 'limit cpu 1', and it ends without it.
loop='i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); done; echo done'

# same WANT DESC: stderr is WANT, byte for byte.
same() {
	if [ "$ERR" = "$1" ]; then
		ok "$2"
	else
		not_ok "$2: stderr differs"
		printf '  want: %s\n  got:  %s\n' "$1" "$ERR"
	fi
}

for mode in root user root-user; do
	how=$mode
	opt=()
	if [ "$mode" = root-user ]; then
		how=root
		opt=(--user "$TEST_USER")
	fi
	dir=$WORK/tmp/$mode
	mkdir -p "$dir" && chmod 777 "$dir"
	dd=(dd if=/dev/zero of="$dir/out" bs=16K count=16 status=none)

	# Control: without the limit, dd writes its 256 KiB.
	run $how "$SC" "${opt[@]}" -p "$nolimit" -- "${dd[@]}"
	check_status 0 "$mode: control: dd writes 256 KiB without the limit"
	if [ "$(stat -c %s "$dir/out" 2>/dev/null)" = 262144 ]; then
		ok "$mode: control: the file holds 256 KiB"
	else
		not_ok "$mode: control: the file holds $(stat -c %s "$dir/out" 2>&1)"
	fi
	rm -f "$dir/out"
	run $how "$SC" "${opt[@]}" -p "$fsize" -- "${dd[@]}"
	check_status 153 "$mode: limit fsize 64K: dd is killed by SIGXFSZ"
	if [ "$(stat -c %s "$dir/out" 2>/dev/null)" = 65536 ]; then
		ok "$mode: limit fsize 64K: the file stops at 64 KiB"
	else
		not_ok "$mode: the file holds $(stat -c %s "$dir/out" 2>&1)"
	fi
	same "syscage: dd was killed by SIGXFSZ: it wrote past its file size limit, limit fsize 65536 ($fsize:2)
syscage:   raise it with:  --rlimit fsize=SIZE, or 'limit fsize VALUE' on that line" \
		"$mode: limit fsize: the message, byte for byte"
	rm -f "$dir/out"

	# Control: without the limit, the loop ends.
	run $how "$SC" "${opt[@]}" -p "$nolimit" -- sh -c "$loop"
	check_status 0 "$mode: control: the busy loop ends without the limit"
	check_out '^done$' "$mode: control: and says so"
	run $how "$SC" "${opt[@]}" --timeout 60 -p "$cpu" -- sh -c "$loop"
	check_status 137 "$mode: limit cpu 1: the busy loop is killed (SIGKILL)"
	same "syscage: sh was killed by SIGKILL: it used up its CPU time, limit cpu 1 ($cpu:2)
syscage:   raise it with:  --rlimit cpu=SECONDS, or 'limit cpu VALUE' on that line" \
		"$mode: limit cpu: the message, byte for byte"

	# Set by an option: the option is the way to raise it.
	run $how "$SC" "${opt[@]}" --rlimit cpu=1 -- sh -c "$loop"
	same "syscage: sh was killed by SIGKILL: it used up its CPU time, limit cpu 1 (default + command line:2)
syscage:   raise it with:  --rlimit cpu=SECONDS" \
		"$mode: --rlimit cpu=1: the message names the option only"
	# A kill(1) of a short run is not blamed on a cpu limit.
	run $how "$SC" "${opt[@]}" -p "$cpu" -- sh -c 'kill -9 $$'
	check_status 137 "$mode: a target that kills itself: 137"
	same "" "$mode: and no limit is blamed for it"

	# -v lists the limits applied; --report has them, and the one hit.
	run $how "$SC" "${opt[@]}" -v --report "$dir/r.json" -p "$fsize" -- \
		"${dd[@]}"
	if printf '%s\n' "$ERR" | grep -qFx "syscage: limit fsize 65536 ($fsize:2)"; then
		ok "$mode: -v: the limit, its value and its line"
	else
		not_ok "$mode: -v does not list the limit: $ERR"
	fi
	if grep -qF "\"event\":\"limits\",\"limits\":[{\"name\":\"fsize\",\"soft\":65536,\"hard\":65536,\"file\":\"$fsize\",\"line\":2}]}" "$dir/r.json" &&
		grep -qF "\"event\":\"limit-reached\",\"signal\":\"SIGXFSZ\"," "$dir/r.json" &&
		grep -qF "\"raise\":\"--rlimit fsize=SIZE\"}" "$dir/r.json"; then
		ok "$mode: --report: the limits applied and the one reached"
	else
		not_ok "$mode: --report lacks the limits: $(cat "$dir/r.json")"
	fi
	rm -f "$dir/out" "$dir/r.json"
done

finish
