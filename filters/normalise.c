/* normalise: turn one raw input into canonical records (README.md, "Records").
 *
 * CSV input (the default) is a council's spending file as published,
 * separated by commas, tabs, semicolons or pipes (the reader decides which
 * from the first rows, lib/csvread.h, unless --delimiter says).  Its
 * layout is decided on the first rows, held until then (decide()): the
 * header row is found below any title rows by its names (through
 * schemas/columns.tsv) or as labels above typed data, names the table
 * lacks are read tolerantly, each column's content is profiled, and the
 * content confirms, corrects or fills the amount, date and supplier (a
 * file with no header at all is read by content); the file's period comes
 * from --period, a title row or the file name.  Then every data row becomes
 * one "payment" record (or "contract" with --kind contract) with buyer,
 * buyer_id, region, date, amount, supplier, supplier_ref, redacted,
 * expense_type, service_area, description, transaction_id and source.
 * JSON-lines input (--from jsonl) is canonicalised field by field and
 * every field normalise does not own passes through untouched.
 *
 * Every physical input line ends as exactly one of: part of a record, part
 * of a reject (written to --rejects as JSON with source, reason, raw), or
 * a counted blank, preamble or header line.  State per input stream lives
 * in struct state; nothing is held beyond the first HOLD_ROWS rows (at
 * most HOLD_BYTES) and a few batches of rows in flight between the reader
 * (lib/csvread.h) and the normaliser, so memory does not grow with the
 * input.  Built with -DNORMALISE_NO_MAIN, this
 * file has no main() but normalise_fuzz() (tests/fuzz/fuzz_csv.c). */
#include <ctype.h>
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
#define HOLD_ROWS	200		/* rows read before the layout is set */
#define HOLD_BYTES	(1 << 20)	/* ... or this many bytes of them */
#define PROF_COLS	64		/* columns whose content is profiled */
#define PROF_ROWS	60		/* data rows profiled */
_Static_assert(PROF_COLS <= 64, "state.dcomma holds a bit per column");
#define KIND_UNSET	(~0u)		/* a held cell not yet classified */

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

/* How a field's column was found (shown by --explain). */
enum by { BY_NONE, BY_ALIAS, BY_TOLERANT, BY_CONTENT, BY_BOTH, BY_MAP };
static const char *const by_name[] = {
	"none", "alias", "tolerant name", "content", "name and content",
	"--map"
};

/* Which column holds each field; -1 for none. */
struct layout {
	int		col[NFIELD];
	int		rank[NFIELD];
	unsigned char	by[NFIELD];	/* enum by */
	int		ok;		/* a usable mapping is set */
};

/* Rows held at the start of a stream until its layout is decided: the
 * header is looked for and the columns profiled on them, then they are
 * read as any other row.  At most HOLD_ROWS rows or HOLD_BYTES bytes. */
struct hold {
	struct buf	 bytes;		/* fields' bytes, back to back */
	size_t		*off, *len;	/* every held field */
	unsigned	*kind;		/* its cell_kind() */
	size_t		 nf, fcap;
	size_t		*first, *nfs;	/* each row's first field, count */
	long		*line;		/* each row's first line */
	size_t		 nrow, rcap;
};

/* What a stream's layout decision found, for -v and --explain. */
struct decision {
	int		 decided;	/* the layout is set */
	int		 how;		/* 0 none, 1 alias, 2 content header,
					 * 3 no header: content only, 4 given */
	long		 header_line;	/* 0 when none */
	int		 content;	/* fields filled by content */
	int		 corrected;	/* fields moved by content */
	int		 tolerant;	/* fields found by tolerant names */
	int		 unmapped;	/* named columns used by no field */
	const char	*period_from;	/* "option", "title", "file-name" */
	const char	*date_rule;	/* how the date column is read */
	int		 fiscal_quarter;/* the file name's Qn is counted
					 * from April */
	struct date	 title_date;	/* a period a title row gives */
	int		 title_prec;
	int		 have_title;
	struct buf	 text;		/* --explain lines */
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
	long long	redacted;	/* records withheld by a redaction
					 * wording */
	long long	supplier;	/* records with a supplier name */
	long long	no_supplier;	/* records with none (blank, or no
					 * column) and no redaction wording */
	long long	outside;	/* records dated outside the file's
					 * period */
	long long	rounded;	/* amounts rounded from half pennies */
	long long	by_period;	/* records whose blank date cell took
					 * the file's period */
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
	int		 explain;	/* --explain: layouts, no records */
	int		 fiscal;	/* --fiscal-periods: yyyypp dates are
					 * fiscal periods from April */
	int		 accept_missing;/* --accept-missing: a core field
					 * missing on most rows is no error */
	int		 threads;	/* --threads: 2 reads and normalises
					 * on two cores, else 1 */
	int		 delim;		/* --delimiter, or 0: by content */
	struct override	*ov;		/* --map overrides */
	size_t		 nov;
};

struct state {
	const struct opts	*o;
	struct strmap		 aliases;	/* folded header -> struct alias */
	struct strmap		 alias_words;	/* sorted words -> folded alias */
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
	int			 per_lo, per_hi;	/* its months, y * 12 + m */
	int			 fiscal;	/* yyyypp dates are fiscal periods
						 * counted from April */
	int			 pnn;		/* dates are P01..P13 periods */
	int			 mdy;		/* dates are written month first */
	int			 fy_col;	/* ... of the fiscal years in this
						 * column, or -1 */
	int			 fy_year;	/* ... else of the year from April
						 * of this year, or 0 */
	struct hold		 hold;		/* rows before the layout */
	struct decision		 dec;
	uint64_t		 dcomma;	/* columns (bits, PROF_COLS of
						 * them) whose amounts have a
						 * decimal comma */
	struct csvr_delim	 delim;		/* the stream's delimiter */
	struct layout		 content_map;	/* a layout by content alone,
						 * used when no header is found
						 * further down either */
	int			 content_ok;
	uint64_t		 header_hash;	/* the header row's folded text */
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
	return text_fold_alnum(out, FOLD_MAX, s, len);
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

/* Split a header cell into lower-case words, leaving out what is in
 * brackets ("(T)", "(£)", "(net of VAT)") and decorations: GBP, pounds,
 * "excl VAT" and the like.  Returns the word count (at most max). */
static int
header_words(const char *s, size_t len, char w[][24], int max)
{
	int n = 0, depth = 0;
	size_t i = 0, k;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '(' || c == '[') {
			depth++;
			i++;
			continue;
		}
		if ((c == ')' || c == ']') && depth > 0) {
			depth--;
			i++;
			continue;
		}
		if (!(((c | 32) >= 'a' && (c | 32) <= 'z') ||
		    (c >= '0' && c <= '9'))) {
			i++;
			continue;
		}
		k = 0;
		while (i < len && ((((unsigned char)s[i] | 32) >= 'a' &&
		    ((unsigned char)s[i] | 32) <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9'))) {
			if (k < 23)
				w[n][k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ?
				    s[i] + 32 : s[i]);
			i++;
		}
		w[n][k] = '\0';
		if (depth > 0 || strcmp(w[n], "gbp") == 0 ||
		    strcmp(w[n], "pounds") == 0 ||
		    strcmp(w[n], "sterling") == 0)
			continue;
		if (strcmp(w[n], "vat") == 0 && n > 0 &&
		    (strcmp(w[n - 1], "excl") == 0 ||
		    strcmp(w[n - 1], "excluding") == 0 ||
		    strcmp(w[n - 1], "exc") == 0 ||
		    strcmp(w[n - 1], "ex") == 0 ||
		    strcmp(w[n - 1], "exclusive") == 0 ||
		    strcmp(w[n - 1], "of") == 0 ||
		    strcmp(w[n - 1], "less") == 0)) {
			n--;
			if (n > 0 && strcmp(w[n], "of") == 0 &&
			    strcmp(w[n - 1], "net") == 0)
				n--;
			continue;
		}
		if (n < max - 1)
			n++;
	}
	return n;
}

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Words w[0..n) joined; sorted first (and without "of" and "the") when
 * sorted is set. */
static size_t
join_words(char w[][24], int n, int sorted, char *out)
{
	size_t len = 0, k;
	int i;

	if (sorted)
		qsort(w, (size_t)n, sizeof w[0], cmp_word);
	for (i = 0; i < n; i++) {
		/* in any order, "Date of Payment" is "Payment Date" */
		if (sorted && (strcmp(w[i], "of") == 0 ||
		    strcmp(w[i], "the") == 0))
			continue;
		for (k = 0; w[i][k] != '\0' && len < FOLD_MAX - 1; k++)
			out[len++] = w[i][k];
	}
	out[len] = '\0';
	return len;
}

/* Read schemas/columns.tsv into st->aliases; dies on an unreadable file
 * or an unknown field name. */
static void
load_aliases(struct state *st)
{
	char *path = schema_file("columns.tsv");
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
	strmap_init(&st->alias_words);
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
		/* the same name with its words in any order */
		{
			char w[12][24], g[FOLD_MAX];
			int nw = header_words(tab + 1, strlen(tab + 1), w, 12);
			size_t gl = join_words(w, nw, 1, g);

			e = strmap_get(&st->alias_words, g, gl, 1);
			if (gl > 0 && e->val == NULL)
				e->val = estrndup(f, fl);
		}
	}
	free(line);
	fclose(fp);
	free(path);
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
	char *path = schema_file("redacted.txt");
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
	free(path);
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
		m->by[i] = BY_NONE;
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
			m->by[st->o->ov[i].field] = BY_MAP;
		}
}

/* Map the current row's cells to fields through --map names and the
 * alias table (exact, folded); m is cleared first. */
static void
map_names(const struct state *st, struct layout *m)
{
	const unsigned char *want = st->o->kind == K_CONTRACT ?
	    contract_field : payment_field;
	char f[FOLD_MAX];
	size_t i, j, fl, len;
	const char *s;
	struct strmap_entry *e;
	const struct alias *a;

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
}

/* Read the current row as a header.  Fills m and returns 1 when the row
 * names enough fields to be one: for payments an amount and a supplier or
 * a date and three fields in all; for contracts a supplier or a title and
 * three fields in all. */
static int
try_header(const struct state *st, struct layout *m)
{
	int nmapped = 0, k;

	map_names(st, m);
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
	for (k = 0; k < NFIELD; k++)
		if (m->col[k] >= 0)
			m->by[k] = m->rank[k] < 0 ? BY_MAP : BY_ALIAS;
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

/* Words a total label may hold besides its total word: when ("for April
 * 2022", "Q1", "year to date") and what ("spend", "payments over £500",
 * "carried forward").  Any word outside them makes the cell a name:
 * "Total Gas & Power Ltd", "Total Fitness". */
static const char *const total_fillers[] = {
	"for", "of", "the", "in", "to", "on", "at", "by", "from", "and",
	"month", "months", "monthly", "period", "periods", "quarter",
	"quarterly", "year", "years", "yearly", "annual", "week", "weeks",
	"day", "date", "ytd", "fy", "financial", "calendar",
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec",
	"grand", "sub", "overall", "final", "running", "cumulative", "page",
	"sum", "spend", "spending", "expenditure", "payment", "payments",
	"paid", "amount", "amounts", "value", "net", "gross", "vat", "exc",
	"excl", "excluding", "inc", "incl", "including", "all", "over",
	"above", "gbp", "invoices", "transactions", "suppliers",
	"carried", "brought", "forward", "fwd", "bf", "cf", NULL
};

/* Whether w[0..n) (lower case letters and digits) is a filler word of a
 * total label: one of total_fillers, a number ("2022", "500", "30th") or
 * a quarter or period ("q1", "p12"). */
static int
total_filler(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n && isdigit((unsigned char)w[i]); i++)
		;
	if (i == n || (i > 0 && n - i == 2 && (memcmp(w + i, "st", 2) == 0 ||
	    memcmp(w + i, "nd", 2) == 0 || memcmp(w + i, "rd", 2) == 0 ||
	    memcmp(w + i, "th", 2) == 0)))
		return 1;
	if (n >= 2 && n <= 3 && (w[0] == 'q' || w[0] == 'p')) {
		for (i = 1; i < n && isdigit((unsigned char)w[i]); i++)
			;
		if (i == n)
			return 1;
	}
	for (i = 0; total_fillers[i] != NULL; i++)
		if (strlen(total_fillers[i]) == n &&
		    memcmp(total_fillers[i], w, n) == 0)
			return 1;
	return 0;
}

