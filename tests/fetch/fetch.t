#!/usr/bin/env bash
# plain build only
# fetch.t: make fetch mirrors a fixture catalogue from two loopback HTTP
# servers (tests/fetch/server.py, 127.0.0.1 on free ports) in one command:
# a redirect, a 500 that succeeds on retry, a server that stalls once, a
# server with Last-Modified only that labels CSV text/html, and a URL
# pattern are fetched; a 404, an HTML page, a connection cut mid-file and
# an empty body are reported with their URLs and kept out; nothing partial
# is left.  A second run transfers nothing (every request answered 304); a
# changed file is fetched again alone; PUBLISHERS, SINCE and UNTIL narrow
# a run; V=1 writes a line per file; make report reads the fetched folder
# as it is, and a snapshot of it names every input's URL.
source "$TOP/tests/lib/tap.sh"
for c in curl parallel python3 xlsx2csv flock; do
	command -v "$c" >/dev/null || { skip "fetch" "no $c"; exit 0; }
done
T=$TOP/tests/fetch
D=$TMP/data W=$TMP/www
mkdir -p "$W" "$TMP/cat"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# the files the servers hold
pay() {	# pay SUPPLIER AMOUNT...: a small payments CSV on stdout
	local s=$1 d=1; shift
	printf 'Date,Supplier Name,Amount,Expense Type\n'
	for a in "$@"; do printf '2024-01-%02d,%s,%s,Software licences\n' $((d++)) "$s" "$a"; done
}
pay 'Acme Software Ltd' 1200.00 350.50 >"$W/leeds-2024-01.csv"
pay 'Beta Cloud Ltd' 99.99 >"$W/leeds-2024-02.csv"
pay 'Gamma IT Ltd' 5000.00 -120.00 >"$W/leeds-2024-03.csv"
pay 'Delta Telecom plc' 42.00 >"$W/leeds-2024-04.csv"
pay 'Epsilon Ltd' 10.00 >"$W/leeds-2024-05.csv"
printf 'Contract Reference,Contract Title,Supplier Name,Total Contract Value,Start Date,End Date\nL-1,Hosting,Zeta Hosting Ltd,"£12,000.00",01/04/2024,31/03/2027\n' >"$W/leeds-contracts.csv"
pay 'Eta Services Ltd' 700.00 >"$W/bradford-2024-01.csv"
pay 'Theta Ltd' 1.00 >"$W/bradford-2024-02.csv"
for i in $(seq 1 400); do echo "2024-03-01,Iota Ltd,$i.00,Repairs"; done |
	cat <(printf 'Date,Supplier Name,Amount,Expense Type\n') - >"$W/bradford-2024-03.csv"
pay 'Kappa Ltd' 5.00 >"$W/bradford-2024-04.csv"
printf 'Date\tSupplier Name\tAmount\n2024-05-02\tLambda Systems Ltd\t2500.25\n2024-05-09\tMu Data Ltd\t-25.25\n' >"$TMP/sheet.tsv"
printf 'Notes\n' >"$TMP/notes.tsv"
python3 "$TOP/tests/sheets/make-xlsx.py" "$W/bradford-2024-05.xlsx" \
    "Payments May=$TMP/sheet.tsv" "Notes=$TMP/notes.tsv"
pay 'Devon Supplies Ltd' 300.00 >"$W/devon-202401.csv"
pay 'Devon Supplies Ltd' 301.00 >"$W/devon-202402.csv"

for s in A B; do
	STALL=3 python3 "$T/server.py" "$W" "$TMP/log$s" "$TMP/port$s" 2>"$TMP/server$s.err" &
	pids+=($!)
done
for i in $(seq 1 100); do [ -s "$TMP/portA" ] && [ -s "$TMP/portB" ] && break; sleep 0.05; done
if ! [ -s "$TMP/portA" ] || ! [ -s "$TMP/portB" ]; then
	not_ok "loopback servers start" "$(cat "$TMP"/server*.err)"; exit 0
fi
A=127.0.0.1:$(cat "$TMP/portA") B=127.0.0.1:$(cat "$TMP/portB")
for f in fixture.tsv fixture.files.tsv; do
	sed -e "s/@A@/$A/g" -e "s/@B@/$B/g" "$T/$f.in" >"$TMP/cat/$f"
done

fetch() {	# fetch [MAKE-VARS...]: one make fetch; status in $rc, stderr in $TMP/err
	rc=0
	make -C "$TOP" --no-print-directory -s fetch CATALOGUE="$TMP/cat/fixture" \
	    FETCH_DIR="$D" FETCH_DELAY=0.02 FETCH_BACKOFF=0.1 FETCH_RETRIES=2 \
	    FETCH_TIMEOUT=1 FETCH_CONNECT_TIMEOUT=1 FETCH_STALL=1 "$@" \
	    >"$TMP/out" 2>"$TMP/err" || rc=$?
}
t0=$SECONDS
fetch
same "first run: make fails (fetch exits 1: some files failed)" 2 "$rc"
grep -q 'fetch: 9 fetched, 0 unchanged, 4 failed, 1 not published, 1 without a URL' "$TMP/err" &&
	ok "first run: summary of fetched, failed, not published, no URL" ||
	not_ok "first run: summary" "$(cat "$TMP/err")"
