/* dedupe-supplier: cluster the many spellings of one supplier into one
 * entity and write each record back with supplier_id and supplier_name,
 * plus company_number and sme carried from the rest of its cluster.  Every
 * other field passes through untouched, byte for byte.
 *
 * Clustering needs every record before the first can be written, so this
 * filter holds state: the input lines are spooled to a temporary file
 * (tmpfile(3)) and re-read for the output pass; only the distinct
 * spellings, their name keys, the identifiers seen with them and their
 * counts stay in memory.
 *
 * Evidence, strongest first: company numbers, charity numbers and other
 * org-ids in supplier_ref; VAT numbers, only between names alike (same
 * first word, half the words shared), since one VAT registration can cover
 * a group of companies; an analyst's aliases file; equal name keys (case,
 * accents, punctuation, &/and, "The", legal forms, trading-as, branch and
 * masked-account suffixes folded away, the long forms of a table of
 * well-known abbreviations read as the short: schemas/
 * supplier-abbreviations.tsv); the trading name of "X t/a Y" (or either
 * side of "X/Y") equal to another name's key, when only one cluster
 * claims that name; then
 * near-duplicate keys: the same words in
 * another order, the words run together ("West Country"/"Westcountry"),
 * several words cut short ("Dist Coun"), one word with one slip, cut
 * short or written without its vowels ("Cncl") (blocked on the other
 * words, big blocks re-blocked on deletion variants), a trailing branch,
 * place or country word ("Microsoft UK"), spaced initials for the words they begin ("E D D C"), a
 * slip in a one-word name (blocked on
 * deletion variants), and names truncated at a fixed width.  Candidate
 * blocks are capped at BLOCK_MAX keys, so the cost grows close to linearly
 * with the distinct spellings.
 *
 * Guards: name evidence never joins two clusters whose company numbers
 * differ; numbers in names must agree ("Unit 4" and "Unit 5"); slips are
 * not accepted in the first letter or as an added last letter
 * ("Parker"/"Barker", "Home"/"Homes"), nor as a changed letter in a short
 * one-word name; individuals ("Mr J Smith", "J Smith", "Smith J Mr") are
 * joined only to the same name written alike; redacted records (redacted: true, an empty
 * supplier, or a withheld-name marker such as "REDACTED") get supplier_id
 * and supplier_name null. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "lib/hash.h"
#include "lib/money.h"
#include "lib/namekey.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

#define NONE		UINT32_MAX
#define BLOCK_MAX	48	/* larger candidate blocks are skipped */
#define MAX_TOK		NAME_MAX_TOK	/* tokens kept per name key */

enum ev {			/* evidence that joined two clusters */
	EV_NONE = 0,
	EV_COMPANY,
	EV_CHARITY,
	EV_VAT,
	EV_ALIAS,
	EV_NAME,
	EV_ORDER,
	EV_TYPO,
	EV_BRANCH,
	EV_PLURAL,
	EV_ABBREV,
	EV_TRUNC,
	EV_SPACE,
	EV_N
};

static const char *ev_name[EV_N] = {
	"alone", "company", "charity", "vat", "alias", "name", "word-order",
	"typo", "branch", "plural", "abbreviation", "truncation", "spacing"
};

enum idkind { ID_COMPANY = 'C', ID_CHARITY = 'H', ID_VAT = 'V' };

enum {				/* spelling and key flags */
	F_REDACTED = NAME_REDACTED,	/* withheld name: never clustered */
	F_PERSON = NAME_PERSON,	/* an individual: joined only by equal keys */
	F_DIGIT = NAME_DIGIT,	/* the key holds a number */
	F_SPLIT = 8,		/* named in an aliases split: a tagged root */
	F_INIT = NAME_INIT	/* the key starts with spaced initials "E D D C" */
};

struct spell {
	const char	*s;	/* published spelling (map arena) */
	uint32_t	 len;	/* its length */
	uint32_t	 key;	/* index into keys, NONE when redacted */
	uint32_t	 nrec;	/* records written with it */
	uint32_t	 sme_t;	/* records saying sme true */
	uint32_t	 sme_f;	/* records saying sme false */
	int64_t		 total;	/* sum of amount or value, pence */
	uint8_t		 flags;	/* F_* */
	uint8_t		 ev;	/* evidence that first joined it (enum ev) */
};

struct key {
	const char	*s;	/* the name key (map arena) */
	uint32_t	 len;	/* its length */
	uint32_t	 rep;	/* first spelling with this key */
	uint64_t	 alt;	/* word-order hash before a branch cut, 0 */
	uint8_t		 ntok;	/* words in the key */
	uint8_t		 flags;	/* F_PERSON, F_DIGIT */
};

struct ident {
	const char	*s;	/* "C01234567", "H1234567", "V123456789" */
	uint32_t	 nrec;	/* records carrying it */
};

struct pair {
	uint32_t	 id;	/* ident index */
	uint32_t	 sp;	/* spelling index */
};

struct cand {			/* one blocking key of one name key */
	uint64_t	 h;	/* hash of the block */
	uint32_t	 key;	/* key index */
	int16_t		 pos;	/* word left out, -1 for the whole key */
};

struct trade {			/* "X t/a Y": the key of Y */
	uint32_t	 sp;	/* spelling index */
	uint32_t	 len;	/* key length */
	size_t		 off;	/* key offset in state.tradekeys */
};

struct cons {			/* an aliases "split": never join a and b */
	uint32_t	 a, b;	/* spelling indices */
};

struct opts {
	const char	*aliases;	/* --aliases: merges and splits (TSV) */
	const char	*abbrev;	/* --abbreviations: short forms (TSV) */
	int		 noabbrev;	/* --no-abbreviations */
	const char	*crosswalk;	/* --crosswalk: TSV written here */
	int		 verbose;	/* -v: counts to stderr */
};


struct state {
	struct namekey	 nk;		/* the name key and its abbreviations */
	struct strmap	 spmap;		/* spelling -> index + 1 */
	struct spell	*sp;		/* spellings */
	size_t		 nsp, capsp;
	struct strmap	 keymap;	/* name key -> index + 1 */
	struct key	*keys;		/* distinct name keys */
	size_t		 nkeys, capkeys;
	struct strmap	 idmap;		/* ident -> index + 1 */
	struct ident	*ids;		/* identifiers */
	size_t		 nids, capids;
	struct pair	*pairs;		/* (ident, spelling) per record */
	size_t		 npairs, cappairs;
	uint32_t	*renum;		/* reading order -> canonical index */
	uint32_t	*par;		/* union-find parent over spellings */
	uint32_t	*coh;		/* root -> company ident, NONE */
	uint8_t		*tag;		/* root carries a split constraint */
	struct trade	*trade;		/* trading names */
	size_t		 ntrade, captrade;
	struct buf	 tradekeys;	/* their keys, end to end */
	struct cons	*cons;		/* split constraints */
	size_t		 ncons, capcons;
	long		 nrec;		/* records read */
	long		 nredacted;	/* records written without a supplier */
	long		 nout;		/* records written */
	int64_t		 amount;	/* sum of amount or value read, pence */
	long		 merges[EV_N];	/* unions by evidence */
	long		 refused;	/* unions refused by a guard */
	long		 skipped;	/* candidate blocks over BLOCK_MAX */
	unsigned char	 cutw[258];	/* widths names were cut at */
	int		 anycut;	/* some width is set in cutw */
	struct buf	 fold;		/* scratch for name keys */
	struct buf	 tmp;		/* scratch */
	struct buf	 tail;		/* scratch for trading names */
};

/* Words naming a branch or a region: a trailing one may be dropped when
 * the name without it is a name of its own.  A country qualifier is one
 * ("Microsoft UK Ltd", "Microsoft (UK) Ltd" for "Microsoft Ltd"; "United
 * Kingdom" and "Great Britain" are read as "uk" and "gb" through the
 * abbreviations table): the national arm of a group joins the group's
 * name, never a name it starts ("UK Power Networks"). */
static const char *const branch_words[] = {
	"uk", "gb", "europe",
	"branch", "headoffice", "manchester", "leeds", "birmingham",
	"london", "bristol", "glasgow", "cardiff", "newcastle", "sheffield",
	"nottingham", "liverpool", "bradford", "wakefield", "halifax",
	"huddersfield", "york", "hull", "leicester", "coventry", "exeter",
	"plymouth", "edinburgh", "belfast", "swansea", "southampton",
	"portsmouth", "brighton", "reading", "oxford", "cambridge", "norwich",
	"derby", "preston", "lancaster", "blackburn", "bolton", "salford",
	"wigan", "stockport", "oldham", "rochdale", "doncaster", "rotherham",
	"barnsley", "sunderland", "durham", "middlesbrough", "carlisle",
	"lincoln", "peterborough", "ipswich", "gloucester", "bath", "truro",
	"taunton", "barnstaple", "torquay", "midlands", "scotland", "wales",
	"england", "yorkshire", "devon", "cornwall", "lancashire",
	"cumbria", "kent", "essex", "sussex", "surrey", NULL
};

