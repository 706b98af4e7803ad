#!/usr/bin/env bash
# report-table.sh NAME WORK BIN REC: write the report table NAME as TSV
# (header line, tab-separated, no quoting) on stdout, from the partial
# aggregates of the classified payments in WORK/parts/<keys>.jsonl (one
# reading of the records by aggregate, report.mk stage 3), re-aggregated
# by BIN/aggregate; the data-quality table from the per-unit files under
# REC.  Money is summed only by aggregate (exact, in pence): this script
# selects, relabels and lays out its lines; shares are aggregate's.
set -euo pipefail
export LC_ALL=C
name=$1 work=$2 bin=$3 rec=${4:-}
parts=$work/parts

# agg PART KEYS [OPTION...]: re-aggregate the part WORK/parts/PART.jsonl
# (or stdin for PART -) by KEYS, TSV out.
agg() {
	local part=$1 keys=$2
	shift 2
	if [ "$part" = - ]; then
		"$bin/aggregate" --by "$keys" "$@" --tsv
	else
		"$bin/aggregate" --by "$keys" "$@" --tsv "$parts/$part.jsonl"
	fi
}
# tech PART: the lines of PART for sector tech, the sector key dropped
# (aggregate writes the keys first, in --by order, so a line of a part
# whose first key is sector starts {"sector":"tech",).
tech() {
	sed -n 's/^{"sector":"tech",/{/p' "$parts/$1.jsonl"
}

