/* date: calendar dates as published by councils, day first. */
#ifndef SPENDLENS_DATE_H
#define SPENDLENS_DATE_H

#include <stddef.h>

struct date {
	int	y;	/* year, e.g. 2023 */
	int	m;	/* month 1..12 */
	int	d;	/* day 1..31 */
};

enum date_precision {
	DATE_DAY = 0,
	DATE_MONTH,	/* only a month was given; d = 1 */
	DATE_QUARTER	/* only a quarter was given; the quarter's first day */
};

enum date_status {
	DATE_OK = 0,
	DATE_EMPTY,	/* blank */
	DATE_BAD,	/* not a date we know */
	DATE_IMPOSSIBLE,/* e.g. 31/02/2020 or month 13 */
	DATE_RANGE	/* year outside DATE_MIN_YEAR..DATE_MAX_YEAR */
};

#define DATE_MIN_YEAR 1990
#define DATE_MAX_YEAR 2099

/* Parse a date or a period.  Days: dd/mm/yyyy, d/m/yyyy, dd/mm/yy,
 * yyyy-mm-dd with or without a time, yyyy/mm/dd, dd-Mon-yy, dd-Mon-yyyy,
 * dd Mon yyyy, d Month yyyy, dd.mm.yyyy, Excel serial numbers (whole or
 * with a fraction).  Periods: yyyy-mm, yyyymm, mm/yyyy, Mon yyyy,
 * Month yyyy, Mon-yy, yyyy Qn, Qn yyyy, and ranges "July 2010-September
 * 2010" (a range of three months starting on a quarter is a quarter, else
 * the first month).  Two-digit years are 19yy for yy >= 90, else 20yy.
 * Never guesses: ambiguous or impossible input is an error.  Sets *prec
 * (may be NULL).  Returns a date_status. */
int	date_parse(const char *s, size_t len, struct date *out, int *prec);

const char	*date_strerror(int status);

/* 1 when y-m-d is a real calendar day, else 0. */
int	date_valid(int y, int m, int d);

/* Days since 1970-01-01 (negative before), and back. */
long		date_to_days(struct date dt);
struct date	date_from_days(long days);

/* Excel 1900-system serial to date; returns DATE_OK or DATE_RANGE. */
int	date_from_excel(long serial, struct date *out);

/* "YYYY-MM-DD" into buf (at least 11 bytes); returns 10. */
size_t	date_fmt(char *buf, struct date dt);

/* Parse exactly "YYYY-MM-DD" (canonical form); returns DATE_OK or other. */
int	date_parse_iso(const char *s, size_t len, struct date *out);

/* The month (1..12) a lower-case word names: "mar", "march", "sept";
 * else 0. */
int	date_month_word(const char *w, size_t n);

#endif
