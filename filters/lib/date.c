/* date: see date.h.  The input is split into number and word tokens; the
 * sequence of token kinds then selects the format.  Nothing is guessed:
 * a day-first reading that is impossible is an error, never re-read as
 * month-first. */
#include <string.h>

#include "date.h"

enum { T_NUM, T_WORD };

struct tok {
	int	 kind;	/* T_NUM or T_WORD */
	long	 num;	/* value of a number (saturates) */
	int	 nd;	/* digits in a number */
	int	 month;	/* 1..12 when the word is a month name, else 0 */
	int	 quarter;	/* 1..4 for "Q1".."Q4", else 0 */
	char	 sep;	/* separator before this token ('\0' at start) */
	int	 frac;	/* number had a fractional part (.nnn) */
};

#define MAXTOK 12

static const char *const mon3[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const monfull[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const skipwords[] = {
	"st", "nd", "rd", "th", "mon", "monday", "tue", "tues", "tuesday",
	"wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
	"sat", "saturday", "sun", "sunday", "of"
};

int
date_month_word(const char *w, size_t n)
{
	int i;

	if (n < 3 || n > 9)
		return 0;
	for (i = 0; i < 12; i++) {
		if (n == 3 && memcmp(w, mon3[i], 3) == 0)
			return i + 1;
		if (n > 3 && w[0] == monfull[i][0] &&
		    n == strlen(monfull[i]) && memcmp(w, monfull[i], n) == 0)
			return i + 1;
	}
	if (n == 4 && memcmp(w, "sept", 4) == 0)
		return 9;
	return 0;
}

static int
skip_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof skipwords / sizeof skipwords[0]; i++)
		if (skipwords[i][0] == w[0] && n == strlen(skipwords[i]) &&
		    memcmp(w, skipwords[i], n) == 0)
			return 1;
	return 0;
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Howard Hinnant's days_from_civil. */
long
date_to_days(struct date dt)
{
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date
date_from_days(long z)
{
	struct date dt;
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(y + (dt.m <= 2));
	return dt;
}

int
date_from_excel(long serial, struct date *out)
{
	struct date base = { 1899, 12, 30 };
	struct date dt;

	if (serial <= 60 || serial > 2958465)
		return DATE_RANGE;
	dt = date_from_days(date_to_days(base) + serial);
	if (dt.y < DATE_MIN_YEAR || dt.y > DATE_MAX_YEAR)
		return DATE_RANGE;
	*out = dt;
	return DATE_OK;
}

size_t
date_fmt(char *buf, struct date dt)
{
	int y = dt.y;

	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + dt.m / 10);
	buf[6] = (char)('0' + dt.m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dt.d / 10);
	buf[9] = (char)('0' + dt.d % 10);
	buf[10] = '\0';
	return 10;
}

static int
dig(char c)
{
	return c >= '0' && c <= '9';
}

int
date_parse_iso(const char *s, size_t len, struct date *out)
{
	struct date dt;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !dig(s[0]) ||
	    !dig(s[1]) || !dig(s[2]) || !dig(s[3]) || !dig(s[5]) ||
	    !dig(s[6]) || !dig(s[8]) || !dig(s[9]))
		return DATE_BAD;
	dt.y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	dt.m = (s[5] - '0') * 10 + (s[6] - '0');
	dt.d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!date_valid(dt.y, dt.m, dt.d))
		return DATE_IMPOSSIBLE;
	if (dt.y < DATE_MIN_YEAR || dt.y > DATE_MAX_YEAR)
		return DATE_RANGE;
	*out = dt;
	return DATE_OK;
}

static int
year_of(const struct tok *t, int *y)
{
	if (t->kind != T_NUM)
		return 0;
	if (t->nd == 4)
		*y = (int)t->num;
	else if (t->nd == 2)
		*y = (int)(t->num >= 90 ? 1900 + t->num : 2000 + t->num);
	else
		return 0;
	return 1;
}

