#!/usr/bin/env python3
"""crosscheck.py UNIVERSE RECORDS ESTIMATE-OUTPUT: recompute, independently
of estimate.c, the England and UK totals of all tech spend for every
financial year with their 90% intervals (the generator, the rescaling
bootstrap, the percentiles and the t widening as estimate.1 describes
them, in the same order of floating-point operations) and compare them
with estimate's output to the penny.  Prints one line per figure checked
and exits 1 on any difference.  Only for inputs whose records carry
buyer_id, date, amount and sector, with default options (-b 1000 -s 1
-m 10)."""
import json
import math
import sys

M64 = (1 << 64) - 1
TYPES = ["county", "district", "unitary", "metropolitan-district",
         "london-borough", "scottish-unitary", "welsh-unitary", "ni-district"]
SCOPES = [("uk", 8, {"lse", "rest", "outside"}), ("england", 5, {"lse", "rest"})]
T95 = [0, 6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.943180,
       1.894579, 1.859548, 1.833113, 1.812461, 1.795885, 1.782288, 1.770933,
       1.761310, 1.753050, 1.745884, 1.739607, 1.734064, 1.729133, 1.724718,
       1.720743, 1.717144, 1.713872, 1.710882, 1.708141, 1.705618, 1.703288,
       1.701131, 1.699127, 1.697261]
Z95 = 1.644854
BOOT, SEED, MINM = 1000, 1, 10


class SplitMix:
    def __init__(self, x):
        self.x = x & M64

    def next(self):
        self.x = (self.x + 0x9e3779b97f4a7c15) & M64
        z = self.x
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M64
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M64
        return z ^ (z >> 31)


class Xoshiro:
    def __init__(self, seed):
        sm = SplitMix(seed)
        self.s = [sm.next() for _ in range(4)]

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64
        out = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    def below(self, n):
        lim = ((1 << 64) - n) % n
        while True:
            x = self.next()
            if x >= lim:
                return x % n


def div_round(a, b):
    neg = (a < 0) != (b < 0)
    q = (2 * abs(a) + abs(b)) // (2 * abs(b))
    return -q if neg else q


def round_half(x):
    return -math.floor(-x + 0.5) if x < 0 else math.floor(x + 0.5)


def widen(df):
    if not df > 0:
        return 1.0
    df = max(df, 1.0)
    if df >= 30:
        t = Z95 + (T95[30] - Z95) * (30 / df)
    else:
        d = int(df)
        a, b = 1 / d, 1 / (d + 1)
        t = T95[d] + (T95[d + 1] - T95[d]) * ((a - 1 / df) / (a - b))
    return t / Z95


