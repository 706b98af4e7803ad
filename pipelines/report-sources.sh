#!/usr/bin/env bash
# report-sources.sh DATA: print the per-file sources manifest for a data
# folder, one line per input file: file (relative to DATA), buyer ("-":
# from the records), kind, options ("-": none), unit, separated by tabs, sorted by file.
# unit: the files of one table row naming a folder of jq sources share it
# (the folder's path): they go through jq in one run, so that releases of
# one ocid in different files merge; "-" for a file on its own.
#
# The table read is DATA/sources.tsv when present, else
# pipelines/sources/<basename of DATA>.tsv, else none: then every *.csv
# under DATA is a payment file whose buyer is its folder's name.
# Symbolic links to files and folders are followed, so a data folder can
# gather other folders by linking them.
# Table format (TSV, "#" comments, header line "file buyer kind options"):
#   file     a file, a folder (every *.csv in it; *.json and *.jsonl for
#            jq kinds) or a
#            shell glob, relative to DATA
#   buyer    normalise --buyer; "-" or empty: from the records
#   kind     payment | contract | jq | ocds | contracts-finder
#            (ocds and contracts-finder are jq with pipelines/<kind>.jq)
#   options  more normalise options; jq=PROGRAM names the jq program that
#            turns the file into JSON lines for normalise --from jsonl
# A row naming nothing that exists is an error (exit 1).  When rows name
# the same file (a folder, then one file in it), the last row wins.
# When no row names anything under DATA/ocds/ and that folder exists, its
# *.json and *.jsonl files are added as one unit of OCDS sources.
# Options naming files (--layout FILE) are relative to DATA; they are not
# copied to PARALLEL_HOSTS.
set -euo pipefail
export LC_ALL=C
data=${1:?usage: report-sources.sh DATA}
data=${data%/}
[ -d "$data" ] || { echo "report-sources: $data: no such folder" >&2; exit 1; }
top=$(cd "$(dirname "$0")/.." && pwd)
table=
if [ -f "$data/sources.tsv" ]; then
	table=$data/sources.tsv
elif [ -f "$top/pipelines/sources/$(basename "$(cd "$data" && pwd)").tsv" ]; then
	table=$top/pipelines/sources/$(basename "$(cd "$data" && pwd)").tsv
fi

emit() {	# emit FILE BUYER KIND OPTIONS [UNIT]; "-" for no buyer, so
		# that every field is non-empty (bash read joins empty tab fields)
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "${2:--}" "$3" "${4:--}" "${5:--}"
}

# ocds: the OCDS files under DATA/ocds as one unit, unless the table
# named something there.
ocds() {
	[ -d "$data/ocds" ] || return 0
	[ -n "$table" ] && sed 's/\t.*//' "$table" | grep -q '^ocds\(/\|$\)' && return 0
	(cd "$data" && find -L ocds \( -name '*.json' -o -name '*.jsonl' \) -type f | sort) |
	while IFS= read -r f; do
		emit "$f" "" jq "jq=pipelines/ocds.jq" ocds
	done
}

if [ -z "$table" ]; then
	{
		(cd "$data" && find -L . -name '*.csv' -type f | sed 's|^\./||' | sort) |
		while IFS= read -r f; do
			d=$(dirname "$f")
			[ "$d" = . ] && d=$(basename "$(cd "$data" && pwd)")
			emit "$f" "$(basename "$d")" payment ""
		done
		ocds
	} | sort -t $'\t' -k1,1
	exit 0
fi

n=0
{
while IFS=$'\t' read -r file buyer kind options || [ -n "$file" ]; do
	n=$((n + 1))
	case $file in '' | '#'*) continue ;; esac
	[ "$file" = file ] && [ "$buyer" = buyer ] && continue
	file=${file%/}
	kind=${kind:-payment}
	case $kind in
	ocds | contracts-finder)
		options="jq=pipelines/$kind.jq${options:+ $options}"; kind=jq ;;
	payment | contract | jq) ;;
	*) echo "report-sources: $table:$n: unknown kind \"$kind\"" >&2
		exit 1 ;;
	esac
	if [ "$kind" = jq ] && [[ $options != *jq=* ]]; then
		echo "report-sources: $table:$n: kind jq needs jq=PROGRAM" >&2
		exit 1
	fi
	found=0
	if [ -d "$data/$file" ]; then
		unit=-
		[ "$kind" = jq ] && unit=$file
		while IFS= read -r f; do
			emit "${f#./}" "$buyer" "$kind" "$options" "$unit"; found=1
		done < <(cd "$data" && if [ "$kind" = jq ]; then
			find -L "./$file" \( -name '*.json' -o -name '*.jsonl' \) -type f
		else
			find -L "./$file" -name '*.csv' -type f
		fi | sort)
	else
		shopt -s nullglob
		for f in "$data"/$file; do
			[ -f "$f" ] || continue
			emit "${f#"$data"/}" "$buyer" "$kind" "$options"; found=1
		done
		shopt -u nullglob
	fi
	if [ "$found" = 0 ]; then
		echo "report-sources: $table:$n: no input file matches \"$file\"" >&2
		exit 1
	fi
done <"$table"
ocds
} | awk -F '\t' '!($1 in row) { order[++n] = $1 } { row[$1] = $0 }
	END { for (i = 1; i <= n; i++) print row[order[i]] }' | sort -t $'\t' -k1,1
