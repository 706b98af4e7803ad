# bench.mk: `make bench` times the filters against their peers (Miller,
# awk, datamash, sqlite3, DuckDB, jq) on generated council spend, in one
# run, and writes the table to out/bench/results.md.  Not part of make test.
#   make bench [BENCH_ROWS=1000000] [BENCH_DIR=/tmp/spendlens-bench]
#              [BENCH_FULL=1 [BENCH_FULL_ROWS=10000000]]
#              [BENCH_SPELLINGS="10000 100000 1000000"] [BENCH_TIMEOUT=900]
#              [BENCH_FULL_TIMEOUT=3600]
# Generated data is cached in BENCH_DIR by row count (gen-N/), so a second
# run with the same N skips the generator.  BENCH_FULL=1 also runs the whole
# pipeline on BENCH_FULL_ROWS rows and reports time and peak memory per
# stage, and the whole make report on them (wall clock, peak memory,
# intermediate bytes per input byte).  DuckDB is used when a duckdb CLI is on PATH or the npm package
# @duckdb/node-api installs into BENCH_DIR/duckdb; otherwise it is skipped.

BENCH_ROWS ?= 1000000
BENCH_DIR ?= /tmp/spendlens-bench
BENCH_FULL ?= 0
BENCH_FULL_ROWS ?= 10000000
GEN_SPEND ?= ../shared/bench/gen-spend
DEPS_BENCH += $(DEPS_BUILD) time python3 miller csvkit datamash sqlite3 jq parallel

.PHONY: deps-bench

deps-bench:
	@pipelines/deps.sh $(DEPS_BENCH)

out/bench:
	mkdir -p $@

# The tokenizer baseline: libcsv alone, empty callbacks, 1 MiB reads.
out/bench/csvparse: tests/bench/csvparse.c | out/bench
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -O2 -o $@.tmp $< -lcsv && mv $@.tmp $@

# gen-spend output for N rows, seed 1; the stamp marks a finished folder.
$(BENCH_DIR)/gen-%.ok:
	test -x $(GEN_SPEND) || { echo "bench: $(GEN_SPEND) not found" >&2; exit 1; }
	rm -rf $(BENCH_DIR)/gen-$* $(BENCH_DIR)/gen-$*.tmp && mkdir -p $(BENCH_DIR)
	python3 $(GEN_SPEND) --rows $* --seed 1 --out $(BENCH_DIR)/gen-$*.tmp
	mv $(BENCH_DIR)/gen-$*.tmp $(BENCH_DIR)/gen-$* && touch $@

BENCH_INPUTS := $(BENCH_DIR)/gen-$(BENCH_ROWS).ok
ifeq ($(BENCH_FULL),1)
BENCH_INPUTS += $(BENCH_DIR)/gen-$(BENCH_FULL_ROWS).ok
endif

# Filters that do not build are reported as missing, not fatal (-k, -).
bench: deps-bench out/bench/csvparse $(BENCH_INPUTS)
	-$(MAKE) --no-print-directory -k all
	BIN=$(BIN) BENCH_OUT=out/bench CSVPARSE=out/bench/csvparse \
		BENCH_DIR=$(BENCH_DIR) BENCH_FULL=$(BENCH_FULL) \
		FULL_DATA=$(BENCH_DIR)/gen-$(BENCH_FULL_ROWS) \
		tests/bench/bench.sh $(BENCH_DIR)/gen-$(BENCH_ROWS) $(BENCH_DIR)/work
