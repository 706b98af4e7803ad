/* replay: a plain main for the fuzz harnesses, so the regression inputs
 * under tests/fuzz/regress/ run under gcc + ASan/UBSan without libFuzzer.
 * Usage: replay FILE|DIR...; each file is one input, a folder's files are
 * run in name order.  A broken property aborts (status 134). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Harnesses that set up state once define this, as libFuzzer expects. */
int	LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Run the harness on one file's bytes; returns 0, or 1 when unreadable. */
static int
run_file(const char *path)
{
	FILE *fp;
	char *p = NULL;
	size_t n = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return 1;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(p, cap)) == NULL) {
				perror("realloc");
				exit(1);
			}
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	fclose(fp);
	/* a copy of exactly n bytes, so ASan sees reads past the input */
	{
		uint8_t *exact = malloc(n ? n : 1);

		if (exact == NULL)
			exit(1);
		memcpy(exact, p, n);
		free(p);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	printf("replayed %s (%zu bytes)\n", path, n);
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		struct dirent *e;
		char **names = NULL, path[4096];
		size_t nn = 0, k;

		if (d == NULL) {
			bad |= run_file(argv[i]);
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof *names);
			if (names == NULL || (names[nn] = strdup(e->d_name)) == NULL)
				exit(1);
			nn++;
		}
		closedir(d);
		qsort(names, nn, sizeof *names, cmp_names);
		for (k = 0; k < nn; k++) {
			snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
			bad |= run_file(path);
			free(names[k]);
		}
		free(names);
	}
	return bad;
}
