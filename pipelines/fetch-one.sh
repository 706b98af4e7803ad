#!/usr/bin/env bash
# fetch-one.sh DEST PUBLISHER FILE URL FORMAT GUESSED: fetch one file of the
# catalogue into DEST/PUBLISHER/FILE and print one result line (tab-
# separated) on stdout for pipelines/fetch.sh:
#   publisher file url status etag last_modified bytes sha256 fetched
#   result note
# result: fetched (new or changed bytes moved into place), unchanged (304,
# or the same bytes again), failed (note says why; an older copy stays),
# absent (a 404 for a URL guessed from a pattern: not published yet).
#
# The request is conditional when the file is in place and the manifest
# (DEST/PUBLISHER/MANIFEST.tsv) has its ETag or Last-Modified.  The body
# lands in DEST/.fetch-tmp/ and is moved into place only when it is whole
# (curl finished, Content-Length matched), non-empty, not an HTML page (told
# by its first bytes, not by the Content-Type some servers give CSV files),
# and of its format (a spreadsheet starts with its format's signature).
# Timeouts, a connection cut and HTTP 408/429/5xx are tried again, up to
# FETCH_RETRIES more times, after FETCH_BACKOFF seconds, doubling.
set -euo pipefail
export LC_ALL=C
dest=$1 pub=$2 file=$3 url=$4 format=$5 guessed=${6:-0}
: "${FETCH_RETRIES:=4}" "${FETCH_BACKOFF:=2}" "${FETCH_TIMEOUT:=600}"
: "${FETCH_CONNECT_TIMEOUT:=20}" "${FETCH_STALL:=60}"

