// mapchurn measures a Swiss map (go1.24+) under churn: make(map[int64]int64),
// insert keys 0..N-1, then K times delete the oldest key and insert a new
// one (delete(m, i); m[N+i] = 0), so len(m) stays N. Deleted slots become
// empty or tombstones depending on whether their group still has an empty
// slot, which depends on the seeded hash, so each workload runs R times
// with fresh maps (fresh seeds). Output, one line per run:
//
//	C <go> <arch> <N> <K> <run> <bytes> <tables> <dirlen> <capacity> <tombstones>
//
// With the argument "classic" (go1.23 and older, or GOEXPERIMENT=noswissmap)
// it reads the hmap instead, to check that churn never changes B while the
// bytes (overflow buckets, same-size grows) vary with the seed:
//
//	K <go> <arch> <N> <K> <run> <bytes> <B> <noverflow>
//
// With "local" (after "classic", if any) the map does not escape and only
// the bytes are printed:
//
//	L <go> <arch> <N> <K> <run> <bytes>
//
// bytes is the MemStats.TotalAlloc delta of make, inserts and churn (the
// collector is off and never run: a forced collection between runs started
// background work that now and then allocated inside the next measurement). tables, capacity (total slots) and tombstones are
// read from the map's internal/runtime/maps structures through unsafe
// (Map and table have the same leading fields in 1.24-1.27): tombstones
// of a table are capacity*7/8 - used - growthLeft (table.tombstones).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"unsafe"
)

type mapHeader struct {
	used   uint64
	seed   uintptr
	dirPtr unsafe.Pointer
	dirLen int
}

type hmap struct {
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
}

type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
}

var sink map[int64]int64
var ms runtime.MemStats

func churn(n, k int) {
	m := make(map[int64]int64)
	sink = m
	for i := 0; i < n; i++ {
		m[int64(i)] = 0
	}
	for i := 0; i < k; i++ {
		delete(m, int64(i))
		m[int64(n+i)] = 0
	}
}

// churnLocal is churn on a map that does not escape (header, and the small
// map's group or the B=0 bucket, on the stack); it returns len(m) only.
//
//go:noinline
func churnLocal(n, k int) int {
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)] = 0
	}
	for i := 0; i < k; i++ {
		delete(m, int64(i))
		m[int64(n+i)] = 0
	}
	return len(m)
}

func inspect(m map[int64]int64) (tables, dirlen, capacity, tombs int) {
	h := *(**mapHeader)(unsafe.Pointer(&m))
	if h.dirLen == 0 {
		return 0, 0, 8, 0
	}
	dir := unsafe.Slice((**table)(h.dirPtr), h.dirLen)
	var last *table
	for _, t := range dir {
		if t == last {
			continue
		}
		last = t
		tables++
		capacity += int(t.capacity)
		tombs += int(t.capacity)*7/8 - int(t.used) - int(t.growthLeft)
	}
	return tables, h.dirLen, capacity, tombs
}

func main() {
	// gogrow probe's check that the binary runs, and as what.
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		fmt.Println(runtime.Version(), runtime.GOARCH)
		return
	}
	debug.SetGCPercent(-1)
	args := os.Args[1:]
	classic := args[0] == "classic"
	if classic {
		args = args[1:]
	}
	local := args[0] == "local"
	if local {
		args = args[1:]
	}
	runs, _ := strconv.Atoi(args[0])
	for _, w := range args[1:] {
		var n, k int
		fmt.Sscanf(w, "%d,%d", &n, &k)
		for r := 0; r < runs; r++ {
			runtime.ReadMemStats(&ms)
			b0 := ms.TotalAlloc
			if local {
				churnLocal(n, k)
				runtime.ReadMemStats(&ms)
				fmt.Printf("L\t%s\t%s\t%d\t%d\t%d\t%d\n", runtime.Version(), runtime.GOARCH, n, k, r, ms.TotalAlloc-b0)
				continue
			}
			churn(n, k)
			runtime.ReadMemStats(&ms)
			b := ms.TotalAlloc - b0
			if classic {
				h := *(**hmap)(unsafe.Pointer(&sink))
				fmt.Printf("K\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n", runtime.Version(), runtime.GOARCH, n, k, r, b, h.B, h.noverflow)
				sink = nil
				continue
			}
			t, d, c, ts := inspect(sink)
			fmt.Printf("C\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", runtime.Version(), runtime.GOARCH, n, k, r, b, t, d, c, ts)
			sink = nil
		}
	}
}
