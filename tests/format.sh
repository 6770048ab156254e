#!/bin/sh
# Every C file is clang-format clean (.clang-format at the top). Skipped
# (exit 77) where clang-format is not installed.
cd "$1" || exit 2
command -v clang-format >/dev/null || { echo "SKIP: clang-format not installed"; exit 77; }
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests fuzz bench tools -name '*.[ch]')
clang-format --dry-run -Werror $files && echo "clang-format: clean"
