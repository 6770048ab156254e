#!/bin/sh
# gogrow layout: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

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


finish
