/* rec: see rec.h.  rec_parse validates the whole line as one JSON object
 * but keeps every value as a span of the original bytes; nothing is
 * decoded unless asked for. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "hash.h"
#include "money.h"
#include "rec.h"
#include "text.h"

/* The record key order (README.md, "Records"); other keys follow in arrival order.  Lengths
 * are compile-time constants, so lookups need no set-up. */
#define K(s)	{ s, sizeof s - 1 }
static const struct {
	const char	*k;
	size_t		 n;
} canon[] = {
	K("kind"), K("buyer"), K("buyer_id"), K("region"), K("date"),
	K("date_precision"), K("amount"), K("supplier"), K("supplier_ref"),
	K("redacted"), K("supplier_id"), K("supplier_name"), K("expense_type"),
	K("proclass"), K("service_area"), K("description"),
	K("transaction_id"), K("cpv"), K("title"), K("start"), K("end"),
	K("max_end"), K("value"), K("sme"), K("ocid"), K("stage"),
	K("sector"), K("category"), K("service"), K("why"), K("source")
};
#undef K
#define REC_NRANK ((int)(sizeof canon / sizeof canon[0]))

int
rec_key_rank(const char *k, size_t n)
{
	int i;

	if (n == 0)
		return -1;
	for (i = 0; i < REC_NRANK; i++)
		if (canon[i].n == n && canon[i].k[0] == k[0] &&
		    memcmp(canon[i].k, k, n) == 0)
			return i;
	return -1;
}

const char *
rec_key_name(int rank)
{
	return rank >= 0 && rank < REC_NRANK ? canon[rank].k : NULL;
}

void
rec_init(struct rec *rec)
{
	memset(rec, 0, sizeof *rec);
}

void
rec_clear(struct rec *rec)
{
	rec->n = 0;
	rec->next = 0;
	arena_reset(&rec->arena);	/* keeps the newest chunk */
}

void
rec_free(struct rec *rec)
{
	rec_clear(rec);
	arena_free(&rec->arena);
	free(rec->f);
	buf_free(&rec->tmp);
	memset(rec, 0, sizeof *rec);
}

static struct rec_field *
add_field(struct rec *rec)
{
	if (rec->n == rec->cap) {
		rec->cap = rec->cap ? rec->cap * 2 : 32;
		rec->f = ereallocarray(rec->f, rec->cap, sizeof *rec->f);
	}
	return &rec->f[rec->n++];
}

/* --- parsing ----------------------------------------------------------- */

struct pstate {
	const char	*s;	/* input */
	const char	*end;	/* one past the last byte */
	const char	*p;	/* cursor */
	char		*err;	/* message buffer */
	size_t		 errlen;
};

