#!/usr/bin/env bash
# crosscheck.t: England's and the UK's totals with their 90% intervals, as
# estimate writes them, equal to the penny an independent python
# implementation of the method (crosscheck.py: the generator, the
# rescaling bootstrap, the percentiles and the t widening of estimate.1),
# on the draws case and on one simulated universe of the real table.
source "$TOP/tests/lib/tap.sh"
E=$BIN/estimate
D=$TOP/tests/estimate
cd "$TMP" || exit 1
"$E" -c "$D/universe-draws.tsv" "$D/draws.in" >draws.out 2>draws.err
check "draws: estimate and crosscheck.py agree" \
	python3 "$D/crosscheck.py" "$D/universe-draws.tsv" "$D/draws.in" draws.out
python3 "$D/simulate.py" "$TOP/schemas/councils.tsv" "$TMP" 1 3 ||
	not_ok "simulate.py runs"
"$E" 0.jsonl >sim.out 2>sim.err
check "a simulated universe: estimate and crosscheck.py agree" \
	python3 "$D/crosscheck.py" "$TOP/schemas/councils.tsv" 0.jsonl sim.out
grep -c '^ok' <(python3 "$D/crosscheck.py" "$TOP/schemas/councils.tsv" 0.jsonl sim.out) >n.txt
check "crosscheck.py compared at least one interval ($(cat n.txt))" test "$(cat n.txt)" -ge 1
"$E" -s 2 -c "$D/universe-draws.tsv" "$D/draws.in" >seed2.out 2>/dev/null
if python3 "$D/crosscheck.py" "$D/universe-draws.tsv" "$D/draws.in" seed2.out >/dev/null; then
	not_ok "crosscheck.py tells another seed's intervals apart"
else
	ok "crosscheck.py tells another seed's intervals apart"
fi
