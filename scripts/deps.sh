#!/usr/bin/env bash
# Installs what building and testing gogrow needs on a fresh Debian machine,
# and nothing when it is already there.
set -euo pipefail
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v cc >/dev/null || need+=(gcc)
command -v make >/dev/null || need+=(make)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev) # simulate --pprof gzips with zlib
[ -e /usr/include/xxhash.h ] || need+=(libxxhash-dev) # XXH3 hashes the runtime Swiss map's keys
command -v pkg-config >/dev/null || need+=(pkg-config) # the install test builds the examples with it
if [ "${GOGROW_DEPS_TEST:-0}" = 1 ]; then
	command -v valgrind >/dev/null || need+=(valgrind)
	command -v python3 >/dev/null || need+=(python3)
	# clang and its runtime for the libFuzzer smoke runs of --full
	command -v clang >/dev/null || need+=(clang)
	dpkg-query -W libclang-rt-dev >/dev/null 2>&1 || need+=(libclang-rt-dev)
	# the runtime tests on arm64 (scripts/test-cross): cross compiler and qemu
	command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
	command -v qemu-aarch64-static >/dev/null || need+=(qemu-user-static)
	# the browser playground's tests (scripts/test-web): emcc, headless Chromium, node and npm
	command -v emcc >/dev/null || need+=(emscripten)
	command -v chromium >/dev/null || need+=(chromium)
	command -v node >/dev/null || need+=(nodejs)
	command -v npm >/dev/null || need+=(npm)
fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "installing: ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
