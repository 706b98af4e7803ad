# report.mk: make report, make snapshot, make export (issue 8).
#
#   make report [DATA=dir] [OUT=out] [PARALLEL_HOSTS=host,...] [JOBS=n]
#   make snapshot QUARTER=2025Q2 [DATA=dir] [SNAPSHOTS=$(OUT)/snapshots]
#   make export [DATA=dir]
#
# Pipeline: every source file of DATA (samples/ by default; which files,
# which buyer: pipelines/report-sources.sh) is normalised on its own into
# $(OUT)/records/<set>/<file>.jsonl, in parallel with GNU parallel (progress
# bar on a terminal; over ssh with PARALLEL_HOSTS); then all records go
# through dedupe-supplier and classify-sector once ($(OUT)/work/); the
# tables ($(OUT)/report/tables/, TSV, CSV and Markdown) come from aggregate
# (as partial aggregates on PARALLEL_HOSTS merged here, when set), the
# charts ($(OUT)/report/charts/, SVG and PNG) from gnuplot, and
# $(OUT)/report/index.html from pipelines/report-html.sh.

DATA ?= samples
OUT ?= out
PARALLEL_HOSTS ?=
JOBS ?=
export PARALLEL_HOSTS JOBS

DEPS_TEST += openssh-server rsync chromium
DEPS_REPORT += rsync sqlite3

REPORT_SET := $(notdir $(abspath $(DATA)))
REPORT_DIR := $(OUT)/report
REPORT_WORK := $(OUT)/work
REPORT_REC := $(OUT)/records/$(REPORT_SET)
REPORT_BINS := $(addprefix $(BIN)/,normalise dedupe-supplier classify-sector aggregate)
REPORT_TABLES := tech-by-fy top-buyers top-suppliers region region-lse \
	sme-share category service sector unresolved quality
REPORT_CHARTS := tech-by-fy top-buyers top-suppliers region sme-share \
	category service
REPORT_PAGE := $(REPORT_DIR)/index.html $(REPORT_DIR)/renewals.stamp \
	$(foreach t,$(REPORT_TABLES),$(addprefix $(REPORT_DIR)/tables/$(t).,tsv csv md)) \
	$(foreach c,$(REPORT_CHARTS),$(addprefix $(REPORT_DIR)/charts/$(c).,svg png))
# Charts are reproducible only with the time and version pinned.
export SOURCE_DATE_EPOCH ?= 0

.PHONY: report report-page report-records export export-db snapshot

# The top level installs what is missing and builds the filters first; the
# pipeline itself runs in a second make that reads the sources manifest.
report: deps-report
	$(MAKE) --no-print-directory $(REPORT_BINS)
	$(MAKE) --no-print-directory REPORT_PIPELINE=1 report-page

export: deps-report
	$(MAKE) --no-print-directory $(REPORT_BINS)
	$(MAKE) --no-print-directory REPORT_PIPELINE=1 export-db

ifeq ($(REPORT_PIPELINE),1)
# The manifest (one line per input file) is rewritten only when it changes,
# so its date tells the stages below whether the set of inputs changed.
REPORT_OK := $(shell mkdir -p $(REPORT_WORK) && \
	pipelines/report-sources.sh '$(DATA)' >$(REPORT_WORK)/sources.tsv.new && \
	echo '$(abspath $(DATA))' >>$(REPORT_WORK)/sources.tsv.new && \
	{ cmp -s $(REPORT_WORK)/sources.tsv.new $(REPORT_WORK)/sources.tsv && \
	rm $(REPORT_WORK)/sources.tsv.new || \
	mv $(REPORT_WORK)/sources.tsv.new $(REPORT_WORK)/sources.tsv; } && echo ok)
ifneq ($(REPORT_OK),ok)
$(error report: cannot list the sources of $(DATA) (message above))
endif
REPORT_FILES := $(shell sed '$$d' $(REPORT_WORK)/sources.tsv | cut -f1)
REPORT_INPUTS := $(addprefix $(DATA)/,$(REPORT_FILES))
endif

report-page: $(REPORT_PAGE)
report-records: $(REPORT_WORK)/classified.jsonl

$(REPORT_WORK)/manifest.tsv: $(REPORT_WORK)/sources.tsv
	sed '$$d' $< >$@.tmp && mv $@.tmp $@

