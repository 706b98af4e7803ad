/* csvread: a CSV stream tokenised by libcsv into batches of whole rows,
 * read ahead on a second thread when asked.
 *
 * What a batch holds.  A byte area (data: the fields' bytes back to back,
 * unquoted as libcsv gives them, no separators or NULs) and a list of
 * events, one 64-bit word each, in input order:
 *   CSVR_FIELD	a field; CSVR_VAL is its length in data (the next field
 *		starts where this one ends)
 *   CSVR_ROW	a row end; CSVR_VAL is the character that ended it.  The
 *		reader uses CSV_REPALL_NL, so every CR and every LF outside
 *		quotes ends a row: a CRLF is a row end then an empty one
 *   CSVR_BLOCK	the end of one read (CSVR_BLK bytes) of input: a consumer
 *		that must stop "at the end of the block in which" something
 *		happened stops here, and gets the same result whether the
 *		reader ran ahead on its own thread or not
 *   CSVR_ERROR	the input cannot be read on; CSVR_VAL says how the message
 *		is to be placed (enum csvr_err), batch->err is the message.
 *		It is the last event of the last batch.
 * A batch holds whole rows only: the unfinished row at the end of a read
 * moves to the next batch, so every field of a row is in the same data
 * area (a CSVR_ERROR may follow some fields of a row that never ends).
 * data is never NULL, even when every field is empty.  The last batch of
 * a stream has last set.  The row end that csv_fini() gives a last row
 * with no line break carries -1 (as uint32_t).
 *
 * Errors (as CSVR_ERROR events, never messages or exits): the first bytes
 * are a ZIP/XLSX, OLE2/XLS, PDF or HTML file (CSVR_NO_LINE); a NUL byte,
 * a libcsv error, or a field or row over CSVR_ROW_MAX, i.e. an unbalanced
 * quote (CSVR_AT_LINE: at the line the consumer has reached); a read
 * error (CSVR_IF_NONE: only if nothing else went wrong).  Rows before a
 * NUL byte are delivered first.  Running out of memory dies (util.h).
 *
 * Threading.  With threads >= 2, csvr_open() starts one reader thread
 * that fills up to CSVR_NBATCH batches ahead; csvr_next() hands them out
 * in order and csvr_done() gives one back.  With threads < 2 (or when the
 * thread cannot be started) csvr_next() reads the next batch itself; the
 * events are the same either way.  A batch belongs to the caller from
 * csvr_next() until csvr_done() or csvr_close(); only one thread may call
 * these functions.  The reader shares nothing else with the caller.
 *
 * Delimiter.  Fields are split at one byte: ',' '\t' ';' or '|'.  A
 * delimiter given to csvr_open() is used as it is; with 0 the reader
 * decides on the first read (at most CSVR_BLK bytes after a BOM, before
 * any NUL), with csvr_sniff(), before libcsv sees a byte, so the input
 * is read once.  csvr_delim() says what was decided and why; it may be
 * asked once csvr_next() has returned the first batch.
 *
 * Memory.  Bounded by the batches in flight: CSVR_NBATCH (1 unthreaded) of
 * about CSVR_BATCH_BYTES of fields plus one read and the row in progress;
 * a single row may make one batch as large as CSVR_ROW_MAX.
 *
 * Use:
 *	r = csvr_open(in, threads, 0);
 *	do {
 *		b = csvr_next(r);
 *		stop = consume(b);	(walk b->ev[0..b->nev))
 *		if (!stop && !b->last)
 *			csvr_done(r, b);
 *	} while (!stop && !b->last);
 *	csvr_close(r, b);	(b: the batch still held) */
#ifndef SPENDLENS_CSVREAD_H
#define SPENDLENS_CSVREAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CSVR_BLK		(1 << 14)	/* bytes read and parsed at a time */
#define CSVR_BATCH_BYTES	(16 << 10)	/* a batch is handed on past this */
#define CSVR_NBATCH		8		/* batches in flight per stream */
#define CSVR_ROW_MAX		(16 << 20)	/* longest field or row accepted */

