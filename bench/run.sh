#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# syscage's benchmark suite: launch overhead against bare exec and the other
# launchers, per-syscall cost under each built-in, policy compile time,
# --learn/--audit against strace, and the launcher's peak memory.  Every
# figure is a median of interleaved runs (A B C, B C A, ...) and every ratio
# is against a baseline measured in the same run: on a virtual machine
# where each syscall and fork is expensive, only those ratios mean anything.
#
# Usage: bash bench/run.sh [OPTION]...
#   --build DIR     the syscage build to measure (default: build; it is
#                   set up and built when missing, release build type)
#   --json FILE     where the results go (default: bench/results.json)
#   --quick         fewer repetitions (about 2 minutes; the default run
#                   takes about 5)
#   --reps N        launch repetitions (default 60, quick 15); the other
#                   sections scale with it
#   --only LIST     sections to run, from a,b,c,d,e,f (default: all)
#   --no-install    do not install missing peers (bubblewrap, firejail,
#                   strace, time) from Debian's packages
#   --keep          keep the working directory (raw runs, helpers, filters)
#   --rt PRIO       run (a)'s interleaved launches under chrt -f PRIO
#                   (root): other load on the machine then delays them
#                   little, on a host shared with other work
#   --against BIN   also launch with another syscage binary, e.g. one built
#                   from the commit before a change, in the same
#                   interleaved runs of (a): "BIN -p default" and so on
#   -h, --help      this help
#
# Sections: (a) launch of /bin/true (the private view of untrusted and ci
# against bwrap --unshare-all, as root and as the user syscage-bench; the
# exit path with and without a network namespace; the kernel's teardown
# of one); (b) per-syscall cost in process;
# (c) policy compile time; (d) --learn and --audit on syscall-heavy
# workloads, against strace -f -c; (e) peak memory of the launcher and
# its target, measured by bench/maxrss.c against bare exec of the same
# command; (f) what --report-paths (naming refused paths) costs an
# I/O-heavy build.
# A peer that is missing or refuses to run here is skipped and listed, with
# the reason, in the table and the JSON.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
build=build
json=$here/results.json
quick=0
reps=
only=a,b,c,d,e,f
install=1
keep=0
against=
rt=

usage() { sed -n '/^# Usage:/,/^# the reason/p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--json) json=$2; shift 2 ;;
	--quick) quick=1; shift ;;
	--reps) reps=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--no-install) install=0; shift ;;
	--keep) keep=1; shift ;;
	--against) against=$2; shift 2 ;;
	--rt) rt=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
