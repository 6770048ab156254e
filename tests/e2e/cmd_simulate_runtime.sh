#!/bin/sh
# gogrow simulate --runtime: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

printf 's = make([]int, 0, 1000)\ns = make([]int, 0, 1000)\nm = make(map[int]int)\nrepeat 9 {\n\tset m[key(i)]\n}\n' >"$tmp/two.sim"
# Hand-worked: two 8192-byte arrays, a 48-byte maps.Map, a group of 8 slots
# (8+8*16 = 136 bytes: the 144 class), then at the 9th key a table: a
# 32-byte table struct, an 8-byte directory and 2 groups (272 bytes: the
# 288 class). 16384+48+144+32+8+288 = 16904 bytes in 7 objects; the peak is
# both arrays at once.
expect 0 'total \(TotalAlloc, Mallocs\) +16904 +16904 +7 +7 +equal' simulate --runtime "$tmp/two.sim" --go 1.24
expect 0 '^ +1 +s = make\(\[\]int, 0, 1000\) +8192 +8192 +1 +1 +equal' simulate --runtime "$tmp/two.sim" --go 1.24
expect 0 'peak live \(peak HeapAlloc\) +16384 +16384 +equal' simulate --runtime "$tmp/two.sim" --go 1.24
expect 0 'all 12 figures the model calls exact .* are equal' simulate --runtime "$tmp/two.sim" --go 1.24
expect 0 'gogrow heap, classic maps' simulate --runtime "$tmp/two.sim" --go 1.23
expect 0 'model not exact: m: overflow buckets' simulate --runtime "$tmp/two.sim" --go 1.22
expect 0 'gogrow heap, classic maps' simulate --runtime "$tmp/two.sim" --go 1.25 --noswissmap
json simulate --runtime "$tmp/two.sim" --go 1.27 --json
expect 0 '"differ":0' simulate --runtime "$tmp/two.sim" --go 1.27 --json
expect 0 '"total_alloc":\{"model":16904,"runtime":16904,"exact":true,"comparable":true,"differs":false\}' \
	simulate --runtime "$tmp/two.sim" --go 1.27 --json
# stdin, as for simulate.
printf 's = make([]byte, 0)\nrepeat 3 {\n\tappend s 1\n}\n' | "$G" simulate --runtime - --go 1.22 >"$tmp/o" 2>&1 &&
	grep -q '<stdin>' "$tmp/o" && pass=$((pass + 1)) || { echo "FAIL: simulate --runtime - (stdin)" >&2; fail=$((fail + 1)); }
# Tiny allocations: the peak is shown, not compared, and the reason said.
printf 's = make([]byte, 0)\nrepeat 3 {\n\tappend s 1\n}\n' >"$tmp/tiny.sim"
expect 0 'peak live .* not comparable' simulate --runtime "$tmp/tiny.sim" --go 1.22
expect 0 'heap keeps the tiny block it is filling' simulate --runtime "$tmp/tiny.sim" --go 1.22
# Go 1.25+ clones a Swiss map's structure; the runtime cannot: flagged, not compared.
printf 'm = make(map[int]int)\nrepeat 20 {\n\tset m[key(i)]\n}\nc = clone m\n' >"$tmp/clone.sim"
expect 0 'c = clone m .* not comparable' simulate --runtime "$tmp/clone.sim" --go 1.25
expect 0 'not comparable: line 5: Go 1.25\+ clones a Swiss map' simulate --runtime "$tmp/clone.sim" --go 1.25

# Errors: the host arch only, one release, options that do not apply.
other=386
[ "$(uname -m)" = i686 ] && other=amd64
expect 2 'runtime runs on this host.s GOARCH' simulate --runtime "$tmp/two.sim" --go 1.24 --arch $other
expect 2 'give one --go' simulate --runtime "$tmp/two.sim" --go 1.24,1.25
expect 2 '--sim, --events, --svg, --trace and --pprof do not apply' simulate --runtime "$tmp/two.sim" --sim 5
expect 2 'do not apply' simulate --runtime "$tmp/two.sim" --svg "$tmp/x.svg"
printf 'rows = make([][]int, 2)\nappend rows[2] 1\n' >"$tmp/panic.sim"
expect 3 'panic.sim:2:[0-9]+: panic: runtime error: index out of range \[2\] with length 2' simulate --runtime "$tmp/panic.sim"
printf 's = make([]int, 0)\nappend s 268435456\n' >"$tmp/big.sim"
expect 4 'big.sim:2:[0-9]+: out of memory: the run passed the runtime heap.s limit' simulate --runtime "$tmp/big.sim" --go 1.24
expect 2 'needs go1.21' simulate --runtime "$tmp/clone.sim" --go 1.20
expect 0 'gogrow simulate --runtime SCRIPT' simulate --help
finish
