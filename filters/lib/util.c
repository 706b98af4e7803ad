/* util: see util.h. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "money.h"
#include "text.h"
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

void
opt_fail(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s -h' for help.\n", prog);
	exit(2);
}

void
opt_error(const char *prog, char *const argv[],
    const struct option *longopts, int ch)
{
	const char *arg = argv[optind - 1], *name = arg + 2;
	size_t len = strcspn(name, "=");
	const struct option *o, *hit = NULL;
	int n = 0;

	/* a long option is the argument just passed, unless getopt is
	 * inside a group of short ones ("-vq" after "--verbose") */
	if (strncmp(arg, "--", 2) != 0 || len == 0)
		arg = NULL;
	for (o = longopts; arg != NULL && o->name != NULL; o++)
		if (strncmp(o->name, name, len) == 0) {
			if (o->name[len] == '\0') {	/* exact */
				hit = o;
				n = 1;
				break;
			}
			hit = o;
			n++;
		}
	if (arg != NULL && optopt != 0 && (hit == NULL || hit->val != optopt))
		arg = NULL;
	if (arg == NULL)
		opt_fail(prog, ch == ':' ? "option '-%c' needs an argument" :
		    "unknown option '-%c'", optopt);
	if (n > 1 && optopt == 0)
		opt_fail(prog, "ambiguous option '--%.*s'", (int)len, name);
	if (hit == NULL || optopt == 0)
		opt_fail(prog, "unknown option '--%.*s'", (int)len, name);
	if (ch == ':')
		opt_fail(prog, "option '--%s' needs an argument", hit->name);
	opt_fail(prog, "option '--%s' takes no argument", hit->name);
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

char *
schema_file(const char *name)
{
	char path[PATH_MAX], exe[PATH_MAX], *slash;
	const char *env;
	struct stat sb;
	ssize_t n;
	int i;

	env = getenv("SPENDLENS_SCHEMAS");
	if (env != NULL && *env != '\0') {
		snprintf(path, sizeof path, "%s/%s", env, name);
		return estrdup(path);
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		snprintf(path, sizeof path, "schemas/%s", name);
		return estrdup(path);
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
			return estrdup(path);
	}
	if (snprintf(path, sizeof path, "%s/%s/%s", exe, rel[0], name) >=
	    (int)sizeof path)
		snprintf(path, sizeof path, "schemas/%s", name);
	return estrdup(path);
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

/* The -v line being built (vlog_begin() to vlog_end()). */
static struct buf vline;

/* A value bare, or as a JSON string when it holds anything else. */
static void
vlog_value(const char *s)
{
	static const char bare[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:+*@%-";
	struct buf t = { 0 };
	size_t n = strlen(s);

	if (n > 0 && strspn(s, bare) == n) {
		buf_add(&vline, s, n);
		return;
	}
	text_clean(&t, s, n, 0);
	buf_addc(&vline, '"');
	json_escape(&vline, t.p != NULL ? t.p : "", t.len);
	buf_addc(&vline, '"');
	buf_free(&t);
}

void
vlog_begin(const char *prog, const char *file)
{
	buf_reset(&vline);
	buf_adds(&vline, prog);
	buf_adds(&vline, ": file=");
	vlog_value(file != NULL ? file : "-");
}

void
vlog_str(const char *key, const char *s)
{
	buf_printf(&vline, " %s=", key);
	vlog_value(s);
}

void
vlog_int(const char *key, long long n)
{
	buf_printf(&vline, " %s=%lld", key, n);
}

void
vlog_money(const char *key, int64_t pence)
{
	char a[MONEY_FMT_MAX];

	money_fmt(a, pence);
	buf_printf(&vline, " %s=%s", key, a);
}

void
vlog_end(void)
{
	buf_addc(&vline, '\n');
	fwrite(vline.p, 1, vline.len, stderr);
	buf_free(&vline);
}

long
table_line(FILE *fp, char **line, size_t *cap, long *lineno)
{
	ssize_t n;

	while ((n = getline(line, cap, fp)) >= 0) {
		size_t len = (size_t)n;
		char *p = *line;

		(*lineno)++;
		while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
			p[--len] = '\0';
		if (len > 0 && p[0] != '#')
			return (long)len;
	}
	return -1;
}
