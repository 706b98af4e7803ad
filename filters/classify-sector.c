/* classify-sector: add sector, category, service and why to each record.
 *
 * Each JSON-lines record gets `sector` (tech or other), `category` (the
 * tech category, null for other), `service` (a service division based on
 * CIPFA SeRCOP) and `why` (the rule or evidence that decided).  Fields it
 * does not own pass through untouched.
 *
 * Evidence, strongest first: CPV codes (`cpv`), ProClass codes
 * (`proclass`), keywords of the expense type (`expense_type`), keywords of
 * the title, then of the description (a long description must agree with
 * itself), then supplier-level evidence: the share of a supplier's records
 * (keyed by `supplier_id`, else the folded `supplier` name) that strong
 * evidence classes as tech decides the records that have no strong
 * evidence of their own; then keywords of the supplier's name; else other.
 * Every keyword and code lives in the rules table (schemas/sector-rules.tsv)
 * and the service map (schemas/service-map.tsv); this file holds none.
 * Keywords are matched on folded words through a hash index of each
 * rule's first word (prefix words under their first three bytes), behind
 * a two-byte filter; expense types and areas are cached by raw value.
 *
 * Two passes: pass 1 reads every record and tallies per supplier; pass 2
 * classifies and writes.  Named regular files are read twice; stdin and
 * other streams are spooled to a temporary file in pass 1.  Memory grows
 * with the number of distinct suppliers, not rows.
 *
 * Output: when a record is compact JSON whose keys are in the canonical
 * order of rec_write, the four keys are spliced into the raw line at the
 * place rec_write would put them (rec_key_rank gives the order); any other
 * record is parsed in pass 1 (so a bad one stops the
 * run before output) and written by rec_write in pass 2.  Spliced records
 * are checked for structure only, not re-validated. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/hash.h"
#include "lib/money.h"
#include "lib/namekey.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

#define MAXCAT	32		/* tech categories a rules table may name */
#define MAXWORDS 16		/* words in one pattern */
#define CACHE_MAX (1 << 16)	/* entries in each value cache */

enum evclass {			/* where a rule looks */
	EV_CPV, EV_PROCLASS, EV_EXPENSE, EV_TEXT, EV_TITLE, EV_NAME,
	EV_SAREA, EV_AREA, EV_BUYER, EV_STEXT, EV_N
};
static const char *const evname[EV_N] = {
	"cpv", "proclass", "expense", "text", "title", "name", "area", "area",
	"buyer", "text"
};

enum level {			/* how much a record's own evidence weighs */
	LV_NONE, LV_WEAK, LV_STRONG, LV_CODE
};

struct rule {
	int	 ev;		/* evclass */
	int	 tech;		/* 1 tech, 0 other (sector rules) */
	int	 weak;		/* sector "weak": tech, but only when
				   nothing better speaks */
	int	 code;		/* a code prefix (cpv, proclass digits) */
	int	 none;		/* sector "none": the value is no evidence */
	int	 cat;		/* category index, -1 none, -2 "*" */
	int	 svc;		/* service index (service map rules) */
	long	 line;		/* line in its table, for -v */
	char	*pat;		/* pattern as written */
	char	*words;		/* folded words, NUL separated */
	int	 nw;		/* words in the pattern */
	const char *w[MAXWORDS];	/* each word */
	size_t	 wl[MAXWORDS];	/* its length */
	unsigned char pre[MAXWORDS];	/* 1: word is a prefix (word*) */
	long	 hits;		/* records it decided (pass 2) */
	char	*whyj[3];	/* "class:pattern" as JSON; [1] description,
				   [2] an expense rule read in proclass */
};

/* Keyword index of one evidence class: first word -> rule list. */
struct kwset {
	struct strmap	 first;	/* key: word (+"*" for prefixes) -> list */
	int		**lists;	/* rule ids, -1 terminated */
	size_t		 nlists;
	uint64_t	 premask;	/* bit L: some prefix word of length L */
	uint8_t		 two[8192];	/* bit: a first word starts so (2 bytes) */
};

struct sup {			/* a supplier entity, tallied in pass 1 */
	uint32_t	 n;	/* records */
	uint32_t	 ctech, cother;	/* records its codes call tech, other */
	int64_t		 ctechp, cotherp;	/* their pounds (pence, |amount|) */
	uint32_t	 stech, sother;	/* the same by strong words or area */
	uint32_t	 weak;	/* records only weak words call tech */
	uint32_t	 nbuy;	/* buyers with coded records */
	int		 lastbuy;	/* the last of them, -1 none */
	int		 name;	/* rule id from the name, -1 none */
	int		 row;	/* tech-suppliers.tsv row, -1 none */
	int		 verdict;	/* V_*, once decided in pass 2 */
	char		*whyj;	/* why of a carried verdict, JSON */
	char		*disp;	/* display name (--explain only) */
	uint32_t	 cat[MAXCAT];	/* tech records per category */
};

enum verdict {			/* what decides a supplier's records */
	V_UNSET, V_NONE, V_CODE, V_TABLE, V_MIXED, V_STRONG, V_WEAK, V_NAME
};

struct trow {			/* a row of tech-suppliers.tsv */
	long		 line;	/* its line */
	int		 cat;	/* category index */
	int		 mixed;	/* only partly technology */
	char		*name;	/* as written */
	char		*whyj;	/* "supplier:tech-suppliers.tsv:LINE" */
};

struct span {
	const char	*p;	/* raw JSON value */
	size_t		 n;
};

enum fld {			/* fields the classifier reads */
	F_CPV, F_PROCLASS, F_EXPENSE, F_TITLE, F_DESC, F_SUPPLIER,
	F_SUPID, F_REDACTED, F_AREA, F_DEPT, F_DIRECTORATE, F_EXPAREA,
	F_BUYER, F_AMOUNT, F_VALUE, F_SUPNAME, F_N
};
static const char *const fldname[F_N] = {
	"cpv", "proclass", "expense_type", "title", "description", "supplier",
	"supplier_id", "redacted", "service_area", "department",
	"directorate", "expense_area", "buyer", "amount", "value",
	"supplier_name"
};

#define KEYMEMO	1024		/* direct-mapped memo of keys seen */
struct keymemo {
	const char	*k;	/* NULL when empty, else buf */
	size_t		 kl;
	int		 v;	/* as in state.keys */
	char		 buf[48];
};

struct opts {
	const char	*rules;		/* -r: sector rules table */
	const char	*services;	/* -s: service map */
	const char	*suppliers;	/* -t: tech suppliers table */
	const char	*explain;	/* --explain: a supplier to explain */
	int		 verbose;	/* -v: counts to stderr at the end */
	int		 hits;		/* --rule-hits: records per rule */
	int		 slow;		/* -S: always rec_parse/rec_write */
};

struct state {
	struct opts	 o;
	struct rule	*r;		/* every rule of both tables */
	size_t		 nr, capr;
	char		*cats[MAXCAT];	/* category names */
	char		*catj[MAXCAT];	/* the same as JSON strings */
	char		**svcj;		/* service names as JSON strings */
	int		 ncat;
	char		**svcs;		/* service names; 0 is "other" */
	int		 nsvc;
	int		 supshare;	/* percent of records for majority */
	int		 supmin;	/* coded records before they carry */
	int		 pcother;	/* rule: a proclass no rule matched */
	struct trow	*rows;		/* tech-suppliers.tsv */
	size_t		 nrows;
	char		*rowsname;	/* its base name, for why */
	struct strmap	 tcoh;		/* company number -> row */
	struct strmap	 tname;		/* name key -> row */
	struct namekey	 nk;		/* dedupe-supplier's name key */
	struct strmap	 supbuy;	/* supplier index + buyer index -> 1 */
	struct strmap	 buyers;	/* buyer raw -> index */
	struct buf	 buyer;		/* the last buyer raw */
	int		 buyix;		/* its index */
	int		 defcat;	/* category for "*" with no other clue */
	int		 longwords;	/* a description longer is "long" */
	int		 longmin;	/* distinct tech rules a long one needs */
	int		 kwtech, kwother;	/* distinct rules kw_match found */
	struct kwset	 kw[EV_N];	/* keyword classes */
	struct strmap	 vcache[EV_N];	/* per class: raw value -> rule id
					   or -1 */
	struct strmap	 svccache;	/* area or "b"+buyer raw -> rule id */
	struct strmap	 supmap;	/* supplier key -> index in sups */
	struct sup	*sups;
	size_t		 nsup, capsup;
	struct strmap	 keys;		/* key -> rank+1 | (field+1) << 8 */
	struct strmap	 rawsup;	/* raw supplier value -> sups index */
	struct keymemo	 memo[KEYMEMO];	/* in front of keys */
	int		 fast;		/* splice fast path usable */
	int		 rsector;	/* rank of sector; why is rsector + 3 */
	/* scratch */
	struct buf	 fold;		/* folded words */
	uint32_t	*toff, *tlen;	/* token offsets and lengths */
	size_t		 ntok, captok;
	struct span	 f[F_N];	/* fields of the current record */
	long		 cut;		/* splice point, -1: use rec_write */
	struct rec_member *uk;		/* unknown keys of the record */
	size_t		 nuk, capuk;
	unsigned	 warned;	/* bit per field: type warning given */
	long		 nbadtype;	/* fields of the wrong type, ignored */
	struct buf	 out;		/* output line */
	struct buf	 key;		/* supplier key */
	struct buf	 ck;		/* cache key */
	struct rec	 rec;		/* slow path */
	/* counts */
	long		 in, outn, ntech, nother, bydef;
	long		 fin, ftech, fother;	/* the same for one file */
	int64_t		 famt_tech, famt_other;
	long		 byv[V_NAME + 1];	/* records decided by verdict */
	long		 nconflict;	/* table tech, codes other */
	long		 nfast, nslow;
	int64_t		 amt_tech, amt_other;
};

