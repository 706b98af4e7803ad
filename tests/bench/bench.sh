#!/usr/bin/env bash
# bench.sh: time spendlens's filters against the tools a user would reach
# for instead, all in one run on the same files, and write a table.
#
# Usage: bench.sh DATA WORK
#   DATA  a gen-spend folder (*.csv and truth/), made by `make bench`
#   WORK  scratch folder for this run's outputs (emptied first)
# Environment:
#   BIN            spendlens filters (out/bin)
#   BENCH_OUT      where results.md and results.tsv go (out/bench)
#   CSVPARSE       the libcsv baseline program (out/bench/csvparse)
#   BENCH_DIR      cache for generated inputs (spelling sets, duckdb)
#   BENCH_SPELLINGS  distinct spellings for dedupe-supplier
#                  ("10000 100000 1000000")
#   BENCH_TIMEOUT  seconds before one job is stopped and reported (900)
#   BENCH_FULL_TIMEOUT  the same for each stage of the full pipeline (3600)
#   BENCH_DUCKDB=0 skip DuckDB (else the duckdb CLI, or the npm package
#                  @duckdb/node-api installed once into BENCH_DIR/duckdb)
#   BENCH_FULL=1   also run the whole pipeline on FULL_DATA (a 10M-row
#                  gen-spend folder) and report each stage
# Every figure is measured here: seconds and peak RSS from GNU time
# (`%e %M`; peak is the largest single process), MB/s from the job's own
# input bytes, ratios only against peers timed in this same run.  A filter
# that is not built is reported as "missing".
set -u
export LC_ALL=C
DATA=${1:?usage: bench.sh DATA WORK}
WORK=${2:?usage: bench.sh DATA WORK}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${BIN:-$TOP/out/bin}
OUT=${BENCH_OUT:-$TOP/out/bench}
CSVPARSE=${CSVPARSE:-$OUT/csvparse}
BENCH_DIR=${BENCH_DIR:-/tmp/spendlens-bench}
SPELLINGS=${BENCH_SPELLINGS:-10000 100000 1000000}
LIMIT=${BENCH_TIMEOUT:-900}
GTIME=/usr/bin/time
DATA=$(cd "$DATA" && pwd)
rm -rf "$WORK" && mkdir -p "$WORK" "$OUT" || exit 1
WORK=$(cd "$WORK" && pwd)
# Run private copies of the filters: others may rebuild out/bin meanwhile.
mkdir -p "$WORK/bin"
for f in normalise aggregate dedupe-supplier classify-sector; do
	[ -x "$BIN/$f" ] && cp "$BIN/$f" "$WORK/bin/$f"
done
BIN=$WORK/bin
export SPENDLENS_SCHEMAS=${SPENDLENS_SCHEMAS:-$TOP/schemas}
RES=$WORK/results.tsv	# group role tool job seconds bytes peakKB status note cpu
: >"$RES"

have() { type -P "$1" >/dev/null 2>&1; }
"$GTIME" -f '%e' true >/dev/null 2>&1 ||
	{ echo "bench: GNU time not found (apt-get install time)" >&2; exit 2; }
