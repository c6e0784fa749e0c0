#!/usr/bin/env bash
# Installs axe-core (Deque's accessibility rules engine, MPL-2.0) from the
# npm registry into a cache directory when it is not there yet, and prints
# the path of its axe.min.js. The browser tests (http/browser_a11y_test.go)
# read that path from ENTENTE_AXE and inject the script into every page they
# audit. Usage: ENTENTE_AXE=$(.ci/axe.sh)
# The version is pinned so that a new rule cannot fail a build by itself;
# the cache directory is $ENTENTE_AXE_CACHE, default ~/.cache/entente/axe.
set -euo pipefail
version=4.14.1
dir="${ENTENTE_AXE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/entente/axe}/$version"
js="$dir/node_modules/axe-core/axe.min.js"
if [ ! -s "$js" ]; then
	command -v npm >/dev/null || { echo "axe.sh: npm is needed to install axe-core (Debian: apt-get install npm)" >&2; exit 1; }
	mkdir -p "$dir"
	npm install --silent --no-audit --no-fund --prefix "$dir" "axe-core@$version" >&2
	[ -s "$js" ] || { echo "axe.sh: npm installed axe-core but $js is missing" >&2; exit 1; }
fi
echo "$js"
