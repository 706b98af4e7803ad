/* estimate: coverage, like-for-like growth and national estimates of
 * technology spend with intervals, from classified payment records.
 *
 * Input: payment records (kind "payment", or no kind) with buyer_id, date
 * (or month "YYYY-MM"), amount, sector, category and sme, as written by
 * classify-sector; or partial aggregates of them (records with "count",
 * e.g. from aggregate --by buyer_id,month,sector,category,sme), whose
 * counts add.  Other kinds (contracts) are counted and left out.  The
 * filter holds one cell per buyer and month, so memory grows with buyers
 * x months, not with rows.  At the end of input it writes JSON lines, in
 * this order (estimate.1 gives every field):
 *   coverage       per buyer and month of the input's span: payments, sums
 *   buyer_year     per buyer and financial year with data: months, sums,
 *                  the year scaled to twelve months when it has enough
 *   coverage_fy    per financial year: buyers, authorities and population
 *                  covered against the universe, observed sums
 *   coverage_type  per financial year and type of authority, the same
 *   growth         per financial year: like-for-like change over a panel
 *   estimate       per financial year, scope, measure (and type): spend
 *                  per head within types times the types' population,
 *                  with a 90% bootstrap interval
 *   share          per financial year: the estimated share of England's
 *                  spend outside London and the South East
 * The universe is the table of councils (schemas/councils.tsv): current
 * authorities with a type and a population.  Observed sums are exact
 * int64 pence; the estimates are statistics computed in floating point
 * (IEEE double, no contraction, a seeded generator of our own), printed
 * as pence rounded half away from zero, byte-identical run to run. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/council.h"
#include "lib/date.h"
#include "lib/hash.h"
#include "lib/money.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

__extension__ typedef __int128 wide;	/* sums of sums, products */

#define MAXCAT		64	/* tech categories */
#define MAXBOOT		100000	/* -b */
#define MONTHS_MIN	(DATE_MIN_YEAR * 12)
#define MONTHS_MAX	(DATE_MAX_YEAR * 12 + 11)

/* Types of authority estimated per head, England's first; the others in
 * the table (city-corporation, strategic-authority, combined-authority)
 * are covered but not estimated. */
static const char *const types[] = {
	"county", "district", "unitary", "metropolitan-district",
	"london-borough", "scottish-unitary", "welsh-unitary", "ni-district",
};
#define NTYPES		8
#define NTYPES_ENGLAND	5

/* Where an authority is, for the scopes. */
enum area { AREA_LSE, AREA_REST, AREA_OUTSIDE, NAREA };

/* What an estimate covers: the types (the first ntypes of types[]) in the
 * areas of the mask. */
static const struct scope {
	const char	*name;
	int		 ntypes;
	unsigned	 areas;	/* bit per enum area */
} scopes[] = {
	{ "uk", NTYPES, 1u << AREA_LSE | 1u << AREA_REST | 1u << AREA_OUTSIDE },
	{ "england", NTYPES_ENGLAND, 1u << AREA_LSE | 1u << AREA_REST },
	{ "london-south-east", NTYPES_ENGLAND, 1u << AREA_LSE },
	{ "england-outside-london-south-east", NTYPES_ENGLAND,
	    1u << AREA_REST },
};
#define NSCOPES	4
enum { SC_UK, SC_ENGLAND, SC_LSE, SC_REST };

/* Output kinds, for -k. */
static const char *const kinds[] = {
	"coverage", "buyer_year", "coverage_fy", "coverage_type", "growth",
	"estimate", "share",
};
enum { K_COVERAGE, K_BUYER_YEAR, K_COVERAGE_FY, K_COVERAGE_TYPE, K_GROWTH,
	K_ESTIMATE, K_SHARE, NKINDS };

struct opts {
	const char	*councils;	/* -c: universe table */
	long long	 boot;		/* -b: bootstrap replicates */
	long long	 seed;		/* -s: generator seed */
	int		 min_months;	/* -m: months for a full year */
	unsigned	 kinds;		/* -k: bit per output kind */
	int		 verbose;	/* -v: counts to stderr */
};

/* One buyer's month. */
struct cell {
	int64_t	 n;		/* payments (records, or their counts) */
	int64_t	 amount;	/* all payments, pence */
	int64_t	 tech;		/* sector "tech", pence */
	int64_t	 sme;		/* tech to suppliers marked SME */
	int64_t	 smek;		/* tech whose SME status is known */
	int64_t	*cat;		/* tech per category index, ncat of them */
	int	 ncat;
	int	 covered;	/* a period record (quarter) reaches here */
};

struct buyer {
	char			*id;	/* buyer_id as given */
	char			*name;	/* official name, else as published */
	const struct council	*k;	/* NULL when not in the table */
	int			 m0;	/* month index of cell[0] */
	int			 nm;	/* cells */
	struct cell		*cell;
};

/* Counts for -v, per file and for the run. */
struct counts {
	long long	records;	/* lines read */
	long long	payments;	/* counted into cells */
	long long	other;		/* other kinds, left out */
	long long	nobuyer;	/* no buyer_id */
	long long	nodate;		/* no usable date or month */
	long long	noamount;	/* no usable amount */
	int64_t		amount;		/* sum of the payments counted */
};

struct state {
	struct opts		 o;
	struct councils		*cn;		/* the universe */
	struct strmap		 buyers;	/* id -> struct buyer */
	struct buyer		**bv;		/* every buyer */
	size_t			 nb;		/* buyers */
	struct strmap		 cats;		/* category -> index + 1 */
	char			*cat[MAXCAT];	/* names by index */
	int			 ncat;		/* categories */
	int			 mlo, mhi;	/* months seen; lo > hi: none */
	struct counts		 file, run;	/* per file, per run */
	struct buf		 s;		/* scratch string */
	struct buf		 line;		/* output line */
};

/* An authority-year that enters the estimates. */
struct unit {
	const struct buyer	*b;
	int			 type;	/* index in types[] */
	int			 area;	/* enum area */
	double			 pop;	/* population */
	int64_t			*y;	/* scaled annual value per measure */
};

/* Measures: 0 tech, 1 all spend, 2 + i tech in category i. */
#define M_TECH	0
#define M_ALL	1
#define M_CAT	2

/* --- the seeded generator ------------------------------------------------ */

/* xoshiro256** seeded through splitmix64: the same numbers on every
 * machine. */
struct rng {
	uint64_t	s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* A uniform integer in [0, n), n > 0, without modulo bias. */
static uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t lim = -n % n, x;

	while ((x = rng_next(r)) < lim)
		;
	return x % n;
}

/* --- numbers ------------------------------------------------------------- */

/* x rounded half away from zero to a whole number (exact: floor of a
 * double is exact, and x + 0.5 is exact below 2^52). */
static double
round_half(double x)
{
	return x < 0 ? -floor(-x + 0.5) : floor(x + 0.5);
}

