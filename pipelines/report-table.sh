#!/usr/bin/env bash
# report-table.sh --partials WORK BIN: make WORK/partials/ (see partials()).
# report-table.sh NAME WORK BIN: write the report table NAME as TSV (header
# line, tab-separated, no quoting) on stdout, from the classified records
# in WORK (payments.jsonl, contracts.jsonl, sources.tsv, the per-file logs
# under RECDIR) using BIN/aggregate.  Money stays as aggregate prints it
# (exact, two decimals); shares of money are computed from whole pence.
#
# PARALLEL_HOSTS set: each aggregate runs as partial aggregates over parts
# of the records on those hosts (GNU parallel --pipepart --sshlogin), merged
# here by aggregate, which gives the same bytes as one local run.
set -euo pipefail
export LC_ALL=C
name=$1 work=$2 bin=$3
recdir=${RECDIR:-}
pay=$work/payments.jsonl

# Every --by list the tables use (for the partial aggregates).
KEYSETS="fy,sector sector,buyer sector,supplier_id supplier_id,supplier_name,sme
sector,region sector,fy,sme sector,fy,category service sector buyer,buyer_id"

# agg KEYS [OPTION...]: aggregate the payments by KEYS, TSV out.  With
# PARALLEL_HOSTS, from the merged partial aggregates (see partials below).
agg() {
	local keys=$1
	shift
	if [ -z "${PARALLEL_HOSTS:-}" ]; then
		"$bin/aggregate" --by "$keys" "$@" --tsv "$pay"
		return
	fi
	[ -f "$work/partials/$keys.jsonl" ] ||
	    { echo "report-table: no partial aggregate for $keys" >&2; exit 1; }
	"$bin/aggregate" --by "$keys" "$@" --tsv "$work/partials/$keys.jsonl"
}

# partials: one pass over the payments on PARALLEL_HOSTS, each host taking
# parts of the file (--pipepart) and writing the partial aggregates of
# every KEYSETS list; split here into WORK/partials/<keys>.jsonl.
partials() {
	local hosts=() h id=$$-$RANDOM tools
	for h in ${PARALLEL_HOSTS//,/ }; do hosts+=(-S "$h"); done
	rm -rf "$work/partials.tmp"
	mkdir -p "$work/partials.tmp"
	# The tools travel as one tarball into the work folder there, each
	# job unpacks its own copy (see report-normalise.sh).
	tools=$(mktemp -d)
	mkdir -p "$tools/t/out/bin" "$tools/t/pipelines"
	cp "$bin/aggregate" "$tools/t/out/bin/"
	cp pipelines/report-partial.sh "$tools/t/pipelines/"
	tar -cf "$tools/.spendlens-tools-$id.tar" -C "$tools/t" .
	# No -M (ssh ControlMaster): with it, a run soon after another to the
	# same host now and then ran no job at all and still exited 0 (seen with
	# GNU parallel 20221122 on a loopback sshd, about one run in six).
	# shellcheck disable=SC2086
	parallel "${hosts[@]}" --pipepart -a "$pay" --block -1 --keep-order \
	    --halt now,fail=1 --bf "$tools/./.spendlens-tools-$id.tar" \
	    --wd ".spendlens-agg-$id" \
	    "mkdir -p .t{#} && tar -xf .spendlens-tools-$id.tar -C .t{#} &&" \
	    bash .t{#}/pipelines/report-partial.sh .t{#}/out/bin $KEYSETS \
	    "&& rm -rf .t{#}" |
	    awk -F '\t' -v d="$work/partials.tmp" '{
		k = $1; sub(/^[^\t]*\t/, ""); print > (d "/" k ".jsonl") }'
	parallel "${hosts[@]}" --nonall \
	    "rm -rf ~/.spendlens-agg-$id" || true
	rm -rf "$tools"
	for k in $KEYSETS; do touch "$work/partials.tmp/$k.jsonl"; done
	rm -rf "$work/partials"
	mv "$work/partials.tmp" "$work/partials"
}

# sel COLUMN VALUE: keep the header and the rows whose COLUMN is VALUE,
# dropping that column.
sel() {
	awk -F '\t' -v OFS='\t' -v col="$1" -v val="$2" '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i
		if (!c) { print "report-table: no column " col > "/dev/stderr"; exit 1 } }
	NR == 1 || $c == val {
		out = ""; sep = ""
		for (i = 1; i <= NF; i++) if (i != c) { out = out sep $i; sep = OFS }
		print out }'
}

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

