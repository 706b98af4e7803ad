#!/usr/bin/env python3
# mkcorpus.py DIR [csv|jsonl]: write the bad-input corpus for the hardening tests into
# DIR (a scratch folder; nothing here is committed but this script).
#   CSV cases (normalise):  NAME.csv
#   JSON-lines cases (aggregate, dedupe-supplier, classify-sector and
#   normalise --from jsonl):  NAME.jsonl
# Sizes: the long-line cases are $HARDENING_LONG_MB (50) MB; the wide cases
# 100,000 columns.
import json
import os
import sys

D = sys.argv[1]
KIND = sys.argv[2] if len(sys.argv) > 2 else ""
LONG = int(os.environ.get("HARDENING_LONG_MB", "50")) * 1000 * 1000
WIDE = 100000
HDR = b"Date,Supplier Name,Amount,Description\n"
ROW = b"01/04/2023,Acme Software Ltd,1234.56,Licences\n"
REC = {"kind": "payment", "buyer": "Leeds City Council",
       "buyer_id": "E08000035", "region": "Yorkshire and The Humber",
       "date": "2023-04-01", "amount": "@", "supplier": "Acme Software Ltd",
       "expense_type": "Software Licences", "description": "Licences",
       "source": "hardening.csv:2"}


def rec(**kw):
    r = dict(REC)
    r.update(kw)
    amount = r.pop("amount")
    s = json.dumps(r, ensure_ascii=False, separators=(",", ":"))
    if amount is not None:
        a = "1234.56" if amount == "@" else amount
        s = s[:-1] + ',"amount":' + a + "}"
    return s.encode("utf-8") + b"\n"


def put(name, data):
    if KIND and not name.endswith("." + KIND):
        return
    with open(os.path.join(D, name), "wb") as f:
        f.write(data)


html = (b"<!DOCTYPE html>\n<html><head><title>Spend over 500</title></head>"
        b"<body><table>\n<tr><td>Date</td><td>Supplier</td><td>Amount</td>"
        b"</tr>\n<tr><td>01/04/2023</td><td>Acme</td><td>12.00</td></tr>\n"
        b"</table></body></html>\n")
xlsx = (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00"
        b"\x00\x90\x04\x00\x00\x13\x00\x08\x02[Content_Types].xml \xa2\x04"
        b"\x02(\xa0\x00\x02\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8 +
        b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00")

# ---------------------------------------------------------------- CSV
put("empty.csv", b"")
put("header-only.csv", HDR)
put("html.csv", html)
put("xlsx.csv", xlsx)
put("nul.csv", HDR + b"01/04/2023,Acme\x00 Ltd,12.00,Lic\x00ences\n" + ROW)
put("badutf8.csv", HDR + b"01/04/2023,Caf\xe9 \xff\xfe Ltd,12.00,"
    b"over\xc0\xaflong \xed\xa0\x80 surrogate\n" + ROW)
put("longline.csv", HDR + b'01/04/2023,Acme Ltd,99.00,"' + b"x" * LONG +
    b'"\n' + ROW)
put("oneline.csv", b"x" * LONG)
put("unterminated.csv", HDR + ROW + b'02/04/2023,"Acme Ltd,12.00,open\n')
put("wide.csv", b"Date,Supplier Name,Amount," +
    b",".join(b"Extra %d" % i for i in range(WIDE - 3)) + b"\n" +
    (b"01/04/2023,Acme Ltd,12.00" + b",x" * (WIDE - 3) + b"\n") * 2)
put("wide-junk.csv", b",".join(b"c%d" % i for i in range(WIDE)) + b"\n" +
    b",".join(b"%d" % i for i in range(WIDE)) + b"\n")
put("truncated.csv", HDR + ROW + b"03/04/2023,Acm")
put("bigamount.csv", HDR + b"01/04/2023,Acme Ltd,99999999999999999999999.99,"
    b"Huge\n" + ROW)

# ---------------------------------------------------------- JSON lines
put("empty.jsonl", b"")
put("html.jsonl", html)
put("xlsx.jsonl", xlsx)
put("nul.jsonl", rec() + b'{"kind":"payment","supplier":"Ac\x00me",'
    b'"amount":1.00}\n')
put("badutf8.jsonl", rec() + rec(supplier="Caf@E9 Ltd").replace(b"@E9",
    b"\xe9\xff"))
put("longline.jsonl", rec(description="y" * LONG) + rec())
put("unterminated.jsonl", rec() + b'{"kind":"payment","supplier":"Acme\n')
wide = dict(REC)
for i in range(WIDE):
    wide["x%d" % i] = i
wide.pop("amount")
put("wide.jsonl", json.dumps(wide, separators=(",", ":")).encode()[:-1] +
    b',"amount":12.00}\n' + rec())
put("truncated.jsonl", rec() + rec()[:40])
put("wrongtype-amount.jsonl", rec() + rec(amount='"twelve"') +
    rec(amount="true"))
put("wrongtype-supplier.jsonl", rec() + rec(supplier=123) +
    rec(supplier=["A", "B"]))
put("wrongtype-text.jsonl", rec() + rec(description=42, expense_type=[]))
put("dupkeys.jsonl", rec() + rec()[:-2] + b',"supplier":"Other Ltd"}\n')
put("deep.jsonl", rec() + rec()[:-2] + b',"x":' + b"[" * 100 + b"]" * 100 +
    b"}\n")
put("deeper.jsonl", rec() + rec()[:-2] + b',"x":' + b"[" * 200000 +
    b"]" * 200000 + b"}\n")
put("bigint.jsonl", rec() + rec(amount="99999999999999999999999.00"))
put("bignumber.jsonl", rec() + rec()[:-2] +
    b',"n":123456789012345678901234567890.5e400}\n')
