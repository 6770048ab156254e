#!/bin/sh
# `gogrow probe --convert maps` turns the raw real-Go map outputs into
# exactly the committed mapalloc.tsv and mapgrow_classic.tsv (below their
# first comment line, which names the generator), and refuses raw files of
# another shape.
# Usage: convert.sh GOGROW DATA_DIR
gogrow=$1 data=$2
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-convert.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

"$gogrow" probe --convert maps --src "$data/validation/raw" --out "$tmp/out" 2>"$tmp/log" ||
	{ cat "$tmp/log"; exit 1; }
for f in mapalloc.tsv mapgrow_classic.tsv; do
	tail -n +2 "$tmp/out/$f" >"$tmp/got"
	tail -n +2 "$data/validation/$f" >"$tmp/want"
	if cmp -s "$tmp/got" "$tmp/want"; then
		echo "ok: $f reproduced ($(grep -vc '^#' "$tmp/got") lines)"
	else
		echo "FAIL: $f differs:"
		diff "$tmp/want" "$tmp/got" | head
		fail=1
	fi
done

expect() { # expect PATTERN ARGS...: status 2 and PATTERN in the message
	pat=$1
	shift
	msg=$("$gogrow" probe "$@" 2>&1)
	st=$?
	if [ $st -ne 2 ] || ! echo "$msg" | grep -q -- "$pat"; then
		echo "FAIL: gogrow probe $*: status $st, output: $msg"
		fail=1
	else
		echo "ok: $pat"
	fi
}
expect 'unknown conversion "heap"' --convert heap
expect 'cannot read .*nowhere/mapmake_test_prog.go.txt' --convert maps --src "$tmp/nowhere" --out "$tmp/x"
cp -r "$data/validation/raw" "$tmp/raw"
echo 'hint 5 48' >>"$tmp/raw/mapmake_go1.21_386.txt"
expect 'mapmake_go1.21_386.txt: unexpected line "hint 5 48"' --convert maps --src "$tmp/raw" --out "$tmp/x"
cp "$data/validation/raw/mapmake_go1.21_386.txt" "$tmp/raw/"
printf 'int64 9\n' >>"$tmp/raw/classicgrowth_go1.21_amd64.txt"
expect 'classicgrowth_go1.21_amd64.txt: unexpected line "int64 9"' --convert maps --src "$tmp/raw" --out "$tmp/x"
cp "$data/validation/raw/classicgrowth_go1.21_amd64.txt" "$tmp/raw/"
mv "$tmp/raw/mapmake_go1.21_386.txt" "$tmp/raw/mapmake_go1.99_386.txt"
expect 'mapmake_go1.99_386.txt: cannot read the releases go1.99' --convert maps --src "$tmp/raw" --out "$tmp/x"
exit $fail