dir=$dest/$pub
tmp=$dest/.fetch-tmp/$pub.$file.$$
trap 'rm -f "$tmp" "$tmp.hdr" "$tmp.err"' EXIT
# One connection per host: with FETCH_LOCKS set (by fetch.sh), hold the
# host's lock for the whole fetch and FETCH_DELAY seconds after it.
if [ -n "${FETCH_LOCKS:-}" ]; then
	host=${url#*://}; host=${host%%[/?#]*}; host=${host##*@}
	exec 9>"$FETCH_LOCKS/${host,,}"
	flock 9
	trap 'rm -f "$tmp" "$tmp.hdr" "$tmp.err"; sleep "${FETCH_DELAY:-1}"' EXIT
fi
now() { TZ=UTC printf '%(%Y-%m-%dT%H:%M:%SZ)T' -1; }

# What the manifest knew about the file, when the file is still in place
# with the size the manifest gives (else it is fetched whole again).
prev_etag=- prev_lm=- prev_bytes=- prev_sha=-
if [ -f "$dir/$file" ] && [ -f "$dir/MANIFEST.tsv" ]; then
	IFS=$'\t' read -r _ _ _ prev_etag prev_lm prev_bytes prev_sha _ \
	    < <(awk -F '\t' -v f="$file" '$1 == f' "$dir/MANIFEST.tsv") || true
	[ "$prev_bytes" = "$(wc -c <"$dir/$file")" ] ||
		{ prev_etag=- prev_lm=- prev_sha=-; }
fi
: "${prev_etag:=-}" "${prev_lm:=-}" "${prev_sha:=-}" "${prev_bytes:=-}"

result() {	# result STATUS ETAG LM BYTES SHA RESULT NOTE
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$pub" "$file" \
	    "$url" "$1" "${2:--}" "${3:--}" "${4:--}" "${5:--}" "$(now)" "$6" "${7:--}"
}
failed() {	# failed STATUS NOTE: the older copy (if any) stays as it was
	if [ -f "$dir/$file" ] && [ "$prev_sha" != - ]; then
		result "$1" "$prev_etag" "$prev_lm" "$prev_bytes" "$prev_sha" failed "$2"
	else
		result "$1" - - - - failed "$2"
	fi
	exit 0
}

# The last response's headers (after redirects): ETag, Last-Modified and
# Content-Length into etag, lm and clen (bash only: this runs per file).
read_headers() {
	local line name value
	etag='' lm='' clen=''
	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in HTTP/*) etag='' lm='' clen=''; continue ;; *:*) ;; *) continue ;; esac
		name=${line%%:*} value=${line#*:}
		value=${value#"${value%%[! ]*}"}
		case ${name,,} in
		etag) etag=$value ;;
		last-modified) lm=$value ;;
		content-length) clen=$value ;;
		esac
	done <"$tmp.hdr"
}

cond=()
[ "$prev_etag" != - ] && cond+=(-H "If-None-Match: $prev_etag")
[ "$prev_lm" != - ] && cond+=(-H "If-Modified-Since: $prev_lm")
attempt=0 wait=$FETCH_BACKOFF
while :; do
	rm -f "$tmp" "$tmp.hdr"
	rc=0
	out=$(curl -sS -L --max-redirs 5 --proto =http,https --proto-redir =http,https \
	    --connect-timeout "$FETCH_CONNECT_TIMEOUT" --max-time "$FETCH_TIMEOUT" \
	    --speed-limit 1 --speed-time "$FETCH_STALL" \
	    -A 'spendlens-fetch (make fetch)' \
	    "${cond[@]}" -D "$tmp.hdr" -o "$tmp" \
	    -w '%{http_code}\t%{size_download}\t%{content_type}\t%{num_redirects}' \
	    "${url// /%20}" 2>"$tmp.err") || rc=$?
	IFS=$'\t' read -r code _ ctype redirects <<<"$out" || true
	err=$(head -n 1 "$tmp.err"); err=${err#curl: }
	transient=
	case $rc in
	0) case $code in 408 | 429 | 5??) transient="HTTP $code" ;; esac ;;
	28) transient="timed out (${err#(28) })" ;;
	7 | 18 | 52 | 55 | 56) transient="connection failed or cut (${err#(*) })" ;;
	*) failed "${code:-000}" "curl: ${err}" ;;
	esac
	if [ -z "$transient" ]; then break; fi
	attempt=$((attempt + 1))
	if [ "$attempt" -gt "$FETCH_RETRIES" ]; then
		failed "${code:-000}" "$transient; gave up after $attempt tries"
	fi
	sleep "$wait"
	wait=$(awk -v w="$wait" 'BEGIN { print w * 2 }')
done

[ -f "$tmp" ] || : >"$tmp"
read_headers
case $code in
304)	[ "$prev_sha" != - ] || failed 304 "304 Not Modified without a copy in place"
	result 304 "${etag:-$prev_etag}" "${lm:-$prev_lm}" "$prev_bytes" "$prev_sha" unchanged
	exit 0 ;;
200)	;;
404)	[ "$guessed" = 1 ] && { result 404 - - - - absent "not published (URL from a pattern)"; exit 0; }
	failed 404 "HTTP 404" ;;
*)	failed "$code" "HTTP $code" ;;
esac
bytes=$(wc -c <"$tmp")
[ "$bytes" -gt 0 ] || failed 200 "empty response"
if [ -n "$clen" ] && [ "$clen" != "$bytes" ]; then
	failed 200 "truncated: $bytes of $clen bytes"
fi
head4=$(od -An -tx1 -N4 "$tmp"); head4=${head4//[ $'\n']/}
# the first bytes, NULs, a UTF-8 BOM and white space dropped, lower case
start=$(head -c 512 "$tmp" | tr -d '\000')
start=${start#$'\xEF\xBB\xBF'}; start=${start//[$' \t\r\n']/}; start=${start:0:14}
start=${start,,}
case $start in
'<!doctypehtml'* | '<html'* | '<head'* | '<body'* | '<!--'*)
	failed 200 "an HTML page (${ctype:-no type}), not a $format file" ;;
esac
case $format in
xlsx | xlsm | ods) [ "$head4" = 504b0304 ] ||
	failed 200 "not a $format file (no zip signature; ${ctype:-no type})" ;;
xls) [ "$head4" = d0cf11e0 ] ||
	failed 200 "not an xls file (no OLE2 signature; ${ctype:-no type})" ;;
*) case $start in '<?xml'*)	# XHTML, or XML in place of a CSV
	failed 200 "an XML or HTML page (${ctype:-no type}), not a $format file" ;; esac ;;
esac
sha=$(sha256sum "$tmp" | cut -d ' ' -f 1)
note=-
[ "${redirects:-0}" -gt 0 ] && note="redirected $redirects time(s)"
if [ "$sha" = "$prev_sha" ] && [ -f "$dir/$file" ]; then
	result 200 "$etag" "$lm" "$bytes" "$sha" unchanged "same bytes again"
	exit 0
fi
mkdir -p "$dir"
mv -f "$tmp" "$dir/$file"
result 200 "$etag" "$lm" "$bytes" "$sha" fetched "$note"
