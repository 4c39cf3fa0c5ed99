#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Install syscage's dependencies from Debian's packages (Debian 12).
#
#   bash tools/install-deps.sh           what it takes to build and use syscage
#   bash tools/install-deps.sh --tests   that, and what the test suites and the
#                                        benchmarks run (tests/run-all.sh,
#                                        tests/package/deb.sh, bench/run.sh)
#
# The README's "Dependencies and why" says why each one is there.  Uses
# sudo only when not already root (a fresh Debian may have no sudo).
set -euo pipefail

# Building (meson setup build && ninja -C build) and using syscage.
build=(
	meson ninja-build pkg-config gcc libc6-dev # build; libc.a for the static launcher
	python3                                   # build-time generators
	libseccomp-dev libcap-dev libjson-c-dev   # the library's dependencies
	scdoc                                     # man pages
	libcmocka-dev                             # unit tests, built by default (-Dtests=false skips them)
)

# The test suites and benchmarks, on top of the above.
tests=(
	clang-format cppcheck clang-tidy             # style check, static analysis
	valgrind                                     # memcheck suite; tools.sh runs programs under it
	make git tar bash util-linux passwd          # everyday programs the tests run
	crun bubblewrap zsh python3-yaml             # interop tests: runtimes, completion, examples
	python3-jsonschema                           # interop: --export spo against the operator's CRD schema
	podman runc docker.io uidmap busybox-static  # interop: exported profiles under Podman, runc and Docker
	debhelper dpkg-dev lintian man-db            # tests/package/deb.sh: build, lint, install the .deb
	firejail strace time                         # bench/run.sh: peers to compare with, peak memory
	libcap2-bin                                  # escape suite: setcap on a helper binary
	cmake golang-go cargo nodejs                 # tests/integration/jobs.sh: real CI jobs
	debootstrap                                  # compat suite: the Debian 13 (trixie) root it runs
)
# npm comes with nodejs where nodejs is NodeSource's (which conflicts
# with Debian's npm package).
command -v npm >/dev/null || tests+=(npm)

packages=("${build[@]}")
case ${1-} in
'') ;;
--tests) packages+=("${tests[@]}") ;;
-h | --help)
	sed -n '3,9s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "usage: $0 [--tests]" >&2
	exit 2
	;;
esac

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
