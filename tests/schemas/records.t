#!/usr/bin/env bash
# The records every stage writes validate against schemas/*.schema.json:
# normalise on the samples (and on a slice of the real data when present),
# then dedupe-supplier and classify-sector on top, and normalise's rejects.
source "$TOP/tests/lib/tap.sh"
V="$TOP/tests/schemas/validate.py"
S="$TOP/schemas"
if [ ! -x "$BIN/normalise" ]; then
	skip "records validate" "normalise is not built"
	exit 0
fi
n=0
while IFS=$'\t' read -r file buyer kind options; do
	[ "$file" = file ] && continue
	[ "$kind" = payment ] || continue
	n=$((n + 1))
	eval "\"$BIN/normalise\" --buyer \"\$buyer\" $options --rejects \"$TMP/rej.$n\" \"$TOP/samples/$file\"" \
		>"$TMP/pay.$n" 2>"$TMP/err.$n" || true
done <"$TOP/samples/sources.tsv"
cat "$TMP"/pay.* >"$TMP/payments.jsonl" 2>/dev/null
check "samples: payment records validate" "$V" "$S/payment.schema.json" "$TMP/payments.jsonl"
# every reject file, and there are some: the samples hold total rows
cat "$TMP"/rej.* >"$TMP/rejects.jsonl" 2>/dev/null
if [ -s "$TMP/rejects.jsonl" ]; then
	check "samples: rejects validate" "$V" "$S/reject.schema.json" "$TMP/rejects.jsonl"
else
	not_ok "samples: rejects validate" "no sample gave a reject to validate"
fi
if have_shared; then
	"$BIN/normalise" --rejects "$TMP/realrej.jsonl" "$SHARED"/devon/DCCSpendingOver500_202504.csv \
		"$SHARED"/hyndburn/1701.csv "$SHARED"/manchester/2022-05.csv >"$TMP/real.jsonl" 2>/dev/null || true
	check "real data: payment records validate" "$V" "$S/payment.schema.json" "$TMP/real.jsonl"
else
	skip "real data: payment records validate" "no ../shared/data"
fi
if [ -x "$BIN/dedupe-supplier" ] && [ -x "$BIN/classify-sector" ]; then
	"$BIN/dedupe-supplier" "$TMP/payments.jsonl" | "$BIN/classify-sector" >"$TMP/classified.jsonl"
	check "samples: resolved, classified records validate" "$V" "$S/payment.schema.json" "$TMP/classified.jsonl"
	check "samples: every classified record has sector, service and why" \
		jq -e -s 'all(.[]; has("sector") and has("service") and has("why") and has("supplier_id"))' "$TMP/classified.jsonl"
else
	skip "samples: resolved, classified records validate" "dedupe-supplier or classify-sector not built"
fi
# contracts: the samples' register and OCDS fixtures, and the real register
"$BIN/normalise" --kind contract --buyer "Leeds City Council" "$TOP/samples/contracts-register.csv" \
	>"$TMP/contracts.jsonl" 2>/dev/null || true
jq -c -f "$TOP/pipelines/ocds.jq" "$TOP"/samples/ocds/*.json* | "$BIN/normalise" --from jsonl - \
	>>"$TMP/contracts.jsonl" 2>/dev/null || true
check "samples: contract records validate" "$V" "$S/contract.schema.json" "$TMP/contracts.jsonl"
if have_shared; then
	{ "$BIN/normalise" --kind contract --buyer "Salford City Council" \
		"$SHARED"/salford_contracts_register/*.csv
	  jq -c -f "$TOP/pipelines/contracts-finder.jq" "$SHARED"/contracts_finder_lancashire/*.json |
		"$BIN/normalise" --from jsonl -; } >"$TMP/realc.jsonl" 2>/dev/null || true
	check "real data: contract records validate" "$V" "$S/contract.schema.json" "$TMP/realc.jsonl"
fi
