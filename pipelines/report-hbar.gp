# report-hbar.gp: horizontal bars, largest at the top, for a ranked table.
# Set by the caller with -e besides in/out/fmt:
#   label_col, amount_col  column numbers of the label and the amount (£)
#   heading                chart title
#   colour_col             optional: column whose value (true/false/other)
#                          picks the SME colour; 0 for one colour
#   skip_other             1 (default): a row labelled "other" (the rest,
#                          folded by aggregate --top) is left out of the
#                          chart, the table keeps it; 0: drawn like any row
load "pipelines/report-style.gp"
if (!exists("colour_col")) colour_col = 0
if (!exists("skip_other")) skip_other = 1
set title heading
set xlabel "£m"
set ytics scale 0
set grid xtics noytics lc rgb "#e0e0e0" lt 1
set yrange [-0.7:*] reverse
set offsets 0, graph 0.05, 0, 0.6
set xrange [0:*]
set lmargin 48
val(x) = skip_other && strcol(label_col) eq "other" ? NaN : m(x)
lab(i) = strlen(strcol(i)) > 45 ? strcol(i)[1:44]."…" : strcol(i)
sme_tag(i) = colour_col > 0 && strcol(colour_col) eq "true" ? " [SME]" : ""
colour(i) = colour_col > 0 ? smecol(strcol(colour_col)) : c_tech
if (colour_col > 0) {
	set key inside bottom right opaque
	plot in skip 1 using (val(column(amount_col))/2):0:(val(column(amount_col))/2):(0.38):(colour(0)):ytic(lab(label_col).sme_tag(0)) with boxxyerror lc rgb variable, \
		NaN with boxes lc rgb c_sme title "SME", \
		NaN with boxes lc rgb c_large title "not SME", \
		NaN with boxes lc rgb c_unknown title "SME status unknown"
} else {
	unset key
	plot in skip 1 using (val(column(amount_col))/2):0:(val(column(amount_col))/2):(0.38):ytic(lab(label_col)) with boxxyerror lc rgb c_tech
}
