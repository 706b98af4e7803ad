#!/usr/bin/env bash
# schemas/tech-suppliers.tsv keeps its shape (see tech-suppliers.py), and
# the checker catches a broken table.
source "$TOP/tests/lib/tap.sh"
T="$TOP/schemas/tech-suppliers.tsv"
P="$TOP/tests/schemas/tech-suppliers.py"
python3 "$P" "$T"
# a broken copy: two rows swapped, a bad category, a row without evidence
{
	sed -n '1,/^name\t/p' "$T"
	grep -v '^#' "$T" | sed '1d' | awk 'NR == 2 { two = $0 } NR == 3 { print; print two }'
	printf 'Zzz Example Ltd\tmainframes\t0\t\t\t\n'
} >"$TMP/broken.tsv"
out=$(python3 "$P" "$TMP/broken.tsv")
for c in "sorted by name" "category" "evidence"; do
	if grep -q "^not ok - tech-suppliers.tsv: $c\$" <<<"$out"; then
		ok "checker catches a table not $c"
	else
		not_ok "checker catches a table not $c" "$out"
	fi
done
