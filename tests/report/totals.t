#!/usr/bin/env bash
# totals.t: make report on the samples, then check every table's totals
# against aggregate run directly on the classified records (sums in
# Python's Decimal, not by the code under test); what make report prints.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"

if ! report_build; then
	not_ok "make report on samples" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
ok "make report on samples"
W=$RT/work T=$RT/report/tables
check "index.html written" test -s "$RT/report/index.html"
for t in headline estimates category-estimates tech-by-fy top-buyers \
    top-suppliers region region-lse sme-share category service sector \
    unresolved quality coverage; do
	check "table $t has TSV, CSV and Markdown" \
	    test -s "$T/$t.tsv" -a -s "$T/$t.csv" -a -s "$T/$t.md"
done
for c in category-estimates tech-by-fy top-buyers top-suppliers region sme-share category service coverage; do
	check "chart $c as SVG and PNG" test -s "$RT/report/charts/$c.svg" -a -s "$RT/report/charts/$c.png"
done

# Quiet by default: one line per stage, no commands, the page at the end.
same "make report prints one line per stage" \
    "normalise classify aggregate estimate page report" \
    "$(awk '{ print $1 }' "$TMP/make.log" | grep -Ev '^(20[0-9][0-9]-[0-9][0-9]|done|renewals)$' | tr '\n' ' ' | sed 's/ $//')"
check "make report ends with the page's path" grep -q "^report  *$RT/report/index.html" "$TMP/make.log"
check "make report prints the headline per year" grep -Eq '^20[0-9]{2}-[0-9]{2} ' "$TMP/make.log"
same "no command is echoed" "" "$(grep -E '(^| )(pipelines/|zstd|out/bin/|\$\(|cc )' "$TMP/make.log" | head -3)"
check "intermediates: records compressed" sh -c "ls '$RT'/records/samples/*.jsonl.zst >/dev/null"
# A second run does nothing but say so.
make -C "$TOP" --no-print-directory report OUT="$RT" BIN="$BIN" DATA=samples >"$TMP/again.log" 2>&1
same "a second run remakes nothing" "" "$(grep -E '^(normalise|classify|aggregate|page) ' "$TMP/again.log")"

# The figures the tables must add up to, straight from aggregate.
zstd -qdc "$W/classified.jsonl.zst" | grep '^{"kind":"payment",' >"$TMP/payments.jsonl"
zstd -qdc "$W/classified.jsonl.zst" >"$TMP/classified.jsonl"
"$BIN/aggregate" --by sector "$TMP/payments.jsonl" >"$TMP/by-sector.jsonl"
"$BIN/aggregate" --by all "$TMP/payments.jsonl" >"$TMP/all.jsonl"
"$BIN/aggregate" --by buyer_id "$TMP/payments.jsonl" >"$TMP/by-buyer-id.jsonl"
"$BIN/aggregate" --by buyer_id,month "$TMP/payments.jsonl" >"$TMP/by-buyer-month.jsonl"

python3 - "$T" "$TMP" "$W" "$RT/report/index.html" <<'EOF'
import csv, json, os, re, sys
from decimal import Decimal as D, ROUND_HALF_UP
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests/report"))
from pagelib import human, text
T, tmp, W, page = sys.argv[1:5]
def tab(name):
    with open(f"{T}/{name}.tsv", encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    return [dict(zip(rows[0], r)) for r in rows[1:]]
def jl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l, parse_float=D) for l in f if l.strip()]
def same(name, want, got):
    if want == got:
        print(f"ok - {name}")
    else:
        print(f"not ok - {name}\n#   expected: {want}\n#   actual:   {got}")
def money(rows, col):
    return sum((D(r[col]) for r in rows if r[col] not in ("", "null")), D("0.00"))

sec = {r.get("sector"): r for r in jl(f"{tmp}/by-sector.jsonl")}
tech = sec.get("tech", {"amount": D("0.00"), "count": 0})
allp = jl(f"{tmp}/all.jsonl")[0]
same("there is tech spend in the samples", True, tech["amount"] > 0)

