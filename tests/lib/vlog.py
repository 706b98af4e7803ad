"""vlog.py: read the -v lines of the filters (vlog_* in filters/lib/util.h).

    PROG: file=NAME key=value key=value ...

one per input file, then one with file=* for the whole run.  A value is bare
([A-Za-z0-9._/:+*@%-]) or a JSON string.  Other stderr lines (errors,
"PROG: file:line: message") are left out: they never start with "file=".

    lines(text, prog=None)  -> [(prog, {key: value})], values as text
    files(text, prog)       -> {file: {key: value}} (file "*": the run)
"""
import json
import re

LINE = re.compile(r"^([a-z][a-z-]*): (file=.*)$")
PAIR = re.compile(r'([a-z_]+)=("(?:[^"\\]|\\.)*"|[A-Za-z0-9._/:+*@%-]+)(?: |$)')


def parse(rest):
    """The key=value pairs of one line after "PROG: ", or None when the line
    is not all pairs."""
    d, i = {}, 0
    while i < len(rest):
        m = PAIR.match(rest, i)
        if m is None:
            return None
        v = m.group(2)
        d[m.group(1)] = json.loads(v) if v.startswith('"') else v
        i = m.end()
    return d


def lines(text, prog=None):
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m is None or (prog is not None and m.group(1) != prog):
            continue
        d = parse(m.group(2))
        if d is not None:
            out.append((m.group(1), d))
    return out


def files(text, prog):
    return {d["file"]: d for _, d in lines(text, prog)}


if __name__ == "__main__":  # self-test: python3 vlog.py
    t = ('normalise: file="my \\"odd\\" =f\u00efle.csv" rows=3 amount=-1.50\n'
         "normalise: x.csv:4: not a number\n"
         "normalise: file=* files=1 rows=3\n")
    f = files(t, "normalise")
    assert f['my "odd" =f\u00efle.csv'] == {
        "file": 'my "odd" =f\u00efle.csv', "rows": "3", "amount": "-1.50"}, f
    assert f["*"]["files"] == "1" and len(f) == 2, f
    print("ok")