/* Whether the word w[0..n) is a total word: "total" or "totals", alone or
 * run together with filler words ("subtotal", "grandtotal", "monthtotal",
 * "totalspend", "total500"). */
static int
total_word(const char *w, size_t n)
{
	size_t i, t;

	for (i = 0; i + 5 <= n; i++) {
		if (memcmp(w + i, "total", 5) != 0)
			continue;
		t = i + 5 + (i + 5 < n && w[i + 5] == 's');
		if ((i == 0 || total_filler(w, i)) &&
		    (t == n || total_filler(w + t, n - t)))
			return 1;
	}
	return 0;
}

/* Whether the cell s[0..len) is a total label: a total word and nothing
 * but filler words ("Total", "Grand Total", "Sub-total", "Total for April
 * 2022", "April 2022 Total", "TOTAL FOR MONTH", "Total spend over £500"),
 * or the word "Sum" alone.  Letters are compared in ASCII lower case; any
 * other byte separates words. */
static int
total_label(const char *s, size_t len)
{
	char w[32];
	size_t i = 0, n;
	int total = 0, words = 0, sum = 0;

	if (len > 60)
		return 0;
	while (i < len) {
		if (!isalnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (n = 0; i < len && isalnum((unsigned char)s[i]); i++)
			if (n < sizeof w)
				w[n++] = (char)tolower((unsigned char)s[i]);
		if (n == sizeof w)
			return 0;
		words++;
		if (total_word(w, n))
			total = 1;
		else if (n == 3 && memcmp(w, "sum", 3) == 0)
			sum = 1;
		else if (!total_filler(w, n))
			return 0;
	}
	return total || (sum && words == 1);
}

/* Whether the current row is a total or footer row: a cell other than the
 * amount is a total label and the supplier cell names no supplier of its
 * own (it is blank or is that label), or the amount is the only cell
 * filled in.  Callers ask only of a row without a date or without an
 * amount, or of a row whose supplier cell is itself a total label. */
static int
is_total_row(const struct state *st)
{
	size_t i, len;
	const char *s;
	int others = 0, label = 0;

	for (i = 0; i < st->nf; i++) {
		if ((int)i == st->map.col[F_AMOUNT])
			continue;
		s = cell(st, (int)i, &len);
		if (len == 0)
			continue;
		others++;
		if (total_label(s, len))
			label = 1;
		else if ((int)i == st->map.col[F_SUPPLIER])
			return 0;	/* a supplier of its own */
	}
	if (label)
		return 1;
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
 * digits, no floating point).  Returns 1 and sets *pence when it applies. */
static int
float_noise(const char *s, size_t len, int opts, int64_t *pence)
{
	char b[64];
	const char *dot;
	size_t i, k, j, n;
	int neg;
	char c;

	if (len >= sizeof b || (dot = memchr(s,
	    opts & MONEY_DECIMAL_COMMA ? ',' : '.', len)) == NULL)
		return 0;
	i = (size_t)(dot - s) + 1;
	for (k = i; k < len && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k - i < 7)
		return 0;
	c = s[i + 2];
	if (c != '0' && c != '9')
		return 0;
	for (j = i + 2; j < i + 6; j++)
		if (s[j] != c)
			return 0;
	memcpy(b, s, i + 2);
	memcpy(b + i + 2, s + k, len - k);
	n = i + 2 + len - k;
	if (money_parse_opts(b, n, opts, pence) != MONEY_OK)
		return 0;
	neg = memchr(s, '-', len) != NULL || memchr(s, '(', len) != NULL ||
	    *pence < 0;
	if (c == '9')
		*pence += neg ? -1 : 1;
	return 1;
}

/* Parse an amount cell (opts: money_parse_opts's, a decimal comma):
 * money_parse, then the float noise above, then a half penny ("815.045"),
 * which is rounded half to even and returns MONEY_ROUNDED (the caller
 * counts it).  Otherwise money_parse's status. */
static int
parse_amount(const char *s, size_t len, int opts, int64_t *pence)
{
	int r = money_parse_opts(s, len, opts, pence);

	if (r != MONEY_PRECISION)
		return r;
	if (float_noise(s, len, opts, pence))
		return MONEY_OK;
	return money_parse_half_opts(s, len, opts, pence);
}

/* The money options of field f's column: a decimal comma when decide()
 * found one there. */
static int
field_opts(const struct state *st, int f)
{
	int c = st->map.col[f];

	return c >= 0 && c < PROF_COLS && (st->dcomma >> c & 1) ?
	    MONEY_DECIMAL_COMMA : 0;
}

/* The hash of a row's folded cells: a repeated header is known by it. */
static uint64_t
row_hash(const struct state *st)
{
	char f[FOLD_MAX];
	uint64_t hsh = 0;
	size_t i, len, fl;
	const char *s;

	for (i = 0; i < st->nf; i++) {
		s = cell(st, (int)i, &len);
		fl = fold(f, s, len);
		hsh = hash64(f, fl, hsh + i + 1);
	}
	return hsh;
}

/* Kinds of cell content, as bits. */
enum {
	CK_MONEY = 1 << 0,	/* parses as an amount */
	CK_DEC = 1 << 1,	/* written as one: pence, £, commas, CR */
	CK_INT = 1 << 2,	/* digits only */
	CK_DAY = 1 << 3,	/* a calendar day */
	CK_MONTH = 1 << 4,	/* a month or quarter */
	CK_FISCAL = 1 << 5,	/* yyyypp with pp 01..13 */
	CK_WORDS = 1 << 6,	/* text: words, not one short code */
	CK_CODE = 1 << 7,	/* one short token with digits or one letter */
	CK_ORG = 1 << 8,	/* a word organisation names carry */
	CK_LABEL = 1 << 9,	/* letters, no number: can be a header */
	CK_PNN = 1 << 10,	/* a fiscal period: P01..P13, Period 7 */
	CK_FY = 1 << 11,	/* a fiscal year: 2019/20, 2019-2020 */
	CK_MDY = 1 << 12,	/* nn/nn/yyyy only month first: 04/15/2019 */
	CK_DMY = 1 << 13,	/* nn/nn/yyyy only day first: 15/04/2019 */
	CK_DCOMMA = 1 << 14,	/* money ending in a decimal comma: 12,5 */
	CK_DPOINT = 1 << 15,	/* money only with a decimal point: 1.5 */
	CK_NKIND = 16
};
static const char *const ck_name[CK_NKIND] = {
	"money", "written as money", "integer", "day", "month",
	"yyyypp", "words", "code", "organisation words", "label",
	"fiscal period Pnn", "fiscal year", "month first", "day first",
	"decimal comma", "decimal point"
};

/* A fiscal period cell, "P01".."P13", "P7", "Period 7": returns the
 * period, or 0. */
static int
period_number(const char *s, size_t len)
{
	size_t i = 1;
	int n = 0, k = 0;

	if (len < 2 || (s[0] | 32) != 'p')
		return 0;
	if (len >= 6 && strncasecmp(s, "period", 6) == 0)
		i = 6;
	while (i < len && s[i] == ' ')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9' && k < 3; i++, k++)
		n = n * 10 + (s[i] - '0');
	return i == len && k > 0 && n >= 1 && n <= 13 ? n : 0;
}

/* A fiscal year cell, "2019/20", "2019-20", "2019/2020", "FY 2019/20":
 * returns its first year, or 0. */
static int
fiscal_year(const char *s, size_t len)
{
	size_t i = 0;
	int y, z = 0, k = 0;

	if (len >= 2 && (s[0] | 32) == 'f' && (s[1] | 32) == 'y')
		i = 2;
	while (i < len && s[i] == ' ')
		i++;
	if (i + 7 > len)
		return 0;
	for (y = 0; k < 4; k++, i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (s[i] != '/' && s[i] != '-')
		return 0;
	for (i++, k = 0; i < len && s[i] >= '0' && s[i] <= '9' && k < 5;
	    i++, k++)
		z = z * 10 + (s[i] - '0');
	if (i != len || y < DATE_MIN_YEAR || y >= DATE_MAX_YEAR ||
	    !((k == 2 && z == (y + 1) % 100) || (k == 4 && z == y + 1)))
		return 0;
	return y;
}

/* A date written as three numbers, a/b/y (any one separator, y of two
 * or four digits, a time after it allowed): returns 1 and sets them. */
static int
num_triple(const char *s, size_t len, int *a, int *b, int *y)
{
	int v[3] = { 0, 0, 0 }, nd[3] = { 0, 0, 0 }, k = 0;
	size_t i = 0;
	char sep = 0;

	for (k = 0; k < 3; k++) {
		while (i < len && s[i] >= '0' && s[i] <= '9' && nd[k] < 5) {
			v[k] = v[k] * 10 + (s[i] - '0');
			nd[k]++;
			i++;
		}
		if (nd[k] == 0)
			return 0;
		if (k < 2) {
			if (i >= len || (s[i] != '/' && s[i] != '-' &&
			    s[i] != '.') || (sep != 0 && s[i] != sep))
				return 0;
			sep = s[i++];
		}
	}
	if (i < len && s[i] != ' ' && s[i] != 'T')
		return 0;
	if (nd[0] > 2 || nd[1] > 2 || (nd[2] != 2 && nd[2] != 4))
		return 0;
	*a = v[0];
	*b = v[1];
	*y = nd[2] == 2 ? (v[2] >= 90 ? 1900 : 2000) + v[2] : v[2];
	return 1;
}

static unsigned	cell_kind(const char *, size_t);

/* Whether the current row is two or more text labels and nothing else. */
static int
labels_only(const struct state *st)
{
	size_t i, len;
	const char *s;
	int n = 0;

	for (i = 0; i < st->nf; i++) {
		s = cell(st, (int)i, &len);
		if (len == 0)
			continue;
		if (!(cell_kind(s, len) & CK_LABEL))
			return 0;
		n++;
	}
	return n >= 2;
}

/* A yyyypp cell read as a fiscal period counted from April: 201901 is
 * period 1 of 2019-20, April 2019; period 13 (year-end adjustments) is
 * March.  Returns a date_status; the date is the month's first day. */
static int
fiscal_period(const char *s, struct date *d, int *prec)
{
	int i, y = 0, p;

	for (i = 0; i < 6; i++) {
		if (s[i] < '0' || s[i] > '9')
			return DATE_BAD;
		if (i < 4)
			y = y * 10 + (s[i] - '0');
	}
	p = (s[4] - '0') * 10 + (s[5] - '0');
	if (p < 1 || p > 13)
		return DATE_IMPOSSIBLE;
	if (p > 12)
		p = 12;
	d->y = p <= 9 ? y : y + 1;
	d->m = p <= 9 ? p + 3 : p - 9;
	d->d = 1;
	if (d->y < DATE_MIN_YEAR || d->y > DATE_MAX_YEAR)
		return DATE_RANGE;
	*prec = DATE_MONTH;
	return DATE_OK;
}

/* A P01..P13 cell as the first day of its month, in the fiscal year of
 * the row's year column or of the file's period.  Returns a date_status. */
static int
period_date(struct state *st, const char *s, size_t len, struct date *d,
    int *prec)
{
	int p = period_number(s, len), y = st->fy_year;
	char b[16];

	if (len == 0)
		return DATE_EMPTY;
	if (p == 0)
		return date_parse(s, len, d, prec);
	if (st->fy_col >= 0) {
		const char *t;
		size_t tl;

		t = cell(st, st->fy_col, &tl);
		y = fiscal_year(t, tl);
	}
	if (y == 0)
		return DATE_BAD;
	snprintf(b, sizeof b, "%04d%02d", y, p);
	return fiscal_period(b, d, prec);
}

/* A date written month first (04/15/2019); other forms as date_parse. */
static int
month_first(const char *s, size_t len, struct date *d, int *prec)
{
	int a, b, y;

	if (!num_triple(s, len, &a, &b, &y))
		return date_parse(s, len, d, prec);
	if (!date_valid(y, a, b))
		return DATE_IMPOSSIBLE;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return DATE_RANGE;
	d->y = y;
	d->m = a;
	d->d = b;
	*prec = DATE_DAY;
	return DATE_OK;
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
	int ms, ds, prec = DATE_DAY, known, by_period = 0, opts;
	struct buf *o = &st->ob;
	char *det;

	s = fcell(st, F_AMOUNT, &len);
	opts = field_opts(st, F_AMOUNT);
	ms = parse_amount(s, len, opts, &amt);
	if (ms == MONEY_ROUNDED) {
		st->c.rounded++;
		ms = MONEY_OK;
	}
	if (ms != MONEY_OK) {
		if (st->header_hash != 0 && row_hash(st) == st->header_hash) {
			st->c.headers++;	/* the header again */
			return;
		}
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			return;
		}
		if (st->c.records == 0 && st->c.rejects == 0 &&
		    labels_only(st)) {
			st->c.headers++;	/* a header --map numbers */
			return;
		}
		if (is_total_row(st)) {
			reject(st, R_TOTAL, NULL, NULL, 0, 0, 0);
			return;
		}
		det = ms == MONEY_EMPTY ? NULL :
		    detail_of(st, "amount", s, len, money_why(s, len, opts,
		    ms));
		reject(st, ms == MONEY_EMPTY ? R_NO_AMOUNT : R_BAD_AMOUNT,
		    det, NULL, 0, 0, 0);
		return;
	}
	if (st->map.col[F_DATE] >= 0) {
		s = fcell(st, F_DATE, &len);
		if (st->fiscal && len == 6)
			ds = fiscal_period(s, &d, &prec);
		else if (st->pnn)
			ds = period_date(st, s, len, &d, &prec);
		else if (st->mdy)
			ds = month_first(s, len, &d, &prec);
		else
			ds = date_parse(s, len, &d, &prec);
	} else if (st->have_file_date) {
		d = st->file_date;
		prec = st->file_prec;
		ds = DATE_OK;
		by_period = 1;
	} else
		ds = DATE_EMPTY;
	if (ds == DATE_EMPTY && st->have_file_date && !is_total_row(st)) {
		/* a row with no date of its own is dated by the file's
		 * period ("Housing Benefit Payments" for the month) */
		d = st->file_date;
		prec = st->file_prec;
		ds = DATE_OK;
		by_period = 1;
	}
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
	if (len > 0 && total_label(s, len)) {
		/* "Total for April 2022" beside the month's last date */
		reject(st, R_TOTAL, NULL, NULL, 0, 1, amt);
		return;
	}

	if (st->per_lo > 0 && (d.y * 12 + d.m < st->per_lo ||
	    d.y * 12 + d.m > st->per_hi))
		st->c.outside++;
	st->c.by_period += by_period;	/* a record, not a total row */

	APP_LIT(o, "{\"kind\":\"payment\",");
	known = put_buyer(st, o);
	put_date(o, "date", d, prec);
	put_money(o, "amount", amt);
	if (len > 0 && is_redacted(st, s, len)) {
		APP_LIT(o, ",\"supplier\":\"\"");
		put_supplier_ref(st, o);
		APP_LIT(o, ",\"redacted\":true");
		st->c.redacted++;
	} else if (len == 0) {
		/* withheld when a supplier column is there but blank; no
		 * column says nothing about a redaction.  Either way it is
		 * counted under no_supplier, not redacted (a redaction
		 * wording): the three counts add up to the records */
		APP_LIT(o, ",\"supplier\":\"\"");
		put_supplier_ref(st, o);
		if (st->map.col[F_SUPPLIER] >= 0)
			APP_LIT(o, ",\"redacted\":true");
		else
			APP_LIT(o, ",\"redacted\":false");
		st->c.no_supplier++;
	} else {
		APP_LIT(o, ",\"supplier\":");
		put_text(st, o, s, len);
		put_supplier_ref(st, o);
		APP_LIT(o, ",\"redacted\":false");
		st->c.supplier++;
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
	if ((r = parse_amount(s, len, field_opts(st, F_VALUE), &value)) ==
	    MONEY_ROUNDED) {
		st->c.rounded++;
		r = MONEY_OK;
	}
	if (r == MONEY_OK)
		have_value = 1;
	else if (r != MONEY_EMPTY) {
		if (try_header(st, &m)) {
			st->map = m;
			st->c.headers++;
			return;
		}
		reject(st, R_BAD_VALUE, detail_of(st, "value", s, len,
		    money_why(s, len, field_opts(st, F_VALUE), r)), NULL, 0,
		    0, 0);
		return;
	}
	s = fcell(st, F_ANNUAL, &len);
	if ((r = parse_amount(s, len, field_opts(st, F_ANNUAL), &annual)) ==
	    MONEY_OK || r == MONEY_ROUNDED)
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
		if (len == 0)
			st->c.no_supplier++;
		else
			st->c.redacted++;
	} else {
		put_key(o, "supplier");
		put_text(st, o, s, len);
		put_supplier_ref(st, o);
		buf_adds(o, ",\"redacted\":false");
		st->c.supplier++;
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

/* Layout from names and content.  The first rows of a stream are held
 * (struct hold) until there are enough to decide on: the header is the
 * first row that names the fields through the alias table, else the first
 * row of text labels above typed data; each column's cells are profiled
 * (money, dates, periods, words, organisation names); header names are
 * also matched tolerantly (decorations, word order, misspellings); and
 * content confirms, corrects or fills the core fields.  Then the held rows
 * are read like any other. */

/* Whether s holds a word of organisation names (Ltd, PLC, Trust, &...). */
static int
org_word(const char *s, size_t len)
{
	static const char *const words[] = {
		"ltd", "limited", "plc", "llp", "cic", "council", "trust",
		"services", "co", "company", "inc", "group", "association",
		"partnership", "uk", "lp", "llc", "society", "charity",
		"foundation", "academy", "school", "university", "college",
		"nhs", "church", "club", "centre", "homes", "solutions",
		"consulting", "contractors", "associates", "holdings"
	};
	char w[16];
	size_t i = 0, n, k;

	while (i < len) {
		if (s[i] == '&')
			return 1;
		n = 0;
		while (i < len && (((unsigned char)s[i] | 32) >= 'a' &&
		    ((unsigned char)s[i] | 32) <= 'z')) {
			if (n < sizeof w - 1)
				w[n] = (char)(s[i] | 32);
			n++;
			i++;
		}
		if (n > 0 && n < sizeof w) {
			w[n] = '\0';
			for (k = 0; k < sizeof words / sizeof words[0]; k++)
				if (words[k][0] == w[0] &&
				    strcmp(words[k], w) == 0)
					return 1;
		}
		if (n == 0)
			i++;
	}
	return 0;
}

/* Whether an amount shows a decimal comma: its last comma is followed by
 * one or two digits and no more ("1234,56", "12,5", "1.234,56 CR",
 * "-0,99"), and it reads as money so. */
static int
decimal_comma(const char *s, size_t len)
{
	const char *c = NULL;
	size_t i, d = 0;
	int64_t p;

	for (i = 0; i < len; i++)
		if (s[i] == ',')
			c = s + i;
	if (c == NULL)
		return 0;
	for (i = (size_t)(c - s) + 1; i < len && s[i] >= '0' && s[i] <= '9';
	    i++)
		d++;
	for (; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
	return d >= 1 && d <= 2 &&
	    money_parse_opts(s, len, MONEY_DECIMAL_COMMA, &p) == MONEY_OK;
}

/* The kinds (CK_* bits) of one trimmed cell. */
static unsigned
cell_kind(const char *s, size_t len)
{
	unsigned k = 0;
	size_t i, alpha = 0, digit = 0, space = 0;
	int64_t p;
	struct date d;
	int prec, r, a, b, y;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c | 32) >= 'a' && (c | 32) <= 'z')
			alpha++;
		else if (c >= '0' && c <= '9')
			digit++;
		else if (c == ' ')
			space++;
	}
	if (digit > 0) {
		r = alpha <= 3 ? parse_amount(s, len, 0, &p) : MONEY_BAD;
		if (r == MONEY_OK || r == MONEY_ROUNDED) {
			k |= CK_MONEY;
			if (memchr(s, '.', len) != NULL ||
			    memchr(s, ',', len) != NULL ||
			    memchr(s, 0xA3, len) != NULL || alpha > 0)
				k |= CK_DEC;
			if (alpha <= 3 && money_parse_opts(s, len,
			    MONEY_DECIMAL_COMMA, &p) != MONEY_OK &&
			    memchr(s, '.', len) != NULL)
				k |= CK_DPOINT;
		} else if (alpha <= 3 && decimal_comma(s, len))
			k |= CK_MONEY | CK_DEC | CK_DCOMMA;
		if (digit == len)
			k |= CK_INT;
		if (len <= 40 && date_parse(s, len, &d, &prec) == DATE_OK) {
			/* bare numbers are days only as yyyymmdd: a
			 * 5-digit code is no Excel date to us */
			if (prec != DATE_DAY)
				k |= CK_MONTH;
			else if (digit != len || len == 8)
				k |= CK_DAY;
		}
		if (digit == len && len == 6) {
			int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
			    (s[2] - '0') * 10 + (s[3] - '0');
			int pp = (s[4] - '0') * 10 + (s[5] - '0');

			if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR &&
			    pp >= 1 && pp <= 13)
				k |= CK_FISCAL;
		}
	}
	if (digit >= 4 && num_triple(s, len, &a, &b, &y)) {
		if (a >= 1 && a <= 12 && b > 12 && b <= 31 &&
		    date_valid(y, a, b))
			k |= CK_MDY;
		else if (b >= 1 && b <= 12 && a > 12 && a <= 31)
			k |= CK_DMY;
	}
	if (period_number(s, len) > 0)
		k |= CK_PNN;
	else if (digit >= 6 && fiscal_year(s, len) > 0)
		k |= CK_FY;
	if (!(k & (CK_MONEY | CK_DAY | CK_MONTH | CK_PNN | CK_FY | CK_MDY))) {
		if (alpha > 0 && alpha > digit)
			k |= CK_LABEL;
		if (alpha > 1 && (space > 0 || len > 12 ||
		    (digit == 0 && len > 3)))
			k |= CK_WORDS;
		else if (alpha + digit > 0)
			k |= CK_CODE;
	}
	if (alpha > 1 && org_word(s, len))
		k |= CK_ORG;
	return k;
}

