#!/usr/bin/env bash
# truth.t: totals of a generated council spend set, to the penny.  The
# generator (../shared/bench/gen-spend) writes truth/files.tsv with the
# rows and exact sum in pence of every CSV; after normalise, aggregate by
# source file and by financial year must give the same.
source "$TOP/tests/lib/tap.sh"
A=$BIN/aggregate
GEN=$SHARED/../bench/gen-spend
if [ ! -f "$GEN" ]; then
	skip "truth totals" "no $GEN"
	exit 0
fi
if [ ! -x "$BIN/normalise" ]; then
	skip "truth totals" "normalise is not built"
	exit 0
fi
cd "$TMP" || exit 1
python3 "$GEN" --rows 20000 --seed 7 --out g >/dev/null 2>&1
check "gen-spend wrote files.tsv" test -s g/truth/files.tsv
"$BIN/normalise" g/*.csv >rec.jsonl 2>norm.err
check "normalise ran" test -s rec.jsonl

# the source file of each record (normalise writes "source":"path:line")
jq -c '.file = (.source | sub(":[0-9]+$"; "") | sub("^.*/"; ""))' \
    rec.jsonl >withfile.jsonl
"$A" -v --by file --tsv withfile.jsonl >by-file.tsv 2>agg.err
check "aggregate --by file" test -s by-file.tsv
"$A" --by fy --tsv rec.jsonl >by-fy.tsv
"$A" rec.jsonl >total.jsonl

# compare exactly, in integers: "1234.56" -> 123456 pence
python3 - g/truth/files.tsv by-file.tsv by-fy.tsv total.jsonl <<'PY'
import csv, json, sys
def pence(s):
    neg = s.startswith("-")
    i, f = s.lstrip("-").split(".")
    assert len(f) == 2
    v = int(i) * 100 + int(f)
    return -v if neg else v
def rows(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
truth = rows(sys.argv[1])
def report(name, want, got):
    bad = [k for k in set(want) | set(got) if want.get(k) != got.get(k)]
    if not bad:
        print("ok - %s: %d groups agree to the penny" % (name, len(want)))
    else:
        print("not ok - %s: %d of %d groups differ" % (name, len(bad), len(want)))
        for k in sorted(bad, key=str)[:5]:
            print("#   %s: truth %s, aggregate %s" % (k, want.get(k), got.get(k)))
want = {t["file"]: (int(t["data_rows"]), int(t["sum_pence"])) for t in truth}
got = {r["file"]: (int(r["count"]), pence(r["amount"])) for r in rows(sys.argv[2])}
report("rows and sum per source file", want, got)
want = {}
for t in truth:
    c, s = want.get(t["financial_year"], (0, 0))
    want[t["financial_year"]] = (c + int(t["data_rows"]), s + int(t["sum_pence"]))
got = {r["fy"]: (int(r["count"]), pence(r["amount"])) for r in rows(sys.argv[3])}
report("rows and sum per financial year (fy bucket of the dates)", want, got)
tot = json.loads(open(sys.argv[4]).read())
want = {"all": (sum(int(t["data_rows"]) for t in truth), sum(int(t["sum_pence"]) for t in truth))}
line = open(sys.argv[4]).read()
amt = line.split('"amount":')[1].rstrip("}\n")
got = {"all": (tot["count"], pence(amt))}
report("grand total", want, got)
PY
check "-v: no rejects" grep -q '^aggregate: file=\* .* rejects=0 ' agg.err
