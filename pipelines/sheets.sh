#!/usr/bin/env bash
# sheets.sh FILE...: convert each spreadsheet FILE (.xlsx, .xlsm, .xls) to
# one CSV per sheet that holds data, beside it, named FILE.SHEET.csv (SHEET
# with every character but A-Z a-z 0-9 . _ - as "_"), so normalise and
# make report read it like any CSV and a record's source names the
# original file and its sheet.  Prints "CSV<TAB>sheet name" per CSV made.
#
# Converters (Debian packages made for the job, no parser of our own):
# xlsx2csv for .xlsx/.xlsm (every sheet, dates as YYYY-MM-DD, so no
# day/month guessing is left to normalise); python3-xlrd for .xls, through
# pipelines/sheets-xls.py (catdoc's xls2csv dated 2024-04-02 as 2028-04-03
# and left dates in custom formats as serial numbers).  .ods has no light
# converter in Debian (gnumeric's ssconvert brings GTK): it is reported and
# left alone (exit 1).
#
# A sheet holds data when it has at least two lines with a non-blank cell
# (a header and a row).  A CSV is rewritten only when its bytes change, so
# make report does not normalise it again for nothing; CSVs of sheets that
# are gone are removed.  Exit 1 when a file cannot be converted (message
# "sheets: FILE: why"), after trying the others.
set -euo pipefail
export LC_ALL=C
status=0
for f in "$@"; do
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/sheets.XXXXXX")
	ok=1
	case ${f,,} in
	*.xlsx | *.xlsm)
		xlsx2csv -a -i -f %Y-%m-%d -d , "$f" "$tmp/out" 2>"$tmp/err" || ok=0 ;;
	*.xls)
		"$(dirname "$0")/sheets-xls.py" "$f" "$tmp/out" 2>"$tmp/err" || ok=0 ;;
	*.ods)
		echo "no .ods converter installed (see README: Dependencies)" >"$tmp/err"
		ok=0 ;;
	*)
		echo "not a spreadsheet (.xlsx, .xlsm, .xls)" >"$tmp/err"; ok=0 ;;
	esac
	if [ "$ok" = 0 ] || [ ! -d "$tmp/out" ]; then
		echo "sheets: $f: $(head -n 1 "$tmp/err" 2>/dev/null)" >&2
		rm -rf "$tmp"; status=1; continue
	fi
	declare -A made=()
	while IFS= read -r -d '' c; do
		sheet=$(basename "$c" .csv)
		# a sheet with data: two lines holding something but separators
		[ "$(tr -d ', \t\r"' <"$c" | grep -c . || true)" -ge 2 ] || continue
		safe=$(printf '%s' "$sheet" | tr -c 'A-Za-z0-9._-' '_')
		name=$f.$safe.csv
		n=1
		while [ -n "${made[$name]:-}" ]; do n=$((n + 1)); name=$f.$safe-$n.csv; done
		made[$name]=1
		# copied beside the target under a name no reader takes for a
		# CSV, then renamed: a CSV is never seen half-written
		if ! cmp -s "$c" "$name"; then
			cp "$c" "$name.tmp$$" && mv -f "$name.tmp$$" "$name"
		fi
		printf '%s\t%s\n' "$(basename "$name")" "$sheet"
	done < <(find "$tmp/out" -name '*.csv' -type f -print0 | sort -z)
	for old in "$f".*.csv; do
		[ -f "$old" ] && [ -z "${made[$old]:-}" ] && rm -f "$old"
	done
	unset made
	rm -rf "$tmp"
done
exit "$status"
