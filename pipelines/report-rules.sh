#!/usr/bin/env bash
# report-rules.sh DATA WORK: the make rules of the report's first stage,
# from DATA's sources (pipelines/report-sources.sh), for report.mk to
# include.  Writes, each only when its content changes (so make restarts
# only when the set of inputs changed):
#   WORK/sources.tsv  one line per input file: file, buyer, kind, options,
#                     unit, id (the unit's records are REC/<id>.jsonl.zst)
#   WORK/sources.mk   REPORT_IDS (every unit, in file order), REPORT_NFILES,
#                     and per unit the data files it is made from
#   WORK/units/<id>   the unit's lines of sources.tsv (report-one.sh reads it)
#   WORK/in/<id>.<n>  a symbolic link to the unit's n-th input file, so
#                     make sees its time whatever characters its name holds
# A unit is one file, or the jq files of one folder row (see
# report-sources.sh).  An id is the file's path (a folder's: path.all)
# with characters make cannot take replaced by "_", then "." and a hash of
# the unit's files, buyer, kind, options and DATA: a unit whose sources
# row changes gets a new id, so make remakes it.
set -euo pipefail
export LC_ALL=C
data=${1%/} work=${2%/}
top=$(cd "$(dirname "$0")/.." && pwd)
absdata=$(cd "$data" && pwd)
mkdir -p "$work/units" "$work/in"
"$top/pipelines/report-sources.sh" "$data" >"$work/sources.list.tmp"

awk -F '\t' -v OFS='\t' -v data="$absdata" -v work="$work" '
function hash(s,   h, i) {
	h = 5381
	for (i = 1; i <= length(s); i++)
		h = (h * 33 + ord[substr(s, i, 1)]) % 4294967291
	return sprintf("%08x", h)
}
function flush(   id, n, k, base) {
	if (nu == 0)
		return
	base = (unit == "-") ? u_file[1] : unit ".all"
	id = base
	gsub(/[^A-Za-z0-9._+\/-]/, "_", id)
	gsub(/\/\.+/, "/_", id)
	sub(/^\.+/, "_", id)
	key = data
	for (k = 1; k <= nu; k++)
		key = key "\t" u_line[k]
	id = id "." hash(key)
	ids = ids " " id
	for (k = 1; k <= nu; k++) {
		print u_line[k], unit, id > (work "/sources.tsv.tmp")
		print work "/units/" id, u_line[k] > (work "/units.list.tmp")
		print work "/in/" id "." k, data "/" u_file[k] > (work "/links.list.tmp")
		deps = deps " $(REPORT_WORK)/in/" id "." k
	}
	print "$(REPORT_REC)/" id ".jsonl.zst:" deps > (work "/sources.mk.tmp")
	deps = ""
	nu = 0
}
BEGIN {
	for (i = 1; i < 256; i++)
		ord[sprintf("%c", i)] = i
	print "# written by pipelines/report-rules.sh from the sources of " data > (work "/sources.mk.tmp")
	printf "" > (work "/sources.tsv.tmp")
	printf "" > (work "/units.list.tmp")
	printf "" > (work "/links.list.tmp")
}
{
	line = $1 "\t" $2 "\t" $3 "\t" $4
	if (nu > 0 && ($5 == "-" || $5 != unit))
		flush()
	unit = $5
	u_line[++nu] = line
	u_file[nu] = $1
	nfiles++
}
END {
	flush()
	print "REPORT_IDS :=" ids > (work "/sources.mk.tmp")
	print "REPORT_NFILES := " nfiles + 0 > (work "/sources.mk.tmp")
}' "$work/sources.list.tmp"
rm -f "$work/sources.list.tmp"

# unit files: their content follows from their id, so written once
find "$work/units" -type f >"$work/units.have.tmp"
awk -F '\t' 'FILENAME == ARGV[1] { have[$0] = 1; next } !($1 in have)' \
    "$work/units.have.tmp" "$work/units.list.tmp" >"$work/units.new.tmp"
cut -f1 "$work/units.new.tmp" | sed 's|/[^/]*$||' | sort -u | xargs -r -d '\n' mkdir -p
awk -F '\t' '$1 != f { if (f != "") close(f); f = $1 }
    { sub(/^[^\t]*\t/, ""); print > f }' "$work/units.new.tmp"
rm -f "$work/units.have.tmp" "$work/units.new.tmp"
# links: made when missing or pointing elsewhere
find "$work/in" -type l -printf '%p\t%l\n' | sort >"$work/links.have.tmp"
# (perl, which GNU parallel needs anyway: one process, not two per file)
sort "$work/links.list.tmp" | comm -13 "$work/links.have.tmp" - |
    perl -MFile::Path=make_path -ne 'chomp; my ($l, $t) = split /\t/, $_, 2;
	(my $d = $l) =~ s{/[^/]*$}{}; make_path($d) unless -d $d;
	unlink $l; symlink($t, $l) or die "report-rules: $l: $!\n"'

rm -f "$work/units.list.tmp" "$work/links.list.tmp" "$work/links.have.tmp"
for f in sources.tsv sources.mk; do
	if cmp -s "$work/$f.tmp" "$work/$f"; then
		rm "$work/$f.tmp"
	else
		mv "$work/$f.tmp" "$work/$f"
	fi
done