static int
perr(struct pstate *ps, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (ps->errlen == 0)
		return -1;
	n = snprintf(ps->err, ps->errlen, "column %ld: ",
	    (long)(ps->p - ps->s) + 1);
	if (n < 0 || (size_t)n >= ps->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void
skip_ws(struct pstate *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\r' || *ps->p == '\n'))
		ps->p++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of the valid JSON escape at p[0] == '\\' (2, or 6 for \\uXXXX),
 * or 0 when it is not one; e is the end of the input. */
static size_t
esc_len(const char *p, const char *e)
{
	if (e - p < 2)
		return 0;
	switch (p[1]) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r':
	case 't':
		return 2;
	case 'u':
		if (e - p < 6 || hexval(p[2]) < 0 || hexval(p[3]) < 0 ||
		    hexval(p[4]) < 0 || hexval(p[5]) < 0)
			return 0;
		return 6;
	}
	return 0;
}

#define DIGIT(c)	((c) >= '0' && (c) <= '9')

/* The end of the JSON number at p, or NULL with *bad at the byte that
 * breaks JSON's number syntax. */
static const char *
num_end(const char *p, const char *e, const char **bad)
{
	if (p < e && *p == '-')
		p++;
	if (p >= e || !DIGIT(*p))
		goto fail;
	if (*p == '0')
		p++;
	else
		while (p < e && DIGIT(*p))
			p++;
	if (p < e && *p == '.') {
		if (++p >= e || !DIGIT(*p))
			goto fail;
		while (p < e && DIGIT(*p))
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p >= e || !DIGIT(*p))
			goto fail;
		while (p < e && DIGIT(*p))
			p++;
	}
	return p;
fail:
	*bad = p;
	return NULL;
}

/* At an opening quote: move past the closing one.  Checks escapes and
 * UTF-8. */
static int
scan_string(struct pstate *ps)
{
	const char *p = ps->p + 1;
	uint32_t cp;
	size_t n;

	for (;;) {
		/* fast scan over plain ASCII */
		while (p < ps->end && (unsigned char)*p >= 0x20 && *p != '"' &&
		    *p != '\\' && (unsigned char)*p < 0x80)
			p++;
		if (p >= ps->end) {
			ps->p = p;
			return perr(ps, "unterminated string");
		}
		if (*p == '"') {
			ps->p = p + 1;
			return 0;
		}
		if (*p == '\\') {
			if (p + 1 >= ps->end) {
				ps->p = p;
				return perr(ps, "unterminated string");
			}
			if ((n = esc_len(p, ps->end)) == 0) {
				ps->p = p;
				return p[1] == 'u' ? perr(ps, "bad \\u escape") :
				    perr(ps, "bad escape \\%c", p[1]);
			}
			p += n;
			continue;
		}
		if ((unsigned char)*p < 0x20) {
			ps->p = p;
			return perr(ps, "control character in string");
		}
		n = utf8_decode(p, (size_t)(ps->end - p), &cp);
		if (n == 0) {
			ps->p = p;
			return perr(ps, "invalid UTF-8 in string");
		}
		p += n;
	}
}

static int
scan_number(struct pstate *ps)
{
	const char *q = num_end(ps->p, ps->end, &ps->p);

	if (q == NULL)
		return perr(ps, "bad number");
	ps->p = q;
	return 0;
}

static int
scan_value(struct pstate *ps, int depth)
{
	char c;

	if (ps->p >= ps->end)
		return perr(ps, "value expected");
	c = *ps->p;
	switch (c) {
	case '"':
		return scan_string(ps);
	case '{':
	case '[':
		if (depth >= REC_MAX_DEPTH)
			return perr(ps, "nested deeper than %d", REC_MAX_DEPTH);
		ps->p++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == (c == '{' ? '}' : ']')) {
			ps->p++;
			return 0;
		}
		for (;;) {
			skip_ws(ps);
			if (c == '{') {
				if (ps->p >= ps->end || *ps->p != '"')
					return perr(ps, "key expected");
				if (scan_string(ps) != 0)
					return -1;
				skip_ws(ps);
				if (ps->p >= ps->end || *ps->p != ':')
					return perr(ps, "':' expected");
				ps->p++;
				skip_ws(ps);
			}
			if (scan_value(ps, depth + 1) != 0)
				return -1;
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == (c == '{' ? '}' : ']')) {
				ps->p++;
				return 0;
			}
			return perr(ps, "',' or '%c' expected",
			    c == '{' ? '}' : ']');
		}
	case 't':
		if (ps->end - ps->p >= 4 && memcmp(ps->p, "true", 4) == 0) {
			ps->p += 4;
			return 0;
		}
		break;
	case 'f':
		if (ps->end - ps->p >= 5 && memcmp(ps->p, "false", 5) == 0) {
			ps->p += 5;
			return 0;
		}
		break;
	case 'n':
		if (ps->end - ps->p >= 4 && memcmp(ps->p, "null", 4) == 0) {
			ps->p += 4;
			return 0;
		}
		break;
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return scan_number(ps);
	}
	return perr(ps, "unexpected '%c'", c);
}

#define DUP_LINEAR 32	/* keys checked pairwise up to this many */

struct keyref {
	uint64_t		 h;	/* hash of the key */
	const struct rec_field	*f;
};

static int
keyref_cmp(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	size_t n;
	int c;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	n = x->f->klen < y->f->klen ? x->f->klen : y->f->klen;
	c = memcmp(x->f->key, y->f->key, n);
	if (c != 0)
		return c;
	return x->f->klen < y->f->klen ? -1 : x->f->klen > y->f->klen;
}

