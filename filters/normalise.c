/* normalise: turn one raw input into canonical records (DESIGN.md).
 *
 * CSV input (the default) is a council's spending file as published: the
 * header row is found below any title rows, its names are mapped to
 * canonical fields through schemas/columns.tsv, and every data row becomes
 * one "payment" record (or "contract" with --kind contract) with buyer,
 * buyer_id, region, date, amount, supplier, supplier_ref, redacted,
 * expense_type, service_area, description, transaction_id and source.
 * JSON-lines input (--from jsonl) is canonicalised field by field and
 * every field normalise does not own passes through untouched.
 *
 * Every physical input line ends as exactly one of: part of a record, part
 * of a reject (written to --rejects as JSON with source, reason, raw), or
 * a counted blank, preamble or header line.  State per input stream lives
 * in struct state; nothing is held beyond a few batches of rows in flight
 * between the reader (lib/csvread.h) and the normaliser, so memory
 * does not grow with the input.  Built with -DNORMALISE_NO_MAIN, this
 * file has no main() but normalise_fuzz() (tests/fuzz/fuzz_csv.c). */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/council.h"
#include "lib/csvread.h"
#include "lib/date.h"
#include "lib/hash.h"
#include "lib/money.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

#define HEADER_SCAN	60		/* non-blank rows searched for a header */
#define FOLD_MAX	160		/* folded header/name bytes compared */
#define OUT_FLUSH	(1 << 16)	/* output buffer flushed past this */

enum field {
	F_BUYER, F_BUYER_CODE, F_DATE, F_AMOUNT, F_SUPPLIER, F_COMPANY,
	F_CHARITY, F_VAT, F_EXPENSE, F_SERVICE, F_DESC, F_TXN,
	F_TITLE, F_VALUE, F_ANNUAL, F_START, F_END, F_EXPIRY, F_SME,
	F_PROCLASS, F_CPV, F_REF,
	NFIELD
};

static const char *const field_name[NFIELD] = {
	"buyer", "buyer_code", "date", "amount", "supplier",
	"company_number", "charity_number", "vat_number", "expense_type",
	"service_area", "description", "transaction_id",
	"title", "value", "annual_value", "start", "end", "expiry", "sme",
	"proclass", "cpv", "reference"
};

