#!/bin/sh
# SVG plots (grow, map, simulate --svg): end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# SVG plots must be well-formed XML with one polyline per target.
"$G" grow '[]*int' --go 1.17,1.22 --arch amd64,386 --n 100000 --svg "$tmp/g.svg" >/dev/null
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(len(d.getElementsByTagName("polyline")) != 4)' "$tmp/g.svg"; then
	pass=$((pass + 1))
else
	echo "FAIL: grow --svg did not write a valid SVG with 4 series" >&2
	fail=$((fail + 1))
fi
expect 2 'cannot write /nonexistent/x.svg' grow '[]int' --svg /nonexistent/x.svg
"$G" map 'map[string]int' --grow 100000 --go 1.22,1.27 --arch amd64,386 --svg "$tmp/m.svg" >/dev/null
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); sys.exit(len(d.getElementsByTagName("polyline")) != 4)' "$tmp/m.svg"; then
	pass=$((pass + 1))
else
	echo "FAIL: map --grow --svg did not write a valid SVG with 4 series" >&2
	fail=$((fail + 1))
fi
expect 2 'plots the bytes of --grow' map 'map[int]int' --svg "$tmp/x.svg"


finish
