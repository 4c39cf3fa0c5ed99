#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# syscage's own files and messages against a hostile target (issue 11,
# points 1 and 2), under every built-in, as root, as an unprivileged user
# and as root with --user; each probe also run unconfined as a control.
#   - report_swap: --report/--learn in a directory the target can write:
#     the target writes into the file, forges it, swaps it for a symbolic
#     or hard link; links planted before the run.  The victims outside
#     stay untouched and the files are syscage's.
#   - text_inject, and a command line with escape sequences: stderr has
#     no control character, no forged "syscage:" line, only valid UTF-8;
#     the report is JSON Lines in strict UTF-8.
#   - flood: a million denied calls from 4 processes of 4 threads: the
#     report, stderr and syscage's peak memory stay bounded, and the
#     summary counts every call.
. "${SRCDIR:?}/tests/integration/lib.sh"
: "${ESCAPE_BIN:?ESCAPE_BIN must name the directory of the esc-* programs}"

E=$WORK/esc
mkdir -p "$E"
chmod 755 "$E"
for p in report_swap text_inject flood x32; do
	cp "$ESCAPE_BIN/esc-$p" "$E/" || not_ok "no esc-$p in $ESCAPE_BIN"
done
chmod 755 "$E"/esc-*
PY=/usr/bin/python3
[ "$(id -u)" -eq 0 ] || not_ok "this suite needs root (the modes with --user and root)"

if load_builtins "$SC"; then
	ok "built-ins: ${BUILTINS[*]}"
else
	not_ok "built-ins: $BUILTINS_DIFF"
fi
policies=("${BUILTINS[@]}")

# The modes of run.sh: rootuser is root running `syscage --user`.
MODES=(root user rootuser)
runner() { case $1 in user) echo user ;; *) echo root ;; esac; }
owner() { case $1 in root) echo root ;; *) echo user ;; esac; }
uid_of() { case $1 in root) echo root ;; *) echo "$TEST_USER" ;; esac; }
sc_args() {
	SCA=("$SC")
	if [ "$1" = rootuser ]; then SCA+=(--user "$TEST_USER"); fi
}
# sc MODE ARGS...: syscage with MODE's options, as MODE's runner.
sc() {
	local mode=$1
	shift
	sc_args "$mode"
	run "$(runner "$mode")" "${SCA[@]}" "$@"
}
show() { printf '%s\n' "$OUT" | sed 's/^/    /'; printf '%s\n' "$ERR" | sed 's/^/  ! /'; }

# A directory the target can write (its $CWD), victims outside it: VS
# owned by whoever runs syscage (what a redirected write would hit),
# VH by the target's uid (so that it may hard-link it).
setup() {
	local mode=$1 t
	t=$(uid_of "$(owner "$mode")")
	BASE=$WORK/own/$mode
	rm -rf "$BASE"
	mkdir -p "$BASE/victims" "$BASE/dir"
	chmod 755 "$WORK/own" "$BASE" "$BASE/victims"
	chown "$t" "$BASE/dir"
	DIR=$BASE/dir R=$BASE/dir/report.jsonl L=$BASE/dir/learned.policy
	VS=$BASE/victims/symlinked VH=$BASE/victims/hardlinked VH2=$BASE/victims/hardlinked2
	for v in "$VS" "$VH" "$VH2"; do printf 'precious\n' >"$v"; chmod 644 "$v"; done
	chown "$(uid_of "$(runner "$mode")")" "$VS"
	chown "$t" "$VH" "$VH2"
}

victims_intact() {
	local v
	for v in "$VS" "$VH" "$VH2"; do
		[ "$(cat "$v")" = precious ] || { echo "$v now holds: $(head -c 200 "$v")"; return 1; }
	done
}

# report_ok FILE PYEXPR: a regular file of one link, strict UTF-8 JSON
# Lines ending with the summary, nothing forged; PYEXPR on lines.
report_ok() {
	"$PY" - "$1" "$2" <<'PYEOF'
import json, os, stat, sys
path, expr = sys.argv[1], sys.argv[2]
st = os.lstat(path)
if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:
    sys.exit(f"not a regular file of one link: mode {oct(st.st_mode)} links {st.st_nlink}")
data = open(path, "rb").read()
if b"FORGED" in data:
    sys.exit("forged content in it")
lines = [json.loads(l) for l in data.decode("utf-8", "strict").splitlines()]
if not lines or lines[-1].get("event") != "summary":
    sys.exit("no summary at the end")
if not eval(expr):
    sys.exit(f"{expr} is false")
PYEOF
}

# clean_text FILE: strict UTF-8, no control character but the line
# feed, no C1 control, no bidirectional control, no forged line.
clean_text() {
	"$PY" - "$1" <<'PYEOF'
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "strict")
bad = re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text)
if bad:
    sys.exit(f"raw U+{ord(bad.group()):04X} at {bad.start()}")
for line in text.splitlines():
    if line.startswith("syscage: all calls allowed") or line.startswith("syscage: fake"):
        sys.exit(f"a forged line: {line!r}")
PYEOF
}

