#!/usr/bin/env python3
# score-real.py LABELS WITH NONE: score classify-sector on real notices.
# LABELS has one line a record: tech, other, or none (no usable code: left
# out).  WITH is the output with the codes present (its category is the
# reference category), NONE the output with the codes removed.  Prints
# key=value lines (n, tp, fp, fn, tn, precision, recall, accuracy,
# agree_with_codes: records where WITH says what LABELS says) and, as
# comments, a confusion matrix by category and every disagreement.
import collections, json, sys

labs = [l.strip() for l in open(sys.argv[1])]
withc = [json.loads(l) for l in open(sys.argv[2])]
none = [json.loads(l) for l in open(sys.argv[3])]
assert len(labs) == len(withc) == len(none)
n = tp = fp = fn = tn = agree = 0
conf = collections.Counter()
dis = []
for lab, w, r in zip(labs, withc, none):
    if lab not in ("tech", "other"):
        continue
    n += 1
    agree += w["sector"] == lab
    t, p = lab == "tech", r["sector"] == "tech"
    tp += t and p
    fp += p and not t
    fn += t and not p
    tn += not t and not p
    conf[(w.get("category") or "other" if t else "other",
          r.get("category") or "other")] += 1
    if t != p:
        dis.append("%s->%s %s | %s | %s" % (lab, r["sector"], r["why"],
                   (r.get("title") or "")[:70], (r.get("supplier") or "")[:30]))
print("n=%d tp=%d fp=%d fn=%d tn=%d" % (n, tp, fp, fn, tn))
print("precision=%.4f" % (tp / max(tp + fp, 1)))
print("recall=%.4f" % (tp / max(tp + fn, 1)))
print("accuracy=%.4f" % ((tp + tn) / max(n, 1)))
print("agree_with_codes=%d" % agree)
cols = sorted({b for _, b in conf} | {a for a, _ in conf})
print("# confusion: category from the codes (rows) x without them (columns)")
print("#  %-20s" % "" + " ".join("%8.8s" % c for c in cols))
for a in cols:
    print("#  %-20s" % a + " ".join("%8d" % conf[(a, c)] for c in cols))
for d in dis:
    print("# " + d)
