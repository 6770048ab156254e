#!/bin/sh
# Types Go rejects are rejected as Go does, even behind a pointer, and big
# structs are read in linear time (the field-name check was quadratic: a
# struct of 160 k fields took about a minute).
# Usage: type_limits.sh GOGROW
G=$1
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ko() {
	echo "FAIL: $1" >&2
	fail=$((fail + 1))
}
# expect EXIT PATTERN ARGS...: exit status and a line of stdout+stderr.
expect() {
	want=$1 pat=$2
	shift 2
	"$G" "$@" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc -eq "$want" ] && grep -q -- "$pat" "$tmp/out"; then
		pass=$((pass + 1))
	else
		ko "gogrow $* (exit $rc, want $want and /$pat/):"
		sed 's/^/  | /' "$tmp/out" >&2
	fi
}

# go1.22 GOARCH=386 go build: "invalid array length 1 << 40 (untyped int constant 1099511627776)".
expect 3 'invalid array length 1099511627776' layout '*[1<<40]byte' --arch 386
expect 0 'amd64  *8  *8  *8' layout '*[1<<40]byte' --arch amd64
expect 3 'larger than address space' layout 'func() *[1<<62]int64'
expect 3 'channel element type too large' layout 'struct{c chan [1<<16]byte}'
expect 2 'duplicate method M' layout 'interface{M(); N(); M(int)}'
expect 2 '^ \{22\}\^$' layout 'interface{M(); N(); M(int)}'

# 160 k fields through batch (too long for one argument): every field read.
awk 'BEGIN {
	printf "layout\t1.22\tamd64\tstruct{"
	for (i = 0; i < 160000; i++) printf "f%d int8%s", i, i < 159999 ? "; " : "}\n"
}' >"$tmp/big.tsv"
"$G" batch "$tmp/big.tsv" >"$tmp/out" 2>&1
if [ $? -eq 0 ] && grep -q '	160000	1	0$' "$tmp/out"; then pass=$((pass + 1)); else ko 'struct of 160000 fields'; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
