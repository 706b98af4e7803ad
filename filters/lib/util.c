/* util: see util.h. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static const char *prog = "spendlens";

void
set_progname(const char *argv0)
{
	const char *s;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	s = strrchr(argv0, '/');
	prog = s != NULL ? s + 1 : argv0;
}

const char *
progname(void)
{
	return prog;
}

static void
vwarn(const char *file, long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%ld: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
	exit(1);
}

void
die_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file != NULL ? file : "<stdin>", line, fmt, ap);
	va_end(ap);
	exit(1);
}

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
ereallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		die("out of memory (%zu x %zu bytes)", n, size);
	return erealloc(p, n * size);
}

char *
estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}

char *
estrndup(const char *s, size_t n)
{
	char *p = emalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		die("out of memory (buffer too large)");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->p = erealloc(b->p, b->cap);
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("buf_printf: bad format");
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

int
parse_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
out_close(FILE *fp, const char *what)
{
	if (fflush(fp) != 0 || ferror(fp)) {
		if (errno == EPIPE)
			exit(0);
		die("writing %s failed: %s", what, strerror(errno ? errno : EIO));
	}
	return 0;
}

void
print_version(void)
{
	printf("%s %s\n", prog, SPENDLENS_VERSION);
	out_close(stdout, "standard output");
	exit(0);
}

void
out_init(void)
{
	static char obuf[1 << 16];

	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
}

const char *
schema_path(const char *name)
{
	static char path[PATH_MAX];
	char exe[PATH_MAX], *slash;
	const char *env;
	struct stat sb;
	ssize_t n;
	int i;

	env = getenv("SPENDLENS_SCHEMAS");
	if (env != NULL && *env != '\0') {
		snprintf(path, sizeof path, "%s/%s", env, name);
		return path;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		snprintf(path, sizeof path, "schemas/%s", name);
		return path;
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash != NULL)
		*slash = '\0';
	/* out/bin, out/san/bin, then PREFIX/bin */
	static const char *const rel[] = {
		"../../schemas", "../../../schemas", "../share/spendlens/schemas"
	};
	for (i = 0; i < 3; i++) {
		if (snprintf(path, sizeof path, "%s/%s/%s", exe, rel[i],
		    name) >= (int)sizeof path)
			continue;
		if (stat(path, &sb) == 0)
			return path;
	}
	if (snprintf(path, sizeof path, "%s/%s/%s", exe, rel[0], name) >=
	    (int)sizeof path)
		snprintf(path, sizeof path, "schemas/%s", name);
	return path;
}

FILE *
efopen_in(const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdin;
	fp = fopen(path, "rb");
	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	return fp;
}

const char *
input_name(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int
read_all(FILE *fp, struct buf *b)
{
	size_t n;

	for (;;) {
		buf_grow(b, 1 << 16);
		n = fread(b->p + b->len, 1, b->cap - b->len - 1, fp);
		b->len += n;
		b->p[b->len] = '\0';
		if (n == 0)
			break;
	}
	return ferror(fp) ? -1 : 0;
}
