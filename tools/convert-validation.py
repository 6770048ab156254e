#!/usr/bin/env python3
"""Convert the real-Go validation outputs into gogrow conform vectors.

Reads the outputs of the validation programs (grow_*, layout_*, stackappend_*
with the Go programs that produced them, *_test_prog.go.txt) and writes one
TSV per kind and GOARCH that `gogrow conform` checks:

  grow_ARCH.tsv         append format  go arch type len cap add newcap
  layout_ARCH.tsv       layoutsa       go arch type size align
  stackappend_ARCH.tsv  stackappend    go arch type escape n measure value

A file name gives the release range over which the output was identical
(grow_go1.18-1.21_amd64.txt); every release of the range gets its own rows.
Type expressions are read from the programs, never guessed, with one
exception reported in the output: the layout rows the program's `more` hook
adds on go1.19+ (atomic.Int64, A1..A3) are not declared in the program text,
so their types are read from the row names.

Everything that does not fit the expected shape stops the conversion with a
message; a grow section's size= must equal `gogrow layout`'s size of the type.

Usage: convert-validation.py [--src DIR] [--out DIR] [--gogrow PATH]
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GO_MIN, GO_MAX = 16, 27
FILE_RE = re.compile(r'^(grow|layout|stackappend)_go1\.(\d+)(?:-1\.(\d+))?_(amd64|386)\.txt$')
NOT_COVERED = ('bytesconv-esc', 'bytesconv-local', 'constbytes')  # appends only; see convert_conv


class ConvertError(Exception):
    pass


def fail(msg):
    raise ConvertError(msg)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def go_name(minor):
    return 'go1.%d' % minor


# ---------------------------------------------------------------- inputs

def find_inputs(src):
    """{(kind, arch): [(lo, hi, filename)]}, checked to cover GO_MIN..GO_MAX once."""
    found = {}
    for name in sorted(os.listdir(src)):
        m = FILE_RE.match(name)
        if not m:
            continue
        kind, lo, hi, arch = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        hi = int(hi) if hi else lo
        found.setdefault((kind, arch), []).append((lo, hi, name))
    for kind in ('grow', 'layout', 'stackappend'):
        for arch in ('amd64', '386'):
            ranges = sorted(found.get((kind, arch), []))
            want = GO_MIN
            for lo, hi, name in ranges:
                if lo != want or hi < lo:
                    fail('%s: release range does not continue go1.%d' % (name, want))
                want = hi + 1
            if want != GO_MAX + 1:
                fail('%s_*_%s: releases go1.%d..go1.%d not covered' % (kind, arch, want, GO_MAX))
            found[(kind, arch)] = ranges
    return found


def header(kind, columns, sources, notes):
    lines = ['# Converted by tools/convert-validation.py from real Go runs (%s); do not edit.' % kind,
             '# Inputs (tests/data/validation/raw/, a copy of ../shared/spec/validation/):']
    lines += ['#   %s -> %s' % (name, ', '.join(go_name(r) for r in range(lo, hi + 1)))
              for lo, hi, name in sources]
    lines += ['# ' + n for n in notes]
    lines.append('\t'.join(columns))
    return lines


# ---------------------------------------------------------------- gogrow

class Layouts:
    """Sizes from `gogrow layout`, cached per (type, arch)."""

    def __init__(self, gogrow):
        self.gogrow = gogrow
        self.cache = {}

    def size(self, typ, arch, minor):
        key = (typ, arch)
        if key not in self.cache:
            gos = ','.join('1.%d' % r for r in range(GO_MIN, GO_MAX + 1))
            res = subprocess.run([self.gogrow, 'layout', typ, '--arch', arch, '--go', gos, '--tsv'],
                                 capture_output=True, text=True)
            if res.returncode != 0:
                fail('gogrow layout %r --arch %s: %s' % (typ, arch, res.stderr.strip()))
            sizes = {}
            for line in res.stdout.splitlines()[1:]:
                f = line.split('\t')
                sizes[int(f[0][len('go1.'):])] = int(f[2])
            self.cache[key] = sizes
        sizes = self.cache[key]
        if minor not in sizes:
            fail('gogrow layout %r --arch %s --go 1.%d gives no size' % (typ, arch, minor))
        return sizes[minor]


# ---------------------------------------------------------------- grow

def grow_types(prog):
    """name -> Go type, from main's run_NAME(limitFor(int(unsafe.Sizeof(*new(TYPE)))))."""
    types = {}
    for m in re.finditer(r'^\trun_(\w+)\(limitFor\(int\(unsafe\.Sizeof\(\*new\((.+)\)\)\)\)\)$', prog, re.M):
        name, typ = m.group(1), m.group(2)
        body = re.search(r'^func run_%s\(limit int\) \{\n\tvar z (.+)\n' % name, prog, re.M)
        if not body or body.group(1) != typ:
            fail('grow program: run_%s appends %r, main measures %r'
                 % (name, body.group(1) if body else None, typ))
        types[name] = typ
    if not types:
        fail('grow program: no run_NAME calls found in main')
    return types