/* Fields each kind of record takes from a CSV (others are ignored). */
static const unsigned char payment_field[NFIELD] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 1, 0, 0
};
static const unsigned char contract_field[NFIELD] = {
	1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

enum kind { K_PAYMENT, K_CONTRACT };

/* One alias of a header name: the field it fits and its rank there. */
struct alias {
	int		 field;	/* enum field */
	int		 rank;	/* line order within the field; lower wins */
	struct alias	*next;	/* same header, another field */
};

/* A --map FIELD=HEADER or FIELD=COLUMN_NUMBER override. */
struct override {
	int	 field;		/* enum field */
	int	 col;		/* 0-based column, or -1 for a header name */
	char	 fold[FOLD_MAX];/* folded header name when col < 0 */
	size_t	 flen;
};

/* Which column holds each field; -1 for none. */
struct layout {
	int	col[NFIELD];
	int	rank[NFIELD];
	int	ok;		/* a usable mapping is set */
};

/* Reject counts by reason. */
enum reason {
	R_NO_AMOUNT, R_BAD_AMOUNT, R_NO_DATE, R_BAD_DATE, R_TOTAL,
	R_NO_SUPPLIER, R_BAD_VALUE, R_BAD_RECORD, NREASON
};
static const char *const reason_name[NREASON] = {
	"no amount", "bad amount", "no date", "bad date", "total row",
	"no supplier or title", "bad value", "bad record"
};

/* Counters of one stream, or of all of them. */
struct counts {
	long long	lines;		/* physical lines read */
	long long	rows;		/* CSV rows (or JSON lines), blank included */
	long long	records;	/* records written */
	long long	rejects;	/* rows rejected */
	long long	blank;		/* blank or all-empty rows */
	long long	preamble;	/* rows above the header */
	long long	headers;	/* header rows (first and later ones) */
	long long	unknown_buyer;	/* records with buyer_id null */
	long long	redacted;	/* records with redacted true */
	int64_t		amount;		/* sum of record amounts, pence */
	int64_t		reject_amount;	/* sum of parseable rejected amounts */
	long long	by_reason[NREASON];
};

struct opts {
	const char	*buyer;		/* --buyer: the body for every row */
	const char	*rejects;	/* --rejects: file for reject lines */
	const char	*layout;	/* --layout: file whose header to use */
	const char	*period;	/* --period: date of rows without one */
	int		 kind;		/* --kind: enum kind */
	int		 jsonl;		/* --from jsonl */
	int		 verbose;	/* -v: counts to stderr */
	int		 threads;	/* --threads: 2 reads and normalises
					 * on two cores, else 1 */
	struct override	*ov;		/* --map overrides */
	size_t		 nov;
};

struct state {
	const struct opts	*o;
	struct strmap		 aliases;	/* folded header -> struct alias */
	char			(*redacted)[FOLD_MAX];	/* folded wordings */
	uint32_t		*prefix;	/* their alnum_prefix()es */
	size_t			 nprefix;
	int			 short_wording;	/* one has under 4 letters */
	size_t			 nredacted;
	struct councils		*councils;
	FILE			*rej;		/* rejects stream or NULL */
	FILE			*out;		/* records stream */
	struct layout		 base;		/* from --layout/--map numbers */
	int			 have_base;

	/* per stream */
	const char		*name;		/* display name */
	struct layout		 map;		/* current mapping */
	const char		*rowp;		/* bytes of the current row's
						 * fields (in a batch) */
	size_t			*foff, *flen;	/* its fields */
	size_t			 nf, fcap;
	long			 line;		/* physical line being read */
	long			 row_line;	/* line where the current row began */
	long			 breaks;	/* line breaks inside this row */
	int			 last_term;	/* character that ended the last row */
	int			 probe;		/* reading a --layout file */
	int			 probe_done;
	int			 seekable;	/* the input can be read twice */
	int			 late;		/* past HEADER_SCAN, looking on */
	int			 late_found;
	struct layout		 late_map;	/* a header found late */
	const char		*fatal;		/* message that ends the stream */
	long			 fatal_line;
	struct date		 file_date;	/* period from --period/file name */
	int			 file_prec;
	int			 have_file_date;
	struct counts		 c;		/* this stream */
	struct counts		 all;		/* every stream */
	struct buf		 src;		/* "\"source\":\"NAME:" */
	struct buf		 ob;		/* output records */
	struct buf		 rb;		/* reject line */
	struct buf		 tmp, tmp2;	/* scratch */

	/* buyer cache: the last buyer cells and what they resolved to */
	struct buf		 bkey;		/* code \0 name as read */
	struct buf		 bjson;		/* "buyer":..,"buyer_id":..,"region":.. */
	int			 bknown;	/* buyer_id was found */
	int			 bvalid;	/* the cache holds something */
	struct buf		 title_buyer;	/* JSON of a council named in a
						 * title row, or empty */
	char			*fixed_buyer;	/* --buyer resolved, JSON */
	size_t			 fixed_len;
	int			 fixed_known;
};

/* Fold s to lower-case ASCII letters and digits into out (at most
 * FOLD_MAX - 1 bytes, NUL-terminated); every other byte is dropped.
 * Returns the folded length. */
static size_t
fold(char *out, const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len && n < FOLD_MAX - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}

/* Append n bytes to b; the hot path's own buf_add, inline and without
 * the NUL (b->p is only ever written out by length). */
static inline ALWAYS_INLINE void
app(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
	copy_short(b->p + b->len, s, n);
	b->len += n;
}
#define APP_LIT(b, lit)	app((b), (lit), sizeof(lit) - 1)

/* Append a line number in decimal. */
static void
app_long(struct buf *b, long v)
{
	char d[24], *o;
	size_t n = 0, i;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do
		d[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		d[n++] = '-';
	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
	o = b->p + b->len;
	for (i = 0; i < n; i++)
		o[i] = d[n - 1 - i];
	b->len += n;
}

static int
field_index(const char *s, size_t len)
{
	int i;

	for (i = 0; i < NFIELD; i++)
		if (strlen(field_name[i]) == len &&
		    memcmp(field_name[i], s, len) == 0)
			return i;
	return -1;
}

/* Read schemas/columns.tsv into st->aliases; dies on an unreadable file
 * or an unknown field name. */
static void
load_aliases(struct state *st)
{
	const char *path = schema_path("columns.tsv");
	FILE *fp;
	char *line = NULL, *tab, f[FOLD_MAX];
	size_t cap = 0, fl;
	ssize_t n;
	long lno = 0;
	int rank[NFIELD] = { 0 }, fi;
	struct strmap_entry *e;
	struct alias *a, **pp;

	if ((fp = fopen(path, "r")) == NULL)
		die("%s: %s", path, strerror(errno));
	strmap_init(&st->aliases);
	while ((n = getline(&line, &cap, fp)) > 0) {
		lno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if ((tab = strchr(line, '\t')) == NULL)
			die_at(path, lno, "expected FIELD<TAB>HEADER");
		if ((fi = field_index(line, (size_t)(tab - line))) < 0)
			die_at(path, lno, "unknown field \"%.*s\"",
			    (int)(tab - line), line);
		fl = fold(f, tab + 1, strlen(tab + 1));
		if (fl == 0)
			die_at(path, lno, "empty header name");
		e = strmap_get(&st->aliases, f, fl, 1);
		/* keep the first rank a header has for a field */
		for (pp = (struct alias **)&e->val; *pp != NULL;
		    pp = &(*pp)->next)
			if ((*pp)->field == fi)
				break;
		if (*pp == NULL) {
			a = ecalloc(1, sizeof *a);
			a->field = fi;
			a->rank = rank[fi];
			*pp = a;
		}
		rank[fi]++;
	}
	free(line);
	fclose(fp);
}

/* The first four letters or digits of s, folded, packed in a word (0
 * bytes past the end); *n says how many there were. */
static uint32_t
alnum_prefix(const char *s, size_t len, int *n)
{
	uint32_t k = 0;
	size_t i;
	int got = 0;

	for (i = 0; i < len && got < 4; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		k |= (uint32_t)c << (8 * got++);
	}
	*n = got;
	return k;
}

/* Whether a name with this alnum_prefix() can be a redaction wording. */
static int
may_be_redacted(const struct state *st, const char *s, size_t len)
{
	int n;
	uint32_t k = alnum_prefix(s, len, &n);
	size_t i;

	if (n < 4 || st->short_wording)
		return 1;
	for (i = 0; i < st->nprefix; i++)
		if (st->prefix[i] == k)
			return 1;
	return 0;
}

/* Read schemas/redacted.txt (folded) into st->redacted. */
static void
load_redacted(struct state *st)
{
	const char *path = schema_path("redacted.txt");
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, fl, alloc = 0, i;
	ssize_t n;
	char f[FOLD_MAX];
	uint32_t k;
	int n4;

	if ((fp = fopen(path, "r")) == NULL)
		die("%s: %s", path, strerror(errno));
	st->prefix = emalloc(sizeof *st->prefix);
	st->prefix[st->nprefix++] = alnum_prefix("reda", 4, &n4);
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (line[0] == '#')
			continue;
		if ((fl = fold(f, line, (size_t)n)) == 0)
			continue;
		if (st->nredacted == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			st->redacted = ereallocarray(st->redacted, alloc,
			    sizeof *st->redacted);
		}
		memcpy(st->redacted[st->nredacted++], f, fl + 1);
		k = alnum_prefix(f, fl, &n4);
		if (n4 < 4)
			st->short_wording = 1;
		for (i = 0; i < st->nprefix && st->prefix[i] != k; i++)
			;
		if (i == st->nprefix) {
			st->prefix = ereallocarray(st->prefix,
			    st->nprefix + 1, sizeof *st->prefix);
			st->prefix[st->nprefix++] = k;
		}
	}
	free(line);
	fclose(fp);
}

static int
is_redacted(const struct state *st, const char *s, size_t len)
{
	char f[FOLD_MAX];
	size_t i, fl;

	/* most names start with four letters no wording starts with */
	if (!may_be_redacted(st, s, len))
		return 0;
	fl = fold(f, s, len);

	if (fl >= 8 && memcmp(f, "redacted", 8) == 0)
		return 1;
	for (i = 0; i < st->nredacted; i++)
		if (st->redacted[i][0] == f[0] &&
		    strcmp(st->redacted[i], f) == 0)
			return 1;
	return 0;
}

static void
layout_clear(struct layout *m)
{
	int i;

	for (i = 0; i < NFIELD; i++) {
		m->col[i] = -1;
		m->rank[i] = 1 << 30;
	}
	m->ok = 0;
}

/* The bytes of field i of the current row, trimmed of ASCII blanks;
 * an absent column gives an empty span. */
static const char *
cell(const struct state *st, int i, size_t *len)
{
	const char *p;
	size_t n;

	if (i < 0 || (size_t)i >= st->nf) {
		*len = 0;
		return "";
	}
	p = st->rowp + st->foff[i];
	n = st->flen[i];
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*len = n;
	return p;
}

static const char *
fcell(const struct state *st, int f, size_t *len)
{
	return cell(st, st->map.col[f], len);
}

/* Apply --map FIELD=COLUMN_NUMBER overrides to m. */
static void
apply_numbered(const struct state *st, struct layout *m)
{
	size_t i;

	for (i = 0; i < st->o->nov; i++)
		if (st->o->ov[i].col >= 0) {
			m->col[st->o->ov[i].field] = st->o->ov[i].col;
			m->rank[st->o->ov[i].field] = -1;
		}
}

/* Read the current row as a header.  Fills m and returns 1 when the row
 * names enough fields to be one: for payments an amount and a supplier or
 * a date and three fields in all; for contracts a supplier or a title and
 * three fields in all. */
static int
try_header(const struct state *st, struct layout *m)
{
	const unsigned char *want = st->o->kind == K_CONTRACT ?
	    contract_field : payment_field;
	char f[FOLD_MAX];
	size_t i, j, fl, len;
	const char *s;
	struct strmap_entry *e;
	const struct alias *a;
	int nmapped = 0, k;

	layout_clear(m);
	for (i = 0; i < st->nf; i++) {
		s = cell(st, (int)i, &len);
		if ((fl = fold(f, s, len)) == 0)
			continue;
		for (j = 0; j < st->o->nov; j++) {
			const struct override *ov = &st->o->ov[j];

			if (ov->col < 0 && ov->flen == fl &&
			    memcmp(ov->fold, f, fl) == 0 &&
			    m->rank[ov->field] > -1) {
				m->col[ov->field] = (int)i;
				m->rank[ov->field] = -1;
			}
		}
		e = strmap_get((struct strmap *)&st->aliases, f, fl, 0);
		if (e == NULL)
			continue;
		for (a = e->val; a != NULL; a = a->next)
			if (want[a->field] && a->rank < m->rank[a->field]) {
				m->col[a->field] = (int)i;
				m->rank[a->field] = a->rank;
			}
	}
	for (k = 0; k < NFIELD; k++)
		if (m->col[k] >= 0)
			nmapped++;
	if (nmapped < 3)
		return 0;
	if (st->o->kind == K_CONTRACT) {
		if (m->col[F_SUPPLIER] < 0 && m->col[F_TITLE] < 0)
			return 0;
	} else if (m->col[F_AMOUNT] < 0 ||
	    (m->col[F_SUPPLIER] < 0 && m->col[F_DATE] < 0))
		return 0;
	apply_numbered(st, m);
	m->ok = 1;
	return 1;
}

static void
flush_out(struct state *st)
{
	if (st->ob.len > 0) {
		if (fwrite(st->ob.p, 1, st->ob.len, st->out) != st->ob.len)
			out_close(st->out, "output");
		buf_reset(&st->ob);
	}
}

/* SWAR tests on 8 bytes at a time: a byte below n (n <= 128), a byte
 * equal to c.  They may mark extra bytes after a true hit, never miss one,
 * so a hit only sends the text down the careful path. */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL
#define LESS(x, n)	(((x) - ONES * (n)) & ~(x) & HIGHS)
#define ZERO(x)		(((x) - ONES) & ~(x) & HIGHS)
#define EQ(x, c)	ZERO((x) ^ (ONES * (c)))

/* Whether s can go into a JSON string as it is, with nothing for
 * text_clean to change: printable ASCII without quote or backslash, no
 * blank at either end and no double space. */
static int
plain_text(const char *s, size_t len)
{
	size_t i;
	uint64_t x, sp, prev_last = 0;
	char w[8];

	if (len == 0)
		return 1;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	if (len < 8) {
		/* pad with a byte that trips no test */
		memset(w, 'a', sizeof w);
		memcpy(w, s, len);
		memcpy(&x, w, 8);
		sp = EQ(x, ' ');
		return (LESS(x, 0x20) | (x & HIGHS) | EQ(x, 0x7F) |
		    EQ(x, '"') | EQ(x, '\\') | (sp & (sp >> 8))) == 0;
	}
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		sp = EQ(x, ' ');
		if ((LESS(x, 0x20) | (x & HIGHS) | EQ(x, 0x7F) | EQ(x, '"') |
		    EQ(x, '\\') | (sp & (sp >> 8)) | (prev_last & sp)) != 0)
			return 0;
		prev_last = (sp >> 63) << 7;
	}
	if (i < len) {
		/* the last 8 bytes, overlapping: covers the rest and the
		 * pair across the last boundary */
		memcpy(&x, s + len - 8, 8);
		sp = EQ(x, ' ');
		if ((LESS(x, 0x20) | (x & HIGHS) | EQ(x, 0x7F) | EQ(x, '"') |
		    EQ(x, '\\') | (sp & (sp >> 8))) != 0)
			return 0;
	}
	return 1;
}

