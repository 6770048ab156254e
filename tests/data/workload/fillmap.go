// Measures what filling a map costs on real Go, for tests/data/workload/seeded.tsv:
// 21 maps made with make(map[int]int) and filled with the keys 0..n-1, the
// TotalAlloc delta of each (the hash seed differs per map), min / median / max.
//
//	GOROOT=/opt/go/1.NN GO111MODULE=off /opt/go/1.NN/bin/go run fillmap.go 1000000
//
// (GOARCH=386 or GOEXPERIMENT=noswissmap for the other rows.)
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
)

var sink map[int]int

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	runs := 21
	var tot, mal []uint64
	for r := 0; r < runs; r++ {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		m := make(map[int]int)
		for i := 0; i < n; i++ {
			m[i] = 0
		}
		runtime.ReadMemStats(&b)
		sink = m
		tot = append(tot, b.TotalAlloc-a.TotalAlloc)
		mal = append(mal, b.Mallocs-a.Mallocs)
	}
	sort.Slice(tot, func(i, j int) bool { return tot[i] < tot[j] })
	fmt.Println(runtime.Version(), "n", n, "TotalAlloc min/median/max", tot[0], tot[runs/2], tot[runs-1])
}