/* Hold the current row (a copy of its fields and their kinds). */
static void
hold_row(struct state *st)
{
	struct hold *h = &st->hold;
	size_t i;

	if (h->nrow == h->rcap) {
		h->rcap = h->rcap ? h->rcap * 2 : 64;
		h->first = ereallocarray(h->first, h->rcap, sizeof *h->first);
		h->nfs = ereallocarray(h->nfs, h->rcap, sizeof *h->nfs);
		h->line = ereallocarray(h->line, h->rcap, sizeof *h->line);
	}
	h->first[h->nrow] = h->nf;
	h->nfs[h->nrow] = st->nf;
	h->line[h->nrow] = st->row_line;
	h->nrow++;
	for (i = 0; i < st->nf; i++) {
		if (h->nf == h->fcap) {
			h->fcap = h->fcap ? h->fcap * 2 : 512;
			h->off = ereallocarray(h->off, h->fcap, sizeof *h->off);
			h->len = ereallocarray(h->len, h->fcap, sizeof *h->len);
			h->kind = ereallocarray(h->kind, h->fcap,
			    sizeof *h->kind);
		}
		h->off[h->nf] = h->bytes.len;
		h->len[h->nf] = st->flen[i];
		buf_add(&h->bytes, st->rowp + st->foff[i], st->flen[i]);
		h->kind[h->nf] = KIND_UNSET;	/* hold_kind() reads it */
		h->nf++;
	}
}

/* The reader's row, saved while held rows are read in its place. */
struct rowsave {
	const char	*rowp;
	size_t		*foff, *flen;
	size_t		 nf;
	long		 row_line;
};

static void
row_save(struct state *st, struct rowsave *sv)
{
	sv->rowp = st->rowp;
	sv->foff = st->foff;
	sv->flen = st->flen;
	sv->nf = st->nf;
	sv->row_line = st->row_line;
}

