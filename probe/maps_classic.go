//go:build !goexperiment.swissmap && !go1.26
// +build !goexperiment.swissmap,!go1.26

// Reading a classic (bucket) map's header: go1.16 to go1.23, and go1.24 and
// go1.25 built with GOEXPERIMENT=noswissmap. The structs below mirror the
// runtime's (runtime.hmap, internal/abi.Type and the old map type
// descriptor, identical in all those releases); declaring them in Go rather
// than hard-coding offsets lets the compiler lay them out per GOARCH.
package main

import (
	"reflect"
	"unsafe"
)

const mapImpl = "classic"

type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      unsafe.Pointer
}

type abiType struct {
	size, ptrdata               uintptr
	hash                        uint32
	tflag, align, fieldAlign, k uint8
	equal                       func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata                      *byte
	str, ptrToThis              int32
}

type mapType struct {
	abiType
	key, elem, bucket *abiType
	hasher            func(unsafe.Pointer, uintptr) uintptr
	keysize, elemsize uint8
	bucketsize        uint16
	flags             uint32
}

func header(m unsafe.Pointer) *hmap { return *(**hmap)(m) }

// makemapB is the makemap `B` column: the header's B right after make.
func makemapB(m unsafe.Pointer) string { return itoa(int(header(m).B)) }

// mapgrowState is what mapgrow records: B after every insert. Classic maps
// grow deterministically for ever, so recording never stops early.
func mapgrowState(m unsafe.Pointer) (string, bool) { return itoa(int(header(m).B)), false }

// makemapTooLarge leaves out hints whose bucket array would exceed 256 MiB:
// 2^B buckets of the map type's bucket size, B chosen as makemap does
// (the smallest B with hint <= 8 or hint <= 6.5*2^B).
func makemapTooLarge(t reflect.Type, hint int) bool {
	mt := (*mapType)(rtypeOf(t))
	B := uint(0)
	for hint > 8 && uint64(hint) > 13*((uint64(1)<<B)/2) {
		B++
	}
	return (uint64(1)<<B)*uint64(mt.bucket.size) > 256<<20
}