/* A field whose key appears twice in rec, or NULL. */
static struct rec_field *
find_duplicate(struct rec *rec)
{
	struct keyref *kr = ereallocarray(NULL, rec->n, sizeof *kr);
	struct rec_field *dup = NULL;
	size_t i;

	for (i = 0; i < rec->n; i++) {
		kr[i].h = hash64(rec->f[i].key, rec->f[i].klen, 0);
		kr[i].f = &rec->f[i];
	}
	qsort(kr, rec->n, sizeof *kr, keyref_cmp);
	for (i = 1; i < rec->n && dup == NULL; i++)
		if (keyref_cmp(&kr[i - 1], &kr[i]) == 0)
			dup = (struct rec_field *)kr[i].f;
	free(kr);
	return dup;
}

int
rec_parse(struct rec *rec, const char *s, size_t len, char *err,
    size_t errlen)
{
	struct pstate ps = { s, s + len, s, err, errlen };
	struct rec_field *f;
	const char *k, *v;
	size_t i;
	int r;

	rec_clear(rec);
	if (errlen > 0)
		err[0] = '\0';
	skip_ws(&ps);
	if (ps.p >= ps.end || *ps.p != '{')
		return perr(&ps, "not a JSON object");
	ps.p++;
	skip_ws(&ps);
	if (ps.p < ps.end && *ps.p == '}') {
		ps.p++;
		goto tail;
	}
	for (;;) {
		skip_ws(&ps);
		if (ps.p >= ps.end || *ps.p != '"')
			return perr(&ps, "key expected");
		k = ps.p;
		if (scan_string(&ps) != 0)
			return -1;
		skip_ws(&ps);
		if (ps.p >= ps.end || *ps.p != ':')
			return perr(&ps, "':' expected");
		ps.p++;
		skip_ws(&ps);
		v = ps.p;
		if (scan_value(&ps, 1) != 0)
			return -1;
		f = add_field(rec);
		f->key = k + 1;
		{
			/* key length: up to the closing quote */
			const char *q = k + 1;

			while (*q != '"')
				q += *q == '\\' ? 2 : 1;
			f->klen = (size_t)(q - (k + 1));
		}
		f->val = v;
		f->vlen = (size_t)(ps.p - v);
		r = rec_key_rank(f->key, f->klen);
		f->order = r >= 0 ? r : REC_NRANK + rec->next++;
		/* duplicate keys: pairwise while the record is small, then
		 * once at the end through a sort (wide records stay n log n) */
		for (i = 0; rec->n <= DUP_LINEAR && i + 1 < rec->n; i++)
			if (rec->f[i].klen == f->klen &&
			    memcmp(rec->f[i].key, f->key, f->klen) == 0) {
				ps.p = k;
				return perr(&ps, "duplicate key \"%.*s\"",
				    (int)(f->klen > 40 ? 40 : f->klen), f->key);
			}
		skip_ws(&ps);
		if (ps.p < ps.end && *ps.p == ',') {
			ps.p++;
			continue;
		}
		if (ps.p < ps.end && *ps.p == '}') {
			ps.p++;
			break;
		}
		return perr(&ps, "',' or '}' expected");
	}
tail:
	skip_ws(&ps);
	if (ps.p != ps.end)
		return perr(&ps, "text after the object");
	if (rec->n > DUP_LINEAR && (f = find_duplicate(rec)) != NULL) {
		ps.p = f->key - 1;
		return perr(&ps, "duplicate key \"%.*s\"",
		    (int)(f->klen > 40 ? 40 : f->klen), f->key);
	}
	return 0;
}

/* --- fast scan --------------------------------------------------------- */

