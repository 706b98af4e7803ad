#!/usr/bin/env bash
# fetch.sh [-v] CATALOGUE DEST [PUBLISHERS] [SINCE] [UNTIL]: mirror the
# publisher catalogue into the data folder DEST, ready for make report
# DATA=DEST.
#
#   CATALOGUE   the catalogue's two tables, CATALOGUE.tsv (one row per
#               publisher) and CATALOGUE.files.tsv (one row per file);
#               schemas/publishers for the real one (see its header)
#   DEST        DEST/<publisher>/<file> for every file, DEST/<publisher>/
#               MANIFEST.tsv, DEST/sources.tsv (what make report reads)
#   PUBLISHERS  ids to fetch, separated by commas or spaces (default: all)
#   SINCE       YYYY-MM: only files whose first month is that or later
#   UNTIL       YYYY-MM: only files whose first month is that or earlier
#               (default: all; a URL pattern is tried up to last month)
#   -v          a line per file, in the shape of every filter's -v:
#               "fetch: file=leeds/2024-01.csv url=... status=200
#               result=fetched bytes=1234", then "fetch: file=* ..."
# Environment: FETCH_JOBS (hosts fetched at once, default 8), FETCH_DELAY
# (seconds between two requests to one host, default 1), and
# FETCH_RETRIES, FETCH_BACKOFF, FETCH_TIMEOUT, FETCH_CONNECT_TIMEOUT,
# FETCH_STALL, read by pipelines/fetch-one.sh, which fetches one file.
#
# One connection per host: every request to a host holds that host's lock
# (flock) and sleeps FETCH_DELAY before letting go; different hosts are
# fetched at the same time by GNU parallel (a progress bar on a terminal).
# Spreadsheets are then converted (pipelines/sheets.sh) to one CSV per
# sheet beside them.  A summary goes to stderr.  The exit status is 1 when
# any file failed (the others are in place all the same), 2 on a usage
# error.
set -euo pipefail
export LC_ALL=C
prog=fetch
usage() { echo "usage: fetch.sh [-v] CATALOGUE DEST [PUBLISHERS] [SINCE] [UNTIL]" >&2; exit 2; }
verbose=0
[ "${1:-}" = -v ] && { verbose=1; shift; }
[ $# -ge 2 ] || usage
cat=$1 dest=${2%/} pubs=${3:-} since=${4:-} upto=${5:-}
top=$(cd "$(dirname "$0")/.." && pwd)
: "${FETCH_JOBS:=8}" "${FETCH_DELAY:=1}"
export FETCH_DELAY
for t in "$cat.tsv" "$cat.files.tsv"; do
	[ -f "$t" ] || { echo "$prog: $t: no such file" >&2; exit 2; }
done
[ -z "$since" ] || [[ $since =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] ||
	{ echo "$prog: SINCE=$since: not YYYY-MM" >&2; exit 2; }
[ -z "$upto" ] || [[ $upto =~ ^[0-9]{4}-(0[1-9]|1[0-2])$ ]] ||
	{ echo "$prog: UNTIL=$upto: not YYYY-MM" >&2; exit 2; }
last_month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)

# the catalogue's publishers: id gss buyer kind options format licence
# listing pattern first last (comments and the header line dropped)
catrows() { awk -F '\t' '!/^#/ && NF && $1 != "id"' "$cat.tsv"; }
known=$(catrows | cut -f1)
want=$(printf '%s\n' ${pubs//,/ })
for p in $want; do
	grep -qxF "$p" <<<"$known" ||
		{ echo "$prog: $p: not in $cat.tsv" >&2; exit 2; }
done
[ -n "$want" ] || want=$known

mkdir -p "$dest"
work=$dest/.fetch-tmp
rm -rf "$work"
mkdir -p "$work/locks"
trap 'rm -rf "$work"' EXIT

# The jobs, one line each: host pub file url format guessed
{
	# listed files
	awk -F '\t' -v OFS='\t' -v want="$(tr '\n' ' ' <<<"$want")" -v since="$since" -v until="$upto" \
	    -v skipped="$work/skipped.tsv" '
	BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) ok[w[i]] = 1 }
	/^#/ || !NF || $1 == "publisher" || !($1 in ok) { next }
	since != "" && ($3 == "-" || $3 < since) { next }
	until != "" && ($3 == "-" || $3 > until) { next }
	$7 == "-" || $7 == "" { print $1, $5, "no URL in the catalogue" >skipped; next }
	{ print $1, $5, $7, $4, 0 }' "$cat.files.tsv"
	# files from URL patterns, one per month from first to last
	catrows | while IFS=$'\t' read -r id _ _ _ _ format _ _ pattern first last; do
		grep -qxF "$id" <<<"$want" || continue
		[ -n "$pattern" ] && [ "$pattern" != - ] || continue
		[ -n "$last" ] && [ "$last" != - ] || last=$last_month
		[ -z "$upto" ] || [[ $last < $upto ]] || last=$upto
		[ -z "$since" ] || [[ $first > $since ]] || first=$since
		awk -v OFS='\t' -v id="$id" -v pat="$pattern" -v fmt="$format" \
		    -v first="$first" -v last="$last" '
		BEGIN {
			split("January February March April May June July August September October November December", mn, " ")
			y = substr(first, 1, 4) + 0; m = substr(first, 6, 2) + 0
			while (sprintf("%04d-%02d", y, m) <= last) {
				u = pat; M = mn[m]; mm = sprintf("%02d", m)
				gsub(/\{YYYY\}/, y, u); gsub(/\{YY\}/, sprintf("%02d", y % 100), u)
				gsub(/\{MM\}/, mm, u); gsub(/\{M\}/, m, u)
				gsub(/\{Month\}/, M, u); gsub(/\{month\}/, tolower(M), u)
				gsub(/\{MONTH\}/, toupper(M), u)
				gsub(/\{Mon\}/, substr(M, 1, 3), u)
				gsub(/\{mon\}/, tolower(substr(M, 1, 3)), u)
				gsub(/\{MON\}/, toupper(substr(M, 1, 3)), u)
				print id, sprintf("%04d-%s.%s", y, mm, fmt), u, fmt, 1
				if (++m > 12) { m = 1; y++ }
			}
		}'
	done
} | awk -F '\t' -v OFS='\t' '{
	h = $3; sub(/^[a-zA-Z]+:\/\//, "", h); sub(/[\/?#].*/, "", h); sub(/^.*@/, "", h)
	print tolower(h), $0 }' >"$work/jobs0.tsv"

# Round-robin over hosts, so the jobs running at once are on different hosts.
awk -F '\t' -v OFS='\t' '{ print ++n[$1], $0 }' "$work/jobs0.tsv" |
	sort -t $'\t' -k1,1n -k2,2 -s | cut -f2- >"$work/jobs.tsv"
njobs=$(grep -c '' "$work/jobs.tsv" || true)
nhosts=$(cut -f1 "$work/jobs.tsv" | sort -u | grep -c '' || true)
echo "$prog: $njobs file$([ "$njobs" = 1 ] || echo s) from $nhosts host$([ "$nhosts" = 1 ] || echo s) into $dest" >&2

bar=(); [ -t 2 ] && bar=(--bar)
: >"$work/results.tsv"
if [ "$njobs" -gt 0 ]; then
	for p in $(cut -f2 "$work/jobs.tsv" | sort -u); do mkdir -p "$dest/$p"; done
	FETCH_LOCKS=$work/locks parallel --will-cite "${bar[@]}" -j "$FETCH_JOBS" \
	    --colsep '\t' "$top/pipelines/fetch-one.sh" "$dest" '{2}' '{3}' '{4}' '{5}' '{6}' \
	    <"$work/jobs.tsv" >"$work/results.tsv" ||
		{ echo "$prog: a fetch job crashed (see above)" >&2; exit 1; }
fi

# Each publisher's manifest: this run's rows, then the rows of files this
# run did not ask for (SINCE, or a shorter catalogue), sorted by file.
# Spreadsheets in place are converted, and their CSVs listed as derived.
header=$'file\turl\tstatus\tetag\tlast_modified\tbytes\tsha256\tfetched\tresult\tnote'
for p in $want; do
	[ -d "$dest/$p" ] || continue
	m=$dest/$p/MANIFEST.tsv
	{
		awk -F '\t' -v OFS='\t' -v p="$p" '$1 == p && $10 != "absent" {
			$1 = ""; sub(/^\t/, ""); print }' "$work/results.tsv"
		if [ -f "$m" ]; then
			awk -F '\t' -v p="$p" 'FNR == NR { if ($1 == p) done[$2] = 1; next }
			FNR > 1 && !($1 in done) && $9 != "derived"' "$work/results.tsv" "$m"
		fi
	} | sort -t $'\t' -k1,1 >"$work/m.tsv"
	# the sheets of a spreadsheet this run left as it was are kept as
	# they are when all their CSVs are still there
	: >"$work/old-derived.tsv"
	[ -f "$m" ] && awk -F '\t' -v OFS='\t' 'FNR > 1 && $9 == "derived"' "$m" >"$work/old-derived.tsv"
	awk -F '\t' -v OFS='\t' '$9 != "derived" && $6 != "-"' "$work/m.tsv" |
	while IFS=$'\t' read -r f url _ _ _ _ _ when result _; do
		case ${f,,} in *.xlsx | *.xlsm | *.xls | *.ods) ;; *) continue ;; esac
		[ -f "$dest/$p/$f" ] || continue
		if [ "$result" != fetched ] && awk -F '\t' -v f="$f" -v d="$dest/$p" '
		    index($1, f ".") == 1 { n++; if ((getline x <(d "/" $1)) < 0) bad = 1 }
		    END { exit !(n && !bad) }' "$work/old-derived.tsv"; then
			awk -F '\t' -v f="$f" 'index($1, f ".") == 1' "$work/old-derived.tsv"
			continue
		fi
		"$top/pipelines/sheets.sh" "$dest/$p/$f" >"$work/sheets.out" ||
			{ echo "$prog: $p/$f: cannot convert (above)" >&2; continue; }
		while IFS=$'\t' read -r csv sheet; do
			printf '%s\t%s#sheet=%s\t-\t-\t-\t%s\t%s\t%s\tderived\tsheet "%s" of %s\n' \
			    "$csv" "$url" "$sheet" "$(wc -c <"$dest/$p/$csv")" \
			    "$(sha256sum "$dest/$p/$csv" | cut -d ' ' -f 1)" "$when" \
			    "$sheet" "$f"
		done <"$work/sheets.out"
	done >"$work/derived.tsv"
	{ printf '%s\n' "$header"; sort -t $'\t' -k1,1 "$work/m.tsv" "$work/derived.tsv"; } >"$m.tmp"
	mv "$m.tmp" "$m"