/* Append s as a JSON string (quotes included), cleaned to UTF-8 with
 * white space trimmed and squeezed.  Plain printable ASCII is copied as
 * it is, which is the common case and much cheaper. */
static void
put_text(struct state *st, struct buf *o, const char *s, size_t len)
{
	if (plain_text(s, len)) {
		if (o->len + len + 3 > o->cap)
			buf_grow(o, len + 2);
		o->p[o->len++] = '"';
		copy_short(o->p + o->len, s, len);
		o->len += len;
		o->p[o->len++] = '"';
		return;
	}
	buf_reset(&st->tmp);
	text_clean(&st->tmp, s, len, TEXT_TRIM | TEXT_SQUEEZE);
	buf_addc(o, '"');
	json_escape(o, st->tmp.p, st->tmp.len);
	buf_addc(o, '"');
}

static inline ALWAYS_INLINE void
put_key(struct buf *o, const char *k)
{
	size_t n = strlen(k);

	if (o->len + n + 5 > o->cap)
		buf_grow(o, n + 4);
	o->p[o->len++] = ',';
	o->p[o->len++] = '"';
	memcpy(o->p + o->len, k, n);
	o->len += n;
	o->p[o->len++] = '"';
	o->p[o->len++] = ':';
}

/* A text field as "key":"value", left out when the value is empty. */
static inline ALWAYS_INLINE void
put_opt(struct state *st, struct buf *o, const char *k, int f)
{
	size_t len;
	const char *s = fcell(st, f, &len);

	if (len == 0)
		return;
	put_key(o, k);
	put_text(st, o, s, len);
}

static inline ALWAYS_INLINE void
put_date(struct buf *o, const char *k, struct date d, int prec)
{
	char b[16];

	put_key(o, k);
	b[0] = '"';
	date_fmt(b + 1, d);
	b[11] = '"';
	app(o, b, 12);
	if (prec == DATE_MONTH)
		APP_LIT(o, ",\"date_precision\":\"month\"");
	else if (prec == DATE_QUARTER)
		APP_LIT(o, ",\"date_precision\":\"quarter\"");
}

static inline ALWAYS_INLINE void
put_money(struct buf *o, const char *k, int64_t p)
{
	put_key(o, k);
	if (o->len + MONEY_FMT_MAX + 1 > o->cap)
		buf_grow(o, MONEY_FMT_MAX);
	o->len += money_fmt(o->p + o->len, p);	/* writes a NUL too */
}

/* The JSON of "buyer","buyer_id","region" for a council found (or not)
 * from name; sets *known. */
static void
buyer_json(struct state *st, struct buf *o, const char *name, size_t nlen,
    const struct council *cn, int *known)
{
	buf_adds(o, "\"buyer\":");
	if (nlen > 0)
		put_text(st, o, name, nlen);
	else if (cn != NULL)
		put_text(st, o, cn->name, strlen(cn->name));
	else
		buf_adds(o, "null");
	if (cn != NULL) {
		buf_adds(o, ",\"buyer_id\":");
		put_text(st, o, cn->gss, strlen(cn->gss));
		buf_adds(o, ",\"region\":");
		put_text(st, o, cn->region, strlen(cn->region));
	} else
		buf_adds(o, ",\"buyer_id\":null,\"region\":null");
	*known = cn != NULL;
}

/* Resolve the cleaned text s through the council table; NULL if unknown
 * or no table. */
static const struct council *
find_council(struct state *st, const char *s, size_t len)
{
	if (st->councils == NULL || len == 0)
		return NULL;
	buf_reset(&st->tmp2);
	text_clean(&st->tmp2, s, len, TEXT_TRIM | TEXT_SQUEEZE);
	return councils_find(st->councils, st->tmp2.p, st->tmp2.len);
}

/* Append the buyer fields of the current row to o; returns 1 when the
 * buyer is known.  The last buyer cells are cached: they rarely change
 * within a file. */
static int
put_buyer(struct state *st, struct buf *o)
{
	const char *code, *name;
	size_t clen, nlen;
	const struct council *cn = NULL;

	if (st->fixed_buyer != NULL) {
		app(o, st->fixed_buyer, st->fixed_len);
		return st->fixed_known;
	}
	code = fcell(st, F_BUYER_CODE, &clen);
	name = fcell(st, F_BUYER, &nlen);
	if (st->bvalid && st->bkey.len == clen + 1 + nlen &&
	    memcmp(st->bkey.p, code, clen) == 0 &&
	    memcmp(st->bkey.p + clen + 1, name, nlen) == 0) {
		app(o, st->bjson.p, st->bjson.len);
		return st->bknown;
	}
	buf_reset(&st->bkey);
	buf_add(&st->bkey, code, clen);
	buf_addc(&st->bkey, '\0');
	buf_add(&st->bkey, name, nlen);
	if (clen > 0)
		cn = find_council(st, code, clen);
	if (cn == NULL && nlen > 0)
		cn = find_council(st, name, nlen);
	buf_reset(&st->bjson);
	if (cn == NULL && nlen == 0 && st->title_buyer.len > 0) {
		/* no name, and no code we know: the council of the title */
		buf_add(&st->bjson, st->title_buyer.p, st->title_buyer.len);
		st->bknown = 1;
	} else
		buyer_json(st, &st->bjson, name, nlen, cn, &st->bknown);
	st->bvalid = 1;
	buf_add(o, st->bjson.p, st->bjson.len);
	return st->bknown;
}

/* Append "supplier_ref" from the identifier columns, when one holds a
 * digit: GB-COH-<company number, upper-cased, spaces and punctuation
 * removed, cut at a "-" or "/" suffix>, else GB-CHC-<charity number, so
 * too>, else GB-VAT-<digits>. */
static void
put_supplier_ref(struct state *st, struct buf *o)
{
	static const int f[3] = { F_COMPANY, F_CHARITY, F_VAT };
	static const char *const pre[3] = { "GB-COH-", "GB-CHC-", "GB-VAT-" };
	char id[64];
	size_t len, i, n;
	const char *s;
	int k, digit;

	for (k = 0; k < 3; k++) {
		s = fcell(st, f[k], &len);
		n = 0;
		digit = 0;
		for (i = 0; i < len && n < sizeof id - 1; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c >= '0' && c <= '9')
				digit = 1;
			if (k == 2) {
				if (c >= '0' && c <= '9')
					id[n++] = (char)c;
			} else if ((c >= '0' && c <= '9') ||
			    (c >= 'A' && c <= 'Z'))
				id[n++] = (char)c;
			else if (c >= 'a' && c <= 'z')
				id[n++] = (char)(c - 32);
			else if ((c == '-' || c == '/') && n > 0)
				break;	/* "1234567-1": a linked charity */
		}
		if (!digit || n == 0)
			continue;
		put_key(o, "supplier_ref");
		buf_addc(o, '"');
		buf_adds(o, pre[k]);
		buf_add(o, id, n);
		buf_addc(o, '"');
		return;
	}
}