static void
row_restore(struct state *st, const struct rowsave *sv)
{
	st->rowp = sv->rowp;
	st->foff = sv->foff;
	st->flen = sv->flen;
	st->nf = sv->nf;
	st->row_line = sv->row_line;
}

/* Make held row r the current row. */
static void
hold_use(struct state *st, size_t r)
{
	struct hold *h = &st->hold;

	st->rowp = h->bytes.p;
	st->foff = h->off + h->first[r];
	st->flen = h->len + h->first[r];
	st->nf = h->nfs[r];
	st->row_line = h->line[r];
}

/* Kinds of cell j of held row r (0 when the row is shorter), worked out
 * the first time they are asked for. */
static unsigned
hold_kind(struct hold *h, size_t r, size_t j)
{
	size_t f, n;
	const char *p;

	if (j >= h->nfs[r])
		return 0;
	f = h->first[r] + j;
	if (h->kind[f] == KIND_UNSET) {
		p = h->bytes.p + h->off[f];
		n = h->len[f];
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		h->kind[f] = cell_kind(p, n);
	}
	return h->kind[f];
}

/* A column's content over the profiled rows. */
struct prof {
	int	n;		/* non-empty cells */
	int	k[CK_NKIND];	/* cells of each kind */
	int	distinct;	/* distinct non-empty values */
	size_t	minlen, maxlen;	/* shortest and longest non-empty cell */
};

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Profile columns 0..ncol-1 over held rows [from, to). */
static void
profile(struct state *st, size_t from, size_t to, struct prof *pr,
    int ncol)
{
	struct hold *h = &st->hold;
	uint64_t *hs;
	size_t r, n, i;
	int j, b;

	if (to > from + PROF_ROWS)
		to = from + PROF_ROWS;
	hs = emalloc((to - from + 1) * sizeof *hs);

	memset(pr, 0, (size_t)ncol * sizeof *pr);
	for (j = 0; j < ncol; j++) {
		n = 0;
		for (r = from; r < to; r++) {
			unsigned k = hold_kind(h, r, (size_t)j);
			const char *s;
			size_t len;

			if (k == 0)
				continue;
			pr[j].n++;
			for (b = 0; b < CK_NKIND; b++)
				if (k & (1u << b))
					pr[j].k[b]++;
			hold_use(st, r);
			s = cell(st, j, &len);
			hs[n++] = hash64(s, len, 0);
			if (pr[j].n == 1 || len < pr[j].minlen)
				pr[j].minlen = len;
			if (len > pr[j].maxlen)
				pr[j].maxlen = len;
		}
		qsort(hs, n, sizeof *hs, cmp_u64);
		for (i = 0; i < n; i++)
			if (i == 0 || hs[i] != hs[i - 1])
				pr[j].distinct++;
	}
	free(hs);
}

#define SHARE(a, b, num, den)	((long)(a) * (den) >= (long)(b) * (num))
#define KN(p, bit)	((p)->k[__builtin_ctz(bit)])

/* Content fits: amounts on most rows; dates or periods; names, or codes. */
static int
fits_amount(const struct prof *p, int rows)
{
	return p->n > 0 && SHARE(p->n, rows, 1, 2) &&
	    SHARE(KN(p, CK_MONEY), p->n, 9, 10);
}

static int
fits_date(const struct prof *p, int rows)
{
	return p->n > 0 && SHARE(p->n, rows, 1, 2) &&
	    SHARE(KN(p, CK_DAY) + KN(p, CK_MONTH) + KN(p, CK_PNN) +
	    KN(p, CK_MDY), p->n, 8, 10);
}

static int
fits_names(const struct prof *p, int rows)
{
	return p->n > 0 && SHARE(p->n, rows, 1, 5) &&
	    SHARE(KN(p, CK_WORDS), p->n, 1, 2);
}

static int
holds_codes(const struct prof *p, int rows)
{
	return p->n > 0 && SHARE(p->n, rows, 1, 5) &&
	    !SHARE(KN(p, CK_WORDS), p->n, 1, 2) &&
	    SHARE(KN(p, CK_CODE) + KN(p, CK_INT), p->n, 1, 2);
}

/* Scores for filling a field no name claims (0: does not fit). */
static long
amount_score(const struct prof *p, int rows)
{
	if (!fits_amount(p, rows) || !SHARE(KN(p, CK_DEC), p->n, 1, 5) ||
	    SHARE(KN(p, CK_DAY) + KN(p, CK_MONTH), p->n, 1, 2))
		return 0;
	return 1000L * KN(p, CK_DEC) / p->n + 1000L * p->n / rows;
}

static long
date_score(const struct prof *p, int rows)
{
	if (!fits_date(p, rows) || !SHARE(KN(p, CK_DAY), p->n, 9, 10))
		return 0;
	return 1000L * KN(p, CK_DAY) / p->n + 1000L * p->n / rows;
}

static long
supplier_score(const struct prof *p, int rows)
{
	if (!fits_names(p, rows) || !SHARE(KN(p, CK_WORDS), p->n, 8, 10) ||
	    !SHARE(KN(p, CK_ORG), p->n, 1, 10))
		return 0;
	/* suppliers are many; a service ("Adult Services") repeats */
	return 1000L * KN(p, CK_ORG) / p->n + 2000L * p->distinct / p->n;
}

/* The best alias in chain a for a field in want: sets *field and *rank,
 * returns 1 when one fits. */
static int
best_alias(const struct alias *a, const unsigned char *want, int only,
    int *field, int *rank)
{
	int got = 0;

	for (; a != NULL; a = a->next)
		if (want[a->field] && (only < 0 || a->field == only) &&
		    (!got || a->rank < *rank)) {
			*field = a->field;
			*rank = a->rank;
			got = 1;
		}
	return got;
}

/* Read a header cell tolerantly: the alias table after decorations are
 * dropped (quality 3), its words in another order (3), a misspelling of an
 * alias (2), or its last words an amount, date or supplier alias (1, e.g.
 * "Sum of Inv Amount", "Clearing Date").  Returns the quality, 0 when
 * none, and sets *field and *rank. */
static int
tolerant_name(const struct state *st, const char *s, size_t len,
    const unsigned char *want, int *field, int *rank)
{
	char w[12][24], f[FOLD_MAX], g[FOLD_MAX];
	struct strmap_entry *e;
	size_t fl, gl, i;
	int n, k, d, best = 3, got = 0;

	n = header_words(s, len, w, 12);
	if (n == 0 || (fl = join_words(w, n, 0, f)) == 0)
		return 0;
	e = strmap_get((struct strmap *)&st->aliases, f, fl, 0);
	if (e != NULL && best_alias(e->val, want, -1, field, rank))
		return 3;
	for (k = 1; k < n; k++) {
		/* words after the first k: "sum of inv amount" */
		gl = join_words(w + k, n - k, 0, g);
		e = strmap_get((struct strmap *)&st->aliases, g, gl, 0);
		if (e == NULL || gl < 4)
			continue;
		if (best_alias(e->val, want, F_AMOUNT, field, rank) ||
		    best_alias(e->val, want, F_DATE, field, rank) ||
		    best_alias(e->val, want, F_SUPPLIER, field, rank)) {
			got = 1;
			break;
		}
	}
	gl = join_words(w, n, 1, g);
	e = strmap_get((struct strmap *)&st->alias_words, g, gl, 0);
	if (e != NULL) {
		const char *key = e->val;

		e = strmap_get((struct strmap *)&st->aliases, key,
		    strlen(key), 0);
		if (e != NULL && best_alias(e->val, want, -1, field, rank))
			return 3;
	}
	if (fl >= 5) {
		int max = fl >= 9 ? 2 : 1;

		for (i = 0; i < st->aliases.cap; i++) {
			const struct strmap_entry *a = &st->aliases.slot[i];
			int fi = -1, ri = 0;

			if (a->key == NULL || a->klen < 5)
				continue;
			d = text_distance(f, fl, a->key, a->klen, max);
			if (d > max || d >= best ||
			    !best_alias(a->val, want, -1, &fi, &ri))
				continue;
			best = d;
			*field = fi;
			*rank = ri;
		}
		if (best <= max)
			return 2;
	}
	return got ? 1 : 0;
}

/* Whether held row r is a header by content: two or more cells, nearly
 * all text labels, and above typed data: the next row has a typed cell,
 * some column typed below (amounts, dates) is labelled here, and no cell
 * of a typed column is itself typed. */
static int
label_row(struct state *st, size_t r)
{
	struct hold *h = &st->hold;
	size_t j, q, end = r + 1 + 50 < h->nrow ? r + 1 + 50 : h->nrow;
	int ne = 0, nl = 0, over = 0, below, typed_next = 0;
	const unsigned typed = CK_MONEY | CK_DAY | CK_MONTH | CK_MDY;

	if (r + 1 >= h->nrow)
		return 0;
	for (j = 0; j < h->nfs[r]; j++) {
		unsigned k = hold_kind(h, r, j);

		if (k == 0)
			continue;
		ne++;
		if (k & CK_LABEL)
			nl++;
	}
	if (ne < 2 || nl * 4 < ne * 3)
		return 0;
	for (j = 0; j < h->nfs[r + 1]; j++)
		if (hold_kind(h, r + 1, j) & typed)
			typed_next = 1;
	if (!typed_next)
		return 0;
	for (j = 0; j < h->nfs[r] && j < PROF_COLS; j++) {
		unsigned k = hold_kind(h, r, j);

		below = 0;
		for (q = r + 1; q < end; q++)
			if (hold_kind(h, q, j) & typed)
				below++;
		if (below * 10 < (int)(end - r - 1) * 6)
			continue;
		if (k & typed)
			return 0;
		if (k & CK_LABEL)
			over++;
	}
	return over > 0;
}

/* A short text of a column's content for --explain. */
static void
prof_text(struct buf *o, const struct prof *p, int rows)
{
	int b, any = 0;

	buf_printf(o, "%d of %d filled", p->n, rows);
	for (b = 0; b < CK_NKIND; b++) {
		if (p->k[b] == 0 || (1 << b) == CK_LABEL ||
		    (1 << b) == CK_DEC || (1 << b) == CK_DCOMMA ||
		    (1 << b) == CK_DPOINT)
			continue;
		buf_printf(o, "%s %d%% %s", any ? "," : ";", 100 * p->k[b] /
		    (p->n ? p->n : 1), ck_name[b]);
		any = 1;
	}
	if (p->n > 0)
		buf_printf(o, ", %d distinct", p->distinct);
}

/* Whether column j, all whole numbers, can be amounts in whole pounds:
 * cells of different lengths (an id has one), and no header word that
 * says id, number, code or reference. */
static int
whole_pounds(struct state *st, long hdr, int j, const struct prof *p,
    int rows)
{
	static const char *const no[] = { "id", "no", "number", "num", "ref",
	    "reference", "code", "account", "document", "doc", "invoice",
	    "transaction", "year", "period", "line", "vat", "postcode",
	    "count", "qty", "quantity" };
	char w[12][24];
	size_t len, k;
	const char *s;
	int n, i;

	if (!fits_amount(p, rows) || KN(p, CK_INT) != p->n ||
	    p->minlen == p->maxlen || p->distinct * 2 < p->n)
		return 0;
	if (hdr >= 0) {
		hold_use(st, (size_t)hdr);
		s = cell(st, j, &len);
		n = header_words(s, len, w, 12);
		for (i = 0; i < n; i++)
			for (k = 0; k < sizeof no / sizeof no[0]; k++)
				if (strcmp(w[i], no[k]) == 0)
					return 0;
	}
	return 1;
}

/* Give core field f the column of highest score among those no field
 * uses (and not skip); returns the column or -1.  For the amount, a
 * column of whole pounds is taken when no column is written as money. */
