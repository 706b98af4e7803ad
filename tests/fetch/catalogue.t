#!/usr/bin/env bash
# catalogue.t: schemas/publishers.tsv and publishers.files.tsv hold
# together: every row has its columns, every publisher's buyer resolves
# through normalise --buyer (councils.tsv) to the gss the row gives, every
# file belongs to a publisher and has a month, a format, a kind and a URL
# or "-", file names are unique per publisher; and, with ../shared/data,
# the file list is what make-publishers.sh makes from the catalogues.
source "$TOP/tests/lib/tap.sh"
P=$TOP/schemas/publishers.tsv F=$TOP/schemas/publishers.files.tsv
same "publishers.tsv: 11 columns on every row" "" \
    "$(awk -F '\t' '!/^#/ && NF != 11 { print FILENAME ":" NR ": " NF " columns" }' "$P")"
printf 'Date,Supplier,Amount\n2024-01-01,X,1.00\n' >"$TMP/one.csv"
bad=
while IFS=$'\t' read -r id gss buyer _; do
	got=$("$BIN/normalise" --buyer "$buyer" "$TMP/one.csv" 2>/dev/null |
	    sed -n 's/.*"buyer_id":"\{0,1\}\([^",]*\)"\{0,1\},.*/\1/p')
	[ "$gss" = - ] && gss=null
	[ "$got" = "$gss" ] || bad="$bad $id($buyer: $got, not $gss)"
done < <(awk -F '\t' '!/^#/ && $1 != "id"' "$P")
same "every buyer resolves to its gss through councils.tsv" "" "$bad"
same "publishers.files.tsv: 8 columns, known publisher, month, format, kind, URL" "" \
    "$(awk -F '\t' 'FNR == NR { if (!/^#/) pub[$1] = 1; next }
	FNR == 1 { next }
	NF != 8 { print FNR ": " NF " columns"; next }
	!($1 in pub) { print FNR ": unknown publisher " $1 }
	$3 !~ /^(19|20)[0-9][0-9]-(0[1-9]|1[0-2])$/ { print FNR ": month " $3 }
	$4 !~ /^(csv|xlsx|xlsm|xls|ods)$/ { print FNR ": format " $4 }
	$6 !~ /^(payment|contract)$/ { print FNR ": kind " $6 }
	$7 != "-" && $7 !~ /^https?:\/\// { print FNR ": url " $7 }
	$5 !~ /^[A-Za-z0-9._-]+$/ || seen[$1, $5]++ { print FNR ": file " $5 }' "$P" "$F" | head -n 5)"
same "18 publishers, 1871 files, 1701 with a URL" "18 1871 1701" \
    "$(awk -F '\t' '!/^#/ && $1 != "id"' "$P" | grep -c '') $(sed 1d "$F" | grep -c '') $(awk -F '\t' 'NR > 1 && $7 != "-"' "$F" | grep -c '')"
if [ -d "$SHARED/catalogues" ]; then
	"$TOP/pipelines/make-publishers.sh" "$SHARED/catalogues" >"$TMP/files.tsv"
	check "make-publishers.sh rebuilds publishers.files.tsv" diff -u "$F" "$TMP/files.tsv"
else
	skip "make-publishers.sh rebuilds publishers.files.tsv" "no $SHARED/catalogues"
fi
