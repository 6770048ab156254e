#!/bin/sh
# End-to-end tests of the gogrow command as a user types it: output text,
# JSON validity, exit codes and error messages.
# Usage: run.sh GOGROW E2E_DIR
G=$1
DIR=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect RC PATTERN ARGS...: runs gogrow ARGS, wants exit status RC and
# PATTERN (a grep -E regex) somewhere in stdout+stderr.
expect() {
	rc=$1 pat=$2
	shift 2
	"$G" "$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$rc" ] || ! grep -Eq -- "$pat" "$tmp/out"; then
		echo "FAIL: gogrow $* -> exit $got (want $rc), output:" >&2
		sed 's/^/    /' "$tmp/out" | head -20 >&2
		echo "    wanted /$pat/" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# json ARGS...: output must be valid JSON.
json() {
	"$G" "$@" >"$tmp/j" 2>"$tmp/e"
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/j"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow $* does not print valid JSON" >&2
		head -c 600 "$tmp/j" "$tmp/e" >&2
		fail=$((fail + 1))
	fi
}

# golden NAME ARGS...: stdout must equal E2E_DIR/golden/NAME.
golden() {
	name=$1
	shift
	"$G" "$@" >"$tmp/g" 2>&1
	if cmp -s "$tmp/g" "$DIR/golden/$name"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow $* differs from golden/$name:" >&2
		diff "$DIR/golden/$name" "$tmp/g" | head -20 >&2
		fail=$((fail + 1))
	fi
}

# Help and usage.
expect 0 'Commands:' help
expect 0 'Usage: gogrow append' append --help
expect 0 'atomic.Int64' help types
# A zero-size element grows at every append: a row per element, so --n is
# bounded instead of collecting billions of rows (hang, then out of memory).
expect 2 'zero-size elements grow at every append: --n must be <= 1048576' grow '[]struct{}' --n 9223372036854775807
expect 2 'must be <= 1048576' grow '[]struct{}' --n 1048577 --json
expect 0 '^1048576 +1048576 ' grow '[]struct{}' --n 1048576
# Out of memory is exit 4 (docs/cli.md), not 2: 2^20 zero-size steps under a
# 40 MB address-space limit (skipped for sanitizer builds, which need more).
if ! nm "$G" 2>/dev/null | grep -q __asan_init; then
	(ulimit -v 40000 && exec "$G" grow '[]struct{}' --n 1048576) >/dev/null 2>"$tmp/oom"
	got=$?
	if [ "$got" -eq 4 ] && grep -q 'out of memory' "$tmp/oom"; then
		pass=$((pass + 1))
	else
		echo "FAIL: grow out of memory -> exit $got (want 4)" >&2
		fail=$((fail + 1))
	fi
fi
# advise counts the growths of a zero-size slice (one per element) instead of
# making 2^63 appends; summed over --pattern runs they can overflow int64.
timeout 60 "$G" advise '[]struct{}' --n 9223372036854775807 >"$tmp/adv" 2>&1
got=$?
if [ "$got" -eq 0 ] && grep -q 'growing from empty: 9223372036854775807 growths, 0 bytes' "$tmp/adv"; then
	pass=$((pass + 1))
else
	echo "FAIL: advise []struct{} --n 2^63-1 -> exit $got (want 0 within 60 s)" >&2
	fail=$((fail + 1))
fi
expect 0 '^ +0 +0 +0 +2147484651 ' advise '[]struct{}' --pattern 0,5,1000,2147483646 --arch 386
expect 3 'growslice: len out of range' advise '[]struct{}' --n 2147483648 --arch 386
expect 2 'do not fit in int64' advise '[]struct{}' --pattern 9223372036854775807,9223372036854775807
# Every one-line example in a command's help runs and exits 0 (probe needs a
# Go toolchain; 'simulate work.sim' names the user's own file).
ga=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
for cmd in layout grow append explain compare advise batch map classes conform; do
	"$G" help "$cmd" | sed -n 's/^  gogrow //p' >"$tmp/ex"
	while IFS= read -r ex; do
		(cd "$tmp" && eval "\"\$ga\" $ex" >/dev/null 2>"$tmp/exerr")
		got=$?
		if [ "$got" -eq 0 ]; then
			pass=$((pass + 1))
		else
			echo "FAIL: help $cmd example 'gogrow $ex' -> exit $got" >&2
			head -3 "$tmp/exerr" >&2
			fail=$((fail + 1))
		fi
	done <"$tmp/ex"
