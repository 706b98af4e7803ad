# renewals.gp: contract value up for renewal per quarter, stacked by
# category (£m).  Set by the caller with -e:
#   in, out, fmt   the table, the file to write, svg or png (report-style.gp)
#   as_of          the AS_OF date (YYYY-MM-DD) for the title
#   ncol           columns of the table: quarter, then one per category
#   cats           the category names, space-separated, for the colours
# The table (renewals.jq step matrix) has a header line and one row per
# quarter of the window, zeros included, so the x axis is the whole window.
load "pipelines/report-style.gp"
set title sprintf("Contract value up for renewal by quarter, £m (24 months from %s)", as_of)
set ylabel "£m"
set xlabel "quarter of the renewal date (end, or max end when extensions remain)"
set yrange [0:*]
set style data histograms
set style histogram rowstacked
set boxwidth 0.7
set xtics rotate by -30
set key outside right top vertical
set key autotitle columnheader
if (ncol < 2) {
	set label 1 "no contracts in the window" at graph 0.5, graph 0.5 center font "DejaVu Sans,16" textcolor rgb "#777777"
	set yrange [0:1]
	plot in using (0):xtic(1) with boxes lc rgb c_other notitle
} else {
	plot for [i=2:ncol] in using (m(column(i))):xtic(1) lc rgb catcol(word(cats, i - 1))
}
