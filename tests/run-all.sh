#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The whole test suite: every meson suite on a -Werror build (valgrind's
# among them), then again under ASan + UBSan, the formatting check and the
# static analysis of src/.  Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d build ] || meson setup build -Dwerror=true
meson compile -C build
meson test -C build --print-errorlogs

[ -d build-asan ] || meson setup build-asan -Dwerror=true -Dbuildtype=debug \
	-Db_sanitize=address,undefined -Db_lundef=false
meson compile -C build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs

bash tests/check-format.sh
# cppcheck, gcc -fanalyzer and clang-tidy on src/, in build-analyze.
bash tests/static-analysis.sh build-analyze
