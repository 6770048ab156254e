#!/bin/sh
# gogrow simulate: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# simulate: the worked example of docs/simulate.md, errors with line:col, outputs.
printf '# map of slices double growth\nm = make(map[string][]int)\nrepeat 100000 {\n\tappend m[key(i %% 100)] 1\n}\n' >"$tmp/ex.sim"
# The outputs docs/simulate.md shows, run from $tmp so that the script name is as printed there.
cp "$tmp/ex.sim" "$tmp/mapofslices.sim"
cmp -s "$tmp/ex.sim" "$DIR/../../docs/examples/mapofslices.sim" && pass=$((pass + 1)) ||
	{ echo "FAIL: docs/examples/mapofslices.sim is not the script the goldens run" >&2; fail=$((fail + 1)); }
gabs=$(cd "$(dirname "$G")" && pwd)/$(basename "$G")
for v in 1.22 1.27; do
	(cd "$tmp" && "$gabs" simulate mapofslices.sim --go $v --events 14) >"$tmp/g" 2>&1
	if cmp -s "$tmp/g" "$DIR/golden/simulate_mapofslices_$v"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow simulate mapofslices.sim --go $v differs from golden/simulate_mapofslices_$v:" >&2
		diff "$DIR/golden/simulate_mapofslices_$v" "$tmp/g" | head -20 >&2
		fail=$((fail + 1))
	fi
