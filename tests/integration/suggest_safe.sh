#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# A hostile target cannot steer syscage's advice (fs_advice.c): a real
# program under untrusted and ci tries to write /etc, /, the home itself,
# ~/.bashrc, ~/.ssh, ~/.config/autostart, ~/.local/bin, ~/.cargo/bin,
# ~/go/bin and a directory named 'x /etc' (two paths in a policy line),
# with --report-paths on: stderr holds no 'allow it with:' line at all,
# and each reason for none; the host's files are untouched.  Controls:
# unconfined, the same program writes what it is refused; a benign
# refused path (a sibling of the working directory) still gets its
# suggestion, byte for byte, and the option suggested lets it through.
# --report: the JSON agrees (allow empty, "withheld" the reason).  Root,
# an unprivileged user, and root with --user.
. "$(dirname "$0")/lib.sh"

ensure_user || exit 1
plan 38
PY=/usr/bin/python3
[ -x $PY ] || { not_ok "python3 is missing (tools/install-deps.sh --tests)"; exit 1; }
TAG=syscage-suggest-$$
cleanup() {
	rm -f "/etc/$TAG" "/$TAG"
	rm -rf "$WORK"
}
trap cleanup EXIT

H=$WORK/home
SIB=$WORK/sibling
ODD="$WORK/x /etc"
mkdir -p "$H/.ssh" "$H/.config/autostart" "$H/.local/bin" "$H/go/bin" \
	"$H/.cargo/bin" "$SIB" "$ODD"
echo orig >"$H/.bashrc"
chown -R "$TEST_USER" "$H"
# Writable by each mode: what refuses is syscage, never a file's mode.
chmod -R a+rwX "$H" "$SIB" "$ODD"
cat >"$WORK/hostile.sh" <<S
#!/bin/sh
# Each write refused steers the advice at something dangerous.
echo x >/etc/$TAG
echo x >/$TAG
echo x >"\$HOME/x"
echo x >>"\$HOME/.bashrc"
echo x >"\$HOME/.ssh/x"
echo x >"\$HOME/.config/autostart/x"
echo x >"\$HOME/.local/bin/x"
echo x >"\$HOME/.cargo/bin/x"
echo x >"\$HOME/go/bin/x"
echo x >"$ODD/x"
echo done
S
chmod 755 "$WORK/hostile.sh"

SYS="/etc is a system directory; grant it only if you trust the program"
hidden() { printf 'a hidden file of the home (~/%s): secrets and start-up files' "$1"; }
COMMON=("$SYS" "/ is the whole machine" "$(hidden .config)" "$(hidden .local)"
	"$(hidden .cargo)"
	"a toolchain of the home (~/go): what is written there runs outside the sandbox"
	"its name has characters a shell or a policy line reads otherwise")
# untrusted: the home is empty (its files hidden); ci: a private home the
# job may write, with 'fs none' on ~/.ssh.
WANT_untrusted=("${COMMON[@]}" "the home itself (every secret in it)" "$(hidden .ssh)")
WANT_ci=("${COMMON[@]}" "hidden on purpose")

# The host as the setup left it: nothing the target was refused exists.
untouched() {
	[ ! -e "/etc/$TAG" ] && [ ! -e "/$TAG" ] && [ ! -e "$H/x" ] &&
		[ "$(cat "$H/.bashrc")" = orig ] && [ ! -e "$H/.ssh/x" ] &&
		[ ! -e "$H/.config/autostart/x" ] && [ ! -e "$H/.local/bin/x" ] &&
		[ ! -e "$H/.cargo/bin/x" ] && [ ! -e "$H/go/bin/x" ] &&
		[ ! -e "$ODD/x" ]
}
clean_host() {
	rm -f "/etc/$TAG" "/$TAG" "$H/x" "$H/.ssh/x" "$H/.config/autostart/x" \
		"$H/.local/bin/x" "$H/.cargo/bin/x" "$H/go/bin/x" "$ODD/x" \
		"$SIB/x"
	echo orig >"$H/.bashrc"
}

