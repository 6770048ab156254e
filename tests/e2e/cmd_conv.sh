#!/bin/sh
# gogrow conv: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# conv: []byte(s) and friends.
expect 0 'go1.21 +amd64 +32' conv bytes --len 5 --use readonly --go 1.21
expect 0 'go1.22 +amd64 +5' conv bytes --len 5 --use readonly --go 1.22
expect 0 'go1.27 +386 +8' conv bytes --len 5 --use escapes --arch 386
expect 0 'amd64 +104' conv runes --len 100
expect 2 'needs bytes, runes or constbytes' conv words --len 5
expect 2 'unknown value "sideways"' conv bytes --len 5 --use sideways
expect 2 'between 0 and' conv bytes --len -1
json conv constbytes --len 7 --json --arch all


finish
