#!/usr/bin/env bash
# report-snapshot.sh BUILD DEST DATA QUARTER AS_OF BIN: copy the report built
# in BUILD (by make report OUT=BUILD) into DEST (replaced whole) with
# MANIFEST.tsv: the snapshot's parameters, the tool versions, the code
# (filter binaries, pipelines, schemas), every input file (from the sources
# manifest) and every output file, each with its size and SHA-256; when
# make fetch wrote DATA, a source row per fetched file with its URL.  Nothing here reads the clock: the same inputs and tools give the
# same bytes.
set -euo pipefail
export LC_ALL=C
build=${1%/} dest=${2%/} data=${3%/} quarter=$4 as_of=$5 bin=$6
rm -rf "$dest.tmp"
mkdir -p "$dest.tmp"
cp -R "$build/report/." "$dest.tmp/"
# every PNG is checked for embedded times (tIME chunk) and every SVG for
# dates, so a snapshot never carries the moment it was made
for f in "$dest.tmp"/charts/*.png "$dest.tmp"/renewals/*.png; do
	[ -f "$f" ] || continue
	if grep -q tIME "$f"; then
		echo "report-snapshot: $f has a tIME chunk" >&2
		exit 1
	fi
done

sha() { sha256sum "$1" | cut -d ' ' -f 1; }
ver() { "$@" 2>&1 | head -n 1 | tr '\t' ' '; }
{
	printf 'section\tname\tbytes\tsha256\turl\n'
	printf 'param\tquarter\t\t%s\n' "$quarter"
	printf 'param\tas_of\t\t%s\n' "$as_of"
	printf 'param\tdata\t\t%s\n' "$(basename "$(cd "$data" && pwd)")"
	for p in normalise dedupe-supplier classify-sector aggregate; do
		printf 'tool\t%s\t\t%s\n' "$p" "$(ver "$bin/$p" --version)"
	done
	printf 'tool\tgnuplot\t\t%s\n' "$(ver gnuplot --version)"
	printf 'tool\tjq\t\t%s\n' "$(ver jq --version)"
	printf 'tool\tparallel\t\t%s\n' "$(ver parallel --version)"
	printf 'tool\tsqlite3\t\t%s\n' "$(ver sqlite3 --version | cut -d ' ' -f 1)"
	printf 'tool\tcc\t\t%s\n' "$(ver "${CC:-cc}" --version)"
	# the code that made it, by content rather than by commit: the same
	# code gives the same manifest whatever the commit is called
	for f in "$bin"/normalise "$bin"/dedupe-supplier "$bin"/classify-sector \
	    "$bin"/aggregate pipelines/*.mk pipelines/*.sh pipelines/*.gp \
	    pipelines/*.awk pipelines/*.jq schemas/*; do
		[ -f "$f" ] || continue
		case $f in "$bin"/*) n=bin/${f##*/} ;; *) n=$f ;; esac
		printf 'code\t%s\t%s\t%s\n' "$n" "$(wc -c <"$f")" "$(sha "$f")"
	done
	cut -f1 "$build/work/sources.tsv" | while IFS= read -r file; do
		printf 'input\t%s\t%s\t%s\n' "$file" "$(wc -c <"$data/$file")" "$(sha "$data/$file")"
	done
	# where the inputs came from, when make fetch wrote DATA: each file of
	# its publishers' MANIFEST.tsv in place, with the URL it was fetched
	# from (a sheet's CSV: the workbook's URL and #sheet=NAME)
	for m in "$data"/*/MANIFEST.tsv; do
		[ -f "$m" ] || continue
		awk -F '\t' -v OFS='\t' -v p="$(basename "$(dirname "$m")")" \
		    'NR > 1 && $7 != "-" { print "source", p "/" $1, $6, $7, $2 }' "$m"
	done
	(cd "$dest.tmp" && find . -type f ! -name MANIFEST.tsv | sed 's|^\./||' | sort) |
	while IFS= read -r f; do
		printf 'output\t%s\t%s\t%s\n' "$f" "$(wc -c <"$dest.tmp/$f")" "$(sha "$dest.tmp/$f")"
	done
} >"$dest.tmp/MANIFEST.tsv"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
echo "snapshot: $dest ($(grep -c '^output' "$dest/MANIFEST.tsv") files)" >&2
