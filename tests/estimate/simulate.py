#!/usr/bin/env python3
"""simulate.py COUNCILS OUTDIR TRIALS SEED: simulated universes for estimate.

The universe is the councils table itself (its current authorities of the
estimated types, with their real populations).  Each trial gives every
authority a known tech spend per head: a level per type (drawn once per
trial), times a factor for the authority (log-normal, sd 0.35), so spend
per head varies within a type as councils do.  Monthly spend is that
year's spend / 12 with noise of +-20% per month, in whole pence; the truth
is the exact sum of every authority's twelve months (python integers).
A random 30% of each type's authorities is observed (at least 3); an
observed authority publishes 10, 11 or 12 of its months.  Trial t's
records go to OUTDIR/t.jsonl (one payment per authority-month, financial
year 2023-24), and the truths (England's, in pence) to OUTDIR/truth.tsv.
Deterministic: the same arguments give the same files."""
import math
import os
import random
import sys

TYPES = ["county", "district", "unitary", "metropolitan-district",
         "london-borough"]


def main():
    councils, out, trials, seed = sys.argv[1], sys.argv[2], \
        int(sys.argv[3]), int(sys.argv[4])
    auth = []
    with open(councils, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        col = {n: i for i, n in enumerate(head)}
        for line in f:
            r = line.rstrip("\n").split("\t")
            if r[col["end"]] or r[col["nation"]] != "England" \
                    or r[col["type"]] not in TYPES \
                    or not r[col["population"]]:
                continue
            auth.append((r[col["gss"]], r[col["type"]],
                         int(r[col["population"]])))
    rng = random.Random(seed)
    truths = []
    for t in range(trials):
        level = {ty: rng.uniform(3.0, 12.0) for ty in TYPES}  # pounds/head
        monthly = {}
        truth = 0
        for gss, ty, pop in auth:
            per_head = level[ty] * math.exp(rng.gauss(0, 0.35))
            year = per_head * pop * 100  # pence
            months = [int(round(year / 12 * rng.uniform(0.8, 1.2)))
                      for _ in range(12)]
            monthly[gss] = months
            truth += sum(months)
        truths.append(truth)
        with open(os.path.join(out, "%d.jsonl" % t), "w") as f:
            for ty in TYPES:
                members = [a for a in auth if a[1] == ty]
                k = max(3, int(round(0.3 * len(members))))
                for gss, _, _ in sorted(rng.sample(members, k)):
                    n = rng.choice((10, 11, 12))
                    for m in sorted(rng.sample(range(12), n)):
                        y, mon = (2023, m + 4) if m < 9 else (2024, m - 8)
                        p = monthly[gss][m]
                        f.write('{"kind":"payment","buyer_id":"%s",'
                                '"date":"%04d-%02d-15","amount":%d.%02d,'
                                '"sector":"tech","category":"software"}\n'
                                % (gss, y, mon, p // 100, p % 100))
    with open(os.path.join(out, "truth.tsv"), "w") as f:
        for t, v in enumerate(truths):
            f.write("%d\t%d\n" % (t, v))


main()
