/* check.h: a few macros for unit tests that print TAP lines for
 * tests/run.sh.  CHECK(cond, name...) prints "ok - name" or "not ok - name"
 * with the file and line; DONE() returns the exit status. */
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>
#include <string.h>
static int check_failed;
#define CHECK(cond, ...) do { \
	int c_ = (cond) ? 1 : 0; \
	printf(c_ ? "ok - " : "not ok - "); \
	check_failed += !c_; \
	printf(__VA_ARGS__); \
	if (!c_) printf("\n#   %s:%d: %s", __FILE__, __LINE__, #cond); \
	printf("\n"); \
} while (0)
#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int eq_ = g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0; \
	CHECK(eq_, __VA_ARGS__); \
	if (!eq_) printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)
#define DONE() (fflush(stdout), check_failed ? 1 : 0)
#endif