fy = tab("tech-by-fy")
same("tech-by-fy: amounts add up to the tech total", tech["amount"], money(fy, "amount"))
same("tech-by-fy: records add up to the tech records", tech["count"], sum(int(r["records"]) for r in fy))
for name in ("top-buyers", "top-suppliers", "region"):
    t = tab(name)
    same(f"{name}: amounts (with other) add up to the tech total", tech["amount"], money(t, "amount"))
    same(f"{name}: records add up", tech["count"], sum(int(r["records"]) for r in t))
    same(f"{name}: at most 20 named rows + other", True, len([r for r in t if r.get(list(r)[0]) != "other"]) <= 20 or name == "region")
lse = tab("region-lse")[0]
reg = tab("region")
lse_amount = money([r for r in reg if r["region"] in ("London", "South East")], "amount")
same("region-lse: total is the tech total", tech["amount"], D(lse["total"]))
same("region-lse: London + South East from the region table", lse_amount, D(lse["amount"]))
if tech["amount"]:
    same("region-lse: share", f"{lse_amount * 100 / tech['amount']:.2f}", lse["share_pct"])
sme = tab("sme-share")
same("sme-share: totals add up to the tech total", tech["amount"], money(sme, "total"))
same("sme-share: sme + not_sme + unknown = total in every year", True,
     all(D(r["sme"]) + D(r["not_sme"]) + D(r["unknown"]) == D(r["total"]) for r in sme))
cat = tab("category")
same("category: cells add up to the tech total", tech["amount"],
     sum((D(v) for r in cat for k, v in r.items() if k != "fy"), D("0.00")))
same("category: one row per tech year", [r["fy"] for r in fy], [r["fy"] for r in cat])
svc = tab("service")
same("service: amounts add up to all payments", allp["amount"], money(svc, "amount"))
same("service: records add up to all payments", allp["count"], sum(int(r["records"]) for r in svc))
st = tab("sector")
same("sector: amounts add up to all payments", allp["amount"], money(st, "amount"))
same("sector: tech row is aggregate's", str(tech["amount"]), next((r["amount"] for r in st if r["sector"] == "tech"), None))
unres = tab("unresolved")
nulls = [r for r in jl(f"{tmp}/by-buyer-id.jsonl") if r.get("buyer_id") is None]
same("unresolved: records = payments without buyer_id", sum(r["count"] for r in nulls), sum(int(r["records"]) for r in unres))
q = tab("quality")
pay = [r for r in q if r["kind"] == "payment"]
same("quality: payment files add up to all payments", allp["amount"], money(pay, "total"))
with open(f"{tmp}/classified.jsonl") as f:
    nrec = sum(1 for l in f if l.strip())
same("quality: records of all files = classified records", nrec, sum(int(r["records"]) for r in q))
same("quality: no count unread from the logs", [], [r["file"] for r in q if "?" in (r["rows"], r["blanks"], r["records"])])
same("quality: with_supplier + redacted + no_supplier = records", [],
     [r["file"] for r in q if "?" not in (r["with_supplier"], r["redacted"], r["no_supplier"]) and
      int(r["with_supplier"]) + int(r["redacted"]) + int(r["no_supplier"]) != int(r["records"])])
cov = tab("coverage")
same("coverage: amounts add up to the dated payments", money([r for r in jl(f"{tmp}/by-buyer-month.jsonl") if r.get("month")], "amount"), money(cov, "amount"))
got = {(r["buyer_id"], r["month"]) for r in cov if r["present"] == "1"}
want = {(r.get("buyer_id") or "", r["month"]) for r in jl(f"{tmp}/by-buyer-month.jsonl") if r.get("month")}
same("coverage: present exactly where aggregate has payments", sorted(want), sorted(got))
months = sorted({r["month"] for r in cov})
same("coverage: every buyer has every month", len(months) * len({r["buyer_id"] + r["buyer"] for r in cov}), len(cov))
same("quality: rows = records + rejects + blanks or skipped", True,
     all(r["rows"] == "?" or int(r["rows"]) >= int(r["records"]) + int(r["rejects"]) for r in q))
