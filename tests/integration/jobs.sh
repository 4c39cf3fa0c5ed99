#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Real CI jobs under -p ci and -p ci-net (issue 13's acceptance): make,
# cmake + ninja from build/, npm install (ci-net) then npm test (ci),
# go build, cargo build --offline, a Python unittest with
# multiprocessing, a suite serving on 127.0.0.1 and ::1, a connection
# outside that ci must refuse, and git clone/commit/push with a
# ~/.gitconfig holding credentials the job must never see.  Each job
# runs as root, as the test user and as root with --user, and
# unconfined as root and as the user: the control proves the job itself
# works here, so a failure under syscage is syscage's.  Every run gets a
# fresh copy of its project in a home of its own (~/src/NAME, caches
# and a toolchain in ~/.local/bin, secrets), so no run reuses another's
# build or cache.  Nothing needs the outside network: npm's registry is
# tests/jobs/node/registry.py on the host.  JOBS_CI and JOBS_CI_NET name
# other policies for ci and ci-net (a draft while developing).
. "$(dirname "$0")/lib.sh"

FIX=${SRCDIR:?}/tests/jobs
CI=${JOBS_CI:-ci}
CINET=${JOBS_CI_NET:-ci-net}
PY=/usr/bin/python3
SYSPATH=/usr/local/bin:/usr/bin:/bin
MODES=(ctl-root ctl-user root user rootuser)
BASE=
bg_pids=()
cleanup() {
	local p
	for p in "${bg_pids[@]}"; do
		kill "$p" 2>/dev/null
	done
	cd /
	[ -n "$BASE" ] && rm -rf "$BASE"
	rm -rf "$WORK"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || { not_ok "needs root to set up"; finish; exit; }
missing=
for t in make gcc cmake ninja go cargo rustc node npm git tar; do
	PATH=$SYSPATH command -v "$t" >/dev/null || missing+=" $t"
done
[ -x "$PY" ] || missing+=" $PY"
if [ -n "$missing" ]; then
	not_ok "missing:$missing (bash tools/install-deps.sh --tests)"
	finish
	exit
fi

# The homes live below /home, as a runner's do; the guard of fs_home.c
# takes each for what it is ($HOME), and the projects below it for a
# user's own.
mkdir -p /home
BASE=$(mktemp -d /home/syscage-jobs.XXXXXX) && chmod 755 "$BASE" ||
	{ not_ok "mktemp in /home"; finish; exit; }
# Part of every secret in the homes, unique to this run.
MARK=syscage-secret-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')

# git for the setup, away from root's own configuration.
sgit() {
	GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git \
		-c user.name=setup -c user.email=setup@example.invalid \
		-c init.defaultBranch=main "$@"
}

# owner MODE: who owns MODE's home and runs its jobs.
owner() {
	case $1 in
	ctl-root | root) echo root ;;
	*) echo "$TEST_USER" ;;
	esac
}

# make_home MODE: a home with the caches and a toolchain the jobs use,
# and the secrets a CI user keeps there.
make_home() {
	local h=$BASE/$1 d
	for d in .local/bin .cache .npm .cargo/bin .cargo/registry .cargo/git \
		go/pkg/mod .m2/repository src tmp .ssh .aws .config/git \
		.config/gh .docker; do
		mkdir -p "$h/$d" || return
	done
	printf '#!/bin/sh\necho "#define VERSION \\"1.2.3\\""\n' \
		>"$h/.local/bin/gen-version"
	chmod 755 "$h/.local/bin/gen-version"
	sed "s/@SECRET@/$MARK/g" "$FIX/git/gitconfig" >"$h/.gitconfig"
	printf '[github]\n\ttoken = %s-include\n' "$MARK" >"$h/.gitconfig.local"
	printf '[credential]\n\thelper = "!f() { echo password=%s-xdg; }; f"\n' \
		"$MARK" >"$h/.config/git/config"
	printf 'https://jobs:%s-store@git.example.invalid\n' "$MARK" |
		tee "$h/.git-credentials" >"$h/.config/git/credentials"
	printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\n%s-ssh\n' "$MARK" \
		>"$h/.ssh/id_ed25519"
	printf '[default]\naws_secret_access_key = %s-aws\n' "$MARK" \
		>"$h/.aws/credentials"
	printf '//registry.example.invalid/:_authToken=%s-npm\n' "$MARK" \
		>"$h/.npmrc"
	printf 'machine git.example.invalid login jobs password %s-netrc\n' \
		"$MARK" >"$h/.netrc"
	printf 'github.com:\n    oauth_token: %s-gh\n' "$MARK" \
		>"$h/.config/gh/hosts.yml"
	printf '{"auths":{"example.invalid":{"auth":"%s-docker"}}}\n' "$MARK" \
		>"$h/.docker/config.json"
	printf '[registry]\ntoken = "%s-cargo"\n' "$MARK" \
		>"$h/.cargo/credentials.toml"
	chmod 700 "$h" "$h/.ssh"
	chmod 600 "$h/.ssh/id_ed25519" "$h/.git-credentials" "$h/.netrc"
	chown -R "$(owner "$1"):" "$h"
}

