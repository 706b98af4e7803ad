#!/usr/bin/env bash
# shuffle.t: the results do not depend on the order of the records.  The
# normalised records of a set, and the same records shuffled (shuf with a
# fixed --random-source, so a failure repeats), go through dedupe-supplier,
# classify-sector and aggregate; the sorted record sets after
# dedupe-supplier (supplier ids and names) and after classify-sector must be
# equal, and every aggregate table byte-identical.  Sets: samples/ (always)
# and a generated one (../shared/bench/gen-spend --rows 20000 --seed 3;
# skipped when absent).
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/e2e/lib.sh"
command -v python3 >/dev/null || { skip "shuffle" "no python3"; exit 0; }
export LC_ALL=C

# aggregate tables compared; one per line, the options of one run
TABLES='--by all
--by buyer,fy
--by supplier_id
--by supplier_id,supplier_name --top 25
--by sector,category,fy
--by buyer,quarter --share
--by fy,category --growth --tsv
--by fy,region --csv'

# seeded N: a fixed stream of random bytes for shuf --random-source
seeded() {
	python3 -c 'import random, sys
sys.stdout.buffer.write(random.Random(int(sys.argv[1])).randbytes(1 << 20))' "$1"
}

# run_pipeline IN DIR: DIR/dedupe.jsonl, DIR/classify.jsonl, DIR/agg.N
run_pipeline() {
	local in=$1 dir=$2 n=0 opts
	mkdir -p "$dir"
	timeout "$E2E_TIMEOUT" "$BIN/dedupe-supplier" "$in" >"$dir/dedupe.jsonl" 2>"$dir/dedupe.err" ||
		{ echo "dedupe-supplier exit $?: $(tail -n 2 "$dir/dedupe.err")"; return 1; }
	timeout "$E2E_TIMEOUT" "$BIN/classify-sector" "$dir/dedupe.jsonl" >"$dir/classify.jsonl" 2>"$dir/classify.err" ||
		{ echo "classify-sector exit $?: $(tail -n 2 "$dir/classify.err")"; return 1; }
	while IFS= read -r opts; do
		# shellcheck disable=SC2086
		timeout "$E2E_TIMEOUT" "$BIN/aggregate" $opts "$dir/classify.jsonl" >"$dir/agg.$n" 2>/dev/null ||
			{ echo "aggregate $opts exit $?"; return 1; }
		n=$((n + 1))
	done <<<"$TABLES"
}

# shuffled NAME RECORDS SEED: the checks for one set
shuffled() {
	local name=$1 recs=$2 seed=$3 dir=$TMP/shuffle-$1 n=0 opts why
	mkdir -p "$dir"
	seeded "$seed" >"$dir/seed"
	shuf --random-source="$dir/seed" "$recs" >"$dir/shuffled.jsonl"
	if cmp -s "$recs" "$dir/shuffled.jsonl"; then
		not_ok "$name: shuf changed the order" "$(wc -l <"$recs") records"
		return
	fi
	sort "$recs" >"$dir/a.sorted"; sort "$dir/shuffled.jsonl" >"$dir/b.sorted"
	check "$name: the shuffled records are the same records" cmp -s "$dir/a.sorted" "$dir/b.sorted"
	if ! why=$(run_pipeline "$recs" "$dir/in-order"); then
		not_ok "$name: pipeline over the records in order" "$why"; return
	fi
	if ! why=$(run_pipeline "$dir/shuffled.jsonl" "$dir/shuffled"); then
		not_ok "$name: pipeline over the shuffled records" "$why"; return
	fi
	echo "# $name: $(wc -l <"$recs") records, $(wc -l <"$dir/in-order/agg.2") supplier ids"
	for stage in dedupe classify; do
		sort "$dir/in-order/$stage.jsonl" >"$dir/a.sorted"
		sort "$dir/shuffled/$stage.jsonl" >"$dir/b.sorted"
		if cmp -s "$dir/a.sorted" "$dir/b.sorted"; then
			ok "$name: $stage: same sorted records, in order or shuffled"
		else
			diff "$dir/a.sorted" "$dir/b.sorted" >"$dir/diff"
			not_ok "$name: $stage: same sorted records, in order or shuffled" \
			    "$(grep -c '^<' "$dir/diff") records differ, e.g. (< in order, > shuffled)"
			grep '^[<>]' "$dir/diff" | head -n 2 | cut -c1-1000 | sed 's/^/#   /'
		fi
	done
	while IFS= read -r opts; do
		if [ -s "$dir/in-order/agg.$n" ] && cmp -s "$dir/in-order/agg.$n" "$dir/shuffled/agg.$n"; then
			ok "$name: aggregate $opts: byte-identical, in order or shuffled"
		else
			not_ok "$name: aggregate $opts: byte-identical, in order or shuffled"
			diff "$dir/in-order/agg.$n" "$dir/shuffled/agg.$n" | head -n 6 | cut -c1-300 | sed 's/^/#   /'
		fi
		n=$((n + 1))
	done <<<"$TABLES"
}

e2e_normalise "$TOP/samples" "$TMP/samples" >/dev/null
shuffled samples "$TMP/samples/all.jsonl" 1

GEN=$SHARED/../bench/gen-spend
if [ -f "$GEN" ]; then
	if python3 "$GEN" --rows 20000 --seed 3 --out "$TMP/g" >"$TMP/gen.log" 2>&1; then
		# the generator's truth names each file's council: the buyer
		awk -F'\t' 'BEGIN { OFS = "\t"; print "file", "buyer", "kind", "options" }
		    NR > 1 { print $1, $3, "payment", "" }' "$TMP/g/truth/files.tsv" >"$TMP/g/sources.tsv"
		e2e_normalise "$TMP/g" "$TMP/gwork" >/dev/null
		shuffled generated "$TMP/gwork/all.jsonl" 3
	else
		not_ok "gen-spend runs" "$(tail -n 3 "$TMP/gen.log")"
	fi
else
	skip "generated set" "no $GEN"
fi