/* qsort(3) and qsort_r(3) that accept an empty (NULL) array. */
static void
xsort(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static void
xsort_r(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *, void *), void *ctx)
{
	if (n > 1)
		qsort_r(base, n, size, cmp, ctx);
}

/* Next power of two growth for an array of n elements of size sz. */
static void *
grow(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 1024;
	return ereallocarray(p, *cap, sz);
}

/* Length of s in code points. */
static size_t
cp_len(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* Find the widths at which some publisher cut names: many more distinct
 * spellings have exactly that many characters than one more. */
static void
find_cut_widths(struct state *st)
{
	size_t hist[258] = { 0 }, i;

	for (i = 0; i < st->nsp; i++) {
		size_t l = cp_len(st->sp[i].s, st->sp[i].len);

		hist[l < 257 ? l : 257]++;
	}
	for (i = 20; i < 256; i++)
		if (hist[i] >= 20 && hist[i] > hist[i - 1] &&
		    hist[i] >= 4 * hist[i + 1])
			st->cutw[i] = st->anycut = 1;
}

/* ---------------------------------------------------------------- idents */

/* Normalise a company number into out (8 characters: leading zeros
 * restored after any letter prefix).  Returns 0, or -1 when it is not one. */
static int
norm_company(const char *s, size_t len, char out[9])
{
	char b[32];
	size_t n = 0, p = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '-' || c == '.')
			continue;
		if (n >= sizeof b - 1 || !isalnum(c))
			return -1;
		b[n++] = (char)toupper(c);
	}
	while (p < n && isalpha((unsigned char)b[p]))
		p++;
	if (n == 0 || p > 2 || p == n || n > 8)
		return -1;
	for (i = p; i < n; i++)
		if (!isdigit((unsigned char)b[i]))
			return -1;
	for (i = p; i < n && b[i] == '0'; i++)
		;
	if (i == n)
		return -1;	/* all zeros */
	memcpy(out, b, p);
	memset(out + p, '0', 8 - n);
	memcpy(out + p + 8 - n, b + p, n - p);
	out[8] = '\0';
	return 0;
}

/* Normalise a VAT number to its 9 digits ("GB 123 4567 89" and branch
 * suffixes accepted).  Returns 0 or -1. */
static int
norm_vat(const char *s, size_t len, char out[10])
{
	size_t n = 0, i = 0;

	while (i < len && (s[i] == ' '))
		i++;
	if (i + 1 < len && toupper((unsigned char)s[i]) == 'G' &&
	    toupper((unsigned char)s[i + 1]) == 'B')
		i += 2;
	for (; i < len; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (n < 9)
				out[n] = s[i];
			n++;
		} else if (s[i] != ' ' && s[i] != '-' && s[i] != '.') {
			return -1;
		}
	}
	if (n != 9 && n != 12)
		return -1;
	out[9] = '\0';
	return strspn(out, "0") == 9 ? -1 : 0;
}

/* Parse a supplier_ref into an ident string in b ("C01234567" etc.).
 * Returns 1 for an ident, 0 when not usable. */
