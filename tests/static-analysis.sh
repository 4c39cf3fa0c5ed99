#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Static analysis of src/, run by tests/run-all.sh; any finding fails.
#   cppcheck        warnings and portability, file by file
#   gcc -fanalyzer  path-sensitive, across the functions of a file: leaks of
#                   memory and fds, double close, use after free, NULL
#   clang-tidy      the clang static analyzer, bugprone-* and CERT C; the
#                   checks left out, and why, are in .clang-tidy
# BUILDDIR (build-analyze) is a -Werror build with -fanalyzer, so that its
# compile fails on any analyzer warning; clang-tidy reads its
# compile_commands.json less -fanalyzer, which clang does not know.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-analyze}

cppcheck --enable=warning,portability --error-exitcode=1 --inline-suppr -q \
	-I include -I src src/

[ -d "$dir" ] || meson setup "$dir" -Dbuildtype=debug -Dwerror=true \
	-Dtests=false -Dman=disabled -Dc_args=-fanalyzer
meson compile -C "$dir"

mkdir -p "$dir/tidy"
sed 's/ -fanalyzer//g' "$dir/compile_commands.json" \
	>"$dir/tidy/compile_commands.json"
run-clang-tidy -p "$dir/tidy" -quiet -j "$(nproc)" \
	"^$PWD/src/.*\\.c\$" >"$dir/tidy/log" 2>&1 || {
	grep -v '^clang-tidy' "$dir/tidy/log" >&2
	echo "clang-tidy found the problems above" >&2
	exit 1
}
echo "static analysis: cppcheck, gcc -fanalyzer and clang-tidy found nothing"