static int
content_pick(struct state *st, long hdr, const struct layout *m,
    const struct prof *pr, int ncol, int rows, int f, int skip,
    const int *named)
{
	long s, best = 0;
	int j, k, pick = -1, used, whole = -1, nwhole = 0;

	for (j = 0; j < ncol; j++) {
		if (j == skip || named[j])
			continue;
		used = 0;
		for (k = 0; k < NFIELD; k++)
			if (m->col[k] == j)
				used = 1;
		if (used)
			continue;
		s = f == F_AMOUNT ? amount_score(&pr[j], rows) :
		    f == F_DATE ? date_score(&pr[j], rows) :
		    supplier_score(&pr[j], rows);
		if (s > best) {
			best = s;
			pick = j;
		}
		if (f == F_AMOUNT && whole_pounds(st, hdr, j, &pr[j], rows)) {
			whole = j;
			nwhole++;
		}
	}
	if (pick < 0 && nwhole == 1)
		pick = whole;	/* one candidate only: no guessing */
	return pick;
}

/* Names, then content, for a payment layout: m holds what the alias table
 * gave (from try_header) or nothing; hdr is the header's held row or -1.
 * Columns are profiled over held rows [from, to). */
static void
fill_layout(struct state *st, struct layout *m, long hdr, size_t from,
    size_t to, struct prof *pr, int ncol)
{
	const unsigned char *want = payment_field;
	int cand[PROF_COLS], crank[PROF_COLS], cq[PROF_COLS];
	int named[PROF_COLS];
	int rows = (int)(to - from), j, f, k, q, fi = -1, ri = 0;
	static const int core[3] = { F_AMOUNT, F_DATE, F_SUPPLIER };
	const char *s;
	size_t len;

	for (j = 0; j < ncol; j++) {
		cand[j] = -1;
		named[j] = 0;
	}
	for (f = 0; f < NFIELD; f++)
		if (m->col[f] >= 0 && m->col[f] < ncol) {
			named[m->col[f]] = 1;
			m->by[f] = m->rank[f] < 0 ? BY_MAP : BY_ALIAS;
		}
	if (hdr >= 0) {
		hold_use(st, (size_t)hdr);
		for (j = 0; j < ncol && (size_t)j < st->nf; j++) {
			s = cell(st, j, &len);
			if (len == 0 || named[j])
				continue;
			if ((q = tolerant_name(st, s, len, want, &fi, &ri)) > 0) {
				cand[j] = fi;
				crank[j] = ri;
				cq[j] = q;
			}
		}
		/* tolerant names fill the fields the table left empty;
		 * a core field only where the content fits it */
		for (f = 0; f < NFIELD; f++) {
			int pick = -1;

			if (!want[f] || m->col[f] >= 0)
				continue;
			for (j = 0; j < ncol; j++) {
				if (cand[j] != f)
					continue;
				if ((f == F_AMOUNT && !fits_amount(&pr[j], rows)) ||
				    (f == F_DATE && !fits_date(&pr[j], rows)) ||
				    (f == F_SUPPLIER && !fits_names(&pr[j], rows)))
					continue;
				if (pick < 0 || cq[j] > cq[pick] ||
				    (cq[j] == cq[pick] && crank[j] < crank[pick]))
					pick = j;
			}
			if (pick >= 0) {
				m->col[f] = pick;
				m->rank[f] = 1000 + crank[pick];
				m->by[f] = BY_TOLERANT;
				named[pick] = 1;
				st->dec.tolerant++;
			}
		}
	}
	if (rows == 0)
		return;
	/* content confirms, corrects or fills the core fields */
	for (k = 0; k < 3; k++) {
		int c, alt = -1, bad;

		f = core[k];
		c = m->col[f];
		bad = c >= 0 && c < ncol &&
		    (f == F_AMOUNT ? !fits_amount(&pr[c], rows) :
		    f == F_DATE ? !fits_date(&pr[c], rows) :
		    holds_codes(&pr[c], rows));
		if (c >= 0 && c < ncol && !bad) {
			if (m->by[f] == BY_ALIAS)
				m->by[f] = BY_BOTH;
			continue;
		}
		if (c >= ncol || (c >= 0 && m->by[f] == BY_MAP))
			continue;
		if (f == F_SUPPLIER && bad) {
			/* a name column beside a code one: prefer one the
			 * header calls a supplier too ("Supplier Name(T)") */
			for (j = 0; j < ncol; j++)
				if (j != c && cand[j] == F_SUPPLIER &&
				    fits_names(&pr[j], rows) &&
				    !holds_codes(&pr[j], rows)) {
					alt = j;
					break;
				}
		}
		if (alt < 0)
			alt = content_pick(st, hdr, m, pr, ncol, rows, f, c, named);
		if (alt < 0 && bad && f == F_SUPPLIER) {
			/* any unused column of names will do */
			for (j = 0; j < ncol; j++) {
				int used = 0;

				for (fi = 0; fi < NFIELD; fi++)
					if (m->col[fi] == j)
						used = 1;
				if (!used && j != c &&
				    supplier_score(&pr[j], rows) > 0) {
					alt = j;
					break;
				}
			}
		}
		if (alt < 0)
			continue;
		m->col[f] = alt;
		m->rank[f] = 2000;
		m->by[f] = BY_CONTENT;
		if (c >= 0)
			st->dec.corrected++;
		else
			st->dec.content++;
	}
}

/* The period a title row names: "Transparency Q2 - 01.07.11 to
 * 30.09.11 as at 28.10.11" (two days: the months between them), "April
 * 2022 to March 2025" (two months), "Payments January 2011" or "Q2 2011"
 * (one month or quarter).  A range is a period only when it is one month
 * or a quarter; dates after "as at" or "as of" are left out, and a day
 * alone is no period.  Returns 1 and sets the period. */
static int
title_period(const char *s, size_t len, struct date *d, int *prec)
{
	size_t i = 0, ws[24], we[24];
	int n = 0, a, span, p, np = 0, pp[2];
	struct date pt[2], t;

	while (i < len && n < 24) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		ws[n] = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		we[n++] = i;
	}
	for (a = 0; a < n && np < 2; a++) {
		if (a + 1 < n && we[a] - ws[a] == 2 &&
		    ((s[ws[a]] | 32) == 'a') && ((s[ws[a] + 1] | 32) == 's'))
			break;	/* "as at 28.10.11": a publication date */
		if (a + 1 < n && date_parse(s + ws[a], we[a + 1] - ws[a], &t,
		    &p) == DATE_OK && p != DATE_DAY) {
			pt[np] = t;	/* "January 2011", "Q2 2011" */
			pp[np++] = p;
			a++;
			continue;
		}
		if (date_parse(s + ws[a], we[a] - ws[a], &t, &p) == DATE_OK) {
			pt[np] = t;
			pp[np++] = p;
		}
	}
	if (np == 1 && pp[0] != DATE_DAY) {
		*d = pt[0];
		*prec = pp[0];
		return 1;
	}
	if (np < 2 || date_to_days(pt[0]) > date_to_days(pt[1]))
		return 0;
	span = pt[1].y * 12 + pt[1].m - (pt[0].y * 12 + pt[0].m) +
	    (pp[1] == DATE_QUARTER ? 2 : 0);
	d->y = pt[0].y;
	d->m = pt[0].m;
	d->d = 1;
	if (span == 0 && pp[0] != DATE_QUARTER)
		*prec = DATE_MONTH;
	else if (span == 2 && pt[0].m % 3 == 1)
		*prec = DATE_QUARTER;
	else
		return 0;	/* a year or more: no one period */
	return 1;
}

/* Set the stream's period (the date of rows without one, and what -v
 * counts dates against). */
static void
set_period(struct state *st, struct date d, int prec, const char *from)
{
	st->file_date = d;
	st->file_prec = prec;
	st->have_file_date = 1;
	st->per_lo = d.y * 12 + d.m;
	st->per_hi = st->per_lo + (prec == DATE_QUARTER ? 2 : 0);
	st->dec.period_from = from;
}

/* The months of a date column read as calendar yyyymm and as fiscal
 * yyyypp, against a reference month (y * 12 + m): the fiscal reading
 * wins when its months are nearer.  Returns 1 for fiscal. */
static int
fiscal_nearer(struct state *st, int col, size_t from, size_t to, int ref)
{
	long dc = 0, df = 0;
	size_t r, len;
	const char *s;
	struct date d;
	int prec, v;

	for (r = from; r < to; r++) {
		hold_use(st, r);
		s = cell(st, col, &len);
		if (len != 6 || fiscal_period(s, &d, &prec) != DATE_OK)
			continue;
		v = d.y * 12 + d.m;
		df += labs((long)(v - ref));
		if (date_parse(s, len, &d, &prec) == DATE_OK)
			dc += labs((long)(d.y * 12 + d.m - ref));
		else
			dc += 1000;
	}
	return df < dc;
}

/* The month most cells of a day column fall in (y * 12 + m), or 0. */
static int
column_month(struct state *st, int col, size_t from, size_t to)
{
	int best = 0, bn = 0, v[HOLD_ROWS], n = 0, i, c, k, prec;
	size_t r, len;
	const char *s;
	struct date d;

	for (r = from; r < to && n < HOLD_ROWS; r++) {
		hold_use(st, r);
		s = cell(st, col, &len);
		if (date_parse(s, len, &d, &prec) == DATE_OK &&
		    prec == DATE_DAY)
			v[n++] = d.y * 12 + d.m;
	}
	for (i = 0; i < n; i++) {
		for (c = 0, k = 0; k < n; k++)
			c += v[k] == v[i];
		if (c > bn) {
			bn = c;
			best = v[i];
		}
	}
	return best;
}

/* Whether the cells a/b/y of a date column fall in the file's period
 * more often read month first than day first. */
static int
month_first_nearer(struct state *st, int col, size_t from, size_t to)
{
	int dm = 0, md = 0, a, b, y;
	size_t r, len;
	const char *s;

	for (r = from; r < to; r++) {
		hold_use(st, r);
		s = cell(st, col, &len);
		if (!num_triple(s, len, &a, &b, &y))
			continue;
		dm += y * 12 + b >= st->per_lo && y * 12 + b <= st->per_hi;
		md += y * 12 + a >= st->per_lo && y * 12 + a <= st->per_hi;
	}
	return md > 2 * dm && md >= 3;
}

/* How the date column is read: a yyyypp column is a fiscal period when
 * a period 13 is there, or when the fiscal months agree better with the
 * file's period or with another column of days. */
static void
date_reading(struct state *st, const struct layout *m, size_t from,
    size_t to, const struct prof *pr, int ncol)
{
	int c = m->col[F_DATE], j, ref = 0;
	size_t r, len;
	const char *s;

	if (st->o->fiscal) {
		st->dec.date_rule = "yyyypp fiscal periods from April "
		    "(--fiscal-periods)";
		return;
	}
	st->fiscal = 0;
	if (c < 0 || c >= ncol)
		return;
	if (KN(&pr[c], CK_MDY) > 0 && KN(&pr[c], CK_DMY) == 0) {
		st->mdy = 1;
		st->dec.date_rule = "month first (a day above 12 is in the "
		    "middle, never first)";
		return;
	}
	if (KN(&pr[c], CK_MDY) == 0 && KN(&pr[c], CK_DMY) == 0 &&
	    st->per_lo > 0 && month_first_nearer(st, c, from, to)) {
		st->mdy = 1;
		st->dec.date_rule = "month first (agrees with the file's "
		    "period; no day above 12 tells)";
		return;
	}
	if (SHARE(KN(&pr[c], CK_PNN), pr[c].n, 8, 10)) {
		st->pnn = 1;
		for (j = 0; j < ncol; j++)
			if (pr[j].n > 0 && SHARE(KN(&pr[j], CK_FY), pr[j].n,
			    8, 10)) {
				st->fy_col = j;
				st->dec.date_rule = "fiscal periods P01-P13 "
				    "from April of the year in another column";
				return;
			}
		if (st->per_lo > 0) {
			int y = (st->per_lo - 1) / 12, m = (st->per_lo - 1) % 12 + 1;

			st->fy_year = m >= 4 ? y : y - 1;
			st->dec.date_rule = "fiscal periods P01-P13 from April "
			    "of the file's period's financial year";
		} else
			st->dec.date_rule = "fiscal periods P01-P13 with no "
			    "year (no year column or period): rejected";
		return;
	}
	if (!SHARE(KN(&pr[c], CK_FISCAL), pr[c].n, 8, 10)) {
		if (SHARE(KN(&pr[c], CK_MONTH), pr[c].n, 8, 10))
			st->dec.date_rule = "periods (month or quarter)";
		return;
	}
	for (r = from; r < to; r++) {
		hold_use(st, r);
		s = cell(st, c, &len);
		if (len == 6 && s[4] == '1' && s[5] == '3') {
			st->fiscal = 1;
			st->dec.date_rule = "yyyypp fiscal periods from April "
			    "(a period 13 is there)";
			return;
		}
	}
	if (st->per_lo > 0) {
		ref = st->per_lo;
		st->dec.date_rule = "yyyypp compared with the file's period";
	} else {
		for (j = 0; j < ncol && ref == 0; j++)
			if (j != c && date_score(&pr[j], (int)(to - from)) > 0)
				ref = column_month(st, j, from, to);
		st->dec.date_rule = "yyyypp compared with a column of days";
	}
	if (ref == 0) {
		st->dec.date_rule = "yyyymm calendar months (nothing to "
		    "compare with)";
		return;
	}
	st->fiscal = fiscal_nearer(st, c, from, to, ref);
	st->dec.date_rule = st->fiscal ?
	    (st->per_lo > 0 ? "yyyypp fiscal periods from April (agrees "
	    "with the file's period)" : "yyyypp fiscal periods from April "
	    "(agrees with a column of days)") :
	    (st->per_lo > 0 ? "yyyymm calendar months (agrees with the "
	    "file's period)" : "yyyymm calendar months (agrees with a "
	    "column of days)");
}


