#!/usr/bin/env bash
# reconcile.t: the "nothing lost" proof over the real data in $SHARED
# (../shared/data; skipped when absent).  Every spend CSV, contract register
# and jq source that pipelines/sources/data.tsv lists is normalised with the
# table's buyer and options, -v and --rejects; then all the records go
# through dedupe-supplier, classify-sector and aggregate.  Checked (lib.sh,
# recon.py): per file, rows = records + rejects + skipped, with the rows
# counted here independently (Python's csv module; jq's output lines), the
# reject file holds exactly the reported rejects, each with source, reason
# and raw, and the records' amounts add up to normalise's -v total; per
# stage, the same records with the same amounts; and the aggregate totals
# (--by all, --by buyer summed, --sum value) equal the records' totals to
# the penny.  The sanitizer build (BIN=out/san/bin) runs the first file of
# each folder only (about a minute less; the whole set took 2m50s there on
# a busy 2-core machine), unless E2E_FULL=1.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/e2e/lib.sh"
if ! have_shared; then
	skip "real data" "no $SHARED"
	exit 0
fi
command -v python3 >/dev/null || { skip "real data" "no python3"; exit 0; }
command -v jq >/dev/null || { skip "real data" "no jq"; exit 0; }

# Hyndburn left its header out in some months; they share the header of
# the month named here (PROVENANCE.md, tests/normalise/real-data.t).
layout_for() {
	case $1 in
	hyndburn/April-25-CSV.csv | hyndburn/March-25-CSV.csv | hyndburn/Sept-25-CVS.csv)
		echo hyndburn/February-2025-csv.csv ;;
	esac
}

subset=
case ${E2E_FULL:-0}:$BIN in
0:*/san/*) subset=sample
	skip "all files under the sanitizer build" \
	    "the first file of each folder only (E2E_FULL=1 for all)" ;;
esac
e2e_reconcile "$SHARED" "$TMP/real" $subset
