#!/bin/sh
# gogrow audit: end-to-end (see lib.sh), on the heap profiles recorded from
# the Go programs in tests/data/audit/src (tools/gen/audit/run.sh).
#
# The expected figures are the profiles' own samples as `go tool pprof -raw`
# lists them, summed per size at each line, and what the programs do:
# fillInts appends 1000 int64, fillPoints 300 24-byte structs, fillNames 200
# strings, fillIndex puts 600 keys in a map[int64]int64 made without a hint,
# 10 times each (exact profiles, MemProfileRate=1) or 3000 times (sampled);
# fillPresized makes its slice and map with the right size and must not be
# reported. "saved" is every allocation but the final one of each fill (for
# a classic map, also not the overflow buckets of its first-bucket size).
. "$(dirname "$0")/lib.sh"
DATA=$DIR/../data/audit

# check PROFILE GO SPEC: the JSON report must name exactly the sites of SPEC
# (python dict literal: line -> expected fields; "exact" compares bytes,
# objects and saved exactly, "scale" checks bytes within 3 sigma of scale
# times the exact figure).
check() {
	prof=$1 go=$2 spec=$3
	"$G" audit "$DATA/$prof" --go "$go" --json >"$tmp/a.json" 2>"$tmp/a.err"
	if python3 - "$tmp/a.json" "$spec" <<'PY'; then
import json, sys
got = json.load(open(sys.argv[1]))
spec = eval(sys.argv[2])
sites = {g["line"]: g for g in got["growth"]}
bad = []
if sorted(sites) != sorted(spec):
    bad.append("sites %s, want %s" % (sorted(sites), sorted(spec)))
for line, want in spec.items():
    g = sites.get(line)
    if not g:
        continue
    if g["func"] != want["func"] or g["kind"] != want["kind"]:
        bad.append("line %d: %s %s" % (line, g["func"], g["kind"]))
    unit = g.get("elem", g.get("bucket", g.get("group")))
    if not g["unit_min"] <= want["unit"] <= g["unit_max"]:
        bad.append("line %d: unit %d (%d-%d), want %d" % (line, unit, g["unit_min"], g["unit_max"], want["unit"]))
    if "n" in want and not g["len_min"] <= want["n"] <= g["len_max"]:
        bad.append("line %d: final len %d-%d, want %d inside" % (line, g["len_min"], g["len_max"], want["n"]))
    for k in ("objects", "bytes", "saved", "make_cap", "make_hint", "steps"):
        if k in want and g.get(k) != want[k]:
            bad.append("line %d: %s %s, want %s" % (line, k, g.get(k), want[k]))
    if "scale" in want:
        exp = want["scale"] * want["exact_bytes"]
        err = g["bytes_err"]
        if not (0 < err < 0.15 * exp) or abs(g["bytes"] - exp) > 3 * err:
            bad.append("line %d: bytes %d +- %d, want %d within 3 sigma" % (line, g["bytes"], err, exp))
for b in bad:
    print("    " + b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow audit $prof --go $go" >&2
		cat "$tmp/a.err" >&2
		fail=$((fail + 1))
	fi
}

SLICES='29: dict(func="main.fillInts", kind="slice", unit=8, n=1000, objects=115, bytes=252080, saved=149680, make_cap=1280, steps=11),
37: dict(func="main.fillPoints", kind="slice", unit=24, n=300, objects=100, bytes=245520, saved=122640, steps=10),
45: dict(func="main.fillNames", kind="slice", unit=16, n=200, objects=90, bytes=93280, saved=44640, make_cap=303, steps=9)'
check classic-go1.22.pb.gz 1.22 "{$SLICES,
53: dict(func=\"main.fillIndex\", kind=\"classic\", unit=144, n=600, objects=442, bytes=432464, saved=204640, make_hint=832, steps=8)}"
check swiss-go1.27.pb.gz 1.27 "{$SLICES,
53: dict(func=\"main.fillIndex\", kind=\"swiss\", unit=136, n=600, objects=160, bytes=374640, saved=188000, make_hint=896, steps=8)}"

SAMPLED='29: dict(func="main.fillInts", kind="slice", unit=8, n=1000, scale=300, exact_bytes=252080),
37: dict(func="main.fillPoints", kind="slice", unit=24, n=300, scale=300, exact_bytes=245520),
45: dict(func="main.fillNames", kind="slice", unit=16, scale=300, exact_bytes=93280)'
check classic-go1.22-sampled.pb.gz 1.22 "{$SAMPLED,
53: dict(func=\"main.fillIndex\", kind=\"classic\", unit=144, n=600, scale=300, exact_bytes=432464)}"
check swiss-go1.27-sampled.pb.gz 1.27 "{$SAMPLED,
53: dict(func=\"main.fillIndex\", kind=\"swiss\", unit=136, n=600, scale=300, exact_bytes=374640)}"

# Text and TSV name the same sites; the presized lines (59, 63, 65) never.
expect 0 'main.fillInts main.go:29 +slice +elem 8 B' audit "$DATA/classic-go1.22.pb.gz" --go 1.22
expect 0 'every allocation recorded' audit "$DATA/swiss-go1.27.pb.gz" --go 1.27
expect 0 'sampled every 524288 bytes' audit "$DATA/swiss-go1.27-sampled.pb.gz" --go 1.27
"$G" audit "$DATA/classic-go1.22.pb.gz" --go 1.22 --tsv >"$tmp/t" 2>&1
if [ "$(wc -l <"$tmp/t")" -eq 5 ] && ! grep -q 'main.go:\(59\|63\|65\|51\)' "$tmp/t"; then
	pass=$((pass + 1))
else
	echo "FAIL: audit --tsv: want a header and 4 growth sites, none presized:" >&2
	cat "$tmp/t" >&2
	fail=$((fail + 1))
fi
json audit "$DATA/swiss-go1.27-sampled.pb.gz" --go 1.27 --json

# Bad input: a clear error and exit status 2, never a crash.
expect 2 'does not record its Go release.*--go' audit "$DATA/classic-go1.22.pb.gz"
expect 2 'needs one PROFILE' audit
expect 2 'cannot open' audit "$tmp/nonexistent.pb.gz" --go 1.22
printf 'not a profile\n' >"$tmp/text"
expect 2 'not a gzipped profile' audit "$tmp/text" --go 1.22
head -c 300 "$DATA/classic-go1.22.pb.gz" >"$tmp/trunc.gz"
expect 2 'corrupt or truncated gzip' audit "$tmp/trunc.gz" --go 1.22
# Valid gzip around a protobuf cut short in the middle of a field.
gzip -dc "$DATA/classic-go1.22.pb.gz" | head -c 1001 | gzip >"$tmp/cut.gz"
expect 2 'malformed or truncated protobuf' audit "$tmp/cut.gz" --go 1.22
printf 'hello, world' | gzip >"$tmp/garbage.gz"
expect 2 'malformed or truncated protobuf' audit "$tmp/garbage.gz" --go 1.22
# A CPU profile's sample types: samples/count, cpu/nanoseconds.
printf '\012\004\010\001\020\002\012\004\010\003\020\004\062\000\062\007samples\062\005count\062\003cpu\062\013nanoseconds' |
	gzip >"$tmp/cpu.gz"
expect 2 'not a heap profile' audit "$tmp/cpu.gz" --go 1.22
expect 2 'one release and one arch' audit "$DATA/classic-go1.22.pb.gz" --go 1.21,1.22
expect 2 'unsupported release 1.99' audit "$DATA/classic-go1.22.pb.gz" --go 1.99

finish
