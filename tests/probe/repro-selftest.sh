#!/bin/sh
# Checks tests/probe/repro.sh itself without Go: fake toolchains under a
# fake GO_PREFIX whose "programs" replay the committed rows of their release
# and arch (so repro.sh must find them equal), then replay them with every
# churn bytes value doubled and one mapstack row changed (so it must fail).
gogrow=$1 data=$2 here=$(dirname "$0")
case $(uname -m) in x86_64) ;; *)
	echo "SKIP: the fake binaries stand for amd64 and 386 and need an x86-64 host"
	exit 77
	;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-repro-self.XXXXXX") || exit 1
trap '[ -n "$KEEP" ] || rm -rf "$tmp"' EXIT
fail=0

# The fake binary: prints "PREFIX<TAB>row" for the committed rows of its go
# column (the release, plus " X:noswissmap" under that GOEXPERIMENT) and
# arch; which files and prefixes depends on its arguments, as the real
# programs' output does. $FAKE_SED edits the rows.
cat >"$tmp/bin.in" <<'SCRIPT'
#!/bin/sh
ver=@REL@
[ "$GOEXPERIMENT" = noswissmap ] && ver="$ver X:noswissmap"
if [ "$1" = -version ]; then echo "$ver @ARCH@"; exit 0; fi
rows() { grep "^$ver	@ARCH@	" "$1" | sed "s/^/$2	/; ${FAKE_SED:-}"; }
v=@DATA@/validation c=@DATA@/churn
case "@FLAGS@ $*" in
*-gcflags=-m*) rows $v/mapstack.tsv S ;;
*local*) rows $c/mapchurn_local.tsv L ;;
*classic\ 41*) rows $c/mapchurn_classic.tsv K ;;
*swiss* | *classic*) rows $v/mapalloc_probe.tsv A; rows $v/mapfill_probe.tsv F ;;
*) rows $c/mapchurn.tsv C; rows $c/mapchurn_386.tsv C ;;
esac
SCRIPT
data_abs=$(cd "$data" && pwd)
for rel in go1.19.8 go1.21.13 go1.22.12 go1.24.4 go1.25.12 go1.26.11 go1.27.4; do
	minor=$(echo "$rel" | sed 's/^go1\.\([0-9]*\).*/\1/')
	d=$tmp/go/1.$minor
	mkdir -p "$d/bin"
	echo "$rel" >"$d/VERSION"
	{
		echo '#!/bin/sh'
		echo 'shift; flags=""'
		echo 'while [ "$1" != -o ]; do flags="$flags$1 "; shift; done'
		echo "sed -e \"s|@REL@|$rel|; s|@ARCH@|\$GOARCH|g; s|@FLAGS@|\$flags|; s|@DATA@|$data_abs|g\" '$tmp/bin.in' >\"\$2\""
		echo 'chmod +x "$2"'
	} >"$d/bin/go"
	chmod +x "$d/bin/go"
done

for kind in map mapstack churn; do
	if GO_PREFIX=$tmp/go sh "$here/repro.sh" "$gogrow" "$data" $kind >"$tmp/$kind.log" 2>&1; then
		echo "ok: replayed $kind rows reproduce: $(grep -c '^ok' "$tmp/$kind.log") checks"
	else
		echo "FAIL: replayed $kind rows do not reproduce:"
		cat "$tmp/$kind.log"
		fail=1
	fi
done
# Doubled churn bytes must be caught, and so must one changed mapstack row.
if FAKE_SED='s/^\(C\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t\)\([0-9]*\)/\1\2\2/' GO_PREFIX=$tmp/go \
	sh "$here/repro.sh" "$gogrow" "$data" churn >"$tmp/bad.log" 2>&1 || ! grep -q 'FAIL: go1.24.4 100,10000 bytes' "$tmp/bad.log"; then
	echo "FAIL: changed churn bytes were not caught:"
	head -5 "$tmp/bad.log"
	fail=1
else
	echo "ok: changed churn bytes caught"
fi
if FAKE_SED='s/^\(S\tgo1.22.12\tamd64\tmap\[int64\]int64\tsmall\t9\t\)[0-9]*/\1999999/' GO_PREFIX=$tmp/go \
	sh "$here/repro.sh" "$gogrow" "$data" mapstack >"$tmp/bad2.log" 2>&1 || ! grep -q '999999' "$tmp/bad2.log"; then
	echo "FAIL: a changed mapstack row was not caught:"
	head -5 "$tmp/bad2.log"
	fail=1
else
	echo "ok: a changed mapstack row caught"
fi
exit $fail