/* A quarter from the file name ("2016-Q1") is a calendar quarter, or a
 * fiscal one counted from April when more of the date column's days fall
 * in that reading. */
static void
quarter_reading(struct state *st, const struct layout *m, size_t from,
    size_t to)
{
	int c = m->col[F_DATE], cal = 0, fis = 0, v, prec;
	size_t r, len;
	const char *s;
	struct date d;

	if (c < 0 || st->file_prec != DATE_QUARTER || st->dec.period_from ==
	    NULL || strcmp(st->dec.period_from, "file name") != 0)
		return;
	for (r = from; r < to; r++) {
		hold_use(st, r);
		s = cell(st, c, &len);
		if (date_parse(s, len, &d, &prec) != DATE_OK)
			continue;
		v = d.y * 12 + d.m;
		cal += v >= st->per_lo && v <= st->per_hi;
		fis += v >= st->per_lo + 3 && v <= st->per_hi + 3;
	}
	if (fis > cal) {
		d = st->file_date;
		d.m += 3;
		if (d.m > 12) {
			d.m -= 12;
			d.y++;
		}
		st->dec.fiscal_quarter = 1;
		set_period(st, d, DATE_QUARTER, "file name, a fiscal quarter");
	}
}

/* The columns whose amounts have a decimal comma: some profiled value
 * shows one (CK_DCOMMA: "1234,56", "1.234,56", "-0,99") and none shows
 * a decimal point (CK_DPOINT: "1234.56", "1,234.56").  A cell holding a
 * comma was quoted when commas delimit, so the delimiter needs no test.
 * Values like "1,234" alone show nothing: the comma stays a thousands
 * separator. */
static uint64_t
dcomma_columns(const struct prof *pr, int ncol)
{
	uint64_t m = 0;
	int j;

	for (j = 0; j < ncol && j < PROF_COLS; j++)
		if (KN(&pr[j], CK_DCOMMA) > 0 && KN(&pr[j], CK_DPOINT) == 0)
			m |= (uint64_t)1 << j;
	return m;
}

/* The decimal comma evidence of column j for --explain, when there is. */
static void
dcomma_text(struct state *st, struct buf *o, int j, size_t from, size_t to,
    const struct prof *p)
{
	const char *s;
	size_t r, len;

	if (KN(p, CK_DCOMMA) == 0)
		return;
	for (r = from; r < to; r++)
		if ((hold_kind(&st->hold, r, (size_t)j) & CK_DCOMMA) != 0)
			break;
	if (r == to)
		return;
	hold_use(st, r);
	s = cell(st, j, &len);
	buf_reset(&st->tmp);
	text_clean(&st->tmp, s, len > 40 ? 40 : len, TEXT_TRIM | TEXT_SQUEEZE);
	if (KN(p, CK_DPOINT) == 0)
		buf_printf(o, "; decimal comma: %d value%s like ",
		    KN(p, CK_DCOMMA), KN(p, CK_DCOMMA) == 1 ? "" : "s");
	else
		buf_printf(o, "; no decimal comma: %d value%s like ",
		    KN(p, CK_DCOMMA), KN(p, CK_DCOMMA) == 1 ? "" : "s");
	json_str(o, st->tmp.p, st->tmp.len);
	if (KN(p, CK_DPOINT) == 0)
		buf_adds(o, ", none with a decimal point");
	else
		buf_printf(o, ", but %d with a decimal point", KN(p, CK_DPOINT));
}

/* Explain a decision (for --explain): the header, each column with the
 * field it became and why, its content and a few values, the date rule
 * and the period, and the --map options that give the same layout. */
static void
explain_layout(struct state *st, const struct layout *m, long hdr,
    size_t from, size_t to, const struct prof *pr, int ncol)
{
	struct buf *o = &st->dec.text;
	int rows = (int)(to - from), j, f, n, any;
	size_t r, len, hl;
	const char *s, *hs;

	if (hdr >= 0)
		buf_printf(o, "header: line %ld (%s)\n",
		    st->hold.line[hdr], st->dec.how == 1 ?
		    "names from the alias table" :
		    "a row of labels above typed data");
	else
		buf_printf(o, "header: none in the first %zu rows; columns "
		    "by content\n", st->hold.nrow);
	buf_printf(o, "sample: %d data rows profiled\n", rows);
	for (j = 0; j < ncol; j++) {
		hs = "";
		hl = 0;
		if (hdr >= 0) {
			hold_use(st, (size_t)hdr);
			hs = cell(st, j, &hl);
		}
		if (hl == 0 && pr[j].n == 0)
			continue;
		buf_printf(o, "column %d", j + 1);
		if (hl > 0) {
			buf_reset(&st->tmp);
			text_clean(&st->tmp, hs, hl, TEXT_TRIM | TEXT_SQUEEZE);
			buf_addc(o, ' ');
			json_str(o, st->tmp.p, st->tmp.len);
		}
		buf_adds(o, ": ");
		any = 0;
		for (f = 0; f < NFIELD; f++)
			if (m->col[f] == j) {
				buf_printf(o, "%s%s (%s)", any ? ", " : "",
				    field_name[f], by_name[m->by[f]]);
				any = 1;
			}
		if (!any)
			buf_adds(o, "unused");
		buf_adds(o, "; ");
		prof_text(o, &pr[j], rows);
		dcomma_text(st, o, j, from, to, &pr[j]);
		for (r = from, n = 0; r < to && n < 3; r++) {
			hold_use(st, r);
			s = cell(st, j, &len);
			if (len == 0)
				continue;
			buf_reset(&st->tmp);
			text_clean(&st->tmp, s, len > 40 ? 40 : len,
			    TEXT_TRIM | TEXT_SQUEEZE);
			buf_adds(o, n == 0 ? "; e.g. " : ", ");
			json_str(o, st->tmp.p, st->tmp.len);
			n++;
		}
		buf_addc(o, '\n');
	}
	for (f = 0; f < NFIELD; f++)
		if (payment_field[f] && m->col[f] >= ncol)
			buf_printf(o, "column %d: %s (%s); no data in the "
			    "sample\n", m->col[f] + 1, field_name[f],
			    by_name[m->by[f]]);
	if (m->col[F_DATE] >= 0)
		buf_printf(o, "date: column %d%s%s\n", m->col[F_DATE] + 1,
		    st->dec.date_rule ? ", " : "",
		    st->dec.date_rule ? st->dec.date_rule : "");
	else
		buf_printf(o, "date: no column; %s\n", st->have_file_date ?
		    "every record takes the period" : "records have none");
	if (st->have_file_date) {
		char d[16];

		date_fmt(d, st->file_date);
		buf_printf(o, "period: %.7s %s, from the %s\n", d,
		    st->file_prec == DATE_QUARTER ? "quarter" :
		    st->file_prec == DATE_MONTH ? "month" : "day",
		    st->dec.period_from ? st->dec.period_from : "file name");
	} else
		buf_adds(o, "period: none (no --period, title or file name "
		    "gives one)\n");
	buf_adds(o, "map:");
	for (f = 0; f < NFIELD; f++)
		if (m->col[f] >= 0)
			buf_printf(o, " --map %s=%d", field_name[f],
			    m->col[f] + 1);
	if (st->fiscal)
		buf_adds(o, " --fiscal-periods");
	if (st->o->delim != 0)	/* a decided delimiter is decided again */
		buf_printf(o, " --delimiter %s", csvr_delim_name(st->o->delim));
	buf_addc(o, '\n');
}

/* Columns no field uses that have a name (or, with no header, data). */
static int
unmapped_columns(struct state *st, const struct layout *m, long hdr,
    const struct prof *pr, int ncol)
{
	int j, f, used, n = 0;
	size_t len;

	for (j = 0; j < ncol; j++) {
		for (used = 0, f = 0; f < NFIELD; f++)
			if (m->col[f] == j)
				used = 1;
		if (used)
			continue;
		if (hdr >= 0) {
			hold_use(st, (size_t)hdr);
			(void)cell(st, j, &len);
			n += len > 0;
		} else
			n += pr[j].n > 0;
	}
	return n;
}

/* Read held row r as data. */
static void
data_row(struct state *st)
{
	if (st->o->kind == K_CONTRACT)
		contract_row(st);
	else
		payment_row(st);
}

/* Decide the layout from the held rows (at_end: the stream has no more),
 * then read them: rows above the header are preamble, the header is
 * counted, the rest are data.  With no header, a file that can be read
 * again is searched on for one (a header at the end), and the layout by
 * content is kept for when none is found; otherwise the content layout
 * is used at once. */
