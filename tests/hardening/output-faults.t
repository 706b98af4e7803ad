#!/usr/bin/env bash
# output-faults.t: a full disk is an error with a message and a non-zero
# status; a closed pipe (| head -n 1) ends quietly: no message, status 0
# or death by SIGPIPE.  Inputs: a CSV of 20,000 rows for normalise, and
# records from tests/bench/gen-spellings for the others, both large enough
# to overflow any pipe buffer.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/hardening/lib.sh"
"$PYTHON" "$TOP/tests/bench/gen-spellings" --spellings 20000 --seed 2 \
	>"$TMP/recs.jsonl" 2>/dev/null || { not_ok "make records"; exit 1; }
awk 'BEGIN { print "Date,Supplier Name,Amount,Description"
	for (i = 1; i <= 20000; i++)
		printf "%02d/04/2023,Supplier %d Ltd,%d.%02d,Row %d\n", i % 28 + 1, i % 997, i, i % 100, i }' \
	>"$TMP/rows.csv"

for f in normalise aggregate dedupe-supplier classify-sector; do
	if [ ! -x "$BIN/$f" ]; then
		skip "$f output faults" "$f not built"
		continue
	fi
	in=$TMP/recs.jsonl args=()
	case $f in
	normalise) in=$TMP/rows.csv ;;
	aggregate) args=(--by source) ;;	# one group a record: big output
	esac

	timeout 30 "$BIN/$f" "${args[@]}" "$in" >/dev/full 2>"$TMP/err"
	rc=$?
	p=
	[ "$rc" -gt 0 ] && [ "$rc" -lt 128 ] || p="status $rc"
	report "$f: /dev/full exits 1..127 (exit $rc)" "$f" devfull ${p:+"$p"}
	first=$(head -n 1 "$TMP/err") p=
	case $first in "$f: "*) ;; *) p="message: '$first'" ;; esac
	report "$f: /dev/full says why" "$f" devfull-msg ${p:+"$p"}

	(timeout 30 "$BIN/$f" "${args[@]}" "$in" 2>"$TMP/err"; echo $? >"$TMP/rc") |
	    head -n 1 >"$TMP/first"
	rc=$(cat "$TMP/rc")
	p=
	[ "$rc" -eq 0 ] || [ "$rc" -eq 141 ] || p="status $rc"
	report "$f: closed pipe ends with status 0 or SIGPIPE (exit $rc)" \
	    "$f" pipe ${p:+"$p"}
	p=
	[ -s "$TMP/err" ] && p="stderr: $(head -n 1 "$TMP/err")"
	report "$f: closed pipe ends quietly" "$f" pipe-msg ${p:+"$p"}
	same "$f: the line before the pipe closed is whole" 1 \
	    "$(jq -c . "$TMP/first" 2>/dev/null | wc -l)"
done
