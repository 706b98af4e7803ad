# ocds.jq: OCDS 1.1 notices -> canonical contract records, one JSON line each.
#
#   jq -n -c -f pipelines/ocds.jq FILE...            contract records
#   jq -n -c -f pipelines/ocds.jq --arg emit skips FILE...   what was skipped, and why
#   jq -n -c -f pipelines/ocds.jq --arg emit all FILE...     both
#
# It reads every input itself, to merge releases by ocid across them all;
# with or without -n (a first input that is JSON null is ignored).
# Input, in any mix: release packages ({"releases": [...]}), record packages
# ({"records": [...]}: the compiledRelease of each record, else its embedded
# releases), bare releases one per line (or a whole file holding one), bare
# records, and JSON arrays of any of these.
#
# Releases and amendments.  All releases with the same ocid, from all
# inputs, are compiled into one: sorted by release `date` (ties: input
# order), then merged as the OCDS merge routine does it - objects merge key
# by key, a later value replaces an earlier one, null deletes, and arrays of
# objects that all carry an `id` (awards, contracts, lots, parties, items,
# amendments...) merge element by element on `id`; any other array is
# replaced whole.  So a later release supersedes earlier ones for the same
# ocid wherever it says something, and an amendment's new contract value or
# period wins.  A record package's compiledRelease is taken as it is (it
# joins the merge like any release, dated by its own `date`).  Every
# release merged into a later one is reported as a skip, "superseded".
#
# Output units.  For each compiled release:
#  - each award: one record per supplier (stage "contract" when a contract
#    refers to the award through awardID, else "award"); the award value is
#    split in equal shares among joint suppliers, in whole pence, the
#    remainder pennies going one each to the first suppliers ("share":
#    "1/3").  A single supplier's value is the published number as text.
#    Awards with status cancelled or unsuccessful, or without suppliers,
#    are skips.
#  - each lot that no award covers (all awards name their relatedLots), or
#    every lot when there are no awards: one record, stage "planning" or
#    "tender", no supplier.  Lots cancelled, unsuccessful or withdrawn are
#    skips.
#  - a notice with neither awards nor lots: one record for the tender (or
#    the planning budget).
#
# Field rules.  value: `amount` (net of VAT in the UK profile, value_basis
# "net"), else `amountGross` (value_basis "gross"); amounts are strings of
# the published JSON number, so normalise --from jsonl makes the pence.
# Where a contract exists for the award and is the only one, its value and
# period win over the award's.  Dates are cut to the calendar day as
# written.  start/end/max_end come from the first period that has each:
# contract period, award contractPeriod, the single related lot's
# contractPeriod, tender.contractPeriod (so tender.contractPeriod.
# maxExtentDate reaches awards that do not repeat it).  cpv: CPV-scheme
# classification then additionalClassifications of the award's items, else
# of the items of its lots, else of all tender items; check digits dropped,
# repeats dropped.  supplier_ref: a GB-COH identifier or additional
# identifier of the supplier's party (or its id "GB-COH-..."), written
# "GB-COH-<number>".  sme: the party's details.scale.  Non-GBP values are
# kept with value_flag "non-GBP"; no currency: value_flag "no-currency".
# source: "FILE:N", the Nth release (or record) in FILE, of the latest
# release merged.  award_id / lot_id say which unit of the notice it is.

include "contracts-lib" {search: "./"};

# OCDS merge of release $b over $a (see the header).
def ocds_merge($a; $b):
	def idarray: type == "array" and length > 0
	    and all(.[]; type == "object" and has("id"));
	if ($a | type) == "object" and ($b | type) == "object" then
		reduce ($b | keys_unsorted[]) as $k ($a;
		    if $b[$k] == null then del(.[$k])
		    else .[$k] = ocds_merge(.[$k]; $b[$k]) end)
	elif ($a | idarray) and ($b | idarray) then
		reduce $b[] as $x ($a;
		    ([range(0; length) as $i
		      | select((.[$i].id | tostring) == ($x.id | tostring)) | $i]
		     | .[0]) as $i
		    | if $i == null then . + [$x]
		      else .[$i] = ocds_merge(.[$i]; $x) end)
	else $b end;

