/* aggregate: group records by keys and sum a money field exactly.
 *
 * Each output record holds the key fields, "count" and the sum of the
 * --sum field (default "amount") in int64 pence printed with two decimals.
 * Keys are fields or buckets of a date (fy, quarter, fq, month, year).
 * Input records that carry "count" are partial aggregates: their counts
 * and sums add, so the output is valid input again and partial results
 * merge.  Holds one entry per group: memory grows with groups, not rows.
 *
 * Speed: input is read in large blocks; the library's fast scanner
 * (rec_scan, checked mode: strings and numbers are checked as they are
 * passed) finds the wanted top-level fields of each line, and anything it
 * is unsure of (nested values, escaped keys, a wanted key twice, bad
 * syntax) goes to the full parser rec_parse, which has the last word and
 * the error message.  Groups live in the library's string map.  A
 * regular file is cut into ranges at line starts,
 * one per thread; each range but the first is summed into its own table
 * and stops at its first problem line.  The ranges are then merged in
 * input order and the rest of a stopped range is read again in order, so
 * messages, line numbers and overflow errors are exactly those of a
 * single-threaded run. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/hash.h"
#include "lib/money.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

#define MAXKEYS		8		/* --by keys */
#define MAXGROUPS	24		/* --by options */
#define MAXWANT		40		/* fields read from each record */
#define MAXTHREADS	16
#define BLOCK		(1 << 20)	/* bytes per read */
#define MINPAR		((off_t)1 << 20)	/* smallest file read in parallel */

__extension__ typedef __int128 wide;	/* sums of sums, shares, growth */

enum bucket { B_FIELD = 0, B_FY, B_QUARTER, B_FQ, B_MONTH, B_YEAR };
static const char *const bucket_names[] = {
	"", "fy", "quarter", "fq", "month", "year"
};

enum span { SP_MONTH, SP_QUARTER, SP_FY, SP_YEAR };

struct period {
	int	y;		/* year of the first month */
	int	m;		/* first month, 1..12 */
	int	span;		/* enum span: how much is known */
};

enum vtype { V_MISSING = 0, V_NULL, V_STR, V_ESC, V_NUM, V_LIT, V_RAW };

struct val {
	const char	*p;	/* string contents, or raw JSON text */
	size_t		 len;
	int		 type;	/* enum vtype; V_ESC: string with escapes */
};

struct keyspec {
	char	*name;		/* output field name, e.g. "fy(end)" */
	int	 bucket;	/* enum bucket, B_FIELD for a plain field */
	int	 src;		/* wanted index of the field or date field */
	int	 alt[4];	/* wanted indexes of label fields, -1 unused */
	int	 altb[4];	/* the bucket each alt[] field holds */
};

enum format { F_JSON, F_TSV, F_CSV };

struct grouping {
	struct keyspec	 key[MAXKEYS];	/* one --by list */
	int		 nkeys;		/* 0: one grand total */
	char		*name;		/* the list without spaces: with -o,
					   the output file's name */
};

struct opts {
	struct grouping	 grp[MAXGROUPS];	/* every --by, in order */
	int		 ngrp;
	const struct grouping *by;	/* the grouping being written */
	FILE		*out;		/* where it goes */
	const char	*dir;		/* -o: one file per grouping there */
	const char	*sum;		/* --sum field */
	long long	 top;		/* --top N, 0 when off */
	int		 share;		/* --share */
	int		 growth;	/* --growth */
	int		 format;	/* enum format */
	int		 verbose;	/* -v */
	int		 threads;	/* -j */
	char		*want[MAXWANT];	/* field names looked up */
	size_t		 wlen[MAXWANT];
	int		 nwant;
	uint64_t	 lenmask;	/* bit n: a wanted name has length n */
	int		 wsum;		/* wanted index of the sum field */
	int		 wcount;	/* wanted index of "count" */
};

struct group {
	const char	*key;	/* encoded key (see key_add), in the map */
	size_t		 klen;
	int64_t		 count;	/* records (sum of counts) */
	int64_t		 sum;	/* pence */
	int64_t		 lo;	/* lowest running sum (parallel ranges) */
	int64_t		 hi;	/* highest running sum (parallel ranges) */
};

struct table {
	struct strmap	 map;	/* encoded key -> index in g */
	struct group	*g;	/* groups in order of arrival */
	size_t		 n, cap;
};

struct worker {
	const struct opts	*o;
	struct table		 t[MAXGROUPS];	/* this range's groups,
						   one table per --by */
	const char		*file;	/* display name */
	long			 line;	/* lines read (main: of the file) */
	int			 stop_mode;	/* stop at a problem, quietly */
	int			 fd;	/* input of a parallel range */
	off_t			 from, to;	/* its bytes */
	off_t			 stop;	/* where it stopped, -1 at the end */
	struct val		 v[MAXWANT];	/* the current record's fields */
	struct buf		 kbuf[MAXGROUPS];	/* encoded keys of the
						   current record */
	struct buf		 tmp;	/* decoded strings */
	struct rec		 rec;	/* for the full parser */
	char			*buf;	/* input block */
	size_t			 cap;
	long long		 records;	/* record lines seen */
	long long		 rejects;	/* of them rejected */
	long long		 nulls;	/* with a null key */
	long long		 missing;	/* rejected: no sum field (one
					 * summary line, not one per record) */
	long long		 baddates;	/* with a date we cannot bucket */
};

/* --- groups ------------------------------------------------------------
 * The groups of one --by list: the library's string map from encoded key
 * to the group's place in an array kept in order of arrival. */

static void
table_init(struct table *t)
{
	memset(t, 0, sizeof *t);
	strmap_init(&t->map);
}

static void
table_free(struct table *t)
{
	strmap_free(&t->map);
	free(t->g);
	memset(t, 0, sizeof *t);
}

/* The group of encoded key k[0..n), or NULL.  Pointers into t are valid
 * until the next table_add. */
static struct group *
table_find(struct table *t, const char *k, size_t n)
{
	const struct strmap_entry *e = strmap_get(&t->map, k, n, 0);

	return e != NULL ? &t->g[e->num] : NULL;
}

/* A new zeroed group for key k[0..n) (table_find said it is absent). */
static struct group *
table_add(struct table *t, const char *k, size_t n)
{
	struct strmap_entry *e = strmap_get(&t->map, k, n, 1);
	struct group *g;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->g = ereallocarray(t->g, t->cap, sizeof *t->g);
	}
	e->num = (long long)t->n;
	g = &t->g[t->n++];
	memset(g, 0, sizeof *g);
	g->key = e->key;
	g->klen = n;
	return g;
}

