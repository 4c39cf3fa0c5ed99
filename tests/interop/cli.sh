#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --export and --import on the command line: every format of every
# built-in, Docker's default profile round trip, errors with a place,
# --help on one screen and --version.
. "$SRCDIR/tests/interop/lib.sh"

DOCKER=$SRCDIR/tests/interop/docker-default.json

# Every built-in of the source tree's policies/; --list must agree.
load_builtins "$SC" && ok "built-ins: ${BUILTINS[*]} (policies/ and --list agree)" ||
	not_ok "built-ins: $BUILTINS_DIFF"
for p in "${BUILTINS[@]}"; do
	run root "$SC" --export oci "$p"
	check_status 0 "--export oci $p"
	printf '%s\n' "$OUT" >"$WORK/$p.json"
	python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
assert p["architectures"] == ["SCMP_ARCH_X86_64"], p["architectures"]
assert p["defaultAction"].startswith("SCMP_ACT_")
assert all(e["action"] != p["defaultAction"] or e.get("errnoRet") != p.get("defaultErrnoRet") for e in p["syscalls"])' \
		"$WORK/$p.json" && ok "$p: a JSON profile for x86-64 only" ||
		not_ok "$p: the profile is not what runtimes expect"
	run root "$SC" --export systemd "$p"
	check_out '^SystemCallArchitectures=native$' "--export systemd $p"
	run root "$SC" --export pfc "$p"
	check_out '^# syscage: filter 1 of [0-9]+' "--export pfc $p"
	"$SC" --export bpf:1 "$p" >"$WORK/$p.bpf" && [ -s "$WORK/$p.bpf" ] &&
		[ $(($(stat -c %s "$WORK/$p.bpf") % 8)) -eq 0 ] &&
		ok "--export bpf:1 $p: whole BPF instructions" ||
		not_ok "--export bpf:1 $p"
done

run root "$SC" --export xml stdio
check_status 1 "an unknown format fails"
check_err "unknown format 'xml' \(oci, spo:NAME, bpf, bpf:N, pfc, systemd\)" \
	"and names the formats"
run root "$SC" --export oci no-such-policy
check_status 1 "an unknown policy fails"

# Docker's default profile: import, check, export, import again.
run root "$SC" --import "$DOCKER"
check_status 0 "--import of Docker's default profile"
printf '%s\n' "$OUT" >"$WORK/docker.policy"
check_out '^# not applied: needs CAP_SYS_ADMIN, and syscage drops every capability:$' \
	"capability-gated entries are left out, and say why"
check_out '^allow clone if arg0 & 0x7e020000 == 0$' "clone keeps its condition"
check_out '^errno ENOSYS clone3$' "clone3 keeps its ENOSYS"
run root "$SC" --check "$WORK/docker.policy"
check_status 0 "the imported policy checks clean"
# Each step must succeed and give a non-empty file: two empty files
# (or two copies of one error) compare equal.
rt=ok
# rt_step DESC FILE ARGS...: syscage ARGS into WORK/FILE; the first
# failing step is remembered in rt.
rt_step() {
	local desc=$1 file=$2
	shift 2
	run root "$SC" "$@"
	printf '%s\n' "$OUT" >"$WORK/$file"
	if [ "$rt" = ok ] && { [ "$STATUS" -ne 0 ] || [ -z "$OUT" ]; }; then
		rt="$desc: status $STATUS, $(printf '%s' "$OUT" | wc -c) bytes: $ERR"
	fi
}
rt_step "--export oci of the imported policy" docker2.json --export oci "$WORK/docker.policy"
rt_step "--import of its export" docker2.policy --import "$WORK/docker2.json"
rt_step "--export oci of that" docker3.json --export oci "$WORK/docker2.policy"
if [ "$rt" != ok ]; then
	not_ok "round trip: $rt"
elif ! python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); sys.exit(0 if p.get("syscalls") else 1)' "$WORK/docker2.json"; then
	not_ok "round trip: the exported profile has no syscalls"
elif cmp -s "$WORK/docker2.json" "$WORK/docker3.json"; then
	ok "import and export round trip to the same profile"
else
	not_ok "export(import(export(P))) differs from export(P)"
	diff "$WORK/docker2.json" "$WORK/docker3.json" | head -20 | sed 's/^/  /'
fi
run root bash -c "'$SC' --import - <'$DOCKER'"
check_status 0 "--import - reads standard input"

# Malformed JSON: the place, the line, a caret.
printf '{\n  "defaultAction": "SCMP_ACT_ERRNO",\n  "syscalls": [\n    { "names": ["read"] "action": "SCMP_ACT_ALLOW" }\n  ]\n}\n' \
	>"$WORK/bad.json"
run root "$SC" --import "$WORK/bad.json"
check_status 1 "malformed JSON fails"
check_err "^$WORK/bad.json:4:25: error: object value separator ',' expected" \
	"with file:line:col"
check_err '^                        \^$' "and a caret under the place"
run root "$SC" --import "$WORK/none.json"
check_status 1 "a missing file fails"
check_err "none.json: No such file or directory" "and says why"

run root "$SC" --help
check_status 0 "--help"
lines=$(printf '%s\n' "$OUT" | wc -l)
[ "$lines" -le 24 ] && ok "--help fits one screen ($lines lines)" ||
	not_ok "--help is $lines lines, more than a 24-line screen"
check_out -- '--export' "--help shows --export"
check_out -- '--import' "--help shows --import"
run root "$SC" --version
check_out '^syscage [0-9]+\.[0-9]+\.[0-9]+$' "--version"
finish
