# report-tsv.awk: turn a report table (TSV with a header line, no quoting)
# into CSV (-v fmt=csv) or a Markdown table (-v fmt=md).
# CSV: RFC 4180 quoting; a cell starting with = + - @ tab or CR that is not
# a plain number gets a leading apostrophe, so a spreadsheet shows the text
# instead of running it as a formula.  Markdown: | * _ ` [ ] escaped, < > & \
# written as entities so no published name becomes markup.
BEGIN {
	FS = "\t"
	if (fmt != "csv" && fmt != "md") {
		print "report-tsv.awk: fmt must be csv or md" > "/dev/stderr"
		exit 2
	}
}

function csvcell(s) {
	if (s ~ /^[=+@\t\r-]/ && s !~ /^[-+]?[0-9]+(\.[0-9]+)?$/)
		s = "'" s
	if (s ~ /[",\r\n]/ || s ~ /^ | $/) {
		gsub(/"/, "\"\"", s)
		s = "\"" s "\""
	}
	return s
}

function mdcell(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/\\/, "\\&#92;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	gsub(/\|/, "\\|", s)
	gsub(/[*_`\[\]]/, "\\\\&", s)
	return s
}

fmt == "csv" {
	line = ""
	for (i = 1; i <= NF; i++)
		line = line (i > 1 ? "," : "") csvcell($i)
	print line
	next
}

fmt == "md" {
	line = "|"
	for (i = 1; i <= NF; i++)
		line = line " " mdcell($i) " |"
	print line
	if (NR == 1) {
		line = "|"
		for (i = 1; i <= NF; i++)
			line = line ($i ~ /amount|records|share|pct|rows|rejects|blanks|^20|total|sme|unknown|estimate|^lo$|^hi$|_lo$|_hi$|per_head|population|universe|authorities/ ? " ---: |" : " --- |")
		print line
	}
}
