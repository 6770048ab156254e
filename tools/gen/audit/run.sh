#!/bin/sh
# Regenerates the heap-profile fixtures of `gogrow audit` (tests/data/audit)
# from the Go programs in tests/data/audit/src with the real toolchains:
# classic maps with go1.22, Swiss maps with go1.27. Each program is run with
# runtime.MemProfileRate=1 (every allocation recorded: the exact profiles)
# and at the default rate of 512 KiB (sampled, scaled by the runtime) with
# more repetitions, so that the sampled figures can be checked against the
# exact ones. Usage: tools/gen/audit/run.sh [GOROOT_PREFIX] (default /opt/go)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
prefix=${1:-/opt/go}
out=$root/tests/data/audit
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOTOOLCHAIN=local GOFLAGS= GO111MODULE=on
# family release exact-reps sampled-reps
for spec in "classic 22 10 3000" "swiss 27 10 3000"; do
	set -- $spec
	fam=$1 rel=$2 reps=$3 sreps=$4
	go=$prefix/1.$rel/bin/go
	[ -x "$go" ] || { echo "run.sh: $go not found" >&2; exit 1; }
	mkdir -p "$tmp/$fam"
	cp "$out/src/$fam/main.go" "$tmp/$fam/"
	printf 'module auditfixture\n\ngo 1.%s\n' "$rel" >"$tmp/$fam/go.mod"
	(cd "$tmp/$fam" && GOCACHE="$tmp/cache" "$go" build -trimpath -o audit-fixture .)
	"$tmp/$fam/audit-fixture" -rate 1 -reps "$reps" -o "$out/$fam-go1.$rel.pb.gz"
	"$tmp/$fam/audit-fixture" -rate 0 -reps "$sreps" -o "$out/$fam-go1.$rel-sampled.pb.gz"
	echo "$fam-go1.$rel: exact ($reps runs) and sampled ($sreps runs) profiles written"
done
