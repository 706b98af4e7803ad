/* fuzz_money: money_parse on any bytes must return a known status and,
 * when it accepts, money_fmt must print an amount that parses back to the
 * same pence.  An accepted comma stands between a run of 1-3 digits and
 * exactly three digits (a thousands separator, never a decimal comma).
 * With MONEY_DECIMAL_COMMA the same holds for a dot, and money_fmt's text
 * with a comma for its point parses back.  money_add must agree with
 * 128-bit arithmetic. */
#include <string.h>

#include "lib/money.h"
#include "fuzz.h"

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* every sep in s[0..n) has 1-3 digits before it and exactly 3 after */
static int
grouped(const char *s, size_t n, char sep)
{
	size_t i, a, b;

	for (i = 0; i < n; i++) {
		if (s[i] != sep)
			continue;
		for (a = 0; a < i && digit(s[i - 1 - a]); a++)
			;
		for (b = 0; i + 1 + b < n && digit(s[i + 1 + b]); b++)
			;
		if (a < 1 || a > 3 || b != 3)
			return 0;
	}
	return 1;
}

/* the decimal-comma reading of any bytes */
static void
decimal_comma(const char *s, size_t size)
{
	char out[MONEY_FMT_MAX];
	int64_t p = 0, back = 0;
	size_t n;
	int st;

	st = money_parse_opts(s, size, MONEY_DECIMAL_COMMA, &p);
	FUZZ_ASSERT(st >= MONEY_OK && st <= MONEY_OVERFLOW);
	if (st != MONEY_OK)
		return;
	FUZZ_ASSERT(grouped(s, size, '.'));
	n = money_fmt(out, p);
	out[n - 3] = ',';
	FUZZ_ASSERT(money_parse_opts(out, n, MONEY_DECIMAL_COMMA, &back) ==
	    MONEY_OK && back == p);
}

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
	FUZZ_ASSERT(money_why(s, size, 0, st) != NULL);
	decimal_comma(s, size);
	if (st != MONEY_OK)
		return 0;
	/* commas stop at the point or an exponent */
	{
		size_t k;

		for (k = 0; k < size && s[k] != '.' && s[k] != 'e' &&
		    s[k] != 'E'; k++)
			;
		FUZZ_ASSERT(grouped(s, k, ','));
	}
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