with open(f"{T}/top-suppliers.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
same("top-suppliers.csv parses with the same rows as the TSV", len(tab("top-suppliers")) + 1, len(rows))

# The page's words and make report's lines: every figure there, as people
# read it, is the aggregate's (a figure gone blank fails here).
page = text(open(page, encoding="utf-8").read())
pct = lambda a, b: f"{(a * 100 / b).quantize(D('0.01'), rounding=ROUND_HALF_UP)}%"
m = re.search(r"Data set .*?London and South East share of the tech spend observed: .*?%\.", page)
same("page: the data set sentence has the figures of aggregate",
     f"payments of {human(allp['amount'])} in all (observed), of which {human(tech['amount'])} "
     f"({pct(tech['amount'], allp['amount'])}) classified as technology. London and South East "
     f"share of the tech spend observed: {pct(lse_amount, tech['amount'])}.",
     re.sub(r"^.*?source files, ", "", m.group(0)) if m else None)
same("page: no figure left blank (two spaces, empty brackets)", [],
     re.findall(r".{0,30}(?:\S  \S|\(\)).{0,30}", page))
same("page: every £ has its figure", [], re.findall(r".{0,30}£(?![0-9]|m\)).{0,30}", page))
log = open(f"{tmp}/make.log", encoding="utf-8").read().splitlines()
agg = next((l for l in log if l.startswith("aggregate ")), "")
same("make report: the aggregate line reads money as the page does",
     f"{allp['count']} payments, {human(allp['amount'])},", " ".join(agg.split()[1:4]))
heads = {l.split()[0]: l for l in log if re.match(r"20[0-9]{2}-[0-9]{2} ", l)}
same("make report: each year's headline ends with the observed tech spend",
     {r["fy"]: f"observed {human(D(r['amount']))}" for r in fy},
     {k: l[l.rindex("observed "):] for k, l in heads.items() if k in {r["fy"] for r in fy}})
EOF

# The samples hold two authorities of every English type, London and the
# South East and the rest of England each with every type they have
# (samples/README.md), and no council of Scotland, Wales or Northern
# Ireland: so every year has an England estimate with its interval, a share
# outside London and the South East, and a UK that names what is missing.
python3 - "$T" <<'EOF2'
import os, sys
from decimal import Decimal as D
T = sys.argv[1]
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests/lib"))
from tap import tap
with open(f"{T}/headline.tsv", encoding="utf-8") as f:
    rows = [l.rstrip("\n").split("\t") for l in f]
h = [dict(zip(rows[0], r)) for r in rows[1:]]
tap([r["fy"] for r in h] == ["2022-23", "2023-24", "2024-25"],
    "headline: the samples' three financial years", [r["fy"] for r in h])
for r in h:
    fy = r["fy"]
    ok = all(r[k] for k in ("england_estimate", "england_lo", "england_hi"))
    tap(ok and D(r["england_lo"]) < D(r["england_estimate"]) < D(r["england_hi"]),
        f"headline {fy}: England estimate inside its 90% interval", r)
    tap(r["england_not_estimable"] == "" and r["uk_estimate"] == "" and
        r["uk_not_estimable"] == "scottish-unitary,welsh-unitary,ni-district",
        f"headline {fy}: UK not estimable for want of Scottish, Welsh and NI councils", r)
    tap(r["outside_lse_pct"] != "" and 0 < D(r["outside_lse_pct"]) < 100,
        f"headline {fy}: a share outside London and the South East", r)
    tap(r["authorities"] == "10", f"headline {fy}: ten authorities covered", r)
tap(all(r["growth_pct"] != "" for r in h[1:]) and h[0]["growth_pct"] == "",
    "headline: like-for-like growth from the second year on", [r["growth_pct"] for r in h])
EOF2
