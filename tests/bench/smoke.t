#!/usr/bin/env bash
# plain build only
# smoke.t: `make bench` is not part of the suite (it takes minutes), but its
# script must keep working: run tests/bench/bench.sh on 3,000 generated
# rows, once per job, and check that the table has our rows, the summary
# lines computed from them, and that every tool that ran agrees on the
# largest supplier total.  Skips without the shared generator.
source "$TOP/tests/lib/tap.sh"
gen_spend "bench smoke run" "$TMP/gen" --rows 3000 --seed 3
cc -O2 -o "$TMP/csvparse" "$TOP/tests/bench/csvparse.c" -lcsv 2>"$TMP/cc.err"
same "the libcsv baseline builds" 0 "$?"
BIN=$BIN BENCH_OUT=$TMP/out CSVPARSE=$TMP/csvparse BENCH_DIR=$TMP/cache \
    BENCH_REPEAT=1 BENCH_SPELLINGS=500 BENCH_DUCKDB=0 \
    bash "$TOP/tests/bench/bench.sh" "$TMP/gen" "$TMP/work" \
    >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
same "bench.sh exits 0" 0 "$rc"
[ "$rc" -eq 0 ] || { sed 's/^/#   /' "$TMP/stderr" | tail -n 20; exit 0; }
R=$TMP/out/results.md
for job in "records, 1 process (2 threads)" "--threads 1, 2 processes (-j2)" \
    "one process per file, -j2"; do
	grep -qF "| normalise | $job | " "$R" &&
		! grep -F "| normalise | $job | " "$R" | grep -q '| fail\|| missing' &&
		ok "normalise row: $job" ||
		not_ok "normalise row: $job" "$(grep -F "$job" "$R")"
done
for f in aggregate dedupe-supplier classify-sector; do
	grep -q "^| $f | .* | [0-9.]* | " "$R" && ok "$f timed" ||
		not_ok "$f timed" "$(grep "^| $f " "$R")"
done
grep -q "the libcsv tokenizer" "$R" &&
	ok "summary: share of the libcsv tokenizer" ||
	not_ok "summary: share of the libcsv tokenizer" "$(tail -n 15 "$R")"
if command -v mlr >/dev/null; then
	grep -q "the throughput of Miller, each as it runs" "$R" &&
		ok "summary: ratio to Miller" ||
		not_ok "summary: ratio to Miller" "$(tail -n 15 "$R")"
else
	skip "summary: ratio to Miller" "miller not installed"
fi
# every tool's largest supplier total: one value
n=$(sed -n '/^Largest supplier total/,$p' "$R" | grep '=' | sed 's/.*=//' | sort -u | wc -l)
same "all tools agree on the largest supplier total" 1 "$n"
