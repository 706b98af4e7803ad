#!/usr/bin/env python3
# score-pounds.py [-d N] FILE: score classify-sector output by pounds.
# Each record carries x_label (tech, other, or none: left out) set before
# the codes were hidden.  Prints key=value lines: n (records scored),
# tech_pounds (labelled tech), tp, fp, fn (pounds, two decimals, summed
# exactly in pence from the JSON text), precision, recall; with -d N, the
# N largest disagreements by supplier as comments.
import collections, json, sys
from decimal import Decimal

args = sys.argv[1:]
top = 0
if args[:1] == ["-d"]:
    top, args = int(args[1]), args[2:]
tp = fp = fn = tn = 0
n = 0
dis = collections.defaultdict(lambda: [0, 0, 0, ""])
for line in open(args[0], encoding="utf-8"):
    r = json.loads(line, parse_float=Decimal)
    lab = r.get("x_label")
    if lab not in ("tech", "other"):
        continue
    a = r.get("amount", r.get("value"))
    try:
        p = abs(int(round(Decimal(str(a)) * 100)))
    except Exception:
        p = 0
    n += 1
    t, q = lab == "tech", r["sector"] == "tech"
    if t and q:
        tp += p
    elif q:
        fp += p
    elif t:
        fn += p
    else:
        tn += p
    if t != q:
        d = dis[(r.get("supplier_name") or r.get("supplier") or "", lab)]
        d[0] += p
        d[1] += 1
        d[3] = r.get("why", "")
        d[2] = r.get("x_class", "")
pounds = lambda p: "%d.%02d" % divmod(p, 100)
print("n=%d" % n)
print("tech_pounds=%s" % pounds(tp + fn))
print("tp=%s fp=%s fn=%s" % (pounds(tp), pounds(fp), pounds(fn)))
print("precision=%.4f" % (tp / (tp + fp) if tp + fp else 0))
print("recall=%.4f" % (tp / (tp + fn) if tp + fn else 0))
for (name, lab), (p, k, cls, why) in sorted(dis.items(),
        key=lambda x: -x[1][0])[:top]:
    print("# %12s  %4d rec  class says %-5s (%s)  we: %s  %s" % (
        pounds(p), k, lab, cls, why, name))
