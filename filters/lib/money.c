/* money: see money.h.  Parsing walks the bytes once, accumulating digits
 * into an int64 with overflow checks; no floating point. */
#include <stdint.h>
#include <string.h>

#include "money.h"

static int
is_space_at(const char *s, size_t i, size_t len, size_t *w)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f') {
		*w = 1;
		return 1;
	}
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
		*w = 2;		/* UTF-8 NBSP */
		return 1;
	}
	if (c == 0xA0) {	/* Windows-1252 NBSP */
		*w = 1;
		return 1;
	}
	return 0;
}

static int
is_pound_at(const char *s, size_t i, size_t len, size_t *w)
{
	unsigned char c = (unsigned char)s[i];

	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA3) {
		*w = 2;
		return 1;
	}
	if (c == 0xA3) {
		*w = 1;
		return 1;
	}
	if (i + 3 <= len && (memcmp(s + i, "GBP", 3) == 0 ||
	    memcmp(s + i, "gbp", 3) == 0)) {
		*w = 3;
		return 1;
	}
	return 0;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Thousands grouping: a separator must stand between groups of exactly
 * three digits, after a first group of 1-3 digits that does not start
 * with 0, in the integer part only.  g counts the digits since the last
 * separator, ng the separators seen, first the first digit. */
struct grouping {
	int g, ng;
	char first;
};

/* a separator at the current position: 0, or -1 when it breaks the rule */
static int
group_sep(struct grouping *gr)
{
	if (gr->ng == 0 ? gr->g < 1 || gr->g > 3 || gr->first == '0' :
	    gr->g != 3)
		return -1;
	gr->ng++;
	gr->g = 0;
	return 0;
}

/* the end of the integer part: 0, or -1 when the last group is short */
static int
group_end(const struct grouping *gr)
{
	return gr->ng > 0 && gr->g != 3 ? -1 : 0;
}

static const char *const why_group[2] = {
	"comma not between groups of three digits (a decimal comma?)",
	"thousands separator not between groups of three digits "
	"(the column has a decimal comma)"
};

static const char *const why_point[2][2] = {
	{ "comma after the decimal point (a decimal comma?)",
	  "two decimal points (thousands dots?)" },
	{ "two decimal commas", "dot after the decimal comma" }
};

/* The one parser: opts as money_parse_opts; *why, when not NULL, is set
 * to a specific reason for some MONEY_BAD results (else left alone). */
