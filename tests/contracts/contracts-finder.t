#!/usr/bin/env bash
# contracts-finder.t: pipelines/contracts-finder.jq on an invented fixture
# in the Contracts Finder ETL shape: golden output and the rules (joint
# suppliers split on bare commas, exact shares, HTML entities, placeholder
# suppliers, withdrawn notices, withheld names, zero values, pipeline).
source "$TOP/tests/lib/tap.sh"
cd "$TOP/tests/contracts" || exit 1
prog=$TOP/pipelines/contracts-finder.jq
all=$TMP/all.jsonl
jq -c -f "$prog" --arg emit all cf-fixture.json >"$all" 2>"$TMP/err"
check "runs without messages" test ! -s "$TMP/err"
if cmp -s cf-fixture.expected "$all"; then ok "golden output (emit all)"
else not_ok "golden output (emit all)" "$(diff -u cf-fixture.expected "$all" | head -n 30)"; fi
same "same output with -n" "$(md5sum <"$all")" "$(jq -n -c -f "$prog" --arg emit all cf-fixture.json | md5sum)"

rec() { jq -r "select(.kind == \"contract\") | $1" "$all"; }
same "every notice is records or one skip" "1 2 3 4 5 6 7 8 9" \
    "$(jq -r '.source | sub(".*:"; "")' "$all" | sort -un | tr '\n' ' ' | sed 's/ $//')"
same "no notice is both" "" \
    "$(comm -12 <(jq -r 'select(.kind == "skip") | .source' "$all" | sort -u) \
	<(rec .source | sort -u))"
same "bare comma splits, comma-space does not" "Knight, Kavanagh & Page|O'Callaghan Ltd|Third Supplier Ltd" \
    "$(rec 'select(.source == "cf-fixture.json:2") | .supplier' | paste -sd'|')"
same "shares exact, remainder penny first" "33.34 33.34 33.33" \
    "$(rec 'select(.source == "cf-fixture.json:2") | .value' | tr '\n' ' ' | sed 's/ $//')"
same "joint: sme not claimed for each" "null" \
    "$(rec 'select(.source == "cf-fixture.json:2") | .sme' | sort -u)"
same "HTML entities decoded" "B&E Boys Ltd" "$(rec 'select(.source == "cf-fixture.json:1") | .supplier')"
same "awarded_to_sme kept for one supplier" "true" "$(rec 'select(.source == "cf-fixture.json:1") | .sme')"
same "value is the published number as text" '"48250.5"' \
    "$(jq -c 'select(.source == "cf-fixture.json:1") | .value' "$all")"
same "cpv list split" '["30200000","48000000"]' \
    "$(jq -c 'select(.source == "cf-fixture.json:1") | .cpv' "$all")"
same "placeholder supplier is a skip" 'not awarded (placeholder supplier "N/A EVENT DAY")' \
    "$(jq -r 'select(.source == "cf-fixture.json:3") | .reason' "$all")"
same "withdrawn notice is a skip" "withdrawn notice" \
    "$(jq -r 'select(.source == "cf-fixture.json:4") | .reason' "$all")"
same "withheld name: empty supplier, redacted" '"" true' \
    "$(jq -r 'select(.source == "cf-fixture.json:5") | "\(.supplier | tojson) \(.redacted)"' "$all")"
same "zero award value: no value, flagged" "null zero-published" \
    "$(rec 'select(.source == "cf-fixture.json:6") | "\(.value) \(.value_flag)"')"
same "pipeline notice: planning stage, upper estimate" "planning 2500000 estimate" \
    "$(rec 'select(.source == "cf-fixture.json:7") | "\(.stage) \(.value) \(.value_basis)"')"
same "ocid is the Contracts Finder one" "ocds-b5fd17-00000000-0000-0000-0000-000000000008" \
    "$(rec 'select(.source == "cf-fixture.json:8") | .ocid')"
printf '{"meta":{}}\n' >"$TMP/other.json"
same "a file of another shape is one skip" 1 "$(jq -c -f "$prog" --arg emit skips "$TMP/other.json" | wc -l)"
