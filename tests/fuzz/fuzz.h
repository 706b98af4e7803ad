/* fuzz.h: what every harness shares.  FUZZ_ASSERT(cond) reports the broken
 * property with the harness's file and line, then aborts, so libFuzzer
 * (and the replay driver under ASan) saves or reports the input. */
#ifndef SPENDLENS_FUZZ_H
#define SPENDLENS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property failed: %s\n", \
		    __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
