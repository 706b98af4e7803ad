#!/usr/bin/env bash
# props.t: properties of the output.  Fields dedupe-supplier does not own
# pass through byte for byte; every record comes out, in order; one
# spelling has one supplier_id; one supplier_id has one supplier_name,
# itself a spelling of the cluster; redacted records get null ids; the
# crosswalk's records and amounts add up to the input's; -v's amount total
# equals the input's; the example aliases file is accepted.
source "$TOP/tests/lib/tap.sh"
D=$(cd "$(dirname "$0")" && pwd)
GEN=$(dirname "$SHARED")/bench/gen-spend

cat "$D/names.in" "$D/ids.in" >"$TMP/in.jsonl"
if [ -f "$GEN" ]; then
	python3 "$GEN" --rows 20000 --seed 5 --out "$TMP/gen" >/dev/null &&
	python3 "$D/gen2jsonl.py" "$TMP/gen" >>"$TMP/in.jsonl"
fi
"$BIN/dedupe-supplier" -v --crosswalk "$TMP/xw.tsv" "$TMP/in.jsonl" \
    >"$TMP/out.jsonl" 2>"$TMP/err" || not_ok "dedupe-supplier runs"

python3 - "$TMP/in.jsonl" "$TMP/out.jsonl" "$TMP/xw.tsv" "$TMP/err" \
    "$TOP/tests/lib" <<'PY'
import json, os, re, sys
sys.path.insert(0, sys.argv[5])
import vlog
from decimal import Decimal
ins = open(sys.argv[1], encoding="utf-8").read().splitlines()
outs = open(sys.argv[2], encoding="utf-8").read().splitlines()
OWN = ("supplier_id", "supplier_name", "company_number")

sys.path.insert(0, os.path.join(os.environ["TOP"], "tests/lib"))
from tap import tap

tap(len(ins) == len(outs), "one record out per record in (%d)" % len(ins))
bad = None
for a, b in zip(ins, outs):
    x, y = json.loads(a), json.loads(b)
    for k in OWN:
        y.pop(k, None)
    if "sme" not in x:
        y.pop("sme", None)
    # raw value text of every input field appears unchanged in the output
    raw_ok = all(json.dumps(k) in b for k in x) and \
        all(m in b for m in re.findall(r'"amount":\s*-?[0-9.]+', a.replace(": ", ":")))
    if x != y or not raw_ok:
        bad = (a, b)
        break
tap(bad is None, "fields not owned pass through, in order",
    "in: %s / out: %s" % bad if bad else "")

ids, names, members = {}, {}, {}
ok_spell, ok_name, ok_red = True, True, True
for b in outs:
    y = json.loads(b)
    s, i, n = y.get("supplier"), y.get("supplier_id"), y.get("supplier_name")
    if y.get("redacted") is True and (i is not None or n is not None):
        ok_red = False
    if i is None:
        continue
    if ids.setdefault(s, i) != i:
        ok_spell = False
    if names.setdefault(i, n) != n:
        ok_name = False
    members.setdefault(i, set()).add(s)
tap(ok_spell, "one spelling, one supplier_id")
tap(ok_name, "one supplier_id, one supplier_name")
tap(all(names[i] in members[i] for i in names),
    "supplier_name is a spelling of its cluster")
tap(ok_red, "redacted records get null supplier_id and supplier_name")

rows = [l.split("\t") for l in open(sys.argv[3], encoding="utf-8").read().splitlines()]
head, rows = rows[0], rows[1:]
tap(head == ["spelling", "supplier_id", "supplier_name", "records", "amount",
             "evidence"], "crosswalk header")
tap(rows == sorted(rows, key=lambda r: (r[1].encode(), r[0].encode())),
    "crosswalk sorted by supplier_id, then spelling")
named = sum(1 for b in outs if json.loads(b).get("supplier_id") is not None)
tap(sum(int(r[3]) for r in rows) == named,
    "crosswalk records add up to the named records (%d)" % named)
def amt(line):
    y = json.loads(line, parse_float=Decimal)
    v = y.get("amount", y.get("value", 0))
    return Decimal(str(v)) if v is not None else Decimal(0)
tot_in = sum(amt(a) for a in ins)
tot_named = sum(amt(b) for b in outs if json.loads(b).get("supplier_id") is not None)
tap(sum(Decimal(r[4]) for r in rows) == tot_named,
    "crosswalk amounts add up to the named records' amounts")
err = open(sys.argv[4]).read()
v = vlog.files(err, "dedupe-supplier").get("*", {})
tap("amount" in v and Decimal(v["amount"]) == tot_in,
    "-v amount total equals the input's (%s)" % tot_in)
PY
check "the example aliases file is accepted" "$BIN/dedupe-supplier" \
    --aliases "$TOP/schemas/supplier-aliases.example.tsv" "$D/names.in"
