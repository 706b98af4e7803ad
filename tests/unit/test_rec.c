/* Unit tests for filters/lib/rec.c. */
#include <string.h>

#include "check.h"
#include "lib/rec.h"

static const char *
roundtrip(struct rec *r, const char *in, struct buf *out)
{
	char err[128];

	buf_reset(out);
	if (rec_parse(r, in, strlen(in), err, sizeof err) != 0)
		return err[0] ? "PARSE ERROR" : "PARSE ERROR";
	rec_serialize(r, out);
	return out->p;
}

static void
bad(struct rec *r, const char *in, const char *why)
{
	char err[128];

	CHECK(rec_parse(r, in, strlen(in), err, sizeof err) != 0 && err[0],
	    "rejects %s", why);
}

int
main(void)
{
	struct rec r;
	struct buf out = { 0 }, s = { 0 };
	int64_t p;
	char deep[400];
	int i;

	rec_init(&r);
	CHECK_STR(roundtrip(&r, "{\"x\":1,\"amount\":2.50,\"kind\":\"payment\"}",
	    &out), "{\"kind\":\"payment\",\"amount\":2.50,\"x\":1}\n",
	    "canonical keys first, unknown keys after, values byte for byte");
	CHECK_STR(roundtrip(&r, " { \"z\" : [1, {\"a\":null}] , \"y\":1e5 } ",
	    &out), "{\"z\":[1, {\"a\":null}],\"y\":1e5}\n",
	    "unknown keys keep arrival order and raw values");
	CHECK_STR(roundtrip(&r, "{}", &out), "{}\n", "empty object");

	roundtrip(&r, "{\"supplier\":\"A \\\"B\\\" \\u00e9\\ud83d\\ude00\","
	    "\"amount\":\"1,234.50\",\"n\":null}", &out);
	CHECK(rec_get_str(&r, "supplier", &s) == 1 &&
	    strcmp(s.p, "A \"B\" \xC3\xA9\xF0\x9F\x98\x80") == 0,
	    "rec_get_str decodes escapes and surrogate pairs");
	CHECK(rec_get_str(&r, "n", &s) == 0, "null reads as missing");
	CHECK(rec_get_str(&r, "missing", &s) == 0, "missing key");
	CHECK(rec_get_money(&r, "amount", &p) == 1 && p == 123450,
	    "money from a string");
	roundtrip(&r, "{\"amount\":-12.5,\"x\":true}", &out);
	CHECK(rec_get_money(&r, "amount", &p) == 1 && p == -1250,
	    "money from a number");
	CHECK(rec_get_money(&r, "x", &p) == -1, "true is not money");
	CHECK(rec_get_str(&r, "x", &s) == -1, "true is not a string");

	roundtrip(&r, "{\"extra\":\"keep\",\"supplier\":\"a\"}", &out);
	rec_set_str(&r, "supplier_id", "GB-COH-01234567", 15);
	rec_set_money(&r, "amount", 100);
	rec_set_str(&r, "supplier", "tab\there", 8);
	rec_set_bool(&r, "redacted", 0);
	rec_set_null(&r, "sector");
	rec_set_int(&r, "count", 3);
	buf_reset(&out);
	rec_serialize(&r, &out);
	CHECK_STR(out.p, "{\"amount\":1.00,\"supplier\":\"tab\\there\","
	    "\"redacted\":false,\"supplier_id\":\"GB-COH-01234567\","
	    "\"sector\":null,\"extra\":\"keep\",\"count\":3}\n",
	    "rec_set_* replace and add in the stable order");
	rec_del(&r, "extra");
	CHECK(rec_get(&r, "extra") == NULL && rec_get(&r, "count") != NULL,
	    "rec_del");

	bad(&r, "", "empty line");
	bad(&r, "[1,2]", "an array");
	bad(&r, "{\"a\":1,\"a\":2}", "duplicate keys");
	bad(&r, "{\"a\":01}", "leading zero");
	bad(&r, "{\"a\":1.}", "bad fraction");
	bad(&r, "{\"a\":\"\\x\"}", "bad escape");
	bad(&r, "{\"a\":\"\xC0\xAF\"}", "invalid UTF-8");
	bad(&r, "{\"a\":\"x\ty\"}", "raw control character");
	bad(&r, "{\"a\":1", "truncated object");
	bad(&r, "{\"a\":\"abc", "unterminated string");
	bad(&r, "{\"a\":1} x", "trailing text");
	bad(&r, "{\"a\":tru}", "bad literal");
	bad(&r, "{a:1}", "unquoted key");
	for (i = 0; i < 150; i++)
		deep[i] = '[';
	deep[150] = '\0';
	{
		char line[420];

		snprintf(line, sizeof line, "{\"a\":%s}", deep);
		bad(&r, line, "nesting beyond the limit");
	}
	{
		/* wide records: 100,000 keys parse, and a late duplicate is
		 * still found */
		struct buf w = { 0 };
		char err[128];

		buf_addc(&w, '{');
		for (i = 0; i < 100000; i++)
			buf_printf(&w, "%s\"k%d\":%d", i ? "," : "", i, i);
		buf_addc(&w, '}');
		CHECK(rec_parse(&r, w.p, w.len, err, sizeof err) == 0 &&
		    r.n == 100000, "100,000 keys parse");
		w.len--;
		buf_adds(&w, ",\"k77\":1}");
		CHECK(rec_parse(&r, w.p, w.len, err, sizeof err) != 0 &&
		    strstr(err, "duplicate key \"k77\"") != NULL,
		    "a duplicate among 100,001 keys is found");
		buf_free(&w);
	}
	/* rec_key_rank: the canonical order, and rec_write follows it */
	CHECK(rec_key_rank("kind", 4) == 0 && rec_key_rank("proclass", 8) ==
	    rec_key_rank("expense_type", 12) + 1 && rec_key_rank("why", 3) ==
	    rec_key_rank("sector", 6) + 3 && rec_key_rank("kindx", 5) < 0 &&
	    rec_key_rank("kin", 3) < 0 && rec_key_rank("", 0) < 0,
	    "rec_key_rank: proclass after expense_type, why three after sector");
	for (i = 0; rec_key_name(i) != NULL; i++)
		if (rec_key_rank(rec_key_name(i), strlen(rec_key_name(i))) != i)
			break;
	CHECK(i > 20 && rec_key_name(-1) == NULL, "rec_key_name inverts it");
	CHECK_STR(roundtrip(&r, "{\"x\":1,\"proclass\":\"27\","
	    "\"expense_type\":\"IT\"}", &out),
	    "{\"expense_type\":\"IT\",\"proclass\":\"27\",\"x\":1}\n",
	    "rec_write orders by rec_key_rank");

	/* the fast scanner */
	{
		static const char *const good[] = {
			"{\"a\":\"x\\\"}\",\"b\":[1,{\"c\":\"]\"}],\"d\":null}",
			" { \"a\" : 1 , \"b\":true } ", "{}",
		};
		static const char *const badl[] = {
			"{\"a\":1,}", "{\"a\" 1}", "{\"a\":nul}",
			"{\"a\":\"x}", "[1]", "{\"a\":[1}", "{,\"a\":1}",
			"{\"a\":1 \"b\":2}", "{",
		};
		struct rec_scan sc;
		struct rec_member m;
		size_t j;
		int rc, nm;

		rc = rec_scan_begin(&sc, good[0], strlen(good[0]));
		nm = 0;
		while (rc == 0 && (rc = rec_scan_next(&sc, &m)) > 0) {
			nm++;
			if (nm == 2)
				CHECK(m.klen == 1 && m.key[0] == 'b' &&
				    m.vlen == 13, "scan: array value span");
			rc = 0;
		}
		CHECK(rc == 0 && nm == 3 && sc.compact && *sc.p == '}',
		    "scan: three members of a compact record, escaped quote");
		rc = rec_scan_begin(&sc, good[1], strlen(good[1]));
		nm = 0;
		while (rc == 0 && (rc = rec_scan_next(&sc, &m)) > 0)
			nm++, rc = 0;
		CHECK(rc == 0 && nm == 2 && !sc.compact,
		    "scan: white space clears compact");
		CHECK(rec_scan_begin(&sc, good[2], 2) == 0 &&
		    rec_scan_next(&sc, &m) == 0, "scan: empty object");
		for (j = 0; j < sizeof badl / sizeof badl[0]; j++) {
			rc = rec_scan_begin(&sc, badl[j], strlen(badl[j]));
			while (rc == 0 && (rc = rec_scan_next(&sc, &m)) > 0)
				rc = 0;
			CHECK(rc < 0, "scan rejects %s", badl[j]);
		}
	}
	/* the fast scanner, checked */
	{
		static const char *const loose[] = {
			"{\"a\":\"\\q\"}", "{\"a\":\"x\ty\"}", "{\"a\":01}",
			"{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":1x}",
			"{\"a\":\"\\u12g4\"}", "{\"\\x\":1}", "{\"a\":nulls}",
		};
		static const char *const fine =
		    "{\"k\\n\":\"v\\u00e9\",\"n\":-0.5e+3,\"s\":\"plain\","
		    "\"o\":{\"x\":[\"\\q\"]},\"t\":false}";
		struct rec_scan sc;
		struct rec_member m;
		size_t j;
		int rc, nm, esc[8];

		for (j = 0; j < sizeof loose / sizeof loose[0]; j++) {
			int lrc, crc;

			lrc = rec_scan_begin(&sc, loose[j], strlen(loose[j]));
			while (lrc == 0 && (lrc = rec_scan_next(&sc, &m)) > 0)
				lrc = 0;
			crc = rec_scan_begin(&sc, loose[j], strlen(loose[j]));
			sc.check = 1;
			while (crc == 0 && (crc = rec_scan_next(&sc, &m)) > 0)
				crc = 0;
			CHECK(crc < 0 && (j >= 7 || lrc == 0),
			    "checked scan rejects %s%s", loose[j],
			    j < 7 ? " (the loose scan takes it)" : "");
		}
		rc = rec_scan_begin(&sc, fine, strlen(fine));
		sc.check = 1;
		nm = 0;
		while (rc == 0 && (rc = rec_scan_next(&sc, &m)) > 0) {
			esc[nm++ & 7] = m.esc;
			rc = 0;
		}
		CHECK(rc == 0 && nm == 5 && esc[0] == (REC_ESC_KEY |
		    REC_ESC_VAL) && esc[1] == 0 && esc[2] == 0 && esc[3] == 0 &&
		    esc[4] == 0, "checked scan: escapes flagged in key and value; "
		    "nested values by structure");
	}
	{
		struct strmap mp;
		struct strmap_entry *e;
		int isnew, okk = 1;
		char k[16];

		strmap_init(&mp);
		for (i = 0; i < 5000; i++) {
			snprintf(k, sizeof k, "k%d", i);
			e = strmap_put(&mp, k, strlen(k), &isnew);
			okk &= isnew && e->num == 0;
			e->num = i;
		}
		e = strmap_put(&mp, "k77", 3, &isnew);
		CHECK(okk && !isnew && e->num == 77 && mp.n == 5000 &&
		    strmap_get(&mp, "k5000", 5, 0) == NULL,
		    "strmap_put: new keys zeroed, old ones found");
		strmap_free(&mp);
	}
	rec_free(&r);
	buf_free(&out);
	buf_free(&s);
	return DONE();
}
