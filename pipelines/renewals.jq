# renewals.jq: the steps of `make renewals` (pipelines/report-renewals.mk) that are
# not aggregate's job.  --arg step says which; --arg as_of YYYY-MM-DD.
#
#   select     contract records in, one per line -> the live ones whose
#              renewal date falls in (as_of, as_of + 24 months], with a GBP
#              value, plus: renewal (the date), renewal_basis ("end", or
#              "max_end" when extension options reach past the end date),
#              category (classify-sector's; "non-tech" when it said sector
#              "other" without a category; else "unclassified"), value as
#              a JSON number (jq prints 1234.5 for 1234.50: exact below
#              10^13 pounds, where a double still holds every penny).
#   excluded   the same records in -> one line per contract the tables
#              leave out, with the reason (no end date, no value, non-GBP,
#              ...), for the summary; outside the window is not reported.
#   table      aggregate's lines in (-n) -> a table; --arg table by-quarter
#              | by-category | by-supplier, --arg fmt csv | md | gp (gnuplot
#              data: tab-separated, a header line, see gp_text).  by-quarter
#              lists every quarter of the window, empty ones as 0.
#   matrix     aggregate --by "quarter(renewal),category" lines in (-n) ->
#              gnuplot data: one row per quarter, one column per category.
#   top        select's records in (-n) -> the 25 largest, --arg fmt csv|md.
#   summary    select's records and excluded lines in (-n) -> Markdown;
#              --arg total: their value summed by aggregate --by all.
#
# Live: kind "contract", stage not "planning" or "tender" (no stage, as in
# contract registers, counts as awarded), status not cancelled,
# unsuccessful, terminated or withdrawn.  The renewal date is max_end when
# it is later than end (extensions remain), else end.
#
# Money is summed by aggregate, never here; a value is turned into whole
# pence (exact integers in jq below 2^53) only to print it with two
# decimals or to sort.  Sort orders are total (ties broken by text
# keys), so the output depends only on the input and as_of.

include "contracts-lib" {search: "./"};

def isodate: type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");

# "2026Q3": the calendar quarter of a date, as aggregate writes it.
def quarter_of: "\(.[0:4])Q\(((.[5:7] | tonumber) + 2) / 3 | floor)";

def window_end($as_of): "\(($as_of[0:4] | tonumber) + 2)\($as_of[4:])";

# Every quarter from the one holding the day after as_of to the one
# holding the window's last day.
def window_quarters($as_of):
	($as_of | strptime("%Y-%m-%d") | mktime + 86400 | strftime("%Y-%m-%d")
	 | quarter_of) as $q0
	| (window_end($as_of) | quarter_of) as $q1
	| [($q0[0:4] | tonumber) as $y0 | ($q1[0:4] | tonumber) as $y1
	   | range($y0; $y1 + 1) as $y | range(1; 5) as $q | "\($y)Q\($q)"
	   | select(. >= $q0 and . <= $q1)];

