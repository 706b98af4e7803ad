#!/usr/bin/env bash
# plain build only
# snapshot.t: make snapshot QUARTER=2025Q2 twice, the second time from an
# empty build folder, gives byte-identical snapshots; the manifest lists
# every output with its SHA-256, and the sums check.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"
S=$TMP/snapshots
snap() {
	make -C "$TOP" --no-print-directory snapshot QUARTER=2025Q2 DATA=samples \
	    OUT="$RT" SNAPSHOTS="$S" BIN="$BIN" >"$TMP/make.log" 2>&1
}
if ! snap; then
	not_ok "make snapshot QUARTER=2025Q2" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
ok "make snapshot QUARTER=2025Q2"
mv "$S/2025Q2" "$TMP/first"
rm -rf "$S/build"
if ! snap; then
	not_ok "make snapshot again from scratch" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
ok "make snapshot again from scratch"
if diff -r "$TMP/first" "$S/2025Q2" >"$TMP/diff" 2>&1; then
	ok "two snapshots are byte-identical"
else
	not_ok "two snapshots are byte-identical" "$(head -c 1500 "$TMP/diff")"
fi
m=$S/2025Q2/MANIFEST.tsv
check "snapshot has the page, tables and charts" test -s "$S/2025Q2/index.html" \
    -a -s "$S/2025Q2/tables/tech-by-fy.csv" -a -s "$S/2025Q2/charts/tech-by-fy.svg" \
    -a -s "$S/2025Q2/charts/tech-by-fy.png"
same "as_of is the quarter's last day" "2025-06-30" "$(awk -F '\t' '$2 == "as_of" { print $4 }' "$m")"
same "every file but the manifest is listed" \
    "$(cd "$S/2025Q2" && find . -type f ! -name MANIFEST.tsv | sed 's|^\./||' | sort)" \
    "$(awk -F '\t' '$1 == "output" { print $2 }' "$m")"
bad=$(awk -F '\t' '$1 == "output" { print $4 "  " $2 }' "$m" | (cd "$S/2025Q2" && sha256sum -c --quiet 2>&1) | head -n 5)
same "output checksums match" "" "$bad"
same "inputs are the sample sources" \
    "$("$TOP/pipelines/report-sources.sh" "$TOP/samples" | cut -f 1 | sort)" \
    "$(awk -F '\t' '$1 == "input" { print $2 }' "$m" | sort)"
check "tool versions recorded" grep -q "^tool	aggregate		aggregate" "$m"
check "code recorded by content" grep -q "^code	pipelines/report.mk	" "$m"
check "no SVG carries a date" sh -c "! grep -lE '(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]T|Produced by' '$S/2025Q2'/charts/*.svg"
rc=0
make -C "$TOP" --no-print-directory snapshot QUARTER=2025Q5 OUT="$RT" SNAPSHOTS="$S" \
    >"$TMP/bad.log" 2>&1 || rc=$?
same "a bad QUARTER is a usage error" "2" "$([ "$rc" -ne 0 ] && grep -q 'usage: make snapshot' "$TMP/bad.log" && echo 2 || echo "$rc")"
