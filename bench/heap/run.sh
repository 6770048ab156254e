#!/bin/sh
# Runs the heap churn benchmark for gogrow's heap and every peer allocator
# built (bench/heap/setup.sh installs them), in interleaved rounds: each
# round runs every workload once per allocator, in a rotating order. Prints
# the median ns/op per allocator and, per peer, the ratio peer/gogrow
# (> 1: gogrow is faster) as the median over rounds and its min-max; then
# gogrow's tier latencies.
# Usage: bench/heap/run.sh [BUILD_DIR] [ROUNDS] [OPS]   (Release build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
rounds=${2:-5}
ops=${3:-2000000}
bin=$build/bench/heap
peers=""
for p in gogrow glibc jemalloc mimalloc tcmalloc; do
	[ -x "$bin/bench_heap_$p" ] && peers="$peers $p"
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT
r=1
while [ $r -le "$rounds" ]; do
	for w in small1 medium1 small2 medium2; do
		# rotate the order so that no allocator always runs first
		order=$(echo $peers | tr ' ' '\n' | awk -v r=$r '{a[NR]=$0} END {for (i=0;i<NR;i++) print a[(i+r)%NR+1]}')
		for p in $order; do
			printf '%s\t%s\t' "$r" "$p" >>"$out"
			"$bin/bench_heap_$p" "$w" "$ops" | cut -f1,3 >>"$out"
		done
	done
	r=$((r + 1))
done
python3 - "$out" <<'PY'
import sys, statistics as st
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
ns = {}
for r, p, w, v in rows:
    ns.setdefault((w, p), {})[r] = float(v)
works = ['small1', 'medium1', 'small2', 'medium2']
names = {'small1': 'small churn 8..1024 B, 1 thread', 'medium1': 'medium churn 8 B..64 KiB, 1 thread',
         'small2': 'small, producer/consumer 2 threads', 'medium2': 'medium, producer/consumer 2 threads'}
peers = [p for p in ['glibc', 'jemalloc', 'mimalloc', 'tcmalloc'] if ('small1', p) in ns]
print('| workload | gogrow ns/op | ' + ' | '.join(f'{p} ns/op | {p}/gogrow' for p in peers) + ' |')
print('|---|---|' + '---|---|' * len(peers))
for w in works:
    g = ns[(w, 'gogrow')]
    cells = [names[w], f'{st.median(g.values()):.0f}']
    for p in peers:
        v = ns[(w, p)]
        ratios = [v[r] / g[r] for r in g if r in v]
        cells += [f'{st.median(v.values()):.0f}', f'{st.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})']
    print('| ' + ' | '.join(cells) + ' |')
PY
echo
"$bin/bench_heap_gogrow" tiers "$ops"
