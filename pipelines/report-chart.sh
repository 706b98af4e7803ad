#!/usr/bin/env bash
# report-chart.sh NAME TABLE OUT FMT: draw the chart of report table NAME
# (TSV with a header line) into OUT as FMT (svg or png) with gnuplot.
# gnuplot reads a copy of the table in which '"' (gnuplot's string quote in
# data files) is replaced by U+201D, so names with quotes stay one field;
# every label comes from that data file, never from the script text; an
# empty cell reads "(none)".  A
# table with no rows gets a titled "no records" chart.
set -euo pipefail
export LC_ALL=C
# gnuplot reads and writes UTF-8 text (names, £): a UTF-8 C locale.
gp() { LC_ALL=C.UTF-8 gnuplot "$@"; }
name=$1 table=$2 out=$3 fmt=$4
tables=$(dirname "$table")
dat=$out.dat
case $out$table in *"'"*) echo "report-chart: quote in a path: $out" >&2; exit 2 ;; esac
# Empty cells become "(none)": gnuplot would otherwise misread them.
sed 's/"/\xe2\x80\x9d/g' "$table" |
    awk -F '\t' -v OFS='\t' '{ for (i = 1; i <= NF; i++) if ($i == "") $i = "(none)"; print }' >"$dat"
trap 'rm -f "$dat"' EXIT
vars="in='$dat'; out='$out'; fmt='$fmt'"
hbar() {	# hbar LABEL_COL AMOUNT_COL COLOUR_COL TITLE [SKIP_OTHER]
	script=pipelines/report-hbar.gp
	vars="$vars; label_col=$1; amount_col=$2; colour_col=$3; heading='$4'"
	vars="$vars; skip_other=${5:-1}"
	title=$4
}
case $name in
tech-by-fy) script=pipelines/report-tech-by-fy.gp; title="Tech spend per financial year (£m)" ;;
top-buyers) hbar 1 3 0 "Top 20 buyers by tech spend (£m)" ;;
top-suppliers) hbar 1 5 2 "Top 20 suppliers by tech spend (£m), SME marked" ;;
service) hbar 1 3 0 "All spend by service (£m)" 0 ;;
region)
	lse=$(awk -F '\t' 'NR == 2 { print $4 }' "$tables/region-lse.tsv")
	[[ $lse =~ ^-?[0-9]+(\.[0-9]+)?$ ]] || lse="n/a"
	hbar 1 3 0 "Tech spend by region (£m); London + South East: $lse% of tech spend" 0 ;;
sme-share) script=pipelines/report-sme-share.gp; title="SME share of tech spend (£m)" ;;
coverage)	# heat map: the long table turned into indexes; the labels
		# in blocks of their own (gnuplot "index" 1 and 2)
	script=pipelines/report-coverage.gp
	title="Coverage: payments per buyer and month (grey: none)"
	awk -F '\t' -v OFS='\t' -v d="$dat" '
	    NR == 1 { next }
	    { b = $1 "\t" $2; if (!(b in yi)) { yi[b] = ny++; yl[ny - 1] = ($2 == "(none)" ? $1 : $2) }
	      if (!($3 in xi)) { xi[$3] = nx++; xm[nx - 1] = $3 }
	      v = $6 + 0; c = v > 1 ? log(v) / log(10) : 0
	      print xi[$3], yi[b], $4, c > (d ".cov") }
	    END {
	      printf "\n\n" > (d ".cov")
	      for (i = 0; i < ny; i++) print -1, i, yl[i] > (d ".cov")
	      printf "\n\n" > (d ".cov")
	      for (i = 0; i < nx; i++) if (substr(xm[i], 6, 2) == "04") {
		y = substr(xm[i], 1, 4) + 0
		print i, -1, sprintf("%d-%02d", y, (y + 1) % 100) > (d ".cov") }
	      print nx, ny }' "$dat" >"$dat.n"
	read -r nx ny <"$dat.n"
	mv "$dat.cov" "$dat"; rm -f "$dat.n"
	h=$(( ny * 16 + 200 )); [ "$h" -ge 650 ] || h=650
	vars="$vars; heading='$title'; nx=${nx:-0}; ny=${ny:-0}; height=$h" ;;
