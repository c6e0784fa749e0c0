#!/bin/sh
# Paired C/Go timings of Banzhaf alone and Shapley-Shubik alone (default:
# the 2020 electoral college at more than half): each round runs dp.c
# ("banzhaf w64" and "ss w64", REPS runs in one process, process CPU time
# from /usr/bin/time divided by REPS) and then BenchmarkCrefSingle (process
# CPU time per run, cpu-ns/op), back to back, and prints the Go/C ratios
# for float64 results ("float") and exact fractions ("exact"), then
# min/median/max. OLD=path/to/power.test adds an older build of the test
# binary (with BenchmarkCrefSingle) to each round.
#
#   sh compare_single.sh 5            # from this folder: 5 rounds
set -e
rounds=${1:-5} reps=${2:-2000} csv=${3:-ec2020.csv} quota=${4:-50}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/dp" "$here/dp.c"
(cd "$here/../.." && go test -c -o "$tmp/power.test" .)
cpu() { # command...: process CPU seconds
	/usr/bin/time -f "%U %S" -o "$tmp/t" "$@" >/dev/null
	awk '{print $1 + $2}' "$tmp/t"
}
for r in $(seq "$rounds"); do
	cb=$(cpu "$tmp/dp" "$here/$csv" "$quota" banzhaf w64 $((reps * 20)))
	cs=$(cpu "$tmp/dp" "$here/$csv" "$quota" ss w64 "$reps")
	(cd "$here/../.." && "$tmp/power.test" -test.run XXX -test.bench '^BenchmarkCrefSingle$' -test.benchtime "${reps}x" >"$tmp/gout")
	if [ -n "$OLD" ]; then
		(cd "$here/../.." && "$OLD" -test.run XXX -test.bench '^BenchmarkCrefSingle$' -test.benchtime "${reps}x" >"$tmp/oout")
	else
		cp "$tmp/gout" "$tmp/oout"
	fi
	for k in banzhaf/float banzhaf/exact shapley-shubik/float shapley-shubik/exact; do
		c=$cb; n=$((reps * 20))
		case $k in shapley*) c=$cs; n=$reps ;; esac
		g=$(awk -v k="$k" '$1 ~ k {print $5}' "$tmp/gout")
		o=$(awk -v k="$k" '$1 ~ k {print $5}' "$tmp/oout")
		echo "$c $n $g $o" | awk -v r="$r" -v k="$k" '{c = $1 / $2 * 1e9; printf "round %d %s: C %.1f us, Go %.1f us (%.2fx), old %.1f us (%.2fx)\n", r, k, c / 1e3, $3 / 1e3, $3 / c, $4 / 1e3, $4 / c}'
	done
done | tee "$tmp/rounds"
for k in banzhaf/float banzhaf/exact shapley-shubik/float shapley-shubik/exact; do
	for w in Go old; do
		grep " $k:" "$tmp/rounds" | sed -n "s/.* $w [0-9.]* us (\([0-9.]*\)x).*/\1/p" | sort -n |
			awk -v k="$k" -v w="$w" '{a[NR] = $1} END {printf "%s %s/C: min %.2f median %.2f max %.2f over %d rounds\n", k, w, a[1], a[int((NR + 1) / 2)], a[NR], NR}'
	done
done
