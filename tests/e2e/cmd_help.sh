#!/bin/sh
# gogrow help: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# Help and usage.
expect 0 'Commands:' help
expect 0 'Usage: gogrow append' append --help
expect 0 'atomic.Int64' help types
# A zero-size element grows at every append: a row per element, so --n is
# bounded instead of collecting billions of rows (hang, then out of memory).
expect 2 'zero-size elements grow at every append: --n must be <= 1048576' grow '[]struct{}' --n 9223372036854775807
expect 2 'must be <= 1048576' grow '[]struct{}' --n 1048577 --json
expect 0 '^1048576 +1048576 ' grow '[]struct{}' --n 1048576
# Out of memory is exit 4 (docs/cli.md), not 2: 2^20 zero-size steps under a
# 40 MB address-space limit (skipped for sanitizer builds, which need more).
if ! nm "$G" 2>/dev/null | grep -q __asan_init; then
	(ulimit -v 40000 && exec "$G" grow '[]struct{}' --n 1048576) >/dev/null 2>"$tmp/oom"
	got=$?
	if [ "$got" -eq 4 ] && grep -q 'out of memory' "$tmp/oom"; then
		pass=$((pass + 1))
	else
		echo "FAIL: grow out of memory -> exit $got (want 4)" >&2
		fail=$((fail + 1))
	fi
fi
# advise counts the growths of a zero-size slice (one per element) instead of
# making 2^63 appends; summed over --pattern runs they can overflow int64.
timeout 60 "$G" advise '[]struct{}' --n 9223372036854775807 >"$tmp/adv" 2>&1
got=$?
if [ "$got" -eq 0 ] && grep -q 'growing from empty: 9223372036854775807 growths, 0 bytes' "$tmp/adv"; then
	pass=$((pass + 1))
else
	echo "FAIL: advise []struct{} --n 2^63-1 -> exit $got (want 0 within 60 s)" >&2
	fail=$((fail + 1))
fi
expect 0 '^ +0 +0 +0 +2147484651 ' advise '[]struct{}' --pattern 0,5,1000,2147483646 --arch 386
expect 3 'growslice: len out of range' advise '[]struct{}' --n 2147483648 --arch 386
expect 2 'do not fit in int64' advise '[]struct{}' --pattern 9223372036854775807,9223372036854775807
# Every one-line example in a command's help runs and exits 0 (probe needs a
# Go toolchain; 'simulate work.sim' names the user's own file).
ga=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
for cmd in layout grow append explain compare advise batch map classes conform; do
	"$G" help "$cmd" | sed -n 's/^  gogrow //p' >"$tmp/ex"
	while IFS= read -r ex; do
		(cd "$tmp" && eval "\"\$ga\" $ex" >/dev/null 2>"$tmp/exerr")
		got=$?
		if [ "$got" -eq 0 ]; then
			pass=$((pass + 1))
		else
			echo "FAIL: help $cmd example 'gogrow $ex' -> exit $got" >&2
			head -3 "$tmp/exerr" >&2
			fail=$((fail + 1))
		fi
	done <"$tmp/ex"
done
expect 2 'unknown command "frobnicate"' frobnicate
expect 2 'Commands:'
expect 0 '^gogrow [0-9.]+ \(models go1.16 to go1.27\)' --version


# Output that cannot be written is an error (it used to exit 0).
if [ -w /dev/full ]; then
	"$G" layout int >/dev/full 2>"$tmp/full.err"
	rc=$?
	if [ "$rc" -eq 4 ] && grep -q 'cannot write the output' "$tmp/full.err"; then pass=$((pass + 1)); else
		echo "FAIL: gogrow layout int >/dev/full -> exit $rc" >&2; fail=$((fail + 1)); fi
	"$G" compare '[]int' --go 1.16,1.27 --arch amd64,386 >/dev/full 2>/dev/null
	[ $? -eq 4 ] && pass=$((pass + 1)) || { echo "FAIL: compare >/dev/full" >&2; fail=$((fail + 1)); }
fi

finish
