#!/bin/sh
# How `gogrow probe` runs its binaries, checked with a fake toolchain (no Go
# needed): a binary the kernel cannot execute (ENOEXEC) is reported with
# its errno and what was tried, qemu-user is tried next, the arches that
# worked are still written, --out is created, --timeout kills a run and
# names its type, --jobs gives the same files, progress is one line per type.
#
# The fake `go build -o BIN` writes a shell script that prints probe rows,
# or, for the arches in $FAKE_BAD, bytes no kernel executes. A fake
# qemu-i386-static prints the 386 rows. PATH holds only the fake tools, so
# no real qemu on the host can interfere.
gogrow=$1
fail=0
case $(uname -m) in x86_64) ;; *)
	echo "SKIP: the fake binaries stand for amd64 and 386 and need an x86-64 host"
	exit 77
	;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-probe-run.XXXXXX") || exit 1
trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
SLEEP=$(command -v sleep) CHMOD=$(command -v chmod)

# fake_probe ARCH: a probe binary for ARCH; FAKE_SLEEP=I makes type I hang,
# writing its pid to $FAKE_PIDFILE first; FAKE_127=ARCH makes ARCH's binary
# exit 127 as a broken loader would.
fake_probe() {
	cat <<SCRIPT
#!/bin/sh
arch=$1
[ "\$FAKE_127" = "\$arch" ] && exit 127
if [ "\$1" = -version ]; then echo "go1.99.0 \$arch"; exit 0; fi
if [ "\$1" = "\$FAKE_SLEEP" ]; then echo \$\$ >"\$FAKE_PIDFILE"; exec $SLEEP 30; fi
printf 'layout\t%s\tgo1.99.0\t%s\tT%s\t8\t8\t-\t0\n' "\$1" "\$arch" "\$1"
printf 'growth\t%s\tgo1.99.0\t%s\tT%s\t1,2,4\n' "\$1" "\$arch" "\$1"
SCRIPT
}

mkdir -p "$tmp/go/bin" "$tmp/bin" "$tmp/qemu"
cat >"$tmp/go/bin/go" <<SCRIPT
#!/bin/sh
# fake go: build -o BIN .
case " \$FAKE_BAD " in
*" \$GOARCH "*) printf '\\177ELF not really\\n' >"\$3" ;;
*) sed "s/@ARCH@/\$GOARCH/" "$tmp/probe.in" >"\$3" ;;
esac
$CHMOD +x "\$3"
SCRIPT
fake_probe @ARCH@ >"$tmp/probe.in"
# sed is the one outside tool the fake go uses.
ln -s "$(command -v sed)" "$tmp/bin/sed"
{
	echo '#!/bin/sh'
	echo '[ -f "$1" ] || exit 3'
	echo 'shift'
	echo 'unset FAKE_127'
	fake_probe 386 | tail -n +2
} >"$tmp/qemu/qemu-i386-static"
chmod +x "$tmp/go/bin/go" "$tmp/qemu/qemu-i386-static"
printf 'int\tlayout,growth\nstring\tlayout,growth\nbool\tlayout\n' >"$tmp/types.txt"

# run NAME WANT-STATUS PATH ARGS...: output in $tmp/NAME.log
run() {
	name=$1 want=$2 path=$3
	shift 3
	PATH=$path "$gogrow" probe --goroot "$tmp/go" --types "$tmp/types.txt" "$@" >"$tmp/$name.log" 2>&1
	st=$?
	if [ $st -ne "$want" ]; then
		echo "FAIL: $name: status $st (want $want):"
		cat "$tmp/$name.log"
		fail=1
	fi
}
has() { # has NAME PATTERN: the log of NAME matches
	if ! grep -q -- "$2" "$tmp/$1.log"; then
		echo "FAIL: $1: no \"$2\" in:"
		cat "$tmp/$1.log"
		fail=1
	fi
}
rows() { # rows FILE ARCH: data rows of ARCH in FILE
	grep -c "^go1.99.0	$2	" "$1"
}

