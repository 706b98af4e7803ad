# renewals.mk: contracts coming up for renewal.
#
#   make renewals [AS_OF=YYYY-MM-DD] [DATA=folder] [OUT=folder]
#
# From the contract records of DATA (default samples; see
# pipelines/renewals-records.sh for which files), the live contracts whose
# renewal date - the end date, or max_end when extension options reach
# further - falls in the 24 months after AS_OF (default: today, UTC):
# total value by quarter and by category, the largest suppliers and the
# top 25 contracts, as CSV and Markdown tables, and two charts (SVG and
# PNG), all under $(OUT)/renewals/.  Same inputs and AS_OF: the same bytes.
# Totals use out/bin/aggregate when it is built, else the jq fallback in
# pipelines/renewals.jq (same output).

AS_OF ?= $(shell date -u +%Y-%m-%d)
DATA ?= samples
OUT ?= out
REN := $(OUT)/renewals
REN_JQ := pipelines/renewals.jq pipelines/contracts-lib.jq
REN_BINS := $(addprefix $(BIN)/,$(filter normalise classify-sector aggregate,$(FILTERS)))
REN_INPUTS := $(shell find '$(DATA)' -type f \( -name '*.csv' -o -name '*.json' \
	-o -name '*.jsonl' -o -name '*.tsv' \) 2>/dev/null | LC_ALL=C sort)
REN_KEY_by-quarter := quarter(renewal)
REN_KEY_by-category := category
REN_KEY_by-supplier := supplier
REN_KEY_by-quarter-category := quarter(renewal),category
REN_TABLES := $(foreach t,by-quarter by-category by-supplier top25,$(REN)/$(t).csv $(REN)/$(t).md)
REN_CHARTS := $(foreach c,renewals suppliers,$(REN)/$(c).svg $(REN)/$(c).png)

renewals: $(REN_TABLES) $(REN_CHARTS) $(REN)/summary.md
	@echo "renewals: as of $(AS_OF), $$(wc -l < $(REN)/renewals.jsonl) contracts in the window; tables and charts in $(REN)/"

.PHONY: renewals-params

# The parameters, rewritten only when they change, so that a new AS_OF or
# DATA reruns exactly the stages that depend on it.
$(REN)/as-of: renewals-params | $(REN)
	[[ '$(AS_OF)' =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$$ ]] && date -u -d '$(AS_OF)' +%F >/dev/null 2>&1 || \
		{ echo "renewals: AS_OF=$(AS_OF) is not a YYYY-MM-DD date" >&2; exit 2; }
	echo '$(AS_OF)' | cmp -s - $@ || echo '$(AS_OF)' > $@
$(REN)/data: renewals-params | $(REN)
	echo '$(DATA)' | cmp -s - $@ || echo '$(DATA)' > $@

$(REN)/contracts.jsonl: $(REN)/data $(REN_INPUTS) $(REN_BINS) pipelines/renewals-records.sh \
		pipelines/ocds.jq pipelines/contracts-finder.jq pipelines/contracts-lib.jq | $(REN)
	pipelines/renewals-records.sh '$(DATA)' $(BIN) $(REN)/records > $@.tmp && mv $@.tmp $@

$(REN)/renewals.jsonl: $(REN)/contracts.jsonl $(REN)/as-of $(REN_JQ)
	jq -c --arg step select --arg as_of '$(AS_OF)' -f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/excluded.jsonl: $(REN)/contracts.jsonl $(REN)/as-of $(REN_JQ)
	jq -c --arg step excluded --arg as_of '$(AS_OF)' -f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/%.agg.jsonl: $(REN)/renewals.jsonl $(REN_BINS) $(REN_JQ)
	if [ -x $(BIN)/aggregate ]; then \
		$(BIN)/aggregate --by '$(REN_KEY_$*)' --sum value $< > $@.tmp; \
	else \
		jq -n -c --arg step aggregate --arg by '$(REN_KEY_$*)' --arg as_of '$(AS_OF)' \
			-f pipelines/renewals.jq $< > $@.tmp; \
	fi && mv $@.tmp $@

