// Command libtypes prints the layout of standard-library types that Go
// programs embed or hold by value, as the running toolchain and GOARCH lay
// them out. tools/gen/libtypes/run.sh builds and runs it for every installed
// release and GOARCH and turns the output into gogrow's table
// (src/model/libtypes_table.c) and test data (tests/data/libtypes.tsv).
//
// One line per type, tab-separated:
//
//	go arch name size align ptrdata comparable wsize woff pkgpath
//
// size and align are unsafe.Sizeof and unsafe.Alignof; ptrdata is the length
// of the prefix that can hold pointers, computed from the fields the way the
// compiler does (PtrDataSize) and checked against the runtime's own type
// descriptor; wsize and woff are Sizeof and Offsetof(t) of struct{b byte; t T},
// which shows how the type is placed when embedded.
package main

import (
	"bufio"
	"bytes"
	"container/list"
	"fmt"
	"hash/maphash"
	"log"
	"math/big"
	"net/netip"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

type row struct {
	name  string
	t     reflect.Type
	wsize uintptr
	woff  uintptr
}

func typ[T any]() reflect.Type { return reflect.TypeOf((*T)(nil)).Elem() }

type w_sync_Mutex struct {
	b byte
	t sync.Mutex
}

type w_sync_RWMutex struct {
	b byte
	t sync.RWMutex
}

type w_sync_Once struct {
	b byte
	t sync.Once
}

type w_sync_WaitGroup struct {
	b byte
	t sync.WaitGroup
}

type w_sync_Map struct {
	b byte
	t sync.Map
}

type w_sync_Pool struct {
	b byte
	t sync.Pool
}

type w_sync_Cond struct {
	b byte
	t sync.Cond
}

type w_atomic_Value struct {
	b byte
	t atomic.Value
}

type w_atomic_Bool struct {
	b byte
	t atomic.Bool
}

type w_atomic_Int32 struct {
	b byte
	t atomic.Int32
}

type w_atomic_Int64 struct {
	b byte
	t atomic.Int64
}

type w_atomic_Uint32 struct {
	b byte
	t atomic.Uint32
}

type w_atomic_Uint64 struct {
	b byte
	t atomic.Uint64
}

type w_atomic_Uintptr struct {
	b byte
	t atomic.Uintptr
}

type w_atomic_Pointer_int struct {
	b byte
	t atomic.Pointer[int]
}

type w_strings_Builder struct {
	b byte
	t strings.Builder
}

type w_strings_Reader struct {
	b byte
	t strings.Reader
}

type w_bytes_Buffer struct {
	b byte
	t bytes.Buffer
}

type w_bytes_Reader struct {
	b byte
	t bytes.Reader
}

type w_bufio_Reader struct {
	b byte
	t bufio.Reader
}

type w_bufio_Writer struct {
	b byte
	t bufio.Writer
}

type w_bufio_Scanner struct {
	b byte
	t bufio.Scanner
}

type w_time_Time struct {
	b byte
	t time.Time
}

type w_time_Timer struct {
	b byte
	t time.Timer
}

type w_time_Ticker struct {
	b byte
	t time.Ticker
}

type w_time_Location struct {
	b byte
	t time.Location
}

type w_regexp_Regexp struct {
	b byte
	t regexp.Regexp
}

type w_big_Int struct {
	b byte
	t big.Int
}

type w_big_Float struct {
	b byte
	t big.Float
}

type w_big_Rat struct {
	b byte
	t big.Rat
}

type w_list_List struct {
	b byte
	t list.List
}

type w_list_Element struct {
	b byte
	t list.Element
}

type w_netip_Addr struct {
	b byte
	t netip.Addr
}

type w_netip_AddrPort struct {
	b byte
	t netip.AddrPort
}

type w_netip_Prefix struct {
	b byte
	t netip.Prefix
}

type w_url_URL struct {
	b byte
	t url.URL
}

type w_reflect_Value struct {
	b byte
	t reflect.Value
}

type w_reflect_SliceHeader struct {
	b byte
	t reflect.SliceHeader
}

type w_reflect_StringHeader struct {
	b byte
	t reflect.StringHeader
}

type w_maphash_Hash struct {
	b byte
	t maphash.Hash
}

type w_os_File struct {
	b byte
	t os.File
}

type w_log_Logger struct {
	b byte
	t log.Logger
}

var rows = []row{
	{"sync.Mutex", typ[sync.Mutex](), unsafe.Sizeof(w_sync_Mutex{}), unsafe.Offsetof(w_sync_Mutex{}.t)},
	{"sync.RWMutex", typ[sync.RWMutex](), unsafe.Sizeof(w_sync_RWMutex{}), unsafe.Offsetof(w_sync_RWMutex{}.t)},
	{"sync.Once", typ[sync.Once](), unsafe.Sizeof(w_sync_Once{}), unsafe.Offsetof(w_sync_Once{}.t)},
	{"sync.WaitGroup", typ[sync.WaitGroup](), unsafe.Sizeof(w_sync_WaitGroup{}), unsafe.Offsetof(w_sync_WaitGroup{}.t)},
	{"sync.Map", typ[sync.Map](), unsafe.Sizeof(w_sync_Map{}), unsafe.Offsetof(w_sync_Map{}.t)},
	{"sync.Pool", typ[sync.Pool](), unsafe.Sizeof(w_sync_Pool{}), unsafe.Offsetof(w_sync_Pool{}.t)},
	{"sync.Cond", typ[sync.Cond](), unsafe.Sizeof(w_sync_Cond{}), unsafe.Offsetof(w_sync_Cond{}.t)},
	{"atomic.Value", typ[atomic.Value](), unsafe.Sizeof(w_atomic_Value{}), unsafe.Offsetof(w_atomic_Value{}.t)},
	{"atomic.Bool", typ[atomic.Bool](), unsafe.Sizeof(w_atomic_Bool{}), unsafe.Offsetof(w_atomic_Bool{}.t)},
	{"atomic.Int32", typ[atomic.Int32](), unsafe.Sizeof(w_atomic_Int32{}), unsafe.Offsetof(w_atomic_Int32{}.t)},
	{"atomic.Int64", typ[atomic.Int64](), unsafe.Sizeof(w_atomic_Int64{}), unsafe.Offsetof(w_atomic_Int64{}.t)},
	{"atomic.Uint32", typ[atomic.Uint32](), unsafe.Sizeof(w_atomic_Uint32{}), unsafe.Offsetof(w_atomic_Uint32{}.t)},
	{"atomic.Uint64", typ[atomic.Uint64](), unsafe.Sizeof(w_atomic_Uint64{}), unsafe.Offsetof(w_atomic_Uint64{}.t)},
	{"atomic.Uintptr", typ[atomic.Uintptr](), unsafe.Sizeof(w_atomic_Uintptr{}), unsafe.Offsetof(w_atomic_Uintptr{}.t)},
	{"atomic.Pointer[int]", typ[atomic.Pointer[int]](), unsafe.Sizeof(w_atomic_Pointer_int{}), unsafe.Offsetof(w_atomic_Pointer_int{}.t)},
	{"strings.Builder", typ[strings.Builder](), unsafe.Sizeof(w_strings_Builder{}), unsafe.Offsetof(w_strings_Builder{}.t)},
	{"strings.Reader", typ[strings.Reader](), unsafe.Sizeof(w_strings_Reader{}), unsafe.Offsetof(w_strings_Reader{}.t)},
	{"bytes.Buffer", typ[bytes.Buffer](), unsafe.Sizeof(w_bytes_Buffer{}), unsafe.Offsetof(w_bytes_Buffer{}.t)},
	{"bytes.Reader", typ[bytes.Reader](), unsafe.Sizeof(w_bytes_Reader{}), unsafe.Offsetof(w_bytes_Reader{}.t)},
	{"bufio.Reader", typ[bufio.Reader](), unsafe.Sizeof(w_bufio_Reader{}), unsafe.Offsetof(w_bufio_Reader{}.t)},
	{"bufio.Writer", typ[bufio.Writer](), unsafe.Sizeof(w_bufio_Writer{}), unsafe.Offsetof(w_bufio_Writer{}.t)},
	{"bufio.Scanner", typ[bufio.Scanner](), unsafe.Sizeof(w_bufio_Scanner{}), unsafe.Offsetof(w_bufio_Scanner{}.t)},
	{"time.Time", typ[time.Time](), unsafe.Sizeof(w_time_Time{}), unsafe.Offsetof(w_time_Time{}.t)},
	{"time.Timer", typ[time.Timer](), unsafe.Sizeof(w_time_Timer{}), unsafe.Offsetof(w_time_Timer{}.t)},
	{"time.Ticker", typ[time.Ticker](), unsafe.Sizeof(w_time_Ticker{}), unsafe.Offsetof(w_time_Ticker{}.t)},
	{"time.Location", typ[time.Location](), unsafe.Sizeof(w_time_Location{}), unsafe.Offsetof(w_time_Location{}.t)},
	{"regexp.Regexp", typ[regexp.Regexp](), unsafe.Sizeof(w_regexp_Regexp{}), unsafe.Offsetof(w_regexp_Regexp{}.t)},
	{"big.Int", typ[big.Int](), unsafe.Sizeof(w_big_Int{}), unsafe.Offsetof(w_big_Int{}.t)},
	{"big.Float", typ[big.Float](), unsafe.Sizeof(w_big_Float{}), unsafe.Offsetof(w_big_Float{}.t)},
	{"big.Rat", typ[big.Rat](), unsafe.Sizeof(w_big_Rat{}), unsafe.Offsetof(w_big_Rat{}.t)},
	{"list.List", typ[list.List](), unsafe.Sizeof(w_list_List{}), unsafe.Offsetof(w_list_List{}.t)},
	{"list.Element", typ[list.Element](), unsafe.Sizeof(w_list_Element{}), unsafe.Offsetof(w_list_Element{}.t)},
	{"netip.Addr", typ[netip.Addr](), unsafe.Sizeof(w_netip_Addr{}), unsafe.Offsetof(w_netip_Addr{}.t)},
	{"netip.AddrPort", typ[netip.AddrPort](), unsafe.Sizeof(w_netip_AddrPort{}), unsafe.Offsetof(w_netip_AddrPort{}.t)},
	{"netip.Prefix", typ[netip.Prefix](), unsafe.Sizeof(w_netip_Prefix{}), unsafe.Offsetof(w_netip_Prefix{}.t)},
	{"url.URL", typ[url.URL](), unsafe.Sizeof(w_url_URL{}), unsafe.Offsetof(w_url_URL{}.t)},
	{"reflect.Value", typ[reflect.Value](), unsafe.Sizeof(w_reflect_Value{}), unsafe.Offsetof(w_reflect_Value{}.t)},
	{"reflect.SliceHeader", typ[reflect.SliceHeader](), unsafe.Sizeof(w_reflect_SliceHeader{}), unsafe.Offsetof(w_reflect_SliceHeader{}.t)},
	{"reflect.StringHeader", typ[reflect.StringHeader](), unsafe.Sizeof(w_reflect_StringHeader{}), unsafe.Offsetof(w_reflect_StringHeader{}.t)},
	{"maphash.Hash", typ[maphash.Hash](), unsafe.Sizeof(w_maphash_Hash{}), unsafe.Offsetof(w_maphash_Hash{}.t)},
	{"os.File", typ[os.File](), unsafe.Sizeof(w_os_File{}), unsafe.Offsetof(w_os_File{}.t)},
	{"log.Logger", typ[log.Logger](), unsafe.Sizeof(w_log_Logger{}), unsafe.Offsetof(w_log_Logger{}.t)},
}

const ptrSize = unsafe.Sizeof(uintptr(0))

// ptrdata: the compiler's PtrDataSize, from the type's fields.
func ptrdata(t reflect.Type) uintptr {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func, reflect.String,
		reflect.Slice:
		return ptrSize
	case reflect.Interface:
		return 2 * ptrSize
	case reflect.Array:
		if t.Len() == 0 {
			return 0
		}
		e := ptrdata(t.Elem())
		if e == 0 {
			return 0
		}
		return uintptr(t.Len()-1)*t.Elem().Size() + e
	case reflect.Struct:
		var p uintptr
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if d := ptrdata(f.Type); d > 0 {
				p = f.Offset + d
			}
		}
		return p
	}
	return 0
}