/* The current row written back as one CSV line (for a reject's raw). */
static void
row_text(struct state *st, struct buf *o)
{
	size_t i, j;
	const char *s;

	for (i = 0; i < st->nf; i++) {
		s = st->rowp + st->foff[i];
		if (i > 0)
			buf_addc(o, ',');
		if (memchr(s, ',', st->flen[i]) == NULL &&
		    memchr(s, '"', st->flen[i]) == NULL &&
		    memchr(s, '\n', st->flen[i]) == NULL &&
		    memchr(s, '\r', st->flen[i]) == NULL) {
			buf_add(o, s, st->flen[i]);
			continue;
		}
		buf_addc(o, '"');
		for (j = 0; j < st->flen[i]; j++) {
			if (s[j] == '"')
				buf_addc(o, '"');
			buf_addc(o, s[j]);
		}
		buf_addc(o, '"');
	}
}

static void
json_str(struct buf *o, const char *s, size_t len)
{
	buf_addc(o, '"');
	json_escape(o, s, len);
	buf_addc(o, '"');
}

/* Write a reject line for the current row (or, with raw != NULL, for a
 * JSON line) and count it. */
static void
reject(struct state *st, int reason, const char *detail, const char *raw,
    size_t rawlen, int have_amount, int64_t amount)
{
	st->c.rejects++;
	st->c.by_reason[reason]++;
	if (have_amount && money_add(&st->c.reject_amount, amount) != 0)
		warnx_("%s:%ld: rejected amounts overflow", st->name,
		    st->row_line);
	if (st->rej == NULL)
		return;
	buf_reset(&st->rb);
	buf_addc(&st->rb, '{');
	buf_add(&st->rb, st->src.p + 1, st->src.len - 1);	/* no ',' */
	buf_printf(&st->rb, "%ld\",\"reason\":", st->row_line);
	json_str(&st->rb, reason_name[reason], strlen(reason_name[reason]));
	if (detail != NULL) {
		buf_adds(&st->rb, ",\"detail\":");
		buf_reset(&st->tmp);
		text_clean(&st->tmp, detail, strlen(detail), 0);
		json_str(&st->rb, st->tmp.p, st->tmp.len);
	}
	buf_adds(&st->rb, ",\"raw\":");
	buf_reset(&st->tmp2);
	if (raw != NULL)
		buf_add(&st->tmp2, raw, rawlen);
	else
		row_text(st, &st->tmp2);
	buf_reset(&st->tmp);
	text_clean(&st->tmp, st->tmp2.p, st->tmp2.len, 0);
	json_str(&st->rb, st->tmp.p, st->tmp.len);
	buf_add(&st->rb, "}\n", 2);
	if (st->rej == st->out)
		flush_out(st);
	if (fwrite(st->rb.p, 1, st->rb.len, st->rej) != st->rb.len)
		out_close(st->rej, st->o->rejects);
}

/* Whether the current row is a footer: some cell other than the amount
 * reads "Total", "Grand total", "Sub total", "Totals" or "Sum", or the
 * amount is the only cell filled in. */
static int
is_total_row(const struct state *st)
{
	static const char *const words[] = {
		"total", "totals", "grandtotal", "subtotal", "sum",
		"overalltotal", "totalspend", "totalexpenditure",
		"totalpayments", "monthtotal", "total500", "total250"
	};
	char f[FOLD_MAX];
	size_t i, k, len;
	const char *s;
	int others = 0;

	for (i = 0; i < st->nf; i++) {
		if ((int)i == st->map.col[F_AMOUNT])
			continue;
		s = cell(st, (int)i, &len);
		if (len == 0)
			continue;
		others++;
		if (len > 40)
			continue;
		fold(f, s, len);
		for (k = 0; k < sizeof words / sizeof words[0]; k++)
			if (strcmp(f, words[k]) == 0)
				return 1;
	}
	/* a row holding nothing but an amount is a sum */
	return others == 0 && st->map.col[F_AMOUNT] >= 0;
}

static char *
detail_of(struct state *st, const char *what, const char *s, size_t len,
    const char *why)
{
	buf_reset(&st->tmp2);
	buf_printf(&st->tmp2, "%s \"%.*s\": %s", what,
	    (int)(len > 60 ? 60 : len), s, why);
	return st->tmp2.p;
}

/* Spreadsheets export some amounts with binary floating-point noise
 * ("819.8399999999999", "936.1800000000001").  When at least seven
 * decimals are given and those past the pence start with four 9s or four
 * 0s, the published value is the nearest penny: rewrite it so (on the
 * digits, no floating point).  Returns MONEY_OK and sets *pence, or the
 * status of the plain parse. */
static int
parse_amount(const char *s, size_t len, int64_t *pence)
{
	char b[64];
	const char *dot;
	size_t i, k, j, n;
	int r = money_parse(s, len, pence), neg;
	char c;

	if (r != MONEY_PRECISION || len >= sizeof b ||
	    (dot = memchr(s, '.', len)) == NULL)
		return r;
	i = (size_t)(dot - s) + 1;
	for (k = i; k < len && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k - i < 7)
		return r;
	c = s[i + 2];
	if (c != '0' && c != '9')
		return r;
	for (j = i + 2; j < i + 6; j++)
		if (s[j] != c)
			return r;
	memcpy(b, s, i + 2);
	memcpy(b + i + 2, s + k, len - k);
	n = i + 2 + len - k;
	if (money_parse(b, n, pence) != MONEY_OK)
		return r;
	neg = memchr(s, '-', len) != NULL || memchr(s, '(', len) != NULL ||
	    *pence < 0;
	if (c == '9')
		*pence += neg ? -1 : 1;
	return MONEY_OK;
}

/* Turn the current data row into a payment record, or reject it. */
static void
payment_row(struct state *st)
{
	struct layout m;
	struct date d;
	int64_t amt = 0;
	const char *s;
	size_t len;
	int ms, ds, prec = DATE_DAY, known;
	struct buf *o = &st->ob;
	char *det;

	s = fcell(st, F_AMOUNT, &len);
	ms = parse_amount(s, len, &amt);
	if (ms != MONEY_OK) {
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			return;
		}
		if (is_total_row(st)) {
			reject(st, R_TOTAL, NULL, NULL, 0, 0, 0);
			return;
		}
		det = ms == MONEY_EMPTY ? NULL :
		    detail_of(st, "amount", s, len, money_strerror(ms));
		reject(st, ms == MONEY_EMPTY ? R_NO_AMOUNT : R_BAD_AMOUNT,
		    det, NULL, 0, 0, 0);
		return;
	}
	if (st->map.col[F_DATE] >= 0) {
		s = fcell(st, F_DATE, &len);
		ds = date_parse(s, len, &d, &prec);
	} else if (st->have_file_date) {
		d = st->file_date;
		prec = st->file_prec;
		ds = DATE_OK;
	} else
		ds = DATE_EMPTY;
	if (ds != DATE_OK) {
		if (is_total_row(st)) {
			reject(st, R_TOTAL, NULL, NULL, 0, 1, amt);
			return;
		}
		det = ds == DATE_EMPTY ? NULL :
		    detail_of(st, "date", s, len, date_strerror(ds));
		reject(st, ds == DATE_EMPTY ? R_NO_DATE : R_BAD_DATE, det,
		    NULL, 0, 1, amt);
		return;
	}
	s = fcell(st, F_SUPPLIER, &len);
	if (len > 0 && len <= 5 && is_total_row(st)) {
		reject(st, R_TOTAL, NULL, NULL, 0, 1, amt);
		return;
	}

	APP_LIT(o, "{\"kind\":\"payment\",");
	known = put_buyer(st, o);
	put_date(o, "date", d, prec);
	put_money(o, "amount", amt);
	if (len == 0 || is_redacted(st, s, len)) {
		APP_LIT(o, ",\"supplier\":\"\"");
		put_supplier_ref(st, o);
		APP_LIT(o, ",\"redacted\":true");
		st->c.redacted++;
	} else {
		APP_LIT(o, ",\"supplier\":");
		put_text(st, o, s, len);
		put_supplier_ref(st, o);
		APP_LIT(o, ",\"redacted\":false");
	}
	put_opt(st, o, "expense_type", F_EXPENSE);
	put_opt(st, o, "proclass", F_PROCLASS);
	put_opt(st, o, "service_area", F_SERVICE);
	put_opt(st, o, "description", F_DESC);
	put_opt(st, o, "transaction_id", F_TXN);
	app(o, st->src.p, st->src.len);
	app_long(o, st->row_line);
	APP_LIT(o, "\"}\n");
	st->c.records++;
	if (!known)
		st->c.unknown_buyer++;
	if (money_add(&st->c.amount, amt) != 0)
		die_at(st->name, st->row_line, "amount total overflows");
	if (o->len >= OUT_FLUSH)
		flush_out(st);
}

