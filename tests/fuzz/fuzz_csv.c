/* fuzz_csv: the CSV reader (filters/lib/csvread.c) and normalise's CSV path
 * (header detection, column mapping, row handling, money, dates, text
 * repair) on any bytes, each through an fmemopen(3) stream.
 *
 * The reader, read with one thread and with two: both decide the same
 * delimiter, one of the four, and the one csvr_sniff() gives for the first
 * read (unless the reader stopped at an error first); a delimiter forced
 * (chosen by the input's last byte) is the one used; both give the same
 * events and bytes; every batch's data is there and its field lengths add
 * up to it; a batch other than the last ends with a row end; an error is
 * the last event of the last batch; and the fields and row ends, batches
 * joined, are what libcsv gives for the whole input in one call (after a
 * BOM, up to a NUL byte): all of it, or a prefix when the reader stopped
 * at an error.
 *
 * normalise (filters/normalise.c built with -DNORMALISE_NO_MAIN and linked
 * in, see pipelines/fuzz.mk): beyond no crash, leak or undefined
 * behaviour, every record and every reject line it writes must be one
 * valid UTF-8 JSON object that rec_parse accepts.  The schemas come from
 * $SPENDLENS_SCHEMAS, else FUZZ_SCHEMAS (set by pipelines/fuzz.mk). */
#include <csv.h>

#include "lib/csvread.h"
#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"

#include "fuzz.h"

#ifndef FUZZ_SCHEMAS
#define FUZZ_SCHEMAS "schemas"
#endif

int	normalise_fuzz(FILE *in, const char *name, FILE *out, FILE *rej);
int	LLVMFuzzerInitialize(int *argc, char ***argv);

/* Fields and row ends, as events, with the fields' bytes. */
struct tape {
	struct buf	 ev;	/* uint64_t events, CSVR_FIELD and CSVR_ROW */
	struct buf	 data;
	int		 err;	/* the reader stopped at an error */
	int		 delim;	/* the delimiter used */
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	set_progname((*argv)[0]);
	setenv("SPENDLENS_SCHEMAS", FUZZ_SCHEMAS, 0);
	return 0;
}

static void
tape_event(struct tape *t, uint64_t e)
{
	buf_add(&t->ev, &e, sizeof e);
}

static void
tape_field(void *s, size_t len, void *data)
{
	struct tape *t = data;

	tape_event(t, CSVR_EV(CSVR_FIELD, len));
	buf_add(&t->data, s, len);
}

static void
tape_row(int c, void *data)
{
	tape_event(data, CSVR_EV(CSVR_ROW, (uint32_t)c));
}

/* Read n bytes at p through csvr with this many threads and delimiter
 * (0: decided) onto t, checking each batch. */
static void
read_batches(const uint8_t *p, size_t n, int threads, int delim,
    struct tape *t)
{
	struct csvr *r;
	struct csvr_batch *b;
	const struct csvr_delim *d;
	size_t i, sum;
	FILE *in;

	FUZZ_ASSERT((in = fmemopen((void *)p, n, "rb")) != NULL);
	r = csvr_open(in, threads, delim);
	do {
		b = csvr_next(r);
		d = csvr_delim(r);
		FUZZ_ASSERT(d->delim == ',' || d->delim == '\t' ||
		    d->delim == ';' || d->delim == '|');
		FUZZ_ASSERT(delim == 0 || (d->delim == delim && d->forced));
		FUZZ_ASSERT(d->rows <= d->sampled &&
		    d->sampled <= CSVR_SNIFF_ROWS);
		t->delim = d->delim;
		FUZZ_ASSERT(b->data != NULL);
		FUZZ_ASSERT(b->last || (b->nev > 0 &&
		    CSVR_TAG(b->ev[b->nev - 1]) == CSVR_ROW));
		for (i = sum = 0; i < b->nev; i++) {
			uint64_t e = b->ev[i];

			switch (CSVR_TAG(e)) {
			case CSVR_FIELD:
				buf_add(&t->data, b->data + sum, CSVR_VAL(e));
				sum += CSVR_VAL(e);
				/* FALLTHROUGH */
			case CSVR_ROW:
				tape_event(t, e);
				break;
			case CSVR_ERROR:
				FUZZ_ASSERT(b->last && i == b->nev - 1);
				FUZZ_ASSERT(b->err != NULL);
				t->err = 1;
				break;
			}
		}
		FUZZ_ASSERT(sum == b->dlen);
		if (!b->last)
			csvr_done(r, b);
	} while (!b->last);
	csvr_close(r, b);
	fclose(in);
}