// runtimePtrdata reads the ptrdata word of the runtime's type descriptor:
// a reflect.Type's data word points at it, and its first two words are the
// size and ptrdata (runtime._type up to 1.20, internal/abi.Type since).
func runtimePtrdata(t reflect.Type) uintptr {
	desc := (*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1]
	w := (*[2]uintptr)(desc)
	if w[0] != t.Size() {
		fmt.Fprintf(os.Stderr, "libtypes: %v: descriptor size %d, reflect size %d\n", t, w[0], t.Size())
		os.Exit(1)
	}
	return w[1]
}

func main() {
	v := strings.TrimPrefix(runtime.Version(), "go")
	if p := strings.SplitN(v, ".", 3); len(p) >= 2 {
		v = p[0] + "." + strings.TrimRightFunc(p[1], func(r rune) bool { return r < '0' || r > '9' })
	}
	for _, r := range rows {
		pd := ptrdata(r.t)
		if rt := runtimePtrdata(r.t); rt != pd {
			fmt.Fprintf(os.Stderr, "libtypes: %s: ptrdata %d from the fields, %d in the runtime\n", r.name, pd, rt)
			os.Exit(1)
		}
		c := 0
		if r.t.Comparable() {
			c = 1
		}
		fmt.Printf("%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", v, runtime.GOARCH, r.name, r.t.Size(), r.t.Align(), pd,
			c, r.wsize, r.woff, r.t.PkgPath())
	}
}