done

# sources.tsv for make report: every publisher of this catalogue with CSVs
# in DEST, then a row for each file whose kind is not its publisher's.
{
	printf '# Written by make fetch from %s: file (a publisher'"'"'s folder,\n' "${cat#"$top"/}"
	printf '# or one file), buyer, kind, options (pipelines/report-sources.sh).\n'
	printf 'file\tbuyer\tkind\toptions\n'
	catrows | while IFS=$'\t' read -r id _ buyer kind options _; do
		[ -n "$(find "$dest/$id" -maxdepth 1 -name '*.csv' -type f 2>/dev/null | head -n 1)" ] || continue
		[ "$options" = - ] && options=
		printf '%s\t%s\t%s\t%s\n' "$id" "$buyer" "${kind:-payment}" "$options"
		awk -F '\t' -v OFS='\t' -v id="$id" -v kind="${kind:-payment}" \
		    '$1 == id && $6 != "-" && $6 != "" && $6 != kind { print $5, $6 }' \
		    "$cat.files.tsv" |
		while IFS=$'\t' read -r f k; do
			case ${f,,} in
			*.csv) [ -f "$dest/$id/$f" ] || continue; g=$f ;;
			*) compgen -G "$dest/$id/$f.*.csv" >/dev/null || continue; g="$f.*.csv" ;;
			esac
			printf '%s/%s\t%s\t%s\t%s\n' "$id" "$g" "$buyer" "$k" "$options"
		done
	done
} >"$dest/sources.tsv.tmp"
mv "$dest/sources.tsv.tmp" "$dest/sources.tsv"

