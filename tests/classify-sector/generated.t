#!/usr/bin/env bash
# generated.t: classify-sector on 50,000 generated payments, scored against
# the generator's truth (bench/gen-spend): tech precision and recall, records-
# and spend-weighted, must be >= 0.95.  Also: nothing dropped, same output
# from a file, a pipe and --slow (rec_write for every record), twice over,
# and every record carries a valid sector/category/service/why.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
source "$TOP/tests/lib/tap.sh"
here=$(cd "$(dirname "$0")" && pwd)
GEN=${GEN_SPEND:-$TOP/../shared/bench/gen-spend}
CS=$BIN/classify-sector
ROWS=${CS_ROWS:-50000}

if [ ! -x "$GEN" ] || ! command -v python3 >/dev/null; then
	skip "generated set" "no $GEN or python3"
	exit 0
fi
python3 "$GEN" --rows "$ROWS" --seed 5 --out "$TMP/gen" >/dev/null ||
	{ not_ok "gen-spend ran"; exit 0; }
# records: normalise when it works, else the test's own converter
if [ -x "$BIN/normalise" ] && "$BIN/normalise" "$TMP"/gen/*.csv \
	>"$TMP/rec.jsonl" 2>/dev/null && [ -s "$TMP/rec.jsonl" ]; then
	echo "# records from normalise"
else
	python3 "$here/gen2rec.py" "$TMP/gen" >"$TMP/rec.jsonl"
	echo "# records from gen2rec.py"
fi
n=$(wc -l <"$TMP/rec.jsonl")

check "runs with -v" sh -c '"$1" -v "$2" >"$3" 2>"$4"' _ "$CS" \
	"$TMP/rec.jsonl" "$TMP/out" "$TMP/err"
same "one record out per record in" "$n" "$(wc -l <"$TMP/out")"
same "-v counts records in and out" "records=$n out=$n" \
	"$(grep '^classify-sector: file=\* ' "$TMP/err" |
	grep -o 'records=[0-9]* out=[0-9]*')"

python3 "$here/score.py" "$TMP/gen/truth" <"$TMP/out" >"$TMP/score"
sed 's/^/# /' "$TMP/score" | grep -v '^# #'
val() { sed -n "s/^$1=//p" "$TMP/score"; }
atleast() { python3 -c "import sys; sys.exit(0 if float('$2') >= $3 else 1)" &&
	ok "$1 $2 >= $3" || not_ok "$1 $2 >= $3"; }
atleast "tech precision" "$(val precision)" 0.95
atleast "tech recall" "$(val recall)" 0.95
atleast "spend-weighted precision" "$(val spend_precision)" 0.95
atleast "spend-weighted recall" "$(val spend_recall)" 0.95
atleast "category right on true tech" "$(val cat_accuracy)" 0.90

"$CS" "$TMP/rec.jsonl" >"$TMP/out2"
check "deterministic: a second run is byte-identical" cmp "$TMP/out" "$TMP/out2"
"$CS" <"$TMP/rec.jsonl" >"$TMP/out3"
check "stdin from a file gives the same" cmp "$TMP/out" "$TMP/out3"
cat "$TMP/rec.jsonl" | "$CS" >"$TMP/out4"
check "a pipe (spooled) gives the same" cmp "$TMP/out" "$TMP/out4"
"$CS" --slow "$TMP/rec.jsonl" >"$TMP/out5"
check "splicing equals rec_write (--slow)" cmp "$TMP/out" "$TMP/out5"
head -n 1000 "$TMP/rec.jsonl" >"$TMP/a.jsonl"
tail -n +1001 "$TMP/rec.jsonl" >"$TMP/b.jsonl"
"$CS" "$TMP/a.jsonl" - <"$TMP/b.jsonl" >"$TMP/out6"
check "two inputs (a file and stdin) read as one" cmp "$TMP/out" "$TMP/out6"

bad=$(jq -c 'select((.sector == "tech" and (.category | type) != "string")
	or (.sector == "other" and .category != null)
	or (.sector != "tech" and .sector != "other")
	or (.service | test("^[a-z-]+$") | not)
	or (.why | length) == 0)' <(head -n 5000 "$TMP/out") | head -n 3)
same "sector, category, service and why well formed" "" "$bad"
same "fields other than the four untouched (first 5000)" \
	"$(head -n 5000 "$TMP/rec.jsonl" | jq -c 'del(.sector, .category, .service, .why)' | md5sum)" \
	"$(head -n 5000 "$TMP/out" | jq -c 'del(.sector, .category, .service, .why)' | md5sum)"