# est KIND KEY=VALUE... -- FIELD...: the FIELDs (raw JSON text: numbers as
# estimate printed them, strings unquoted, null empty, arrays as a,b) of
# the records of WORK/estimate.jsonl of KIND whose KEYs have those raw
# values ("tech", null), tab-separated, one line each.  estimate's records
# are flat: a value is a string, a number, a literal or an array of
# strings without escapes in the names it holds.
est() {
	local kind=$1
	shift
	awk -v kind="$kind" -v args="$*" '
	function get(line, key,   i, r, c, q, d) {
		i = index(line, "\"" key "\":")
		if (i == 0) return "\001"
		r = substr(line, i + length(key) + 3)
		if (substr(r, 1, 1) == "\"") {	# a string: to its closing quote
			for (i = 2; i <= length(r); i++) {
				c = substr(r, i, 1)
				if (c == "\\") { i++; continue }
				if (c == "\"") return substr(r, 1, i)
			}
			return r
		}
		d = 0
		for (i = 1; i <= length(r); i++) {
			c = substr(r, i, 1)
			if (c == "[") d++
			else if (c == "]") d--
			else if ((c == "," || c == "}") && d == 0) break
		}
		return substr(r, 1, i - 1)
	}
	function text(v) {
		if (v == "null" || v == "\001") return ""
		if (v ~ /^\[/) { gsub(/^\[|\]$|"/, "", v); return v }
		if (v ~ /^"/) { v = substr(v, 2, length(v) - 2); gsub(/\\"/, "\"", v); return v }
		return v
	}
	BEGIN { n = split(args, a, " "); nw = 0; nf = 0; fields = 0
		for (i = 1; i <= n; i++) {
			if (a[i] == "--") { fields = 1; continue }
			if (fields) f[++nf] = a[i]
			else { k = a[i]; sub(/=.*/, "", k); v = substr(a[i], length(k) + 2)
				wk[++nw] = k; wv[nw] = (v == "null" ? v : "\"" v "\"") }
		} }
	index($0, "{\"kind\":\"" kind "\",") == 1 {
		for (i = 1; i <= nw; i++) if (get($0, wk[i]) != wv[i]) next
		out = ""
		for (i = 1; i <= nf; i++) out = out (i > 1 ? "\t" : "") text(get($0, f[i]))
		print out
	}' "$work/estimate.jsonl"
}

# NOTE_AWK: note(type, estimable, estimate, lo, not_estimable,
# one_authority), in words, for an estimate record's fields as est()
# prints them (type empty for a scope's total; lists comma-separated):
# why there is no estimate, or no interval; "" when there are both.
NOTE_AWK='
function list(s) { gsub(/,/, ", ", s); return s }
function note(type, estimable, est, lo, ne, one) {
	if (estimable != "true")
		return "not estimable: no " (type != "" ? type : list(ne)) " observed"
	if (lo == "")
		return "no interval: one authority" (type != "" ? "" : " of " list(one))
	return ""
}'

# cols NAME[=LABEL],...: keep these columns in this order, renamed.
cols() {
	awk -F '\t' -v OFS='\t' -v spec="$1" '
	NR == 1 { n = split(spec, s, ",")
		for (j = 1; j <= n; j++) { lab[j] = s[j]; want = s[j]
			if (index(want, "=")) { lab[j] = substr(want, index(want, "=") + 1)
				want = substr(want, 1, index(want, "=") - 1) }
			for (i = 1; i <= NF; i++) if ($i == want) idx[j] = i
			if (!idx[j]) { print "report-table: no column " want > "/dev/stderr"; exit 1 } }
		out = lab[1]; for (j = 2; j <= n; j++) out = out OFS lab[j]; print out; next }
	{ out = $idx[1]; for (j = 2; j <= n; j++) out = out OFS $idx[j]; print out }'
}

case $name in
headline)	# per financial year: the national estimate with its interval,
		# what it stands on, like-for-like growth, the share outside
		# London and the South East, the SME share and how much of
		# tech spend it speaks for; observed tech spend
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	est coverage_fy -- fy tech authorities population universe universe_population >"$t/cov"
	est estimate scope=uk type=null measure=tech category=null -- \
	    fy estimable estimate lo hi not_estimable one_authority >"$t/uk"
	est estimate scope=england type=null measure=tech category=null -- \
	    fy estimable estimate lo hi not_estimable one_authority >"$t/en"
	est growth -- fy panel tech_growth >"$t/gr"
	est share share=outside-london-south-east of=england measure=tech category=null -- \
	    fy percent lo hi >"$t/sh"
	awk -F '\t' -v OFS='\t' '
	    FILENAME == ARGV[1] { cov[$1] = $0; fy[++n] = $1; next }
	    FILENAME == ARGV[2] { uk[$1] = $0; next }
	    FILENAME == ARGV[3] { en[$1] = $0; next }
	    FILENAME == ARGV[4] { gr[$1] = $2 OFS $3; next }
	    FILENAME == ARGV[5] { sh[$1] = $2 OFS $3 OFS $4; next }
	    FNR > 1 { sme[$1] = $6 OFS $7 OFS $8 }
	    END {
	      print "fy", "uk_estimate", "uk_lo", "uk_hi", "uk_not_estimable", "uk_one_authority",
		"england_estimate", "england_lo", "england_hi", "england_not_estimable",
		"england_one_authority",
		"authorities", "population", "universe_population", "tech_observed",
		"panel", "growth_pct", "outside_lse_pct", "outside_lse_lo", "outside_lse_hi",
		"sme_pct", "sme_of_known_pct", "sme_known_pct"
	      for (i = 1; i <= n; i++) { k = fy[i]
		split(cov[k], c, "\t"); split(uk[k], u, "\t"); split(en[k], e, "\t")
		g = (k in gr) ? gr[k] : OFS; h = (k in sh) ? sh[k] : OFS OFS
		m = (k in sme) ? sme[k] : OFS OFS
		print k, u[3], u[4], u[5], u[6], u[7], e[3], e[4], e[5], e[6], e[7],
		    c[3], c[4], c[6], c[2], g, h, m } }' \
	    "$t/cov" "$t/uk" "$t/en" "$t/gr" "$t/sh" "$(dirname "$work")/report/tables/sme-share.tsv" ;;
estimates)	# every estimate of all tech spend: per year, scope and type;
		# a note says why an estimate or its interval is missing
	printf 'fy\tscope\ttype\testimable\testimate\tlo\thi\tper_head\tauthorities\tpopulation\tuniverse\tuniverse_population\tnote\n'
	est estimate measure=tech category=null -- fy scope type estimable estimate lo hi \
	    per_head authorities population universe universe_population \
	    not_estimable one_authority |
	    awk -F '\t' -v OFS='\t' "$NOTE_AWK"'
	    { n = note($3, $4, $5, $6, $13, $14); NF = 12
	      if ($3 == "") $3 = "all types"; print $0, n }' ;;
