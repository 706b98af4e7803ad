/* Unit tests for filters/lib/date.c. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "lib/date.h"

static void
ok_case(const char *in, const char *want, int wprec)
{
	struct date d;
	char b[16] = "";
	int prec = -1, r = date_parse(in, strlen(in), &d, &prec);

	if (r == DATE_OK)
		date_fmt(b, d);
	CHECK(r == DATE_OK && strcmp(b, want) == 0 && prec == wprec,
	    "date_parse(\"%s\") = %s/%d", in, want, wprec);
	if (r != DATE_OK || strcmp(b, want) != 0 || prec != wprec)
		printf("#   status %s, got %s/%d\n", date_strerror(r), b, prec);
}

static void
bad_case(const char *in, int want)
{
	struct date d;
	int r = date_parse(in, strlen(in), &d, NULL);

	CHECK(r == want, "date_parse(\"%s\") fails: %s", in,
	    date_strerror(want));
	if (r != want)
		printf("#   got %s\n", date_strerror(r));
}

int
main(void)
{
	struct date d;
	long i;

	ok_case("12/01/2011", "2011-01-12", DATE_DAY);
	ok_case("4/1/2017", "2017-01-04", DATE_DAY);
	ok_case("06/01/26", "2026-01-06", DATE_DAY);
	ok_case("2019-05-01 00:00:00", "2019-05-01", DATE_DAY);
	ok_case("2023-01-05T10:00:00Z", "2023-01-05", DATE_DAY);
	ok_case("2016-04-14", "2016-04-14", DATE_DAY);
	ok_case("14-Jan-2011", "2011-01-14", DATE_DAY);
	ok_case("20-Apr-17", "2017-04-20", DATE_DAY);
	ok_case("01-MAR-22", "2022-03-01", DATE_DAY);
	ok_case("5 March 2024", "2024-03-05", DATE_DAY);
	ok_case("05 Sep 2019", "2019-09-05", DATE_DAY);
	ok_case("1st September 2019", "2019-09-01", DATE_DAY);
	ok_case("03.10.2012", "2012-10-03", DATE_DAY);
	ok_case("44927", "2023-01-01", DATE_DAY);
	ok_case("44927.5", "2023-01-01", DATE_DAY);
	ok_case("20230115", "2023-01-15", DATE_DAY);
	ok_case("31/12/99", "1999-12-31", DATE_DAY);
	ok_case("2016-01", "2016-01-01", DATE_MONTH);
	ok_case("201202", "2012-02-01", DATE_MONTH);
	ok_case("04/2023", "2023-04-01", DATE_MONTH);
	ok_case("Jan 2023", "2023-01-01", DATE_MONTH);
	ok_case("September 2010", "2010-09-01", DATE_MONTH);
	ok_case("2023 Q2", "2023-04-01", DATE_QUARTER);
	ok_case("Q3 2021", "2021-07-01", DATE_QUARTER);
	ok_case("2018Q4", "2018-10-01", DATE_QUARTER);
	ok_case("Q1 2023/24", "2023-04-01", DATE_QUARTER);
	ok_case("Q4 2023/24", "2024-01-01", DATE_QUARTER);
	ok_case("July 2010-September 2010", "2010-07-01", DATE_QUARTER);
	ok_case("July 2010 - August 2010", "2010-07-01", DATE_MONTH);
	ok_case("Jul - Sep 2010", "2010-07-01", DATE_QUARTER);
	ok_case("29/02/2024", "2024-02-29", DATE_DAY);
	bad_case("", DATE_EMPTY);
	bad_case("   ", DATE_EMPTY);
	bad_case("29/02/2023", DATE_IMPOSSIBLE);
	bad_case("31/04/2020", DATE_IMPOSSIBLE);
	bad_case("12/31/2020", DATE_IMPOSSIBLE);
	bad_case("2020-13-01", DATE_IMPOSSIBLE);
	bad_case("00/01/2020", DATE_IMPOSSIBLE);
	bad_case("01/01/1850", DATE_RANGE);
	bad_case("01/01/2150", DATE_RANGE);
	bad_case("12345", DATE_RANGE);
	bad_case("not a date", DATE_BAD);
	bad_case("Total", DATE_BAD);
	bad_case("1/2/3/4", DATE_BAD);
	bad_case("2020-01/05", DATE_BAD);
	bad_case("32-Jan-2020", DATE_IMPOSSIBLE);

	/* dd/mm/yyyy has a fast path of its own: it must agree with the
	 * general path (dd.mm.yyyy) on every status and day, 1985..2105 */
	{
		int y, m, dd, same = 1, r1, r2;
		char b1[48], b2[48];
		struct date d1, d2;

		for (y = 1985; y <= 2105 && same; y++)
			for (m = 0; m <= 13 && same; m++)
				for (dd = 0; dd <= 32 && same; dd++) {
					snprintf(b1, sizeof b1, "%02d/%02d/%04d",
					    dd, m, y);
					snprintf(b2, sizeof b2, "%02d.%02d.%04d",
					    dd, m, y);
					memset(&d1, 0, sizeof d1);
					memset(&d2, 0, sizeof d2);
					r1 = date_parse(b1, 10, &d1, NULL);
					r2 = date_parse(b2, 10, &d2, NULL);
					if (r1 != r2 || (r1 == DATE_OK &&
					    memcmp(&d1, &d2, sizeof d1) != 0)) {
						same = 0;
						printf("#   %s: %s, %s: %s\n", b1,
						    date_strerror(r1), b2,
						    date_strerror(r2));
					}
				}
		CHECK(same, "dd/mm/yyyy and dd.mm.yyyy agree on 1985..2105, "
		    "months 0..13, days 0..32");
	}

	CHECK(date_valid(2000, 2, 29) && !date_valid(1900, 2, 29),
	    "leap years by the Gregorian rule");
	for (i = -1000; i < 100000; i += 7) {
		d = date_from_days(i);
		if (date_to_days(d) != i || !date_valid(d.y, d.m, d.d))
			break;
	}
	CHECK(i >= 100000, "date_from_days and date_to_days round-trip");
	d.y = 1970; d.m = 1; d.d = 1;
	CHECK(date_to_days(d) == 0, "epoch is day 0");
	CHECK(date_parse_iso("2023-02-30", 10, &d) == DATE_IMPOSSIBLE,
	    "date_parse_iso checks the calendar");
	return DONE();
}
