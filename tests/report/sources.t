#!/usr/bin/env bash
# sources.t: report-sources.sh lists the files of a data folder that
# gathers others by symbolic links, with and without a sources table.
source "$TOP/tests/lib/tap.sh"
S=$TOP/pipelines/report-sources.sh
mkdir -p "$TMP/real/leeds" "$TMP/linked"
cp "$TOP/samples/leeds-payments-2022-2025.csv" "$TMP/real/leeds/2024-01.csv"
ln -s "$TMP/real/leeds" "$TMP/linked/leeds"
ln -s "$TMP/real/leeds/2024-01.csv" "$TMP/linked/one.csv"
bash "$S" "$TMP/linked" >"$TMP/plain.out" 2>"$TMP/plain.err"
same "no table: exits 0" 0 "$?"
check "no table: the file in a linked folder is listed" grep -q '^leeds/2024-01.csv	' "$TMP/plain.out"
check "no table: a linked file is listed" grep -q '^one.csv	' "$TMP/plain.out"
printf 'file\tbuyer\tkind\toptions\nleeds\tLeeds City Council\tpayment\t\n' >"$TMP/linked/sources.tsv"
bash "$S" "$TMP/linked" >"$TMP/table.out" 2>"$TMP/table.err"
same "table naming a linked folder: exits 0" 0 "$?"
check "table naming a linked folder: its file is listed with the buyer" \
	grep -q '^leeds/2024-01.csv	Leeds City Council	payment' "$TMP/table.out"
