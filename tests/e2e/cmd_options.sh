#!/bin/sh
# Options across commands: one rule everywhere (see lib.sh). An option that
# does not apply, conflicts or repeats is an error, never silently ignored;
# a question Go itself rejects exits 3 in every command.
. "$(dirname "$0")/lib.sh"

expect 2 '--json and --tsv cannot be used together' layout int --json --tsv
expect 2 '--go given twice' layout int --go 1.21 --go 1.22
expect 2 '--n given twice' grow '[]int' --n 5 --n 6
expect 2 '--tsv does not apply to explain' explain '[]int' --len 5 --cap 5 --tsv
expect 2 '--escape does not apply to layout' layout int --escape stack
expect 2 '--tsv does not apply to advise' advise '[]int' --n 10 --tsv
# Negative counts are errors, not "the default" or "all".
expect 2 '--n must be at least 1' grow '[]int' --n -1
expect 2 '--n must be at least 1' grow '[]int' --n -5
printf 's = make([]int, 0)\n' >"$tmp/s.sim"
expect 2 '--events must be' simulate "$tmp/s.sim" --events -2
expect 0 'timeline' simulate "$tmp/s.sim" --events -1
# --seed seeds a simulation: alone it is an error.
expect 2 '--seed goes with --sim' map 'map[int]int' --seed 3
expect 0 'timeline' simulate "$tmp/s.sim" --seed 3 # seeds the default simulation
expect 0 'SIMULATION' map 'map[int]int' --grow 2000 --sim 3 --seed 3
# compare without --len answers size/align: --add and --cap need --len.
expect 2 'give --len too' compare '[]int' --add 5
expect 2 'give --len too' compare '[]int' --cap 5
# Go rejects it: exit 3, the grid still printed.
expect 3 'too large' compare '[1<<62]int64'
expect 0 'n/a' compare 'atomic.Int64' --go 1.18,1.19
expect 3 'make would panic' append '[]int' --len 3 --cap 2
# compare keeps the user's order of arches, as of releases.
"$G" compare '[]int' --len 10 --go 1.22,1.17 --arch 386,amd64 >"$tmp/cmp"
if sed -n 2p "$tmp/cmp" | grep -Eq '^go +386 +amd64$' && sed -n 3p "$tmp/cmp" | grep -q '^go1.22'; then
	pass=$((pass + 1))
else
	echo "FAIL: compare does not keep the order given" >&2
	cat "$tmp/cmp" >&2
	fail=$((fail + 1))
fi

finish