static int
parse_ref(const char *s, size_t len, struct buf *b)
{
	char num[16];

	buf_reset(b);
	while (len > 0 && s[0] == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len > 7 && strncasecmp(s, "GB-COH-", 7) == 0) {
		if (norm_company(s + 7, len - 7, num) != 0)
			return 0;
		buf_addc(b, ID_COMPANY);
		buf_adds(b, num);
		return 1;
	}
	if (len > 7 && strncasecmp(s, "GB-VAT-", 7) == 0) {
		if (norm_vat(s + 7, len - 7, num) != 0)
			return 0;
		buf_addc(b, ID_VAT);
		buf_adds(b, num);
		return 1;
	}
	if (len > 3 && strncasecmp(s, "GB-", 3) == 0) {
		/* GB-CHC, GB-SC, GB-NIC and other org-id lists */
		buf_addc(b, ID_CHARITY);
		for (size_t i = 0; i < len; i++)
			buf_addc(b, (char)toupper((unsigned char)s[i]));
		return 1;
	}
	/* a bare number: a VAT number when it says GB or has 9 or 12
	 * digits, else a company number */
	if (norm_vat(s, len, num) == 0 && (len >= 9)) {
		buf_addc(b, ID_VAT);
		buf_adds(b, num);
		return 1;
	}
	if (norm_company(s, len, num) == 0) {
		buf_addc(b, ID_COMPANY);
		buf_adds(b, num);
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- input */

static uint32_t
ident_index(struct state *st, const char *s, size_t len)
{
	struct strmap_entry *e = strmap_get(&st->idmap, s, len, 1);

	if (e->val == NULL) {
		st->ids = grow(st->ids, &st->capids, st->nids, sizeof *st->ids);
		st->ids[st->nids].s = e->key;
		st->ids[st->nids].nrec = 0;
		e->val = (void *)(uintptr_t)(++st->nids);
	}
	return (uint32_t)((uintptr_t)e->val - 1);
}

/* The spelling index of s, created when new. */
static uint32_t
spell_index(struct state *st, const char *s, size_t len)
{
	struct strmap_entry *e = strmap_get(&st->spmap, s, len, 1);

	if (e->val == NULL) {
		struct spell *p;

		st->sp = grow(st->sp, &st->capsp, st->nsp, sizeof *st->sp);
		p = &st->sp[st->nsp];
		memset(p, 0, sizeof *p);
		p->s = e->key;
		p->len = (uint32_t)len;
		p->key = NONE;
		e->val = (void *)(uintptr_t)(++st->nsp);
	}
	return (uint32_t)((uintptr_t)e->val - 1);
}

/* 1 when the record's supplier is withheld; else sets name. */
static int
get_supplier(const struct rec *r, struct buf *name)
{
	const struct rec_field *f = rec_get(r, "redacted");

	if (f != NULL && f->vlen == 4 && memcmp(f->val, "true", 4) == 0)
		return 1;
	if (rec_get_str(r, "supplier", name) != 1)
		return 1;
	while (name->len > 0 && name->p[name->len - 1] == ' ')
		name->p[--name->len] = '\0';
	return name->len == 0;
}

/* Take one record: count its spelling, identifiers and facts.  Returns
 * the spelling index, or NONE for a record without a supplier name. */
static uint32_t
take(struct state *st, const struct rec *r, struct buf *name,
    struct buf *ref)
{
	const struct rec_field *f;
	struct spell *p;
	uint32_t i;
	int64_t v;

	st->nrec++;
	if (rec_get_money(r, "amount", &v) != 1 &&
	    rec_get_money(r, "value", &v) != 1)
		v = 0;
	(void)money_add(&st->amount, v);
	if (get_supplier(r, name))
		return NONE;
	i = spell_index(st, name->p, name->len);
	p = &st->sp[i];
	p->nrec++;
	(void)money_add(&p->total, v);
	f = rec_get(r, "sme");
	if (f != NULL && f->vlen == 4 && memcmp(f->val, "true", 4) == 0)
		p->sme_t++;
	else if (f != NULL && f->vlen == 5 && memcmp(f->val, "false", 5) == 0)
		p->sme_f++;
	if (rec_get_str(r, "supplier_ref", ref) == 1 &&
	    parse_ref(ref->p, ref->len, name) == 1) {
		uint32_t id = ident_index(st, name->p, name->len);

		st->ids[id].nrec++;
		st->pairs = grow(st->pairs, &st->cappairs, st->npairs,
		    sizeof *st->pairs);
		st->pairs[st->npairs].id = id;
		st->pairs[st->npairs++].sp = i;
	}
	return i;
}

/* Read every record of path, spooling its lines to spool. */
static void
read_input(struct state *st, const char *path, FILE *spool)
{
	FILE *fp = efopen_in(path);
	const char *nm = input_name(path);
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	struct rec r;
	struct buf name = { 0 }, ref = { 0 };
	const struct rec_field *f;

	rec_init(&r);
	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			len--;
		if (strspn(line, " \t\r\n") >= len)
			continue;
		if (rec_parse(&r, line, len, err, sizeof err) != 0)
			die_at(nm, lineno, "%s", err);
		f = rec_get(&r, "supplier");
		if (f != NULL && f->val[0] != '"' && !(f->vlen == 4 &&
		    memcmp(f->val, "null", 4) == 0))
			die_at(nm, lineno, "supplier is not a string: %.*s",
			    (int)(f->vlen < 40 ? f->vlen : 40), f->val);
		/* each spooled line starts with its spelling index, so the
		 * output pass needs no look-up */
		if (fprintf(spool, "%" PRIu32 "\t", take(st, &r, &name,
		    &ref)) < 0 || fwrite(line, 1, len, spool) != len ||
		    putc('\n', spool) == EOF)
			die("spool: %s", strerror(errno));
	}
	if (ferror(fp))
		die("%s: %s", nm, strerror(errno));
	if (fp != stdin)
		fclose(fp);
	free(line);
	buf_free(&name);
	buf_free(&ref);
	rec_free(&r);
}

/* read_input(), then with -v the file's line: records read, their
 * amount. */
static void
read_counted(struct state *st, int verbose, const char *path, FILE *spool)
{
	long nrec = st->nrec;
	int64_t amount = st->amount;

	read_input(st, path, spool);
	if (!verbose)
		return;
	vlog_begin(progname(), path);
	vlog_int("records", st->nrec - nrec);
	vlog_money("amount", st->amount - amount);
	vlog_end();
}

struct sortkey {
	uint64_t	 pre;	/* first eight bytes, big-endian */
	uint32_t	 i;	/* index */
};

/* The first eight bytes of s as a big-endian number (zero padded), so
 * numeric order is byte order. */
static uint64_t
prefix64(const char *s, size_t len)
{
	uint64_t v = 0;

	for (size_t k = 0; k < 8; k++)
		v = v << 8 | (k < len ? (unsigned char)s[k] : 0);
	return v;
}

/* Byte order of spellings through their sortkeys; ctx: the spellings. */
static int
cmp_sortkey(const void *a, const void *b, void *ctx)
{
	const struct sortkey *x = a, *y = b;
	const struct spell *p, *q;
	size_t n;
	int c;

	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	p = (const struct spell *)ctx + x->i;
	q = (const struct spell *)ctx + y->i;
	n = p->len < q->len ? p->len : q->len;
	c = n > 8 ? memcmp(p->s + 8, q->s + 8, n - 8) : 0;
	return c != 0 ? c : (p->len > q->len) - (p->len < q->len);
}

static int
cmp_ident_ix(const void *a, const void *b, void *ctx)
{
	const struct ident *ids = ctx;

	return strcmp(ids[*(const uint32_t *)a].s, ids[*(const uint32_t *)b].s);
}

/* Map every value (index + 1) of m through renum. */
static void
renumber_map(struct strmap *m, const uint32_t *renum)
{
	for (size_t k = 0; k < m->cap; k++)
		if (m->slot[k].key != NULL)
			m->slot[k].val = (void *)(uintptr_t)(renum[
			    (uintptr_t)m->slot[k].val - 1] + 1);
}

/* Put spellings and identifiers in byte order and renumber everything
 * that points at them, so that every later step (union order, guards,
 * candidate order) is the same whatever the order of the input. */
static void
canonical_order(struct state *st)
{
	uint32_t *sp_new = ereallocarray(NULL, st->nsp + 1, sizeof *sp_new);
	uint32_t *id_new = ereallocarray(NULL, st->nids + 1, sizeof *id_new);
	size_t i;

	struct sortkey *sk = ereallocarray(NULL, st->nsp + 1, sizeof *sk);
	struct spell *tmp;

	/* sort small (prefix, index) pairs rather than the spellings: the
	 * first eight bytes decide most comparisons without a cache miss */
	for (i = 0; i < st->nsp; i++) {
		sk[i].pre = prefix64(st->sp[i].s, st->sp[i].len);
		sk[i].i = (uint32_t)i;
	}
	xsort_r(sk, st->nsp, sizeof *sk, cmp_sortkey, st->sp);
	tmp = ereallocarray(NULL, st->nsp + 1, sizeof *tmp);
	for (i = 0; i < st->nsp; i++) {
		sp_new[sk[i].i] = (uint32_t)i;
		tmp[i] = st->sp[sk[i].i];
	}
	free(st->sp);
	st->sp = tmp;
	st->capsp = st->nsp + 1;
	free(sk);
	renumber_map(&st->spmap, sp_new);
	{
		/* identifiers: sort an index, since struct ident has no
		 * room for the old number */
		uint32_t *ord = ereallocarray(NULL, st->nids + 1, sizeof *ord);
		struct ident *tmp = ereallocarray(NULL, st->nids + 1,
		    sizeof *tmp);

		for (i = 0; i < st->nids; i++)
			ord[i] = (uint32_t)i;
		xsort_r(ord, st->nids, sizeof *ord, cmp_ident_ix, st->ids);
		for (i = 0; i < st->nids; i++) {
			id_new[ord[i]] = (uint32_t)i;
			tmp[i] = st->ids[ord[i]];
		}
		if (st->nids > 0)
			memcpy(st->ids, tmp, st->nids * sizeof *tmp);
		free(tmp);
		free(ord);
	}
	renumber_map(&st->idmap, id_new);
	for (i = 0; i < st->npairs; i++) {
		st->pairs[i].sp = sp_new[st->pairs[i].sp];
		st->pairs[i].id = id_new[st->pairs[i].id];
	}
	st->renum = sp_new;	/* the spool holds old numbers */
	free(id_new);
}

/* ---------------------------------------------------------------- union */

static uint32_t
find(struct state *st, uint32_t x)
{
	uint32_t r = x, n;

	while (st->par[r] != r)
		r = st->par[r];
	while (st->par[x] != r) {
		n = st->par[x];
		st->par[x] = r;
		x = n;
	}
	return r;
}

/* Join the clusters of spellings a and b on evidence ev.  Refuses when a
 * split constraint forbids it, or (for name evidence) when the two have
 * different company numbers.  Returns 1 when joined. */
static int
join(struct state *st, uint32_t a, uint32_t b, enum ev ev)
{
	uint32_t ra = find(st, a), rb = find(st, b);

	if (ra == rb)
		return 0;
	if (ev >= EV_NAME && st->coh[ra] != NONE && st->coh[rb] != NONE &&
	    st->coh[ra] != st->coh[rb]) {
		st->refused++;
		return 0;
	}
	if (st->tag[ra] && st->tag[rb]) {
		for (size_t i = 0; i < st->ncons; i++) {
			uint32_t x = find(st, st->cons[i].a);
			uint32_t y = find(st, st->cons[i].b);

			if ((x == ra && y == rb) || (x == rb && y == ra)) {
				st->refused++;
				return 0;
			}
		}
	}
	if (ra > rb) {
		uint32_t t = ra;

		ra = rb, rb = t;
	}
	st->par[rb] = ra;
	if (st->coh[ra] == NONE)
		st->coh[ra] = st->coh[rb];
	st->tag[ra] |= st->tag[rb];
	if (st->sp[a].ev == EV_NONE)
		st->sp[a].ev = (uint8_t)ev;
	if (st->sp[b].ev == EV_NONE)
		st->sp[b].ev = (uint8_t)ev;
	st->merges[ev]++;
	return 1;
}

/* ---------------------------------------------------------------- keys */

/* 1 when s may hold a trading name or a slash (a quick test before
 * folding): a '/' or a "trading". */
static int
maybe_trading(const char *s, size_t len)
{
	if (memchr(s, '/', len) != NULL)
		return 1;
	for (size_t i = 0; i + 7 <= len; i++)
		if ((s[i] == 't' || s[i] == 'T') &&
		    strncasecmp(s + i, "trading", 7) == 0)
			return 1;
	return 0;
}

/* Where a slash parts two names, "Renaissance Care Services/Siesta",
 * "K J T Group Ltd / Idverde": two letters or more on each side ("t/a",
 * "a/c" and "c/o" are not names); len when there is none. */
static size_t
name_slash(const char *s, size_t len)
{
	for (size_t i = 1; i + 1 < len; i++) {
		size_t a = i, b = i + 1, na = 0, nb = 0;

		if (s[i] != '/')
			continue;
		while (a > 0 && s[a - 1] == ' ')
			a--;
		while (b < len && s[b] == ' ')
			b++;
		for (; a > 0 && isalnum((unsigned char)s[a - 1]); a--)
			na++;
		for (; b < len && isalnum((unsigned char)s[b]); b++)
			nb++;
		if (na >= 2 && nb >= 2)
			return i;
	}
	return len;
}

/* Keep the key of s[0..len), a trading name or one side of a slash of
 * spelling i, for join_trading, unless it is the spelling's own key or an
 * individual's; a side of a slash needs two words or one of six letters
 * or more ("Norton Lees Hall/Lodge" is not "The Lodge"). */
static void
add_trade(struct state *st, uint32_t i, const char *s, size_t len, int cut,
    int slash)
{
	const struct key *k = &st->keys[st->sp[i].key];
	uint8_t flags, ntok;
	uint64_t alt;

	st->nk.cutnow = cut;
	len = name_key(&st->nk, s, len, &flags, &ntok, &alt);
	st->nk.cutnow = 0;
	if ((flags & (F_REDACTED | F_PERSON)) || (slash && ntok < 2 &&
	    len < 6) || (len ==
	    k->len && memcmp(st->nk.key.p, k->s, len) == 0))
		return;
	st->trade = grow(st->trade, &st->captrade, st->ntrade,
	    sizeof *st->trade);
	st->trade[st->ntrade].sp = i;
	st->trade[st->ntrade].off = st->tradekeys.len;
	st->trade[st->ntrade++].len = (uint32_t)len;
	buf_add(&st->tradekeys, st->nk.key.p, len);
}

static void
make_keys(struct state *st)
{
	for (uint32_t i = 0; i < st->nsp; i++) {
		struct spell *p = &st->sp[i];
		struct strmap_entry *e;
		uint8_t flags, ntok;
		uint64_t alt;
		size_t len, l = cp_len(p->s, p->len);
		int cut;

		st->nk.cutnow = l < 258 && st->cutw[l];
		len = name_key(&st->nk, p->s, p->len, &flags, &ntok, &alt);
		st->nk.cutnow = 0;

		p->flags = flags;
		if (flags & F_REDACTED)
			continue;
		e = strmap_get(&st->keymap, st->nk.key.p, len, 1);
		if (e->val == NULL) {
			struct key *k;

			st->keys = grow(st->keys, &st->capkeys, st->nkeys,
			    sizeof *st->keys);
			k = &st->keys[st->nkeys];
			k->s = e->key;
			k->len = (uint32_t)len;
			k->rep = i;
			k->ntok = ntok;
			k->flags = flags;
			k->alt = alt;
			e->val = (void *)(uintptr_t)(++st->nkeys);
		}
		p->key = (uint32_t)((uintptr_t)e->val - 1);
		if (flags & F_PERSON)
			continue;

		/* "X t/a Y": keep the key of Y for join_trading; "X/Y":
		 * the keys of X and Y */
		if (!maybe_trading(p->s, p->len))
			continue;
		name_fold(&st->tail, p->s, p->len);
		cut = l < 258 && st->cutw[l];
		l = name_trading_tail(st->tail.p, st->tail.len);
		if (l < st->tail.len)
			add_trade(st, i, st->tail.p + l, st->tail.len - l, cut,
			    0);
		l = name_slash(st->tail.p, st->tail.len);
		if (l < st->tail.len) {
			add_trade(st, i, st->tail.p, l, 0, 1);
			add_trade(st, i, st->tail.p + l + 1,
			    st->tail.len - l - 1, cut, 1);
		}
	}
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->sp != y->sp)
		return x->sp < y->sp ? -1 : 1;
	return 0;
}

