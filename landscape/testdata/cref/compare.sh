#!/bin/sh
# Paired C/Go timings of the exhaustive search on the reference inputs:
# each round runs gray.c and then the Go benchmark (one worker, as gray.c),
# one whole process each, back to back, so both see the same machine load.
# The ratio is of process CPU seconds (user + system, /usr/bin/time), which
# other load on a shared machine disturbs less than wall time; each line
# also shows both sides' own wall timings of the search alone.
#
#   sh compare.sh 25 basins 5        # from this folder
#   sh compare.sh 30 nobasins 3      # 30 actors
#   BYTE_LABELS=1 sh compare.sh 25 basins 5   # C with 1-byte labels, as Go
set -e
n=${1:-25} mode=${2:-basins} rounds=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 ${BYTE_LABELS:+-DBYTE_LABELS} -o "$tmp/gray" "$here/gray.c" -lm
(cd "$here/../.." && go test -c -o "$tmp/landscape.test" .)
for r in $(seq "$rounds"); do
	/usr/bin/time -f '%U %S' -o "$tmp/ct" "$tmp/gray" "$here/n${n}_sizes.csv" "$here/n${n}_propensities.csv" "$mode" 1 >"$tmp/cout"
	(cd "$here/../.." && LANDSCAPE_BENCH_30=1 /usr/bin/time -f '%U %S' -o "$tmp/gt" "$tmp/landscape.test" -test.run XXX \
		-test.bench "^BenchmarkCref\$/^n=$n\$/^$mode\$/^workers=1\$" -test.benchtime 1x >"$tmp/gout")
	cw=$(sed -n 's/.*min=\([0-9.]*\)s.*/\1/p' "$tmp/cout")
	gw=$(awk '/^BenchmarkCref/ {print $3 / 1e9}' "$tmp/gout")
	grep -q checksum "$tmp/gout" || { cat "$tmp/gout"; exit 1; }
	cc=$(awk '{print $1 + $2}' "$tmp/ct")
	gc=$(awk '{print $1 + $2}' "$tmp/gt")
	echo "round $r: C cpu ${cc}s (search ${cw}s) Go cpu ${gc}s (search ${gw}s) ratio $(echo "$gc $cc" | awk '{printf "%.3f", $1 / $2}')"
done | tee "$tmp/rounds"
awk '{print $NF}' "$tmp/rounds" | sort -n | awk '{a[NR] = $1} END {printf "n=%s %s Go/C CPU ratio: min %.3f median %.3f max %.3f over %d rounds\n", "'"$n"'", "'"$mode"'", a[1], a[int((NR + 1) / 2)], a[NR], NR}'