/* A pence figure that fits int64, from a double; saturates. */
static int64_t
to_pence(double x)
{
	x = round_half(x);
	if (x >= 9.2e18)
		return INT64_MAX;
	if (x <= -9.2e18)
		return -INT64_MAX;
	return (int64_t)x;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* --- output -------------------------------------------------------------- */

static void
out_begin(struct state *st, const char *kind)
{
	buf_reset(&st->line);
	buf_printf(&st->line, "{\"kind\":\"%s\"", kind);
}

static void
out_key(struct state *st, const char *key)
{
	buf_printf(&st->line, ",\"%s\":", key);
}

static void
out_str(struct state *st, const char *key, const char *s)
{
	out_key(st, key);
	if (s == NULL) {
		buf_adds(&st->line, "null");
		return;
	}
	buf_addc(&st->line, '"');
	json_escape(&st->line, s, strlen(s));
	buf_addc(&st->line, '"');
}

static void
out_int(struct state *st, const char *key, long long v)
{
	out_key(st, key);
	buf_printf(&st->line, "%lld", v);
}

static void
out_money(struct state *st, const char *key, int64_t pence)
{
	char m[MONEY_FMT_MAX];

	out_key(st, key);
	money_fmt(m, pence);
	buf_adds(&st->line, m);
}

static void
out_null(struct state *st, const char *key)
{
	out_key(st, key);
	buf_adds(&st->line, "null");
}

static void
out_bool(struct state *st, const char *key, int v)
{
	out_key(st, key);
	buf_adds(&st->line, v ? "true" : "false");
}

/* v hundredths as a number with two decimals ("-12.34"). */
static void
out_hundredths(struct state *st, const char *key, wide v)
{
	int64_t p = v > INT64_MAX ? INT64_MAX : v < -INT64_MAX ? -INT64_MAX :
	    (int64_t)v;

	out_money(st, key, p);
}

/* A list of type names, from a bit set over types[]. */
static void
out_types(struct state *st, const char *key, unsigned set)
{
	int first = 1;

	out_key(st, key);
	buf_addc(&st->line, '[');
	for (int t = 0; t < NTYPES; t++)
		if (set & (1u << t)) {
			buf_printf(&st->line, "%s\"%s\"", first ? "" : ",",
			    types[t]);
			first = 0;
		}
	buf_addc(&st->line, ']');
}

static void
out_end(struct state *st)
{
	buf_adds(&st->line, "}\n");
	if (fwrite(st->line.p, 1, st->line.len, stdout) != st->line.len)
		out_close(stdout, "standard output");
}

static void
fmt_month(char *buf, int mi)
{
	snprintf(buf, 16, "%04d-%02d", mi / 12, mi % 12 + 1);
}

/* "2023-24" for the financial year starting in April of y. */
static void
fmt_fy(char *buf, int y)
{
	snprintf(buf, 16, "%04d-%02d", y, (y + 1) % 100);
}

/* Financial year (its first calendar year) of month index mi. */
static int
fy_of(int mi)
{
	return (mi - 3) / 12;
}

/* --- reading ------------------------------------------------------------- */

static int
type_index(const char *t)
{
	for (int i = 0; i < NTYPES; i++)
		if (strcmp(types[i], t) == 0)
			return i;
	return -1;
}

static int
area_of(const struct council *k)
{
	if (strcmp(k->nation, "England") != 0)
		return AREA_OUTSIDE;
	if (strcmp(k->region, "London") == 0 ||
	    strcmp(k->region, "South East") == 0)
		return AREA_LSE;
	return AREA_REST;
}

/* The cell of buyer b for month index mi, growing b's span to reach it. */
static struct cell *
cell_at(struct buyer *b, int mi)
{
	if (b->nm == 0) {
		b->cell = ecalloc(1, sizeof *b->cell);
		b->m0 = mi;
		b->nm = 1;
	} else if (mi < b->m0) {
		int grow = b->m0 - mi;

		b->cell = ereallocarray(b->cell, (size_t)(b->nm + grow),
		    sizeof *b->cell);
		memmove(b->cell + grow, b->cell, (size_t)b->nm *
		    sizeof *b->cell);
		memset(b->cell, 0, (size_t)grow * sizeof *b->cell);
		b->m0 = mi;
		b->nm += grow;
	} else if (mi >= b->m0 + b->nm) {
		int grow = mi - (b->m0 + b->nm) + 1;

		b->cell = ereallocarray(b->cell, (size_t)(b->nm + grow),
		    sizeof *b->cell);
		memset(b->cell + b->nm, 0, (size_t)grow * sizeof *b->cell);
		b->nm += grow;
	}
	return &b->cell[mi - b->m0];
}

/* The fields of one input line that estimate reads, as raw JSON spans
 * of the line (val NULL when absent). */
enum { F_KIND, F_BUYER_ID, F_BUYER, F_DATE, F_PRECISION, F_MONTH, F_AMOUNT,
	F_SECTOR, F_CATEGORY, F_SME, F_COUNT, NFIELDS };
static const char *const fieldnames[NFIELDS] = {
	"kind", "buyer_id", "buyer", "date", "date_precision", "month",
	"amount", "sector", "category", "sme", "count",
};

struct line {
	const char	*file;		/* for messages */
	long		 no;		/* line number */
	struct rec_member f[NFIELDS];	/* val NULL when absent */
};

static int
is_null(const struct rec_member *m)
{
	return m->val == NULL || (m->vlen == 4 && memcmp(m->val, "null",
	    4) == 0);
}

/* Field i as a decoded, valid UTF-8 string in out.  Returns 1 for a
 * string, 0 when absent, null or not a string.  Dies on a malformed
 * string: the line is not JSON. */
static int
line_str(const struct line *ln, int i, struct buf *out)
{
	const struct rec_member *m = &ln->f[i];

	buf_reset(out);
	if (is_null(m) || m->val[0] != '"')
		return 0;
	if (memchr(m->val, '\\', m->vlen) == NULL) {
		buf_add(out, m->val + 1, m->vlen - 2);
	} else if (json_str_decode(m->val, m->vlen, out) != 0) {
		die_at(ln->file, ln->no, "%s: bad string", fieldnames[i]);
	}
	if (!utf8_valid(out->p, out->len))
		die_at(ln->file, ln->no, "%s is not valid UTF-8",
		    fieldnames[i]);
	return 1;
}

/* 1 when field i is the string s (without escapes). */
static int
line_is(const struct line *ln, int i, const char *s)
{
	const struct rec_member *m = &ln->f[i];
	size_t n = strlen(s);

	return m->val != NULL && m->vlen == n + 2 && m->val[0] == '"' &&
	    memcmp(m->val + 1, s, n) == 0;
}

/* The buyer with this id, created on first sight. */
static struct buyer *
buyer_get(struct state *st, const struct line *ln, const char *id,
    size_t len)
{
	struct strmap_entry *e = strmap_get(&st->buyers, id, len, 1);
	struct buyer *b = e->val;

	if (b != NULL)
		return b;
	b = ecalloc(1, sizeof *b);
	b->id = estrndup(id, len);
	b->k = councils_find(st->cn, id, len);
	if (b->k != NULL) {
		b->name = estrdup(b->k->name);
	} else {
		struct buf name = { 0 };

		if (line_str(ln, F_BUYER, &name) == 1)
			b->name = estrdup(name.p);
		buf_free(&name);
	}
	e->val = b;
	st->bv = ereallocarray(st->bv, st->nb + 1, sizeof *st->bv);
	st->bv[st->nb++] = b;
	return b;
}

/* Index of a tech category, interned on first sight; -1 for none. */
static int
cat_index(struct state *st, const struct line *ln, const char *s,
    size_t len)
{
	struct strmap_entry *e;

	if (len == 0)
		return -1;
	e = strmap_get(&st->cats, s, len, 1);
	if (e->val == NULL) {
		if (st->ncat == MAXCAT)
			die_at(ln->file, ln->no, "more than %d categories",
			    MAXCAT);
		st->cat[st->ncat] = estrndup(s, len);
		e->val = (void *)(intptr_t)(st->ncat + 1);
		st->ncat++;
	}
	return (int)(intptr_t)e->val - 1;
}

static void
add_money(int64_t *acc, int64_t v, const struct line *ln)
{
	if (money_add(acc, v) != 0)
		die_at(ln->file, ln->no, "sum out of range");
}

/* The month index of the line's date or month field, and how many months
 * it stands for (3 for a quarter); -1 when it has none we can use. */
static int
line_month(struct state *st, const struct line *ln, int *span)
{
	struct date d;
	int y, m;

	*span = 1;
	if (line_str(ln, F_DATE, &st->s) == 1) {
		if (date_parse_iso(st->s.p, st->s.len, &d) != DATE_OK)
			return -1;
		if (line_is(ln, F_PRECISION, "quarter"))
			*span = 3;
		return d.y * 12 + d.m - 1;
	}
	if (line_str(ln, F_MONTH, &st->s) == 1 && st->s.len == 7 &&
	    st->s.p[4] == '-' && sscanf(st->s.p, "%4d-%2d", &y, &m) == 2 &&
	    y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12)
		return y * 12 + m - 1;
	return -1;
}

/* The amount in pence: a JSON number, or a string holding one.  Returns 1,
 * or 0 when missing, null or not an amount. */
static int
line_money(const struct line *ln, int64_t *pence)
{
	const struct rec_member *m = &ln->f[F_AMOUNT];
	const char *v = m->val;
	size_t n = m->vlen;

	if (is_null(m))
		return 0;
	if (v[0] == '"') {
		v++;
		n -= 2;
		if (memchr(v, '\\', n) != NULL)
			return 0;
	} else if (!(v[0] == '-' || (v[0] >= '0' && v[0] <= '9'))) {
		return 0;
	}
	return money_parse(v, n, pence) == MONEY_OK;
}

/* Count one line's record into its buyer's month. */
static void
add_record(struct state *st, const struct line *ln)
{
	const struct rec_member *f;
	struct buyer *b;
	struct cell *c;
	int64_t pence, n = 1;
	int mi, span, tech, ci = -1, sme = -1;

	if (!is_null(&ln->f[F_KIND]) && !line_is(ln, F_KIND, "payment")) {
		st->file.other++;
		return;
	}
	if (line_str(ln, F_BUYER_ID, &st->s) != 1 || st->s.len == 0) {
		st->file.nobuyer++;
		return;
	}
	if (!is_null(f = &ln->f[F_COUNT])) {
		char num[24];
		long long v;

		if (f->vlen >= sizeof num)
			die_at(ln->file, ln->no, "count is not a whole number");
		memcpy(num, f->val, f->vlen);
		num[f->vlen] = '\0';
		if (parse_ll(num, 0, INT64_MAX, &v) != 0)
			die_at(ln->file, ln->no, "count is not a whole number");
		n = v;
	}
	if (!line_money(ln, &pence)) {
		st->file.noamount++;
		return;
	}
	if ((mi = line_month(st, ln, &span)) < 0) {
		st->file.nodate++;
		return;
	}
	line_str(ln, F_BUYER_ID, &st->s);
	b = buyer_get(st, ln, st->s.p, st->s.len);
	tech = line_is(ln, F_SECTOR, "tech");
	if (tech && line_str(ln, F_CATEGORY, &st->s) == 1)
		ci = cat_index(st, ln, st->s.p, st->s.len);
	f = &ln->f[F_SME];
	if (f->val != NULL && f->vlen == 4 && memcmp(f->val, "true", 4) == 0)
		sme = 1;
	else if (f->val != NULL && f->vlen == 5 &&
	    memcmp(f->val, "false", 5) == 0)
		sme = 0;
	for (int k = 1; k < span; k++)
		cell_at(b, mi + k)->covered = 1;
	c = cell_at(b, mi);
	c->covered = 1;
	add_money(&c->n, n, ln);
	add_money(&c->amount, pence, ln);
	if (tech) {
		add_money(&c->tech, pence, ln);
		if (sme >= 0)
			add_money(&c->smek, pence, ln);
		if (sme == 1)
			add_money(&c->sme, pence, ln);
		if (ci >= 0) {
			if (ci >= c->ncat) {
				c->cat = ereallocarray(c->cat,
				    (size_t)st->ncat, sizeof *c->cat);
				memset(c->cat + c->ncat, 0, (size_t)(st->ncat -
				    c->ncat) * sizeof *c->cat);
				c->ncat = st->ncat;
			}
			add_money(&c->cat[ci], pence, ln);
		}
	}
	if (mi < st->mlo)
		st->mlo = mi;
	if (mi + span - 1 > st->mhi)
		st->mhi = mi + span - 1;
	st->file.payments++;
	add_money(&st->file.amount, pence, ln);
}

static void
counts_add(struct counts *a, const struct counts *b)
{
	a->records += b->records;
	a->payments += b->payments;
	a->other += b->other;
	a->nobuyer += b->nobuyer;
	a->nodate += b->nodate;
	a->noamount += b->noamount;
	if (money_add(&a->amount, b->amount) != 0)
		die("total amount out of range");
}

static void
vlog_counts(const char *file, const struct counts *c, long long files)
{
	vlog_begin(progname(), file);
	if (files >= 0)
		vlog_int("files", files);
	vlog_int("records", c->records);
	vlog_int("payments", c->payments);
	vlog_int("other_kinds", c->other);
	vlog_int("no_buyer", c->nobuyer);
	vlog_int("no_date", c->nodate);
	vlog_int("no_amount", c->noamount);
	vlog_money("amount", c->amount);
	vlog_end();
}

/* Read every record of one input with the library's scanner, picking
 * out the fields above.  A line that is not a JSON object, or names a
 * wanted field twice, ends the run (status 1). */
static void
read_file(struct state *st, const char *path)
{
	struct rec_reader rd;
	struct line ln;
	const char *buf;
	size_t len;
	int got;

	if (rec_reader_open(&rd, path) != 0)
		die("%s: %s", path, strerror(errno));
	memset(&st->file, 0, sizeof st->file);
	memset(&ln, 0, sizeof ln);
	ln.file = rd.name;
	while ((got = rec_next_line(&rd, &buf, &len)) > 0) {
		struct rec_scan sc;
		struct rec_member m;
		int r;

		ln.no = rd.line;
		if (rec_scan_begin(&sc, buf, len) != 0)
			die_at(ln.file, ln.no, "not a JSON object");
		memset(ln.f, 0, sizeof ln.f);
		while ((r = rec_scan_next(&sc, &m)) > 0)
			for (int k = 0; k < NFIELDS; k++)
				if (strlen(fieldnames[k]) == m.klen &&
				    memcmp(fieldnames[k], m.key, m.klen) == 0) {
					if (ln.f[k].val != NULL)
						die_at(ln.file, ln.no, "key "
						    "\"%s\" twice",
						    fieldnames[k]);
					ln.f[k] = m;
					break;
				}
		if (r < 0)
			die_at(ln.file, ln.no, "not a JSON object");
		st->file.records++;
		add_record(st, &ln);
	}
	if (got == -1)
		die_at(ln.file, rd.line, "%s", rd.err);
	if (got == -2)
		die("%s: read error", ln.file);
	if (st->o.verbose)
		vlog_counts(path == NULL ? "-" : path, &st->file, -1);
	counts_add(&st->run, &st->file);
	rec_reader_close(&rd);
}

/* acc += v for sums past the cells (a year, a panel, a scope); dies when
 * the sum leaves int64, as no honest input gets there. */
static void
sum_add(int64_t *acc, int64_t v)
{
	if (money_add(acc, v) != 0)
		die("a sum is beyond the range of int64 pence");
}

static int64_t
narrow(wide v)
{
	if (v > INT64_MAX || v < -INT64_MAX)
		die("an estimate is beyond the range of int64 pence");
	return (int64_t)v;
}

/* --- buyer-years --------------------------------------------------------- */

/* Sums of buyer b over financial year y: months with data (cells with
 * payments or covered by a period), and the cells' sums into out
 * (measures as in struct unit, plus sme and smek after the categories). */
static int
buyer_year(const struct state *st, const struct buyer *b, int y,
    int64_t *out, int64_t *payments)
{
	int months = 0, nmeas = M_CAT + st->ncat;

	memset(out, 0, (size_t)(nmeas + 2) * sizeof *out);
	*payments = 0;
	for (int mi = y * 12 + 3; mi < y * 12 + 15; mi++) {
		const struct cell *c;

		if (mi < b->m0 || mi >= b->m0 + b->nm)
			continue;
		c = &b->cell[mi - b->m0];
		if (!c->covered)
			continue;
		months++;
		sum_add(payments, c->n);
		sum_add(&out[M_TECH], c->tech);
		sum_add(&out[M_ALL], c->amount);
		for (int i = 0; i < c->ncat; i++)
			sum_add(&out[M_CAT + i], c->cat[i]);
		sum_add(&out[nmeas], c->sme);
		sum_add(&out[nmeas + 1], c->smek);
	}
	return months;
}

/* v scaled from months to twelve, rounded half away from zero. */
static int64_t
scale12(int64_t v, int months)
{
	return narrow(money_div_round((wide)v * 12, months));
}

static int
cmp_buyer(const void *a, const void *b)
{
	const struct buyer *x = *(const struct buyer *const *)a;
	const struct buyer *y = *(const struct buyer *const *)b;

	return strcmp(x->id, y->id);
}

/* --- coverage ---------------------------------------------------------- */

static void
write_coverage(struct state *st)
{
	char mon[16], fy[16];

	for (size_t i = 0; i < st->nb; i++) {
		const struct buyer *b = st->bv[i];

		for (int mi = st->mlo; mi <= st->mhi; mi++) {
			static const struct cell none;
			const struct cell *c = mi >= b->m0 &&
			    mi < b->m0 + b->nm ? &b->cell[mi - b->m0] : &none;

			fmt_month(mon, mi);
			fmt_fy(fy, fy_of(mi));
			out_begin(st, "coverage");
			out_str(st, "buyer_id", b->id);
			out_str(st, "buyer", b->name);
			out_str(st, "type", b->k != NULL ? b->k->type : NULL);
			out_str(st, "month", mon);
			out_str(st, "fy", fy);
			out_bool(st, "present", c->covered);
			out_int(st, "payments", c->n);
			out_money(st, "amount", c->amount);
			out_money(st, "tech", c->tech);
			out_end(st);
		}
	}
}

/* The authority-years of financial year y that enter the estimates: full
 * years (at least -m months) of authorities with an estimated type and a
 * population.  Returns the count; *u is allocated (free each y and *u). */
static size_t
collect_units(struct state *st, int y, struct unit **u)
{
	int nmeas = M_CAT + st->ncat;
	int64_t *v = ecalloc((size_t)nmeas + 2, sizeof *v), pay;
	size_t n = 0;

	*u = NULL;
	for (size_t i = 0; i < st->nb; i++) {
		const struct buyer *b = st->bv[i];
		int months = buyer_year(st, b, y, v, &pay), t;

		if (months < st->o.min_months || b->k == NULL ||
		    b->k->population <= 0 || (t = type_index(b->k->type)) < 0)
			continue;
		*u = ereallocarray(*u, n + 1, sizeof **u);
		(*u)[n].b = b;
		(*u)[n].type = t;
		(*u)[n].area = area_of(b->k);
		(*u)[n].pop = (double)b->k->population;
		(*u)[n].y = ecalloc((size_t)nmeas, sizeof *v);
		for (int j = 0; j < nmeas; j++)
			(*u)[n].y[j] = scale12(v[j], months);
		n++;
	}
	free(v);
	return n;
}

static void
free_units(struct unit *u, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(u[i].y);
	free(u);
}

static void
write_buyer_years(struct state *st, int y)
{
	int nmeas = M_CAT + st->ncat;
	int64_t *v = ecalloc((size_t)nmeas + 2, sizeof *v), pay;
	char fy[16];

	fmt_fy(fy, y);
	for (size_t i = 0; i < st->nb; i++) {
		const struct buyer *b = st->bv[i];
		int months = buyer_year(st, b, y, v, &pay);
		int full = months >= st->o.min_months;

		if (months == 0)
			continue;
		out_begin(st, "buyer_year");
		out_str(st, "fy", fy);
		out_str(st, "buyer_id", b->id);
		out_str(st, "buyer", b->name);
		out_str(st, "type", b->k != NULL ? b->k->type : NULL);
		out_str(st, "region", b->k != NULL ? b->k->region : NULL);
		if (b->k != NULL && b->k->population > 0)
			out_int(st, "population", b->k->population);
		else
			out_null(st, "population");
		out_int(st, "months", months);
		out_bool(st, "full", full);
		out_bool(st, "estimated", full && b->k != NULL &&
		    b->k->population > 0 && type_index(b->k->type) >= 0);
		out_int(st, "payments", pay);
		out_money(st, "amount", v[M_ALL]);
		out_money(st, "tech", v[M_TECH]);
		if (full) {
			out_money(st, "amount_12", scale12(v[M_ALL], months));
			out_money(st, "tech_12", scale12(v[M_TECH], months));
		} else {
			out_null(st, "amount_12");
			out_null(st, "tech_12");
		}
		out_end(st);
	}
	free(v);
}

/* The universe of one type in the areas of mask: authorities and
 * population. */
static void
universe(const struct state *st, int t, unsigned mask, long long *count,
    long long *pop)
{
	size_t n = councils_count(st->cn);

	*count = *pop = 0;
	for (size_t i = 0; i < n; i++) {
		const struct council *k = councils_at(st->cn, i);

		if (!k->current || k->population <= 0 ||
		    strcmp(k->type, types[t]) != 0 ||
		    !(mask & (1u << area_of(k))))
			continue;
		(*count)++;
		*pop += k->population;
	}
}

static void
write_coverage_fy(struct state *st, int y, const struct unit *u, size_t nu)
{
	int nmeas = M_CAT + st->ncat;
	int64_t *v = ecalloc((size_t)nmeas + 2, sizeof *v), pay;
	int64_t amount = 0, tech = 0, sme = 0, smek = 0;
	long long buyers = 0, full = 0, ucount = 0, upop = 0, pop = 0;
	long long tb[NTYPES] = { 0 }, tn[NTYPES] = { 0 }, tp[NTYPES] = { 0 };
	char fy[16];

	fmt_fy(fy, y);
	for (size_t i = 0; i < st->nb; i++) {
		const struct buyer *b = st->bv[i];
		int months = buyer_year(st, b, y, v, &pay), t;

		if (months == 0)
			continue;
		buyers++;
		full += months >= st->o.min_months;
		if (b->k != NULL && (t = type_index(b->k->type)) >= 0)
			tb[t]++;
		sum_add(&amount, v[M_ALL]);
		sum_add(&tech, v[M_TECH]);
		sum_add(&sme, v[nmeas]);
		sum_add(&smek, v[nmeas + 1]);
	}
	for (size_t i = 0; i < nu; i++) {
		tn[u[i].type]++;
		tp[u[i].type] += (long long)u[i].pop;
		pop += (long long)u[i].pop;
	}
	for (int t = 0; t < NTYPES; t++) {
		long long c, p;

		universe(st, t, scopes[SC_UK].areas, &c, &p);
		ucount += c;
		upop += p;
	}
	if (st->o.kinds & (1u << K_COVERAGE_FY)) {
		out_begin(st, "coverage_fy");
		out_str(st, "fy", fy);
		out_int(st, "buyers", buyers);
		out_int(st, "full", full);
		out_int(st, "authorities", (long long)nu);
		out_int(st, "population", pop);
		out_int(st, "universe", ucount);
		out_int(st, "universe_population", upop);
		out_money(st, "amount", amount);
		out_money(st, "tech", tech);
		out_money(st, "tech_sme", sme);
		out_money(st, "tech_sme_known", smek);
		/* Shares in C from exact sums, so no one re-sums them. */
		if (smek != 0)
			out_hundredths(st, "sme_share", money_div_round((wide)sme *
			    10000, smek));
		else
			out_null(st, "sme_share");
		if (tech != 0)
			out_hundredths(st, "sme_known_share", money_div_round(
			    (wide)smek * 10000, tech));
		else
			out_null(st, "sme_known_share");
		out_end(st);
	}
	if (st->o.kinds & (1u << K_COVERAGE_TYPE))
		for (int t = 0; t < NTYPES; t++) {
			long long c, p;

			universe(st, t, scopes[SC_UK].areas, &c, &p);
			out_begin(st, "coverage_type");
			out_str(st, "fy", fy);
			out_str(st, "type", types[t]);
			out_int(st, "buyers", tb[t]);
			out_int(st, "authorities", tn[t]);
			out_int(st, "population", tp[t]);
			out_int(st, "universe", c);
			out_int(st, "universe_population", p);
			out_end(st);
		}
	free(v);
}

/* --- growth ------------------------------------------------------------ */

/* (cur - base) / |base| in hundredths of a percent; 0 and *ok = 0 when
 * base is 0. */
static wide
growth(int64_t cur, int64_t base, int *ok)
{
	*ok = base != 0;
	if (base == 0)
		return 0;
	return money_div_round(((wide)cur - base) * 10000,
	    base < 0 ? -base : base);
}

/* KEY: the change from sums[0] to sums[1] over a panel, or null when there
 * is no panel or no base. */
static void
out_growth(struct state *st, const char *key, const int64_t sums[2],
    long long panel)
{
	int ok;
	wide g = growth(sums[1], sums[0], &ok);

	if (panel > 0 && ok)
		out_hundredths(st, key, g);
	else
		out_null(st, key);
}

static void
write_growth(struct state *st, int y)
{
	int64_t tech[2] = { 0, 0 }, all[2] = { 0, 0 };
	long long panel = 0, months = 0;
	char fy[16], base[16];

	fmt_fy(fy, y);
	fmt_fy(base, y - 1);
	for (size_t i = 0; i < st->nb; i++) {
		const struct buyer *b = st->bv[i];
		int got[2] = { 0, 0 };

		for (int p = 0; p < 12; p++)
			for (int k = 0; k < 2; k++) {
				int mi = (y - 1 + k) * 12 + 3 + p;

				got[k] += mi >= b->m0 && mi < b->m0 + b->nm &&
				    b->cell[mi - b->m0].covered;
			}
		if (got[0] < st->o.min_months || got[1] < st->o.min_months)
			continue;
		panel++;
		for (int p = 0; p < 12; p++) {
			const struct cell *c[2];
			int mi = (y - 1) * 12 + 3 + p;

			if (mi < b->m0 || mi + 12 >= b->m0 + b->nm)
				continue;
			c[0] = &b->cell[mi - b->m0];
			c[1] = &b->cell[mi + 12 - b->m0];
			if (!c[0]->covered || !c[1]->covered)
				continue;
			months++;
			for (int k = 0; k < 2; k++) {
				sum_add(&tech[k], c[k]->tech);
				sum_add(&all[k], c[k]->amount);
			}
		}
	}
	out_begin(st, "growth");
	out_str(st, "fy", fy);
	out_str(st, "base_fy", base);
	out_int(st, "panel", panel);
	out_int(st, "months", months);
	out_money(st, "tech_base", tech[0]);
	out_money(st, "tech", tech[1]);
	out_growth(st, "tech_growth", tech, panel);
	out_money(st, "amount_base", all[0]);
	out_money(st, "amount", all[1]);
	out_growth(st, "amount_growth", all, panel);
	out_end(st);
}

/* --- estimates ----------------------------------------------------------- */

/* One stratum (a type within a scope) of one financial year. */
struct stratum {
	long long	 ucount;	/* universe: authorities */
	long long	 upop;		/* universe: population */
	size_t		*ix;		/* units observed (indexes) */
	size_t		 n;
	double		 lambda;	/* rescaling: sqrt(1 - n / ucount) */
	double		*w;		/* replicate weights, boot x n */
	double		*den;		/* per replicate: sum of w * pop */
	double		 pop;		/* observed population */
};

/* The estimates of one scope and year for every measure: point values
 * per type and in total, and the bootstrap replicates of the total (for
 * the shares). */
struct scope_est {
	struct stratum	 s[NTYPES];
	int		 nt;		/* strata: the scope's types */
	unsigned	 missing;	/* types with people, no authority */
	unsigned	 thin;		/* types with one authority */
	int64_t		*total;		/* per measure: point total */
	double		*rep;		/* per measure: boot replicate totals */
	double		*var;		/* per measure and type: variance of
					 * the type's replicates */
	double		*floor;		/* per measure: the lowest value the
					 * total can take (floor_of) */
};

/* Draw the replicate weights of every stratum: the rescaling bootstrap
 * (Rao and Wu 1988, Rao, Wu and Yue 1992) with n - 1 draws with
 * replacement among a stratum's n authorities and the finite population
 * correction, weight 1 - l + l * n / (n - 1) * draws with l = sqrt(1 -
 * n / N).  The generator is seeded from -s, the year and the scope, so
 * a scope's interval does not depend on the other scopes, years or
 * measures. */
static void
draw_weights(struct state *st, struct scope_est *e, int y, int sc)
{
	size_t boot = (size_t)st->o.boot;
	uint64_t seed = (uint64_t)st->o.seed;
	struct rng r;
	unsigned *cnt = NULL;

	/* Arithmetic only, so the same on any byte order. */
	seed = splitmix64(&seed) ^ (uint64_t)y;
	seed = splitmix64(&seed) ^ (uint64_t)sc;
	rng_seed(&r, seed);
	for (int t = 0; t < e->nt; t++) {
		struct stratum *s = &e->s[t];
		double f;

		if (s->n < 2)
			continue;
		f = s->ucount > 0 ? (double)s->n / (double)s->ucount : 1;
		s->lambda = f >= 1 ? 0 : sqrt(1 - f);
		s->w = ereallocarray(NULL, boot * s->n, sizeof *s->w);
		s->den = ereallocarray(NULL, boot, sizeof *s->den);
		cnt = ereallocarray(cnt, s->n, sizeof *cnt);
		for (size_t b = 0; b < boot; b++) {
			double *w = s->w + b * s->n, k;

			memset(cnt, 0, s->n * sizeof *cnt);
			for (size_t d = 0; d + 1 < s->n; d++)
				cnt[rng_below(&r, s->n)]++;
			k = s->lambda * (double)s->n / (double)(s->n - 1);
			for (size_t i = 0; i < s->n; i++) {
				w[i] = 1 - s->lambda + k * (double)cnt[i];
			}
		}
	}
	free(cnt);
}

static void
scope_init(struct state *st, struct scope_est *e, int y, int sc,
    const struct unit *u, size_t nu)
{
	const struct scope *p = &scopes[sc];
	int nmeas = M_CAT + st->ncat;

	memset(e, 0, sizeof *e);
	e->nt = p->ntypes;
	for (int t = 0; t < e->nt; t++) {
		struct stratum *s = &e->s[t];

		universe(st, t, p->areas, &s->ucount, &s->upop);
		for (size_t i = 0; i < nu; i++)
			if (u[i].type == t && (p->areas & (1u << u[i].area))) {
				s->ix = ereallocarray(s->ix, s->n + 1,
				    sizeof *s->ix);
				s->ix[s->n++] = i;
				s->pop += u[i].pop;
			}
		if (s->upop > 0 && s->n == 0)
			e->missing |= 1u << t;
		/* One authority of several says nothing about the spread;
		 * all of them (a census) leave no sampling error. */
		if (s->upop > 0 && s->n == 1 && s->ucount > 1)
			e->thin |= 1u << t;
	}
	draw_weights(st, e, y, sc);
	for (int t = 0; t < e->nt; t++) {
		struct stratum *s = &e->s[t];

		if (s->w == NULL)
			continue;
		for (size_t b = 0; b < (size_t)st->o.boot; b++) {
			const double *w = s->w + b * s->n;
			double d = 0;

			for (size_t i = 0; i < s->n; i++)
				d += w[i] * u[s->ix[i]].pop;
			s->den[b] = d;
		}
	}
	e->total = ecalloc((size_t)nmeas, sizeof *e->total);
	e->var = ecalloc((size_t)nmeas * NTYPES, sizeof *e->var);
	e->rep = ecalloc((size_t)nmeas * (size_t)st->o.boot, sizeof *e->rep);
	e->floor = ecalloc((size_t)nmeas, sizeof *e->floor);
}

static void
scope_free(struct scope_est *e)
{
	for (int t = 0; t < NTYPES; t++) {
		free(e->s[t].ix);
		free(e->s[t].w);
		free(e->s[t].den);
	}
	free(e->total);
	free(e->rep);
	free(e->var);
	free(e->floor);
}

/* Index of the lower and upper ends of a 90% percentile interval among
 * boot sorted replicates. */
static size_t
lo_index(size_t boot)
{
	return boot * 5 / 100;
}

static size_t
hi_index(size_t boot)
{
	return boot - 1 - boot * 5 / 100;
}

/* One-sided 95% quantiles of Student's t with 1 to 30 degrees of
 * freedom, and of the normal distribution. */
static const double t95[31] = {
	0, 6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.943180,
	1.894579, 1.859548, 1.833113, 1.812461, 1.795885, 1.782288, 1.770933,
	1.761310, 1.753050, 1.745884, 1.739607, 1.734064, 1.729133, 1.724718,
	1.720743, 1.717144, 1.713872, 1.710882, 1.708141, 1.705618, 1.703288,
	1.701131, 1.699127, 1.697261,
};
#define Z95	1.644854

/* t95 / Z95 for df degrees of freedom (linear in 1 / df between the
 * table's entries, and from 30 to infinity); 1 for no df (no variance). */
static double
widen(double df)
{
	double a, b, t;
	int d;

	if (!(df > 0))
		return 1;
	if (df < 1)
		df = 1;
	if (df >= 30) {
		t = Z95 + (t95[30] - Z95) * (30 / df);
	} else {
		d = (int)df;
		a = 1 / (double)d;
		b = 1 / (double)(d + 1);
		t = t95[d] + (t95[d + 1] - t95[d]) * ((a - 1 / df) / (a - b));
	}
	return t / Z95;
}

/* Satterthwaite's degrees of freedom of a sum of the types' estimates
 * with variances v[t] from n[t] authorities each: (sum v)^2 / sum (v^2 /
 * (n - 1)); 0 when there is no variance. */
static double
satterthwaite(const double *v, const size_t *n, int nt)
{
	double sum = 0, den = 0;

	for (int t = 0; t < nt; t++)
		if (v[t] > 0 && n[t] >= 2) {
			sum += v[t];
			den += v[t] * v[t] / (double)(n[t] - 1);
		}
	return den > 0 ? sum * sum / den : 0;
}

/* The variance of x[0..n). */
static double
variance(const double *x, size_t n)
{
	double mean = 0, ss = 0;

	for (size_t i = 0; i < n; i++)
		mean += x[i];
	mean /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mean) * (x[i] - mean);
	return n > 1 ? ss / (double)(n - 1) : 0;
}

