#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The file graph of syscage's core, read from its objects' symbols.

    tools/filegraph.py [--check] [--layers L1,L2,...] [--src DIR] OBJ|LIB...

Each object (or member of a static library) is one source file; an edge A -> B means A.o uses a symbol
that B.o defines (nm: undefined in A, defined in B).  Symbols are what
the linker sees, so a prototype parked in a shared header cannot hide an
edge.  The layer of a file is the folder its object was compiled from
(src/<layer>/<file>.c -> <layer>); generated files (builtins.c,
consts_table.c, embedded_filters.c) sit in the layer that owns their
generator, given by GENERATED below.

Prints the edges, grouped by file, then every cycle (strongly connected
component of more than one file).  With --check, prints only problems
and exits 1 on any cycle and on any edge from a layer to a later one in
--layers (a lower layer calling a higher one).
"""
import argparse
import os
import re
import subprocess
import sys

# Generated sources: the layer of the code that generates them.
GENERATED = {
    'builtins': 'lang',
    'consts_table': 'base',
    'embedded_filters': 'compile',
}


def file_of(obj):
    """(layer, name) of an object compiled by meson from src/.../x.c."""
    base = os.path.basename(obj)
    m = re.match(r'meson-generated_(?:\.\._)*(\w+)\.c\.o$', base)
    if m:
        name = m.group(1)
        for layer in set(GENERATED.values()):
            if name.startswith(layer + '_'):
                return layer, name[len(layer) + 1:]
        return GENERATED.get(name, '?'), name
    # meson flattens src/lang/load.c into lang_load.c.o: --src maps it back
    return None, re.sub(r'\.c\.o$|\.o$', '', base)


def objects(path):
    """{object name: (defined, used)} of an object or an archive."""
    out = subprocess.run(['nm', '-A', '--format=posix', path], check=True,
                         capture_output=True, text=True).stdout
    objs = {}
    for line in out.splitlines():
        head, _, rest = line.rpartition(': ')
        parts = rest.split()
        if len(parts) < 2:
            continue
        m = re.search(r'\[(.*)\]$', head)
        obj = m.group(1) if m else head
        defined, used = objs.setdefault(obj, (set(), set()))
        sym, kind = parts[0], parts[1]
        if kind == 'U':
            used.add(sym)
        elif kind in 'TDBRVWG':
            defined.add(sym)
    return objs


def sccs(nodes, edges):
    """Tarjan's strongly connected components, iteratively."""
    index, low, onstack, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        onstack.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    onstack.add(w)
                    work.append((w, iter(sorted(edges.get(w, ())))))
                    advanced = True
                    break
                if w in onstack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    onstack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--layers', default='')
    ap.add_argument('--src', default='',
                    help='source root: an object x.c.o is looked up there '
                         'to find its folder (its layer)')
    ap.add_argument('objs', nargs='+')
    a = ap.parse_args()

    layer_of_name = {}
    if a.src:
        for dirpath, _, files in os.walk(a.src):
            rel = os.path.relpath(dirpath, a.src)
            for f in files:
                if f.endswith('.c'):
                    layer = '' if rel == '.' else rel.split(os.sep)[0]
                    key = f[:-2] if not layer else layer + '_' + f[:-2]
                    layer_of_name[key] = (layer, f[:-2])

    files, defs, uses = {}, {}, {}
    found = {}
    for path in a.objs:
        found.update(objects(path))
    for obj, (d, u) in sorted(found.items()):
        gen_layer, name = file_of(obj)
        if gen_layer is not None:
            layer, short = gen_layer, name
        elif name in layer_of_name:
            layer, short = layer_of_name[name]
        else:
            layer, short = '', name
        node = (layer + '/' if layer else '') + short
        files[node] = layer
        uses[node] = u
        for s in d:
            defs.setdefault(s, node)

    edges = {}
    why = {}
    for node, u in uses.items():
        for s in u:
            tgt = defs.get(s)
            if tgt is None or tgt == node:
                continue
            edges.setdefault(node, set()).add(tgt)
            why.setdefault((node, tgt), []).append(s)

    order = [x for x in a.layers.split(',') if x]
    rank = {l: i for i, l in enumerate(order)}
    problems = 0

    if not a.check:
        for node in sorted(files):
            tg = sorted(edges.get(node, ()))
            print(f'{node} -> {", ".join(tg) if tg else "(nothing)"}')
        print()

    for comp in sccs(files.keys(), edges):
        if len(comp) > 1:
            problems += 1
            print(f'cycle of {len(comp)} files: {" ".join(comp)}')
            for v in comp:
                for w in sorted(edges.get(v, ())):
                    if w in comp:
                        print(f'    {v} -> {w} ({", ".join(sorted(why[(v, w)])[:4])})')

    if order:
        for (v, w), syms in sorted(why.items()):
            lv, lw = files[v], files[w]
            if lv not in rank or lw not in rank:
                problems += 1
                print(f'not in a known layer: {v} -> {w}')
                continue
            if rank[lw] > rank[lv]:
                problems += 1
                print(f'upward: {v} ({lv}) -> {w} ({lw}): '
                      f'{", ".join(sorted(syms)[:4])}')

    nedges = sum(len(e) for e in edges.values())
    print(f'{len(files)} files, {nedges} edges, {problems} problem(s)')
    return 1 if (a.check and problems) else 0


if __name__ == '__main__':
    sys.exit(main())
