# report-style.gp: terminal, fonts and colours shared by the report charts.
# Loaded by pipelines/report-*.gp after the caller set, with -e:
#   in   the table (TSV with a header line)
#   out  the file to write
#   fmt  svg or png
# Text from the data is shown as it is: enhanced-text markup is off, and
# labels are read from the data file, never written into a script.
#   height  optional: the chart's height in pixels (default 650)
if (!exists("fmt")) fmt = "svg"
if (!exists("height")) height = 650
if (fmt eq "png") {
	set terminal pngcairo size 1100,height font "DejaVu Sans,11" noenhanced background rgb "white"
} else {
	set terminal svg size 1100,height font "DejaVu Sans,11" noenhanced background rgb "white"
}
set output out
set termoption noenhanced
set datafile separator "\t"
set datafile missing ""
set datafile commentschars ""
set encoding utf8
set border 3 lc rgb "#555555"
set tics nomirror textcolor rgb "#333333"
set grid ytics lc rgb "#e0e0e0" lt 1
set style fill solid 0.9 noborder
set key noautotitle top right opaque box lc rgb "#cccccc"
set title font "DejaVu Sans,14"

# One colour per meaning, the same in every chart.
c_tech = 0x1f77b4
c_other = 0xb0b0b0
c_sme = 0x2ca02c
c_large = 0xff7f0e
c_unknown = 0x9e9e9e
# tech categories: a fixed colour each; anything else grey
catcol(s) = s eq "software" ? 0x1f77b4 : s eq "it-services" ? 0xff7f0e : \
	s eq "hardware" ? 0x2ca02c : s eq "telecoms" ? 0xd62728 : \
	s eq "cloud-hosting" ? 0x9467bd : s eq "cyber-security" ? 0x8c564b : \
	s eq "data-analytics" ? 0xe377c2 : s eq "digital-consultancy" ? 0x17becf : \
	s eq "unknown" ? 0x9e9e9e : 0xbcbd22
smecol(s) = s eq "true" ? c_sme : s eq "false" ? c_large : c_unknown
# money columns are pounds with pence; charts show millions
m(x) = x / 1e6