/* The delimiter csvr_sniff() decides on the reader's first read of the n
 * bytes at p: at most CSVR_BLK, after a BOM, up to a NUL. */
static int
first_read_delim(const uint8_t *p, size_t n)
{
	struct csvr_delim d;
	const char *s = (const char *)p, *nul;
	size_t blk = n < CSVR_BLK ? n : CSVR_BLK, bom = text_bom_len(s, blk);
	size_t end = blk;

	if ((nul = memchr(s + bom, '\0', blk - bom)) != NULL)
		end = (size_t)(nul - s);
	csvr_sniff(s + bom, end - bom, nul == NULL && n < CSVR_BLK, &d);
	return d.delim;
}

/* The whole input through libcsv in one call, as the reader sees it with
 * delimiter delim. */
static void
read_whole(const uint8_t *p, size_t n, int delim, struct tape *t)
{
	struct csv_parser csv;
	const char *s = (const char *)p, *nul;
	size_t bom = text_bom_len(s, n);

	FUZZ_ASSERT(csv_init(&csv, CSV_REPALL_NL) == 0);
	csv_set_delim(&csv, (unsigned char)delim);
	if ((nul = memchr(s + bom, '\0', n - bom)) != NULL)
		n = (size_t)(nul - s);
	if (csv_parse(&csv, s + bom, n - bom, tape_field, tape_row, t) !=
	    n - bom)
		t->err = 1;
	else if (nul == NULL)
		csv_fini(&csv, tape_field, tape_row, t);
	csv_free(&csv);
}

static int
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 ||
	    memcmp(a->p, b->p, a->len) == 0);
}

/* a is b, or (when a stopped at an error) a prefix of b. */
static int
prefix(const struct buf *a, const struct buf *b, int err)
{
	if (!err)
		return same(a, b);
	return a->len <= b->len && (a->len == 0 ||
	    memcmp(a->p, b->p, a->len) == 0);
}

static void
check_reader(const uint8_t *data, size_t size)
{
	static const char forced[] = { 0, ',', '\t', ';', '|' };
	struct tape one = { 0 }, two = { 0 }, whole = { 0 };
	int delim = forced[data[size - 1] % sizeof forced];

	read_batches(data, size, 1, delim, &one);
	read_batches(data, size, 2, delim, &two);
	FUZZ_ASSERT(one.delim == two.delim);
	FUZZ_ASSERT(delim != 0 || one.delim == first_read_delim(data, size) ||
	    (one.err && one.delim == ','));
	read_whole(data, size, one.delim, &whole);
	FUZZ_ASSERT(one.err == two.err);
	FUZZ_ASSERT(same(&one.ev, &two.ev) && same(&one.data, &two.data));
	FUZZ_ASSERT(prefix(&one.ev, &whole.ev, one.err));
	FUZZ_ASSERT(prefix(&one.data, &whole.data, one.err));
	buf_free(&one.ev);
	buf_free(&one.data);
	buf_free(&two.ev);
	buf_free(&two.data);
	buf_free(&whole.ev);
	buf_free(&whole.data);
}

/* Every line of the n bytes at p is a JSON object rec_parse accepts. */
static void
check_lines(const char *p, size_t n)
{
	struct rec r;
	char err[256];
	const char *nl;

	rec_init(&r);
	while (n > 0) {
		nl = memchr(p, '\n', n);
		FUZZ_ASSERT(nl != NULL);	/* every line ends with \n */
		FUZZ_ASSERT(utf8_valid(p, (size_t)(nl - p)));
		if (rec_parse(&r, p, (size_t)(nl - p), err, sizeof err) != 0) {
			fprintf(stderr, "bad output line: %s: %.*s\n", err,
			    (int)(nl - p), p);
			FUZZ_ASSERT(!"output line is a JSON object");
		}
		n -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	rec_free(&r);
}

static void
check_normalise(const uint8_t *data, size_t size)
{
	char *out = NULL, *rej = NULL;
	size_t outlen = 0, rejlen = 0;
	FILE *in, *o, *r;

	if ((in = fmemopen((void *)data, size, "rb")) == NULL)
		return;
	o = open_memstream(&out, &outlen);
	r = open_memstream(&rej, &rejlen);
	FUZZ_ASSERT(o != NULL && r != NULL);
	normalise_fuzz(in, "fuzz.csv", o, r);
	fclose(in);
	fclose(o);
	fclose(r);
	check_lines(out, outlen);
	check_lines(rej, rejlen);
	free(out);
	free(rej);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	check_reader(data, size);
	check_normalise(data, size);
	return 0;
}