/* The 90% interval around point from the replicates x[0..boot) (sorted
 * here): the percentile interval's distances from the point, each times
 * k = t95(df) / z95, kept within [min, max]: the widening must not carry
 * a bound where the quantity cannot go (spend no authority has negative
 * below zero, a share outside 0 to 100%). */
static void
interval(double *x, size_t boot, double point, double k, double min,
    double max, double *lo, double *hi)
{
	qsort(x, boot, sizeof *x, cmp_double);
	*lo = point - k * (point - x[lo_index(boot)]);
	*hi = point + k * (x[hi_index(boot)] - point);
	if (*lo < min)
		*lo = min;
	if (*hi > max)
		*hi = max;
}

/* The lowest value measure m can take in stratum s: 0 when no observed
 * authority's value is negative (spend with credits inside it), else no
 * bound. */
static double
floor_of(const struct stratum *s, const struct unit *u, int m)
{
	for (size_t i = 0; i < s->n; i++)
		if (u[s->ix[i]].y[m] < 0)
			return -HUGE_VAL;
	return 0;
}

static void
out_measure(struct state *st, int m)
{
	out_str(st, "measure", m == M_ALL ? "all" : "tech");
	out_str(st, "category", m >= M_CAT ? st->cat[m - M_CAT] : NULL);
}