done
expect 2 'unknown command "frobnicate"' frobnicate
expect 2 'Commands:'
expect 0 '^gogrow [0-9.]+ \(models go1.16 to go1.27\)' --version

# layout
expect 0 'go1.27 +amd64 +16 +8 +0 +yes +0,8' layout 'struct{a uint64; b [3]byte}'
expect 0 'go1.19 +386 +16 +8 +0 +yes +0,8' layout 'struct{a int32; b atomic.Int64}' --arch 386 --go 1.19
expect 2 'does not exist in go1.18' layout 'atomic.Int64' --go 1.18
expect 0 'wasm' layout '[13]byte' --arch all
expect 0 'mips.*12' layout 'struct{val int64; ptr *int}' --arch 32
expect 2 'bad type: expected .* found' layout 'struct{a int'
expect 2 '\^' layout 'map[[]int]int'
expect 2 'undefined type "foo"' layout 'struct{a foo}'
expect 2 'unsupported release 1.15 .supported: go1.16 to go1.27' layout int --go 1.15
expect 2 'unsupported release 1.28' layout int --go 1.28
expect 2 'range go1.24-go1.20 is empty' layout int --go 1.24-1.20
if "$G" layout atomic.Int64 --go 1.18 2>&1 >/dev/null | grep -q 'gogrow: error: go1.18/amd64: atomic.Int64 does not exist'; then
	pass=$((pass + 1))
else
	echo "FAIL: layout errors must reach stderr" >&2
	fail=$((fail + 1))
fi
expect 2 'nothing to answer for ","' layout int --go ,
expect 2 'nothing to answer for ""' layout int --go ''
if [ "$("$G" layout int --arch all,all,amd64 --tsv | wc -l)" -eq 15 ]; then pass=$((pass + 1)); else
	echo "FAIL: --arch all,all,amd64 should list each arch once" >&2; fail=$((fail + 1)); fi
expect 2 'malformed release' layout int --go banana
expect 2 'unknown GOARCH "sparc".*supported: amd64 386' layout int --arch sparc
expect 2 'loong64 is not a port in go1.18' layout int --arch loong64 --go 1.18
expect 3 'larger than address space' layout '[1<<62]byte'
expect 3 'too large' layout '[1<<28]uint64' --arch 386
expect 2 'exactly one type' layout
expect 2 'unknown option --frob' layout int --frob
json layout 'struct{a int8; b string}' --arch all --go all --json
# Bytes of a tag that are not UTF-8 come out as U+FFFD (JSON is UTF-8); a field name
# that is not UTF-8 is not a Go identifier.
json layout "$(printf 'struct{a int "\377\300\200"}')" --json
expect 2 'invalid character \(byte 0xff\)' layout "$(printf 'struct{\377 int}')" --json

# append: the seed's claims (a), (e), (f) with real Go's numbers.
expect 0 'go1.19  386   .*1025 +1472 +1536' append '[]struct{a uint64; b [3]byte}' --len 1024 --add 1 --arch 386 --go 1.19
expect 0 'go1.19 +arm .* 1536 ' append '[]struct{val int64; ptr *int}' --len 1000 --add 1 --arch arm --go 1.19
expect 0 'go1.22 +arm .* 1535 .*\(\+hdr\)' append '[]struct{val int64; ptr *int}' --len 1000 --add 1 --arch arm --go 1.22
expect 0 'go1.17.*1280' append '[]int' --len 1024 --add 1 --go 1.17
expect 0 '1152 \(\+hdr\)' append '[]*int' --len 64 --add 64 --go 1.22
expect 0 'stack-buffer' append '[]byte' --len 0 --add 1 --escape stack --go 1.25
expect 3 'panic:.*growslice: len out of range' append '[]byte' --len 2147483647 --add 1 --arch 386 --go 1.22
expect 3 'growslice: cap out of range' append '[]byte' --len 2147483647 --add 1 --arch 386 --go 1.19
expect 3 'makeslice: len out of range' append '[]int64' --len 70368744177664 --arch amd64
expect 0 '42949681152' append '[]int64' --len 4294967296 --arch amd64
expect 2 'not an integer' append '[]int' --len ten
expect 2 'too large' append '[]int' --len 99999999999999999999
expect 2 'must not be negative' append '[]int' --len -1
expect 2 'smaller than --len' append '[]int' --len 5 --cap 2
expect 2 'needs --len' append '[]int'
expect 2 "expected a slice type such as '\[\]int'" append int --len 1
expect 2 'unknown value "sideways"' append '[]int' --len 1 --escape sideways
json append '[]string' --len 100 --add 7 --arch all --go 1.21,1.22 --json
json append '[]byte' --len 2147483647 --add 1 --arch 386 --json