# project MODE NAME: a fresh copy of tests/jobs/NAME in MODE's home.
project() {
	local d=$BASE/$1/src/$2
	rm -rf "$d"
	case $2 in
	node) cp -r "$FIX/node/app" "$d" ;;
	git)
		mkdir -p "$d" && cp "$FIX/git/job.sh" "$d/" &&
			sgit init -q "$d/seed" && echo seed >"$d/seed/README" &&
			sgit -C "$d/seed" add README &&
			sgit -C "$d/seed" commit -q -m seed &&
			sgit clone -q --bare "$d/seed" "$d/origin.git" &&
			rm -rf "$d/seed"
		;;
	cmake)
		# A checkout: the job runs in build/, the sources are above.
		cp -r "$FIX/cmake" "$d" && mkdir "$d/build" &&
			sgit init -q "$d" && sgit -C "$d" add . &&
			sgit -C "$d" commit -q -m cmake
		;;
	*) cp -r "$FIX/$2" "$d" ;;
	esac || { echo "cannot set up $d" >&2; return 1; }
	chown -R "$(owner "$1"):" "$d"
}

# job MODE POLICY NAME SUBDIR SCRIPT: sh -c SCRIPT in ~/src/NAME/SUBDIR
# of MODE's home, under syscage -p POLICY unless MODE is a control; sets
# OUT, ERR (syscage's own messages included) and STATUS.  The runner's
# environment holds a token (GITHUB_TOKEN) as a CI runner's does.
job() {
	local mode=$1 pol=$2 name=$3 sub=$4 script=$5 h=$BASE/$1 sca=()
	local runner=root
	case $mode in
	ctl-user | user) runner=user ;;
	esac
	case $mode in
	root | user) sca=("$SC" -p "$pol" --) ;;
	rootuser) sca=("$SC" --user "$TEST_USER" -p "$pol" --) ;;
	esac
	cd "$h/src/$name/$sub" || {
		STATUS=254 OUT='' ERR="no $h/src/$name/$sub"
		return
	}
	run $runner env -i HOME="$h" TMPDIR="$h/tmp" PATH="$h/.local/bin:$SYSPATH" \
		LANG=C.UTF-8 GITHUB_TOKEN="$MARK-env" \
		timeout -k 10 300 "${sca[@]}" /bin/sh -c "$script"
	cd /
}

# desc MODE POLICY: how a run is named in the results.
desc() {
	case $1 in
	ctl-*) echo "${1#ctl-} unconfined" ;;
	rootuser) echo "root --user -p $2" ;;
	*) echo "$1 -p $2" ;;
	esac
}

show_run() {
	printf '  stdout (last 40 lines):\n'
	printf '%s\n' "$OUT" | tail -n 40 | sed 's/^/    /'
	printf '  stderr (last 40 lines, syscage'\''s included):\n'
	printf '%s\n' "$ERR" | tail -n 40 | sed 's/^/    /'
}

# expect DESC PATTERN...: the last run exited 0 and its stdout matches
# every extended regex PATTERN.
expect() {
	local d=$1 p lacks=
	shift
	for p in "$@"; do
		printf '%s\n' "$OUT" | grep -Eq -- "$p" || lacks+=" /$p/"
	done
	if [ "$STATUS" -eq 0 ] && [ -z "$lacks" ]; then
		ok "$d"
	else
		not_ok "$d: status $STATUS${lacks:+, stdout lacks$lacks}"
		show_run
	fi
}

