#!/bin/sh
# deps.sh PACKAGE...: make sure Debian packages are installed.  As root the
# missing ones are installed with apt-get; otherwise the exact apt-get line
# is printed and the status is 1.  Recommended packages come too: chromium and
# gnuplot need the fonts they recommend to draw text.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq $missing; } >&2 ||
		{ echo "deps: apt-get failed for:$missing" >&2; exit 1; }
	exit 0
fi
echo "deps: missing Debian packages; install them with:" >&2
echo "  sudo apt-get install -y$missing" >&2
exit 1
