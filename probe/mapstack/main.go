// mapstack measures what a map that does not escape allocates on the heap:
// make followed by n inserts of distinct keys inside a //go:noinline
// function whose map stays local (check with -gcflags=-m: "make(map[...])
// does not escape"). The compiler then puts the header (hmap / maps.Map) on
// the stack and, for a hint <= 8 (a constant, or a variable one checked at
// run time), one bucket or group too (cmd/compile/internal/walk/builtin.go,
// walkMakeMap). Output, one line per measurement:
//
//	S <go> <arch> <maptype> <form> <n> <bytes> <mallocs>
//
// form: small = make(map[K]V), c8 / c9 / c100 = constant hints, v<h> = a
// run-time hint h. bytes and mallocs are MemStats TotalAlloc and Mallocs
// deltas around the call, the smallest of several runs: the runtime now
// and then allocates on its own behalf, and a classic map's overflow
// buckets depend on the hash seed (the smallest run is the one without).
// The collector is off.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
)

var ms runtime.MemStats

var version = runtime.Version()

func snap() (uint64, uint64) {
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc, ms.Mallocs
}

var reps = 5

func measure(f func() int) (uint64, uint64) {
	var bb, bm uint64 = 1 << 63, 1 << 63
	for i := 0; i < reps; i++ {
		b0, m0 := snap()
		f()
		b1, m1 := snap()
		if b1-b0 < bb {
			bb = b1 - b0
		}
		if m1-m0 < bm {
			bm = m1 - m0
		}
	}
	return bb, bm
}

//go:noinline
func small[K comparable, V any](keys []K, n int) int {
	m := make(map[K]V)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	return len(m)
}

//go:noinline
func c8[K comparable, V any](keys []K, n int) int {
	m := make(map[K]V, 8)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	return len(m)
}

//go:noinline
func c9[K comparable, V any](keys []K, n int) int {
	m := make(map[K]V, 9)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	return len(m)
}

//go:noinline
func c100[K comparable, V any](keys []K, n int) int {
	m := make(map[K]V, 100)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	return len(m)
}

//go:noinline
func hv[K comparable, V any](keys []K, n, h int) int {
	m := make(map[K]V, h)
	var v V
	for _, k := range keys[:n] {
		m[k] = v
	}
	return len(m)
}

var swissFills = []int{0, 1, 8, 9, 10, 14, 15, 16, 28, 29, 56, 57, 100, 112, 113, 224, 225, 448, 449, 896, 897}

// A classic map's buckets overflow more and more often as it fills (26
// keys in 4 buckets often need one); up to 16 keys the smallest of the
// runs has none.
var classicFills = []int{0, 1, 8, 9, 10, 13, 14, 15, 16}

var varHints = []int{0, 8, 9, 100, -1}

func run[K comparable, V any](name string, key func(i int) K, classic bool) {
	fills := swissFills
	if classic {
		fills = classicFills
	}
	keys := make([]K, fills[len(fills)-1])
	for i := range keys {
		keys[i] = key(i)
	}
	out := func(form string, n int, b, m uint64) {
		fmt.Printf("S\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", version, runtime.GOARCH, name, form, n, b, m)
	}
	for _, n := range fills {
		b, m := measure(func() int { return small[K, V](keys, n) })
		out("small", n, b, m)
		b, m = measure(func() int { return c8[K, V](keys, n) })
		out("c8", n, b, m)
		b, m = measure(func() int { return c9[K, V](keys, n) })
		out("c9", n, b, m)
		b, m = measure(func() int { return c100[K, V](keys, n) })
		out("c100", n, b, m)
		for _, h := range varHints {
			b, m = measure(func() int { return hv[K, V](keys, n, h) })
			out("v"+strconv.Itoa(h), n, b, m)
		}
	}
}

func main() {
	// gogrow probe's check that the binary runs, and as what.
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		fmt.Println(runtime.Version(), runtime.GOARCH)
		return
	}
	debug.SetGCPercent(-1)
	classic := len(os.Args) > 1 && os.Args[1] == "classic"
	if classic {
		reps = 15
	}
	run[int64, int64]("map[int64]int64", func(i int) int64 { return int64(i) }, classic)
	run[string, int]("map[string]int", strconv.Itoa, classic)
	run[int64, struct{}]("map[int64]struct{}", func(i int) int64 { return int64(i) }, classic)
	// A big bucket or group on the stack, and keys stored through a pointer
	// (one newobject per insert).
	run[int, [128]byte]("map[int][128]byte", func(i int) int { return i }, classic)
	run[[200]byte, int]("map[[200]byte]int", func(i int) (k [200]byte) {
		k[0], k[1], k[2] = byte(i), byte(i>>8), byte(i>>16)
		return
	}, classic)
	os.Stdout.Sync()
}
