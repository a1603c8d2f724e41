#!/usr/bin/env bash
# Copies pinned front-end libraries from the npm registry into static/vendor/, licence included.
# The committed copy is what runs: Node is needed only to refresh it.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A PACKAGES=(
  [htmx.org]="2.0.11|dist/htmx.min.js|htmx"
  [chart.js]="4.6.1|dist/chart.umd.min.js|chartjs"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "${!PACKAGES[@]}"; do
  IFS='|' read -r version file target <<<"${PACKAGES[$name]}"
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
  tarball=$(ls "$work"/*.tgz)
  mkdir -p "$work/x" "static/vendor/$target"
  tar -xzf "$tarball" -C "$work/x"
  cp "$work/x/package/$file" "static/vendor/$target/"
  cp "$work/x/package/LICENSE"* "static/vendor/$target/LICENSE" 2>/dev/null || true
  echo "$name@$version" > "static/vendor/$target/VERSION"
  rm -rf "$work/x" "$tarball"
  echo "vendored $name@$version into static/vendor/$target"
done