$(REN)/%.csv: $(REN)/%.agg.jsonl $(REN)/as-of $(REN_JQ)
	jq -n -r --arg step table --arg table $* --arg fmt csv --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@
$(REN)/%.md: $(REN)/%.agg.jsonl $(REN)/as-of $(REN_JQ)
	jq -n -r --arg step table --arg table $* --arg fmt md --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@
$(REN)/%.tsv: $(REN)/%.agg.jsonl $(REN)/as-of $(REN_JQ)
	jq -n -r --arg step table --arg table $* --arg fmt gp --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/top25.csv: $(REN)/renewals.jsonl $(REN_JQ)
	jq -n -r --arg step top --arg fmt csv --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@
$(REN)/top25.md: $(REN)/renewals.jsonl $(REN_JQ)
	jq -n -r --arg step top --arg fmt md --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/summary.md: $(REN)/renewals.jsonl $(REN)/excluded.jsonl $(REN_JQ)
	jq -n -r --arg step summary --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $(REN)/renewals.jsonl $(REN)/excluded.jsonl > $@.tmp && mv $@.tmp $@

# Chart data: quarters down, one column per category.
$(REN)/quarter-category.tsv: $(REN)/by-quarter-category.agg.jsonl $(REN)/as-of $(REN_JQ)
	jq -n -r --arg step matrix --arg as_of '$(AS_OF)' \
		-f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

# gnuplot writes its version into SVG files; drop it, as report.mk does,
# so the chart depends on the data alone.
# gnuplot reads and writes UTF-8 (names, £): a UTF-8 C locale, as in
# report-chart.sh (under LC_ALL=C it warns and cannot convert).
REN_GNUPLOT = LC_ALL=C.UTF-8 gnuplot
REN_SVG_FIX = if [ '$*' = svg ]; then sed -i '/<desc>Produced by GNUPLOT/d' $@.tmp; fi

# Charts: the terminal comes from the extension; category names for the
# colours are read from the table's header line by the recipe.
$(REN)/renewals.%: pipelines/renewals.gp pipelines/report-style.gp $(REN)/quarter-category.tsv $(REN)/as-of
	$(REN_GNUPLOT) -e "in='$(REN)/quarter-category.tsv'; out='$@.tmp'; fmt='$*'; as_of='$(AS_OF)'; \
		cats='$$(head -n 1 $(REN)/quarter-category.tsv | cut -f 2- | tr '\t' ' ' | tr -cd 'A-Za-z0-9 _-')'; \
		ncol=$$(head -n 1 $(REN)/quarter-category.tsv | awk -F'\t' '{ print NF }')" \
		pipelines/renewals.gp
	$(REN_SVG_FIX) && mv $@.tmp $@

$(REN)/suppliers.%: pipelines/report-hbar.gp pipelines/report-style.gp $(REN)/by-supplier.tsv $(REN)/as-of
	if [ $$(wc -l < $(REN)/by-supplier.tsv) -gt 1 ]; then \
		$(REN_GNUPLOT) -e "in='$(REN)/by-supplier.tsv'; out='$@.tmp'; fmt='$*'; \
			label_col=1; amount_col=3; \
			heading='Top suppliers up for renewal, £m (24 months from $(AS_OF))'" \
			pipelines/report-hbar.gp; \
	else \
		$(REN_GNUPLOT) -e "in='$(REN)/by-supplier.tsv'; out='$@.tmp'; fmt='$*'; \
			heading='Top suppliers up for renewal (24 months from $(AS_OF))'" \
			pipelines/report-nodata.gp; \
	fi
	$(REN_SVG_FIX) && mv $@.tmp $@

$(REN):
	mkdir -p $@
