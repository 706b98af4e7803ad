#!/usr/bin/env bash
# report-export.sh WORK DB: write the resolved, classified records of WORK
# (classified.jsonl.zst) and the supplier crosswalk
# (crosswalk.tsv from dedupe-supplier) into a new SQLite database DB.
#
# Tables: payments, contracts (one row per record, the canonical fields as
# columns, the whole record as JSON in "record"), suppliers (the crosswalk:
# spelling -> supplier_id, supplier_name, records, amount, evidence).
# Money: "amount"/"value" keep the decimal text as published by the
# filters, "*_pence" hold exact integers made from that text (no floating
# point); sum(amount_pence) is exact.  fy and quarter are derived from date
# as aggregate derives them.  Indexes on the keys analysts group by.
set -euo pipefail
export LC_ALL=C
work=$1 db=$2
rm -f "$db"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ASCII-separated files for .import --ascii: 0x1F between fields, 0x1E
# between rows.  Neither byte can appear raw in JSON text or in the
# crosswalk (tabs and newlines are its only separators).
# Records are written with "kind" first, so a line's kind is its first bytes.
zstd -qdc "$work/classified.jsonl.zst" | awk -v p="$tmp/payments.asc" -v c="$tmp/contracts.asc" '
	BEGIN { ORS = "\036"; printf "" > p; printf "" > c }
	/^\{"kind":"payment",/ { print > p; next }
	/^\{"kind":"contract",/ { print > c }'

tail -n +2 "$work/crosswalk.tsv" | tr '\t\n' '\037\036' >"$tmp/crosswalk.asc"

# pence(X): exact pence from the JSON text X of a money field ("-12.05",
# "7", or a JSON string holding such a number), NULL when absent.
pence() {
	local t="(CASE json_type(line, '\$.$1') WHEN 'text' THEN line ->> '\$.$1'
	    WHEN 'real' THEN line -> '\$.$1' WHEN 'integer' THEN line -> '\$.$1' END)"
	printf "(CASE WHEN %s IS NULL THEN NULL WHEN instr(%s, '.') = 0 THEN CAST(%s AS INTEGER) * 100
	    ELSE CAST(substr(%s, 1, instr(%s, '.') - 1) AS INTEGER) * 100
	    + (CASE WHEN substr(%s, 1, 1) = '-' THEN -1 ELSE 1 END)
	    * CAST(substr(substr(%s, instr(%s, '.') + 1) || '00', 1, 2) AS INTEGER) END)" \
	    "$t" "$t" "$t" "$t" "$t" "$t" "$t" "$t"
}
# money text as published (two decimals) or NULL
mtext() { printf "(CASE WHEN json_type(line, '\$.%s') IN ('real', 'integer', 'text') THEN line ->> '\$.%s' END)" "$1" "$1"; }
# fy and quarter of a date column, as aggregate writes them
fy() { printf "(CASE WHEN %s IS NULL THEN NULL WHEN CAST(substr(%s, 6, 2) AS INTEGER) >= 4
	THEN printf('%%d-%%02d', CAST(substr(%s, 1, 4) AS INTEGER), (CAST(substr(%s, 1, 4) AS INTEGER) + 1) %% 100)
	ELSE printf('%%d-%%02d', CAST(substr(%s, 1, 4) AS INTEGER) - 1, CAST(substr(%s, 1, 4) AS INTEGER) %% 100) END)" \
	"$1" "$1" "$1" "$1" "$1" "$1"; }
quarter() { printf "(CASE WHEN %s IS NULL THEN NULL ELSE substr(%s, 1, 4) || 'Q' || ((CAST(substr(%s, 6, 2) AS INTEGER) + 2) / 3) END)" "$1" "$1" "$1"; }
s() { printf "line ->> '\$.%s'" "$1"; }

sqlite3 -bail "$db" >/dev/null <<EOF
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE raw_payments (line TEXT);
CREATE TEMP TABLE raw_contracts (line TEXT);
.import --ascii $tmp/payments.asc raw_payments
.import --ascii $tmp/contracts.asc raw_contracts
CREATE TABLE payments (
	id INTEGER PRIMARY KEY,
	buyer TEXT, buyer_id TEXT, region TEXT,
	date TEXT, date_precision TEXT, fy TEXT, quarter TEXT,
	amount TEXT, amount_pence INTEGER,
	supplier TEXT, supplier_ref TEXT, redacted INTEGER,
	supplier_id TEXT, supplier_name TEXT, sme INTEGER,
	expense_type TEXT, service_area TEXT, description TEXT, transaction_id TEXT,
	sector TEXT, category TEXT, service TEXT, why TEXT,
	source TEXT, record TEXT);
