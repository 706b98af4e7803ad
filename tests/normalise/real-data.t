#!/usr/bin/env bash
# real-data.t: normalise every spend CSV under $SHARED (wild/ too, in the
# plain build) and check it against
# a control computed here, independently, with Python's csv module: per
# file, >= 99% of the non-blank data rows become records, the records'
# amount total equals the control total to the penny, the -v counts
# reconcile (rows = records + rejects + skipped) and -v's line count is
# the file's physical line count.  Skips when the data is absent.
source "$TOP/tests/lib/tap.sh"
if ! have_shared; then
	skip "real data" "no $SHARED"
	exit 0
fi
command -v python3 >/dev/null || { skip "real data" "no python3"; exit 0; }

# Hyndburn drops its header in some months (it sits at the end of the
# file); those take the layout of a month that has one.
layout_for() {
	case $1 in
	hyndburn/April-25-CSV.csv|hyndburn/March-25-CSV.csv|hyndburn/Sept-25-CVS.csv)
		echo hyndburn/February-2025-csv.csv ;;
	esac
}

cd "$SHARED" || exit 1
: >"$TMP/list"
n=0
# wild/ (one file a year, 2010-2022, from six of these councils) only in
# the plain build: the sanitizer pass reads the rest
wild=
case $BIN in */san/*) ;; *) wild=$(ls wild/*/*.csv 2>/dev/null) ;; esac
for f in */*.csv $wild; do
	case $f in reference_*|salford_contracts_register/*) continue ;; esac
	n=$((n + 1))
	lay=$(layout_for "$f")
	args=(-v)
	[ -n "$lay" ] && args+=(--layout "$lay")
	"$BIN/normalise" "${args[@]}" "$f" >"$TMP/$n.out" 2>"$TMP/$n.err"
	printf '%s\t%s\t%s\t%s\n' "$n" "$?" "$f" "$lay" >>"$TMP/list"
done

python3 - "$TMP" "$TOP/tests/lib" <<'PY'
import csv, io, json, os, re, sys
sys.path.insert(0, sys.argv[2])
import vlog
from decimal import Decimal, ROUND_HALF_EVEN

tmp = sys.argv[1]
# amount headers of these files, best first, compared as lower-case
# letters only ("Net Amount(£)" and "Net Amount (œ)" are "netamount")
AMOUNT = ["netamount", "net", "totalexcludesvat", "amountpaid", "amount",
          "invoicedvalue"]

def text(path):
    b = open(path, "rb").read()
    for bom in (b"\xc3\xaf\xc2\xbb\xc2\xbf", b"\xef\xbb\xbf"):
        while b.startswith(bom):
            b = b[len(bom):]
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")

def lines(path):
    b = open(path, "rb").read()
    n = len(re.findall(rb"\r\n|\r|\n", b))
    if b and b[-1:] not in (b"\r", b"\n"):
        n += 1
    return n

def amount_col(row):
    names = ["".join(ch for ch in c.lower() if "a" <= ch <= "z") for c in row]
    if not any("date" in n for n in names):
        return None             # a header names a date column too
    for a in AMOUNT:
        if a in names:
            return names.index(a)
    return None

def pence(s):
    s = s.strip().replace("£", "").replace(",", "").replace(" ", "")
    neg = False
    if s.startswith("(") and s.endswith(")"):
        s, neg = s[1:-1], True
    if s.endswith("-"):
        s, neg = s[:-1], True
    if s.upper().endswith("CR"):
        s, neg = s[:-2], True
    d = Decimal(s)
    # a third decimal is a half penny or so: rounded half to even
    r = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    if abs(d - d.quantize(Decimal("0.001"))) > Decimal("0.000001"):
        return None             # past a tenth of a penny: not money
    p = int(r * 100)
    return -p if neg else p

def control(path, layout):
    col = None
    if layout:
        for r in csv.reader(io.StringIO(text(layout), newline="")):
            col = amount_col(r)
            if col is not None:
                break
    n = total = 0
    for r in csv.reader(io.StringIO(text(path), newline="")):
        if not any(c.strip() for c in r):
            continue
        c = amount_col(r)
        if c is not None:
            col = c
            continue
        if col is None:
            continue
        if any(c.strip().lower() in ("total", "grand total") for c in r):
            continue
        if not any(c.strip() for i, c in enumerate(r) if i != col):
            continue            # nothing but an amount: a sum
        n += 1
        try:
            p = pence(r[col] if col < len(r) else "")
        except Exception:
            p = None
        if p is not None:
            total += p
    return n, total, lines(path)

sys.path.insert(0, os.path.join(os.environ["TOP"], "tests/lib"))
from tap import tap

files = 0
for line in open(tmp + "/list"):
    n, rc, path, layout = line.rstrip("\n").split("\t")
    files += 1
    err = open("%s/%s.err" % (tmp, n), errors="replace").read()
    if rc != "0":
        tap(False, "%s: normalise exits %s" % (path, rc), err[:300])
        continue
    recs = [json.loads(l) for l in open("%s/%s.out" % (tmp, n))]
    got = sum(int(Decimal(str(r["amount"])) * 100) for r in recs)
    want_rows, want_pence, want_lines = control(path, layout)
    v = vlog.files(err, "normalise").get(path)
    if v is None:
        tap(False, "%s: -v counts" % path, err[:300])
        continue
    l, rows, nrec, nrej = (int(v[k]) for k in
                           ("lines", "rows", "records", "rejects"))
    nskip = sum(int(v[k]) for k in ("blank", "preamble", "header"))
    tap(rows == nrec + nrej + nskip,
        "%s: rows = records + rejects + skipped" % path, v)
    tap(nrec == len(recs), "%s: -v records = records written" % path,
        "%d vs %d" % (nrec, len(recs)))
    tap(l == want_lines, "%s: physical lines" % path,
        "expected %d, -v says %d" % (want_lines, l))
    print("# %s: %d of %d data rows are records (%.2f%%)" %
          (path, len(recs), want_rows, 100.0 * len(recs) / max(want_rows, 1)))
    tap(want_rows > 0 and len(recs) * 100 >= want_rows * 99,
        "%s: >= 99%% of data rows are records" % path,
        "%d of %d" % (len(recs), want_rows))
    tap(got == want_pence, "%s: amount total equals the control" % path,
        "expected %d pence, records sum to %d" % (want_pence, got))
tap(files > 0, "found %d spend CSVs" % files)
PY

# The contract register: every row a record, the values' total and the
# SME answers as a control reads them.
f=salford_contracts_register/2022-07_contracts_register.csv
if [ -f "$f" ]; then
	"$BIN/normalise" --kind contract "$f" >"$TMP/con.out" 2>"$TMP/con.err"
	same "$f: --kind contract exits 0" 0 "$?"
	python3 - "$f" "$TMP/con.out" <<'PY'
import csv, io, json, sys
from decimal import Decimal
t = open(sys.argv[1], "rb").read().decode("utf-8")
while t.startswith("\u00ef\u00bb\u00bf"):
    t = t[3:]
rows = list(csv.DictReader(io.StringIO(t, newline="")))
want = (len(rows),
        sum(int(Decimal(r["Total Contract Value (including extensions)"]
                        .strip("- ") or "0") * 100) for r in rows),
        sum(r["SME Supplier?"].strip() == "Yes" for r in rows),
        sum(r["SME Supplier?"].strip() == "No" for r in rows))
recs = [json.loads(l) for l in open(sys.argv[2])]
got = (len(recs),
       sum(int(Decimal(str(r.get("value", 0))) * 100) for r in recs),
       sum(r.get("sme") is True for r in recs),
       sum(r.get("sme") is False for r in recs))
ok = want == got and all(r["kind"] == "contract" for r in recs)
print(("ok" if ok else "not ok") + " - contract register: rows, value total"
      " and SME answers match the control")
if not ok:
    print("#   want %r got %r" % (want, got))
PY
fi

# The months whose header sits at the end also read without --layout (the
# file is searched on and read again), to the same records.
for f in hyndburn/April-25-CSV.csv hyndburn/March-25-CSV.csv hyndburn/Sept-25-CVS.csv; do
	[ -f "$f" ] || continue
	a=$("$BIN/normalise" --layout "$(layout_for "$f")" "$f" 2>&1 | md5sum)
	b=$("$BIN/normalise" "$f" 2>&1 | md5sum)
	same "$f: header at the end, no --layout" "$a" "$b"
done
