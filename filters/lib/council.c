/* council: see council.h.
 *
 * Every name is folded into words: ASCII letters and digits lowercased,
 * accents dropped, apostrophes removed ("King's" is "kings"), "&" read as
 * "and", anything else a word break.  Two keys come from the words and go
 * into one hash map: the strict key is all the words; the loose key (with
 * a '~' in front, which no strict key has) leaves out the words that say
 * what kind of council it is.  A lookup tries the strict key and then the
 * loose one, so a name recorded for an abolished authority keeps pointing
 * at it while the bare place name goes to the current one.  Each map value
 * is a council, or one of two markers that say "ambiguous" (among current
 * authorities, or among abolished ones only). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "council.h"
#include "hash.h"
#include "text.h"
#include "util.h"

/* Longest input that can name a council; longer strings are not looked up,
 * so keys fit fixed buffers (folding makes at most five bytes of one: "&"
 * becomes " and "). */
#define COUNCIL_MAXIN	240
#define COUNCIL_MAXKEY	(5 * COUNCIL_MAXIN + 8)

struct councils {
	struct council	*v;		/* rows in file order */
	unsigned char	*current;	/* per row: 1 unless "end" is set */
	size_t		 n;		/* rows */
	struct strmap	 map;		/* folded key -> council or marker */
	char		*text;		/* the file; rows point into it */
	struct council	 amb_current;	/* marker: several current ones */
	struct council	 amb_old;	/* marker: several abolished ones */
};

/* Words that say what kind of authority it is, left out of loose keys;
 * sorted, for the binary search in is_stopword. */
static const char *const stopwords[] = {
	"and", "bc", "borough", "cbc", "cc", "city", "corporation", "council",
	"county", "dc", "district", "lb", "lbc", "mbc", "mdc", "metropolitan",
	"of", "royal", "the", "ua",
};

/* ASCII base letter of U+00C0..U+017F, 0 for the few that are not a
 * plain letter with marks (the multiplication and division signs, and
 * those fold_cp spells with two letters). */
static const char latin_base[] =
    "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0\0aaaaaa\0ceeeeiiii"
    "dnooooo\0ouuuuy\0yaaaaaaccccccccddddeeeeeeeeeegggg"
    "gggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooo"
    "oo\0\0rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Append the folding of code point cp to w (length *wl): letters and
 * digits as lowercase ASCII, apostrophes nothing, "&" the word "and",
 * anything else one space between words.  The caller leaves room for five
 * bytes. */
static void
fold_cp(char *w, size_t *wl, uint32_t cp)
{
	const char *two = NULL;
	char ch = 0;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			ch = (char)(cp - 'A' + 'a');
		else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			ch = (char)cp;
		else if (cp == '\'' || cp == '`')
			return;
		else if (cp == '&')
			two = " and ";
	} else if (cp == 0x2018 || cp == 0x2019 || cp == 0xb4) {
		return;
	} else if (cp == 0xc6 || cp == 0xe6) {
		two = "ae";
	} else if (cp == 0xde || cp == 0xfe) {
		two = "th";
	} else if (cp == 0xdf) {
		two = "ss";
	} else if (cp == 0x152 || cp == 0x153) {
		two = "oe";
	} else if (cp >= 0xc0 && cp < 0x180) {
		ch = latin_base[cp - 0xc0];
	}
	if (two != NULL) {
		memcpy(w + *wl, two, strlen(two));
		*wl += strlen(two);
	} else if (ch != 0) {
		w[(*wl)++] = ch;
	} else if (*wl > 0 && w[*wl - 1] != ' ') {
		w[(*wl)++] = ' ';
	}
}

/* The part of s to fold: trimmed of blanks and quotes, and for a URI its
 * last path segment (without query or fragment). */
static const char *
fold_span(const char *s, size_t len, size_t *outlen)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '"'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '"' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if ((len > 7 && strncasecmp(s, "http://", 7) == 0) ||
	    (len > 8 && strncasecmp(s, "https://", 8) == 0)) {
		const char *q = memchr(s, '?', len), *h = memchr(s, '#', len);

		if (q != NULL)
			len = (size_t)(q - s);
		if (h != NULL && (size_t)(h - s) < len)
			len = (size_t)(h - s);
		while (len > 0 && s[len - 1] == '/')
			len--;
		for (size_t i = len; i > 0; i--) {
			if (s[i - 1] == '/') {
				s += i;
				len -= i;
				break;
			}
		}
	}
	*outlen = len;
	return s;
}

