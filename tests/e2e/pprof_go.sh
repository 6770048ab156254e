#!/bin/sh
# simulate --pprof read back by `go tool pprof -top`, when a Go toolchain
# is around: $GO, go on PATH, or the newest /opt/go/*/bin/go. Without one
# the test says so and exits 77, which ctest reports as skipped.
# Usage: pprof_go.sh GOGROW
G=$1
go=${GO:-$(command -v go 2>/dev/null)}
if [ -z "$go" ]; then
	for d in $(ls -d /opt/go/*/bin 2>/dev/null | sort -V); do
		[ -x "$d/go" ] && go=$d/go
	done
fi
if [ -z "$go" ] || [ ! -x "$go" ]; then
	echo "SKIP: no Go toolchain (set GO=/path/to/go): go tool pprof not run on simulate --pprof"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'm = make(map[string][]int)\ns = make([]byte, 0)\nrepeat 100000 {\n\tappend m[key(i %% 100)] 1\n\tappend s 3\n}\n' >"$tmp/w.sim"
"$G" simulate "$tmp/w.sim" --go 1.27 --pprof "$tmp/p.pb.gz" >/dev/null || exit 1
"$go" tool pprof -top -sample_index=alloc_space "$tmp/p.pb.gz" >"$tmp/space" 2>&1
"$go" tool pprof -top -sample_index=alloc_objects "$tmp/p.pb.gz" >"$tmp/objects" 2>&1
cat "$tmp/space" "$tmp/objects"
# pprof shortens "(...)" in names; the numbers are what simulate prints.
grep -Eq 'Type: alloc_space' "$tmp/space" &&
	grep -Eq '2\.41MB .*line 4: append m\[key\] 1$' "$tmp/space" &&
	grep -Eq '1\.47MB .*line 5: append s 3$' "$tmp/space" &&
	grep -Eq '^ +1210 .*line 4: append m\[key\] 1$' "$tmp/objects" &&
	grep -Eq '^ +28 .*line 5: append s 3$' "$tmp/objects"