static int
parse(const char *s, size_t len, int opts, int64_t *pence, const char **why)
{
	size_t i = 0, w;
	int neg = 0, paren = 0, sign_seen = 0, frac = 0, dot = 0;
	int exp_neg = 0, exp_digits = 0, last_was_sep = 0, spaced = 0;
	int dc = (opts & MONEY_DECIMAL_COMMA) != 0;
	char dec = dc ? ',' : '.', sep = dc ? '.' : ',';
	struct grouping gr = { 0, 0, 0 };
	long exp = 0;
	uint64_t v = 0;		/* the number in units of 10^-frac */
	int extra_nonzero = 0;	/* digits past 2 decimals that are not 0 */
	int any = 0;

	/* the plain form most files use, "-1234.56", "1234.5", "1234", up to
	 * 15 digits: no currency, separators or spaces to look for */
	if (len > 0 && len <= 19) {
		size_t k = s[0] == '-', d0 = k;

		while (k < len && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k > d0 && k - d0 <= 15 && (k == len || (s[k] == dec &&
		    len - k >= 2 && len - k <= 3 && s[k + 1] >= '0' &&
		    s[k + 1] <= '9' && (len - k == 2 || (s[k + 2] >= '0' &&
		    s[k + 2] <= '9'))))) {
			size_t j;

			for (j = d0; j < k; j++)
				v = v * 10 + (uint64_t)(s[j] - '0');
			v *= 100;
			if (k < len) {
				v += (uint64_t)(s[k + 1] - '0') * 10;
				if (len - k == 3)
					v += (uint64_t)(s[k + 2] - '0');
			}
			*pence = d0 ? -(int64_t)v : (int64_t)v;
			return MONEY_OK;
		}
		v = 0;
	}

	/* trailing: spaces, CR/DR, minus, closing paren, currency */
	while (len > 0) {
		unsigned char c = (unsigned char)s[len - 1];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0) {
			len--;
		} else if (c == 0xA0 && len >= 2 &&
		    (unsigned char)s[len - 2] == 0xC2) {
			len -= 2;
		} else if (len >= 2 && lower(s[len - 1]) == 'r' &&
		    (lower(s[len - 2]) == 'c' || lower(s[len - 2]) == 'd') &&
		    (len == 2 || !((s[len - 3] | 32) >= 'a' &&
		    (s[len - 3] | 32) <= 'z'))) {
			if (lower(s[len - 2]) == 'c')
				neg ^= 1;
			if (sign_seen++)
				return MONEY_BAD;
			len -= 2;
		} else if (c == '-') {
			if (sign_seen++)
				return MONEY_BAD;
			neg ^= 1;
			len--;
		} else if (c == ')') {
			if (paren)
				return MONEY_BAD;
			paren = 1;
			len--;
		} else
			break;
	}
	/* leading: spaces, currency, sign, opening paren */
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (is_space_at(s, i, len, &w) || is_pound_at(s, i, len, &w)) {
			i += w;
		} else if (c == '-' || c == '+') {
			if (sign_seen++)
				return MONEY_BAD;
			if (c == '-')
				neg ^= 1;
			i++;
		} else if (c == '(') {
			if (!paren)
				return MONEY_BAD;
			paren = 2;
			i++;
		} else
			break;
	}
	if (paren == 1)
		return MONEY_BAD;
	if (paren == 2)
		neg ^= 1;
	if (i >= len)
		return MONEY_EMPTY;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9') {
			any = 1;
			last_was_sep = 0;
			if (!dot && gr.g++ == 0 && gr.ng == 0)
				gr.first = (char)c;
			if (dot && frac >= 2) {
				if (c != '0')
					extra_nonzero = 1;
				continue;
			}
			if (v > (UINT64_MAX - 9) / 10)
				return MONEY_OVERFLOW;
			v = v * 10 + (c - '0');
			if (dot)
				frac++;
		} else if (c == sep && !dot && any && !last_was_sep) {
			last_was_sep = 1;	/* thousands separator */
			if (spaced || group_sep(&gr) != 0)
				goto bad_group;
		} else if (c == dec && !dot && !last_was_sep) {
			if (group_end(&gr) != 0)
				goto bad_group;
			dot = 1;
		} else if ((c == 'e' || c == 'E') && any) {
			if (!dot && group_end(&gr) != 0)
				goto bad_group;
			i++;
			if (i < len && (s[i] == '+' || s[i] == '-')) {
				exp_neg = s[i] == '-';
				i++;
			}
			for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
				if (exp < 100)
					exp = exp * 10 + (s[i] - '0');
				exp_digits++;
			}
			if (exp_digits == 0)
				return MONEY_BAD;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i != len)
				return MONEY_BAD;
			dot = 1;	/* the integer part is done */
			break;
		} else if (((c == ' ' || c == '\t') && i + 1 < len) ||
		    (dc && ((c == 0xA0 && i + 1 < len) || (c == 0xC2 &&
		    i + 2 < len && (unsigned char)s[i + 1] == 0xA0)))) {
			/* "1 234.50": a space as thousands separator; with a
			 * decimal comma also a no-break space, and grouped */
			if (c == 0xC2)
				i++;
			if (!any || dot || s[i + 1] < '0' || s[i + 1] > '9')
				return MONEY_BAD;
			/* without a decimal comma a space is loose ("12 34"),
			 * but never mixed with grouping commas */
			if (dc ? group_sep(&gr) != 0 : gr.ng > 0)
				goto bad_group;
			spaced = !dc;
		} else {
			/* "1.234,56", "1.234.567": a decimal comma? */
			if (why != NULL && dot && (c == ',' || c == '.'))
				*why = why_point[dc][c == '.'];
			return MONEY_BAD;
		}
	}
	if (!any || last_was_sep)
		return MONEY_BAD;
	if (!dot && group_end(&gr) != 0)
		goto bad_group;
	/* scale v (10^-frac units) to pence, applying the exponent */
	{
		long scale = 2 - frac + (exp_neg ? -exp : exp);

		if (extra_nonzero)
			return MONEY_PRECISION;
		while (scale > 0) {
			if (v > UINT64_MAX / 10)
				return MONEY_OVERFLOW;
			v *= 10;
			scale--;
		}
		while (scale < 0) {
			if (v % 10 != 0)
				return MONEY_PRECISION;
			v /= 10;
			scale++;
		}
	}
	if (v > (uint64_t)INT64_MAX + (neg ? 1 : 0))
		return MONEY_OVERFLOW;
	/* negate in unsigned arithmetic: INT64_MIN has no positive twin */
	*pence = neg ? (int64_t)(0 - v) : (int64_t)v;
	return MONEY_OK;
