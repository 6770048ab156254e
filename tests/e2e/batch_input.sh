#!/bin/sh
# gogrow batch: every input is checked (types of JSON values, unknown and
# repeated keys, bad bytes at their column), TSV and JSON give the same
# error texts, questions come from a FILE or standard input, and layout
# questions can ask for field offsets.
# Usage: batch_input.sh GOGROW
G=$1
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() {
	echo "FAIL: $1" >&2
	[ -f "$tmp/out" ] && sed 's/^/  | /' "$tmp/out" >&2
	fail=$((fail + 1))
}

# run LINE(S) (printf format): answers in $tmp/out, exit status in $rc.
run() {
	printf "$1" >"$tmp/in"
	"$G" batch <"$tmp/in" >"$tmp/out" 2>&1
	rc=$?
}
# expect_line DESC EXIT EXACT-ANSWER-LINE
expect_line() {
	if [ "$rc" -eq "$2" ] && grep -qxF -- "$3" "$tmp/out"; then ok; else ko "$1 (exit $rc, want $2; want line: $3)"; fi
}

A='{"q":"append","go":"1.22","arch":"amd64","type":"[]int"'

# Wrong JSON value types are errors naming the key and its column.
run "$A"',"len":"10","add":1}\n'
expect_line 'string len' 2 '{"line":1,"error":"column 63: key \"len\" is not an integer, found a string"}'
run "$A"',"len":true}\n'
expect_line 'bool len' 2 '{"line":1,"error":"column 63: key \"len\" is not an integer, found true"}'
run "$A"',"len":null}\n'
expect_line 'null len' 2 '{"line":1,"error":"column 63: key \"len\" is not an integer, found null"}'
run '{"q":"layout","go":1.22,"arch":"amd64","type":"int"}\n'
expect_line 'number go' 2 '{"line":1,"error":"column 21: numbers must be integers"}'
run '{"q":"layout","go":122,"arch":"amd64","type":"int"}\n'
expect_line 'integer go' 2 '{"line":1,"error":"column 20: key \"go\" is not a string, found an integer"}'

# Unknown, misplaced, repeated and missing keys.
run "$A"',"lenn":10}\n'
expect_line 'unknown key' 2 '{"line":1,"error":"unknown key \"lenn\" (append takes q, go, arch, type, len, cap, add)"}'
run '{"q":"layout","go":"1.22","arch":"amd64","type":"int","hint":3}\n'
expect_line 'key of another question' 2 '{"line":1,"error":"unknown key \"hint\" (layout takes q, go, arch, type)"}'
run "$A"',"len":1,"len":2}\n'
expect_line 'repeated key' 2 '{"line":1,"error":"column 65: duplicate key \"len\""}'
run "$A"',"add":5}\n'
expect_line 'missing len' 2 '{"line":1,"error":"missing key \"len\""}'
# Defaults that remain: cap = len, add = 1 (the TSV line spells them out).
run "$A"',"len":1000}\nappend\t1.22\tamd64\t[]int\t1000\t1000\t1\n'
j=$(sed -n 1p "$tmp/out" | sed 's/.*"newcap":\([0-9]*\),"bytes":\([0-9]*\),"alloc":\([0-9]*\)}$/\1 \2 \3/')
t=$(sed -n 2p "$tmp/out" | cut -f8-10 | tr '\t' ' ')
if [ $rc -eq 0 ] && [ -n "$t" ] && [ "$j" = "$t" ]; then ok; else ko "JSON defaults ($j) differ from the explicit TSV ($t)"; fi

# TSV and JSON: the same words for the same mistake.
run 'lay\tout\t1.22\tamd64\tint\n{"q":"lay","go":"1.22","arch":"amd64","type":"int"}\n'
expect_line 'unknown question, TSV' 2 'error	line 1: unknown question "lay" (expected layout, offsets, append, grow or makemap)'
expect_line 'unknown question, JSON' 2 '{"line":2,"error":"unknown question \"lay\" (expected layout, offsets, append, grow or makemap)"}'
run 'grow\t1.22\tamd64\t[]int\t0\n{"q":"grow","go":"1.22","arch":"amd64","type":"[]int","n":0}\n'
expect_line 'range, TSV' 2 'error	line 1: n must be between 1 and 2^40'
expect_line 'range, JSON' 2 '{"line":2,"q":"grow","go":"1.22","arch":"amd64","type":"[]int","n":0,"error":"n must be between 1 and 2^40"}'

