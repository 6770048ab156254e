#!/bin/sh
# gogrow grow: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# grow
golden grow_ptr_21_22.txt grow '[]*int' --n 5000 --go 1.21,1.22 --arch amd64,386
golden grow_byte_stack.txt grow '[]byte' --n 100 --escape stack --go 1.24-1.27
golden grow_int64_single.txt grow '[]int64' --n 3000 --go 1.18
expect 0 'move2heap' grow '[]int' --n 3 --escape return --go 1.26
expect 0 '^1[[:space:]]+1[[:space:]]' grow '[]struct{}' --n 3 --tsv
expect 2 '--n must be at least 1' grow '[]int' --n 0
json grow '[]int' --n 100000 --arch all --go 1.17,1.27 --json


finish
