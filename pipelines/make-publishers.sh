#!/usr/bin/env bash
# make-publishers.sh DIR: write the file list of the publisher catalogue
# (schemas/publishers.files.tsv) to stdout from ODI Leeds' per-body
# catalogues in DIR (../shared/data/catalogues: <publisher>.json with
# files[] of month, url, name, format).
#
#   pipelines/make-publishers.sh ../shared/data/catalogues \
#	> schemas/publishers.files.tsv
#
# One row per file (a URL listed twice for one body is kept once), sorted
# by publisher, then month, then as listed.
# Columns (tab-separated; "-" for empty):
#   publisher  the JSON file's name (the row of schemas/publishers.tsv)
#   period     the period as the catalogue names it: 2019-04, 2014-Q1
#              (financial quarter), 2013-P01 (four-week period), 2019
#   month      the first month the file covers, YYYY-MM (what SINCE
#              compares): the first "D Month YYYY" date in the link text
#              when it has one, else from the period: YYYY-Qn is the UK
#              financial quarter (Q1 starts in April), YYYY-Pnn the nn-th
#              of thirteen periods from April, YYYY its January
#   format     the URL's extension when it names a format (csv, xlsx, xlsm,
#              xls, ods), else the catalogue's
#   file       the name the file is saved under: <period>.<format>, with
#              -2, -3 ... when a period has more than one file
#   kind       payment, or contract when the URL or link text names a
#              contracts register
#   url        the file as the body published it ("-": the catalogue kept
#              no URL; make fetch lists it as skipped)
#   name       the link text on the listing page
set -euo pipefail
export LC_ALL=C
dir=${1:?usage: make-publishers.sh DIR}
printf 'publisher\tperiod\tmonth\tformat\tfile\tkind\turl\tname\n'
for f in "$dir"/*.json; do
	p=$(basename "$f" .json)
	jq -r --arg p "$p" '.files[] | [$p, .month, .format, (.url // ""),
	    ((.name // "") | gsub("[\t\n\r]"; " "))] | @tsv' "$f"
done | awk -F '\t' -v OFS='\t' '
BEGIN {
	split("january february march april may june july august september october november december", mn, " ")
	for (i = 1; i <= 12; i++) { mon[mn[i]] = i; mon[substr(mn[i], 1, 3)] = i }
}
function month_of(period, name,    s, w, n, i, y, q, m) {
	# the first "D Month YYYY" in the link text
	s = tolower(name)
	n = split(s, w, /[^a-z0-9]+/)
	for (i = 1; i + 2 <= n; i++)
		if (w[i] ~ /^[0-9][0-9]?$/ && (w[i + 1] in mon) && w[i + 2] ~ /^(19|20)[0-9][0-9]$/)
			return sprintf("%s-%02d", w[i + 2], mon[w[i + 1]])
	# else the period, read from its start (2021-Q3-card is a quarter)
	if (period ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]([^0-9]|$)/)
		return substr(period, 1, 7)
	y = substr(period, 1, 4) + 0
	if (period ~ /^[0-9][0-9][0-9][0-9]-Q[1-4]([^0-9]|$)/) {
		m = 4 + 3 * (substr(period, 7, 1) - 1)
	} else if (period ~ /^[0-9][0-9][0-9][0-9]-P[0-9][0-9]?([^0-9]|$)/) {
		m = 4 + int((substr(period, 7, 2) + 0 - 1) * 12 / 13)
	} else if (period ~ /^[0-9][0-9][0-9][0-9]([^0-9]|$)/) {
		return sprintf("%04d-01", y)
	} else {
		return "-"
	}
	if (m > 12) { m -= 12; y++ }
	return sprintf("%04d-%02d", y, m)
}
{
	pub = $1; period = $2; fmt = tolower($3); url = $4; name = $5
	if (url != "" && dup[pub, url]++) next	# listed twice: fetched once
	u = url; sub(/[?#].*/, "", u)
	if (match(tolower(u), /\.(csv|xlsx|xlsm|xls|ods)$/))
		fmt = substr(tolower(u), RSTART + 1)
	kind = (tolower(url " " name) ~ /contracts?[-_ ]register/) ? "contract" : "payment"
	base = pub SUBSEP period
	stem = period; gsub(/[^A-Za-z0-9._-]/, "_", stem)
	file = stem (seen[base]++ ? "-" seen[base] : "") "." fmt
	print pub, period, month_of(period, name), fmt, file, kind, \
	    (url == "" ? "-" : url), (name == "" ? "-" : name), NR
}' | sort -t $'\t' -k1,1 -k3,3 -k9,9n | cut -f1-8
