#!/bin/sh
# Side-by-side map benchmark: gogrow's runtime maps, the C/C++ peers built
# beside them (bm_* in BUILD_DIR/bench/maps) and Go's own map built from
# go/main.go with each Go toolchain found. Every round runs every contender
# once per (key kind, n), rotating the order, and then the latency run;
# table.py prints medians over rounds and, per peer, the ratio
# peer/gogrow (> 1: gogrow is faster) as its median and min-max.
#
#   bench/maps/run.sh BUILD_DIR [ROUNDS]      (Release build)
#
# Environment: BM_NS (default "1000 100000", a quick run; the docs' table
# is BM_NS="1000 10000 100000 1000000 10000000"), BM_LAT_N (keys of the
# latency run, default 1000000, 0: none; the docs use 10000000), BM_OUT (raw output
# file, default BUILD_DIR/bench/maps/bm_raw.txt), GO_BASE (default /opt/go).
set -eu
build=${1:?usage: run.sh BUILD_DIR [ROUNDS]}
rounds=${2:-3}
ns=${BM_NS:-1000 100000}
lat_n=${BM_LAT_N:-1000000}
dir=$(cd "$build" && pwd)/bench/maps
out=${BM_OUT:-$dir/bm_raw.txt}
go_base=${GO_BASE:-/opt/go}
src=$(cd "$(dirname "$0")" && pwd)

# The contenders, gogrow's first (the baseline of every ratio).
list=""
for b in gogrow_swiss gogrow_classic absl boost std stb; do
	[ -x "$dir/bm_$b" ] && list="$list $dir/bm_$b"
done

# Go peers: 1.19 (classic map), 1.24 with GOEXPERIMENT=noswissmap (the
# classic map's last release), the newest (Swiss).
build_go() { # name, toolchain, GOEXPERIMENT
	[ -x "$go_base/$2/bin/go" ] || { echo "no $go_base/$2: $1 skipped" >&2; return 0; }
	(cd "$src/go" && GOCACHE="$dir/gocache" GO111MODULE=off GOEXPERIMENT=$3 \
		"$go_base/$2/bin/go" build -o "$dir/bm_$1" -ldflags "-X main.name=$1" main.go)
	list="$list $dir/bm_$1"
}
newest=$(ls "$go_base" 2>/dev/null | sort -t. -k2 -n | tail -1)
build_go go1.19 1.19 ""
build_go go1.24-noswiss 1.24 noswissmap
[ -n "$newest" ] && build_go "go$newest" "$newest" ""

# Prints the list rotated left by $1.
rotate() {
	set -- $1 $list
	k=$(($1 % ($# - 1)))
	shift
	while [ "$k" -gt 0 ]; do
		first=$1
		shift
		set -- "$@" "$first"
		k=$((k - 1))
	done
	echo "$@"
}

: >"$out"
r=0
while [ "$r" -lt "$rounds" ]; do
	echo "round $((r + 1))/$rounds" >&2
	for kind in u64 str; do
		for n in $ns; do
			for b in $(rotate $r); do
				"$b" ops "$kind" "$n" | sed "s/^/R$r /" >>"$out"
			done
		done
	done
	[ "$lat_n" -gt 0 ] && for b in $(rotate $r); do
		"$b" lat "$lat_n" | sed "s/^/R$r /" >>"$out"
	done
	r=$((r + 1))
done
python3 "$src/table.py" "$out"
