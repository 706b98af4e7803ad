# lib.sh: helpers for the hardening tests; source it after tap.sh.
#
# judge FILTER CASE EXPECT FILE [ARGS...] runs "$BIN/FILTER ARGS FILE"
# under `timeout` and prints one TAP line.  EXPECT says what a good outcome
# is:
#   bad   the input is unusable or has bad rows: exit 1 with a one-line
#         "FILTER: FILE[:LINE]: reason" first on stderr, or exit 0 with such
#         a line on stderr or with rejects (each with a reason) in $REJ
#   ok    valid input: exit 0, nothing on stderr
#   clean either of the two
# In every case: no signal, no hang, no usage status (2), and stdout is
# JSON lines (each line an object, valid UTF-8).  The run's files are left
# in $TMP/run.out, run.err, run.rej for case-specific checks; $RC holds
# the status.
#
# Known failures: tests/hardening/xfail lists "FILTER CASE reason" lines.
# Such a case that fails is reported as skipped with the reason (so the
# suite stays usable while the fix is pending); once it passes it is ok.

: "${JUDGE_TIMEOUT:=20}"
# The long-line cases are 50 MB; on the sanitizer build (out/san/bin),
# which make test runs as a second pass, 5 MB exercise the same buffer
# growth in a tenth of the time.
if [ -z "${HARDENING_LONG_MB:-}" ]; then
	HARDENING_LONG_MB=50
	case $BIN in */san/*) HARDENING_LONG_MB=5 ;; esac
fi
export HARDENING_LONG_MB
LONG=$((HARDENING_LONG_MB * 1000000))
# The scripts need only the standard library; a system python3 starts in
# a tenth of the time of a version manager's shim.
if [ -z "${PYTHON:-}" ]; then
	PYTHON=python3
	[ -x /usr/bin/python3 ] && PYTHON=/usr/bin/python3
fi
XFAIL=$TOP/tests/hardening/xfail

# xfail_reason FILTER CASE: the reason when listed, else nothing.
xfail_reason() {
	[ -f "$XFAIL" ] && awk -v f="$1" -v c="$2" \
	    '$1 == f && $2 == c { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }' "$XFAIL"
}

# report NAME PROBLEM...: ok when no problem was given, else not ok (or
# skip when the case is listed in xfail).
report() {
	local name=$1 filter=$2 case=$3 why
	shift 3
	if [ $# -eq 0 ]; then ok "$name"; return; fi
	why=$(xfail_reason "$filter" "$case")
	if [ -n "$why" ]; then
		skip "$name" "known failure: $why ($1)"
		return
	fi
	not_ok "$name" "$@"
}

# jsonl_ok FILE: every line is a JSON object, the file valid UTF-8.
jsonl_ok() {
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null || { echo "not valid UTF-8"; return 1; }
	if [ "$(wc -c <"$1")" -gt 8000000 ]; then
		# jq would take seconds on the 50 MB lines: check the shape only
		"$PYTHON" -c 'import sys
for n, l in enumerate(open(sys.argv[1], "rb"), 1):
    if not (l.startswith(b"{") and l.rstrip(b"\n").endswith(b"}")):
        sys.exit("line %d: not {...}" % n)' "$1" 2>&1
		return
	fi
	jq -en 'reduce inputs as $r (true; . and ($r | type == "object"))' \
	    "$1" >/dev/null || { echo "not one JSON object a line"; return 1; }
}

judge() {
	local filter=$1 case=$2 expect=$3 file=$4 name first base t
	shift 4
	name="$filter $case"
	if [ ! -x "$BIN/$filter" ]; then
		skip "$name" "$filter not built"
		return
	fi
	local out=$TMP/run.out err=$TMP/run.err
	REJ=$TMP/run.rej
	: >"$REJ"
	t=$JUDGE_TIMEOUT
	[ -n "$(xfail_reason "$filter" "$case")" ] && t=5
	timeout "$t" "$BIN/$filter" "$@" "$file" >"$out" 2>"$err" </dev/null
	RC=$?
	local problems=()
	if [ "$RC" -eq 124 ]; then
		problems+=("hung: no result after ${t}s")
	elif [ "$RC" -ge 128 ]; then
		problems+=("killed by signal $((RC - 128))" "$(head -c 300 "$err")")
	elif [ "$RC" -eq 2 ]; then
		problems+=("exit 2 (usage) for a data problem" "$(head -n 1 "$err")")
	elif [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; then
		problems+=("exit $RC, expected 0 or 1")
	fi
	base=${file##*/}
	first=$(head -n 1 "$err" | cut -c1-300)
	if [ ${#problems[@]} -eq 0 ]; then
		local located=
		case $first in "$filter: "*"$base"*) located=1 ;; esac
		if [ "$RC" -eq 1 ]; then
			[ "$expect" = ok ] &&
			    problems+=("exit 1 for valid input" "$first")
			[ -z "$located" ] &&
			    problems+=("first stderr line is not \"$filter: $base[:line]: reason\"" "got: $first")
			[ "$(head -n 1 "$err" | wc -c)" -gt 1000 ] &&
			    problems+=("error line longer than 1000 bytes")
		elif [ "$expect" = ok ] && [ -s "$err" ]; then
			problems+=("messages for valid input" "$first")
		elif [ "$expect" = bad ] && [ -z "$located" ] && ! [ -s "$REJ" ]; then
			problems+=("exit 0 with no message and no rejects: bad input accepted silently")
		fi
		if [ -s "$REJ" ] && ! jq -en 'reduce inputs as $r (true;
		    . and ($r | type == "object" and (.reason | type == "string")))' \
		    "$REJ" >"$TMP/run.rejcheck" 2>&1; then
			problems+=("rejects are not JSON objects with a reason" "$(tail -n 1 "$TMP/run.rejcheck")")
		fi
		if ! jsonl_ok "$out" >"$TMP/run.jcheck" 2>&1; then
			problems+=("stdout is not JSON lines" "$(tail -n 1 "$TMP/run.jcheck")")
		fi
	fi
	report "$name: $expect (exit $RC)" "$filter" "$case" "${problems[@]}"
}

# line_len FILE N: bytes of line N (cheap, for the 50 MB lines: a cut
# field makes the line shorter, and the line is valid JSON by judge).
line_len() {
	head -n "$2" "$1" | tail -n 1 | wc -c
}