echo "# first run took $((SECONDS - t0)) s:"; sed 's/^/#   /' "$TMP/err"
for f in leeds/2024-01.csv leeds/2024-02.csv leeds/2024-03.csv leeds/2024-04.csv \
    bradford/2024-01.csv devon/2024-01.csv devon/2024-02.csv; do
	p=${f%%/*} m=${f#*/}; m=${m%.csv}
	[ "$p" = devon ] && m=${m/-/}
	check "$f is the server's file" cmp "$W/$p-$m.csv" "$D/$f"
done
same "a CSV labelled text/html is kept (told by its bytes)" "text/html" \
    "$(curl -s -o /dev/null -w '%{content_type}' "http://$A/lm/leeds-2024-04.csv" | cut -d ';' -f 1)"
check "leeds/2024-06.csv (contracts) fetched" cmp "$W/leeds-contracts.csv" "$D/leeds/2024-06.csv"
check "the spreadsheet is fetched" cmp "$W/bradford-2024-05.xlsx" "$D/bradford/2024-05.xlsx"
same "its data sheet becomes a CSV beside it (dates ISO)" \
    "Date,Supplier Name,Amount|2024-05-02,Lambda Systems Ltd,2500.25|2024-05-09,Mu Data Ltd,-25.25" \
    "$(paste -sd '|' "$D/bradford/2024-05.xlsx.Payments_May.csv" 2>&1)"
for u in "gone/leeds-2024-05.csv: HTTP 404" "html/bradford-2024-02.csv: an HTML page" \
    "cut/bradford-2024-03.csv: connection failed or cut" "empty/bradford-2024-04.csv: empty response"; do
	grep -q "^fetch: FAILED [a-z]*/[0-9-]*\.csv http://127\.0\.0\.1:[0-9]*/${u%%:*}: ${u#*: }" "$TMP/err" &&
		ok "reported with its URL: ${u%%:*}" || not_ok "reported with its URL: $u" "$(grep FAILED "$TMP/err")"
done
same "the data folder holds only whole files" \
    "bradford/2024-01.csv bradford/2024-05.xlsx bradford/2024-05.xlsx.Payments_May.csv bradford/MANIFEST.tsv devon/2024-01.csv devon/2024-02.csv devon/MANIFEST.tsv leeds/2024-01.csv leeds/2024-02.csv leeds/2024-03.csv leeds/2024-04.csv leeds/2024-06.csv leeds/MANIFEST.tsv sources.tsv" \
    "$(cd "$D" && find . -mindepth 1 ! -type d | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')"
same "500 twice, then 200" "500 500 200" \
    "$(awk '$1 ~ /flaky/ { printf "%s%s", s, $2; s = " " }' "$TMP/logA")"
