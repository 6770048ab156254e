#!/bin/sh
# Does `gogrow probe --kind KIND` reproduce the committed vectors? Runs it
# with the toolchains the committed rows name (go1.24.4 X:noswissmap ->
# $GO_PREFIX/1.24@noswissmap; GO_PREFIX defaults to /opt/go) and compares:
#
#   map, mapstack  deterministic: the amd64 and 386 rows byte for byte
#                  (mapalloc_probe.tsv, mapfill_probe.tsv, mapstack.tsv);
#   types          the default corpus on $GOGROW_TEST_GOROOT (default
#                  $GO_PREFIX/1.22): the amd64 and 386 rows of
#                  tests/data/probe/go1.N and probe-maps/go1.N byte for byte;
#   churn          seeded: per (go, n, k) and measured column, the new
#                  median lies within the committed runs' range and the
#                  committed median within the new runs' range.
#
# Skipped (exit 77) when a toolchain is missing or is another patch release
# than the committed rows (the go column would differ).
# Usage: repro.sh GOGROW DATA_DIR KIND
gogrow=$1 data=$2 kind=$3
prefix=${GO_PREFIX:-/opt/go}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gogrow-probe-repro.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# goroots FILE...: the --goroot list for the go columns of FILE, in order.
goroots() {
	list=""
	for rel in $(grep -hv '^#\|^go	' "$@" | cut -f1 | awk '!seen[$0]++' | tr ' ' '@'); do
		ver=${rel%%@*}
		minor=$(echo "$ver" | sed 's/^go1\.\([0-9]*\).*/\1/')
		dir=$prefix/1.$minor
		if [ ! -x "$dir/bin/go" ]; then
			echo "SKIP: no Go toolchain at $dir (for $ver)" >&2
			exit 77
		fi
		have=$(head -1 "$dir/VERSION")
		if [ "$have" != "$ver" ]; then
			echo "SKIP: $dir is $have, the committed rows are $ver" >&2
			exit 77
		fi
		entry=$dir
		case $rel in *@X:*) entry="$dir@${rel#*@X:}" ;; esac
		list="$list${list:+,}$entry"
	done
	echo "$list"
}

# same FILE [COMMITTED [SKIP]]: the probe's FILE equals the committed one's
# amd64 and 386 rows (and # lines) after its first SKIP (default 1) lines.
same() {
	committed=${2:-$(find "$data" -name "$1" | head -1)}
	from=$((${3:-1} + 1))
	tail -n +$from "$committed" | awk -F'\t' '/^#/ || NR == 1 || $2 == "amd64" || $2 == "386"' >"$tmp/want"
	tail -n +$from "$tmp/out/$1" >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then
		echo "ok: $1: $(($(wc -l <"$tmp/got") - 1)) rows equal the committed amd64 and 386 rows"
	else
		echo "FAIL: $1 differs from $committed (amd64 and 386 rows):"
		diff "$tmp/want" "$tmp/got" | head -20
		fail=1
	fi
}