# The units one JSON text holds: {rel: release} or {skip: reason}.
def expand:
	def record:
		if (.compiledRelease | type) == "object" then
			{rel: ({ocid: .ocid} + .compiledRelease)}
		elif ([.releases[]? | select(type == "object" and has("id"))]
		      | length) > 0 then
			.releases[] | if type == "object" and has("id")
			    then {rel: .}
			    else {skip: "linked release (no data in the record)"}
			    end
		else {skip: "record without compiledRelease or embedded releases"}
		end;
	if type == "array" then .[] | expand
	elif type != "object" then {skip: "not a JSON object"}
	elif (.records | type) == "array" then .records[] | record
	elif (.releases | type) == "array" and (has("ocid") | not) then
		.releases[]
		| if type == "object" and (.ocid | type) == "string"
		  then {rel: .} else {skip: "release without ocid"} end
	elif (.ocid | type) == "string" and (has("compiledRelease")
	      or has("versionedRelease")) then record
	elif (.ocid | type) == "string" then {rel: .}
	else {skip: "not an OCDS release, record or package"}
	end;

# {value, value_basis, currency} of an OCDS Value object (or null).
def money_of:
	if type != "object" then null
	elif .amount != null then
		{value: (.amount | amount_text), value_basis: "net",
		 currency: .currency}
	elif .amountGross != null then
		{value: (.amountGross | amount_text), value_basis: "gross",
		 currency: .currency}
	else null end;

def currency_flag:
	if .value == null then null
	elif .currency == null then "no-currency"
	elif (.currency | ascii_upcase) != "GBP" then "non-GBP"
	else null end;

