// The fixed part of the gogrow probe: everything that does not depend on the
// types being measured. `gogrow probe` writes this file next to a generated
// one (probe/slice.go.tmpl and probe/map.go.tmpl filled in once per type), so
// that every append, make and map insert is compiled for its concrete type,
// exactly as ordinary Go code would be. Generics are avoided on purpose:
// GC-shape stenciling would share one instantiation between types, and the
// probe must also build with releases before go1.18.
//
// Every output line is "FILE<TAB>INDEX<TAB>ROW": FILE is layout, growth,
// append, makemap or mapgrow, INDEX the type's position in the corpus, ROW
// the golden-format row (or a "# ..." comment that heads a type's rows).
// gogrow merges the outputs of all architectures and orders rows by type,
// then architecture, then the order printed here.
//
// Only language features and library calls of go1.16 are used (no any, no
// min, no unsafe.Add), so the same text builds with every modelled release.
package main

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"
)

var out = bufio.NewWriterSize(os.Stdout, 1<<16)

// A probe of one type for one file; the generated code registers them in
// corpus order from init functions.
type probe struct {
	file string
	idx  int
	run  func()
}

var probes []probe

func register(file string, idx int, run func()) {
	probes = append(probes, probe{file, idx, run})
}

var goVersion, goArch = runtime.Version(), runtime.GOARCH

func emit(file string, idx int, typ string, cols ...string) {
	fmt.Fprintf(out, "%s\t%d\t%s\t%s\t%s\t%s\n", file, idx, goVersion, goArch, typ, strings.Join(cols, "\t"))
}

func emitComment(file string, idx int, text string) {
	fmt.Fprintf(out, "%s\t%d\t# %s\n", file, idx, text)
}

func itoa(v int) string    { return strconv.Itoa(v) }
func utoa(v uint64) string { return strconv.FormatUint(v, 10) }
func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = itoa(x)
	}
	return strings.Join(s, ",")
}

// ---------------------------------------------------------------- layout

// rtypeOf is the runtime's type descriptor behind a reflect.Type (the data
// word of the interface). Its first two words are the size and the pointer
// data length in every release since go1.14 (runtime._type, later
// internal/abi.Type: Size_, PtrBytes).
func rtypeOf(t reflect.Type) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1]
}

func ptrdataOf(t reflect.Type) uintptr {
	return *(*uintptr)(unsafe.Pointer(uintptr(rtypeOf(t)) + unsafe.Sizeof(uintptr(0))))
}

// hasPointers walks the type the way the golden README defines `ptrs`:
// storage that can hold a pointer, reached through struct fields and arrays
// of non-zero length.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Ptr, reflect.UnsafePointer, reflect.String, reflect.Slice, reflect.Map,
		reflect.Chan, reflect.Func, reflect.Interface:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// emitLayout cross-checks unsafe against reflect and the walk against the
// runtime's own ptrdata; a disagreement means the probe itself is wrong, so
// it stops rather than print a row nobody can trust.
func emitLayout(idx int, typ string, t reflect.Type, size, align uintptr) {
	if t.Size() != size || uintptr(t.Align()) != align {
		panic(fmt.Sprintf("%s: unsafe says %d/%d, reflect %d/%d", typ, size, align, t.Size(), t.Align()))
	}
	ptrs := hasPointers(t)
	if ptrs != (ptrdataOf(t) != 0) {
		panic(fmt.Sprintf("%s: walk says ptrs=%v, runtime ptrdata is %d", typ, ptrs, ptrdataOf(t)))
	}
	offsets := "-"
	if t.Kind() == reflect.Struct && t.Name() == "" && t.NumField() > 0 {
		o := make([]string, t.NumField())
		for i := range o {
			o[i] = utoa(uint64(t.Field(i).Offset))
		}
		offsets = strings.Join(o, ",")
	}
	p := "0"
	if ptrs {
		p = "1"
	}
	emit("layout", idx, typ, utoa(uint64(size)), utoa(uint64(align)), offsets, p)
}

// ---------------------------------------------------------------- growth

// growthN is the golden README's length for a growth row: 5000 for
// zero-size elements, else min(2^20, 2^27/size), and at most 2000 for
// elements of 4096 bytes or more, so len*size never exceeds 2^27.
func growthN(size uintptr) int {
	if size == 0 {
		return 5000
	}
	n := uint64(1<<27) / uint64(size)
	if n > 1<<20 {
		n = 1 << 20
	}
	if size >= 4096 && n > 2000 {
		n = 2000
	}
	return int(n)
}

