#!/usr/bin/env bash
# page.t: the headline and the per-category estimates on the page and at
# the end of make report, when England (and the UK) can be estimated.
# The samples cannot show it (a type is missing), so a hand-made universe
# (councils table: three authorities of each English type, one Scottish
# unitary) and hand-made monthly partial aggregates go through estimate,
# then report-table.sh, report-headline.sh and report-html.sh as make
# report runs them; the other tables are header-only stubs.  Expected
# figures are estimate's own records, read with jq and formatted here in
# Python (an oracle apart from pipelines/report-money.awk).
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"
W=$RT/work T=$RT/report/tables
mkdir -p "$W" "$T"

# The universe: 2023-24 two of three authorities of every English type
# observed, the Scottish one not (England estimable with an interval, the
# UK not); 2024-25 one London borough only, the Scottish one observed (UK
# and England estimable, no interval: one London borough of three says
# nothing of the spread; the one Scottish unitary of one is all its type).
{
	printf 'gss\tname\tregion\tnation\tnames\tend\tsuccessor\ttype\tpopulation\n'
	i=0
	for t in county district unitary metropolitan-district london-borough; do
		case $t in
		london-borough) r=London ;;
		county) r="South East" ;;
		*) r="North West" ;;
		esac
		for k in 1 2 3; do
			i=$((i + 1))
			printf 'E0%07d\t%s %d Council\t%s\tEngland\t%s %d\t\t\t%s\t%d\n' \
			    "$i" "$t" "$k" "$r" "$t" "$k" "$t" $((100000 * k + 5000 * i))
		done
	done
	printf 'S12000001\tScottish 1 Council\tScotland\tScotland\tScottish 1\t\t\tscottish-unitary\t150000\n'
} >"$W/councils.tsv"
awk -F '\t' '
function rec(id, y, mo, amount, sector, cat, sme, count) {
	printf "{\"kind\":\"payment\",\"buyer_id\":\"%s\",\"month\":\"%04d-%02d\",\"amount\":%s,\"sector\":\"%s\",\"category\":%s,\"sme\":%s,\"count\":%d}\n", id, y, mo, amount, sector, cat, sme, count
}
NR > 1 && $2 !~ / 3 Council/ {
	for (m = 0; m < 24; m++) {
		y = 2023 + int((m + 3) / 12); mo = (m + 3) % 12 + 1
		if (m < 12 && $4 == "Scotland") continue
		if (m >= 12 && $8 == "london-borough" && $2 ~ / 2 Council/) continue
		n = NR * 37 + m * 11
		rec($1, y, mo, sprintf("%d.%02d", 1000 + n * 13, n % 100), "tech", "\"software\"", "true", 2)
		rec($1, y, mo, sprintf("%d.%02d", 300 + n * 7, n * 3 % 100), "tech", "\"telecoms\"", "false", 1)
		rec($1, y, mo, sprintf("%d.00", 5000 + n), "other", "null", "null", 5)
	}
}' "$W/councils.tsv" >"$W/parts.jsonl"
if ! "$BIN/estimate" -c "$W/councils.tsv" "$W/parts.jsonl" >"$W/estimate.jsonl" 2>"$TMP/err"; then
	not_ok "estimate on the hand-made universe" "$(cat "$TMP/err")"
	exit 0
fi
ok "estimate on the hand-made universe"

# The tables make report builds from estimate's records; stubs for the
# rest (report-html.sh reads every table of REPORT_TABLES).
printf 'fy\tsme\tnot_sme\tunknown\ttotal\tsme_share_pct\tknown_sme_share_pct\tknown_pct\n' >"$T/sme-share.tsv"
for n in headline estimates category-estimates; do
	check "report-table.sh $n" sh -c "'$TOP/pipelines/report-table.sh' $n '$W' '$BIN' >'$T/$n.tsv'"
done
for n in $(sed -n '/^REPORT_TABLES :=/,/[^\\]$/p' "$TOP/pipelines/report.mk" |
    sed 's/^REPORT_TABLES :=//; s/\\$//'); do
	[ -f "$T/$n.tsv" ] || printf 'x\n' >"$T/$n.tsv"
done
"$TOP/pipelines/report-headline.sh" "$T" >"$TMP/headline.txt" 2>"$TMP/err" ||
    not_ok "report-headline.sh" "$(cat "$TMP/err")"
"$TOP/pipelines/report-html.sh" "$RT/report" hand-made '' >"$TMP/index.html" 2>"$TMP/err" ||
    not_ok "report-html.sh" "$(cat "$TMP/err")"

jq -c 'select(.kind == "estimate" and .type == null and .measure == "tech"
    and (.scope == "england" or .scope == "uk"))' "$W/estimate.jsonl" >"$TMP/est.jsonl"
