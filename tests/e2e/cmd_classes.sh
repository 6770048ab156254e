#!/bin/sh
# gogrow classes: end-to-end (see lib.sh).
. "$(dirname "$0")/lib.sh"

# classes
expect 0 '67[[:space:]]+32768' classes --go 1.22
json classes --json --arch 386


finish