# grow
golden grow_ptr_21_22.txt grow '[]*int' --n 5000 --go 1.21,1.22 --arch amd64,386
golden grow_byte_stack.txt grow '[]byte' --n 100 --escape stack --go 1.24-1.27
golden grow_int64_single.txt grow '[]int64' --n 3000 --go 1.18
expect 0 'move2heap' grow '[]int' --n 3 --escape return --go 1.26
expect 0 '^1[[:space:]]+1[[:space:]]' grow '[]struct{}' --n 3 --tsv
expect 2 '--n must be at least 1' grow '[]int' --n 0
json grow '[]int' --n 100000 --arch all --go 1.17,1.27 --json

# explain, compare, advise
expect 0 'size class 33 \(1152-byte slots.*malloc' explain '[]*int' --len 64 --add 1 --go 1.22
expect 0 'new cap = 1144 / 8 = 143' explain '[]*int' --len 64 --add 1 --go 1.22
expect 0 '1024 -> 1472' explain '[]struct{a uint64; b [3]byte}' --len 1024 --add 1 --arch 386 --go 1.19
expect 0 'fits in cap 10' explain '[]int' --len 5 --cap 10 --add 2
expect 0 'stack buffer' explain '[]byte' --len 0 --add 1 --escape stack --go 1.25
expect 3 'growslice: len out of range' explain '[]byte' --len 2147483647 --add 1 --arch 386
expect 2 'needs a slice type and --len' explain '[]int'
json explain '[]string' --len 300 --add 1 --arch all --json
expect 0 'load factor 6.0, go1.21' explain 'map[string]int' --hint 100 --go 1.21
expect 0 'make allocates 8264 bytes in 3 allocations' explain 'map[string]int' --hint 100 --go 1.21
expect 0 'key 897: split -> 2 table' explain 'map[int64]int64' --count 1000 --go 1.27
expect 0 'over 128: stored through a pointer' explain 'map[int][200]byte' --hint 10 --go 1.22
expect 2 'explain a map type' explain '[]int' --hint 3
json explain 'map[string][]int' --hint 50 --count 100 --arch all --go 1.22,1.27 --json
expect 0 'go1.22 +1535\*' compare '[]struct{val int64; ptr *int}' --len 1000 --arch amd64
expect 0 '2048 +on 26 of 168 targets' compare '[]struct{val int64; ptr *int}' --len 1000
expect 0 'go1.19 +16/8\*' compare 'struct{a int32; b atomic.Int64}' --go 1.18-1.20 --arch 386
json compare '[]int' --len 1000 --json
expect 0 'go1.21 +5448\* +4912\*' compare 'map[int64]int64' --hint 100 --arch amd64,386
expect 2 'give a map type' compare '[]int' --hint 5
expect 0 'make\(\[\]string, 0, 1023\)' advise '[]string' --n 1000
expect 0 '11 growslice calls avoided' advise '[]string' --n 1000
expect 0 '10 .*<- least bytes' advise '[]int' --pattern 10,100,1000,120 --go 1.22
expect 2 'one release and arch' advise '[]int' --n 10 --arch all
expect 2 'lengths must not be negative' advise '[]int' --pattern 5,-1
json advise '[]int' --n 100 --json
expect 0 'make\(map\[string\]int, 500\)' advise 'map[string]int' --n 500
expect 0 '8 growth steps, 54408 bytes allocated in all \(exact\)' advise 'map[string]int' --n 500 --go 1.27
expect 0 'SIMULATION over 101 seeds' advise 'map[string]int' --n 5000 --go 1.22
expect 2 'takes --n N' advise 'map[string]int' --pattern 1,2
json advise 'map[int]int' --n 3000 --json --go 1.27

