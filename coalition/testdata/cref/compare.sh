#!/bin/sh
# Paired C/Go timings of the optimal coalition structure on the seeded
# uniform and NDCS worths (UniformValues, NDCSValues, seed 2026): each round
# runs plain.c (the plain O(3^n) dynamic program in C) and then
# BenchmarkCrefStructure (Go's exact method and Go's plain dynamic
# program) back to back; Go checks that both its methods find the optimal
# value C found. Prints each round's Go/C ratios of process CPU time (wall
# time on a shared, busy machine mostly measures waiting for a core; the
# exact method may use both cores) and min/median/max.
#
#   sh compare.sh 18 3        # from this folder: 18 players, 3 rounds
#   sh compare.sh 20 1
set -e
n=${1:-18} rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/plain" "$here/plain.c"
(cd "$here/../.." && go test -c -o "$tmp/coalition.test" .)
(cd "$here/../.." && COALITION_CREF_DIR="$tmp" COALITION_CREF_N="$n" COALITION_CREF_NOPLAIN=1 "$tmp/coalition.test" -test.run XXX -test.bench '^BenchmarkCrefStructure$' -test.benchtime 1x >/dev/null)
for r in $(seq "$rounds"); do
	for d in uniform NDCS; do
		"$tmp/plain" "$tmp/${d}_n$n.f64" "$n" 1 >"$tmp/c_$d"
	done
	cu=$(sed -n 's/.*cpu=\([0-9.]*\).*/\1/p' "$tmp/c_uniform")
	cn=$(sed -n 's/.*cpu=\([0-9.]*\).*/\1/p' "$tmp/c_NDCS")
	vu=$(sed -n 's/.*value=\(.*\)/\1/p' "$tmp/c_uniform")
	vn=$(sed -n 's/.*value=\(.*\)/\1/p' "$tmp/c_NDCS")
	(cd "$here/../.." && COALITION_CREF_N="$n" COALITION_CREF_VALUE_uniform="$vu" COALITION_CREF_VALUE_NDCS="$vn" \
		"$tmp/coalition.test" -test.run XXX -test.bench '^BenchmarkCrefStructure$' -test.benchtime 1x >"$tmp/gout") || { cat "$tmp/gout"; exit 1; }
	for d in uniform NDCS; do
		c=$cu; [ "$d" = NDCS ] && c=$cn
		e=$(awk -v d="$d" '$1 ~ "/"d"/" && $1 ~ /exact/ {print $5 / 1e9}' "$tmp/gout")
		p=$(awk -v d="$d" '$1 ~ "/"d"/" && $1 ~ /plain-dp/ {print $5 / 1e9}' "$tmp/gout")
		echo "$c $e $p" | awk -v r="$r" -v d="$d" -v n="$n" '{printf "round %d %s n=%s: CPU C plain %.3fs, Go exact %.3fs (exact %.3f), Go plain %.3fs (plain %.3f)\n", r, d, n, $1, $2, $2/$1, $3, $3/$1}'
	done
done | tee "$tmp/rounds"
for d in uniform NDCS; do
	for k in exact plain; do
		grep " $d " "$tmp/rounds" | sed -n "s/.*($k \([0-9.]*\)).*/\1/p" | sort -n |
			awk -v k="$k" -v d="$d" '{a[NR] = $1} END {printf "%s Go %s / C plain: min %.3f median %.3f max %.3f over %d rounds\n", d, k, a[1], a[int((NR + 1) / 2)], a[NR], NR}'
	done
done
