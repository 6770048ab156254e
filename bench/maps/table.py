#!/usr/bin/env python3
"""Tables from bench/maps/run.sh's raw output (lines "R<round> OP ..." and
"R<round> LAT ..."): per key kind, n and operation, the median ns/op of
each contender over rounds and, per peer, the ratio peer/gogrow computed
within each round (> 1: gogrow is faster), as median (min-max). "sum" is
insert + hit + miss + delete, the issue's floor. Markdown on stdout."""
import statistics
import sys
from collections import defaultdict

BASE = "gogrow"
OPS = ["insert", "hit", "miss", "delete", "sum", "iterate"]


def main(path):
    ops = defaultdict(dict)  # (kind, n, op) -> {(who, round): ns}
    lat = defaultdict(list)  # who -> [(p50, p99, p9999, max, over, rss)]
    order = []
    for line in open(path):
        f = line.split()
        if len(f) < 2:
            continue
        rnd = f[0]
        if f[1] == "OP":
            who, kind, n, op, ns = f[2], f[3], int(f[4]), f[5], float(f[6])
            ops[(kind, n, op)][(who, rnd)] = ns
            s = ops[(kind, n, "sum")]
            if op in ("insert", "hit", "miss", "delete"):
                s[(who, rnd)] = s.get((who, rnd), 0) + ns
        elif f[1] == "LAT":
            who = f[2]
            lat[who].append([int(x) for x in f[4:13]])
        else:
            continue
        if f[2] not in order:
            order.append(f[2])
    order.sort(key=lambda w: (w != BASE, not w.startswith("gogrow"), w.startswith("go1"), w))
    rounds = sorted({r for d in ops.values() for (_, r) in d})
    for kind in ("u64", "str"):
        ns_ = sorted({n for (k, n, _) in ops if k == kind})
        if not ns_:
            continue
        title = "uint64 -> uint64" if kind == "u64" else "16-byte string -> uint64"
        print(f"\n### {title}: ns/op, and peer/gogrow ratio median (min-max)\n")
        print("| n (rounds) | op | " + " | ".join(order) + " |")
        print("|---|---|" + "---|" * len(order))
        for n in ns_:
            for op in OPS:
                d = ops.get((kind, n, op), {})
                cells = []
                for who in order:
                    vals = [d[(who, r)] for r in rounds if (who, r) in d]
                    if not vals:
                        cells.append("")
                        continue
                    med = statistics.median(vals)
                    cell = f"{med:.0f}" if med >= 10 else f"{med:.1f}"
                    ratios = [d[(who, r)] / d[(BASE, r)] for r in rounds
                              if (who, r) in d and (BASE, r) in d and d[(BASE, r)] > 0]
                    if who != BASE and ratios:
                        cell += f" · {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"
                    cells.append(f"**{cell}**" if op == "sum" else cell)
                nr = sum(1 for r in rounds if (BASE, r) in d)
                print(f"| {n:.0e} ({nr}) | {op} | " + " | ".join(cells) + " |")
    if lat:
        n = next(iter(lat.values()))
        print("\n### Latency of every insert while filling uint64 keys "
              "(median over rounds; max: worst round)\n")
        print("| contender | p50 ns | p99 ns | p99.99 µs | max ms (worst) | inserts > 1 ms | peak RSS MiB "
              "| CPU p99.99 µs | CPU max ms (worst) | CPU > 1 ms |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for who in order:
            if who not in lat:
                continue
            rows = lat[who]
            med = [statistics.median(c) for c in zip(*rows)]
            worst = max(r[3] for r in rows)
            cworst = max(r[7] for r in rows)
            print(f"| {who} | {med[0]:.0f} | {med[1]:.0f} | {med[2] / 1e3:.1f} | "
                  f"{med[3] / 1e6:.2f} ({worst / 1e6:.2f}) | {med[4]:.0f} | {med[5] / 1024:.0f} | "
                  f"{med[6] / 1e3:.1f} | {med[7] / 1e6:.2f} ({cworst / 1e6:.2f}) | {med[8]:.0f} |")
    print(f"\nUp to {len(rounds)} rounds (per row in parentheses), contenders interleaved "
          "(order rotated each round).")


if __name__ == "__main__":
    main(sys.argv[1])