# SVG plots must be well-formed XML with one polyline per target.
"$G" grow '[]*int' --go 1.17,1.22 --arch amd64,386 --n 100000 --svg "$tmp/g.svg" >/dev/null
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(len(d.getElementsByTagName("polyline")) != 4)' "$tmp/g.svg"; then
	pass=$((pass + 1))
else
	echo "FAIL: grow --svg did not write a valid SVG with 4 series" >&2
	fail=$((fail + 1))
fi
expect 2 'cannot write /nonexistent/x.svg' grow '[]int' --svg /nonexistent/x.svg
"$G" map 'map[string]int' --grow 100000 --go 1.22,1.27 --arch amd64,386 --svg "$tmp/m.svg" >/dev/null
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(len(d.getElementsByTagName("polyline")) != 4)' "$tmp/m.svg"; then
	pass=$((pass + 1))
else
	echo "FAIL: map --grow --svg did not write a valid SVG with 4 series" >&2
	fail=$((fail + 1))
fi
expect 2 'plots the bytes of --grow' map 'map[int]int' --svg "$tmp/x.svg"

# batch: TSV and JSON lines on stdin, errors answered per line.
printf 'layout\t1.22\t386\tstruct{a int8; b int64}\nappend\tgo1.19.8\tamd64\t[]int\t1000\t1000\t1\ngrow\t1.27\tarm\t[]*int\t100\n' >"$tmp/q.tsv"
"$G" batch <"$tmp/q.tsv" >"$tmp/a.tsv" 2>&1
if [ $? -eq 0 ] && grep -q '	12	4	0$' "$tmp/a.tsv" && grep -q '	1536	12288	12288$' "$tmp/a.tsv" &&
	grep -q '	2,4,8,16,32,70,142$' "$tmp/a.tsv"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch TSV answers:" >&2
	cat "$tmp/a.tsv" >&2
	fail=$((fail + 1))
fi
printf '{"q":"append","go":"1.22","arch":"amd64","type":"[]*int","len":64,"add":1}\n{"q":"layout","go":"1.15","arch":"amd64","type":"int"}\n{bad\n' >"$tmp/q.jsonl"
"$G" batch <"$tmp/q.jsonl" >"$tmp/a.jsonl" 2>&1
rc=$?
if [ $rc -eq 2 ] && python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows[0]["newcap"] == 143 and rows[0]["alloc"] == 1152, rows[0]
assert "unsupported release" in rows[1]["error"], rows[1]
assert rows[2]["line"] == 3 and "column 2" in rows[2]["error"], rows[2]
' "$tmp/a.jsonl"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch JSON lines (exit $rc):" >&2
	cat "$tmp/a.jsonl" >&2
	fail=$((fail + 1))
fi
printf 'makemap\t1.21\tamd64\tmap[int64]int64\t100\n{"q":"makemap","go":"1.27","arch":"386","type":"map[int64]int64","hint":100}\n' | "$G" batch >"$tmp/m.out"
if [ $? -eq 0 ] && grep -q '	100	5448	3$' "$tmp/m.out" && grep -q '"bytes":2368' "$tmp/m.out"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch makemap:" >&2
	cat "$tmp/m.out" >&2
	fail=$((fail + 1))
fi
printf 'append\t1.22\tamd64\t[]int\tx\t1\t1\n' | "$G" batch >"$tmp/e.tsv"
if [ $? -eq 2 ] && grep -q '^error	line 1: field 5 (len) is not an integer$' "$tmp/e.tsv"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch error line" >&2
	fail=$((fail + 1))
fi
# JSON numbers past int64 are refused, not wrapped (2^64 was read as 0);
# INT64_MIN is read without a signed overflow.
printf '{"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":18446744073709551616,"add":1}\n{"q":"makemap","go":"1.22","arch":"amd64","type":"map[int]int","hint":-9223372036854775808}\n' |
	"$G" batch >"$tmp/big.jsonl" 2>&1
if [ $? -eq 2 ] && grep -q '^{"line":1,"error":"column [0-9]*: number too large"}$' "$tmp/big.jsonl" &&
	grep -q '^{"line":2,.*"bytes":48,' "$tmp/big.jsonl"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch JSON numbers past int64" >&2
	cat "$tmp/big.jsonl" >&2
	fail=$((fail + 1))
fi