static int
is_stopword(const char *w, size_t n)
{
	size_t lo = 0, hi = sizeof stopwords / sizeof stopwords[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strncmp(w, stopwords[mid], n);

		if (cmp == 0)
			cmp = stopwords[mid][n] == '\0' ? 0 : -1;
		if (cmp == 0)
			return 1;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Fold s[0..len) into its strict key (in strict, words joined by one
 * space) and loose key (in loose, starting with '~').  Both buffers hold
 * at least COUNCIL_MAXKEY bytes.  Returns 0, or -1 when s is too long to
 * be a council name or has no words at all.  *nloose is 0 when the loose
 * key is empty ("The Council"). */
static int
fold_keys(const char *s, size_t len, char *strict, size_t *nstrict,
    char *loose, size_t *nloose)
{
	char w[COUNCIL_MAXKEY];
	size_t i, wl = 0, ns = 0, nl = 0;

	s = fold_span(s, len, &len);
	if (len == 0 || len > COUNCIL_MAXIN)
		return -1;
	for (i = 0; i < len;) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;
		size_t k = 1;

		if (b < 0x80)
			cp = b;
		else if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			cp = cp1252_to_unicode(b);
			k = 1;
		}
		fold_cp(w, &wl, cp);
		i += k;
	}
	loose[nl++] = '~';
	for (i = 0; i < wl;) {
		size_t j = i, n;

		while (j < wl && w[j] != ' ')
			j++;
		n = j - i;
		if (n == 5 && memcmp(w + i, "saint", 5) == 0) {
			/* "Saint Helens" is "St Helens": "st" in place. */
			memcpy(w + i + 3, "st", 2);
			i += 3;
			n = 2;
		}
		if (n > 0) {
			if (ns > 0)
				strict[ns++] = ' ';
			memcpy(strict + ns, w + i, n);
			ns += n;
			/* "London Borough of X" is X, while "London" alone is
			 * the City of London once "city of" is gone. */
			if (!is_stopword(w + i, n) && !(n == 6 &&
			    memcmp(w + i, "london", 6) == 0 && wl - j >= 8 &&
			    memcmp(w + j, " borough", 8) == 0)) {
				if (nl > 1)
					loose[nl++] = ' ';
				memcpy(loose + nl, w + i, n);
				nl += n;
			}
		}
		i = j + 1;
	}
	strict[ns] = '\0';
	loose[nl] = '\0';
	*nstrict = ns;
	*nloose = nl > 1 ? nl : 0;
	return ns > 0 ? 0 : -1;
}

static int
council_rank(const struct councils *c, const struct council *k)
{
	if (k == &c->amb_current)
		return 1;
	if (k == &c->amb_old)
		return 0;
	return c->current[k - c->v];
}

/* Record that key names row k: a current authority displaces abolished
 * ones; two different ones of the same standing make the key ambiguous. */
static void
councils_add(struct councils *c, const char *key, size_t klen,
    struct council *k)
{
	struct strmap_entry *e = strmap_get(&c->map, key, klen, 1);
	struct council *old = e->val;
	int rk, ro;

	if (old == NULL || old == k) {
		e->val = k;
		return;
	}
	rk = c->current[k - c->v];
	ro = council_rank(c, old);
	if (rk > ro)
		e->val = k;
	else if (rk == ro)
		e->val = rk ? &c->amb_current : &c->amb_old;
}

static void
councils_add_name(struct councils *c, const char *s, size_t len,
    struct council *k)
{
	char strict[COUNCIL_MAXKEY], loose[COUNCIL_MAXKEY];
	size_t ns, nl;

	if (fold_keys(s, len, strict, &ns, loose, &nl) != 0)
		return;
	councils_add(c, strict, ns, k);
	if (nl > 0)
		councils_add(c, loose, nl, k);
}

/* Split line at tabs into at most max fields; returns the count. */
static size_t
split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	for (;;) {
		char *t = strchr(line, '\t');

		if (n < max)
			f[n] = line;
		n++;
		if (t == NULL)
			break;
		*t = '\0';
		line = t + 1;
	}
	return n;
}

/* Columns before COL_END are required; the rest are optional. */
enum { COL_GSS, COL_NAME, COL_REGION, COL_NATION, COL_NAMES, COL_END,
	COL_TYPE, COL_POP, COL_MAX };
static const char *const colnames[COL_MAX] = {
	"gss", "name", "region", "nation", "names", "end", "type",
	"population"
};
#define MAXFIELDS 32

