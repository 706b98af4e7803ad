# spendlens: build the filters, run the tests, make the report.
# `make` builds every filters/*.c into out/bin/; pipelines/*.mk add the
# report, renewals, snapshot, export and bench rules.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SECONDARY:
export LC_ALL := C

CC ?= cc
PREFIX ?= /usr/local
CFLAGS ?= -O2
SAN ?=

ifeq ($(SAN),1)
BUILD := out/san
SANFLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
else
BUILD := out
SANFLAGS :=
endif

BIN := $(BUILD)/bin
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra $(CFLAGS) $(SANFLAGS) -Ifilters
LDLIBS := -lcsv -lutf8proc -lm -lpthread

# Debian packages: to build, to test, to make the report.
DEPS_BUILD := gcc make libc6-dev libcsv-dev libutf8proc-dev
DEPS_TEST := $(DEPS_BUILD) jq gnuplot-nox parallel sqlite3 python3 python3-jsonschema time \
	curl xlsx2csv python3-xlrd
DEPS_REPORT := $(DEPS_BUILD) jq gnuplot-nox parallel curl xlsx2csv python3-xlrd

FILTERS := $(patsubst filters/%.c,%,$(wildcard filters/*.c))
LIB_SRC := $(wildcard filters/lib/*.c)
LIB_HDR := $(wildcard filters/lib/*.h)
LIB_OBJ := $(patsubst filters/lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
LIB_A := $(BUILD)/obj/libspendlens.a
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT := $(patsubst tests/unit/%.c,$(BUILD)/test/%,$(UNIT_SRC))

.PHONY: all deps-build deps-test deps-report install uninstall test unit \
	clean report snapshot bench fuzz renewals export

all: $(addprefix $(BIN)/,$(FILTERS)) | $(BIN)

deps-build:
	@pipelines/deps.sh $(DEPS_BUILD)
deps-test:
	@pipelines/deps.sh $(DEPS_TEST)
deps-report:
	@pipelines/deps.sh $(DEPS_REPORT)

$(BUILD)/obj/%.o: filters/lib/%.c $(LIB_HDR) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BIN)/%: filters/%.c $(LIB_A) $(LIB_HDR) | $(BIN)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A) $(LDLIBS)

# estimate's bootstrap is floating point: no fused multiply-add, so its
# intervals are the same bytes on every machine.
$(BIN)/estimate: ALL_CFLAGS += -ffp-contract=off

$(BUILD)/test/%: tests/unit/%.c tests/unit/check.h $(LIB_A) $(LIB_HDR) | $(BUILD)/test
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A) $(LDLIBS)

$(BUILD)/obj $(BIN) $(BUILD)/test:
	mkdir -p $@

unit: $(UNIT)

# The suite: golden cases, scripts and unit tests; ends "N passed, N failed".
# By default it runs twice, on the plain build and on the ASan+UBSan build
# (out/san); SAN=1 runs only the sanitizer pass, SAN=0 only the plain one.
ifeq ($(SAN),)
TEST_PASSES := out/bin:out/test out/san/bin:out/san/test
else ifeq ($(SAN),1)
TEST_PASSES := out/san/bin:out/san/test
else
TEST_PASSES := out/bin:out/test
endif
TESTS ?=
test: deps-test
	$(if $(filter out/bin:%,$(TEST_PASSES)),$(MAKE) --no-print-directory SAN=0 all unit)
	$(if $(filter out/san/%,$(TEST_PASSES)),$(MAKE) --no-print-directory SAN=1 all unit)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1 \
	PASSES="$(TEST_PASSES)" tests/run.sh $(TESTS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/spendlens/schemas \
		$(DESTDIR)$(PREFIX)/share/spendlens/pipelines
	install -m 755 $(addprefix $(BIN)/,$(FILTERS)) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(wildcard filters/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(wildcard schemas/*) $(DESTDIR)$(PREFIX)/share/spendlens/schemas/
	install -m 644 $(wildcard pipelines/*.jq pipelines/*.gp) \
		$(DESTDIR)$(PREFIX)/share/spendlens/pipelines/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,$(FILTERS)) \
		$(addprefix $(DESTDIR)$(PREFIX)/share/man/man1/,$(notdir $(wildcard filters/*.1)))
	rm -rf $(DESTDIR)$(PREFIX)/share/spendlens

clean:
	rm -rf out

-include $(sort $(wildcard pipelines/*.mk))
