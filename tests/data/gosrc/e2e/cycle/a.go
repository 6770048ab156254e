package cycle

type A struct {
	b B
}

type B struct {
	n int
	a A
}