done
expect 0 '1029464 live at the end, 2531512 allocated in total \(1211 objects\)' simulate "$tmp/ex.sim" --go 1.27
# Classic overflow buckets depend on the seed: the headline is simulated (the
# deterministic part is printed as a lower bound).
expect 0 'allocated in total 2532904 / 2533608 / 2534664' simulate "$tmp/ex.sim" --go 1.22
expect 0 'deterministic part \(a lower bound\).*2532552 allocated' simulate "$tmp/ex.sim" --go 1.22
expect 0 'overflow buckets beyond the preallocated spares' simulate "$tmp/ex.sim" --go 1.22
expect 0 'evacuation: m holds old buckets of up to [0-9]+ bytes' simulate "$tmp/ex.sim" --go 1.22 --arch 386
expect 0 '1200 growslice calls, 4 map grows' simulate "$tmp/ex.sim" --go 1.27
expect 0 'm: its own bytes 11752 / 12808 / 14920' simulate "$tmp/ex.sim" --go 1.22 --sim 1001
expect 0 'SIMULATED where the hash seed decides \(1 map, 21 random seeds' simulate "$tmp/ex.sim" --go 1.25 --sim 21 --arch 386 --noswissmap
# A million keys into a Swiss map: simulated past the first split (real
# go1.27 amd64, median of 21 maps: 75518648 bytes; it reported 74456, the
# first split's bytes, as the total).
printf 'm = make(map[int]int)\nrepeat 1000000 {\n set m[key(i)]\n}\n' >"$tmp/m1e6.sim"
expect 0 'allocated in total [0-9]+ / 7551[0-9]{4} / ' simulate "$tmp/m1e6.sim" --go 1.27
expect 0 '"total_alloc":7551[0-9]{4},' simulate "$tmp/m1e6.sim" --go 1.27 --json
expect 0 'classic map' simulate "$tmp/ex.sim" --go 1.24 --noswissmap
expect 2 'no classic map' simulate "$tmp/ex.sim" --go 1.26 --noswissmap
json simulate "$tmp/ex.sim" --json --go 1.23 --sim 11
expect 2 '--sim must be 1..10000 runs' simulate "$tmp/ex.sim" --sim 0
expect 0 '^ +4 +1210 +2531464 +append m\[key\(i % 100\)\] 1$' simulate "$tmp/ex.sim" --go 1.27
expect 0 'm\[\*\] +0 +growslice +0->1 +16' simulate "$tmp/ex.sim" --events 5
json simulate "$tmp/ex.sim" --json --go 1.22
json simulate "$tmp/ex.sim" --json --go 1.25 --arch arm
printf 's = make([]int, 0)\nappend s 5\n' | "$G" simulate - >"$tmp/out" 2>&1
if grep -q 'len 5 cap 6' "$tmp/out"; then pass=$((pass + 1)); else echo "FAIL: simulate - (stdin)" >&2; fail=$((fail + 1)); fi
printf 'm = make(map[int64]int64)\nrepeat 9 {\n set m[key(i %% 8)]\n}\n' >"$tmp/ow.sim"
expect 0 'to-table' simulate "$tmp/ow.sim" --go 1.26
expect 0 '0 map grows' simulate "$tmp/ow.sim" --go 1.27
printf 'm = make(map[int64]int64)\nrepeat 2000 {\n set m[key(i)]\n}\n' >"$tmp/big.sim"
expect 0 'growth past 897 keys depends on the hash seed' simulate "$tmp/big.sim"
printf 's = make([]int, 0)\nappend s 1/(i-i)\n' >"$tmp/e1.sim"
expect 2 'e1.sim:2:13: i is only defined inside a repeat block' simulate "$tmp/e1.sim"
printf 'repeat 3 {\n s = make([]int, 0)\n append s 1/(i-i)\n}\n' >"$tmp/e2.sim"
expect 2 'e2.sim:3:12: division by zero' simulate "$tmp/e2.sim"
printf 'repeat 100000 {\n repeat 100000 {\n  s = make([]int, 0)\n }\n}\n' >"$tmp/e3.sim"
expect 2 'e3.sim:2:2: the script runs more than 1000000000 loop iterations' simulate "$tmp/e3.sim"
printf 's = make([]byte, 0)\nappend s 2000000000\nappend s 200000000\n' >"$tmp/e4.sim"
expect 3 'e4.sim:3:1: runtime error: growslice: len out of range' simulate "$tmp/e4.sim" --arch 386
printf 's = make([]byte, 0)\nappend s 2147483647\n' >"$tmp/e6.sim"
expect 3 'e6.sim:2:1: growslice: the new cap wraps around' simulate "$tmp/e6.sim" --arch 386
printf 'x = make(map[[]int]int)\n' >"$tmp/e5.sim"
expect 2 'e5.sim:1:14: bad type: invalid map key' simulate "$tmp/e5.sim"
expect 2 'cannot open' simulate "$tmp/missing.sim"
expect 2 'does not apply to simulate' simulate "$tmp/ex.sim" --escape stack
# Several targets: one column each (go-major, arches in the order given), or a JSON array.
ex="$DIR/../../docs/examples"
expect 0 '^ +go1\.21/amd64 +go1\.21/386 +go1\.27/amd64 +go1\.27/386$' simulate "$ex/rows.sim" --go 1.21,1.27 --arch amd64,386
expect 0 '^allocated in total +19600 +16016 +19600 +16016$' simulate "$ex/rows.sim" --go 1.21,1.27 --arch amd64,386
expect 0 '^allocated in total +>=[0-9]+ +45984 +56032$' simulate "$ex/clone.sim" --go 1.21,1.24,1.27
"$G" simulate "$ex/clear.sim" --go 1.21,1.27 --arch amd64,386 --json >"$tmp/many.json" 2>&1
if python3 - "$tmp/many.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert [(r["go"], r["arch"]) for r in d] == [("go1.21", "amd64"), ("go1.21", "386"), ("go1.27", "amd64"), ("go1.27", "386")], d
assert d[2]["total_alloc"] == 41192 and d[3]["total_alloc"] == 22128, d
assert all("timeline" in r for r in d)
PY
then pass=$((pass + 1)); else echo "FAIL: simulate --json with several targets" >&2; fail=$((fail + 1)); fi
expect 2 'draw one run' simulate "$tmp/ex.sim" --go 1.22,1.27 --svg "$tmp/x.svg"
printf 's = make([]byte, 0)\nappend s 2000000000\nappend s 200000000\n' >"$tmp/e7.sim"
expect 3 'e7.sim:3:1: go1.27/386: runtime error: growslice: len out of range' simulate "$tmp/e7.sim" --arch amd64,386
"$G" simulate "$tmp/e7.sim" --arch amd64,386 >"$tmp/out" 2>/dev/null
if [ ! -s "$tmp/out" ]; then pass=$((pass + 1)); else echo "FAIL: a failing target printed on stdout" >&2; fail=$((fail + 1)); fi
# The new constructs: named counters, rows, clear, clone (docs/examples/ are checked against real Go in test_workload).
printf 'repeat 3 as i {\n}\n' >"$tmp/n1.sim"
expect 2 'n1.sim:1:13: i is a keyword, not a counter name' simulate "$tmp/n1.sim"
printf 'rows = make([][]byte, 3)\nrepeat 4 as r {\n append rows[r] 1\n}\n' >"$tmp/n2.sim"
expect 3 'n2.sim:3:9: panic: runtime error: index out of range \[3\] with length 3' simulate "$tmp/n2.sim"
expect 0 '^rows\[\*\] +slices in the entries +slices +401 +12048 +6448 +401 +101 non-nil slices$' simulate "$ex/rows.sim"
expect 0 ' m +clear +0 +0 +' simulate "$ex/clear.sim" --events -1
expect 0 ' c +clone +18520 +0 +37040$' simulate "$ex/clone.sim" --events -1 --go 1.27
expect 0 ' rows +clear +0 +1200 +' simulate "$ex/clear.sim" --events -1
expect 0 '"name":"rows","type":"\[\]\[\]byte","kind":"slice".*"entries":\{"allocs":401,"allocated":12048' simulate "$ex/rows.sim" --json
expect 0 '^allocated in total +63200 +63152$' simulate "$ex/local.sim" --go 1.24,1.25
expect 0 ' t +stack-buffer +0->4 +0 +' simulate "$ex/local.sim" --go 1.25 --events 60
printf 'repeat 3 {\n local s = make([]int, i)\n}\n' >"$tmp/n3.sim"
expect 2 'n3.sim:2:8: a local make needs a constant size' simulate "$tmp/n3.sim"
expect 2 'exactly one script' simulate
expect 0 'Usage: gogrow simulate' simulate --help
"$G" simulate "$tmp/ex.sim" --svg "$tmp/live.svg" >/dev/null 2>&1
if grep -q '</svg>' "$tmp/live.svg" 2>/dev/null; then pass=$((pass + 1)); else echo "FAIL: simulate --svg" >&2; fail=$((fail + 1)); fi
"$G" simulate "$tmp/ex.sim" --go 1.22 --trace "$tmp/trace.json" >/dev/null 2>&1
if python3 - "$tmp/trace.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ev = d["traceEvents"]
assert isinstance(ev, list) and ev
for e in ev:
    for k in ("name", "ph", "ts", "pid", "tid"):
        assert k in e, (k, e)