# conv: []byte(s) and friends.
expect 0 'go1.21 +amd64 +32' conv bytes --len 5 --use readonly --go 1.21
expect 0 'go1.22 +amd64 +5' conv bytes --len 5 --use readonly --go 1.22
expect 0 'go1.27 +386 +8' conv bytes --len 5 --use escapes --arch 386
expect 0 'amd64 +104' conv runes --len 100
expect 2 'needs bytes, runes or constbytes' conv words --len 5
expect 2 'unknown value "sideways"' conv bytes --len 5 --use sideways
expect 2 'between 0 and' conv bytes --len -1
json conv constbytes --len 7 --json --arch all

# classes
expect 0 '67[[:space:]]+32768' classes --go 1.22
json classes --json --arch 386

# map
golden map_make_classic_386.txt map 'map[string][]int' --hint 53 --go 1.23 --arch 386
golden map_grow_swiss.txt map 'map[int64][129]byte' --grow 1000 --go 1.26
golden map_make_matrix.txt map 'map[int]int' --hint 100 --go 1.21,1.22,1.24,1.27 --arch 386,amd64
expect 0 'total: 2392 bytes in 4 allocations' map 'map[int64]int64' --hint 100 --go 1.27
expect 0 'B = 4 .*18 buckets allocated' map 'map[int64]int64' --hint 100 --go 1.22
expect 0 'go1\.21[[:space:]]+amd64[[:space:]]+classic[[:space:]]+144[[:space:]]+13[[:space:]]+2 ' map 'map[int64]int64' --hint 13 --go 1.21,1.22
expect 0 'hmap[[:space:]]+1[[:space:]]+56[[:space:]]+64' map 'map[int]int' --go 1.24 --noswissmap
expect 0 'still turns it into a 16-slot table' map 'map[int]int' --go 1.26
expect 0 'treats this hint as 0' map 'map[int]int' --hint -5 --go 1.23
expect 0 '897[[:space:]]+split' map 'map[string]int' --grow 5000 --go 1.27
expect 0 'exact up to 897 keys' map 'map[string]int' --grow 5000 --go 1.27
expect 0 '13[[:space:]]+double[[:space:]]+2' map 'map[int]bool' --grow 20 --go 1.21
expect 0 '^go	arch	impl	count' map 'map[int]bool' --grow 20 --go 1.21,1.27 --tsv
expect 2 'no classic map' map 'map[int]int' --go 1.26 --noswissmap
expect 2 'needs a map type' map '[]int'
expect 2 'invalid map key' map 'map[[]int]int'
expect 2 '--grow must be 0 or more' map 'map[int]int' --grow -1
expect 0 'one group, 184 bytes' map 'map[int]int' --escape stack
golden map_grow_stack.txt map 'map[string]int' --grow 100 --escape stack --go 1.22,1.27 --arch 386,amd64
golden map_churn.txt map 'map[int64]int64' --churn 100,10000 --go 1.23,1.24,1.25 --sim 41
expect 0 'total: 0 bytes in 0 allocations' map 'map[int]int' --hint -3 --escape stack --go 1.22
expect 0 'total: 2712 bytes in 2 allocations' map 'map[int64]int64' --hint 100 --escape stack --go 1.22
expect 0 '9[[:space:]]+double[[:space:]]+1[[:space:]]+2[[:space:]]+16[[:space:]]+288[[:space:]]+0[[:space:]]+288' map 'map[int64]int64' --grow 20 --escape stack --go 1.19
expect 0 '9[[:space:]]+to-table[[:space:]]+1[[:space:]]+16[[:space:]]+328[[:space:]]+0' map 'map[int64]int64' --grow 20 --escape stack --go 1.24
expect 2 'heap or stack' map 'map[int]int' --escape return
expect 0 'TotalAlloc[[:space:]]+185144[[:space:]]+222072[[:space:]]+259000' map 'map[int64]int64' --grow 3600 --sim 201 --escape stack
json map 'map[string]int' --hint 5 --escape stack --arch 386,amd64 --go 1.22,1.27 --json
expect 0 'slots[[:space:]]+512[[:space:]]+512[[:space:]]+512' map 'map[int64]int64' --churn 100,10000 --go 1.24 --sim 21
expect 0 'slots[[:space:]]+256[[:space:]]+256[[:space:]]+256' map 'map[int64]int64' --churn 100,10000 --go 1.25 --sim 21
expect 0 'SIMULATION, not exact' map 'map[string]int' --churn 50,500 --go 1.27 --arch 386
expect 0 'B stays 4 ' map 'map[int64]int64' --churn 100,10000 --go 1.23
expect 0 'same-size grows[[:space:]]+1[0-9][[:space:]]+1[0-9]' map 'map[int64]int64' --churn 100,10000 --go 1.24 --noswissmap --sim 21
json map 'map[int64]int64' --churn 100,1000 --go 1.22-1.27 --sim 5 --json
expect 2 'wants N,K' map 'map[int]int' --churn 100
expect 2 'nothing to delete' map 'map[int]int' --churn 0,5
expect 0 'go1\.24	amd64	swiss	slots	512	512	512	no' map 'map[int64]int64' --churn 100,10000 --go 1.22,1.24 --sim 11 --tsv
expect 0 'go1\.22	amd64	classic	B	4	4	4	yes' map 'map[int64]int64' --churn 100,10000 --go 1.22,1.24 --sim 11 --tsv
expect 2 'separate workloads' map 'map[int]int' --churn 100,10 --grow 5
expect 0 'go1\.25	amd64	swiss	total	9352	9352	9352	no' map 'map[int64]int64' --churn 100,10000 --go 1.25 --escape stack --tsv
expect 0 '192 bytes less than a heap map' map 'map[int64]int64' --churn 100,1000 --go 1.22 --escape stack --sim 5
expect 2 'more than the limit' map 'map[int]int' --churn 1000000,100000000 --sim 100
expect 2 'number of inserts' map 'map[int]int' --grow 3000000000 --arch 386
expect 3 'internal compiler error' map 'map[atomic.Int64]int32' --arch 386 --go 1.22
expect 0 'exact up to 896' map 'map[int]int' --hint 1000 --grow 2000
json map 'map[string][]int' --hint 1000 --arch all --go 1.21-1.27 --json
json map 'map[int][200]byte' --grow 100000 --arch 386,amd64 --go 1.23,1.25 --json
json map 'map[atomic.Int64]int32' --arch all --json
expect 0 'TotalAlloc[[:space:]]+185336[[:space:]]+222264[[:space:]]+259192' map 'map[int64]int64' --grow 3600 --sim 201
expect 0 'same-size grows' map 'map[int]int' --grow 2000 --sim 5 --go 1.23
json map 'map[int]int' --grow 2000 --sim 5 --go 1.16-1.27 --json
expect 2 '--sim needs --grow N or --churn' map 'map[int]int' --sim 5
expect 2 '--sim must be' map 'map[int]int' --grow 10 --sim 0
json map 'map[string]int' --grow 5000 --sim 11 --arch 386,amd64 --json

