#!/usr/bin/env bash
# plain build only
# fields.t: the field-level check of ../shared/tools/fields_check.py on
# every council of ../shared/data, data/wild and data/more: per council,
# >= 99% of data rows become records, >= 99% of named suppliers are kept,
# >= 90% of records dated in their file's period, buyer resolved, total
# within 0.1% of an independent reading.  One line per council.  Skips
# when the data or the tool is absent.
source "$TOP/tests/lib/tap.sh"
diag() { printf "#   %s\n" "$*"; }
TOOLS=${SHARED%/*}/tools
if ! have_shared || [ ! -f "$TOOLS/fields_check.py" ]; then
	skip "fields check" "no $SHARED or no $TOOLS/fields_check.py"
	exit 0
fi
# the three sets side by side (two cores)
for set in data wild more; do
	spec=$TOOLS/spec-$set.tsv root=$SHARED
	[ "$set" = data ] || root=$SHARED/$set
	[ -f "$spec" ] && [ -d "$root" ] || continue
	( python3 "$TOOLS/fields_check.py" "$spec" "$root" "$BIN/normalise" \
	    >"$TMP/$set.out" 2>"$TMP/$set.err"; echo $? >"$TMP/$set.rc" ) &
done
wait
for set in data wild more; do
	if [ ! -f "$TMP/$set.rc" ]; then
		skip "fields check $set" "no spec-$set.tsv or no data"
		continue
	fi
	n=0
	while IFS= read -r line; do
		case $line in
		*': files '*)
			n=$((n + 1))
			case $line in
			*'<- short'*) not_ok "$set/${line%%: files*} holds"
				diag "$line" ;;
			*) ok "$set/${line%%: files*} holds"
				diag "$line" ;;
			esac ;;
		*' councils hold;'*) diag "$set: $line" ;;
		esac
	done <"$TMP/$set.out"
	same "$set: fields_check exits 0" 0 "$(cat "$TMP/$set.rc")"
	[ "$n" -gt 0 ] || { not_ok "$set: councils checked"; sed 's/^/#   /' "$TMP/$set.err" | head; }
done