/* Words of key k into t; returns their number. */
static size_t
key_words(const struct key *k, struct name_tok *t, size_t max)
{
	size_t n = 0, i = 0;
	const char *s = k->s;

	if (k->flags & F_PERSON)
		return 0;
	while (i < k->len && n < max) {
		size_t j = i;

		while (j < k->len && s[j] != ' ')
			j++;
		t[n].s = s + i;
		t[n++].len = j - i;
		i = j + 1;
	}
	return n;
}

/* The VAT guard: 1 when two keys start with the same word and share at
 * least half the words of the longer, so a group registration does not
 * join "Capita Business Services" to "Capita Resourcing". */
static int
vat_alike(const struct key *a, const struct key *b)
{
	struct name_tok x[MAX_TOK], y[MAX_TOK];
	size_t nx = key_words(a, x, MAX_TOK), ny = key_words(b, y, MAX_TOK);
	size_t shared = 0;

	if (nx == 0 || ny == 0 || x[0].len != y[0].len ||
	    memcmp(x[0].s, y[0].s, x[0].len) != 0)
		return 0;
	for (size_t i = 0; i < nx; i++)
		for (size_t j = 0; j < ny; j++)
			if (x[i].len == y[j].len &&
			    memcmp(x[i].s, y[j].s, x[i].len) == 0) {
				shared++;
				break;
			}
	return 2 * shared >= (nx > ny ? nx : ny);
}

/* Identifier evidence: company and charity numbers join outright; a VAT
 * number joins only names alike (vat_alike). */
static void
join_idents(struct state *st)
{
	size_t i, j, k;

	xsort(st->pairs, st->npairs, sizeof *st->pairs, cmp_pair);
	for (i = 0, j = 0; i < st->npairs; i++)
		if (j == 0 || cmp_pair(&st->pairs[i], &st->pairs[j - 1]) != 0)
			st->pairs[j++] = st->pairs[i];
	st->npairs = j;

	/* the best company number of each spelling first, so the guard in
	 * join() sees them */
	for (i = 0; i < st->npairs; i++) {
		struct pair *p = &st->pairs[i];
		uint32_t r = find(st, p->sp);

		if (st->ids[p->id].s[0] == ID_COMPANY && (st->coh[r] == NONE ||
		    st->ids[p->id].nrec > st->ids[st->coh[r]].nrec))
			st->coh[r] = p->id;
	}
	for (i = 0; i < st->npairs; i = j) {
		int kind = st->ids[st->pairs[i].id].s[0];

		for (j = i + 1; j < st->npairs &&
		    st->pairs[j].id == st->pairs[i].id; j++)
			;
		if (kind == ID_VAT) {
			for (k = i + 1; k < j && k < i + BLOCK_MAX; k++)
				for (size_t l = i; l < k; l++) {
					struct spell *a, *b;

					a = &st->sp[st->pairs[k].sp];
					b = &st->sp[st->pairs[l].sp];

					if (a->key == NONE || b->key == NONE ||
					    ((a->flags | b->flags) & F_PERSON))
						continue;
					if (a->key == b->key ||
					    vat_alike(&st->keys[a->key],
					    &st->keys[b->key]))
						join(st, st->pairs[k].sp,
						    st->pairs[l].sp, EV_VAT);
				}
			continue;
		}
		for (k = i + 1; k < j; k++)
			join(st, st->pairs[i].sp, st->pairs[k].sp,
			    kind == ID_COMPANY ? EV_COMPANY : EV_CHARITY);
	}
}

/* Equal name keys join. */
static void
join_keys(struct state *st)
{
	for (uint32_t i = 0; i < st->nsp; i++) {
		struct spell *p = &st->sp[i];

		if (p->key != NONE && st->keys[p->key].rep != i)
			join(st, st->keys[p->key].rep, i, EV_NAME);
	}
}

static int
cmp_trade(const void *a, const void *b, void *ctx)
{
	const struct trade *x = a, *y = b;
	const char *s = ctx;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(s + x->off, s + y->off, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->sp > y->sp) - (x->sp < y->sp);
}

/* Trading names: "Dealtop Ltd t/a Dartline Coaches" joins the cluster
 * whose name key is "dartline coaches", when it is the only cluster
 * trading as that name (two franchisees of one brand stay apart); so do
 * both sides of "Renaissance Care Services/Siesta". */
