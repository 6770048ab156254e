#!/bin/sh
# gogrow append: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

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
expect 3 'smaller than --len' append '[]int' --len 5 --cap 2
expect 2 'needs --len' append '[]int'
expect 2 "expected a slice type such as '\[\]int'" append int --len 1
expect 2 'unknown value "sideways"' append '[]int' --len 1 --escape sideways
json append '[]string' --len 100 --add 7 --arch all --go 1.21,1.22 --json
json append '[]byte' --len 2147483647 --add 1 --arch 386 --json


finish