def grow_sections(text, fname):
    """[(kind 'T'|'M', name, size, [int tuples])] in file order."""
    sections = []
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r'^([TM]) (\w+) size=(\d+)$', line)
        if m:
            sections.append((m.group(1), m.group(2), int(m.group(3)), []))
            continue
        nums = line.split()
        want = {'T': 2, 'M': 4}[sections[-1][0]] if sections else 0
        if not sections or len(nums) != want or not all(x.isdigit() for x in nums):
            fail('%s:%d: unexpected line %r' % (fname, n, line))
        sections[-1][3].append(tuple(int(x) for x in nums))
    return sections


def grow_rows(kind, name, values):
    """(len, cap, add, newcap) rows of one section."""
    if kind == 'M':
        return list(values)
    rows, prev = [], 0
    for length, cap in values:
        rows.append((length - 1, prev, 1, cap))
        prev = cap
    return rows


def convert_grow(src, arch, ranges, layouts):
    types = grow_types(read(os.path.join(src, 'grow_test_prog.go.txt')))
    by_type = {}  # name -> [(minor, rows)]
    order = []
    for lo, hi, fname in ranges:
        for kind, name, size, values in grow_sections(read(os.path.join(src, fname)), fname):
            if name not in types:
                fail('%s: section %s %s is not in the program' % (fname, kind, name))
            for minor in range(lo, hi + 1):
                got = layouts.size(types[name], arch, minor)
                if got != size:
                    fail('%s: %s %s size=%d but gogrow layout %r on %s/%s gives %d'
                         % (fname, kind, name, size, types[name], go_name(minor), arch, got))
            if name not in by_type:
                by_type[name] = []
                order.append(name)
            by_type[name].append((lo, hi, grow_rows(kind, name, values)))
    notes = ['"T NAME size=S" lines "len cap" (cap changed while appending one element at a time',
             'to a nil global slice) become len-1, the previous cap, add 1, newcap cap;',
             '"M NAME" lines "oldLen oldCap k cap" (append(make([]T, oldLen, oldCap), make([]T, k)...))',
             'are copied as they are, duplicates included. NAME -> type from grow_test_prog.go.txt main.']
    out = header('grow', ['go', 'arch', 'type', 'len', 'cap', 'add', 'newcap'], ranges, notes)
    for name in order:
        for minor in range(GO_MIN, GO_MAX + 1):
            for lo, hi, rows in by_type[name]:
                if lo <= minor <= hi:
                    out += ['\t'.join([go_name(minor), arch, types[name]] + [str(x) for x in r]) for r in rows]
    return out


# ---------------------------------------------------------------- layout

def struct_decls(prog):
    """type NAME struct {...} -> 'struct{a byte; b int64}'."""
    decls = {}
    for m in re.finditer(r'^type (\w+) struct(?: ?\{\}$|\s*\{\n(.*?)\n\}$)', prog, re.M | re.S):
        body = m.group(2) or ''
        fields = [re.sub(r'\s+', ' ', f.strip()) for f in body.split('\n') if f.strip()]
        fields = [re.sub(r'\{ ', '{', re.sub(r' \}', '}', f)) for f in fields]
        decls[m.group(1)] = 'struct{%s}' % '; '.join(fields)
    return decls


def layout_types(prog):
    """Row name -> Go type for every p("NAME", unsafe.Sizeof(X), unsafe.Alignof(X)) in main."""
    decls = struct_decls(prog)
    variables = dict(re.findall(r'^\tvar (\w+) (.+)$', prog, re.M))
    types = {}
    for m in re.finditer(r'^\tp\("([^"]+)", unsafe\.Sizeof\((.+?)\), unsafe\.Alignof\((.+?)\)\)$', prog, re.M):
        name, expr = m.group(1), m.group(2)
        if expr != m.group(3):
            fail('layout program: %s measures %s and %s' % (name, expr, m.group(3)))
        types[name] = layout_expr_type(name, expr, decls, variables)
    return types


def layout_expr_type(name, expr, decls, variables):
    if expr == 'false':
        return 'bool'
    conv = re.match(r'^(\w+)\(0\)$', expr)
    if conv:
        return conv.group(1)
    lit = re.match(r'^(\w+)\{\}$', expr)
    if lit and lit.group(1) in decls:
        return decls[lit.group(1)]
    if expr in variables:
        return variables[expr]
    fail('layout program: cannot tell the type of %s (%s)' % (name, expr))


