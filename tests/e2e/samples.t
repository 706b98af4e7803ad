#!/usr/bin/env bash
# samples.t: the end-to-end reconciliation (see lib.sh) over the bundled
# samples/ with their samples/sources.tsv, so it runs without ../shared:
# per file rows = records + rejects + skipped (rows counted here with
# Python's csv module), every record through dedupe-supplier and
# classify-sector unchanged, aggregate totals equal to the penny.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/e2e/lib.sh"
command -v python3 >/dev/null || { skip "samples" "no python3"; exit 0; }
e2e_reconcile "$TOP/samples" "$TMP/samples"