# simulate: the worked example of docs/simulate.md, errors with line:col, outputs.
printf '# map of slices double growth\nm = make(map[string][]int)\nrepeat 100000 {\n\tappend m[key(i %% 100)] 1\n}\n' >"$tmp/ex.sim"
# The outputs docs/simulate.md shows, run from $tmp so that the script name is as printed there.
cp "$tmp/ex.sim" "$tmp/mapofslices.sim"
cmp -s "$tmp/ex.sim" "$DIR/../../docs/examples/mapofslices.sim" && pass=$((pass + 1)) ||
	{ echo "FAIL: docs/examples/mapofslices.sim is not the script the goldens run" >&2; fail=$((fail + 1)); }
gabs=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
for v in 1.22 1.27; do
	(cd "$tmp" && "$gabs" simulate mapofslices.sim --go $v --events 14) >"$tmp/g" 2>&1
	if cmp -s "$tmp/g" "$DIR/golden/simulate_mapofslices_$v"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow simulate mapofslices.sim --go $v differs from golden/simulate_mapofslices_$v:" >&2
		diff "$DIR/golden/simulate_mapofslices_$v" "$tmp/g" | head -20 >&2
		fail=$((fail + 1))
	fi
done
expect 0 '1029464 live at the end, 2531512 allocated in total \(1211 objects\)' simulate "$tmp/ex.sim" --go 1.27
expect 0 '2532552 allocated in total' simulate "$tmp/ex.sim" --go 1.22
expect 0 'overflow buckets beyond the preallocated spares' simulate "$tmp/ex.sim" --go 1.22
expect 0 'evacuation: m holds old buckets of up to [0-9]+ bytes' simulate "$tmp/ex.sim" --go 1.22 --arch 386
expect 0 '1200 growslice calls, 4 map grows' simulate "$tmp/ex.sim" --go 1.27
expect 0 'TotalAlloc 11752 / 12808 / 14920, overflow buckets 0 / 5 / 11' simulate "$tmp/ex.sim" --go 1.22 --sim 1001
expect 0 'SIMULATION, not exact: m.s own bytes, 21 maps.*' simulate "$tmp/ex.sim" --go 1.25 --sim 21 --arch 386 --noswissmap
expect 0 'classic map' simulate "$tmp/ex.sim" --go 1.24 --noswissmap
expect 2 'no classic map' simulate "$tmp/ex.sim" --go 1.26 --noswissmap
json simulate "$tmp/ex.sim" --json --go 1.23 --sim 11
expect 2 '--sim must be 1..10000 runs' simulate "$tmp/ex.sim" --sim 0
expect 0 '^ +4 +1210 +2531464 +append m\[key\(i % 100\)\] 1$' simulate "$tmp/ex.sim" --go 1.27
expect 0 'm\[\*\] +0 +growslice +0->1 +16' simulate "$tmp/ex.sim" --events 5
json simulate "$tmp/ex.sim" --json --go 1.22
json simulate "$tmp/ex.sim" --json --go 1.25 --arch arm
printf 's = make([]int, 0)\nappend s 5\n' | "$G" simulate - >"$tmp/out" 2>&1
if grep -q 'len 5 cap 6' "$tmp/out"; then pass=$((pass + 1)); else echo "FAIL: simulate - (stdin)" >&2; fail=$((fail + 1)); fi
printf 'm = make(map[int64]int64)\nrepeat 9 {\n set m[key(i %% 8)]\n}\n' >"$tmp/ow.sim"
expect 0 'to-table' simulate "$tmp/ow.sim" --go 1.26
expect 0 '0 map grows' simulate "$tmp/ow.sim" --go 1.27
printf 'm = make(map[int64]int64)\nrepeat 2000 {\n set m[key(i)]\n}\n' >"$tmp/big.sim"
expect 0 'growth past 897 keys depends on the hash seed' simulate "$tmp/big.sim"
printf 's = make([]int, 0)\nappend s 1/(i-i)\n' >"$tmp/e1.sim"
expect 2 'e1.sim:2:13: i is only defined inside a repeat block' simulate "$tmp/e1.sim"
printf 'repeat 3 {\n s = make([]int, 0)\n append s 1/(i-i)\n}\n' >"$tmp/e2.sim"
expect 2 'e2.sim:3:12: division by zero' simulate "$tmp/e2.sim"
printf 'repeat 100000 {\n repeat 100000 {\n  s = make([]int, 0)\n }\n}\n' >"$tmp/e3.sim"
expect 2 'e3.sim:2:2: the script runs more than 1000000000 loop iterations' simulate "$tmp/e3.sim"
printf 's = make([]byte, 0)\nappend s 2000000000\nappend s 200000000\n' >"$tmp/e4.sim"
expect 3 'e4.sim:3:1: runtime error: growslice: len out of range' simulate "$tmp/e4.sim" --arch 386
printf 's = make([]byte, 0)\nappend s 2147483647\n' >"$tmp/e6.sim"
expect 3 'e6.sim:2:1: growslice: the new cap wraps around' simulate "$tmp/e6.sim" --arch 386
printf 'x = make(map[[]int]int)\n' >"$tmp/e5.sim"
expect 2 'e5.sim:1:14: bad type: invalid map key' simulate "$tmp/e5.sim"
expect 2 'cannot open' simulate "$tmp/missing.sim"
expect 2 'does not apply to simulate' simulate "$tmp/ex.sim" --escape stack
expect 2 'one release and one arch' simulate "$tmp/ex.sim" --go 1.22,1.27
expect 2 'exactly one script' simulate
expect 0 'Usage: gogrow simulate' simulate --help
"$G" simulate "$tmp/ex.sim" --svg "$tmp/live.svg" >/dev/null 2>&1
if grep -q '</svg>' "$tmp/live.svg" 2>/dev/null; then pass=$((pass + 1)); else echo "FAIL: simulate --svg" >&2; fail=$((fail + 1)); fi
"$G" simulate "$tmp/ex.sim" --go 1.22 --trace "$tmp/trace.json" >/dev/null 2>&1
if python3 - "$tmp/trace.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["traceEvents"]
assert isinstance(ev, list) and ev
for e in ev:
    for k in ("name", "ph", "ts", "pid", "tid"):
        assert k in e, (k, e)
