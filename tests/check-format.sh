#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Fails if any C file under src/ or include/ differs from clang-format's output.
set -u
cd "$(dirname "$0")/.."
bad=0
for f in src/*/*.c src/*/*.h include/*.h; do
	if ! clang-format --style=file "$f" | cmp -s - "$f"; then
		echo "not formatted: $f (clang-format -i $f)"
		bad=$((bad + 1))
	fi
done
echo "$bad files need formatting"
[ "$bad" -eq 0 ]
