#!/bin/sh
# Installs the peer allocators bench/heap compares with (Debian packages).
set -eu
apt-get update
apt-get install -y libjemalloc-dev libmimalloc-dev libgoogle-perftools-dev
