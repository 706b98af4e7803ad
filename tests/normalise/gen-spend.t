#!/usr/bin/env bash
# gen-spend.t: normalise the files of the shared generator (20,000 rows,
# 240 files in its many header, date, amount, encoding and line-end
# dialects) and check every file's record count and amount total, to the
# penny, against the generator's truth/files.tsv.  Also: the same input
# gives byte-identical output.  Skips when the generator is absent.
source "$TOP/tests/lib/tap.sh"
gen_spend "gen-spend" "$TMP/gs" --rows 20000 --seed 7
cd "$TMP/gs" || exit 1
"$BIN/normalise" -v *.csv >"$TMP/out" 2>"$TMP/err"
same "normalise exits 0" 0 "$?"
"$BIN/normalise" *.csv 2>/dev/null | cmp -s - "$TMP/out" &&
	ok "output is deterministic" || not_ok "output is deterministic"
python3 - "$TMP/out" <<'PY'
import csv, json, sys
from collections import defaultdict
from decimal import Decimal
n, s = defaultdict(int), defaultdict(int)
for line in open(sys.argv[1]):
    r = json.loads(line)
    f = r["source"].rsplit(":", 1)[0]
    n[f] += 1
    s[f] += int(Decimal(str(r["amount"])) * 100)
files = 0
for t in csv.DictReader(open("truth/files.tsv"), delimiter="\t"):
    f = t["file"]
    files += 1
    good = n[f] == int(t["data_rows"]) and s[f] == int(t["sum_pence"])
    print("%s - %s: %s rows, %s pence" % ("ok" if good else "not ok", f,
          t["data_rows"], t["sum_pence"]))
    if not good:
        print("#   got %d rows, %d pence (%s, %s, %s)" % (n[f], s[f],
              t["encoding"], t["date_format"], t["amount_format"]))
print("%s - truth lists files" % ("ok" if files else "not ok"))
PY
