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
 * result is whole pence.  Returns a money_status. */
int	money_parse(const char *s, size_t len, int64_t *pence);

/* As money_parse, but an amount with a third decimal ("815.045",
 * "65,477.705", also "815.0450") is rounded to the penny, half to even
 * (81504, 6547770; "815.055" gives 81506), and MONEY_ROUNDED is returned
 * with *pence set.  Any other status is money_parse's. */
int	money_parse_half(const char *s, size_t len, int64_t *pence);
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
