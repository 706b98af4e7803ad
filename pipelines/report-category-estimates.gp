# report-category-estimates.gp: England's estimated tech spend per
# category per financial year (£m), grouped bars with the 90% interval.
# The data file (pipelines/report-chart.sh) has four blocks: (index 0)
# x, estimate, category, one line per estimable category and year; (1)
# x, financial year, for the tics; (2) x, a year's note ("not
# estimable"); (3) x, estimate, lo, hi where there is an interval (drawn
# as a line from lo to hi with flat heads).
# Set by the caller with -e besides in/out/fmt:
#   heading  chart title
#   nfy      number of financial years
#   width    bar width (the groups' width over the categories)
#   cats     the categories, names made safe ([a-z0-9_-]), space-separated
load "pipelines/report-style.gp"
set title heading
set ylabel "£m"
set xlabel "financial year (April to March)"
set yrange [0:*]
set xrange [-0.6:nfy - 0.4]
set offsets 0, 0, graph 0.12, 0
set xtics scale 0 rotate by 45 right
set boxwidth width absolute
set key outside right top vertical
plot in index 0 using 1:(m($2)):(catcol(strcol(3))) with boxes lc rgb variable notitle, \
	"" index 3 using 1:(m($3)):(0):(m($4) - m($3)) with vectors heads size screen 0.006,90 lc rgb "#333333" lw 1 title "90% interval", \
	"" index 1 using 1:(NaN):xtic(2) notitle, \
	"" index 2 using 1:(0):2 with labels rotate left offset 0,0.5 textcolor rgb "#8a5a00" notitle, \
	for [c in cats] NaN with boxes lc rgb catcol(c) title c
