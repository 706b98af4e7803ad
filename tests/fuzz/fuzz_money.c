/* fuzz_money: money_parse on any bytes must return a known status and,
 * when it accepts, money_fmt must print an amount that parses back to the
 * same pence.  money_add must agree with 128-bit arithmetic. */
#include <string.h>

#include "lib/money.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char out[MONEY_FMT_MAX];
	int64_t p = 0, back = 0, acc;
	size_t n;
	int st;

	st = money_parse(s, size, &p);
	FUZZ_ASSERT(st >= MONEY_OK && st <= MONEY_OVERFLOW);
	FUZZ_ASSERT(money_strerror(st) != NULL);
	if (st != MONEY_OK)
		return 0;
	n = money_fmt(out, p);
	FUZZ_ASSERT(n > 3 && n < MONEY_FMT_MAX);
	FUZZ_ASSERT(out[n] == '\0' && strlen(out) == n);
	FUZZ_ASSERT(out[n - 3] == '.');
	FUZZ_ASSERT(money_parse(out, n, &back) == MONEY_OK);
	FUZZ_ASSERT(back == p);

	/* p + p overflows exactly when the true sum leaves int64 */
	acc = p;
	{
		__int128 want = (__int128)p + p;
		int rc = money_add(&acc, p);

		if (want > INT64_MAX || want < INT64_MIN)
			FUZZ_ASSERT(rc == -1 && acc == p);
		else
			FUZZ_ASSERT(rc == 0 && acc == (int64_t)want);
	}
	return 0;
}
