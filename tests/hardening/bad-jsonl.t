#!/usr/bin/env bash
# bad-jsonl.t: the record filters (aggregate, dedupe-supplier,
# classify-sector, normalise --from jsonl) on a corpus of damaged JSON
# lines made by mkcorpus.py in $TMP (the 50 MB line is 5 MB on the
# sanitizer build, see lib.sh).  Each case gets a clear one-line
# error or rejects with reasons, exit 0 or 1, never a crash or hang; fields
# a filter does not own pass through whole (50 MB strings, 100,000 keys,
# numbers past int64 or double).
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/hardening/lib.sh"
C=$TMP/corpus
mkdir -p "$C" && "$PYTHON" "$TOP/tests/hardening/mkcorpus.py" "$C" jsonl ||
	{ not_ok "make the corpus"; exit 1; }

args() {	# the arguments each filter gets
	case $1 in
	aggregate) echo --by supplier ;;
	normalise) echo --from jsonl --rejects "$TMP/run.rej" ;;
	esac
}
# expect FILTER CASE: ok, bad or clean (see lib.sh)
expect() {
	case $2 in
	empty|longline|wide|bignumber) echo ok ;;
	wrongtype-amount) case $1 in aggregate|normalise) echo bad ;; *) echo clean ;; esac ;;
	wrongtype-supplier) case $1 in dedupe-supplier|normalise) echo bad ;; *) echo clean ;; esac ;;
	wrongtype-text) case $1 in classify-sector|normalise) echo bad ;; *) echo clean ;; esac ;;
	bigint) case $1 in aggregate|normalise) echo bad ;; *) echo ok ;; esac ;;
	*) echo bad ;;
	esac
}

for f in aggregate dedupe-supplier classify-sector normalise; do
	if [ ! -x "$BIN/$f" ]; then
		skip "$f bad-input corpus" "$f not built"
		continue
	fi
	for c in empty html xlsx nul badutf8 unterminated truncated dupkeys \
	    deep deeper wrongtype-amount wrongtype-supplier wrongtype-text \
	    bigint bignumber longline wide; do
		# shellcheck disable=SC2046
		judge "$f" "$c.jsonl" "$(expect "$f" "$c")" "$C/$c.jsonl" $(args "$f")
		[ "$RC" -eq 0 ] || continue
		o=$TMP/run.out
		case $f:$c in
		aggregate:longline)
			same "$f $c: both records summed" '2 2469.12' \
			    "$(jq -r '"\(.count) \(.amount)"' "$o" | head -n 1)" ;;
		aggregate:wide)
			same "$f $c: both records summed" '2 1246.56' \
			    "$(jq -r '"\(.count) \(.amount)"' "$o" | head -n 1)" ;;
		aggregate:*) ;;
		*:longline)
			n=$(line_len "$o" 1) p=
			[ "$n" -gt "$LONG" ] || p="first line only $n bytes"
			report "$f longline: $HARDENING_LONG_MB MB description passes whole" "$f" \
			    longline.jsonl ${p:+"$p"} ;;
		*:wide)
			n=$(head -n 1 "$o" | jq 'keys | length') p=
			[ "${n:-0}" -gt 100000 ] || p="only ${n:-0} keys"
			report "$f wide: 100,000 extra keys pass through" "$f" \
			    wide.jsonl ${p:+"$p"} ;;
		*:bignumber)
			check "$f bignumber: digits pass through exactly" grep -q \
			    '"n":123456789012345678901234567890.5e400' "$o" ;;
		dedupe-supplier:bigint|classify-sector:bigint)
			check "$f bigint: amount passes through exactly" grep -q \
			    '"amount":99999999999999999999999.00' "$o" ;;
		dedupe-supplier:wrongtype-amount|classify-sector:wrongtype-amount)
			check "$f wrongtype-amount: value passes through" grep -q \
			    '"amount":"twelve"' "$o" ;;
		esac
	done
done
