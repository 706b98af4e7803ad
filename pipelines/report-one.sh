#!/usr/bin/env bash
# report-one.sh BIN ROOT FILE OUTBASE BUYER|- KIND [OPTIONS|-]: normalise one
# source file, ROOT/FILE, into OUTBASE.jsonl (records),
# OUTBASE.rejects.jsonl (rejects) and OUTBASE.log (normalise -v counts).
# Run from the repository root, locally or on a GNU parallel --sshlogin host
# (paths relative to its workdir).  normalise runs inside ROOT and is given
# FILE, so each record's source reads FILE:LINE wherever it ran.
# KIND payment: CSV; contract: normalise --kind contract; jq: the jq program
# named by jq=PROGRAM in OPTIONS turns the file into JSON lines first.
# Writes .tmp files and renames them, so a failed run leaves no output.
set -euo pipefail
export LC_ALL=C
bin=$1 root=$2 in=$3 outbase=$4 buyer=$5 kind=$6 options=${7:-}
[ "$buyer" = - ] && buyer=	# "-": none (GNU parallel drops empty columns)
[ "$options" = - ] && options=
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
bin=$(abs "$bin")
top=$(cd "$(dirname "$0")/.." && pwd)
outbase=$(abs "$outbase")
mkdir -p "$(dirname "$outbase")"
args=()
[ -n "$buyer" ] && args+=(--buyer "$buyer")
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
payment) "$bin/normalise" "${args[@]}" --rejects "$tmp.rej" -v "$in" \
	>"$tmp.out" 2>"$tmp.log" ;;
contract) "$bin/normalise" --kind contract "${args[@]}" --rejects "$tmp.rej" \
	-v "$in" >"$tmp.out" 2>"$tmp.log" ;;
jq) jq -c -f "$jqprog" --arg file "$in" "$in" |
	"$bin/normalise" --from jsonl "${args[@]}" --rejects "$tmp.rej" -v - \
	>"$tmp.out" 2>"$tmp.log" ;;
*) echo "report-one: $in: unknown kind $kind" >&2; exit 2 ;;
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
mv "$tmp.rej" "$outbase.rejects.jsonl"
mv "$tmp.log" "$outbase.log"
mv "$tmp.out" "$outbase.jsonl"