def main():
    univ, rows = {}, open(sys.argv[1], encoding="utf-8").read().splitlines()
    col = {n: i for i, n in enumerate(rows[0].split("\t"))}
    for line in rows[1:]:
        r = line.split("\t")
        reg, nat = r[col["region"]], r[col["nation"]]
        area = "outside" if nat != "England" else \
            "lse" if reg in ("London", "South East") else "rest"
        univ[r[col["gss"]]] = (r[col["type"]], area,
                               int(r[col["population"]] or 0),
                               r[col["end"]] == "")
    months, tech = {}, {}
    for line in open(sys.argv[2]):
        r = json.loads(line)
        y, m = int(r["date"][:4]), int(r["date"][5:7])
        mi = y * 12 + m - 1
        fy = (mi - 3) // 12
        whole, frac = r["amount"].split(".") if isinstance(r["amount"], str) \
            else ("%.2f" % r["amount"]).split(".")
        p = int(whole.lstrip("-")) * 100 + int(frac)
        p = -p if whole.startswith("-") else p
        key = (r["buyer_id"], fy)
        months.setdefault(key, set()).add(mi)
        tech[key] = tech.get(key, 0) + (p if r.get("sector") == "tech" else 0)
    got = {}
    for line in open(sys.argv[3]):
        r = json.loads(line, parse_float=str)
        if r["kind"] == "estimate" and r["type"] is None and \
                r["measure"] == "tech" and r["category"] is None:
            got[(r["fy"], r["scope"])] = (r["estimate"], r["lo"], r["hi"])
    bad = 0
    for fy in sorted({k[1] for k in months}):
        units = []
        for b in sorted(k[0] for k in months if k[1] == fy):
            n = len(months[(b, fy)])
            if n < MINM or b not in univ or univ[b][0] not in TYPES \
                    or univ[b][2] <= 0:
                continue
            units.append((b, univ[b][0], univ[b][1], univ[b][2],
                          div_round(tech[(b, fy)] * 12, n)))
        for sc, (name, nt, areas) in enumerate(SCOPES):
            seed = SplitMix(SEED)
            s0 = seed.next() ^ fy
            sm = SplitMix(s0)
            s1 = sm.next() ^ sc
            rng = Xoshiro(s1)
            rep = [0.0] * BOOT
            total, missing, thin, vs = 0, False, False, []
            negative = False
            for t in TYPES[:nt]:
                uc = [g for g, v in univ.items() if v[3] and v[0] == t
                      and v[1] in areas and v[2] > 0]
                upop = sum(univ[g][2] for g in uc)
                obs = [u for u in units if u[1] == t and u[2] in areas]
                n = len(obs)
                w = None
                if n >= 2:
                    f = n / len(uc) if uc else 1
                    lam = 0.0 if f >= 1 else math.sqrt(1 - f)
                    w = []
                    for _ in range(BOOT):
                        cnt = [0] * n
                        for _ in range(n - 1):
                            cnt[rng.below(n)] += 1
                        k = lam * n / (n - 1)
                        w.append([1 - lam + k * c for c in cnt])
                if upop <= 0:
                    continue
                if n == 0:
                    missing = True
                    continue
                if n == 1 and len(uc) > 1:
                    thin = True
                sy, sp = sum(u[4] for u in obs), sum(u[3] for u in obs)
                negative = negative or any(u[4] < 0 for u in obs)
                total += div_round(sy * upop, sp)
                tmp = []
                for b in range(BOOT):
                    if w is None:
                        tmp.append(sy / sp * upop)
                    else:
                        num = den = 0.0
                        for i, u in enumerate(obs):
                            den += w[b][i] * u[3]
                        for i, u in enumerate(obs):
                            num += w[b][i] * float(u[4])
                        tmp.append(num / den * upop)
                    rep[b] += tmp[-1]
                if w is not None:
                    mean = 0.0
                    for x in tmp:
                        mean += x
                    mean /= BOOT
                    ss = 0.0
                    for x in tmp:
                        ss += (x - mean) * (x - mean)
                    vs.append((ss / (BOOT - 1), n))
            fyl = "%04d-%02d" % (fy, (fy + 1) % 100)
            if missing or thin:
                continue
            s_ = sum(v for v, _ in vs)
            d_ = sum(v * v / (n - 1) for v, n in vs)
            df = s_ * s_ / d_ if d_ > 0 else 0
            k = widen(df)
            rep.sort()
            lo = total - k * (total - rep[BOOT * 5 // 100])
            hi = total + k * (rep[BOOT - 1 - BOOT * 5 // 100] - total)
            if not negative:
                lo = max(lo, 0.0)
            want = ("%d.%02d" % divmod(total, 100),
                    "%d.%02d" % divmod(int(round_half(lo)), 100),
                    "%d.%02d" % divmod(int(round_half(hi)), 100))
            have = got.get((fyl, name))
            ok = have == want
            bad += not ok
            print("%s %s %s: estimate %s [%s, %s]%s" % (
                "ok" if ok else "DIFFERS", fyl, name, *want,
                "" if ok else " estimate wrote %s" % (have,)))
    sys.exit(1 if bad else 0)


main()
