/* csvread: CSV batches of whole rows through libcsv, read ahead on a
 * thread of its own when asked (the contract is in csvread.h).
 *
 * Two stages that can run on two cores: the reader (CSVR_BLK-sized reads
 * through libcsv) fills batches with the fields and row ends it
 * tokenises, and the caller consumes them in order.  With one thread the
 * two stages alternate: the events are the same bytes either way. */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvread.h"
#include "text.h"
#include "util.h"

#define HTML_SCAN	200	/* bytes looked at for an HTML page */
#define HTML_FOLD	159	/* letters and digits of them compared */

/* Why a file's first bytes are not a CSV, or NULL.  An HTML page is one
 * whose first non-blank byte is '<' and whose next HTML_FOLD letters and
 * digits (of at most HTML_SCAN bytes, lower-cased) say "html". */
static const char *
sniff(const char *p, size_t n)
{
	char f[HTML_FOLD + 1];
	size_t i;

	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return "a ZIP archive (XLSX?), not CSV";
	if (n >= 4 && memcmp(p, "\xD0\xCF\x11\xE0", 4) == 0)
		return "an OLE2 file (XLS?), not CSV";
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "a PDF file, not CSV";
	for (i = 0; i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	if (i == n || p[i] != '<')
		return NULL;
	text_fold_alnum(f, sizeof f, p + i, n - i < HTML_SCAN ? n - i :
	    HTML_SCAN);
	return strstr(f, "html") != NULL ? "an HTML page, not CSV" : NULL;
}

/* The candidates, in the order ties are given. */
static const char delims[] = { ',', '\t', ';', '|' };
static const char *const delim_names[] = { "comma", "tab", "semicolon",
    "pipe" };
#define NDELIM	4

/* Whether the n bytes at p are all spaces or tabs. */
static int
blank(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

/* Count delimiter d per non-blank row of the n bytes at p, reading quotes
 * as libcsv does: a quote opens a field only at its start (after spaces),
 * "" inside is a quote, and the row ends only outside quotes.  Fills
 * cnt[0..return) (at most CSVR_SNIFF_ROWS rows); the row the sample cuts
 * off counts only when complete.  Only the bytes that matter are looked
 * at one by one: a quoted field is skipped with memchr(). */
static int
sniff_count(const char *p, size_t n, int complete, char d, int *cnt)
{
	unsigned char special[256] = { 0 };
	const char *q;
	size_t i = 0, field = 0, row = 0;
	int rows = 0, count = 0;

	special['"'] = special['\n'] = special['\r'] = 1;
	special[(unsigned char)d] = 1;
	while (rows < CSVR_SNIFF_ROWS) {
		while (i < n && !special[(unsigned char)p[i]])
			i++;
		if (i == n)
			break;
		if (p[i] == d) {
			count++;
			field = ++i;
		} else if (p[i] != '"') {	/* a row end */
			if (count > 0 || !blank(p + row, i - row))
				cnt[rows++] = count;
			count = 0;
			row = field = ++i;
		} else if (!blank(p + field, i - field)) {
			i++;	/* a quote inside an unquoted field */
		} else {	/* a quoted field: to a closing quote that
				 * spaces, a delimiter or a row end follow
				 * (libcsv reads on in quotes after "" or any
				 * other byte) */
			for (i++;;) {
				if ((q = memchr(p + i, '"', n - i)) == NULL)
					return rows;	/* cut off in quotes */
				i = (size_t)(q - p) + 1;
				while (i < n && p[i] != d && (p[i] == ' ' ||
				    p[i] == '\t'))
					i++;
				if (i == n || p[i] == d || p[i] == '\n' ||
				    p[i] == '\r')
					break;
				if (p[i] == '"')
					i++;
			}
		}
	}
	if (complete && i == n && rows < CSVR_SNIFF_ROWS &&
	    (count > 0 || !blank(p + row, n - row)))
		cnt[rows++] = count;
	return rows;
}

void
csvr_sniff(const char *p, size_t n, int complete, struct csvr_delim *d)
{
	int cnt[CSVR_SNIFF_ROWS], rows, k, i, j, c, best, per, bs;

	memset(d, 0, sizeof *d);
	d->delim = ',';
	bs = 0;
	for (k = 0; k < NDELIM; k++) {
		rows = sniff_count(p, n, complete, delims[k], cnt);
		if (k == 0)
			d->sampled = rows;
		/* the count of at least 2 found on most rows (the larger on a
		 * tie): sorted, counts that are equal are side by side */
		for (i = 1; i < rows; i++) {
			c = cnt[i];
			for (j = i; j > 0 && cnt[j - 1] > c; j--)
				cnt[j] = cnt[j - 1];
			cnt[j] = c;
		}
		best = per = 0;
		for (i = 0; i < rows; i = j) {
			for (j = i; j < rows && cnt[j] == cnt[i]; j++)
				;
			if (cnt[i] >= 2 && j - i >= best) {
				best = j - i;
				per = cnt[i];
			}
		}
		if (best == 0 || best * 2 < rows || best <= bs)
			continue;
		bs = best;
		d->delim = delims[k];
		d->per_row = per;
		d->rows = bs;
		d->sampled = rows;
	}
}

const char *
csvr_delim_name(int delim)
{
	int k;

	for (k = 0; k < NDELIM; k++)
		if (delims[k] == delim)
			return delim_names[k];
	return "comma";
}

int
csvr_delim_parse(const char *s)
{
	int k;

	if (strcmp(s, "\\t") == 0)
		return '\t';
	for (k = 0; k < NDELIM; k++)
		if (strcmp(s, delim_names[k]) == 0 ||
		    (s[0] == delims[k] && s[1] == '\0'))
			return delims[k];
	return 0;
}

/* libcsv grows a field's buffer by a fixed block at each realloc; where
 * realloc copies (sanitizers, other allocators) a 50 MB field becomes
 * quadratic.  This realloc keeps what it has while the block fits and
 * otherwise doubles, so growth is geometric whatever the allocator. */
static void *
csv_grow(void *p, size_t n)
{
	if (p != NULL && malloc_usable_size(p) >= n)
		return p;
	return realloc(p, n < 4096 ? 4096 : n + n / 2);
}

struct csvr {
	struct csv_parser	 csv;
	FILE			*in;
	char			*blk;		/* one read */
	struct csvr_batch	*b;		/* being filled */
	struct csvr_batch	 carry;		/* unfinished row, between
						 * batches */
	size_t			 row_bytes;	/* bytes of the unfinished row */
	int			 first;		/* nothing read yet */
	struct csvr_delim	 delim;		/* the delimiter and why */
	int			 sniffed;	/* the delimiter is set */
	int			 done;		/* end of input or error */
	int			 stop;		/* the caller needs no more */
	/* two threads: filled batches go to the caller, used ones back */
	int			 threaded;
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct csvr_batch	*full, *full_tail, *free_;
	struct csvr_batch	 pool[CSVR_NBATCH];
};

#define BATCH_CAP	(2 * (CSVR_BATCH_BYTES + CSVR_BLK))	/* first byte area */

static inline ALWAYS_INLINE void
batch_event(struct csvr_batch *b, uint64_t e)
{
	if (b->nev == b->evcap) {
		b->evcap = b->evcap ? b->evcap * 2 : 4096;
		b->ev = ereallocarray(b->ev, b->evcap, sizeof *b->ev);
	}
	b->ev[b->nev++] = e;
}

static inline ALWAYS_INLINE void
batch_bytes(struct csvr_batch *b, const void *s, size_t n)
{
	if (n == 0)
		return;
	if (b->dlen + n > b->dcap) {
		size_t cap = b->dcap ? b->dcap : BATCH_CAP;

		while (cap < b->dlen + n)
			cap *= 2;
		b->data = erealloc(b->data, cap);
		b->dcap = cap;
	}
	copy_short(b->data + b->dlen, s, n);
	b->dlen += n;
}

static void
batch_clear(struct csvr_batch *b)
{
	if (b->data == NULL) {	/* rows read in place need a base, even
				 * when every field is empty */
		b->dcap = BATCH_CAP;
		b->data = emalloc(b->dcap);
	}
	b->dlen = b->nev = b->rows_ev = b->rows_data = 0;
	b->err = NULL;
	b->last = 0;
	b->next = NULL;
}

static void
batch_free(struct csvr_batch *b)
{
	free(b->data);
	free(b->ev);
}

/* libcsv callbacks: record what was tokenised. */
static void
rd_field(void *s, size_t len, void *data)
{
	struct csvr *r = data;
	struct csvr_batch *b = r->b;

	batch_event(b, CSVR_EV(CSVR_FIELD, len));
	batch_bytes(b, s, len);
	r->row_bytes += len;
}

static void
rd_row(int c, void *data)
{
	struct csvr *r = data;
	struct csvr_batch *b = r->b;

	batch_event(b, CSVR_EV(CSVR_ROW, (uint32_t)c));
	b->rows_ev = b->nev;
	b->rows_data = b->dlen;
	r->row_bytes = 0;
}

static void
rd_error(struct csvr *r, int how, const char *msg)
{
	r->b->err = msg;
	batch_event(r->b, CSVR_EV(CSVR_ERROR, how));
	r->done = 1;
}

/* Fill b until it holds at least CSVR_BATCH_BYTES of whole rows, or the
 * input ends (b->last).  The unfinished row at the end moves to the next batch
 * (through r->carry), so a batch is handed on only with a row in it. */
static void
rd_fill(struct csvr *r, struct csvr_batch *b)
{
	size_t n, i;
	const char *why, *nul;

	batch_clear(b);
	r->b = b;
	if (r->carry.nev > 0) {
		batch_bytes(b, r->carry.data, r->carry.dlen);
		for (i = 0; i < r->carry.nev; i++)
			batch_event(b, r->carry.ev[i]);
		batch_clear(&r->carry);
	}
	while (!r->done) {
		if (__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
			r->done = 1;
			break;
		}
		if ((n = fread(r->blk, 1, CSVR_BLK, r->in)) == 0) {
			if (ferror(r->in))
				rd_error(r, CSVR_IF_NONE,
				    strerror(errno ? errno : EIO));
			else
				csv_fini(&r->csv, rd_field, rd_row, r);
			r->done = 1;
			break;
		}
		i = 0;
		if (r->first) {
			r->first = 0;
			i = text_bom_len(r->blk, n);
			if ((why = sniff(r->blk + i, n - i)) != NULL) {
				rd_error(r, CSVR_NO_LINE, why);
				break;
			}
		}
		/* rows before a NUL byte are read, so the error names the
		 * line of the row that holds it */
		if ((nul = memchr(r->blk + i, '\0', n - i)) != NULL)
			n = (size_t)(nul - r->blk);
		if (!r->sniffed) {	/* a short read is the whole input */
			r->sniffed = 1;
			csvr_sniff(r->blk + i, n - i, nul == NULL &&
			    n < CSVR_BLK, &r->delim);
			csv_set_delim(&r->csv, (unsigned char)r->delim.delim);
		}
		if (n > i && csv_parse(&r->csv, r->blk + i, n - i, rd_field,
		    rd_row, r) != n - i) {
			rd_error(r, CSVR_AT_LINE,
			    csv_strerror(csv_error(&r->csv)));
			break;
		}
		if (nul != NULL) {
			rd_error(r, CSVR_AT_LINE, "NUL byte: not a text file");
			break;
		}
		/* an unbalanced quote would swallow the rest of the input */
		if (csv_get_buffer_size(&r->csv) > CSVR_ROW_MAX ||
		    r->row_bytes > CSVR_ROW_MAX) {
			rd_error(r, CSVR_AT_LINE, "a field or row longer than "
			    "16 MiB (an unbalanced quote?)");
			break;
		}
		batch_event(b, CSVR_EV(CSVR_BLOCK, 0));
		if (b->rows_ev > 0 && b->rows_data >= CSVR_BATCH_BYTES)
			break;
	}
	if (r->done) {
		b->last = 1;
		return;
	}
	/* keep the unfinished row for the next batch */
	batch_bytes(&r->carry, b->data + b->rows_data, b->dlen - b->rows_data);
	for (i = b->rows_ev; i < b->nev; i++)
		batch_event(&r->carry, b->ev[i]);
	b->dlen = b->rows_data;
	b->nev = b->rows_ev;
}

/* Before sleeping on the condition variable, a thread waiting for a batch
 * spins a little: a batch takes tens of microseconds to fill or to use,
 * less than a sleep and a wake-up cost on a virtual machine, where waking
 * a sleeping processor goes through the hypervisor. */
#define SPIN	4000

static inline void
cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/* Spin until *p (a pointer the other thread sets under r->mu) is not
 * NULL, or for SPIN rounds; the caller then takes the lock either way. */
static void
spin_for(struct csvr_batch *const *p)
{
	int i;

	for (i = 0; i < SPIN; i++) {
		if (__atomic_load_n(p, __ATOMIC_ACQUIRE) != NULL)
			return;
		cpu_relax();
	}
}

/* Wait for a batch at *head (the free list, or the queue of filled ones
 * with its *tail) and take it off. */
static struct csvr_batch *
rd_take(struct csvr *r, struct csvr_batch **head, struct csvr_batch **tail)
{
	struct csvr_batch *b;

	spin_for(head);
	pthread_mutex_lock(&r->mu);
	while (*head == NULL)
		pthread_cond_wait(&r->cv, &r->mu);
	b = *head;
	__atomic_store_n(head, b->next, __ATOMIC_RELEASE);
	if (tail != NULL && b->next == NULL)
		*tail = NULL;
	pthread_mutex_unlock(&r->mu);
	return b;
}

/* The reader thread: fill free batches until the input ends. */
static void *
rd_thread(void *arg)
{
	struct csvr *r = arg;
	struct csvr_batch *b;
	int last;

	do {
		b = rd_take(r, &r->free_, NULL);
		rd_fill(r, b);
		last = b->last;	/* b is the caller's once queued */

		pthread_mutex_lock(&r->mu);
		b->next = NULL;
		if (r->full_tail != NULL)
			r->full_tail->next = b;
		else
			__atomic_store_n(&r->full, b, __ATOMIC_RELEASE);
		r->full_tail = b;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	} while (!last);
	return NULL;
}

struct csvr_batch *
csvr_next(struct csvr *r)
{
	if (!r->threaded) {
		rd_fill(r, &r->pool[0]);
		return &r->pool[0];
	}
	return rd_take(r, &r->full, &r->full_tail);
}

void
csvr_done(struct csvr *r, struct csvr_batch *b)
{
	if (!r->threaded)
		return;
	pthread_mutex_lock(&r->mu);
	b->next = r->free_;
	__atomic_store_n(&r->free_, b, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

struct csvr *
csvr_open(FILE *in, int threads, int delim)
{
	struct csvr *r = ecalloc(1, sizeof *r);
	int i;

	r->in = in;
	r->first = 1;
	r->blk = emalloc(CSVR_BLK);
	if (csv_init(&r->csv, CSV_REPALL_NL) != 0)
		die("out of memory");
	csv_set_realloc_func(&r->csv, csv_grow);
	r->delim.delim = ',';
	if (delim != 0) {
		r->delim.delim = delim;
		r->delim.forced = r->sniffed = 1;
		csv_set_delim(&r->csv, (unsigned char)delim);
	}
	if (threads < 2)
		return r;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	for (i = CSVR_NBATCH - 1; i >= 0; i--) {
		r->pool[i].next = r->free_;
		r->free_ = &r->pool[i];
	}
	if (pthread_create(&r->th, NULL, rd_thread, r) == 0)
		r->threaded = 1;	/* else one thread does both */
	else {
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	}
	return r;
}

const struct csvr_delim *
csvr_delim(const struct csvr *r)
{
	return &r->delim;
}

int
csvr_empty(const struct csvr *r)
{
	return r->first;
}

void
csvr_close(struct csvr *r, struct csvr_batch *b)
{
	int i;

	if (r->threaded) {
		__atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
		while (!b->last) {	/* let the batches in flight go */
			csvr_done(r, b);
			b = csvr_next(r);
		}
		pthread_join(r->th, NULL);
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
	}
	csv_free(&r->csv);
	for (i = 0; i < CSVR_NBATCH; i++)
		batch_free(&r->pool[i]);
	batch_free(&r->carry);
	free(r->blk);
	free(r);
}
