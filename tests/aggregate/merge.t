#!/usr/bin/env bash
# merge.t: aggregate's output is valid input to itself.  A record file is
# split into parts (split -n l/3, split -l, by buyer); each part is
# aggregated, the partial outputs are concatenated and aggregated again,
# and the result must equal aggregating everything at once, byte for byte,
# for several key combinations.  Also: the threaded reader (-j) gives the
# same bytes, messages and exit status as one thread, from a file or a pipe.
source "$TOP/tests/lib/tap.sh"
A=$BIN/aggregate
cd "$TMP" || exit 1

# ~40k records (~6 MB): credits, nulls, missing and bad dates, escapes
python3 - <<'PY' >all.jsonl
import json, random
r = random.Random(11)
buyers = ["Leeds", "York", "Hull", "Bradford", "Wakefield", None]
sup = ["Acme Ltd", "Beta plc", 'The "Quoted" Co', "Caf\u00e9 \u00c9lite",
       "Tab\there", "Zeta", "-5 Ltd", "=CMD()"] + ["Supplier %d" % i for i in range(3000)]
for i in range(40000):
    d = {"kind": "payment"}
    b = r.choice(buyers)
    if b is not None:
        d["buyer"] = b
    x = r.random()
    if x < 0.02:
        pass
    elif x < 0.03:
        d["date"] = "2023-02-30"
    else:
        d["date"] = "%04d-%02d-%02d" % (r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28))
    if r.random() < 0.3:
        d["end"] = "%04d-%02d-01" % (r.randint(2020, 2030), r.randint(1, 12))
    p = int(r.paretovariate(1.2) * 5000) * (-1 if r.random() < 0.03 else 1)
    d["amount"] = "AMT%d" % p
    s = r.choice(sup[:8]) if r.random() < 0.2 else sup[8 + int(r.paretovariate(1.1)) % 3000]
    d["supplier"] = None if r.random() < 0.01 else s
    d["description"] = "x" * r.randint(0, 80)
    line = json.dumps(d, ensure_ascii=r.random() < 0.5)
    amt = "%s%d.%02d" % ("-" if p < 0 else "", abs(p) // 100, abs(p) % 100)
    print(line.replace('"AMT%d"' % p, amt))
PY
n=$(wc -l <all.jsonl)
same "generated records" 40000 "$n"

split -n l/3 all.jsonl n3.
split -l 7777 all.jsonl l7.
python3 -c '
import json, sys
out = {}
for line in open("all.jsonl"):
    b = json.loads(line).get("buyer") or "none"
    if b not in out:
        out[b] = open("b." + b, "w")
    out[b].write(line)
'
for by in supplier fy,buyer month 'quarter,supplier' fq 'year,buyer' all \
    'fy(end),supplier' 'buyer,fy,supplier'; do
	"$A" -j1 --by "$by" all.jsonl >whole.out 2>whole.err
	rc=$?
	same "whole, --by $by: exit 0" 0 "$rc"
	check "whole, --by $by: has output" test -s whole.out
	for parts in n3 l7 b; do
		for f in "$parts".*; do "$A" --by "$by" "$f"; done >partial.out
		"$A" --by "$by" partial.out >merged.out
		if cmp -s whole.out merged.out; then
			ok "merge of $parts parts equals whole, --by $by"
		else
			not_ok "merge of $parts parts equals whole, --by $by" \
			    "$(diff whole.out merged.out | head -5)"
		fi
	done
	# merging twice (a partial of partials) changes nothing either
	cat n3.* | "$A" --by "$by" >p1.out
	"$A" --by "$by" whole.out partial.out >p2.out
	"$A" --by "$by" n3.aa | "$A" --by "$by" - n3.ab n3.ac >p3.out
	check "mixed raw and aggregated input, --by $by" cmp whole.out p3.out
	check "stdin pipe equals file, --by $by" cmp whole.out p1.out
	for j in 2 4; do
		"$A" -j$j --by "$by" all.jsonl >thr.out 2>thr.err
		check "-j$j equals -j1, --by $by" cmp whole.out thr.out
	done
done
# counts add up: whole total of counts equals the records read
t=$("$A" all.jsonl)
case $t in '{"count":40000,"amount":'*) ok "grand total counts every record";;
*) not_ok "grand total counts every record" "$t";; esac

