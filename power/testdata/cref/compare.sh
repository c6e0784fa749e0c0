#!/bin/sh
# Paired C/Go timings of every index of a weighted game (default: the 2020
# electoral college at more than half): each round runs all.c (REPS runs in
# one process, mean process CPU time per run) and then the Go benchmark
# BenchmarkCrefAll (mean process CPU time per run over REPS runs, cpu-ns/op,
# the garbage collector's threads included), back to back; CPU time, as
# wall time on a shared, busy machine mostly measures waiting for a core.
# First the indices are checked: all.c's printed values against Go's
# (TestCrefValues, 1e-12 relative). Prints each round's Go/C ratio of the
# mean times for float64 results ("float"), exact fractions ("exact") and
# the code before the one-word paths ("old"), then min/median/max.
# OLD=path/to/power.test adds an earlier build of the test binary
# ("before-float", "before-exact") to each round.
#
#   sh compare.sh 7            # from this folder: 7 rounds
#   sh compare.sh 5 300        # 5 rounds of 300 runs each
set -e
rounds=${1:-7} reps=${2:-300} csv=${3:-ec2020.csv} quota=${4:-50}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/all" "$here/all.c"
(cd "$here/../.." && go test -c -o "$tmp/power.test" .)
"$tmp/all" "$here/$csv" "$quota" 1 print >"$tmp/values"
(cd "$here/../.." && POWER_CREF_VALUES="$tmp/values" "$tmp/power.test" -test.run '^TestCrefValues$' >/dev/null) || { echo "values differ"; exit 1; }
for r in $(seq "$rounds"); do
	"$tmp/all" "$here/$csv" "$quota" "$reps" >"$tmp/cout"
	(cd "$here/../.." && "$tmp/power.test" -test.run XXX -test.bench '^BenchmarkCrefAll$' -test.benchtime "${reps}x" >"$tmp/gout")
	c=$(sed -n 's/.*cpu=\([0-9.]*\).*/\1/p' "$tmp/cout")
	f=$(awk '/CrefAll\/float/ {print $5 / 1e9}' "$tmp/gout")
	e=$(awk '/CrefAll\/exact/ {print $5 / 1e9}' "$tmp/gout")
	o=$(awk '/CrefAll\/old-float/ {print $5 / 1e9}' "$tmp/gout")
	if [ -n "$OLD" ]; then
		(cd "$here/../.." && "$OLD" -test.run XXX -test.bench '^BenchmarkCrefAll$/^(float|exact)$' -test.benchtime "${reps}x" >"$tmp/bout")
		bf=$(awk '/CrefAll\/float/ {print $5 / 1e9}' "$tmp/bout")
		be=$(awk '/CrefAll\/exact/ {print $5 / 1e9}' "$tmp/bout")
		before=$(echo "$c $bf $be" | awk '{printf ", before-float %.3f ms (%.2fx), before-exact %.3f ms (%.2fx)", $2*1e3, $2/$1, $3*1e3, $3/$1}')
	fi
	echo "$c $f $e $o" | awk -v r="$r" -v b="$before" '{printf "round %d: CPU C %.3f ms, Go float %.3f ms (%.2fx), exact %.3f ms (%.2fx), old %.3f ms (%.2fx)%s\n", r, $1*1e3, $2*1e3, $2/$1, $3*1e3, $3/$1, $4*1e3, $4/$1, b}'
done | tee "$tmp/rounds"
kinds="float exact old"
[ -n "$OLD" ] && kinds="$kinds before-float before-exact"
for k in $kinds; do
	sed -n "s/.* $k [0-9.]* ms (\([0-9.]*\)x).*/\1/p" "$tmp/rounds" | sort -n |
		awk -v k="$k" '{a[NR] = $1} END {printf "%s/C: min %.2f median %.2f max %.2f over %d rounds\n", k, a[1], a[int((NR + 1) / 2)], a[NR], NR}'
done
