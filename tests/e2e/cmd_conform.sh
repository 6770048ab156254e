#!/bin/sh
# gogrow conform: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# conform: the contract.
printf 'go\tarch\ttype\tlen\tcap\tadd\tnewcap\ngo1.19.8\tamd64\tint16\t0\t0\t1\t4\ngo1.19.8\tamd64\tint16\t0\t0\t1\t5\n' >"$tmp/a.tsv"
expect 1 'a.tsv:3: go1.19.8 amd64 int16: newcap expected 5, got 4' conform "$tmp/a.tsv"
expect 1 '^2 rows, 1 mismatches$' conform "$tmp/a.tsv"
expect 0 'int16	0	0	1	4$' conform --emit "$tmp/a.tsv"
printf 'go\tarch\ttype\tsize\talign\toffsets\tptrs\ngo1.30\tamd64\tint\t8\t8\t-\t0\n' >"$tmp/l.tsv"
expect 1 'error \(unsupported release go1.30' conform "$tmp/l.tsv"
printf 'nonsense header\n' >"$tmp/n.tsv"
expect 2 'unknown header' conform "$tmp/n.tsv"
expect 2 'cannot open' conform "$tmp/missing.tsv"
expect 2 'needs at least one' conform


finish
