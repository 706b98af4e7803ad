/* util: program name, checked allocation, fatal errors, growable buffers,
 * checked number parsing, output shutdown and schema file lookup.
 * Only the e* helpers, die() and die_at() exit. */
#ifndef SPENDLENS_UTIL_H
#define SPENDLENS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
/* "prog: message\n" to stderr; returns. */
void	warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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
 * (installed).  Returns a static buffer holding the first that exists, or
 * the in-tree path when none does. */
const char	*schema_path(const char *name);

/* Open FILE for reading; "-" or NULL means stdin.  Dies with a message when
 * it cannot be opened. */
FILE	*efopen_in(const char *path);
/* Display name for messages: "<stdin>" for NULL or "-". */
const char	*input_name(const char *path);

/* Read a whole stream into b; returns 0, or -1 on a read error. */
int	read_all(FILE *fp, struct buf *b);

#endif
