#!/bin/sh
# Every command has its help, reachable both ways, and the help and errors
# that list what a command accepts list all of it.
# Usage: help.sh GOGROW
G=$1
DOCS=$(dirname "$0")/../../docs
pass=0 fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
ko() {
	echo "FAIL: $1" >&2
	fail=$((fail + 1))
}

for cmd in layout grow append explain compare advise batch map simulate classes conform probe conv audit; do
	"$G" help "$cmd" >"$tmp/help" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && head -n 1 "$tmp/help" | grep -q "^Usage: gogrow $cmd"; then ok; else ko "gogrow help $cmd (exit $rc)"; fi
	"$G" "$cmd" --help >"$tmp/flag" 2>&1
	if cmp -s "$tmp/help" "$tmp/flag"; then ok; else ko "gogrow $cmd --help differs from gogrow help $cmd"; fi
	if "$G" help | grep -q "^  $cmd "; then ok; else ko "the command list does not name $cmd"; fi
done

# conv's usage error sends the user to a help that exists.
"$G" conv >"$tmp/out" 2>"$tmp/err"
rc=$?
hint=$(sed -n "s/^Run 'gogrow \(conv --help\)' for usage.$/\1/p" "$tmp/err")
if [ $rc -eq 2 ] && [ -n "$hint" ] && "$G" $hint | grep -q '^Usage: gogrow conv bytes|runes|constbytes'; then ok; else ko "conv's usage hint ($rc, '$hint')"; fi

# Every vector kind docs/conform.md describes (its ### headings) is named by
# conform --help and by the "unknown header" error.
kinds=$(sed -n 's/^### //p' "$DOCS/conform.md" | grep -v '^Exit status' | tr ',' '\n' | tr -d ' ')
[ "$(echo "$kinds" | wc -l)" -ge 11 ] && ok || ko "docs/conform.md describes only: $kinds"
printf 'no\tsuch\theader\n' >"$tmp/bad.tsv"
"$G" conform "$tmp/bad.tsv" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && ok || ko "unknown header exit $rc"
"$G" conform --help >"$tmp/help"
for k in $kinds; do
	if grep -qw "$k" "$tmp/help"; then ok; else ko "conform --help does not name the kind $k"; fi
	if grep -qw "$k" "$tmp/err"; then ok; else ko "the unknown-header error does not name the kind $k"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
