# report.mk: make report, make snapshot, make export (issues 8 and 15).
#
#   make report [DATA=dir] [OUT=out] [JOBS=n] [PARALLEL_HOSTS=host,...] [V=1]
#   make snapshot QUARTER=2025Q2 [DATA=dir] [SNAPSHOTS=$(OUT)/snapshots]
#   make export [DATA=dir]
#
# (variables: pipelines/report-common.mk).  Stages, each a make rule:
#  1. every unit of source files (report-rules.sh) is normalised on its own
#     into $(REPORT_REC)/<id>.jsonl.zst (+ .log, .rejects.jsonl,
#     .months.jsonl), make -j side by side, or on PARALLEL_HOSTS;
#  2. all records through dedupe-supplier and classify-sector once:
#     $(REPORT_WORK)/classified.jsonl.zst;
#  3. one reading of the classified payments by aggregate, every grouping
#     the tables need at once: $(REPORT_WORK)/parts/<keys>.jsonl (small);
#  4. the tables ($(REPORT_DIR)/tables/, TSV, CSV and Markdown) from those
#     parts, re-aggregated; the charts (SVG, PNG) from the tables; the
#     renewal pipeline (report-renewals.mk) on the classified contracts;
#  5. $(REPORT_DIR)/index.html.
# Money is summed only by aggregate, in pence; the scripts join and format.

REPORT_TABLES := headline estimates category-estimates total tech-by-fy top-buyers top-suppliers region region-lse \
	sme-share category service sector unresolved quality coverage
REPORT_CHARTS := category-estimates tech-by-fy top-buyers top-suppliers \
	region sme-share category service coverage
# The groupings of stage 3 (aggregate --by, one file each).
REPORT_BY := all sector sector,fy sector,buyer sector,supplier_id \
	supplier_id,supplier_name,sme sector,region sector,fy,sme \
	sector,fy,category service buyer,buyer_id buyer_id,buyer,month \
	buyer_id,month,sector,category,sme
REPORT_REN_FILES := $(notdir $(REN_TABLES) $(REN_CHARTS)) by-supplier.tsv \
	by-quarter.tsv by-category.tsv summary.md
REPORT_PAGE := $(REPORT_DIR)/index.html \
	$(foreach t,$(REPORT_TABLES),$(addprefix $(REPORT_DIR)/tables/$(t).,tsv csv md)) \
	$(foreach c,$(REPORT_CHARTS),$(addprefix $(REPORT_DIR)/charts/$(c).,svg png)) \
	$(addprefix $(REPORT_DIR)/renewals/,$(REPORT_REN_FILES))
REPORT_RECS := $(foreach i,$(REPORT_IDS),$(REPORT_REC)/$(i).jsonl.zst)

.PHONY: report report-page report-records export export-db snapshot

report: $(REPORT_PAGE)
	$(REPORT_SAY) report - "$(REPORT_DIR)/index.html"
	pipelines/report-headline.sh $(REPORT_DIR)/tables
	$(REPORT_SAY) done $(REPORT_T0) "make report"
report-page: $(REPORT_PAGE)
report-records: $(REPORT_WORK)/classified.jsonl.zst

