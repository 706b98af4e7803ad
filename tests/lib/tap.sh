# tap.sh: helpers for shell tests.  Source it; each check prints one TAP
# line that tests/run.sh counts.  BIN (filters), TOP (repository root),
# SHARED (../shared/data, may be absent) and TMP (scratch, removed after
# the test) are set by the runner.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BIN:=$TOP/out/bin}"
: "${SHARED:=$TOP/../shared/data}"
if [ -z "${TMP:-}" ]; then TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT; fi

ok() { printf 'ok - %s\n' "$*"; }
not_ok() { printf 'not ok - %s\n' "$1"; shift; [ $# -gt 0 ] && printf '#   %s\n' "$@"; return 0; }
skip() { printf 'ok - %s # SKIP %s\n' "$1" "$2"; }
# check NAME COMMAND...: ok when the command succeeds.
check() { local n=$1; shift; if "$@" >"$TMP/.check.out" 2>&1; then ok "$n"; else not_ok "$n" "command: $*" "$(head -c 2000 "$TMP/.check.out")"; fi; }
# same NAME EXPECTED ACTUAL: ok when the two strings are equal.
same() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "actual:   $3"; fi; }
# have_shared: true when the real data folder is present.
have_shared() { [ -d "$SHARED" ]; }
# gen_spend SKIPNAME DIR GEN-SPEND-ARGS...: write the shared generator's
# council files into DIR.  Without the generator or python3 the test is
# reported as SKIPNAME skipped and ends; when the generator fails, that is
# a failure ("gen-spend runs") and the test ends.
GEN=${GEN_SPEND:-$TOP/../shared/bench/gen-spend}
gen_spend() {
	local name=$1 dir=$2
	shift 2
	if [ ! -f "$GEN" ] || ! command -v python3 >/dev/null; then
		skip "$name" "no $GEN or no python3"
		exit 0
	fi
	python3 "$GEN" "$@" --out "$dir" >/dev/null 2>&1 ||
		{ not_ok "gen-spend runs"; exit 0; }
}