static void
join_trading(struct state *st)
{
	const char *s = st->tradekeys.p;
	size_t i, j, k;

	xsort_r(st->trade, st->ntrade, sizeof *st->trade, cmp_trade,
	    (void *)s);
	for (i = 0; i < st->ntrade; i = j) {
		const struct trade *t = &st->trade[i];
		struct strmap_entry *e;
		uint32_t r = find(st, t->sp), y;
		int one = 1;

		for (j = i + 1; j < st->ntrade && st->trade[j].len == t->len &&
		    memcmp(s + st->trade[j].off, s + t->off, t->len) == 0; j++)
			if (find(st, st->trade[j].sp) != r)
				one = 0;
		if (!one)
			continue;
		e = strmap_get(&st->keymap, s + t->off, t->len, 0);
		if (e == NULL)
			continue;
		y = (uint32_t)((uintptr_t)e->val - 1);
		if (st->keys[y].flags & F_PERSON)
			continue;
		for (k = i; k < j; k++)
			join(st, st->keys[y].rep, st->trade[k].sp, EV_NAME);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->pos - y->pos;
}

/* 1 when equal-length a and b differ by one swap of neighbours. */
static int
swapped(const struct name_tok *a, const struct name_tok *b)
{
	size_t i;

	for (i = 0; i < a->len && a->s[i] == b->s[i]; i++)
		;
	return i + 1 < a->len && a->s[i] == b->s[i + 1] &&
	    a->s[i + 1] == b->s[i] &&
	    memcmp(a->s + i + 2, b->s + i + 2, a->len - i - 2) == 0;
}

static struct cand *
add_cand(struct cand *c, size_t *n, size_t *cap, uint64_t h, uint32_t key,
    int pos)
{
	c = grow(c, cap, *n, sizeof *c);
	c[*n].h = h;
	c[*n].key = key;
	c[*n].pos = (int16_t)pos;
	(*n)++;
	return c;
}

/* A word that may differ by a typo: no digits, five or more letters in
 * the longer word, one edit apart, the same first letter, neither the
 * other plus a last letter nor with only its last letter changed; alone:
 * the name has one or two words, so one changed letter in a word under
 * seven letters is not enough ("Melton House"/"Milton House"). */
static int
typo_ok(const struct name_tok *a, const struct name_tok *b, int alone)
{
	size_t mx = a->len > b->len ? a->len : b->len;

	if (mx < 5 || name_has_digit(a->s, a->len) || name_has_digit(b->s, b->len))
		return 0;
	/* slips fall inside a word: "Barker"/"Parker" and "Home"/"Homes"
	 * are different names */
	if (a->s[0] != b->s[0])
		return 0;
	if (a->len != b->len && (memcmp(a->s, b->s, a->len < b->len ?
	    a->len : b->len) == 0))
		return 0;
	if (a->len == b->len && memcmp(a->s, b->s, a->len - 1) == 0)
		return 0;
	/* in a short name one changed letter makes another name as often
	 * as a slip ("Norita"/"Noriva"); only a swapped, lost or doubled
	 * letter counts there */
	if (alone && mx < 7 && a->len == b->len && !swapped(a, b))
		return 0;
	return name_within1(a->s, a->len, b->s, b->len);
}

/* 1 when one word is the other plus "s", five letters or more ("Home"
 * and "Homes" are too often two names). */
static int
plural(const struct name_tok *a, const struct name_tok *b)
{
	if (a->len > b->len) {
		const struct name_tok *t = a;

		a = b, b = t;
	}
	return a->len >= 5 && a->len + 1 == b->len && b->s[a->len] == 's' &&
	    memcmp(a->s, b->s, a->len) == 0;
}

/* A last word cut short: "Assoc" for "Association": five letters or
 * more (four in a longer name), and three or more letters short (not a
 * plural). */
static int
abbrev_ok(const struct name_tok *a, const struct name_tok *b, size_t words)
{
	if (a->len > b->len) {
		const struct name_tok *t = a;

		a = b, b = t;
	}
	/* four letters only in a name of three words or more and for a word
	 * twice as long ("Serv", "Info"; not "Care" for "Careers") */
	if (a->len == 4 && (words < 3 || b->len < 8))
		return 0;
	return a->len >= 4 && a->len + 3 <= b->len &&
	    memcmp(a->s, b->s, a->len) == 0 && !name_has_digit(b->s, b->len);
}

static int
is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A word written without some of its letters, mostly vowels: "Cncl" for
 * "Council", "Srvs" for "Services", "Mngmnt" for "Management".  The short
 * word keeps the first and the last letter of the long one, four letters
 * or more, all in order; two letters or more are missing, more vowels
 * than consonants among them ("Care" is not "Childcare", nor "Electrics"
 * "Electronics"); no digits. */
static int
contracted(const struct name_tok *a, const struct name_tok *b)
{
	size_t i, j;
	int vowels = 0;

	if (a->len > b->len) {
		const struct name_tok *t = a;

		a = b, b = t;
	}
	if (a->len < 4 || a->len + 2 > b->len || a->s[0] != b->s[0] ||
	    a->s[a->len - 1] != b->s[b->len - 1] || name_has_digit(a->s, a->len) ||
	    name_has_digit(b->s, b->len))
		return 0;
	for (i = 1, j = 1; j + 1 < b->len; j++) {
		if (i + 1 < a->len && a->s[i] == b->s[j])
			i++;
		else
			vowels += is_vowel(b->s[j]) ? 1 : -1;
	}
	return i + 1 == a->len && vowels > 0;
}


/* Compare two keys of one word-left-out block: a trailing branch word
 * (one is the other plus that word), a typo or a cut-short last word in
 * the word left out. */
static void
check_pair(struct state *st, const struct cand *ca, const struct cand *cb)
{
	struct name_tok t[MAX_TOK], u[MAX_TOK];
	struct key *x = &st->keys[ca->key], *y = &st->keys[cb->key];
	int pa = ca->pos, pb = cb->pos;
	size_t nx, ny;

	if (ca->key == cb->key)
		return;
	if ((pa == -1 && pb == 100) || (pa == 100 && pb == -1)) {
		join(st, x->rep, y->rep, EV_BRANCH);
		return;
	}
	if (pa < 0 || pa >= 100 || pa != pb)
		return;
	nx = key_words(x, t, MAX_TOK);
	ny = key_words(y, u, MAX_TOK);
	if (nx != ny || (size_t)pa >= nx)
		return;
	if (typo_ok(&t[pa], &u[pa], nx <= 2))
		join(st, x->rep, y->rep, EV_TYPO);
	else if (plural(&t[pa], &u[pa]))
		join(st, x->rep, y->rep, EV_PLURAL);
	else if (((size_t)pa == nx - 1 || (nx >= 3 && pa > 0)) &&
	    abbrev_ok(&t[pa], &u[pa], nx))
		join(st, x->rep, y->rep, EV_ABBREV);
	else if (pa > 0 && contracted(&t[pa], &u[pa]))
		join(st, x->rep, y->rep, EV_ABBREV);
}

/* 1 when keys a and b have the same number of words (three or more),
 * the same first word, and every other word equal or, for two words or
 * more, one the start of the other, three letters or more and cut by two
 * letters or more ("Dist Coun" for "District Council"). */
static int
words_cut(const struct key *a, const struct key *b)
{
	struct name_tok x[MAX_TOK], y[MAX_TOK];
	size_t nx = key_words(a, x, MAX_TOK), ny = key_words(b, y, MAX_TOK);
	size_t cut = 0;

	if (nx != ny || nx < 3 || x[0].len != y[0].len ||
	    memcmp(x[0].s, y[0].s, x[0].len) != 0)
		return 0;
	for (size_t i = 1; i < nx; i++) {
		const struct name_tok *p = &x[i], *q = &y[i];

		if (p->len == q->len && memcmp(p->s, q->s, p->len) == 0)
			continue;
		if (p->len > q->len) {
			const struct name_tok *r = p;

			p = q, q = r;
		}
		if (p->len < 3 || p->len + 2 > q->len ||
		    memcmp(p->s, q->s, p->len) != 0)
			return 0;
		cut++;
	}
	return cut >= 2;
}

/* A word-left-out block too big to compare pair by pair ("* care home"):
 * block it again on the deletion variants of the word left out, so only
 * words one edit apart meet. */
static void
split_block(struct state *st, const struct cand *blk, size_t n)
{
	struct cand *c = NULL;
	size_t nc = 0, cap = 0, i, j, a, b;
	struct name_tok t[MAX_TOK];
	char del[256];

	for (i = 0; i < n; i++) {
		size_t nt = key_words(&st->keys[blk[i].key], t, MAX_TOK);
		int p = blk[i].pos;

		if (p < 0 || (size_t)p >= nt || t[p].len >= sizeof del)
			continue;
		c = add_cand(c, &nc, &cap, hash64(t[p].s, t[p].len, 4),
		    (uint32_t)i, -1);
		for (size_t k = 0; k < t[p].len; k++) {
			memcpy(del, t[p].s, k);
			memcpy(del + k, t[p].s + k + 1, t[p].len - k - 1);
			c = add_cand(c, &nc, &cap,
			    hash64(del, t[p].len - 1, 4), (uint32_t)i, (int)k);
		}
	}
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && c[j].h == c[i].h; j++)
			;
		if (j - i > BLOCK_MAX) {
			st->skipped++;
			continue;
		}
		for (a = i; a < j; a++)
			for (b = a + 1; b < j; b++)
				check_pair(st, &blk[c[a].key], &blk[c[b].key]);
	}
	free(c);
}

/* Near-duplicate keys, behind blocking: equal sorted words (word order);
 * all words but one equal and that one within a typo (typo); a key equal to
 * another plus one trailing branch word (branch); one-word keys within a
 * typo, blocked on their deletion variants. */
