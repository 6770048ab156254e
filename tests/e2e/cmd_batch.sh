#!/bin/sh
# gogrow batch: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# batch: TSV and JSON lines on stdin, errors answered per line.
printf 'layout\t1.22\t386\tstruct{a int8; b int64}\nappend\tgo1.19.8\tamd64\t[]int\t1000\t1000\t1\ngrow\t1.27\tarm\t[]*int\t100\n' >"$tmp/q.tsv"
"$G" batch <"$tmp/q.tsv" >"$tmp/a.tsv" 2>&1
if [ $? -eq 0 ] && grep -q '	12	4	0$' "$tmp/a.tsv" && grep -q '	1536	12288	12288$' "$tmp/a.tsv" &&
	grep -q '	2,4,8,16,32,70,142$' "$tmp/a.tsv"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch TSV answers:" >&2
	cat "$tmp/a.tsv" >&2
	fail=$((fail + 1))
fi
printf '{"q":"append","go":"1.22","arch":"amd64","type":"[]*int","len":64,"add":1}\n{"q":"layout","go":"1.15","arch":"amd64","type":"int"}\n{bad\n' >"$tmp/q.jsonl"
"$G" batch <"$tmp/q.jsonl" >"$tmp/a.jsonl" 2>&1
rc=$?
if [ $rc -eq 2 ] && python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows[0]["newcap"] == 143 and rows[0]["alloc"] == 1152, rows[0]
assert "unsupported release" in rows[1]["error"], rows[1]
assert rows[2]["line"] == 3 and "column 2" in rows[2]["error"], rows[2]
' "$tmp/a.jsonl"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch JSON lines (exit $rc):" >&2
	cat "$tmp/a.jsonl" >&2
	fail=$((fail + 1))
fi
printf 'makemap\t1.21\tamd64\tmap[int64]int64\t100\n{"q":"makemap","go":"1.27","arch":"386","type":"map[int64]int64","hint":100}\n' | "$G" batch >"$tmp/m.out"
if [ $? -eq 0 ] && grep -q '	100	5448	3$' "$tmp/m.out" && grep -q '"bytes":2368' "$tmp/m.out"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch makemap:" >&2
	cat "$tmp/m.out" >&2
	fail=$((fail + 1))
fi
printf 'append\t1.22\tamd64\t[]int\tx\t1\t1\n' | "$G" batch >"$tmp/e.tsv"
if [ $? -eq 2 ] && grep -q '^error	line 1: field 5 (len) is not an integer$' "$tmp/e.tsv"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch error line" >&2
	fail=$((fail + 1))
fi
# JSON numbers past int64 are refused, not wrapped (2^64 was read as 0);
# INT64_MIN is read without a signed overflow.
printf '{"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":18446744073709551616,"add":1}\n{"q":"makemap","go":"1.22","arch":"amd64","type":"map[int]int","hint":-9223372036854775808}\n' |
	"$G" batch >"$tmp/big.jsonl" 2>&1
if [ $? -eq 2 ] && grep -q '^{"line":1,"error":"column [0-9]*: number too large"}$' "$tmp/big.jsonl" &&
	grep -q '^{"line":2,.*"bytes":48,' "$tmp/big.jsonl"; then
	pass=$((pass + 1))
else
	echo "FAIL: batch JSON numbers past int64" >&2
	cat "$tmp/big.jsonl" >&2
	fail=$((fail + 1))
fi


# JSON answers echo the integer inputs (defaults applied) and give caps as an array.
printf '{"q":"grow","go":"1.22","arch":"amd64","type":"[]int","n":10}\n' | "$G" batch >"$tmp/bj" 2>&1
grep -q '"n":10,"caps":\[1,2,4,8,16\]}' "$tmp/bj" && pass=$((pass + 1)) ||
	{ echo "FAIL: batch JSON grow answer: $(cat "$tmp/bj")" >&2; fail=$((fail + 1)); }
printf '{"q":"append","go":"1.22","arch":"amd64","type":"[]int","len":5}\n' | "$G" batch >"$tmp/bj" 2>&1
grep -q '"len":5,"cap":5,"add":1,"newcap":10' "$tmp/bj" && pass=$((pass + 1)) ||
	{ echo "FAIL: batch JSON append answer: $(cat "$tmp/bj")" >&2; fail=$((fail + 1)); }

finish
