#!/usr/bin/env bash
# bounds.t: the widened interval stops at zero for spend that no observed
# authority has negative (two counties of ten, one paying nothing for
# technology: the t widening with one degree of freedom would carry the
# lower end far below zero), and does not when an authority's spend is
# negative (credits above its payments); a share's interval stays within
# 0 to 100%.
source "$TOP/tests/lib/tap.sh"
E=$BIN/estimate
cd "$TMP" || exit 1
{
	printf 'gss\tname\tregion\tnation\tnames\tend\tsuccessor\ttype\tpopulation\n'
	for i in 01 02 03 04 05 06 07 08 09 10; do
		printf 'C%s\tCounty %s\tNorth West\tEngland\tCounty %s\t\t\tcounty\t%s\n' \
		    "$i" "$i" "$i" $((100000 * 10#$i))
	done
} >universe.tsv
# records SPEND2: county C02's monthly tech amount in pounds
records() {
	for m in 04 05 06 07 08 09 10 11 12 01 02 03; do
		y=2022; [ "$m" \< 04 ] && y=2023
		printf '{"kind":"payment","buyer_id":"C01","date":"%s-%s-15","amount":9000.00,"sector":"tech","category":"software"}\n' "$y" "$m"
		printf '{"kind":"payment","buyer_id":"C02","date":"%s-%s-15","amount":%s,"sector":"tech","category":"software"}\n' "$y" "$m" "$1"
		printf '{"kind":"payment","buyer_id":"C02","date":"%s-%s-16","amount":500.00,"sector":"other","category":null}\n' "$y" "$m"
	done
}
lo_of() {	# lo_of FILE: the England total's lower end, in pence
	jq -r 'select(.kind == "estimate" and .scope == "england" and .type == null
	    and .measure == "tech" and .category == null) | .lo' "$1" |
	    tr -d . | sed 's/^\(-\?\)0*\([0-9]\)/\1\2/'
}
records 0.00 >zero.in
"$E" -c universe.tsv zero.in >zero.out 2>zero.err
same "nothing negative: estimate exits 0" 0 "$?"
lo=$(lo_of zero.out)
check "nothing negative: the England total has an interval ($lo)" test -n "$lo" -a "$lo" != null
check "nothing negative: its lower end is not below zero" test "${lo:-x}" -ge 0
n=$(jq -r 'select(.lo != null) | .lo' zero.out | grep -c '^-')
same "nothing negative: no interval of any type or category goes below zero" 0 "$n"
records -200.00 >neg.in
"$E" -c universe.tsv neg.in >neg.out 2>neg.err
lo=$(lo_of neg.out)
check "a county with negative tech spend: its lower end may go below zero ($lo)" test "${lo:-0}" -lt 0
n=$(jq -r 'select(.kind == "share" and .lo != null) | [.lo, .hi] | @tsv' zero.out |
    awk -F'\t' '$1 < 0 || $2 > 100' | wc -l)
same "a share's interval stays within 0 to 100%" 0 "$n"