# Stage 1: one unit of input files.  Units run side by side, one per make
# job, so each normalise runs on one thread (a second thread per process
# would contend for the same cores: 20% slower on the bench set at -j2 on
# two cores); JOBS=1 lets normalise take two.
# The tables normalise reads (filters/normalise.c, schema_file): a change
# to the classification rules does not normalise everything again.
REPORT_ONE_DEPS := $(BIN)/normalise $(BIN)/aggregate pipelines/report-one.sh \
	schemas/columns.tsv schemas/councils.tsv schemas/redacted.txt \
	$(wildcard pipelines/*.jq)
ifeq ($(PARALLEL_HOSTS),)
REPORT_ONE = REPORT_THREADS=$(if $(filter 1,$(JOBS)),,1) \
	pipelines/report-one.sh $(BIN) '$(DATA)' $(REPORT_WORK)/units/$* $(REPORT_REC)/$*
else
REPORT_ONE_DEPS += $(REPORT_WORK)/remote/tools.tar
REPORT_ONE = pipelines/report-remote.sh $(REPORT_WORK)/remote/tools.tar '$(DATA)' \
	$(REPORT_WORK)/units/$* $(REPORT_REC) $*
endif
$(REPORT_REC)/%.jsonl.zst: $(REPORT_WORK)/units/% $(REPORT_ONE_DEPS)
	$(REPORT_ONE)
	$(REPORT_SAY) --bar $(REPORT_WORK)/progress.tmp $(words $(REPORT_IDS)) normalise

# The tools a host needs, as one tarball (pipelines/report-remote.sh).
$(REPORT_WORK)/remote/tools.tar: $(BIN)/normalise $(BIN)/aggregate \
		pipelines/report-one.sh $(wildcard schemas/* pipelines/*.jq)
	rm -rf $(@D)/t && mkdir -p $(@D)/t/out/bin $(@D)/t/pipelines $(@D)/t/schemas
	cp $(BIN)/normalise $(BIN)/aggregate $(@D)/t/out/bin/
	cp pipelines/report-one.sh pipelines/*.jq $(@D)/t/pipelines/
	cp schemas/* $(@D)/t/schemas/
	tar -cf $@.tmp -C $(@D)/t . && rm -rf $(@D)/t && mv $@.tmp $@

# Every unit's records, in file order; the stage's line.
$(REPORT_WORK)/records.list: $(REPORT_RECS) $(REPORT_WORK)/sources.tsv \
		pipelines/report-counts.sh
	$(file >$@.tmp)$(foreach r,$(REPORT_RECS),$(file >>$@.tmp,$(r)))
	mv $@.tmp $@
	rm -f $(REPORT_WORK)/progress.tmp
	n=$$(pipelines/report-counts.sh $(REPORT_WORK)/sources.tsv $(REPORT_REC)); \
	$(REPORT_SAY) normalise $(REPORT_T0) "$$n$(if $(PARALLEL_HOSTS), on $(PARALLEL_HOSTS))"

# Stage 2: all records, suppliers resolved and sectors classified.
$(REPORT_WORK)/classified.jsonl.zst: $(REPORT_WORK)/records.list \
		$(BIN)/dedupe-supplier $(BIN)/classify-sector $(wildcard schemas/*.tsv)
	t0=$$(date +%s.%N); \
	xargs -r -d '\n' zstd -qdc -- <$< | \
	$(BIN)/dedupe-supplier --crosswalk $(REPORT_WORK)/crosswalk.tsv.tmp -v \
		2>$(REPORT_WORK)/dedupe.log | \
	$(BIN)/classify-sector -v 2>$(REPORT_WORK)/classify.log | \
	zstd -q -1 >$@.tmp; \
	mv $(REPORT_WORK)/crosswalk.tsv.tmp $(REPORT_WORK)/crosswalk.tsv; \
	mv $@.tmp $@; \
	n=$$(($$(grep -c '' $(REPORT_WORK)/crosswalk.tsv) - 1)); \
	$(REPORT_SAY) classify $$t0 "suppliers resolved ($$n spellings), sectors classified"

# Stage 3: one reading of the classified payments, every grouping at once.
# Records are written with "kind" first (rec_write's canonical order), so
# the kind of a line is its first bytes.
$(REPORT_WORK)/parts/all.jsonl: $(REPORT_WORK)/classified.jsonl.zst $(BIN)/aggregate
	t0=$$(date +%s.%N); rm -rf $(@D).tmp && mkdir -p $(@D).tmp; \
	zstd -qdc $< | { grep '^{"kind":"payment",' || [ $$? = 1 ]; } | \
	$(BIN)/aggregate -o $(@D).tmp $(foreach b,$(REPORT_BY),--by '$(b)') \
		2>$(REPORT_WORK)/aggregate.log; \
	rm -rf $(@D) && mv $(@D).tmp $(@D); \
	n=$$(sed -nE 's/^\{"count":([0-9]+),.*/\1/p' $@); \
	a=$$(sed -nE 's/.*"amount":(-?[0-9]+\.[0-9]+)\}$$/\1/p' $@); \
	a=$$(awk -v amount="$${a:-0.00}" -f pipelines/report-money.awk); \
	$(REPORT_SAY) aggregate $$t0 "$${n:-0} payments, $$a, $(words $(REPORT_BY)) groupings"

# The national estimates, coverage and like-for-like growth, from the
# part by buyer and month.
REPORT_EST_IN := $(REPORT_WORK)/parts/buyer_id,month,sector,category,sme.jsonl
$(REPORT_WORK)/estimate.jsonl: $(REPORT_WORK)/parts/all.jsonl $(BIN)/estimate \
		schemas/councils.tsv
	t0=$$(date +%s.%N); \
	$(BIN)/estimate -c schemas/councils.tsv $(REPORT_EST_IN) >$@.tmp; \
	mv $@.tmp $@; \
	n=$$(grep -c '^{"kind":"estimate",' $@ || true); \
	g=$$(grep -c '^{"kind":"growth",' $@ || true); \
	$(REPORT_SAY) estimate $$t0 "$$n estimates, $$g like-for-like growth figures"