done
case $build in /*) ;; *) build=$top/$build ;; esac
case $json in /*) ;; *) json=$PWD/$json ;; esac
if [ -z "$reps" ]; then
	if [ $quick = 1 ]; then reps=15; else reps=60; fi
fi
want() { case ",$only," in *",$1,"*) return 0 ;; esac; return 1; }
say() { printf '%s\n' "$*" >&2; }

# --- Peers: install what is missing, or say why it is skipped. ---
declare -A pkg_of=([bwrap]=bubblewrap [firejail]=firejail [strace]=strace
	[/usr/bin/time]=time)
missing=()
for tool in bwrap firejail strace /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("${pkg_of[$tool]}")
done
if [ ${#missing[@]} -gt 0 ] && [ $install = 1 ]; then
	as_root=()
	[ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
	say "installing ${missing[*]}"
	if ! DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install \
		-y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
		say "could not install ${missing[*]} (not root, no sudo?)"
	fi
fi

# --- Build: syscage, then the helpers, against the same tree. ---
if [ ! -x "$build/src/syscage" ]; then
	[ -d "$build" ] || meson setup "$build" "$top" --buildtype=release >&2
	ninja -C "$build" src/syscage src/libsyscage-core.a >&2
fi
syscage=$build/src/syscage
work=$(mktemp -d "${TMPDIR:-/tmp}/syscage-bench.XXXXXX")
if [ $keep = 1 ]; then say "working directory: $work"; else trap 'rm -rf "$work"' EXIT; fi
cflags=(-O2 -std=c11 -D_GNU_SOURCE -Wall)
cc "${cflags[@]}" "$here/interleave.c" -o "$work/interleave"
cc "${cflags[@]}" "$here/sysloop.c" -o "$work/sysloop"
cc "${cflags[@]}" -static "$here/netns.c" -o "$work/netns" 2>/dev/null ||
	cc "${cflags[@]}" "$here/netns.c" -o "$work/netns"
# Static, so that the floor it leaves under every figure is small; and a
# program that does nothing, to measure that floor.
cc "${cflags[@]}" -static "$here/maxrss.c" -o "$work/maxrss" 2>/dev/null ||
	cc "${cflags[@]}" "$here/maxrss.c" -o "$work/maxrss"
printf '%s\n' 'void _start(void) { __asm__ volatile("mov $60, %eax; xor %edi, %edi; syscall"); }' \
	>"$work/nothing.c"
cc -O2 -static -nostdlib "$work/nothing.c" -o "$work/nothing" 2>/dev/null || {
	echo 'int main(void) { return 0; }' >"$work/nothing.c"
	cc -O2 -static "$work/nothing.c" -o "$work/nothing" 2>/dev/null ||
		cc -O2 "$work/nothing.c" -o "$work/nothing"
}
cc "${cflags[@]}" -pthread "$here/sysloop_paired.c" -o "$work/sysloop_paired"
# shellcheck disable=SC2046
cc "${cflags[@]}" "$here/mkfilter.c" -o "$work/mkfilter" \
	$(pkg-config --libs libseccomp)
core_libs=$(pkg-config --libs libseccomp libcap)
if pkg-config --exists json-c; then core_libs+=" $(pkg-config --libs json-c)"; fi
# shellcheck disable=SC2086
cc "${cflags[@]}" -I"$top/src" -I"$top/include" "$here/compile_time.c" \
	"$build/src/libsyscage-core.a" $core_libs -o "$work/compile_time"
"$work/mkfilter" -n 300 "$work/filter300.bpf" >/dev/null
"$work/compile_time" -n 1 -g 1000 -G "$work/gen1000.policy" stdio \
	>/dev/null
true_bin=$(type -P true) # not the shell builtin

# --- The machine, recorded with the results. ---
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
{
	echo "date	$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "kernel	$(uname -r)"
	echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo |
		head -1) x $(nproc)"
	echo "memory_mib	$(awk '/MemTotal/ { print int($2 / 1024) }' \
		/proc/meminfo)"
	echo "virt	$(systemd-detect-virt 2>/dev/null || echo unknown)"
	echo "os	$(. /etc/os-release && echo "$PRETTY_NAME")"
	echo "syscage	$("$syscage" --version), $(python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1]))
           if o["name"] == "buildtype"))' "$build/meson-info/intro-buildoptions.json" \
		2>/dev/null || echo unknown) build in $build"
	echo "libseccomp	$(pkg-config --modversion libseccomp)"
	echo "bwrap	$(bwrap --version 2>/dev/null || echo missing)"
	echo "firejail	$(firejail --version 2>/dev/null | head -1 || echo missing)"
	echo "strace	$(strace -V 2>/dev/null | head -1 || echo missing)"
	# What each namespaced policy's view is (syscage -v), or none.
	for p in untrusted ci; do
		echo "view_$p	$("$syscage" -v -p $p -- "$true_bin" 2>&1 |
			sed -n 's/^syscage: private view: //p' | head -1 | grep . ||
			echo none)"
	done
	echo "uid	$(id -u)"
	echo "quick	$quick"
	if [ -n "$rt" ]; then
		echo "realtime	chrt -f $rt for the launches of (a)"
	else
		echo "realtime	no"
	fi
	echo "reps	$reps"
	echo "load_start	$(loadavg)"
} >"$work/machine.tsv"
: >"$work/skipped.tsv"
# (a)'s interleaved runs, under chrt -f when --rt asks for it.
timed=()
if [ -n "$rt" ]; then
	if [ "$(id -u)" -ne 0 ] || ! chrt -f "$rt" true; then
		echo "run.sh: --rt needs root and chrt -f $rt" >&2
		exit 2
	fi
	timed=(chrt -f "$rt")
fi
skip() { printf '%s\t%s\n' "$1" "$2" >>"$work/skipped.tsv"; say "skipped $1: $2"; }
# failed SECTION NAME STATUS: a run that failed; report.py then marks
# every target that SECTION's NAME feeds as missed.
: >"$work/failed.tsv"
failed() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$work/failed.tsv"; say "($1) $2: exit status $3"; }

# A peer runs here only if one run of it exits 0; otherwise the reason.
try_peer() {
	local name=$1 out
	shift
	if ! command -v "$1" >/dev/null 2>&1; then
		skip "$name" "$1 is not installed"
		return 1
	fi
	if ! out=$("$@" 2>&1 </dev/null); then
		skip "$name" "it fails here: $(printf '%s' "$out" | tr '\n\t' '  ' |
			cut -c1-160)"
		return 1
	fi
}

# spec FILE NAME ARGV...: one command line for interleave.
spec() {
	local f=$1 IFS=$'\t'
	shift
	printf '%s\n' "$*" >>"$f.spec"
}
have_ci=0
case $'\n'$("$syscage" --list 2>/dev/null)$'\n' in *$'\n  ci\n'*) have_ci=1 ;; esac

# The private view's rows, as root and as an unprivileged user: the bench
# user (created when missing, as the tests' user is), its own $HOME,
# $TMPDIR and working directory, and copies of what it runs, all under
# $work/user (the build tree may sit where it cannot read).
bench_user="syscage-bench"
bench_uid=
uwork=$work/user
as_user=()
setup_user() {
	mkdir -p "$uwork/bin" "$uwork/home" "$uwork/tmp" "$uwork/work"
	cp "$syscage" "$work/netns" "$uwork/bin/"
	chmod -R a+rX "$uwork/bin"
	[ "$(id -u)" -eq 0 ] || {
		skip "rows as a user" "not root: the rows above already run as uid $(id -u)"
		return 1
	}
	id "$bench_user" >/dev/null 2>&1 ||
		useradd --system --no-create-home --shell /usr/sbin/nologin \
			"$bench_user" || {
		skip "rows as a user" "useradd $bench_user failed"
		return 1
	}
	local uid gid
	uid=$(id -u "$bench_user") gid=$(id -g "$bench_user")
	chmod 711 "$work"
	chown "$uid:$gid" "$uwork/home" "$uwork/tmp" "$uwork/work"
	bench_uid=$uid
	as_user=("%$uid:$gid:$uwork/work" "+HOME=$uwork/home" "+TMPDIR=$uwork/tmp")
}
# run_as root|user CMD...: one run of CMD as root or as the bench user.
run_as() {
	local who=$1
	shift
	if [ "$who" = root ]; then
		"$@"
	else
		(cd "$uwork/work" && setpriv --reuid="$bench_user" \
			--regid="$bench_user" --clear-groups --inh-caps=-all -- \
			env HOME="$uwork/home" TMPDIR="$uwork/tmp" "$@")
	fi
}
# bwrap_line POLICY: bwrap --unshare-all running /bin/true under
# POLICY's own kernel filters, as one sh command (its fds redirected),
# the filters written readable by the bench user; fails if they cannot be
# exported.
bwrap_line() {
	local pol=$1 i=1 k line redir=
	mkdir -p "$uwork/filters"
	while "$syscage" --export bpf:$i "$pol" \
		>"$uwork/filters/$pol$i.bpf" 2>/dev/null; do i=$((i + 1)); done
	rm -f "$uwork/filters/$pol$i.bpf"
	[ $i -gt 1 ] || return 1
	chmod -R a+rX "$uwork/filters"
	line="exec bwrap --unshare-all --die-with-parent --ro-bind / / --dev /dev"
	line+=" --proc /proc --tmpfs /tmp"
	for ((k = 1; k < i; k++)); do
		line+=" --add-seccomp-fd $((2 + k))"
		redir+=" $((2 + k))<$uwork/filters/$pol$k.bpf"
	done
	printf '%s\n' "$line $true_bin$redir"
}

# --- (a) Launch overhead.  (Its max RSS column is floored by
# interleave's own memory: posix_spawn shares it until execve; (e)
# measures memory.) ---
if want a; then
	say "(a) launch: $reps interleaved repetitions, load $(loadavg)"
	setup_user || true
	f=$work/launch
	: >"$f.spec"
	spec "$f" bare "$true_bin"
	spec "$f" "syscage -p default" "$syscage" -p default -- "$true_bin"
	spec "$f" "syscage -p stdio" "$syscage" -p stdio -- "$true_bin"
	[ $have_ci = 1 ] && spec "$f" "syscage -p ci" "$syscage" -p ci -- \
		"$true_bin"
	if [ -n "$against" ]; then
		for p in default stdio; do
			spec "$f" "against -p $p" "$against" -p $p -- "$true_bin"
		done
		[ $have_ci = 1 ] && spec "$f" "against -p ci" "$against" -p ci -- \
			"$true_bin"
	fi
	spec "$f" "syscage --version" "$syscage" --version
	spec "$f" "syscage --check default" "$syscage" --check default
	try_peer "setpriv --no-new-privs" setpriv --no-new-privs "$true_bin" &&
		spec "$f" "setpriv --no-new-privs" setpriv --no-new-privs \
			"$true_bin"
	bw=(bwrap --bind / / --dev /dev --proc /proc)
	if try_peer bwrap "${bw[@]}" "$true_bin"; then
		spec "$f" bwrap "${bw[@]}" "$true_bin"
		if try_peer "bwrap --seccomp (300 rules)" "${bw[@]}" --seccomp 9 \
			"$true_bin" 9<"$work/filter300.bpf"; then
			spec "$f" "bwrap --seccomp (300 rules)" "<9=$work/filter300.bpf" \
				"${bw[@]}" --seccomp 9 "$true_bin"
		fi
	fi
	# The private view (issue 13): untrusted's and ci's namespaced
	# launches against bwrap making the same namespaces (--unshare-all: a
	# network namespace too) and loading the policy's own kernel filters
	# (--export bpf:N, stacked with --add-seccomp-fd).  Both start through
	# sh, which opens bwrap's filter fds (3 and up: dash reads one digit),
	# so the two rows pay the same shell.  As root, then as the bench user
	# (fork, setresuid, chdir in interleave): syscage's user namespace path
	# and bwrap's own unprivileged one.
	for who in root user; do
		[ $who = user ] && [ -z "$bench_uid" ] && continue
		if [ $who = root ]; then
			sc=$syscage pre=() tag=
		else
			sc=$uwork/bin/syscage pre=("${as_user[@]}") tag="user: "
		fi
		for pol in untrusted ci; do
			[ $pol = ci ] && [ $have_ci = 0 ] && continue
			bwns=$(bwrap_line "$pol") || continue
			spec "$f" "${tag}sh: syscage -p $pol" "${pre[@]}" sh -c \
				"exec $sc -p $pol -- $true_bin"
			if try_peer "${tag}sh: bwrap --unshare-all + $pol's filters" \
				run_as $who sh -c "$bwns"; then
				spec "$f" "${tag}sh: bwrap --unshare-all + $pol's filters" \
					"${pre[@]}" sh -c "$bwns"
			fi
		done
	done
	fj=(firejail --quiet --noprofile --seccomp)
	try_peer "firejail --noprofile --seccomp" "${fj[@]}" "$true_bin" &&
		spec "$f" "firejail --noprofile --seccomp" "${fj[@]}" "$true_bin"
	"${timed[@]}" "$work/interleave" -n "$reps" -w 2 "$f.spec" >"$f.tsv"
	echo "load_after_launch	$(loadavg)" >>"$work/machine.tsv"

	# The exit path: from the target's last instant (bench/netns stamp
	# prints CLOCK_MONOTONIC, then exits) to the launcher's reap
	# (interleave -s), with and without a network namespace: the kernel
	# destroys one in a workqueue, which the exit must not wait for.
	say "(a) exit path: $reps interleaved repetitions, load $(loadavg)"
	f=$work/exit
	: >"$f.spec"
	nb=$uwork/bin/netns
	for who in root user; do
		[ $who = user ] && [ -z "$bench_uid" ] && continue
		if [ $who = root ]; then
			sc=$syscage pre=() tag=
		else
			sc=$uwork/bin/syscage pre=("${as_user[@]}") tag="user: "
		fi
		for p in "default" "default --net loopback" "untrusted" \
			"untrusted --net loopback"; do
			# shellcheck disable=SC2086
			spec "$f" "${tag}syscage -p $p" "${pre[@]}" "$sc" -p $p -- \
				"$nb" stamp
		done
		bw=(bwrap --unshare-all --die-with-parent --ro-bind / / --dev /dev
			--proc /proc --tmpfs /tmp --ro-bind "$nb" "$nb")
		if try_peer "${tag}bwrap --unshare-all (exit path)" run_as $who \
			"${bw[@]}" "$nb" stamp; then
			spec "$f" "${tag}bwrap --unshare-all --share-net" "${pre[@]}" \
				"${bw[0]}" --share-net "${bw[@]:1}" "$nb" stamp
			spec "$f" "${tag}bwrap --unshare-all" "${pre[@]}" "${bw[@]}" \
				"$nb" stamp
		fi
	done
	"${timed[@]}" "$work/interleave" -s -n "$reps" -w 2 "$f.spec" >"$f.tsv"

	# The kernel's own teardown of a network namespace (see netns.c):
	# from the reap of its last process until it is counted out.
	say "(a) network namespace teardown: $reps samples each, load $(loadavg)"
	: >"$work/teardown.tsv"
	for who in root user; do
		[ $who = user ] && [ -z "$bench_uid" ] && continue
		for lo in "" -l; do
			# shellcheck disable=SC2086
			label=$who
			[ "$(id -u)" -eq 0 ] || label=user
			run_as $who "$nb" teardown -n "$reps" $lo |
				sed "s/^/$label\t${lo:+lo up}\t/" >>"$work/teardown.tsv" ||
				failed a "teardown $who $lo" $?
		done
	done
	echo "load_after_exit	$(loadavg)" >>"$work/machine.tsv"
fi

# --- (b) Per-syscall cost, in process. ---
if want b; then
	breps=$((reps / 6 < 3 ? 3 : reps / 6))
	rounds=50
	[ $quick = 1 ] && rounds=20
	say "(b) syscalls: $breps interleaved repetitions, load $(loadavg)"
	loop=("$work/sysloop" -n 2000 -r $rounds)
	configs=(none "seccomp floor: cached" "seccomp floor: uncached"
		default stdio)
	[ $have_ci = 1 ] && configs+=(ci)
	configs+=("default --audit" "stdio --audit")
	: >"$work/syscall.tsv"
	for ((r = 0; r < breps; r++)); do
		for ((k = 0; k < ${#configs[@]}; k++)); do
			name=${configs[(k + r) % ${#configs[@]}]}
			case $name in
			none) run=("${loop[@]}") ;;
			"seccomp floor: "*) run=("${loop[@]}" -F "${name#*: }") ;;
			*--audit) run=("$syscage" -q --audit -p "${name%% *}" --
				"${loop[@]}") ;;
			*) run=("$syscage" -q -p "$name" -- "${loop[@]}") ;;
			esac
			"${run[@]}" getppid ioctl socket routed 2>/dev/null |
				sed "s/^/$name\t$r\t/" >>"$work/syscall.tsv" ||
				failed b "$name" $?
		done
		# --learn routes every call: a fiftieth of the calls.
		"$syscage" -q --learn "$work/learned.policy" -- "${loop[@]}" -d 50 \
			getppid ioctl socket 2>/dev/null |
			sed "s/^/--learn\t$r\t/" >>"$work/syscall.tsv" ||
			failed b --learn $?
		rm -f "$work/learned.policy"
	done
	# The same filters paired in one process: an unfiltered thread and
	# one thread per filter take turns on one CPU (see sysloop_paired.c).
	pairs=$((breps / 2 < 2 ? 2 : breps / 2))
	prounds=100
	[ $quick = 1 ] && prounds=40
	say "(b) paired in process: $pairs processes, load $(loadavg)"
	mkdir -p "$work/bpf"
	pols=(default stdio)
	[ $have_ci = 1 ] && pols+=(ci)
	"$work/compile_time" -n 1 -o "$work/bpf" "${pols[@]}" >/dev/null
	filters=(none cached uncached)
	for p in "${pols[@]}"; do filters+=("$p=$work/bpf/$p.bpf"); done
	: >"$work/paired.tsv"
	for ((r = 0; r < pairs; r++)); do
		"$work/sysloop_paired" -r $prounds "${filters[@]}" |
			sed "s/^/$r\t/" >>"$work/paired.tsv" ||
			failed paired sysloop_paired $?
	done
	echo "load_after_syscall	$(loadavg)" >>"$work/machine.tsv"
fi

# --- (c) Policy compile time. ---
if want c; then
	creps=$((reps / 3 < 5 ? 5 : reps / 3))
	greps=$((reps / 12 < 3 ? 3 : reps / 12))
	say "(c) compile: $creps repetitions (generated policy: $greps), load $(loadavg)"
	builtins=(default stdio)
	[ $have_ci = 1 ] && builtins+=(ci)
	{
		"$work/compile_time" -n "$creps" "${builtins[@]}"
		"$work/compile_time" -n "$greps" -g 1000 -c 1
	} >"$work/compile.tsv"
	f=$work/compile_cli
	: >"$f.spec"
	spec "$f" "syscage -p stdio -- true" "$syscage" -p stdio -- "$true_bin"
	spec "$f" "syscage -p gen-1000 -- true" "$syscage" -p \
		"$work/gen1000.policy" -- "$true_bin"
	spec "$f" "syscage --check gen-1000" "$syscage" --check \
		"$work/gen1000.policy"
	"$work/interleave" -n "$greps" -w 1 "$f.spec" >"$f.tsv"
fi

# --- (d) --learn and --audit on syscall-heavy workloads. ---
if want d; then
	dreps=$((reps / 8 < 3 ? 3 : reps / 8))
	calls=30000
	[ $quick = 1 ] && calls=10000
	tree=/usr/include
	say "(d) workloads: $dreps interleaved repetitions, load $(loadavg)"
	f=$work/work
	: >"$f.spec"
	forks=50
	[ $quick = 1 ] && forks=20
	# Fields separated by '|': the workload's name, then its argv.
	for w in "getppid x$calls|$work/sysloop|-w|$calls" \
		"find $tree|find|$tree" \
		"sh, $forks x fork+exec|sh|-c|i=0; while [ \$i -lt $forks ]; do $true_bin; i=\$((i + 1)); done"; do
		IFS='|' read -r -a wl <<<"$w"
		wn=${wl[0]} cmd=("${wl[@]:1}")
		spec "$f" "$wn: plain" "${cmd[@]}"
		spec "$f" "$wn: syscage -p default" "$syscage" -q -p default -- \
			"${cmd[@]}"
		spec "$f" "$wn: syscage --audit -p default" "$syscage" -q --audit \
			-p default -- "${cmd[@]}"
		spec "$f" "$wn: syscage --audit -p stdio" "$syscage" -q --audit \
			-p stdio -- "${cmd[@]}"
		spec "$f" "$wn: syscage --learn" "$syscage" -q --learn \
			"$work/learn-$((RANDOM))".policy -- "${cmd[@]}"
		if command -v strace >/dev/null; then
			spec "$f" "$wn: strace -f -c" strace -f -c -o /dev/null \
				"${cmd[@]}"
		fi
	done
	command -v strace >/dev/null || skip "strace -f -c" "strace is not installed"
	"$work/interleave" -n "$dreps" -w 1 "$f.spec" >"$f.tsv"
	echo "load_after_workload	$(loadavg)" >>"$work/machine.tsv"
fi

# --- (e) Peak memory: each command under bench/maxrss, interleaved;
# bare exec of the same command and a program that does nothing (the
# floor maxrss leaves) in the same run. ---
if want e; then
	ereps=$((reps / 4 < 5 ? 5 : reps / 4))
	say "(e) memory: $ereps interleaved repetitions, load $(loadavg)"
	mem=("floor: a static program that does nothing|$work/nothing"
		"bare|$true_bin"
		"syscage -p default|$syscage|-p|default|--|$true_bin"
		"syscage -p stdio|$syscage|-p|stdio|--|$true_bin")
	[ $have_ci = 1 ] && mem+=("syscage -p ci|$syscage|-p|ci|--|$true_bin")
	mem+=("syscage --version|$syscage|--version")
	command -v strace >/dev/null &&
		mem+=("strace -f -o /dev/null|strace|-f|-o|/dev/null|$true_bin")
	: >"$work/maxrss.tsv"
	for ((r = 0; r < ereps; r++)); do
		for ((k = 0; k < ${#mem[@]}; k++)); do
			IFS='|' read -r -a m <<<"${mem[(k + r) % ${#mem[@]}]}"
			line=$("$work/maxrss" "${m[@]:1}" 2>&1 >/dev/null </dev/null |
				grep '^maxrss' | tail -1) || true
			# A run that did not report is a failed run (status -1).
			[ -n "$line" ] || line=$'maxrss\t0\tstatus\t-1'
			printf '%s\t%s\t%s\n' "${m[0]}" "$r" \
				"$(cut -f2,4 <<<"$line")" >>"$work/maxrss.tsv"
		done
	done
fi

# --- (f) --report-paths on an I/O-heavy build: 200 small C files, make
# -j2, each run from clean; under ci and untrusted (a private view: the
# stat family is routed too), with and without, in the same runs. ---
if want f; then
	freps=$((reps / 12 < 3 ? 3 : reps / 12))
	proj=$work/proj
	mkdir -p "$proj"
	for i in $(seq 1 200); do
		printf '#include <stdio.h>\n#include <string.h>\nint f%d(int x) { char b[32]; snprintf(b, sizeof b, "%%d", x); return (int)strlen(b) + %d; }\n' \
			"$i" "$i" >"$proj/f$i.c"
	done
	printf 'SRCS := $(wildcard *.c)\nall: $(SRCS:.c=.o)\n%%.o: %%.c\n\t$(CC) -O0 -c -o $@ $<\n' \
		>"$proj/Makefile"
	say "(f) --report-paths: $freps interleaved repetitions, load $(loadavg)"
	f=$work/fsreport
	: >"$f.spec"
	build_cmd=(sh -c 'rm -f ./*.o && exec make -s -j2')
	spec "$f" "make: plain" "${build_cmd[@]}"
	pols=(untrusted)
	[ $have_ci = 1 ] && pols=(ci untrusted)
	for p in "${pols[@]}"; do
		spec "$f" "make: syscage -p $p" "$syscage" -q -p "$p" -- \
			"${build_cmd[@]}"
		spec "$f" "make: syscage -p $p --report-paths" "$syscage" -q \
			-p "$p" --report-paths -- "${build_cmd[@]}"
	done
	(cd "$proj" && "$work/interleave" -n "$freps" -w 1 "$f.spec") >"$f.tsv"
	echo "load_after_fsreport	$(loadavg)" >>"$work/machine.tsv"
fi

echo "load_end	$(loadavg)" >>"$work/machine.tsv"
python3 "$here/report.py" "$work" "$json"