/* Estimate measure m in scope e: a record per type with authorities in
 * the universe, then the scope's total.  Fills e->total[m] and the
 * replicates e->rep[m]. */
static void
estimate_measure(struct state *st, struct scope_est *e, int y, int sc,
    int m, const struct unit *u)
{
	size_t boot = (size_t)st->o.boot;
	double *rep = e->rep + (size_t)m * boot;
	double *tmp = ereallocarray(NULL, boot, sizeof *tmp);
	int write = st->o.kinds & (1u << K_ESTIMATE);
	double *var = e->var + (size_t)m * NTYPES, lo, hi;
	size_t n[NTYPES];
	int64_t total = 0;
	long long nauth = 0, upop = 0, ucount = 0, opop = 0;
	char fy[16];

	fmt_fy(fy, y);
	for (int t = 0; t < e->nt; t++) {
		struct stratum *s = &e->s[t];
		wide sy = 0;
		int64_t est = 0;
		double ratio = 0, fl;

		n[t] = s->n;
		if (s->upop <= 0)
			continue;
		if ((fl = floor_of(s, u, m)) < 0)
			e->floor[m] = fl;
		ucount += s->ucount;
		upop += s->upop;
		nauth += (long long)s->n;
		opop += (long long)s->pop;
		for (size_t i = 0; i < s->n; i++)
			sy += u[s->ix[i]].y[m];
		if (s->n > 0) {
			est = narrow(money_div_round(sy * s->upop,
			    (wide)(long long)s->pop));
			sum_add(&total, est);
			ratio = (double)sy / s->pop;
		}
		for (size_t b = 0; b < boot; b++) {
			double num = 0;

			if (s->w == NULL) {
				tmp[b] = ratio * (double)s->upop;
			} else {
				const double *w = s->w + b * s->n;

				for (size_t i = 0; i < s->n; i++)
					num += w[i] * (double)u[s->ix[i]].y[m];
				tmp[b] = num / s->den[b] * (double)s->upop;
			}
			rep[b] += tmp[b];
		}
		var[t] = s->w != NULL ? variance(tmp, boot) : 0;
		if (!write)
			continue;
		out_begin(st, "estimate");
		out_str(st, "fy", fy);
		out_str(st, "scope", scopes[sc].name);
		out_str(st, "type", types[t]);
		out_measure(st, m);
		out_bool(st, "estimable", s->n > 0);
		if (s->n > 0)
			out_money(st, "estimate", est);
		else
			out_null(st, "estimate");
		if (s->n > 0 && !(e->thin & (1u << t))) {
			interval(tmp, boot, (double)est, widen((double)s->n -
			    1), fl, HUGE_VAL, &lo, &hi);
			out_money(st, "lo", to_pence(lo));
			out_money(st, "hi", to_pence(hi));
		} else {
			out_null(st, "lo");
			out_null(st, "hi");
		}
		if (s->n > 0)
			out_money(st, "per_head", narrow(money_div_round(sy,
			    (wide)(long long)s->pop)));
		else
			out_null(st, "per_head");
		out_int(st, "authorities", (long long)s->n);
		out_int(st, "population", (long long)s->pop);
		out_int(st, "universe", s->ucount);
		out_int(st, "universe_population", s->upop);
		out_end(st);
	}
	e->total[m] = total;
	if (write) {
		out_begin(st, "estimate");
		out_str(st, "fy", fy);
		out_str(st, "scope", scopes[sc].name);
		out_null(st, "type");
		out_measure(st, m);
		out_bool(st, "estimable", e->missing == 0);
		if (e->missing == 0) {
			out_money(st, "estimate", total);
		} else {
			out_null(st, "estimate");
		}
		if (e->missing == 0 && e->thin == 0) {
			memcpy(tmp, rep, boot * sizeof *tmp);
			interval(tmp, boot, (double)total,
			    widen(satterthwaite(var, n, e->nt)), e->floor[m],
			    HUGE_VAL, &lo, &hi);
			out_money(st, "lo", to_pence(lo));
			out_money(st, "hi", to_pence(hi));
		} else {
			out_null(st, "lo");
			out_null(st, "hi");
		}
		if (e->missing == 0 && upop > 0)
			out_money(st, "per_head", narrow(money_div_round(total,
			    upop)));
		else
			out_null(st, "per_head");
		out_int(st, "authorities", nauth);
		out_int(st, "population", opop);
		out_int(st, "universe", ucount);
		out_int(st, "universe_population", upop);
		out_types(st, "not_estimable", e->missing);
		out_types(st, "one_authority", e->thin);
		out_end(st);
	}
	free(tmp);
}