static void
decide(struct state *st, int at_end)
{
	struct hold *h = &st->hold;
	struct layout m, cm;
	struct rowsave sv;
	struct prof pr[PROF_COLS];
	size_t r, from, pto;
	size_t nscan = h->nrow < HEADER_SCAN ? h->nrow : HEADER_SCAN;
	long hdr = -1;
	int ncol = 0, usable, top;
	struct date d;
	int prec;

	row_save(st, &sv);
	st->dec.decided = 1;
	st->dcomma = 0;
	for (r = 0; r < h->nrow; r++) {
		hold_use(st, r);
		if (try_header(st, &m)) {
			hdr = (long)r;
			st->dec.how = 1;
			break;
		}
	}
	if (hdr < 0 && st->o->kind == K_PAYMENT)
		for (r = 0; r < nscan; r++)
			if (label_row(st, r)) {
				hdr = (long)r;
				st->dec.how = 2;
				break;
			}
	if (hdr < 0)
		layout_clear(&m);
	else if (st->dec.how == 2) {
		hold_use(st, (size_t)hdr);
		map_names(st, &m);
	}
	top = hdr >= 0 && hdr < HEADER_SCAN;
	from = top ? (size_t)hdr + 1 : 0;
	pto = h->nrow < from + PROF_ROWS ? h->nrow : from + PROF_ROWS;
	for (r = from; r < h->nrow; r++)
		if (h->nfs[r] > (size_t)ncol)
			ncol = (int)h->nfs[r];
	if (hdr >= 0 && h->nfs[hdr] > (size_t)ncol)
		ncol = (int)h->nfs[hdr];
	if (ncol > PROF_COLS)
		ncol = PROF_COLS;
	memset(pr, 0, sizeof pr);
	profile(st, from, pto, pr, ncol);	/* a contract's too: its
						 * values' decimal comma */
	/* a period in a title row above the header, unless --period */
	if (st->o->period == NULL)
		for (r = 0; top && r < (size_t)hdr; r++) {
			size_t j, len;
			const char *s;

			hold_use(st, r);
			for (j = 0; j < st->nf; j++) {
				s = cell(st, (int)j, &len);
				if (len > 0 && len < 200 &&
				    title_period(s, len, &d, &prec)) {
					st->dec.title_date = d;
					st->dec.title_prec = prec;
					st->dec.have_title = 1;
					set_period(st, d, prec, "title");
					r = (size_t)hdr;
					break;
				}
			}
		}
	if (st->o->kind == K_PAYMENT && hdr >= 0)
		fill_layout(st, &m, hdr, from, pto, pr, ncol);
	apply_numbered(st, &m);
	usable = hdr >= 0 && (st->o->kind == K_CONTRACT ?
	    m.col[F_SUPPLIER] >= 0 || m.col[F_TITLE] >= 0 :
	    m.col[F_AMOUNT] >= 0);
	if (!usable && st->o->kind == K_PAYMENT) {
		/* no header: the columns by content alone */
		layout_clear(&cm);
		st->dec.content = st->dec.corrected = st->dec.tolerant = 0;
		pto = h->nrow < PROF_ROWS ? h->nrow : PROF_ROWS;
		profile(st, 0, pto, pr, ncol);
		fill_layout(st, &cm, -1, 0, pto, pr, ncol);
		apply_numbered(st, &cm);
		if (cm.col[F_AMOUNT] >= 0 && (cm.col[F_DATE] >= 0 ||
		    cm.col[F_SUPPLIER] >= 0)) {
			cm.ok = 1;
			hdr = -1;
			top = 0;
			m = cm;
			usable = 1;
			st->dec.how = 3;
			from = 0;
		} else {
			pto = h->nrow < from + PROF_ROWS ? h->nrow :
			    from + PROF_ROWS;
			profile(st, from, pto, pr, ncol);
		}
	}
	st->dcomma = usable ? dcomma_columns(pr, ncol) : 0;
	if (usable) {
		if (st->o->kind == K_PAYMENT) {
			quarter_reading(st, &m, from, pto);
			date_reading(st, &m, from, pto, pr, ncol);
		}
		if (st->o->explain)
			explain_layout(st, &m, hdr, from, pto, pr, ncol);
	}
	if (usable && st->dec.how == 3 && st->seekable && !at_end &&
	    !st->probe) {
		/* a header may come further down: look for it first */
		st->content_map = m;
		st->content_ok = 1;
		usable = 0;
	}
	if (!usable) {
		st->c.preamble += (long long)h->nrow;
		if (st->seekable && !at_end && !st->probe)
			st->late = 1;
		else if (!at_end)
			st->fatal = "no header row found (give --layout FILE "
			    "or --map FIELD=COLUMN)";
		goto out;
	}
	m.ok = 1;
	st->map = m;
	st->dec.unmapped = unmapped_columns(st, &m, hdr, pr, ncol);
	if (hdr >= 0) {
		hold_use(st, (size_t)hdr);
		st->header_hash = row_hash(st);
		st->dec.header_line = h->line[hdr];
	}
	if (st->probe) {
		st->probe_done = 1;
		goto out;
	}
	for (r = 0; r < h->nrow; r++) {
		hold_use(st, r);
		if ((long)r == hdr)
			st->c.headers++;
		else if (top && (long)r < hdr) {
			st->c.preamble++;
			title_row(st);
		} else
			data_row(st);
	}
out:
	row_restore(st, &sv);
	h->nrow = h->nf = 0;
	buf_reset(&h->bytes);
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
			st->dec.how = 1;
			st->dec.header_line = st->row_line;
			st->dec.content = st->dec.corrected = 0;
			st->dec.tolerant = 0;
			buf_reset(&st->dec.text);
		}
		goto done;
	}
	if (!st->map.ok) {
		if (st->dec.decided) {
			st->c.preamble++;
			goto done;
		}
		hold_row(st);
		if (st->hold.nrow >= HOLD_ROWS ||
		    st->hold.bytes.len >= HOLD_BYTES)
			decide(st, 0);
		goto done;
	}
	if (st->o->kind == K_CONTRACT)
		contract_row(st);
	else
		payment_row(st);
done:
	st->nf = 0;
}

/* A period from a file name, from its words and numbers: 2011-03,
 * 2011_3, 201103, 2016-Q1, Q1-2016, 2009_q1, march-2011, Mar11, 2011-mar,
 * jan-mar-2014 (a quarter), or a name that is just yymm (1701.csv).
 * Returns 1 and sets *d and *prec when found. */
static int
period_from_name(const char *path, struct date *d, int *prec)
{
	const char *b = strrchr(path, '/'), *dot;
	char w[16][16];
	int wl[16], num[16], n = 0, i, y, m, m2;
	size_t len, k, p = 0;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	len = dot != NULL ? (size_t)(dot - b) : strlen(b);
	while (p < len && n < 16) {
		int digit = b[p] >= '0' && b[p] <= '9';
		int alpha = ((unsigned char)b[p] | 32) >= 'a' &&
		    ((unsigned char)b[p] | 32) <= 'z';

		if (!digit && !alpha) {
			p++;
			continue;
		}
		k = 0;
		num[n] = digit ? 0 : -1;
		while (p < len && (digit ? b[p] >= '0' && b[p] <= '9' :
		    ((unsigned char)b[p] | 32) >= 'a' &&
		    ((unsigned char)b[p] | 32) <= 'z')) {
			if (k < 15)
				w[n][k++] = (char)(b[p] | (digit ? 0 : 32));
			if (digit && num[n] < 100000000)
				num[n] = num[n] * 10 + (b[p] - '0');
			p++;
		}
		w[n][k] = '\0';
		wl[n++] = (int)k;
	}
	d->d = 1;
#define YEAR(i)	(num[i] >= 0 && wl[i] == 4 && num[i] >= DATE_MIN_YEAR && \
		    num[i] <= DATE_MAX_YEAR)
#define QUARTER(i)	(num[i] < 0 && wl[i] == 1 && w[i][0] == 'q' && \
		    i + 1 < n && num[i + 1] >= 1 && num[i + 1] <= 4 && \
		    wl[i + 1] == 1)
	for (i = 0; i < n; i++) {
		if (YEAR(i) && i + 1 < n && num[i + 1] >= 1 &&
		    num[i + 1] <= 12 && wl[i + 1] <= 2) {
			d->y = num[i];			/* 2011-03 */
			d->m = num[i + 1];
			*prec = DATE_MONTH;
			return 1;
		}
		if (YEAR(i) && i + 1 < n && QUARTER(i + 1)) {
			d->y = num[i];			/* 2016-Q1 */
			d->m = 3 * num[i + 2] - 2;
			*prec = DATE_QUARTER;
			return 1;
		}
		if (QUARTER(i) && i + 2 < n && YEAR(i + 2)) {
			d->y = num[i + 2];		/* Q1-2016 */
			d->m = 3 * num[i + 1] - 2;
			*prec = DATE_QUARTER;
			return 1;
		}
		if (num[i] >= 0 && wl[i] == 6 &&
		    num[i] / 100 >= DATE_MIN_YEAR &&
		    num[i] / 100 <= DATE_MAX_YEAR && num[i] % 100 >= 1 &&
		    num[i] % 100 <= 12) {
			d->y = num[i] / 100;		/* 201103 */
			d->m = num[i] % 100;
			*prec = DATE_MONTH;
			return 1;
		}
		if (num[i] < 0 &&
		    (m = date_month_word(w[i], (size_t)wl[i])) > 0) {
			m2 = i + 2 < n && num[i + 1] < 0 ?
			    date_month_word(w[i + 1], (size_t)wl[i + 1]) : 0;
			k = m2 > 0 ? 2 : 1;
			if (i + (int)k >= n)
				continue;
			y = num[i + k];
			if (wl[i + k] == 2 && y >= 0)
				y += y >= 90 ? 1900 : 2000;
			else if (!YEAR(i + (int)k))
				continue;
			d->y = y;			/* march-2011, Mar11 */
			d->m = m;
			*prec = DATE_MONTH;
			if (m2 > 0 && (m2 - m + 12) % 12 == 2 && m % 3 == 1)
				*prec = DATE_QUARTER;	/* jan-mar-2014 */
			return 1;
		}
		if (YEAR(i) && i + 1 < n && num[i + 1] < 0 &&
		    (m = date_month_word(w[i + 1], (size_t)wl[i + 1])) > 0) {
			d->y = num[i];			/* 2011-mar */
			d->m = m;
			*prec = DATE_MONTH;
			return 1;
		}
	}
	if (n == 1 && num[0] >= 0 && wl[0] == 4 && num[0] % 100 >= 1 &&
	    num[0] % 100 <= 12) {
		d->y = 2000 + num[0] / 100;		/* 1701 */
		d->m = num[0] % 100;
		*prec = DATE_MONTH;
		return 1;
	}
#undef YEAR
#undef QUARTER
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
	a->supplier += b->supplier;
	a->no_supplier += b->no_supplier;
	a->outside += b->outside;
	a->rounded += b->rounded;
	a->by_period += b->by_period;
	money_add(&a->amount, b->amount);
	money_add(&a->reject_amount, b->reject_amount);
	for (i = 0; i < NREASON; i++)
		a->by_reason[i] += b->by_reason[i];
}

/* The money fields (amount, value, annual) read with a decimal comma. */
static int
dcomma_fields(const struct state *st)
{
	return (field_opts(st, F_AMOUNT) != 0) + (field_opts(st, F_VALUE) != 0) +
	    (field_opts(st, F_ANNUAL) != 0);
}

/* The layout keys of a CSV stream's -v line: the delimiter (comma, tab,
 * semicolon or pipe), how the layout was found
 * (layout=names, content-header, content or given), the fields found by
 * tolerant names, filled and moved by content, the named columns left
 * unused, the period and where it came from, and how dates were read. */
static void
report_layout(const struct state *st)
{
	int n;

	static const char *const how[] = { "none", "names", "content-header",
	    "content", "given" };
	char d[16];

	vlog_str("delimiter", csvr_delim_name(st->delim.delim));
	vlog_str("layout", how[st->dec.how]);
	vlog_int("tolerant", st->dec.tolerant);
	vlog_int("content", st->dec.content);
	vlog_int("moved", st->dec.corrected);
	vlog_int("unmapped", st->dec.unmapped);
	if ((n = dcomma_fields(st)) > 0)
		vlog_int("decimal_comma", n);
	if (st->have_file_date) {
		date_fmt(d, st->file_date);
		d[7] = '\0';
		vlog_str("period", d);
		vlog_str("period_from", st->dec.period_from == NULL ? "name" :
		    strncmp(st->dec.period_from, "file name", 9) == 0 ?
		    (st->dec.fiscal_quarter ? "name-fiscal-quarter" : "name") :
		    strcmp(st->dec.period_from, "title") == 0 ? "title" :
		    "option");
	}
	vlog_str("dates", st->fiscal ? "fiscal-yyyypp" : st->pnn ?
	    "fiscal-pnn" : st->mdy ? "month-first" : "as-written");
}

/* The -v line of one stream, or of the run (name "*", with the number of
 * files): rows = records + rejects + blank + preamble + header. */