static void
join_fuzzy(struct state *st)
{
	struct cand *c = NULL;
	size_t nc = 0, cap = 0, i, j, a, b;
	struct name_tok t[MAX_TOK];

	/* word order */
	for (uint32_t k = 0; k < st->nkeys; k++) {
		size_t n = key_words(&st->keys[k], t, MAX_TOK);

		if (st->keys[k].alt != 0)
			c = add_cand(c, &nc, &cap, st->keys[k].alt, k, -1);
		/* the words run together: "West Country" = "Westcountry"
		 * (eight letters or more) */
		if (n >= 1 && st->keys[k].len - (n - 1) >= 8) {
			buf_reset(&st->tmp);
			for (i = 0; i < n; i++)
				buf_add(&st->tmp, t[i].s, t[i].len);
			c = add_cand(c, &nc, &cap, hash64(st->tmp.p,
			    st->tmp.len, 5), k, 1);
		}
		if (n < 2)
			continue;
		xsort(t, n, sizeof *t, name_cmp_tok);
		c = add_cand(c, &nc, &cap, name_hash_words(t, n, n, 1), k, -1);
	}
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && c[j].h == c[i].h; j++)
			join(st, st->keys[c[i].key].rep, st->keys[c[j].key].rep,
			    c[i].pos == 1 ? EV_SPACE : EV_ORDER);
	}

	/* one word left out: typos and branch words */
	nc = 0;
	for (uint32_t k = 0; k < st->nkeys; k++) {
		size_t n = key_words(&st->keys[k], t, MAX_TOK);

		if (n < 1 || n > 12)
			continue;
		c = add_cand(c, &nc, &cap, name_hash_words(t, n, n, 2), k, -1);
		if (n < 2 || st->keys[k].len < 8)
			continue;
		for (i = 0; i < n; i++)
			c = add_cand(c, &nc, &cap,
			    name_hash_words(t, n, i, 2) ^ (uint64_t)i * 0x51ED27,
			    k, (int)i);
		/* a trailing branch word, blocked with the shorter key */
		if (name_in_list(branch_words, t[n - 1].s, t[n - 1].len))
			c = add_cand(c, &nc, &cap, name_hash_words(t, n, n - 1, 2),
			    k, 100);
	}
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && c[j].h == c[i].h; j++)
			;
		if (j - i < 2)
			continue;
		if (j - i > BLOCK_MAX) {
			split_block(st, c + i, j - i);
			continue;
		}
		for (a = i; a < j; a++)
			for (b = a + 1; b < j; b++)
				check_pair(st, &c[a], &c[b]);
	}

	/* several words cut short: "East Devon Dist Coun" for "East Devon
	 * District Council"; blocked on the first three letters of every
	 * word */
	nc = 0;
	for (uint32_t k = 0; k < st->nkeys; k++) {
		size_t n = key_words(&st->keys[k], t, MAX_TOK);
		uint64_t h = 6;

		if (n < 3 || n > 12 || (st->keys[k].flags & F_DIGIT))
			continue;
		for (i = 0; i < n; i++)
			h = hash64(t[i].s, t[i].len < 3 ? t[i].len : 3, h);
		c = add_cand(c, &nc, &cap, h, k, -1);
	}
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && c[j].h == c[i].h; j++)
			;
		if (j - i > BLOCK_MAX) {
			st->skipped++;
			continue;
		}
		for (a = i; a < j; a++)
			for (b = a + 1; b < j; b++)
				if (words_cut(&st->keys[c[a].key],
				    &st->keys[c[b].key]))
					join(st, st->keys[c[a].key].rep,
					    st->keys[c[b].key].rep, EV_ABBREV);
	}

	/* one-word keys: deletion variants */
	nc = 0;
	for (uint32_t k = 0; k < st->nkeys; k++) {
		struct key *x = &st->keys[k];
		char del[256];

		if ((x->flags & (F_PERSON | F_DIGIT)) || x->ntok != 1 ||
		    x->len < 6 || x->len >= sizeof del)
			continue;
		c = add_cand(c, &nc, &cap, hash64(x->s, x->len, 3), k, -1);
		for (i = 0; i < x->len; i++) {
			memcpy(del, x->s, i);
			memcpy(del + i, x->s + i + 1, x->len - i - 1);
			c = add_cand(c, &nc, &cap,
			    hash64(del, x->len - 1, 3), k, (int)i);
		}
	}
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && c[j].h == c[i].h; j++)
			;
		if (j - i > BLOCK_MAX) {
			st->skipped++;
			continue;
		}
		for (a = i; a < j; a++)
			for (b = a + 1; b < j; b++) {
				struct key *x = &st->keys[c[a].key];
				struct key *y = &st->keys[c[b].key];

				struct name_tok tx = { x->s, x->len };
				struct name_tok ty = { y->s, y->len };

				if (c[a].key != c[b].key &&
				    typo_ok(&tx, &ty, 1))
					join(st, x->rep, y->rep, EV_TYPO);
			}
	}
	free(c);
}

/* Spaced initials for the words they stand for: "E D D C" and "East
 * Devon District Council", "F W A G South West" and "Farming & Wildlife
 * Advisory Group South West", "L G Futures" and "Local Government
 * Futures": a key whose first word was written as four or more spaced
 * letters (two or three when words other than places follow) joins the
 * key whose first words begin with those
 * letters, the other words equal, when one cluster alone has such words
 * (blocked on the initials and the other words). */
static void
join_initials(struct state *st)
{
	struct cand *c = NULL;
	size_t nc = 0, cap = 0, i, j, a, nini = 0, capini = 0;
	struct name_tok t[MAX_TOK];
	char ini[16];
	uint64_t *inih = NULL;

	/* the initials written spaced, so only words they begin are
	 * blocked */
	for (uint32_t k = 0; k < st->nkeys; k++) {
		const struct key *x = &st->keys[k];

		if ((x->flags & (F_INIT | F_PERSON | F_DIGIT)) != F_INIT ||
		    key_words(x, t, 1) != 1)
			continue;
		inih = grow(inih, &capini, nini, sizeof *inih);
		inih[nini++] = hash64(t[0].s, t[0].len, 8);
	}
	if (nini == 0)
		return;
	xsort(inih, nini, sizeof *inih, cmp_u64);

	for (uint32_t k = 0; k < st->nkeys; k++) {
		const struct key *x = &st->keys[k];
		size_t n;
		int other;

		if (x->flags & (F_PERSON | F_DIGIT))
			continue;
		n = key_words(x, t, MAX_TOK);
		/* three letters alone are too often another name's ("B S I"
		 * and "Blue Screen IT"): four, or two or three and more
		 * words, not only places ("B C Sheffield"), eight letters in
		 * all for two ("A M Care" is not "AKW Medi-Care") */
		for (i = 1, other = 0; i < n; i++)
			other |= !name_in_list(branch_words, t[i].s, t[i].len);
		if ((x->flags & F_INIT) && n >= 1 && t[0].len < sizeof ini &&
		    (t[0].len >= 4 || (other && (t[0].len == 3 ||
		    x->len >= 8))))
			c = add_cand(c, &nc, &cap, name_hash_words(t + 1, n - 1,
			    n, hash64(t[0].s, t[0].len, 8)), k, 1);
		for (size_t w = 2; w <= n && w < sizeof ini; w++) {
			uint64_t h;

			for (i = 0; i < w; i++)
				ini[i] = t[i].s[0];
			h = hash64(ini, w, 8);
			if (bsearch(&h, inih, nini, sizeof *inih, cmp_u64))
				c = add_cand(c, &nc, &cap, name_hash_words(t + w,
				    n - w, n, h), k, 0);
		}
	}
	free(inih);
	xsort(c, nc, sizeof *c, cmp_cand);
	for (i = 0; i < nc; i = j) {
		uint32_t other = NONE;
		int one = 1, any = 0;

		for (j = i; j < nc && c[j].h == c[i].h; j++) {
			if (c[j].pos == 1) {
				any = 1;
				continue;
			}
			if (other != NONE && find(st,
			    st->keys[c[j].key].rep) != other)
				one = 0;
			other = find(st, st->keys[c[j].key].rep);
		}
		if (!any || !one || other == NONE)
			continue;
		for (a = i; a < j; a++)
			if (c[a].pos == 1)
				join(st, st->keys[c[a].key].rep, other,
				    EV_ABBREV);
	}
	free(c);
}

/* The words of s, folded and joined by single spaces, legal forms kept,
 * into out. */
static void
raw_fold(struct state *st, const char *s, size_t len, struct buf *out)
{
	struct name_tok t[MAX_TOK];
	size_t n;

	name_fold(&st->tmp, s, len);
	n = name_tokenize(st->tmp.p, st->tmp.len, t, MAX_TOK);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(out, ' ');
		buf_add(out, t[i].s, t[i].len);
	}
}

struct trunc {
	struct buf	 raw;	/* raw folds, each NUL-terminated */
	size_t		*off;	/* spelling -> offset in raw */
};

static int
cmp_raw(const void *a, const void *b, void *ctx)
{
	const struct trunc *tr = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(tr->raw.p + tr->off[x], tr->raw.p + tr->off[y]);

	return c != 0 ? c : (x > y) - (x < y);
}

/* Names cut at a fixed width by a publisher's system ("ALASDAIR CANT &
 * ASSOCIATES LIMIT"): a width is a cut-off when many more spellings have
 * exactly that many characters than one more.  A spelling of that width
 * joins the cluster of the spellings its words begin, when they are all
 * in one cluster. */
