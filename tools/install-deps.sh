#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Install what syscage needs to build and test, from Debian's packages.
# Uses sudo only when not already root (a fresh Debian may have no sudo).
set -euo pipefail

packages=(
	meson ninja-build pkg-config gcc python3 # build
	libseccomp-dev libcap-dev                # the library's dependencies
	libcmocka-dev                            # unit tests
	scdoc                                    # man pages
	clang-format cppcheck clang-tidy         # style check, static analysis
	valgrind                                 # memcheck suite
	make git tar bash util-linux passwd      # everyday programs the tests run
	libjson-c-dev                            # --import of OCI profiles
	crun bubblewrap zsh python3-yaml         # interop tests: runtimes, completion, examples
	firejail strace time                     # bench/run.sh: peers to compare with, peak memory
	libcap2-bin                              # escape suite: setcap on a helper binary
)

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