/* End of the JSON string at p[0] == '"', or NULL when unterminated. */
static const char *
fs_str_end(const char *p, const char *e)
{
	const char *q = p + 1, *b;

	for (;;) {
		q = memchr(q, '"', (size_t)(e - q));
		if (q == NULL)
			return NULL;
		for (b = q; b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q + 1;
		q++;
	}
}

/* End of the JSON value at p, or NULL when it is not one. */
static const char *
fs_value_end(const char *p, const char *e)
{
	int depth = 0;

	if (p >= e)
		return NULL;
	if (*p == '"')
		return fs_str_end(p, e);
	if (*p != '[' && *p != '{') {
		const char *q = p;

		while (q < e && (*q == '-' || *q == '+' || *q == '.' ||
		    (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') ||
		    (*q >= 'A' && *q <= 'Z')))
			q++;
		if (q == p)
			return NULL;
		if ((*p >= 'a' && *p <= 'z') && !((q - p == 4 &&
		    (memcmp(p, "true", 4) == 0 || memcmp(p, "null", 4) == 0)) ||
		    (q - p == 5 && memcmp(p, "false", 5) == 0)))
			return NULL;
		return q;
	}
	for (; p < e; p++) {
		switch (*p) {
		case '"':
			p = fs_str_end(p, e);
			if (p == NULL)
				return NULL;
			p--;
			break;
		case '[':
		case '{':
			if (++depth > REC_MAX_DEPTH)
				return NULL;
			break;
		case ']':
		case '}':
			if (--depth == 0)
				return p + 1;
			break;
		}
	}
	return NULL;
}

/* First '"', '\\' or control byte at or after p, or e. */
static inline const char *
str_special(const char *p, const char *e)
{
#ifdef __SSE2__
	const __m128i dq = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);

	while (e - p >= 16) {
		__m128i v = _mm_loadu_si128((const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq),
		    _mm_cmpeq_epi8(v, bs)),
		    _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits != 0)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	for (; p < e; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\' || c < 0x20)
			return p;
	}
	return e;
}

/* Checked mode: the end of the JSON string at p[0] == '"', or NULL when
 * it is unterminated or holds a control byte or a bad escape.  Sets *esc
 * when it holds an escape. */
static inline const char *
fs_str_end_checked(const char *p, const char *e, int *esc)
{
	size_t n;

	for (p++;;) {
		p = str_special(p, e);
		if (p >= e)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p != '\\' || (n = esc_len(p, e)) == 0)
			return NULL;
		*esc = 1;
		p += n;
	}
}

/* Checked mode: the end of the scalar JSON value at p (string, number or
 * literal), or of a nested one by structure; NULL when it is not one. */
static inline const char *
fs_value_end_checked(const char *p, const char *e, int *esc)
{
	const char *bad;

	if (p >= e)
		return NULL;
	switch (*p) {
	case '"':
		return fs_str_end_checked(p, e, esc);
	case '{':
	case '[':
		return fs_value_end(p, e);
	case 't':
	case 'n':
		return e - p >= 4 && (memcmp(p, "true", 4) == 0 ||
		    memcmp(p, "null", 4) == 0) ? p + 4 : NULL;
	case 'f':
		return e - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
	}
	return num_end(p, e, &bad);
}

#define FS_WS(c)	((c) == ' ' || (c) == '\t' || (c) == '\r')

int
rec_scan_begin(struct rec_scan *sc, const char *line, size_t n)
{
	const char *p = line, *e = line + n;

	sc->line = line;
	sc->compact = 1;
	sc->first = 1;
	sc->check = 0;
	while (p < e && FS_WS(*p))
		p++, sc->compact = 0;
	while (e > p && FS_WS(e[-1]))
		e--, sc->compact = 0;
	if (e - p < 2 || *p != '{' || e[-1] != '}')
		return -1;
	sc->p = p + 1;
	sc->e = e - 1;
	return 0;
}

int
rec_scan_next(struct rec_scan *sc, struct rec_member *m)
{
	const char *p = sc->p, *e = sc->e, *k, *v;
	int kesc = 0, vesc = 0;

	while (p < e && FS_WS(*p))
		p++, sc->compact = 0;
	if (p == e) {
		sc->p = p;
		return 0;
	}
	if (!sc->first) {
		if (*p++ != ',')
			return -1;
		while (p < e && FS_WS(*p))
			p++, sc->compact = 0;
	}
	if (p == e || *p != '"')
		return -1;
	k = p;
	p = sc->check ? fs_str_end_checked(p, e, &kesc) : fs_str_end(p, e);
	if (p == NULL)
		return -1;
	m->key = k + 1;
	m->klen = (size_t)(p - k - 2);
	while (p < e && FS_WS(*p))
		p++, sc->compact = 0;
	if (p == e || *p++ != ':')
		return -1;
	while (p < e && FS_WS(*p))
		p++, sc->compact = 0;
	v = p;
	p = sc->check ? fs_value_end_checked(p, e, &vesc) :
	    fs_value_end(p, e);
	if (p == NULL)
		return -1;
	m->val = v;
	m->vlen = (size_t)(p - v);
	m->esc = (kesc ? REC_ESC_KEY : 0) | (vesc ? REC_ESC_VAL : 0);
	sc->p = p;
	sc->first = 0;
	return 1;
}

/* --- reader ------------------------------------------------------------ */

