#!/bin/sh
# Every docs/examples/*.sim run by `gogrow simulate --runtime --json` for
# each release on this host (and noswissmap where it exists): every figure
# the model calls exact and the runtime can measure must be equal, as
# recomputed here from the JSON (not from the command's own count), the
# command must not report a mismatch (exit 1), and each script must have
# figures checked. Usage: sh simulate_runtime_examples.sh GOGROW EXAMPLES_DIR
G=$1
EX=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0
for f in "$EX"/*.sim; do
	for v in 1.19 1.21 1.22 1.23 1.24 1.25 1.26 1.27 1.24n 1.25n; do
		case $v in *n) opt=--noswissmap v=${v%n} ;; *) opt= ;; esac
		"$G" simulate --runtime "$f" --go "$v" $opt --json >"$tmp/$(basename "$f").$v$opt.json" 2>"$tmp/err"
		rc=$?
		runs=$((runs + 1))
		# clone needs go1.21: its refusal on 1.19 is an answer, not a failure.
		if [ $rc -eq 2 ] && grep -q 'needs go1.21' "$tmp/err"; then
			rm "$tmp/$(basename "$f").$v$opt.json"
			continue
		fi
		if [ $rc -ne 0 ]; then
			echo "FAIL: simulate --runtime $f --go $v $opt: exit $rc" >&2
			cat "$tmp/err" >&2
			fail=$((fail + 1))
		fi
	done
done
python3 - "$tmp" <<'PY' || fail=$((fail + 1))
import glob, json, os, sys
checked, bad, per_script = 0, 0, {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    a = json.load(open(path))
    name = os.path.basename(path)
    figs = [(k, a[k]) for k in ("total_alloc", "objects", "peak_live", "final_live")]
    for s in a["sites"]:
        figs += [("line %d bytes" % s["line"], s["bytes"]), ("line %d objects" % s["line"], s["objects"])]
    for what, f in figs:
        if f["exact"] and f["comparable"]:
            checked += 1
            per_script[name.split(".sim")[0]] = per_script.get(name.split(".sim")[0], 0) + 1
            if f["model"] != f["runtime"]:
                bad += 1
                print("FAIL: %s %s: model %d, runtime %d" % (name, what, f["model"], f["runtime"]), file=sys.stderr)
scripts = {os.path.basename(p).split(".sim")[0] for p in glob.glob(os.path.join(sys.argv[1], "*.json"))}
for s in sorted(scripts - set(per_script)):
    bad += 1
    print("FAIL: %s: no figure checked on any release" % s, file=sys.stderr)
print("%d figures checked over %d runs, %d differ" % (checked, len(glob.glob(os.path.join(sys.argv[1], "*.json"))), bad))
sys.exit(1 if bad or not checked else 0)
PY
echo "$runs runs, $fail failed"
[ $fail -eq 0 ]
