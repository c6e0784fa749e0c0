#!/bin/sh
# Paired C/Go timings and peak memory of the optimal coalition structure on
# the seeded uniform and NDCS worths (UniformValues, NDCSValues, seed 2026).
# Each round runs, for each distribution, three separate processes: plain.c
# (the plain O(3^n) dynamic program in C, gcc -O2), Go's exact method and
# Go's plain dynamic program (BenchmarkCrefStructure, one method and one
# distribution per process), odd rounds C first, even rounds C last. Go
# checks that both its methods find the optimal value C found. Prints each
# round's process CPU time (user+sys of the timed loop: C's
# CLOCK_PROCESS_CPUTIME_ID, Go's getrusage; wall time on a shared, busy
# machine mostly measures waiting for a core, and the exact method may use
# both cores), each process's peak RSS (/usr/bin/time -f %M, whole
# process) and the Go/C ratios, then min/median/max over the rounds.
#
#   sh compare.sh 18 3        # from this folder: 18 players, 3 rounds
#   sh compare.sh 22 3
#   CREF_SKIP_C=1 CREF_SKIP_PLAIN=1 sh compare.sh 25 1   # Go exact only
#
# CREF_SKIP_C=1 skips plain.c (no value check, no ratios), CREF_SKIP_PLAIN=1
# skips Go's plain DP; CREF_DISTS="uniform" limits the distributions.
set -e
n=${1:-18} rounds=${2:-3}
dists=${CREF_DISTS:-uniform NDCS}
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O2 -o "$tmp/plain" "$here/plain.c"
(cd "$root" && go test -c -o "$tmp/coalition.test" .)
if [ -z "$CREF_SKIP_C" ]; then
	for d in $dists; do # write the worths C reads
		(cd "$root" && COALITION_CREF_DIR="$tmp" COALITION_CREF_N="$n" COALITION_CREF_DIST="$d" "$tmp/coalition.test" \
			-test.run XXX -test.bench "^BenchmarkCrefStructure\$/^$d\$/^n=$n\$/^none\$" -test.benchtime 1x >/dev/null)
	done
fi

# runc D: C's CPU seconds, value and peak RSS (MiB) into $tmp/c_D.
runc() {
	/usr/bin/time -f %M -o "$tmp/rss" "$tmp/plain" "$tmp/${1}_n$n.f64" "$n" 1 >"$tmp/c_out"
	sed -n 's/.*cpu=\([0-9.]*\).*value=\(.*\)/\1 \2/p' "$tmp/c_out" | tr '\n' ' ' >"$tmp/c_$1"
	awk '{printf "%.1f\n", $1 / 1024}' "$tmp/rss" >>"$tmp/c_$1"
}

# rungo D METHOD: Go's CPU seconds and peak RSS (MiB) into $tmp/go_D_METHOD.
rungo() {
	val=
	[ -s "$tmp/value_$1" ] && val=$(cat "$tmp/value_$1")
	(cd "$root" && env COALITION_CREF_N="$n" COALITION_CREF_DIST="$1" ${val:+COALITION_CREF_VALUE_$1=$val} \
		/usr/bin/time -f %M -o "$tmp/rss" "$tmp/coalition.test" -test.run XXX \
		-test.bench "^BenchmarkCrefStructure\$/^$1\$/^n=$n\$/^$2\$" -test.benchtime 1x >"$tmp/gout") || {
		cat "$tmp/gout"
		exit 1
	}
	awk '{for (i = 2; i <= NF; i++) if ($i == "cpu-ns/op") c = $(i - 1)} END {if (c == "") exit 1; printf "%.6f ", c / 1e9}' "$tmp/gout" >"$tmp/go_$1_$2" || {
		cat "$tmp/gout"
		exit 1
	}
	awk '{printf "%.1f\n", $1 / 1024}' "$tmp/rss" >>"$tmp/go_$1_$2"
}

for r in $(seq "$rounds"); do
	for d in $dists; do
		if [ -z "$CREF_SKIP_C" ] && [ $((r % 2)) = 1 ]; then
			runc "$d"
			[ -s "$tmp/value_$d" ] || awk '{print $2}' "$tmp/c_$d" >"$tmp/value_$d"
		fi
		rungo "$d" exact
		if [ -z "$CREF_SKIP_PLAIN" ]; then rungo "$d" plain-dp; fi
		if [ -z "$CREF_SKIP_C" ] && [ $((r % 2)) = 0 ]; then runc "$d"; fi
		c="- - -"
		[ -z "$CREF_SKIP_C" ] && c=$(cat "$tmp/c_$d")
		p="- -"
		[ -z "$CREF_SKIP_PLAIN" ] && p=$(cat "$tmp/go_${d}_plain-dp")
		echo "$c $(cat "$tmp/go_${d}_exact") $p" | awk -v r="$r" -v d="$d" -v n="$n" '{
			printf "round %d %s n=%s: C plain %ss %sMiB; Go exact %.3fs %.1fMiB", r, d, n, $1, $3, $4, $5
			if ($1 != "-") printf " (exact %.3f)", $4 / $1
			if ($6 != "-") {
				printf "; Go plain %.3fs %.1fMiB", $6, $7
				if ($1 != "-") printf " (plain %.3f)", $6 / $1
			}
			printf "\n"
		}'
	done
done | tee "$tmp/rounds"

# stat LABEL: min/median/max of the numbers on stdin.
stat() {
	sort -n | awk -v k="$1" '{a[NR] = $1} END {if (NR) printf "%s: min %.3f median %.3f max %.3f over %d rounds\n", k, a[1], a[int((NR + 1) / 2)], a[NR], NR}'
}
for d in $dists; do
	for k in exact plain; do
		grep " $d " "$tmp/rounds" | sed -n "s/.*($k \([0-9.]*\)).*/\1/p" | stat "$d n=$n Go $k / C plain CPU"
	done
	grep " $d " "$tmp/rounds" | sed -n 's/.*C plain \([0-9.]*\)s.*/\1/p' | stat "$d n=$n C plain CPU s"
	grep " $d " "$tmp/rounds" | sed -n 's/.*Go exact \([0-9.]*\)s.*/\1/p' | stat "$d n=$n Go exact CPU s"
	grep " $d " "$tmp/rounds" | sed -n 's/.*Go plain \([0-9.]*\)s.*/\1/p' | stat "$d n=$n Go plain CPU s"
	grep " $d " "$tmp/rounds" | sed -n 's/.*C plain [0-9.]*s \([0-9.]*\)MiB.*/\1/p' | stat "$d n=$n C plain peak RSS MiB"
	grep " $d " "$tmp/rounds" | sed -n 's/.*Go exact [0-9.]*s \([0-9.]*\)MiB.*/\1/p' | stat "$d n=$n Go exact peak RSS MiB"
	grep " $d " "$tmp/rounds" | sed -n 's/.*Go plain [0-9.]*s \([0-9.]*\)MiB.*/\1/p' | stat "$d n=$n Go plain peak RSS MiB"
done