int
rec_reader_open(struct rec_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->name = input_name(path);
	if (path == NULL || strcmp(path, "-") == 0) {
		r->fp = stdin;
		return 0;
	}
	r->fp = fopen(path, "rb");
	if (r->fp == NULL)
		return -1;
	r->own = 1;
	return 0;
}

void
rec_reader_fdopen(struct rec_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
}

int
rec_next_line(struct rec_reader *r, const char **line, size_t *len)
{
	ssize_t n;
	size_t i;

	for (;;) {
		errno = 0;
		n = getline(&r->buf, &r->cap, r->fp);
		if (n < 0)
			return ferror(r->fp) ? -2 : 0;
		r->line++;
		for (i = 0; i < (size_t)n; i++)
			if (r->buf[i] != ' ' && r->buf[i] != '\t' &&
			    r->buf[i] != '\r' && r->buf[i] != '\n')
				break;
		if (i == (size_t)n)
			continue;
		if (r->buf[n - 1] == '\n')
			r->buf[--n] = '\0';
		if (memchr(r->buf, '\0', (size_t)n) != NULL) {
			snprintf(r->err, sizeof r->err, "NUL byte in line");
			return -1;
		}
		*line = r->buf;
		*len = (size_t)n;
		return 1;
	}
}

int
rec_next(struct rec_reader *r, struct rec *rec)
{
	const char *line;
	size_t len;
	int rc = rec_next_line(r, &line, &len);

	if (rc != 1)
		return rc;
	if (rec_parse(rec, line, len, r->err, sizeof r->err) != 0)
		return -1;
	return 1;
}

void
rec_reader_close(struct rec_reader *r)
{
	if (r->own && r->fp != NULL)
		fclose(r->fp);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

/* --- access ------------------------------------------------------------ */

const struct rec_field *
rec_get(const struct rec *rec, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < rec->n; i++)
		if (rec->f[i].klen == n && (n == 0 ||
		    (rec->f[i].key[0] == key[0] &&
		    memcmp(rec->f[i].key, key, n) == 0)))
			return &rec->f[i];
	return NULL;
}

int
json_str_decode(const char *v, size_t len, struct buf *out)
{
	size_t i, run;

	if (len < 2 || v[0] != '"' || v[len - 1] != '"')
		return -1;
	v++;
	len -= 2;
	run = 0;
	for (i = 0; i < len; i++) {
		uint32_t cp;

		if (v[i] != '\\')
			continue;
		buf_add(out, v + run, i - run);
		if (i + 1 >= len)
			return -1;
		switch (v[++i]) {
		case '"': buf_addc(out, '"'); break;
		case '\\': buf_addc(out, '\\'); break;
		case '/': buf_addc(out, '/'); break;
		case 'b': buf_addc(out, '\b'); break;
		case 'f': buf_addc(out, '\f'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'u':
			if (i + 4 >= len)
				return -1;
			{
				int a = hexval(v[i + 1]), b = hexval(v[i + 2]),
				    c = hexval(v[i + 3]), d = hexval(v[i + 4]);

				if (a < 0 || b < 0 || c < 0 || d < 0)
					return -1;
				cp = (uint32_t)(a << 12 | b << 8 | c << 4 | d);
			}
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < len &&
			    v[i + 1] == '\\' && v[i + 2] == 'u') {
				int a = hexval(v[i + 3]), b = hexval(v[i + 4]),
				    c = hexval(v[i + 5]), d = hexval(v[i + 6]);
				uint32_t lo;

				if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
					lo = (uint32_t)(a << 12 | b << 8 |
					    c << 4 | d);
					if (lo >= 0xDC00 && lo <= 0xDFFF) {
						cp = 0x10000 + ((cp - 0xD800)
						    << 10) + (lo - 0xDC00);
						i += 6;
					}
				}
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD;
			utf8_put(out, cp);
			break;
		default:
			return -1;
		}
		run = i + 1;
	}
	buf_add(out, v + run, len - run);
	return 0;
}

int
rec_get_str(const struct rec *rec, const char *key, struct buf *out)
{
	const struct rec_field *f = rec_get(rec, key);

	buf_reset(out);
	if (f == NULL || (f->vlen == 4 && memcmp(f->val, "null", 4) == 0))
		return 0;
	if (f->val[0] != '"') {
		buf_add(out, f->val, f->vlen);
		return -1;
	}
	if (json_str_decode(f->val, f->vlen, out) != 0) {
		buf_reset(out);
		buf_add(out, f->val, f->vlen);
		return -1;
	}
	return 1;
}

