#!/usr/bin/env bash
# export.t: make export writes out/spendlens.sqlite with payments,
# contracts and suppliers; its sums (exact, in pence) equal aggregate's on
# the same records, per supplier, per buyer and per financial year.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/report/lib.sh"
command -v sqlite3 >/dev/null || { skip "make export" "sqlite3 not installed"; exit 0; }
if ! make -C "$TOP" --no-print-directory export OUT="$RT" BIN="$BIN" \
    DATA=samples >"$TMP/make.log" 2>&1; then
	not_ok "make export on samples" "$(tail -n 20 "$TMP/make.log")"
	exit 0
fi
ok "make export on samples"
db=$RT/spendlens.sqlite W=$TMP
zstd -qdc "$RT/work/classified.jsonl.zst" | grep '^{"kind":"payment",' >"$W/payments.jsonl"
zstd -qdc "$RT/work/classified.jsonl.zst" | grep '^{"kind":"contract",' >"$W/contracts.jsonl"
cp "$RT/work/crosswalk.tsv" "$W/"
check "database written" test -s "$db"
same "tables" "contracts payments suppliers" \
    "$(sqlite3 "$db" "select group_concat(name, ' ') from (select name from sqlite_master where type = 'table' order by name)")"
same "payments rows = payment records" "$(grep -c '' "$W/payments.jsonl")" \
    "$(sqlite3 "$db" 'select count(*) from payments')"
same "contracts rows = contract records" "$(grep -c '' "$W/contracts.jsonl")" \
    "$(sqlite3 "$db" 'select count(*) from contracts')"
same "suppliers rows = crosswalk lines" "$(($(grep -c '' "$W/crosswalk.tsv") - 1))" \
    "$(sqlite3 "$db" 'select count(*) from suppliers')"
check "index on payments.supplier_id" sh -c "sqlite3 '$db' 'explain query plan select sum(amount_pence) from payments where supplier_id = 1' | grep -q payments_supplier"

# key -> pence, from aggregate (its amount text turned into pence by the
# test's own string arithmetic) and from SQL
from_agg() {
	"$BIN/aggregate" --by "$1" --sum "${3:-amount}" --tsv "$W/$2.jsonl" |
	    awk -F '\t' 'NR > 1 { print $1 "\t" $3 }' |
	while IFS= read -r line; do
		printf '%s\t%s\n' "${line%%$'\t'*}" "$(money_pence "${line#*$'\t'}")"
	done | sort
}
from_sql() {
	sqlite3 -separator $'\t' "$db" "select coalesce($1, ''), sum($3) from $2 group by 1" | sort
}
for key in supplier_id buyer fy sector; do
	same "payments: sum by $key equals aggregate's" \
	    "$(from_agg "$key" payments)" "$(from_sql "$key" payments amount_pence)"
done
same "contracts: value by supplier_id equals aggregate's" \
    "$(from_agg supplier_id contracts value)" "$(from_sql supplier_id contracts value_pence)"
same "total in pence" "$(money_pence "$("$BIN/aggregate" --tsv "$W/payments.jsonl" | tail -n 1 | cut -f 2)")" \
    "$(sqlite3 "$db" 'select sum(amount_pence) from payments')"
same "amount text kept as the records print it" "0" \
    "$(sqlite3 "$db" "select count(*) from payments where amount <> (record ->> '\$.amount') and printf('%.2f', record ->> '\$.amount') <> amount")"
