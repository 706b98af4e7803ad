# report-tech-by-fy.gp: tech spend per financial year, growth labels.
# Table columns: fy, records, amount, growth_pct.
load "pipelines/report-style.gp"
set title "Tech spend per financial year (£m), with change on the year before"
set ylabel "£m"
set xlabel "financial year (April to March)"
set yrange [0:*]
set xtics rotate by 45 right
set offsets 0.5, 0.5, graph 0.1, 0
set boxwidth 0.7
unset key
growth(s) = (s eq "" || s eq "null" || s eq "(none)") ? "" : sprintf("%s%s%%", s[1:1] eq "-" ? "" : "+", s)
plot in skip 1 using 0:(m($3)):xtic(1) with boxes lc rgb c_tech, \
	"" skip 1 using 0:(m($3)):(growth(strcol(4))) with labels offset 0,0.8 font ",9" textcolor rgb "#333333"
