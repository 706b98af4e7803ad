#!/usr/bin/env bash
# generated.t: score dedupe-supplier on a generated set with known truth.
# gen-spend (../shared/bench) writes 50,000 rows of messy council CSVs and
# truth/suppliers.tsv (spelling -> true supplier); gen2jsonl.py turns the
# CSVs into records (with supplier_ref where a council publishes company or
# VAT numbers, and again without); score.py scores pairwise precision,
# recall and F1 over distinct spellings.  The issue asks F1 >= 0.97 at
# 1,000,000 rows (measured by hand, see the report); 50,000 rows keep the
# suite fast and must clear the same bar.
source "$TOP/tests/lib/tap.sh"
D=$(cd "$(dirname "$0")" && pwd)
GEN=$(dirname "$SHARED")/bench/gen-spend
if [ ! -f "$GEN" ]; then
	skip "generated set" "no $GEN"
	exit 0
fi
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

python3 "$GEN" --rows 50000 --seed 7 --out "$TMP/gen" >/dev/null ||
    { not_ok "gen-spend writes the set"; exit 0; }
python3 "$D/gen2jsonl.py" "$TMP/gen" >"$TMP/ids.jsonl"
python3 "$D/gen2jsonl.py" "$TMP/gen" --no-ids >"$TMP/names.jsonl"
same "records built from every data row" 50000 "$(wc -l <"$TMP/ids.jsonl")"

score() {	# score NAME RECORDS: prints "p r f"
	"$BIN/dedupe-supplier" --crosswalk "$TMP/$1.xw" "$2" >/dev/null &&
	python3 "$D/score.py" "$TMP/gen/truth/suppliers.tsv" "$TMP/$1.xw" \
	    --baselines >"$TMP/$1.score"
	sed "s/^/# $1: /" "$TMP/$1.score" >&2
	awk '$1 == "dedupe-supplier" { print $2, $3, $4 }' "$TMP/$1.score"
}
read -r p r f < <(score ids "$TMP/ids.jsonl")
check "with identifiers: F1 $f >= 0.97" ge "$f" 0.97
check "with identifiers: precision $p >= 0.98" ge "$p" 0.98
read -r p r f < <(score names "$TMP/names.jsonl")
check "names only: F1 $f >= 0.95" ge "$f" 0.95
check "names only: precision $p >= 0.98" ge "$p" 0.98
fsx=$(awk '$1 == "suffix-strip" { print $4 }' "$TMP/names.score")
check "names only: F1 $f beats suffix stripping $fsx by 0.2" \
    ge "$f" "$(awk -v x="$fsx" 'BEGIN { print x + 0.2 }')"

# the real pipeline: normalise's records, when normalise is built
if [ -x "$BIN/normalise" ]; then
	"$BIN/normalise" "$TMP"/gen/*.csv 2>/dev/null >"$TMP/norm.jsonl"
	read -r p r f < <(score norm "$TMP/norm.jsonl")
	check "through normalise: F1 $f >= 0.97" ge "$f" 0.97
else
	skip "through normalise" "normalise not built"
fi
