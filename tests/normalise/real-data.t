#!/usr/bin/env bash
# real-data.t: normalise every spend CSV under $SHARED and check it against
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

cat >"$TMP/control.py" <<'PY'
# control.py FILE [LAYOUT_FILE]: print "data_rows total_pence lines".
import csv, io, re, sys
from decimal import Decimal, ROUND_HALF_UP

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
    r = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if abs(d - r) > Decimal("0.000001"):
        return None             # not a whole number of pence
    p = int(r * 100)
    return -p if neg else p

path = sys.argv[1]
rows = list(csv.reader(io.StringIO(text(path), newline="")))
col, hdr = None, None
if len(sys.argv) > 2:
    for r in csv.reader(io.StringIO(text(sys.argv[2]), newline="")):
        col = amount_col(r)
        if col is not None:
            break
n = total = 0
for r in rows:
    if not any(c.strip() for c in r):
        continue
    c = amount_col(r)
    if c is not None:
        col, hdr = c, r
        continue
    if col is None:
        continue
    if any(c.strip().lower() in ("total", "grand total") for c in r):
        continue
    v = r[col].strip() if col < len(r) else ""
    n += 1
    try:
        p = pence(v)
    except Exception:
        p = None
    if p is not None:
        total += p
print(n, total, lines(path))
PY

cd "$SHARED" || exit 1
nfiles=0
for f in */*.csv; do
	case $f in reference_*|salford_contracts_register/*) continue ;; esac
	nfiles=$((nfiles + 1))
	lay=$(layout_for "$f")
	read -r want_rows want_pence want_lines < <(python3 "$TMP/control.py" "$f" $lay)
	args=(-v)
	[ -n "$lay" ] && args+=(--layout "$lay")
	"$BIN/normalise" "${args[@]}" "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		not_ok "$f: normalise exits $rc" "$(head -3 "$TMP/err")"
		continue
	fi
	recs=$(wc -l <"$TMP/out")
	# sum the records' amounts exactly (as text, no floating point)
	got_pence=$(jq -r '.amount | tostring' "$TMP/out" | python3 -c '
import sys
from decimal import Decimal
print(sum(int(Decimal(l) * 100) for l in sys.stdin if l.strip()))')
	v=$(grep -m1 ': lines ' "$TMP/err")
	re='lines ([0-9]+), rows ([0-9]+) = records ([0-9]+) \+ rejects ([0-9]+) \+ skipped ([0-9]+)'
	if [[ $v =~ $re ]]; then
		l=${BASH_REMATCH[1]} r=${BASH_REMATCH[2]} rc_=${BASH_REMATCH[3]}
		rj=${BASH_REMATCH[4]} sk=${BASH_REMATCH[5]}
		same "$f: rows = records + rejects + skipped" "$r" "$((rc_ + rj + sk))"
		same "$f: -v records = records written" "$recs" "$rc_"
		same "$f: physical lines" "$want_lines" "$l"
	else
		not_ok "$f: -v line" "$v"
	fi
	rate=$(( want_rows > 0 ? recs * 10000 / want_rows : 0 ))
	echo "# $f: $recs of $want_rows data rows ($((rate / 100)).$(printf %02d $((rate % 100)))%)"
	if [ "$want_rows" -gt 0 ] && [ $((recs * 100)) -ge $((want_rows * 99)) ]; then
		ok "$f: >= 99% of data rows are records"
	else
		not_ok "$f: >= 99% of data rows are records" "$recs of $want_rows"
	fi
	same "$f: amount total (pence) equals the control" "$want_pence" "$got_pence"
done
[ "$nfiles" -gt 0 ] && ok "found $nfiles spend CSVs" || not_ok "no spend CSVs in $SHARED"
