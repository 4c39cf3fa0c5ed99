#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# --export spo:NAME: every built-in and a policy with argument conditions
# written as a Security Profiles Operator SeccompProfile, each validated
# against the operator's CRD schema (spo-seccompprofile.schema.yaml, as
# the API server applies it: spo_validate.py) and compared with --export
# oci item for item; bad names and policies the resource cannot carry
# are errors that write nothing.
. "$SRCDIR/tests/interop/lib.sh"
. "$SRCDIR/tests/builtin-policies.sh"
need python3 python3
python3 -c 'import jsonschema, yaml' 2>/dev/null ||
	{ not_ok "python3 cannot import jsonschema and yaml: install Debian's python3-jsonschema and python3-yaml (tools/install-deps.sh --tests)"; finish; exit 1; }

HERE=$SRCDIR/tests/interop
SCHEMA=$HERE/spo-seccompprofile.schema.yaml

# The validator is not vacuous: a profile with an unknown field, a bad
# action, a value beyond int64 and a bad name is refused on each count.
cat >"$WORK/bad.yaml" <<'YAML'
apiVersion: security-profiles-operator.x-k8s.io/v1beta1
kind: SeccompProfile
metadata:
  name: Bad_Name
spec:
  defaultAction: SCMP_ACT_DENY
  defaultErrnoRet: 1
  syscalls:
  - action: SCMP_ACT_ALLOW
    names: [read, read]
    args:
    - {index: 0, value: 18446744073709551615, op: SCMP_CMP_EQ}
YAML
run root python3 "$HERE/spo_validate.py" "$SCHEMA" "$WORK/bad.yaml"
check_status 1 "the validator refuses a bad resource"
for what in "metadata/name: 'Bad_Name' does not match" \
	"spec/defaultAction: 'SCMP_ACT_DENY' is not one of" \
	"'defaultErrnoRet' was unexpected" \
	"spec/syscalls/0/names: .* non-unique" \
	"spec/syscalls/0/args/0/value: .* is not a 'int64'"; do
	check_out "$what" "validator: $what"
done

# The built-ins and the policy with overlapping argument conditions.
load_builtins "$SC" || not_ok "built-ins: $BUILTINS_DIFF"
policies=("${BUILTINS[@]}" "$HERE/overlap.policy")
files=()
for p in "${policies[@]}"; do
	n=$(basename "$p" .policy)
	run root "$SC" --export "spo:syscage-$n" "$p"
	check_status 0 "--export spo:syscage-$n $n"
	printf '%s\n' "$OUT" >"$WORK/$n.yaml"
	files+=("$WORK/$n.yaml")
	"$SC" --export oci "$p" >"$WORK/$n.json" 2>/dev/null
	python3 - "$WORK/$n.yaml" "$WORK/$n.json" <<'PY' &&
import json, sys, yaml
spo = yaml.safe_load(open(sys.argv[1]))["spec"]
oci = json.load(open(sys.argv[2]))
# What the resource has no field for: said in comments instead.
assert oci.pop("defaultErrnoRet", 1) == 1
for s in oci["syscalls"]:
    s.pop("comment", None)
sys.exit(0 if spo == oci else 1)
PY
		ok "$n: the resource's spec is --export oci's profile, item for item" ||
		not_ok "$n: the spec differs from --export oci"
done
grep -q 'args:' "$WORK/overlap.yaml" && grep -q 'valueTwo:' "$WORK/overlap.yaml" &&
	ok "overlap: argument conditions exported (args, masked compares)" ||
	not_ok "overlap: no argument conditions in the resource"
grep -q '^  # socket: one of several disjoint cases' "$WORK/overlap.yaml" &&
	ok "overlap: the split cases are said in YAML comments" ||
	not_ok "overlap: no comment on the split cases"
run root python3 "$HERE/spo_validate.py" "$SCHEMA" "${files[@]}"
check_status 0 "every export is valid against the operator's CRD schema"
for n in "${BUILTINS[@]}" overlap; do
	check_out "^$WORK/$n.yaml: valid SeccompProfile syscage-$n\$" "$n: valid"
done

# examples/kubernetes/pod.yaml's operator route, its command as written
# up to the pipe into kubectl.
cmd=$(sed -n 's/^#[[:space:]]*\(syscage --export spo:[^|]*[^| ]\)[[:space:]]*|.*/\1/p' \
	"$SRCDIR/examples/kubernetes/pod.yaml")
if [ -n "$cmd" ]; then
	(cd "$SRCDIR" && eval "\"\$SC\"${cmd#syscage}") >"$WORK/pod-spo.yaml" 2>"$WORK/err" &&
		python3 "$HERE/spo_validate.py" "$SCHEMA" "$WORK/pod-spo.yaml" >/dev/null &&
		ok "pod.yaml's '$cmd' writes a valid resource" ||
		not_ok "pod.yaml's '$cmd': $(cat "$WORK/err")"
else
	not_ok "examples/kubernetes/pod.yaml has no syscage --export spo: command"
fi

# Names: a DNS-1123 subdomain, else an error and nothing written.
long=$(printf 'a%.0s' {1..254})
for name in '' Upper under_score -dash dash- a..b .dot "$long" 'a b' 'x"y'; do
	run root "$SC" --export "spo:$name" default
	check_status 1 "spo:${name:0:20}... is refused"
	[ -z "$OUT" ] && ok "and nothing is written" || not_ok "output for a bad name: ${OUT:0:80}"
	if [ -n "$name" ]; then
		check_err "error: --export spo:NAME: the name must be a DNS-1123 subdomain" \
			"and the message says what a name must be"
	else
		check_err "error: --export spo needs the resource's name: spo:NAME" \
			"and the message asks for the name"
	fi
done
run root "$SC" --export spo default
check_status 1 "spo without a name is refused"
check_err "spo needs the resource's name" "and the message asks for it"
for name in a 0 web-1 prod.syscage.example "$(printf 'a%.0s' {1..63}).b"; do
	run root "$SC" --export "spo:$name" stdio
	check_status 0 "spo:${name:0:20} is a good name"
	check_out "^  name: \"$name\"\$" "and it is the resource's name, quoted"
done

# What the resource cannot say: refused, nothing written.
printf 'default errno EACCES\nallow read, write, exit_group\n' >"$WORK/eacces.policy"
run root "$SC" --export spo:x "$WORK/eacces.policy"
check_status 1 "a default errno other than EPERM is refused"
[ -z "$OUT" ] && ok "and nothing is written" || not_ok "output: ${OUT:0:80}"
check_err "no defaultErrnoRet" "and the message says why"
printf 'default errno EPERM\nallow read if arg2 == 0x8000000000000000\n' >"$WORK/big.policy"
run root "$SC" --export spo:x "$WORK/big.policy"
check_status 1 "a value above 2^63-1 is refused"
[ -z "$OUT" ] && ok "and nothing is written" || not_ok "output: ${OUT:0:80}"
check_err "above 2\^63-1" "and the message says why"
finish