grows = [e for e in ev if e["ph"] == "X" and e["name"] == "growslice"]
assert len(grows) == 1200 and all("bytes" in e["args"] for e in grows)
assert any(e["ph"] == "C" and e["name"] == "live heap" for e in ev)
names = {e["args"]["name"] for e in ev if e["name"] == "thread_name"}
assert names == {"m map[string][]int", "slices in m"}, names
# a classic grow lasts until its old buckets are evacuated
assert [e["dur"] for e in ev if e["name"] == "double"] == [1, 2, 4, 8]
PY
then pass=$((pass + 1)); else echo "FAIL: simulate --trace" >&2; fail=$((fail + 1)); fi
expect 2 'cannot write' simulate "$tmp/ex.sim" --trace "$tmp/no/such/dir/t.json"
printf 'm = make(map[string][]int)\ns = make([]byte, 0)\nrepeat 100000 {\n\tappend m[key(i %% 100)] 1\n\tappend s 3\n}\n' >"$tmp/w.sim"
"$G" simulate "$tmp/w.sim" --go 1.27 --pprof "$tmp/p.pb.gz" >/dev/null 2>&1
# The profile without Go: gzip magic, then profile.proto decoded field by field.
if python3 - "$tmp/p.pb.gz" <<'PY'
import gzip, sys
raw = open(sys.argv[1], "rb").read()
assert raw[:2] == b"\x1f\x8b", "not gzip"
data = gzip.decompress(raw)

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7F) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    i, out = 0, []
    while i < len(b):
        k, i = varint(b, i)
        f, w = k >> 3, k & 7
        if w == 0:
            v, i = varint(b, i)
        elif w == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        else:
            raise ValueError("wire type %d" % w)
        out.append((f, v))
    return out

def packed(b):
    i, out = 0, []
    while i < len(b):
        v, i = varint(b, i); out.append(v)
    return out

top = fields(data)
strings = [v.decode() for f, v in top if f == 6]
assert strings[0] == ""
stypes = [dict(fields(v)) for f, v in top if f == 1]
assert [(strings[t[1]], strings[t[2]]) for t in stypes] == [("alloc_objects", "count"), ("alloc_space", "bytes")]
funcs = {}
for f, v in top:
    if f == 5:
        d = dict(fields(v)); funcs[d[1]] = strings[d[2]]
locs = {}
for f, v in top:
    if f == 4:
        d = fields(v); lid = dict(d)[1]
        line = dict(fields(dict(d)[4])); locs[lid] = (funcs[line[1]], line[2])
samples = []
for f, v in top:
    if f == 2:
        d = dict(fields(v)); samples.append((locs[packed(d[1])[0]], packed(d[2])))
want = [(("line 1: m = make(map[string][]int)", 1), [1, 48]),
        (("line 4: append m[key(i % 100)] 1", 4), [1210, 2531480]),
        (("line 5: append s 3", 5), [28, 1538800])]
assert samples == want, samples
PY
then pass=$((pass + 1)); else echo "FAIL: simulate --pprof (protobuf structure)" >&2; fail=$((fail + 1)); fi


# A directory is not a script (it used to run as an empty one and exit 0).
expect 2 'cannot read .*: Is a directory' simulate "$tmp"

finish
