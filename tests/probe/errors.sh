#!/bin/sh
# `gogrow probe` fails cleanly, with exit status 2 and a message that names
# the problem, when it has nothing to run; no Go toolchain is needed.
gogrow=$1
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-probe-err.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

expect() { # expect STATUS PATTERN ARGS...
	want=$1 pat=$2
	shift 2
	msg=$(PATH=${RUN_PATH:-$PATH} "$gogrow" "$@" 2>&1)
	st=$?
	if [ $st -ne "$want" ] || ! echo "$msg" | grep -q "$pat"; then
		echo "FAIL: gogrow $*: status $st (want $want), output: $msg"
		fail=1
	else
		echo "ok: gogrow $* -> $st"
	fi
}

expect 2 'needs --goroot' probe
expect 2 'no Go toolchain there' probe --goroot "$tmp/nowhere" --out "$tmp"
expect 2 'unknown GOARCH' probe --goroot "$tmp" --arch sparc
expect 2 'unknown file' probe --goroot "$tmp" --files layout,heap
printf 'int\tlayout\nstruct{a int; func init() {}}\tlayout\n' > "$tmp/bad.txt"
expect 2 'bad.txt:2' probe --goroot "$tmp" --types "$tmp/bad.txt" --out "$tmp"
printf 'int\tmakemap\n' > "$tmp/nomap.txt"
expect 2 'need a map type' probe --goroot "$tmp" --types "$tmp/nomap.txt" --out "$tmp"

# A toolchain that cannot build: the error names the arch and shows go's output.
mkdir -p "$tmp/fakego/bin"
printf '#!/bin/sh\necho "fake go: cannot build" >&2\nexit 1\n' > "$tmp/fakego/bin/go"
chmod +x "$tmp/fakego/bin/go"
: >"$tmp/plainfile"
expect 2 'not a directory' probe --goroot "$tmp/fakego" --out "$tmp/plainfile"
expect 2 'jobs must be between 1 and 256' probe --goroot "$tmp/fakego" --jobs 300
if [ "$(uname -m)" = x86_64 ]; then
	expect 4 'fake go: cannot build' probe --goroot "$tmp/fakego" --arch amd64 --files layout --out "$tmp"
fi
# A missing runner skips its arch with a warning; with nothing left, exit 2.
RUN_PATH=$tmp/nowhere expect 2 'arm skipped: qemu-arm-static (or qemu-arm) is not in PATH' probe --goroot "$tmp/fakego" --arch arm --out "$tmp"
RUN_PATH=$tmp/nowhere expect 2 'wasm skipped: node' probe --goroot "$tmp/fakego" --arch wasm --out "$tmp"
exit $fail
