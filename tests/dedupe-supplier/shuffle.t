#!/usr/bin/env bash
# shuffle.t: the output does not depend on the order of the input.  The
# same records in three orders must give byte-identical output once both
# are sorted, and byte-identical crosswalks (which are sorted already).
source "$TOP/tests/lib/tap.sh"
D=$(cd "$(dirname "$0")" && pwd)
GEN=$(dirname "$SHARED")/bench/gen-spend

cat "$D/names.in" "$D/ids.in" "$D/aliases.in" >"$TMP/in.jsonl"
if [ -f "$GEN" ]; then
	python3 "$GEN" --rows 20000 --seed 3 --out "$TMP/gen" >/dev/null &&
	python3 "$D/gen2jsonl.py" "$TMP/gen" >>"$TMP/in.jsonl"
fi
n=$(wc -l <"$TMP/in.jsonl")
# seeded shuffles: sort by a keyed hash of each line
shuffled() { awk -v s="$1" 'BEGIN { srand(s) } { print rand() "\t" $0 }' \
    "$TMP/in.jsonl" | sort -k1,1 | cut -f2-; }
shuffled 1 >"$TMP/a.jsonl"
shuffled 2 >"$TMP/b.jsonl"
tac "$TMP/in.jsonl" >"$TMP/c.jsonl"
check "shuffles differ from the input" bash -c \
    "! cmp -s '$TMP/in.jsonl' '$TMP/a.jsonl' && ! cmp -s '$TMP/a.jsonl' '$TMP/b.jsonl'"

for v in in a b c; do
	"$BIN/dedupe-supplier" --aliases "$D/aliases.tsv" \
	    --crosswalk "$TMP/$v.xw" "$TMP/$v.jsonl" | sort >"$TMP/$v.out"
done
same "every record written ($n)" "$n" "$(wc -l <"$TMP/in.out")"
for v in a b c; do
	check "order $v: same records, sorted" cmp "$TMP/in.out" "$TMP/$v.out"
	check "order $v: same crosswalk" cmp "$TMP/in.xw" "$TMP/$v.xw"
done
