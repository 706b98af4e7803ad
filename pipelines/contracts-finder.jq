# contracts-finder.jq: Contracts Finder notices, in the derived JSON of the
# tompickup23/burnleycouncil procurement ETL ({"meta", "stats",
# "contracts": [...]}, one file per council), -> contract records.
#
#   jq -c -f pipelines/contracts-finder.jq FILE...                 records
#   jq -c -f pipelines/contracts-finder.jq --arg emit skips FILE...  skips
#   jq -c -f pipelines/contracts-finder.jq --arg emit all FILE...    both
#
# One unit per notice, numbered in the file: source "FILE:N" is the Nth
# element of "contracts".  Every notice becomes records or exactly one skip:
#  - status "awarded" with a supplier: one record per supplier, stage
#    "award".  The Contracts Finder API joins several awarded suppliers
#    with a bare comma ("A Ltd,B Ltd"); a comma followed by a space is part
#    of a name ("Knight, Kavanagh & Page").  The award value is split in
#    equal shares in whole pence, remainder pennies to the first suppliers
#    ("share": "1/2"), and awarded_to_sme, which the API gives once per
#    notice, is kept only for a single supplier.  A published value of 0
#    means "not published": value omitted, value_flag "zero-published".
#  - placeholder suppliers ("NOT AWARDED TO SUPPLIER", "The contract has not
#    been awarded...", "n/a", "N/A EVENT DAY") and awarded notices without
#    a supplier: skips saying so.  "Name withheld ..." becomes supplier ""
#    with redacted true.
#  - status "withdrawn": a skip.
#  - other notices (open, closed): one record without supplier, stage
#    "planning" for Pipeline and PreProcurement notices, else "tender";
#    value the upper estimate (value_high) when above 0, else the lower,
#    value_basis "estimate".
# The source has no contract start or end dates and no company numbers;
# descriptions were cut to 500 characters by the ETL.  HTML character
# references in names and text (B&amp;E Boys Ltd) are decoded.  ocid is the
# Contracts Finder one, "ocds-b5fd17-" + the notice id.  Amounts are the
# published numbers as text (value_basis "unstated": the API does not say
# whether awarded values include VAT), for normalise --from jsonl.

include "contracts-lib" {search: "./"};

def clean: if type == "string" then html_unescape | gsub("^\\s+|\\s+$"; "")
	| if . == "" then null else . end else . end;

def placeholder:
	test("^(NOT AWARDED( TO SUPPLIER)?|The contract has not been awarded.*|n/?a|N/A EVENT DAY|none|tbc)$"; "i");

def withheld: test("^name withheld"; "i");

def positive: if type == "number" and . > 0 then . else null end;

def units($file):
	[(.contracts // [])[]] | to_entries[]
	| "\($file):\(.key + 1)" as $src
	| .value as $c
	| ($c.awarded_supplier | clean) as $sup
	| {kind: "contract", buyer: ($c.organisation | clean)} as $head
	| {ocid: ("ocds-b5fd17-" + ($c.id | tostring)),
	   url: $c.url, source: $src} as $tail
	| ([($c.cpv_codes // "") | tostring | splits("[\\s,;]+")
	    | select(. != "") | cpv_code] | uniq_keep) as $cpv
	| ($c.status // "" | ascii_downcase) as $st
	| if $st == "withdrawn" then
		{kind: "skip", source: $src, reason: "withdrawn notice"}
	  elif $st == "awarded" and ($sup == null or $sup == "") then
		{kind: "skip", source: $src, reason: "awarded without supplier"}
	  elif $st == "awarded" and ($sup | placeholder) then
		{kind: "skip", source: $src,
		 reason: "not awarded (placeholder supplier \"\($sup)\")"}
	  elif $st == "awarded" then
		([$sup | splits(",(?! )") | gsub("^\\s+|\\s+$"; "")
		  | select(. != "")]) as $names
		| ($names | length) as $n
		| ($c.awarded_value | positive | amount_text) as $v
		| (if $n > 1 and $v != null then ($v | pence) else null end)
		  as $total
		| range(0; $n) as $k
		| $head + {
			date: ($c.awarded_date | day),
			supplier: (if $names[$k] | withheld then "" else $names[$k] end),
			redacted: (if $names[$k] | withheld then true else null end),
			description: ($c.description | clean),
			cpv: $cpv,
			title: ($c.title | clean),
			value: (if $n == 1 then $v
			    elif $total != null
			    then ($total | split_pence($n) | .[$k] | pence_text)
			    else null end),
			sme: (if $n == 1 and ($c.awarded_to_sme | type) == "boolean"
			    then $c.awarded_to_sme else null end),
			stage: "award",
			value_basis: (if $v != null then "unstated" else null end),
			currency: (if $v != null then "GBP" else null end),
			value_flag: (if $v == null then "zero-published"
			    elif $n > 1 and $total == null then "split-inexact"
			    else null end),
			share: (if $n > 1 then "1/\($n)" else null end),
			award_value: (if $n > 1 then $v else null end),
			status: $c.status
		  } + $tail
		| drop_nulls
	  else
		(($c.value_high | positive) // ($c.value_low | positive)
		 | amount_text) as $v
		| $head + {
			date: ($c.published_date | day),
			description: ($c.description | clean),
			cpv: $cpv,
			title: ($c.title | clean),
			value: $v,
			stage: (if ($c.notice_type // "") | IN("Pipeline", "PreProcurement")
			    then "planning" else "tender" end),
			value_basis: (if $v != null then "estimate" else null end),
			currency: (if $v != null then "GBP" else null end),
			status: $c.status
		  } + $tail
		| drop_nulls
	  end;

($ARGS.named.emit // "contracts") as $emit
| (if . == null then inputs else . end)
| if (.contracts | type) != "array" then
	{kind: "skip", source: "\(input_filename // "<stdin>"):0",
	 reason: "not a Contracts Finder ETL file (no \"contracts\" array)"}
  else units(input_filename // "<stdin>") end
| select($emit == "all" or ($emit == "skips") == (.kind == "skip"))
