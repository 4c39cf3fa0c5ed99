#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Functions longer than a limit in C files written in the house style
(return type on its own line, name at column 0, braces at column 0).

    tools/funcsize.py [--max N] FILE...     (default 80; exit 1 if any)
"""
import re
import sys


def functions(path):
    lines = open(path).read().split('\n')
    name, start = None, None
    for i, line in enumerate(lines):
        m = re.match(r'^([A-Za-z_]\w*)\(', line)
        if m and start is None:
            name, start = m.group(1), i
        elif line == '}' and start is not None:
            yield name, start + 1, i - start + 1
            name, start = None, None
        elif line.endswith(';') and start is not None and \
                not line.startswith((' ', '\t')):
            name, start = None, None  # a prototype at column 0


def main(argv):
    limit = 80
    if argv[:1] == ['--max']:
        limit, argv = int(argv[1]), argv[2:]
    bad = 0
    for path in argv:
        for name, line, n in functions(path):
            if n > limit:
                print(f'{path}:{line}: {name} is {n} lines (limit {limit})')
                bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
