#!/bin/sh
# Runs the model benchmark and its peers in one go and prints ratios.
# Usage: bench/run.sh [BUILD_DIR]   (build with -DCMAKE_BUILD_TYPE=Release)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
shared=$here/../../shared/spec/validation
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/bench/bench_model" 20000000 >"$out"
printf 'benchmark\tops/s\n'
cat "$out" | awk -F'\t' '{printf "gogrow %s\t%.1f M/s\n", $1, $4/1e6}'
c=$(awk -F'\t' '$1=="append"{print $4}' "$out")
if [ -f "$shared/slice_model.py" ] && command -v python3 >/dev/null; then
	p=$(python3 "$here/peer_python.py" "$shared" 300000 | awk -F'\t' '{print $4}')
	printf 'python reference model append\t%.2f M/s\n' "$(echo "$p/1000000" | bc -l)"
	printf 'ratio gogrow/python (append)\t%.0fx\n' "$(echo "$c/$p" | bc -l)"
else
	echo "python reference model: skipped (../shared/spec/validation/slice_model.py or python3 missing)"
fi
