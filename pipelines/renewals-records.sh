#!/usr/bin/env bash
# renewals-records.sh DATA BIN LOGBASE: print every contract record found in
# the folder DATA, as canonical JSON lines, for make renewals.
#
# Which files: the contract sources of DATA's sources table, read through
# pipelines/report-sources.sh (kinds contract, jq, ocds, contracts-finder;
# payment files are ignored); and when that names nothing under DATA/ocds/,
# every *.json and *.jsonl there, as OCDS.  Consecutive jq files of one
# folder with the same program and buyer go through jq in one run, so the
# releases of one ocid in different files merge.
#
# Each file's records go through BIN/normalise --from jsonl (contract
# registers: --kind contract) when normalise is built, then the whole set
# through BIN/classify-sector when it is built and works; without them the
# jq output is passed on as it is (a failing classify-sector is reported on
# stderr and leaves the records unclassified).  Normalise rejects go to LOGBASE.rejects.jsonl,
# its -v counts and the jq skips to LOGBASE.log.  Exit 1 when DATA is not
# a folder or a step fails.
set -euo pipefail
export LC_ALL=C
data=${1:?usage: renewals-records.sh DATA BIN LOGBASE}
bin=${2:?usage: renewals-records.sh DATA BIN LOGBASE}
logbase=${3:?usage: renewals-records.sh DATA BIN LOGBASE}
data=${data%/}
top=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$data" ] || { echo "renewals-records: $data: no such folder" >&2; exit 1; }
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
bin=$(abs "$bin")
logbase=$(abs "$logbase")
rejects=$logbase.rejects.jsonl
log=$logbase.log
: >"$rejects"
: >"$log"

have_normalise=0
[ -x "$bin/normalise" ] && have_normalise=1

# norm KIND BUYER FILE...: records of the files (run inside DATA) on stdout.
norm() {
	local kind=$1 buyer=$2 prog=
	shift 2
	local args=(-v --rejects "$rejects.part")
	[ -n "$buyer" ] && args+=(--buyer "$buyer")
	case $kind in
	contract)
		[ "$have_normalise" = 1 ] ||
			{ echo "renewals-records: $*: normalise not built; skipped" >>"$log"; return 0; }
		(cd "$data" && "$bin/normalise" --kind contract "${args[@]}" "$@") 2>>"$log"
		;;
	jq:*)
		prog=${kind#jq:}
		(cd "$data" && jq -c -f "$prog" --arg emit skips "$@") |
			sed 's/^/skip: /' >>"$log"
		if [ "$have_normalise" = 1 ]; then
			(cd "$data" && jq -c -f "$prog" "$@") |
				"$bin/normalise" --from jsonl "${args[@]}" - 2>>"$log"
		else
			(cd "$data" && jq -c -f "$prog" "$@")
		fi
		;;
	esac
	[ -f "$rejects.part" ] && cat "$rejects.part" >>"$rejects" && rm -f "$rejects.part"
	return 0
}

manifest=$(mktemp)
records=$(mktemp)
trap 'rm -f "$manifest" "$records" "$rejects.part"' EXIT
if [ -x "$top/pipelines/report-sources.sh" ]; then
	"$top/pipelines/report-sources.sh" "$data" >"$manifest"
fi

# run KIND BUYER OPTIONS FILE...: one conversion run.
run() {
	local kind=$1 buyer=$2 options=$3 prog= o
	shift 3
	if [ "$kind" = jq ]; then
		for o in $options; do
			case $o in jq=*) prog=$(abs "$top/${o#jq=}") ;; esac
		done
		norm "jq:$prog" "$buyer" "$@"
	else
		norm contract "$buyer" "$@"
	fi
}

{
	# Consecutive jq rows of one folder with the same buyer and program
	# make one run, so releases of one ocid in different files merge.
	group=() key=
	# Fields are split on \037: with a tab as IFS, read would merge the
	# two tabs around an empty buyer.
	while IFS=$'\037' read -r file buyer kind options; do
		case $kind in contract | jq) ;; *) continue ;; esac
		k="$(dirname "$file")"$'\037'"$buyer"$'\037'"$kind"$'\037'"$options"
		if [ "$kind" = jq ] && [ "$k" = "$key" ]; then
			group+=("$file"); continue
		fi
		if [ ${#group[@]} -gt 0 ]; then
			IFS=$'\037' read -r _ gb gk go <<<"$key"
			run "$gk" "$gb" "$go" "${group[@]}"
		fi
		group=("$file") key=$k
	done < <(tr '\t' '\037' <"$manifest")
	if [ ${#group[@]} -gt 0 ]; then
		IFS=$'\037' read -r _ gb gk go <<<"$key"
		run "$gk" "$gb" "$go" "${group[@]}"
	fi
	if ! awk -F'\t' '$1 ~ /^ocds\// { f = 1 } END { exit !f }' "$manifest" &&
	    [ -d "$data/ocds" ]; then
		files=()
		while IFS= read -r f; do files+=("$f"); done < <(cd "$data" &&
			find ocds -type f \( -name '*.json' -o -name '*.jsonl' \) | sort)
		[ ${#files[@]} -eq 0 ] || norm "jq:$top/pipelines/ocds.jq" "" "${files[@]}"
	fi
} >"$records"
if [ -x "$bin/classify-sector" ] && "$bin/classify-sector" "$records" 2>>"$log"; then
	:
else
	[ -x "$bin/classify-sector" ] &&
		echo "renewals-records: classify-sector failed; categories left unclassified" |
		tee -a "$log" >&2
	cat "$records"
fi
