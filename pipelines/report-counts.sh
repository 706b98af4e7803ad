#!/usr/bin/env bash
# report-counts.sh [--units] SOURCES REC: the counts of stage 1 of make
# report, from the per-unit logs under REC (pipelines/report-one.sh) and
# the sources table SOURCES (WORK/sources.tsv, pipelines/report-rules.sh).
#   --units  one line per unit, tab-separated: id, name (the file, or the
#            folder of a jq unit), buyer, kind, rows, blanks, records,
#            rejects, status (ok or unusable), then normalise's quality
#            counts summed over the unit's files (its per-file -v lines):
#            records with a supplier, redacted, dated outside the file's
#            period, buyer unresolved, named columns unmapped, with no
#            supplier (a blank cell or no column); "?" for a
#            count the log does not give
#   default  one line: files, units, rows, records, rejects
# Rows and blanks come from normalise -v: the run's total line of the
# shared shape ("normalise: file=* ... rows=N ... blank=N", every value
# bare), else the older shape ("normalise: FILE: lines N, rows N =
# records N + rejects N + skipped N (blank N, ..."), read only after the
# "normalise: FILE: " of a file of the unit, so a file name never reads
# as a count.  Records: report-one's "report-one: records=N".  One awk
# over every log and rejects file, however many units.
set -euo pipefail
export LC_ALL=C
mode=summary
[ "$1" = --units ] && { mode=units; shift; }
sources=$1 rec=${2%/}

units() {
	# the units, then their logs and rejects files, in one awk
	awk -F '\t' -v OFS='\t' '
	$6 != id { if (id != "") print id, name, buyer, kind, files
		id = $6; name = ($5 == "-") ? $1 : $5 "/"; buyer = $2
		kind = $3; files = "" }
	{ files = files (files == "" ? "" : "\037") $1 }
	END { if (id != "") print id, name, buyer, kind, files }' "$sources" >"$tmp/units"
	awk -v rec="$rec" -v OFS='\t' '
	function val(line, key,   i, t, m) {
		m = split(line, t, " ")
		for (i = 1; i <= m; i++)
			if (index(t[i], key "=") == 1)
				return substr(t[i], length(key) + 2)
		return ""
	}
	# one log line of unit id
	function logline(id, line,   i, p, s, t) {
		if (line ~ /^normalise: file=\* /) { trows[id] = val(line, "rows"); tblank[id] = val(line, "blank"); return }
		if (line ~ /^normalise: file=/) {
			q[id] = 1; sup[id] += val(line, "supplier")
			red[id] += val(line, "redacted"); out[id] += val(line, "outside_period")
			nos[id] += val(line, "no_supplier")
			unk[id] += val(line, "unknown_buyer"); unm[id] += val(line, "unmapped")
			return
		}
		if (line ~ /^report-one: records=/) { records[id] = substr(line, 21); return }
		if (line ~ /^report-one: unusable input/) { status[id] = "unusable"; return }
		for (i = 1; i <= nf[id]; i++) {
			p = pre[id, i]
			if (index(line, p) != 1)
				continue
			s = substr(line, length(p) + 1)
			if (match(s, /^lines [0-9]+, rows [0-9]+ = /)) {
				t = substr(s, RSTART, RLENGTH); sub(/^lines [0-9]+, rows /, "", t)
				rows[id] += t; seen[id] = 1
			}
			if (match(s, /\(blank [0-9]+,/)) {
				t = substr(s, RSTART + 7, RLENGTH - 8); blank[id] += t
			}
		}
	}
	{
		split($0, u, "\t"); id = u[1]; order[++nu] = id; row[id] = u[1] OFS u[2] OFS u[3] OFS u[4]
		n = split(u[5], f, "\037")
		if (u[4] == "jq") { n = 2; f[1] = "-"; f[2] = "<stdin>" }
		for (i = 1; i <= n; i++) pre[id, i] = "normalise: " f[i] ": "
		nf[id] = n; rej[id] = 0; status[id] = "ok"
		file = rec "/" id ".log"
		while ((getline line < file) > 0) logline(id, line)
		close(file)
		file = rec "/" id ".rejects.jsonl"
		while ((getline line < file) > 0) rej[id]++
		close(file)
	}
	END {
		for (k = 1; k <= nu; k++) { id = order[k]
			if (id in trows) { r = trows[id]; b = tblank[id] }
			else if (seen[id]) { r = rows[id]; b = blank[id] + 0 }
			else { r = "?"; b = "?" }
			if (r == "") r = "?"
			if (b == "") b = "?"
			print row[id], r, b, ((id in records) ? records[id] : "?"), rej[id], status[id],
			    (id in q) ? sup[id] OFS red[id] OFS out[id] OFS unk[id] OFS unm[id] OFS nos[id] : "?" OFS "?" OFS "?" OFS "?" OFS "?" OFS "?"
		}
	}' "$tmp/units"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$mode" = units ]; then
	units
	exit
fi
units | awk -F '\t' -v files="$(grep -c '' "$sources")" '
	{ u++; if ($5 != "?") r += $5; rec += $7; rej += $8; if ($9 != "ok") bad++ }
	END { printf "%d files (%d units), %d rows, %d records, %d rejects%s\n",
		files, u, r, rec, rej, bad ? ", " bad " unusable" : "" }'
