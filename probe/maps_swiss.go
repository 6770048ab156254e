//go:build goexperiment.swissmap || go1.26
// +build goexperiment.swissmap go1.26

// Reading a swiss map (go1.24 and later, internal/runtime/maps). The structs
// below mirror maps.Map, maps.table and abi.SwissMapType (abi.MapType from
// go1.26), whose leading fields are the same from go1.24 to go1.27.
//
// A swiss map has no B. gogrow's conventions (docs/ground-truth.md):
//   - makemap's B column is the directory's global depth, log2 of the number
//     of directory entries (0 for a map without a directory: hint <= 8, or
//     a single table).
//   - mapgrow records the total slot capacity (0 before the first group is
//     allocated, 8 for the small map's single group, else the sum of the
//     capacities of the distinct tables) and stops at the first table split:
//     up to then growth depends only on the count; after it, on which table
//     the seeded hash sends each key to.
package main

import (
	"reflect"
	"unsafe"
)

const mapImpl = "swiss"

type swissMap struct {
	used        uint64
	seed        uintptr
	dirPtr      unsafe.Pointer
	dirLen      int
	globalDepth uint8
}

type swissTable struct {
	used, capacity, growthLeft uint16
	localDepth                 uint8
}

type abiType struct {
	size, ptrdata               uintptr
	hash                        uint32
	tflag, align, fieldAlign, k uint8
	equal                       func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata                      *byte
	str, ptrToThis              int32
}

type swissMapType struct {
	abiType
	key, elem, group             *abiType
	hasher                       func(unsafe.Pointer, uintptr) uintptr
	groupSize, slotSize, elemOff uintptr
	flags                        uint32
}

const (
	groupSlots       = 8    // abi.SwissMapGroupSlots
	maxTableCapacity = 1024 // maps.maxTableCapacity
)

func header(m unsafe.Pointer) *swissMap { return *(**swissMap)(m) }

func makemapB(m unsafe.Pointer) string { return itoa(int(header(m).globalDepth)) }

// tables returns the distinct tables of the directory (entries repeat a
// table whose local depth is below the global depth).
func tables(h *swissMap) []*swissTable {
	var ts []*swissTable
	for i := 0; i < h.dirLen; i++ {
		t := *(**swissTable)(unsafe.Pointer(uintptr(h.dirPtr) + uintptr(i)*unsafe.Sizeof(uintptr(0))))
		if len(ts) == 0 || ts[len(ts)-1] != t {
			ts = append(ts, t)
		}
	}
	return ts
}

func mapgrowState(m unsafe.Pointer) (string, bool) {
	h := header(m)
	if h.dirLen == 0 {
		if h.dirPtr == nil {
			return "0", false
		}
		return itoa(groupSlots), false
	}
	ts := tables(h)
	total := 0
	for _, t := range ts {
		total += int(t.capacity)
	}
	return itoa(total), len(ts) > 1
}

// makemapTooLarge leaves out hints whose groups would exceed 256 MiB, sized
// as maps.NewMap does: capacity hint*8/7 spread over a power-of-two
// directory of tables of at most 1024 slots, each rounded up to a power of
// two.
func makemapTooLarge(t reflect.Type, hint int) bool {
	if hint <= groupSlots {
		return false
	}
	mt := (*swissMapType)(rtypeOf(t))
	target := uint64(hint) * groupSlots / 7
	dir := uint64(1)
	for dir*maxTableCapacity < target {
		dir *= 2
	}
	per := uint64(groupSlots)
	for per < target/dir {
		per *= 2
	}
	return dir*per/groupSlots*uint64(mt.groupSize) > 256<<20
}