def live:
	.kind == "contract"
	and ((.stage // "") | IN("planning", "tender") | not)
	and ((.status // "") | tostring | ascii_downcase
	     | IN("cancelled", "unsuccessful", "terminated", "withdrawn") | not);

def renewal:
	if (.end | isodate) and (.max_end | isodate) and .max_end > .end
	then {renewal: .max_end, renewal_basis: "max_end"}
	elif (.end | isodate) then {renewal: .end, renewal_basis: "end"}
	elif (.max_end | isodate) then {renewal: .max_end, renewal_basis: "max_end"}
	else null end;

def in_window($as_of):
	. > $as_of and . <= window_end($as_of);

def gbp: ((.currency // "GBP") | tostring | ascii_upcase) == "GBP"
	and (((.value_flag // "") | tostring | contains("non-GBP")) | not);

# Pounds with thousands separators, for Markdown: 1234567.5 -> "1,234,567.50".
def grouped:
	pence_text | capture("^(?<s>-?)(?<i>[0-9]+)\\.(?<f>[0-9]{2})$") as $m
	| ($m.i | explode | reverse | [_nwise(3) | reverse | implode]
	   | reverse | join(",")) as $g
	| "\($m.s)\($g).\($m.f)";

def csv_row: map(csv_text) | @csv;
def md_row: "| " + (map(md_text) | join(" | ")) + " |";
def gp_row: map(if type == "string" then gp_text else tostring end)
	| join("\t");

def as_rows($fmt; $header; $rows):
	if $fmt == "csv" then ($header | csv_row), ($rows[] | csv_row)
	elif $fmt == "md" then
		($header | md_row),
		("|" + ($header | map(if test("value|contracts|rank")
		    then " ---: |" else " --- |" end) | join(""))),
		($rows[] | md_row)
	else ($header | gp_row), ($rows[] | gp_row) end;

($ARGS.named.step // "select") as $step
| ($ARGS.named.as_of // "") as $as_of
| ($ARGS.named.fmt // "csv") as $fmt
| if ($as_of | isodate | not) then
	error("renewals.jq: --arg as_of YYYY-MM-DD is required, got \"\($as_of)\"")
  else . end
| if $step == "select" then
	select(live) | (renewal // empty) as $r
	| select($r.renewal | in_window($as_of))
	| select(gbp) | (.value | pence) as $p | select($p != null)
	| . + $r + {category: (.category // (if .sector == "other" then "non-tech"
		else "unclassified" end)),
	    value: ($p | pence_text | tonumber)}

  elif $step == "excluded" then
	select(.kind == "contract")
	| renewal as $r
	| if (live | not) then empty
	  elif $r == null then {reason: "no end date", source}
	  elif ($r.renewal | in_window($as_of) | not) then empty
	  elif (gbp | not) then {reason: "not in GBP", source, currency}
	  elif (.value | pence) == null then {reason: "no value", source}
	  else empty end

  elif $step == "table" then
	($ARGS.named.table // "by-category") as $t
	| [inputs | . as $l | {k: ($l | to_entries[0].value), count,
	    p: ($l.value | pence)}] as $g
	| if $t == "by-quarter" then
		as_rows($fmt;
		    ["quarter", "contracts", "value_gbp"];
		    [window_quarters($as_of)[] as $q
		     | ([$g[] | select(.k == $q)] | .[0]) as $x
		     | [$q, ($x.count // 0),
			(if $fmt == "md" then (($x.p // 0) | grouped)
			 elif $fmt == "gp" then (($x.p // 0) | pence_text | tonumber)
			 else (($x.p // 0) | pence_text) end)]])
	  else
		($g | sort_by([-.p, .k]) | if $t == "by-supplier" then .[0:10]
		    else . end) as $s
		| as_rows($fmt;
		    [(if $t == "by-supplier" then "supplier" else "category" end),
		     "contracts", "value_gbp"];
		    [$s[] | [(.k // ""), .count,
			(if $fmt == "md" then (.p | grouped)
			 elif $fmt == "gp" then (.p | pence_text | tonumber)
			 else (.p | pence_text) end)]])
	  end

  elif $step == "matrix" then
	[inputs | {q: .["quarter(renewal)"], c: .category, p: (.value | pence)}]
	  as $g
	| ($g | map(.c) | unique) as $cats
	| (["quarter"] + $cats | gp_row),
	  (window_quarters($as_of)[] as $q
	   | [$q] + [$cats[] as $c
		| ([$g[] | select(.q == $q and .c == $c) | .p] | .[0] // 0)
		| pence_text]
	   | join("\t"))

  elif $step == "top" then
	[inputs | . + {p: (.value | pence)}]
	| sort_by([-.p, .renewal, (.buyer // ""), (.supplier // ""), (.source // "")])
	| .[0:25] | to_entries
	| as_rows($fmt;
	    ["rank", "renewal", "basis", "buyer", "supplier", "value_gbp",
	     "end", "max_end", "category", "title", "notice"];
	    [.[] | .key as $i | .value
	     | [$i + 1, .renewal, .renewal_basis, (.buyer // ""),
		(.supplier // ""),
		(if $fmt == "md" then (.p | grouped) else (.p | pence_text) end),
		(.end // ""), (.max_end // ""), .category, (.title // ""),
		(.url // .ocid // .source // "")]])

  elif $step == "summary" then
	[inputs] as $all
	| ($all | map(select(has("renewal")))) as $in
	| ($all | map(select(has("reason")))) as $out
	| "# Contracts up for renewal",
	  "",
	  "As of \($as_of): live contracts whose end date (or the end of"
	  + " their extension options, max_end, when later) falls after"
	  + " \($as_of) and on or before \(window_end($as_of)).",
	  "",
	  "- contracts in the window: \($in | length), total value"
	  + " £\(($ARGS.named.total // "0") | pence | grouped)",
	  "- of which renewal date is max_end (extension options):"
	  + " \($in | map(select(.renewal_basis == "max_end")) | length)",
	  ($out | group_by(.reason)[]
	   | "- left out, \(.[0].reason): \(length)"),
	  ""
  else error("renewals.jq: unknown step \"\($step)\"") end