/* The share of England's estimate outside London and the South East,
 * from the two scopes' estimates, for measure m. */
static void
write_share(struct state *st, int y, const struct scope_est *lse,
    const struct scope_est *rest, int m)
{
	size_t boot = (size_t)st->o.boot;
	int ok = lse->missing == 0 && rest->missing == 0;
	wide sum = (wide)lse->total[m] + rest->total[m];
	char fy[16];

	fmt_fy(fy, y);
	out_begin(st, "share");
	out_str(st, "fy", fy);
	out_str(st, "share", "outside-london-south-east");
	out_str(st, "of", "england");
	out_measure(st, m);
	ok = ok && sum != 0;
	out_bool(st, "estimable", ok);
	if (ok)
		out_hundredths(st, "percent", money_div_round((wide)rest->total[m] *
		    10000, sum));
	else
		out_null(st, "percent");
	if (ok && lse->thin == 0 && rest->thin == 0) {
		double *tmp = ereallocarray(NULL, boot, sizeof *tmp);
		const double *a = lse->rep + (size_t)m * boot;
		const double *b = rest->rep + (size_t)m * boot;
		double v[2 * NTYPES], lo, hi, point;
		size_t n[2 * NTYPES];
		int bounded;

		/* The degrees of freedom of both scopes' types together. */
		for (int t = 0; t < NTYPES; t++) {
			v[t] = t < lse->nt ?
			    lse->var[(size_t)m * NTYPES + t] : 0;
			n[t] = t < lse->nt ? lse->s[t].n : 0;
			v[NTYPES + t] = t < rest->nt ?
			    rest->var[(size_t)m * NTYPES + t] : 0;
			n[NTYPES + t] = t < rest->nt ? rest->s[t].n : 0;
		}
		for (size_t i = 0; i < boot; i++)
			tmp[i] = a[i] + b[i] != 0 ? b[i] / (a[i] + b[i]) *
			    10000 : 0;
		point = (double)rest->total[m] / (double)sum * 10000;
		bounded = lse->floor[m] == 0 && rest->floor[m] == 0;
		interval(tmp, boot, point, widen(satterthwaite(v, n,
		    2 * NTYPES)), bounded ? 0 : -HUGE_VAL,
		    bounded ? 10000 : HUGE_VAL, &lo, &hi);
		out_hundredths(st, "lo", (wide)round_half(lo));
		out_hundredths(st, "hi", (wide)round_half(hi));
		free(tmp);
	} else {
		out_null(st, "lo");
		out_null(st, "hi");
	}
	out_end(st);
}

