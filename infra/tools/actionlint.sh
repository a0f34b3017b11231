#!/usr/bin/env bash
# Lints GitHub Actions workflows with actionlint (pinned), offline after the first run: the binary is
# built from the Go module proxy into .cache/bin once and reused. actionlint checks a local action
# (.github/actions/*/action.yml) through the workflows that use it; it takes no action file itself.
# Usage: infra/tools/actionlint.sh [--install-only] [workflow...]   (default: every .github/workflows/*.yml)
# Needs Go (>= 1.23) the first time. shellcheck and pyflakes are used when installed.
set -euo pipefail
VERSION=v1.7.12
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.cache/bin"
exe="$bin/actionlint"
stamp="$bin/actionlint.version"

if [ ! -x "$exe" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$VERSION" ]; then
  if ! command -v go >/dev/null; then
    echo "actionlint.sh: Go is needed once to build actionlint $VERSION (https://go.dev/dl/), or put actionlint in $bin" >&2
    exit 2
  fi
  mkdir -p "$bin"
  GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
  echo "$VERSION" > "$stamp"
fi
if [ "${1:-}" = "--install-only" ]; then exit 0; fi

cd "$root"
if [ $# -eq 0 ]; then
  mapfile -t files < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) 2>/dev/null | sort)
  if [ ${#files[@]} -eq 0 ]; then exit 0; fi
  set -- "${files[@]}"
fi
exec "$exe" -no-color "$@"
