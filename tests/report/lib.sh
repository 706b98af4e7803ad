# lib.sh: shared by the tests/report/*.t scripts (sourced after tap.sh).
# report_build: make the samples report once into $RT (reused by the other
# scripts: make reruns nothing when it is current); returns make's status
# and leaves its output in $TMP/make.log.
RT=$TOP/out/tests/report
report_build() {
	make -C "$TOP" --no-print-directory report OUT="$RT" BIN="$BIN" \
	    DATA=samples >"$TMP/make.log" 2>&1
}
# money_pence X: "-1234.50" -> -123450 (string arithmetic, exact)
money_pence() {
	local s=$1 neg= i f
	[ "${s#-}" != "$s" ] && { neg=-; s=${s#-}; }
	i=${s%%.*}; f=00
	[ "$i" != "$s" ] && f=${s#*.}00
	echo "$neg$((10#$i * 100 + 10#${f:0:2}))"
}
