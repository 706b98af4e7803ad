# report-common.mk: what make report, snapshot, export and renewals share
# (read before report-renewals.mk and report.mk, which use it).
#
#   DATA=dir            the sources (default samples; which files, which
#                       buyer: pipelines/report-sources.sh)
#   OUT=dir             where everything goes (default out)
#   JOBS=n              make jobs (default: the CPUs); make -j works too
#   PARALLEL_HOSTS=...  normalise on these GNU parallel sshlogins
#   V=1                 show the commands; by default one line per stage
#   AS_OF=YYYY-MM-DD    the renewals' day (default today, UTC)
#   QUARTER=YYYYQn      make snapshot: the report as of the quarter's end
#
# The first stage's rules come from the data: pipelines/report-rules.sh
# writes $(REPORT_WORK)/sources.mk (one rule per unit of input files),
# included here, remade on every run and rewritten only when the set of
# inputs changes (make then starts again with the new rules).

DATA ?= samples
OUT ?= out
PARALLEL_HOSTS ?=
JOBS ?=
V ?=
QUARTER ?=
SNAPSHOTS ?= $(OUT)/snapshots
export PARALLEL_HOSTS PARALLEL_SSH

DEPS_TEST += openssh-server rsync chromium zstd
DEPS_REPORT += rsync sqlite3 zstd
# Charts are reproducible only with the time and version pinned.
export SOURCE_DATE_EPOCH ?= 0

REPORT_GOALS := report report-page report-records snapshot export export-db \
	renewals
ifneq ($(filter $(REPORT_GOALS),$(MAKECMDGOALS)),)
REPORT_ON := 1
endif

# make snapshot builds the report as of the quarter's last day in a
# folder of its own.
ifneq ($(filter snapshot,$(MAKECMDGOALS)),)
ifneq ($(shell [[ '$(QUARTER)' =~ ^[0-9]{4}Q[1-4]$$ ]] && echo ok),ok)
$(error usage: make snapshot QUARTER=YYYYQn (e.g. 2025Q2))
endif
AS_OF := $(word 1,$(subst Q, ,$(QUARTER)))-$(word \
	$(word 2,$(subst Q, ,$(QUARTER))),03-31 06-30 09-30 12-31)
REPORT_OUT := $(SNAPSHOTS)/build/$(QUARTER)
else
REPORT_OUT := $(OUT)
endif
AS_OF ?= $(shell date -u +%Y-%m-%d)

REPORT_SET := $(notdir $(abspath $(DATA)))
REPORT_WORK := $(REPORT_OUT)/work
REPORT_REC := $(REPORT_OUT)/records/$(REPORT_SET)
REPORT_DIR := $(REPORT_OUT)/report
REPORT_SAY := pipelines/report-say.sh

ifdef REPORT_ON
# Quiet unless V=1; jobs side by side.
ifneq ($(V),1)
MAKEFLAGS += -s
endif
MAKEFLAGS += -j$(or $(JOBS),$(shell nproc)) --no-print-directory
REPORT_T0 := $(shell date +%s.%N)
export REPORT_T0

$(REPORT_WORK)/sources.mk: deps-report
	pipelines/report-rules.sh '$(DATA)' $(REPORT_WORK)
include $(REPORT_WORK)/sources.mk
endif
