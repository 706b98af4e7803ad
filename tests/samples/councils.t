#!/usr/bin/env bash
# schemas/councils.tsv is well formed and is what pipelines/make-councils.sh
# makes from the mySociety register (when ../shared/data is present).
source "$TOP/tests/lib/tap.sh"
T=$TOP/schemas/councils.tsv

same "councils.tsv header" "$(printf 'gss\tname\tregion\tnation\tnames\tend\tsuccessor\ttype\tpopulation')" \
	"$(head -1 "$T")"
bad=$(awk -F'\t' 'NR > 1 && NF != 9 { print NR }' "$T" | head -3)
same "every row has 9 fields" "" "$bad"
bad=$(tail -n +2 "$T" | cut -f1 | sort | uniq -d | head -3)
same "GSS codes are unique" "" "$bad"
bad=$(tail -n +2 "$T" | cut -f1 | grep -vE '^[ENSW][0-9]{8}$' | head -3)
same "GSS codes look like GSS codes" "" "$bad"
bad=$(tail -n +2 "$T" | cut -f3,4 | sort -u | grep -vE \
	$'^(North East|North West|Yorkshire and The Humber|East Midlands|West Midlands|East of England|London|South East|South West)\tEngland$|^(Wales\tWales|Scotland\tScotland|Northern Ireland\tNorthern Ireland)$' || true)
same "every region is an ONS region of England or the nation" "" "$bad"
bad=$(LC_ALL=C grep -nP '\xef\xbf\xbd|\xc3\xaf\xc2|\xef\xbe' "$T" | head -3)
same "no mojibake left" "" "$bad"
same "UTF-8 throughout" "ok" "$(iconv -f UTF-8 -t UTF-8 "$T" >/dev/null 2>&1 && echo ok)"
n=$(awk -F'\t' 'NR > 1 && $6 == ""' "$T" | wc -l)
check "more than 350 current authorities ($n)" test "$n" -gt 350
check "Harrogate (abolished 2023) is there, succeeded by North Yorkshire" \
	grep -qP '^E07000165\tHarrogate Borough Council\tYorkshire and The Humber\tEngland\t.*\t2023-04-01\tE06000065\tdistrict\t161545$' "$T"
check "Calderdale has its old SNAC code 00CY" \
	grep -qP '^E08000033\t.*[\t|]00CY(\||\t)' "$T"
bad=$(tail -n +2 "$T" | cut -f8 | sort -u | grep -vxE \
	'county|district|unitary|metropolitan-district|london-borough|city-corporation|strategic-authority|combined-authority|scottish-unitary|welsh-unitary|ni-district' || true)
same "every type is one of the eleven" "" "$bad"
bad=$(awk -F'\t' 'NR > 1 && $6 == "" && $8 !~ /combined/ && $9 !~ /^[1-9][0-9]*$/ { print $1 }' "$T" | head -3)
same "every current council has a population" "" "$bad"
check "Leeds is a metropolitan district of 798,786 people (mid-2020)" \
	grep -qP '^E08000035\tLeeds City Council\t.*\tmetropolitan-district\t798786$' "$T"
eng=$(awk -F'\t' 'NR > 1 && $6 == "" && $4 == "England" && $8 ~ /^(district|unitary|metropolitan-district|london-borough)$|^city-corporation$/ { s += $9 } END { print s }' "$T")
check "England's lower and unitary tiers hold 56-57 million people ($eng)" \
	test "$eng" -gt 56000000 -a "$eng" -lt 57500000
check "Anglesey's Welsh name is Ynys Môn" grep -q 'Sir Ynys Môn' "$T"

if have_shared && [ -d "$SHARED/reference_mysociety_la" ]; then
	if "$TOP/pipelines/make-councils.sh" "$SHARED/reference_mysociety_la" >"$TMP/c.tsv" 2>"$TMP/err"; then
		check "make-councils.sh reproduces schemas/councils.tsv" cmp "$TMP/c.tsv" "$T"
	else
		not_ok "make-councils.sh runs" "$(cat "$TMP/err")"
	fi
else
	skip "make-councils.sh reproduces schemas/councils.tsv" "no ../shared/data"
fi