/* Whether s[0..len) holds one of the bytes in set. */
static int
strpbrk_n(const char *s, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(set, s[i]) != NULL && s[i] != '\0')
			return 1;
	return 0;
}

/* Parse a contract-register date cell; DATE_OK only for a day. */
static int
day_of(const char *s, size_t len, struct date *d)
{
	int prec = DATE_DAY, r = date_parse(s, len, d, &prec);

	if (r == DATE_OK && prec != DATE_DAY)
		return DATE_BAD;
	return r;
}

/* Turn the current data row of a contract register into a contract
 * record, or reject it. */
static void
contract_row(struct state *st)
{
	struct layout m;
	struct date start, end;
	int64_t value = 0, annual = 0;
	const char *s;
	size_t len, tlen;
	int have_value = 0, have_annual = 0, have_start = 0, have_end = 0;
	int r, known;
	char f[FOLD_MAX];
	struct buf *o = &st->ob;

	s = fcell(st, F_SUPPLIER, &len);
	(void)fcell(st, F_TITLE, &tlen);
	if (len == 0 && tlen == 0) {
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			return;
		}
		reject(st, is_total_row(st) ? R_TOTAL : R_NO_SUPPLIER, NULL,
		    NULL, 0, 0, 0);
		return;
	}
	s = fcell(st, F_VALUE, &len);
	if ((r = parse_amount(s, len, &value)) == MONEY_OK)
		have_value = 1;
	else if (r != MONEY_EMPTY) {
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			return;
		}
		reject(st, R_BAD_VALUE, detail_of(st, "value", s, len,
		    money_strerror(r)), NULL, 0, 0, 0);
		return;
	}
	s = fcell(st, F_ANNUAL, &len);
	if (parse_amount(s, len, &annual) == MONEY_OK)
		have_annual = 1;
	/* a start that holds no digit ("TBC", "X") is unknown, not wrong */
	s = fcell(st, F_START, &len);
	if ((r = day_of(s, len, &start)) == DATE_OK)
		have_start = 1;
	else if (r != DATE_EMPTY && strpbrk_n(s, len, "0123456789")) {
		reject(st, R_BAD_DATE, detail_of(st, "start", s, len,
		    date_strerror(r)), NULL, 0, have_value, value);
		return;
	}
	/* the current expiry (after extensions) wins over the first end */
	s = fcell(st, F_EXPIRY, &len);
	if (day_of(s, len, &end) == DATE_OK)
		have_end = 1;
	else {
		s = fcell(st, F_END, &len);
		if (day_of(s, len, &end) == DATE_OK)
			have_end = 1;
	}

	buf_adds(o, "{\"kind\":\"contract\",");
	known = put_buyer(st, o);
	if (have_start)
		put_date(o, "date", start, DATE_DAY);
	s = fcell(st, F_SUPPLIER, &len);
	if (len == 0 || is_redacted(st, s, len)) {
		buf_adds(o, ",\"supplier\":\"\"");
		put_supplier_ref(st, o);
		buf_adds(o, ",\"redacted\":true");
		st->c.redacted++;
	} else {
		put_key(o, "supplier");
		put_text(st, o, s, len);
		put_supplier_ref(st, o);
		buf_adds(o, ",\"redacted\":false");
	}
	put_opt(st, o, "description", F_DESC);
	put_opt(st, o, "cpv", F_CPV);
	put_opt(st, o, "title", F_TITLE);
	if (have_start)
		put_date(o, "start", start, DATE_DAY);
	if (have_end)
		put_date(o, "end", end, DATE_DAY);
	if (have_value)
		put_money(o, "value", value);
	s = fcell(st, F_SME, &len);
	fold(f, s, len);
	if (strcmp(f, "yes") == 0 || strcmp(f, "y") == 0 ||
	    strcmp(f, "true") == 0)
		buf_adds(o, ",\"sme\":true");
	else if (strcmp(f, "no") == 0 || strcmp(f, "n") == 0 ||
	    strcmp(f, "false") == 0)
		buf_adds(o, ",\"sme\":false");
	else if (st->map.col[F_SME] >= 0)
		buf_adds(o, ",\"sme\":null");
	app(o, st->src.p, st->src.len);
	app_long(o, st->row_line);
	APP_LIT(o, "\"");
	if (have_annual)
		put_money(o, "annual_value", annual);
	put_opt(st, o, "proclass", F_PROCLASS);
	put_opt(st, o, "reference", F_REF);
	buf_add(o, "}\n", 2);
	st->c.records++;
	if (!known)
		st->c.unknown_buyer++;
	if (have_value && money_add(&st->c.amount, value) != 0)
		die_at(st->name, st->row_line, "value total overflows");
	if (o->len >= OUT_FLUSH)
		flush_out(st);
}

/* Whether s[0..len) holds a byte below 0x0E (a CR or LF among them). */
static int
has_low(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t x;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		if (LESS(x, 0x0E) != 0)
			return 1;
	}
	if (len >= 8) {
		memcpy(&x, s + len - 8, 8);
		return LESS(x, 0x0E) != 0;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] < 0x0E)
			return 1;
	return 0;
}

/* Line breaks inside a field (a quoted one): CRLF, CR and LF count one
 * each.  A word-at-a-time test skips fields with no byte below 0x0E. */
static long
count_breaks(const char *s, size_t len)
{
	size_t i = 0;
	uint64_t x;
	long n = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&x, s + i, 8);
		if (LESS(x, 0x0E) != 0)
			break;
	}
	for (; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 == len || s[i + 1] != '\n')))
			n++;
	return n;
}

/* A title row above the header that is just a council's name ("Aberdeen
 * City Council") gives the buyer of rows that name none. */
static void
title_row(struct state *st)
{
	const struct council *cn;
	const char *s = NULL;
	size_t i, len = 0, n = 0;
	int known;

	if (st->title_buyer.len > 0 || st->fixed_buyer != NULL)
		return;
	for (i = 0; i < st->nf; i++) {
		const char *t;
		size_t tl;

		t = cell(st, (int)i, &tl);
		if (tl > 0) {
			s = t;
			len = tl;
			n++;
		}
	}
	if (n != 1 || len > 80 || (cn = find_council(st, s, len)) == NULL)
		return;
	buyer_json(st, &st->title_buyer, s, len, cn, &known);
}

/* A row ended (c: the character that ended it): classify the row and
 * act on it. */
static void
row_end(struct state *st, int c)
{
	struct layout m;
	size_t i;
	int blank = 1;

	/* CSV_REPALL_NL reports every line end, so an empty row is either
	 * the LF of a CRLF or a blank line */
	if (st->nf == 0) {
		if (!(c == '\n' && st->last_term == '\r')) {
			st->c.rows++;
			st->c.blank++;
			st->line++;
		}
		st->last_term = c;
		return;
	}
	st->last_term = c;
	st->row_line = st->line;
	st->line += st->breaks + 1;
	st->breaks = 0;
	st->c.rows++;
	for (i = 0; i < st->nf && blank; i++) {
		size_t len;

		cell(st, (int)i, &len);
		if (len > 0)
			blank = 0;
	}
	if (blank || st->fatal != NULL || st->probe_done) {
		if (blank)
			st->c.blank++;
		goto done;
	}
	if (st->late) {
		if (try_header(st, &m)) {
			st->late_map = m;
			st->late_found = 1;
			st->probe_done = 1;
		}
		goto done;
	}
	if (!st->map.ok) {
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			if (st->probe)
				st->probe_done = 1;
		} else {
			st->c.preamble++;
			title_row(st);
			if (st->c.preamble >= HEADER_SCAN && st->seekable)
				st->late = 1;	/* the header may be further down */
			else if (st->c.preamble >= HEADER_SCAN) {
				st->fatal = "no header row found (give "
				    "--layout FILE or --map FIELD=COLUMN)";
				st->fatal_line = 0;
			}
		}
		goto done;
	}
	if (st->o->kind == K_CONTRACT)
		contract_row(st);
	else
		payment_row(st);
