#!/usr/bin/env bash
# report-html.sh REPORTDIR DATANAME AS_OF: write the static report page on
# stdout from REPORTDIR/tables/*.tsv, REPORTDIR/charts/*.svg and the
# renewal tables in REPORTDIR/renewals/ (made as of the day AS_OF).  The
# page answers the questions first (national estimate per year with its
# interval, coverage, like-for-like growth, the share outside London and
# the South East, the SME share), then shows the observed sums, labelled
# so.  One page, no script, no network: every chart is an <img> of a local
# SVG (with its PNG linked), every table is printed in full and linked as
# CSV and Markdown.  Every string from the data goes through jq's @html;
# money is shown as people read it (£12.7m in text, thousands separators
# in tables), from the exact text of the tables: no sums here.  The method
# note lists the CPV prefixes and categories of schemas/sector-rules.tsv
# and the authority types of the estimates table.
# Output depends only on its inputs (no clock), so it is reproducible.
set -euo pipefail
export LC_ALL=C
dir=${1%/} dataname=$2 ren=${3:-}
t=$dir/tables
top=$(cd "$(dirname "$0")/.." && pwd)
money_awk=$top/pipelines/report-money.awk

# esc STRING: the string HTML-escaped.
esc() { printf '%s' "$1" | jq -Rrs '@html'; }

# table NAME: the TSV table as an HTML table; cells that look like numbers
# are right-aligned.
table() {
	jq -Rrn '
	  [inputs | split("\t")] as $rows
	  | if ($rows | length) == 0 then "<p>(empty table)</p>" else
	  "<div class=\"scroll\"><table>\n<thead><tr>"
	  + ($rows[0] | map("<th>" + @html + "</th>") | join(""))
	  + "</tr></thead>\n<tbody>\n"
	  + ($rows[1:] | map("<tr>" + (map(
	      if test("^-?[0-9]+(\\.[0-9]+)?$") then "<td class=\"n\">"
	        + (if test("^-?[0-9]{4,}(\\.[0-9]+)?$") then
	            # thousands separators, on the text
	            capture("^(?<s>-?)(?<i>[0-9]+)(?<f>(\\.[0-9]+)?)$") as $m
	            | $m.s + ($m.i | explode | reverse | [_nwise(3) | reverse | implode]
	                | reverse | join(",")) + $m.f
	          else . end | @html) + "</td>"
	      else "<td>" + @html + "</td>" end) | join("")) + "</tr>\n") | join(""))
	  + "</tbody></table></div>" end' "$t/$1.tsv"
}

# links NAME: the table's downloads.
links() {
	printf '<p class="links">Table: <a href="tables/%s.csv">%s.csv</a> · <a href="tables/%s.md">%s.md</a>' "$1" "$1" "$1" "$1"
	[ -f "$dir/charts/$1.png" ] && printf ' · chart as <a href="charts/%s.png">PNG</a>, <a href="charts/%s.svg">SVG</a>' "$1" "$1"
	printf '</p>\n'
}

# figure NAME TITLE TEXT: a chart section: heading, note, image, table.
figure() {
	local name=$1 title=$2 text=$3
	printf '<section id="%s">\n<h2>%s</h2>\n<p>%s</p>\n' "$name" "$(esc "$title")" "$text"
	printf '<figure><a href="tables/%s.csv"><img src="charts/%s.svg" alt="%s" width="1100" height="650"></a>\n' \
	    "$name" "$name" "$(esc "$title")"
	printf '<figcaption>%s. Data: <a href="tables/%s.csv">tables/%s.csv</a></figcaption></figure>\n' \
	    "$(esc "$title")" "$name" "$name"
	links "$name"
	table "$name"
	printf '</section>\n'
}

# cell TABLE ROW COL: one cell of a table (row 1 is the first data row).
cell() { awk -F '\t' -v r="$2" -v c="$3" 'NR == r + 1 { print $c; exit }' "$t/$1.tsv"; }
# human AMOUNT: "12700000.00" -> "£12.7m" (pipelines/report-money.awk)
human() { awk -v amount="$1" -f "$money_awk"; }

nfiles=$(($(grep -c '' "$t/quality.tsv") - 1))
nunusable=$(awk -F '\t' 'NR > 1 && $NF == "unusable"' "$t/quality.tsv" | grep -c '' || true)
all=$(cell total 1 2)
tech=$(awk -F '\t' '$1 == "tech" { print $3 }' "$t/sector.tsv")
techshare=$(awk -F '\t' '$1 == "tech" { print $4 }' "$t/sector.tsv")
lse=$(cell region-lse 1 4)
# the authority types estimate estimated, in its order (the note follows
# the universe of estimate and schemas/councils.tsv)
types_note=$(awk -F '\t' 'NR > 1 && $2 == "uk" && $3 != "all types" && !seen[$3]++ { printf "%s%s", (n++ ? ", " : ""), $3 }' "$t/estimates.tsv")
types_note=$(esc "${types_note:-none in this data}")