/* 1 when the groups of b can be added to a without a running sum or a
 * count leaving int64: b's lowest and highest running sums are checked
 * against a's totals, which is what a single pass in order would see. */
static int
merge_ok(struct table *a, const struct table *b)
{
	const struct group *gb, *ga;
	int64_t x;
	size_t i;

	for (i = 0; i < b->n; i++) {
		gb = &b->g[i];
		ga = table_find(a, gb->key, gb->klen);
		if (ga == NULL)
			continue;
		if (__builtin_add_overflow(ga->sum, gb->lo, &x) ||
		    __builtin_add_overflow(ga->sum, gb->hi, &x) ||
		    __builtin_add_overflow(ga->count, gb->count, &x))
			return 0;
	}
	return 1;
}

/* Add b's groups into a (merge_ok said it is safe), in b's order. */
static void
merge(struct table *a, const struct table *b)
{
	const struct group *gb;
	struct group *ga;
	size_t i;

	for (i = 0; i < b->n; i++) {
		gb = &b->g[i];
		ga = table_find(a, gb->key, gb->klen);
		if (ga == NULL)
			ga = table_add(a, gb->key, gb->klen);
		ga->sum += gb->sum;
		ga->count += gb->count;
	}
}

/* --- keys ---------------------------------------------------------------
 * An encoded key is its components in --by order, each a tag byte ('s' a
 * string, 'r' raw JSON text of a number or literal, 'n' null), a 4-byte
 * length and the bytes. */

static void
key_add(struct buf *b, int tag, const char *s, size_t n)
{
	uint32_t len = (uint32_t)n;

	if (n > UINT32_MAX)
		die("key too long");
	buf_grow(b, 5 + n);
	b->p[b->len] = (char)tag;
	memcpy(b->p + b->len + 1, &len, 4);
	if (n > 0)
		memcpy(b->p + b->len + 5, s, n);
	b->len += 5 + n;
	b->p[b->len] = '\0';
}

/* Read the component at *p of an encoded key and advance *p. */
static int
key_next(const char **p, const char **s, size_t *n)
{
	uint32_t len;
	int tag = (unsigned char)**p;

	memcpy(&len, *p + 1, 4);
	*s = *p + 5;
	*n = len;
	*p += 5 + len;
	return tag;
}

/* Order of encoded keys: component by component, bytewise, null last; a
 * string before raw JSON text with the same bytes. */
static int
key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	const char *ae = a + an, *be = b + bn, *as, *bs;
	size_t al, bl;
	int at, bt, c;

	while (a < ae && b < be) {
		at = key_next(&a, &as, &al);
		bt = key_next(&b, &bs, &bl);
		if ((at == 'n') != (bt == 'n'))
			return at == 'n' ? 1 : -1;
		if (at == 'n')
			continue;
		c = memcmp(as, bs, al < bl ? al : bl);
		if (c != 0)
			return c;
		if (al != bl)
			return al < bl ? -1 : 1;
		if (at != bt)
			return at == 's' ? -1 : 1;
	}
	return 0;
}

/* Length of the first component of an encoded key. */
static size_t
key_first_len(const char *k, size_t n)
{
	uint32_t len;

	if (n < 5)
		return 0;
	memcpy(&len, k + 1, 4);
	return 5 + (size_t)len;
}

/* --- periods ----------------------------------------------------------- */

static int
digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Parse a canonical date "YYYY-MM-DD" into a month period; 1 when it is
 * a real day, else 0. */
static int
parse_date(const char *s, size_t n, struct period *pd)
{
	static const char mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))
		return 0;
	pd->y = y;
	pd->m = m;
	pd->span = SP_MONTH;
	return 1;
}

/* Parse a bucket label as aggregate writes it ("2023-24", "2023Q2",
 * "2023-24 Q1", "2023-04", "2023") into the period it names; 1 on
 * success, 0 when s is not such a label. */
static int
parse_label(int bucket, const char *s, size_t n, struct period *pd)
{
	int y, a, q;

	y = n >= 4 ? digits(s, 4) : -1;
	if (y < 0)
		return 0;
	switch (bucket) {
	case B_MONTH:
		if (n != 7 || s[4] != '-' || (a = digits(s + 5, 2)) < 1 ||
		    a > 12)
			return 0;
		*pd = (struct period){ y, a, SP_MONTH };
		return 1;
	case B_QUARTER:
		if (n != 6 || s[4] != 'Q' || (q = digits(s + 5, 1)) < 1 ||
		    q > 4)
			return 0;
		*pd = (struct period){ y, 3 * q - 2, SP_QUARTER };
		return 1;
	case B_FY:
	case B_FQ:
		if (n < 7 || s[4] != '-' || digits(s + 5, 2) != (y + 1) % 100)
			return 0;
		if (bucket == B_FY) {
			if (n != 7)
				return 0;
			*pd = (struct period){ y, 4, SP_FY };
			return 1;
		}
		if (n != 10 || s[7] != ' ' || s[8] != 'Q' ||
		    (q = digits(s + 9, 1)) < 1 || q > 4)
			return 0;
		if (q == 4)
			*pd = (struct period){ y + 1, 1, SP_QUARTER };
		else
			*pd = (struct period){ y, 3 * q + 1, SP_QUARTER };
		return 1;
	case B_YEAR:
		if (n != 4)
			return 0;
		*pd = (struct period){ y, 1, SP_YEAR };
		return 1;
	}
	return 0;
}

