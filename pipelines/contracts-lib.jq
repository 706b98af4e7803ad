# contracts-lib.jq: helpers shared by ocds.jq, contracts-finder.jq and
# renewals.jq.  Included with `include "contracts-lib" {search: "./"};`.
#
# Money: jq numbers are doubles, so amounts travel as strings and are only
# turned into whole pence (exact integers below 2^53) where arithmetic is
# needed: splitting an award among joint suppliers and summing renewals.

# The published amount as a string: numbers through tostring (the shortest
# text that reads back as the same double), strings as they are.
def amount_text:
	if type == "number" then tostring
	elif type == "string" then gsub("^\\s+|\\s+$"; "")
	else null end;

# Whole pence of an amount (number or decimal string, optional exponent),
# or null when it is not a plain number, has non-zero digits past the
# pence, or is beyond 2^53 pence (where doubles stop being exact).
def pence:
	(amount_text // "") as $s
	| ([$s | capture("^(?<sg>[-+]?)(?<i>[0-9]*)(?:\\.(?<f>[0-9]*))?(?:[eE](?<e>[-+]?[0-9]+))?$")] | .[0]) as $m
	| if $m == null or ($m.i + ($m.f // "")) == "" then null else
		(($m.i + ($m.f // "")) | sub("^0+"; "")) as $digits
		| ((($m.e // "0") | tonumber) - (($m.f // "") | length) + 2) as $x
		| (if $digits == "" then "0"
		   elif $x >= 0 then $digits + ("0" * $x // "")
		   elif ($digits | length) <= -$x then
			(if ($digits | test("^0*$")) then "0" else null end)
		   else
			($digits[0:($digits | length) + $x]) as $keep
			| if ($digits[($digits | length) + $x:] | test("^0*$"))
			  then $keep else null end
		   end) as $p
		| if $p == null or ($p | length) > 16 then null
		  else ($p | tonumber) as $n
			| if $n > 9007199254740992 then null
			  elif $m.sg == "-" then -$n else $n end
		  end
	  end;

# Pence as "-1234.50": exactly two decimals.
def pence_text:
	(if . < 0 then "-" else "" end) as $sg
	| (if . < 0 then -. else . end) as $a
	| ($a % 100) as $f
	| $sg + ((($a - $f) / 100) | tostring) + "."
	  + (if $f < 10 then "0" else "" end) + ($f | tostring);

# Split whole pence p into n shares that add up to p exactly: each gets
# floor(p/n) and the first (p mod n) shares one penny more.  Negative
# totals split the same way by magnitude.
def split_pence($n):
	(if . < 0 then -1 else 1 end) as $sg
	| (if . < 0 then -. else . end) as $a
	| ($a % $n) as $r
	| (($a - $r) / $n) as $base
	| [range(0; $n) | $sg * ($base + (if . < $r then 1 else 0 end))];

# ISO date or date-time as published -> its calendar day "YYYY-MM-DD" (the
# day as written, before any offset).  Anything else passes unchanged for
# normalise to judge.
def day:
	if type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}")
	then .[0:10] else . end;

# Array without repeats, first occurrence kept.
def uniq_keep:
	reduce .[] as $x ([]; if any(.[]; . == $x) then . else . + [$x] end);

# Object without the keys whose value is null.
def drop_nulls: with_entries(select(.value != null));

# CPV code "72000000-5" or 72000000 -> "72000000"; other text unchanged.
def cpv_code:
	tostring | gsub("\\s"; "")
	| if test("^[0-9]{8}(-[0-9])?$") then .[0:8] else . end;

# Companies House number as an org-id "GB-COH-01234567": spaces dropped,
# upper case, all-digit numbers padded to eight digits.
def coh_ref:
	tostring | gsub("\\s"; "") | ascii_upcase
	| if test("^[0-9]{1,7}$") then ("0" * (8 - length)) + . else . end
	| if . == "" then null else "GB-COH-" + . end;

# details.scale (OCDS partyScale codelist, plus the spellings seen in the
# wild) -> sme flag: true for sme, micro, small, medium and selfEmployed,
# false for large, null otherwise.
def scale_sme:
	if type != "string" then null
	else ascii_downcase
		| if . == "large" then false
		  elif IN("sme", "micro", "small", "medium", "selfemployed")
		  then true else null end
	end;

# HTML character references left in by publishers: &#39; &#x27; and the
# named ones that occur in procurement text; &amp; last, so "&amp;lt;"
# becomes "&lt;" and not "<".
def html_unescape:
	if type != "string" then . else
	gsub("&#(?<n>[0-9]{1,7});"; [.n | tonumber] | implode)
	| gsub("&#[xX](?<h>[0-9a-fA-F]{1,6});";
		[.h | ascii_downcase | explode
		 | reduce .[] as $c (0; . * 16 + (if $c >= 97 then $c - 87 else $c - 48 end))]
		| implode)
	| gsub("&quot;"; "\"") | gsub("&apos;"; "'") | gsub("&lt;"; "<")
	| gsub("&gt;"; ">") | gsub("&nbsp;"; " ") | gsub("&pound;"; "£")
	| gsub("&ndash;"; "–") | gsub("&rsquo;"; "’") | gsub("&lsquo;"; "‘")
	| gsub("&amp;"; "&")
	end;

# Text for a table cell: CSV with spreadsheet formulas neutralised (a cell
# starting with = + - @ tab or CR, other than a plain number, gets a
# leading apostrophe, as OWASP advises); quoting itself is left to @csv.
def csv_text:
	if type != "string" then .
	elif test("^[-+]?[0-9]+(\\.[0-9]+)?$") then .
	elif test("^[=+\\-@\t\r]") then "'" + . else . end;

# Text for a Markdown table cell: line breaks become spaces; backslash,
# pipe and the inline markup characters are backslash-escaped; & < and >
# as entities so no HTML gets through.
def md_text:
	if . == null then "" else tostring end
	| gsub("[\r\n\t]+"; " ")
	| gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;")
	| gsub("(?<c>[\\\\|`*_\\[\\]#~])"; "\\\(.c)");

# Text for a field of a tab-separated gnuplot data file: tabs and line
# breaks (field and record separators) become spaces, and a double quote,
# which gnuplot would take as the start of a quoted field and which has no
# escape there, becomes two apostrophes.  Enhanced-text markup is switched
# off in the scripts (report-style.gp), so ^ _ @ { } print as themselves.
def gp_text:
	if . == null then "" else tostring end
	| gsub("[\r\n\t]+"; " ") | gsub("\""; "''");
