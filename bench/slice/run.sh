#!/bin/sh
# Runs bench_slice (interleaved rounds, every measurement in a fresh child
# process) and prints medians, min-max and the ratios docs/benchmarks.md
# reports. Usage: bench/slice/run.sh [BUILD_DIR] [APPENDS] [ROUNDS] [WORKLOAD]
#   (build with -DCMAKE_BUILD_TYPE=Release). RAW=file formats a saved
#   bench_slice output instead of running it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
n=${2:-10000000}
rounds=${3:-9}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ -n "${RAW:-}" ]; then
	cp "$RAW" "$out"
else
	"$build/bench/slice/bench_slice" "$n" "$rounds" ${4:+"$4"} >"$out"
	echo "$n appends, median CPU seconds of $rounds interleaved rounds (min-max); gg_rt_slice on libc malloc unless +gg_heap"
fi
awk -F'\t' '
{ t[$1, $2] = $3; lo[$1, $2] = $4; hi[$1, $2] = $5; g[$1, $2] = $6; c[$1, $2] = $7; has[$1, $2] = 1
  if (!($1 in seen)) { seen[$1] = 1; w[++nw] = $1 }
  if (!($2 in cseen)) { cseen[$2] = 1; k[++nk] = $2 } }
function ratio(a, b, peer) { return has[a, peer] ? sprintf("%8.2fx", t[a, b] / t[a, peer]) : sprintf("%9s", "-") }
END {
  printf "%-12s %-24s %9s %21s %7s %13s %9s %9s\n", "workload", "contender", "median_s", "min-max", "growths", "bytes_copied", "/x2", "/x2typed"
  for (i = 1; i <= nw; i++) for (j = 1; j <= nk; j++) {
    a = w[i]; b = k[j]
    if (!has[a, b]) continue
    printf "%-12s %-24s %9.4f %10.4f-%-10.4f %7d %13.0f %s %s\n", a, b, t[a, b], lo[a, b], hi[a, b], g[a, b], c[a, b], ratio(a, b, "realloc_x2"), ratio(a, b, "realloc_x2_typed")
  }
  for (i = 1; i <= nw; i++) {
    a = w[i]
    printf "%s: noop tracer / no tracer = %.3f", a, t[a, "gg_rt_slice+noop_tracer"] / t[a, "gg_rt_slice"]
    if (a == "small_int64") printf " (%+.0f ns per growth)", (t[a, "gg_rt_slice+noop_tracer"] - t[a, "gg_rt_slice"]) * 1e9 / (20000 * g[a, "gg_rt_slice"])
    printf "\n"
  }
}' "$out"