def type_from_name(name):
    """A row the program text does not declare: 'atomic.Int64' or 'A1{byte,atomic.Int64}'."""
    m = re.match(r'^\w+\{(.+)\}$', name)
    if not m:
        return name
    fields = m.group(1).split(',')
    return 'struct{%s}' % '; '.join('%s %s' % (chr(ord('a') + i), t) for i, t in enumerate(fields))


def layout_lines(text, fname):
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        f = line.split(' ')
        if len(f) != 3 or not f[1].isdigit() or not f[2].isdigit():
            fail('%s:%d: unexpected line %r' % (fname, n, line))
        rows.append(f)
    return rows


def convert_layout(src, arch, ranges):
    types = layout_types(read(os.path.join(src, 'layout_test_prog.go.txt')))
    rows, order, guessed = {}, [], []
    for lo, hi, fname in ranges:
        for name, size, align in layout_lines(read(os.path.join(src, fname)), fname):
            if name not in types:
                types[name] = type_from_name(name)
                guessed.append('%s -> %s' % (name, types[name]))
            if name not in rows:
                rows[name] = []
                order.append(name)
            rows[name] += [(minor, size, align) for minor in range(lo, hi + 1)]
    notes = ['"NAME Sizeof Alignof" lines; NAME -> type from layout_test_prog.go.txt (its p() calls,',
             'variables and type declarations; named structs written as struct literals).',
             'offsets and ptrs are not measured, hence the layoutsa kind.']
    if guessed:
        notes.append('Not declared in the program (added through its `more` hook), type read from the name:')
        notes += ['  ' + g for g in sorted(set(guessed))]
    out = header('layout', ['go', 'arch', 'type', 'size', 'align'], ranges, notes)
    for name in order:
        out += ['\t'.join([go_name(minor), arch, types[name], size, align]) for minor, size, align in rows[name]]
    return out


# ---------------------------------------------------------------- stackappend

def stack_types(prog):
    """name -> element type, from func once_NAME() int { var s []T; var z T; ..."""
    types = {}
    for m in re.finditer(r'^func once_(\w+)\(\) int \{ var s \[\](.+?); var z (.+?); ', prog, re.M):
        if m.group(2) != m.group(3):
            fail('stackappend program: once_%s: []%s with a %s' % (m.groups()))
        types[m.group(1)] = m.group(2)
    for name in types:
        for shape in ('local', 'ret', 'retcap', 'bcap'):
            if not re.search(r'^func %s_%s\(' % (shape, name), prog, re.M):
                fail('stackappend program: no %s_%s' % (shape, name))
    if not types:
        fail('stackappend program: no once_NAME functions')
    seqn = dict((n, int(k)) for n, k in re.findall(r'bcap_(\w+)\((\d+)\)\)', prog))
    return types, seqn


def stack_line(f, types, seqn, where):
    """[(type name, escape, n, measure, value)] of one output line, [] if not an append."""
    if f[0] in NOT_COVERED:
        return []
    if f[0] not in types:
        fail('%s: unknown element %r' % (where, f[0]))
    if len(f) == 3 and f[1] == 'once':
        return [(f[0], 'stack', 1, 'final', f[2])]
    if len(f) == 9 and f[2:8:2] == ['local', 'ret', 'retcap']:
        n = int(f[1])
        return [(f[0], 'stack', n, 'final', f[3]), (f[0], 'return', n, 'final', f[5]),
                (f[0], 'return-cap', n, 'final', f[7]), (f[0], 'return-cap', n, 'sum', f[8])]
    if len(f) >= 3 and f[1] == 'caps' and f[2].startswith('['):
        caps = ' '.join(f[2:]).strip('[]').split()
        if len(caps) != seqn.get(f[0]):
            fail('%s: %d caps, the program asks for %s' % (where, len(caps), seqn.get(f[0])))
        return [(f[0], 'return-cap', len(caps), 'seq', ','.join(caps))]
    fail('%s: unexpected line %r' % (where, ' '.join(f)))


