#!/usr/bin/env python3
"""gogrow layout --pkg against real Go on the corpus of tests/data/gosrc.

expect.tsv (tools/gen/gosrc/run.sh) holds unsafe.Sizeof/Alignof of every
corpus struct, Offsetof/Sizeof/Alignof of each field, and Sizeof/Alignof of
the struct reordered as gogrow suggested, per release and GOARCH. This asks
gogrow the same for every type and target and wants every row equal.
Usage: corpus.py GOGROW DATA_DIR"""
import json
import subprocess
import sys


def expected(path):
    rows, targets, types = set(), [], []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or line.startswith("go\t"):
                continue
            row = tuple(line.rstrip("\n").split("\t"))
            rows.add(row)
            if (row[0], row[1]) not in targets:
                targets.append((row[0], row[1]))
            if row[2] not in types:
                types.append(row[2])
    return rows, targets, types


def gogrow_rows(gogrow, corpus, t, targets):
    gos = ",".join(sorted({g[2:] for g, _ in targets}))
    arches = ",".join(sorted({a for _, a in targets}))
    out = subprocess.run([gogrow, "layout", t, "--pkg", corpus, "--json", "--go", gos, "--arch", arches],
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(f"FAIL: gogrow layout {t}: exit {out.returncode}: {out.stderr.strip()}")
        return set()
    rows = set()
    for r in json.loads(out.stdout)["results"]:
        g, a = r["go"], r["arch"]
        rows.add((g, a, t, "-", "-", str(r["size"]), str(r["align"])))
        for f in r.get("fields", []):
            if f["name"] != "_":
                rows.add((g, a, t, f["name"], str(f["offset"]), str(f["size"]), str(f["align"])))
        if "suggested" in r:
            rows.add((g, a, t, "(suggested)", "-", str(r["suggested"]["size"]), str(r["align"])))
    return rows


def main():
    gogrow, data = sys.argv[1], sys.argv[2]
    want, targets, types = expected(data + "/expect.tsv")
    got = set()
    for t in types:
        got |= gogrow_rows(gogrow, data + "/corpus", t, targets)
    missing, extra = sorted(want - got), sorted(got - want)
    for r in missing[:20]:
        print("real Go, not gogrow:", "\t".join(r))
    for r in extra[:20]:
        print("gogrow, not real Go:", "\t".join(r))
    print(f"{len(types)} structs, {len(targets)} targets, {len(want)} rows, "
          f"{len(missing) + len(extra)} mismatches")
    sys.exit(1 if missing or extra or not want else 0)


main()
