/* test_csvread: the reader's delimiter decision (csvr_sniff(), the rule in
 * filters/lib/csvread.h) on the traps it must not fall into, the names
 * csvr_delim_parse() takes, and the reader splitting at what it decided
 * or was given. */
#include <stdio.h>
#include <string.h>

#include "lib/csvread.h"
#include "check.h"

/* The delimiter csvr_sniff() decides for s (the whole input). */
static int
sniff(const char *s, struct csvr_delim *d)
{
	csvr_sniff(s, strlen(s), 1, d);
	return d->delim;
}

/* The fields of the first row after skip rows of s read by csvr (delim 0:
 * decided), joined by '/'. */
static void
first_row(const char *s, int delim, int skip, char *out, size_t cap)
{
	FILE *in = fmemopen((void *)s, strlen(s), "rb");
	struct csvr *r = csvr_open(in, 1, delim);
	struct csvr_batch *b = csvr_next(r);
	size_t i, off = 0, n = 0;
	int row = 0;

	out[0] = '\0';
	for (i = 0; i < b->nev; i++) {
		uint64_t e = b->ev[i];

		if (CSVR_TAG(e) == CSVR_ROW) {
			if (row++ == skip)
				break;
			n = 0;
			out[0] = '\0';
		} else if (CSVR_TAG(e) == CSVR_FIELD) {
			size_t len = (size_t)CSVR_VAL(e);

			if (row == skip)
				n += (size_t)snprintf(out + n, cap - n, "%s%.*s",
				    n ? "/" : "", (int)len, b->data + off);
			off += len;
		}
	}
	csvr_close(r, b);
	fclose(in);
}

int
main(void)
{
	struct csvr_delim d;
	char row[256], big[40000];
	size_t i;

	CHECK(sniff("Date,Supplier,Amount\n1/4/24,A,1.00\n2/4/24,B,2.00\n",
	    &d) == ',' && d.per_row == 2 && d.rows == 3 && d.sampled == 3,
	    "comma: 2 per line on 3 of 3");
	CHECK(sniff("Spend April 2024\n\nDate\tSupplier\tAmount\n"
	    "1/4/24\tA\t1.00\n2/4/24\tB\t2.00\n", &d) == '\t' &&
	    d.rows == 3 && d.sampled == 4, "tab under a title row");
	CHECK(sniff("Date;Supplier;Amount\n1/4/24;\"A; B\";1.00\n"
	    "2/4/24;B;2.00\n", &d) == ';', "semicolon, one quoted inside");
	CHECK(sniff("Date|Supplier|Amount\n1/4/24|A|1.00\n", &d) == '|',
	    "pipe");
	CHECK(sniff("Date,Supplier,Amount,Description\n"
	    "1/4/24,A,1.00,one; two; three\n"
	    "2/4/24,B,2.00,\"a;b;c|d|e\"\n"
	    "3/4/24,C,3.00,x\ty\tz\n"
	    "4/4/24,D,4.00,p|q|r\n", &d) == ',',
	    "comma with semicolons, pipes and tabs in descriptions");
	CHECK(sniff("Date\tSupplier\tAmount\tNet\n"
	    "1/4/24\tA, B and C\t1,234.56\t1,000.00\n"
	    "2/4/24\tB\t12.00\t10.00\n"
	    "3/4/24\tC\t2,000.00\t1,500.00\n", &d) == '\t',
	    "tab with unquoted thousands separators");
	CHECK(sniff("Date\tAddress\tAmount\n"
	    "1/4/24\tLeeds, West Yorks, LS1\t1.00\n"
	    "2/4/24\tYork, North Yorks, YO1\t2.00\n", &d) == '\t',
	    "tab with two commas on every data row: the header decides");
	CHECK(sniff("Supplier\nAcme\nBeta; Gamma; Delta\n", &d) == ',' &&
	    d.per_row == 0, "one column: comma, the default");
	CHECK(sniff("", &d) == ',' && d.sampled == 0, "empty: comma");
	CHECK(sniff("Name,Note\nA,x|y|z\nB,p\nC,q\n", &d) == ',',
	    "two columns with pipes on a few rows: pipes do not decide");
	CHECK(sniff("\"a,b,c\";\"d,e\";f\n\"g,h,i\";j;k\n", &d) == ';',
	    "commas inside quotes are not counted");
	CHECK(sniff("\"multi\nline, with, commas\";b;c\nd;e;f\n", &d) == ';',
	    "a quoted line break does not end the row");
	CHECK(sniff("\"a\"\"b,c\";d;e\n\"f\" ,g\";h;i\nj;k;l\n", &d) == ';'
	    && d.rows == 3, "after \"\" or a stray byte a quoted field goes on");
	CHECK(sniff("a 12\" b;c;d\ne;f\"g,h,i\";j\nk;l;m\n", &d) == ';',
	    "a quote inside an unquoted field opens nothing");
	CHECK(sniff("a,b,c\n1,2,3\n4,5,6\n", &d) == ',' &&
	    sniff("a;b;c\n1;2;3\n4,5,6\n", &d) == ';',
	    "most consistent rows win");

	/* a cut-off last row is not counted unless the input is whole */
	csvr_sniff("a|b|c\nd|e", 9, 0, &d);
	CHECK(d.sampled == 1, "a cut-off row is left out");
	/* only the first CSVR_SNIFF_ROWS rows are looked at */
	for (i = 0; i + 8 < sizeof big; i += 8)
		memcpy(big + i, i < 8 * CSVR_SNIFF_ROWS ? "a;b;c;d\n" :
		    "a,b,c,d\n", 8);
	big[i] = '\0';
	CHECK(sniff(big, &d) == ';' && d.sampled == CSVR_SNIFF_ROWS,
	    "the first %d rows decide", CSVR_SNIFF_ROWS);

	CHECK(csvr_delim_parse("tab") == '\t' && csvr_delim_parse("\\t") ==
	    '\t' && csvr_delim_parse("\t") == '\t' &&
	    csvr_delim_parse(",") == ',' && csvr_delim_parse(";") == ';' &&
	    csvr_delim_parse("|") == '|' && csvr_delim_parse("pipe") == '|' &&
	    csvr_delim_parse("semicolon") == ';' &&
	    csvr_delim_parse("comma") == ',', "delimiter names");
	CHECK(csvr_delim_parse("x") == 0 && csvr_delim_parse("") == 0 &&
	    csvr_delim_parse(",,") == 0, "not delimiters");
	CHECK_STR(csvr_delim_name('\t'), "tab", "tab's name");

	first_row("Title\nd\ts\ta\n1\t\"x\ty\"\t3\n", 0, 2, row, sizeof row);
	CHECK_STR(row, "1/x\ty/3", "the reader splits at the tab it decided");
	first_row("a|b\n1,5|2\n", '|', 1, row, sizeof row);
	CHECK_STR(row, "1,5/2", "a forced delimiter");
	first_row("\xEF\xBB\xBF" "a;b;c\n1;2;3\n", 0, 1, row, sizeof row);
	CHECK_STR(row, "1/2/3", "after a BOM");
	return DONE();
}
