// The Go peer of bench/maps: the same modes, keys, checks and output as
// bm_driver.c, on Go's built-in map. run.sh builds it with each Go
// toolchain (name set with -ldflags "-X main.name=...").
//
//	bm_go ops u64|str N
//	bm_go lat N
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

var name = "go"

const strLen = 16

func keyOf(i uint64) uint64 { return i*0x9e3779b97f4a7c15 + 1 }

func die(what string) {
	fmt.Fprintf(os.Stderr, "%s: %s\n", name, what)
	os.Exit(1)
}

const (
	opIns = iota
	opHit
	opMiss
	opIter
	opDel
	nOps
)

var opNames = [nOps]string{"insert", "hit", "miss", "iterate", "delete"}

func oneU64(keys, look []uint64, n uint64, t *[nOps]time.Duration) {
	want := n * (n - 1) / 2
	t0 := time.Now()
	m := make(map[uint64]uint64)
	for i := uint64(0); i < n; i++ {
		m[keys[i]] = i
	}
	t1 := time.Now()
	var hit, miss, sum, del uint64
	for i := uint64(0); i < n; i++ {
		if v, ok := m[look[i]]; ok {
			hit += v + 1
		}
	}
	t2 := time.Now()
	for i := n; i < 2*n; i++ {
		if v, ok := m[look[i]]; ok {
			miss += v + 1
		}
	}
	t3 := time.Now()
	for _, v := range m {
		sum += v
	}
	t4 := time.Now()
	for i := uint64(0); i < n; i++ {
		l := len(m)
		delete(m, look[i])
		del += uint64(l - len(m))
	}
	t5 := time.Now()
	if hit != want+n || miss != 0 || sum != want || del != n || len(m) != 0 {
		die("wrong result")
	}
	t[opIns] += t1.Sub(t0)
	t[opHit] += t2.Sub(t1)
	t[opMiss] += t3.Sub(t2)
	t[opIter] += t4.Sub(t3)
	t[opDel] += t5.Sub(t4)
}

func oneStr(keys, look []string, n uint64, t *[nOps]time.Duration) {
	want := n * (n - 1) / 2
	t0 := time.Now()
	m := make(map[string]uint64)
	for i := uint64(0); i < n; i++ {
		m[keys[i]] = i
	}
	t1 := time.Now()
	var hit, miss, sum, del uint64
	for i := uint64(0); i < n; i++ {
		if v, ok := m[look[i]]; ok {
			hit += v + 1
		}
	}
	t2 := time.Now()
	for i := n; i < 2*n; i++ {
		if v, ok := m[look[i]]; ok {
			miss += v + 1
		}
	}
	t3 := time.Now()
	for _, v := range m {
		sum += v
	}
	t4 := time.Now()
	for i := uint64(0); i < n; i++ {
		l := len(m)
		delete(m, look[i])
		del += uint64(l - len(m))
	}
	t5 := time.Now()
	if hit != want+n || miss != 0 || sum != want || del != n || len(m) != 0 {
		die("wrong result")
	}
	t[opIns] += t1.Sub(t0)
	t[opHit] += t2.Sub(t1)
	t[opMiss] += t3.Sub(t2)
	t[opIter] += t4.Sub(t3)
	t[opDel] += t5.Sub(t4)
}

// splitmix64, the same as bm_driver.c's next_rand.
func nextRand(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Keys in order (insert) and shuffled within hits and misses (lookups,
// delete), as bm_driver.c's make_keys.
func makeKeys(str bool, n uint64) (ins, look []uint64, sins, slook []string) {
	perm := make([]uint64, 2*n)
	for i := range perm {
		perm[i] = uint64(i)
	}
	rnd := uint64(42)
	for half := uint64(0); half < 2; half++ {
		for i := n - 1; i > 0; i-- {
			j := nextRand(&rnd) % (i + 1)
			perm[half*n+i], perm[half*n+j] = perm[half*n+j], perm[half*n+i]
		}
	}
	ins = make([]uint64, 2*n)
	look = make([]uint64, 2*n)
	for i := range ins {
		ins[i] = keyOf(uint64(i))
		look[i] = keyOf(perm[i])
	}
	if !str {
		return
	}
	return nil, nil, toStrings(ins), toStrings(look)
}

// One copy of all key bytes; each key is a substring sharing it.
func toStrings(keys []uint64) []string {
	buf := make([]byte, 0, len(keys)*strLen)
	for _, k := range keys {
		buf = append(buf, fmt.Sprintf("%016x", k)...)
	}
	all := string(buf)
	s := make([]string, len(keys))
	for i := range s {
		s[i] = all[i*strLen : (i+1)*strLen]
	}
	return s
}

func runOps(str bool, n uint64) {
	keys, look, skeys, slook := makeKeys(str, n)
	reps := ((1 << 20) + n - 1) / n
	var t [nOps]time.Duration
	for r := uint64(0); r < reps; r++ {
		if str {
			oneStr(skeys, slook, n, &t)
		} else {
			oneU64(keys, look, n, &t)
		}
	}
	kind := "u64"
	if str {
		kind = "str"
	}
	for op := 0; op < nOps; op++ {
		fmt.Printf("OP %s %s %d %s %.2f\n", name, kind, n, opNames[op],
			float64(t[op].Nanoseconds())/float64(n*reps))
	}
}

// Exact quantiles from a 1 ns histogram below histNS and the rest kept,
// as bm_driver.c's dist.
const histNS = 1 << 16

type dist struct {
	hist [histNS]uint64
	slow []uint64
	over uint64
}

func (d *dist) add(ns uint64) {
	if ns > 1000000 {
		d.over++
	}
	if ns < histNS {
		d.hist[ns]++
	} else {
		d.slow = append(d.slow, ns)
	}
}

func (d *dist) rank(r uint64) uint64 {
	for ns := uint64(0); ns < histNS; ns++ {
		if r < d.hist[ns] {
			return ns
		}
		r -= d.hist[ns]
	}
	return d.slow[r]
}

// The calling thread's CPU time (the goroutine is locked to its thread).
func cpuNS() uint64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	return uint64(ts.Nano())
}

func runLat(n uint64) {
	runtime.LockOSThread()
	var wall, cpu dist
	m := make(map[uint64]uint64)
	for i := uint64(0); i < n; i++ {
		k := keyOf(i)
		c0 := cpuNS()
		t0 := time.Now()
		m[k] = i
		d := uint64(time.Since(t0))
		c1 := cpuNS()
		wall.add(d)
		cpu.add(c1 - c0)
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	for _, d := range []*dist{&wall, &cpu} {
		sort.Slice(d.slow, func(a, b int) bool { return d.slow[a] < d.slow[b] })
	}
	if uint64(len(m)) != n {
		die("wrong result")
	}
	fmt.Printf("LAT %s %d %d %d %d %d %d %d %d %d %d\n", name, n, wall.rank(n/2), wall.rank(n-n/100),
		wall.rank(n-n/10000), wall.rank(n-1), wall.over, ru.Maxrss,
		cpu.rank(n-n/10000), cpu.rank(n-1), cpu.over)
}

func main() {
	a := os.Args
	if len(a) < 3 {
		die("usage: ops u64|str N | lat N")
	}
	n, err := strconv.ParseUint(a[len(a)-1], 10, 64)
	if err != nil || n < 1 {
		die("bad N")
	}
	switch {
	case len(a) == 3 && a[1] == "lat":
		runLat(n)
	case len(a) == 4 && a[1] == "ops":
		runOps(a[2] == "str", n)
	default:
		die("usage: ops u64|str N | lat N")
	}
}
