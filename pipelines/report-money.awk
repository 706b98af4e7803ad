# report-money.awk: money as people read it, from the exact decimal text
# aggregate and estimate print ("12700000.00"); text only, no arithmetic
# on amounts.  Loaded with -f before a program that uses:
#   human(s)   "12700000.00" -> "£12.7m" (k, m, bn; one decimal, rounded
#              half up: "12749999.99" -> "£12.7m", "999950.00" -> "£1.0m");
#              under £1,000 pounds and pence; "" -> ""
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
function human(s,   neg, i, n, sh, keep, u, unit) {
	if (s == "") return ""
	neg = sub(/^-/, "", s); i = s; sub(/\..*/, "", i); sub(/^0+/, "", i)
	n = length(i)
	if (n <= 3) return (neg ? "-" : "") "£" s
	# the digits down to one decimal of the unit, rounded half up on the
	# digit after; a carry into a new digit moves to the next unit
	u = n > 9 ? 3 : n > 6 ? 2 : 1; unit = u == 3 ? "bn" : u == 2 ? "m" : "k"
	sh = 3 * u; keep = substr(i, 1, n - sh + 1)
	if (substr(i, n - sh + 2, 1) >= 5) keep = incr(keep)
	if (length(keep) > n - sh + 1 && length(keep) > 4 && u < 3) {
		keep = substr(keep, 1, length(keep) - 3)
		unit = u == 2 ? "bn" : "m"
	}
	return (neg ? "-" : "") "£" substr(keep, 1, length(keep) - 1) "." \
	    substr(keep, length(keep)) unit
}
# The decimal digit string d plus one.
function incr(d,   k, c) {
	for (k = length(d); k >= 1; k--) {
		c = substr(d, k, 1)
		if (c != "9") return substr(d, 1, k - 1) (c + 1) substr(d, k + 1)
		d = substr(d, 1, k - 1) "0" substr(d, k + 1)
	}
	return "1" d
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
