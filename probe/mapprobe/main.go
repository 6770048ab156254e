// mapprobe measures what make(map[K]V, hint) and filling a fresh map with n
// distinct keys allocate, as runtime.MemStats counts it, for the map types
// below. Its output is two gogrow conform files (gogrow probe --kind map writes them):
//
//	A <go> <arch> <maptype> <hint> <bytes> <mallocs>   (kind mapalloc)
//	F <go> <arch> <maptype> <n> <bytes>                (kind mapfill)
//
// hint "small" is make(map[K]V) and "const8" make(map[K]V, 8) with a constant
// (both makemap_small); other hints are run-time values. A fill measures
// make(map[K]V) followed by n inserts of distinct keys built before the
// measurement, so only the map itself allocates. The map escapes to a
// package variable; the collector is off. The runtime now and then
// allocates on its own behalf while a measurement is open (it only ever
// adds), so each one is taken three times and the smallest is printed.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
)

var sink any
var ms runtime.MemStats

var hints = []int{0, 1, 8, 9, 13, 14, 15, 26, 27, 28, 29, 52, 53, 56, 57, 104, 105, 112, 113, 224, 225,
	448, 449, 896, 897, 1000, 1024, 1792, 1793, 3585, 10000, 100000, -1}

// Hints the runtime drops whatever the map type: negative, or overflowing
// hint*8 (Swiss) and hint*bucketsize (classic) in the word size.
var huge64 = []int64{-1 << 40, 1<<63 - 1}
var huge32 = []int64{1<<31 - 1}

var fills = []int{0, 1, 8, 9, 13, 14, 15, 26, 27, 28, 29, 52, 53, 56, 57, 112, 113, 224, 225, 448, 449, 896, 897}

var version = runtime.Version()

func snap() (uint64, uint64) {
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc, ms.Mallocs
}

// measure runs f three times and returns the smallest TotalAlloc and
// Mallocs deltas.
func measure(f func()) (uint64, uint64) {
	var bb, bm uint64 = 1<<63, 1<<63
	for i := 0; i < 3; i++ {
		b0, m0 := snap()
		f()
		b1, m1 := snap()
		bb = min(bb, b1-b0)
		bm = min(bm, m1-m0)
	}
	return bb, bm
}

func alloc(name, hint string, b, m uint64) {
	fmt.Printf("A\t%s\t%s\t%s\t%s\t%d\t%d\n", version, runtime.GOARCH, name, hint, b, m)
}

//go:noinline
func mk[K comparable, V any](h int) { sink = make(map[K]V, h) }

//go:noinline
func mkSmall[K comparable, V any]() { sink = make(map[K]V) }

//go:noinline
func mk8[K comparable, V any]() { sink = make(map[K]V, 8) }

//go:noinline
func fill[K comparable, V any](keys []K, n int) {
	m := make(map[K]V)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	sink = m
}

type probe struct {
	name string
	run  func(name string)
}

var probes []probe

func add[K comparable, V any](name string, key func(i int) K) {
	probes = append(probes, probe{name, func(name string) {
		b, m := measure(mkSmall[K, V])
		alloc(name, "small", b, m)
		b, m = measure(mk8[K, V])
		alloc(name, "const8", b, m)
		hs := hints
		huge := huge32
		if strconv.IntSize == 64 {
			huge = huge64
		}
		for _, h := range huge {
			hs = append(hs, int(h))
		}
		for _, h := range hs {
			b, m := measure(func() { mk[K, V](h) })
			alloc(name, strconv.Itoa(h), b, m)
		}
		if key == nil {
			return
		}
		// A classic map's fill bytes depend on the hash seed once a
		// bucket can overflow (9 keys); gogrow probe passes "classic".
		limit := fills[len(fills)-1]
		if len(os.Args) > 1 && os.Args[1] == "classic" {
			limit = 8
		}
		keys := make([]K, fills[len(fills)-1])
		for i := range keys {
			keys[i] = key(i)
		}
		for _, n := range fills {
			if n > limit {
				break
			}
			b, _ := measure(func() { fill[K, V](keys, n) })
			fmt.Printf("F\t%s\t%s\t%s\t%d\t%d\n", version, runtime.GOARCH, name, n, b)
		}
	}})
}

func init() {
	add[int64, int64]("map[int64]int64", func(i int) int64 { return int64(i) })
	add[int32, int8]("map[int32]int8", func(i int) int32 { return int32(i) })
	add[string, int]("map[string]int", strconv.Itoa)
	add[int64, struct{}]("map[int64]struct{}", func(i int) int64 { return int64(i) })
	add[struct{}, struct{}]("map[struct{}]struct{}", nil)
	add[[200]byte, int]("map[[200]byte]int", func(i int) (k [200]byte) {
		k[0], k[1], k[2] = byte(i), byte(i>>8), byte(i>>16)
		return
	})
	add[int64, [129]byte]("map[int64][129]byte", func(i int) int64 { return int64(i) })
	add[int64, *int]("map[int64]*int", func(i int) int64 { return int64(i) })
	add[int, [128]byte]("map[int][128]byte", func(i int) int { return i })
	add[[12]byte, uint16]("map[[12]byte]uint16", func(i int) (k [12]byte) {
		k[0], k[1], k[2] = byte(i), byte(i>>8), byte(i>>16)
		return
	})
	add[complex128, bool]("map[complex128]bool", func(i int) complex128 { return complex(float64(i), 0) })
	add[any, int]("map[interface{}]int", func(i int) any { return i })
	add[[2]string, struct{ a, b int8 }]("map[[2]string]struct{a int8; b int8}", nil)
}

func main() {
	// gogrow probe's check that the binary runs, and as what.
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		fmt.Println(runtime.Version(), runtime.GOARCH)
		return
	}
	debug.SetGCPercent(-1)
	for _, p := range probes {
		p.run(p.name)
	}
	os.Stdout.Sync()
}
