#!/usr/bin/env bash
# renewals.t: make renewals on a fixture folder whose contracts sit on the
# edges of the window (AS_OF=2026-01-01: after 2026-01-01, up to and
# including 2028-01-01), then determinism: the samples twice, byte for byte.
source "$TOP/tests/lib/tap.sh"
as_of=2026-01-01
ren() {	# ren DATA OUT: make renewals (from make report's classified contracts)
	make -C "$TOP" --no-print-directory renewals AS_OF=$as_of DATA="$1" OUT="$2" \
	    BIN="$BIN" >"$2.log" 2>&1
}
fx=$TMP/fx
if ren "$TOP/tests/contracts/renewals-data" "$fx"; then ok "make renewals on the fixture"
else not_ok "make renewals on the fixture" "$(tail -n 20 "$fx.log")"; exit 0; fi
r=$fx/renewals
# Window edges: end = AS_OF out, end = AS_OF + 24 months in, max_end used
# when later than end, max_end past the window out, terminated contracts
# and unawarded lots out, non-GBP and value-less contracts out and counted.
same "by quarter: every quarter of the window, edges respected" \
    "2026Q1,1,200.10 2026Q2,1,400.00 2026Q3,0,0.00 2026Q4,0,0.00 2027Q1,0,0.00 2027Q2,2,1000.01 2027Q3,0,0.00 2027Q4,0,0.00 2028Q1,1,300.00" \
    "$(tail -n +2 "$r/by-quarter.csv" | tr -d '"' | tr '\n' ' ' | sed 's/ $//')"
same "window from the day after AS_OF: 2026-12-31 starts at 2027Q1, ends 2028Q4" "2027Q1 2028Q4" \
    "$(jq -n -r --arg step table --arg table by-quarter --arg as_of 2026-12-31 \
	-f "$TOP/pipelines/renewals.jq" </dev/null | sed -n '2p;$p' | cut -d, -f1 | tr -d '"' | tr '\n' ' ' | sed 's/ $//')"
same "renewal basis max_end when extensions remain" "2026-06-30 max_end" \
    "$(jq -r 'select(.ocid == "ocds-win-05") | "\(.renewal) \(.renewal_basis)"' "$r/renewals.jsonl")"
same "the contracts in the window" "ocds-win-02 ocds-win-03 ocds-win-05 ocds-win-11 ocds-win-11" \
    "$(jq -r .ocid "$r/renewals.jsonl" | sort | tr '\n' ' ' | sed 's/ $//')"
same "summary total" "- contracts in the window: 5, total value £1,900.11" \
    "$(grep '^- contracts in the window' "$r/summary.md")"
same "summary: left out, named" "- left out, no value: 1|- left out, not in GBP: 1" \
    "$(grep '^- left out' "$r/summary.md" | paste -sd'|')"
pence() { tail -n +2 "$1" | awk -F, '{ gsub(/"/, "", $NF); split($NF, a, "."); s += a[1] * 100 + a[2] } END { print s }'; }
same "by-category adds up to the total" 190011 "$(pence "$r/by-category.csv")"
same "by-quarter adds up to the total" 190011 "$(pence "$r/by-quarter.csv")"
same "top 25: largest first" "500.01 500.00 400.00 300.00 200.10" \
    "$(tail -n +2 "$r/top25.csv" | awk -F'","' '{ print $5 }' | tr '\n' ' ' | sed 's/ $//')"
# Escaping of supplier names: CSV formulas neutralised, Markdown pipes
# escaped, gnuplot data without quotes or extra fields.
check "CSV: formula supplier neutralised" grep -qF "\"'=SUM(1+1)|\"\"pipe\"\" *bold* Ltd\"" "$r/top25.csv"
check "CSV: @ supplier neutralised" grep -qF ",\"'@evil" "$r/top25.csv"
same "CSV: no cell starts a formula" 0 "$(grep -cE '(^|,)"[=+@]' "$r/top25.csv" "$r/by-supplier.csv" | awk -F: '{ s += $2 } END { print s }')"
same "Markdown: 12 unescaped pipes on every top-25 line" "12" \
    "$(sed 's/\\|//g' "$r/top25.md" | awk -F'|' '{ print NF - 1 }' | sort -u)"
check "Markdown: pipe and markup escaped" \
    grep -qF '\|"pipe" \*bold\* Ltd' "$r/top25.md"
same "Markdown: no raw < in names" 0 "$(grep -c '<' "$r/top25.md")"
same "gnuplot data: no double quotes" 0 "$(grep -c '"' "$r/by-supplier.tsv")"
same "gnuplot data: 3 fields on every line" 3 "$(awk -F'\t' '{ print NF }' "$r/by-supplier.tsv" | sort -u)"
for c in renewals suppliers; do
	check "$c.svg drawn" grep -q '<svg' "$r/$c.svg"
	check "$c.png drawn" test -s "$r/$c.png"
done
check "SVGs are well-formed XML (names with < > escaped)" python3 -c \
    'import sys, xml.dom.minidom; [xml.dom.minidom.parse(f) for f in sys.argv[1:]]' \
    "$r/renewals.svg" "$r/suppliers.svg"
check "chart title with units" grep -q 'Contract value up for renewal by quarter, £m' "$r/renewals.svg"
# The contracts come from make report's classified records, and the
# renewal pipeline fails when classification does (REVIEW #3).
check "renewals read the classified contracts" test -s "$fx/work/contracts.jsonl"
same "every contract in the window carries classify-sector's why" "" \
    "$(jq -r 'select(has("why") | not) | .ocid' "$r/renewals.jsonl")"
mkdir -p "$TMP/badbin"
for f in "$BIN"/*; do ln -s "$f" "$TMP/badbin/"; done
rm "$TMP/badbin/classify-sector"
printf '#!/bin/sh\ncat >/dev/null; echo "classify-sector: broken" >&2; exit 1\n' >"$TMP/badbin/classify-sector"
chmod +x "$TMP/badbin/classify-sector"
if make -C "$TOP" --no-print-directory renewals AS_OF=$as_of DATA="$TOP/tests/contracts/renewals-data" \
    OUT="$TMP/bc" BIN="$TMP/badbin" >"$TMP/bc.log" 2>&1; then
	not_ok "a failing classify-sector fails make renewals"
else
	ok "a failing classify-sector fails make renewals"
fi
check "... and leaves no classified records behind" test ! -e "$TMP/bc/work/classified.jsonl.zst"
check "... nor renewal tables" test ! -e "$TMP/bc/renewals/by-quarter.csv"
bad=$TMP/bad
if make -C "$TOP" --no-print-directory renewals AS_OF=2026-13-45 DATA="$TOP/tests/contracts/renewals-data" \
    OUT="$bad" BIN="$BIN" >"$bad.log" 2>&1; then not_ok "a bad AS_OF is refused"
else check "a bad AS_OF is refused" grep -q 'AS_OF=2026-13-45 is not a YYYY-MM-DD date' "$bad.log"; fi

# Determinism: the samples twice into two folders, every output compared.
if ren "$TOP/samples" "$TMP/a" && ren "$TOP/samples" "$TMP/b"; then
	n=$(find "$TMP/a/renewals" -type f | wc -l)
	diffs=$(cd "$TMP/a/renewals" && for f in *; do cmp -s "$f" "$TMP/b/renewals/$f" || echo "$f"; done)
	same "samples twice: all $n files byte-identical" "" "$diffs"
	check "samples: contracts in the window" test -s "$TMP/a/renewals/renewals.jsonl"
else
	not_ok "make renewals on the samples" "$(tail -n 20 "$TMP/a.log" "$TMP/b.log")"
fi
