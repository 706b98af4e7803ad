#!/usr/bin/env bash
# real-data.t: every notice, award and lot of the real contract data in
# $SHARED is accounted for: count in = distinct units in the records +
# explicit skips with reasons.  Skipped when the data is absent.
#   contracts_finder_lancashire/*.json: unit = notice (element of
#     "contracts"); joint-supplier shares add up to the award exactly.
#   ocds/*.json: unit = award, else lot, else notice of each release.
# And the Salford contracts register through normalise --kind contract and
# the renewals selection (as of its snapshot month).
source "$TOP/tests/lib/tap.sh"
cf=$SHARED/contracts_finder_lancashire
oc=$SHARED/ocds
if [ ! -d "$cf" ]; then
	skip "Contracts Finder notices accounted for" "no $cf"
else
	cd "$cf" || exit 1
	out=$TMP/cf.jsonl
	jq -c -f "$TOP/pipelines/contracts-finder.jq" --arg emit all ./*.json >"$out"
	for f in *.json; do
		n=$(jq '.contracts | length' "$f")
		r=$(jq -r --arg f "./$f" 'select(.kind == "contract" and (.source | startswith($f + ":"))) | .source' "$out" | sort -u | wc -l)
		s=$(jq -r --arg f "./$f" 'select(.kind == "skip" and (.source | startswith($f + ":"))) | .source' "$out" | sort -u | wc -l)
		same "$f: $n notices = $r with records + $s skips" "$n" "$((r + s))"
	done
	same "no notice both a record and a skip" "" \
	    "$(comm -12 <(jq -r 'select(.kind == "skip") | .source' "$out" | sort -u) \
		<(jq -r 'select(.kind == "contract") | .source' "$out" | sort -u))"
	same "every skip has a reason" 0 "$(jq -r 'select(.kind == "skip" and (.reason // "") == "") | .source' "$out" | wc -l)"
	same "awarded notices with a value = award records with a value (per notice)" \
	    "$(jq '[.contracts[] | select(.status == "awarded" and .awarded_value > 0 and .awarded_supplier != null)] | length' ./*.json | paste -sd+ | bc)" \
	    "$(jq -r 'select(.kind == "contract" and .stage == "award" and .value != null) | .source' "$out" | sort -u | wc -l)"
	# Joint awards: the shares of each notice add up to its award value.
	bad=$(jq -r 'select(.share) | [.source, .value, .award_value] | @tsv' "$out" |
	    awk -F'\t' '
	    function p(s,  a, n) { n = split(s, a, "."); return a[1] * 100 + (n > 1 ? substr(a[2] "00", 1, 2) : 0) }
	    { sum[$1] += p($2); tot[$1] = p($3) }
	    END { for (k in sum) if (sum[k] != tot[k]) print k }')
	same "joint shares add up to each award, to the penny" "" "$bad"
	same "no HTML entities left in names" 0 \
	    "$(jq -r 'select(.kind == "contract") | [.supplier, .buyer, .title] | map(. // "") | .[]' "$out" | grep -c '&[a-z#0-9]*;')"
	same "placeholder supplier never a record" 0 \
	    "$(jq -r 'select(.kind == "contract") | .supplier // ""' "$out" | grep -ci '^not awarded')"
	if [ -x "$BIN/normalise" ]; then
		jq -c -f "$TOP/pipelines/contracts-finder.jq" ./*.json |
		    "$BIN/normalise" --from jsonl --rejects "$TMP/rej" - >"$TMP/norm" 2>/dev/null
		same "normalise --from jsonl keeps every record" \
		    "$(jq -c 'select(.kind == "contract")' "$out" | wc -l)" "$(wc -l <"$TMP/norm")"
		same "normalise rejects none" 0 "$(wc -l <"$TMP/rej")"
	else
		skip "normalise --from jsonl keeps every record" "no $BIN/normalise"
	fi
fi

if [ ! -d "$oc" ]; then
	skip "OCDS awards and lots accounted for" "no $oc"
else
	cd "$oc" || exit 1
	out=$TMP/ocds.jsonl
	jq -c -f "$TOP/pipelines/ocds.jq" --arg emit all ./*.json >"$out"
	# Units counted independently of ocds.jq: awards, else lots, else 1.
	units=$(jq '[.releases[] | if (.awards // []) | length > 0 then (.awards | length)
	    elif (.tender.lots // []) | length > 0 then (.tender.lots | length) else 1 end] | add' ./*.json |
	    paste -sd+ | bc)
	got=$(jq -r '"\(.source)#\(.award_id // .lot_id // "")"' "$out" | sort -u | wc -l)
	same "OCDS: $units units in = records + skips" "$units" "$got"
	same "OCDS: one record per lot, stage and value from the notice" \
	    "planning 30000000 2028-03-31|tender 33721 2026-12-31" \
	    "$(jq -r 'select(.kind == "contract") | "\(.stage) \(.value) \(.end)"' "$out" | sort | paste -sd'|')"
	same "OCDS: CPV codes from items' additionalClassifications" "14" \
	    "$(jq -r 'select(.kind == "contract") | .cpv[]' "$out" | wc -l)"
fi

reg=$SHARED/salford_contracts_register
if [ ! -d "$reg" ] || [ ! -x "$BIN/normalise" ]; then
	skip "Salford register through the renewals selection" "no $reg or no normalise"
else
	"$BIN/normalise" --kind contract --buyer "Salford City Council" "$reg"/*.csv \
	    >"$TMP/reg.jsonl" 2>/dev/null
	jq -c --arg step select --arg as_of 2022-07-01 -f "$TOP/pipelines/renewals.jq" \
	    "$TMP/reg.jsonl" >"$TMP/reg-ren.jsonl"
	n=$(wc -l <"$TMP/reg-ren.jsonl")
	check "Salford register: $n contracts up for renewal within 24 months of 2022-07-01" test "$n" -gt 0
	same "Salford register: every renewal date inside the window" 0 \
	    "$(jq -r 'select(.renewal <= "2022-07-01" or .renewal > "2024-07-01") | .source' "$TMP/reg-ren.jsonl" | wc -l)"
	same "Salford register: window + left out + outside = live records" \
	    "$(jq -c 'select(.kind == "contract")' "$TMP/reg.jsonl" | wc -l)" \
	    "$(( n + $(jq -c --arg step excluded --arg as_of 2022-07-01 -f "$TOP/pipelines/renewals.jq" "$TMP/reg.jsonl" | wc -l) \
		+ $(jq -c 'select(.end != null and (.end <= "2022-07-01" or .end > "2024-07-01"))' "$TMP/reg.jsonl" | wc -l) ))"
fi