category)
	ncol=$(awk -F '\t' 'NR == 1 { print NF; exit }' "$table")
	cats=$(awk -F '\t' 'NR == 1 { for (i = 2; i <= NF; i++) { s = $i
		gsub(/[^a-z0-9-]/, "_", s); printf "%s%s", (i > 2 ? " " : ""), s }; exit }' "$table")
	script=pipelines/report-category.gp
	title="Tech spend by category per financial year (£m)"
	vars="$vars; ncol=$ncol; cats='$cats'" ;;
category-estimates)	# England: bars side by side per year, each
		# category at its own x; years without an estimate say so
	script=pipelines/report-category-estimates.gp
	title="Estimated tech spend by category, England (£m), with 90% intervals"
	num='^-?[0-9]+(\.[0-9]+)?$'
	awk -F '\t' -v OFS='\t' -v num="$num" -v d="$dat" '
	    BEGIN { nf = nc = ne = 0 }
	    NR == 1 { next }
	    { if (!($1 in fi)) { fi[$1] = nf; fl[nf++] = $1 }
	      if (!($2 in ci)) { ci[$2] = nc; cl[nc++] = $2 }
	      r[++n] = $0 }
	    END {
	      w = nc ? 0.8 / nc : 0.8
	      for (i = 1; i <= n; i++) { split(r[i], f, "\t")
		if (f[3] !~ num) continue
		has[f[1]] = 1; ne++
		x[i] = fi[f[1]] + (ci[f[2]] - (nc - 1) / 2) * w
		print x[i], f[3], f[2] > (d ".ce") }
	      # off the chart (x -10): no block is ever empty
	      printf "\n\n" > (d ".ce")
	      for (j = 0; j < nf; j++) print j, fl[j] > (d ".ce")
	      printf "\n\n" > (d ".ce")
	      for (j = 0; j < nf; j++) if (!(fl[j] in has)) print j, "not estimable" > (d ".ce")
	      print -10, "-" > (d ".ce")
	      printf "\n\n" > (d ".ce")
	      for (i = 1; i <= n; i++) { split(r[i], f, "\t")
		if (f[3] ~ num && f[4] ~ num && f[5] ~ num) print x[i], f[3], f[4], f[5] > (d ".ce") }
	      print -10, 0, 0, 0 > (d ".ce")
	      for (j = 0; j < nc; j++) { s = cl[j]; gsub(/[^a-z0-9-]/, "_", s)
		cats = cats (j ? " " : "") s }
	      print nf, w, ne, cats }' "$dat" >"$dat.n"
	read -r nfy width nest cats <"$dat.n" || true
	mv "$dat.ce" "$dat"; rm -f "$dat.n"
	vars="$vars; heading='$title'; nfy=${nfy:-0}; width=${width:-0.8}; cats='$cats'"
	if [ "${nest:-0}" -eq 0 ] && [ "${nfy:-0}" -gt 0 ]; then
		gp -e "in='$dat'; out='$out'; fmt='$fmt'; heading='$title'; note='England is not estimable in any year: see the table'" \
		    pipelines/report-nodata.gp
		exit 0
	fi ;;
*) echo "report-chart: no chart for $name" >&2; exit 2 ;;
esac
if [ "$(grep -c '' "$table")" -lt 2 ] || { [ "$name" = category ] && [ "$ncol" -lt 2 ]; }; then
	gp -e "in='$dat'; out='$out'; fmt='$fmt'; heading='$title'" \
	    pipelines/report-nodata.gp
	exit 0
fi
gp -e "$vars" "$script"