enum { CSVR_FIELD, CSVR_ROW, CSVR_BLOCK, CSVR_ERROR };
#define CSVR_EV(tag, val)	(((uint64_t)(val) << 2) | (tag))
#define CSVR_TAG(e)		((int)((e) & 3))
#define CSVR_VAL(e)		((e) >> 2)

/* Where a CSVR_ERROR's message goes. */
enum csvr_err {
	CSVR_AT_LINE,	/* at the line reached (tokeniser, NUL, long row) */
	CSVR_NO_LINE,	/* with no line (the file is not a CSV) */
	CSVR_IF_NONE	/* only when nothing else failed (read error) */
};

struct csvr_batch {
	char			*data;		/* fields' bytes */
	size_t			 dlen, dcap;
	uint64_t		*ev;		/* events */
	size_t			 nev, evcap;
	size_t			 rows_ev;	/* events up to the last row end */
	size_t			 rows_data;	/* bytes up to the last row end */
	const char		*err;		/* message of a CSVR_ERROR */
	int			 last;		/* the stream ends with this batch */
	struct csvr_batch	*next;		/* in the reader's queues */
};

#define CSVR_SNIFF_ROWS		50	/* non-blank rows a delimiter is
						 * decided on */

/* A delimiter decision.  The rule (csvr_sniff()): over the first
 * CSVR_SNIFF_ROWS non-blank rows of the sample (a row that the sample
 * cuts off is not looked at), each candidate's delimiters are counted per
 * row outside double-quoted fields (a quote opens a field only at its
 * start, as libcsv reads it, so a row ends only outside quotes).  A
 * candidate's score is the number of rows on which its most common count
 * of at least 2 (3 columns or more) is found; the larger count wins a
 * tie.  The candidate with the highest score is chosen if that score
 * holds on at least half the rows (so title rows and a few descriptions
 * with stray delimiters do not decide); ties go to comma, then tab,
 * semicolon, pipe.  Comma is the default when no candidate qualifies
 * (a one-column file, an empty sample). */
struct csvr_delim {
	int	 delim;		/* ',' '\t' ';' '|' */
	int	 forced;	/* given to csvr_open(), not decided */
	int	 per_row;	/* the chosen count per row, 0 when none */
	int	 rows;		/* non-blank rows with that count */
	int	 sampled;	/* non-blank rows looked at */
};

struct csvr;

/* Start reading in (not closed by csvr_close); threads >= 2 reads ahead on
 * a thread of its own.  delim: one of ',' '\t' ';' '|' to force it, or 0
 * to decide it from the content. */
struct csvr		*csvr_open(FILE *in, int threads, int delim);
/* The delimiter used and why; valid once csvr_next() has returned. */
const struct csvr_delim	*csvr_delim(const struct csvr *r);
/* Decide a delimiter from the n bytes at p (the start of the input after
 * any BOM); complete says that they are the whole input (else the last
 * unfinished row is left out).  The rule is at struct csvr_delim. */
void			 csvr_sniff(const char *p, size_t n, int complete,
			    struct csvr_delim *d);
/* "comma", "tab", "semicolon" or "pipe" for a delimiter. */
const char		*csvr_delim_name(int delim);
/* The delimiter a user names: "tab", "\t" (backslash t), a tab, ",",
 * ";", "|" or a name csvr_delim_name() gives; 0 when none of these. */
int			 csvr_delim_parse(const char *s);
/* The next batch, in order; waits for the reader thread if need be.  Not
 * to be called after a batch with last set. */
struct csvr_batch	*csvr_next(struct csvr *r);
/* Give back a batch that is not the last; it is invalid from here. */
void			 csvr_done(struct csvr *r, struct csvr_batch *b);
/* Whether the stream held no byte at all; to be asked after csvr_next()
 * has returned a batch with last set or one that stops the caller. */
int			 csvr_empty(const struct csvr *r);
/* Stop reading (the thread ends at its next read), drop the batches not
 * yet consumed, and free r.  b is the batch the caller still holds. */
void			 csvr_close(struct csvr *r, struct csvr_batch *b);

#endif
