// Fixture for `gogrow audit` (go1.22, classic maps): known growth sites and
// presized ones, allocation profile written to the file named by -o.
// Regenerate with tools/gen/audit/run.sh.
package main

import (
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
)

type point struct{ x, y, z float64 }

// Sinks keep every result on the heap, so each append is a growslice.
var (
	ints    []int64
	points  []point
	names   []string
	index   map[int64]int64
	presize []int64
	premap  map[int64]int64
)

//go:noinline
func fillInts(n int) {
	ints = nil
	for i := 0; i < n; i++ {
		ints = append(ints, int64(i)) // growth: 8-byte elements
	}
}

//go:noinline
func fillPoints(n int) {
	points = nil
	for i := 0; i < n; i++ {
		points = append(points, point{float64(i), 0, 0}) // growth: 24-byte elements
	}
}

//go:noinline
func fillNames(n int) {
	names = nil
	for i := 0; i < n; i++ {
		names = append(names, "x") // growth: 16-byte elements with a pointer
	}
}

//go:noinline
func fillIndex(n int) {
	index = make(map[int64]int64)
	for i := 0; i < n; i++ {
		index[int64(i)] = int64(i) // growth: buckets of map[int64]int64
	}
}

//go:noinline
func fillPresized(n int) {
	presize = make([]int64, 0, n) // presized: one allocation, no growth
	for i := 0; i < n; i++ {
		presize = append(presize, int64(i))
	}
	premap = make(map[int64]int64, n) // presized map
	for i := 0; i < n; i++ {
		premap[int64(i)] = int64(i)
	}
}

func main() {
	out := flag.String("o", "allocs.pb.gz", "profile to write")
	rate := flag.Int("rate", 1, "runtime.MemProfileRate (0: leave the default)")
	reps := flag.Int("reps", 10, "times each site runs")
	flag.Parse()
	if *rate > 0 {
		runtime.MemProfileRate = *rate
	}
	for r := 0; r < *reps; r++ {
		fillInts(1000)
		fillPoints(300)
		fillNames(200)
		fillIndex(600)
		fillPresized(1000)
	}
	runtime.GC()
	f, err := os.Create(*out)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