# Stage 1: per-file normalise (skips files whose outputs are current).
$(REPORT_WORK)/normalised.stamp: $(REPORT_WORK)/manifest.tsv $(REPORT_INPUTS) \
		$(BIN)/normalise pipelines/report-normalise.sh pipelines/report-one.sh \
		$(wildcard schemas/*.tsv schemas/*.txt pipelines/*.jq)
	pipelines/report-normalise.sh $< $(DATA) $(REPORT_REC) $(BIN)
	touch $@

# Stage 2: all records, suppliers resolved and sectors classified.
$(REPORT_WORK)/classified.jsonl: $(REPORT_WORK)/normalised.stamp \
		$(BIN)/dedupe-supplier $(BIN)/classify-sector $(wildcard schemas/*.tsv)
	while IFS=$$'\t' read -r f _; do cat "$(REPORT_REC)/$$f.jsonl"; done \
		<$(REPORT_WORK)/manifest.tsv | \
	$(BIN)/dedupe-supplier --crosswalk $(REPORT_WORK)/crosswalk.tsv.tmp -v \
		2>$(REPORT_WORK)/dedupe.log | \
	$(BIN)/classify-sector -v 2>$(REPORT_WORK)/classify.log >$@.tmp
	mv $(REPORT_WORK)/crosswalk.tsv.tmp $(REPORT_WORK)/crosswalk.tsv
	mv $@.tmp $@

# Records are written with "kind" first (rec_write's canonical order), so
# the kind of a line is its first bytes; every line must be one or the other.
$(REPORT_WORK)/payments.jsonl $(REPORT_WORK)/contracts.jsonl &: \
		$(REPORT_WORK)/classified.jsonl
	{ grep '^{"kind":"payment",' $< || [ $$? = 1 ]; } >$(REPORT_WORK)/payments.jsonl.tmp
	{ grep '^{"kind":"contract",' $< || [ $$? = 1 ]; } >$(REPORT_WORK)/contracts.jsonl.tmp
	n=$$(grep -c '' $<); p=$$(grep -c '' $(REPORT_WORK)/payments.jsonl.tmp || true); \
	c=$$(grep -c '' $(REPORT_WORK)/contracts.jsonl.tmp || true); \
	[ "$$n" = $$((p + c)) ] || { echo "report: $< has $$n lines: $$p payments + $$c contracts" >&2; exit 1; }
	mv $(REPORT_WORK)/payments.jsonl.tmp $(REPORT_WORK)/payments.jsonl
	mv $(REPORT_WORK)/contracts.jsonl.tmp $(REPORT_WORK)/contracts.jsonl

# Stage 3: tables.  With PARALLEL_HOSTS, the partial aggregates of every
# table are made in one pass on those hosts first (the stamp's name follows
# the mode, so switching modes remakes it).
REPORT_PARTIALS := $(REPORT_WORK)/partials-$(if $(PARALLEL_HOSTS),remote,local).stamp
$(REPORT_PARTIALS): $(REPORT_WORK)/payments.jsonl $(BIN)/aggregate \
		pipelines/report-table.sh pipelines/report-partial.sh
	pipelines/report-table.sh --partials $(REPORT_WORK) $(BIN)
	rm -f $(REPORT_WORK)/partials-*.stamp
	touch $@

$(REPORT_DIR)/tables/%.tsv: $(REPORT_PARTIALS) $(BIN)/aggregate \
		pipelines/report-table.sh | $(REPORT_DIR)/tables
	RECDIR=$(REPORT_REC) pipelines/report-table.sh $* $(REPORT_WORK) $(BIN) >$@.tmp
	mv $@.tmp $@

$(REPORT_DIR)/tables/%.csv: $(REPORT_DIR)/tables/%.tsv pipelines/report-tsv.awk
	awk -v fmt=csv -f pipelines/report-tsv.awk $< >$@.tmp && mv $@.tmp $@

$(REPORT_DIR)/tables/%.md: $(REPORT_DIR)/tables/%.tsv pipelines/report-tsv.awk
	awk -v fmt=md -f pipelines/report-tsv.awk $< >$@.tmp && mv $@.tmp $@

# Stage 4: charts.  The region chart's title carries the London + South
# East share, so it also reads region-lse.
REPORT_GP := pipelines/report-chart.sh pipelines/report-style.gp \
	pipelines/report-nodata.gp pipelines/report-hbar.gp
$(REPORT_DIR)/charts/region.svg $(REPORT_DIR)/charts/region.png: \
	$(REPORT_DIR)/tables/region-lse.tsv

$(REPORT_DIR)/charts/%.svg: $(REPORT_DIR)/tables/%.tsv $(REPORT_GP) \
		$(wildcard pipelines/report-$*.gp) | $(REPORT_DIR)/charts
	pipelines/report-chart.sh $* $< $@.tmp svg
	sed -e '/<desc>Produced by GNUPLOT/d' $@.tmp >$@ && rm $@.tmp

$(REPORT_DIR)/charts/%.png: $(REPORT_DIR)/tables/%.tsv $(REPORT_GP) \
		$(wildcard pipelines/report-$*.gp) | $(REPORT_DIR)/charts
	pipelines/report-chart.sh $* $< $@.tmp png
	mv $@.tmp $@

# The renewal pipeline (pipelines/renewals.mk) on the same data, its
# tables and chart copied beside the page.
$(REPORT_DIR)/renewals.stamp: $(REPORT_WORK)/contracts.jsonl | $(REPORT_DIR)
	rm -rf $(REPORT_DIR)/renewals
	mkdir -p $(REPORT_DIR)/renewals
	if grep -q '^renewals:' pipelines/renewals.mk 2>/dev/null; then \
		$(MAKE) --no-print-directory renewals DATA='$(DATA)' OUT='$(OUT)' \
			$(if $(AS_OF),AS_OF=$(AS_OF)); \
		for f in $(OUT)/renewals/*; do \
			case $$f in *.svg|*.png|*.csv|*.md|*.tsv) cp "$$f" $(REPORT_DIR)/renewals/ ;; esac; \
		done; \
	else \
		echo "report: pipelines/renewals.mk has no renewals target yet" >&2; \
	fi
	touch $@

$(REPORT_DIR)/index.html: $(filter-out %/index.html,$(REPORT_PAGE)) \
		pipelines/report-html.sh
	pipelines/report-html.sh $(REPORT_DIR) '$(REPORT_SET)' '$(or $(AS_OF),today)' >$@.tmp
	mv $@.tmp $@

$(REPORT_DIR) $(REPORT_DIR)/tables $(REPORT_DIR)/charts:
	mkdir -p $@

# make export: the records and the supplier crosswalk as SQLite.
export-db: $(OUT)/spendlens.sqlite
$(OUT)/spendlens.sqlite: $(REPORT_WORK)/payments.jsonl \
		$(REPORT_WORK)/contracts.jsonl pipelines/report-export.sh
	pipelines/report-export.sh $(REPORT_WORK) $@.tmp
	mv $@.tmp $@

# make snapshot QUARTER=2025Q2: the report as of the quarter's last day
# (AS_OF for the renewal pipeline), built in its own folder, copied with a
# manifest (inputs and outputs with SHA-256, tool versions) into
# out/snapshots/QUARTER/.  Nothing in it depends on the clock, so two runs
# give the same bytes.
QUARTER ?=
SNAPSHOTS ?= $(OUT)/snapshots
SNAP_AS_OF = $(word 1,$(subst Q, ,$(QUARTER)))-$(word \
	$(word 2,$(subst Q, ,$(QUARTER))),03-31 06-30 09-30 12-31)
snapshot: deps-report
	@[[ '$(QUARTER)' =~ ^[0-9]{4}Q[1-4]$$ ]] || \
		{ echo "usage: make snapshot QUARTER=YYYYQn (e.g. 2025Q2)" >&2; exit 2; }
	$(MAKE) --no-print-directory report OUT=$(SNAPSHOTS)/build/$(QUARTER) \
		AS_OF=$(SNAP_AS_OF)
	pipelines/report-snapshot.sh $(SNAPSHOTS)/build/$(QUARTER) \
		$(SNAPSHOTS)/$(QUARTER) '$(DATA)' $(QUARTER) $(SNAP_AS_OF) $(BIN)
