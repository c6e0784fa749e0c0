#!/bin/bash
# share.sh measures how much of `entente similarity portfolio|votes` (the
# whole process, end to end on the real data) is spent writing numbers: the
# share of perf's CPU samples whose call stack holds a number-writing frame.
#
#   go build -o /tmp/entente ./cmd/entente
#   ENTENTE_DATA=/work/shared/data internal/numfmt/testdata/share.sh votes 3 /tmp/entente
#   ENTENTE_DATA=/work/shared/data internal/numfmt/testdata/share.sh portfolio 3 /tmp/entente
#
# Given several binaries (share.sh votes 5 /tmp/entente-old /tmp/entente),
# each round runs each of them in turn: paired, alternating runs.
#
# A number-writing frame is any function of internal/numfmt, strconv's
# integer and float formatting (Append/Format, genericFtoa, ryu*, bigFtoa,
# fmt*, formatDigits, formatBits), the CSV cell writers of
# internal/table (appendFields, Group.csvText), whose own samples are the
# loop over the cells and the copies of their text, and panel's writers of
# whole lines (appendVote, voteLines.appendVote, appendSessionVote,
# appendVoteScores, appendPair, appendDyad, appendSmall, appendFloats,
# appendPortfolio: the votes' CSV lines are written by hand,
# not through table's cells, and what those inline, the small integers,
# is theirs). The write
# system calls (CSVWriter.Flush) and the computation are not in it.
# Samples are perf's cpu-clock at 4999 Hz with frame-pointer call graphs
# (Go keeps frame pointers), all threads (GC workers included), user and
# kernel; the CSV goes to a new file in a temporary folder. The share is
# also given over the samples taken in user space alone: kernel samples
# (the writes to the page cache, page faults, scheduling) vary most from
# run to run on a loaded machine.
#
# Each run prints: binary, verb, samples, number-writing samples, share,
# the same over user-space samples, user and system CPU seconds of a run
# without perf that follows, and the SHA-256 of the CSV (compare with
# panel/checksum_test.go: votes by year, portfolio own ties).
set -euo pipefail
verb=$1 runs=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 1; i <= runs; i++)); do
for bin in "$@"; do
	# A new file each time: truncating the last one would add its freeing
	# to the system time of the run.
	rm -f "$tmp/out.csv"
	perf record -q -F 4999 -g -o "$tmp/perf.data" -- "$bin" similarity "$verb" --quiet --out "$tmp/out.csv" 2>/dev/null
	read -r total hits utotal uhits < <(perf script -i "$tmp/perf.data" -F ip,sym 2>/dev/null | awk '
		function flush() {
			if (insample) { total++; if (hit) hits++; if (user) { utotal++; if (hit) uhits++ } }
			insample = 0; hit = 0
		}
		/^$/ { flush(); next }
		!insample { user = $1 !~ /^ffffffff/ }
		{ insample = 1 }
		/internal\/numfmt\./ { hit = 1 }
		/ strconv\.(Append(Float|Int|Uint)|Format(Float|Int|Uint)|genericFtoa|ryu|bigFtoa|fmt[BEFX]|formatDigits|formatBits|small)/ { hit = 1 }
		/internal\/table\.(appendFields|\(\*Group\)\.csvText)/ { hit = 1 }
		/entente\/panel\.(\(\*voteLines\)\.)?append(Vote|SessionVote|VoteScores|Dyad|Floats|Portfolio|Pair|Small)$/ { hit = 1 }
		END { flush(); print total, hits, utotal, uhits }')
	rm -f "$tmp/out.csv"
	/usr/bin/time -f "%U %S" -o "$tmp/time" "$bin" similarity "$verb" --quiet --out "$tmp/out.csv" 2>/dev/null
	read -r user sys <"$tmp/time"
	sum=$(sha256sum "$tmp/out.csv" | cut -c1-16)
	awk -v v="$verb" -v t="$total" -v h="$hits" -v ut="$utotal" -v uh="$uhits" -v u="$user" -v s="$sys" -v sum="$sum" \
		-v b="$(basename "$bin")" 'BEGIN { printf "%s %s samples %d numbers %d share %.1f%% (user-space samples %d, share %.1f%%) cpu %.2f+%.2fs sha256 %s\n", b, v, t, h, 100*h/t, ut, 100*uh/ut, u, s, sum }'
done
done
