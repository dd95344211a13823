#!/usr/bin/env bash
# Installs what the test suites need on a fresh machine: npm packages for every Node suite,
# taken from its lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
for suite in tests/node/*/; do
  [ -f "$suite/package-lock.json" ] || continue
  if [ ! -d "$suite/node_modules" ] || [ "$suite/package-lock.json" -nt "$suite/node_modules" ]; then
    (cd "$suite" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
