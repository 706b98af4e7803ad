#!/usr/bin/env bash
# vcounts.t: every -v line of the goldens here (*.err) reconciles its
# counts as the man page defines them: rows = records + rejects + blank +
# preamble + header, and each record is counted once by its supplier,
# records = supplier + redacted + no_supplier (a blank supplier cell is
# written redacted but counted under no_supplier, not twice); the counts
# of records (dated_by_period, outside_period, unknown_buyer) are at most
# the records.
source "$TOP/tests/lib/tap.sh"
cd "$TOP/tests/normalise" || exit 1
python3 - "$TOP/tests/lib" *.err <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import vlog
bad, n = [], 0
for path in sys.argv[2:]:
    for _, d in vlog.lines(open(path, encoding="utf-8", errors="replace").read(), "normalise"):
        if "records" not in d or "no_supplier" not in d:
            continue
        n += 1
        c = {k: int(d[k]) for k in ("rows", "records", "rejects", "blank",
             "preamble", "header", "supplier", "redacted", "no_supplier")}
        if c["supplier"] + c["redacted"] + c["no_supplier"] != c["records"]:
            bad.append("%s (%s): supplier %d + redacted %d + no_supplier %d != records %d"
                       % (path, d["file"], c["supplier"], c["redacted"], c["no_supplier"], c["records"]))
        if c["records"] + c["rejects"] + c["blank"] + c["preamble"] + c["header"] != c["rows"]:
            bad.append("%s (%s): rows %d do not add up" % (path, d["file"], c["rows"]))
        for k in ("dated_by_period", "outside_period", "unknown_buyer"):
            if int(d.get(k, 0)) > c["records"]:
                bad.append("%s (%s): %s %s > records %d" % (path, d["file"], k, d[k], c["records"]))
print(("ok" if n > 20 and not bad else "not ok") +
      " - %d -v lines of the goldens: records = supplier + redacted + no_supplier, rows add up, record counts <= records" % n)
for b in bad[:20]:
    print("#   " + b)
PY