static char *
put_num(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* Write the label of period pd in bucket into out (16 bytes); returns its
 * length, or 0 when pd is too coarse for the bucket. */
static size_t
bucket_label(int bucket, struct period pd, char *out)
{
	char *p = out;
	int fy = pd.m >= 4 ? pd.y : pd.y - 1;

	if (pd.y < 0 || pd.y > 9998)
		return 0;
	switch (bucket) {
	case B_MONTH:
		if (pd.span != SP_MONTH)
			return 0;
		p = put_num(p, pd.y, 4);
		*p++ = '-';
		p = put_num(p, pd.m, 2);
		break;
	case B_QUARTER:
		if (pd.span > SP_QUARTER)
			return 0;
		p = put_num(p, pd.y, 4);
		*p++ = 'Q';
		p = put_num(p, (pd.m - 1) / 3 + 1, 1);
		break;
	case B_FQ:
	case B_FY:
		if (pd.span > SP_FY || (bucket == B_FQ && pd.span == SP_FY) ||
		    fy < 0)
			return 0;
		p = put_num(p, fy, 4);
		*p++ = '-';
		p = put_num(p, (fy + 1) % 100, 2);
		if (bucket == B_FQ) {
			*p++ = ' ';
			*p++ = 'Q';
			p = put_num(p, (pd.m + 8) % 12 / 3 + 1, 1);
		}
		break;
	case B_YEAR:
		if (pd.span == SP_FY)
			return 0;
		p = put_num(p, pd.y, 4);
		break;
	default:
		return 0;
	}
	return (size_t)(p - out);
}

/* The period before pd in bucket's steps. */
static struct period
period_prev(int bucket, struct period pd)
{
	int step = bucket == B_MONTH ? 1 : bucket == B_QUARTER ||
	    bucket == B_FQ ? 3 : 12;

	pd.m -= step;
	while (pd.m < 1) {
		pd.m += 12;
		pd.y--;
	}
	return pd;
}

/* --- reading ----------------------------------------------------------- */

#define ISDIGIT(c) ((c) >= '0' && (c) <= '9')

/* The kind of the raw JSON value s[0..n) into v; esc says whether a
 * string holds an escape (-1: not known, look). */
static void
classify(struct val *v, const char *s, size_t n, int esc)
{
	v->p = s;
	v->len = n;
	switch (s[0]) {
	case '"':
		v->p = s + 1;
		v->len = n - 2;
		if (esc < 0)
			esc = memchr(v->p, '\\', v->len) != NULL;
		v->type = esc ? V_ESC : V_STR;
		break;
	case 'n':
		v->type = V_NULL;
		break;
	case 't':
	case 'f':
		v->type = V_LIT;
		break;
	case '{':
	case '[':
		v->type = V_RAW;
		break;
	default:
		v->type = V_NUM;
		break;
	}
}

/* The wanted index of the key k[0..klen), or -1. */
static inline int
wanted(const struct opts *o, const char *k, size_t klen)
{
	int i;

	if (klen == 0 || !(o->lenmask >> (klen < 63 ? klen : 63) & 1))
		return -1;
	for (i = 0; i < o->nwant; i++)
		if (o->wlen[i] == klen && o->want[i][0] == k[0] &&
		    o->want[i][klen - 1] == k[klen - 1] &&
		    memcmp(o->want[i], k, klen) == 0)
			return i;
	return -1;
}

/* Read the line p[0..n) with the library's scanner in checked mode,
 * filling w->v for the wanted keys.  Returns 1, or 0 when the full
 * parser must decide: not an object or malformed, an escaped key, a
 * nested value (rec_parse checks its insides) or a wanted key seen
 * twice. */
static int
scan_line(struct worker *w, const char *p, size_t n)
{
	const struct opts *o = w->o;
	struct rec_scan sc;
	struct rec_member m;
	int i, r;

	for (i = 0; i < o->nwant; i++)
		w->v[i].type = V_MISSING;
	if (rec_scan_begin(&sc, p, n) != 0)
		return 0;
	sc.check = 1;
	while ((r = rec_scan_next(&sc, &m)) > 0) {
		if ((m.esc & REC_ESC_KEY) || m.val[0] == '{' || m.val[0] == '[')
			return 0;
		if ((i = wanted(o, m.key, m.klen)) < 0)
			continue;
		if (w->v[i].type != V_MISSING)
			return 0;
		classify(&w->v[i], m.val, m.vlen, (m.esc & REC_ESC_VAL) != 0);
	}
	return r == 0;
}

/* Report a problem with the current line.  In stop mode say nothing and
 * return 1 (the range stops here).  Otherwise a fatal problem ends the
 * program, and a reject is printed and counted; returns 0. */
static int
problem(struct worker *w, int fatal, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (w->stop_mode)
		return 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (fatal)
		die_at(w->file, w->line, "%s", msg);
	fflush(stdout);
	fprintf(stderr, "%s: %s:%ld: %s\n", progname(), w->file, w->line,
	    msg);
	w->rejects++;
	return 0;
}

/* Parse the pence of a JSON number with at most two decimals and no
 * exponent; 0 on success, 1 when it is beyond int64 pence, -1 when
 * money_parse must decide.  Digits are accumulated downwards so that
 * INT64_MIN pence, which money_fmt writes, reads back. */
static int
pence_fast(const char *s, size_t n, int64_t *out)
{
	const char *e = s + n;
	int64_t v = 0;
	int neg = 0, nd = 0, nf = 0, over = 0;

	if (s < e && *s == '-')
		neg = 1, s++;
	for (; s < e && ISDIGIT(*s); s++, nd++)
		over |= __builtin_mul_overflow(v, 10, &v) |
		    __builtin_sub_overflow(v, *s - '0', &v);
	if (s < e && *s == '.')
		for (s++; s < e && ISDIGIT(*s) && nf < 3; s++, nf++)
			over |= __builtin_mul_overflow(v, 10, &v) |
			    __builtin_sub_overflow(v, *s - '0', &v);
	if (nd == 0 || s != e || nf > 2)
		return -1;
	for (; nf < 2; nf++)
		over |= __builtin_mul_overflow(v, 10, &v);
	if (!neg)
		over |= __builtin_sub_overflow(0, v, &v);
	if (over)
		return 1;
	*out = v;
	return 0;
}

/* Build the key component of keyspec k from the current record into
 * kb.  Returns 1 when it is null, 0 when set, -1 on a bad string. */
static int
key_component(struct worker *w, struct buf *kb, const struct keyspec *k,
    int *baddate)
{
	const struct val *v = &w->v[k->src];
	struct period pd;
	char lab[16];
	size_t n;
	int i, got = 0;

	if (k->bucket == B_FIELD) {
		switch (v->type) {
		case V_STR:
			key_add(kb, 's', v->p, v->len);
			return 0;
		case V_ESC:
			buf_reset(&w->tmp);
			if (json_str_decode(v->p - 1, v->len + 2, &w->tmp) != 0)
				return -1;
			key_add(kb, 's', w->tmp.p, w->tmp.len);
			return 0;
		case V_NUM:
		case V_LIT:
		case V_RAW:
			key_add(kb, 'r', v->p, v->len);
			return 0;
		}
		key_add(kb, 'n', NULL, 0);
		return 1;
	}
	if (v->type != V_MISSING && v->type != V_NULL) {
		if (v->type == V_STR && parse_date(v->p, v->len, &pd))
			got = 1;
		else
			*baddate = 1;
	} else {
		for (i = 0; i < 4 && k->alt[i] >= 0 && !got; i++) {
			v = &w->v[k->alt[i]];
			if ((v->type == V_STR || (v->type == V_NUM &&
			    k->altb[i] == B_YEAR)) &&
			    parse_label(k->altb[i], v->p, v->len, &pd))
				got = 1;
			else if (v->type != V_MISSING && v->type != V_NULL)
				*baddate = 1;
		}
	}
	if (got && (n = bucket_label(k->bucket, pd, lab)) > 0) {
		key_add(kb, 's', lab, n);
		return 0;
	}
	key_add(kb, 'n', NULL, 0);
	return 1;
}

/* 1 when every string component of an encoded key is valid UTF-8. */
static int
key_utf8(const char *k, size_t n)
{
	const char *e = k + n, *s;
	size_t len;

	while (k < e)
		if (key_next(&k, &s, &len) == 's' && !utf8_valid(s, len))
			return 0;
	return 1;
}

static int
shown(size_t n)
{
	return n > 60 ? 60 : (int)n;
}

/* Add the record in w->v to the groups.  Returns 0 when the line is done
 * with (added or rejected), 1 when a stop-mode range must stop here. */
static int
add_record(struct worker *w)
{
	const struct opts *o = w->o;
	const struct val *a = &w->v[o->wsum], *c = &w->v[o->wcount];
	const struct grouping *gp;
	const char *q;
	struct group *g[MAXGROUPS];
	struct buf *kb;
	int64_t pence, cnt = 1, x, y;
	int i, j, r, null = 0, baddate = 0, st;

	if (a->type == V_MISSING || a->type == V_NULL) {
		/* common in mixed input (payments have no value): counted
		 * and summarised at the end rather than told per line */
		w->missing++;
		w->rejects++;
		return 0;
	}
	q = a->type == V_STR || a->type == V_ESC ? "\"" : "";
	if (a->type != V_NUM)
		return problem(w, 0, "%s is not a number: %s%.*s%s", o->sum,
		    q, shown(a->len), a->p, q);
	if ((st = pence_fast(a->p, a->len, &pence)) > 0)
		return problem(w, 1, "%s %.*s is beyond int64 pence", o->sum,
		    shown(a->len), a->p);
	if (st < 0 && (st = money_parse(a->p, a->len, &pence)) != MONEY_OK)
		return problem(w, st == MONEY_OVERFLOW, "%s %.*s: %s", o->sum,
		    shown(a->len), a->p, money_strerror(st));
	if (c->type != V_MISSING) {
		q = c->type == V_STR || c->type == V_ESC ? "\"" : "";
		cnt = 0;
		for (i = 0; c->type == V_NUM && i < (int)c->len &&
		    ISDIGIT(c->p[i]); i++)
			if (__builtin_mul_overflow(cnt, 10, &cnt) ||
			    __builtin_add_overflow(cnt, c->p[i] - '0', &cnt))
				return problem(w, 1, "count %.*s is beyond "
				    "int64", shown(c->len), c->p);
		if (c->type != V_NUM || i == 0 || i != (int)c->len)
			return problem(w, 0, "count is not a whole number: "
			    "%s%.*s%s", q, shown(c->len), c->p, q);
	}
	/* every grouping's key is made and checked before any group
	 * changes, so a record is added to all of them or to none */
	for (j = 0; j < o->ngrp; j++) {
		gp = &o->grp[j];
		kb = &w->kbuf[j];
		buf_reset(kb);
		for (i = 0; i < gp->nkeys; i++) {
			if ((r = key_component(w, kb, &gp->key[i],
			    &baddate)) < 0)
				return problem(w, 1, "%s: bad string",
				    gp->key[i].name);
			null |= r;
		}
		g[j] = table_find(&w->t[j], kb->p, kb->len);
		if (g[j] == NULL) {
			if (!key_utf8(kb->p, kb->len))
				return problem(w, 1, "key is not valid UTF-8");
			continue;
		}
		if (__builtin_add_overflow(g[j]->count, cnt, &x))
			return problem(w, 1, "count of this group is beyond "
			    "int64");
		if (__builtin_add_overflow(g[j]->sum, pence, &y))
			return problem(w, 1, "sum of %s of this group is "
			    "beyond int64 pence", o->sum);
	}
	for (j = 0; j < o->ngrp; j++) {
		if (g[j] == NULL) {
			g[j] = table_add(&w->t[j], w->kbuf[j].p,
			    w->kbuf[j].len);
			g[j]->sum = pence;
			g[j]->count = cnt;
		} else {
			g[j]->count += cnt;
			g[j]->sum += pence;
		}
		if (g[j]->sum < g[j]->lo)
			g[j]->lo = g[j]->sum;
		if (g[j]->sum > g[j]->hi)
			g[j]->hi = g[j]->sum;
	}
	w->records++;
	w->nulls += null;
	w->baddates += baddate;
	return 0;
}

/* Give the line [p, e) to the full parser and fill w->v from it.
 * Returns 0, or 1 in stop mode for a line that is not JSON (otherwise
 * that ends the program). */
static int
slow_line(struct worker *w, const char *p, const char *e)
{
	const struct rec_field *f;
	char err[256];
	int i;

	if (rec_parse(&w->rec, p, (size_t)(e - p), err, sizeof err) != 0)
		return problem(w, 1, "%s", err);
	for (i = 0; i < w->o->nwant; i++) {
		f = rec_get(&w->rec, w->o->want[i]);
		if (f == NULL)
			w->v[i].type = V_MISSING;
		else
			classify(&w->v[i], f->val, f->vlen, -1);
	}
	return 0;
}

/* Add the lines in [p, end); the last may lack its newline.  Returns end,
 * or in stop mode the start of the line that stopped it. */
static const char *
process_block(struct worker *w, const char *p, const char *end)
{
	const char *nl, *e, *q;

	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		e = nl != NULL ? nl : end;
		w->line++;
		for (q = p; q < e && (*q == ' ' || *q == '\t' || *q == '\r');
		    q++)
			;
		if (q == e)
			continue;
		if ((!scan_line(w, p, (size_t)(e - p)) &&
		    slow_line(w, p, e) != 0) || add_record(w) != 0) {
			w->line--;
			return p;
		}
	}
	return end;
}