$(REPORT_WORK)/contracts.jsonl: $(REPORT_WORK)/classified.jsonl.zst
	zstd -qdc $< | { grep '^{"kind":"contract",' || [ $$? = 1 ]; } >$@.tmp
	mv $@.tmp $@

# Stage 4: tables, then charts.
$(REPORT_DIR)/tables/%.tsv: $(REPORT_WORK)/parts/all.jsonl $(BIN)/aggregate \
		pipelines/report-table.sh | $(REPORT_DIR)/tables
	pipelines/report-table.sh $* $(REPORT_WORK) $(BIN) $(REPORT_REC) >$@.tmp
	mv $@.tmp $@
$(REPORT_DIR)/tables/quality.tsv: $(REPORT_WORK)/records.list
$(REPORT_DIR)/tables/headline.tsv $(REPORT_DIR)/tables/estimates.tsv \
$(REPORT_DIR)/tables/category-estimates.tsv \
$(REPORT_DIR)/tables/tech-by-fy.tsv: $(REPORT_WORK)/estimate.jsonl
$(REPORT_DIR)/tables/headline.tsv: $(REPORT_DIR)/tables/sme-share.tsv

$(REPORT_DIR)/tables/%.csv: $(REPORT_DIR)/tables/%.tsv pipelines/report-tsv.awk
	awk -v fmt=csv -f pipelines/report-tsv.awk $< >$@.tmp && mv $@.tmp $@

$(REPORT_DIR)/tables/%.md: $(REPORT_DIR)/tables/%.tsv pipelines/report-tsv.awk
	awk -v fmt=md -f pipelines/report-tsv.awk $< >$@.tmp && mv $@.tmp $@

# The region chart's title carries the London + South East share, so it
# also reads region-lse.
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

# The renewal pipeline's tables and charts, beside the page.
$(REPORT_DIR)/renewals/%: $(REN)/%
	mkdir -p $(@D) && cp $< $@

# Stage 5: the page.  Its line times tables, charts and page together:
# since aggregate finished, or since this run began if aggregate did not
# run in it.
$(REPORT_DIR)/index.html: $(filter-out %/index.html,$(REPORT_PAGE)) \
		pipelines/report-html.sh pipelines/report-money.awk schemas/sector-rules.tsv
	pipelines/report-html.sh $(REPORT_DIR) '$(REPORT_SET)' '$(AS_OF)' >$@.tmp; \
	mv $@.tmp $@; \
	t0=$$(stat -c %Y $(REPORT_WORK)/parts/all.jsonl); \
	t0=$$(awk -v a=$$t0 -v b=$(REPORT_T0) 'BEGIN { print (a > b ? a : b) }'); \
	$(REPORT_SAY) page $$t0 "$(words $(REPORT_TABLES)) tables, $(words $(REPORT_CHARTS)) charts, renewals as of $(AS_OF); the page"

$(REPORT_DIR) $(REPORT_DIR)/tables $(REPORT_DIR)/charts:
	mkdir -p $@

# make export: the records and the supplier crosswalk as SQLite.
export: export-db
export-db: $(REPORT_OUT)/spendlens.sqlite
$(REPORT_OUT)/spendlens.sqlite: $(REPORT_WORK)/classified.jsonl.zst \
		pipelines/report-export.sh
	t0=$$(date +%s.%N); pipelines/report-export.sh $(REPORT_WORK) $@.tmp; \
	mv $@.tmp $@; $(REPORT_SAY) export $$t0 "$@"

# make snapshot QUARTER=2025Q2: the report as of the quarter's last day
# (AS_OF for the renewal pipeline), built in its own folder
# ($(SNAPSHOTS)/build/QUARTER, see report-common.mk), copied with a
# manifest (inputs and outputs with SHA-256, tool versions) into
# $(SNAPSHOTS)/QUARTER/.  Nothing in it depends on the clock, so two runs
# give the same bytes.
snapshot: $(REPORT_PAGE)
	pipelines/report-snapshot.sh $(REPORT_OUT) $(SNAPSHOTS)/$(QUARTER) \
		'$(DATA)' $(QUARTER) $(AS_OF) $(BIN)