int
rec_get_money(const struct rec *rec, const char *key, int64_t *pence)
{
	const struct rec_field *f = rec_get(rec, key);
	const char *v;
	size_t n;

	if (f == NULL || (f->vlen == 4 && memcmp(f->val, "null", 4) == 0))
		return 0;
	v = f->val;
	n = f->vlen;
	if (n >= 2 && v[0] == '"') {
		v++;
		n -= 2;
		if (memchr(v, '\\', n) != NULL)
			return -1;
	} else if (!(v[0] == '-' || (v[0] >= '0' && v[0] <= '9')))
		return -1;
	return money_parse(v, n, pence) == MONEY_OK ? 1 : -1;
}

/* --- setting ----------------------------------------------------------- */

void
rec_set_raw(struct rec *rec, const char *key, const char *json, size_t len)
{
	struct rec_field *f = (struct rec_field *)rec_get(rec, key);
	int r;

	if (f == NULL) {
		size_t kl = strlen(key);

		f = add_field(rec);
		f->key = arena_copy(&rec->arena, key, kl);
		f->klen = kl;
		r = rec_key_rank(key, kl);
		f->order = r >= 0 ? r : REC_NRANK + rec->next++;
	}
	f->val = arena_copy(&rec->arena, json, len);
	f->vlen = len;
}

void
rec_set_str(struct rec *rec, const char *key, const char *s, size_t len)
{
	buf_reset(&rec->tmp);
	buf_addc(&rec->tmp, '"');
	json_escape(&rec->tmp, s, len);
	buf_addc(&rec->tmp, '"');
	rec_set_raw(rec, key, rec->tmp.p, rec->tmp.len);
}

void
rec_set_money(struct rec *rec, const char *key, int64_t pence)
{
	char b[MONEY_FMT_MAX];

	rec_set_raw(rec, key, b, money_fmt(b, pence));
}

void
rec_set_int(struct rec *rec, const char *key, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", v);

	rec_set_raw(rec, key, b, (size_t)n);
}

void
rec_set_bool(struct rec *rec, const char *key, int v)
{
	rec_set_raw(rec, key, v ? "true" : "false", v ? 4 : 5);
}

void
rec_set_null(struct rec *rec, const char *key)
{
	rec_set_raw(rec, key, "null", 4);
}

void
rec_del(struct rec *rec, const char *key)
{
	const struct rec_field *f = rec_get(rec, key);
	size_t i;

	if (f == NULL)
		return;
	i = (size_t)(f - rec->f);
	memmove(&rec->f[i], &rec->f[i + 1], (rec->n - i - 1) * sizeof *f);
	rec->n--;
}

/* --- writing ----------------------------------------------------------- */

void
rec_serialize(const struct rec *rec, struct buf *out)
{
	size_t idx_small[64], *idx = idx_small, i, j, t;

	if (rec->n > 64)
		idx = ereallocarray(NULL, rec->n, sizeof *idx);
	for (i = 0; i < rec->n; i++) {
		/* insertion sort by order: records arrive nearly sorted */
		t = i;
		for (j = i; j > 0 && rec->f[idx[j - 1]].order > rec->f[t].order;
		    j--)
			idx[j] = idx[j - 1];
		idx[j] = t;
	}
	buf_addc(out, '{');
	for (i = 0; i < rec->n; i++) {
		const struct rec_field *f = &rec->f[idx[i]];

		if (i > 0)
			buf_addc(out, ',');
		buf_grow(out, f->klen + f->vlen + 3);
		out->p[out->len++] = '"';
		memcpy(out->p + out->len, f->key, f->klen);
		out->len += f->klen;
		out->p[out->len++] = '"';
		out->p[out->len++] = ':';
		memcpy(out->p + out->len, f->val, f->vlen);
		out->len += f->vlen;
		out->p[out->len] = '\0';
	}
	buf_add(out, "}\n", 2);
	if (idx != idx_small)
		free(idx);
}

int
rec_write(const struct rec *rec, FILE *fp)
{
	struct buf *b = (struct buf *)&rec->tmp;

	buf_reset(b);
	rec_serialize(rec, b);
	return fwrite(b->p, 1, b->len, fp) == b->len ? 0 : -1;
}
