# fetch.mk: make fetch, make sheets (issue 16).
#
#   make fetch [PUBLISHERS=id,...] [SINCE=YYYY-MM] [UNTIL=YYYY-MM]
#              [FETCH_DIR=out/data] [CATALOGUE=schemas/publishers] [V=1]
#   make report DATA=out/data     # what make fetch wrote, as it is
#   make sheets DATA=dir          # spreadsheets in a folder of your own
#
# make fetch mirrors the publisher catalogue (CATALOGUE.tsv, one row per
# publisher; CATALOGUE.files.tsv, one row per file) into FETCH_DIR with
# pipelines/fetch.sh: conditional requests (ETag, Last-Modified), retries,
# one connection per host, a MANIFEST.tsv per publisher and FETCH_DIR/
# sources.tsv for make report.  Spreadsheets become one CSV per sheet
# (pipelines/sheets.sh).  V=1: a line per file (fetch.sh -v).  Tuning,
# passed through when set: FETCH_JOBS, FETCH_DELAY, FETCH_RETRIES,
# FETCH_BACKOFF, FETCH_TIMEOUT, FETCH_CONNECT_TIMEOUT, FETCH_STALL (see
# fetch.sh and fetch-one.sh).

CATALOGUE ?= schemas/publishers
FETCH_DIR ?= $(OUT)/data
PUBLISHERS ?=
SINCE ?=
UNTIL ?=
DEPS_FETCH := curl parallel xlsx2csv python3-xlrd
FETCH_VARS := FETCH_JOBS FETCH_DELAY FETCH_RETRIES FETCH_BACKOFF FETCH_TIMEOUT \
	FETCH_CONNECT_TIMEOUT FETCH_STALL
export $(FETCH_VARS)

.PHONY: fetch sheets deps-fetch

deps-fetch:
	@pipelines/deps.sh $(DEPS_FETCH)

fetch: deps-fetch
	pipelines/fetch.sh $(if $(filter 1,$(V)),-v) '$(CATALOGUE)' '$(FETCH_DIR)' '$(PUBLISHERS)' '$(SINCE)' '$(UNTIL)'

# Every spreadsheet under DATA (not the bundled samples: they have none),
# converted beside itself.
sheets: deps-fetch
	find '$(DATA)' -type f \( -iname '*.xlsx' -o -iname '*.xlsm' -o -iname '*.xls' \
		-o -iname '*.ods' \) -print0 | sort -z | xargs -0 -r pipelines/sheets.sh