/* One input: a block reader that may spool what it reads. */
struct input {
	const char	*path;	/* as given; NULL or "-" for stdin */
	const char	*name;	/* for messages */
	FILE		*fp;
	FILE		*spool;	/* pass-1 copy of a stream, or NULL */
	char		*buf;
	size_t		 cap, beg, end;
	int		 eof;
	long		 line;
	off_t		 off0;	/* where a regular stdin started */
};

/* s as a JSON string (with quotes), newly allocated. */
static char *
json_dup(const char *pre, const char *s)
{
	struct buf b = { 0 };

	buf_addc(&b, '"');
	json_escape(&b, pre, strlen(pre));
	json_escape(&b, s, strlen(s));
	buf_addc(&b, '"');
	return b.p;
}

/* ---------------------------------------------------------------- maps */

/* The number stored under key in m, or NULL when absent. */
static long long *
map_get(struct strmap *m, const char *k, size_t kl)
{
	struct strmap_entry *e = strmap_get(m, k, kl, 0);

	return e != NULL ? &e->num : NULL;
}

/* The number stored under key in m, set to v when the key is new; valid
 * until the next insertion. */
static long long *
map_put(struct strmap *m, const char *k, size_t kl, long long v)
{
	int isnew;
	struct strmap_entry *e = strmap_put(m, k, kl, &isnew);

	if (isnew)
		e->num = v;
	return &e->num;
}

/* ------------------------------------------------------------- folding */

/* Byte classes for fold: lowercase of letters and digits, or a class. */
enum { C_SEP = 0, C_APOS = 1, C_AMP = 2, C_ESC = 3, C_HIGH = 4 };
static unsigned char foldtab[256];

static void
fold_init(void)
{
	int c;

	for (c = 0; c < 256; c++)
		foldtab[c] = C_SEP;
	for (c = 'a'; c <= 'z'; c++)
		foldtab[c] = foldtab[c - 32] = (unsigned char)c;
	for (c = '0'; c <= '9'; c++)
		foldtab[c] = (unsigned char)c;
	foldtab['\''] = C_APOS;
	foldtab['&'] = C_AMP;
	foldtab['\\'] = C_ESC;
	for (c = 0x80; c < 256; c++)
		foldtab[c] = C_HIGH;
}

/* Fold text into lowercase words in st->fold, one token per word: ASCII
 * letters and digits are lowercased, other UTF-8 letters kept as they
 * are, apostrophes dropped (Children's -> childrens), '&' becomes the word
 * "and", anything else separates words (also NBSP, dashes and quotes of
 * U+2000..U+206F).  With json set, s is the inside of a JSON string and
 * escapes are decoded.  Appends to the tokens already there. */
static void
fold(struct state *st, const char *s, size_t n, int json)
{
	struct buf *b = &st->fold;
	char *o, *start = NULL;
	size_t i = 0;

	buf_grow(b, 5 * n + 8);
	if (st->ntok + n + 2 > st->captok) {
		st->captok = (st->ntok + n + 2) * 2;
		st->toff = ereallocarray(st->toff, st->captok,
		    sizeof *st->toff);
		st->tlen = ereallocarray(st->tlen, st->captok,
		    sizeof *st->tlen);
	}
	o = b->p + b->len;
#define ENDWORD() do {							\
	if (start != NULL) {						\
		st->toff[st->ntok] = (uint32_t)(start - b->p);		\
		st->tlen[st->ntok++] = (uint32_t)(o - start);		\
		*o++ = ' ';						\
		start = NULL;						\
	}								\
} while (0)
	while (i < n) {
		unsigned char c = foldtab[(unsigned char)s[i]];
		uint32_t cp;
		size_t adv;

		if (c > C_HIGH) {
			if (start == NULL)
				start = o;
			*o++ = (char)c;
			i++;
			continue;
		}
		switch (c) {
		case C_SEP:
			ENDWORD();
			i++;
			continue;
		case C_APOS:
			i++;
			continue;
		case C_AMP:
			ENDWORD();
			start = o;
			memcpy(o, "and", 3);
			o += 3;
			ENDWORD();
			i++;
			continue;
		case C_ESC:
			if (!json || i + 1 >= n) {
				ENDWORD();
				i++;
				continue;
			}
			adv = 2;
			cp = ' ';
			if (s[i + 1] == 'u' && i + 5 < n) {
				char hx[5];

				memcpy(hx, s + i + 2, 4);
				hx[4] = '\0';
				cp = (uint32_t)strtoul(hx, NULL, 16);
				adv = 6;
			}
			break;
		default:	/* C_HIGH */
			adv = utf8_decode(s + i, n - i, &cp);
			if (adv == 0) {
				adv = 1;
				cp = 0xFFFD;
			}
			break;
		}
		i += adv;
		if (cp < 0x80) {
			c = foldtab[cp];
			if (c > C_HIGH) {
				if (start == NULL)
					start = o;
				*o++ = (char)c;
			} else if (c == C_AMP) {
				ENDWORD();
				start = o;
				memcpy(o, "and", 3);
				o += 3;
				ENDWORD();
			} else if (c != C_APOS)
				ENDWORD();
		} else if (cp == 0x2018 || cp == 0x2019) {
			continue;
		} else if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) ||
		    cp == 0xFFFD || cp == 0x3000) {
			ENDWORD();
		} else {
			size_t before = b->len;

			if (start == NULL)
				start = o;
			b->len = (size_t)(o - b->p);
			utf8_put(b, cp);	/* fits: grown above */
			o = b->p + b->len;
			b->len = before;
		}
	}
	ENDWORD();
#undef ENDWORD
	b->len = (size_t)(o - b->p);
	b->p[b->len] = '\0';
}

static void
fold_reset(struct state *st)
{
	buf_reset(&st->fold);
	st->ntok = 0;
}

/* ------------------------------------------------------------ keywords */

/* Add rule id to the index of its class under its first word; a prefix
 * word (word*) goes in under its first three bytes and a '*'. */
static void
kw_add(struct kwset *k, const struct rule *r, int id)
{
	char key[256];
	size_t kl = r->wl[0];
	int *l, n;
	long long *v;

	if (kl + 2 > sizeof key)
		kl = sizeof key - 2;
	{
		unsigned b = (unsigned char)r->w[0][0] << 8 |
		    (r->wl[0] > 1 ? (unsigned char)r->w[0][1] : 0);

		k->two[b >> 3] |= (uint8_t)(1 << (b & 7));
		if (r->pre[0] && r->wl[0] == 1)	/* any second byte */
			for (b &= 0xFF00; (b & 0xFF) != 0xFF; b++)
				k->two[b >> 3] |= (uint8_t)(1 << (b & 7));
	}
	if (r->pre[0]) {
		if (kl > 3)
			kl = 3;
		k->premask |= 1ULL << kl;
	}
	memcpy(key, r->w[0], kl);
	if (r->pre[0])
		key[kl++] = '*';
	v = map_put(&k->first, key, kl, (long long)k->nlists);
	if (*v == (long long)k->nlists) {
		k->lists = ereallocarray(k->lists, k->nlists + 1,
		    sizeof *k->lists);
		k->lists[k->nlists] = ecalloc(1, sizeof(int));
		k->lists[k->nlists++][0] = -1;
	}
	l = k->lists[*v];
	for (n = 0; l[n] >= 0; n++)
		;
	l = ereallocarray(l, (size_t)n + 2, sizeof *l);
	l[n] = id;
	l[n + 1] = -1;
	k->lists[*v] = l;
}

/* Does rule r match the tokens starting at token i? */
static int
kw_try(const struct state *st, const struct rule *r, size_t i)
{
	int j;

	if (i + (size_t)r->nw > st->ntok)
		return 0;
	for (j = 0; j < r->nw; j++) {
		const char *t = st->fold.p + st->toff[i + j];
		size_t tl = st->tlen[i + j];

		if (r->pre[j] ? tl < r->wl[j] : tl != r->wl[j])
			return 0;
		if (memcmp(t, r->w[j], r->wl[j]) != 0)
			return 0;
	}
	return 1;
}

struct hit {
	int	 id;	/* rule */
	size_t	 b, e;	/* tokens [b, e) */
};

/* Match class k against the folded tokens; returns the deciding rule id
 * or -1.  A match lying inside a longer match is dropped (so "cloud
 * nine" beats "cloud"); of the rest, the rule listed first wins. */
static int
kw_match(struct state *st, struct kwset *k)
{
	struct hit h[64];
	size_t i, nh = 0, a, c;
	int best = -1;

	st->kwtech = st->kwother = 0;
	if (k->first.n == 0)
		return -1;
	for (i = 0; i < st->ntok; i++) {
		const char *t = st->fold.p + st->toff[i];
		size_t tl = st->tlen[i], L;
		uint64_t m;
		long long *v;
		int *l;
		unsigned b = (unsigned char)t[0] << 8 |
		    (tl > 1 ? (unsigned char)t[1] : 0);

		if (!(k->two[b >> 3] & (1 << (b & 7))))
			continue;	/* no rule starts so */

		v = map_get(&k->first, t, tl);
		for (l = v ? k->lists[*v] : NULL; l != NULL && *l >= 0; l++)
			if (nh < 64 && kw_try(st, &st->r[*l], i))
				h[nh++] = (struct hit){ *l, i,
				    i + (size_t)st->r[*l].nw };
		for (m = k->premask >> 1, L = 1; m != 0; m >>= 1, L++) {
			char key[4];

			if (!(m & 1) || L > tl)
				continue;
			memcpy(key, t, L);
			key[L] = '*';
			v = map_get(&k->first, key, L + 1);
			for (l = v ? k->lists[*v] : NULL; l != NULL && *l >= 0;
			    l++)
				if (nh < 64 && kw_try(st, &st->r[*l], i))
					h[nh++] = (struct hit){ *l, i,
					    i + (size_t)st->r[*l].nw };
		}
	}
	st->kwtech = st->kwother = 0;
	for (a = 0; a < nh; a++) {
		for (c = 0; c < nh; c++)
			if (c != a && ((h[c].b <= h[a].b && h[c].e >= h[a].e &&
			    h[c].e - h[c].b > h[a].e - h[a].b) ||
			    (h[c].id == h[a].id && c < a)))
				break;	/* inside a longer match, or again */
		if (c < nh)
			continue;
		if (st->r[h[a].id].tech)
			st->kwtech++;
		else
			st->kwother++;
		if (best < 0 || h[a].id < best)
			best = h[a].id;
	}
	return best;
}