category-estimates)	# the estimate of tech spend per category per year,
		# England and the UK, with the 90% interval or why not
	printf 'fy\tcategory\tengland_estimate\tengland_lo\tengland_hi\tengland_note\tuk_estimate\tuk_lo\tuk_hi\tuk_note\n'
	for scope in england uk; do
		est estimate scope=$scope type=null measure=tech -- fy category \
		    estimable estimate lo hi not_estimable one_authority |
		    awk -F '\t' -v OFS='\t' -v scope=$scope "$NOTE_AWK"'
		    $2 != "" { print $1, $2, scope, $4, $5, $6, note("", $3, $4, $5, $7, $8) }'
	done | awk -F '\t' -v OFS='\t' '
	    $3 == "england" { k = $1 OFS $2; row[++n] = k; en[k] = $4 OFS $5 OFS $6 OFS $7; next }
	    { uk[$1 OFS $2] = $4 OFS $5 OFS $6 OFS $7 }
	    END { for (i = 1; i <= n; i++) { k = row[i]
		print k, en[k], (k in uk) ? uk[k] : OFS OFS OFS "not estimable" } }' ;;
tech-by-fy)	# tech spend per financial year as observed, with the
		# like-for-like growth on the year before (estimate: buyers
		# with ten months or more in both years, months matched)
	est growth -- fy tech_growth panel >"$work/growth.tmp"
	tech sector,fy | agg - fy | cols fy,count=records,amount |
	    awk -F '\t' -v OFS='\t' '
	    FILENAME == ARGV[1] { g[$1] = $2; p[$1] = $3; next }
	    FNR == 1 { print $0, "growth_pct", "panel"; next }
	    { print $0, g[$1], p[$1] }' "$work/growth.tmp" -
	rm -f "$work/growth.tmp" ;;
top-buyers)	# the 20 buyers with the most tech spend, then "other"
	tech sector,buyer | agg - buyer --top 20 --share |
	    cols buyer,count=records,amount,groups,share=share_pct ;;
top-suppliers)	# the 20 suppliers paid most for tech, SME flag from contracts
	ids=$(mktemp)
	trap 'rm -f "$ids"' EXIT
	tech sector,supplier_id | agg - supplier_id --top 20 --share |
	    cols supplier_id,count=records,amount,groups,share=share_pct >"$ids"
	# Names and SME flags per supplier id, from the same records.
	agg supplier_id,supplier_name,sme supplier_id,supplier_name,sme |
	    cols supplier_id,supplier_name,sme |
	    awk -F '\t' -v OFS='\t' '
	    NR == FNR { if (FNR > 1 && !($1 in nm)) { nm[$1] = $2; sme[$1] = $3 }
		else if (FNR > 1 && $3 == "true") sme[$1] = "true"; next }
	    FNR == 1 { print "supplier", "sme", "supplier_id", $2, $3, $4, $5; next }
	    { s = ($1 in sme) ? sme[$1] : ""
	      if (s != "true" && s != "false") s = "unknown"
	      print ($1 == "other" ? "other" : nm[$1]), s, $1, $2, $3, $4, $5 }' \
	    - "$ids" ;;
region)		# tech spend by region
	tech sector,region | agg - region --share |
	    cols region,count=records,amount,share=share_pct ;;
