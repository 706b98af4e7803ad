/* money: amounts as int64 pence, exact from parse to print.  No floating
 * point anywhere on this path. */
#ifndef SPENDLENS_MONEY_H
#define SPENDLENS_MONEY_H

#include <stddef.h>
#include <stdint.h>

enum money_status {
	MONEY_OK = 0,
	MONEY_EMPTY,		/* nothing but spaces, currency signs or a dash */
	MONEY_BAD,		/* not a number */
	MONEY_PRECISION,	/* non-zero digits past the pence */
	MONEY_OVERFLOW,		/* beyond int64 pence */
	MONEY_ROUNDED		/* money_parse_half: a half penny rounded */
};

/* Parse a published amount into pence.  Accepts: leading/trailing spaces
 * (also NBSP), £ (UTF-8 or Windows-1252 byte 0xA3) or GBP, thousands
 * separators, a sign before or after the number (+/-), parentheses for
 * negatives, CR (credit, negative) and DR suffixes, up to two decimals
 * (more only when they are zeros), and exponent notation (1.2E+03) when the
 * result is whole pence.  Returns a money_status.
 *
 * Thousands separators are strict: a comma must stand between groups of
 * exactly three digits, after a first group of 1-3 digits not starting
 * with 0, before the decimal point ("1,234.56", "12,345,678", "-£1,234.00").
 * "1234,56", "1,23", "12,3456.00", "1,234,5", "0,50" are MONEY_BAD, never a
 * guess: money_why names the reason (a decimal comma?).  A space between
 * digits of the integer part is also taken as a thousands separator. */
int	money_parse(const char *s, size_t len, int64_t *pence);

/* Options for money_parse_opts.  MONEY_DECIMAL_COMMA: ',' is the decimal
 * point and '.', a space or a no-break space the thousands separator, each
 * strict as above ("1.234,56" is 123456 pence, "1.234" 123400, "-0,99"
 * -99; "1234.56" and "1,2,3" are MONEY_BAD).  For a column whose values
 * show a decimal comma; the caller decides, the parser never guesses. */
#define MONEY_DECIMAL_COMMA	1
int	money_parse_opts(const char *s, size_t len, int opts, int64_t *pence);

/* As money_parse, but an amount with a third decimal ("815.045",
 * "65,477.705", also "815.0450") is rounded to the penny, half to even
 * (81504, 6547770; "815.055" gives 81506), and MONEY_ROUNDED is returned
 * with *pence set.  Any other status is money_parse's. */
int	money_parse_half(const char *s, size_t len, int64_t *pence);
int	money_parse_half_opts(const char *s, size_t len, int opts,
	    int64_t *pence);

/* The reason a text failed with status under opts: a specific one when
 * there is ("comma not between groups of three digits (a decimal
 * comma?)"), else money_strerror(status). */
const char	*money_why(const char *s, size_t len, int opts, int status);
/* Human-readable reason for a status, e.g. "not a number". */
const char	*money_strerror(int status);

/* 128-bit arithmetic for sums of sums, shares and growth rates. */
__extension__ typedef __int128 money_wide;
/* num / den rounded half away from zero; den != 0. */
money_wide	money_div_round(money_wide num, money_wide den);

/* *acc += v; returns 0, or -1 on overflow (then *acc is unchanged). */
int	money_add(int64_t *acc, int64_t v);

/* Write pence as "-1234.50" (exactly two decimals) into buf, which must
 * hold MONEY_FMT_MAX bytes; returns the length. */
#define MONEY_FMT_MAX 32
size_t	money_fmt(char *buf, int64_t pence);

#endif
