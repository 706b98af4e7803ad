#!/usr/bin/env bash
# real.t: classify-sector on real contract notices with their codes hidden.
# Contracts Finder notices of 11 Lancashire councils (CPV) and the Salford
# contracts register (ProClass) are labelled from their codes: tech = first
# CPV code in divisions/groups 48, 72, 302, 324, 642, 3223, 5031-5033, or
# ProClass 27xxxx.  Then the codes are removed and the rest classified.
# Required: tech precision and recall >= 0.80, accuracy >= 0.95 by
# records; for Contracts Finder also by pounds of awarded value.
# Then real payments: Wakefield's files (../shared/data and wild/) carry
# the council's ProClass; each record is labelled from it (ICT, Systems &
# Software, Hardware (ICT), Telecoms...: tech; photocopiers left out;
# any other class: other), the class is hidden (proclass, and expense_type
# where normalise filled it from the same column), and the records go
# through dedupe-supplier | classify-sector, scored by pounds.  The tech
# suppliers table is used without the rows whose only evidence is
# Wakefield's own codes, so the test does not grade the table on its
# source.  Plain pass only (the sanitizer build skips it: seconds).
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
source "$TOP/tests/lib/tap.sh"
here=$(cd "$(dirname "$0")" && pwd)
CS=$BIN/classify-sector
CF=$SHARED/contracts_finder_lancashire
SAL=$SHARED/salford_contracts_register/2022-07_contracts_register.csv

val() { sed -n "s/^$1=//p" "$2"; }
atleast() { python3 -c "import sys; sys.exit(0 if float('$2') >= $3 else 1)" &&
	ok "$1 $2 >= $3" || not_ok "$1 $2 >= $3"; }

# score NAME RECORDS LABELS CODEFIELD
score() {
	"$CS" "$2" >"$TMP/$1.with"
	jq -c "del(.$4)" "$2" | "$CS" >"$TMP/$1.none"
	python3 "$here/score-real.py" "$3" "$TMP/$1.with" "$TMP/$1.none" \
		>"$TMP/$1.score"
	sed 's/^/# /' "$TMP/$1.score" | sed 's/^# # /# /'
	same "$1: with codes, the rules agree with the labels" \
		"$(val n "$TMP/$1.score" | cut -d' ' -f1)" \
		"$(val agree_with_codes "$TMP/$1.score")"
	atleast "$1: tech precision" "$(val precision "$TMP/$1.score")" 0.80
	atleast "$1: tech recall" "$(val recall "$TMP/$1.score")" 0.80
	atleast "$1: accuracy" "$(val accuracy "$TMP/$1.score")" 0.95
}

if [ -d "$CF" ]; then
	# the ETL's own JSON shape -> contract records; HTML entities undone
	jq -c 'def unent: gsub("&amp;"; "&") | gsub("&#039;"; "\u0027")
		| gsub("&quot;"; "\"");
	    .contracts[] | {kind: "contract", buyer: .organisation,
		supplier: ((.awarded_supplier // "") | unent),
		description: ((.description // "") | unent),
		cpv: .cpv_codes, title: ((.title // "") | unent),
		value: .awarded_value, source: .url}' "$CF"/*.json \
		>"$TMP/cf.jsonl"
	jq -r '(.cpv // "") | split(" ")[0] // "" |
	    if test("^(48|72|302|324|642|3223|503[123])") then "tech"
	    elif test("^[0-9]{8}") then "other" else "none" end' \
		"$TMP/cf.jsonl" >"$TMP/cf.lab"
	score contracts-finder "$TMP/cf.jsonl" "$TMP/cf.lab" cpv
	paste -d'\t' "$TMP/cf.lab" "$TMP/contracts-finder.none" |
	    jq -cR 'split("\t") | (.[1] | fromjson) + {x_label: .[0]}' \
	    >"$TMP/cf.lab.jsonl"
	python3 "$here/score-pounds.py" "$TMP/cf.lab.jsonl" >"$TMP/cf.pounds"
	sed 's/^/# pounds: /' "$TMP/cf.pounds"
	atleast "contracts-finder: tech precision by pounds" \
		"$(val precision "$TMP/cf.pounds")" 0.85
	atleast "contracts-finder: tech recall by pounds" \
		"$(val recall "$TMP/cf.pounds")" 0.85
else
	skip "contracts-finder" "no $CF"
fi

if [ -f "$SAL" ]; then
	python3 - "$SAL" >"$TMP/sal.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", errors="replace",
                            newline="")))
h = [c.replace("\ufeff", "").replace("\u00ef\u00bb\u00bf", "").strip()
     for c in rows[0]]
ix = {c: i for i, c in enumerate(h)}
for n, r in enumerate(rows[1:], 2):
    g = lambda c: r[ix[c]].strip() if ix[c] < len(r) else ""
    print(json.dumps({"kind": "contract", "buyer": g("Purchasing Body"),
        "supplier": g("Supplier Company Name"),
        "service_area": g("Directorate Name"),
        "description": g("Contract Description"),
        "title": g("Contract Title"), "proclass": g("ProClass Classification"),
        "source": "2022-07_contracts_register.csv:%d" % n},
        ensure_ascii=False, separators=(",", ":")))
PY
	jq -r '.proclass | if test("^27[0-9]{4}$") then "tech"
	    elif test("^[0-9]{6}$") then "other" else "none" end' \
		"$TMP/sal.jsonl" >"$TMP/sal.lab"
	score salford-register "$TMP/sal.jsonl" "$TMP/sal.lab" proclass
else
	skip "salford-register" "no $SAL"
fi

WAKE=$(ls "$SHARED"/wakefield/*.csv "$SHARED"/wild/wakefield/*.csv 2>/dev/null)
case $BIN in
*/san/*) skip "wakefield payments by pounds" "sanitizer build" ;;
*)
	if [ -z "$WAKE" ]; then
		skip "wakefield payments by pounds" "no $SHARED/wakefield"
	else
		# the table without rows standing only on Wakefield's codes
		awk -F'\t' 'BEGIN { OFS = "\t" }
		    /^#/ || $1 == "name" { print; next }
		    { n = split($6, e, "|"); keep = 0
		      for (i = 1; i <= n; i++)
			if (e[i] !~ /^code:wakefield:/) keep = 1
		      if (keep) print }' "$TOP/schemas/tech-suppliers.tsv" \
		    >"$TMP/tech-nowake.tsv"
		# shellcheck disable=SC2086
		"$BIN/normalise" $WAKE 2>/dev/null |
		    jq -c '(.proclass // "") as $c | . + {x_class: $c,
			x_label: (if $c == "" or ($c | test("photocop"; "i"))
			then "none" elif ($c | test("^(ICT|Systems & Software|"
			+ "Hardware \\(ICT\\)|Telecom|Information Comm)"; "i"))
			then "tech" else "other" end)}
			| if .expense_type == .proclass then del(.expense_type)
			else . end | del(.proclass)' |
		    "$BIN/dedupe-supplier" |
		    "$BIN/classify-sector" -t "$TMP/tech-nowake.tsv" \
		    >"$TMP/wake.out"
		python3 "$here/score-pounds.py" -d 10 "$TMP/wake.out" \
		    >"$TMP/wake.score"
		sed 's/^/# /' "$TMP/wake.score" | sed 's/^# # /# /'
		atleast "wakefield payments, ProClass hidden: tech precision by pounds" \
			"$(val precision "$TMP/wake.score")" 0.88
		atleast "wakefield payments, ProClass hidden: tech recall by pounds" \
			"$(val recall "$TMP/wake.score")" 0.88
	fi
	;;
esac
