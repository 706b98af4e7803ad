#!/usr/bin/env bash
# plain build only
# sshd.t: make report with PARALLEL_HOSTS pointing at a real sshd on
# loopback (own config, generated host key, authorised client key, free
# port) gives the same bytes as the local run: records, tables, charts and
# page.  Needs root (sshd's privilege separation), /usr/sbin/sshd and rsync.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"
why=
[ "$(id -u)" = 0 ] || why="not root (sshd needs root for privilege separation)"
[ -z "$why" ] && [ ! -x /usr/sbin/sshd ] && why="/usr/sbin/sshd missing (make deps-test installs openssh-server)"
[ -z "$why" ] && ! command -v rsync >/dev/null && why="rsync missing (make deps-test installs it)"
if [ -n "$why" ]; then
	skip "report over PARALLEL_HOSTS on a loopback sshd" "$why"
	exit 0
fi
if ! report_build; then
	not_ok "make report on samples (local)" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
mkdir -p "$TMP/sshd"
if ! "$TOP/tests/report/sshd-loopback.sh" start "$TMP/sshd" >"$TMP/sshd/out" 2>"$TMP/sshd/err"; then
	skip "report over PARALLEL_HOSTS on a loopback sshd" "sshd did not start: $(head -c 300 "$TMP/sshd/err")"
	exit 0
fi
trap '"$TOP/tests/report/sshd-loopback.sh" stop "$TMP/sshd"; rm -rf "$TMP"' EXIT
login=$(sed -n 1p "$TMP/sshd/out")
export PARALLEL_SSH
PARALLEL_SSH=$(sed -n 2p "$TMP/sshd/out")
ok "sshd started on loopback"
R=$RT/remote
# work folders left by an earlier, interrupted run are not this run's
before=$(ls -a ~ | grep '^\.spendlens-' || true)
if ! make -C "$TOP" --no-print-directory report OUT="$R" BIN="$BIN" DATA=samples \
    PARALLEL_HOSTS="$login" >"$TMP/remote.log" 2>&1; then
	cp "$TMP/remote.log" "$RT/remote.log"
	not_ok "make report PARALLEL_HOSTS=$login" "$(grep -v pyenv "$TMP/remote.log" | tail -n 20)" \
	    "full log: $RT/remote.log"
	exit 0
fi
ok "make report PARALLEL_HOSTS=$login"
check "normalise ran on the host" grep -q "^normalise .* on $login" "$TMP/remote.log"
for d in records report/tables report/charts; do
	if diff -r "$RT/$d" "$R/$d" >"$TMP/diff" 2>&1; then
		ok "$d: byte-identical to the local run"
	else
		not_ok "$d: byte-identical to the local run" "$(head -c 1500 "$TMP/diff")"
	fi
done
check "index.html: byte-identical to the local run" cmp "$RT/report/index.html" "$R/report/index.html"
same "work folders removed on the host" "$before" "$(ls -a ~ | grep '^\.spendlens-' || true)"
