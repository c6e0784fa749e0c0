#!/bin/sh
# Regenerates the screenshots under docs/ that README shows (all but
# found.png, see below): the pages of
# 'entente serve --demo' (and the world explorer, when the research data is
# at ../shared/data or $ENTENTE_DATA), taken with headless chromium at fixed
# window sizes. Run from the repository's root: docs/screenshots.sh
set -eu
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "screenshots: $chromium not found (apt-get install -y chromium, or set CHROMIUM)" >&2; exit 1; }
work=$(mktemp -d)
go build -o "$work/entente" ./cmd/entente
"$work/entente" serve --demo --db "$work/demo.db" --addr 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base=
for _ in $(seq 1 600); do
	base=$(sed -n 's/^entente: serving \(http:\/\/[^ ]*\).*/\1/p' "$work/serve.log" | head -n 1)
	[ -n "$base" ] && break
	sleep 0.1
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; echo "screenshots: the server did not start" >&2; exit 1; }

# shot FILE WIDTH HEIGHT PATH: a screenshot of the page at PATH, after its
# scripts ran (the record check, the charts).
shot() {
	"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
		--virtual-time-budget=5000 --window-size="$2,$3" --screenshot="docs/$1" "$base$4" >/dev/null 2>&1
	echo "wrote docs/$1 ($2x$3) from $4"
}
shot index.png 1200 460 /
shot pact.png 1200 1800 /pacts/solid-state-jv
shot pact-phone.png 390 1400 /pacts/solid-state-jv
# docs/found.png (the agreement editor's preview of an R&D joint venture
# for helios, nordcell and quanta, scrolled to "the agreement in plain
# words") is not taken here: chromium's --screenshot draws a page scrolled
# to a fragment blank. Open /found?template=rnd-jv, fill in the founders,
# preview, and capture the preview section by hand.
if curl -fs "$base/world?year=1914" | grep -q '<svg'; then
	shot world.png 1200 1750 "/world?year=1914&state=255"
else
	echo "screenshots: no research data for /world; docs/world.png left as it is" >&2
fi
