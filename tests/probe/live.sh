#!/bin/sh
# Runs `gogrow probe` on a small corpus with a real Go toolchain and checks
# the vectors it measured with `gogrow conform`. The toolchain is
# $GOGROW_TEST_GOROOT, else /opt/go/1.22 (what
# ../shared/tools/install-go-toolchains.sh installs); without one the test
# is skipped (exit status 77), as on CI.
gogrow=$1
types=$2
goroot=${GOGROW_TEST_GOROOT:-/opt/go/1.22}
if [ ! -x "$goroot/bin/go" ]; then
	echo "SKIP: no Go toolchain at $goroot (set GOGROW_TEST_GOROOT to run the live probe test)"
	exit 77
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-probe-test.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
"$gogrow" probe --goroot "$goroot" --arch amd64 --types "$types" --files layout,growth,append --out "$out" || exit 1
for f in layout growth append; do
	[ -s "$out/$f.tsv" ] || { echo "FAIL: $f.tsv missing"; exit 1; }
done
res=$("$gogrow" conform "$out/layout.tsv" "$out/growth.tsv" "$out/append.tsv")
echo "$res" | tail -5
echo "$res" | tail -1 | grep -q ' 0 mismatches$' || exit 1