struct councils *
councils_load(const char *path)
{
	struct councils *c = ecalloc(1, sizeof *c);
	struct buf b = { 0 };
	char *f[MAXFIELDS], *line, *next, **names = NULL;
	int col[COL_MAX];
	size_t nf, ncols = 0, cap = 0, i;
	long lineno = 0;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		die("%s: cannot open councils table", path);
	if (read_all(fp, &b) != 0)
		die("%s: read error", path);
	fclose(fp);
	if (b.len == 0 || memchr(b.p, '\0', b.len) != NULL)
		die("%s: empty or not a text file", path);
	c->text = b.p;
	strmap_init(&c->map);
	for (i = 0; i < COL_MAX; i++)
		col[i] = -1;
	/* A table saved by a spreadsheet may start with a byte-order mark. */
	line = c->text + text_bom_len(c->text, b.len);
	for (; line != NULL && *line != '\0'; line = next) {
		struct council *k;
		size_t ll;

		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		ll = strlen(line);
		if (ll > 0 && line[ll - 1] == '\r')
			line[--ll] = '\0';
		if (lineno > 1 && ll == 0)
			continue;
		nf = split_tabs(line, f, MAXFIELDS);
		if (nf > MAXFIELDS)
			die_at(path, lineno, "more than %d columns", MAXFIELDS);
		if (lineno == 1) {
			for (i = 0; i < nf; i++)
				for (size_t j = 0; j < COL_MAX; j++)
					if (strcmp(f[i], colnames[j]) == 0)
						col[j] = (int)i;
			for (i = 0; i < COL_END; i++)
				if (col[i] < 0)
					die_at(path, lineno, "no column \"%s\"",
					    colnames[i]);
			ncols = nf;
			continue;
		}
		if (nf != ncols)
			die_at(path, lineno, "%zu columns, header has %zu",
			    nf, ncols);
		if (*f[col[COL_GSS]] == '\0' || *f[col[COL_NAME]] == '\0')
			die_at(path, lineno, "empty gss or name");
		if (c->n == cap) {
			cap = cap ? 2 * cap : 512;
			c->v = ereallocarray(c->v, cap, sizeof *c->v);
			names = ereallocarray(names, cap, sizeof *names);
			c->current = erealloc(c->current, cap);
		}
		k = &c->v[c->n];
		k->gss = f[col[COL_GSS]];
		k->name = f[col[COL_NAME]];
		k->region = f[col[COL_REGION]];
		k->nation = f[col[COL_NATION]];
		names[c->n] = f[col[COL_NAMES]];
		c->current[c->n] = col[COL_END] < 0 || *f[col[COL_END]] == '\0';
		k->current = c->current[c->n];
		k->type = col[COL_TYPE] < 0 ? "" : f[col[COL_TYPE]];
		k->population = -1;
		if (col[COL_POP] >= 0 && *f[col[COL_POP]] != '\0' &&
		    parse_ll(f[col[COL_POP]], 0, INT64_MAX / 1000000,
		    &k->population) != 0)
			die_at(path, lineno, "population \"%s\" is not a "
			    "whole number", f[col[COL_POP]]);
		c->n++;
	}
	if (c->n == 0)
		die("%s: no councils", path);
	/* Keys go in once every row is read, when v no longer moves. */
	for (i = 0; i < c->n; i++) {
		struct council *k = &c->v[i];
		const char *p = names[i];

		councils_add_name(c, k->gss, strlen(k->gss), k);
		councils_add_name(c, k->name, strlen(k->name), k);
		while (*p != '\0') {
			const char *bar = strchr(p, '|');
			size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);

			councils_add_name(c, p, n, k);
			p += n;
			if (*p == '|')
				p++;
		}
	}
	free(names);
	return c;
}

const struct council *
councils_find(const struct councils *c, const char *s, size_t len)
{
	char strict[COUNCIL_MAXKEY], loose[COUNCIL_MAXKEY];
	size_t ns, nl;
	/* strmap_get does not change the map when create is 0. */
	struct strmap *m = (struct strmap *)&c->map;
	struct strmap_entry *e;
	const struct council *k;

	if (s == NULL || fold_keys(s, len, strict, &ns, loose, &nl) != 0)
		return NULL;
	e = strmap_get(m, strict, ns, 0);
	k = e != NULL ? e->val : NULL;
	if (k != NULL && council_rank(c, k) == 1)
		return k == &c->amb_current ? NULL : k;
	/* A name recorded for an abolished authority keeps it when it says
	 * what kind of council ("Somerset County Council"); a bare place
	 * name ("Durham") goes to a current authority of that name. */
	if (k == NULL || (nl > 0 && nl - 1 == ns &&
	    memcmp(strict, loose + 1, ns) == 0)) {
		e = nl > 0 ? strmap_get(m, loose, nl, 0) : NULL;
		if (e != NULL && (k == NULL || council_rank(c, e->val) == 1))
			k = e->val;
	}
	if (k == NULL || k == &c->amb_current || k == &c->amb_old)
		return NULL;
	return k;
}

size_t
councils_count(const struct councils *c)
{
	return c->n;
}

const struct council *
councils_at(const struct councils *c, size_t i)
{
	return i < c->n ? &c->v[i] : NULL;
}

void
councils_free(struct councils *c)
{
	if (c == NULL)
		return;
	strmap_free(&c->map);
	free(c->v);
	free(c->current);
	free(c->text);
	free(c);
}
