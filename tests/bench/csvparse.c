/* csvparse: the bench baseline.  Runs libcsv's csv_parse with empty
 * callbacks over each file in 1 MiB reads and prints the number of fields
 * and rows seen, so the bench can show how much of normalise's time is
 * the CSV tokenizer itself.  Usage: csvparse FILE... */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#define BLOCK (1 << 20)

struct count {
	unsigned long long	fields;	/* field callbacks seen */
	unsigned long long	rows;	/* row callbacks seen */
};

/* The callbacks only count, so the compiler cannot drop the parse. */
static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct count *)data)->fields++;
}

static void
on_row(int c, void *data)
{
	(void)c;
	((struct count *)data)->rows++;
}

/* Parse one file; returns 0, or 1 with a message on a read or parse error. */
static int
parse_file(const char *path, char *block, struct count *n)
{
	struct csv_parser p;
	ssize_t got;
	int fd, bad = 0;

	if ((fd = open(path, O_RDONLY)) < 0) {
		fprintf(stderr, "csvparse: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (csv_init(&p, 0) != 0) {
		fprintf(stderr, "csvparse: csv_init failed\n");
		exit(1);
	}
	while ((got = read(fd, block, BLOCK)) > 0) {
		if (csv_parse(&p, block, (size_t)got, on_field, on_row, n) !=
		    (size_t)got) {
			fprintf(stderr, "csvparse: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			bad = 1;
			break;
		}
	}
	if (got < 0) {
		fprintf(stderr, "csvparse: %s: %s\n", path, strerror(errno));
		bad = 1;
	}
	if (!bad)
		csv_fini(&p, on_field, on_row, n);
	csv_free(&p);
	close(fd);
	return bad;
}

int
main(int argc, char **argv)
{
	struct count n = {0, 0};
	char *block;
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: csvparse file ...\n");
		return 2;
	}
	if ((block = malloc(BLOCK)) == NULL) {
		fprintf(stderr, "csvparse: out of memory\n");
		return 1;
	}
	for (i = 1; i < argc; i++)
		bad |= parse_file(argv[i], block, &n);
	free(block);
	printf("%llu fields\n%llu rows\n", n.fields, n.rows);
	return bad;
}
