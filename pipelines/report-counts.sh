#!/usr/bin/env bash
# report-counts.sh [--units] SOURCES REC: the counts of stage 1 of make
# report, from the per-unit logs under REC (pipelines/report-one.sh) and
# the sources table SOURCES (WORK/sources.tsv, pipelines/report-rules.sh).
#   --units  one line per unit, tab-separated: id, name (the file, or the
#            folder of a jq unit), buyer, kind, rows, blanks, records,
#            rejects, status (ok or unusable); "?" for a count the log
#            does not give
#   default  one line: files, units, rows, records, rejects
# Rows and blanks come from normalise -v: the run's total line of the
# shared shape ("normalise: file=* ... rows=N ... blank=N", every value
# bare), else the older shape ("normalise: FILE: lines N, rows N =
# records N + rejects N + skipped N (blank N, ..."), read only after the
# "normalise: FILE: " of a file of the unit, so a file name never reads
# as a count.  Records: report-one's "report-one: records=N".
set -euo pipefail
export LC_ALL=C
mode=summary
[ "$1" = --units ] && { mode=units; shift; }
sources=$1 rec=${2%/}

units() {
	awk -F '\t' -v OFS='\t' '
	$6 != id { if (id != "") print id, name, buyer, kind, files
		id = $6; name = ($5 == "-") ? $1 : $5 "/"; buyer = $2
		kind = $3; files = "" }
	{ files = files (files == "" ? "" : "\037") $1 }
	END { if (id != "") print id, name, buyer, kind, files }' "$sources" |
	while IFS=$'\t' read -r id name buyer kind files; do
		log=$rec/$id.log
		rejects=$(grep -c '' "$rec/$id.rejects.jsonl" 2>/dev/null || true)
		status=ok
		grep -q '^report-one: unusable input' "$log" && status=unusable
		awk -v files="$files" -v kind="$kind" -v OFS='\t' \
		    -v pre="$id"$'\t'"$name"$'\t'"$buyer"$'\t'"$kind" \
		    -v rejects="${rejects:-0}" -v status="$status" '
		BEGIN { n = split(files, f, "\037"); if (kind == "jq") { n = 2; f[1] = "-"; f[2] = "<stdin>" } }
		function val(line, key,   i, t, m) {
			m = split(line, t, " ")
			for (i = 1; i <= m; i++)
				if (index(t[i], key "=") == 1)
					return substr(t[i], length(key) + 2)
			return ""
		}
		/^normalise: file=\* / { trows = val($0, "rows"); tblank = val($0, "blank"); total = 1; next }
		/^report-one: records=/ { records = substr($0, 21); next }
		{
			for (i = 1; i <= n; i++) {
				p = "normalise: " f[i] ": "
				if (index($0, p) != 1)
					continue
				s = substr($0, length(p) + 1)
				if (match(s, /^lines [0-9]+, rows [0-9]+ = /)) {
					t = substr(s, RSTART, RLENGTH); sub(/^lines [0-9]+, rows /, "", t)
					rows += t + 0; seen = 1
				}
				if (match(s, /\(blank [0-9]+,/)) {
					t = substr(s, RSTART + 7, RLENGTH - 8); blank += t + 0
				}
			}
		}
		END {
			if (total) { rows = trows; blank = tblank }
			else if (!seen) { rows = "?"; blank = "?" }
			if (rows == "") rows = "?"
			if (blank == "") blank = "?"
			print pre, rows, blank, (records == "" ? "?" : records), rejects, status
		}' "$log"
	done
}

if [ "$mode" = units ]; then
	units
	exit
fi
units | awk -F '\t' -v files="$(grep -c '' "$sources")" '
	{ u++; if ($5 != "?") r += $5; rec += $7; rej += $8; if ($9 != "ok") bad++ }
	END { printf "%d files (%d units), %d rows, %d records, %d rejects%s\n",
		files, u, r, rec, rej, bad ? ", " bad " unusable" : "" }'
