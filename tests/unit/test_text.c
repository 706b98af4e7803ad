/* Unit tests for filters/lib/text.c and hash.c. */
#include <string.h>

#include "check.h"
#include "lib/hash.h"
#include "lib/text.h"

static void
clean_case(const char *in, int flags, const char *want, const char *name)
{
	struct buf b = { 0 };

	text_clean(&b, in, strlen(in), flags);
	CHECK_STR(b.p ? b.p : "", want, "text_clean: %s", name);
	CHECK(utf8_valid(b.p ? b.p : "", b.len), "text_clean output valid: %s",
	    name);
	buf_free(&b);
}

int
main(void)
{
	struct buf b = { 0 };
	struct strmap m;
	struct strmap_entry *e;
	char key[32];
	int i, all = 1;

	CHECK(utf8_valid("plain", 5), "ascii is valid UTF-8");
	CHECK(utf8_valid("\xE2\x80\x99", 3), "U+2019 is valid");
	CHECK(!utf8_valid("\xC0\xAF", 2), "overlong is invalid");
	CHECK(!utf8_valid("\xED\xA0\x80", 3), "surrogate is invalid");
	CHECK(!utf8_valid("\xE2\x80", 2), "truncated sequence is invalid");
	CHECK(!utf8_valid("\xF5\x80\x80\x80", 4), "beyond U+10FFFF invalid");
	CHECK(cp1252_to_unicode(0x92) == 0x2019, "cp1252 0x92 is U+2019");
	CHECK(cp1252_to_unicode(0x80) == 0x20AC, "cp1252 0x80 is euro");
	CHECK(cp1252_to_unicode(0xA3) == 0xA3, "cp1252 0xA3 is pound");

	CHECK(text_bom_len("\xEF\xBB\xBF" "Body", 7) == 3, "UTF-8 BOM");
	CHECK(text_bom_len("\xEF\xBB\xBF\xEF\xBB\xBF" "Body", 10) == 6,
	    "doubled BOM");
	CHECK(text_bom_len("\xC3\xAF\xC2\xBB\xC2\xBF" "Body", 10) == 6,
	    "double-encoded BOM");
	CHECK(text_bom_len("Body", 4) == 0, "no BOM");

	clean_case("  Acme   Ltd  ", TEXT_TRIM | TEXT_SQUEEZE, "Acme Ltd",
	    "trim and squeeze");
	clean_case("Net Amount(\xA3)", TEXT_TRIM, "Net Amount(\xC2\xA3)",
	    "Windows-1252 pound");
	clean_case("Don\xC2\x92t Redact", TEXT_TRIM, "Don\xE2\x80\x99t Redact",
	    "C1 control U+0092 mojibake");
	clean_case("Don\x92t", TEXT_TRIM, "Don\xE2\x80\x99t",
	    "raw Windows-1252 apostrophe");
	clean_case("ACME\xC2\xA0\xC2\xA0LTD\xA0\xA0", TEXT_TRIM | TEXT_SQUEEZE,
	    "ACME LTD", "NBSP runs");
	clean_case("a\tb\r\nc", TEXT_SQUEEZE, "a b c", "controls to spaces");
	clean_case("x\x01y", 0, "xy", "other controls dropped");
	clean_case("caf\xC3\xA9", TEXT_TRIM, "caf\xC3\xA9", "UTF-8 kept");
	clean_case("caf\xE9", TEXT_TRIM, "caf\xC3\xA9", "Latin-1 byte decoded");
	clean_case("a \xE2\x80\x93 b", TEXT_TRIM, "a \xE2\x80\x93 b",
	    "en dash kept");

	json_escape(&b, "a\"b\\c\nd\x01", 8);
	CHECK_STR(b.p, "a\\\"b\\\\c\\nd\\u0001", "json_escape");
	buf_free(&b);

	CHECK(hash64("abc", 3, 0) == hash64("abc", 3, 0), "hash64 stable");
	CHECK(hash64("abc", 3, 0) != hash64("abd", 3, 0), "hash64 differs");
	CHECK(hash64("abc", 3, 0) != hash64("abc", 3, 1), "hash64 seeded");
	strmap_init(&m);
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		e = strmap_get(&m, key, strlen(key), 1);
		e->val = (void *)(long)(i + 1);
	}
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		e = strmap_get(&m, key, strlen(key), 0);
		if (e == NULL || (long)e->val != i + 1)
			all = 0;
	}
	CHECK(all && m.n == 10000, "strmap holds 10000 keys");
	CHECK(strmap_get(&m, "nope", 4, 0) == NULL, "strmap miss");
	strmap_free(&m);
	CHECK(text_distance("directotate", 11, "directorate", 11, 2) == 1,
	    "text_distance: one letter wrong");
	CHECK(text_distance("supplier", 8, "suplier", 7, 2) == 1,
	    "text_distance: one letter missing");
	CHECK(text_distance("amount", 6, "account", 7, 1) == 2,
	    "text_distance: past max gives max + 1");
	CHECK(text_distance("abc", 3, "abc", 3, 0) == 0,
	    "text_distance: equal strings");
	{
		char f[6];

		CHECK(text_fold_alnum(f, sizeof f, "Net Amount (\xc2\xa3)",
		    15) == 5 && strcmp(f, "netam") == 0,
		    "text_fold_alnum: letters and digits, lower case, cut "
		    "at cap - 1");
		CHECK(text_fold_alnum(f, sizeof f, "-- ", 3) == 0 &&
		    f[0] == '\0', "text_fold_alnum: nothing left is empty");
	}
	return DONE();
}
