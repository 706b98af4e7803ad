#!/usr/bin/env bash
# report-html.sh REPORTDIR DATANAME [RENEWALSDIR]: write the static report
# page on stdout from REPORTDIR/tables/*.tsv and REPORTDIR/charts/*.svg.
# One page, no script, no network: every chart is an <img> of a local SVG
# (with its PNG linked), every table is printed in full and linked as CSV
# and Markdown.  Every string from the data goes through jq's @html.
# Output depends only on the tables (no dates), so it is reproducible.
set -euo pipefail
export LC_ALL=C
dir=${1%/} dataname=$2 ren=${3:-}
t=$dir/tables

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
	      if test("^-?[0-9]+(\\.[0-9]+)?$") then "<td class=\"n\">" + @html + "</td>"
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
# sum of a money column, exact: pence added as integers by awk
total() {
	awk -F '\t' -v c="$2" 'NR > 1 { s = $c; neg = sub(/^-/, "", s); split(s, p, ".")
		v = p[1] * 100 + substr(p[2] "00", 1, 2); t += neg ? -v : v }
		END { c = t < 0 ? -t : t; printf "%s%.0f.%02d\n", t < 0 ? "-" : "", (c - c % 100) / 100, c % 100 }' "$t/$1.tsv"
}

# commas: "1234567.80" -> "1,234,567.80" (text only, for the summary)
commas() {
	printf '%s\n' "$1" | sed -e ':a' -e 's/^\(-\{0,1\}[0-9]\{1,\}\)\([0-9]\{3\}\)/\1,\2/; ta'
}

nfiles=$(($(grep -c '' "$t/quality.tsv") - 1))
nunusable=$(awk -F '\t' 'NR > 1 && $NF == "unusable"' "$t/quality.tsv" | grep -c '' || true)
all=$(total sector 3)
tech=$(awk -F '\t' '$1 == "tech" { print $3 }' "$t/sector.tsv")
techshare=$(awk -F '\t' '$1 == "tech" { print $4 }' "$t/sector.tsv")
lse=$(cell region-lse 1 4)

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
</style>
</head>
<body>
<h1>spendlens: technology spend of UK councils</h1>
<p>Data set <strong>$(esc "$dataname")</strong>: $nfiles source files, payments of £$(esc "$(commas "$all")") in all, of which £$(esc "$(commas "$tech")") ($(esc "$techshare")%) classified as technology. London and South East share of tech spend: $(esc "$lse")%.</p>
<nav><ul>
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

figure tech-by-fy "Tech spend per financial year (£m)" \
    "Payments classified as technology, summed per UK financial year (April to March). Labels give the change on the year before; a year with few source files is not comparable with a full one."
figure top-buyers "Top 20 buyers by tech spend (£m)" \
    "The councils paying most for technology. The last table row, <em>other</em>, folds every other buyer (<em>groups</em> says how many) so the column adds up to the tech total."
figure top-suppliers "Top 20 suppliers by tech spend (£m), SME marked" \
    "Suppliers after de-duplication (one row per supplier entity). SME status comes from contract notices and registers; suppliers without such evidence are <em>unknown</em>."
figure region "Tech spend by region (£m)" \
    "Regions are those of the paying council (ONS regions). London + South East take $(esc "$lse")% of tech spend in this data set (table <a href=\"tables/region-lse.csv\">region-lse.csv</a>)."
figure sme-share "SME share of tech spend per financial year" \
    "Tech spend split by the supplier's SME status. <em>sme_share_pct</em> is the SME share of all tech spend; <em>known_sme_share_pct</em> of the spend whose supplier's status is known."
figure category "Tech spend by category per financial year (£m)" \
    "Technology categories (software, IT services, hardware, telecoms, cloud hosting, cyber security, data and analytics, digital consultancy) per year."
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

cat <<'EOF'
<section id="method">
<h2>Method</h2>
<div class="note">
<p><strong>Sources.</strong> Council payment files published under the Local Government Transparency Code (payments over £500 or £250), council contract registers, and contract notices (OCDS from Find a Tender; Contracts Finder). Each file is read by <code>normalise</code> (header detection, column aliases, encodings, dates, exact money in pence), suppliers are resolved to one entity by <code>dedupe-supplier</code> (company numbers first, then names), and each record is classified by <code>classify-sector</code>.</p>
<p><strong>What counts as tech.</strong> A payment is technology when its evidence says so, strongest first: CPV codes on contracts (48 software, 72 IT services, 302 computer equipment, 324 networks, 642 telecoms and others), ProClass codes, then expense type and description keywords from the rules table <code>schemas/sector-rules.tsv</code>, then what the same supplier's other records say. The <em>why</em> field of every record names the rule that decided.</p>
<p><strong>Money.</strong> Amounts are summed exactly in pence; charts show £ millions. Credits (negative amounts) are included. Shares and growth are ratios of exact sums.</p>
<p><strong>Known gaps.</strong> Coverage is whatever files are in the data folder: months and councils missing from it are missing from every figure, so year-on-year changes mix coverage and spend. Redacted suppliers are counted but cannot be named. Contract values are totals over the contract's life, not spend, and are kept out of the payment figures. Regions come from the council, not the supplier.</p>
<p>Every figure links to its table; the tables are CSV (spreadsheet-safe) and Markdown, in <code>tables/</code> beside this page.</p>
</div>
</section>
</body>
</html>
EOF
