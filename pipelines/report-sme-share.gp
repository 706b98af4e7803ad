# report-sme-share.gp: tech spend per financial year split by SME status
# (stacked, £m), labelled with the SME share.  Table columns: fy, sme,
# not_sme, unknown, total, sme_share_pct, known_sme_share_pct.
load "pipelines/report-style.gp"
set title "SME share of tech spend per financial year (£m; label: SME share of all tech spend)"
set ylabel "£m"
set yrange [0:*]
set xtics rotate by 45 right
set offsets 0, 0, graph 0.1, 0
set style data histograms
set style histogram rowstacked
set boxwidth 0.7
set key outside bottom center horizontal
share(s) = (s eq "" || s eq "(none)") ? "" : s."%"
plot in skip 1 using (m($2)):xtic(1) lc rgb c_sme title "SME", \
	"" skip 1 using (m($3)) lc rgb c_large title "not SME", \
	"" skip 1 using (m($4)) lc rgb c_unknown title "SME status unknown", \
	"" skip 1 using 0:(m($5)):(share(strcol(6))) with labels offset 0,0.8 textcolor rgb "#333333" notitle