def convert_stackappend(src, arch, ranges):
    types, seqn = stack_types(read(os.path.join(src, 'stackappend_test_prog.go.txt')))
    rows, order = {}, []
    for lo, hi, fname in ranges:
        for n, line in enumerate(read(os.path.join(src, fname)).splitlines(), 1):
            for name, esc, k, measure, value in stack_line(line.split(), types, seqn, '%s:%d' % (fname, n)):
                if not re.match(r'^\d+(,\d+)*$', value):
                    fail('%s:%d: %r is not a cap' % (fname, n, value))
                if name not in rows:
                    rows[name] = []
                    order.append(name)
                rows[name] += [(minor, esc, k, measure, value) for minor in range(lo, hi + 1)]
    notes = ['Shapes of stackappend_test_prog.go.txt (one element appended at a time to a nil local slice):',
             '  once_T -> stack n=1 final; local_T -> stack final; ret_T -> return final;',
             '  retcap_T -> return-cap final (cap of the result) and sum (cap(s) summed after each append);',
             '  bcap_T (cap(s) recorded in the loop, then s stored in a global) -> return-cap seq.',
             'Conversions (%s, rune-local) are in conv_ARCH.tsv.' % ', '.join(NOT_COVERED)]
    out = header('stackappend', ['go', 'arch', 'type', 'escape', 'n', 'measure', 'value'], ranges, notes)
    for name in order:
        for minor in range(GO_MIN, GO_MAX + 1):
            out += ['\t'.join([go_name(m), arch, types[name], esc, str(k), measure, value])
                    for m, esc, k, measure, value in rows[name] if m == minor]
    return out


def conv_line(f, where):
    """[(conv, use, n, cap)] of a conversion line of the stackappend program.

    main: b := []byte(fmt.Sprint("hello")); cap(b)      -> bytes, never written, local
    lb:   b := []byte(s); return cap(b)                  -> bytes, never written, local
    lr:   b := []rune(s); return cap(b)  ("h\u00e9llo")    -> runes (5 runes), local
    cap([]byte("hello")), len(cb()) where cb returns b[:cap(b)] -> constbytes local / escaping
    """
    if f[0] == 'bytesconv-esc' and len(f) == 2:
        return [('bytes', 'readonly', 5, f[1])]
    if f[0] == 'bytesconv-local' and len(f) == 4 and f[2] == 'rune-local':
        return [('bytes', 'readonly', 5, f[1]), ('runes', 'local', 5, f[3])]
    if f[0] == 'constbytes' and len(f) == 3:
        return [('constbytes', 'local', 5, f[1]), ('constbytes', 'escapes', 5, f[2])]
    fail('%s: unexpected conversion line %r' % (where, ' '.join(f)))


def convert_conv(src, arch, ranges):
    prog = read(os.path.join(src, 'stackappend_test_prog.go.txt'))
    for needle in ('[]byte(fmt.Sprint("hello"))', 'func lb(s string) int { b := []byte(s); return cap(b) }',
                   'func lr(s string) int { b := []rune(s); return cap(b) }', 'lr(fmt.Sprint("h\u00e9llo"))',
                   'b := []byte("hello"); return b[:cap(b)]'):
        if needle not in prog:
            fail('stackappend program: the conversions changed (no %r)' % needle)
    rows = []
    for lo, hi, fname in ranges:
        for n, line in enumerate(read(os.path.join(src, fname)).splitlines(), 1):
            f = line.split()
            if f and f[0] in NOT_COVERED:
                for conv, use, k, cap in conv_line(f, '%s:%d' % (fname, n)):
                    rows += [(minor, conv, use, k, cap) for minor in range(lo, hi + 1)]
    rows.sort(key=lambda r: r[0])
    notes = ['Conversions of stackappend_test_prog.go.txt: bytesconv-esc and bytesconv-local are',
             '[]byte(s) results that stay local and are never written; rune-local is []rune of a',
             '5-rune string kept local; constbytes is []byte("hello") used locally and returned.']
    out = header('conv', ['go', 'arch', 'conv', 'use', 'n', 'cap'], ranges, notes)
    out += ['\t'.join([go_name(m), arch, conv, use, str(k), cap]) for m, conv, use, k, cap in rows]
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--src', default=os.path.join(ROOT, 'tests', 'data', 'validation', 'raw'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'tests', 'data', 'validation'))
    ap.add_argument('--gogrow', default=os.environ.get('GOGROW', os.path.join(ROOT, 'build', 'gogrow')))
    a = ap.parse_args()
    try:
        inputs = find_inputs(a.src)
        layouts = Layouts(a.gogrow)
        os.makedirs(a.out, exist_ok=True)
        for arch in ('amd64', '386'):
            for kind, lines in (('grow', convert_grow(a.src, arch, inputs[('grow', arch)], layouts)),
                                ('layout', convert_layout(a.src, arch, inputs[('layout', arch)])),
                                ('stackappend', convert_stackappend(a.src, arch, inputs[('stackappend', arch)])),
                                ('conv', convert_conv(a.src, arch, inputs[('stackappend', arch)]))):
                path = os.path.join(a.out, '%s_%s.tsv' % (kind, arch))
                with open(path, 'w', encoding='utf-8', newline='\n') as f:
                    f.write('\n'.join(lines) + '\n')
                rows = sum(1 for l in lines if not l.startswith('#')) - 1
                print('%s: %d rows' % (os.path.relpath(path, a.out), rows))
    except (ConvertError, OSError) as e:
        print('convert-validation: error: %s' % e, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