bad_group:
	if (why != NULL)
		*why = why_group[dc];
	return MONEY_BAD;
}

int
money_parse(const char *s, size_t len, int64_t *pence)
{
	return parse(s, len, 0, pence, NULL);
}

int
money_parse_opts(const char *s, size_t len, int opts, int64_t *pence)
{
	return parse(s, len, opts, pence, NULL);
}

const char *
money_why(const char *s, size_t len, int opts, int status)
{
	const char *why = NULL;
	int64_t p;

	if (status == MONEY_BAD &&
	    parse(s, len, opts, &p, &why) == MONEY_BAD && why != NULL)
		return why;
	return money_strerror(status);
}

int
money_parse_half(const char *s, size_t len, int64_t *pence)
{
	return money_parse_half_opts(s, len, 0, pence);
}

int
money_parse_half_opts(const char *s, size_t len, int opts, int64_t *pence)
{
	char b[64];
	const char *dot;
	size_t k0, k1, k, n;
	int64_t p;
	int r = parse(s, len, opts, pence, NULL);

	if (r != MONEY_PRECISION || len >= sizeof b || (dot = memchr(s,
	    opts & MONEY_DECIMAL_COMMA ? ',' : '.', len)) == NULL)
		return r;
	k0 = (size_t)(dot - s) + 1;
	for (k1 = k0; k1 < len && s[k1] >= '0' && s[k1] <= '9'; k1++)
		;
	if (k1 - k0 < 3)
		return r;
	for (k = k0 + 3; k < k1; k++)
		if (s[k] != '0')
			return r;	/* a fourth decimal: not a half penny */
	/* the amount without its third decimal, then rounded by it */
	memcpy(b, s, k0 + 2);
	memcpy(b + k0 + 2, s + k1, len - k1);
	n = k0 + 2 + len - k1;
	if (parse(b, n, opts, &p, NULL) != MONEY_OK)
		return r;
	if (s[k0 + 2] > '5' || (s[k0 + 2] == '5' && (p & 1) != 0)) {
		if (p == INT64_MAX || p == INT64_MIN)
			return MONEY_OVERFLOW;
		int64_t sign;

		/* away from zero; the sign of "-0.006" is read from the
		 * same text with every digit a 1 */
		for (k = 0; k < n; k++)
			if (b[k] >= '0' && b[k] <= '9')
				b[k] = '1';
		if (parse(b, n, opts, &sign, NULL) != MONEY_OK)
			return r;
		p += sign < 0 ? -1 : 1;
	}
	*pence = p;
	return MONEY_ROUNDED;
}

const char *
money_strerror(int status)
{
	switch (status) {
	case MONEY_OK:
		return "ok";
	case MONEY_EMPTY:
		return "no amount";
	case MONEY_BAD:
		return "not a number";
	case MONEY_PRECISION:
		return "more than two decimal places";
	case MONEY_OVERFLOW:
		return "amount too large";
	case MONEY_ROUNDED:
		return "rounded to the penny";
	}
	return "unknown money error";
}

int
money_add(int64_t *acc, int64_t v)
{
	int64_t r;

	if (__builtin_add_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}

size_t
money_fmt(char *buf, int64_t pence)
{
	char tmp[MONEY_FMT_MAX];
	uint64_t u;
	size_t n = 0, i = 0;

	u = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	tmp[n++] = (char)('0' + u % 10);
	u /= 10;
	tmp[n++] = (char)('0' + u % 10);
	u /= 10;
	tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (pence < 0)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return i;
}

money_wide
money_div_round(money_wide num, money_wide den)
{
	int neg = (num < 0) != (den < 0);
	money_wide a = num < 0 ? -num : num, b = den < 0 ? -den : den;
	money_wide q = (2 * a + b) / (2 * b);

	return neg ? -q : q;
}