/* Fold raw JSON string v and match; anything else matches nothing. */
static int
kw_value(struct state *st, struct kwset *k, struct span v)
{
	fold_reset(st);
	if (v.p == NULL || v.n < 2)
		return -1;
	if (v.p[0] != '"')
		return -1;	/* not text: check_types said so */
	fold(st, v.p + 1, v.n - 2, 1);
	return kw_match(st, k);
}

/* Codes: every run of two or more digits in v, in order; the first code
 * that some rule of class ev is a prefix of decides (longest prefix). */
static int
code_match(struct state *st, int ev, struct span v)
{
	size_t i = 0, j;
	int best, bestl;

	if (v.p == NULL)
		return -1;
	while (i < v.n) {
		size_t k;

		if (v.p[i] < '0' || v.p[i] > '9') {
			i++;
			continue;
		}
		for (j = i; j < v.n && v.p[j] >= '0' && v.p[j] <= '9'; j++)
			;
		best = -1;
		bestl = 0;
		if (j - i >= 2) {
			for (k = 0; k < st->nr; k++) {
				const struct rule *r = &st->r[k];

				if (r->ev == ev && r->code && r->wl[0] <= j - i &&
				    (int)r->wl[0] > bestl &&
				    memcmp(r->w[0], v.p + i, r->wl[0]) == 0) {
					best = (int)k;
					bestl = (int)r->wl[0];
				}
			}
			if (best >= 0)
				return best;
		}
		/* skip a CPV check digit ("72000000-5") with the code */
		i = j;
		if (i + 1 < v.n && v.p[i] == '-' && v.p[i + 1] >= '0' &&
		    v.p[i + 1] <= '9')
			i += 2;
	}
	return -1;
}

/* --------------------------------------------------------------- rules */

static int
cat_index(struct state *st, const char *name, const char *file, long line)
{
	int i;

	if (strcmp(name, "-") == 0)
		return -1;
	if (strcmp(name, "*") == 0)
		return -2;
	for (i = 0; i < st->ncat; i++)
		if (strcmp(st->cats[i], name) == 0)
			return i;
	if (st->ncat == MAXCAT)
		die_at(file, line, "more than %d categories", MAXCAT);
	st->cats[st->ncat] = estrdup(name);
	st->catj[st->ncat] = json_dup("", name);
	return st->ncat++;
}

static int
svc_index(struct state *st, const char *name)
{
	int i;

	for (i = 0; i < st->nsvc; i++)
		if (strcmp(st->svcs[i], name) == 0)
			return i;
	st->svcs = ereallocarray(st->svcs, (size_t)st->nsvc + 1,
	    sizeof *st->svcs);
	st->svcj = ereallocarray(st->svcj, (size_t)st->nsvc + 1,
	    sizeof *st->svcj);
	st->svcs[st->nsvc] = estrdup(name);
	st->svcj[st->nsvc] = json_dup("", name);
	return st->nsvc++;
}

/* Split line at tabs into at most n fields; returns how many. */
static int
split_tabs(char *s, char **f, int n)
{
	int k = 0;

	while (k < n) {
		f[k++] = s;
		s = strchr(s, '\t');
		if (s == NULL)
			break;
		*s++ = '\0';
	}
	return k;
}

/* Compile the pattern of r (class ev) into words. */
static void
rule_words(struct state *st, struct rule *r, const char *file, long line)
{
	size_t i;
	char *p;

	for (p = r->pat; *p >= '0' && *p <= '9'; p++)
		;
	if (r->ev == EV_CPV || (r->ev == EV_PROCLASS && *p == '\0')) {
		if (*p != '\0')
			die_at(file, line, "code \"%s\" is not digits",
			    r->pat);
		if (p == r->pat)
			die_at(file, line, "empty code");
		r->code = 1;
		r->words = estrdup(r->pat);
		r->nw = 1;
		r->w[0] = r->words;
		r->wl[0] = strlen(r->words);
		return;
	}
	fold_reset(st);
	{
		char *copy = estrdup(r->pat), *w, *save = NULL;
		unsigned char pre[256] = { 0 };

		for (w = strtok_r(copy, " ", &save); w != NULL;
		    w = strtok_r(NULL, " ", &save)) {
			size_t wl = strlen(w);
			int star = wl > 0 && w[wl - 1] == '*';

			if (star)
				w[--wl] = '\0';
			fold(st, w, wl, 0);
			if (star && st->ntok > 0 && st->ntok <= sizeof pre)
				pre[st->ntok - 1] = 1;
		}
		if (st->ntok == 0)
			die_at(file, line, "pattern \"%s\" has no words",
			    r->pat);
		if (st->ntok > MAXWORDS)
			die_at(file, line, "pattern has more than %d words",
			    MAXWORDS);
		r->words = emalloc(st->fold.len + 1);
		memcpy(r->words, st->fold.p, st->fold.len + 1);
		r->nw = (int)st->ntok;
		for (i = 0; i < st->ntok; i++) {
			r->w[i] = r->words + st->toff[i];
			r->wl[i] = st->tlen[i];
			r->words[st->toff[i] + st->tlen[i]] = '\0';
			r->pre[i] = pre[i];
		}
		free(copy);
	}
}

/* Parse an evidence class name; returns evclass or -1. */
static int
ev_parse(const char *s, int svcmap)
{
	if (svcmap) {
		if (strcmp(s, "area") == 0)
			return EV_AREA;
		if (strcmp(s, "buyer") == 0)
			return EV_BUYER;
		if (strcmp(s, "text") == 0)
			return EV_STEXT;
		return -1;
	}
	if (strcmp(s, "cpv") == 0)
		return EV_CPV;
	if (strcmp(s, "proclass") == 0)
		return EV_PROCLASS;
	if (strcmp(s, "expense") == 0)
		return EV_EXPENSE;
	if (strcmp(s, "text") == 0)
		return EV_TEXT;
	if (strcmp(s, "title") == 0)
		return EV_TITLE;
	if (strcmp(s, "name") == 0)
		return EV_NAME;
	if (strcmp(s, "area") == 0)
		return EV_SAREA;
	return -1;
}

/* The rule for a procurement class that no rule matches: other, as a
 * code ("proclass:other"). */
static void
add_pcother(struct state *st)
{
	struct rule *r;

	st->r = ereallocarray(st->r, st->nr + 1, sizeof *st->r);
	st->capr = st->nr + 1;
	r = &st->r[st->nr];
	memset(r, 0, sizeof *r);
	r->ev = EV_PROCLASS;
	r->cat = -1;
	r->pat = estrdup("other");
	r->words = estrdup("");
	r->whyj[0] = json_dup("", "proclass:other");
	r->whyj[1] = estrdup(r->whyj[0]);
	r->whyj[2] = estrdup(r->whyj[0]);
	st->pcother = (int)st->nr++;
}

/* Read a rules table (svcmap 0) or a service map (svcmap 1).  Lines:
 * CLASS[,CLASS...] TAB PATTERN TAB SECTOR TAB CATEGORY, or for the
 * service map CLASS[,CLASS...] TAB PATTERN TAB SERVICE; "set" lines hold
 * settings; '#' starts a comment line.  Dies on a malformed line. */
