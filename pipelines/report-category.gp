# report-category.gp: tech spend per financial year by category (stacked,
# £m).  Table: fy, then one column per category.  The caller passes ncol
# (number of columns) with -e; category names come from the header line.
load "pipelines/report-style.gp"
set title "Tech spend by category per financial year (£m)"
set ylabel "£m"
set xlabel "financial year (April to March)"
set yrange [0:*]
set xtics rotate by 45 right
set style data histograms
set style histogram rowstacked
set boxwidth 0.7
set key outside right top vertical
set key autotitle columnheader
plot for [i=2:ncol] in using (m(column(i))):xtic(1) lc rgb catcol(word(cats, i - 1))
