#!/bin/sh
# Measures the standard-library types of main.go with real Go toolchains on
# every GOARCH (natively, under qemu-user-static, or under Node.js for wasm)
# and writes
#   tests/data/libtypes.tsv        every measurement (the test data)
#   src/model/libtypes_table.c     gogrow's table of the measured types
# Usage: run.sh [RELEASE...]    default: every /opt/go/1.NN installed
# Toolchains are /opt/go/RELEASE (GOROOT), GOTOOLCHAIN=local, CGO_ENABLED=0.
# An arch whose runner is missing is skipped with a warning; ARCHES=... in
# the environment narrows the list.
set -eu
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/../../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
[ $# -gt 0 ] || set -- $(ls /opt/go | sort -t. -k2 -n)
RELEASES=$*
ARCHES=${ARCHES:-"amd64 386 arm arm64 loong64 mips mipsle mips64 mips64le ppc64 ppc64le riscv64 s390x wasm"}
# Types gogrow defines by hand (src/model/named.c): measured to check those
# definitions, left out of the table.
HAND="sync.Mutex sync.RWMutex sync.Once atomic.Value atomic.Bool atomic.Int32 atomic.Int64 atomic.Uint32
atomic.Uint64 atomic.Uintptr atomic.Pointer[int] time.Time reflect.SliceHeader reflect.StringHeader"

runner() {
	case $1 in
	amd64) echo "" ;;
	386) # without the kernel's 32-bit support a 386 binary runs under qemu
		if [ -e /proc/sys/fs/binfmt_misc/qemu-i386 ] || ! command -v qemu-i386-static >/dev/null; then
			echo ""
		else
			echo qemu-i386-static
		fi ;;
	arm) echo qemu-arm-static ;;
	arm64) echo qemu-aarch64-static ;;
	loong64) echo qemu-loongarch64-static ;;
	mips) echo qemu-mips-static ;;
	mipsle) echo qemu-mipsel-static ;;
	mips64) echo qemu-mips64-static ;;
	mips64le) echo qemu-mips64el-static ;;
	ppc64) echo qemu-ppc64-static ;;
	ppc64le) echo qemu-ppc64le-static ;;
	riscv64) echo qemu-riscv64-static ;;
	s390x) echo qemu-s390x-static ;;
	wasm) echo node ;;
	esac
}

: >"$TMP/all.tsv"
measured=""
for rel in $RELEASES; do
	GOROOT=/opt/go/$rel
	for arch in $ARCHES; do
		r=$(runner "$arch")
		if [ -n "$r" ] && ! command -v "$r" >/dev/null; then
			echo "run.sh: no $r: $arch skipped" >&2
			continue
		fi
		bin=$TMP/libtypes-$rel-$arch
		goos=linux
		[ "$arch" = wasm ] && goos=js
		if ! (cd "$DIR" && GOROOT=$GOROOT GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=$goos GOARCH=$arch GOARM=7 \
			GOFLAGS= "$GOROOT/bin/go" build -o "$bin" .) 2>"$TMP/err"; then
			echo "run.sh: go$rel $arch does not build, skipped:" >&2
			cat "$TMP/err" >&2
			continue
		fi
		if [ "$arch" = wasm ]; then
			exec_js=$GOROOT/lib/wasm/wasm_exec_node.js
			[ -f "$exec_js" ] || exec_js=$GOROOT/misc/wasm/wasm_exec_node.js
			r="node $exec_js"
		fi
		if ! $r "$bin" >"$TMP/one.tsv" 2>"$TMP/err"; then
			echo "run.sh: go$rel $arch does not run, skipped:" >&2
			cat "$TMP/err" >&2
			continue
		fi
		cat "$TMP/one.tsv" >>"$TMP/all.tsv"
		echo "go$rel $arch measured" >&2
	done
	measured="$measured $rel"
done
newest=$(echo $measured | tr ' ' '\n' | sort -t. -k2 -n | tail -n 1)
python3 "$DIR/table.py" --api "/opt/go/$newest/api" --hand "$HAND" \
	--command "ARCHES='$ARCHES' tools/gen/libtypes/run.sh $RELEASES" \
	--tsv "$ROOT/tests/data/libtypes.tsv" --out "$ROOT/src/model/libtypes_table.c" <"$TMP/all.tsv"
if command -v clang-format >/dev/null; then
	clang-format -i "$ROOT/src/model/libtypes_table.c"
fi
