#!/usr/bin/env bash
# run.sh [DIR|FILE...]: run the test suite and end with "N passed, N failed".
#
# What counts as a test, under tests/ (or the folders given):
#  - golden cases: <dir>/<case>.args holds the arguments of the filter named
#    like the folder (tests/aggregate/top.args runs $BIN/aggregate); stdin is
#    <case>.in when present; stdout must equal <case>.out, stderr <case>.err
#    when present, and the exit status <case>.rc (default 0).  The command
#    runs in the case's folder.
#  - scripts: executable <dir>/*.t files, each printing TAP lines ("ok - x",
#    "not ok - x", "ok - x # SKIP why"); a script that exits non-zero
#    without reporting a failure counts as one failure.
#  - unit tests: every program in $UNIT (built by make) speaks the same TAP.
# PASSES="BIN:UNIT ..." runs the whole suite once per build (make test runs
# the plain build and the ASan+UBSan build); failures name the pass.
set -u
export LC_ALL=C
# Debian's python3 (the declared dependency, with python3-jsonschema) ahead
# of any version manager's shims, which cost ~0.1 s per call.
export PATH="/usr/bin:/bin:$PATH"
TOP=$(cd "$(dirname "$0")/.." && pwd)
: "${BIN:=$TOP/out/bin}"
: "${UNIT:=$TOP/out/test}"
: "${SHARED:=$TOP/../shared/data}"
export TOP SHARED
pass=0 fail=0 skipped=0
failed_names=()
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# count TAP lines from file $1 for test group $2; echo failures in full
tally() {
	local log=$1 group=$2 rc=$3 line nf=0 n=0
	while IFS= read -r line; do
		case $line in
		'not ok'*) fail=$((fail + 1)); nf=$((nf + 1)); n=$((n + 1))
			failed_names+=("$label$group: ${line#not ok - }")
			echo "FAIL $group: ${line#not ok - }" ;;
		'ok'*'# SKIP'*) skipped=$((skipped + 1)); n=$((n + 1))
			echo "skip $group: ${line#ok - }" ;;
		'ok'*) pass=$((pass + 1)); n=$((n + 1)) ;;
		'#'*) [ "$nf" -gt 0 ] && echo "$line" ;;
		esac
	done <"$log"
	if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
		fail=$((fail + 1)); failed_names+=("$label$group (exit $rc)")
		echo "FAIL $group: exited $rc after $n checks"; tail -n 20 "$log" | sed 's/^/#   /'
	fi
}

run_golden() {
	local args=$1 dir case filter rc want_rc
	dir=$(dirname "$args"); case=${args%.args}; filter=$(basename "$dir")
	local out=$scratch/out err=$scratch/err
	want_rc=0; [ -f "$case.rc" ] && want_rc=$(cat "$case.rc")
	local argv; argv=$(cat "$args")
	(
		cd "$dir" || exit 99
		export TOP BIN SHARED
		if [ -f "$case.in" ]; then
			eval "\"\$BIN/$filter\" $argv" <"$case.in" >"$out" 2>"$err"
		else
			eval "\"\$BIN/$filter\" $argv" </dev/null >"$out" 2>"$err"
		fi
	)
	rc=$?
	local name=${case#"$TOP"/tests/} bad=
	if [ "$rc" != "$want_rc" ]; then bad="exit status $rc, expected $want_rc"; fi
	if [ -z "$bad" ] && [ -f "$case.out" ] && ! cmp -s "$case.out" "$out"; then bad="stdout differs"; fi
	if [ -z "$bad" ] && [ -f "$case.err" ] && ! cmp -s "$case.err" "$err"; then bad="stderr differs"; fi
	if [ -z "$bad" ]; then pass=$((pass + 1)); return; fi
	fail=$((fail + 1)); failed_names+=("$label$name")
	echo "FAIL $name: $bad"
	echo "#   command: (cd ${dir#"$TOP"/} && $filter $argv${case:+ < ${case##*/}.in})"
	[ -f "$case.out" ] && diff -u "$case.out" "$out" | head -n 40 | sed 's/^/#   /'
	[ -f "$case.err" ] && diff -u "$case.err" "$err" | head -n 20 | sed 's/^/#   /'
	[ -f "$case.err" ] || head -n 5 "$err" | sed 's/^/#   stderr: /'
}

run_prog() {
	local prog=$1 group=$2 log=$scratch/log rc t0=$SECONDS
	# Scripts marked "# plain build only" test pipelines and tools, not
	# our memory safety: the sanitizer pass skips them to keep the suite
	# short (the filters they run are exercised under ASan elsewhere).
	if [ -n "$label" ] && grep -q '^# plain build only' "$prog" 2>/dev/null; then
		skipped=$((skipped + 1))
		echo "skip $label$group: # SKIP plain build only"
		return 0
	fi
	TMP=$(mktemp -d "$scratch/t.XXXXXX") "$prog" >"$log" 2>&1 </dev/null
	rc=$?
	tally "$log" "$group" "$rc"
	[ $((SECONDS - t0)) -ge 30 ] && echo "time $label$group: $((SECONDS - t0)) s"
	return 0
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("$TOP/tests")
: "${PASSES:=$BIN:$UNIT}"
for build in $PASSES; do
	BIN=${build%%:*} UNIT=${build#*:}
	BIN=$(cd "$BIN" 2>/dev/null && pwd) || { echo "run.sh: no ${build%%:*}; run make first" >&2; exit 2; }
	export BIN
	case $BIN in */san/*) label='[san] ' ;; *) label= ;; esac
	[ "$(echo "$PASSES" | wc -w)" -gt 1 ] && echo "== pass: ${BIN#"$TOP"/}"
	for t in "${targets[@]}"; do
		t=$(cd "$(dirname "$t")" && pwd)/$(basename "$t")
		if [ -f "$t" ]; then
			case $t in *.args) run_golden "$t" ;; *) run_prog "$t" "${t#"$TOP"/tests/}" ;; esac
			continue
		fi
		while IFS= read -r f; do run_golden "$f"; done < <(find "$t" -name '*.args' -not -path '*/fuzz/*' | sort)
		while IFS= read -r f; do
			run_prog "$f" "${f#"$TOP"/tests/}"
		done < <(find "$t" -name '*.t' -perm -u+x | sort)
		if [ "$t" = "$TOP/tests" ] || [ "$t" = "$TOP/tests/unit" ]; then
			for u in "$UNIT"/test_*; do
				[ -x "$u" ] && run_prog "$u" "unit/${u##*/}"
			done
		fi
	done
done
if [ ${#failed_names[@]} -gt 0 ]; then
	echo "failed:"; printf '  %s\n' "${failed_names[@]}"
fi
if [ "$skipped" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skipped skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
