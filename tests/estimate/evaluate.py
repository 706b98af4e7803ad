#!/usr/bin/env python3
"""evaluate.py TRUTH.TSV EST1 EST2 ...: read estimate's output of each
trial (EST files in trial order), take England's tech total, and print
  trials=N covered=C median_error_pct=E covered_shifted=S
covered: trials whose 90% interval holds the truth; median error: the
median of |estimate - truth| / truth in percent; covered_shifted: the
same count against the truth x 1.10, which a working test must see fall
(an interval that covers anything would pass the first check alone).
Amounts are read as exact pence (strings split at the point)."""
import json
import sys


def pence(s):
    neg = s.startswith("-")
    whole, frac = s.lstrip("-").split(".")
    v = int(whole) * 100 + int(frac)
    return -v if neg else v


def main():
    truth = [int(l.split("\t")[1]) for l in open(sys.argv[1])]
    covered = shifted = 0
    errors = []
    for t, path in enumerate(sys.argv[2:]):
        rec = None
        for line in open(path):
            # numbers kept as text so pence stay exact
            r = json.loads(line, parse_float=str)
            if r["kind"] == "estimate" and r["scope"] == "england" \
                    and r["type"] is None and r["measure"] == "tech" \
                    and r["category"] is None:
                rec = r
        if rec is None or rec["estimate"] is None or rec["lo"] is None:
            print("trial %d: no England estimate with an interval" % t)
            sys.exit(1)
        est, lo, hi = (pence(rec[k]) for k in ("estimate", "lo", "hi"))
        covered += lo <= truth[t] <= hi
        shifted += lo * 100 <= truth[t] * 110 <= hi * 100
        errors.append(abs(est - truth[t]) / truth[t] * 100)
    errors.sort()
    n = len(errors)
    med = (errors[(n - 1) // 2] + errors[n // 2]) / 2
    print("trials=%d covered=%d median_error_pct=%.2f covered_shifted=%d"
          % (n, covered, med, shifted))


main()