static void
load_table(struct state *st, const char *path, int svcmap)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *f[5];
	size_t cap = 0;
	ssize_t len;
	long ln = 0;

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	while ((len = table_line(fp, &line, &cap, &ln)) >= 0) {
		char *cls, *save = NULL;
		int nf, want = svcmap ? 3 : 4;

		nf = split_tabs(line, f, 5);
		if (strcmp(f[0], "set") == 0 && nf >= 3 && !svcmap) {
			long long v;

			if (strcmp(f[1], "supplier-share") == 0 &&
			    parse_ll(f[2], 1, 100, &v) == 0)
				st->supshare = (int)v;
			else if (strcmp(f[1], "supplier-min") == 0 &&
			    parse_ll(f[2], 1, 1000000, &v) == 0)
				st->supmin = (int)v;
			else if (strcmp(f[1], "long-text-words") == 0 &&
			    parse_ll(f[2], 1, 1000000, &v) == 0)
				st->longwords = (int)v;
			else if (strcmp(f[1], "long-text-rules") == 0 &&
			    parse_ll(f[2], 1, 100, &v) == 0)
				st->longmin = (int)v;
			else if (strcmp(f[1], "default-category") == 0)
				st->defcat = cat_index(st, f[2], path, ln);
			else
				die_at(path, ln, "bad setting \"%s\"", f[1]);
			continue;
		}
		if (nf != want)
			die_at(path, ln, "%d tab-separated fields, expected %d",
			    nf, want);
		for (cls = strtok_r(f[0], ",", &save); cls != NULL;
		    cls = strtok_r(NULL, ",", &save)) {
			struct rule *r;
			int ev = ev_parse(cls, svcmap);

			if (ev < 0)
				die_at(path, ln, "unknown class \"%s\"", cls);
			if (st->nr == st->capr) {
				st->capr = st->capr ? st->capr * 2 : 256;
				st->r = ereallocarray(st->r, st->capr,
				    sizeof *st->r);
			}
			r = &st->r[st->nr];
			memset(r, 0, sizeof *r);
			r->ev = ev;
			r->line = ln;
			r->pat = estrdup(f[1]);
			r->cat = -1;
			if (svcmap) {
				r->svc = svc_index(st, f[2]);
			} else if (strcmp(f[2], "tech") == 0 ||
			    strcmp(f[2], "weak") == 0) {
				r->tech = 1;
				r->weak = f[2][0] == 'w';
				r->cat = cat_index(st, f[3], path, ln);
				if (r->cat == -1)
					die_at(path, ln, "tech rule without "
					    "a category");
			} else if (strcmp(f[2], "other") == 0 ||
			    strcmp(f[2], "none") == 0) {
				r->none = f[2][0] == 'n';
				if (strcmp(f[3], "-") != 0)
					die_at(path, ln, "other takes no "
					    "category");
			} else
				die_at(path, ln, "sector \"%s\" is not tech, "
				    "weak, other or none", f[2]);
			rule_words(st, r, path, ln);
			{
				char pre[32];

				snprintf(pre, sizeof pre, "%s:", ev == EV_TEXT ?
				    "title" : evname[ev]);
				r->whyj[0] = json_dup(pre, r->pat);
				r->whyj[1] = ev == EV_TEXT ?
				    json_dup("description:", r->pat) :
				    estrdup(r->whyj[0]);
				r->whyj[2] = json_dup("proclass:", r->pat);
			}
			if (!r->code)
				kw_add(&st->kw[ev], r, (int)st->nr);
			st->nr++;
		}
	}
	if (ferror(fp))
		die("%s: %s", path, strerror(errno));
	free(line);
	fclose(fp);
}

/* ---------------------------------------------------------- JSON scan */

static int
fld_index(const char *k, size_t kl)
{
	int i;

	for (i = 0; i < F_N; i++)
		if (fldname[i][0] == k[0] && strlen(fldname[i]) == kl &&
		    memcmp(fldname[i], k, kl) == 0)
			return i;
	return -1;
}

/* What we know of key k: its canonical rank and the field index (each -1
 * when none), through a direct-mapped memo in front of st->keys. */
static void
keyinfo(struct state *st, const char *k, size_t kl, int *rank, int *fi)
{
	long long *v;
	unsigned h = kl > 0 ? ((unsigned)kl * 131 + (unsigned char)k[0] * 7 +
	    (unsigned char)k[kl - 1] * 3 + (unsigned char)k[kl / 2]) &
	    (KEYMEMO - 1) : 0;
	struct keymemo *m = &st->memo[h];
	int iv;

	if (m->k != NULL && m->kl == kl && memcmp(m->k, k, kl) == 0)
		iv = m->v;
	else {
		v = map_put(&st->keys, k, kl, -1);
		if (*v < 0)
			*v = (rec_key_rank(k, kl) + 1) |
			    (fld_index(k, kl) + 1) << 8;
		iv = (int)*v;
		if (kl < sizeof m->buf) {
			memcpy(m->buf, k, kl);
			m->k = m->buf;
			m->kl = kl;
			m->v = iv;
		}
	}
	*rank = (iv & 0xFF) - 1;
	*fi = ((iv >> 8) & 0xFF) - 1;
}

static int
ukey_cmp(const void *a, const void *b)
{
	const struct rec_member *x = a, *y = b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);

	return c != 0 ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

/* Does the list of n unknown keys hold one twice?  Sorts it. */
static int
has_dup(struct rec_member *u, size_t n)
{
	size_t i;

	qsort(u, n, sizeof *u, ukey_cmp);
	for (i = 1; i < n; i++)
		if (ukey_cmp(&u[i], &u[i - 1]) == 0)
			return 1;
	return 0;
}

/* Scan the top-level members of the record line[0..n): note the spans of
 * the fields we read and where the four new keys go in a splice (st->cut,
 * -1 when the record must go through rec_write: not compact, keys out of
 * the canonical order, unknown keys before canonical ones, keys we own
 * already there).  rec_write puts unknown keys after every canonical one,
 * so the four keys go before the first unknown key or the first canonical
 * key ranked after them.  Returns 0, or -1 when the line is not a JSON
 * object. */
static int
scan(struct state *st, const char *line, size_t n)
{
	struct rec_scan sc;
	struct rec_member m;
	int last = -1, ok = 1, seen_unknown = 0, r;

	memset(st->f, 0, sizeof st->f);
	st->cut = -1;
	st->nuk = 0;
	if (rec_scan_begin(&sc, line, n) != 0)
		return -1;
	while ((r = rec_scan_next(&sc, &m)) > 0) {
		int rank, fi;

		keyinfo(st, m.key, m.klen, &rank, &fi);
		if (fi >= 0)
			st->f[fi] = (struct span){ m.val, m.vlen };
		if (!ok)
			continue;
		if (rank >= st->rsector && rank <= st->rsector + 3)
			ok = 0;		/* a key we own */
		else if (rank >= 0) {
			if (seen_unknown || rank <= last)
				ok = 0;	/* out of order */
			else if (st->cut < 0 && rank > st->rsector)
				st->cut = (long)(m.key - 1 - line);
			last = rank;
		} else {
			if (st->nuk == st->capuk) {
				st->capuk = st->capuk ? st->capuk * 2 : 16;
				st->uk = ereallocarray(st->uk, st->capuk,
				    sizeof *st->uk);
			}
			st->uk[st->nuk++] = m;
			seen_unknown = 1;
			if (st->cut < 0)
				st->cut = (long)(m.key - 1 - line);
		}
	}
	if (r < 0)
		return -1;
	if (!sc.compact || !st->fast || !ok ||
	    (st->nuk > 1 && has_dup(st->uk, st->nuk)))
		st->cut = -1;	/* rec_parse will say what is wrong */
	else if (st->cut < 0)
		st->cut = (long)(sc.p - line);
	return 0;
}

/* ---------------------------------------------------------- classifier */

/* A decision: rule id >= 0, or one of these. */
enum { D_NONE = -1, D_DEFAULT = -4 };

/* A cache in front of kw_value, one per class: raw value -> rule id or
 * -1. */
static int
kw_cached(struct state *st, int ev, struct span v)
{
	long long *c;
	int d;

	c = map_get(&st->vcache[ev], v.p, v.n);
	if (c != NULL)
		return (int)*c;
	d = kw_value(st, &st->kw[ev], v);
	if (st->vcache[ev].n < CACHE_MAX)
		*map_put(&st->vcache[ev], v.p, v.n, d) = d;
	return d;
}

static int
has_text(struct span v)
{
	return v.p != NULL && v.n > 2 && v.p[0] == '"';
}

/* Does the JSON string v hold a letter or digit? */
static int
has_alnum(struct span v)
{
	size_t i;

	for (i = 1; i + 1 < v.n; i++)
		if ((v.p[i] | 0x20) >= 'a' && (v.p[i] | 0x20) <= 'z')
			return 1;
		else if (v.p[i] >= '0' && v.p[i] <= '9')
			return 1;
	return 0;
}

/* The current record's own evidence: a rule id, or D_NONE; *lv says how
 * much it weighs (enum level) and *field names the field a text rule
 * matched when the rule's class does not ("title", "description",
 * "proclass").  In order: CPV codes; the council's procurement class,
 * as a code or in words (proclass rules, then the expense rules: a code
 * whichever way it is written); the expense type; the title, then the
 * description (a long description must agree with itself); an ICT
 * service area.  A "weak" rule (a heading that also covers postage or
 * phones) counts only when nothing else speaks. */
static int
evidence(struct state *st, const char **field, int *lv)
{
	int d, weak = D_NONE;

	*field = NULL;
	*lv = LV_CODE;
	if ((d = code_match(st, EV_CPV, st->f[F_CPV])) >= 0)
		return d;
	if ((d = code_match(st, EV_PROCLASS, st->f[F_PROCLASS])) >= 0)
		return d;
	if (has_text(st->f[F_PROCLASS])) {
		if ((d = kw_cached(st, EV_PROCLASS,
		    st->f[F_PROCLASS])) < 0 && (d = kw_cached(st,
		    EV_EXPENSE, st->f[F_PROCLASS])) >= 0)
			*field = "proclass";
		if (d < 0 && has_alnum(st->f[F_PROCLASS]))
			d = st->pcother;	/* a class, not an ICT one */
		if (d >= 0 && !st->r[d].weak && !st->r[d].none)
			return d;
		if (d >= 0 && st->r[d].weak)
			weak = d;
		*field = NULL;
	}
	*lv = LV_STRONG;
	if (has_text(st->f[F_EXPENSE]) &&
	    (d = kw_cached(st, EV_EXPENSE, st->f[F_EXPENSE])) >= 0) {
		if (!st->r[d].weak)
			return d;
		if (weak < 0)
			weak = d;
	}
	if ((d = kw_value(st, &st->kw[EV_TEXT], st->f[F_TITLE])) >= 0 ||
	    (d = kw_value(st, &st->kw[EV_TITLE], st->f[F_TITLE])) >= 0) {
		*field = "title";
		return d;
	}
	if ((d = kw_value(st, &st->kw[EV_TEXT], st->f[F_DESC])) >= 0 &&
	    /* boilerplate of a long notice mentions websites and
	     * software in passing: there the words must agree */
	    !(st->ntok > (size_t)st->longwords &&
	    (st->kwother > 0 || st->kwtech < st->longmin))) {
		*field = "description";
		return d;
	}
	if (has_text(st->f[F_AREA]) &&
	    (d = kw_cached(st, EV_SAREA, st->f[F_AREA])) >= 0 &&
	    st->r[d].tech)
		return d;
	*lv = weak >= 0 ? LV_WEAK : LV_NONE;
	return weak;
}

