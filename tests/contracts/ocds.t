#!/usr/bin/env bash
# ocds.t: pipelines/ocds.jq on the OCDS fixtures in samples/ocds/ (release
# package with amendments, joint suppliers, lots and a non-GBP award;
# record package with a compiledRelease and a linked-only record; one
# release per line): golden output, then the rules one by one.  After a
# deliberate change, regenerate the golden file with the command in "all=".
source "$TOP/tests/lib/tap.sh"
cd "$TOP" || exit 1
prog=pipelines/ocds.jq
files=(samples/ocds/record-package.json samples/ocds/release-package.json samples/ocds/releases.jsonl)
all=$TMP/all.jsonl
jq -c -f $prog --arg emit all "${files[@]}" >"$all" 2>"$TMP/err"
check "ocds.jq runs on the fixtures without messages" test ! -s "$TMP/err"
if cmp -s tests/contracts/ocds-samples.expected "$all"; then ok "golden output (emit all)"
else not_ok "golden output (emit all)" "$(diff -u tests/contracts/ocds-samples.expected "$all" | head -n 30)"; fi

same "same output with -n" "$(md5sum <"$all")" \
    "$(jq -n -c -f $prog --arg emit all "${files[@]}" | md5sum)"
same "contracts + skips = all" "$(wc -l <"$all")" \
    "$(( $(jq -c -f $prog "${files[@]}" | wc -l) + $(jq -c -f $prog --arg emit skips "${files[@]}" | wc -l) ))"

rec() {	# rec JQ-FILTER: a field of the records selected
	jq -r "select(.kind == \"contract\") | $1" "$all"
}
# Joint suppliers: three equal shares, exact in pence, remainder first.
same "joint award split into three records" 3 "$(rec 'select(.award_id == "A1") | .supplier' | wc -l)"
same "shares in order, remainder penny to the first" "333333.34 333333.33 333333.33" \
    "$(rec 'select(.award_id == "A1") | .value' | tr '\n' ' ' | sed 's/ $//')"
same "shares add up to the award value (pence)" 100000000 \
    "$(rec 'select(.award_id == "A1") | .value' | tr -d . | paste -sd+ | bc)"
same "share recorded" "1/3 1/3 1/3" "$(rec 'select(.award_id == "A1") | .share' | tr '\n' ' ' | sed 's/ $//')"
same "sme from details.scale (sme, micro, none)" "true true null" \
    "$(rec 'select(.award_id == "A1") | .sme' | tr '\n' ' ' | sed 's/ $//')"
same "GB-COH from identifier, padded to 8 digits" "GB-COH-01234567" \
    "$(rec 'select(.supplier == "Northgate Cloud Services Ltd") | .supplier_ref')"
same "GB-COH from additionalIdentifiers" "GB-COH-01628868 GB-COH-SC123456" \
    "$(rec 'select(.supplier == "Irwell Networks Ltd" or .supplier == "Civica UK Ltd") | .supplier_ref' | tr '\n' ' ' | sed 's/ $//')"
same "no GB-COH identifier: no supplier_ref" "null" \
    "$(rec 'select(.supplier == "National Telecom plc") | .supplier_ref')"
# Amendments: the compiled release has the amended value and end date,
# and tender.contractPeriod.maxExtentDate reaches the award.
same "amended contract value wins" "2650000.5" "$(rec 'select(.ocid == "ocds-test-0001") | .value')"
same "amended end date wins" "2027-09-30" "$(rec 'select(.ocid == "ocds-test-0001") | .end')"
same "maxExtentDate from tender.contractPeriod" "2029-03-31" "$(rec 'select(.ocid == "ocds-test-0001") | .max_end')"
same "notice url: the award notice before the tender notice" "https://example.org/notice/0001-award" \
    "$(rec 'select(.ocid == "ocds-test-0001") | .url')"
same "stage contract when a contract refers to the award" "contract" "$(rec 'select(.ocid == "ocds-test-0001") | .stage')"
same "earlier releases reported as superseded" 3 \
    "$(jq -r 'select(.reason == "superseded by a later release of the same ocid") | .source' "$all" | wc -l)"
# Record package: compiledRelease, gross value, linked-only record skipped.
same "record package: contract value, gross basis" "576000 gross" \
    "$(rec 'select(.ocid == "ocds-test-0101") | "\(.value) \(.value_basis)"')"
same "record without data is a skip" "record without compiledRelease or embedded releases" \
    "$(jq -r 'select(.source == "samples/ocds/record-package.json:2") | .reason' "$all")"
# Lots: the unawarded lot is a record, the cancelled award a skip.
same "unawarded lot becomes a tender record" "L3 tender 60000 gross" \
    "$(rec 'select(.lot_id) | select(.ocid == "ocds-test-0002") | "\(.lot_id) \(.stage) \(.value) \(.value_basis)"')"
same "cancelled award is a skip" "award status cancelled" \
    "$(jq -r 'select(.award_id == "A2") | .reason' "$all")"
same "non-GBP kept and flagged" "120000 EUR non-GBP" \
    "$(rec 'select(.ocid == "ocds-test-0003") | "\(.value) \(.currency) \(.value_flag)"')"
# One release per line: the award line merges with the earlier tender.
same "release per line: tender period reaches the award" "2025-04-01 2028-03-31 award" \
    "$(rec 'select(.ocid == "ocds-test-0201") | "\(.start) \(.end) \(.stage)"')"
same "planning release: planning budget" "planning 250000" \
    "$(rec 'select(.ocid == "ocds-test-0202") | "\(.stage) \(.value)"')"
# Supersede by date, not by position: the same releases in reverse order
# give the same records (only the source of the latest release may move).
tac samples/ocds/releases.jsonl >"$TMP/rev.jsonl"
norm() { jq -c 'del(.source)' | sort; }
same "releases out of order compile the same" \
    "$(jq -c -f $prog samples/ocds/releases.jsonl | norm | md5sum)" \
    "$(jq -c -f $prog "$TMP/rev.jsonl" | norm | md5sum)"
# Not OCDS at all: a skip, not a crash.
printf '{"foo":1}\n[1,2]\n' >"$TMP/junk.json"
same "non-OCDS input is reported as skips" 3 "$(jq -c -f $prog --arg emit skips "$TMP/junk.json" | wc -l)"
# Through normalise, when it is built: nothing rejected, values in pence.
if [ -x "$BIN/normalise" ]; then
	jq -c -f $prog "${files[@]}" | "$BIN/normalise" --from jsonl --rejects "$TMP/rej" - >"$TMP/norm" 2>/dev/null
	same "normalise --from jsonl keeps every record" "$(jq -c -f $prog "${files[@]}" | wc -l)" "$(wc -l <"$TMP/norm")"
	check "normalise rejects none" test ! -s "$TMP/rej"
else
	skip "normalise --from jsonl keeps every record" "no $BIN/normalise"
fi
