#!/usr/bin/env bash
# Checks that `npm ci` in a clean clone of HEAD prints no warning (engine, install-script, deprecation, …).
# CI runs it on its fresh checkout; here it clones into a temporary directory. Usage: infra/tools/check-install.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone -q . "$dir/repo"
log="$dir/npm-ci.log"
(cd "$dir/repo" && npm ci --no-audit --no-fund) >"$log" 2>&1 || { cat "$log"; echo "check-install: npm ci failed" >&2; exit 1; }
if grep -qi '^npm warn' "$log"; then
  grep -i '^npm warn' "$log" >&2
  echo "check-install: npm ci printed warnings (above); the install must be quiet" >&2
  exit 1
fi
echo "check-install: npm ci in a clean clone printed no warnings"