static void
join_truncated(struct state *st)
{
	size_t i, n = 0, lo, hi;
	const unsigned char *cut = st->cutw;
	struct trunc tr = { { 0 }, NULL };
	uint32_t *ord;

	if (!st->anycut)
		return;

	tr.off = ereallocarray(NULL, st->nsp + 1, sizeof *tr.off);
	ord = ereallocarray(NULL, st->nsp + 1, sizeof *ord);
	for (i = 0; i < st->nsp; i++) {
		const struct spell *p = &st->sp[i];

		tr.off[i] = tr.raw.len;
		if (p->key == NONE || (p->flags & F_PERSON)) {
			buf_addc(&tr.raw, '\0');
			continue;
		}
		raw_fold(st, p->s, p->len, &tr.raw);
		buf_addc(&tr.raw, '\0');
		ord[n++] = (uint32_t)i;
	}
	xsort_r(ord, n, sizeof *ord, cmp_raw, &tr);
	for (size_t k = 0; k < n; k++) {
		const struct spell *p = &st->sp[ord[k]];
		const char *t = tr.raw.p + tr.off[ord[k]];
		size_t tl = strlen(t), l = cp_len(p->s, p->len);
		uint32_t other = NONE, me = find(st, ord[k]);
		int ok = 1;

		if (l > 256 || !cut[l] || tl < 15 || strchr(t, ' ') == NULL)
			continue;
		/* the spellings it begins follow it in sorted order */
		for (lo = k + 1, hi = 0; lo < n && hi < BLOCK_MAX; lo++, hi++) {
			const char *u = tr.raw.p + tr.off[ord[lo]];
			uint32_t r;

			if (strncmp(u, t, tl) != 0)
				break;
			r = find(st, ord[lo]);
			if (r == me)
				continue;
			if (other != NONE && r != other)
				ok = 0;
			other = r;
		}
		if (hi == BLOCK_MAX) {
			st->skipped++;
			continue;
		}
		if (ok && other != NONE)
			join(st, ord[k], other, EV_TRUNC);
	}
	free(ord);
	free(tr.off);
	buf_free(&tr.raw);
}

/* ---------------------------------------------------------------- aliases */

/* The spelling index for an alias name: the exact spelling, else the
 * first spelling with the same name key; NONE when neither is known. */
static uint32_t
alias_spelling(struct state *st, const char *s, size_t len)
{
	struct strmap_entry *e = strmap_get(&st->spmap, s, len, 0);
	uint8_t flags, ntok;
	uint64_t alt;
	size_t klen;

	if (e != NULL)
		return (uint32_t)((uintptr_t)e->val - 1);
	klen = name_key(&st->nk, s, len, &flags, &ntok, &alt);
	if (flags & F_REDACTED)
		return NONE;
	e = strmap_get(&st->keymap, st->nk.key.p, klen, 0);
	if (e == NULL)
		return NONE;
	return st->keys[(uintptr_t)e->val - 1].rep;
}

/* Read the aliases file: "merge" lines join, "split" lines forbid.
 * Splits are registered first; merges are returned in *merges. */
static void
read_aliases(struct state *st, const char *path, uint32_t **merges,
    size_t *nmerges)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, capm = 0;
	ssize_t n;
	long lineno = 0;

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	while ((n = table_line(fp, &line, &cap, &lineno)) >= 0) {
		char *f[64];
		size_t nf = 0;
		uint32_t first = NONE;

		for (char *p = line; p != NULL && nf < 64;) {
			f[nf++] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = '\0';
		}
		if (nf < 3 || (strcmp(f[0], "merge") != 0 &&
		    strcmp(f[0], "split") != 0))
			die_at(path, lineno, "expected \"merge\" or \"split\" "
			    "and two or more spellings, tab-separated");
		for (size_t i = 1; i < nf; i++) {
			uint32_t s = alias_spelling(st, f[i], strlen(f[i]));

			if (s == NONE)
				continue;
			if (first == NONE) {
				first = s;
				continue;
			}
			if (f[0][0] == 'm') {
				*merges = grow(*merges, &capm, *nmerges + 1,
				    sizeof **merges);
				(*merges)[(*nmerges)++] = first;
				(*merges)[(*nmerges)++] = s;
			} else {
				st->cons = grow(st->cons, &st->capcons,
				    st->ncons, sizeof *st->cons);
				st->cons[st->ncons].a = first;
				st->cons[st->ncons++].b = s;
				st->sp[first].flags |= F_SPLIT;
				st->sp[s].flags |= F_SPLIT;
			}
		}
	}
	fclose(fp);
	free(line);
}

/* ---------------------------------------------------------------- output */

struct cluster {
	uint32_t	 name;	/* spelling shown as supplier_name */
	uint32_t	 coh;	/* company ident, NONE */
	uint32_t	 chc;	/* charity ident, NONE */
	uint32_t	 sme_t, sme_f;	/* contract records' sme flags */
	char		 id[32];	/* supplier_id */
};

static int
has_lower(const struct spell *p)
{
	for (uint32_t i = 0; i < p->len; i++)
		if (islower((unsigned char)p->s[i]))
			return 1;
	return 0;
}

/* 1 when spelling a should be shown before b: more records, then one in
 * mixed case over one in capitals, then the bytewise smaller spelling. */
static int
better_name(const struct spell *a, const struct spell *b)
{
	int c;

	if (a->nrec != b->nrec)
		return a->nrec > b->nrec;
	if (has_lower(a) != has_lower(b))
		return has_lower(a);
	c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
	if (c != 0)
		return c < 0;
	return a->len < b->len;
}

/* 1 when ident a beats b: more records, then the smaller string. */
static int
better_ident(const struct ident *a, const struct ident *b)
{
	if (a->nrec != b->nrec)
		return a->nrec > b->nrec;
	return strcmp(a->s, b->s) < 0;
}

static int
cmp_hashkey(const void *a, const void *b)
{
	const struct sortkey *x = a, *y = b;

	if (x->pre != y->pre)
		return x->pre < y->pre ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Two clusters may share an id when a split rule or a guard kept apart
 * spellings with one name key or one company number; each of them then
 * takes an id that also hashes its display spelling. */
static void
unique_ids(struct state *st, struct cluster *cl)
{
	struct sortkey *sk = ereallocarray(NULL, st->nsp + 1, sizeof *sk);
	unsigned char *dup = ecalloc(st->nsp + 1, 1);
	size_t n = 0, i, j;

	/* equal ids have equal hashes: sort the hashes, compare strings
	 * only within a run */
	for (uint32_t k = 0; k < st->nsp; k++)
		if (cl[k].name != NONE) {
			sk[n].pre = hash64(cl[k].id, strlen(cl[k].id), 0);
			sk[n++].i = k;
		}
	xsort(sk, n, sizeof *sk, cmp_hashkey);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && sk[j].pre == sk[i].pre; j++)
			;
		if (j - i < 2)
			continue;
		for (size_t k = i; k < j; k++) {
			dup[k] = 0;
			for (size_t l = i; l < j; l++)
				dup[k] |= l != k && strcmp(cl[sk[l].i].id,
				    cl[sk[k].i].id) == 0;
		}
		for (size_t k = i; k < j; k++) {
			struct cluster *c = &cl[sk[k].i];

			if (!dup[k])
				continue;
			const struct spell *d = &st->sp[c->name];
			uint64_t h = hash64(d->s, d->len, 1);
			char base[32];

			if (strncmp(c->id, "SL-", 3) == 0) {
				const struct key *ky = &st->keys[d->key];

				snprintf(c->id, sizeof c->id, "SL-%016llx",
				    (unsigned long long)hash64(ky->s, ky->len,
				    h));
			} else {
				memcpy(base, c->id, sizeof base);
				snprintf(c->id, sizeof c->id, "%.16s-%06llx",
				    base, (unsigned long long)(h & 0xFFFFFF));
			}
		}
	}
	free(sk);
	free(dup);
}

/* Fill the cluster facts of every root: display name, numbers, sme. */
static struct cluster *
make_clusters(struct state *st, size_t *nclusters)
{
	struct cluster *cl = ecalloc(st->nsp ? st->nsp : 1, sizeof *cl);
	size_t n = 0;

	for (uint32_t i = 0; i < st->nsp; i++) {
		cl[i].name = cl[i].coh = cl[i].chc = NONE;
	}
	for (uint32_t i = 0; i < st->nsp; i++) {
		struct spell *p = &st->sp[i];
		struct cluster *c;

		if (p->key == NONE)
			continue;
		c = &cl[find(st, i)];
		if (c->name == NONE)
			n++;
		if (c->name == NONE || better_name(p, &st->sp[c->name]))
			c->name = i;
		c->sme_t += p->sme_t;
		c->sme_f += p->sme_f;
	}
	for (size_t i = 0; i < st->npairs; i++) {
		struct ident *id = &st->ids[st->pairs[i].id];
		struct cluster *c = &cl[find(st, st->pairs[i].sp)];

		if (id->s[0] == ID_COMPANY && (c->coh == NONE ||
		    better_ident(id, &st->ids[c->coh])))
			c->coh = st->pairs[i].id;
		if (id->s[0] == ID_CHARITY && (c->chc == NONE ||
		    better_ident(id, &st->ids[c->chc])))
			c->chc = st->pairs[i].id;
	}
	for (uint32_t i = 0; i < st->nsp; i++) {
		struct cluster *c = &cl[i];

		if (c->name == NONE)
			continue;
		if (c->coh != NONE) {
			snprintf(c->id, sizeof c->id, "GB-COH-%s",
			    st->ids[c->coh].s + 1);
		} else if (c->chc != NONE) {
			snprintf(c->id, sizeof c->id, "%.31s",
			    st->ids[c->chc].s + 1);
		} else {
			const struct key *k = &st->keys[st->sp[c->name].key];

			snprintf(c->id, sizeof c->id, "SL-%016llx",
			    (unsigned long long)hash64(k->s, k->len, 0));
		}
	}
	unique_ids(st, cl);
	*nclusters = n;
	return cl;
}