static void
report(const char *name, const struct counts *c, long long files,
    const struct state *st)
{
	char key[64];
	size_t k;
	int i;

	vlog_begin(progname(), name);
	if (files >= 0)
		vlog_int("files", files);
	vlog_int("rows", c->rows);
	vlog_int("records", c->records);
	vlog_int("rejects", c->rejects);
	vlog_int("blank", c->blank);
	vlog_int("preamble", c->preamble);
	vlog_int("header", c->headers);
	vlog_int("lines", c->lines);
	vlog_money("amount", c->amount);
	vlog_money("rejects_amount", c->reject_amount);
	vlog_int("unknown_buyer", c->unknown_buyer);
	vlog_int("redacted", c->redacted);
	vlog_int("supplier", c->supplier);
	vlog_int("no_supplier", c->no_supplier);
	vlog_int("outside_period", c->outside);
	vlog_int("dated_by_period", c->by_period);
	vlog_int("rounded", c->rounded);
	for (i = 0; i < NREASON; i++) {	/* "rejects_no_amount" ... */
		if (c->by_reason[i] == 0)
			continue;
		snprintf(key, sizeof key, "rejects_%s", reason_name[i]);
		for (k = 0; key[k] != '\0'; k++)
			if (key[k] == ' ')
				key[k] = '_';
		vlog_int(key, c->by_reason[i]);
	}
	if (st != NULL)
		report_layout(st);
	vlog_end();
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
	st->hold.nrow = st->hold.nf = 0;
	buf_reset(&st->hold.bytes);
	st->have_file_date = 0;
	st->per_lo = st->per_hi = 0;
	st->dcomma = 0;
	if (st->o->period != NULL) {
		struct date d;
		int prec;

		if (date_parse(st->o->period, strlen(st->o->period), &d,
		    &prec) == DATE_OK)
			set_period(st, d, prec, "--period option");
	} else if (st->dec.have_title)
		set_period(st, st->dec.title_date, st->dec.title_prec,
		    "title");
	else {
		struct date d;
		int prec;

		if (period_from_name(name, &d, &prec)) {
			if (prec == DATE_QUARTER && st->dec.fiscal_quarter) {
				d.m += 3;	/* Q1 is April to June */
				if (d.m > 12) {
					d.m -= 12;
					d.y++;
				}
			}
			set_period(st, d, prec, st->dec.fiscal_quarter ?
			    "file name, a fiscal quarter" : "file name");
		}
	}
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

	r = csvr_open(in, st->o->threads, st->o->delim);
	for (;;) {
		b = csvr_next(r);
		st->delim = *csvr_delim(r);
		if (consume(st, b) || b->last)
			break;
		csvr_done(r, b);	/* b is the reader's from here */
	}
	empty = csvr_empty(r);
	csvr_close(r, b);
	if (!st->dec.decided && st->hold.nrow > 0)
		decide(st, 1);
	if (st->fatal == NULL && !st->late_found && st->late &&
	    st->content_ok) {
		/* no header further down either: the layout by content */
		st->late_map = st->content_map;
		st->late_found = 1;
		st->dec.how = 3;
	}
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
		if (rec_get_str(&r, "supplier", &st->tmp) == 1 &&
		    st->tmp.len > 0)
			st->c.supplier++;
		else
			st->c.no_supplier++;
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

/* When a core field (supplier, date, amount) is missing on more than half
 * of a file's data rows, say so in one line naming the file and field.
 * Returns 1 when it did. */
static int
missing_core(struct state *st)
{
	const struct counts *c = &st->c;
	long long rows = c->records + c->rejects - c->by_reason[R_TOTAL];
	long long miss[3];
	static const char *const what[3] = { "supplier", "date", "amount" };
	static const int fld[3] = { F_SUPPLIER, F_DATE, F_AMOUNT };
	int i, any = 0;

	if (rows <= 0)
		return 0;
	miss[0] = c->no_supplier + c->by_reason[R_NO_SUPPLIER];
	miss[1] = c->by_reason[R_NO_DATE];
	miss[2] = c->by_reason[R_NO_AMOUNT];
	for (i = 0; i < 3; i++) {
		if (miss[i] * 2 <= rows)
			continue;
		fprintf(stderr, "%s: %s: %s missing on %lld of %lld rows (%s)%s\n",
		    progname(), st->name, what[i], miss[i], rows,
		    st->map.col[fld[i]] < 0 ? "no column found for it" :
		    "its column is mostly blank",
		    st->o->accept_missing ? "" :
		    "; --accept-missing takes the file as it is");
		any = 1;
	}
	return any;
}

/* The delimiter line of --explain: which and why. */
static void
explain_delim(FILE *o, const struct csvr_delim *d)
{
	fprintf(o, "delimiter: %s (", csvr_delim_name(d->delim));
	if (d->forced)
		fprintf(o, "--delimiter");
	else if (d->per_row > 0)
		fprintf(o, "%d per line on %d of %d lines", d->per_row,
		    d->rows, d->sampled);
	else if (d->sampled == 0)
		fprintf(o, "the default: no lines to look at");
	else
		fprintf(o, "the default: no candidate has the same count of 2 "
		    "or more on half of %d lines", d->sampled);
	fprintf(o, ")\n");
}

/* --explain: what the layout decision found, on stdout. */
static void
explain_stream(struct state *st, const char *name)
{
	FILE *o = stdout;
	const char *how[] = { "none", "header by names", "header by content",
	    "no header: columns by content", "given by --layout/--map" };

	buf_reset(&st->tmp);
	text_clean(&st->tmp, name, strlen(name), 0);
	fprintf(o, "file: %s\n", st->tmp.p);
	if (!st->o->jsonl)
		explain_delim(o, &st->delim);
	fprintf(o, "layout: %s", how[st->dec.how]);
	if (st->dec.header_line > 0 && st->dec.how == 1 &&
	    st->dec.text.len == 0)
		fprintf(o, " (header at line %ld, below the data)",
		    st->dec.header_line);
	fprintf(o, "; fields by tolerant names %d, filled by content %d, "
	    "moved by content %d\n", st->dec.tolerant, st->dec.content,
	    st->dec.corrected);
	if (st->dec.text.len > 0)
		fwrite(st->dec.text.p, 1, st->dec.text.len, o);
	fprintf(o, "rows: %lld records, %lld rejects, %lld with a supplier, "
	    "%lld redacted, %lld dated outside the period, %lld buyer "
	    "unresolved, %lld rounded half pennies\n\n", st->c.records,
	    st->c.rejects, st->c.supplier, st->c.redacted, st->c.outside,
	    st->c.unknown_buyer, st->c.rounded);
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

	buf_reset(&st->dec.text);
	{
		struct buf keep = st->dec.text;

		memset(&st->dec, 0, sizeof st->dec);
		st->dec.text = keep;
	}
	st->fiscal = st->o->fiscal;
	st->pnn = st->fy_year = st->mdy = 0;
	st->fy_col = -1;
	st->header_hash = 0;
	st->content_ok = 0;
	if (st->have_base) {
		st->dec.decided = 1;
		st->dec.how = 4;
	}
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
	if (rc == 0 && !st->probe && !st->o->jsonl &&
	    st->o->kind == K_PAYMENT && missing_core(st) &&
	    !st->o->accept_missing)
		rc = 1;
	if (st->o->explain && !st->probe)
		explain_stream(st, name);
	if (st->o->verbose && !st->probe)
		report(in == stdin ? "-" : name, &st->c, -1,
		    st->o->jsonl ? NULL : st);
	count_add(&st->all, &st->c);
	return rc;
}

/* Set up a state from options (loads the tables). */
static void
state_init(struct state *st, const struct opts *o, FILE *out)
{
	char *path;

	memset(st, 0, sizeof *st);
	st->o = o;
	st->out = out;
	load_aliases(st);
	load_redacted(st);
	path = schema_file("councils.tsv");
	st->councils = councils_load(path);
	free(path);
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
	for (i = 0; i < st->alias_words.cap; i++)
		if (st->alias_words.slot[i].key != NULL)
			free(st->alias_words.slot[i].val);
	strmap_free(&st->alias_words);
	buf_free(&st->hold.bytes);
	free(st->hold.off);
	free(st->hold.len);
	free(st->hold.kind);
	free(st->hold.first);
	free(st->hold.nfs);
	free(st->hold.line);
	buf_free(&st->dec.text);
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
	    "usage: %s [-hv] [--accept-missing] [--explain] [--fiscal-periods]\n"
	    "       [--buyer name] [-d|--delimiter c] [--from csv|jsonl]\n"
	    "       [--kind payment|contract]\n"
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

	if (eq == NULL || eq == arg || eq[1] == '\0')
		opt_fail(progname(), "--map %s: expected FIELD=HEADER or "
		    "FIELD=COLUMN", arg);
	if ((f = field_index(arg, (size_t)(eq - arg))) < 0)
		opt_fail(progname(), "--map %s: unknown field \"%.*s\"", arg,
		    (int)(eq - arg), arg);
	o->ov = ereallocarray(o->ov, o->nov + 1, sizeof *o->ov);
	ov = &o->ov[o->nov++];
	ov->field = f;
	ov->col = -1;
	if (parse_ll(eq + 1, 1, 100000, &n) == 0)
		ov->col = (int)n - 1;
	else if ((ov->flen = fold(ov->fold, eq + 1, strlen(eq + 1))) == 0)
		opt_fail(progname(), "--map %s: empty header name", arg);
}

/* Parse --delimiter C into o. */
static void
set_delim(struct opts *o, const char *arg)
{
	if ((o->delim = csvr_delim_parse(arg)) == 0)
		opt_fail(progname(), "--delimiter %s: expected tab, comma, "
		    "semicolon, pipe, \\t, \",\", \";\" or \"|\"", arg);
}

/* --layout FILE where FILE is what --explain wrote (edited or not): its
 * first "map:" line's --map, --fiscal-periods and --delimiter options
 * are taken instead of a header (--delimiter on the command line wins). */
static void
saved_layout(struct opts *o)
{
	FILE *fp;
	char *line = NULL, *tok, *save = NULL;
	size_t cap = 0;
	int found = 0;

	if ((fp = fopen(o->layout, "r")) == NULL)
		return;		/* state_base says why */
	while (!found && getline(&line, &cap, fp) > 0) {
		if (strncmp(line, "map:", 4) != 0)
			continue;
		found = 1;
		for (tok = strtok_r(line + 4, " \t\r\n", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\r\n", &save))
			if (strcmp(tok, "--fiscal-periods") == 0)
				o->fiscal = 1;
			else if (strcmp(tok, "--delimiter") == 0) {
				tok = strtok_r(NULL, " \t\r\n", &save);
				if (tok == NULL)
					break;
				if (o->delim == 0)	/* the option wins */
					set_delim(o, tok);
			} else if (strcmp(tok, "--map") != 0)
				add_map(o, tok);
	}
	free(line);
	fclose(fp);
	if (found)
		o->layout = NULL;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "accept-missing", no_argument, NULL, 'A' },
		{ "buyer", required_argument, NULL, 'b' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "explain", no_argument, NULL, 'E' },
		{ "fiscal-periods", no_argument, NULL, 'F' },
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
	FILE *fp, *devnull = NULL;
	int ch, i, rc = 0;
	long long n;

	set_progname(argv[0]);
	out_init();
	memset(&o, 0, sizeof o);
	o.threads = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
	opterr = 0;	/* messages through opt_error() */
	while ((ch = getopt_long(argc, argv, ":d:hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A':
			o.accept_missing = 1;
			break;
		case 'b':
			o.buyer = optarg;
			break;
		case 'd':
			set_delim(&o, optarg);
			break;
		case 'E':
			o.explain = 1;
			break;
		case 'F':
			o.fiscal = 1;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				o.jsonl = 1;
			else if (strcmp(optarg, "csv") != 0)
				opt_fail(progname(), "--from %s: expected csv "
				    "or jsonl", optarg);
			break;
		case 'h':
			usage(0);
			break;
		case 'k':
			if (strcmp(optarg, "contract") == 0)
				o.kind = K_CONTRACT;
			else if (strcmp(optarg, "payment") != 0)
				opt_fail(progname(), "--kind %s: expected "
				    "payment or contract", optarg);
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
				    &prec) != DATE_OK)
					opt_fail(progname(), "--period %s: not "
					    "a date or period", optarg);
			}
			o.period = optarg;
			break;
		case 'r':
			o.rejects = optarg;
			break;
		case 't':
			if (parse_ll(optarg, 1, 2, &n) != 0)
				opt_fail(progname(), "--threads %s: expected "
				    "1 or 2", optarg);
			o.threads = (int)n;
			break;
		case 'v':
			o.verbose = 1;
			break;
		case 'V':
			print_version();
		default:
			opt_error(progname(), argv, longopts, ch);
		}
	}
	argc -= optind;
	argv += optind;

	if (o.layout != NULL)
		saved_layout(&o);
	if (o.explain && (devnull = fopen("/dev/null", "w")) == NULL)
		die("/dev/null: %s", strerror(errno));
	state_init(&st, &o, o.explain ? devnull : stdout);
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
	if (o.verbose)
		report("*", &st.all, argc > 0 ? argc : 1, NULL);
	if (st.rej != NULL && st.rej != stdout && st.rej != stderr) {
		out_close(st.rej, o.rejects);
		fclose(st.rej);
	}
	state_free(&st);
	if (devnull != NULL)
		fclose(devnull);
	free(o.ov);
	out_close(stdout, "standard output");
	return rc ? 1 : 0;
}
#endif
