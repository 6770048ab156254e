#!/bin/sh
# gogrow layout --pkg DIR (and --pkg on the other commands): end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"
P=$DIR/../data/gosrc/e2e

# the package's types, in any expression; _test.go files are not read
expect 0 'go1.27 +amd64 +80 +8 +72 +no +0,8,16,24,48,72' layout Order --pkg "$P/shop"
expect 0 'go1.27 +386 +52 +4 +48 +no +0,4,12,16,28,48' layout Order --pkg "$P/shop" --arch 386
expect 0 'go1.27 +amd64 +8 +8 +8 +no' layout 'map[string]*Order' --pkg "$P/shop"
expect 0 'go1.27 +amd64 +32 +8 +32 +no +0,16,24' layout Item --pkg "$P/shop"
# field table and advice
expect 0 'Paid +0 +1 +1 +0' layout Order --pkg "$P/shop"
expect 0 'ID +8 +8 +8 +7' layout Order --pkg "$P/shop"
expect 0 'smallest order: Placed, Items, ID, Qty, Paid, Open' layout Order --pkg "$P/shop"
expect 0 '64 bytes: 16 fewer per element, 16000000 fewer per 1 M elements' layout Order --pkg "$P/shop"
# Time.Time's pointer is its last word: Placed before Items keeps ptrdata at 32
expect 0 'fields on go1.27/amd64, go1.27/arm64:' layout Order --pkg "$P/shop" --arch amd64,arm64
expect 0 'smallest order: the declared one \(32 bytes\)' layout Item --pkg "$P/shop"
# an 8-aligned atomic.Int64 on 386 puts a pointer-free field first; pointers first costs no size here
expect 0 'pointers first: p, b, n' layout 'struct{n atomic.Int64; p *int; b bool}' --arch 386
expect 0 '"suggested_ptrdata":\{"fields":\["p","b","n"\],"ptrdata":4\}' layout 'struct{n atomic.Int64; p *int; b bool}' --arch 386 --json
json layout Order --pkg "$P/shop" --json --arch all
expect 0 '"padding":7' layout Order --pkg "$P/shop" --json
expect 0 '"suggested":\{"fields":\["Placed","Items","ID","Qty","Paid","Open"\],"size":64,"saved":16,"saved_per_million":16000000\}' layout Order --pkg "$P/shop" --json
# the other commands that take a type
expect 0 'make\(\[\]Order' compare '[]Order' --len 1000 --pkg "$P/shop"
expect 0 'element 80 bytes, has pointers' grow '[]Order' --pkg "$P/shop"
expect 0 'map\[string\]\*Order' map 'map[string]*Order' --hint 100 --pkg "$P/shop"
printf 's = make([]Order, 0)\nrepeat 1000 {\n\tappend s 1\n}\n' >"$tmp/w"
# 11 growslice calls to cap 1024 (the caps grow prints above); live: 1024 x 80 bytes
expect 0 's +\[\]Order +slice +11 +[0-9]+ +81920' simulate "$tmp/w" --pkg "$P/shop"
expect 2 'w:1:12: bad type: undefined type "Order"' simulate "$tmp/w"
expect 2 '--pkg does not apply to classes' classes --pkg "$P/shop"
expect 2 '--pkg given twice' layout Order --pkg "$P/shop" --pkg "$P/shop"
# errors
expect 2 'cannot open directory .*/nope' layout Order --pkg "$P/nope"
expect 2 'no Go source files in' layout Order --pkg "$P/empty"
expect 2 'undefined type "Nope"' layout 'map[string]Nope' --pkg "$P/shop"
expect 2 '             \^' layout 'map[string]Nope' --pkg "$P/shop"
expect 2 'undefined type "ignored"' layout ignored --pkg "$P/shop"
expect 2 'order.go:7:8: unknown imported type github.com/acme/money.Amount' layout Order --pkg "$P/unknownimport"
expect 0 'go1.27 +amd64 +8' layout int64 --pkg "$P/unknownimport"
expect 2 'a.go:9:4: invalid recursive type A' layout A --pkg "$P/cycle"
expect 2 'a.go:8:1: unexpected end of file: unbalanced brackets' layout T --pkg "$P/syntax"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
