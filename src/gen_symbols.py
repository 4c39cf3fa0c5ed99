#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# The linker version script of libsyscage: every function syscage.h
# declares is exported, nothing else is, so the two cannot drift apart.
import re
import sys

header, out = sys.argv[1], sys.argv[2]
text = open(header).read()
text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
text = re.sub(r'//[^\n]*', '', text)
text = re.sub(r'typedef[^;]*;', '', text)
names = sorted(set(re.findall(r'\b(cage_[a-z0-9_]+)\s*\(', text)))
if not names:
    sys.exit('no cage_ functions found in ' + header)
with open(out, 'w') as f:
    f.write('/* Generated from syscage.h by gen_symbols.py. */\n')
    f.write('LIBSYSCAGE_0 {\nglobal:\n')
    for n in names:
        f.write('\t%s;\n' % n)
    f.write('local:\n\t*;\n};\n')
