#!/usr/bin/env bash
# threads.t: normalise reads on one thread and normalises on another
# (--threads 2, the default on a multi-core machine) or does both on one
# (--threads 1).  The output, the messages, the -v counts and the exit
# status must be the same bytes either way, whatever the timing: on every
# golden case here, on files made to cross many batch boundaries (quoted
# line breaks, a 1 MB field, CR-only ends), on the ways a stream stops
# early (no header on a pipe, a NUL byte, an unbalanced quote, a read
# error), on repeated runs, and on every real spend file in $SHARED.
source "$TOP/tests/lib/tap.sh"
cd "$TOP/tests/normalise" || exit 1

# agree NAME: ok when the runs with 1 and 2 threads left the same
# output ($TMP/o1, o2) and messages with status ($TMP/e1, e2).
agree() {
	if cmp -s "$TMP/o1" "$TMP/o2" && cmp -s "$TMP/e1" "$TMP/e2"; then
		ok "$1: --threads 1 and 2 agree"
	else
		not_ok "$1: --threads 1 and 2 agree" \
		    "$(diff "$TMP/e1" "$TMP/e2" | head -n 5)" \
		    "$(diff "$TMP/o1" "$TMP/o2" | head -n 5)"
	fi
}

# run_both NAME [--pipe FILE] ARGS...: compare --threads 1 and 2 (with
# --pipe, FILE comes through a pipe, which cannot be read twice).
run_both() {
	local name=$1 in=/dev/null t
	shift
	if [ "$1" = --pipe ]; then in=$2; shift 2; fi
	for t in 1 2; do
		cat "$in" | "$BIN/normalise" --threads "$t" "$@" \
		    >"$TMP/o$t" 2>"$TMP/e$t"
		echo "rc=$?" >>"$TMP/e$t"
	done
	agree "$name"
}

# 1. every golden case that reads data, as the golden runner runs it
for args in *.args; do
	case=${args%.args}
	case $case in help|version|usage-error|map-error) continue ;; esac
	argv=$(cat "$args")
	in=/dev/null
	[ -f "$case.in" ] && in=$case.in
	for t in 1 2; do
		eval "\"\$BIN/normalise\" --threads $t $argv" <"$in" \
		    >"$TMP/o$t" 2>"$TMP/e$t"
		echo "rc=$?" >>"$TMP/e$t"
	done
	agree "golden $case"
done

# 2. files that cross many batch boundaries
python3 - "$TMP" <<'PY'
import random, sys
d = sys.argv[1]
rnd = random.Random(11)
def rows(n, eol, quote_all):
    out = ["Title of the file" + eol, eol,
           "Body Name,Date,Supplier Name,Amount,Description" + eol]
    for i in range(n):
        desc = "line %d" % i
        r = rnd.random()
        if r < 0.05:
            desc = "two\nlines, \"quoted\"\r\nthree"
        elif r < 0.06:
            desc = "x" * rnd.randint(5000, 40000)
        sup = rnd.choice(["Acme Ltd", "  Spaced  Co ", "Caf\u00e9 Ltd",
                          "REDACTED", ""])
        amt = rnd.choice(["1,234.56", "(12.00)", "\u00a35", "bad", ""])
        cells = ["Leeds City Council", "%02d/04/2023" % (i % 28 + 1),
                 sup, amt, desc]
        if quote_all or any(c in desc for c in ',"\r\n'):
            cells = ['"' + c.replace('"', '""') + '"' for c in cells]
        out.append(",".join(cells) + eol)
    out.append("Total,,,999.00," + eol)
    return "".join(out)
open(d + "/lf.csv", "w", newline="").write(rows(20000, "\n", False))
open(d + "/crlf.csv", "w", newline="").write(rows(20000, "\r\n", True))
open(d + "/cr.csv", "w", newline="", encoding="cp1252",
     errors="replace").write(rows(20000, "\r", False))
big = rows(50, "\n", False).splitlines(True)
big.insert(10, 'Leeds City Council,01/04/2023,Big Field Ltd,1.00,"'
           + "y" * (1 << 20) + '"\n')