region-lse)	# London + South East share of tech spend (one row): the
		# regions relabelled, then summed and shared by aggregate
	lse=$(mktemp)
	trap 'rm -f "$lse"' EXIT
	tech sector,region | sed -E \
	    -e 's/^\{"region":("London"|"South East"),/{"part":"London + South East",/; t' \
	    -e 's/^\{"region":("([^"\\]|\\.)*"|null),/{"part":"rest",/' >"$lse"
	total=$(agg - all <"$lse" | cols amount | sed -n 2p)
	agg - part --share <"$lse" | cols part,amount,share=share_pct |
	    awk -F '\t' -v OFS='\t' -v total="${total:-0.00}" '
	    NR == 1 { print "part", "amount", "total", "share_pct" }
	    $1 == "London + South East" { print $1, $2, total, $3; found = 1 }
	    END { if (!found) print "London + South East", "0.00", total, "" }' ;;
sme-share)	# SME share of tech spend per financial year, and of the
		# spend whose supplier's SME status is known
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	tech sector,fy,sme >"$t/sme"
	agg - fy <"$t/sme" >"$t/total"
	agg - fy,sme --share <"$t/sme" >"$t/all"
	grep -E '"sme":(true|false)[,}]' "$t/sme" | agg - fy,sme --share >"$t/known" || true
	# known or not, per year: SME status relabelled, summed and shared
	# by aggregate
	sed -E 's/"sme":(true|false)([,}])/"sme":"known"\2/; t; s/"sme":[^,}]*([,}])/"sme":"unknown"\1/' \
	    "$t/sme" | agg - fy,sme --share | awk -F '\t' '$2 == "known" { print $1 "\t" $5 }' >"$t/kn"
	awk -F '\t' -v OFS='\t' '
	    FILENAME == ARGV[1] { if (FNR > 1) { fy[++n] = $1; tot[$1] = $3 }; next }
	    FILENAME == ARGV[2] { if (FNR > 1) { k = ($2 == "true" ? "s" : $2 == "false" ? "l" : "u")
		amt[$1, k] = $4; if (k == "s") share[$1] = $5 }; next }
	    FILENAME == ARGV[3] { if (FNR > 1 && $2 == "true") known[$1] = $5; next }
	    { kn[$1] = $2 }
	    END { print "fy", "sme", "not_sme", "unknown", "total", "sme_share_pct", "known_sme_share_pct", "known_pct"
	      for (i = 1; i <= n; i++) { k = fy[i]
		print k, z(amt[k, "s"]), z(amt[k, "l"]), z(amt[k, "u"]), tot[k], \
		    (k, "s") in amt ? share[k] : "0.00", \
		    known[k] == "" && kn[k] != "" ? "0.00" : known[k], kn[k] == "" ? "0.00" : kn[k] } }
	    function z(x) { return x == "" ? "0.00" : x }' \
	    "$t/total" "$t/all" "$t/known" "$t/kn" ;;
category)	# tech spend by category (columns) per financial year (rows)
	tech sector,fy,category | agg - fy,category | cols fy,category,amount |
	    awk -F '\t' '
	    NR == 1 { next }
	    { if ($2 == "" || $2 == "null") $2 = "unknown"
	      if (!($1 in sf)) { sf[$1] = 1; fy[++n] = $1 }
	      if (!($2 in sc)) { sc[$2] = 1; cat[++m] = $2 }
	      v[$1, $2] = $3 }
	    END { # categories in name order, fy already in order
	      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
		if (cat[j] < cat[i]) { t = cat[i]; cat[i] = cat[j]; cat[j] = t }
	      h = "fy"; for (j = 1; j <= m; j++) h = h "\t" cat[j]; print h
	      for (i = 1; i <= n; i++) { r = fy[i]
		for (j = 1; j <= m; j++) r = r "\t" ((fy[i], cat[j]) in v ? v[fy[i], cat[j]] : "0.00")
		print r } }' ;;
total)		# all payments: records and amount
	agg all all | cols count=records,amount ;;
service)	# all spend by service area
	agg service service --share | cols service,count=records,amount,share=share_pct ;;
sector)		# share of spend classified tech, other or not classified
	agg sector sector --share | cols sector,count=records,amount,share=share_pct |
	    awk -F '\t' -v OFS='\t' 'NR > 1 && ($1 == "" || $1 == "null") { $1 = "unknown" } 1' ;;