# --- report_swap ---------------------------------------------------------
swap_checks() {
	local mode=$1 pol=$2 why
	setup "$mode"
	cd "$DIR" || return
	# During the run: write into the report, forge it, hunt temporary files.
	sc "$mode" -p "$pol" --report "$R" -- "$E/esc-report_swap" \
		"scribble:$R" "temps:$DIR" "forge:$R" deny
	if [ "$STATUS" -eq 0 ] && why=$(report_ok "$R" 'lines[-1]["denied"] >= 1 and lines[-1]["exit_status"] == 0' 2>&1) &&
		why=$(victims_intact); then
		ok "$mode/$pol: report_swap: the report is syscage's, whatever the target wrote"
	else
		not_ok "$mode/$pol: report_swap: report (status $STATUS): $why"
		show
	fi
	# --learn: scribbled, swapped for a symbolic link to a victim.
	sc "$mode" -p "$pol" --learn "$L" -- "$E/esc-report_swap" \
		"scribble:$L" "temps:$DIR" "symlink:$L:$VS"
	if [ "$STATUS" -eq 0 ] && [ -f "$L" ] && [ ! -L "$L" ] &&
		head -1 "$L" | grep -q '^# Learned by syscage' && why=$(victims_intact); then
		ok "$mode/$pol: report_swap: the learned policy is syscage's, the victim untouched"
	else
		not_ok "$mode/$pol: report_swap: --learn (status $STATUS): ${why:-$(ls -l "$L" 2>&1)}"
		show
	fi
	cd "$WORK" || return
}

# Links planted before syscage starts (a previous run, another process
# of the target's user): never followed, never written through.
planted_checks() {
	local mode=$1 o why
	o=$(owner "$mode")
	setup "$mode"
	cd "$DIR" || return
	for f in R L; do
		as "$o" ln -sf "$VS" "${!f}"
		if [ $f = R ]; then
			sc "$mode" --report "$R" -- "$E/esc-report_swap" "forge:$DIR/ran"
		else
			sc "$mode" --learn "$L" -- "$E/esc-report_swap" "forge:$DIR/ran"
		fi
		if [ "$STATUS" -eq 125 ] && [ ! -e "$DIR/ran" ] &&
			grep -q 'a symbolic link' <<<"$ERR" && why=$(victims_intact); then
			ok "$mode: a symbolic link planted at the $f file: refused before the command runs (125)"
		else
			not_ok "$mode: a symbolic link planted at the $f file: status $STATUS ${why:-}"
			show
		fi
		rm -f "${!f}" "$DIR/ran"
	done
	as "$o" ln -f "$VH" "$R" && as "$o" ln -f "$VH2" "$L" ||
		not_ok "$mode: cannot plant hard links"
	sc "$mode" --report "$R" --learn "$L" -- "$E/esc-report_swap" deny
	if [ "$STATUS" -eq 0 ] && why=$(report_ok "$R" True 2>&1) &&
		why=$(victims_intact) && [ "$(stat -c %h "$L")" = 1 ]; then
		ok "$mode: hard links planted at both files: replaced, the linked files untouched"
	else
		not_ok "$mode: hard links planted: status $STATUS: $why"
		show
	fi
	# A --learn file that cannot be made stops the launch.
	sc "$mode" --learn "$DIR/no/such/dir/x.policy" -- "$E/esc-report_swap" "forge:$DIR/ran"
	if [ "$STATUS" -eq 125 ] && [ ! -e "$DIR/ran" ]; then
		ok "$mode: --learn into a directory that does not exist: 125, nothing runs"
	else
		not_ok "$mode: --learn FILE that cannot be made: status $STATUS"
		show
	fi
	cd "$WORK" || return
}

# --- text_inject -------------------------------------------------------------
text_checks() {
	local mode=$1 pol=$2 why
	setup "$mode"
	cd "$DIR" || return
	sc "$mode" -p "$pol" --report "$R" -- "$E/esc-text_inject"
	if [ "$STATUS" -eq 0 ] && why=$(clean_text "$WORK/err" 2>&1) &&
		grep -q 'denied mount(.*\\x1b' "$WORK/err" &&
		why=$(report_ok "$R" 'any(l.get("syscall") == "mount" and "\\x1b" in l["call"] and "\\xff" in l["comm"] + l["call"] for l in lines)' 2>&1); then
		ok "$mode/$pol: text_inject: stderr and the report escape the target's text"
	else
		not_ok "$mode/$pol: text_inject (status $STATUS): ${why:-the escaped call is not shown}"
		show
	fi
	cd "$WORK" || return
}

# The command line: a name with escape sequences and a forged line.
argv_checks() {
	local mode=$1 evil why
	evil=$'evil\e[2J\e]0;t\a\nsyscage: fake line \xff\xc2\x9b'
	ln -sf "$E/esc-x32" "$E/$evil"
	sc "$mode" -- "$E/$evil" 39
	if [ "$STATUS" -eq 159 ] && grep -q 'was killed by the policy' "$WORK/err" &&
		why=$(clean_text "$WORK/err" 2>&1); then
		ok "$mode: a command named with escape sequences, killed: said escaped"
	else
		not_ok "$mode: killed command's name (status $STATUS): $why"
		show
	fi
	sc "$mode" -- "/nonexistent/$evil"
	if [ "$STATUS" -eq 127 ] && why=$(clean_text "$WORK/err" 2>&1); then
		ok "$mode: a command not found, named with escape sequences: said escaped"
	else
		not_ok "$mode: command not found (status $STATUS): $why"
		show
	fi
}

