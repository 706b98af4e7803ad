#!/usr/bin/env bash
# report-remote.sh TOOLS DATA UNIT RECDIR ID: normalise one unit of source
# files (pipelines/report-one.sh) on one of PARALLEL_HOSTS with GNU
# parallel, for make report's per-unit rule; the outputs land where
# report-one.sh would write them locally (RECDIR/ID.*).
#
# PARALLEL_HOSTS: comma- or space-separated GNU parallel sshlogins
# ("alice@node1,bob@node2"); a unit goes to the host its id hashes to, so
# make -j spreads the units over the hosts.  PARALLEL_SSH sets the ssh
# command.  The host needs bash, tar, mktemp, zstd (and jq for jq units).
# One ssh connection per unit: the tools (TOOLS, a tarball made by
# report.mk), the unit's files (any names) and the unit go as one tar
# stream on the job's standard input (parallel --pipe, one block), are
# unpacked into a fresh temporary folder there, and the outputs come back
# as a tar stream on its standard output; the folder is removed whatever
# happens.  No -M (ssh ControlMaster): with it, a run soon after another
# to the same host now and then ran no job at all and still exited 0 (GNU
# parallel 20221122 on a loopback sshd, about one run in six).
set -euo pipefail
export LC_ALL=C
hosts=()
for h in ${PARALLEL_HOSTS//,/ }; do hosts+=("$h"); done
[ ${#hosts[@]} -gt 0 ] || { echo "report-remote: PARALLEL_HOSTS is empty" >&2; exit 2; }
tools=$1 data=$2 unit=$3 recdir=$4 id=$5
mkdir -p "$recdir/$(dirname "$id")"
n=$(printf '%s' "$id" | cksum | cut -d ' ' -f1)
host=${hosts[$((n % ${#hosts[@]}))]}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/.u/$(dirname "$id")"
cp "$unit" "$stage/.u/$id"
cp "$tools" "$stage/in.tar"
cut -f1 "$unit" | tar -rf "$stage/in.tar" -C "$data" --verbatim-files-from -T -
tar -rf "$stage/in.tar" -C "$stage" ".u/$id"
size=$(wc -c <"$stage/in.tar")
q=$(printf '%q' "$id")
parallel -S "$host" --pipe --recend '' --block $((size + 1048576)) -j1 \
    --halt now,fail=1 \
    "d=\$(mktemp -d) && cd \"\$d\" && tar -xf - &&
     bash pipelines/report-one.sh out/bin . .u/$q $q >&2 &&
     tar -cf - $q.jsonl.zst $q.log $q.rejects.jsonl $q.months.jsonl;
     rc=\$?; cd / && rm -rf \"\$d\"; exit \$rc" <"$stage/in.tar" >"$stage/out.tar"
tar -xf "$stage/out.tar" -C "$recdir"
[ -f "$recdir/$id.jsonl.zst" ] && [ "$recdir/$id.jsonl.zst" -nt "$stage/in.tar" ] ||
    { echo "report-remote: $id: no records came back from $host" >&2; exit 1; }