static void
write_estimates(struct state *st, int y, const struct unit *u, size_t nu)
{
	struct scope_est e[NSCOPES];
	int nmeas = M_CAT + st->ncat;

	for (int sc = 0; sc < NSCOPES; sc++) {
		scope_init(st, &e[sc], y, sc, u, nu);
		for (int m = 0; m < nmeas; m++)
			estimate_measure(st, &e[sc], y, sc, m, u);
	}
	if (st->o.kinds & (1u << K_SHARE))
		for (int m = 0; m < nmeas; m++)
			write_share(st, y, &e[SC_LSE], &e[SC_REST], m);
	for (int sc = 0; sc < NSCOPES; sc++)
		scope_free(&e[sc]);
}

/* Categories in name order, so output does not depend on input order. */
static void
sort_categories(struct state *st)
{
	int perm[MAXCAT], inv[MAXCAT];
	char *names[MAXCAT];

	for (int i = 0; i < st->ncat; i++)
		perm[i] = i;
	for (int i = 1; i < st->ncat; i++)
		for (int j = i; j > 0 && strcmp(st->cat[perm[j - 1]],
		    st->cat[perm[j]]) > 0; j--) {
			int t = perm[j];

			perm[j] = perm[j - 1];
			perm[j - 1] = t;
		}
	for (int i = 0; i < st->ncat; i++) {
		names[i] = st->cat[perm[i]];
		inv[perm[i]] = i;
	}
	memcpy(st->cat, names, (size_t)st->ncat * sizeof *names);
	for (size_t i = 0; i < st->nb; i++)
		for (int mi = 0; mi < st->bv[i]->nm; mi++) {
			struct cell *c = &st->bv[i]->cell[mi];
			int64_t v[MAXCAT] = { 0 };

			for (int k = 0; k < c->ncat; k++)
				v[inv[k]] = c->cat[k];
			if (c->ncat > 0) {
				c->cat = ereallocarray(c->cat,
				    (size_t)st->ncat, sizeof *c->cat);
				c->ncat = st->ncat;
				memcpy(c->cat, v, (size_t)st->ncat *
				    sizeof *v);
			}
		}
}