/* Cut a trailing time ("00:00:00", "T10:00Z", "12:00 AM") off s. */
static size_t
strip_time(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	size_t i;

	if (colon == NULL)
		return len;
	i = (size_t)(colon - s);
	while (i > 0 && dig(s[i - 1]))
		i--;
	if (i > 0 && (s[i - 1] == ' ' || s[i - 1] == 'T' || s[i - 1] == 't'))
		return i - 1;
	return len;
}

/* The next token of tk, cleared, or NULL when MAXTOK are in use. */
static struct tok *
new_tok(struct tok *tk, int *n, int kind, char sep)
{
	struct tok *t;

	if (*n == MAXTOK)
		return NULL;
	t = &tk[(*n)++];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->sep = sep;
	return t;
}

static int
tokenize(const char *s, size_t len, struct tok *tk, int *ntok)
{
	size_t i = 0;
	int n = 0;
	char sep = '\0';

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (dig((char)c)) {
			struct tok *t = new_tok(tk, &n, T_NUM, sep);

			if (t == NULL)
				return -1;
			while (i < len && dig(s[i])) {
				if (t->num < 100000000L)
					t->num = t->num * 10 + (s[i] - '0');
				t->nd++;
				i++;
			}
			/* a fraction on a bare number: Excel serial time */
			if (n == 1 && i + 1 < len && s[i] == '.' && dig(s[i + 1]) &&
			    t->nd == 5) {
				i++;
				while (i < len && dig(s[i]))
					i++;
				t->frac = 1;
			}
			sep = '\0';
		} else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
			char w[16];
			size_t k = 0;

			while (i < len && (((unsigned char)s[i] | 32) >= 'a' &&
			    ((unsigned char)s[i] | 32) <= 'z')) {
				if (k < sizeof w)
					w[k] = (char)(s[i] | 32);
				k++;
				i++;
			}
			if (k > sizeof w)
				return -1;
			if (k == 1 && w[0] == 'q' && i < len && s[i] >= '1' &&
			    s[i] <= '4' && !(i + 1 < len && dig(s[i + 1]))) {
				struct tok *t = new_tok(tk, &n, T_WORD, sep);

				if (t == NULL)
					return -1;
				t->quarter = s[i] - '0';
				sep = '\0';
				i++;
				continue;
			}
			if (k == 2 && w[0] == 't' && w[1] == 'o') {
				sep = '-';	/* "July to September" */
				continue;
			}
			if (skip_word(w, k))
				continue;	/* ordinals, weekdays */
			if (date_month_word(w, k) == 0)
				return -1;
			{
				struct tok *t = new_tok(tk, &n, T_WORD, sep);

				if (t == NULL)
					return -1;
				t->month = date_month_word(w, k);
				sep = '\0';
			}
		} else if (c == '/' || c == '-' || c == '.' || c == ',' ||
		    c == ' ' || c == '\t') {
			if (sep == '\0' || sep == ' ' || sep == ',')
				sep = (char)(c == '\t' || c == ',' ? ' ' : c);
			i++;
		} else {
			return -1;
		}
	}
	*ntok = n;
	return 0;
}

static int
finish(struct date dt, int p, struct date *out, int *prec)
{
	if (!date_valid(dt.y, dt.m, dt.d))
		return DATE_IMPOSSIBLE;
	if (dt.y < DATE_MIN_YEAR || dt.y > DATE_MAX_YEAR)
		return DATE_RANGE;
	*out = dt;
	if (prec != NULL)
		*prec = p;
	return DATE_OK;
}