/* Category of the first tech keyword rule matching the expense type,
 * title or description (for code rules that say only "tech"), or -1. */
static int
kw_category(struct state *st)
{
	static const int fl[] = { F_EXPENSE, F_TITLE, F_DESC };
	size_t i;
	int d;

	for (i = 0; i < sizeof fl / sizeof fl[0]; i++) {
		d = kw_value(st, &st->kw[i == 0 ? EV_EXPENSE : EV_TEXT],
		    st->f[fl[i]]);
		if (d >= 0 && st->r[d].tech && st->r[d].cat >= 0)
			return st->r[d].cat;
	}
	return -1;
}

/* --------------------------------------------------- supplier knowledge */

/* The row of the tech suppliers table whose name or spelling has the same
 * name key as the JSON string v (dedupe-supplier's key), or -1. */
static int
row_by_name(struct state *st, struct span v)
{
	uint8_t flags, ntok;
	uint64_t alt;
	size_t kl;
	long long *r;

	if (st->nrows == 0 || !has_text(v))
		return -1;
	buf_reset(&st->key);
	if (json_str_decode(v.p, v.n, &st->key) != 0)
		return -1;
	kl = name_key(&st->nk, st->key.p, st->key.len, &flags, &ntok, &alt);
	if (flags & (NAME_REDACTED | NAME_PERSON))
		return -1;
	r = map_get(&st->tname, st->nk.key.p, kl);
	return r != NULL ? (int)*r : -1;
}

/* The row whose company number the entity id carries ("GB-COH-"), or -1. */
static int
row_by_id(struct state *st, struct span id)
{
	long long *r;

	if (st->nrows == 0 || !has_text(id) || id.n < 9 ||
	    memcmp(id.p, "\"GB-COH-", 8) != 0)
		return -1;
	r = map_get(&st->tcoh, id.p + 8, id.n - 9);
	return r != NULL ? (int)*r : -1;
}

/* Read the tech suppliers table (schemas/tech-suppliers.tsv): a header
 * line, then NAME TAB CATEGORY TAB MIXED TAB COMPANY TAB SPELLINGS TAB
 * EVIDENCE; '#' lines are comments.  Each row is found by its company
 * number and by the name key of its name and of each spelling (the
 * first row with a key keeps it). */
static void
load_suppliers(struct state *st, const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL, *f[7];
	size_t cap = 0, cr = 0;
	ssize_t len;
	long ln = 0;
	int header = 0;
	const char *base = strrchr(path, '/');

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	st->rowsname = estrdup(base != NULL ? base + 1 : path);
	while ((len = table_line(fp, &line, &cap, &ln)) >= 0) {
		struct trow *t;
		char *sp, *save = NULL, pre[300];
		long long v;
		int nf;

		nf = split_tabs(line, f, 7);
		if (!header) {
			if (nf < 6 || strcmp(f[0], "name") != 0 ||
			    strcmp(f[1], "category") != 0)
				die_at(path, ln, "expected the header name, "
				    "category, mixed, company_number, "
				    "spellings, evidence");
			header = 1;
			continue;
		}
		if (nf != 6)
			die_at(path, ln, "%d tab-separated fields, expected 6",
			    nf);
		if (f[0][0] == '\0')
			die_at(path, ln, "empty name");
		if (f[5][0] == '\0')
			die_at(path, ln, "no evidence");
		if (parse_ll(f[2], 0, 1, &v) != 0)
			die_at(path, ln, "mixed must be 0 or 1");
		if (st->nrows == cr) {
			cr = cr ? cr * 2 : 512;
			st->rows = ereallocarray(st->rows, cr, sizeof *st->rows);
		}
		t = &st->rows[st->nrows];
		t->line = ln;
		t->mixed = (int)v;
		t->cat = cat_index(st, f[1], path, ln);
		if (t->cat < 0)
			die_at(path, ln, "category \"%s\"", f[1]);
		t->name = estrdup(f[0]);
		snprintf(pre, sizeof pre, "supplier:%s:%ld", st->rowsname, ln);
		t->whyj = json_dup("", pre);
		if (f[3][0] != '\0') {
			if (strlen(f[3]) != 8)
				die_at(path, ln, "company number \"%s\" is not "
				    "8 characters", f[3]);
			map_put(&st->tcoh, f[3], 8, (long long)st->nrows);
		}
		for (sp = f[0]; sp != NULL; sp = strtok_r(sp == f[0] ? f[4] :
		    NULL, "|", &save)) {
			uint8_t flags, ntok;
			uint64_t alt;
			size_t kl;

			if (*sp == '\0')
				break;
			kl = name_key(&st->nk, sp, strlen(sp), &flags, &ntok,
			    &alt);
			if (!(flags & (NAME_REDACTED | NAME_PERSON)))
				map_put(&st->tname, st->nk.key.p, kl,
				    (long long)st->nrows);
			if (sp == f[0] && f[4][0] == '\0')
				break;
		}
		st->nrows++;
	}
	if (ferror(fp))
		die("%s: %s", path, strerror(errno));
	if (!header)
		die("%s: no header line", path);
	free(line);
	fclose(fp);
}

/* ------------------------------------------------------------ suppliers */

/* The supplier key of the current record into st->key; returns 0 when
 * the record has no usable supplier (withheld). */
static int
sup_key(struct state *st)
{
	struct span id = st->f[F_SUPID], nm = st->f[F_SUPPLIER];
	size_t i;

	buf_reset(&st->key);
	if (st->f[F_REDACTED].p != NULL && st->f[F_REDACTED].n == 4 &&
	    memcmp(st->f[F_REDACTED].p, "true", 4) == 0)
		return 0;
	if (id.p != NULL && id.n > 2 && id.p[0] == '"') {
		buf_addc(&st->key, 'i');
		buf_add(&st->key, id.p + 1, id.n - 2);
		return 1;
	}
	if (nm.p == NULL || nm.n <= 2 || nm.p[0] != '"')
		return 0;
	fold_reset(st);
	fold(st, nm.p + 1, nm.n - 2, 1);
	if (st->ntok == 0)
		return 0;
	buf_addc(&st->key, 'n');
	for (i = 0; i < st->ntok; i++) {
		if (i > 0)
			buf_addc(&st->key, ' ');
		buf_add(&st->key, st->fold.p + st->toff[i], st->tlen[i]);
	}
	return 1;
}

/* The supplier entry of the current record, created when create is set;
 * NULL when there is none.  Raw spellings are remembered, so a name is
 * folded and keyed once, not once a record.  A new entity is looked up in
 * the tech suppliers table by its company number, then by the name key
 * of its display name (dedupe-supplier's supplier_name), then of the
 * spelling it came with. */
static struct sup *
sup_get(struct state *st, int create)
{
	struct span id = st->f[F_SUPID], nm = st->f[F_SUPPLIER], raw;
	struct span dn = has_text(st->f[F_SUPNAME]) ? st->f[F_SUPNAME] : nm;
	long long *v;
	int idx = -1;

	if (st->f[F_REDACTED].p != NULL && st->f[F_REDACTED].n == 4 &&
	    memcmp(st->f[F_REDACTED].p, "true", 4) == 0)
		return NULL;
	buf_reset(&st->ck);
	if (id.p != NULL && id.n > 2 && id.p[0] == '"') {
		raw = id;
		buf_addc(&st->ck, 'i');
	} else if (nm.p != NULL && nm.n > 2 && nm.p[0] == '"') {
		raw = nm;
		buf_addc(&st->ck, 'n');
	} else
		return NULL;
	buf_add(&st->ck, raw.p, raw.n);
	v = map_get(&st->rawsup, st->ck.p, st->ck.len);
	if (v != NULL)
		return *v >= 0 ? &st->sups[*v] : NULL;
	if (!create)
		return NULL;
	if (sup_key(st)) {
		v = map_put(&st->supmap, st->key.p, st->key.len,
		    (long long)st->nsup);
		idx = (int)*v;
		if ((size_t)idx == st->nsup) {
			struct sup *s;

			if (st->nsup == st->capsup) {
				st->capsup = st->capsup ? st->capsup * 2 :
				    1024;
				st->sups = ereallocarray(st->sups, st->capsup,
				    sizeof *st->sups);
			}
			s = &st->sups[st->nsup++];
			memset(s, 0, sizeof *s);
			/* the cluster's display name when dedupe-supplier
			 * gave one, so the verdict does not depend on which
			 * spelling arrives first */
			s->name = kw_value(st, &st->kw[EV_NAME], dn);
			s->row = row_by_id(st, id);
			if (s->row < 0)
				s->row = row_by_name(st, dn);
			if (s->row < 0 && dn.p != nm.p)
				s->row = row_by_name(st, nm);
			s->lastbuy = -1;
			if (st->o.explain != NULL) {
				buf_reset(&st->key);
				json_str_decode(dn.p, dn.n, &st->key);
				s->disp = estrndup(st->key.p, st->key.len);
			}
		}
		if (st->sups[idx].row < 0 && raw.p == nm.p && dn.p != nm.p)
			st->sups[idx].row = row_by_name(st, nm);
	}
	map_put(&st->rawsup, st->ck.p, st->ck.len, idx);
	return idx >= 0 ? &st->sups[idx] : NULL;
}