/* Add the lines of fd from offset off up to lim with pread(2), or, when
 * lim < 0, all that read(2) gives.  Returns -1 at the end, or in stop mode
 * the offset of the line that stopped it. */
static off_t
run_range(struct worker *w, int fd, off_t off, off_t lim)
{
	const char *cut, *stop, *end;
	size_t have = 0, room;
	ssize_t n;

	if (w->buf == NULL) {
		w->cap = BLOCK;
		w->buf = emalloc(w->cap);
	}
	for (;;) {
		if (have == w->cap) {
			w->cap *= 2;
			w->buf = erealloc(w->buf, w->cap);
		}
		room = w->cap - have;
		if (lim >= 0 && (off_t)room > lim - off)
			room = (size_t)(lim - off);
		if (room == 0)
			n = 0;
		else if (lim >= 0)
			n = pread(fd, w->buf + have, room, off);
		else
			n = read(fd, w->buf + have, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("%s: %s", w->file, strerror(errno));
		}
		off += n;
		have += (size_t)n;
		end = w->buf + have;
		if (n == 0)
			cut = end;
		else if ((cut = memrchr(w->buf, '\n', have)) == NULL)
			continue;
		else
			cut++;
		stop = process_block(w, w->buf, cut);
		if (stop != cut)
			return off - (off_t)have + (stop - w->buf);
		if (n == 0)
			return -1;
		have = (size_t)(end - cut);
		memmove(w->buf, cut, have);
	}
}