done:
	st->nf = 0;
}

/* A period from a file name: 2023-04, 2016-Q1, 201905 (yyyymm) anywhere
 * in it, or a name that is just yymm (1701.csv).  Returns 1 and sets *d
 * and *prec when found. */
static int
period_from_name(const char *path, struct date *d, int *prec)
{
	const char *b = strrchr(path, '/'), *s, *dot;
	size_t n, i, run;
	char tmp[16];

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	n = dot != NULL ? (size_t)(dot - b) : strlen(b);
	for (i = 0; i < n; i++) {
		if (b[i] < '0' || b[i] > '9' || (i > 0 && b[i - 1] >= '0' &&
		    b[i - 1] <= '9'))
			continue;
		s = b + i;
		for (run = 0; i + run < n && s[run] >= '0' && s[run] <= '9';
		    run++)
			;
		if (run == 4 && i + 7 <= n && s[4] == '-' &&
		    s[5] >= '0' && s[5] <= '9' && s[6] >= '0' && s[6] <= '9' &&
		    (i + 7 == n || s[7] < '0' || s[7] > '9')) {
			if (date_parse(s, 7, d, prec) == DATE_OK)
				return 1;
		}
		if (run == 4 && i + 7 <= n && s[4] == '-' &&
		    (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4') {
			snprintf(tmp, sizeof tmp, "%.4s Q%c", s, s[6]);
			if (date_parse(tmp, strlen(tmp), d, prec) == DATE_OK)
				return 1;
		}
		if (run == 6 && date_parse(s, 6, d, prec) == DATE_OK &&
		    *prec == DATE_MONTH)
			return 1;
		if (run == 4 && n == 4) {
			snprintf(tmp, sizeof tmp, "20%.2s-%.2s", s, s + 2);
			if (date_parse(tmp, 7, d, prec) == DATE_OK)
				return 1;
		}
	}
	return 0;
}

static void
count_add(struct counts *a, const struct counts *b)
{
	int i;

	a->lines += b->lines;
	a->rows += b->rows;
	a->records += b->records;
	a->rejects += b->rejects;
	a->blank += b->blank;
	a->preamble += b->preamble;
	a->headers += b->headers;
	a->unknown_buyer += b->unknown_buyer;
	a->redacted += b->redacted;
	money_add(&a->amount, b->amount);
	money_add(&a->reject_amount, b->reject_amount);
	for (i = 0; i < NREASON; i++)
		a->by_reason[i] += b->by_reason[i];
}

static void
report(const char *name, const struct counts *c)
{
	char a[MONEY_FMT_MAX], r[MONEY_FMT_MAX];

	money_fmt(a, c->amount);
	money_fmt(r, c->reject_amount);
	fprintf(stderr, "%s: %s: lines %lld, rows %lld = records %lld + "
	    "rejects %lld + skipped %lld (blank %lld, preamble %lld, "
	    "header %lld)\n", progname(), name, c->lines, c->rows, c->records,
	    c->rejects, c->blank + c->preamble + c->headers, c->blank,
	    c->preamble, c->headers);
	fprintf(stderr, "%s: %s: amount records %s, rejects %s; unknown "
	    "buyer %lld; redacted %lld\n", progname(), name, a, r,
	    c->unknown_buyer, c->redacted);
}

static void
report_reasons(const char *name, const struct counts *c)
{
	int i, any = 0;

	for (i = 0; i < NREASON; i++) {
		if (c->by_reason[i] == 0)
			continue;
		if (!any)
			fprintf(stderr, "%s: %s: rejects by reason: ",
			    progname(), name);
		fprintf(stderr, "%s%s %lld", any ? ", " : "", reason_name[i],
		    c->by_reason[i]);
		any = 1;
	}
	if (any)
		fputc('\n', stderr);
}

/* Start a stream: counters, mapping, source prefix, file period. */
static void
stream_begin(struct state *st, const char *name)
{
	memset(&st->c, 0, sizeof st->c);
	st->name = name;
	st->fatal = NULL;
	st->fatal_line = 0;
	st->line = 1;
	st->row_line = 1;
	st->breaks = 0;
	st->last_term = 0;
	buf_reset(&st->title_buyer);
	st->probe_done = 0;
	st->nf = 0;
	st->bvalid = 0;
	if (st->have_base)
		st->map = st->base;
	else
		layout_clear(&st->map);
	buf_reset(&st->src);
	buf_adds(&st->src, ",\"source\":\"");
	buf_reset(&st->tmp);
	text_clean(&st->tmp, name, strlen(name), 0);
	json_escape(&st->src, st->tmp.p, st->tmp.len);
	buf_addc(&st->src, ':');
	st->have_file_date = 0;
	if (st->o->period != NULL) {
		if (date_parse(st->o->period, strlen(st->o->period),
		    &st->file_date, &st->file_prec) == DATE_OK)
			st->have_file_date = 1;
	} else if (period_from_name(name, &st->file_date, &st->file_prec))
		st->have_file_date = 1;
}

/* Normalise the rows of batch b.  Returns 1 when the stream is to stop:
 * at an error, or at the end of a block in which a fatal condition was
 * met or a --layout header was found (a one-stage reading stops there). */
static int
consume(struct state *st, const struct csvr_batch *b)
{
	size_t i, k, off = 0, len;
	uint64_t e;

	st->rowp = b->data;
	for (i = 0; i < b->nev; i++) {
		e = b->ev[i];
		switch (CSVR_TAG(e)) {
		case CSVR_FIELD:
			len = (size_t)CSVR_VAL(e);
			if (st->nf == st->fcap) {
				st->fcap = st->fcap ? st->fcap * 2 : 64;
				st->foff = ereallocarray(st->foff, st->fcap,
				    sizeof *st->foff);
				st->flen = ereallocarray(st->flen, st->fcap,
				    sizeof *st->flen);
			}
			st->foff[st->nf] = off;
			st->flen[st->nf] = len;
			st->nf++;
			off += len;
			break;
		case CSVR_ROW:
			/* line breaks inside the row's quoted fields: most
			 * rows have no byte below 0x0E at all */
			if (st->nf > 0 && has_low(b->data + st->foff[0],
			    off - st->foff[0]))
				for (k = 0; k < st->nf; k++)
					st->breaks += count_breaks(b->data +
					    st->foff[k], st->flen[k]);
			row_end(st, (int)(uint32_t)CSVR_VAL(e));
			break;
		case CSVR_BLOCK:
			if (st->fatal != NULL || st->probe_done)
				return 1;
			break;
		case CSVR_ERROR:
			switch ((int)CSVR_VAL(e)) {
			case CSVR_AT_LINE:
				st->fatal = b->err;
				st->fatal_line = st->line;
				break;
			case CSVR_NO_LINE:
				st->fatal = b->err;
				break;
			default:
				if (st->fatal == NULL)
					st->fatal = b->err;
			}
			return 1;
		}
	}
	return 0;
}

/* Process one CSV stream.  Returns 0, 1 when the stream cannot be used
 * (after a one-line message "normalise: NAME[:LINE]: reason"), or 2 when
 * a header was found below the data and the stream is to be read again.
 * Physical lines are counted from the row ends libcsv reports
 * (CSV_REPALL_NL: every CR and LF) and the line breaks inside quoted
 * fields. */
static int
csv_stream(struct state *st, FILE *in, const char *name)
{
	struct csvr *r;
	struct csvr_batch *b;
	int rc = 0, empty;

	r = csvr_open(in, st->o->threads);
	for (;;) {
		b = csvr_next(r);
		if (consume(st, b) || b->last)
			break;
		csvr_done(r, b);	/* b is the reader's from here */
	}
	empty = csvr_empty(r);
	csvr_close(r, b);
	if (st->fatal == NULL && st->late_found)
		return 2;	/* the caller reads the file again */
	st->c.lines = st->line - 1;
	if (empty && st->fatal == NULL)
		st->fatal = "empty file";
	if (st->fatal == NULL && !st->map.ok && !st->probe)
		st->fatal = st->c.rows == st->c.blank ? "no data rows" :
		    "no header row found (give --layout FILE or --map "
		    "FIELD=COLUMN)";
	if (st->fatal != NULL) {
		if (st->fatal_line > 0)
			fprintf(stderr, "%s: %s:%ld: %s\n", progname(), name,
			    st->fatal_line, st->fatal);
		else
			fprintf(stderr, "%s: %s: %s\n", progname(), name,
			    st->fatal);
		rc = 1;
	}
	return rc;
}


/* Canonicalise a date-like JSON field in place; returns 0, or -1 (with
 * a message in det) when the value is not a date. */
static int
jsonl_date(struct state *st, struct rec *r, const char *key, struct buf *det)
{
	const struct rec_field *f = rec_get(r, key);
	struct date d;
	int prec = DATE_DAY, s;
	char b[16];

	if (f == NULL || (f->vlen == 4 && memcmp(f->val, "null", 4) == 0))
		return 0;
	if (rec_get_str(r, key, &st->tmp) != 1) {
		buf_printf(det, "%s is not a string", key);
		return -1;
	}
	s = date_parse(st->tmp.p, st->tmp.len, &d, &prec);
	if (s == DATE_EMPTY) {
		rec_set_null(r, key);
		return 0;
	}
	if (s != DATE_OK) {
		buf_printf(det, "%s \"%.60s\": %s", key, st->tmp.p,
		    date_strerror(s));
		return -1;
	}
	rec_set_str(r, key, b, date_fmt(b, d));
	if (strcmp(key, "date") == 0 && prec != DATE_DAY)
		rec_set_str(r, "date_precision", prec == DATE_MONTH ? "month" :
		    "quarter", prec == DATE_MONTH ? 5 : 7);
	return 0;
}

static int
jsonl_money(struct state *st, struct rec *r, const char *key,
    struct buf *det, int64_t *out, int *have)
{
	int64_t p;
	int s = rec_get_money(r, key, &p);

	(void)st;
	if (s == 0) {
		const struct rec_field *f = rec_get(r, key);

		if (f != NULL && f->vlen == 2 && memcmp(f->val, "\"\"", 2) == 0)
			rec_set_null(r, key);
		return 0;
	}
	if (s < 0) {
		const struct rec_field *f = rec_get(r, key);

		buf_printf(det, "%s %.*s: not an amount", key,
		    (int)(f->vlen > 60 ? 60 : f->vlen), f->val);
		return -1;
	}
	rec_set_money(r, key, p);
	if (out != NULL) {
		*out = p;
		*have = 1;
	}
	return 0;
}

/* Clean a string field in place (whitespace and encoding). */
static void
jsonl_text(struct state *st, struct rec *r, const char *key)
{
	if (rec_get_str(r, key, &st->tmp2) != 1)
		return;
	buf_reset(&st->tmp);
	text_clean(&st->tmp, st->tmp2.p, st->tmp2.len,
	    TEXT_TRIM | TEXT_SQUEEZE);
	if (st->tmp.len != st->tmp2.len ||
	    memcmp(st->tmp.p, st->tmp2.p, st->tmp.len) != 0)
		rec_set_str(r, key, st->tmp.p, st->tmp.len);
}

/* Process one JSON-lines stream. */
static int
jsonl_stream(struct state *st, FILE *in, const char *name)
{
	struct rec_reader rd;
	struct rec r;
	struct buf det = { 0 };
	static const char *const dates[] = { "date", "start", "end", "max_end" };
	static const char *const texts[] = { "supplier", "buyer", "title",
	    "description", "expense_type", "service_area", "transaction_id",
	    NULL };
	int64_t amt = 0;
	int have_amt, k, bad, known, rc = 0;
	const struct council *cn;
	char b[32];

	memset(&rd, 0, sizeof rd);
	rd.fp = in;
	rd.name = name;
	rec_init(&r);
	for (;;) {
		int s = rec_next(&rd, &r);

		if (s == 0)
			break;
		if (s == -2) {
			fprintf(stderr, "%s: %s: read error\n", progname(),
			    name);
			rc = 1;
			break;
		}
		st->c.rows++;
		st->row_line = rd.line;
		if (s == -1) {
			reject(st, R_BAD_RECORD, rd.err, rd.buf,
			    strcspn(rd.buf, "\r\n"), 0, 0);
			continue;
		}
		buf_reset(&det);
		bad = 0;
		have_amt = 0;
		for (k = 0; texts[k] != NULL && !bad; k++)
			if (rec_get_str(&r, texts[k], &st->tmp) < 0) {
				buf_printf(&det, "%s is not a string", texts[k]);
				bad = R_BAD_RECORD + 1;
			}
		for (k = 0; k < 4 && !bad; k++)
			if (jsonl_date(st, &r, dates[k], &det) != 0)
				bad = R_BAD_DATE + 1;
		if (!bad && jsonl_money(st, &r, "amount", &det, &amt,
		    &have_amt) != 0)
			bad = R_BAD_AMOUNT + 1;
		if (!bad && jsonl_money(st, &r, "value", &det,
		    have_amt ? NULL : &amt, &have_amt) != 0)
			bad = R_BAD_VALUE + 1;
		if (bad) {
			reject(st, bad - 1, det.p, rd.buf,
			    strcspn(rd.buf, "\r\n"), 0, 0);
			continue;
		}
		jsonl_text(st, &r, "supplier");
		jsonl_text(st, &r, "buyer");
		if (rec_get(&r, "kind") == NULL)
			rec_set_str(&r, "kind", st->o->kind == K_CONTRACT ?
			    "contract" : "payment", st->o->kind == K_CONTRACT ?
			    8 : 7);
		if (st->o->buyer != NULL)
			rec_set_str(&r, "buyer", st->o->buyer,
			    strlen(st->o->buyer));
		cn = NULL;
		if (rec_get_str(&r, "buyer", &st->tmp2) == 1 &&
		    st->councils != NULL)
			cn = councils_find(st->councils, st->tmp2.p,
			    st->tmp2.len);
		known = cn != NULL;
		if (cn != NULL) {
			rec_set_str(&r, "buyer_id", cn->gss, strlen(cn->gss));
			rec_set_str(&r, "region", cn->region,
			    strlen(cn->region));
		} else {
			const struct rec_field *f = rec_get(&r, "buyer_id");

			if (f == NULL)
				rec_set_null(&r, "buyer_id");
			else if (!(f->vlen == 4 &&
			    memcmp(f->val, "null", 4) == 0))
				known = 1;
			if (rec_get(&r, "region") == NULL)
				rec_set_null(&r, "region");
		}
		if (rec_get(&r, "source") == NULL) {
			snprintf(b, sizeof b, ":%ld", rd.line);
			buf_reset(&st->tmp);
			buf_adds(&st->tmp, name);
			buf_adds(&st->tmp, b);
			buf_reset(&st->tmp2);
			text_clean(&st->tmp2, st->tmp.p, st->tmp.len, 0);
			rec_set_str(&r, "source", st->tmp2.p, st->tmp2.len);
		}
		rec_serialize(&r, &st->ob);
		st->c.records++;
		if (!known)
			st->c.unknown_buyer++;
		if (have_amt)
			money_add(&st->c.amount, amt);
		if (st->ob.len >= OUT_FLUSH)
			flush_out(st);
	}
	st->c.lines = rd.line;
	st->c.blank = rd.line - st->c.rows;
	st->c.rows = rd.line;
	rd.fp = NULL;
	free(rd.buf);
	rec_free(&r);
	buf_free(&det);
	return rc;
}

/* Process one input stream: CSV or JSON lines, as the options say.
 * Returns 0, or non-zero when the stream was unusable (the message is
 * printed; records written before the problem stay written).  A file
 * whose header is not within the first HEADER_SCAN rows is searched on
 * when it can be read again; a header found further down maps the whole
 * file on a second reading. */
int
normalise_stream(struct state *st, FILE *in, const char *name)
{
	int rc;

	stream_begin(st, name);
	st->seekable = !st->probe && !st->o->jsonl &&
	    fseeko(in, 0, SEEK_CUR) == 0;
	st->late = st->late_found = 0;
	rc = st->o->jsonl ? jsonl_stream(st, in, name) :
	    csv_stream(st, in, name);
	if (rc == 2) {
		/* The header sits below the data (Hyndburn puts it at the end
		 * of some months): read the file again mapped by it. */
		struct layout m = st->late_map;

		stream_begin(st, name);
		st->late = st->late_found = st->seekable = 0;
		if (fseeko(in, 0, SEEK_SET) != 0)
			die("%s: %s", name, strerror(errno));
		clearerr(in);
		st->map = m;
		rc = csv_stream(st, in, name);
	}
	flush_out(st);
	if (st->o->verbose && !st->probe) {
		report(name, &st->c);
		report_reasons(name, &st->c);
	}
	count_add(&st->all, &st->c);
	return rc;
}

/* Set up a state from options (loads the tables). */
static void
state_init(struct state *st, const struct opts *o, FILE *out)
{
	memset(st, 0, sizeof *st);
	st->o = o;
	st->out = out;
	load_aliases(st);
	load_redacted(st);
	st->councils = councils_load(schema_path("councils.tsv"));
	layout_clear(&st->base);
	if (o->buyer != NULL) {
		const struct council *cn = find_council(st, o->buyer,
		    strlen(o->buyer));
		struct buf b = { 0 };

		buyer_json(st, &b, o->buyer, strlen(o->buyer), cn,
		    &st->fixed_known);
		st->fixed_buyer = b.p;
		st->fixed_len = b.len;
	}
}

static void
state_free(struct state *st)
{
	size_t i;

	for (i = 0; i < st->aliases.cap; i++) {
		struct alias *a, *next;

		if (st->aliases.slot[i].key == NULL)
			continue;
		for (a = st->aliases.slot[i].val; a != NULL; a = next) {
			next = a->next;
			free(a);
		}
	}
	strmap_free(&st->aliases);
	free(st->redacted);
	free(st->prefix);
	councils_free(st->councils);
	free(st->fixed_buyer);
	free(st->foff);
	free(st->flen);
	buf_free(&st->src);
	buf_free(&st->ob);
	buf_free(&st->rb);
	buf_free(&st->tmp);
	buf_free(&st->tmp2);
	buf_free(&st->bkey);
	buf_free(&st->bjson);
	buf_free(&st->title_buyer);
}

#ifdef NORMALISE_NO_MAIN
int	normalise_fuzz(FILE *in, const char *name, FILE *out, FILE *rej);

/* For tests/fuzz/fuzz_csv.c, which links this file built with
 * -DNORMALISE_NO_MAIN: normalise the CSV in with no options, records to
 * out and rejects to rej.  The tables are loaded at the first call. */
int
normalise_fuzz(FILE *in, const char *name, FILE *out, FILE *rej)
{
	static struct opts o;
	static struct state st;
	static int ready;

	if (!ready) {
		state_init(&st, &o, NULL);
		ready = 1;
	}
	st.out = out;
	st.rej = rej;
	return normalise_stream(&st, in, name);
}
#else
/* Whether a mapping can drive records of the configured kind. */
static int
layout_usable(const struct state *st, const struct layout *m)
{
	if (st->o->kind == K_CONTRACT)
		return m->col[F_SUPPLIER] >= 0 || m->col[F_TITLE] >= 0;
	return m->col[F_AMOUNT] >= 0;
}

/* The mapping of --map FIELD=COLUMN options alone, and of --layout FILE:
 * the header of that file.  Dies when the layout file has no header. */
static void
state_base(struct state *st)
{
	size_t i;
	int numbered = 0;

	for (i = 0; i < st->o->nov; i++)
		if (st->o->ov[i].col >= 0)
			numbered = 1;
	if (st->o->layout != NULL) {
		FILE *fp = efopen_in(st->o->layout);
		struct counts keep = st->all;

		st->probe = 1;
		normalise_stream(st, fp, st->o->layout);
		st->probe = 0;
		st->all = keep;
		if (fp != stdin)
			fclose(fp);
		if (!st->map.ok)
			die("%s: no header row to take a layout from",
			    st->o->layout);
		st->base = st->map;
		st->have_base = 1;
	}
	if (numbered) {
		apply_numbered(st, &st->base);
		if (layout_usable(st, &st->base)) {
			st->base.ok = 1;
			st->have_base = 1;
		}
	}
}

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: %s [-hv] [--buyer name] [--from csv|jsonl] "
	    "[--kind payment|contract]\n"
	    "       [--layout file] [--map field=header|field=column]... "
	    "[--period period]\n"
	    "       [--rejects file] [--threads 1|2] [file ...]\n",
	    progname());
	exit(status);
}

