#!/usr/bin/env bash
# report-say.sh STAGE T0 MESSAGE: the one line make report prints for a
# stage: its name, MESSAGE and the seconds since T0 (date +%s.%N; "-":
# no time).  On a terminal the progress bar's line is cleared first.
# report-say.sh --bar LIST TOTAL LABEL: one more done for the progress
# bar: appends a line to LIST and, when stderr is a terminal, redraws
# "LABEL [#####.....] done/TOTAL" in place.
set -euo pipefail
export LC_ALL=C
if [ "$1" = --bar ]; then
	list=$2 total=$3 label=$4
	echo x >>"$list"
	[ -t 2 ] || exit 0
	n=$(grep -c '' "$list")
	[ "$n" -le "$total" ] || n=$total
	w=30 f=$((total > 0 ? n * 30 / total : 30))
	bar=$(printf '%*s' "$f" '' | tr ' ' '#')$(printf '%*s' $((w - f)) '' | tr ' ' '.')
	printf '\r%-10s [%s] %d/%d' "$label" "$bar" "$n" "$total" >&2
	exit 0
fi
stage=$1 t0=$2
shift 2
[ -t 2 ] && printf '\r\033[K' >&2
if [ "$t0" = - ]; then
	printf '%-10s %s\n' "$stage" "$*"
else
	printf '%-10s %s (%s s)\n' "$stage" "$*" \
	    "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
fi