# Money helpers for awk: pence() turns "-1234.50" into -123450, an integer
# (exact in a double below 2^53 pence, about 90 trillion pounds); money()
# prints pence back as "-1234.50"; pct(a, b) is 100*a/b with two decimals,
# a display ratio, empty when b is zero.
AWKMONEY='
function pence(s,   neg, i) { neg = (substr(s, 1, 1) == "-"); if (neg) s = substr(s, 2)
	i = index(s, "."); if (!i) return (neg ? -1 : 1) * s * 100
	return (neg ? -1 : 1) * (substr(s, 1, i - 1) * 100 + substr(s "00", i + 1, 2)) }
function money(p,   neg, c) { neg = p < 0; if (neg) p = -p; c = p % 100
	return sprintf("%s%.0f.%02d", neg ? "-" : "", (p - c) / 100, c) }
function pct(a, b) { if (b == 0) return ""; return sprintf("%.2f", 100 * a / b) }
'

case $name in
--partials)
	[ -n "${PARALLEL_HOSTS:-}" ] || { rm -rf "$work/partials"; exit 0; }
	partials ;;
tech-by-fy)	# tech spend per financial year, with growth on the year before
	agg fy,sector --growth | sel sector tech |
	    cols fy,count=records,amount,growth=growth_pct ;;
top-buyers)	# the 20 buyers with the most tech spend, then "other"
	agg sector,buyer --top 20 --share | sel sector tech |
	    cols buyer,count=records,amount,groups,share=share_pct ;;
top-suppliers)	# the 20 suppliers paid most for tech, SME flag from contracts
	agg sector,supplier_id --top 20 --share | sel sector tech |
	    cols supplier_id,count=records,amount,groups,share=share_pct >"$work/top-suppliers.ids"
	# Names and SME flags per supplier id, from the same records.
	agg supplier_id,supplier_name,sme | cols supplier_id,supplier_name,sme |
	    awk -F '\t' -v OFS='\t' '
	    NR == FNR { if (FNR > 1 && !($1 in nm)) { nm[$1] = $2; sme[$1] = $3 }
		else if (FNR > 1 && $3 == "true") sme[$1] = "true"; next }
	    FNR == 1 { print "supplier", "sme", "supplier_id", $2, $3, $4, $5; next }
	    { s = ($1 in sme) ? sme[$1] : ""
	      if (s != "true" && s != "false") s = "unknown"
	      print ($1 == "other" ? "other" : nm[$1]), s, $1, $2, $3, $4, $5 }' \
	    - "$work/top-suppliers.ids" ;;
region)		# tech spend by region
	agg sector,region --share | sel sector tech |
	    cols region,count=records,amount,share=share_pct ;;
region-lse)	# London + South East share of tech spend (one row)
	agg sector,region | sel sector tech | cols region,amount |
	    awk -F '\t' "$AWKMONEY"'
	    NR > 1 { p = pence($2); t += p; if ($1 == "London" || $1 == "South East") l += p }
	    END { print "part\tamount\ttotal\tshare_pct"
		print "London + South East\t" money(l) "\t" money(t) "\t" pct(l, t) }' ;;
sme-share)	# SME share of tech spend per financial year
	agg sector,fy,sme | sel sector tech | cols fy,sme,amount |
	    awk -F '\t' "$AWKMONEY"'
	    NR == 1 { next }
	    { if (!($1 in seen)) { seen[$1] = 1; fy[++n] = $1 }
	      p = pence($3); tot[$1] += p
	      if ($2 == "true") s[$1] += p; else if ($2 == "false") l[$1] += p
	      else u[$1] += p }
	    END { print "fy\tsme\tnot_sme\tunknown\ttotal\tsme_share_pct\tknown_sme_share_pct"
	      for (i = 1; i <= n; i++) { k = fy[i]
		print k "\t" money(s[k]) "\t" money(l[k]) "\t" money(u[k]) "\t" \
		    money(tot[k]) "\t" pct(s[k], tot[k]) "\t" pct(s[k], s[k] + l[k]) } }' ;;
