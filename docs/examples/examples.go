// The Go programs that docs/examples/*.sim stand for, measured with
// runtime.MemStats (TotalAlloc and Mallocs deltas around the workload).
// Usage: go run examples.go NAME (counters, rows, clear, clone, local).
// The variables are package-level, so that everything lives on the heap,
// as in gogrow simulate, except in localSlices, whose slices do not
// escape (local in the script). Go 1.21+ (clear, maps.Clone).
package main

import (
	"fmt"
	"maps"
	"os"
	"runtime"
)

var (
	sink  int
	m     map[int][]int
	mi    map[int]int
	c     map[int]int
	rows  [][]byte
	rows4 [][]int32
)

func counters() {
	m = make(map[int][]int)
	for k := 0; k < 300; k++ {
		for i := 0; i < 20; i++ {
			m[k] = append(m[k], i)
		}
	}
}

func rowsOfBytes() {
	rows = make([][]byte, 100)
	for r := 0; r < 100; r++ {
		for i := 0; i < 50; i++ {
			rows[r] = append(rows[r], byte(i))
		}
	}
	for i := 0; i < 10; i++ {
		rows = append(rows, nil)
	}
	rows[105] = append(rows[105], make([]byte, 40)...)
}

func clearing() {
	mi = make(map[int]int)
	for i := 0; i < 500; i++ {
		mi[i] = 0
	}
	clear(mi)
	for i := 0; i < 500; i++ {
		mi[i+1000] = 0
	}
	rows4 = make([][]int32, 50)
	for i := 0; i < 50; i++ {
		rows4[i] = append(rows4[i], 1, 2, 3, 4, 5)
	}
	clear(rows4)
	for i := 0; i < 50; i++ {
		rows4[i] = append(rows4[i], 1, 2, 3, 4, 5)
	}
}

func cloning() {
	mi = make(map[int]int)
	for i := 0; i < 600; i++ {
		mi[i] = 0
	}
	for i := 0; i < 550; i++ {
		delete(mi, i)
	}
	c = maps.Clone(mi)
	for i := 0; i < 100; i++ {
		c[i+5000] = 0
	}
}

//go:noinline
func localSlices() {
	for j := 0; j < 100; j++ {
		s := make([]int, 0, 8)
		for i := 0; i < 20; i++ {
			s = append(s, i)
		}
		t := make([]int, 0)
		for i := 0; i < 10; i++ {
			t = append(t, i)
		}
		sink += len(s) + len(t)
	}
}

func main() {
	run := map[string]func(){"counters": counters, "rows": rowsOfBytes, "clear": clearing, "clone": cloning,
		"local": localSlices}[os.Args[1]]
	// One P: runtime.GC() leaves its mcache without a tiny block, which is
	// what gogrow assumes. With several, the loop may run on a P whose tiny
	// block is half full, and 8-byte arrays pack one block differently
	// (+16 bytes TotalAlloc, same Mallocs, in about one run of six).
	runtime.GOMAXPROCS(1)
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	run()
	runtime.ReadMemStats(&b)
	fmt.Println(os.Args[1], runtime.Version(), runtime.GOARCH, b.TotalAlloc-a.TotalAlloc, b.Mallocs-a.Mallocs)
}
