//go:build atomickey

// An 8-aligned key: the classic bucket of this type does not compile on
// 32-bit ports (internal compiler error), the Swiss group does.
package main

import "sync/atomic"

func init() {
	add[atomic.Int64, int32]("map[atomic.Int64]int32", nil)
}