static void *
range_thread(void *arg)
{
	struct worker *w = arg;

	w->stop = run_range(w, w->fd, w->from, w->to);
	return NULL;
}

/* Offset of the first line that starts at or after pos. */
static off_t
line_after(int fd, off_t pos, off_t size)
{
	char b[1 << 16];
	ssize_t n, i;

	if (pos <= 0)
		return 0;
	for (pos--; pos < size; pos += n) {
		n = pread(fd, b, sizeof b, pos);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++)
			if (b[i] == '\n')
				return pos + i + 1;
	}
	return size;
}

static void
worker_init(struct worker *w, const struct opts *o)
{
	int i;

	memset(w, 0, sizeof *w);
	w->o = o;
	for (i = 0; i < o->ngrp; i++) {
		table_init(&w->t[i]);
		buf_grow(&w->kbuf[i], 256);	/* never NULL, even for
						   no keys */
	}
	rec_init(&w->rec);
}

static void
worker_free(struct worker *w)
{
	int i;

	for (i = 0; i < w->o->ngrp; i++) {
		table_free(&w->t[i]);
		buf_free(&w->kbuf[i]);
	}
	rec_free(&w->rec);
	buf_free(&w->tmp);
	free(w->buf);
}

/* 1 when every grouping of v can be merged into w's (see merge_ok). */
static int
merge_all_ok(struct worker *w, const struct worker *v)
{
	int j;

	for (j = 0; j < w->o->ngrp; j++)
		if (!merge_ok(&w->t[j], &v->t[j]))
			return 0;
	return 1;
}

/* Add one input file to w's groups, in parallel ranges when it is a big
 * regular file. */
static void
run_file(struct worker *w, const char *path)
{
	struct worker *ws;
	pthread_t tid[MAXTHREADS];
	off_t cut[MAXTHREADS + 1], base, s;
	struct stat sb;
	int fd, i, j, nth = w->o->threads;

	w->file = input_name(path);
	w->line = 0;
	if (path == NULL || strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY)) < 0)
		die("%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (base = lseek(fd, 0, SEEK_CUR)) < 0 ||
	    sb.st_size - base < MINPAR * (nth > 1) || nth < 2) {
		run_range(w, fd, 0, -1);
		goto done;
	}
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(fd, base, 0, POSIX_FADV_SEQUENTIAL);
#endif
	cut[0] = base;
	for (i = 1; i < nth; i++) {
		cut[i] = line_after(fd, base + (sb.st_size - base) / nth * i,
		    sb.st_size);
		if (cut[i] < cut[i - 1])
			cut[i] = cut[i - 1];
	}
	cut[nth] = sb.st_size;
	ws = ecalloc((size_t)nth, sizeof *ws);
	for (i = 1; i < nth; i++) {
		worker_init(&ws[i], w->o);
		ws[i].file = w->file;
		ws[i].stop_mode = 1;
		ws[i].fd = fd;
		ws[i].from = cut[i];
		ws[i].to = cut[i + 1];
		if ((errno = pthread_create(&tid[i], NULL, range_thread,
		    &ws[i])) != 0)
			die("cannot start a thread: %s", strerror(errno));
	}
	run_range(w, fd, cut[0], cut[1]);
	for (i = 1; i < nth; i++) {
		pthread_join(tid[i], NULL);
		if (merge_all_ok(w, &ws[i])) {
			for (j = 0; j < w->o->ngrp; j++)
				merge(&w->t[j], &ws[i].t[j]);
			w->line += ws[i].line;
			w->records += ws[i].records;
			w->rejects += ws[i].rejects;
			w->missing += ws[i].missing;
			w->nulls += ws[i].nulls;
			w->baddates += ws[i].baddates;
			s = ws[i].stop;
		} else
			s = cut[i];
		if (s >= 0)
			run_range(w, fd, s, cut[i + 1]);
		worker_free(&ws[i]);
	}
	free(ws);
	/* a regular stdin is left where a single reader would leave it */
	if (fd == 0)
		lseek(fd, sb.st_size, SEEK_SET);
done:
	if (fd != 0)
		close(fd);
}

/* --- output ------------------------------------------------------------ */

struct row {
	const char	*key;	/* encoded key */
	size_t		 klen;
	int64_t		 count;
	int64_t		 sum;
	long long	 groups;	/* groups in the row */
	int		 other;	/* an other row of folded groups */
};

struct extra {
	int		 has_share, has_growth;
	wide		 share;	/* hundredths of a percent */
	wide		 growth;	/* hundredths of a percent */
};

static int
cmp_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return key_cmp(x->key, x->klen, y->key, y->klen);
}

static int
cmp_top(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->sum != y->sum)
		return x->sum > y->sum ? -1 : 1;
	return key_cmp(x->key, x->klen, y->key, y->klen);
}

/* Write v hundredths as "-12.34"; buf holds 48 bytes; returns the length. */
static size_t
fmt_hundredths(char *buf, wide v)
{
	char tmp[48];
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v :
	    (unsigned __int128)v;
	size_t n = 0, i = 0;

	do {
		if (n == 2)
			tmp[n++] = '.';
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u != 0 || n < 4);
	if (v < 0)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return i;
}

/* 1 when s is a plain decimal number, which CSV leaves as it is. */
static int
pure_number(const char *s, size_t n)
{
	size_t i = 0, d = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && ISDIGIT(s[i]); i++)
		d++;
	if (d > 0 && i < n && s[i] == '.') {
		for (i++, d = 0; i < n && ISDIGIT(s[i]); i++)
			d++;
	}
	return d > 0 && i == n;
}

/* Append one cell of the output format (string when str, else a number
 * or, with s == NULL, a null) to b. */
