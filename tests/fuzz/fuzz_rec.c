/* fuzz_rec: rec_parse on any bytes must either fail with a message or give
 * a record whose serialisation is one valid line that parses again to the
 * same fields, and serialises to the same bytes (a fixed point).  Every
 * string field decodes to valid UTF-8.  Inputs holding a newline are
 * skipped: rec_next never passes one, and a raw newline inside a nested
 * value would be kept byte for byte. */
#include <string.h>

#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec r, r2;
	struct buf line = {0}, line2 = {0}, str = {0};
	char err[256];
	size_t i;
	int rc;

	/* rec_next only ever hands rec_parse one line */
	if (memchr(data, '\n', size) != NULL)
		return 0;
	rec_init(&r);
	rec_init(&r2);
	err[0] = '\0';
	if (rec_parse(&r, (const char *)data, size, err, sizeof err) != 0) {
		FUZZ_ASSERT(err[0] != '\0');
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
		goto done;
	}
	rec_serialize(&r, &line);
	FUZZ_ASSERT(line.len > 0 && line.p[line.len - 1] == '\n');
	FUZZ_ASSERT(memchr(line.p, '\n', line.len - 1) == NULL);
	FUZZ_ASSERT(utf8_valid(line.p, line.len));

	err[0] = '\0';
	rc = rec_parse(&r2, line.p, line.len - 1, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "reparse: %s\n", err);
	FUZZ_ASSERT(rc == 0);
	FUZZ_ASSERT(r2.n == r.n);
	rec_serialize(&r2, &line2);
	FUZZ_ASSERT(line2.len == line.len &&
	    memcmp(line2.p, line.p, line.len) == 0);

	for (i = 0; i < r2.n; i++) {
		char key[64];
		const struct rec_field *f = &r2.f[i];

		if (f->klen >= sizeof key || memchr(f->key, '\\', f->klen) ||
		    memchr(f->key, '\0', f->klen))
			continue;
		if (f->klen == 0 && fuzz_skip("rec-get-empty-key"))
			continue;
		memcpy(key, f->key, f->klen);
		key[f->klen] = '\0';
		FUZZ_ASSERT(rec_get(&r2, key) != NULL);
		rc = rec_get_str(&r2, key, &str);
		FUZZ_ASSERT(rc >= -1 && rc <= 1);
		if (rc == 1)
			FUZZ_ASSERT(str.len == 0 || utf8_valid(str.p, str.len));
	}
done:
	rec_free(&r);
	rec_free(&r2);
	buf_free(&line);
	buf_free(&line2);
	buf_free(&str);
	return 0;
}
