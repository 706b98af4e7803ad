#!/usr/bin/env bash
# report-normalise.sh MANIFEST DATA RECDIR BIN: normalise every source file
# of MANIFEST (from report-sources.sh) into RECDIR/<file>.jsonl (+ .log,
# .rejects.jsonl), in parallel with GNU parallel; files whose outputs are
# newer than their inputs, the normalise binary, the schemas and the
# manifest are skipped.  A progress bar is shown when stderr is a terminal.
#
# PARALLEL_HOSTS (comma- or space-separated GNU parallel sshlogins, e.g.
# "4/alice@node1,bob@node2" or ":" for this machine) sends the work to other
# machines: the input files, the normalise binary, schemas/ and the jq
# programs are copied to a work folder there (rsync), the outputs copied
# back, the work folder removed.  The login shell there must find
# bash, rsync (and jq for jq sources) on its PATH.  PARALLEL_SSH sets the ssh command.
# JOBS: jobs per host (default: one per CPU).
set -euo pipefail
export LC_ALL=C
manifest=$1 data=${2%/} recdir=${3%/} bin=$4
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# $stale lists the files to do; its time marks the start of this run (an
# output older than it was not written by this run).  $jobs is the list
# the jobs read.
stale=$(mktemp)
jobs=$stale.jobs
trap 'rm -f "$stale" "$jobs"' EXIT
while IFS=$'\t' read -r file buyer kind options; do
	out=$recdir/$file.jsonl
	if [ -f "$out" ] && [ -f "$recdir/$file.log" ] &&
	    [ "$out" -nt "$data/$file" ] && [ "$out" -nt "$bin/normalise" ] &&
	    [ "$out" -nt "$manifest" ] && [ "$out" -nt pipelines/report-one.sh ] &&
	    [ -z "$(find schemas pipelines -maxdepth 1 -newer "$out" \
	    \( -name '*.tsv' -o -name '*.txt' -o -name '*.jq' \) | head -n 1)" ]; then
		continue
	fi
	# GNU parallel --colsep drops empty columns: "-" stands for none
	printf '%s\t%s\t%s\t%s\n' "$file" "${buyer:--}" "$kind" "${options:--}"
done <"$manifest" >"$stale"
n=$(wc -l <"$stale")
total=$(wc -l <"$manifest")
echo "report: normalising $n of $total source files${PARALLEL_HOSTS:+ on $PARALLEL_HOSTS}" >&2
[ "$n" -gt 0 ] || exit 0

# Files run side by side, one job per core: then each normalise runs on
# one thread (a second thread per process would contend for the same
# cores: 20% slower on the bench set at -j2 on two cores).
if [ "$n" -gt 1 ] && [ "${JOBS:-0}" != 1 ] && [ "$(nproc)" -gt 1 ]; then
	awk -F '\t' -v OFS='\t' '{ $4 = ($4 == "-" ? "" : $4 " ") "--threads=1"; print }' \
	    "$stale" >"$jobs"
else
	cp "$stale" "$jobs"
fi
popts=(--colsep '\t' --halt now,fail=1)
[ -t 2 ] && popts+=(--bar)
[ -n "${JOBS:-}" ] && popts+=(-j "$JOBS")
# missing LIST: the lines of LIST whose outputs are not all there (newer
# than the start of this run); messages on stderr.
missing() {
	local f x line
	while IFS= read -r line; do
		f=${line%%$'\t'*}
		for x in jsonl log rejects.jsonl; do
			[ -f "$recdir/$f.$x" ] && [ "$recdir/$f.$x" -nt "$stale" ] && continue
			echo "report: $recdir/$f.$x was not written" >&2
			printf '%s\n' "$line"
			break
		done
	done <"$1"
}
if [ -z "${PARALLEL_HOSTS:-}" ]; then
	parallel "${popts[@]}" -a "$jobs" \
	    bash pipelines/report-one.sh "$bin" "$data" {1} "$recdir/{1}" \
	    {2} {3} {4}
	[ -z "$(missing "$jobs")" ]
	exit
fi

# Remote: the tools travel as one tarball (--basefile, into the work
# folder there); each job unpacks it into a folder of its own inside the
# work folder, so jobs running side by side never share a binary being
# written.  {1} travels with --transferfile, whose "/./" keeps the part
# after it as the path under the work folder; --return uses the same trick
# to put the remote {1}.jsonl back at RECDIR/{1}.jsonl here.  The work
# folder and the tarball are removed in one go at the end (--cleanup would
# cost more ssh round trips per file).
absdata=$(cd "$data" && pwd)
mkdir -p "$recdir"
absrec=$(cd "$recdir" && pwd)
hosts=()
for h in ${PARALLEL_HOSTS//,/ }; do hosts+=(-S "$h"); done
id=$$-$RANDOM
wd=.spendlens-work-$id
tools=$(mktemp -d)
mkdir -p "$tools/t/out/bin" "$tools/t/pipelines" "$tools/t/schemas"
cp "$bin/normalise" "$tools/t/out/bin/"
cp pipelines/report-one.sh pipelines/*.jq "$tools/t/pipelines/"
cp schemas/* "$tools/t/schemas/" 2>/dev/null || true
tar -cf "$tools/.spendlens-tools-$id.tar" -C "$tools/t" .
trap 'rm -rf "$stale" "$jobs" "$tools"
	parallel "${hosts[@]}" --nonall "rm -rf ~/$wd" || true' EXIT
# A file whose outputs did not come back (GNU parallel does not fail a
# job when only its --return copy failed, as a dropped ssh connection on a
# busy host does) is tried again, twice at most.
# No -M (ssh ControlMaster): with it, a run soon after another to the
# same host now and then ran no job at all and still exited 0 (seen with
# GNU parallel 20221122 on a loopback sshd, about one run in six).
todo=$jobs
for try in 1 2 3; do
	parallel "${popts[@]}" "${hosts[@]}" -a "$todo" \
	    --bf "$tools/./.spendlens-tools-$id.tar" --wd "$wd" \
	    --transferfile "$absdata/./{1}" \
	    --return "$absrec/./{1}.jsonl" --return "$absrec/./{1}.log" \
	    --return "$absrec/./{1}.rejects.jsonl" \
	    "mkdir -p .t{#} && tar -xf .spendlens-tools-$id.tar -C .t{#} &&" \
	    bash .t{#}/pipelines/report-one.sh .t{#}/out/bin . {1} {1} {2} {3} {4} \
	    "&& rm -rf .t{#}"
	missing "$jobs" >"$tools/again"
	[ -s "$tools/again" ] || exit 0
	[ "$try" -lt 3 ] && echo "report: trying $(grep -c '' "$tools/again") files again" >&2
	todo=$tools/again.$try
	mv "$tools/again" "$todo"
done
exit 1
