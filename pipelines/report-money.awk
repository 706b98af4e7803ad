# report-money.awk: money as people read it, from the exact decimal text
# aggregate and estimate print ("12700000.00"); text only, no arithmetic
# on amounts.  Loaded with -f before a program that uses:
#   human(s)   "12700000.00" -> "£12.7m" (k, m, bn; one decimal, cut not
#              rounded: "£12.7m" means at least £12.7m); "" -> ""
#   commas(s)  "1234567.80" -> "1,234,567.80"
#   pct(s)     "26.90" -> "+26.9%"-style with sign when sign is 1
# Run on its own, it formats one amount for a shell script or a make
# recipe (report-html.sh, report.mk's stage lines):
#   awk -v amount=12700000.00 -f pipelines/report-money.awk    -> £12.7m
# (nothing is read; an empty amount prints nothing).  A program
# loaded after it never sets amount, so this rule stays silent there.
BEGIN {
	if (amount != "") { print human(amount); exit }
}
function human(s,   neg, i, n, d) {
	if (s == "") return ""
	neg = sub(/^-/, "", s); i = s; sub(/\..*/, "", i); n = length(i)
	if (n > 9) d = substr(i, 1, n - 9) "." substr(i, n - 8, 1) "bn"
	else if (n > 6) d = substr(i, 1, n - 6) "." substr(i, n - 5, 1) "m"
	else if (n > 3) d = substr(i, 1, n - 3) "." substr(i, n - 2, 1) "k"
	else d = s
	return (neg ? "-" : "") "£" d
}
function commas(s,   neg, i, f, out) {
	neg = sub(/^-/, "", s); i = s; f = ""
	if (index(s, ".")) { i = substr(s, 1, index(s, ".") - 1); f = substr(s, index(s, ".")) }
	out = ""
	while (length(i) > 3) { out = "," substr(i, length(i) - 2) out; i = substr(i, 1, length(i) - 3) }
	return (neg ? "-" : "") i out f
}
function pct(s, sign,   t) {
	if (s == "") return ""
	t = s; sub(/0$/, "", t); sub(/\.0$/, "", t)
	return (sign && t !~ /^-/ ? "+" : "") t "%"
}
