#!/usr/bin/env bash
# report-partial.sh BIN KEYS...: partial aggregates of the records on stdin,
# one per KEYS (a --by list), each output line prefixed by its KEYS and a
# tab.  Run by GNU parallel --pipepart on PARALLEL_HOSTS for a part of the
# records; report-table.sh splits the lines back by KEYS and merges them
# with aggregate (JSON lines have no raw tabs, so the first tab splits).
set -euo pipefail
export LC_ALL=C
bin=$1
shift
part=$(mktemp)
trap 'rm -f "$part"' EXIT
cat >"$part"
for keys in "$@"; do
	"$bin/aggregate" --by "$keys" "$part" | sed "s/^/$keys\t/"
done
