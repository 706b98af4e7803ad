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
# under dedupe-supplier's own entity resolution (name keys, trading names,
# abbreviations, near-duplicates), no two rows' names and spellings become
# one supplier: a record can match one row only
if [ -x "$BIN/dedupe-supplier" ]; then
	awk -F'\t' '!/^#/ && $1 != "name" {
		n = split($5, s, "|")
		s[0] = $1
		for (i = 0; i <= n; i++) if (s[i] != "") {
			v = s[i]; gsub(/\\/, "\\\\", v); gsub(/"/, "\\\"", v)
			r = $1; gsub(/\\/, "\\\\", r); gsub(/"/, "\\\"", r)
			printf "{\"kind\":\"payment\",\"buyer\":\"x\",\"date\":\"2020-01-01\",\"amount\":1.00,\"supplier\":\"%s\",\"redacted\":false,\"row\":\"%s\"}\n", v, r
		}
	}' "$T" >"$TMP/names.jsonl"
	"$BIN/dedupe-supplier" "$TMP/names.jsonl" >"$TMP/resolved.jsonl" 2>"$TMP/dedupe.err"
	shared=$(jq -r '[.supplier_id, .row] | @tsv' "$TMP/resolved.jsonl" | sort -u |
		awk -F'\t' '{ rows[$1] = rows[$1] ? rows[$1] " / " $2 : $2; n[$1]++ }
			END { for (k in n) if (n[k] > 1) print rows[k] }')
	if [ "$(wc -l <"$TMP/resolved.jsonl")" -eq "$(wc -l <"$TMP/names.jsonl")" ] && [ -z "$shared" ]; then
		ok "dedupe-supplier resolves no two rows to one supplier"
	else
		not_ok "dedupe-supplier resolves no two rows to one supplier" "$shared" "$(head -3 "$TMP/dedupe.err")"
	fi
else
	skip "dedupe-supplier resolves no two rows to one supplier" "dedupe-supplier is not built"
fi