static void
put_cell(struct buf *b, int format, const char *s, size_t n, int str)
{
	size_t i;

	if (s == NULL) {
		if (format == F_JSON)
			buf_add(b, "null", 4);
		return;
	}
	if (format == F_JSON) {
		if (!str) {
			buf_add(b, s, n);
			return;
		}
		buf_addc(b, '"');
		json_escape(b, s, n);
		buf_addc(b, '"');
	} else if (format == F_TSV) {
		for (i = 0; i < n; i++)
			buf_addc(b, s[i] == '\t' || s[i] == '\n' ||
			    s[i] == '\r' ? ' ' : s[i]);
	} else {
		int quote = 0, lead = n > 0 && (s[0] == '=' || s[0] == '+' ||
		    s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		    s[0] == '\r') && !pure_number(s, n);

		for (i = 0; i < n && !quote; i++)
			quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
			    s[i] == '\r';
		if (quote)
			buf_addc(b, '"');
		if (lead)
			buf_addc(b, '\'');
		for (i = 0; i < n; i++) {
			if (s[i] == '"')
				buf_addc(b, '"');
			buf_addc(b, s[i]);
		}
		if (quote)
			buf_addc(b, '"');
	}
}

/* Append a field separator and, for JSON, the field's name. */
static void
put_name(struct buf *b, int format, int first, const char *name)
{
	if (format == F_JSON) {
		buf_adds(b, first ? "{\"" : ",\"");
		json_escape(b, name, strlen(name));
		buf_add(b, "\":", 2);
	} else if (!first)
		buf_addc(b, format == F_TSV ? '\t' : ',');
}

static void
put_header(struct buf *b, const struct opts *o)
{
	const char *extra[] = { "count", o->sum, o->top ? "groups" : NULL,
	    o->share ? "share" : NULL, o->growth ? "growth" : NULL };
	int i, first = 1;

	for (i = 0; i < o->by->nkeys; i++, first = 0) {
		put_name(b, o->format, first, NULL);
		put_cell(b, o->format, o->by->key[i].name,
		    strlen(o->by->key[i].name), 1);
	}
	for (i = 0; i < 5; i++) {
		if (extra[i] == NULL)
			continue;
		put_name(b, o->format, first, NULL);
		put_cell(b, o->format, extra[i], strlen(extra[i]), 1);
		first = 0;
	}
	buf_adds(b, o->format == F_CSV ? "\r\n" : "\n");
}

static void
put_row(struct buf *b, const struct opts *o, const struct row *r,
    const struct extra *x)
{
	const char *k = r->key, *s;
	char num[64];
	size_t n;
	int i, tag;

	for (i = 0; i < o->by->nkeys; i++) {
		tag = key_next(&k, &s, &n);
		put_name(b, o->format, i == 0, o->by->key[i].name);
		put_cell(b, o->format, tag == 'n' ? NULL : s, n, tag == 's');
	}
	put_name(b, o->format, o->by->nkeys == 0, "count");
	n = (size_t)snprintf(num, sizeof num, "%lld", (long long)r->count);
	put_cell(b, o->format, num, n, 0);
	put_name(b, o->format, 0, o->sum);
	n = money_fmt(num, r->sum);
	put_cell(b, o->format, num, n, 0);
	if (o->top && (r->other || o->format != F_JSON)) {
		put_name(b, o->format, 0, "groups");
		n = (size_t)snprintf(num, sizeof num, "%lld", r->groups);
		put_cell(b, o->format, num, n, 0);
	}
	if (o->share) {
		put_name(b, o->format, 0, "share");
		n = fmt_hundredths(num, x->share);
		put_cell(b, o->format, x->has_share ? num : NULL, n, 0);
	}
	if (o->growth) {
		put_name(b, o->format, 0, "growth");
		n = fmt_hundredths(num, x->growth);
		put_cell(b, o->format, x->has_growth ? num : NULL, n, 0);
	}
	if (o->format == F_JSON)
		buf_addc(b, '}');
	buf_adds(b, o->format == F_CSV ? "\r\n" : "\n");
}

/* Growth of row r against the same group one period earlier, from t. */
static void
set_growth(const struct opts *o, struct table *t, const struct row *r,
    struct extra *x, struct buf *kb)
{
	const struct group *g;
	const char *k = r->key, *s;
	struct period pd;
	char lab[16];
	size_t n, first = key_first_len(r->key, r->klen);

	if (r->other || key_next(&k, &s, &n) != 's' ||
	    !parse_label(o->by->key[0].bucket, s, n, &pd))
		return;
	n = bucket_label(o->by->key[0].bucket,
	    period_prev(o->by->key[0].bucket, pd), lab);
	if (n == 0)
		return;
	buf_reset(kb);
	key_add(kb, 's', lab, n);
	buf_add(kb, r->key + first, r->klen - first);
	g = table_find(t, kb->p, kb->len);
	if (g == NULL || g->sum == 0)
		return;
	x->has_growth = 1;
	x->growth = money_div_round(((wide)r->sum - g->sum) * 10000,
	    g->sum < 0 ? -(wide)g->sum : (wide)g->sum);
}

/* Write row r with its share of total and its growth to b, flushing b
 * to o->out when it is full. */
static void
emit(const struct opts *o, struct table *t, const struct row *r,
    wide total, struct buf *b, struct buf *kb)
{
	struct extra x;

	memset(&x, 0, sizeof x);
	if (o->share && total != 0) {
		x.has_share = 1;
		x.share = money_div_round((wide)r->sum * 10000, total);
	}
	if (o->growth)
		set_growth(o, t, r, &x, kb);
	put_row(b, o, r, &x);
	if (b->len >= (1 << 16)) {
		fwrite(b->p, 1, b->len, o->out);
		buf_reset(b);
	}
}

/* Sort the groups of t, fold --top, add shares and growth, and write
 * them to o->out.  Partitions are the groups with the same first key when
 * there are two keys or more, else all groups. */