open(d + "/bigfield.csv", "w", newline="").write("".join(big))
# no header in the first 60 rows: fatal on a pipe, found late in a file
late = ["junk %d,more\n" % i for i in range(20000)]
late.append("Date,Supplier,Amount\n")
late += ["01/05/2023,Late Ltd,%d.00\n" % i for i in range(100)]
open(d + "/late.csv", "w").write("".join(late))
nul = rows(20000, "\n", False)
open(d + "/nul.csv", "w", newline="").write(
    nul[:len(nul) * 2 // 3] + "\0" + nul[len(nul) * 2 // 3:])
open(d + "/unbalanced.csv", "w", newline="").write(
    rows(100, "\n", False) + 'x,01/04/2023,Open Quote,1.00,"' +
    "z" * (17 << 20) + "\n" + rows(10, "\n", False))
PY
for f in lf crlf cr bigfield late nul unbalanced; do
	run_both "$f.csv" -v --rejects /dev/stdout "$TMP/$f.csv"
done
run_both "several files at once" -v "$TMP/lf.csv" "$TMP/cr.csv" \
    "$TMP/late.csv" "$TMP/crlf.csv"
run_both "late header on a pipe" --pipe "$TMP/late.csv" -v
run_both "NUL on a pipe" --pipe "$TMP/nul.csv" -v
run_both "a folder (read error)" -v "$TMP"
run_both "--layout from a file" -v --layout "$TMP/lf.csv" "$TMP/crlf.csv"

# the records themselves: every generated row is there
n=$("$BIN/normalise" --rejects /dev/null "$TMP/lf.csv" | wc -l)
r=$("$BIN/normalise" --rejects /dev/stdout "$TMP/lf.csv" >/dev/null; \
    "$BIN/normalise" --rejects /dev/stdout "$TMP/lf.csv" | grep -c '"reason"')
same "lf.csv: 20001 data rows = records + rejects" 20001 $((n + r))

# 3. the same bytes run after run (a race would show here)
"$BIN/normalise" --threads 1 -v "$TMP/crlf.csv" "$TMP/lf.csv" \
    >"$TMP/ref" 2>&1
bad=0
for i in $(seq 1 20); do
	"$BIN/normalise" --threads 2 -v "$TMP/crlf.csv" "$TMP/lf.csv" \
	    >"$TMP/rep" 2>&1
	cmp -s "$TMP/ref" "$TMP/rep" || bad=$((bad + 1))
done
same "20 threaded runs give the same bytes as one thread" 0 "$bad"

# 4. the program ends while the reader still reads: a fatal error in the
# normaliser (an amount total past int64) and a closed pipe
python3 - "$TMP/ovf.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as o:
    o.write("Date,Supplier,Amount\n")
    o.write("01/04/2023,Acme Ltd,1.00\n" * 50000)
    o.write("01/04/2023,Big Ltd,90000000000000000.00\n" * 2)
    o.write("01/04/2023,Acme Ltd,1.00\n" * 300000)
PY
timeout 60 "$BIN/normalise" --threads 2 "$TMP/ovf.csv" >/dev/null 2>"$TMP/err"
same "an overflowing total ends the threaded run with status 1" 1 "$?"
grep -q 'ovf.csv:50003: amount total overflows' "$TMP/err" &&
	ok "the overflow names file and line" ||
	not_ok "the overflow names file and line" "$(cat "$TMP/err")"
timeout 60 "$BIN/normalise" --threads 2 "$TMP/lf.csv" "$TMP/cr.csv" "$TMP/crlf.csv" 2>"$TMP/err" |
	head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
# SIGPIPE (141), or 0 when out_close() saw EPIPE first; a timeout (124), a
# crash (another signal) or a message is a failure
case $rc in
0|141) [ -s "$TMP/err" ] &&
	not_ok "a closed pipe ends the threaded run quietly" "$(head -n 3 "$TMP/err")" ||
	ok "a closed pipe ends the threaded run (status $rc)" ;;
*) not_ok "a closed pipe ends the threaded run" "status $rc" \
	"$(head -n 3 "$TMP/err")" ;;
esac

# 5. --threads checks its value
"$BIN/normalise" --threads 3 </dev/null >/dev/null 2>"$TMP/err"
same "--threads 3 is a usage error" 2 "$?"
grep -q -- '--threads 3: expected 1 or 2' "$TMP/err" &&
	ok "--threads 3 says why" || not_ok "--threads 3 says why" "$(cat "$TMP/err")"

# 6. the real spend files (the sanitizer pass, ten times slower, takes
# every fourth: the plain pass has them all)
if have_shared; then
	cd "$SHARED" || exit 1
	step=1
	case $BIN in */san/*) step=4 ;; esac
	bad=0 n=0 i=0
	for f in */*.csv; do
		case $f in reference_*) continue ;; esac
		i=$((i + 1))
		[ $((i % step)) -eq 0 ] || continue
		n=$((n + 1))
		"$BIN/normalise" --threads 1 -v "$f" >"$TMP/o1" 2>"$TMP/e1"
		"$BIN/normalise" --threads 2 -v "$f" >"$TMP/o2" 2>"$TMP/e2"
		if ! cmp -s "$TMP/o1" "$TMP/o2" || ! cmp -s "$TMP/e1" "$TMP/e2"; then
			bad=$((bad + 1))
			echo "# differs: $f"
		fi
	done
	same "real data: all $n files give the same bytes with 1 and 2 threads" 0 "$bad"
else
	skip "real data: 1 and 2 threads agree" "no $SHARED"
fi