/* Re-read the spooled records and write them with the cluster fields. */
static void
write_output(struct state *st, FILE *spool, const struct cluster *cl)
{
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;
	struct rec r;

	rec_init(&r);
	if (fseek(spool, 0, SEEK_SET) != 0)
		die("spool: %s", strerror(errno));
	while ((n = getline(&line, &cap, spool)) > 0) {
		char *tab = memchr(line, '\t', (size_t)n), *end;
		unsigned long v = strtoul(line, &end, 10);
		uint32_t i = v == NONE ? NONE : st->renum[v];

		if (tab == NULL || end != tab || rec_parse(&r, tab + 1,
		    (size_t)(line + n - tab - 1), err, sizeof err) != 0)
			die("spool: %s", err);
		if (i == NONE || st->sp[i].key == NONE) {
			st->nredacted++;
			rec_set_null(&r, "supplier_id");
			rec_set_null(&r, "supplier_name");
		} else {
			const struct cluster *c = &cl[find(st, i)];
			const struct spell *d = &st->sp[c->name];

			rec_set_str(&r, "supplier_id", c->id, strlen(c->id));
			rec_set_str(&r, "supplier_name", d->s, d->len);
			if (c->coh != NONE)
				rec_set_str(&r, "company_number",
				    st->ids[c->coh].s + 1, 8);
			if (rec_get(&r, "sme") == NULL &&
			    c->sme_t + c->sme_f > 0)
				rec_set_bool(&r, "sme", c->sme_t >= c->sme_f);
		}
		if (rec_write(&r, stdout) != 0)
			break;
		st->nout++;
	}
	free(line);
	rec_free(&r);
}

/* Write spelling, supplier_id, supplier_name, records, amount, evidence
 * for every spelling, sorted by supplier_id then spelling. */
static int
cmp_xw(const void *a, const void *b, void *ctx)
{
	const struct state *st = ((void **)ctx)[0];
	const struct cluster *cl = ((void **)ctx)[1];
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct cluster *cx = &cl[((uint32_t *)((void **)ctx)[2])[x]];
	const struct cluster *cy = &cl[((uint32_t *)((void **)ctx)[2])[y]];
	int c = strcmp(cx->id, cy->id);
	const struct spell *p = &st->sp[x], *q = &st->sp[y];

	if (c != 0)
		return c;
	c = memcmp(p->s, q->s, p->len < q->len ? p->len : q->len);
	if (c != 0)
		return c;
	return (p->len > q->len) - (p->len < q->len);
}

static void
put_field(FILE *fp, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		putc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i],
		    fp);
}

static void
write_crosswalk(struct state *st, const char *path, const struct cluster *cl)
{
	FILE *fp = fopen(path, "w");
	uint32_t *ord, *root;
	size_t n = 0;
	void *ctx[3];
	char amt[MONEY_FMT_MAX];

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	ord = ereallocarray(NULL, st->nsp + 1, sizeof *ord);
	root = ereallocarray(NULL, st->nsp + 1, sizeof *root);
	for (uint32_t i = 0; i < st->nsp; i++) {
		root[i] = find(st, i);
		if (st->sp[i].key != NONE)
			ord[n++] = i;
	}
	ctx[0] = st, ctx[1] = (void *)cl, ctx[2] = root;
	xsort_r(ord, n, sizeof *ord, cmp_xw, ctx);
	fputs("spelling\tsupplier_id\tsupplier_name\trecords\tamount\t"
	    "evidence\n", fp);
	for (size_t k = 0; k < n; k++) {
		const struct spell *p = &st->sp[ord[k]];
		const struct cluster *c = &cl[root[ord[k]]];
		const struct spell *d = &st->sp[c->name];

		put_field(fp, p->s, p->len);
		fprintf(fp, "\t%s\t", c->id);
		put_field(fp, d->s, d->len);
		money_fmt(amt, p->total);
		fprintf(fp, "\t%u\t%s\t%s\n", p->nrec, amt,
		    (p->flags & F_PERSON) && p->ev == EV_NONE ? "individual" :
		    ev_name[p->ev]);
	}
	free(ord);
	free(root);
	if (fclose(fp) != 0)
		die("%s: %s", path, strerror(errno));
}

/* ---------------------------------------------------------------- main */

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: %s [-hv] [--aliases file] [--crosswalk file]\n"
	    "       [--abbreviations file | --no-abbreviations] [file ...]\n",
	    progname());
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "aliases", required_argument, NULL, 'a' },
		{ "crosswalk", required_argument, NULL, 'c' },
		{ "abbreviations", required_argument, NULL, 'b' },
		{ "no-abbreviations", no_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { 0 };
	struct state st;
	struct cluster *cl;
	uint32_t *merges = NULL;
	size_t nmerges = 0, nclusters = 0;
	FILE *spool;
	int ch;

	set_progname(argv[0]);
	out_init();
	opterr = 0;	/* messages through opt_error() */
	while ((ch = getopt_long(argc, argv, ":hv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			o.aliases = optarg;
			break;
		case 'c':
			o.crosswalk = optarg;
			break;
		case 'b':
			o.abbrev = optarg;
			o.noabbrev = 0;
			break;
		case 'B':
			o.noabbrev = 1;
			break;
		case 'h':
			usage(0);
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

	memset(&st, 0, sizeof st);
	strmap_init(&st.spmap);
	strmap_init(&st.keymap);
	strmap_init(&st.idmap);
	if (o.abbrev != NULL && !o.noabbrev)
		namekey_read_abbr(&st.nk, o.abbrev, 1);
	else if (!o.noabbrev) {
		char *path = schema_file("supplier-abbreviations.tsv");

		namekey_read_abbr(&st.nk, path, 0);
		free(path);
	}
	if ((spool = tmpfile()) == NULL)
		die("tmpfile: %s", strerror(errno));
	if (argc == 0)
		read_counted(&st, o.verbose, NULL, spool);
	for (int i = 0; i < argc; i++)
		read_counted(&st, o.verbose, argv[i], spool);
	if (fflush(spool) != 0)
		die("spool: %s", strerror(errno));

	canonical_order(&st);
	find_cut_widths(&st);
	make_keys(&st);
	st.par = ereallocarray(NULL, st.nsp + 1, sizeof *st.par);
	st.coh = ereallocarray(NULL, st.nsp + 1, sizeof *st.coh);
	st.tag = ecalloc(st.nsp + 1, 1);
	for (uint32_t i = 0; i < st.nsp; i++) {
		st.par[i] = i;
		st.coh[i] = NONE;
	}
	if (o.aliases != NULL)
		read_aliases(&st, o.aliases, &merges, &nmerges);
	for (size_t i = 0; i < st.ncons; i++) {
		st.tag[st.cons[i].a] = 1;
		st.tag[st.cons[i].b] = 1;
	}
	join_idents(&st);
	for (size_t i = 0; i + 1 < nmerges; i += 2)
		join(&st, merges[i], merges[i + 1], EV_ALIAS);
	join_keys(&st);
	join_fuzzy(&st);
	join_trading(&st);
	join_initials(&st);
	join_truncated(&st);
	cl = make_clusters(&st, &nclusters);

	write_output(&st, spool, cl);
	if (o.crosswalk != NULL)
		write_crosswalk(&st, o.crosswalk, cl);
	if (o.verbose) {
		char key[32];

		vlog_begin(progname(), "*");
		vlog_int("files", argc > 0 ? argc : 1);
		vlog_int("records", st.nrec);
		vlog_int("out", st.nout);
		vlog_int("redacted", st.nredacted);
		vlog_money("amount", st.amount);
		vlog_int("spellings", (long long)st.nsp);
		vlog_int("keys", (long long)st.nkeys);
		vlog_int("clusters", (long long)nclusters);
		for (int e = 1; e < EV_N; e++) {	/* "merges_word_order" */
			snprintf(key, sizeof key, "merges_%s", ev_name[e]);
			for (char *k = key; *k != '\0'; k++)
				if (*k == '-')
					*k = '_';
			vlog_int(key, st.merges[e]);
		}
		vlog_int("refused", st.refused);
		vlog_int("blocks_skipped", st.skipped);
		vlog_end();
	}
	out_close(stdout, "standard output");

	fclose(spool);
	free(cl);
	free(merges);
	free(st.sp);
	free(st.keys);
	free(st.ids);
	free(st.pairs);
	free(st.par);
	free(st.renum);
	free(st.coh);
	free(st.tag);
	free(st.cons);
	free(st.trade);
	buf_free(&st.tradekeys);
	buf_free(&st.tail);
	namekey_free(&st.nk);
	buf_free(&st.tmp);
	strmap_free(&st.spmap);
	strmap_free(&st.keymap);
	strmap_free(&st.idmap);
	return 0;
}