# With -v, a line per file and one for the run, as every filter's -v:
# key=value, a value bare when it is only [A-Za-z0-9._/:+*@%-], else a
# JSON string.
if [ "$verbose" = 1 ]; then
	sort -t $'\t' -k1,1 -k2,2 "$work/results.tsv" | awk -F '\t' -v prog="$prog" '
	function v(s) {
		if (s ~ /^[A-Za-z0-9._\/:+*@%-]+$/) return s
		gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s)
		return "\"" s "\""
	}
	{ printf "%s: file=%s url=%s status=%s result=%s bytes=%s", prog, v($1 "/" $2), v($3), v($4), v($10), ($7 == "-" ? 0 : $7)
	  if ($11 != "-") printf " note=%s", v($11)
	  printf "\n"; n++; r[$10]++ }
	END { printf "%s: file=* files=%d fetched=%d unchanged=%d failed=%d absent=%d\n", prog, n, r["fetched"], r["unchanged"], r["failed"], r["absent"] }' >&2
fi

# The summary: per publisher, then the failures with their URLs.
awk -F '\t' -v prog="$prog" -v skipped="$work/skipped.tsv" '
{ n[$1]++; c[$1, $10]++; t[$10]++; if (!($1 in seen)) { seen[$1] = 1; order[++np] = $1 } }
$10 == "failed" { fail[++nf] = prog ": FAILED " $1 "/" $2 " " $3 ": " $11 }
END {
	while ((getline line <skipped) > 0) {
		split(line, s, "\t"); sk[s[1]]++; tsk++
		if (!(s[1] in seen)) { seen[s[1]] = 1; order[++np] = s[1] }
	}
	for (i = 1; i <= np; i++) {
		p = order[i]
		line = sprintf("%s: %s: %d fetched, %d unchanged, %d failed", prog, p, \
		    c[p, "fetched"], c[p, "unchanged"], c[p, "failed"])
		if (c[p, "absent"]) line = line sprintf(", %d not published", c[p, "absent"])
		if (sk[p]) line = line sprintf(", %d without a URL", sk[p])
		print line | "sort"
	}
	close("sort")
	for (i = 1; i <= nf; i++) print fail[i] | "sort"
	close("sort")
	printf "%s: %d fetched, %d unchanged, %d failed", prog, t["fetched"], \
	    t["unchanged"], t["failed"]
	if (t["absent"]) printf ", %d not published", t["absent"]
	if (tsk) printf ", %d without a URL", tsk
	printf "\n"
	exit nf > 0
}' "$work/results.tsv" >&2
