#!/bin/sh
# Standard-library types against their measurements on real Go
# (tests/data/libtypes.tsv, made by tools/gen/libtypes/run.sh): size, align
# and ptrdata of each type, and its place inside struct{b byte; t T}, for
# every release and GOARCH measured; map keys only where Go allows them
# (time.Timer is comparable from go1.23 on);
# releases without a measurement answered as unsupported, not guessed.
# Usage: libtypes.sh GOGROW
G=$1
DATA=$(dirname "$0")/../data/libtypes.tsv
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ko() {
	echo "FAIL: $1" >&2
	fail=$((fail + 1))
}

# One batch run asks everything: per row a layout question and an offsets
# question on the wrapper struct.
grep -v '^#' "$DATA" | tail -n +2 >"$tmp/rows"
[ -s "$tmp/rows" ] || { echo "no rows in $DATA" >&2; exit 1; }
awk -F'\t' '{
	printf "layout\t%s\t%s\t%s\n", $1, $2, $3
	printf "layout\t%s\t%s\tstruct{b byte; t %s}\n", $1, $2, $3
	printf "offsets\t%s\t%s\tstruct{b byte; t %s}\n", $1, $2, $3
	printf "layout\t%s\t%s\tmap[%s]int\n", $1, $2, $3
}' "$tmp/rows" >"$tmp/q"
"$G" batch "$tmp/q" >"$tmp/a" 2>&1
awk -F'\t' -v answers="$tmp/a" '
BEGIN { pass = 0; fail = 0 }
{
	if ((getline l1 < answers) <= 0 || (getline l2 < answers) <= 0 || (getline l3 < answers) <= 0 ||
	    (getline l4 < answers) <= 0) {
		print "FAIL: answers missing for " $1 " " $2 " " $3 > "/dev/stderr"; fail++; next
	}
	want1 = $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6
	split(l2, f2, "\t")
	want3 = "offsets\t" $1 "\t" $2 "\tstruct{b byte; t " $3 "}\t0," $9
	if (l1 != "layout\t" want1) { print "FAIL: " want1 ": got " l1 > "/dev/stderr"; fail++ } else pass++
	if (f2[5] != $8) { print "FAIL: " $1 " " $2 " struct{b byte; t " $3 "} size " $8 ": got " l2 > "/dev/stderr"; fail++ } else pass++
	if (l3 != want3) { print "FAIL: " want3 ": got " l3 > "/dev/stderr"; fail++ } else pass++
	# Comparable types may be map keys, the others are rejected.
	if ((l4 ~ /^layout/) != ($7 == 1)) { print "FAIL: " $1 " " $2 " map[" $3 "]int: " l4 > "/dev/stderr"; fail++ } else pass++
}
END { print pass, fail > "'"$tmp/counts"'" }' "$tmp/rows"
read p f <"$tmp/counts"
pass=$((pass + p))
fail=$((fail + f))

# A release in the modelled range with no measurement is unsupported, not
# guessed from a neighbour; a release before the type existed is an error
# saying so (net/netip arrived in go1.18).
for r in 16 17 18 19 20 21 22 23 24 25 26 27; do
	grep -q "^go1\.$r	amd64	sync\.WaitGroup	" "$tmp/rows" && continue
	"$G" layout sync.WaitGroup --go 1.$r >"$tmp/out" 2>&1
	if grep -q 'not measured' "$tmp/out"; then pass=$((pass + 1)); else ko "sync.WaitGroup go1.$r: $(cat "$tmp/out")"; fi
	break
done
"$G" layout 'struct{a netip.Addr}' --go 1.17 >"$tmp/out" 2>&1
if grep -q 'netip.Addr does not exist in go1.17' "$tmp/out"; then pass=$((pass + 1)); else ko "netip.Addr go1.17: $(cat "$tmp/out")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
