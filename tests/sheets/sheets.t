#!/usr/bin/env bash
# plain build only
# sheets.t: spreadsheets become one CSV per sheet with data, beside them
# (pipelines/sheets.sh, make sheets): an .xls (payments.xls, written for
# this test with python3-xlwt: a data sheet, a one-line notes sheet, a
# date in dd/mm/yyyy, 0.1 + 0.2 stored as a float) and an .xlsx written by
# make-xlsx.py; then the real spreadsheets in ../shared/data, whose records
# (normalise on the CSVs) must match the sheets' own row counts and totals
# as xlsx-totals.py reads them from the workbook's XML.
source "$TOP/tests/lib/tap.sh"
for c in xlsx2csv python3; do
	command -v "$c" >/dev/null || { skip "sheets" "no $c"; exit 0; }
done
S=$TOP/tests/sheets
mkdir -p "$TMP/d"
cp "$S/payments.xls" "$TMP/d/"
if /usr/bin/python3 -c 'import xlrd' 2>/dev/null; then
	"$TOP/pipelines/sheets.sh" "$TMP/d/payments.xls" >"$TMP/list" 2>"$TMP/err"
	same ".xls: one CSV, for the sheet with data" "payments.xls.Payments.csv	Payments" "$(cat "$TMP/list" "$TMP/err")"
	same ".xls: cells as Excel shows them, dates ISO" \
	    'Date,Supplier Name,Amount,Expense Type|2024-04-02,Nu Software Ltd,1500.75,Software|2024-04-03,"Xi, Omicron & Co",-20.5,Refund|2024-04-30,"Pi ""Quoted"" Ltd",0.3,Sundries' \
	    "$(paste -sd '|' "$TMP/d/payments.xls.Payments.csv")"
	same ".xls: records name the file and sheet; the total is exact" \
	    "payments.xls.Payments.csv:2 payments.xls.Payments.csv:3 payments.xls.Payments.csv:4 1480.55" \
	    "$(cd "$TMP/d" && "$BIN/normalise" payments.xls.Payments.csv |
	    python3 -c 'import sys, json, decimal
t = decimal.Decimal(0); s = []
for l in sys.stdin:
    r = json.loads(l, parse_float=decimal.Decimal); t += r["amount"]; s.append(r["source"])
print(" ".join(s), t)')"
else
	skip ".xls" "no python3-xlrd"
fi
printf 'Date\tSupplier\tAmount\n2024-05-02\tAcme Ltd\t558.82000000000005\n2024-05-03\tB & C\t-20\n' >"$TMP/a.tsv"
printf 'About this file\n' >"$TMP/b.tsv"
python3 "$S/make-xlsx.py" "$TMP/d/book.xlsx" "May 2024=$TMP/a.tsv" "Notes=$TMP/b.tsv"
"$TOP/pipelines/sheets.sh" "$TMP/d/book.xlsx" >"$TMP/list"
same ".xlsx: one CSV, for the sheet with data, its name made safe" "book.xlsx.May_2024.csv	May 2024" "$(cat "$TMP/list")"
touch -d '2001-01-01' "$TMP/d/book.xlsx.May_2024.csv"
"$TOP/pipelines/sheets.sh" "$TMP/d/book.xlsx" >/dev/null
same ".xlsx: converting again leaves an unchanged CSV alone" 2001 \
    "$(date -r "$TMP/d/book.xlsx.May_2024.csv" +%Y)"
printf 'x' >"$TMP/d/bad.xlsx"
rc=0; "$TOP/pipelines/sheets.sh" "$TMP/d/bad.xlsx" >/dev/null 2>"$TMP/err" || rc=$?
same "a broken file: one message, status 1" "1 1" "$rc $(grep -c "^sheets: $TMP/d/bad.xlsx: " "$TMP/err")"

if ! have_shared; then
	skip "the spreadsheets in ../shared/data" "no $SHARED"; exit 0
fi
mkdir -p "$TMP/real"
for f in "$SHARED"/lancashire_pcc/*.xlsx "$SHARED"/lancashire_fire/*.xlsx; do
	[ -f "$f" ] && cp "$f" "$TMP/real/"
done
if ! make -C "$TOP" --no-print-directory -s sheets DATA="$TMP/real" >"$TMP/out" 2>&1; then
	not_ok "make sheets on ../shared/data's spreadsheets" "$(tail -n 5 "$TMP/out")"; exit 0
fi
ok "make sheets on ../shared/data's spreadsheets"
for x in "$TMP"/real/*.xlsx; do
	b=$(basename "$x")
	python3 "$S/xlsx-totals.py" "$x" | while IFS=$'\t' read -r sheet rows total; do
		printf '%s.%s.csv\t%s\t%s\n' "$b" "$(printf '%s' "$sheet" | tr -c 'A-Za-z0-9._-' '_')" "$rows" "$total"
	done
done | sort >"$TMP/want"
(cd "$TMP/real" && for c in *.csv; do "$BIN/normalise" "$c"; done) |
python3 -c 'import sys, json, decimal, collections
n = collections.Counter(); t = collections.defaultdict(decimal.Decimal)
for l in sys.stdin:
    r = json.loads(l, parse_float=decimal.Decimal)
    f = r["source"].rsplit(":", 1)[0]; n[f] += 1; t[f] += r["amount"]
for f in sorted(n): print("%s\t%d\t%s" % (f, n[f], t[f]))' | sort >"$TMP/got"
same "sheets with data: 11 (10 in the PCC's workbook, 1 in the fire service's)" 11 "$(grep -c '' "$TMP/want")"
check "every sheet's records: row count and total match the sheet's" diff -u "$TMP/want" "$TMP/got"
