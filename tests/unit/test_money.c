/* Unit tests for filters/lib/money.c. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "lib/money.h"

static void
ok_case(const char *in, long long want)
{
	int64_t p = 12345;
	int r = money_parse(in, strlen(in), &p);

	CHECK(r == MONEY_OK && p == want, "money_parse(\"%s\") = %lld", in,
	    want);
	if (r != MONEY_OK || p != want)
		printf("#   status %d, got %lld\n", r, (long long)p);
}

static void
half_case(const char *in, long long want)
{
	int64_t p = 12345;
	int r = money_parse_half(in, strlen(in), &p);

	CHECK(r == MONEY_ROUNDED && p == want,
	    "money_parse_half(\"%s\") = %lld, rounded", in, want);
	if (r != MONEY_ROUNDED || p != want)
		printf("#   status %d, got %lld\n", r, (long long)p);
}

static void
bad_case(const char *in, int want)
{
	int64_t p;
	int r = money_parse(in, strlen(in), &p);

	CHECK(r == want, "money_parse(\"%s\") fails with %s", in,
	    money_strerror(want));
}

/* a comma that is not a thousands separator: MONEY_BAD, saying why */
static void
group_case(const char *in)
{
	int64_t p = 7;
	int r = money_parse(in, strlen(in), &p), h;

	h = money_parse_half(in, strlen(in), &p);
	CHECK(r == MONEY_BAD && h == MONEY_BAD && p == 7 &&
	    strstr(money_why(in, strlen(in), 0, r), "groups of three") != NULL,
	    "money_parse(\"%s\") is bad grouping", in);
	if (r != MONEY_BAD)
		printf("#   status %d, got %lld\n", r, (long long)p);
}

/* with MONEY_DECIMAL_COMMA */
static void
dc_case(const char *in, long long want)
{
	int64_t p = 12345;
	int r = money_parse_opts(in, strlen(in), MONEY_DECIMAL_COMMA, &p);

	CHECK(r == MONEY_OK && p == want, "money_parse_opts(\"%s\", "
	    "decimal comma) = %lld", in, want);
	if (r != MONEY_OK || p != want)
		printf("#   status %d, got %lld\n", r, (long long)p);
}

static void
dc_bad(const char *in, int want)
{
	int64_t p = 7;
	int r = money_parse_opts(in, strlen(in), MONEY_DECIMAL_COMMA, &p);

	CHECK(r == want && p == 7, "money_parse_opts(\"%s\", decimal comma) "
	    "fails with %s", in, money_strerror(want));
	if (r != want)
		printf("#   status %d, got %lld\n", r, (long long)p);
}

