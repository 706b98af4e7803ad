/* rec: JSON-lines records.  A record is one JSON object per line.  Values
 * are kept as raw JSON text, so a field a filter does not own passes
 * through byte for byte; only the fields a filter sets are re-encoded.
 * rec_write emits the canonical key order (README.md, "Records") first, then every
 * other key in the order it arrived. */
#ifndef SPENDLENS_REC_H
#define SPENDLENS_REC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hash.h"
#include "util.h"

#define REC_MAX_DEPTH 64	/* nesting deeper than this is an error */

struct rec_field {
	const char	*key;	/* raw key bytes between the quotes */
	size_t		 klen;
	const char	*val;	/* raw JSON value text ("..." for strings) */
	size_t		 vlen;
	int		 order;	/* canonical rank, or REC_NRANK + arrival */
};

struct rec {
	struct rec_field	*f;	/* fields in arrival order */
	size_t			 n;	/* fields in use */
	size_t			 cap;	/* fields allocated */
	struct arena		 arena;	/* storage for values set by rec_set_* */
	int			 next;	/* arrival counter for new keys */
	struct buf		 tmp;	/* scratch for encoders */
};

struct rec_reader {
	FILE		*fp;	/* input stream */
	const char	*name;	/* display name for messages */
	long		 line;	/* physical line number of the last line read */
	char		*buf;	/* line buffer, reused */
	size_t		 cap;
	int		 own;	/* close fp at the end */
	char		 err[256];	/* message of the last parse error */
};

/* Open path ("-" or NULL: stdin).  Returns 0, or -1 with errno set. */
int	rec_reader_open(struct rec_reader *r, const char *path);
/* Read from an open stream; name is used in messages.  The stream is not
 * closed by rec_reader_close. */
void	rec_reader_fdopen(struct rec_reader *r, FILE *fp, const char *name);
/* Read the next non-blank line into rec.  Returns 1 for a record, 0 at end
 * of input, -1 for a line that is not a JSON object (r->err says why and
 * r->line where; the caller decides whether to reject or die), -2 on a read
 * error.  The record's raw spans point into the reader's buffer and stay
 * valid until the next call. */
int	rec_next(struct rec_reader *r, struct rec *rec);
/* The next non-blank line itself, for a filter that reads it with the
 * fast scanner: *line (NUL-terminated, without its newline) and *len,
 * valid until the next call.  Returns 1, 0 at end of input, -1 for a line
 * holding a NUL byte (r->err, r->line), -2 on a read error. */
int	rec_next_line(struct rec_reader *r, const char **line, size_t *len);
void	rec_reader_close(struct rec_reader *r);

void	rec_init(struct rec *rec);
void	rec_clear(struct rec *rec);	/* drop fields, keep memory */
void	rec_free(struct rec *rec);

/* Parse one JSON object (surrounding white space allowed) into rec, which
 * is cleared first.  Values are checked to be valid JSON (strings valid
 * UTF-8 with legal escapes, numbers, literals, nested arrays and objects
 * up to REC_MAX_DEPTH).  Duplicate keys are an error.  Returns 0, or -1
 * with a message in err (errlen bytes). */
int	rec_parse(struct rec *rec, const char *s, size_t len, char *err,
	    size_t errlen);

/* The field named key, or NULL. */
const struct rec_field	*rec_get(const struct rec *rec, const char *key);

/* A string field decoded to UTF-8 into out (cleared first).  Returns 1 for
 * a string, 0 when missing or null, -1 when the value is not a string
 * (out then holds the raw JSON text). */
int	rec_get_str(const struct rec *rec, const char *key, struct buf *out);

/* A money field (JSON number, or string holding a number) in pence.
 * Returns 1 when set, 0 when missing or null, -1 when not a valid amount. */
int	rec_get_money(const struct rec *rec, const char *key, int64_t *pence);

/* Set key to raw JSON text (copied), replacing the old value in place or
 * adding the key. */
void	rec_set_raw(struct rec *rec, const char *key, const char *json,
	    size_t len);
void	rec_set_str(struct rec *rec, const char *key, const char *s,
	    size_t len);	/* s: valid UTF-8, escaped here */
void	rec_set_money(struct rec *rec, const char *key, int64_t pence);
void	rec_set_int(struct rec *rec, const char *key, long long v);
void	rec_set_bool(struct rec *rec, const char *key, int v);
void	rec_set_null(struct rec *rec, const char *key);
void	rec_del(struct rec *rec, const char *key);

/* Append the record as one line (with '\n') to out, in the stable order. */
void	rec_serialize(const struct rec *rec, struct buf *out);
/* Write it to fp; returns 0 or -1 on a write error. */
int	rec_write(const struct rec *rec, FILE *fp);

/* Canonical key order (README.md, "Records"): the rank of key k[0..n), or -1 for a
 * key outside it.  rec_write puts ranked keys first, by rank, then every
 * other key in arrival order.  No set-up, no global state. */
int		 rec_key_rank(const char *k, size_t n);
/* The key of rank r, or NULL when there is none. */
const char	*rec_key_name(int r);

/* The fast scanner, for filters that read a few fields of every record
 * and pass the line on: the top-level members of one JSON-lines record as
 * spans of the line, without copying or decoding.
 *
 *	struct rec_scan sc;
 *	struct rec_member m;
 *	if (rec_scan_begin(&sc, line, len) != 0) ...not an object...
 *	while ((r = rec_scan_next(&sc, &m)) > 0) ...m.key, m.val...
 *	if (r < 0) ...malformed...
 *
 * It checks structure only: strings end, brackets nest (to REC_MAX_DEPTH)
 * and balance, literals are true/false/null, a number is a run of number
 * characters.  It does not check escapes, UTF-8, number syntax or
 * duplicate keys: rec_parse a record before rewriting it.  sc.compact
 * stays 1 while no white space separates tokens (jq -c / rec_write
 * output); after the last member sc.p points at the closing brace.
 *
 * Set sc.check after rec_scan_begin for a reader that uses the values
 * without rec_parse (aggregate): keys and string values must then hold
 * no control byte and only JSON's escapes, numbers must follow JSON's
 * syntax, and m.esc says which of key (REC_ESC_KEY) and value
 * (REC_ESC_VAL) hold an escape, so the caller decodes only those.  The
 * insides of nested values are still checked for structure only, and
 * neither mode checks UTF-8 or duplicate keys. */
struct rec_scan {
	const char	*p;		/* cursor */
	const char	*e;		/* the closing brace */
	const char	*line;		/* start of the line */
	int		 first;		/* no member read yet */
	int		 compact;	/* no white space seen */
	int		 check;		/* check strings and numbers; 0 after
					   rec_scan_begin */
};
#define REC_ESC_KEY	1
#define REC_ESC_VAL	2
struct rec_member {
	const char	*key;	/* raw key bytes between the quotes */
	size_t		 klen;
	const char	*val;	/* raw JSON value text */
	size_t		 vlen;
	int		 esc;	/* with sc.check: REC_ESC_* bits, else 0 */
};
/* Start on line[0..n) (white space around the object allowed).  Returns
 * 0, or -1 when the line is not braces around something. */
int	rec_scan_begin(struct rec_scan *sc, const char *line, size_t n);
/* The next member: 1, 0 after the last, -1 when malformed. */
int	rec_scan_next(struct rec_scan *sc, struct rec_member *m);

/* Decode a raw JSON string value (with its quotes) to UTF-8, appended to
 * out.  Returns 0, or -1 when v is not a well-formed JSON string. */
int	json_str_decode(const char *v, size_t len, struct buf *out);

#endif
