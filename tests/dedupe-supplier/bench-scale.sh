#!/usr/bin/env bash
# bench-scale.sh [N...]: time dedupe-supplier against the number of distinct
# spellings (not run by the suite).  For each N (default 100000 300000
# 1000000) a seeded Python generator writes about N distinct spellings of
# N/3 synthetic suppliers (coined words, trade words, legal forms, case,
# punctuation, "The", typos, branch suffixes), one record each, to a temp
# folder; dedupe-supplier resolves them under GNU time.  One line per N:
#   spellings  seconds(user+sys)  peak_KB  clusters  us_per_spelling
# Cost per spelling should stay flat (linear) or grow like log n.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$TOP/out/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- 100000 300000 1000000
printf 'spellings\tseconds\tpeak_KB\tclusters\tus_per_spelling\n'
for n in "$@"; do
	python3 - "$n" >"$tmp/in.jsonl" <<'PY'
import json, random, sys
n = int(sys.argv[1])
rng = random.Random(n)
SYL = ("zen tia civ ica agil isys nor tel vir tu axi on cap ita sop ra ster "
       "lum ora qu ix ex ly tec dat ova kin etic omni vel oci ty syn apt iva "
       "cor vix mon eo nex us blu sky gra phi cal lo ent zor bit qub ico").split()
TRADE = ("Software Solutions Care Homes Building Services Consulting Cleaning "
         "Transport Catering Digital Networks Plumbing Heating Legal Print "
         "Security Training Recruitment Energy Waste Engineering").split()
LEGAL = ["Ltd", "Limited", "PLC", "LLP", "", "UK Ltd", "Group Ltd"]
BR = ["Leeds", "Manchester", "Bristol", "North East", "Head Office"]
seen = set()
out = sys.stdout
def coined():
    w = "".join(rng.choice(SYL) for _ in range(rng.choice((2, 3, 3, 4))))
    return w.capitalize()
def typo(v):
    w = list(v)
    j = rng.randrange(1, max(2, len(w) - 1))
    w.insert(j, w[j - 1])
    return "".join(w)
def variants(c):
    vs = [c, c.upper(), c.replace(" Ltd", " Limited"), "The " + c,
          c + " - " + rng.choice(BR), typo(c), c.replace(" ", "  ", 1)]
    rng.shuffle(vs)
    return vs[:3]
count = 0
while count < n:
    c = " ".join([coined()] + rng.sample(TRADE, rng.choice((1, 1, 2))))
    suf = rng.choice(LEGAL)
    c = (c + " " + suf).strip()
    for v in variants(c):
        if v not in seen:
            seen.add(v)
            out.write(json.dumps({"kind": "payment", "supplier": v,
                                  "amount": 1.0}) + "\n")
            count += 1
PY
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$BIN/dedupe-supplier" -v \
	    "$tmp/in.jsonl" >/dev/null 2>"$tmp/err"
	read -r u s kb <"$tmp/time"
	cl=$(sed -n 's/^dedupe-supplier: file=\* .* clusters=\([0-9]*\) .*/\1/p' "$tmp/err")
	sp=$(sed -n 's/^dedupe-supplier: file=\* .* spellings=\([0-9]*\) .*/\1/p' "$tmp/err")
	awk -v sp="$sp" -v u="$u" -v s="$s" -v kb="$kb" -v cl="$cl" \
	    'BEGIN { t = u + s; printf "%d\t%.2f\t%d\t%d\t%.2f\n", sp, t, kb, cl, t * 1e6 / sp }'
done
