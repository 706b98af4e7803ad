#!/usr/bin/env bash
# bad-csv.t: normalise on a corpus of unusable or damaged CSV files (made
# by mkcorpus.py in $TMP): each gets a clear one-line error or rejects with
# reasons, exit 0 or 1, never a crash, hang or silent truncation.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/hardening/lib.sh"
if [ ! -x "$BIN/normalise" ]; then
	skip "normalise bad-input corpus" "normalise not built"
	exit 0
fi
C=$TMP/corpus
mkdir -p "$C" && "$PYTHON" "$TOP/tests/hardening/mkcorpus.py" "$C" csv ||
	{ not_ok "make the corpus"; exit 1; }
n() { judge normalise "$1" "$2" "$C/$1" --rejects "$TMP/run.rej"; }

n empty.csv clean
n header-only.csv ok
same "header-only.csv: no records" 0 "$(wc -l <"$TMP/run.out")"
n html.csv bad
same "html.csv: no records" 0 "$(wc -l <"$TMP/run.out")"
n xlsx.csv bad
same "xlsx.csv: no records" 0 "$(wc -l <"$TMP/run.out")"
n wide-junk.csv bad
same "wide-junk.csv: no records" 0 "$(wc -l <"$TMP/run.out")"

n nul.csv clean
if [ "$RC" -eq 0 ]; then
	check "nul.csv: no NUL written" bash -c '! grep -q "\\\\u0000" "$1"' _ "$TMP/run.out"
fi
n badutf8.csv clean
if [ "$RC" -eq 0 ]; then
	same "badutf8.csv: every row accounted for" 2 \
	    "$(cat "$TMP/run.out" "$TMP/run.rej" | wc -l)"
	check "badutf8.csv: Windows-1252 byte read as é" grep -q 'Café' "$TMP/run.out"
fi

# 50 MB in one field (5 MB on the sanitizer build): kept whole, or rejected with a reason; never cut.
n longline.csv clean
if [ "$RC" -eq 0 ]; then
	same "longline.csv: every row accounted for" 2 \
	    "$(cat "$TMP/run.out" "$TMP/run.rej" | wc -l)"
	if grep -q '"source":"longline.csv:2"' "$TMP/run.out"; then
		check "longline.csv: $HARDENING_LONG_MB MB description not truncated" \
		    test "$(line_len "$TMP/run.out" 1)" -gt "$LONG"
	fi
fi

n oneline.csv bad
same "oneline.csv: no records" 0 "$(wc -l <"$TMP/run.out")"

# The rows around a damaged one still come out; the damaged one is a reject.
for c in unterminated.csv truncated.csv bigamount.csv; do
	n $c bad
	if [ "$RC" -eq 0 ]; then
		same "$c: the good row is a record" 1 "$(wc -l <"$TMP/run.out")"
		same "$c: the damaged row is a reject" 1 "$(wc -l <"$TMP/run.rej")"
	fi
done
check "bigamount.csv: no amount wrapped past int64" \
	bash -c '! grep -q "99999999999999999999999" "$1"' _ "$TMP/run.out"

# 100,000 columns with the known ones first: two records, in time.
n wide.csv ok
same "wide.csv: both rows are records" 2 "$(wc -l <"$TMP/run.out")"