mapfile -t FILES < <(find "$DATA" -maxdepth 1 -name '*.csv' -type f | sort)
[ ${#FILES[@]} -gt 0 ] || { echo "bench: no *.csv in $DATA" >&2; exit 2; }
ROWS=$(awk -F'\t' 'NR > 1 { s += $11 } END { print s + 0 }' "$DATA/truth/files.tsv" 2>/dev/null)
[ "${ROWS:-0}" -gt 0 ] || ROWS=$(cat "${FILES[@]}" | wc -l)
RAWBYTES=$(cat "${FILES[@]}" | wc -c)
bytes() { wc -c <"$1"; }

# run GROUP ROLE TOOL JOB BYTES OUTFILE -- COMMAND...
# Times COMMAND (stdout to OUTFILE, stderr to OUTFILE.err) under timeout and
# appends a row to $RES.  ROLE: ours, ref (the reference peer), peer, base.
# Every job runs REPEAT times (BENCH_REPEAT, default 5) and keeps its
# fastest run, the same for every tool, so a moment of load elsewhere on
# the machine does not decide a ratio; a job that fails, times out or
# takes more than 10 s runs no more.  Peak memory is the largest seen.
# Each run starts after sync(1), so no run pays for writing out another's
# output.  Between interleave_begin and interleave_end, jobs are only
# listed, then run in rounds (each job once per round), so that jobs
# compared with one another share the machine's good and bad moments.
REPEAT=${BENCH_REPEAT:-5}
NJ=0 INTERLEAVE=0
J_META=() J_OUT=() J_CMD=() J_BEST=() J_BM=() J_CPU=() J_RC=() J_RUNS=() J_DONE=()
run() {
	J_META[NJ]=$(printf '%s\t%s\t%s\t%s\t%s' "$1" "$2" "$3" "$4" "$5")
	J_OUT[NJ]=$6
	shift 7
	J_CMD[NJ]=$(printf '%q ' "$@")
	J_BEST[NJ]= J_BM[NJ]=0 J_CPU[NJ]=0 J_RC[NJ]=0 J_RUNS[NJ]=0 J_DONE[NJ]=0
	NJ=$((NJ + 1))
	[ "$INTERLEAVE" = 1 ] && return 0
	jobs_run
}
interleave_begin() { INTERLEAVE=1; }
interleave_end() { INTERLEAVE=0; jobs_run; }

# time_once J: one timed run of job J; updates its best.
time_once() {
	local j=$1 out=${J_OUT[$1]} t m u sy rc
	# start each run with no dirty pages of an earlier one to write
	[ "$out" != /dev/null ] && rm -f "$out"
	sync
	eval "\"\$GTIME\" -f '%e %M %U %S' -o \"\$WORK/.time\" timeout \"\$LIMIT\" ${J_CMD[j]}" \
	    >"$out" 2>"$out.err"
	rc=$?
	read -r t m u sy < <(tail -n 1 "$WORK/.time")
	[[ $t =~ ^[0-9.]+$ ]] || t=0
	[[ $m =~ ^[0-9]+$ ]] || m=0
	[[ $u =~ ^[0-9.]+$ ]] || u=0
	[[ $sy =~ ^[0-9.]+$ ]] || sy=0
	[ "$m" -gt "${J_BM[j]}" ] && J_BM[j]=$m
	J_RUNS[j]=$((J_RUNS[j] + 1))
	if [ "$rc" -ne 0 ] || [ -z "${J_BEST[j]}" ] ||
	    awk -v a="$t" -v b="${J_BEST[j]}" 'BEGIN { exit !(a < b) }'; then
		J_BEST[j]=$t
		J_CPU[j]=$(awk -v u="$u" -v s="$sy" 'BEGIN { print u + s }')
	fi
	J_RC[j]=$rc
	if [ "$rc" -ne 0 ] || awk -v a="$t" 'BEGIN { exit !(a > 10) }'; then
		J_DONE[j]=1
	fi
}

# jobs_run: run the listed jobs in rounds, write their rows, forget them;
# the status is the last job's.
jobs_run() {
	local j k st note group role tool job b out last=0
	for ((k = 1; k <= REPEAT; k++)); do
		[ "$NJ" -gt 1 ] && printf 'bench: round %d of %d over %d jobs\n' "$k" "$REPEAT" "$NJ" >&2
		for ((j = 0; j < NJ; j++)); do
			[ "${J_DONE[j]}" = 1 ] || time_once "$j"
		done
	done
	for ((j = 0; j < NJ; j++)); do
		IFS=$'\t' read -r group role tool job b <<<"${J_META[j]}"
		out=${J_OUT[j]} st=ok note=
		if [ "${J_RC[j]}" -eq 124 ]; then
			st=timeout note="stopped after ${LIMIT}s"
		elif [ "${J_RC[j]}" -ne 0 ]; then
			st=fail
			note="rc=${J_RC[j]}: $(grep -v '^Command exited' "$out.err" | head -n 2 | tr '\n\t' '  ' | cut -c1-100)"
		fi
		[ "$st" = ok ] && [ "$out" != /dev/null ] && note="out=$(wc -l <"$out") lines"
		[ "$st" = ok ] && [ "${J_RUNS[j]}" -gt 1 ] && note="${note:+$note; }best of ${J_RUNS[j]}"
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$group" "$role" "$tool" \
		    "$job" "${J_BEST[j]}" "$b" "${J_BM[j]}" "$st" "$note" "${J_CPU[j]}" >>"$RES"
		printf 'bench: %-24s %-34s %6.2f s %7d KB %s (cpu %s s)\n' "$tool" "$job" \
		    "${J_BEST[j]}" "${J_BM[j]}" "$st" "${J_CPU[j]}" >&2
		[ "$st" = ok ]; last=$?
	done
	NJ=0
	J_META=() J_OUT=() J_CMD=() J_BEST=() J_BM=() J_CPU=() J_RC=() J_RUNS=() J_DONE=()
	return "$last"
}

# missing GROUP ROLE TOOL JOB WHY: a row for a job that could not run.
missing() {
	printf '%s\t%s\t%s\t%s\t-\t-\t-\tmissing\t%s\n' "$@" >>"$RES"
	printf 'bench: %-24s %-28s missing: %s\n' "$3" "$4" "$5" >&2
}

# filter NAME: true when out/bin/NAME is built.
filter() { [ -x "$BIN/$1" ]; }

echo "bench: ${#FILES[@]} files, $ROWS rows, $RAWBYTES bytes of CSV in $DATA" >&2
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%MZ)
cat "${FILES[@]}" >/dev/null	# warm the page cache

# ------------------------------------------------------------ limits
run limit base cat "read raw CSV" "$RAWBYTES" /dev/null -- cat "${FILES[@]}"

# ------------------------------------------------ CSV to records (normalise)
# Two groups.  "csv": every tool as it runs by default on this machine
# (Miller's Go runtime uses every core; normalise reads on one thread and
# normalises on another).  "csv1": pinned to one core with taskset, the
# issue's "on one core": Miller, and normalise --threads 1.  The libcsv
# tokenizer alone (one thread) is the ceiling of a libcsv design.  These
# jobs write to /dev/null, every tool alike: writing 400 MB into the page
# cache varies by a third from run to run here and would decide the
# ratios.  The records for the later stages are written once, timed too.
ONE=()
have taskset && ONE=(taskset -c 0)
interleave_begin
if [ -x "$CSVPARSE" ]; then
	run csv base "libcsv csv_parse" "tokenize only (1 MiB reads)" \
	    "$RAWBYTES" "$WORK/csvparse.out" -- "$CSVPARSE" "${FILES[@]}"
else
	missing csv base "libcsv csv_parse" "tokenize only" "$CSVPARSE not built"
fi
if have mlr; then
	MLR="mlr $(mlr --version | awk '{ print $2 }')"
	run csv ref "$MLR" "csv->jsonl (no normalising)" "$RAWBYTES" \
	    /dev/null -- \
	    mlr --icsv --ojsonl --allow-ragged-csv-input cat "${FILES[@]}"
	if [ ${#ONE[@]} -gt 0 ]; then
		run csv1 ref "$MLR" "csv->jsonl, one core" "$RAWBYTES" \
		    /dev/null -- "${ONE[@]}" \
		    mlr --icsv --ojsonl --allow-ragged-csv-input cat "${FILES[@]}"
	fi
else
	missing csv ref mlr "csv->jsonl" "miller not installed"
fi
RECORDS=
if filter normalise; then
	run csv ours normalise "records, 1 process (2 threads)" \
	    "$RAWBYTES" /dev/null -- "$BIN/normalise" "${FILES[@]}"
	if [ ${#ONE[@]} -gt 0 ]; then
		run csv1 ours normalise "records, one core (--threads 1)" \
		    "$RAWBYTES" /dev/null -- "${ONE[@]}" \
		    "$BIN/normalise" --threads 1 "${FILES[@]}"
	fi
	if have parallel; then
		# Scaling with cores: the files in two halves, one
		# single-threaded process each, against one such process on
		# all; then one process per file, as the Makefile pipelines
		# run it (the same plus the cost of 240 process starts).
		half=$(((${#FILES[@]} + 1) / 2))
		run csv ours normalise "--threads 1, 1 process" \
		    "$RAWBYTES" /dev/null -- "$BIN/normalise" --threads 1 "${FILES[@]}"
		run csv ours normalise "--threads 1, 2 processes (-j2)" \
		    "$RAWBYTES" /dev/null -- parallel -j2 -n "$half" \
		    --halt now,fail=1 "'$BIN/normalise' --threads 1 {} >/dev/null" \
		    ::: "${FILES[@]}"
		for j in 1 2; do
			run csv ours normalise "one process per file, -j$j" \
			    "$RAWBYTES" /dev/null -- parallel -j"$j" \
			    --halt now,fail=1 "'$BIN/normalise' {} >/dev/null" \
			    ::: "${FILES[@]}"
		done
	else
		missing csv ours normalise "per file, -j2" "GNU parallel not installed"
	fi
	interleave_end
	# the records the later stages read, written to a file (the two
	# thread counts must write the same bytes)
	if run csv ours normalise "records to a file (2 threads)" \
	    "$RAWBYTES" "$WORK/records.jsonl" -- "$BIN/normalise" "${FILES[@]}"; then
		RECORDS=$WORK/records.jsonl
		"$BIN/normalise" --threads 1 "${FILES[@]}" | cmp -s - "$RECORDS" || {
			echo "bench: normalise --threads 1 and 2 wrote different records" >&2
			exit 1
		}
	fi
else
	interleave_end
	missing csv ours normalise "records" "out/bin/normalise not built"
fi
if [ -z "$RECORDS" ]; then
	# Without normalise the later stages still get records to read: a
	# stand-in made by python (header search, column map, amounts).
	echo "bench: normalise unavailable; records for the later jobs come from a python stand-in" >&2
	python3 "$TOP/tests/bench/standin.py" "${FILES[@]}" >"$WORK/records.jsonl" ||
		{ echo "bench: stand-in failed" >&2; exit 1; }
	RECORDS=$WORK/records.jsonl
	STANDIN=1
fi
NREC=$(wc -l <"$RECORDS")
RB=$(bytes "$RECORDS")

# ------------------------------------------ sum by supplier (aggregate)
# Full-width exports of the same records for the peers that read tables.
python3 "$TOP/tests/bench/export.py" "$RECORDS" "$WORK/records"
TB=$(bytes "$WORK/records.tsv")
CB=$(bytes "$WORK/records.csv")
SCOL=$(head -n 1 "$WORK/records.tsv" | tr '\t' '\n' | grep -nx supplier | cut -d: -f1)
ACOL=$(head -n 1 "$WORK/records.tsv" | tr '\t' '\n' | grep -nx amount | cut -d: -f1)
if filter aggregate; then
	run aggregate ours aggregate "--by supplier, jsonl" "$RB" \
	    "$WORK/agg.out" -- "$BIN/aggregate" --by supplier "$RECORDS"
else
	missing aggregate ours aggregate "--by supplier" "out/bin/aggregate not built"
fi
run aggregate peer awk "sum by supplier, tsv" "$TB" "$WORK/awk.out" -- \
    awk -F'\t' -v s="$SCOL" -v a="$ACOL" \
    'NR > 1 { t[$s] += $a } END { for (k in t) printf "%s\t%.2f\n", k, t[k] }' \
    "$WORK/records.tsv"
if have datamash; then
	run aggregate peer datamash "sum by supplier, tsv" "$TB" \
	    "$WORK/datamash.out" -- bash -c \
	    'datamash --header-in -s -g "$2" sum "$3" <"$1"' _ \
	    "$WORK/records.tsv" "$SCOL" "$ACOL"
else
	missing aggregate peer datamash "sum by supplier" "datamash not installed"
fi
if have sqlite3; then
	run aggregate peer sqlite3 "import + GROUP BY, csv" "$CB" \
	    "$WORK/sqlite.out" -- bash -c \
	    'rm -f "$2"; sqlite3 "$2" ".mode csv" ".import $1 t" ".mode tabs" \
	    "SELECT supplier, round(sum(amount), 2) FROM t GROUP BY supplier"' _ \
	    "$WORK/records.csv" "$WORK/db.sqlite"
	rm -f "$WORK/db.sqlite"
else
	missing aggregate peer sqlite3 "GROUP BY" "sqlite3 not installed"
fi
DUCK=
if [ "${BENCH_DUCKDB:-1}" != 0 ]; then
	if have duckdb; then
		DUCK=(duckdb -noheader -list -separator $'\t' -c)
	elif have node; then
		if [ ! -d "$BENCH_DIR/duckdb/node_modules/@duckdb/node-api" ] && have npm; then
			mkdir -p "$BENCH_DIR/duckdb"
			(cd "$BENCH_DIR/duckdb" && timeout 300 npm install --silent \
			    --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) ||
			    echo "bench: npm install @duckdb/node-api failed" >&2
		fi
		if [ -d "$BENCH_DIR/duckdb/node_modules/@duckdb/node-api" ]; then
			cp "$TOP/tests/bench/duck.mjs" "$BENCH_DIR/duckdb/duck.mjs"
			DUCK=(node "$BENCH_DIR/duckdb/duck.mjs")
		fi
	fi
fi
if [ -n "$DUCK" ]; then
	DVER=$("${DUCK[@]}" "SELECT version()" 2>/dev/null | tr -d v)
	run aggregate peer "duckdb ${DVER:-?}" "sum by supplier, jsonl" "$RB" \
	    "$WORK/duck.out" -- "${DUCK[@]}" \
	    "SELECT supplier, round(sum(amount), 2) FROM read_json('$RECORDS') GROUP BY ALL"
else
	missing aggregate peer duckdb "sum by supplier" "no duckdb CLI and @duckdb/node-api unavailable"
fi
if have mlr; then
	run aggregate peer mlr "stats1 sum by supplier, jsonl" "$RB" \
	    "$WORK/mlr.out" -- mlr --ijsonl --otsv stats1 -a sum -f amount \
	    -g supplier "$RECORDS"
fi
if have jq; then
	run aggregate peer jq "reduce sum by supplier, jsonl" "$RB" \
	    "$WORK/jq.out" -- jq -rn 'reduce inputs as $r ({};
	    ($r.supplier // "") as $k | .[$k] = (.[$k] + $r.amount)) |
	    to_entries[] | "\(.key)\t\(.value)"' "$RECORDS"
else
	missing aggregate peer jq "sum by supplier" "jq not installed"
fi
rm -f "$WORK/records.csv"

# Do the tools agree?  The largest supplier total of each output, to the
# penny, and the number of groups.
top1() {	# FILE: "name<TAB>total" of the largest total
	case $1 in
	*agg.out) jq -r '[.supplier, .amount] | @tsv' "$1" ;;
	*) grep -v '^supplier	amount_sum$' "$1" ;;
	esac | sort -t '	' -k2,2gr | head -n 1 |
	    awk -F'\t' '{ printf "%s\t%.2f\n", $1, $2 }'
}
AGREE=
for o in agg awk datamash sqlite duck mlr jq; do
	[ -s "$WORK/$o.out" ] || continue
	AGREE+="$o: $(top1 "$WORK/$o.out" | tr '\t' '=')"$'\n'
done

# ------------------------------------------------------- dedupe-supplier
for n in $SPELLINGS; do
	f=$BENCH_DIR/spellings-$n.jsonl
	if [ ! -s "$f" ]; then
		python3 "$TOP/tests/bench/gen-spellings" --spellings "$n" --seed 1 \
		    >"$f.tmp" && mv "$f.tmp" "$f"
	fi
	if filter dedupe-supplier; then
		run dedupe ours dedupe-supplier "$n distinct spellings" \
		    "$(bytes "$f")" "$WORK/dedupe-$n.out" -- \
		    "$BIN/dedupe-supplier" "$f"
		if [ -s "$WORK/dedupe-$n.out" ]; then
			ids=$(jq -r '.supplier_id // empty' "$WORK/dedupe-$n.out" | sort -u | wc -l)
			echo "bench:   dedupe-supplier: $n spellings -> $ids supplier ids" >&2
			awk -F'\t' -v OFS='\t' -v ids="$ids" 'NR == n { $9 = $9 "; " ids " ids" } 1' \
			    n="$(wc -l <"$RES")" "$RES" >"$RES.tmp" && mv "$RES.tmp" "$RES"
		fi
		rm -f "$WORK/dedupe-$n.out"
	else
		missing dedupe ours dedupe-supplier "$n distinct spellings" "out/bin/dedupe-supplier not built"
	fi
done
CLASSIN=$RECORDS
if filter dedupe-supplier; then
	run dedupe ours dedupe-supplier "all records ($NREC)" "$RB" \
	    "$WORK/deduped.jsonl" -- "$BIN/dedupe-supplier" "$RECORDS" &&
	    CLASSIN=$WORK/deduped.jsonl
fi

# ------------------------------------------------------- classify-sector
if filter classify-sector; then
	run classify ours classify-sector "records ($NREC)" "$(bytes "$CLASSIN")" \
	    "$WORK/classified.jsonl" -- "$BIN/classify-sector" "$CLASSIN"
	rm -f "$WORK/classified.jsonl"
else
	missing classify ours classify-sector "records" "out/bin/classify-sector not built"
fi

# ------------------------------------------ the whole pipeline (issue 9)
if [ "${BENCH_FULL:-0}" = 1 ]; then
	FULL=${FULL_DATA:?BENCH_FULL=1 needs FULL_DATA}
	mapfile -t FF < <(find "$FULL" -maxdepth 1 -name '*.csv' -type f | sort)
	FB=$(cat "${FF[@]}" | wc -c)
	FR=$(awk -F'\t' 'NR > 1 { s += $11 } END { print s + 0 }' "$FULL/truth/files.tsv")
	P=$WORK/full
	LIMIT=${BENCH_FULL_TIMEOUT:-3600}
	mkdir -p "$P/rec"
	stage() {	# stage NAME INFILE OUTFILE -- COMMAND...
		local name=$1 in=$2 o=$3
		shift 4
		if [ ! -x "$BIN/$name" ]; then
			missing full ours "$name" "$FR rows" "not built"; return 1
		fi
		run full ours "$name" "pipeline, $FR rows" "$(bytes "$in")" "$o" -- "$@"
	}
	if filter normalise && have parallel; then
		run full ours normalise "pipeline, $FR rows, -j2" "$FB" /dev/null -- \
		    parallel -j2 --halt now,fail=1 \
		    "'$BIN/normalise' {} >'$P/rec/{#}.jsonl'" ::: "${FF[@]}" &&
		cat "$P"/rec/*.jsonl >"$P/records.jsonl"
		rm -rf "$P/rec"
		stage dedupe-supplier "$P/records.jsonl" "$P/deduped.jsonl" -- \
		    "$BIN/dedupe-supplier" "$P/records.jsonl" &&
		rm -f "$P/records.jsonl" &&
		stage classify-sector "$P/deduped.jsonl" "$P/classified.jsonl" -- \
		    "$BIN/classify-sector" "$P/deduped.jsonl" &&
		rm -f "$P/deduped.jsonl" &&
		stage aggregate "$P/classified.jsonl" "$P/agg.out" -- \
		    "$BIN/aggregate" --by supplier "$P/classified.jsonl"
		rm -rf "$P"
		# the whole pipeline: stage times add up (each stage reads the
		# previous one's file); peak is the largest stage's
		awk -F'\t' -v r="$FR" '$1 == "full" && $8 == "ok" { s += $5; n++
			if ($7 + 0 > kb) kb = $7 } END { if (n == 4) printf \
			"full\tours\twhole pipeline\t4 stages, %d rows\t%.2f\t%s\t%d\tok\tsum of the stages above\n",
			r, s, b, kb }' b="$FB" "$RES" >>"$RES"
	else
		missing full ours normalise "pipeline, $FR rows" "normalise or GNU parallel missing"
	fi
	# The whole make report on the same files (issue 15), from an empty
	# output folder every run: wall clock, peak memory (the largest
	# process), and the bytes it keeps besides the report (records and
	# work folder) per byte of input.  The generated files name their
	# council: a sources table with buyer "-" says so.
	[ -f "$FULL/sources.tsv" ] ||
	    printf 'file\tbuyer\tkind\toptions\n*.csv\t-\tpayment\t\n' >"$FULL/sources.tsv"
	R=$WORK/full-report
	run full ours "make report" "whole report, $FR rows, $(nproc) jobs" "$FB" /dev/null -- \
	    bash -c 'rm -rf "$1" && make -C "$2" --no-print-directory report DATA="$3" OUT="$1" BIN="$4"' \
	    _ "$R" "$TOP" "$FULL" "$BIN"
	ib=$(du -sb "$R/work" "$R/records" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
	printf 'full\tours\tmake report\tintermediates %s bytes = %s x input\t-\t-\t-\tinfo\tkept besides the report: records + work folder\n' \
	    "$ib" "$(awk -v a="$ib" -v b="$FB" 'BEGIN { printf "%.2f", b ? a / b : 0 }')" >>"$RES"
	rm -rf "$R"
fi

# ------------------------------------------------------------ the table
# Ratio = seconds / the reference's seconds in this run: Miller for the
# CSV jobs (as it runs by default, and pinned to one core for the one-core
# rows), the fastest peer for sum by supplier.  Above 1 is slower.
# "of libcsv" = the libcsv tokenizer's seconds / the job's seconds: the
# share of the tokenizer's throughput the job reaches.
{
	echo "# spendlens bench"
	echo
	printf 'Run %s to %s on %s (%s cores; load average %s at the start, %s at the end): %d CSV files, %d rows, %.1f MB.\n' \
	    "$START" "$(date -u +%H:%MZ)" "$(uname -m)" "$(nproc)" "$LOAD0" \
	    "$(cut -d' ' -f1-3 /proc/loadavg)" ${#FILES[@]} "$ROWS" \
	    "$(awk -v b="$RAWBYTES" 'BEGIN { print b / 1e6 }')"
	printf 'Records: %d lines, %.1f MB of JSON lines%s.\n' "$NREC" \
	    "$(awk -v b="$RB" 'BEGIN { print b / 1e6 }')" \
	    "${STANDIN:+ (from the python stand-in: normalise not available)}"
	echo "Seconds: wall clock (GNU time %e), the best of BENCH_REPEAT=$REPEAT runs"
	echo "for jobs under 10 s; CPU s: user + system of that run; peak MB: largest"
	echo "process RSS (%M); MB/s: the job's own input bytes / seconds; ratio:"
	echo "seconds / the reference's seconds in this same run (Miller for CSV, as"
	echo "it runs and pinned to one core; the fastest peer for sum by supplier),"
	echo "above 1 means slower; of libcsv: the libcsv tokenizer's seconds / the"
	echo "job's seconds."
	echo
	echo "| tool | job | seconds | CPU s | MB/s | peak MB | ratio | of libcsv | notes |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
	awk -F'\t' '
	{ g[NR] = $1; role[NR] = $2; tool[NR] = $3; job[NR] = $4; s[NR] = $5
	  b[NR] = $6; kb[NR] = $7; st[NR] = $8; note[NR] = $9; cpu[NR] = $10
	  if ($8 != "ok") next
	  if (($1 == "csv" || $1 == "csv1") && $2 == "ref") ref[$1] = $5
	  if ($1 == "csv" && $2 == "base") lib = $5
	  if ($1 == "aggregate" && ($2 == "peer" || $2 == "ref") &&
	      (!($1 in ref) || $5 + 0 < ref[$1] + 0)) ref[$1] = $5 }
	END {
	  for (i = 1; i <= NR; i++) {
	    if (st[i] != "ok") {
	      printf "| %s | %s | %s | | | | | | %s |\n", tool[i], job[i], st[i], note[i]
	      continue
	    }
	    mbs = s[i] > 0 ? sprintf("%.1f", b[i] / 1e6 / s[i]) : "-"
	    r = (g[i] in ref && ref[g[i]] > 0) ? sprintf("%.2f", s[i] / ref[g[i]]) : ""
	    of = ((g[i] == "csv" || g[i] == "csv1") && lib > 0 && s[i] > 0) ? \
	        sprintf("%.0f%%", 100 * lib / s[i]) : ""
	    printf "| %s | %s | %.2f | %s | %s | %.0f | %s | %s | %s |\n", tool[i], job[i],
	        s[i], cpu[i], mbs, kb[i] / 1024, r, of, note[i]
	  }
	}' "$RES"
	# the figures the foundation issue asks for, from the rows above
	awk -F'\t' '
	$8 != "ok" { next }
	$1 == "csv" && $2 == "base" { lib = $5 }
	$1 == "csv" && $2 == "ref" { mlr = $5 }
	$1 == "csv1" && $2 == "ref" { mlr1 = $5 }
	$1 == "csv" && $2 == "ours" && $4 ~ /^records, 1 process/ { n2 = $5 }
	$1 == "csv1" && $2 == "ours" { n1 = $5 }
	$1 == "csv" && $4 ~ /^--threads 1, 1 process/ { p1 = $5 }
	$1 == "csv" && $4 ~ /^--threads 1, 2 processes/ { p2 = $5 }
	END {
	  print ""
	  print "In this run:"
	  print ""
	  if (n2 > 0 && mlr > 0)
	    printf "- normalise %.1fx the throughput of Miller, each as it runs (%.2f s vs %.2f s);\n", mlr / n2, n2, mlr
	  if (n1 > 0 && mlr1 > 0)
	    printf "- on one core: normalise --threads 1 %.1fx Miller pinned to the same core (%.2f s vs %.2f s);\n", mlr1 / n1, n1, mlr1
	  if (n2 > 0 && lib == 0)
	    print "- the libcsv tokenizer ran too briefly here to measure a share of its throughput;"
	  if (n2 > 0 && lib > 0)
	    printf "- normalise reaches %.0f%% of the libcsv tokenizer'"'"'s throughput (%.0f%% with --threads 1);\n", 100 * lib / n2, (n1 > 0 ? 100 * lib / n1 : 0)
	  if (p1 > 0 && p2 > 0)
	    printf "- two single-threaded processes on half the files each take %.2f s against %.2f s for one on all (%.2fx %s).\n", p2, p1, (p1 >= p2 ? p1 / p2 : p2 / p1), (p1 >= p2 ? "faster" : "slower")
	}' "$RES"
	if [ -n "$AGREE" ]; then
		echo
		echo "Largest supplier total per tool (sum by supplier; they should agree):"
		echo
		printf '%s' "$AGREE" | sed 's/^/    /'
	fi
} >"$OUT/results.md.tmp" && mv "$OUT/results.md.tmp" "$OUT/results.md"
cp "$RES" "$OUT/results.tsv"
cat "$OUT/results.md"