# --- flood -------------------------------------------------------------------
flood_checks() {
	local mode=$1 procs=4 threads=4 calls=$2 total start ms rss why
	total=$((procs * threads * calls))
	setup "$mode"
	cd "$DIR" || return
	sc_args "$mode"
	start=$(date +%s%N)
	# Under the ASan build, its quarantine of freed blocks (256 MiB by
	# default) would be counted as syscage's memory: keep it small.
	ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}quarantine_size_mb=8" \
		run "$(runner "$mode")" /usr/bin/time -f %M -o "$DIR/rss" "${SCA[@]}" -p default \
		--report "$R" -- "$E/esc-flood" $procs $threads "$calls"
	ms=$((($(date +%s%N) - start) / 1000000))
	rss=$(tail -1 "$DIR/rss" 2>/dev/null)
	if [ "$STATUS" -eq 0 ] && [ "$(stat -c %s "$R")" -lt $((8 << 20)) ] &&
		[ "$(wc -l <"$WORK/err")" -lt 80 ] && [ "${rss:-999999}" -lt $((64 << 10)) ] &&
		why=$(report_ok "$R" "sum(c['count'] for c in lines[-1]['calls'] if c['syscall'] in ('mount', 'umount2', 'ptrace', 'bpf')) == $total and lines[-1]['records'] <= 4096 and lines[-1]['left_out'] == lines[-1]['denied'] + lines[-1]['by_design'] - lines[-1]['records'] and len(lines) == lines[-1]['records'] + 1" 2>&1); then
		ok "$mode: flood of $total denied calls: report $(stat -c %s "$R") bytes, stderr $(wc -l <"$WORK/err") lines, peak RSS ${rss} KiB, ${ms} ms, every call counted"
	else
		not_ok "$mode: flood of $total calls (status $STATUS): report $(stat -c %s "$R" 2>&1) bytes, stderr $(wc -l <"$WORK/err") lines, RSS ${rss:-?} KiB: ${why:-}"
		show
	fi
	cd "$WORK" || return
}

for mode in "${MODES[@]}"; do
	for pol in "${policies[@]}"; do
		swap_checks "$mode" "$pol"
		text_checks "$mode" "$pol"
	done
	planted_checks "$mode"
	argv_checks "$mode"
done
flood_checks root "${FLOOD_CALLS:-62500}"
flood_checks user "${FLOOD_CALLS:-62500}"
flood_checks rootuser "${FLOOD_CALLS:-62500}"

# --- controls: unconfined, each probe does what it says ----------------------
for mode in root user; do
	setup "$mode"
	cd "$DIR" || exit 1
	as "$mode" sh -c "printf 'report\n' >'$R'; printf 'policy\n' >'$L'; printf 'tmp\n' >'$DIR/.syscage-0000.tmp'"
	run "$mode" "$E/esc-report_swap" "scribble:$R" "temps:$DIR" "forge:$R" "symlink:$L:$VS" "hardlink:$DIR/h:$VH"
	if [ "$STATUS" -eq 1 ] && grep -q FORGED "$R" && [ "$(readlink "$L")" = "$VS" ] &&
		[ "$(stat -c %i "$DIR/h")" = "$(stat -c %i "$VH")" ] &&
		grep -q '^ESCAPED: write syscage.s temporary file' <<<"$OUT"; then
		ok "control/$mode: report_swap forges, swaps, links and writes temporary files when unconfined"
	else
		not_ok "control/$mode: report_swap did not do what it says (status $STATUS)"
		show
	fi
	run "$mode" "$E/esc-text_inject" show
	if grep -q $'\e' "$WORK/out" && ! clean_text "$WORK/out" >/dev/null 2>&1 &&
		grep -q $'^string: \e]0;owned' "$WORK/out"; then
		ok "control/$mode: text_inject's name and strings are raw control bytes and invalid UTF-8"
	else
		not_ok "control/$mode: text_inject shows nothing hostile"
		show
	fi
	cd "$WORK" || exit 1
done
# The flood's calls reach the supervisor: --audit counts each of them.
run user "$SC" --audit -q --report "$WORK/own/user/dir/audit.jsonl" -- "$E/esc-flood" 1 2 500
if report_ok "$WORK/own/user/dir/audit.jsonl" 'sum(c["count"] for c in lines[-1]["calls"] if c["syscall"] in ("mount", "umount2", "ptrace", "bpf")) == 1000' >/dev/null 2>&1; then
	ok "control/user: every call of the flood reaches the supervisor (1000 audited)"
else
	not_ok "control/user: the flood's calls are not all seen"
	show
fi

finish
