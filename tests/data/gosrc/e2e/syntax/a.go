package syntax

func f() {
	if true {
}

type T int