# cache_written MODE DIR DESC: files under DIR of MODE's home, written by
# the job (the home was made empty of them).
cache_written() {
	local n
	n=$(find "$BASE/$1/$2" -type f 2>/dev/null | wc -l)
	if [ "$n" -gt 0 ]; then
		ok "$3: ~/$2 kept on the host ($n files)"
	else
		not_ok "$3: nothing in ~/$2 on the host after the job"
		show_run
	fi
}

# The registry, also the server outside: on every address of the host.
mkdir -p "$WORK/registry/package"
cp "$FIX/node/tiny-dep/"* "$WORK/registry/package/" &&
	tar -czf "$WORK/registry/tiny-dep-1.0.0.tgz" -C "$WORK/registry" \
		--owner=0 --group=0 --numeric-owner package ||
	{ not_ok "cannot pack tiny-dep"; finish; exit; }
"$PY" "$FIX/node/registry.py" "$WORK/registry" "$WORK/port" \
	</dev/null >/dev/null 2>"$WORK/registry.err" &
bg_pids+=("$!")
for _ in $(seq 100); do
	[ -s "$WORK/port" ] && break
	sleep 0.1
done
PORT=$(cat "$WORK/port" 2>/dev/null)
[ -n "$PORT" ] || { not_ok "registry.py did not start: $(cat "$WORK/registry.err")"; finish; exit; }
REGISTRY=http://127.0.0.1:$PORT/
OUTSIDE=("127.0.0.1:$PORT")
HOSTIP=$(ip -4 route get 192.0.2.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
[ -n "$HOSTIP" ] || HOSTIP=$(ip -4 -o addr show scope global 2>/dev/null |
	awk '{ sub("/.*", "", $4); print $4; exit }')
[ -n "$HOSTIP" ] && OUTSIDE+=("$HOSTIP:$PORT")

# 9 jobs x 5 modes (outside: the controls and ci), npm test, the caches
# of npm and go, git's secrets, outside under ci-net, the negative.
if [ -n "$HOSTIP" ]; then
	plan $((9 * 5 + 5 + 3 * 2 + 5 + 3 + 1))
else
	plan $((9 * 5 + 5 + 3 * 2 + 5 + 3 + 1 + 1))
	not_applicable "no non-loopback IPv4 address: outside is the host's 127.0.0.1 only"
fi

for mode in "${MODES[@]}"; do
	make_home "$mode" || { not_ok "cannot make the home of $mode"; finish; exit; }
done

for mode in "${MODES[@]}"; do
	project "$mode" make
	job "$mode" "$CI" make . 'make -j2 && ./hello && echo JOB-OK:make'
	expect "make -j2: $(desc "$mode" "$CI")" 'hello from make 1\.2\.3' JOB-OK:make
done

for mode in "${MODES[@]}"; do
	project "$mode" cmake
	job "$mode" "$CI" cmake build \
		'cmake -G Ninja .. && ninja && ./hello && echo JOB-OK:cmake'
	expect "cmake + ninja from build/: $(desc "$mode" "$CI")" \
		'hello from cmake' JOB-OK:cmake
done
# The negative: where only $CWD is the project (untrusted), cmake from
# build/ does not find the sources one level up.
project root cmake
job root untrusted cmake build 'cmake -G Ninja .. && ninja && ./hello'
if [ "$STATUS" -ne 0 ] && printf '%s\n%s\n' "$OUT" "$ERR" | grep -q CMakeLists.txt; then
	ok "cmake from build/ under -p untrusted (\$CWD only): the sources above are absent"
else
	not_ok "cmake from build/ under -p untrusted: status $STATUS, want a failure to find CMakeLists.txt"
	show_run
fi

for mode in "${MODES[@]}"; do
	project "$mode" node
	job "$mode" "$CINET" node . "npm install --registry $REGISTRY --no-audit \
--no-fund --no-update-notifier && node -e 'require(\"tiny-dep\")' && \
echo JOB-OK:npm-install"
	expect "npm install: $(desc "$mode" "$CINET")" JOB-OK:npm-install
	case $mode in ctl-*) ;; *) cache_written "$mode" .npm "npm install: $(desc "$mode" "$CINET")" ;; esac
	job "$mode" "$CI" node . 'npm test && echo JOB-OK:npm-test'
	expect "npm test: $(desc "$mode" "$CI")" 'HELLO FROM NPM!' JOB-OK:npm-test
