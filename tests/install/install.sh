#!/bin/sh
# Installs libgogrow from a build folder into a temporary prefix and builds
# every program in examples/ against the installed copy only, as a user of
# the library would: with pkg-config (shared and static) and with CMake's
# find_package. Each example must run and print its answer.
# Usage: install.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cmake --install "$build" --prefix "$tmp/p" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; bad "cmake --install"; }
for f in include/gogrow/gogrow.h include/gogrow/version.h lib/pkgconfig/gogrow.pc lib/cmake/gogrow/gogrowConfig.cmake \
	lib/libgogrow.a bin/gogrow share/man/man1/gogrow.1; do
	[ -e "$tmp/p/$f" ] && ok || bad "not installed: $f"
done
soname=$(objdump -p "$tmp"/p/lib/libgogrow.so.* 2>/dev/null | awk '/SONAME/{print $2}' | head -1)
case "$soname" in libgogrow.so.[0-9]*) ok ;; *) bad "soname is '$soname'" ;; esac
# Only the gg_ API is exported from the shared library.
leaks=$(nm -D --defined-only "$tmp"/p/lib/libgogrow.so | awk '{print $3}' | grep -v '^gg_' | head -3)
[ -z "$leaks" ] && ok || bad "exported non-API symbols: $leaks"

pc="pkg-config --with-path $tmp/p/lib/pkgconfig"
want=$(sed -n 's/^#define GG_VERSION_STRING "\(.*\)"/\1/p' "$tmp/p/include/gogrow/version.h")
[ "$($pc --modversion gogrow)" = "$want" ] && ok || bad "pkg-config --modversion"
for ex in "$src"/examples/*.c; do
	n=$(basename "$ex" .c)
	# Shared: runs against the installed .so (nothing from the build folder).
	if cc -Wall -Werror -o "$tmp/$n" "$ex" $($pc --cflags --libs gogrow) 2>"$tmp/cc.log"; then
		if LD_LIBRARY_PATH="$tmp/p/lib" "$tmp/$n" >"$tmp/$n.out" 2>&1 && [ -s "$tmp/$n.out" ]; then ok; else
			cat "$tmp/$n.out"; bad "$n (shared) failed"; fi
	else cat "$tmp/cc.log"; bad "$n does not build with pkg-config"; fi
	# Static: the same program, and the same output.
	if cc -Wall -Werror -o "$tmp/$n.static" "$ex" $($pc --cflags gogrow) "$tmp/p/lib/libgogrow.a" \
		$($pc --static --libs-only-l gogrow | sed 's/-lgogrow//') 2>"$tmp/cc.log"; then
		"$tmp/$n.static" >"$tmp/$n.static.out" 2>&1 && cmp -s "$tmp/$n.out" "$tmp/$n.static.out" && ok ||
			bad "$n (static) differs from shared"
	else cat "$tmp/cc.log"; bad "$n does not build statically"; fi
done
# CMake: find_package(gogrow) from an outside project.
if cmake -S "$src/examples" -B "$tmp/ex" -DCMAKE_PREFIX_PATH="$tmp/p" >"$tmp/cm.log" 2>&1 &&
	cmake --build "$tmp/ex" >>"$tmp/cm.log" 2>&1; then
	for ex in "$src"/examples/*.c; do
		n=$(basename "$ex" .c)
		LD_LIBRARY_PATH="$tmp/p/lib" "$tmp/ex/$n" | cmp -s - "$tmp/$n.out" && ok || bad "$n via find_package"
	done
else cat "$tmp/cm.log"; bad "find_package(gogrow) project"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