# Bad bytes are reported at their column in the line, in both formats.
run 'layout\t1.22\tamd64\tstruct{a\377 int}\n{"q":"la\377yout"}\n'
expect_line 'invalid UTF-8, TSV' 2 'error	line 1: column 27: invalid UTF-8 (byte 0xff)'
expect_line 'invalid UTF-8, JSON' 2 '{"line":2,"error":"column 9: invalid UTF-8 (byte 0xff)"}'
run 'layout\t1.22\tamd64\tint\001\n'
expect_line 'control byte' 2 'error	line 1: column 22: control character (byte 0x01)'
# A NUL byte no longer cuts the line short (it was answered as "int").
printf 'layout\t1.22\tamd64\tint\000 x\n' >"$tmp/nul"
"$G" batch "$tmp/nul" >"$tmp/out" 2>&1
rc=$?
expect_line 'NUL byte' 2 'error	line 1: column 22: NUL byte'
# Escapes that make bad bytes are caught at the backslash.
run '{"q":"layout","go":"1.22","arch":"amd64","type":"int\\u0000"}\n{"q":"layout","go":"1.22","arch":"amd64","type":"int\\x"}\n'
expect_line 'escaped NUL' 2 '{"line":1,"error":"column 53: NUL in string"}'
expect_line 'bad escape' 2 '{"line":2,"error":"column 54: bad escape, found '"'x'"'"}'
# Type errors point into the line, through JSON escapes too.
run 'layout\t1.22\tamd64\tstruct{a int; b in}\n{"q":"layout","go":"1.22","arch":"amd64","type":"struct{a int; \\u0062 in}"}\n'
if [ $rc -eq 2 ] && grep -q '^error	line 1: bad type: undefined type "in" .*(column 35)$' "$tmp/out" &&
	grep -q '^{"line":2,.*(column 71)"}$' "$tmp/out"; then ok; else ko 'type error columns'; fi

# Questions from a FILE, from '-', from standard input.
printf 'layout\t1.22\t386\tstruct{a int8; b int64}\n' >"$tmp/q.tsv"
want='layout	1.22	386	struct{a int8; b int64}	12	4	0'
for how in file dash stdin; do
	case $how in
	file) "$G" batch "$tmp/q.tsv" >"$tmp/out" 2>&1 ;;
	dash) "$G" batch - <"$tmp/q.tsv" >"$tmp/out" 2>&1 ;;
	stdin) "$G" batch <"$tmp/q.tsv" >"$tmp/out" 2>&1 ;;
	esac
	rc=$?
	expect_line "batch from $how" 0 "$want"
done
"$G" batch "$tmp/missing.tsv" >"$tmp/out" 2>&1
rc=$?
expect_line 'missing file' 2 "gogrow: error: cannot read $tmp/missing.tsv: No such file or directory"
"$G" batch "$tmp/q.tsv" "$tmp/q.tsv" >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 2 ] && ok || ko 'two files'

# Field offsets: TSV and JSON "offsets" questions; a JSON layout answer
# lists the fields as `gogrow layout --json` does.
run 'offsets\t1.22\t386\tstruct{a int8; b int64; c [0]int}\noffsets\t1.22\t386\tint\n'
expect_line 'offsets, TSV' 2 'offsets	1.22	386	struct{a int8; b int64; c [0]int}	0,4,12'
expect_line 'offsets of a non-struct' 2 'error	line 2: offsets needs a struct literal such as struct{a int8; b int64}'
T='struct{a int8; b int64; c *int; d [0]int}'
run '{"q":"offsets","go":"1.22","arch":"arm","type":"'"$T"'"}\n{"q":"layout","go":"1.22","arch":"arm","type":"'"$T"'"}\n'
"$G" layout "$T" --go 1.22 --arch arm --json >"$tmp/layout.json" 2>&1
if [ $rc -eq 0 ] && python3 - "$tmp/out" "$tmp/layout.json" <<'PY'; then ok; else ko 'JSON offsets and fields'; fi
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
ref = json.load(open(sys.argv[2]))["results"][0]
assert a[0]["offsets"] == [f["offset"] for f in ref["fields"]], a[0]
# layout --json also gives each field's padding (field-order advice); batch keeps its four keys
keys = ("name", "offset", "size", "align")
assert a[1]["fields"] == [{k: f[k] for k in keys} for f in ref["fields"]], (a[1], ref)
assert (a[1]["size"], a[1]["align"], a[1]["ptrdata"]) == (ref["size"], ref["align"], ref["ptrdata"])
PY

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
