#!/usr/bin/env bash
# report-headline.sh TABLES: the figures make report prints at its end,
# from the report's tables in TABLES (TSV): per financial year, tech spend
# as observed in the data, with the number of buyers that have payments in
# that year; money as people read it (£12.7m).
set -euo pipefail
export LC_ALL=C
t=${1%/}
# buyers with payments, per financial year, from the coverage table
awk -F '\t' -v OFS='\t' '
    FILENAME == ARGV[1] { if (FNR > 1 && $4 == 1) {
	y = substr($3, 1, 4) + 0; m = substr($3, 6, 2) + 0
	fy = (m >= 4) ? sprintf("%d-%02d", y, (y + 1) % 100) : sprintf("%d-%02d", y - 1, y % 100)
	if (!((fy, $1 "\t" $2) in seen)) { seen[fy, $1 "\t" $2] = 1; nb[fy]++ } }; next }
    FNR == 1 { next }
    { printf "%-10s tech spend observed £%s from %d buyer%s (%s records)\n", $1, human($3), nb[$1], nb[$1] == 1 ? "" : "s", $2 }
    # "12700000.00" -> "12.7m": text only, the sum is aggregate'"'"'s
    function human(s,   neg, i, d, n) {
	neg = sub(/^-/, "", s); i = s; sub(/\..*/, "", i); n = length(i)
	if (n > 9) d = substr(i, 1, n - 9) "." substr(i, n - 8, 1) "bn"
	else if (n > 6) d = substr(i, 1, n - 6) "." substr(i, n - 5, 1) "m"
	else if (n > 3) d = substr(i, 1, n - 3) "." substr(i, n - 2, 1) "k"
	else d = s
	return (neg ? "-" : "") d }' "$t/coverage.tsv" "$t/tech-by-fy.tsv"
