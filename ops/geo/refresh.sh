#!/usr/bin/env bash
# Regenerates Vigie's committed geography reference (src/main/resources/fr/vigie/geo/) from a
# pinned version of the npm package @etalab/decoupage-administratif. See ops/geo/README.md.
#
# Usage: ops/geo/refresh.sh [package-version]   (default: the pinned version below)
# Needs node >= 18 and npm. Writes only the reference files; review `git diff` and commit them.
set -euo pipefail

# Pinned on purpose: a new package version is a new COG year (communes merge every 1 January),
# so moving it is a reviewed change, never a side effect of running this script.
readonly DEFAULT_VERSION="6.0.0"
readonly PACKAGE="@etalab/decoupage-administratif"

version="${1:-$DEFAULT_VERSION}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/src/main/resources/fr/vigie/geo"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "Installing $PACKAGE@$version into $tmp" >&2
npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$tmp" "$PACKAGE@$version" >&2

mkdir -p "$out"
node "$here/build-reference.mjs" "$tmp/node_modules/$PACKAGE" "$out"

echo "Done. Review with: git -C \"$repo\" diff --stat -- src/main/resources/fr/vigie/geo" >&2