static void
write_all(struct state *st)
{
	if (st->mlo > st->mhi)
		return;
	sort_categories(st);
	qsort(st->bv, st->nb, sizeof *st->bv, cmp_buyer);
	if (st->o.kinds & (1u << K_COVERAGE))
		write_coverage(st);
	if (st->o.kinds & (1u << K_BUYER_YEAR))
		for (int y = fy_of(st->mlo); y <= fy_of(st->mhi); y++)
			write_buyer_years(st, y);
	for (int y = fy_of(st->mlo); y <= fy_of(st->mhi); y++) {
		struct unit *u;
		size_t nu = collect_units(st, y, &u);

		write_coverage_fy(st, y, u, nu);
		free_units(u, nu);
	}
	if (st->o.kinds & (1u << K_GROWTH))
		for (int y = fy_of(st->mlo) + 1; y <= fy_of(st->mhi); y++)
			write_growth(st, y);
	if (st->o.kinds & (1u << K_ESTIMATE | 1u << K_SHARE))
		for (int y = fy_of(st->mlo); y <= fy_of(st->mhi); y++) {
			struct unit *u;
			size_t nu = collect_units(st, y, &u);

			write_estimates(st, y, u, nu);
			free_units(u, nu);
		}
}

static void
state_free(struct state *st)
{
	for (size_t i = 0; i < st->nb; i++) {
		struct buyer *b = st->bv[i];

		for (int m = 0; m < b->nm; m++)
			free(b->cell[m].cat);
		free(b->cell);
		free(b->id);
		free(b->name);
		free(b);
	}
	free(st->bv);
	for (int i = 0; i < st->ncat; i++)
		free(st->cat[i]);
	strmap_free(&st->buyers);
	strmap_free(&st->cats);
	councils_free(st->cn);
	buf_free(&st->s);
	buf_free(&st->line);
}

