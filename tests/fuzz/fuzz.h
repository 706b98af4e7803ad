/* fuzz.h: what every harness shares.  FUZZ_ASSERT(cond) reports the broken
 * property with the harness's file and line, then aborts, so libFuzzer
 * (and the replay driver under ASan) saves or reports the input. */
#ifndef SPENDLENS_FUZZ_H
#define SPENDLENS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property failed: %s\n", \
		    __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* 1 when the bug named id is listed in $FUZZ_SKIP (make fuzz
 * FUZZ_SKIP="id ..."): lets a long run get past a bug that is reported but
 * not fixed yet, while tests/fuzz/regress/ keeps replaying it. */
static inline int
fuzz_skip(const char *id)
{
	static const char *skip;
	static int init;

	if (!init) {
		skip = getenv("FUZZ_SKIP");
		init = 1;
	}
	return skip != NULL && strstr(skip, id) != NULL;
}

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
