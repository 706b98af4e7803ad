# lib.sh: shared by the tests/report/*.t scripts (sourced after tap.sh).
# Each script has its own output folder, $RT (out/tests/report/<script>,
# emptied first), so the scripts do not depend on each other or on order.
# report_build: make the samples report into $RT; returns make's status
# and leaves its output in $TMP/make.log.
RT=$TOP/out/tests/report/$(basename "$0" .t)
rm -rf "$RT"
mkdir -p "$RT"
report_build() {
	make -C "$TOP" --no-print-directory report OUT="$RT" BIN="$BIN" \
	    DATA=samples "$@" >"$TMP/make.log" 2>&1
}
# money_pence X: "-1234.50" -> -123450 (string arithmetic, exact)
money_pence() {
	local s=$1 neg= i f
	[ "${s#-}" != "$s" ] && { neg=-; s=${s#-}; }
	i=${s%%.*}; f=00
	[ "$i" != "$s" ] && f=${s#*.}00
	echo "$neg$((10#$i * 100 + 10#${f:0:2}))"
}