unresolved)	# buyers that normalise could not resolve to a council code
	agg buyer,buyer_id buyer,buyer_id | cols buyer,buyer_id,count=records,amount |
	    awk -F '\t' -v OFS='\t' 'NR == 1 || $2 == "" || $2 == "null" { print $1, $3, $4 }' ;;
coverage)	# every buyer by every month from the first to the last:
		# payments there or not, and their total
	agg buyer_id,buyer,month buyer_id,buyer,month | cols buyer_id,buyer,month,count,amount |
	    awk -F '\t' -v OFS='\t' '
	    NR == 1 { next }
	    $3 == "" { next }	# undated payments are in no month
	    { b = $1 "\t" $2; if (!(b in sb)) { sb[b] = 1; buyer[++n] = b }
	      c[b, $3] = $4; a[b, $3] = $5
	      y = substr($3, 1, 4) + 0; m = substr($3, 6, 2) + 0; i = y * 12 + m - 1
	      if (lo == "" || i < lo) lo = i; if (hi == "" || i > hi) hi = i }
	    END { print "buyer_id", "buyer", "month", "present", "records", "amount"
	      for (j = 1; j <= n; j++) for (i = lo; i <= hi; i++) {
		mo = sprintf("%04d-%02d", int(i / 12), i % 12 + 1); b = buyer[j]
		if ((b, mo) in c) print b, mo, 1, c[b, mo], a[b, mo]
		else print b, mo, 0, 0, "0.00" } }' ;;
quality)	# per unit of source files: rows, records, rejects, blanks,
		# total, period, supplier/redacted/no-supplier (they add up
		# to the records)/outside-period/unresolved counts, columns
		# unmapped, status
	[ -n "$rec" ] || { echo "report-table: quality needs REC" >&2; exit 2; }
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	"$(dirname "$0")/report-counts.sh" --units "$work/sources.tsv" "$rec" >"$t/units"
	# every unit's month totals (report-one.sh) in one file, keyed by
	# unit (ids are make-safe text, so JSON-safe), then summed by
	# aggregate: amount for payments, value for contracts; the period
	# from the month keys
	awk -v rec="$rec" '{ f = rec "/" $1 ".months.jsonl"
		while ((getline l < f) > 0) print "{\"unit\":\"" $1 "\"," substr(l, 2)
		close(f) }' "$t/units" >"$t/months"
	agg - unit --sum amount <"$t/months" 2>/dev/null | cols unit,amount >"$t/amount"
	agg - unit --sum value <"$t/months" 2>/dev/null | cols unit,value >"$t/value"
	printf 'file\tbuyer\tkind\trows\trecords\trejects\tblanks\ttotal\tfirst\tlast\twith_supplier\tredacted\tno_supplier\toutside_period\tbuyer_unresolved\tcolumns_unmapped\tstatus\n'
	awk -F '\t' -v OFS='\t' '
	    FILENAME == ARGV[1] { if (FNR > 1) amt[$1] = $2; next }
	    FILENAME == ARGV[2] { if (FNR > 1) val[$1] = $2; next }
	    FILENAME == ARGV[3] { if (match($0, /"month":"[0-9][0-9][0-9][0-9]-[0-9][0-9]"/)) {
		u = substr($0, 10, index($0, "\",") - 10); m = substr($0, RSTART + 9, 7)
		if (!(u in lo) || m < lo[u]) lo[u] = m; if (!(u in hi) || m > hi[u]) hi[u] = m }; next }
	    { tot = ($4 == "payment") ? amt[$1] : val[$1]
	      print $2, ($3 == "-" ? "(from the records)" : $3), $4, $5, $7, $8, $6,
		(tot == "" ? "0.00" : tot), lo[$1], hi[$1], $10, $11, $15, $12, $13, $14, $9 }' \
	    "$t/amount" "$t/value" "$t/months" "$t/units" ;;
*)
	echo "report-table: unknown table $name" >&2
	exit 2 ;;
esac
