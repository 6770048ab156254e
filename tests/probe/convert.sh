#!/bin/sh
# `gogrow probe --convert maps` and `--convert slices` turn the raw real-Go
# outputs into exactly the committed mapalloc.tsv, mapgrow_classic.tsv and
# {grow,layout,stackappend,conv}_{amd64,386}.tsv (below their first comment
# line, which names the generator), and refuse raw files of another shape.
# Usage: convert.sh GOGROW DATA_DIR
gogrow=$1 data=$2
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-convert.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

"$gogrow" probe --convert maps --src "$data/validation/raw" --out "$tmp/out" 2>"$tmp/log" ||
	{ cat "$tmp/log"; exit 1; }
"$gogrow" probe --convert slices --src "$data/validation/raw" --out "$tmp/out" 2>"$tmp/log" ||
	{ cat "$tmp/log"; exit 1; }
for f in mapalloc.tsv mapgrow_classic.tsv grow_amd64.tsv grow_386.tsv layout_amd64.tsv layout_386.tsv \
	stackappend_amd64.tsv stackappend_386.tsv conv_amd64.tsv conv_386.tsv; do
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
# The slice outputs: a size= the model disagrees with, a stray line, a
# missing release, an element the program does not have.
rm -rf "$tmp/raw" && cp -r "$data/validation/raw" "$tmp/raw"
sed -i '1s/^T b1 size=1$/T b1 size=2/' "$tmp/raw/grow_go1.22-1.27_386.txt"
expect "grow_go1.22-1.27_386.txt: T b1 size=2 but gogrow layout '.*' on go1.22/386 gives 1" --convert slices --src "$tmp/raw" --out "$tmp/x"
cp "$data/validation/raw/grow_go1.22-1.27_386.txt" "$tmp/raw/"
echo 'bool 1' >>"$tmp/raw/layout_go1.16-1.18_amd64.txt"
expect 'layout_go1.16-1.18_amd64.txt:[0-9]*: unexpected line "bool 1"' --convert slices --src "$tmp/raw" --out "$tmp/x"
cp "$data/validation/raw/layout_go1.16-1.18_amd64.txt" "$tmp/raw/"
rm "$tmp/raw/stackappend_go1.25_amd64.txt"
expect 'stackappend_go1.26-1.27_amd64.txt: release range does not continue go1.25' --convert slices --src "$tmp/raw" --out "$tmp/x"
cp "$data/validation/raw/stackappend_go1.25_amd64.txt" "$tmp/raw/"
echo 'float once 8' >>"$tmp/raw/stackappend_go1.25_amd64.txt"
expect "stackappend_go1.25_amd64.txt:[0-9]*: unknown element 'float'" --convert slices --src "$tmp/raw" --out "$tmp/x"
exit $fail