/* -k: a comma-separated list of output kinds. */
static unsigned
parse_kinds(const char *list)
{
	unsigned set = 0;
	const char *p = list;

	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		int k;

		for (k = 0; k < NKINDS; k++)
			if (strlen(kinds[k]) == n &&
			    strncmp(kinds[k], p, n) == 0)
				break;
		if (k == NKINDS)
			opt_fail(progname(), "-k: unknown kind \"%.*s\"",
			    (int)n, p);
		set |= 1u << k;
		p += n;
		if (*p == ',')
			p++;
	}
	if (set == 0)
		opt_fail(progname(), "-k: no kinds");
	return set;
}

/* Print the usage, with the options explained for -h, and exit. */
static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: %s [-hv] [-b replicates] [-c councils] [-k kinds] "
	    "[-m months]\n"
	    "       [-s seed] [file ...]\n", progname());
	if (status != 0)
		exit(status);
	printf(
	    "  -b, --boot n        bootstrap replicates (default 1000)\n"
	    "  -c, --councils f    universe table (default "
	    "schemas/councils.tsv)\n"
	    "  -k, --kinds list    output only these kinds: coverage "
	    "buyer_year\n"
	    "                      coverage_fy coverage_type growth "
	    "estimate share\n"
	    "  -m, --min-months n  months of data for a full year "
	    "(default 10)\n"
	    "  -s, --seed n        seed of the bootstrap (default 1)\n"
	    "  -v, --verbose       counts and totals to stderr\n"
	    "  --version           print the version\n"
	    "Reads classified payment records (JSON lines); writes "
	    "coverage, growth and\n"
	    "estimate records (JSON lines).  See estimate(1).\n");
	exit(0);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "boot", required_argument, NULL, 'b' },
		{ "councils", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "kinds", required_argument, NULL, 'k' },
		{ "min-months", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct state st;
	long long v;
	int c;

	set_progname(argv[0]);
	out_init();
	memset(&st, 0, sizeof st);
	st.o.boot = 1000;
	st.o.seed = 1;
	st.o.min_months = 10;
	st.o.kinds = (1u << NKINDS) - 1;
	opterr = 0;	/* messages through opt_error() */
	while ((c = getopt_long(argc, argv, ":b:c:hk:m:s:v", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			if (parse_ll(optarg, 10, MAXBOOT, &v) != 0)
				opt_fail(progname(), "-b: replicates from 10 "
				    "to %d, not \"%s\"", MAXBOOT, optarg);
			st.o.boot = v;
			break;
		case 'c':
			st.o.councils = optarg;
			break;
		case 'h':
			usage(0);
			break;
		case 'k':
			st.o.kinds = parse_kinds(optarg);
			break;
		case 'm':
			if (parse_ll(optarg, 1, 12, &v) != 0)
				opt_fail(progname(), "-m: months from 1 to 12, "
				    "not \"%s\"", optarg);
			st.o.min_months = (int)v;
			break;
		case 's':
			if (parse_ll(optarg, 0, INT64_MAX, &v) != 0)
				opt_fail(progname(), "-s: seed is a whole "
				    "number, not \"%s\"", optarg);
			st.o.seed = v;
			break;
		case 'v':
			st.o.verbose = 1;
			break;
		case 'V':
			print_version();
		default:
			opt_error(progname(), argv, longopts, c);
		}
	}
	argc -= optind;
	argv += optind;
	{
		char *path = st.o.councils != NULL ? estrdup(st.o.councils) :
		    schema_file("councils.tsv");

		st.cn = councils_load(path);
		free(path);
	}
	strmap_init(&st.buyers);
	strmap_init(&st.cats);
	st.mlo = MONTHS_MAX + 1;
	st.mhi = MONTHS_MIN - 1;
	if (argc == 0)
		read_file(&st, NULL);
	for (int i = 0; i < argc; i++)
		read_file(&st, argv[i]);
	write_all(&st);
	out_close(stdout, "standard output");
	if (st.o.verbose) {
		vlog_begin(progname(), "*");
		vlog_int("files", argc == 0 ? 1 : argc);
		vlog_int("records", st.run.records);
		vlog_int("payments", st.run.payments);
		vlog_int("other_kinds", st.run.other);
		vlog_int("no_buyer", st.run.nobuyer);
		vlog_int("no_date", st.run.nodate);
		vlog_int("no_amount", st.run.noamount);
		vlog_money("amount", st.run.amount);
		vlog_int("buyers", (long long)st.nb);
		vlog_int("months", st.mlo <= st.mhi ? st.mhi - st.mlo + 1 : 0);
		vlog_end();
	}
	state_free(&st);
	return 0;
}