category)	# tech spend by category (columns) per financial year (rows)
	agg sector,fy,category | sel sector tech | cols fy,category,amount |
	    awk -F '\t' "$AWKMONEY"'
	    NR == 1 { next }
	    { if ($2 == "" || $2 == "null") $2 = "unknown"
	      if (!($1 in sf)) { sf[$1] = 1; fy[++n] = $1 }
	      if (!($2 in sc)) { sc[$2] = 1; cat[++m] = $2 }
	      v[$1, $2] += pence($3) }
	    END { # categories in name order, fy already in order
	      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
		if (cat[j] < cat[i]) { t = cat[i]; cat[i] = cat[j]; cat[j] = t }
	      h = "fy"; for (j = 1; j <= m; j++) h = h "\t" cat[j]; print h
	      for (i = 1; i <= n; i++) { r = fy[i]
		for (j = 1; j <= m; j++) r = r "\t" money(v[fy[i], cat[j]])
		print r } }' ;;
service)	# all spend by service area
	agg service --share | cols service,count=records,amount,share=share_pct ;;
sector)		# share of spend classified tech, other or not classified
	agg sector --share | cols sector,count=records,amount,share=share_pct |
	    awk -F '\t' -v OFS='\t' 'NR > 1 && ($1 == "" || $1 == "null") { $1 = "unknown" } 1' ;;
unresolved)	# buyers that normalise could not resolve to a council code
	agg buyer,buyer_id | cols buyer,buyer_id,count=records,amount |
	    awk -F '\t' -v OFS='\t' 'NR == 1 || $2 == "" || $2 == "null" { print $1, $3, $4 }' ;;
quality)	# per source file: rows, records, rejects, blanks, total, period
	[ -n "$recdir" ] || { echo "report-table: quality needs RECDIR" >&2; exit 2; }
	printf 'file\tbuyer\tkind\trows\trecords\trejects\tblanks\ttotal\tfirst\tlast\tstatus\n'
	while IFS=$'\t' read -r file buyer kind _; do
		rec=$recdir/$file.jsonl log=$recdir/$file.log
		# counts from normalise -v: "name: value" pairs, whatever order
		read -r rows blanks < <(awk '
		    { line = tolower($0) }
		    line ~ /(^|[^a-z])rows[ :=]/ && rows == "" { rows = num(line, "rows") }
		    line ~ /blank/ && blanks == "" { blanks = num(line, "blank") }
		    function num(s, w,   t) { t = substr(s, index(s, w)); if (match(t, /[0-9]+/)) return substr(t, RSTART, RLENGTH); return "" }
		    END { print (rows == "" ? "?" : rows), (blanks == "" ? "?" : blanks) }' "$log")
		status=ok
		grep -q '^report-one: unusable input' "$log" && status=unusable
		rejects=$(grep -c '' "$recdir/$file.rejects.jsonl" || true)
		# payments sum amount; contract records carry value instead
		sum=amount
		[ "$kind" = payment ] || sum=value
		# records: every line; total: of the records that carry the
		# money field (notices without an award have no value, and
		# aggregate says so on stderr: not an error here)
		if [ -s "$rec" ]; then
			tot=$(grep -c '' "$rec")$'\t'$("$bin/aggregate" --by all \
			    --sum "$sum" --tsv "$rec" 2>/dev/null | cols "$sum" | sed -n 2p)
			span=$("$bin/aggregate" --by month --sum "$sum" --tsv "$rec" \
			    2>/dev/null | cols month |
			    awk 'NR > 1 && $1 != "null" && $1 != "" { if (!f) f = $1; l = $1 }
				END { print f "\t" l }')
		else
			tot=$'0\t0.00' span=$'\t'
		fi
		[ "$buyer" != - ] || buyer="(from the records)"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$buyer" "$kind" \
		    "$rows" "$(cut -f1 <<<"$tot")" "$rejects" "$blanks" \
		    "$(cut -f2 <<<"$tot")" "$span"$'\t'"$status"
	done <"$work/manifest.tsv" ;;
*)
	echo "report-table: unknown table $name" >&2
	exit 2 ;;
esac