int
main(void)
{
	char b[MONEY_FMT_MAX];
	int64_t acc;

	half_case("815.045", 81504);
	half_case("815.055", 81506);
	half_case("815.046", 81505);
	half_case("815.044", 81504);
	half_case("65,477.705", 6547770);
	half_case("-815.045", -81504);
	half_case("-815.047", -81505);
	half_case("-0.006", -1);
	half_case("0.005", 0);
	half_case("0.015", 2);
	half_case("(1.235)", -124);
	half_case("1.235 CR", -124);
	half_case("\xA3" "1,000.0050", 100000);
	{
		int64_t p = 7;

		CHECK(money_parse_half("1.2345", 6, &p) == MONEY_PRECISION &&
		    p == 7, "money_parse_half: a fourth decimal stays an "
		    "error");
		CHECK(money_parse_half("12.34", 5, &p) == MONEY_OK &&
		    p == 1234, "money_parse_half: two decimals as "
		    "money_parse");
	}
	ok_case("1234.56", 123456);
	ok_case("1234.5", 123450);
	ok_case("1234", 123400);
	ok_case("899.2", 89920);
	ok_case(" 519.89 ", 51989);
	ok_case("\xC2\xA3" "1,234.56", 123456);
	ok_case("\xA3" "1,234.56", 123456);
	ok_case("GBP 12.00", 1200);
	ok_case("-45.00", -4500);
	ok_case("45.00-", -4500);
	ok_case("(123.00)", -12300);
	ok_case("\xC2\xA3(1,000.00)", -100000);
	ok_case("1,234.56 CR", -123456);
	ok_case("1,234.56 DR", 123456);
	ok_case("1,234.56CR", -123456);
	ok_case("+7.10", 710);
	ok_case("1 234.50", 123450);
	ok_case("0.01", 1);
	ok_case(".5", 50);
	ok_case("12.300", 1230);
	ok_case("1.2E+03", 120000);
	ok_case("1.5e2", 15000);
	ok_case("92233720368547758.07", INT64_MAX);
	ok_case("-92233720368547758.07", -INT64_MAX);
	ok_case("-92233720368547758.08", INT64_MIN);
	bad_case("", MONEY_EMPTY);
	bad_case("  ", MONEY_EMPTY);
	bad_case("\xC2\xA3", MONEY_EMPTY);
	bad_case("12,3O", MONEY_BAD);
	bad_case("abc", MONEY_BAD);
	bad_case("1.2.3", MONEY_BAD);
	bad_case("--5", MONEY_BAD);
	bad_case("(5", MONEY_BAD);
	bad_case("1,", MONEY_BAD);
	/* strict thousands grouping */
	ok_case("12,345,678", 1234567800);
	ok_case("-\xC2\xA3" "1,234.00", -123400);
	ok_case("1,234", 123400);
	ok_case("999,999.99", 99999999);
	ok_case("1,234E+03", 123400000);
	group_case("1234,56");
	group_case("1,23");
	group_case("12,3456.00");
	group_case("1,234,5");
	group_case("1,2345");
	group_case("1234,567");
	group_case("0,50");
	group_case("-0,99");
	group_case("01,234");
	group_case("\xC2\xA3" "12,5");
	group_case("1,234,56.00");
	group_case("1,234 567");
	group_case("\xC2\xA3" "1,2\t34.5");
	group_case("1 234,567.00");
	CHECK(strcmp(money_why("abc", 3, 0, MONEY_BAD), "not a number") == 0 &&
	    strcmp(money_why("", 0, 0, MONEY_EMPTY), "no amount") == 0,
	    "money_why: other failures keep money_strerror's reason");
	CHECK(strcmp(money_why("1234,56", 7, 0, MONEY_BAD), "comma not between "
	    "groups of three digits (a decimal comma?)") == 0,
	    "money_why: the decimal comma reason");
	CHECK(strstr(money_why("1.234,56", 8, 0, MONEY_BAD), "comma after the "
	    "decimal point") != NULL && strstr(money_why("1.234.567", 9, 0,
	    MONEY_BAD), "two decimal points") != NULL &&
	    strstr(money_why("1,5.3", 5, MONEY_DECIMAL_COMMA, MONEY_BAD),
	    "dot after the decimal comma") != NULL,
	    "money_why: a decimal comma after thousands dots, or the reverse");
	/* a decimal comma, when the caller says so */
	dc_case("1234,56", 123456);
	dc_case("12,5", 1250);
	dc_case("1.234,56", 123456);
	dc_case("1.234", 123400);
	dc_case("-0,99", -99);
	dc_case("\xC2\xA3" "1.234.567,89", 123456789);
	dc_case("-\xC2\xA3" "1.234,50", -123450);
	dc_case("1 234,56", 123456);
	dc_case("1\xC2\xA0" "234,56", 123456);
	dc_case("1\xA0" "234,56", 123456);
	dc_case("(1.234,56)", -123456);
	dc_case("1.234,56 CR", -123456);
	dc_case("1234", 123400);
	dc_case("-1234,5", -123450);
	dc_case(",5", 50);
	dc_case("12,300", 1230);
	dc_bad("1234.56", MONEY_BAD);
	dc_bad("1.23", MONEY_BAD);
	dc_bad("1,234.56", MONEY_BAD);
	dc_bad("1,2,3", MONEY_BAD);
	dc_bad("1.234.5", MONEY_BAD);
	dc_bad("12,345", MONEY_PRECISION);
	CHECK(strstr(money_why("1234.56", 7, MONEY_DECIMAL_COMMA, MONEY_BAD),
	    "decimal comma") != NULL, "money_why: a dot in a decimal-comma "
	    "column");
	{
		int64_t p = 7;

		CHECK(money_parse_half_opts("1.234,565", 9, MONEY_DECIMAL_COMMA,
		    &p) == MONEY_ROUNDED && p == 123456,
		    "money_parse_half_opts: a half penny after a decimal comma");
		CHECK(money_parse_half_opts("815,055", 7, MONEY_DECIMAL_COMMA,
		    &p) == MONEY_ROUNDED && p == 81506,
		    "money_parse_half_opts: half to even");
	}
	bad_case("12.345", MONEY_PRECISION);
	bad_case("1e-3", MONEY_PRECISION);
	bad_case("92233720368547758.08", MONEY_OVERFLOW);
	bad_case("-92233720368547758.09", MONEY_OVERFLOW);
	bad_case("99999999999999999999999", MONEY_OVERFLOW);
	bad_case("1e30", MONEY_OVERFLOW);

	money_fmt(b, 123450);
	CHECK_STR(b, "1234.50", "money_fmt positive");
	money_fmt(b, -5);
	CHECK_STR(b, "-0.05", "money_fmt small negative");
	money_fmt(b, 0);
	CHECK_STR(b, "0.00", "money_fmt zero");
	money_fmt(b, INT64_MIN);
	CHECK_STR(b, "-92233720368547758.08", "money_fmt INT64_MIN");
	acc = INT64_MAX - 1;
	CHECK(money_add(&acc, 1) == 0 && acc == INT64_MAX, "money_add to max");
	CHECK(money_add(&acc, 1) == -1 && acc == INT64_MAX,
	    "money_add overflow is an error and leaves the sum");
	acc = INT64_MIN + 1;
	CHECK(money_add(&acc, -2) == -1, "money_add negative overflow");
	/* the plain form has a fast path; a leading space sends the same
	 * text down the general one: they must agree on every case */
	{
		static const char *const forms[] = {
			"%s%llu", "%s%llu.%u", "%s%llu.%02u", "%s%llu.",
			"%s%llu.%03u", "%s0%llu.%u"
		};
		unsigned long long x = 1;
		unsigned seed = 12345, f, i, bad = 0;
		char t1[64], t2[65];
		int64_t p1, p2;
		int r1, r2;

		for (i = 0; i < 200000; i++) {
			seed = seed * 1103515245u + 12345u;
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			f = seed % 6;
			snprintf(t1, sizeof t1, forms[f], seed & 64 ? "-" : "",
			    x >> (seed % 64), (seed >> 8) % 1000);
			snprintf(t2, sizeof t2, " %s", t1);
			p1 = p2 = -7;
			r1 = money_parse(t1, strlen(t1), &p1);
			r2 = money_parse(t2, strlen(t2), &p2);
			if (r1 != r2 || (r1 == MONEY_OK && p1 != p2)) {
				if (bad++ < 3)
					printf("#   \"%s\": %d %lld, \"%s\": %d %lld\n",
					    t1, r1, (long long)p1, t2, r2,
					    (long long)p2);
			}
		}
		CHECK(bad == 0, "plain amounts: the fast path agrees with the "
		    "general one on 200000 random cases");
	}
	/* money_div_round: half away from zero, either sign. */
	CHECK(money_div_round(5, 2) == 3 && money_div_round(-5, 2) == -3 &&
	    money_div_round(5, -2) == -3 && money_div_round(7, 3) == 2 &&
	    money_div_round(-7, 3) == -2 && money_div_round(0, 9) == 0,
	    "money_div_round rounds half away from zero");
	CHECK(money_div_round((money_wide)INT64_MAX * 10000, 10000) ==
	    INT64_MAX, "money_div_round past 64 bits");
	return DONE();
}
