/* fuzz_rec: rec_parse on any bytes must either fail with a message or give
 * a record whose serialisation is one valid line that parses again to the
 * same fields, and serialises to the same bytes (a fixed point).  Every
 * string field decodes to valid UTF-8.  Inputs holding a newline are
 * skipped: rec_next never passes one, and a raw newline inside a nested
 * value would be kept byte for byte.
 *
 * The fast scanner agrees with it: on a line rec_parse takes, both modes
 * give the same members with the same spans; on valid UTF-8 without
 * nested values, a line the checked scanner takes is one rec_parse takes
 * unless a key repeats. */
#include <string.h>

#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"
#include "fuzz.h"

/* Scan the line with the fast scanner (checked or not); the number of
 * members, or -1 when it rejects the line.  With r, every member must be
 * r's field of the same place, by span.  *nested says a value nests. */
static int
scan_all(const char *s, size_t n, int check, const struct rec *r,
    int *nested)
{
	struct rec_scan sc;
	struct rec_member m;
	int rc, nm = 0;

	*nested = 0;
	if (rec_scan_begin(&sc, s, n) != 0)
		return -1;
	sc.check = check;
	while ((rc = rec_scan_next(&sc, &m)) > 0) {
		if (r != NULL) {
			FUZZ_ASSERT((size_t)nm < r->n);
			FUZZ_ASSERT(m.key == r->f[nm].key &&
			    m.klen == r->f[nm].klen);
			FUZZ_ASSERT(m.val == r->f[nm].val &&
			    m.vlen == r->f[nm].vlen);
			FUZZ_ASSERT(!check || ((m.esc & REC_ESC_VAL) != 0) ==
			    (m.val[0] == '"' &&
			    memchr(m.val, '\\', m.vlen) != NULL));
		}
		*nested |= m.val[0] == '{' || m.val[0] == '[';
		nm++;
	}
	return rc < 0 ? -1 : nm;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec r, r2;
	struct buf line = {0}, line2 = {0}, str = {0};
	char err[256];
	size_t i;
	int rc, nested;

	/* rec_next only ever hands rec_parse one line */
	if (memchr(data, '\n', size) != NULL)
		return 0;
	rec_init(&r);
	rec_init(&r2);
	err[0] = '\0';
	if (rec_parse(&r, (const char *)data, size, err, sizeof err) != 0) {
		FUZZ_ASSERT(err[0] != '\0');
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
		if (scan_all((const char *)data, size, 1, NULL, &nested) >= 0 &&
		    !nested && utf8_valid((const char *)data, size))
			FUZZ_ASSERT(strstr(err, "duplicate key") != NULL);
		goto done;
	}
	FUZZ_ASSERT(scan_all((const char *)data, size, 0, &r, &nested) ==
	    (int)r.n);
	FUZZ_ASSERT(scan_all((const char *)data, size, 1, &r, &nested) ==
	    (int)r.n);
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
