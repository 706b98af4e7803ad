/* fuzz_date: date_parse on any bytes must return a known status and, when
 * it accepts, a real calendar day in range, which date_fmt prints and
 * date_parse_iso and date_parse read back unchanged; the day count must
 * round-trip through date_to_days and date_from_days. */
#include <string.h>

#include "lib/date.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct date d, back, back2;
	char iso[16];
	int prec = -1, prec2 = -1, st;
	size_t n;

	memset(&d, 0, sizeof d);
	st = date_parse(s, size, &d, &prec);
	FUZZ_ASSERT(st >= DATE_OK && st <= DATE_RANGE);
	FUZZ_ASSERT(date_strerror(st) != NULL);
	if (st != DATE_OK)
		return 0;
	FUZZ_ASSERT(prec == DATE_DAY || prec == DATE_MONTH ||
	    prec == DATE_QUARTER);
	FUZZ_ASSERT(d.y >= DATE_MIN_YEAR && d.y <= DATE_MAX_YEAR);
	FUZZ_ASSERT(date_valid(d.y, d.m, d.d));
	if (prec != DATE_DAY)
		FUZZ_ASSERT(d.d == 1);
	if (prec == DATE_QUARTER)
		FUZZ_ASSERT(d.m % 3 == 1);

	n = date_fmt(iso, d);
	FUZZ_ASSERT(n == 10 && strlen(iso) == 10);
	FUZZ_ASSERT(date_parse_iso(iso, n, &back) == DATE_OK);
	FUZZ_ASSERT(back.y == d.y && back.m == d.m && back.d == d.d);
	FUZZ_ASSERT(date_parse(iso, n, &back2, &prec2) == DATE_OK);
	FUZZ_ASSERT(prec2 == DATE_DAY);
	FUZZ_ASSERT(back2.y == d.y && back2.m == d.m && back2.d == d.d);

	back = date_from_days(date_to_days(d));
	FUZZ_ASSERT(back.y == d.y && back.m == d.m && back.d == d.d);
	back = date_from_days(date_to_days(d) + 1);
	FUZZ_ASSERT(date_valid(back.y, back.m, back.d));
	return 0;
}