/* One period or day from tokens tk[0..n). */
static int
parse_tokens(const struct tok *tk, int n, struct date *out, int *prec)
{
	struct date dt = { 0, 0, 1 };
	int y;

	if (n == 1 && tk[0].kind == T_NUM) {
		long v = tk[0].num;

		if (tk[0].nd == 5) {		/* Excel serial */
			if (date_from_excel(v, &dt) != DATE_OK)
				return DATE_RANGE;
			return finish(dt, DATE_DAY, out, prec);
		}
		if (tk[0].nd == 6) {		/* yyyymm */
			dt.y = (int)(v / 100);
			dt.m = (int)(v % 100);
			return finish(dt, DATE_MONTH, out, prec);
		}
		if (tk[0].nd == 8) {		/* yyyymmdd */
			dt.y = (int)(v / 10000);
			dt.m = (int)(v / 100 % 100);
			dt.d = (int)(v % 100);
			return finish(dt, DATE_DAY, out, prec);
		}
		return DATE_BAD;
	}
	if (n == 3 && tk[0].kind == T_NUM && tk[1].kind == T_NUM &&
	    tk[2].kind == T_NUM) {
		if (tk[1].sep != tk[2].sep)
			return DATE_BAD;
		if (tk[0].nd == 4) {		/* yyyy-mm-dd */
			if (tk[1].nd > 2 || tk[2].nd > 2)
				return DATE_BAD;
			dt.y = (int)tk[0].num;
			dt.m = (int)tk[1].num;
			dt.d = (int)tk[2].num;
			return finish(dt, DATE_DAY, out, prec);
		}
		if (tk[0].nd > 2 || tk[1].nd > 2 || !year_of(&tk[2], &y))
			return DATE_BAD;
		dt.y = y;			/* day first */
		dt.m = (int)tk[1].num;
		dt.d = (int)tk[0].num;
		return finish(dt, DATE_DAY, out, prec);
	}
	if (n == 3 && tk[0].kind == T_NUM && tk[1].kind == T_WORD &&
	    tk[1].month && tk[2].kind == T_NUM) {	/* dd-Mon-yy */
		if (tk[0].nd > 2 || !year_of(&tk[2], &y))
			return DATE_BAD;
		dt.y = y;
		dt.m = tk[1].month;
		dt.d = (int)tk[0].num;
		return finish(dt, DATE_DAY, out, prec);
	}
	if (n == 3 && tk[0].kind == T_WORD && tk[0].month &&
	    tk[1].kind == T_NUM && tk[2].kind == T_NUM && tk[1].nd <= 2 &&
	    tk[2].nd == 4) {				/* January 5, 2023 */
		dt.y = (int)tk[2].num;
		dt.m = tk[0].month;
		dt.d = (int)tk[1].num;
		return finish(dt, DATE_DAY, out, prec);
	}
	if (n == 2 && tk[0].kind == T_NUM && tk[1].kind == T_NUM) {
		if (tk[0].nd == 4 && tk[1].nd <= 2 && tk[1].sep != '.') {
			dt.y = (int)tk[0].num;	/* yyyy-mm */
			dt.m = (int)tk[1].num;
			return finish(dt, DATE_MONTH, out, prec);
		}
		if (tk[0].nd <= 2 && tk[1].nd == 4) {
			dt.y = (int)tk[1].num;	/* mm/yyyy */
			dt.m = (int)tk[0].num;
			return finish(dt, DATE_MONTH, out, prec);
		}
		return DATE_BAD;
	}
	if (n == 2 && tk[0].kind == T_WORD && tk[0].month &&
	    year_of(&tk[1], &y)) {			/* Mon yyyy, Mon-yy */
		dt.y = y;
		dt.m = tk[0].month;
		return finish(dt, DATE_MONTH, out, prec);
	}
	/* quarters: yyyy Qn, Qn yyyy (calendar); Qn yyyy/yy (financial) */
	if (n >= 2 && n <= 3) {
		const struct tok *q = NULL, *yr = NULL, *yr2 = NULL;
		int i;

		for (i = 0; i < n; i++) {
			if (tk[i].kind == T_WORD && tk[i].quarter && q == NULL)
				q = &tk[i];
			else if (tk[i].kind == T_NUM && yr == NULL &&
			    tk[i].nd == 4)
				yr = &tk[i];
			else if (tk[i].kind == T_NUM && yr != NULL &&
			    yr2 == NULL && (tk[i].nd == 2 || tk[i].nd == 4) &&
			    tk[i].sep == '/')
				yr2 = &tk[i];
			else
				return DATE_BAD;
		}
		if (q == NULL || yr == NULL)
			return DATE_BAD;
		if (yr2 != NULL) {
			if ((yr2->num % 100) != (yr->num + 1) % 100)
				return DATE_BAD;
			dt.y = (int)yr->num + (q->quarter == 4);
			dt.m = q->quarter == 4 ? 1 : q->quarter * 3 + 1;
		} else {
			dt.y = (int)yr->num;
			dt.m = (q->quarter - 1) * 3 + 1;
		}
		return finish(dt, DATE_QUARTER, out, prec);
	}
	return DATE_BAD;
}