same "a stalled request is tried again" 2 "$(grep -c '^/stall/' "$TMP/logB")"
same "a cut connection is tried again (1 + FETCH_RETRIES)" 3 "$(grep -c '^/cut/' "$TMP/logB")"
bad=$(for m in "$D"/*/MANIFEST.tsv; do
	awk -F '\t' 'NR > 1 && $7 != "-" { print $7 "  " $1 }' "$m" | (cd "$(dirname "$m")" && sha256sum -c --quiet 2>&1); done)
same "every MANIFEST.tsv SHA-256 matches its file" "" "$bad"
same "MANIFEST columns" "file url status etag last_modified bytes sha256 fetched result note" \
    "$(head -n 1 "$D/leeds/MANIFEST.tsv" | tr '\t' ' ')"
same "a failure is in the manifest with its status" "404 failed" \
    "$(awk -F '\t' '$1 == "2024-05.csv" { print $3, $9 }' "$D/leeds/MANIFEST.tsv")"
same "the sheet CSV is listed with the spreadsheet's URL and its sheet" \
    "http://$B/a/bradford-2024-05.xlsx#sheet=Payments May derived" \
    "$(awk -F '\t' '$1 ~ /Payments_May/ { print $2, $9 }' "$D/bradford/MANIFEST.tsv")"
same "sources.tsv: one row per publisher, and the file of another kind" \
    "bradford|City of Bradford Metropolitan District Council|payment| devon|Devon County Council|payment| leeds|Leeds City Council|payment| leeds/2024-06.csv|Leeds City Council|contract|" \
    "$(grep -v '^#' "$D/sources.tsv" | sed 1d | tr '\t' '|' | tr '\n' ' ' | sed 's/ $//')"

# Second run: nothing that is in place is transferred again.
: >"$TMP/logA"; : >"$TMP/logB"
t0=$SECONDS
fetch
echo "# second run took $((SECONDS - t0)) s:"; sed 's/^/#   /' "$TMP/err"
grep -q 'fetch: 0 fetched, 9 unchanged, 4 failed' "$TMP/err" &&
	ok "second run: 0 fetched, 9 unchanged" || not_ok "second run summary" "$(cat "$TMP/err")"
same "second run: every file in place answered 304 (after a redirect), no body sent" "" \
    "$(cat "$TMP/logA" "$TMP/logB" | grep -vE '^/(gone|html|cut|empty)/|^/a/devon-202403' | grep -vE ' (30[1278]|304) 0$')"

# A file changed on the server is fetched again, alone; PUBLISHERS, SINCE
# and UNTIL narrow the run; the manifest keeps the other rows.
pay 'Beta Cloud Ltd' 99.99 15.00 >"$W/leeds-2024-02.csv"
: >"$TMP/logA"
fetch PUBLISHERS=devon,leeds SINCE=2024-02 UNTIL=2024-02 V=1
grep -q 'fetch: 1 fetched, 1 unchanged, 0 failed' "$TMP/err" &&
	ok "a changed file: 1 fetched" || not_ok "a changed file: 1 fetched" "$(cat "$TMP/err")"
same "V=1: a line per file and one for the run, in the shape of -v" \
    "fetch: file=devon/2024-02.csv url=http://$A/a/devon-202402.csv status=304 result=unchanged bytes=$(wc -c <"$W/devon-202402.csv")|fetch: file=leeds/2024-02.csv url=http://$A/moved/leeds-2024-02.csv status=200 result=fetched bytes=$(wc -c <"$W/leeds-2024-02.csv") note=\"redirected 1 time(s)\"|fetch: file=* files=2 fetched=1 unchanged=1 failed=0 absent=0" \
    "$(grep 'file=' "$TMP/err" | paste -sd '|')"
check "the changed file replaced the old one" cmp "$W/leeds-2024-02.csv" "$D/leeds/2024-02.csv"
same "SINCE, UNTIL: only the months between are asked for" \
    "/a/devon-202402.csv /a/leeds-2024-02.csv /moved/leeds-2024-02.csv" \
    "$(cut -d ' ' -f 1 "$TMP/logA" | sort | tr '\n' ' ' | sed 's/ $//')"
same "the manifest keeps the month not asked for" "2024-01.csv 2024-02.csv" \
    "$(awk -F '\t' 'NR > 1 { print $1 }' "$D/devon/MANIFEST.tsv" | tr '\n' ' ' | sed 's/ $//')"
fetch PUBLISHERS=nosuch
same "an unknown publisher is a usage error" "fetch: nosuch: not in $TMP/cat/fixture.tsv" \
    "$(grep -v "^make" "$TMP/err")"

# make report reads the fetched folder as it is.
t0=$SECONDS
if make -C "$TOP" --no-print-directory report DATA="$D" OUT="$TMP/rep" BIN="$BIN" \
    >"$TMP/report.log" 2>&1; then
	ok "make report DATA=<fetched folder> (took $((SECONDS - t0)) s)"
else
	not_ok "make report DATA=<fetched folder>" "$(tail -n 15 "$TMP/report.log")"
	exit 0
fi
same "records from every fetched file, buyers resolved, the sheet named" \
    "bradford/2024-01.csv E08000032|bradford/2024-05.xlsx.Payments_May.csv E08000032|devon/2024-01.csv E10000008|devon/2024-02.csv E10000008|leeds/2024-01.csv E08000035|leeds/2024-02.csv E08000035|leeds/2024-03.csv E08000035|leeds/2024-04.csv E08000035|leeds/2024-06.csv E08000035" \
    "$(zstd -qdc "$TMP/rep/work/classified.jsonl.zst" | jq -r '(.source | sub(":[0-9]+$"; "")) + " " + .buyer_id' | sort -u | paste -sd '|')"
same "the contracts register was read as contracts" "contract" \
    "$(zstd -qdc "$TMP/rep/work/classified.jsonl.zst" | jq -r 'select(.source | startswith("leeds/2024-06.csv")) | .kind' | sort -u)"

# A snapshot of that report says where every input came from.
if "$TOP/pipelines/report-snapshot.sh" "$TMP/rep" "$TMP/snap" "$D" 2024Q2 2024-06-30 "$BIN" \
    >/dev/null 2>"$TMP/snap.err"; then
	same "snapshot MANIFEST: every input has a source row with its URL and SHA-256" "" \
	    "$(awk -F '\t' 'FNR == NR { if ($1 == "source" && $5 ~ /^http:\/\//) src[$2] = $4; next }
		$1 == "input" && src[$2] != $4 { print $2 " has no source row" }' \
		"$TMP/snap/MANIFEST.tsv" "$TMP/snap/MANIFEST.tsv")"
	same "a sheet's source is the workbook's URL and the sheet" \
	    "http://$B/a/bradford-2024-05.xlsx#sheet=Payments May" \
	    "$(awk -F '\t' '$1 == "source" && $2 ~ /Payments_May/ { print $5 }' "$TMP/snap/MANIFEST.tsv")"
else
	not_ok "report-snapshot.sh on the fetched report" "$(cat "$TMP/snap.err")"
fi
