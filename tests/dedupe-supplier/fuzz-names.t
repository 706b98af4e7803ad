#!/usr/bin/env bash
# fuzz-names.t: 20,000 seeded random names (ASCII punctuation, Latin-1,
# dashes and quotes, combining marks, CJK, emoji, legal words, t/a, dashes,
# parentheses, stars, slashes) must all come out, quickly and without a
# crash; and the run is the same twice.
source "$TOP/tests/lib/tap.sh"
python3 - >"$TMP/in.jsonl" <<'PY'
import json, random
rng = random.Random(42)
pool = (list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        + list(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + list("  ()--&&..''")
        + list("éèêëÉàçñöüßøæœ–—‘’“”´`·•…™©®°±×÷€£")
        + ["\u0301", "\u0308", "\u00a0", "\u200b", "\u4e2d", "\u6587",
           "\U0001f600", "\u0627", "\u05d0", "\u0416"])
words = ["Ltd", "Limited", "PLC", "LLP", "t/a", "T/A", "trading as", "c/o",
         "The", "and", "&", "(UK)", "- Leeds", "(Leeds Branch)", "Co",
         "Public Limited Company", "Mr", "**1234", "Unit 4", "Care", "Homes"]
for i in range(20000):
    parts = []
    for _ in range(rng.randrange(1, 7)):
        if rng.random() < 0.4:
            parts.append(rng.choice(words))
        else:
            parts.append("".join(rng.choice(pool)
                                 for _ in range(rng.randrange(1, 12))))
    print(json.dumps({"kind": "payment", "supplier": " ".join(parts),
                      "amount": 1.0}, ensure_ascii=False))
PY
for run in 1 2; do
	timeout 60 "$BIN/dedupe-supplier" --crosswalk "$TMP/x$run.tsv" \
	    "$TMP/in.jsonl" >"$TMP/out$run.jsonl"
	echo $? >"$TMP/rc$run"
done
same "exits 0 within 60 s" 0 "$(cat "$TMP/rc1")"
same "every record comes out" 20000 "$(wc -l <"$TMP/out1.jsonl")"
check "same output twice" cmp "$TMP/out1.jsonl" "$TMP/out2.jsonl"
check "same crosswalk twice" cmp "$TMP/x1.tsv" "$TMP/x2.tsv"
