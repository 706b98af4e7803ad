# fuzz.mk: libFuzzer harnesses for the parsers (tests/fuzz/fuzz_*.c).
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_ONLY="money date"]
# runs each harness in turn (one at a time, niced) for FUZZ_SECONDS,
# growing out/fuzz/corpus/NAME from the seeds in tests/fuzz/corpus/NAME with
# the dictionary tests/fuzz/NAME.dict; crashes land in out/fuzz/crash/NAME/
# and fail the run.  FUZZ_SKIP="id ..." lets a long run get past a known,
# reported bug (see fuzz_skip() in tests/fuzz/fuzz.h).  `make fuzz-replay` builds plain gcc+ASan drivers
# (out/fuzz/replay/fuzz_NAME) that replay tests/fuzz/regress/NAME/ without
# clang; tests/hardening/fuzz-regress.t does the same under make test.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_NICE ?= 10
FUZZ_SKIP ?=
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Ifilters -Itests/fuzz
# fuzz_csv links filters/normalise.c, so it exists only once that does.
FUZZ_SRC := $(filter-out $(if $(wildcard filters/normalise.c),,tests/fuzz/fuzz_csv.c), \
	$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(FUZZ_SRC))
FUZZ_ONLY ?= $(FUZZ_NAMES)
FUZZ_LIB_OBJ := $(patsubst filters/lib/%.c,out/fuzz/obj/%.o,$(LIB_SRC))
FUZZ_REPLAY_OBJ := $(patsubst filters/lib/%.c,out/fuzz/replay-obj/%.o,$(LIB_SRC))
DEPS_FUZZ := clang-14 libclang-rt-14-dev gcc libc6-dev libcsv-dev libutf8proc-dev

.PHONY: fuzz fuzz-build fuzz-replay deps-fuzz

deps-fuzz:
	@pipelines/deps.sh $(DEPS_FUZZ)

out/fuzz/obj/%.o: filters/lib/%.c $(LIB_HDR) | out/fuzz/obj
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

out/fuzz/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB_OBJ) $(LIB_HDR) | out/fuzz/bin
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@.tmp $< $(filter %.o,$^) $(LDLIBS) && mv $@.tmp $@

# fuzz_csv also links normalise, built without its main().
out/fuzz/obj/normalise.o: filters/normalise.c $(LIB_HDR) | out/fuzz/obj
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -DNORMALISE_NO_MAIN -c -o $@ $<
out/fuzz/bin/fuzz_csv: out/fuzz/obj/normalise.o
out/fuzz/bin/fuzz_csv out/fuzz/replay/fuzz_csv: FUZZ_FLAGS += -DFUZZ_SCHEMAS='"$(CURDIR)/schemas"'

# The replay drivers: gcc, ASan + UBSan, no libFuzzer.
out/fuzz/replay-obj/%.o: filters/lib/%.c $(LIB_HDR) | out/fuzz/replay-obj
	$(CC) $(FUZZ_FLAGS) -c -o $@ $<

out/fuzz/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(FUZZ_REPLAY_OBJ) | out/fuzz/replay
	$(CC) $(FUZZ_FLAGS) -o $@.tmp $< tests/fuzz/replay.c $(filter %.o,$^) $(LDLIBS) && mv $@.tmp $@

out/fuzz/replay-obj/normalise.o: filters/normalise.c $(LIB_HDR) | out/fuzz/replay-obj
	$(CC) $(FUZZ_FLAGS) -DNORMALISE_NO_MAIN -c -o $@ $<
out/fuzz/replay/fuzz_csv: out/fuzz/replay-obj/normalise.o

out/fuzz/obj out/fuzz/bin out/fuzz/replay-obj out/fuzz/replay:
	mkdir -p $@

fuzz-build: deps-fuzz $(addprefix out/fuzz/bin/fuzz_,$(FUZZ_NAMES))

fuzz-replay: $(addprefix out/fuzz/replay/fuzz_,$(FUZZ_NAMES))
	for n in $(FUZZ_NAMES); do \
		if [ -d tests/fuzz/regress/$$n ]; then \
			out/fuzz/replay/fuzz_$$n tests/fuzz/regress/$$n >/dev/null; fi; \
	done

# One harness at a time; every harness runs even when one finds a crash,
# then the run fails listing the crash files.
fuzz: fuzz-build
	mkdir -p out/fuzz/log
	fail=; for n in $(FUZZ_ONLY); do \
		mkdir -p out/fuzz/corpus/$$n out/fuzz/crash/$$n; \
		echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
		FUZZ_SKIP="$(FUZZ_SKIP)" nice -n $(FUZZ_NICE) out/fuzz/bin/fuzz_$$n \
			-max_total_time=$(FUZZ_SECONDS) -timeout=60 -rss_limit_mb=2048 \
			-max_len=$$(case $$n in money|date) echo 256;; *) echo 8192;; esac) \
			-dict=tests/fuzz/$$n.dict -print_final_stats=1 \
			-artifact_prefix=out/fuzz/crash/$$n/ \
			out/fuzz/corpus/$$n tests/fuzz/corpus/$$n \
			>out/fuzz/log/$$n.log 2>&1 || fail="$$fail $$n"; \
		grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' out/fuzz/log/$$n.log || true; \
	done; \
	find out/fuzz/crash -type f | sort; \
	if [ -n "$$fail" ]; then echo "fuzz: FAILED:$$fail (logs in out/fuzz/log/)"; exit 1; fi; \
	echo "fuzz: no crash in$(foreach n,$(FUZZ_ONLY), $(n))"
