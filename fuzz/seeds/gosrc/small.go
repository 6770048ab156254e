package p
type A struct { b *B; a, c int8 `t` }
type B [N]A
const N = 1 << iota
type G[T any] struct{ x *G[T]; y T }
