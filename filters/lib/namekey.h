/* namekey: the supplier name key.  One function decides when two
 * spellings name the same organisation by their words: case and accents
 * folded, punctuation dropped, "&"/"+" read as "and", "the"/"and" dropped,
 * "t/a" and "c/o" tails and branch parts ("(Leeds)", "- Head Office") cut,
 * legal forms at the end stripped (Ltd, Limited, PLC, LLP...), runs of
 * single letters joined ("B T" = "BT"), long forms of the abbreviations
 * table read as their short forms, a trailing reference number dropped.
 * Withheld names and individuals are flagged.  dedupe-supplier clusters
 * on it and classify-sector matches its supplier table with it, so a
 * spelling resolves the same way in both. */
#ifndef SPENDLENS_NAMEKEY_H
#define SPENDLENS_NAMEKEY_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define NAME_MAX_TOK	64	/* words kept per name key */

enum {				/* what name_key found */
	NAME_REDACTED = 1,	/* a withheld name ("Redacted") */
	NAME_PERSON = 2,	/* an individual ("Mr J Smith") */
	NAME_DIGIT = 4,		/* the key holds a number */
	NAME_INIT = 16		/* the key starts with spaced initials */
};

struct name_tok {		/* one word */
	const char	*s;	/* its bytes (not NUL-terminated) */
	size_t		 len;
};

#define NAME_ABBR_WORDS	8	/* words in the long form of an abbreviation */

struct name_abbr {			/* "british telecom" read as "bt" */
	char		*w[NAME_ABBR_WORDS];	/* words of the long form */
	size_t		 wl[NAME_ABBR_WORDS];
	size_t		 nw;
	char		*to;	/* the short form, one word */
	size_t		 tolen;
};

struct namekey {		/* the key function's tables and scratch */
	struct name_abbr *abbr;		/* abbreviations, longest first */
	size_t		 nabbr, capabbr;
	int		 cutnow;	/* the caller says: this spelling was
					   cut at a fixed width */
	struct buf	 key;		/* the last key made */
	struct buf	 tmp;		/* scratch */
};

/* An empty context (no abbreviations); free with namekey_free. */
void	namekey_init(struct namekey *nk);
void	namekey_free(struct namekey *nk);
/* Read an abbreviations table, "SHORT<TAB>LONG" lines ('#' comments).  A
 * missing file is an error only when must is set; a bad line dies. */
void	namekey_read_abbr(struct namekey *nk, const char *path, int must);
/* The name key of spelling s[0..len) into nk->key (also returned as its
 * length); *flags gets NAME_*, *ntok the words in the key, *alt a
 * word-order hash of the words a legal form inside the name cut off (0
 * when none).  An individual's key starts with '~'. */
size_t	name_key(struct namekey *nk, const char *s, size_t len,
	    uint8_t *flags, uint8_t *ntok, uint64_t *alt);

/* The pieces dedupe-supplier also uses. */
/* Case-fold s into out (cleared): lower case, accents stripped. */
void	name_fold(struct buf *out, const char *s, size_t len);
/* Split folded text into words (rewritten in place); returns how many. */
size_t	name_tokenize(char *s, size_t len, struct name_tok *t, size_t max);
/* Where the trading name starts in "X t/a Y", or len when none. */
size_t	name_trading_tail(const char *s, size_t len);
/* Is s[0..len) one of the NULL-terminated list? */
int	name_in_list(const char *const *list, const char *s, size_t len);
/* Are two ASCII words within one edit of each other? */
int	name_within1(const char *a, size_t la, const char *b, size_t lb);
int	name_has_digit(const char *s, size_t len);
int	name_cmp_tok(const void *a, const void *b);	/* bytes, then length */
/* Hash of the words t[0..n) but t[skip], in order, from seed. */
uint64_t name_hash_words(const struct name_tok *t, size_t n, size_t skip,
	    uint64_t seed);

#endif