# headline: one row per financial year of the headline table, in words
headline() {
	local prog
	prog=$(cat <<'AWK'
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
function v(k) { return $(c[k]) }
function h(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function types(s) { gsub(/,/, ", ", s); return h(s) }
# interval(lo, hi, one): the 90% interval, or why there is none (one:
# the types observed through a single authority)
function interval(lo, hi, one) {
	if (lo != "")
		return " <span class=\"ci\">(90% interval " human(lo) " to " human(hi) ")</span>"
	return " <span class=\"ci\">(no interval: " (one != "" ? "one observed authority of type " types(one) : "one observed authority") ")</span>"
}
{
	printf "<tr><th>%s</th>", h(v("fy"))
	if (v("uk_estimate") != "")
		printf "<td><strong>%s</strong>%s</td>", human(v("uk_estimate")), interval(v("uk_lo"), v("uk_hi"), v("uk_one_authority"))
	else
		printf "<td class=\"ne\">not estimable: no observed %s</td>", types(v("uk_not_estimable"))
	if (v("england_estimate") != "")
		printf "<td><strong>%s</strong>%s</td>", human(v("england_estimate")), interval(v("england_lo"), v("england_hi"), v("england_one_authority"))
	else
		printf "<td class=\"ne\">not estimable: no observed %s</td>", types(v("england_not_estimable"))
	printf "<td>%s %s serving %s of %s people</td>", h(v("authorities")), v("authorities") == 1 ? "authority" : "authorities", commas(v("population")), commas(v("universe_population"))
	if (v("growth_pct") != "")
		printf "<td>%s <span class=\"ci\">(%s %s, months matched)</span></td>", pct(v("growth_pct"), 1), h(v("panel")), v("panel") == 1 ? "buyer" : "buyers"
	else
		printf "<td class=\"ne\">no panel: no growth figure</td>"
	if (v("outside_lse_pct") != "" && v("outside_lse_lo") != "")
		printf "<td>%s <span class=\"ci\">(90%%: %s to %s)</span></td>", pct(v("outside_lse_pct")), pct(v("outside_lse_lo")), pct(v("outside_lse_hi"))
	else if (v("outside_lse_pct") != "")
		printf "<td>%s <span class=\"ci\">(no interval: a type observed through one authority only)</span></td>", pct(v("outside_lse_pct"))
	else
		printf "<td class=\"ne\">not estimable</td>"
	if (v("sme_of_known_pct") != "")
		printf "<td>%s <span class=\"ci\">(status known for %s of tech spend)</span></td>", pct(v("sme_of_known_pct")), pct(v("sme_known_pct"))
	else
		printf "<td class=\"ne\">no SME status known</td>"
	printf "<td>%s</td></tr>\n", human(v("tech_observed"))
}
AWK
)
	printf '<div class="scroll"><table class="headline">\n<thead><tr><th>financial year</th><th>UK tech spend (estimate)</th><th>England (estimate)</th><th>covered</th><th>like-for-like growth</th><th>outside London and South East (England)</th><th>SME share</th><th>observed in the data</th></tr></thead>\n<tbody>\n'
	awk -F '\t' -f "$money_awk" -f <(printf '%s\n' "$prog") "$t/headline.tsv"
	printf '</tbody></table></div>\n'
}

# cpv_note: the CPV prefixes of the tech rules, by category, from the
# rules table (so the note follows the rules)
cpv_note() {
	awk -F '\t' '$1 == "cpv" && $3 == "tech" { c[$4] = c[$4] (c[$4] == "" ? "" : ", ") $2; if (!($4 in seen)) { seen[$4] = 1; o[++n] = $4 } }
	    END { for (i = 1; i <= n; i++) printf "%s%s (%s)", (i > 1 ? "; " : ""), o[i], c[o[i]] }' \
	    "$top/schemas/sector-rules.tsv" | jq -Rrs '@html'
}

cat <<EOF
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>spendlens: local-government technology spend</title>
<style>
body { font: 15px/1.45 "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 0 1em 3em; color: #222; }
h1 { font-size: 1.6em; margin-top: 1em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
figure { margin: 1em 0; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption, .links { font-size: 0.9em; color: #555; }
.scroll { max-height: 28em; overflow: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
th, td { padding: 0.2em 0.5em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
nav li { display: inline; margin-right: 1em; }
.note { background: #f8f8f4; border-left: 4px solid #bbb; padding: 0.5em 1em; }
table.headline td { font-size: 1.05em; }
.ci { color: #666; font-size: 0.85em; }
.ne { color: #8a5a00; }
</style>
</head>
<body>
<h1>spendlens: technology spend of UK councils</h1>
<section id="headline">
<h2>How much, how fast, where, to whom</h2>
<p>National technology spend of local government per financial year, estimated from the councils whose payments we hold (full years only, scaled per head within each authority type; see <a href="#method">method</a>), with 90% intervals; growth like for like; the share of England's spend outside London and the South East; the share paid to SMEs. A type of authority with none observed in a year makes that year's total not estimable: nothing is filled in.</p>
EOF
headline
links headline
cat <<EOF
</section>
<p>Data set <strong>$(esc "$dataname")</strong>: $nfiles units of source files, payments of $(esc "$(human "$all")") in all (observed), of which $(esc "$(human "$tech")") ($(esc "$techshare")%) classified as technology. London and South East share of the tech spend observed: $(esc "$lse")%.</p>
<nav><ul>
<li><a href="#estimates">estimates</a></li>
<li><a href="#category-estimates">by category</a></li>
<li><a href="#coverage">coverage</a></li>
<li><a href="#tech-by-fy">per year</a></li>
<li><a href="#top-buyers">buyers</a></li>
<li><a href="#top-suppliers">suppliers</a></li>
<li><a href="#region">regions</a></li>
<li><a href="#sme-share">SMEs</a></li>
<li><a href="#category">categories</a></li>
<li><a href="#service">services</a></li>
<li><a href="#renewals">renewals</a></li>
<li><a href="#quality">data quality</a></li>
<li><a href="#method">method</a></li>
</ul></nav>
EOF

printf '<section id="estimates">\n<h2>Estimates by authority type</h2>\n<p>Every estimate of all technology spend: per year, scope (uk, england, london-south-east, england-outside-london-south-east) and authority type, with the authorities observed and the universe. <em>estimable</em> false: no authority of the type was observed that year; a scope is estimable only when all its types are. <em>note</em> says why an estimate or its interval is missing (one observed authority says nothing about the spread, so it gives an estimate without an interval).</p>\n'
links estimates
table estimates
printf '</section>\n'
figure category-estimates "Estimated tech spend by category, England (£m), with 90% intervals" \
    "The national estimate for each technology category (those of the rules table <code>schemas/sector-rules.tsv</code>), per financial year, for England (chart and table) and the UK (table), with the 90% interval, or a note saying why there is none. A category is estimable in a year exactly when the total is: a type with no authority observed leaves every category of the year not estimable. Technology spend without a category is in the total only."
figure coverage "Coverage: payments per buyer and month" \
    "Which buyers have payments in which months (grey: none), coloured by the month's total. Estimates use a buyer's financial year only when it has ten months or more; growth only over buyers with ten months or more in both years, months matched."
figure tech-by-fy "Tech spend per financial year as observed (£m)" \
    "Payments classified as technology, summed per UK financial year (April to March) over whatever files the data holds: observed sums, not estimates. Labels give the like-for-like change on the year before (buyers with ten months or more in both years, the same months; <em>panel</em> says how many); a year without such buyers shows none."
figure top-buyers "Top 20 buyers by tech spend (£m)" \
    "The councils paying most for technology. The last table row, <em>other</em>, folds every other buyer (<em>groups</em> says how many) so the column adds up to the tech total."
figure top-suppliers "Top 20 suppliers by tech spend (£m), SME marked" \
    "Suppliers after de-duplication (one row per supplier entity). SME status comes from contract notices and registers; suppliers without such evidence are <em>unknown</em>."
figure region "Tech spend by region (£m)" \
    "Regions are those of the paying council (ONS regions). London + South East take $(esc "$lse")% of tech spend in this data set (table <a href=\"tables/region-lse.csv\">region-lse.csv</a>)."
figure sme-share "SME share of tech spend per financial year" \
    "Tech spend split by the supplier's SME status. <em>sme_share_pct</em> is the SME share of all tech spend; <em>known_sme_share_pct</em> of the spend whose supplier's status is known."
figure category "Tech spend by category per financial year (£m)" \
    "Technology categories (those of the rules table <code>schemas/sector-rules.tsv</code>) per year, as observed."
figure service "All spend by service (£m)" \
    "All payments, technology or not, by the service they were made for (CIPFA SeRCOP divisions, mapped from each council's own service or department names)."

printf '<section id="renewals">\n<h2>Renewal pipeline</h2>\n'
if [ -n "$ren" ] && [ -d "$dir/renewals" ] && [ -n "$(ls "$dir/renewals")" ]; then
	printf '<p>Contracts ending in the 24 months after %s, from contract notices and registers (see <code>make renewals</code>).</p>\n' "$(esc "$ren")"
	for svg in "$dir"/renewals/*.svg; do
		[ -f "$svg" ] || continue
		b=$(basename "$svg" .svg)
		printf '<figure><img src="renewals/%s.svg" alt="%s" width="1100" height="650"><figcaption>Chart %s; tables below.</figcaption></figure>\n' \
		    "$(esc "$b")" "$(esc "$b")" "$(esc "$b")"
	done
	for csv in "$dir"/renewals/*.csv; do
		[ -f "$csv" ] || continue
		b=$(basename "$csv" .csv)
		printf '<h3>%s</h3>\n<p class="links">Table: <a href="renewals/%s.csv">%s.csv</a></p>\n' \
		    "$(esc "$b")" "$(esc "$b")" "$(esc "$b")"
		if [ -f "$dir/renewals/$b.tsv" ]; then
			t=$dir/renewals table "$b"
		fi
	done
else
	printf '<p>No renewal tables: <code>make renewals</code> found no contract records, or did not run.</p>\n'
fi
printf '</section>\n'

printf '<section id="quality">\n<h2>Data quality</h2>\n'
printf '<p>Per source file: rows read by normalise, records written, rows rejected (with reasons in out/records), blank rows, the amount total of the records and the months they cover. %s of %s files could not be used.</p>\n' "$nunusable" "$nfiles"
links quality
table quality
printf '<h3>Classified spend</h3>\n<p>Share of all payments classified tech, other, or not classified (unknown).</p>\n'
links sector
table sector
printf '<h3>Buyers not resolved</h3>\n<p>Buyer names that the council table did not resolve to an ONS code: their spend is in the totals but has no region.</p>\n'
links unresolved
table unresolved
printf '</section>\n'

cat <<EOF
<section id="method">
<h2>Method</h2>
<div class="note">
<p><strong>Sources.</strong> Council payment files published under the Local Government Transparency Code (payments over £500 or £250), council contract registers, and contract notices (OCDS from Find a Tender; Contracts Finder). Each file is read by <code>normalise</code> (header detection, column aliases, encodings, dates, exact money in pence), suppliers are resolved to one entity by <code>dedupe-supplier</code> (company numbers first, then names), and each record is classified by <code>classify-sector</code>.</p>
<p><strong>What counts as tech.</strong> A payment is technology when its evidence says so, strongest first: CPV codes on contracts (by category, the prefixes of the rules table: $(cpv_note)), ProClass codes, then expense type and description keywords from the rules table <code>schemas/sector-rules.tsv</code>, then what the same supplier's other records say. The <em>why</em> field of every record names the rule that decided.</p>
<p><strong>Money.</strong> Amounts are summed exactly in pence. Tables give pounds and pence with thousands separators; the text reads them as £12.7m, £590.6k or £84.9bn (one decimal, rounded half up); charts show millions of pounds (£m). Credits (negative amounts) are included. Shares and growth are ratios of exact sums.</p>
<p><strong>Estimates.</strong> <code>estimate</code> takes every buyer-year (April to March) with ten months of data or more and scales it to twelve months (sum &times; 12 / months). Within each authority type (those of the estimates: $types_note) spend per head is the scaled spend of the authorities observed over the residents they serve; the type's estimate is that times the residents of all its authorities (mid-2020 population from the mySociety register, in <code>schemas/councils.tsv</code>), and a scope's estimate (UK, England, London and the South East, the rest of England) is the sum over its types; the same for each technology category. The 90% interval comes from a bootstrap over the authorities within each type (each type resampled on its own, rescaled so that a type observed in full has no sampling error), seeded, so the page is the same run to run; as a type often has only a few authorities observed, the interval is then widened by Student's t against the normal quantile for their number. <em>Not estimable</em>: a type had no authority observed that year, so a scope containing it (and each of its categories) has no figure; nothing is filled in. <em>One authority</em>: a type observed through a single authority has an estimate but no interval, since one authority says nothing about the spread, and neither has a scope containing it. Assumptions: the authorities observed spend per head like those not observed (they are not a random sample), a full year's missing months spend like its present months, classification is right, and payments under the £500 (or £250) publication threshold are not seen. Combined authorities, the GLA, the City of London, fire and police are outside the estimates. See <code>man estimate</code>.</p>
<p><strong>Known gaps.</strong> The observed sums cover whatever files are in the data folder: months and councils missing from it are missing from them, which is why growth is given like for like only. Redacted suppliers are counted but cannot be named. Contract values are totals over the contract's life, not spend, and are kept out of the payment figures. Regions come from the council, not the supplier.</p>
<p>Every figure links to its table; the tables are CSV (spreadsheet-safe) and Markdown, in <code>tables/</code> beside this page.</p>
</div>
</section>
</body>
</html>
EOF
