#!/usr/bin/env bash
# json.t: the fast field scanner agrees with a strict JSON parser.  Lines
# are handmade edge cases plus random mutations of a record; each line is
# aggregated alone.  A line Python's json (strict: no NaN, no duplicate
# keys) rejects must end aggregate with status 1 and "file:1:"; a line it
# accepts must give status 0 and the same supplier key and amount.
source "$TOP/tests/lib/tap.sh"
A=$BIN/aggregate
cd "$TMP" || exit 1
python3 - <<'PY'
import json, random
r = random.Random(5)
base = ['{"kind":"payment","supplier":"Acme \\"Q\\" Ltd","amount":12.50,"x":[1,{"a":"}"}]}',
        '{ "supplier" : "Caf\\u00e9" , "amount" : -0.5 , "n" : null , "t" : true }',
        '{"amount":1e2,"supplier":"a\\\\b\\/c","f":false,"z":{}}']
hand = ['{}', '{"supplier":"A","amount":1}', '{"supplier":"A","amount":01}',
        '{"supplier":"A","amount":1.}', '{"supplier":"A","amount":.5}',
        '{"supplier":"A","amount":-}', '{"supplier":"A","amount":1e}',
        '{"supplier":"A","amount":1,}', '{,"supplier":"A","amount":1}',
        '{"supplier":"A" "amount":1}', '{"supplier":"A","amount":tru}',
        '{"supplier":"A","amount":1} x', '{"supplier":"A","amount":1}}',
        '{"supplier":"A\\x","amount":1}', '{"supplier":"A\\u12","amount":1}',
        '{"supplier":"A\tB","amount":1}', '{"supplier":A,"amount":1}',
        '["supplier","A"]', '"x"', '{"supplier":"A","amount":1,"supplier":"B"}',
        '{"supplier":"A","amount":1,"k":[1,2}', '{"supplier":"A","amount":1,"k":NaN}',
        '{"supplier":"A","amount":-0}', '{"supplier":"A","amount":1E+1}',
        '{"supplier":"A","amount":2.50,"k":"\\"amount\\":9"}', '{"supplier" :"A",  "amount":3}']
lines = list(hand)
chars = '{}[],:"\\ 0a-.etnu'
for i in range(150):
    s = list(r.choice(base))
    for _ in range(r.randint(1, 2)):
        p = r.randrange(len(s))
        op = r.random()
        if op < 0.4:
            del s[p]
        elif op < 0.8:
            s.insert(p, r.choice(chars))
        else:
            s[p] = r.choice(chars)
    lines.append("".join(s))
def strict(line):
    def pairs(kv):
        keys = [k for k, _ in kv]
        if len(keys) != len(set(keys)):
            raise ValueError("dup")
        return dict(kv)
    def const(c):
        raise ValueError(c)
    v = json.loads(line, object_pairs_hook=pairs, parse_constant=const)
    if not isinstance(v, dict):
        raise ValueError("not an object")
    return v
cases = []
for i, line in enumerate(lines):
    if "\n" in line or "\r" in line:
        continue
    try:
        v = strict(line)
        a = v.get("amount")
        ok = 1
        want = v.get("supplier")
        if isinstance(a, bool) or not isinstance(a, (int, float)):
            want = "reject"
    except Exception:
        ok, want = 0, None
    # l: followed by a blank line, so the fastest scanner, which wants
    # 16 bytes ahead, reads it; m: alone, at the end of the input
    open("l%03d.jsonl" % i, "w").write(line + "\n" + " " * 40 + "\n")
    open("m%03d.jsonl" % i, "w").write(line + "\n")
    cases.append((i, ok, want, line))
json.dump(cases, open("cases.json", "w"))
PY
for f in l*.jsonl m*.jsonl; do
	out=$("$A" --by supplier "$f" 2>err); rc=$?
	printf '%s\t%s\t%s\t%s\n' "${f%.jsonl}" "$rc" "$out" "$(head -n 1 err)"
done >results.tsv
python3 - <<'PY'
import json
cases = json.load(open("cases.json"))
res = {}
for line in open("results.tsv", encoding="utf-8", errors="replace"):
    f, rc, out, err = line.rstrip("\n").split("\t", 3)
    res[f] = (int(rc), out, err)
bad = 0
def fail(name, *notes):
    global bad
    bad += 1
    print("not ok - " + name)
    for n in notes:
        print("#   " + n)
for (i, ok, want, line), f in [(c, f) for c in cases for f in "lm"]:
    rc, out, err = res["%s%03d" % (f, i)]
    if not ok:
        if rc != 1 or not err.startswith("aggregate: %s%03d.jsonl:1: " % (f, i)):
            fail("invalid line %d refused" % i, "line: " + line, "rc %d: %s %s" % (rc, out, err))
    elif want == "reject":
        # a bad amount is told with file:line; a missing one is counted
        # in one summary line
        if rc != 0 or out != "" or not (err.startswith("aggregate: %s%03d.jsonl:1: " % (f, i))
                                        or "1 record without amount left out" in err):
            fail("line %d without a numeric amount rejected" % i, "line: " + line, "rc %d: %s %s" % (rc, out, err))
    else:
        try:
            got = json.loads(out)
        except Exception:
            got = None
        if rc != 0 or got is None or got.get("supplier") != want or got.get("count") != 1:
            fail("valid line %d read" % i, "line: " + line, "want %r, rc %d: %s %s" % (want, rc, out, err))
print(("ok" if bad == 0 else "not ok") + " - %d lines agree with a strict JSON parser, twice" % len(cases))
PY