/* Majority tech category of a supplier, or -1. */
static int
sup_cat(const struct state *st, const struct sup *s)
{
	int i, best = -1;
	uint32_t bn = 0;

	if (s == NULL)
		return -1;
	for (i = 0; i < st->ncat; i++)
		if (s->cat[i] > bn) {
			bn = s->cat[i];
			best = i;
		}
	return best;
}

/* Does the share of tech among tech + other reach supplier-share? */
static int
majority(const struct state *st, uint32_t tech, uint32_t other)
{
	return (uint64_t)tech * 100 >= ((uint64_t)tech + other) *
	    (uint64_t)st->supshare;
}

/* Do the codes of supplier s call it tech?  By pounds, more than
 * supplier-share percent of what its coded records paid (a builder with
 * one ICT-coded payment among larger construction ones stays other); by
 * records when they carry no amounts. */
static int
code_tech(const struct state *st, const struct sup *s)
{
	if (s->ctechp + s->cotherp > 0)
		return (__int128)s->ctechp * 100 > ((__int128)s->ctechp +
		    s->cotherp) * st->supshare;
	return majority(st, s->ctech, s->cother);
}

/* What decides the uncoded records of supplier s (enum verdict); *tech
 * gets the sector it gives.  A row of the tech suppliers table marked
 * mixed leaves each record to its own evidence.  Else, in order: its
 * coded records in any buyer
 * (a row of the tech suppliers table not marked mixed wins over codes
 * that say other; -v counts those); the table; the strong words of
 * most of its records (words are noisier than codes: one description
 * does not speak for a supplier); its name; weak headings on most of its
 * records.  Decided once; the why of a carried verdict is kept. */
static int
verdict(struct state *st, struct sup *s, int *tech)
{
	uint32_t codes = s->ctech + s->cother;
	const struct trow *t = s->row >= 0 ? &st->rows[s->row] : NULL;
	char b[128];

	if (s->verdict != V_UNSET)
		goto out;
	if (t != NULL && t->mixed)
		s->verdict = V_MIXED;	/* only a record's own evidence */
	else if (codes > 0 && codes >= (uint32_t)st->supmin) {
		s->verdict = V_CODE;
		if (!code_tech(st, s) && t != NULL &&
		    !t->mixed) {
			s->verdict = V_TABLE;
			st->nconflict++;
		}
	} else if (t != NULL)
		s->verdict = V_TABLE;
	else if ((uint64_t)(s->stech > s->sother ? s->stech : s->sother) *
	    100 >= (uint64_t)s->n * (uint64_t)st->supshare)
		s->verdict = V_STRONG;	/* most of its records say so */
	else if (s->name >= 0)
		s->verdict = V_NAME;
	else if ((uint64_t)s->weak * 100 >= (uint64_t)s->n *
	    (uint64_t)st->supshare)
		s->verdict = V_WEAK;	/* most of its records, weakly */
	else
		s->verdict = V_NONE;
	if (s->verdict == V_WEAK) {
		snprintf(b, sizeof b, "carried:%u record%s under weak "
		    "headings", s->weak, s->weak == 1 ? "" : "s");
		s->whyj = json_dup("", b);
	}
	if (s->verdict == V_CODE || s->verdict == V_STRONG) {
		uint32_t nrec = s->verdict == V_CODE ? codes :
		    s->stech + s->sother;
		int k = snprintf(b, sizeof b, "carried:%u %s record%s", nrec,
		    s->verdict == V_CODE ? "coded" : "worded",
		    nrec == 1 ? "" : "s");

		if (s->verdict == V_CODE && s->nbuy > 0)
			snprintf(b + k, sizeof b - (size_t)k, " in %u buyer%s",
			    s->nbuy, s->nbuy == 1 ? "" : "s");
		s->whyj = json_dup("", b);
	}
out:
	switch (s->verdict) {
	case V_CODE:
		*tech = code_tech(st, s);
		break;
	case V_STRONG:
		*tech = s->stech > s->sother;
		break;
	case V_TABLE:
	case V_WEAK:
		*tech = 1;
		break;
	case V_NAME:
		*tech = st->r[s->name].tech;
		break;
	default:
		*tech = 0;
	}
	return s->verdict;
}

/* The service index of the current record (0 = other): from the buyer,
 * else the first area field a rule matches; text rules only for records
 * with no area at all (contracts). */
static int
service(struct state *st)
{
	static const int area[] = { F_AREA, F_DEPT, F_DIRECTORATE, F_EXPAREA };
	size_t i;
	int d, seen = 0;
	long long *c;

	if (st->f[F_BUYER].p != NULL) {
		struct span v = st->f[F_BUYER];

		buf_reset(&st->ck);
		buf_addc(&st->ck, 'b');
		buf_add(&st->ck, v.p, v.n);
		c = map_get(&st->svccache, st->ck.p, st->ck.len);
		if (c != NULL)
			d = (int)*c;
		else {
			d = kw_value(st, &st->kw[EV_BUYER], v);
			if (st->svccache.n < CACHE_MAX)
				*map_put(&st->svccache, st->ck.p, st->ck.len,
				    d) = d;
		}
		if (d >= 0)
			return st->r[d].svc;
	}
	for (i = 0; i < sizeof area / sizeof area[0]; i++) {
		struct span v = st->f[area[i]];

		if (v.p == NULL || v.n <= 2)
			continue;
		c = map_get(&st->svccache, v.p, v.n);
		if (c != NULL)
			d = (int)*c;
		else {
			d = kw_value(st, &st->kw[EV_AREA], v);
			if (st->svccache.n < CACHE_MAX)
				*map_put(&st->svccache, v.p, v.n, d) = d;
		}
		if (d >= 0)
			return st->r[d].svc;
		seen = 1;
	}
	if (seen)
		return 0;	/* an area we do not know: not a guess */
	if ((d = kw_value(st, &st->kw[EV_STEXT], st->f[F_TITLE])) >= 0)
		return st->r[d].svc;
	if ((d = kw_value(st, &st->kw[EV_STEXT], st->f[F_DESC])) >= 0)
		return st->r[d].svc;
	return 0;
}

/* ---------------------------------------------------------------- input */

/* Open input in for a pass: pass 1 opens the path (spooling a stream that
 * is not a regular file), pass 2 reopens it or rewinds the spool.  Dies
 * when it cannot. */