static void
output(const struct opts *o, struct table *t)
{
	struct row *rows, other;
	struct buf b = { 0 }, kb = { 0 };
	size_t i, j, m, n, first, keep;
	wide total, osum;

	rows = ecalloc(t->n + 1, sizeof *rows);
	for (i = 0; i < t->n; i++) {
		rows[i].key = t->g[i].key;
		rows[i].klen = t->g[i].klen;
		rows[i].count = t->g[i].count;
		rows[i].sum = t->g[i].sum;
		rows[i].groups = 1;
	}
	n = t->n;
	if (n == 0 && o->by->nkeys == 0) {
		rows[0].key = "";
		rows[0].groups = 1;
		n = 1;
	}
	qsort(rows, n, sizeof *rows, cmp_key);
	if (o->format != F_JSON)
		put_header(&b, o);
	for (i = 0; i < n; i = j) {
		first = o->by->nkeys >= 2 ? key_first_len(rows[i].key,
		    rows[i].klen) : 0;
		total = 0;
		for (j = i; j < n && (o->by->nkeys < 2 || (rows[j].klen >= first &&
		    memcmp(rows[j].key, rows[i].key, first) == 0)); j++)
			total += rows[j].sum;
		keep = j - i;
		if (o->top && o->by->nkeys > 0) {
			qsort(rows + i, j - i, sizeof *rows, cmp_top);
			if ((size_t)o->top < keep)
				keep = (size_t)o->top;
		}
		for (m = i; m < i + keep; m++)
			emit(o, t, &rows[m], total, &b, &kb);
		if (keep == j - i)
			continue;
		memset(&other, 0, sizeof other);
		buf_reset(&kb);
		buf_add(&kb, rows[i].key, first);
		for (m = o->by->nkeys >= 2 ? 1 : 0; m < (size_t)o->by->nkeys; m++)
			key_add(&kb, 's', "other", 5);
		other.key = arena_copy(&t->map.arena, kb.p, kb.len);
		other.klen = kb.len;
		other.other = 1;
		osum = 0;
		for (m = i + keep; m < j; m++) {
			osum += rows[m].sum;
			if (__builtin_add_overflow(other.count, rows[m].count,
			    &other.count))
				die("count of the other row is beyond int64");
			other.groups++;
		}
		if (osum > INT64_MAX || osum < INT64_MIN)
			die("sum of the other row is beyond int64 pence");
		other.sum = (int64_t)osum;
		emit(o, t, &other, total, &b, &kb);
	}
	if (b.len > 0)
		fwrite(b.p, 1, b.len, o->out);
	buf_free(&b);
	buf_free(&kb);
	free(rows);
}

/* --- options ----------------------------------------------------------- */

/* Index of field name in o->want, added when new. */
static int
want(struct opts *o, const char *name)
{
	int i;

	for (i = 0; i < o->nwant; i++)
		if (strcmp(o->want[i], name) == 0)
			return i;
	if (o->nwant == MAXWANT)
		die("too many keys");
	o->want[i] = estrdup(name);
	o->wlen[i] = strlen(name);
	o->lenmask |= (uint64_t)1 << (o->wlen[i] < 63 ? o->wlen[i] : 63);
	return o->nwant++;
}

/* Name of bucket b of date field f: "fy" for the date, else "fy(f)". */
static char *
bucket_field(int b, const char *f)
{
	struct buf s = { 0 };

	buf_adds(&s, bucket_names[b]);
	if (strcmp(f, "date") != 0)
		buf_printf(&s, "(%s)", f);
	return s.p;
}

static void usage(int status);

/* Parse a --by list into a new grouping of o; exits 2 on a bad list. */
static void
parse_by(struct opts *o, const char *list)
{
	struct grouping *gp;
	struct buf name = { 0 };
	const char *c;
	static const int alts[][4] = {
		[B_FY] = { B_FY, B_MONTH, B_QUARTER, B_FQ },
		[B_QUARTER] = { B_QUARTER, B_MONTH, B_FQ, 0 },
		[B_FQ] = { B_FQ, B_MONTH, B_QUARTER, 0 },
		[B_MONTH] = { B_MONTH, 0, 0, 0 },
		[B_YEAR] = { B_YEAR, B_MONTH, B_QUARTER, B_FQ },
	};
	char *copy = estrdup(list), *p, *save = NULL, *f, *paren;
	struct keyspec *k;
	int b, i, j;

	if (o->ngrp == MAXGROUPS)
		opt_fail(progname(), "at most %d --by lists",
		    MAXGROUPS);
	gp = &o->grp[o->ngrp++];
	memset(gp, 0, sizeof *gp);
	for (c = list; *c != '\0'; c++)
		if (*c != ' ')
			buf_addc(&name, *c);
	gp->name = name.p != NULL ? name.p : estrdup("");
	if (strcmp(list, "all") == 0) {
		free(copy);
		return;
	}
	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		if (gp->nkeys == MAXKEYS)
			opt_fail(progname(), "at most %d keys",
			    MAXKEYS);
		/* "fy, supplier": spaces around a key are not part of it */
		while (*p == ' ')
			p++;
		for (i = (int)strlen(p); i > 0 && p[i - 1] == ' '; i--)
			p[i - 1] = '\0';
		k = &gp->key[gp->nkeys++];
		memset(k, 0, sizeof *k);
		for (i = 0; i < 4; i++)
			k->alt[i] = -1;
		f = "date";
		if ((paren = strchr(p, '(')) != NULL &&
		    p[strlen(p) - 1] == ')' && paren[1] != ')') {
			*paren = '\0';
			f = paren + 1;
			f[strlen(f) - 1] = '\0';
		}
		for (b = B_YEAR; b > B_FIELD; b--)
			if (strcmp(p, bucket_names[b]) == 0)
				break;
		if (paren != NULL && b == B_FIELD)
			opt_fail(progname(), "%s(...): not a date bucket", p);
		k->bucket = b;
		if (b == B_FIELD) {
			if (*p == '\0' || strcmp(p, "all") == 0)
				opt_fail(progname(), "bad --by list");
			k->name = estrdup(p);
			k->src = want(o, p);
		} else {
			k->name = bucket_field(b, f);
			k->src = want(o, f);
			for (i = 0; i < 4 && alts[b][i] != 0; i++) {
				char *n = bucket_field(alts[b][i], f);

				k->alt[i] = want(o, n);
				k->altb[i] = alts[b][i];
				free(n);
			}
		}
		for (j = 0; j < gp->nkeys - 1; j++)
			if (strcmp(gp->key[j].name, k->name) == 0)
				opt_fail(progname(), "key %s given twice", k->name);
	}
	free(copy);
}

