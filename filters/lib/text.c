/* text: see text.h. */
#include <string.h>

#include "text.h"

static const uint16_t cp1252_hi[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

uint32_t
cp1252_to_unicode(unsigned char c)
{
	if (c >= 0x80 && c <= 0x9F)
		return cp1252_hi[c - 0x80];
	return c;
}

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2;
		c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char t[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, t, 4);
	}
}

size_t
text_bom_len(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		if (len - i >= 3 && memcmp(s + i, "\xEF\xBB\xBF", 3) == 0)
			i += 3;
		else if (len - i >= 6 &&
		    memcmp(s + i, "\xC3\xAF\xC2\xBB\xC2\xBF", 6) == 0)
			i += 6;
		else
			return i;
	}
}

/* Is cp white space we fold to ' '? */
static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\v' || cp == '\f' || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000 || cp == 0x85;
}

size_t
text_clean(struct buf *out, const char *s, size_t len, int flags)
{
	size_t i = 0, n, repaired = 0, start = out->len;
	int pend_space = 0, any = 0;
	uint32_t cp;

	buf_grow(out, len + len / 2 + 4);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F) {
			/* fast path: printable ASCII */
			if (c == ' ') {
				if (any || !(flags & TEXT_TRIM)) {
					if (flags & TEXT_SQUEEZE)
						pend_space = 1;
					else
						buf_addc(out, ' ');
				}
				i++;
				continue;
			}
			if (pend_space) {
				buf_addc(out, ' ');
				pend_space = 0;
			}
			{
				/* copy the whole run of printable ASCII */
				size_t j = i + 1;

				while (j < len && (unsigned char)s[j] > 0x20 &&
				    (unsigned char)s[j] < 0x7F)
					j++;
				buf_add(out, s + i, j - i);
				i = j;
			}
			any = 1;
			continue;
		}
		if (c < 0x80) {
			n = 1;
			cp = c;
		} else {
			n = utf8_decode(s + i, len - i, &cp);
			if (n == 0) {
				n = 1;
				cp = cp1252_to_unicode(c);
				repaired++;
			}
		}
		i += n;
		if (cp >= 0x80 && cp <= 0x9F) {
			cp = cp1252_to_unicode((unsigned char)cp);
			repaired++;
		}
		if (cp == 0xFEFF || cp == 0x200B || cp == 0x200C ||
		    cp == 0x200D || cp == 0x2060)
			continue;	/* BOM/zero-width inside text */
		if (is_space_cp(cp)) {
			if (flags & TEXT_SQUEEZE) {
				if (any || !(flags & TEXT_TRIM))
					pend_space = 1;
			} else if (any || !(flags & TEXT_TRIM))
				buf_addc(out, ' ');
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
			continue;	/* other controls are dropped */
		if (pend_space) {
			buf_addc(out, ' ');
			pend_space = 0;
		}
		utf8_put(out, cp);
		any = 1;
	}
	if ((flags & TEXT_TRIM) && !(flags & TEXT_SQUEEZE)) {
		while (out->len > start && out->p[out->len - 1] == ' ')
			out->len--;
		out->p[out->len] = '\0';
	}
	if (out->p != NULL)
		out->p[out->len] = '\0';
	return repaired;
}

void
json_escape(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	buf_grow(out, len + 2);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
			continue;
		buf_add(out, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':
			buf_add(out, "\\\"", 2);
			break;
		case '\\':
			buf_add(out, "\\\\", 2);
			break;
		case '\n':
			buf_add(out, "\\n", 2);
			break;
		case '\r':
			buf_add(out, "\\r", 2);
			break;
		case '\t':
			buf_add(out, "\\t", 2);
			break;
		default: {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4],
			    hex[c & 15] };
			buf_add(out, e, 6);
		}
		}
	}
	buf_add(out, s + run, len - run);
}

int
text_distance(const char *a, size_t alen, const char *b, size_t blen,
    int max)
{
	int row[64], prev, cur, best;
	size_t i, j;

	if (alen > 63 || blen > 63 ||
	    (alen > blen ? alen - blen : blen - alen) > (size_t)max)
		return max + 1;
	for (j = 0; j <= blen; j++)
		row[j] = (int)j;
	for (i = 1; i <= alen; i++) {
		prev = row[0];
		row[0] = (int)i;
		best = row[0];
		for (j = 1; j <= blen; j++) {
			cur = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (cur + 1 < row[j])
				row[j] = cur + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (row[j] < best)
				best = row[j];
			prev = cur;
		}
		if (best > max)
			return max + 1;
	}
	return row[blen] > max ? max + 1 : row[blen];
}

size_t
text_fold_alnum(char *out, size_t cap, const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len && n < cap - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			out[n++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[n++] = (char)c;
	}
	out[n] = '\0';
	return n;
}
