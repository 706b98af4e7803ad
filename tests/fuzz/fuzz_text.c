/* fuzz_text: text_clean on any bytes must write valid UTF-8 (checked with
 * utf8_valid), with no control characters, trimmed and squeezed when
 * asked; cleaning clean text changes nothing; valid input needs no repair;
 * JSON escaping the result and decoding it gives it back.  The first byte
 * of the input picks the flags. */
#include <string.h>

#include "lib/rec.h"
#include "lib/text.h"
#include "lib/util.h"
#include "fuzz.h"

/* 1 when the valid UTF-8 s holds a C0 or C1 control character or DEL. */
static int
has_control(const char *s, size_t len)
{
	uint32_t cp;
	size_t i = 0, w;

	while (i < len) {
		w = utf8_decode(s + i, len - i, &cp);
		FUZZ_ASSERT(w > 0);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			return 1;
		i += w;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = {0}, again = {0}, esc = {0}, dec = {0}, enc = {0};
	const char *s;
	size_t repaired, i, w;
	uint32_t cp;
	int flags;

	if (size == 0)
		return 0;
	flags = data[0] & (TEXT_TRIM | TEXT_SQUEEZE);
	s = (const char *)data + 1;
	size--;

	buf_adds(&out, "");	/* p non-NULL even for empty output */
	repaired = text_clean(&out, s, size, flags);
	FUZZ_ASSERT(utf8_valid(out.p, out.len));
	FUZZ_ASSERT(memchr(out.p, '\0', out.len) == NULL);
	FUZZ_ASSERT(!has_control(out.p, out.len));
	if (repaired == 0)
		FUZZ_ASSERT(utf8_valid(s, size));
	if (flags & TEXT_TRIM && out.len > 0)
		FUZZ_ASSERT(out.p[0] != ' ' && out.p[out.len - 1] != ' ');
	if (flags & TEXT_SQUEEZE)
		FUZZ_ASSERT(out.len < 2 || strstr(out.p, "  ") == NULL);

	/* clean text is a fixed point */
	buf_adds(&again, "");
	FUZZ_ASSERT(text_clean(&again, out.p, out.len, flags) == 0);
	FUZZ_ASSERT(again.len == out.len &&
	    memcmp(again.p, out.p, out.len) == 0);

	/* decode and re-encode every code point gives the same bytes */
	buf_adds(&enc, "");
	for (i = 0; i < out.len; i += w) {
		w = utf8_decode(out.p + i, out.len - i, &cp);
		FUZZ_ASSERT(w > 0 && w <= 4);
		utf8_put(&enc, cp);
	}
	FUZZ_ASSERT(enc.len == out.len && memcmp(enc.p, out.p, out.len) == 0);

	/* JSON round trip */
	buf_addc(&esc, '"');
	json_escape(&esc, out.p, out.len);
	buf_addc(&esc, '"');
	FUZZ_ASSERT(utf8_valid(esc.p, esc.len));
	FUZZ_ASSERT(json_str_decode(esc.p, esc.len, &dec) == 0);
	FUZZ_ASSERT(dec.len == out.len &&
	    (out.len == 0 || memcmp(dec.p, out.p, out.len) == 0));

	buf_free(&out);
	buf_free(&again);
	buf_free(&esc);
	buf_free(&dec);
	buf_free(&enc);
	return 0;
}
