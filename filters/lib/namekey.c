/* namekey: see namekey.h.  Moved here from dedupe-supplier.c so that
 * classify-sector keys names with the same function. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "hash.h"
#include "namekey.h"
#include "text.h"
#include "util.h"

/* qsort(3) that accepts an empty (NULL) array. */
static void
nk_sort(void *base, size_t n, size_t size, int (*cmp)(const void *,
    const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void
namekey_init(struct namekey *nk)
{
	memset(nk, 0, sizeof *nk);
}

void
namekey_free(struct namekey *nk)
{
	size_t i, k;

	for (i = 0; i < nk->nabbr; i++) {
		for (k = 0; k < nk->abbr[i].nw; k++)
			free(nk->abbr[i].w[k]);
		free(nk->abbr[i].to);
	}
	free(nk->abbr);
	buf_free(&nk->key);
	buf_free(&nk->tmp);
	memset(nk, 0, sizeof *nk);
}

/* Words dropped anywhere in a key. */
static const char *const noise_words[] = { "the", "and", NULL };

/* Legal forms stripped from the end of a name (one word each). */
static const char *const legal_words[] = {
	"ltd", "limited", "plc", "llp", "lp", "cic", "cio", "co", "company",
	"inc", "incorporated", "corp", "corporation", "llc", "plc.", "lllp",
	"gmbh", "bv", "sa", "ag", "pty", NULL
};

/* Legal forms of several words, stripped from the end as a whole. */
static const char *const legal_phrases[] = {
	"public limited company", "community interest company",
	"charitable incorporated organisation",
	"charitable incorporated organization",
	"limited liability partnership", "limited partnership",
	"community interest co", "public ltd co", "public limited co", NULL
};

/* Titles that mark a name as an individual's. */
static const char *const person_titles[] = {
	"mr", "mrs", "ms", "miss", "mx", "dr", "master", "rev", "revd",
	"sir", "dame", "prof", "cllr", "councillor", NULL
};

/* Keys that mean the name was withheld. */
static const char *const redacted_keys[] = {
	"redacted", "personal information", "personal data",
	"redacted personal data", "individual", "name withheld", "withheld",
	"redacted under dp act", "personal", "private individual",
	"name redacted", "data protection", "not disclosed", "n a", "na",
	"sensitive", "redacted data protection", NULL
};

int
name_in_list(const char *const *list, const char *s, size_t len)
{
	for (; *list != NULL; list++)
		if (len > 0 && (*list)[0] == s[0] && strlen(*list) == len &&
		    memcmp(*list, s, len) == 0)
			return 1;
	return 0;
}


/* 1 when a and b (ASCII words) are within one edit: a substitution, an
 * insertion, a deletion or a swap of two neighbours. */
int
name_within1(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i;

	if (la < lb) {
		const char *t = a;
		size_t tl = la;

		a = b, la = lb, b = t, lb = tl;
	}
	if (la - lb > 1)
		return 0;
	for (i = 0; i < lb && a[i] == b[i]; i++)
		;
	if (i == lb)
		return 1;
	if (la == lb) {
		if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
			return 1;
		return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		    memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;
	}
	return memcmp(a + i + 1, b + i, lb - i) == 0;
}

static int
all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
name_has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (isdigit((unsigned char)s[i]))
			return 1;
	return 0;
}

/* "Limited" with one slip: "Limted", "Liimted", "Limitde". */
static int
is_limited(const struct name_tok *t)
{
	return t->len >= 6 && t->len <= 8 && t->s[0] == 'l' &&
	    name_within1(t->s, t->len, "limited", 7);
}

static int
is_legal(const struct name_tok *t)
{
	if (name_in_list(legal_words, t->s, t->len))
		return 1;
	return is_limited(t);
}

/* The commonest legal forms, which may end the name before a branch. */
static int
is_core_legal(const struct name_tok *t)
{
	static const char *const core[] = { "ltd", "limited", "plc", "llp",
	    NULL };

	if (name_in_list(core, t->s, t->len))
		return 1;
	return is_limited(t);
}

/* Number of words at the end of t[0..n) forming a legal phrase, or 0. */
static size_t
legal_phrase_end(const struct name_tok *t, size_t n)
{
	for (const char *const *p = legal_phrases; *p != NULL; p++) {
		const char *s = *p;
		size_t words = 1, k, len = strlen(s);

		for (k = 0; k < len; k++)
			words += s[k] == ' ';
		if (words > n)
			continue;
		const char *q = s;
		for (k = n - words; k < n; k++) {
			size_t wl = strcspn(q, " ");

			if (!(wl == t[k].len && memcmp(q, t[k].s, wl) == 0) &&
			    !(wl >= 7 && t[k].s[0] == q[0] &&
			    name_within1(q, wl, t[k].s, t[k].len)))
				break;
			q += wl + (q[wl] == ' ');
		}
		if (k == n)
			return words;
	}
	if (is_legal(&t[n - 1]))
		return 1;
	return 0;
}

/* Number of words left when legal forms are stripped from the end of
 * t[0..n); at least one word stays. */
static size_t
strip_legal(const struct name_tok *t, size_t n)
{
	size_t k;

	while (n > 1 && (k = legal_phrase_end(t, n)) > 0 && k < n)
		n -= k;
	return n;
}

/* Case-fold s into out: lower case, accents stripped, compatibility
 * forms composed.  ASCII takes a fast path. */
void
name_fold(struct buf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t n;
	size_t i;

	buf_reset(out);
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i < len) {
		n = utf8proc_map((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, &dst, UTF8PROC_CASEFOLD |
		    UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE);
		if (n >= 0) {
			buf_add(out, dst, (size_t)n);
			free(dst);
			return;
		}
		free(dst);
	}
	for (i = 0; i < len; i++)
		buf_addc(out, (char)tolower((unsigned char)s[i]));
}

/* Cut text at a "trading as" or "care of" marker; returns the new
 * length. */
static size_t
cut_trading(const char *s, size_t len)
{
	static const char *const marks[] = {
		" t/a", " trading as ", " t / a ", " ta/ ", " tradingas ",
		" c/o ", " care of", NULL
	};
	size_t best = len;

	for (const char *const *m = marks; *m != NULL; m++) {
		size_t ml = strlen(*m);

		for (size_t i = 0; i + ml <= len; i++)
			if (memcmp(s + i, *m, ml) == 0) {
				if (i < best)
					best = i;
				break;
			}
	}
	return best;
}

/* Where the trading name starts in "X t/a Y" or "X (trading as Y)";
 * len when there is none ("c/o" names another party, not a trading
 * name). */
size_t
name_trading_tail(const char *s, size_t len)
{
	static const char *const marks[] = {
		" t/a", " trading as ", " t / a ", " ta/ ", " tradingas ",
		"(t/a ", "(trading as ", NULL
	};
	size_t best = len, end = len;

	for (const char *const *m = marks; *m != NULL; m++) {
		size_t ml = strlen(*m);

		for (size_t i = 0; i + ml <= len; i++)
			if (memcmp(s + i, *m, ml) == 0) {
				if (i < best) {
					best = i;
					end = i + ml;
					if (m == marks && end < len &&
					    s[end] == 's')
						end++;	/* "t/as" */
				}
				break;
			}
	}
	return best < len ? end : len;
}

/* Length of s without a trailing branch part: "(...)" at the end, or
 * " - anything" after the last dash, when something is left before it. */
static size_t
cut_branch(const char *s, size_t len, int *cut)
{
	size_t i, j;
	int alnum;

	/* masked card or account numbers: "DFE **0492", "X LTD *USE 67346*" */
	for (i = 1; i < len; i++)
		if (s[i] == '*' && (s[i - 1] == ' ' || s[i - 1] == '_')) {
			for (alnum = 0, j = 0; j < i; j++)
				alnum |= isalnum((unsigned char)s[j]);
			if (alnum) {
				*cut = 1;
				len = i;
			}
			break;
		}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	/* an opening parenthesis never closed: a name cut short inside it */
	for (i = len; i-- > 0 && s[i] != ')';)
		if (s[i] == '(') {
			for (alnum = 0, j = 0; j < i; j++)
				alnum |= isalnum((unsigned char)s[j]);
			if (alnum) {
				*cut = 1;
				len = i;
				while (len > 0 && s[len - 1] == ' ')
					len--;
			}
			break;
		}
	if (len > 0 && s[len - 1] == ')') {
		int depth = 0;

		for (i = len; i-- > 0;) {
			if (s[i] == ')')
				depth++;
			else if (s[i] == '(' && --depth == 0)
				break;
		}
		/* "(UK)" is part of the name, not a branch */
		if (i < len && depth == 0 && !(len - i == 4 &&
		    memcmp(s + i, "(uk)", 4) == 0)) {
			for (alnum = 0, j = 0; j < i; j++)
				alnum |= isalnum((unsigned char)s[j]);
			if (alnum) {
				*cut = 1;
				return i;
			}
		}
	}
	for (i = len; i-- > 1;) {
		if ((s[i] == '-' && s[i - 1] == ' ' && i + 1 < len &&
		    s[i + 1] == ' ')) {
			for (alnum = 0, j = 0; j < i; j++)
				alnum |= isalnum((unsigned char)s[j]);
			if (alnum) {
				*cut = 1;
				return i;
			}
			break;
		}
	}
	return len;
}

/* 1 for a letter, a mark or a digit outside ASCII. */
static int
is_word_cp(uint32_t cp)
{
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/* Split folded text into words: letters and digits; apostrophes and dots
 * join ("O'Brien", "P.L.C."); & and + become "and".  Words point into
 * s, which is rewritten in place.  Returns the number of words. */
size_t
name_tokenize(char *s, size_t len, struct name_tok *t, size_t max)
{
	static const char and[] = "and";
	size_t n = 0, i = 0, w = 0, start;

	while (i < len && n < max) {
		unsigned char c = (unsigned char)s[i];

		if (c == '&' || c == '+') {
			t[n].s = and;
			t[n++].len = 3;
			i++;
			continue;
		}
		if (!isalnum(c) && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0x80) {
			/* a word starts only with a letter or digit; skip any
			 * other character whole (an en dash, a symbol) */
			uint32_t cp;
			size_t k = utf8_decode(s + i, len - i, &cp);

			if (k == 0 || !is_word_cp(cp)) {
				i += k == 0 ? 1 : k;
				continue;
			}
		}
		start = w;
		while (i < len) {
			c = (unsigned char)s[i];
			if (isalnum(c)) {
				s[w++] = (char)c;
				i++;
			} else if (c == '\'' || c == '.' || c == '`') {
				i++;
			} else if (c == 0xE2 && i + 2 < len &&
			    (unsigned char)s[i + 1] == 0x80 &&
			    ((unsigned char)s[i + 2] == 0x98 ||
			    (unsigned char)s[i + 2] == 0x99)) {
				i += 3;	/* curly apostrophes */
			} else if (c == 0xC2 && i + 1 < len &&
			    (unsigned char)s[i + 1] == 0xB4) {
				i += 2;	/* acute accent used as apostrophe */
			} else if (c >= 0x80) {
				uint32_t cp;
				size_t k = utf8_decode(s + i, len - i, &cp);

				if (k == 0)
					k = 1;
				if (is_word_cp(cp)) {
					memmove(s + w, s + i, k);
					w += k;
					i += k;
				} else {
					break;	/* punctuation and symbols */
				}
			} else {
				break;
			}
		}
		if (w > start) {
			t[n].s = s + start;
			t[n++].len = w - start;
		}
	}
	return n;
}

int
name_cmp_tok(const void *a, const void *b)
{
	const struct name_tok *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

uint64_t
name_hash_words(const struct name_tok *t, size_t n, size_t skip, uint64_t seed)
{
	uint64_t h = seed;

	for (size_t i = 0; i < n; i++)
		if (i != skip)
			h = hash64(t[i].s, t[i].len, h + 0x9E37);
	return h;
}

/* Read the long forms of the abbreviations table as their short forms in
 * t[0..n) (whole words, the longest form first); returns the new number of
 * words. */
static size_t
apply_abbr(const struct namekey *st, struct name_tok *t, size_t n)
{
	size_t i, m = 0, k;

	if (st->nabbr == 0)
		return n;
	for (i = 0; i < n;) {
		const struct name_abbr *a = NULL;

		for (size_t j = 0; j < st->nabbr; j++) {
			const struct name_abbr *b = &st->abbr[j];

			if (b->nw > n - i || b->wl[0] != t[i].len ||
			    b->w[0][0] != t[i].s[0])
				continue;
			for (k = 0; k < b->nw; k++)
				if (b->wl[k] != t[i + k].len || memcmp(b->w[k],
				    t[i + k].s, b->wl[k]) != 0)
					break;
			if (k == b->nw) {
				a = b;
				break;
			}
		}
		if (a == NULL) {
			t[m++] = t[i++];
			continue;
		}
		t[m].s = a->to;
		t[m++].len = a->tolen;
		i += a->nw;
	}
	return m;
}

/* Fold a phrase of the abbreviations table like a name: lower case,
 * accents, punctuation, &/and, noise words, runs of single letters
 * joined.  Words go to t (pointing into b); returns their number. */
static size_t
fold_phrase(struct namekey *st, const char *s, struct buf *b, struct name_tok *t,
    size_t max)
{
	struct name_tok u[NAME_MAX_TOK];
	size_t n, m, i;

	name_fold(b, s, strlen(s));
	n = name_tokenize(b->p, b->len, u, NAME_MAX_TOK);
	for (i = 0, m = 0; i < n && m < max; i++) {
		if (name_in_list(noise_words, u[i].s, u[i].len))
			continue;
		if (m > 0 && u[i].len == 1 && t[m - 1].len == 1 &&
		    isalpha((unsigned char)u[i].s[0]) &&
		    isalpha((unsigned char)t[m - 1].s[0]) &&
		    t[m - 1].s + t[m - 1].len == u[i].s) {
			t[m - 1].len++;
			continue;
		}
		t[m++] = u[i];
	}
	(void)st;
	return m;
}

static int
cmp_abbr(const void *a, const void *b)
{
	const struct name_abbr *x = a, *y = b;
	int c;

	if (x->nw != y->nw)
		return x->nw > y->nw ? -1 : 1;
	for (size_t k = 0; k < x->nw; k++) {
		c = strcmp(x->w[k], y->w[k]);
		if (c != 0)
			return c;
	}
	return strcmp(x->to, y->to);
}

/* Read the abbreviations table: "SHORT<TAB>LONG" lines.  A missing
 * default table is not an error (must is 0). */
void
namekey_read_abbr(struct namekey *st, const char *path, int must)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	struct buf b = { 0 };
	struct name_tok t[NAME_ABBR_WORDS + 1], s[2];

	if (fp == NULL) {
		if (must)
			die("%s: %s", path, strerror(errno));
		return;
	}
	while ((n = table_line(fp, &line, &cap, &lineno)) >= 0) {
		size_t nw, ns;
		char *tab;
		struct name_abbr *a;

		if ((tab = strchr(line, '\t')) == NULL || strchr(tab + 1,
		    '\t') != NULL)
			die_at(path, lineno, "expected SHORT<TAB>LONG");
		*tab = '\0';
		ns = fold_phrase(st, line, &b, s, 2);
		if (ns != 1)
			die_at(path, lineno, "the short form must be one word");
		if (st->nabbr == st->capabbr) {
			st->capabbr = st->capabbr ? st->capabbr * 2 : 64;
			st->abbr = ereallocarray(st->abbr, st->capabbr,
			    sizeof *st->abbr);
		}
		a = &st->abbr[st->nabbr];
		memset(a, 0, sizeof *a);
		a->to = emalloc(s[0].len + 1);
		memcpy(a->to, s[0].s, s[0].len);
		a->to[s[0].len] = '\0';
		a->tolen = s[0].len;
		nw = fold_phrase(st, tab + 1, &b, t, NAME_ABBR_WORDS + 1);
		if (nw == 0 || nw > NAME_ABBR_WORDS)
			die_at(path, lineno, "the long form must have 1 to %d "
			    "words", NAME_ABBR_WORDS);
		for (size_t k = 0; k < nw; k++) {
			a->w[k] = emalloc(t[k].len + 1);
			memcpy(a->w[k], t[k].s, t[k].len);
			a->w[k][t[k].len] = '\0';
			a->wl[k] = t[k].len;
		}
		a->nw = nw;
		st->nabbr++;
	}
	if (ferror(fp))
		die("%s: %s", path, strerror(errno));
	fclose(fp);
	free(line);
	buf_free(&b);
	nk_sort(st->abbr, st->nabbr, sizeof *st->abbr, cmp_abbr);
}

/* Compute the name key of spelling s into st->key; sets *flags (F_*),
 * *ntok, and *alt (a word-order hash of the words a branch cut dropped, or
 * 0).  Returns the key length. */
size_t
name_key(struct namekey *st, const char *s, size_t len, uint8_t *flags,
    uint8_t *ntok, uint64_t *alt)
{
	struct name_tok t[NAME_MAX_TOK], u[NAME_MAX_TOK];
	struct buf *f = &st->key;
	size_t n, m, i, k, flen;
	int cut = 0;
	const char *init = NULL;

	*flags = 0;
	*alt = 0;
	name_fold(&st->tmp, s, len);
	flen = st->tmp.len;
	flen = cut_trading(st->tmp.p, flen);
	flen = cut_branch(st->tmp.p, flen, &cut);
	n = name_tokenize(st->tmp.p, flen, t, NAME_MAX_TOK);
	if (n == 0) {
		/* nothing but punctuation: keep the spelling itself */
		buf_reset(f);
		buf_add(f, s, len);
		*ntok = 1;
		return f->len;
	}

	/* redaction markers */
	buf_reset(f);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(f, ' ');
		buf_add(f, t[i].s, t[i].len);
	}
	if (name_in_list(redacted_keys, f->p, f->len)) {
		*flags = NAME_REDACTED;
		return f->len;
	}

	/* individuals: a title first, or "J Smith" / "Smith J" */
	for (i = 0, k = 0; i < n; i++)
		k |= is_legal(&t[i]);
	/* a barrister's post-nominal goes ("James Goudie KC"); a title
	 * last is read first, as lists sorted by surname write it ("Mann
	 * Daya Miss" is "Miss Mann Daya") */
	if (!k && n >= 3 && t[n - 1].len == 2 && (memcmp(t[n - 1].s, "kc",
	    2) == 0 || memcmp(t[n - 1].s, "qc", 2) == 0))
		n--;
	if (!k && n >= 3 && name_in_list(person_titles, t[n - 1].s,
	    t[n - 1].len) && !name_in_list(person_titles, t[0].s, t[0].len)) {
		struct name_tok last = t[n - 1];

		memmove(t + 1, t, (n - 1) * sizeof *t);
		t[0] = last;
	}
	if ((!k && n >= 2 && name_in_list(person_titles, t[0].s, t[0].len)) ||
	    (!k && n == 2 && (t[0].len == 1) != (t[1].len == 1) &&
	    isalpha((unsigned char)t[0].s[0]) &&
	    isalpha((unsigned char)t[1].s[0]))) {
		*flags = NAME_PERSON;
		buf_reset(f);
		buf_addc(f, '~');
		for (i = 0; i < n; i++) {
			if (i > 0 && t[i].len == 1 && t[i - 1].len == 1)
				;
			else if (i > 0)
				buf_addc(f, ' ');
			buf_add(f, t[i].s, t[i].len);
		}
		*ntok = (uint8_t)n;
		return f->len;
	}

	/* join runs of single letters: "b t" -> "bt" (words lie end to end
	 * in the fold buffer, so the join is a longer span) */
	for (i = 0, m = 0; i < n; i++) {
		if (m > 0 && i > 0 && t[i].len == 1 && t[i - 1].len == 1 &&
		    isalpha((unsigned char)t[i].s[0]) &&
		    isalpha((unsigned char)t[i - 1].s[0]) &&
		    u[m - 1].s + u[m - 1].len == t[i].s) {
			u[m - 1].len++;
			continue;
		}
		u[m++] = t[i];
	}
	n = m;
	if (n > 0 && t[0].len == 1 && u[0].len >= 2)
		init = u[0].s;	/* three spaced letters or more first */

	/* noise words */
	for (i = 0, m = 0; i < n; i++)
		if (!name_in_list(noise_words, u[i].s, u[i].len))
			t[m++] = u[i];
	n = m;
	n = apply_abbr(st, t, n);
	if (init != NULL && (n == 0 || t[0].s != init))
		init = NULL;

	/* a reference written after the name: six digits or more at the end
	 * ("PEAC (UK) Ltd 23366731"), an account or company number */
	while (n > 1 && t[n - 1].len >= 6 && all_digits(t[n - 1].s,
	    t[n - 1].len))
		n--;

	/* a name cut at a fixed width may end in part of a legal form
	 * ("LIMIT", "LT") */
	if (st->cutnow && n > 1 && t[n - 1].len < 7 &&
	    ((memcmp(t[n - 1].s, "limited", t[n - 1].len) == 0) ||
	    (t[n - 1].len < 3 && memcmp(t[n - 1].s, "ltd", t[n - 1].len) == 0)))
		n--;

	/* legal forms at the end ("UK" stays in the key: "UK Power
	 * Networks"; dedupe-supplier joins a trailing one as a branch
	 * word); then a legal form inside
	 * followed by a short tail ("X Ltd Manchester", "X Ltd Sales") */
	n = strip_legal(t, n);
	for (i = 1; i < n; i++) {
		if (is_core_legal(&t[i]) && n - i <= 4) {
			int digits = 0;

			for (k = i + 1; k < n; k++)
				digits |= name_has_digit(t[k].s, t[k].len);
			if (!digits) {
				/* the words after the legal form may be the
				 * start of the name ("Todd & Son Ltd Alan"):
				 * keep their sorted set for the word-order
				 * pass */
				for (k = 0, m = 0; k < n; k++)
					if (!is_legal(&t[k]))
						u[m++] = t[k];
				nk_sort(u, m, sizeof *u, name_cmp_tok);
				*alt = name_hash_words(u, m, m, 1);
				/* "X & Co Ltd North": "co" goes too */
				n = strip_legal(t, i);
				break;
			}
		}
	}
	if (n == 0)
		n = 1;

	buf_reset(f);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(f, ' ');
		buf_add(f, t[i].s, t[i].len);
		if (name_has_digit(t[i].s, t[i].len))
			*flags |= NAME_DIGIT;
	}
	if (init != NULL)
		*flags |= NAME_INIT;
	*ntok = (uint8_t)(n > 255 ? 255 : n);
	return f->len;
}
