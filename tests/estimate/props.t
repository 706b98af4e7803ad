#!/usr/bin/env bash
# props.t: estimate's output is byte-identical run to run; reading the
# records through aggregate --by buyer_id,month,sector,category,sme gives the
# same bytes as reading them directly; the seed moves the intervals and not
# the estimates; input order does not matter; -v reconciles.
source "$TOP/tests/lib/tap.sh"
E=$BIN/estimate
D=$TOP/tests/estimate
cd "$TMP" || exit 1
U="-c $D/universe.tsv"

"$E" $U "$D/small.in" >a.out 2>/dev/null
"$E" $U "$D/small.in" >b.out 2>/dev/null
check "two runs give the same bytes" cmp a.out b.out

"$BIN/aggregate" --by buyer_id,month,sector,category,sme "$D/small.in" \
	>agg.jsonl 2>/dev/null
"$E" $U agg.jsonl >c.out 2>/dev/null
# the quarter-precision record covers three months only when read directly
grep -v '"date_precision"' "$D/small.in" >noq.jsonl
"$E" $U noq.jsonl >d.out 2>/dev/null
"$BIN/aggregate" --by buyer_id,month,sector,category,sme noq.jsonl \
	>aggq.jsonl 2>/dev/null
"$E" $U aggq.jsonl >e.out 2>/dev/null
check "aggregated input gives the same bytes as the records" cmp d.out e.out

tac "$D/small.in" >rev.jsonl
"$E" $U rev.jsonl >f.out 2>/dev/null
check "input order does not matter" cmp a.out f.out

# one simulated universe (see simulate.t): intervals from many draws
python3 "$D/simulate.py" "$TOP/schemas/councils.tsv" "$TMP" 1 5 ||
	not_ok "simulate.py runs"
"$E" -k estimate 0.jsonl >s1.out 2>/dev/null
"$E" -k estimate -s 2 0.jsonl >s2.out 2>/dev/null
n=$(diff s1.out s2.out | grep -c '^>' || true)
check "another seed moves some intervals ($n lines)" test "$n" -gt 0
same "another seed leaves every point estimate" \
	"$(grep -o '"estimate":[^,]*' s1.out)" "$(grep -o '"estimate":[^,]*' s2.out)"
"$E" -k estimate -b 2000 0.jsonl >s3.out 2>/dev/null
same "more replicates leave every point estimate" \
	"$(grep -o '"estimate":[^,]*' s1.out)" "$(grep -o '"estimate":[^,]*' s3.out)"

# a scope's interval does not depend on the other years in the input
grep '"date":"2023-\|"date":"2024-0[1-3]' "$D/small.in" >one.jsonl
"$E" $U -k estimate one.jsonl >h.out 2>/dev/null
same "a year's estimates do not depend on other years" \
	"$(grep '"fy":"2023-24"' h.out | md5sum)" \
	"$(grep '"kind":"estimate","fy":"2023-24"' a.out | md5sum)"

# -v: records = payments + other_kinds + no_buyer + no_date + no_amount
"$E" $U -v "$D/small.in" "$D/small.in" >/dev/null 2>v.err
line=$(grep 'file=\*' v.err)
sum=$(sed 's/.* records=\([0-9]*\) payments=\([0-9]*\) other_kinds=\([0-9]*\) no_buyer=\([0-9]*\) no_date=\([0-9]*\) no_amount=\([0-9]*\) .*/\1 \2+\3+\4+\5+\6/' <<<"$line")
same "-v: records reconcile ($sum)" "${sum%% *}" "$(( ${sum#* } ))"
same "-v: one line per file and one for the run" 3 "$(grep -c '^estimate: file=' v.err)"
same "-v: the run's amount is the sum of the files' amounts" \
	"amount=83288.90" "$(grep -o ' amount=[0-9.]*' <<<"$line" | tr -d ' ')"

# every record validates against schemas/estimate.schema.json, which can fail
V=$TOP/tests/schemas/validate.py
check "output validates against estimate.schema.json" \
	"$V" "$TOP/schemas/estimate.schema.json" a.out s1.out
sed '1s/"present":[a-z]*/"present":"yes"/' a.out >bad.out
if "$V" "$TOP/schemas/estimate.schema.json" bad.out >/dev/null 2>&1; then
	not_ok "a malformed record fails the schema"
else
	ok "a malformed record fails the schema"
fi
