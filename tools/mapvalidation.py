#!/usr/bin/env python3
"""Converts the real-Go map outputs in tests/data/validation/raw (a copy of
the spec's validation folder, go-growth-spec.md Appendix C: mapmake_*,
classicgrowth_*) into TSV files that `gogrow conform` reads:

  mapalloc.tsv        go arch maptype hint bytes mallocs   (from mapmake_*)
  mapgrow_classic.tsv go arch maptype transitions          (from classicgrowth_*)

The validation files are named after the release range whose output was
identical; each range is expanded to one row per release, with the go
column spelled as runtime.Version() would ("go1.24.4 X:noswissmap" for
GOEXPERIMENT=noswissmap). hint is "small" for make(map[K]V) and "const8"
for make(map[K]V, 8) with a constant 8 (both makemap_small). Map types and
key counts are read from the Go programs that produced the outputs
(*_test_prog.go.txt), not guessed; anything unexpected stops the conversion.

Usage: tools/mapvalidation.py [RAW_DIR [OUT_DIR]]
       (default tests/data/validation/raw and tests/data/validation)
"""
import os
import re
import sys

# The releases the validation runs used (validation/README.md).
VERSION = {16: "go1.16.14", 17: "go1.17.13", 18: "go1.18", 19: "go1.19.8", 20: "go1.20.4",
           21: "go1.21.13", 22: "go1.22.12", 23: "go1.23.5", 24: "go1.24.4", 25: "go1.25.12",
           26: "go1.26.11", 27: "go1.27.4"}
ARCHES = ["amd64", "386"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(msg):
    sys.exit("mapvalidation: " + msg)


def mapmake_types(vdir):
    """{"i64i64": "map[int64]int64", ...} from `var g_NAME map[...]` lines."""
    src = open(os.path.join(vdir, "mapmake_test_prog.go.txt")).read()
    types = dict(re.findall(r"^var g_(\w+) (map\[.*\S)\s*$", src, re.M))
    if len(types) != 12:
        fail("expected 12 map types in mapmake_test_prog.go.txt, found %d" % len(types))
    return types


def classicgrowth_types(vdir):
    """{"int64": ("map[int64]int64", 200000), "string": ("map[string]int", 20000)}:
    the program fills g (labelled int64) then gs (labelled string)."""
    src = open(os.path.join(vdir, "classicgrowth_test_prog.go.txt")).read()
    g = re.search(r"^var g (map\[.*\S)\s*$", src, re.M)
    gs = re.search(r"^var gs (map\[.*\S)\s*$", src, re.M)
    loops = re.findall(r"for i := 0; i < (\d+); i\+\+", src)
    if not g or not gs or len(loops) != 2:
        fail("classicgrowth_test_prog.go.txt does not have the expected shape")
    return {"int64": (g.group(1), int(loops[0])), "string": (gs.group(1), int(loops[1]))}


def releases(spec):
    """'go1.16-1.20_1.22-1.25ns' -> [(16, False), ..., (24, True), (25, True)]"""
    out = []
    for part in spec.replace("go", "").split("_"):
        ns = part.endswith("ns")
        part = part[:-2] if ns else part
        lo, _, hi = part.partition("-")
        lo = int(lo.split(".")[1])
        hi = int(hi.split(".")[1]) if hi else lo
        out += [(v, ns) for v in range(lo, hi + 1)]
    return out


def version(v, ns):
    return VERSION[v] + (" X:noswissmap" if ns else "")


def mapmake(vdir):
    types = mapmake_types(vdir)
    rows = []
    for name in sorted(os.listdir(vdir)):
        m = re.fullmatch(r"mapmake_(go[\d.\-]+)(_noswissmap)?_(amd64|386)\.txt", name)
        if not m:
            continue
        rels = [(v, bool(m.group(2))) for v, _ in releases(m.group(1))]
        lines = open(os.path.join(vdir, name)).read().split("\n")
        for v, ns in rels:
            t = None
            for line in lines:
                f = line.split()
                if not f:
                    continue
                if f[0] == "T":
                    if f[1] not in types:
                        fail("%s: unknown map %s" % (name, f[1]))
                    t = types[f[1]]
                elif f[0] in ("small", "const8"):
                    rows.append((v, ns, m.group(3), t, f[0], f[1], f[2]))
                elif f[0] == "hint":
                    rows.append((v, ns, m.group(3), t, f[1], f[2], f[3]))
                else:
                    fail("%s: unexpected line %r" % (name, line))
    rows.sort(key=lambda r: (r[0], r[1], ARCHES.index(r[2])))
    return rows


def classicgrowth(vdir):
    rows = []
    ntypes = classicgrowth_types(vdir)
    for name in sorted(os.listdir(vdir)):
        m = re.fullmatch(r"classicgrowth_(go[\dns.\-_]+)_(amd64|386)\.txt", name)
        if not m:
            continue
        trans = {}
        for line in open(os.path.join(vdir, name)):
            f = line.split()
            if len(f) != 3 or f[0] not in ntypes:
                fail("%s: unexpected line %r" % (name, line))
            if f[2] != "0":  # the first insert only starts the record at B 0
                trans.setdefault(f[0], []).append("%s:%s" % (f[1], f[2]))
        for v, ns in releases(m.group(1)):
            for k, (t, n) in ntypes.items():
                rows.append((t, n, v, ns, m.group(2), ",".join(trans[k])))
    rows.sort(key=lambda r: (r[0], r[2], r[3], ARCHES.index(r[4])))
    return rows


def main():
    vdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests/data/validation/raw")
    odir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "tests/data/validation")
    with open(os.path.join(odir, "mapalloc.tsv"), "w") as o:
        o.write("# Converted by tools/mapvalidation.py from raw/mapmake_*.txt\n")
        o.write("# (MemStats.TotalAlloc and Mallocs deltas of one make on real Go, amd64 and 386).\n")
        o.write("go\tarch\tmaptype\thint\tbytes\tmallocs\n")
        for v, ns, arch, t, hint, b, n in mapmake(vdir):
            o.write("\t".join([version(v, ns), arch, t, hint, b, n]) + "\n")
    with open(os.path.join(odir, "mapgrow_classic.tsv"), "w") as o:
        o.write("# Converted by tools/mapvalidation.py from raw/classicgrowth_*.txt\n")
        o.write("# (hmap.B changes while inserting distinct keys into make(map[K]V) on real Go).\n")
        o.write("go\tarch\tmaptype\ttransitions\n")
        last = None
        for t, n, v, ns, arch, tr in classicgrowth(vdir):
            if t != last:
                o.write("# %s: N=%d, keys 0..%d inserted\n" % (t, n, n - 1))
                last = t
            o.write("\t".join([version(v, ns), arch, t, tr]) + "\n")


if __name__ == "__main__":
    main()
