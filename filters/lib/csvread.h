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
 * Memory.  Bounded by the batches in flight: CSVR_NBATCH (1 unthreaded) of
 * about CSVR_BATCH_BYTES of fields plus one read and the row in progress;
 * a single row may make one batch as large as CSVR_ROW_MAX.
 *
 * Use:
 *	r = csvr_open(in, threads);
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

struct csvr;

/* Start reading in (not closed by csvr_close); threads >= 2 reads ahead on
 * a thread of its own. */
struct csvr		*csvr_open(FILE *in, int threads);
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