static void
in_open(struct input *in, const char *path, int pass)
{
	struct stat sb;

	in->line = 0;
	in->beg = in->end = 0;
	in->eof = 0;
	if (pass == 2 && in->spool != NULL) {
		if (fflush(in->spool) != 0)
			die("writing the spool file failed: %s",
			    strerror(errno));
		in->fp = in->spool;
		rewind(in->spool);
		return;
	}
	in->path = path;
	in->name = input_name(path);
	in->fp = efopen_in(path);
	if (pass == 1) {
		in->off0 = 0;
		if (fstat(fileno(in->fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
			in->spool = tmpfile();
			if (in->spool == NULL)
				die("cannot make a temporary file: %s",
				    strerror(errno));
			return;
		}
		if (in->fp == stdin) {
			in->off0 = lseek(fileno(stdin), 0, SEEK_CUR);
			if (in->off0 < 0)
				in->off0 = 0;
		}
	}
	if (in->fp == stdin && pass == 2 &&
	    fseeko(stdin, in->off0, SEEK_SET) != 0)
		die("%s: cannot read it twice: %s", in->name, strerror(errno));
}

static void
in_close(struct input *in, int pass)
{
	if (in->fp == in->spool && in->spool != NULL) {
		if (pass == 2) {
			fclose(in->spool);
			in->spool = NULL;
		}
	} else if (in->fp != stdin)
		fclose(in->fp);
	else
		clearerr(stdin);
	in->fp = NULL;
}

/* Next line (without its newline) into line and len; 0 at the end.
 * In pass 1 a stream is copied to the spool as it is read. */
static int
in_next(struct input *in, int pass, const char **line, size_t *len)
{
	for (;;) {
		char *d = in->buf;
		char *nl = in->beg < in->end ?
		    memchr(d + in->beg, '\n', in->end - in->beg) : NULL;
		size_t got;

		if (nl != NULL || (in->eof && in->beg < in->end)) {
			size_t e = nl != NULL ? (size_t)(nl - d) : in->end;

			*line = d + in->beg;
			*len = e - in->beg;
			in->beg = nl != NULL ? e + 1 : e;
			in->line++;
			return 1;
		}
		if (in->eof)
			return 0;
		if (in->beg > 0) {
			memmove(in->buf, in->buf + in->beg, in->end - in->beg);
			in->end -= in->beg;
			in->beg = 0;
		}
		if (in->cap - in->end < (1 << 16)) {
			in->cap = in->cap ? in->cap * 2 : 1 << 20;
			in->buf = erealloc(in->buf, in->cap);
		}
		got = fread(in->buf + in->end, 1, in->cap - in->end, in->fp);
		if (got == 0) {
			if (ferror(in->fp))
				die("%s: %s", in->name, strerror(errno));
			in->eof = 1;
		}
		if (pass == 1 && in->spool != NULL && got > 0 &&
		    fwrite(in->buf + in->end, 1, got, in->spool) != got)
			die("writing the spool file failed: %s",
			    strerror(errno));
		in->end += got;
	}
}

/* ---------------------------------------------------------------- passes */

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* The record's amount (or a contract's value) in pence; 0 when none. */
static int64_t
rec_pence(const struct state *st)
{
	struct span a = st->f[F_AMOUNT].p != NULL ? st->f[F_AMOUNT] :
	    st->f[F_VALUE];
	int64_t amt = 0;
	size_t o = a.p != NULL && a.p[0] == '"' ? 1 : 0;

	if (a.p == NULL || a.n <= 2 * o || money_parse(a.p + o, a.n - 2 * o,
	    &amt) != MONEY_OK || amt == INT64_MIN)
		return 0;
	return amt;
}

static void
pass1_record(struct state *st)
{
	const char *field;
	int lv, d = evidence(st, &field, &lv);
	struct sup *s = sup_get(st, 1);
	const struct rule *r;

	if (s == NULL)
		return;
	s->n++;
	if (d < 0)
		return;
	r = &st->r[d];
	if (lv == LV_WEAK) {
		s->weak++;
		return;
	}
	if (lv == LV_CODE) {
		int64_t p = rec_pence(st);

		*(r->tech ? &s->ctech : &s->cother) += 1;
		if (money_add(r->tech ? &s->ctechp : &s->cotherp,
		    p < 0 ? -p : p) != 0)
			die("amount total overflows");
	} else
		*(r->tech ? &s->stech : &s->sother) += 1;
	if (r->tech && r->cat >= 0)
		s->cat[r->cat]++;
	if (lv == LV_CODE && has_text(st->f[F_BUYER])) {
		/* buyers that gave this supplier codes, for why; records
		 * come in runs of one buyer, so the buyer is looked up only
		 * when it changes */
		struct span b = st->f[F_BUYER];
		uint32_t key[2];
		long long *seen;

		if (st->buyer.len != b.n || memcmp(st->buyer.p, b.p, b.n) != 0) {
			buf_reset(&st->buyer);
			buf_add(&st->buyer, b.p, b.n);
			st->buyix = (int)*map_put(&st->buyers, b.p, b.n,
			    (long long)st->buyers.n);
		}
		if (s->lastbuy == st->buyix)
			return;
		s->lastbuy = st->buyix;
		key[0] = (uint32_t)(s - st->sups);
		key[1] = (uint32_t)st->buyix;
		seen = map_put(&st->supbuy, (const char *)key, sizeof key, 0);
		if (*seen == 0) {
			*seen = 1;
			s->nbuy++;
		}
	}
}

/* Append ,"key":json to b (the comma when sep). */
static void
add_kv(struct buf *b, const char *key, const char *json, int sep)
{
	if (sep)
		buf_addc(b, ',');
	buf_addc(b, '"');
	buf_adds(b, key);
	buf_adds(b, "\":");
	buf_adds(b, json);
}

/* Write the record line[0..n) with the four keys set to the JSON texts
 * given: spliced in at st->cut, or through rec_parse and rec_write. */
static void
emit(struct state *st, const char *line, size_t n, const char *name,
    long lineno, int tech, const char *cat, const char *svc, const char *why)
{
	struct buf *o = &st->out;
	const char *sec = tech ? "\"tech\"" : "\"other\"";

	if (st->cut >= 0) {
		size_t cut = (size_t)st->cut;
		int atend = line[cut] == '}';

		buf_reset(o);
		buf_add(o, line, cut);
		add_kv(o, "sector", sec, atend && line[cut - 1] != '{');
		add_kv(o, "category", cat, 1);
		add_kv(o, "service", svc, 1);
		add_kv(o, "why", why, 1);
		if (!atend)
			buf_addc(o, ',');
		buf_add(o, line + cut, n - cut);
		buf_addc(o, '\n');
		fwrite(o->p, 1, o->len, stdout);
		st->nfast++;
		return;
	}
	{
		char err[256];

		if (rec_parse(&st->rec, line, n, err, sizeof err) != 0)
			die_at(name, lineno, "%s", err);
	}
	rec_set_raw(&st->rec, "sector", sec, strlen(sec));
	rec_set_raw(&st->rec, "category", cat, strlen(cat));
	rec_set_raw(&st->rec, "service", svc, strlen(svc));
	rec_set_raw(&st->rec, "why", why, strlen(why));
	if (rec_write(&st->rec, stdout) != 0)
		out_close(stdout, "standard output");
	st->nslow++;
}

/* Decide the current record and write it.  Its own code decides it;
 * else its supplier's coded records or the tech suppliers table; else its
 * own words; else the words of its supplier's other records; a mixed
 * supplier's record is tech only when its own words (or its name: the
 * firm's IT arm) say so; then its
 * supplier's name, then a weak heading; else other. */
static void
pass2_record(struct state *st, const char *line, size_t n, const char *name,
    long lineno)
{
	const char *field, *why = NULL;
	int lv, d = evidence(st, &field, &lv), tech = 0, ci = -1, v = V_NONE;
	struct sup *s = sup_get(st, 0);
	const struct trow *t = NULL;

	if (s != NULL && lv != LV_CODE) {
		v = verdict(st, s, &tech);
		t = s->row >= 0 ? &st->rows[s->row] : NULL;
	}
	switch (v) {
	case V_STRONG:
	case V_WEAK:
		if (d >= 0 && lv == LV_STRONG)
			break;	/* its own words */
		/* FALLTHROUGH */
	case V_CODE:
		why = s->whyj;
		d = D_NONE;
		ci = -2;
		break;
	case V_TABLE:
		why = t->whyj;
		d = D_NONE;
		ci = t->cat;
		break;
	case V_MIXED:
		if (d >= 0 && st->r[d].tech)
			break;	/* its own words say tech */
		if (s->name >= 0 && st->r[s->name].tech) {
			d = s->name;	/* "Capita IT Services": this arm */
			break;
		}
		tech = 0;
		why = t->whyj;
		d = D_NONE;
		break;
	case V_NAME:
		if (d >= 0 && lv > LV_WEAK)
			break;
		d = s->name;
		break;
	default:
		if (d < 0 && s == NULL && st->f[F_SUPPLIER].p != NULL)
			d = kw_value(st, &st->kw[EV_NAME], st->f[F_SUPPLIER]);
		break;
	}
	if (why == NULL && d < 0) {
		d = D_DEFAULT;
		v = V_NONE;
	}
	if (d >= 0) {
		struct rule *r = &st->r[d];

		r->hits++;
		tech = r->tech;
		ci = r->cat;
		why = r->whyj[field == NULL ? 0 : field[0] == 'd' ? 1 :
		    field[0] == 'p' ? 2 : 0];
		v = V_UNSET;
	} else if (d == D_DEFAULT) {
		st->bydef++;
		why = "\"default\"";
	}
	if (v != V_UNSET && v != V_NONE)
		st->byv[v]++;
	if (tech) {
		/* the supplier's line of business, from the table or its
		 * name, unless a published code gave a category */
		if (!(d >= 0 && ci >= 0 && (st->r[d].ev == EV_CPV ||
		    st->r[d].ev == EV_PROCLASS || field != NULL))) {
			if (t != NULL)
				ci = t->cat;
			else if (s != NULL && s->name >= 0 &&
			    st->r[s->name].tech && st->r[s->name].cat >= 0)
				ci = st->r[s->name].cat;
		}
		if (ci == -2)
			ci = kw_category(st);
		if (ci < 0)
			ci = sup_cat(st, s);
		if (ci < 0)
			ci = st->defcat;
	}
	if (st->o.verbose && (money_add(tech ? &st->amt_tech :
	    &st->amt_other, rec_pence(st)) != 0 || money_add(tech ?
	    &st->famt_tech : &st->famt_other, rec_pence(st)) != 0))
		die("amount total overflows");
	*(tech ? &st->ftech : &st->fother) += 1;
	if (tech)
		st->ntech++;
	else
		st->nother++;
	emit(st, line, n, name, lineno, tech, !tech ? "null" : ci >= 0 ?
	    st->catj[ci] : "\"unknown\"", st->svcj[service(st)], why);
	st->outn++;
}

/* Text fields must be strings (or null): warn once per field, naming the
 * first place, and count them; such a field is ignored. */
static void
check_types(struct state *st, const char *name, long line)
{
	static const int txt[] = { F_EXPENSE, F_TITLE, F_DESC, F_SUPPLIER,
	    F_SUPID, F_AREA, F_DEPT, F_DIRECTORATE, F_EXPAREA, F_BUYER };
	size_t i;

	for (i = 0; i < sizeof txt / sizeof txt[0]; i++) {
		struct span v = st->f[txt[i]];

		if (v.p == NULL || v.p[0] == '"' || (v.n == 4 &&
		    memcmp(v.p, "null", 4) == 0))
			continue;
		st->nbadtype++;
		if (st->warned & (1u << txt[i]))
			continue;
		st->warned |= 1u << txt[i];
		fprintf(stderr, "%s: %s:%ld: %s is not a string; ignored "
		    "(-v counts them)\n", progname(), name, line,
		    fldname[txt[i]]);
	}
}

static void
run_pass(struct state *st, struct input *in, int nin, char **paths,
    int pass)
{
	int i;

	for (i = 0; i < nin; i++) {
		const char *line;
		char err[256];
		size_t n;

		in_open(&in[i], paths != NULL ? paths[i] : NULL, pass);
		while (in_next(&in[i], pass, &line, &n)) {
			if (blank(line, n))
				continue;
			if (n > 0 && line[n - 1] == '\r')
				n--;
			if (scan(st, line, n) != 0)
				die_at(in[i].name, in[i].line,
				    "not a JSON object");
			if (pass == 1) {
				st->in++;
				check_types(st, in[i].name, in[i].line);
				/* a record pass 2 will rewrite must parse, so a
				 * bad one stops the run before any output */
				if (st->cut < 0 && rec_parse(&st->rec, line, n,
				    err, sizeof err) != 0)
					die_at(in[i].name, in[i].line, "%s", err);
				pass1_record(st);
			} else
				pass2_record(st, line, n, in[i].name,
				    in[i].line);
		}
		in_close(&in[i], pass);
		if (pass == 2 && st->o.verbose) {
			vlog_begin(progname(), in[i].path == NULL ||
			    strcmp(in[i].path, "-") == 0 ? "-" : in[i].path);
			vlog_int("records", st->ftech + st->fother);
			vlog_int("tech", st->ftech);
			vlog_money("tech_amount", st->famt_tech);
			vlog_int("other", st->fother);
			vlog_money("other_amount", st->famt_other);
			vlog_end();
		}
		st->ftech = st->fother = 0;
		st->famt_tech = st->famt_other = 0;
	}
}

static const char *const vkey[V_NAME + 1] = {	/* -v keys */
	"", "", "by_carried_codes", "by_table", "by_table_mixed",
	"by_carried_words", "by_carried_weak", ""
};
static const char *const vname[V_NAME + 1] = {
	"-", "none", "carried-codes", "table", "table-mixed", "carried-words",
	"carried-weak", "name"
};

/* Suppliers found in the tech suppliers table. */
static long
nfound(const struct state *st)
{
	size_t i;
	long n = 0;

	for (i = 0; i < st->nsup; i++)
		n += st->sups[i].row >= 0;
	return n;
}

/* --explain: after pass 1, what decides each supplier whose display name
 * holds name (case-blind), one block each on stdout. */
static void
explain(struct state *st, const char *name)
{
	size_t i;
	int found = 0;

	for (i = 0; i < st->nsup; i++) {
		struct sup *s = &st->sups[i];
		const struct trow *t = s->row >= 0 ? &st->rows[s->row] : NULL;
		char mt[MONEY_FMT_MAX], mo[MONEY_FMT_MAX];
		int tech, v;

		if (s->disp == NULL || strcasestr(s->disp, name) == NULL)
			continue;
		found = 1;
		v = verdict(st, s, &tech);
		printf("supplier %s\n", s->disp);
		printf("  records %u; buyers with coded records %u\n", s->n,
		    s->nbuy);
		money_fmt(mt, s->ctechp);
		money_fmt(mo, s->cotherp);
		printf("  codes (cpv, proclass): tech %u (%s), other %u (%s)\n",
		    s->ctech, mt, s->cother, mo);
		printf("  words (expense, title, description, area): tech %u, "
		    "other %u; weak headings %u\n", s->stech, s->sother,
		    s->weak);
		if (t != NULL)
			printf("  %s:%ld: %s (%s%s)\n", st->rowsname, t->line,
			    t->name, st->cats[t->cat], t->mixed ?
			    ", mixed" : "");
		else
			printf("  %s: not listed\n", st->rowsname);
		if (s->name >= 0)
			printf("  name: %s %s (rules:%ld)\n",
			    st->r[s->name].tech ? "tech" : "other",
			    st->r[s->name].pat, st->r[s->name].line);
		printf("  decides: %s by %s%s%s\n", v == V_MIXED ?
		    "each record's own words" : tech ? "tech" : "other",
		    vname[v], s->whyj != NULL ? ", why " : "",
		    s->whyj != NULL ? s->whyj : "");
		printf("  a record's own CPV or ProClass code decides it "
		    "first\n");
	}
	if (!found)
		printf("no supplier named like \"%s\"\n", name);
}

static void
usage(int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: %s [-hSv] [-r rules] [-s services] [-t suppliers] "
	    "[--explain name]\n"
	    "       [--rule-hits] [file ...]\n", progname());
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "explain", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "rule-hits", no_argument, NULL, 'H' },
		{ "rules", required_argument, NULL, 'r' },
		{ "services", required_argument, NULL, 's' },
		{ "suppliers", required_argument, NULL, 't' },
		{ "slow", no_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct state st;
	struct input *in;
	char *rules, *services, *suppliers;
	int c, nin;
	size_t i;

	set_progname(argv[0]);
	out_init();
	fold_init();
	memset(&st, 0, sizeof st);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hr:Ss:t:v", lo, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(0);
			break;
		case 'r':
			st.o.rules = optarg;
			break;
		case 'S':
			st.o.slow = 1;
			break;
		case 's':
			st.o.services = optarg;
			break;
		case 't':
			st.o.suppliers = optarg;
			break;
		case 'E':
			st.o.explain = optarg;
			break;
		case 'v':
			st.o.verbose = 1;
			break;
		case 'V':
			print_version();
		case 'H':
			st.o.hits = 1;
			break;
		default:
			opt_error(progname(), argv, lo, c);
		}
	}
	argc -= optind;
	argv += optind;

	rec_init(&st.rec);
	for (c = 0; c < EV_N; c++)
		strmap_init(&st.kw[c].first);
	for (c = 0; c < EV_N; c++)
		strmap_init(&st.vcache[c]);
	strmap_init(&st.svccache);
	strmap_init(&st.supmap);
	strmap_init(&st.keys);
	strmap_init(&st.rawsup);
	strmap_init(&st.tcoh);
	strmap_init(&st.tname);
	strmap_init(&st.supbuy);
	strmap_init(&st.buyers);
	namekey_init(&st.nk);
	{
		char *abbr = schema_file("supplier-abbreviations.tsv");

		namekey_read_abbr(&st.nk, abbr, 0);
		free(abbr);
	}
	st.supshare = 50;
	st.supmin = 1;
	st.longwords = 1000000;
	st.longmin = 1;
	st.defcat = -1;
	rules = st.o.rules ? estrdup(st.o.rules) :
	    schema_file("sector-rules.tsv");
	services = st.o.services ? estrdup(st.o.services) :
	    schema_file("service-map.tsv");
	suppliers = st.o.suppliers ? estrdup(st.o.suppliers) :
	    schema_file("tech-suppliers.tsv");
	svc_index(&st, "other");
	load_table(&st, rules, 0);
	load_table(&st, services, 1);
	load_suppliers(&st, suppliers);
	add_pcother(&st);
	/* the splice puts the four keys together where rec_write would */
	st.rsector = rec_key_rank("sector", 6);
	st.fast = !st.o.slow && st.rsector >= 0 &&
	    rec_key_rank("category", 8) == st.rsector + 1 &&
	    rec_key_rank("service", 7) == st.rsector + 2 &&
	    rec_key_rank("why", 3) == st.rsector + 3;

	nin = argc > 0 ? argc : 1;
	in = ecalloc((size_t)nin, sizeof *in);
	run_pass(&st, in, nin, argc > 0 ? argv : NULL, 1);
	if (st.o.explain != NULL)
		explain(&st, st.o.explain);
	else
		run_pass(&st, in, nin, argc > 0 ? argv : NULL, 2);
	out_close(stdout, "standard output");

	if (st.o.hits) {
		for (i = 0; i < st.nr; i++)
			if (st.r[i].hits > 0)
				fprintf(stderr, "%s: %8ld %s:%s (%s:%ld)\n",
				    progname(), st.r[i].hits,
				    evname[st.r[i].ev], st.r[i].pat,
				    st.r[i].line == 0 ? "built-in" :
				    st.r[i].ev >= EV_AREA ? "services" :
				    "rules", st.r[i].line);
	}
	if (st.o.verbose) {
		vlog_begin(progname(), "*");
		vlog_int("files", nin);
		vlog_int("records", st.in);
		vlog_int("out", st.outn);
		vlog_int("tech", st.ntech);
		vlog_money("tech_amount", st.amt_tech);
		vlog_int("other", st.nother);
		vlog_money("other_amount", st.amt_other);
		vlog_int("suppliers", (long long)st.nsup);
		vlog_int("suppliers_in_table", nfound(&st));
		vlog_int("table_over_codes", st.nconflict);
		for (c = V_CODE; c < V_NAME; c++)
			vlog_int(vkey[c], st.byv[c]);
		vlog_int("by_default", st.bydef);
		vlog_int("spliced", st.nfast);
		vlog_int("rewritten", st.nslow);
		vlog_int("not_strings", st.nbadtype);
		vlog_end();
	}

	for (c = 0; c < nin; c++)
		free(in[c].buf);
	free(in);
	for (i = 0; i < st.nr; i++) {
		free(st.r[i].pat);
		free(st.r[i].words);
		free(st.r[i].whyj[0]);
		free(st.r[i].whyj[1]);
		free(st.r[i].whyj[2]);
	}
	free(st.r);
	for (c = 0; c < EV_N; c++) {
		for (i = 0; i < st.kw[c].nlists; i++)
			free(st.kw[c].lists[i]);
		free(st.kw[c].lists);
		strmap_free(&st.kw[c].first);
	}
	for (c = 0; c < st.ncat; c++) {
		free(st.cats[c]);
		free(st.catj[c]);
	}
	for (c = 0; c < st.nsvc; c++) {
		free(st.svcs[c]);
		free(st.svcj[c]);
	}
	free(st.svcs);
	free(st.svcj);
	for (c = 0; c < EV_N; c++)
		strmap_free(&st.vcache[c]);
	strmap_free(&st.svccache);
	strmap_free(&st.supmap);
	strmap_free(&st.keys);
	strmap_free(&st.rawsup);
	for (i = 0; i < st.nsup; i++) {
		free(st.sups[i].whyj);
		free(st.sups[i].disp);
	}
	free(st.sups);
	for (i = 0; i < st.nrows; i++) {
		free(st.rows[i].name);
		free(st.rows[i].whyj);
	}
	free(st.rows);
	free(st.rowsname);
	strmap_free(&st.tcoh);
	strmap_free(&st.tname);
	strmap_free(&st.supbuy);
	strmap_free(&st.buyers);
	buf_free(&st.buyer);
	namekey_free(&st.nk);
	free(suppliers);
	free(st.toff);
	free(st.tlen);
	free(st.uk);
	buf_free(&st.fold);
	buf_free(&st.out);
	buf_free(&st.key);
	buf_free(&st.ck);
	rec_free(&st.rec);
	free(rules);
	free(services);
	return 0;
}
