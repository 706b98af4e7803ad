# report-nodata.gp: the chart for a table with no rows: its title and a
# note, so the page still has a figure and says why it is empty.
#   note  optional, set by the caller: the note (default "no records in
#         this table"); the caller's own words, never data
load "pipelines/report-style.gp"
set title heading
unset border
unset tics
unset grid
unset key
set xrange [0:1]
set yrange [0:1]
if (!exists("note")) note = "no records in this table"
set label 1 note at 0.5, 0.5 center font "DejaVu Sans,16" textcolor rgb "#777777"
plot NaN