# 386 cannot execute and no qemu: the errno and what was tried are named,
# amd64's rows are written into the --out folder, which did not exist.
FAKE_BAD=386 run noqemu 4 "$tmp/bin" --arch amd64,386 --out "$tmp/o1/sub"
has noqemu '386: cannot run the probe binary'
has noqemu 'Exec format error (ENOEXEC)'
has noqemu 'qemu-i386-static: not in PATH'
has noqemu 'failed: 386; the files hold the other arches'
[ "$(rows "$tmp/o1/sub/layout.tsv" amd64)" = 3 ] && [ "$(rows "$tmp/o1/sub/layout.tsv" 386)" = 0 ] ||
	{ echo "FAIL: noqemu: layout.tsv should hold the 3 amd64 rows only"; fail=1; }
grep -q '^# go1.99.0, arches: amd64$' "$tmp/o1/sub/layout.tsv" || { echo "FAIL: noqemu: header"; fail=1; }

# The same with qemu-i386-static on PATH: 386 runs under it.
FAKE_BAD=386 run qemu 0 "$tmp/bin:$tmp/qemu" --arch amd64,386 --out "$tmp/o2"
has qemu '386: go1.99.0, built in .*, runs qemu-i386-static (after: native: execve .*Exec format error (ENOEXEC)'
[ "$(rows "$tmp/o2/growth.tsv" 386)" = 3 ] && [ "$(rows "$tmp/o2/growth.tsv" amd64)" = 3 ] ||
	{ echo "FAIL: qemu: growth.tsv should hold 3 rows per arch"; fail=1; }

# A binary that starts but exits 127 (a missing loader, say) falls back too.
FAKE_127=386 run exit127 0 "$tmp/bin:$tmp/qemu" --arch 386 --out "$tmp/o3"
has exit127 'runs qemu-i386-static (after: .*native: exit status 127'

# Progress: one line per type on a pipe; --jobs 2 writes the same files.
has qemu 'amd64 \[3/3\] bool'
FAKE_BAD=386 run jobs 0 "$tmp/bin:$tmp/qemu" --arch amd64,386 --jobs 2 --out "$tmp/o4"
for f in layout growth; do
	cmp -s "$tmp/o2/$f.tsv" "$tmp/o4/$f.tsv" || { echo "FAIL: --jobs 2: $f.tsv differs"; fail=1; }
done

# A run past --timeout is killed and named; the arch's results are left out.
FAKE_SLEEP=1 run timeout 4 "$tmp/bin" --arch amd64 --timeout 1 --out "$tmp/o5"
has timeout 'amd64: string (type 1): killed after 1 s (--timeout 1)'
has timeout 'amd64: 2 of 3 types measured'
[ ! -e "$tmp/o5/layout.tsv" ] || { echo "FAIL: timeout: layout.tsv written for a failed arch"; fail=1; }

# ^C (SIGINT) kills the running children and exits 130.
FAKE_SLEEP=1 FAKE_PIDFILE=$tmp/pid PATH=$tmp/bin "$gogrow" probe --goroot "$tmp/go" --types "$tmp/types.txt" \
	--arch amd64 --out "$tmp/o6" >"$tmp/int.log" 2>&1 &
gpid=$!
n=0 # (a guard against waiting forever, not a timing check)
while [ ! -s "$tmp/pid" ] && [ $n -lt 300 ]; do $SLEEP 0.1; n=$((n + 1)); done
kill -INT $gpid
wait $gpid
st=$?
if [ $st -ne 130 ] || ! grep -q 'interrupted' "$tmp/int.log" || kill -0 "$(cat "$tmp/pid")" 2>/dev/null; then
	echo "FAIL: SIGINT: status $st (want 130), the hanging run $(kill -0 "$(cat "$tmp/pid")" 2>/dev/null && echo survived || echo was killed):"
	cat "$tmp/int.log"
	fail=1
fi

# Bad values are usage errors.
run jobs0 2 "$tmp/bin" --jobs 0
has jobs0 'jobs must be between 1 and 256'
run timeoutneg 2 "$tmp/bin" --timeout -1
has timeoutneg 'timeout must be'
: >"$tmp/file"
run outfile 2 "$tmp/bin" --out "$tmp/file"
has outfile 'not a directory'
[ $fail = 0 ] && echo "all probe runner checks passed"
exit $fail
