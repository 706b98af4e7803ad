#!/usr/bin/env bash
# report-headline.sh TABLES: the figures make report prints at its end,
# one line per financial year from TABLES/headline.tsv: the national
# estimate of tech spend with its 90% interval (UK, else England, else
# which types cannot be estimated), the authorities it stands on, the
# like-for-like growth and the SME share; money as people read it.
set -euo pipefail
export LC_ALL=C
t=${1%/}
prog=$(cat <<'AWK'
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
function v(k) { return $(c[k]) }
function list(s) { gsub(/,/, ", ", s); return s }
# est(scope): "£X (90%: £lo-£hi)", or why there is no interval
function est(sc) {
	if (v(sc "_lo") != "")
		return human(v(sc "_estimate")) " (90%: " human(v(sc "_lo")) "-" human(v(sc "_hi")) ")"
	return human(v(sc "_estimate")) " (no interval: one authority of " list(v(sc "_one_authority")) ")"
}
{
	if (v("uk_estimate") != "")
		e = "UK " est("uk")
	else if (v("england_estimate") != "")
		e = "England " est("england") ", UK not estimable (no " list(v("uk_not_estimable")) " observed)"
	else
		e = "not estimable (no " list(v("england_not_estimable")) " observed)"
	g = v("growth_pct") != "" ? pct(v("growth_pct"), 1) " like-for-like (" v("panel") (v("panel") == 1 ? " buyer)" : " buyers)") : "no like-for-like panel"
	s = v("sme_of_known_pct") != "" ? "SME " pct(v("sme_of_known_pct")) " of the " pct(v("sme_known_pct")) " known" : "SME unknown"
	printf "%-10s tech %s; %s %s; %s; %s; observed %s\n", v("fy"), e, v("authorities"), v("authorities") == 1 ? "authority" : "authorities", g, s, human(v("tech_observed"))
}
AWK
)
awk -F '\t' -f "$(dirname "$0")/report-money.awk" -f <(printf '%s\n' "$prog") "$t/headline.tsv"