int
date_parse(const char *s, size_t len, struct date *out, int *prec)
{
	struct tok tk[MAXTOK];
	int n, i, split = -1, r, p1, p2;
	struct date a, b;

	while (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '"'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '"' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (len == 0)
		return DATE_EMPTY;
	if (len > 64)
		return DATE_BAD;
	if (len == 10 && date_parse_iso(s, len, out) == DATE_OK) {
		if (prec != NULL)
			*prec = DATE_DAY;
		return DATE_OK;
	}
	/* the commonest UK form, dd/mm/yyyy, without the tokenizer; any
	 * doubt goes down the general path, which says what is wrong */
	if (len == 10 && s[2] == '/' && s[5] == '/' && dig(s[0]) &&
	    dig(s[1]) && dig(s[3]) && dig(s[4]) && dig(s[6]) && dig(s[7]) &&
	    dig(s[8]) && dig(s[9])) {
		a.d = (s[0] - '0') * 10 + (s[1] - '0');
		a.m = (s[3] - '0') * 10 + (s[4] - '0');
		a.y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 +
		    (s[8] - '0') * 10 + (s[9] - '0');
		if (date_valid(a.y, a.m, a.d) && a.y >= DATE_MIN_YEAR &&
		    a.y <= DATE_MAX_YEAR) {
			*out = a;
			if (prec != NULL)
				*prec = DATE_DAY;
			return DATE_OK;
		}
	}
	len = strip_time(s, len);
	if (tokenize(s, len, tk, &n) != 0 || n == 0)
		return DATE_BAD;
	/* a range of two month periods: "July 2010-September 2010",
	 * "Jul - Sep 2010" */
	for (i = 1; i < n; i++)
		if (tk[i].kind == T_WORD && tk[i].month && tk[i].sep == '-')
			split = i;
	if (split > 0 && tk[0].kind == T_WORD && tk[0].month) {
		r = parse_tokens(tk + split, n - split, &b, &p2);
		if (r != DATE_OK || p2 != DATE_MONTH)
			return r != DATE_OK ? r : DATE_BAD;
		if (split == 1) {
			a.y = b.y - (tk[0].month > b.m);
			a.m = tk[0].month;
			a.d = 1;
		} else {
			r = parse_tokens(tk, split, &a, &p1);
			if (r != DATE_OK || p1 != DATE_MONTH)
				return r != DATE_OK ? r : DATE_BAD;
		}
		{
			int span = (b.y * 12 + b.m) - (a.y * 12 + a.m) + 1;

			if (span < 1)
				return DATE_BAD;
			return finish(a, span == 3 && a.m % 3 == 1 ?
			    DATE_QUARTER : DATE_MONTH, out, prec);
		}
	}
	return parse_tokens(tk, n, out, prec);
}

const char *
date_strerror(int status)
{
	switch (status) {
	case DATE_OK:
		return "ok";
	case DATE_EMPTY:
		return "no date";
	case DATE_BAD:
		return "not a date";
	case DATE_IMPOSSIBLE:
		return "impossible date";
	case DATE_RANGE:
		return "date out of range";
	}
	return "unknown date error";
}
