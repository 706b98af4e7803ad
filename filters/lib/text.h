/* text: turning published bytes into clean UTF-8. */
#ifndef SPENDLENS_TEXT_H
#define SPENDLENS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* 1 when s[0..len) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int	utf8_valid(const char *s, size_t len);

/* Decode one UTF-8 sequence at s (len > 0).  Returns its length and sets
 * *cp, or returns 0 when the bytes are not valid UTF-8. */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Append code point cp as UTF-8. */
void	utf8_put(struct buf *b, uint32_t cp);

/* Unicode code point for a Windows-1252 byte (0x80..0x9F map to the
 * printable characters Windows puts there; others are Latin-1). */
uint32_t	cp1252_to_unicode(unsigned char c);

/* Bytes of byte-order marks at the start of s: UTF-8 BOMs (EF BB BF), also
 * repeated, and double-encoded ones (C3 AF C2 BB C2 BF, "ï»¿" as text). */
size_t	text_bom_len(const char *s, size_t len);

enum {
	TEXT_TRIM = 1,		/* drop leading and trailing white space */
	TEXT_SQUEEZE = 2	/* fold runs of white space to one space */
};

/* Append s as clean UTF-8 to out: valid UTF-8 sequences are kept; any
 * byte that is not part of one is read as Windows-1252; C1 controls
 * U+0080..U+009F (mojibake of Windows-1252 text) become the characters
 * Windows-1252 puts there (U+0092 -> U+2019); NBSP and other spaces become
 * a space; other control characters are dropped (tab and newlines become a
 * space).  flags: TEXT_TRIM, TEXT_SQUEEZE.  Returns the number of bytes
 * that needed repair (0 when the input was clean UTF-8). */
size_t	text_clean(struct buf *out, const char *s, size_t len, int flags);

/* Fold s to lower-case ASCII letters and digits into out (at most cap - 1
 * bytes, then a NUL; cap > 0); every other byte is dropped.  Returns the
 * folded length. */
size_t	text_fold_alnum(char *out, size_t cap, const char *s, size_t len);

/* Append s JSON-escaped (no surrounding quotes).  s must be valid UTF-8. */
void	json_escape(struct buf *out, const char *s, size_t len);

/* Edit distance (Levenshtein, on bytes) between a and b, or max + 1 when
 * it is more than max; inputs longer than 63 bytes give max + 1. */
int	text_distance(const char *a, size_t alen, const char *b, size_t blen,
	    int max);
#endif