# problems in the later ranges: messages, line numbers and status must be
# exactly those of one thread
cp all.jsonl bad.jsonl
sed -i '30000s/"amount": *[-0-9.]*/"amount":"oops"/; 35000s/"amount": *[-0-9.]*/"amount":1.234/' bad.jsonl
"$A" -j1 -v --by supplier bad.jsonl >b1.out 2>b1.err; r1=$?
"$A" -j4 -v --by supplier bad.jsonl >b4.out 2>b4.err; r4=$?
check "rejects: -j4 output equals -j1" cmp b1.out b4.out
check "rejects: -j4 messages equal -j1" cmp b1.err b4.err
same "rejects: status" "0 0" "$r1 $r4"
check "rejects: line 30000 named" grep -q '^aggregate: bad.jsonl:30000: amount is not a number' b1.err
check "rejects: line 35000 named" grep -q '^aggregate: bad.jsonl:35000: amount 1.234' b1.err
check "rejects: counted" grep -q '^aggregate: file=\* files=1 records=40000 rows=39998 .* rejects=2 ' b1.err

cp all.jsonl fatal.jsonl
sed -i '31000s/}$/,/' fatal.jsonl
"$A" -j1 --by supplier fatal.jsonl >f1.out 2>f1.err; r1=$?
"$A" -j4 --by supplier fatal.jsonl >f4.out 2>f4.err; r4=$?
same "bad JSON in a later range: status" "1 1" "$r1 $r4"
check "bad JSON: same message with -j4" cmp f1.err f4.err
check "bad JSON: line 31000 named" grep -q '^aggregate: fatal.jsonl:31000: ' f1.err
check "bad JSON: no output" test ! -s f4.out

# a running sum that leaves int64 in a later range only when the earlier
# range is counted: found at the same line as one thread finds it
{
	echo '{"supplier":"Big","amount":92233720368547758.00}'
	head -n 30000 all.jsonl
	echo '{"supplier":"Big","amount":0.50}'
	echo '{"supplier":"Big","amount":-0.50}'
	tail -n 10000 all.jsonl
} >over.jsonl
"$A" -j1 --by supplier over.jsonl >o1.out 2>o1.err; r1=$?
"$A" -j4 --by supplier over.jsonl >o4.out 2>o4.err; r4=$?
same "overflow in a later range: status" "1 1" "$r1 $r4"
check "overflow: same message with -j4" cmp o1.err o4.err
check "overflow: line 30002 named" grep -q '^aggregate: over.jsonl:30002: sum of amount' o1.err

# several --by lists in one reading (-o DIR): each file equals the run
# with that --by alone, for one thread and four, JSON and TSV, --top/--share
mkdir -p multi1 multi4
"$A" -j1 -o multi1 --by supplier --by fy,buyer --by 'month' --by all \
    --by 'fy(end),supplier' all.jsonl 2>m1.err; r1=$?
"$A" -j4 -o multi4 --by supplier --by fy,buyer --by 'month' --by all \
    --by 'fy(end),supplier' all.jsonl 2>m4.err; r4=$?
same "several --by: status" "0 0" "$r1 $r4"
for by in supplier fy,buyer month all 'fy(end),supplier'; do
	"$A" -j1 --by "$by" all.jsonl >one.out 2>/dev/null
	check "several --by: $by.jsonl equals --by $by alone" cmp one.out "multi1/$by.jsonl"
	check "several --by, -j4: $by.jsonl equals -j1" cmp "multi1/$by.jsonl" "multi4/$by.jsonl"
done
mkdir -p multit
"$A" -o multit --tsv --top 5 --share --by fy,supplier --by 'buyer, supplier' all.jsonl 2>/dev/null
"$A" --tsv --top 5 --share --by 'buyer,supplier' all.jsonl >one.out 2>/dev/null
check "several --by: TSV with --top and --share, spaces dropped from the name" cmp one.out multit/buyer,supplier.tsv
rc=0; "$A" --by fy --by buyer all.jsonl >/dev/null 2>m.err || rc=$?
same "several --by without -o: usage error" 2 "$rc"
check "several --by without -o: says so" grep -q 'more than one --by needs -o dir' m.err
rc=0; "$A" -o multi1 --by fy --by fy all.jsonl >/dev/null 2>m.err || rc=$?
same "the same --by twice: usage error" 2 "$rc"
# a running sum leaving int64 in one grouping stops the run at the same
# line, and no grouping got the record
"$A" -j4 -o multi4 --by supplier --by supplier,buyer over.jsonl >/dev/null 2>o5.err; r5=$?
same "overflow with several --by: status" 1 "$r5"
check "overflow with several --by: the same message" cmp o1.err o5.err
