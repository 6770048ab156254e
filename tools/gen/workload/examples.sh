#!/bin/sh
# Re-measures the docs/examples programs on real Go: runs
# docs/examples/examples.go for every example, release and GOARCH below
# (fresh process each, GO111MODULE=off) and writes the TSV that
# tests/unit/test_workload.c compares gogrow simulate with:
#   example  go  arch  total_alloc  mallocs (the median of three runs)
# Usage: tools/gen/workload/examples.sh [GOROOT_PARENT] > tests/data/workload/examples.tsv
# GOARCH=386 binaries run natively on amd64 hosts (or via qemu-i386-static).
set -eu
top=$(cd "$(dirname "$0")/../../.." && pwd)
goroots=${1:-/opt/go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$top/docs/examples/examples.go" "$tmp/"
printf '# example\tgo\tarch\ttotal_alloc\tmallocs\n'
printf '# measured by tools/gen/workload/examples.sh (docs/examples/examples.go), MemStats deltas, median of 3 runs\n'
for v in 1.21 1.24 1.25 1.27; do
	for arch in amd64 386; do
		(cd "$tmp" && GO111MODULE=off GOARCH=$arch "$goroots/$v/bin/go" build -o "ex_$arch" examples.go)
		run=
		# 386 binaries need qemu where the kernel lacks 32-bit support.
		if [ "$arch" = 386 ] && ! "$tmp/ex_$arch" rows >/dev/null 2>&1; then run=qemu-i386-static; fi
		for n in counters rows clear clone local; do
			# The median of three runs by TotalAlloc: a rare background
			# allocation of the runtime (16 bytes once in a while) is not
			# the workload's; classic maps vary with the hash seed anyway.
			for k in 1 2 3; do $run "$tmp/ex_$arch" "$n"; done | sort -n -k4,4 | sed -n 2p |
				awk -v v="$v" '{ printf "%s\t%s\t%s\t%s\t%s\n", $1, v, $3, $4, $5 }'
		done
	done
done