# spread COMMITTED NEW: the churn statistics agree (see above).
spread() {
	awk -F'\t' -v what="$2 vs $1" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return a[int((n + 1) / 2)]
	}
	FNR <= 2 { if (FNR == 2) for (c = 6; c <= NF; c++) col[c] = $c; next }
	{
		g = $1 SUBSEP $3 SUBSEP $4; groups[g] = 1
		for (c = 6; c <= NF; c++) {
			k = FILENAME == ARGV[1] ? "old" : "new"
			n = ++cnt[k, g, c]; v[k, g, c, n] = $c + 0
			if (!((k, g, c) in lo) || $c + 0 < lo[k, g, c]) lo[k, g, c] = $c + 0
			if (!((k, g, c) in hi) || $c + 0 > hi[k, g, c]) hi[k, g, c] = $c + 0
			last = NF
		}
	}
	END {
		bad = 0
		for (g in groups) for (c = 6; c <= last; c++) {
			if (!cnt["old", g, c] || !cnt["new", g, c]) { split(g, p, SUBSEP); print "FAIL: " p[1] " " p[2] "," p[3] ": rows on one side only"; bad = 1; continue }
			for (k = 1; k <= 2; k++) { s = k == 1 ? "old" : "new"; delete a; for (i = 1; i <= cnt[s, g, c]; i++) a[i] = v[s, g, c, i]; m[s] = median(a, cnt[s, g, c]) }
			if (m["new"] < lo["old", g, c] || m["new"] > hi["old", g, c] || m["old"] < lo["new", g, c] || m["old"] > hi["new", g, c]) {
				split(g, p, SUBSEP)
				printf "FAIL: %s %s,%s %s: median %.0f (range %.0f..%.0f) vs committed %.0f (range %.0f..%.0f)\n", p[1], p[2], p[3], col[c], m["new"], lo["new", g, c], hi["new", g, c], m["old"], lo["old", g, c], hi["old", g, c]
				bad = 1
			}
			checked++
		}
		if (!bad) printf "ok: %s: %d (go, n, k, column) medians within each other'"'"'s range\n", what, checked
		exit bad
	}' "$1" "$2" || fail=1
}

fail=0
case $kind in
map)
	roots=$(goroots "$data/validation/mapalloc_probe.tsv") || exit $?
	"$gogrow" probe --kind map --goroot "$roots" --arch amd64,386 --out "$tmp/out" 2>"$tmp/log" ||
		{ cat "$tmp/log"; exit 1; }
	same mapalloc_probe.tsv
	same mapfill_probe.tsv
	;;
types)
	goroot=${GOGROW_TEST_GOROOT:-$prefix/1.22}
	[ -x "$goroot/bin/go" ] || { echo "SKIP: no Go toolchain at $goroot"; exit 77; }
	rel=$(head -1 "$goroot/VERSION")
	minor=$(echo "$rel" | sed 's/^go1\.\([0-9]*\).*/\1/')
	d=$data/probe/go1.$minor m=$data/probe-maps/go1.$minor
	if ! grep -q "^# $rel, " "$d/layout.tsv" 2>/dev/null; then
		echo "SKIP: $goroot is $rel; tests/data/probe/go1.$minor holds another release or none"
		exit 77
	fi
	"$gogrow" probe --goroot "$goroot" --arch amd64,386 --jobs 2 --out "$tmp/out" 2>"$tmp/log" ||
		{ cat "$tmp/log"; exit 1; }
	for f in layout growth append; do same $f.tsv "$d/$f.tsv" 2; done
	for f in makemap mapgrow; do same $f.tsv "$m/$f.tsv" 2; done
	;;
mapstack)
	roots=$(goroots "$data/validation/mapstack.tsv") || exit $?
	"$gogrow" probe --kind mapstack --goroot "$roots" --arch amd64,386 --out "$tmp/out" 2>"$tmp/log" ||
		{ cat "$tmp/log"; exit 1; }
	same mapstack.tsv
	;;
churn)
	c=$data/churn
	# committed file, arches, --local, output file
	for set in "mapchurn.tsv amd64 - mapchurn.tsv" "mapchurn_386.tsv 386 - mapchurn.tsv" \
		"mapchurn_classic.tsv amd64 - mapchurn_classic.tsv" "mapchurn_local.tsv amd64 --local mapchurn_local.tsv"; do
		set -- $set
		roots=$(goroots "$c/$1") || exit $?
		local=""
		[ "$3" = --local ] && local=--local
		rm -rf "$tmp/out"
		"$gogrow" probe --kind churn --goroot "$roots" --arch "$2" $local --out "$tmp/out" 2>"$tmp/log" ||
			{ cat "$tmp/log"; exit 1; }
		spread "$c/$1" "$tmp/out/$4"
	done
	;;
*)
	echo "unknown kind $kind"
	exit 2
	;;
esac
exit $fail