INSERT INTO payments (buyer, buyer_id, region, date, date_precision,
	amount, amount_pence, supplier, supplier_ref, redacted, supplier_id,
	supplier_name, sme, expense_type, service_area, description,
	transaction_id, sector, category, service, why, source, record)
SELECT $(s buyer), $(s buyer_id), $(s region), $(s date), $(s date_precision),
	$(mtext amount), $(pence amount), $(s supplier), $(s supplier_ref),
	$(s redacted), $(s supplier_id), $(s supplier_name), $(s sme),
	$(s expense_type), $(s service_area), $(s description),
	$(s transaction_id), $(s sector), $(s category), $(s service), $(s why),
	$(s source), line
FROM raw_payments WHERE line <> '' ORDER BY rowid;
UPDATE payments SET fy = $(fy date), quarter = $(quarter date);
CREATE TABLE contracts (
	id INTEGER PRIMARY KEY,
	buyer TEXT, buyer_id TEXT, region TEXT, date TEXT,
	title TEXT, description TEXT, cpv TEXT, proclass TEXT,
	start TEXT, "end" TEXT, max_end TEXT,
	value TEXT, value_pence INTEGER,
	supplier TEXT, supplier_ref TEXT, supplier_id TEXT, supplier_name TEXT,
	sme INTEGER, ocid TEXT, stage TEXT,
	sector TEXT, category TEXT, service TEXT, why TEXT,
	source TEXT, record TEXT);
INSERT INTO contracts (buyer, buyer_id, region, date, title, description,
	cpv, proclass, start, "end", max_end, value, value_pence, supplier,
	supplier_ref, supplier_id, supplier_name, sme, ocid, stage, sector,
	category, service, why, source, record)
SELECT $(s buyer), $(s buyer_id), $(s region), $(s date), $(s title),
	$(s description), line -> '\$.cpv', $(s proclass), $(s start), $(s end),
	$(s max_end), $(mtext value), $(pence value), $(s supplier),
	$(s supplier_ref), $(s supplier_id), $(s supplier_name), $(s sme),
	$(s ocid), $(s stage), $(s sector), $(s category), $(s service), $(s why),
	$(s source), line
FROM raw_contracts WHERE line <> '' ORDER BY rowid;
CREATE TABLE suppliers (
	spelling TEXT, supplier_id TEXT, supplier_name TEXT,
	records INTEGER, amount TEXT, amount_pence INTEGER, evidence TEXT);
CREATE TEMP TABLE raw_crosswalk (spelling TEXT, supplier_id TEXT,
	supplier_name TEXT, records TEXT, amount TEXT, evidence TEXT);
.import --ascii $tmp/crosswalk.asc raw_crosswalk
INSERT INTO suppliers
SELECT spelling, supplier_id, supplier_name, CAST(records AS INTEGER), amount,
	CASE WHEN instr(amount, '.') = 0 THEN CAST(amount AS INTEGER) * 100
	ELSE CAST(substr(amount, 1, instr(amount, '.') - 1) AS INTEGER) * 100
	+ (CASE WHEN substr(amount, 1, 1) = '-' THEN -1 ELSE 1 END)
	* CAST(substr(substr(amount, instr(amount, '.') + 1) || '00', 1, 2) AS INTEGER) END,
	evidence
FROM raw_crosswalk ORDER BY rowid;
CREATE INDEX payments_buyer ON payments (buyer_id, buyer);
CREATE INDEX payments_supplier ON payments (supplier_id);
CREATE INDEX payments_fy ON payments (fy);
CREATE INDEX payments_date ON payments (date);
CREATE INDEX payments_sector ON payments (sector, category);
CREATE INDEX payments_service ON payments (service);
CREATE INDEX payments_region ON payments (region);
CREATE INDEX contracts_buyer ON contracts (buyer_id, buyer);
CREATE INDEX contracts_supplier ON contracts (supplier_id);
CREATE INDEX contracts_end ON contracts ("end");
CREATE INDEX suppliers_id ON suppliers (supplier_id);
CREATE INDEX suppliers_spelling ON suppliers (spelling);
COMMIT;
EOF