# hostile MODE POLICY PRE...: the checks of one run.
hostile() {
	local mode=$1 p=$2 missing= r allow pair
	shift 2
	local -n want=WANT_$p
	run "$as" env HOME="$H" TMPDIR="$WORK/tmp" "$SC" "$@" -p "$p" \
		--report-paths -- "$WORK/hostile.sh"
	check_out '^done$' "$mode: $p: the hostile program ran to its end"
	allow=$(printf '%s\n' "$ERR" | grep -F 'allow it with:')
	if [ -z "$allow" ]; then
		ok "$mode: $p: no 'allow it with:' line for any of its paths"
	else
		not_ok "$mode: $p: suggested: $allow"
	fi
	for r in "${want[@]}"; do
		printf '%s\n' "$ERR" | grep -qxF "syscage:   no rule suggested: $r" ||
			missing+="[$r] "
	done
	# The README's example, both lines byte for byte (the pid as N).
	pair=$(printf 'syscage: refused openat(AT_FDCWD, "/etc/%s", O_WRONLY|O_CREAT|O_TRUNC, 0666) in pid N (hostile.sh): create /etc/%s: read-only in the private view\nsyscage:   no rule suggested: %s' \
		"$TAG" "$TAG" "$SYS")
	[ "$(printf '%s\n' "$ERR" | sed -E 's/ in pid [0-9]+ / in pid N /' |
		grep -A1 -F "create /etc/$TAG:" | head -2)" = "$pair" ] ||
		missing+="[the /etc pair: $pair] "
	if [ -z "$missing" ]; then
		ok "$mode: $p: each reason for no suggestion is said"
	else
		not_ok "$mode: $p: missing $missing"
		printf '  stderr: %s\n' "$ERR"
	fi
	if untouched; then
		ok "$mode: $p: the host's files are untouched"
	else
		not_ok "$mode: $p: a refused path was written"
		clean_host
	fi
}

for mode in root user rootuser; do
	dir=$WORK/$mode
	mkdir -p "$dir"
	as=$mode pre=()
	if [ "$mode" = rootuser ]; then
		as=root pre=(--user "$TEST_USER")
	fi
	[ "$mode" != root ] && chown "$TEST_USER" "$dir"
	cd "$dir" || exit 1

	# Control: unconfined, the program writes what it will be refused.
	run "$as" env HOME="$H" "$WORK/hostile.sh"
	if [ "$OUT" = done ] && [ -e "$H/.ssh/x" ] && [ -e "$H/x" ] &&
		[ "$(cat "$H/.bashrc")" = "$(printf 'orig\nx')" ] &&
		[ -e "$H/.local/bin/x" ] && [ -e "$ODD/x" ]; then
		ok "$mode: control: unconfined, the program writes the home's files"
	else
		not_ok "$mode: control: unconfined: $OUT $ERR"
	fi
	clean_host

	hostile "$mode" untrusted "${pre[@]}"
	hostile "$mode" ci "${pre[@]}"

	# A benign refused path keeps its suggestion, which works.
	for p in untrusted ci; do
		run "$as" env HOME="$H" TMPDIR="$WORK/tmp" "$SC" "${pre[@]}" \
			-p "$p" --report-paths -- sh -c "echo x >'$SIB/x'"
		want=$(printf 'syscage:   allow it with:  %-24s (or %s)' \
			"fs rw $SIB" "--rw $SIB")
		if printf '%s\n' "$ERR" | grep -qxF -- "$want"; then
			ok "$mode: $p: control: a sibling directory gets its suggestion"
		else
			not_ok "$mode: $p: control: want '$want'; stderr: $ERR"
		fi
	done
	run "$as" env HOME="$H" TMPDIR="$WORK/tmp" "$SC" "${pre[@]}" \
		-p untrusted --rw "$SIB" -- sh -c "echo x >'$SIB/x' && echo wrote"
	check_out '^wrote$' "$mode: control: the option suggested lets it through"
	rm -f "$SIB/x"
done

# --report: the reason in the JSON, the allow empty; the benign one's kept.
cd "$WORK/root" || exit 1
run root env HOME="$H" TMPDIR="$WORK/tmp" "$SC" -p untrusted \
	--report "$WORK/r.jsonl" -- "$WORK/hostile.sh"
if $PY -c 'import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
p = [e for e in ev if e.get("event") == "path-refused"]
sys.exit(0 if p and all(e["allow"] == "" and e["option"] == "" and
                        e["advice"] == "none" and e.get("withheld") for e in p)
         and any(e["path"] == "/etc/" + sys.argv[2] and
                 e["withheld"] == sys.argv[3] for e in p) else 1)' \
	"$WORK/r.jsonl" "$TAG" "$SYS"; then
	ok "root: --report: no allow, and the reason as \"withheld\""
else
	not_ok "root: --report: $(cat "$WORK/r.jsonl")"
fi
run root env HOME="$H" TMPDIR="$WORK/tmp" "$SC" -p untrusted \
	--report "$WORK/b.jsonl" -- sh -c "echo x >'$SIB/x'"
if $PY -c 'import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
p = [e for e in ev if e.get("event") == "path-refused"]
sys.exit(0 if len(p) == 1 and p[0]["allow"] == "fs rw " + sys.argv[2]
         and p[0]["option"] == "--rw " + sys.argv[2]
         and "withheld" not in p[0] else 1)' "$WORK/b.jsonl" "$SIB"; then
	ok "root: --report: a benign path keeps allow and option, no \"withheld\""
else
	not_ok "root: --report: $(cat "$WORK/b.jsonl")"
fi

finish
