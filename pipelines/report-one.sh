#!/usr/bin/env bash
# report-one.sh BIN ROOT UNIT OUTBASE: normalise one unit of source files
# (UNIT: lines "file buyer kind options", tab-separated, as
# pipelines/report-rules.sh writes them; the files relative to ROOT) into
#   OUTBASE.jsonl.zst     the records, zstd-compressed
#   OUTBASE.rejects.jsonl the rejects
#   OUTBASE.log           normalise -v, then "report-one: records=N"
#   OUTBASE.months.jsonl  aggregate --by month of the records (amount for
#                         payments, value for contracts): the data-quality
#                         table's totals and periods, without reading the
#                         records again
# Run from anywhere, locally or on a GNU parallel --sshlogin host (paths
# relative to its workdir); needs bash, zstd (and jq for jq units) there.
# normalise runs inside ROOT and is given the file names, so each record's
# source reads FILE:LINE wherever it ran.  buyer "-": from the records;
# kind payment: CSV; contract: normalise --kind contract; jq: the jq
# program named by jq=PROGRAM in options turns the unit's files (all in
# one run, so releases of one ocid in several files merge) into JSON lines
# for normalise --from jsonl.  .tmp files renamed at the end, the records
# last: a failed run leaves no records file.
set -euo pipefail
export LC_ALL=C
bin=$1 root=$2 unit=$3 outbase=$4
# absolute paths without a subshell each (a report runs this once per
# unit: process starts are most of its cost on small files)
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $unit in /*) ;; *) unit=$PWD/$unit ;; esac
case $outbase in /*) ;; *) outbase=$PWD/$outbase ;; esac
case $0 in */*) top=${0%/*}/.. ;; *) top=.. ;; esac
case $top in /*) ;; *) top=$PWD/$top ;; esac
files=()
while IFS=$'\t' read -r f b k o; do
	files+=("$f") buyer=$b kind=$k options=$o
done <"$unit"
[ ${#files[@]} -gt 0 ] || { echo "report-one: $unit: no files" >&2; exit 2; }
[ "$buyer" = - ] && buyer=
[ "$options" = - ] && options=
[ -d "${outbase%/*}" ] || mkdir -p "${outbase%/*}"
args=()
[ -n "$buyer" ] && args+=(--buyer "$buyer")
# Files run side by side, one make job per core: one thread each.
[ -n "${REPORT_THREADS:-}" ] && args+=("--threads=$REPORT_THREADS")
jqprog=
for o in $options; do
	case $o in
	jq=*) jqprog=${o#jq=}	# relative to the repository
		case $jqprog in /*) ;; *) jqprog=$top/$jqprog ;; esac ;;
	*) args+=("$o") ;;
	esac
done
tmp=$outbase.tmp
cd "$root"
case $kind in
payment) "$bin/normalise" "${args[@]}" --rejects "$tmp.rej" -v "${files[@]}" \
	>"$tmp.out" 2>"$tmp.log" ;;
contract) "$bin/normalise" --kind contract "${args[@]}" --rejects "$tmp.rej" \
	-v "${files[@]}" >"$tmp.out" 2>"$tmp.log" ;;
jq) jq -n -c -f "$jqprog" "${files[@]}" |
	"$bin/normalise" --from jsonl "${args[@]}" --rejects "$tmp.rej" -v - \
	>"$tmp.out" 2>"$tmp.log" ;;
*) echo "report-one: ${files[0]}: unknown kind $kind" >&2; exit 2 ;;
esac || {
	# Status 1 is an unusable input: recorded in the log (the data-quality
	# table shows it) and the run goes on.  Anything else is a crash.
	rc=$?
	cat "$tmp.log" >&2
	[ "$rc" -eq 1 ] || { rm -f "$tmp".*; exit "$rc"; }
	: >"$tmp.out"
	echo "report-one: unusable input (normalise status 1)" >>"$tmp.log"
}
touch "$tmp.rej"
sum=amount
[ "$kind" = payment ] || sum=value
# records without the summed field (notices without an award) are left
# out of the month totals, and aggregate says how many: not an error here
"$bin/aggregate" --by month --sum "$sum" "$tmp.out" >"$tmp.months" 2>/dev/null
n=$(wc -l <"$tmp.out")
echo "report-one: records=$((n))" >>"$tmp.log"
zstd -q -1 -f "$tmp.out" -o "$tmp.zst"
rm -f "$tmp.out"
mv "$tmp.rej" "$outbase.rejects.jsonl"
mv "$tmp.months" "$outbase.months.jsonl"
mv "$tmp.log" "$outbase.log"
mv "$tmp.zst" "$outbase.jsonl.zst"
