# report-coverage.gp: the coverage heat map, buyers (rows) by months
# (columns).  Data (made by report-chart.sh from the coverage table), three
# blocks: the cells (x month index, y buyer index from 0 at the top,
# present 1/0, colour: log10 of the month's £), the buyer labels (-1, y,
# label) and the financial-year labels at each April (x, -1, label).
# Set by the caller besides in/out/fmt/height: heading, nx, ny.
load "pipelines/report-style.gp"
set title heading
unset grid
unset key
set xrange [-0.5:nx - 0.5]
set yrange [-0.5:ny - 0.5] reverse
set ytics scale 0 font ",9"
set xtics scale 0 rotate by 90 right font ",9"
set lmargin 40
set palette defined (0 "#c6dbef", 1 "#6baed6", 2 "#08519c")
set cblabel "£ paid in the month (log10)"
set colorbox
lab(i) = strlen(strcol(i)) > 38 ? strcol(i)[1:37]."…" : strcol(i)
plot in index 0 using ($3 > 0 ? 1/0 : $1):2:(0.5):(0.45) with boxxyerror fc rgb "#eeeeee", \
     in index 0 using ($3 > 0 ? $1 : 1/0):2:(0.5):(0.45):4 with boxxyerror fc palette, \
     in index 1 using (1/0):2:ytic(lab(3)) with points, \
     in index 2 using 1:(1/0):xtic(3) with points
