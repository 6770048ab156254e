#!/bin/sh
# gogrow map: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

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


# Seeded figures say what they assume of Go's hash (issue: arm64's AES hash
# spreads sequential integers below the uniform range).
expect 0 'uniformly at random; Go.s AES hash' map 'map[int]int' --grow 3000 --sim 5
expect 0 '"hash":"uniform random' map 'map[int]int' --grow 3000 --sim 5 --json

finish
