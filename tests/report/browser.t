#!/usr/bin/env bash
# plain build only
# browser.t: open the report page from disk in headless Chromium: every
# <img> source exists and is a valid SVG or PNG and loads in the browser,
# nothing is logged to the console, and a screenshot is not blank.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	skip "browser test" "chromium is not installed (make deps-test installs Debian's chromium)"
	exit 0
fi
if ! report_build; then
	not_ok "make report on samples" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
page=$RT/report/index.html
dir=$RT/report
run_chrome() {
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$TMP/profile" \
	    --disable-dev-shm-usage "$@"
}

grep -o '<img [^>]*src="[^"]*"' "$page" | sed 's/.*src="//; s/"$//' >"$TMP/srcs"
n=$(grep -c '' "$TMP/srcs" || true)
check "the page has the 9 report charts (coverage heat map included)" test "$n" -ge 9
check "the coverage heat map is on the page" grep -q 'src="charts/coverage.svg"' "$page"
check "the category estimates chart is on the page" grep -q 'src="charts/category-estimates.svg"' "$page"
# The samples estimate nothing for England (its chart says so), so the
# chart with bars and intervals is drawn here from a small table (a year
# not estimable, a category with a quote) and loaded with the others.
printf 'fy\tcategory\tengland_estimate\tengland_lo\tengland_hi\tengland_note\tuk_estimate\tuk_lo\tuk_hi\tuk_note\n2023-24\tsoftware\t1345696.23\t1201325.04\t1565774.94\t\t\t\t\tnot estimable\n2023-24\tcyber "security\t669578.39\t\t\tno interval: one authority\t\t\t\tnot estimable\n2024-25\tsoftware\t\t\t\tnot estimable\t\t\t\tnot estimable\n' >"$TMP/ce.tsv"
(cd "$TOP" && pipelines/report-chart.sh category-estimates "$TMP/ce.tsv" "$dir/charts/drawn-category-estimates.svg" svg) &&
    echo charts/drawn-category-estimates.svg >>"$TMP/srcs"
check "the category estimates chart with bars has them and their intervals" \
    grep -q '90% interval' "$dir/charts/drawn-category-estimates.svg"
n=$(grep -c '' "$TMP/srcs" || true)
python3 - "$dir" "$TMP/srcs" <<'EOF2'
import sys, os, xml.dom.minidom
d, srcs = sys.argv[1], sys.argv[2]
for s in open(srcs).read().split():
    p = os.path.join(d, s)
    if not os.path.isfile(p):
        print(f"not ok - image {s} exists"); continue
    data = open(p, "rb").read()
    if s.endswith(".png"):
        good = data.startswith(b"\x89PNG\r\n\x1a\n") and data[-8:-4] == b"IEND"
    else:
        try:
            good = xml.dom.minidom.parseString(data).documentElement.tagName == "svg"
        except Exception as e:
            good = False
    print(("ok" if good else "not ok") + f" - image {s} is a valid {s.rsplit('.', 1)[-1].upper()}")
EOF2

# Load check: a test page (outside the report) shows each image and, after
# the load event, writes which ones have no pixels.
{
	printf '<!DOCTYPE html><html><body>\n'
	while IFS= read -r s; do printf '<img src="file://%s/%s">\n' "$dir" "$s"; done <"$TMP/srcs"
	printf '<pre id="r"></pre><script>window.onload = function () {\n'
	printf 'var bad = []; var im = document.images;\n'
	printf 'for (var i = 0; i < im.length; i++) if (!im[i].complete || im[i].naturalWidth === 0) bad.push(im[i].src);\n'
	printf 'document.getElementById("r").textContent = "LOADED " + im.length + " BROKEN " + bad.length + " " + bad.join(" ");\n'
	printf '};</script></body></html>\n'
} >"$TMP/check.html"
run_chrome --allow-file-access-from-files --virtual-time-budget=10000 \
    --dump-dom "file://$TMP/check.html" >"$TMP/dom" 2>"$TMP/dom.err"
res=$(grep -o 'LOADED [0-9]* BROKEN [0-9]*[^<]*' "$TMP/dom" || echo "no result")
same "every image loads in Chromium" "LOADED $n BROKEN 0 " "$res"

# The page itself: no console messages, a screenshot that is not blank.
run_chrome --enable-logging=stderr --v=0 --window-size=1280,3000 \
    --screenshot="$TMP/shot.png" "file://$page" >"$TMP/shot.out" 2>"$TMP/shot.err"
console=$(grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load' "$TMP/shot.err" | head -n 5)
same "nothing logged to the console" "" "$console"
check "screenshot written" test -s "$TMP/shot.png"
colours=$(python3 - "$TMP/shot.png" <<'EOF2'
import sys, zlib, struct
data = open(sys.argv[1], "rb").read()
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, t = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if t == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif t == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}.get(ctype, 4)
stride = w * bpp + 1
prev = bytearray(w * bpp)
seen = set()
for y in range(h):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, w * bpp, bpp * 4):
            seen.add(bytes(line[x:x + 3]))
    prev = line
print(len(seen))
EOF2
)
check "screenshot is not blank ($colours colours)" test "${colours:-0}" -ge 20