grows = [e for e in ev if e["ph"] == "X" and e["name"] == "growslice"]
assert len(grows) == 1200 and all("bytes" in e["args"] for e in grows)
assert any(e["ph"] == "C" and e["name"] == "live heap" for e in ev)
names = {e["args"]["name"] for e in ev if e["name"] == "thread_name"}
assert names == {"m map[string][]int", "slices in m"}, names
# a classic grow lasts until its old buckets are evacuated
assert [e["dur"] for e in ev if e["name"] == "double"] == [1, 2, 4, 8]
PY
then pass=$((pass + 1)); else echo "FAIL: simulate --trace" >&2; fail=$((fail + 1)); fi
expect 2 'cannot write' simulate "$tmp/ex.sim" --trace "$tmp/no/such/dir/t.json"
printf 'm = make(map[string][]int)\ns = make([]byte, 0)\nrepeat 100000 {\n\tappend m[key(i %% 100)] 1\n\tappend s 3\n}\n' >"$tmp/w.sim"
"$G" simulate "$tmp/w.sim" --go 1.27 --pprof "$tmp/p.pb.gz" >/dev/null 2>&1
# The profile without Go: gzip magic, then profile.proto decoded field by field.
if python3 - "$tmp/p.pb.gz" <<'PY'
import gzip, sys
raw = open(sys.argv[1], "rb").read()
assert raw[:2] == b"\x1f\x8b", "not gzip"
data = gzip.decompress(raw)

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7F) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    i, out = 0, []
    while i < len(b):
        k, i = varint(b, i)
        f, w = k >> 3, k & 7
        if w == 0:
            v, i = varint(b, i)
        elif w == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        else:
            raise ValueError("wire type %d" % w)
        out.append((f, v))
    return out