/* Print the usage, with the options explained for -h, and exit. */
/* run_file, and with -v a line of counts for the file. */
static void
run_counted(struct worker *w, const char *path)
{
	long long rec = w->records, rej = w->rejects, nul = w->nulls,
	    bad = w->baddates;

	run_file(w, path);
	if (!w->o->verbose)
		return;
	vlog_begin(progname(), path == NULL ? "-" : path);
	vlog_int("records", w->records + w->rejects - rec - rej);
	vlog_int("rejects", w->rejects - rej);
	vlog_int("null_key", w->nulls - nul);
	vlog_int("bad_dates", w->baddates - bad);
	vlog_end();
}

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: %s [-hv] [--growth] [--share] [--csv | --tsv] "
	    "[-b keys]... [-j threads]\n"
	    "       [-o dir] [-s field] [-t n] [file ...]\n", progname());
	if (status != 0)
		exit(status);
	printf(
	    "  -b, --by k1,k2   group by fields or date buckets: fy quarter "
	    "fq month year,\n"
	    "                   fy(field) for another date field; all: one "
	    "total (default);\n"
	    "                   again for more groupings in the same "
	    "reading (needs -o)\n"
	    "  -o, --output-dir dir  each grouping to dir/KEYS.jsonl (.tsv, "
	    ".csv)\n"
	    "  -s, --sum field  money field to sum (default amount)\n"
	    "  -t, --top n      n largest groups (per first key) and an "
	    "other row\n"
	    "  --share          share of the parent total, percent\n"
	    "  --growth         change against the previous period, "
	    "percent\n"
	    "  --tsv, --csv     tables instead of JSON lines\n"
	    "  -j n             threads for big files (default: CPUs, at "
	    "most 4)\n"
	    "  -v               counts and totals to stderr\n");
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "csv", no_argument, NULL, 'C' },
		{ "growth", no_argument, NULL, 'g' },
		{ "output-dir", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "share", no_argument, NULL, 'S' },
		{ "sum", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{ "tsv", no_argument, NULL, 'T' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const ext[] = {
		[F_JSON] = "jsonl", [F_TSV] = "tsv", [F_CSV] = "csv"
	};
	struct opts o;
	struct worker w;
	const char *by[MAXGROUPS];
	char total[64];
	struct buf path = { 0 }, groups = { 0 };
	long long v, ncpu;
	wide sum = 0, rows = 0;
	size_t i;
	int c, j, nby = 0;

	set_progname(argv[0]);
	opterr = 0;	/* messages through opt_error() */
	out_init();
	memset(&o, 0, sizeof o);
	o.sum = "amount";
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.threads = ncpu < 1 ? 1 : ncpu > 4 ? 4 : (int)ncpu;
	while ((c = getopt_long(argc, argv, ":b:hj:o:s:t:v", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			if (nby == MAXGROUPS)
				opt_fail(progname(), "at most %d --by lists", MAXGROUPS);
			by[nby++] = optarg;
			break;
		case 'o':
			o.dir = optarg;
			break;
		case 'C':
			o.format = F_CSV;
			break;
		case 'g':
			o.growth = 1;
			break;
		case 'h':
			usage(0);
			break;
		case 'j':
			if (parse_ll(optarg, 1, MAXTHREADS, &v) != 0)
				opt_fail(progname(), "-j: 1 to %d", MAXTHREADS);
			o.threads = (int)v;
			break;
		case 's':
			o.sum = optarg;
			break;
		case 'S':
			o.share = 1;
			break;
		case 't':
			if (parse_ll(optarg, 1, INT64_MAX, &v) != 0)
				opt_fail(progname(), "--top: not a positive "
				    "number: %s", optarg);
			o.top = v;
			break;
		case 'T':
			o.format = F_TSV;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'V':
			print_version();
		default:
			opt_error(progname(), argv, longopts, c);
		}
	}
	argc -= optind;
	argv += optind;
	if (nby == 0)
		by[nby++] = "all";
	if (nby > 1 && o.dir == NULL)
		opt_fail(progname(), "more than one --by needs -o dir");
	for (j = 0; j < nby; j++)
		parse_by(&o, by[j]);
	for (j = 0; j < o.ngrp; j++) {
		if (o.dir != NULL && (o.grp[j].name[0] == '.' ||
		    strchr(o.grp[j].name, '/') != NULL))
			opt_fail(progname(), "--by %s: not a file name", o.grp[j].name);
		for (c = 0; c < j; c++)
			if (strcmp(o.grp[c].name, o.grp[j].name) == 0)
				opt_fail(progname(), "--by %s given twice", o.grp[j].name);
	}
	if (*o.sum == '\0' || strcmp(o.sum, "count") == 0)
		opt_fail(progname(), "--sum: cannot sum \"%s\"",
		    o.sum);
	for (c = 0; c < o.ngrp; c++) {
		const struct grouping *gp = &o.grp[c];

		for (j = 0; j < gp->nkeys; j++)
			if (strcmp(gp->key[j].name, "count") == 0 ||
			    strcmp(gp->key[j].name, o.sum) == 0)
				opt_fail(progname(), "--by: %s is a value, not "
				    "a key", gp->key[j].name);
		if (o.growth && (gp->nkeys == 0 ||
		    gp->key[0].bucket == B_FIELD))
			opt_fail(progname(), "--growth needs a date bucket as "
			    "the first key");
	}
	o.wsum = want(&o, o.sum);
	o.wcount = want(&o, "count");

	worker_init(&w, &o);
	if (argc == 0)
		run_counted(&w, NULL);
	for (j = 0; j < argc; j++)
		run_counted(&w, argv[j]);
	for (j = 0; j < o.ngrp; j++) {
		o.by = &o.grp[j];
		o.out = stdout;
		if (o.dir != NULL) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s.%s", o.dir, o.by->name,
			    ext[o.format]);
			if ((o.out = fopen(path.p, "w")) == NULL)
				die("%s: %s", path.p, strerror(errno));
		}
		output(&o, &w.t[j]);
		if (o.dir != NULL) {
			out_close(o.out, path.p);
			if (fclose(o.out) != 0)
				die("%s: %s", path.p, strerror(errno));
		}
	}
	out_close(stdout, "standard output");
	if (w.missing > 0)
		fprintf(stderr, "%s: %lld record%s without %s left out of the "
		    "sums\n", progname(), w.missing, w.missing == 1 ? "" : "s",
		    o.sum);
	if (o.verbose) {
		/* every grouping holds every added record */
		for (i = 0; i < w.t[0].n; i++) {
			sum += w.t[0].g[i].sum;
			rows += w.t[0].g[i].count;
		}
		fmt_hundredths(total, sum);
		for (j = 0; j < o.ngrp; j++)
			buf_printf(&groups, "%s%zu", j ? "+" : "", w.t[j].n);
		vlog_begin(progname(), "*");
		vlog_int("files", argc == 0 ? 1 : argc);
		vlog_int("records", w.records + w.rejects);
		vlog_int("rows", (long long)rows);
		vlog_str("groups", groups.p);
		vlog_str("sum", o.sum);
		vlog_str("total", total);
		vlog_int("rejects", w.rejects);
		vlog_int("null_key", w.nulls);
		vlog_int("bad_dates", w.baddates);
		vlog_end();
	}
	worker_free(&w);
	buf_free(&path);
	buf_free(&groups);
	for (c = 0; c < o.ngrp; c++) {
		for (j = 0; j < o.grp[c].nkeys; j++)
			free(o.grp[c].key[j].name);
		free(o.grp[c].name);
	}
	for (j = 0; j < o.nwant; j++)
		free(o.want[j]);
	return 0;
}
