# report-renewals.mk: contracts coming up for renewal.
#
#   make renewals [AS_OF=YYYY-MM-DD] [DATA=folder] [OUT=folder]
#
# From the contract records of DATA as make report classifies them
# ($(REPORT_WORK)/contracts.jsonl: normalised, suppliers resolved by
# dedupe-supplier, sectors by classify-sector; report.mk), the live
# contracts whose renewal date - the end date, or max_end when extension
# options reach further - falls in the 24 months after AS_OF (default:
# today, UTC): total value by quarter and by category, the largest
# suppliers and the top 25 contracts, as CSV and Markdown tables, and two
# charts (SVG and PNG), all under $(OUT)/renewals/.  Sums by aggregate;
# pipelines/renewals.jq selects, lays out and formats.  Same inputs and
# AS_OF: the same bytes.

REN := $(REPORT_OUT)/renewals
REN_JQ := pipelines/renewals.jq pipelines/contracts-lib.jq
REN_KEY_by-quarter := quarter(renewal)
REN_KEY_by-category := category
REN_KEY_by-supplier := supplier
REN_KEY_by-quarter-category := quarter(renewal),category
REN_TABLES := $(foreach t,by-quarter by-category by-supplier top25,$(REN)/$(t).csv $(REN)/$(t).md)
REN_CHARTS := $(foreach c,renewals suppliers,$(REN)/$(c).svg $(REN)/$(c).png)

renewals: $(REN_TABLES) $(REN_CHARTS) $(REN)/summary.md
	$(REPORT_SAY) renewals - "as of $(AS_OF), $$(grep -c '' $(REN)/renewals.jsonl) contracts in the window; tables and charts in $(REN)/"

.PHONY: renewals-params

# AS_OF, rewritten only when it changes, so that a new AS_OF reruns
# exactly the stages that depend on it.
$(REN)/as-of: renewals-params | $(REN)
	[[ '$(AS_OF)' =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$$ ]] && date -u -d '$(AS_OF)' +%F >/dev/null 2>&1 || \
		{ echo "renewals: AS_OF=$(AS_OF) is not a YYYY-MM-DD date" >&2; exit 2; }
	echo '$(AS_OF)' | cmp -s - $@ || echo '$(AS_OF)' > $@

$(REN)/renewals.jsonl: $(REPORT_WORK)/contracts.jsonl $(REN)/as-of $(REN_JQ)
	jq -c --arg step select --arg as_of '$(AS_OF)' -f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/excluded.jsonl: $(REPORT_WORK)/contracts.jsonl $(REN)/as-of $(REN_JQ)
	jq -c --arg step excluded --arg as_of '$(AS_OF)' -f pipelines/renewals.jq $< > $@.tmp && mv $@.tmp $@

$(REN)/%.agg.jsonl: $(REN)/renewals.jsonl $(BIN)/aggregate
	$(BIN)/aggregate --by '$(REN_KEY_$*)' --sum value $< > $@.tmp && mv $@.tmp $@

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

$(REN)/summary.md: $(REN)/renewals.jsonl $(REN)/excluded.jsonl $(REN_JQ) $(BIN)/aggregate
	jq -n -r --arg step summary --arg as_of '$(AS_OF)' \
		--arg total "$$($(BIN)/aggregate --sum value $(REN)/renewals.jsonl | jq -r .value)" \
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