python3 - "$TMP/est.jsonl" "$TMP/headline.txt" "$TMP/index.html" "$T" <<'EOF'
import json, os, sys
from decimal import Decimal as D
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests/report"))
from pagelib import human
est_path, head_path, page_path, T = sys.argv[1:5]
est = [json.loads(l, parse_float=D) for l in open(est_path)]
head = open(head_path).read().splitlines()
page = open(page_path).read()
def same(name, want, got):
    if want == got:
        print(f"ok - {name}")
    else:
        print(f"not ok - {name}\n#   expected: {want!r}\n#   actual:   {got!r}")
def get(fy, scope, cat=None):
    return next(r for r in est if r["fy"] == fy and r["scope"] == scope and r["category"] == cat)

en, uk = get("2023-24", "england"), get("2023-24", "uk")
same("2023-24: England estimable with an interval, the UK not", (True, False, True),
     (en["estimable"], uk["estimable"], en["lo"] is not None))
line = next((l for l in head if l.startswith("2023-24 ")), "")
want = (f"tech England {human(en['estimate'])} (90%: {human(en['lo'])}-{human(en['hi'])}), "
        f"UK not estimable (no scottish-unitary observed); 10 authorities;")
same("make report's headline line: England with its interval, UK not estimable",
     want, line[11:11 + len(want)])
cell = (f"<td><strong>{human(en['estimate'])}</strong> <span class=\"ci\">(90% interval "
        f"{human(en['lo'])} to {human(en['hi'])})</span></td>")
same("page headline: England's estimate with its interval", True, cell in page)
same("page headline: the UK not estimable, and why", True,
     '<td class="ne">not estimable: no observed scottish-unitary</td>' in page)

uk = get("2024-25", "uk")
same("2024-25: the UK estimable, no interval (one authority)", (True, None, ["london-borough"]),
     (uk["estimable"], uk["lo"], uk["one_authority"]))
line = next((l for l in head if l.startswith("2024-25 ")), "")
want = f"tech UK {human(uk['estimate'])} (no interval: one authority of london-borough);"
same("make report's headline line: UK estimate without interval, and why", want, line[11:11 + len(want)])
same("page headline: UK estimate, no interval, and why", True,
     f"<td><strong>{human(uk['estimate'])}</strong> <span class=\"ci\">(no interval: one observed "
     "authority of type london-borough)</span></td>" in page)

# The per-category table: every category estimate of England and the UK,
# to the penny, with the note when there is no figure or no interval.
rows = [l.rstrip("\n").split("\t") for l in open(f"{T}/category-estimates.tsv")]
tab = [dict(zip(rows[0], r)) for r in rows[1:]]
def txt(v):
    return "" if v is None else str(v)
def note(r):
    if not r["estimable"]:
        return "not estimable: no " + ", ".join(r["not_estimable"]) + " observed"
    if r["lo"] is None:
        return "no interval: one authority of " + ", ".join(r["one_authority"])
    return ""
want = []
for r in est:
    if r["scope"] == "england" and r["category"] is not None:
        u = get(r["fy"], "uk", r["category"])
        want.append({"fy": r["fy"], "category": r["category"],
            "england_estimate": txt(r["estimate"]), "england_lo": txt(r["lo"]),
            "england_hi": txt(r["hi"]), "england_note": note(r),
            "uk_estimate": txt(u["estimate"]), "uk_lo": txt(u["lo"]),
            "uk_hi": txt(u["hi"]), "uk_note": note(u)})
same("category-estimates: estimate's category records, England and UK", want, tab)
same("category-estimates: two categories a year, two years", 4, len(tab))
sw = get("2023-24", "england", "software")["estimate"]
i, f = str(sw).split(".")
same("page: the category table shows England's software estimate", True,
     f"<td class=\"n\">{int(i):,}.{f}</td>" in page)
same("page: the category section is there", True, 'id="category-estimates"' in page)
EOF

# The chart of the category table: bars and intervals when England is
# estimable; a chart that says so when it is not in any year.
(cd "$TOP" && pipelines/report-chart.sh category-estimates "$T/category-estimates.tsv" "$TMP/ce.svg" svg) 2>"$TMP/err" ||
    not_ok "report-chart.sh category-estimates" "$(cat "$TMP/err")"
check "category chart: drawn with its intervals" grep -q '90% interval' "$TMP/ce.svg"
check "category chart: the categories in its key" grep -q '>telecoms<' "$TMP/ce.svg"
awk -F '\t' -v OFS='\t' 'NR == 1 { print; next } { $3 = $4 = $5 = ""; $6 = "not estimable: no district observed"; print }' \
    "$T/category-estimates.tsv" >"$TMP/none.tsv"
(cd "$TOP" && pipelines/report-chart.sh category-estimates "$TMP/none.tsv" "$TMP/none.svg" svg) 2>"$TMP/err" ||
    not_ok "report-chart.sh category-estimates, nothing estimable" "$(cat "$TMP/err")"
check "category chart: says when England is not estimable in any year" \
    grep -q 'England is not estimable in any year' "$TMP/none.svg"