/* Parse --map FIELD=HEADER or FIELD=N into o. */
static void
add_map(struct opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct override *ov;
	long long n;
	int f;

	if (eq == NULL || eq == arg || eq[1] == '\0') {
		warnx_("--map %s: expected FIELD=HEADER or FIELD=COLUMN", arg);
		usage(2);
	}
	if ((f = field_index(arg, (size_t)(eq - arg))) < 0) {
		warnx_("--map %s: unknown field \"%.*s\"", arg,
		    (int)(eq - arg), arg);
		usage(2);
	}
	o->ov = ereallocarray(o->ov, o->nov + 1, sizeof *o->ov);
	ov = &o->ov[o->nov++];
	ov->field = f;
	ov->col = -1;
	if (parse_ll(eq + 1, 1, 100000, &n) == 0)
		ov->col = (int)n - 1;
	else if ((ov->flen = fold(ov->fold, eq + 1, strlen(eq + 1))) == 0) {
		warnx_("--map %s: empty header name", arg);
		usage(2);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "buyer", required_argument, NULL, 'b' },
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "kind", required_argument, NULL, 'k' },
		{ "layout", required_argument, NULL, 'l' },
		{ "map", required_argument, NULL, 'm' },
		{ "period", required_argument, NULL, 'p' },
		{ "rejects", required_argument, NULL, 'r' },
		{ "threads", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	struct state st;
	FILE *fp;
	int ch, i, rc = 0;
	long long n;

	set_progname(argv[0]);
	out_init();
	memset(&o, 0, sizeof o);
	o.threads = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	while ((ch = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			o.buyer = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				o.jsonl = 1;
			else if (strcmp(optarg, "csv") != 0) {
				warnx_("--from %s: expected csv or jsonl",
				    optarg);
				usage(2);
			}
			break;
		case 'h':
			usage(0);
			break;
		case 'k':
			if (strcmp(optarg, "contract") == 0)
				o.kind = K_CONTRACT;
			else if (strcmp(optarg, "payment") != 0) {
				warnx_("--kind %s: expected payment or "
				    "contract", optarg);
				usage(2);
			}
			break;
		case 'l':
			o.layout = optarg;
			break;
		case 'm':
			add_map(&o, optarg);
			break;
		case 'p':
			{
				struct date d;
				int prec;

				if (date_parse(optarg, strlen(optarg), &d,
				    &prec) != DATE_OK) {
					warnx_("--period %s: not a date or "
					    "period", optarg);
					usage(2);
				}
			}
			o.period = optarg;
			break;
		case 'r':
			o.rejects = optarg;
			break;
		case 't':
			if (parse_ll(optarg, 1, 2, &n) != 0) {
				warnx_("--threads %s: expected 1 or 2", optarg);
				usage(2);
			}
			o.threads = (int)n;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'V':
			print_version();
		default:
			usage(2);
		}
	}
	argc -= optind;
	argv += optind;

	state_init(&st, &o, stdout);
	/* share the stream when rejects go to our own stdout or stderr, so
	 * that lines from both keep their order */
	if (o.rejects == NULL)
		;
	else if (strcmp(o.rejects, "/dev/stdout") == 0)
		st.rej = stdout;
	else if (strcmp(o.rejects, "/dev/stderr") == 0)
		st.rej = stderr;
	else if ((st.rej = fopen(o.rejects, "w")) == NULL)
		die("%s: %s", o.rejects, strerror(errno));
	state_base(&st);
	if (argc == 0)
		rc |= normalise_stream(&st, stdin, input_name(NULL));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			rc |= normalise_stream(&st, stdin, input_name(NULL));
			continue;
		}
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			fprintf(stderr, "%s: %s: %s\n", progname(), argv[i],
			    strerror(errno));
			rc = 1;
			continue;
		}
		rc |= normalise_stream(&st, fp, argv[i]);
		fclose(fp);
	}
	if (o.verbose && argc > 1) {
		report("total", &st.all);
		report_reasons("total", &st.all);
	}
	if (st.rej != NULL && st.rej != stdout && st.rej != stderr) {
		out_close(st.rej, o.rejects);
		fclose(st.rej);
	}
	state_free(&st);
	free(o.ov);
	out_close(stdout, "standard output");
	return rc ? 1 : 0;
}
#endif
