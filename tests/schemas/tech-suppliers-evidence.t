#!/usr/bin/env bash
# plain build only
# The data evidence in schemas/tech-suppliers.tsv stands: every code: item
# is in that council's files beside the supplier's name, every cpv: item
# counts the award notices that name the supplier with those codes (see
# tech-suppliers-evidence.py).  A made-up item is caught.
source "$TOP/tests/lib/tap.sh"
T="$TOP/schemas/tech-suppliers.tsv"
P="$TOP/tests/schemas/tech-suppliers-evidence.py"
if ! have_shared; then
	skip "tech-suppliers.tsv: evidence found in the data" "no ../shared/data"
	exit 0
fi
python3 "$P" "$T" "$SHARED"
# Civica with a code Wakefield never gave it and one notice too many
awk -F'\t' '$1 == "name" || $1 == "Civica UK Ltd"' "$T" | sed -e '/^Civica/s/|code:/|code:wakefield:ProClass ICT \/ Photographic|code:/' \
	-e '/^Civica/s/cpv:\([0-9]*\) notices/cpv:9\1 notices/' >"$TMP/made-up.tsv"
out=$(python3 "$P" "$TMP/made-up.tsv" "$SHARED")
if grep -q '^not ok - .* code: items not found' <<<"$out" && grep -q '^#   .*Civica UK Ltd: code:wakefield:ProClass ICT / Photographic' <<<"$out" &&
	grep -q '^#   .*Civica UK Ltd: cpv:9' <<<"$out"; then
	ok "a made-up code: or cpv: item is caught"
else
	not_ok "a made-up code: or cpv: item is caught" "$out"
fi
