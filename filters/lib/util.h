/* util: program name, checked allocation, fatal errors, option errors,
 * growable buffers, checked number parsing, -v lines, output shutdown and
 * schema file lookup.  Only the e* helpers, die(), die_at(), opt_fail()
 * and opt_error() exit. */
#ifndef SPENDLENS_UTIL_H
#define SPENDLENS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SPENDLENS_VERSION "0.1.0"

/* Remember argv[0]'s base name for messages; progname() returns it. */
void		 set_progname(const char *argv0);
const char	*progname(void);

/* Allocation that ends the program with a message when memory runs out.
 * ereallocarray also checks n * size for overflow. */
void	*emalloc(size_t n);
void	*ecalloc(size_t n, size_t size);
void	*erealloc(void *p, size_t n);
void	*ereallocarray(void *p, size_t n, size_t size);
char	*estrdup(const char *s);
char	*estrndup(const char *s, size_t n);

/* "prog: message\n" to stderr, then exit(1). */
void	die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* "prog: file:line: message\n" to stderr, then exit(1); line <= 0 omits it. */
void	die_at(const char *file, long line, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 3, 4)));
/* The next line of a table file that holds something: its line end cut
 * off, blank lines and '#' comment lines skipped; *lineno counts every line
 * read.  Returns the length, or -1 at end of file or on a read error (tell
 * them apart with ferror). */
long	table_line(FILE *fp, char **line, size_t *cap, long *lineno);
/* "prog: message\n" to stderr; returns. */
void	warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage error: "PROG: MESSAGE\nTry 'PROG -h' for help.\n" to stderr,
 * then exit(2).  Unknown options, missing arguments and bad values all go
 * through it, so every filter words them alike. */
void	opt_fail(const char *prog, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));
/* After getopt_long(argc, argv, ":...", longopts, NULL) returned '?' or
 * ':' (the optstring starts with ':' and opterr is 0): opt_fail() with
 * what was wrong, "unknown option '--bogus'", "option '--kind' needs an
 * argument", "option '--help' takes no argument" or "ambiguous option
 * '--ver'". */
struct option;
void	opt_error(const char *prog, char *const argv[],
	    const struct option *longopts, int ch) __attribute__((noreturn));

/* Growable byte buffer; always NUL-terminated after any append (p may be
 * NULL while cap == 0).  Free with buf_free. */
struct buf {
	char	*p;	/* bytes, NUL-terminated when cap > 0 */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
};
void	buf_grow(struct buf *b, size_t extra);
void	buf_add(struct buf *b, const void *s, size_t n);
void	buf_adds(struct buf *b, const char *s);
void	buf_addc(struct buf *b, char c);
void	buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_reset(struct buf *b);	/* len = 0, keeps memory */
void	buf_free(struct buf *b);

/* Parse a whole decimal integer in [min, max]; returns 0, or -1 when the
 * string is empty, has trailing junk or is out of range. */
int	parse_ll(const char *s, long long min, long long max, long long *out);

/* -v: one line per input file, then one for the whole run, to stderr:
 *	PROG: file=NAME key=value key=value ...
 * NAME is the input's name ("-" for stdin or NULL, "*" for the run's
 * total line);
 * keys are fixed words ([a-z_]).  A value is written bare when it is
 * non-empty and only [A-Za-z0-9._/:+*@%-], otherwise as a JSON string
 * (cleaned to UTF-8 as text_clean() does); money as pounds with two
 * decimals from int64 pence.  The line is written at vlog_end() in one
 * piece.  Error lines ("PROG: file:line: message") never start with
 * "file=", so a reader tells the two apart by /^[a-z-]+: file=/.
 * One line at a time (the line being built is held here). */
void	vlog_begin(const char *prog, const char *file);
void	vlog_int(const char *key, long long n);
void	vlog_money(const char *key, int64_t pence);
void	vlog_str(const char *key, const char *s);
void	vlog_end(void);		/* writes the line and its '\n' */

/* Flush and check a stream at the end of a run.  A closed pipe (EPIPE)
 * exits 0 quietly; any other write error dies with a message naming what.
 * Returns 0. */
int	out_close(FILE *fp, const char *what);

/* --version: "prog VERSION" on stdout, checked like any output, then
 * exit(0). */
void	print_version(void) __attribute__((noreturn));

/* Give stdout a large buffer; filters call it first thing. */
void	out_init(void);

/* Path of a file in the schemas folder: $SPENDLENS_SCHEMAS, else
 * <exe>/../../schemas (in-tree build), else <exe>/../share/spendlens/schemas
 * (installed).  Returns the first that exists, or the in-tree path when
 * none does, in memory the caller frees. */
char		*schema_file(const char *name);

/* Open FILE for reading; "-" or NULL means stdin.  Dies with a message when
 * it cannot be opened. */
FILE	*efopen_in(const char *path);
/* Display name for messages: "<stdin>" for NULL or "-". */
const char	*input_name(const char *path);

/* Read a whole stream into b; returns 0, or -1 on a read error. */
int	read_all(FILE *fp, struct buf *b);

/* For helpers on a hot path that must be inlined whatever the compiler
 * thinks (normalise's put_* helpers: strlen of a literal key is then a
 * constant). */
#define ALWAYS_INLINE	__attribute__((always_inline))

/* memcpy for the short fields that are most of a spending file, inline:
 * two overlapping loads and stores cover any length from 4 to 32 bytes
 * without reading or writing outside [src, src + n) and [dst, dst + n). */
static inline ALWAYS_INLINE void
copy_short(char *dst, const char *src, size_t n)
{
	uint64_t a, b, c, d;
	uint32_t x, y;

	if (n >= 16 && n <= 32) {
		memcpy(&a, src, 8);
		memcpy(&b, src + 8, 8);
		memcpy(&c, src + n - 16, 8);
		memcpy(&d, src + n - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + 8, &b, 8);
		memcpy(dst + n - 16, &c, 8);
		memcpy(dst + n - 8, &d, 8);
	} else if (n >= 8 && n < 16) {
		memcpy(&a, src, 8);
		memcpy(&b, src + n - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&x, src, 4);
		memcpy(&y, src + n - 4, 4);
		memcpy(dst, &x, 4);
		memcpy(dst + n - 4, &y, 4);
	} else if (n < 4) {
		while (n-- > 0)
			*dst++ = *src++;
	} else if (n <= 64) {
		copy_short(dst, src, 32);
		copy_short(dst + n - 32, src + n - 32, 32);
	} else
		memcpy(dst, src, n);
}

#endif
