# lib.sh: the end-to-end run shared by reconcile.t and samples.t.  Source
# it after tests/lib/tap.sh.
#
#   e2e_reconcile DATA WORK [SUBSET]
#
# (e2e_normalise DATA WORK [SUBSET] is its first step alone.)  It
# lists DATA's source files as the report does (pipelines/report-sources.sh:
# DATA/sources.tsv, else pipelines/sources/<name>.tsv, else folder = buyer),
# normalises each one with -v and --rejects (a jq kind through its jq
# program first), runs every record through dedupe-supplier, classify-sector
# and aggregate (--by all, --by buyer, --sum value) and checks with
# recon.py that nothing was lost on the way: per file, rows = records +
# rejects + skipped, counted independently; per stage, the same records with
# the same amounts; at the end, the aggregate totals equal the records'
# totals to the penny.  SUBSET "sample" keeps the first file of each folder
# (for the slow sanitizer build).  A file normalise cannot read because it
# has no header row, when layout_for FILE names a file whose header it
# shares, fails once (the sources table should say --layout) and is then
# read with --layout, so the rest still reconciles.
E2E=$TOP/tests/e2e
# seconds any one filter run may take (dedupe-supplier has hung on real data)
case $BIN in */san/*) : "${E2E_TIMEOUT:=600}" ;; *) : "${E2E_TIMEOUT:=120}" ;; esac

# e2e_one DATA WORK N FILE BUYER KIND OPTIONS [MORE...]: normalise one file.
e2e_one() {
	local data=$1 work=$2 n=$3 file=$4 buyer=$5 kind=$6 options=$7 o prog=
	shift 7
	local args=(-v --rejects "$work/$n.rej")
	[ -n "$buyer" ] && args+=(--buyer "$buyer")
	for o in $options; do
		case $o in
		jq=*) prog=${o#jq=} ;;
		*) args+=("$o") ;;
		esac
	done
	args+=("$@")
	(
		cd "$data" || exit 99
		case $kind in
		payment) timeout "$E2E_TIMEOUT" "$BIN/normalise" "${args[@]}" "$file" ;;
		contract) timeout "$E2E_TIMEOUT" "$BIN/normalise" --kind contract \
		    "${args[@]}" "$file" ;;
		jq) jq -c -f "$TOP/$prog" --arg file "$file" "$file" >"$work/$n.jsonl" &&
			timeout "$E2E_TIMEOUT" "$BIN/normalise" --from jsonl \
			    "${args[@]}" - <"$work/$n.jsonl" ;;
		*) echo "unknown kind $kind" >&2; exit 98 ;;
		esac
	) >"$work/$n.out" 2>"$work/$n.err"
	echo $? >"$work/$n.rc"
	: >>"$work/$n.rej"
}

# e2e_stage NAME OUT COMMAND...: run one stage; ok when it exits 0.
e2e_stage() {
	local name=$1 out=$2 rc
	shift 2
	timeout "$E2E_TIMEOUT" "$@" >"$out" 2>"$out.err"
	rc=$?
	if [ $rc -eq 0 ]; then
		ok "$name exits 0"
	else
		not_ok "$name exits 0" "exit $rc$([ $rc -eq 124 ] && echo " (killed after ${E2E_TIMEOUT}s)")" \
		    "command: $*" "$(tail -n 3 "$out.err")"
	fi
	return $rc
}

# e2e_normalise DATA WORK [SUBSET]: WORK/manifest.tsv, WORK/N.* per file
# and WORK/all.jsonl, every record in manifest order.
e2e_normalise() {
	local data=$1 work=$2 subset=${3:-} n=0 line file buyer kind options rest lay rc
	mkdir -p "$work"
	if ! bash "$TOP/pipelines/report-sources.sh" "$data" >"$work/manifest.all" 2>"$work/manifest.err"; then
		not_ok "sources table of $data" "$(cat "$work/manifest.err")"
		return 1
	fi
	if [ "$subset" = sample ]; then
		awk -F'\t' '{ d = $1; sub(/\/[^\/]*$/, "", d) } !seen[d]++' \
		    "$work/manifest.all" >"$work/manifest.tsv"
	else
		cp "$work/manifest.all" "$work/manifest.tsv"
	fi
	echo "# $(wc -l <"$work/manifest.tsv") of $(wc -l <"$work/manifest.all") source files of $data"
	# fields split by hand: read with IFS=tab would merge an empty buyer
	while IFS= read -r line; do
		file=${line%%$'\t'*}; rest=${line#*$'\t'}
		buyer=${rest%%$'\t'*}; rest=${rest#*$'\t'}
		kind=${rest%%$'\t'*}; options=${rest#*$'\t'}
		[ "$options" = "$line" ] && options=
		options=${options%%$'\t'*}	# a 5th column: the unit
		[ "$buyer" = - ] && buyer=	# "-": none (report-sources.sh)
		[ "$options" = - ] && options=
		e2e_one "$data" "$work" "$n" "$file" "$buyer" "$kind" "$options"
		read -r rc <"$work/$n.rc"
		if [ "$rc" = 1 ] &&
		    grep -q 'no header row found' "$work/$n.err" &&
		    declare -F layout_for >/dev/null &&
		    lay=$(layout_for "$file") && [ -n "$lay" ]; then
			not_ok "$file: normalise reads it with the sources table's options" \
			    "$(head -n 1 "$work/$n.err")" \
			    "the table should give --layout $lay; read with it here"
			e2e_one "$data" "$work" "$n" "$file" "$buyer" "$kind" "$options" --layout "$lay"
		fi
		n=$((n + 1))
	done <"$work/manifest.tsv"
	[ "$n" -gt 0 ] || { not_ok "source files in $data" "none"; return 1; }
	local i=0
	: >"$work/all.jsonl"
	while [ $i -lt $n ]; do
		cat "$work/$i.out" >>"$work/all.jsonl"
		i=$((i + 1))
	done
}

e2e_reconcile() {
	local data=$1 work=$2
	e2e_normalise "$@" || return 1
	python3 "$E2E/recon.py" files "$data" "$work"
	e2e_stage dedupe-supplier "$work/dedupe.jsonl" "$BIN/dedupe-supplier" -v "$work/all.jsonl" &&
	e2e_stage classify-sector "$work/classify.jsonl" "$BIN/classify-sector" -v "$work/dedupe.jsonl" &&
	e2e_stage "aggregate --by all" "$work/agg-all.jsonl" "$BIN/aggregate" -v --by all "$work/classify.jsonl" &&
	e2e_stage "aggregate --by buyer" "$work/agg-buyer.jsonl" "$BIN/aggregate" -v --by buyer "$work/classify.jsonl" &&
	e2e_stage "aggregate --sum value" "$work/agg-value.jsonl" "$BIN/aggregate" -v --sum value "$work/classify.jsonl" &&
	python3 "$E2E/recon.py" stages "$work"
}
