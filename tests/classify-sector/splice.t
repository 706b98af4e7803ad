#!/usr/bin/env bash
# splice.t: the splice fast path writes exactly what rec_write would.
# 3,000 random valid records (known and unknown keys in random order, some
# already classified, escapes, nesting, non-ASCII, spaces) must come out
# byte-identical with and without --slow, and parse as JSON.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
source "$TOP/tests/lib/tap.sh"
CS=$BIN/classify-sector
python3 - >"$TMP/in.jsonl" <<'PY'
import json, random
rnd = random.Random(42)
known = ["kind", "buyer", "buyer_id", "region", "date", "amount", "supplier",
         "supplier_ref", "redacted", "supplier_id", "supplier_name",
         "expense_type", "service_area", "description", "transaction_id",
         "cpv", "title", "value", "source", "sector", "category", "service",
         "why", "proclass", "department"]
unknown = ["company_number", "x", "zeta", "cost_centre", "_a", "Kind", ""]
words = ["Software Licences", "Cloud Nine Day Nursery", "ICT", "Leeds",
         "It\u2019s \"quoted\"", "caf\u00e9 \u00e9l\u00e8ve", "tab\there",
         "back\\slash", "}{][", "Telephones", "72000000-5", "Children's",
         "", "\u0001ctl", "\U0001F600 emoji", "Digital Print Ltd"]
def val(k):
    r = rnd.random()
    if k == "amount" and r < 0.8:
        return rnd.choice([1, -2.5, 1234.56, 0])
    if k == "cpv" and r < 0.5:
        return [rnd.choice(["48000000", "45000000-7", "72"])]
    if k == "redacted":
        return rnd.choice([True, False])
    if r < 0.1:
        return None
    if r < 0.15:
        return {"a": [1, {"b": "}"}], "c": rnd.choice(words)}
    return rnd.choice(words)
for i in range(3000):
    ks = rnd.sample(known, rnd.randint(0, 12))
    if rnd.random() < 0.3:
        ks += rnd.sample(unknown, rnd.randint(1, 3))
    if rnd.random() < 0.6:
        ks.sort(key=lambda k: known.index(k) if k in known else 99)
    d = {k: val(k) for k in ks}
    if rnd.random() < 0.1:
        s = json.dumps(d, ensure_ascii=rnd.random() < 0.5)
    else:
        s = json.dumps(d, ensure_ascii=rnd.random() < 0.5,
                       separators=(",", ":"))
    print(s)
PY
check "runs" sh -c '"$1" -v "$2" >"$3" 2>"$4"' _ "$CS" "$TMP/in.jsonl" \
	"$TMP/fast" "$TMP/err"
"$CS" --slow "$TMP/in.jsonl" >"$TMP/slow"
check "splice and rec_write agree byte for byte" cmp "$TMP/fast" "$TMP/slow"
check "output is JSON" jq -e . "$TMP/fast"
n=$(grep '^classify-sector: file=\* ' "$TMP/err" | grep -o 'spliced=[0-9]*' |
	cut -d= -f2)
check "the fast path was taken for some ($n)" test "${n:-0}" -gt 500
same "every record comes out" "$(wc -l <"$TMP/in.jsonl")" "$(wc -l <"$TMP/fast")"