done

for mode in "${MODES[@]}"; do
	project "$mode" go
	job "$mode" "$CI" go . 'GOPROXY=off go build -o hello . && ./hello && echo JOB-OK:go'
	expect "go build: $(desc "$mode" "$CI")" 'hello from go' JOB-OK:go
	case $mode in ctl-*) ;; *) cache_written "$mode" .cache/go-build "go build: $(desc "$mode" "$CI")" ;; esac
done

for mode in "${MODES[@]}"; do
	project "$mode" cargo
	job "$mode" "$CI" cargo . \
		'cargo build --offline && ./target/debug/hello && echo JOB-OK:cargo'
	expect "cargo build --offline: $(desc "$mode" "$CI")" 'hello from cargo' JOB-OK:cargo
done

for mode in "${MODES[@]}"; do
	project "$mode" python
	job "$mode" "$CI" python . '/usr/bin/python3 -m unittest -v test_mp && echo JOB-OK:python'
	expect "python unittest with multiprocessing: $(desc "$mode" "$CI")" JOB-OK:python
done

for mode in "${MODES[@]}"; do
	project "$mode" net
	job "$mode" "$CI" net . '/usr/bin/python3 loopback.py && echo JOB-OK:loopback'
	expect "serve and connect on 127.0.0.1 and ::1: $(desc "$mode" "$CI")" \
		'^tcp 127\.0\.0\.1 pong' '^tcp ::1 pong' '^udp 127\.0\.0\.1 pong' \
		'^udp ::1 pong' '^http hello over http' JOB-OK:loopback
done

# Outside: the host's servers answer the controls and ci-net, never ci.
reached=()
for a in "${OUTSIDE[@]}"; do
	reached+=("^$a reached")
done
outside="/usr/bin/python3 outside.py ${OUTSIDE[*]} && echo JOB-OK:outside"
for mode in "${MODES[@]}"; do
	case $mode in
	ctl-*)
		job "$mode" "$CI" net . "$outside"
		expect "outside reached: $(desc "$mode" "$CI")" "${reached[@]}" JOB-OK:outside
		;;
	*)
		job "$mode" "$CINET" net . "$outside"
		expect "outside reached: $(desc "$mode" "$CINET")" "${reached[@]}" JOB-OK:outside
		job "$mode" "$CI" net . "$outside"
		refused=()
		for a in "${OUTSIDE[@]}"; do
			refused+=("^$a E[A-Z]+\$")
		done
		if printf '%s\n' "$OUT" | grep -q ' reached$'; then
			not_ok "outside not reached: $(desc "$mode" "$CI"): a server outside answered"
			show_run
		else
			expect "outside not reached: $(desc "$mode" "$CI")" "${refused[@]}" JOB-OK:outside
		fi
		;;
	esac
done

for mode in "${MODES[@]}"; do
	project "$mode" git
	job "$mode" "$CI" git . "sh job.sh $(shquote "$MARK")"
	expect "git clone, commit, push: $(desc "$mode" "$CI")" \
		'^author: Job Tester <jobs@example\.invalid>$' \
		'^origin: a commit made by the job$' '^default branch: main$' JOB-OK:git
	case $mode in
	ctl-*)
		expect "git: the control finds the secrets: $(desc "$mode" "$CI")" \
			'^secret in file: .*/\.gitconfig$' '^secret in file: .*/\.git-credentials$' \
			'^secret in git config: ' '^secret in environ: /proc/[0-9]+/environ$'
		;;
	*)
		if [ "$STATUS" -eq 0 ] && ! printf '%s\n' "$OUT" | grep -q '^secret'; then
			ok "git: no secret seen: $(desc "$mode" "$CI")"
		else
			not_ok "git: secrets seen: $(desc "$mode" "$CI"): status $STATUS"
			show_run
		fi
		;;
	esac
done
finish
