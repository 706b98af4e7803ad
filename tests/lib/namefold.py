"""namefold.py: a supplier name folded roughly as dedupe-supplier's name key
does, for the tests that check schemas/tech-suppliers.tsv from outside C."""
import re

LEGAL = {"ltd", "limited", "plc", "llp", "lp", "cic", "cio", "co", "company",
         "inc", "incorporated", "corp", "corporation", "llc", "gmbh", "bv",
         "sa", "ag", "pty"}


def fold(s):
    """Lower case, words of letters and digits, no "the"/"and", a run of
    single letters as one word ("B T" is "bt"), trailing legal forms dropped."""
    words = re.findall(r"[a-z0-9]+", s.lower().replace("&", " and ").replace("'", ""))
    words = [w for w in words if w not in ("the", "and")]
    joined = []
    for i, w in enumerate(words):
        if i > 0 and len(w) == 1 and w.isalpha() and len(words[i - 1]) == 1 and words[i - 1].isalpha():
            joined[-1] += w
        else:
            joined.append(w)
    words = joined
    while len(words) > 1 and words[-1] in LEGAL:
        words.pop()
    return " ".join(words)
