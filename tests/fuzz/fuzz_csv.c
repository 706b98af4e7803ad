/* fuzz_csv: normalise's CSV path (header detection, column mapping, row
 * handling, money, dates, text repair) on any bytes, through
 * normalise_stream() on an fmemopen(3) stream.  Beyond no crash, leak or
 * undefined behaviour: every record and every reject line it writes must
 * be one valid UTF-8 JSON object that rec_parse accepts.  The schemas come
 * from $SPENDLENS_SCHEMAS, else FUZZ_SCHEMAS (set by pipelines/fuzz.mk). */
#define NORMALISE_NO_MAIN
#include "../../filters/normalise.c"

#include "fuzz.h"

#ifndef FUZZ_SCHEMAS
#define FUZZ_SCHEMAS "schemas"
#endif

static struct opts fz_opts;
static struct state fz_st;

int	LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	set_progname((*argv)[0]);
	setenv("SPENDLENS_SCHEMAS", FUZZ_SCHEMAS, 0);
	memset(&fz_opts, 0, sizeof fz_opts);
	state_init(&fz_st, &fz_opts, NULL);	/* no --layout or --map */
	return 0;
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL, *rej = NULL;
	size_t outlen = 0, rejlen = 0;
	FILE *in, *o, *r;

	if (size == 0)
		return 0;
	if ((in = fmemopen((void *)data, size, "rb")) == NULL)
		return 0;
	o = open_memstream(&out, &outlen);
	r = open_memstream(&rej, &rejlen);
	FUZZ_ASSERT(o != NULL && r != NULL);
	fz_st.out = o;
	fz_st.rej = r;
	normalise_stream(&fz_st, in, "fuzz.csv");
	fclose(in);
	fclose(o);
	fclose(r);
	check_lines(out, outlen);
	check_lines(rej, rejlen);
	free(out);
	free(rej);
	return 0;
}