def packed(b):
    i, out = 0, []
    while i < len(b):
        v, i = varint(b, i); out.append(v)
    return out

top = fields(data)
strings = [v.decode() for f, v in top if f == 6]
assert strings[0] == ""
stypes = [dict(fields(v)) for f, v in top if f == 1]
assert [(strings[t[1]], strings[t[2]]) for t in stypes] == [("alloc_objects", "count"), ("alloc_space", "bytes")]
funcs = {}
for f, v in top:
    if f == 5:
        d = dict(fields(v)); funcs[d[1]] = strings[d[2]]
locs = {}
for f, v in top:
    if f == 4:
        d = fields(v); lid = dict(d)[1]
        line = dict(fields(dict(d)[4])); locs[lid] = (funcs[line[1]], line[2])
samples = []
for f, v in top:
    if f == 2:
        d = dict(fields(v)); samples.append((locs[packed(d[1])[0]], packed(d[2])))
want = [(("line 1: m = make(map[string][]int)", 1), [1, 48]),
        (("line 4: append m[key(i % 100)] 1", 4), [1210, 2531480]),
        (("line 5: append s 3", 5), [28, 1538800])]
assert samples == want, samples
PY
then pass=$((pass + 1)); else echo "FAIL: simulate --pprof (protobuf structure)" >&2; fail=$((fail + 1)); fi

# conform: the contract.
printf 'go\tarch\ttype\tlen\tcap\tadd\tnewcap\ngo1.19.8\tamd64\tint16\t0\t0\t1\t4\ngo1.19.8\tamd64\tint16\t0\t0\t1\t5\n' >"$tmp/a.tsv"
expect 1 'a.tsv:3: go1.19.8 amd64 int16: newcap expected 5, got 4' conform "$tmp/a.tsv"
expect 1 '^2 rows, 1 mismatches$' conform "$tmp/a.tsv"
expect 0 'int16	0	0	1	4$' conform --emit "$tmp/a.tsv"
printf 'go\tarch\ttype\tsize\talign\toffsets\tptrs\ngo1.30\tamd64\tint\t8\t8\t-\t0\n' >"$tmp/l.tsv"
expect 1 'error \(unsupported release go1.30' conform "$tmp/l.tsv"
printf 'nonsense header\n' >"$tmp/n.tsv"
expect 2 'unknown header' conform "$tmp/n.tsv"
expect 2 'cannot open' conform "$tmp/missing.tsv"
expect 2 'needs at least one' conform

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
