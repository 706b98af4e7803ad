#!/usr/bin/env bash
# determinism.t: the same input gives byte-identical output, and input
# order does not change results: shuffled records give the same supplier
# ids, the same classification per record and byte-identical aggregates.
# Records: 5,000 spellings of ~1,300 suppliers from gen-spellings.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/hardening/lib.sh"
"$PYTHON" "$TOP/tests/bench/gen-spellings" --spellings 5000 --seed 4 \
	>"$TMP/a.jsonl" 2>/dev/null || { not_ok "make records"; exit 1; }
shuf --random-source=<(yes) "$TMP/a.jsonl" >"$TMP/b.jsonl"
check "shuffled input differs from the original" bash -c '! cmp -s "$1" "$2"' _ "$TMP/a.jsonl" "$TMP/b.jsonl"
have() { [ -x "$BIN/$1" ] || { skip "$2" "$1 not built"; return 1; }; }

if have aggregate "aggregate: order does not matter"; then
	for by in supplier month; do
		"$BIN/aggregate" --by "$by" "$TMP/a.jsonl" >"$TMP/agg.a" &&
		"$BIN/aggregate" --by "$by" "$TMP/b.jsonl" >"$TMP/agg.b"
		check "aggregate --by $by: some groups" test -s "$TMP/agg.a"
		check "aggregate --by $by: shuffled input, identical bytes" cmp "$TMP/agg.a" "$TMP/agg.b"
	done
fi

if have dedupe-supplier "dedupe-supplier: order does not matter"; then
	"$BIN/dedupe-supplier" "$TMP/a.jsonl" >"$TMP/d.a"
	"$BIN/dedupe-supplier" "$TMP/a.jsonl" >"$TMP/d.a2"
	"$BIN/dedupe-supplier" "$TMP/b.jsonl" >"$TMP/d.b"
	check "dedupe-supplier: same input, identical bytes" cmp "$TMP/d.a" "$TMP/d.a2"
	pairs() { jq -r '[.supplier, .supplier_id, .supplier_name] | @tsv' "$1" | sort -u; }
	pairs "$TMP/d.a" >"$TMP/p.a"
	pairs "$TMP/d.b" >"$TMP/p.b"
	same "dedupe-supplier: every spelling got an id" 0 \
	    "$(awk -F'\t' '$2 == ""' "$TMP/p.a" | wc -l)"
	check "dedupe-supplier: shuffled input, same id and name per spelling" \
	    diff "$TMP/p.a" "$TMP/p.b"
	if have aggregate "aggregate of deduped records"; then
		"$BIN/aggregate" --by supplier_id "$TMP/d.a" >"$TMP/ad.a"
		"$BIN/aggregate" --by supplier_id "$TMP/d.b" >"$TMP/ad.b"
		check "aggregate --by supplier_id after dedupe: shuffled, identical" \
		    cmp "$TMP/ad.a" "$TMP/ad.b"
	fi
fi

if have classify-sector "classify-sector: order does not matter"; then
	"$BIN/classify-sector" "$TMP/a.jsonl" >"$TMP/c.a"
	"$BIN/classify-sector" "$TMP/a.jsonl" >"$TMP/c.a2"
	"$BIN/classify-sector" "$TMP/b.jsonl" >"$TMP/c.b"
	check "classify-sector: same input, identical bytes" cmp "$TMP/c.a" "$TMP/c.a2"
	labels() { jq -r '[.source, .sector, .category, .why] | @tsv' "$1" | sort; }
	check "classify-sector: shuffled input, same labels per record" \
	    diff <(labels "$TMP/c.a") <(labels "$TMP/c.b")
fi

if have normalise "normalise: same input, same output"; then
	awk 'BEGIN { print "Date,Supplier Name,Amount"
		for (i = 1; i <= 3000; i++) printf "%02d/05/2023,Firm %d,%d.50\n", i % 28 + 1, i % 101, i }' \
		>"$TMP/rows.csv"
	"$BIN/normalise" "$TMP/rows.csv" >"$TMP/n.a"
	"$BIN/normalise" "$TMP/rows.csv" >"$TMP/n.b"
	check "normalise: same input, identical bytes" cmp "$TMP/n.a" "$TMP/n.b"
	same "normalise: every row a record" 3000 "$(wc -l <"$TMP/n.a")"
fi