# CPV codes of a list of items (main classification first).
def cpvs_of(items):
	[items | objects | (.classification, .additionalClassifications[]?)
	 | objects | select(((.scheme // "") | tostring | ascii_upcase) == "CPV")
	 | .id | select(. != null) | cpv_code]
	| uniq_keep;

# First non-null of a generator.
def firstval(g): [g | select(. != null)] | .[0];

def period_field($periods; $f): firstval($periods[] | objects | .[$f] | day);

# Party details of an organisation reference $s in release $r.
def party_of($r; $s):
	firstval(
	    ($r.parties // [])[] | objects
	    | select(($s.id != null and (.id | tostring) == ($s.id | tostring))
		or ($s.id == null and $s.name != null and .name == $s.name)));

def coh_of($s; $p):
	firstval(
	    ([$s.identifier, $p.identifier, ($p.additionalIdentifiers // [])[],
	      ($s.additionalIdentifiers // [])[]][]
	     | objects | select(((.scheme // "") | ascii_upcase) == "GB-COH")
	     | .id | select(. != null) | coh_ref),
	    ([$s.id, $p.id][] | strings | select(startswith("GB-COH-"))
	     | .[7:] | coh_ref));

def buyer_of($r):
	firstval($r.buyer.name,
	    (($r.parties // [])[] | objects
	     | select(any((.roles // [])[]; . == "buyer")) | .name),
	    (($r.parties // [])[] | objects
	     | select(any((.roles // [])[]; . == "procuringEntity")) | .name),
	    $r.tender.procuringEntity.name);

def planning_stage($r):
	any(($r.tag // [])[]; . == "planning" or . == "planningUpdate")
	or (($r.tender.status // "") | IN("planning", "planned"))
	or ($r.tender == null);

def lots_of($r): [($r.tender.lots // [])[] | objects];

# Notice URL from the release's documents, when one is published: the
# award or contract notice before the tender or planning notice.
def url_of($r):
	firstval(
	    ([($r.awards // [])[].documents[]?, ($r.contracts // [])[].documents[]?,
	      ($r.tender.documents // [])[], ($r.planning.documents // [])[]]
	     | map(objects | select((.documentType // "") | test("Notice$")))
	     | .[] | .url));

# Records and skips of one compiled release $r (as . ) with source $src.
def units($src):
	. as $r
	| ($r.tender // {}) as $t
	| lots_of($r) as $lots
	| ([($r.awards // [])[] | objects]) as $awards
	| {kind: "contract", buyer: buyer_of($r)} as $head
	| {ocid: $r.ocid, source: $src, url: url_of($r)} as $tail
	| ($t.contractPeriod) as $tp
	| if ($awards | length) > 0 then
		($awards[] | . as $a
		 | ([($r.contracts // [])[] | objects
		     | select(.awardID != null
			 and (.awardID | tostring) == ($a.id | tostring))]) as $cs
		 | ([($a.relatedLots // [])[] | tostring] as $rl
		    | [$lots[] | select((.id | tostring) as $id
			| any($rl[]; . == $id))]) as $alots
		 | (if ($alots | length) == 1 then $alots[0].contractPeriod
		    else null end) as $lp
		 | ([$cs[] | select((.status // "") != "cancelled")]) as $live
		 | ($a.status // "") as $st
		 | if $st == "cancelled" or $st == "unsuccessful" then
			{skip: "award status \($st)", source: $src,
			 ocid: $r.ocid, award_id: $a.id}
		   elif (($a.suppliers // []) | map(objects) | length) == 0 then
			{skip: "award without suppliers", source: $src,
			 ocid: $r.ocid, award_id: $a.id}
		   else
			(if ($live | length) == 1 then [$live[0].period, $a.contractPeriod, $lp, $tp]
			 elif ($live | length) > 1 then
				[{startDate: ([$live[].period.startDate | day | strings] | min),
				  endDate: ([$live[].period.endDate | day | strings] | max),
				  maxExtentDate: ([$live[].period.maxExtentDate | day | strings] | max)},
				 $a.contractPeriod, $lp, $tp]
			 else [$a.contractPeriod, $lp, $tp] end) as $periods
			| ((if ($live | length) == 1 then ($live[0].value | money_of)
			    else null end) // ($a.value | money_of) // {}) as $m
			| ([$a.suppliers[] | objects]) as $sups
			| ($sups | length) as $n
			| (if $n > 1 and $m.value != null
			   then ($m.value | pence) else null end) as $total
			| (if $total != null then ($total | split_pence($n))
			   else null end) as $shares
			| cpvs_of(($a.items // [])[]) as $acpv
			| (if ($acpv | length) > 0 then $acpv
			   elif ($alots | length) > 0 then
				([$alots[].id | tostring] as $ids
				 | cpvs_of(($t.items // [])[]
				     | select((.relatedLot // "" | tostring) as $x
					 | any($ids[]; . == $x))))
			   else [] end) as $cpv2
			| (if ($cpv2 | length) > 0 then $cpv2
			   else cpvs_of(($t.items // [])[]) end) as $cpv
			| range(0; $n) as $k
			| $sups[$k] as $s
			| party_of($r; $s) as $p
			| (firstval($s.name, $p.name) // "") as $name
			| ([($m | currency_flag),
			    (if $n > 1 and $m.value != null and $total == null
			     then "split-inexact" else null end)]
			   | map(strings) | if length > 0 then join(",") else null end)
			  as $flag
			| $head + {
				date: firstval($a.date, $live[0].dateSigned) | day,
				supplier: $name,
				supplier_ref: coh_of($s; $p),
				redacted: (if $name == "" then true else null end),
				description: firstval($a.description, $t.description),
				cpv: $cpv,
				title: firstval($a.title, $t.title),
				start: period_field($periods; "startDate"),
				end: period_field($periods; "endDate"),
				max_end: period_field($periods; "maxExtentDate"),
				value: (if $n == 1 then $m.value
				    elif $shares != null then ($shares[$k] | pence_text)
				    else null end),
				sme: ($p.details.scale | scale_sme),
				ocid: $r.ocid,
				stage: (if ($live | length) > 0 then "contract" else "award" end),
				value_basis: $m.value_basis,
				currency: $m.currency,
				value_flag: $flag,
				share: (if $n > 1 then "1/\($n)" else null end),
				award_value: (if $n > 1 then $m.value else null end),
				status: firstval($live[0].status, $a.status),
				award_id: $a.id
			  } + $tail
			| drop_nulls
		   end),
		# Lots no award covers, when every award names its lots.
		(if all($awards[]; (.relatedLots // []) | length > 0) then
			([$awards[].relatedLots[] | tostring]) as $covered
			| $lots[] | select((.id | tostring) as $id
			    | any($covered[]; . == $id) | not)
			| {lot: .}
		 else empty end)
	  elif ($lots | length) > 0 then $lots[] | {lot: .}
	  elif $r.tender != null or $r.planning != null then {lot: null}
	  else {skip: "release has no planning, tender or awards",
		source: $src, ocid: $r.ocid}
	  end
	# Lot and notice units (no supplier).
	| if has("lot") | not then . else
		.lot as $l
		| (($l.status // $t.status // "") | tostring) as $st
		| if $st | IN("cancelled", "unsuccessful", "withdrawn") then
			{skip: ((if $l == null then "tender" else "lot" end)
			    + " status \($st)"), source: $src, ocid: $r.ocid,
			 lot_id: $l.id}
		  else
			(($l.value | money_of)
			 // (if ($lots | length) <= 1 then ($t.value | money_of)
			     else null end)
			 // ($r.planning.budget.amount | money_of) // {}) as $m
			| (if $l == null then []
			   else cpvs_of(($t.items // [])[]
			       | select((.relatedLot // "" | tostring)
				   == ($l.id | tostring))) end) as $lcpv
			| [$l.contractPeriod, $tp] as $periods
			| $head + {
				date: $r.date | day,
				description: firstval($l.description, $t.description,
				    $r.planning.rationale),
				cpv: (if ($lcpv | length) > 0 then $lcpv
				    else cpvs_of(($t.items // [])[]) end),
				title: (if $l.title != null and $t.title != null
				    and $l.title != $t.title
				    then "\($t.title): \($l.title)"
				    else firstval($t.title, $l.title,
					$r.planning.budget.description) end),
				start: period_field($periods; "startDate"),
				end: period_field($periods; "endDate"),
				max_end: period_field($periods; "maxExtentDate"),
				value: $m.value,
				ocid: $r.ocid,
				stage: (if planning_stage($r) then "planning"
				    else "tender" end),
				value_basis: $m.value_basis,
				currency: $m.currency,
				value_flag: ($m | currency_flag),
				status: firstval($l.status, $t.status),
				lot_id: $l.id
			  } + $tail
			| drop_nulls
		  end
	  end;

($ARGS.named.emit // "contracts") as $emit
# Every JSON text with its file, then every unit numbered within its file.
| [foreach ((if . == null then empty else . end), inputs) as $d ({f: null};
    {f: (input_filename // "<stdin>"), d: $d}; .)]
| [.[] | .f as $f | .d | expand | {f: $f} + .]
| [foreach .[] as $u ({f: null, n: 0};
    if $u.f == .f then .n += 1 else {f: $u.f, n: 1} end;
    $u + {seq: .n, src: "\($u.f):\(.n)"})]
| (map(select(has("skip")) | {kind: "skip", source: .src, reason: .skip}))
  as $badunits
| [to_entries[] | select(.value | has("rel"))
   | .value + {pos: .key}]
| group_by(.rel.ocid)
| map(sort_by([(.rel.date // "" | tostring), .pos]))
| sort_by(map(.pos) | min)
| (map(.[:-1][] | {kind: "skip", source: .src, ocid: .rel.ocid,
    reason: "superseded by a later release of the same ocid"}))
  as $superseded
| (map(.[-1].src as $src
    | (reduce .[].rel as $x ({}; ocds_merge(.; $x)))
    | units($src))) as $out
| if $emit == "contracts" then $out[] | select(has("skip") | not)
  elif $emit == "skips" then
	$badunits[], $superseded[],
	($out[] | select(has("skip"))
	 | {kind: "skip", source, ocid, award_id, lot_id, reason: .skip}
	 | drop_nulls)
  else
	$badunits[], $superseded[],
	($out[] | if has("skip") then
		{kind: "skip", source, ocid, award_id, lot_id, reason: .skip}
		| drop_nulls else . end)
  end
