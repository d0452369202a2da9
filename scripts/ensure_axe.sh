#!/usr/bin/env bash
# The accessibility browser test injects axe-core (from npm) into the pages; without npm it is
# skipped, and says so.
set -uo pipefail
VERSION=4.14.1
if [ -f node_modules/axe-core/axe.min.js ]; then exit 0; fi
if command -v npm >/dev/null; then
  npm install --no-save --no-audit --no-fund --silent "axe-core@${VERSION}" >/dev/null 2>&1 \
    && exit 0
fi
echo "axe-core is not installed (needs npm): the accessibility test will be skipped." >&2
exit 0
