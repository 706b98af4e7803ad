#!/usr/bin/python3
"""validate.py SCHEMA [FILE...]: check every JSON line against a JSON Schema.

Numbers are read as decimals, so "multipleOf": 0.01 checks money exactly.

Prints one line per invalid record (file:line: message) and the count of
records checked; exits 1 when any record is invalid or a line is not JSON.
"""
import decimal
import json
import os
import sys

import jsonschema


def main():
    schema_path = sys.argv[1]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f, parse_float=decimal.Decimal)
    base = "file://" + os.path.abspath(os.path.dirname(schema_path)) + "/"
    resolver = jsonschema.RefResolver(base, schema)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, resolver=resolver)
    bad = checked = 0
    for path in sys.argv[2:] or ["-"]:
        f = sys.stdin if path == "-" else open(path, encoding="utf-8")
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            checked += 1
            try:
                rec = json.loads(line, parse_float=decimal.Decimal)
            except ValueError as e:
                print(f"{path}:{n}: not JSON: {e}")
                bad += 1
                continue
            errs = sorted(validator.iter_errors(rec), key=str)
            if errs:
                bad += 1
                if bad <= 20:
                    e = errs[0]
                    where = "/".join(str(p) for p in e.absolute_path)
                    print(f"{path}:{n}: {where}: {e.message}")
    print(f"checked {checked} records, {bad} invalid")
    return 1 if bad or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
