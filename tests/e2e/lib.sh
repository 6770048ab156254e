# Shared by the end-to-end scripts (cmd_*.sh): each runs the gogrow command
# as a user types it and checks output text, JSON validity, exit codes and
# error messages, then prints "N passed, N failed".
# Usage of a script: sh cmd_NAME.sh GOGROW E2E_DIR
G=$1
DIR=$2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect RC PATTERN ARGS...: runs gogrow ARGS, wants exit status RC and
# PATTERN (a grep -E regex) somewhere in stdout+stderr.
expect() {
	rc=$1 pat=$2
	shift 2
	"$G" "$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$rc" ] || ! grep -Eq -- "$pat" "$tmp/out"; then
		echo "FAIL: gogrow $* -> exit $got (want $rc), output:" >&2
		sed 's/^/    /' "$tmp/out" | head -20 >&2
		echo "    wanted /$pat/" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# json ARGS...: output must be valid JSON.
json() {
	"$G" "$@" >"$tmp/j" 2>"$tmp/e"
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/j"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow $* does not print valid JSON" >&2
		head -c 600 "$tmp/j" "$tmp/e" >&2
		fail=$((fail + 1))
	fi
}

# golden NAME ARGS...: stdout must equal E2E_DIR/golden/NAME.
golden() {
	name=$1
	shift
	"$G" "$@" >"$tmp/g" 2>&1
	if cmp -s "$tmp/g" "$DIR/golden/$name"; then
		pass=$((pass + 1))
	else
		echo "FAIL: gogrow $* differs from golden/$name:" >&2
		diff "$DIR/golden/$name" "$tmp/g" | head -20 >&2
		fail=$((fail + 1))
	fi
}

# finish: the summary line, and the exit status.
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
