#!/usr/bin/env bash
# simulate.t: the estimator on simulated universes with a known national
# truth (simulate.py: the real table's English authorities and populations,
# known per-head spend, a random 30% of each type observed with 10-12
# months).  Over 100 seeded trials the 90% interval must hold the truth in
# 85 to 95 of them and the median error of the point estimate must be
# within 5%.  The same intervals against the truth x 1.10 must cover far
# fewer (under 50): the checks can fail.  The sanitizer build runs 10
# trials, for memory errors only.
source "$TOP/tests/lib/tap.sh"
E=$BIN/estimate
D=$TOP/tests/estimate
trials=100
case $BIN in */san/*) trials=10 ;; esac
python3 "$D/simulate.py" "$TOP/schemas/councils.tsv" "$TMP" "$trials" 1 ||
	{ not_ok "simulate.py runs"; exit 0; }
fail=0
for ((t = 0; t < trials; t++)); do
	"$E" -k estimate "$TMP/$t.jsonl" >"$TMP/$t.est" 2>"$TMP/$t.err" ||
		{ fail=1; not_ok "estimate runs on trial $t" "$(head -3 "$TMP/$t.err")"; break; }
done
[ "$fail" = 0 ] && ok "estimate runs on $trials simulated universes"
res=$(python3 "$D/evaluate.py" "$TMP/truth.tsv" \
	$(for ((t = 0; t < trials; t++)); do echo "$TMP/$t.est"; done)) ||
	{ not_ok "evaluate.py reads every trial" "$res"; exit 0; }
echo "# $res"
covered=$(sed -n 's/.* covered=\([0-9]*\) .*/\1/p' <<<"$res")
shifted=$(sed -n 's/.*covered_shifted=\([0-9]*\).*/\1/p' <<<"$res")
err=$(sed -n 's/.*median_error_pct=\([0-9.]*\).*/\1/p' <<<"$res")
if [ "$trials" -lt 100 ]; then
	skip "90% interval covers the truth in 85-95 of 100 trials" "sanitizer build: $trials trials"
	exit 0
fi
check "90% interval covers the truth in 85-95 of 100 trials ($covered)" \
	test "$covered" -ge 85 -a "$covered" -le 95
check "median error within 5% ($err%)" \
	awk -v e="$err" 'BEGIN { exit !(e <= 5) }'
check "against a truth 10% off the intervals cover under 50 ($shifted)" \
	test "$shifted" -lt 50
