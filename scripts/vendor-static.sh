#!/usr/bin/env bash
# Copies pinned front-end libraries from the npm registry into static/vendor/ (and the test-only
# axe-core into tests/vendor/), licence included. The committed copy is what runs: Node is
# needed only to refresh it. Source-map comments are removed, since the maps are not vendored
# and a production manifest build refuses a file that names a missing one.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # name version -> unpacked package directory on stdout
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
  local tarball
  tarball=$(ls "$work"/*.tgz)
  rm -rf "$work/package"
  tar -xzf "$tarball" -C "$work"
  rm -f "$tarball"
  echo "$work/package"
}

vendor() {  # name version target-dir licence-file file...
  local name=$1 version=$2 target=$3 licence=$4
  shift 4
  local package
  package=$(fetch "$name" "$version")
  mkdir -p "$target"
  for file in "$@"; do
    case "$file" in
      *.js | *.css) sed -e '/sourceMappingURL=/d' "$package/$file" >"$target/$(basename "$file")" ;;
      *) cp "$package/$file" "$target/" ;;
    esac
  done
  if [ -f "$package/$licence" ]; then
    cp "$package/$licence" "$target/LICENSE"
  else
    # The package states its licence in package.json only.
    python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); print("%s is licensed under the %s licence (package.json of version %s, author %s)." % (p["name"], p["license"], p["version"], p.get("author")))' \
      "$package/package.json" >"$target/LICENSE"
    cat scripts/MIT-LICENSE.txt >>"$target/LICENSE"
  fi
  echo "$name@$version" >"$target/VERSION"
  echo "vendored $name@$version into $target"
}

vendor htmx.org 2.0.11 static/vendor/htmx LICENSE dist/htmx.min.js
vendor chart.js 4.6.1 static/vendor/chartjs LICENSE.md dist/chart.umd.min.js
vendor @tabler/core 1.6.1 static/vendor/tabler LICENSE dist/css/tabler.min.css dist/js/tabler.min.js
vendor axe-core 4.14.1 tests/vendor/axe-core LICENSE axe.min.js

# Fonts the PDF reports embed (subset per file), so no character becomes "?": DejaVu Sans for
# Latin, Greek, Cyrillic and typography; Noto Sans SC for CJK; Noto Emoji for emoji.
vendor dejavu-fonts-ttf 2.37.3 portal/fonts/dejavu LICENSE ttf/DejaVuSans.ttf ttf/DejaVuSans-Bold.ttf
vendor @expo-google-fonts/noto-sans-sc 0.4.3 portal/fonts/noto-sans-sc LICENSE_FONT 400Regular/NotoSansSC_400Regular.ttf
vendor @expo-google-fonts/noto-emoji 0.4.7 portal/fonts/noto-emoji LICENSE_FONT 400Regular/NotoEmoji_400Regular.ttf

# Icons: one SVG sprite of the icons the templates use (scripts/icons.txt), not all 5,000.
package=$(fetch @tabler/icons 3.52.0)
mkdir -p static/vendor/tabler-icons
python3 scripts/build-icon-sprite.py "$package/icons/outline" scripts/icons.txt \
  >static/vendor/tabler-icons/sprite.svg
cp "$package/LICENSE" static/vendor/tabler-icons/LICENSE
echo "@tabler/icons@3.52.0" >static/vendor/tabler-icons/VERSION
echo "vendored @tabler/icons@3.52.0 ($(wc -l <scripts/icons.txt) icons) into static/vendor/tabler-icons"