// ---------------------------------------------------------------- append

var appendLens = []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 100, 255, 256, 257, 511,
	512, 513, 1000, 1023, 1024, 1025, 2000, 4096, 10000, 100000}
var appendAdds = []int{1, 2, 3, 5, 8, 13, 100, 1000, 10000}

type appendCase struct{ len, cap, add int }

// appendGrid lists the README's (len, cap, add) combinations in row order,
// leaving out those whose old and new backing stores could together exceed
// 256 MiB: size*(cap + 2*max(cap, len+add)).
func appendGrid(size uintptr) []appendCase {
	var g []appendCase
	for i, l := range appendLens {
		caps := []int{l}
		if i+1 < len(appendLens) {
			caps = append(caps, appendLens[i+1])
		}
		for _, c := range caps {
			for _, a := range appendAdds {
				m := c
				if l+a > m {
					m = l + a
				}
				if uint64(size)*uint64(c+2*m) > 256<<20 {
					continue
				}
				g = append(g, appendCase{l, c, a})
			}
		}
	}
	return g
}

// ---------------------------------------------------------------- maps

var makemapHints = []int{0, 1, 7, 8, 9, 13, 14, 26, 27, 52, 53, 100, 104, 105, 1000, 10000, 100000, 1000000}

var before, after runtime.MemStats

// allocated runs f with the collector quiet and returns the smallest
// TotalAlloc delta of three runs: the runtime now and then allocates on its
// own behalf while the window is open, and that noise only ever adds.
func allocated(f func()) uint64 {
	best := ^uint64(0)
	for r := 0; r < 3; r++ {
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		if d := after.TotalAlloc - before.TotalAlloc; d < best {
			best = d
		}
	}
	return best
}

// fillKey stores the i-th key of the README's key(i) rule into *p: integer
// and float types K(i), string strconv.Itoa(i), interface{} the int i,
// complex complex(i, 0), byte arrays i little-endian in the first
// min(n, 8) bytes, other arrays and structs their first element or field
// (recursively), everything else left zero. Writing through unsafe keeps the
// rule independent of field names (unexported fields cannot be set through
// reflect).
func fillKey(p unsafe.Pointer, t reflect.Type, i int) {
	v := reflect.NewAt(t, p).Elem()
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(i))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(i))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(i))
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(complex(float64(i), 0))
	case reflect.String:
		v.SetString(strconv.Itoa(i))
	case reflect.Interface:
		v.Set(reflect.ValueOf(i))
	case reflect.Array:
		if t.Len() == 0 {
			return
		}
		if t.Elem().Kind() == reflect.Uint8 {
			for b := 0; b < t.Len() && b < 8; b++ {
				*(*byte)(unsafe.Pointer(uintptr(p) + uintptr(b))) = byte(uint64(i) >> (8 * uint(b)))
			}
			return
		}
		fillKey(p, t.Elem(), i)
	case reflect.Struct:
		if t.NumField() > 0 {
			f := t.Field(0)
			fillKey(unsafe.Pointer(uintptr(p)+f.Offset), f.Type, i)
		}
	}
}

// mapgrowRecorder keeps the "count:state" transitions of one map type.
type mapgrowRecorder struct {
	last  string
	trans []string
}

func (r *mapgrowRecorder) see(count int, state string) {
	if state != r.last {
		r.trans = append(r.trans, itoa(count)+":"+state)
		r.last = state
	}
}

// main runs the probes of the types whose indices are its arguments (all
// of them without arguments); gogrow starts it once per type, so that a
// type that hangs can be killed and named. "-version" prints the release
// and GOARCH: gogrow's check that the binary runs at all.
func main() {
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		fmt.Println(goVersion, goArch)
		return
	}
	only := map[int]bool{}
	for _, a := range os.Args[1:] {
		i, err := strconv.Atoi(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "probe: not a type index:", a)
			os.Exit(2)
		}
		only[i] = true
	}
	for _, p := range probes {
		if len(only) > 0 && !only[p.idx] {
			continue
		}
		debug.SetGCPercent(100)
		p.run()
		runtime.GC()
		out.Flush()
	}
	if err := out.Flush(); err != nil {
		os.Exit(1)
	}
}
