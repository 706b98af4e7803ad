#!/usr/bin/env bash
# bench-gen.sh [ROWS [SEED]]: dedupe-supplier on a generated set (not run by
# the suite; default 1,000,000 rows, seed 11).  gen-spend writes the CSVs
# and the truth to a temp folder, gen2jsonl.py (with and without company/VAT
# numbers) or normalise (when built) makes the records, dedupe-supplier runs
# under GNU time, score.py scores pairwise precision/recall/F1 against
# truth/suppliers.tsv.  One line per input:
#   input  records  spellings  seconds(user+sys)  peak_KB  precision  recall  f1
# The issue asks F1 >= 0.97 and under 20 s and 1 GB at 1,000,000 rows.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$TOP/out/bin}
GEN=${GEN:-$TOP/../shared/bench/gen-spend}
D=$TOP/tests/dedupe-supplier
rows=${1:-1000000} seed=${2:-11}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$GEN" --rows "$rows" --seed "$seed" --out "$tmp/gen" >/dev/null
python3 "$D/gen2jsonl.py" "$tmp/gen" >"$tmp/ids.jsonl"
python3 "$D/gen2jsonl.py" "$tmp/gen" --no-ids >"$tmp/names.jsonl"
inputs="ids names"
if [ -x "$BIN/normalise" ]; then
	"$BIN/normalise" "$tmp"/gen/*.csv 2>/dev/null >"$tmp/normalise.jsonl"
	inputs="$inputs normalise"
fi
printf 'input\trecords\tspellings\tseconds\tpeak_KB\tprecision\trecall\tf1\n'
for v in $inputs; do
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$BIN/dedupe-supplier" -v \
	    --crosswalk "$tmp/$v.xw" "$tmp/$v.jsonl" >/dev/null 2>"$tmp/err"
	read -r u s kb <"$tmp/time"
	sp=$(sed -n 's/^dedupe-supplier: file=\* .* spellings=\([0-9]*\) .*/\1/p' "$tmp/err")
	read -r _ p r f _ < <(python3 "$D/score.py" \
	    "$tmp/gen/truth/suppliers.tsv" "$tmp/$v.xw")
	awk -v v="$v" -v n="$(wc -l <"$tmp/$v.jsonl")" -v sp="$sp" -v u="$u" \
	    -v s="$s" -v kb="$kb" -v p="$p" -v r="$r" -v f="$f" \
	    'BEGIN { printf "%s\t%d\t%d\t%.2f\t%d\t%s\t%s\t%s\n", v, n, sp, u + s, kb, p, r, f }'
done
