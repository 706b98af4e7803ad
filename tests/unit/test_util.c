/* test_util: the -v line (vlog_*: bare values, JSON strings for names with
 * spaces, quotes, '=', backslashes, control or non-ASCII bytes, money from
 * pence) and the option errors (opt_fail, opt_error after getopt_long:
 * message, hint line, exit status 2). */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/util.h"
#include "check.h"

/* What fd 2 received while fn(arg) ran (in a child when fork_it, whose
 * exit status goes to *status).  Returns a static buffer. */
static const char *
stderr_of(void (*fn)(const void *), const void *arg, int fork_it,
    int *status)
{
	static char got[4096];
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	fflush(stderr);
	saved = dup(2);
	dup2(fileno(tmp), 2);
	if (fork_it) {
		pid_t pid;

		fflush(stdout);	/* the child's exit() flushes its copy */
		pid = fork();

		if (pid == 0) {
			fn(arg);
			_exit(0);
		}
		waitpid(pid, status, 0);
	} else
		fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(got, 1, sizeof got - 1, tmp);
	got[n] = '\0';
	fclose(tmp);
	return got;
}

static void
line_of(const void *arg)
{
	const char *file = arg;

	vlog_begin("prog", file);
	vlog_int("rows", 120);
	vlog_money("amount", -150);
	vlog_str("note", "a b");
	vlog_end();
}

static const char *
vline(const char *file)
{
	return stderr_of(line_of, file, 0, NULL);
}

static void
fail_bad_value(const void *arg)
{
	opt_fail("prog", "--threads %s: expected 1 or 2", (const char *)arg);
}

/* getopt_long over the NULL-terminated argv arg, as a filter does. */
static void
parse_args(const void *arg)
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char **argv = (char **)arg;
	int argc = 0, ch;

	while (argv[argc] != NULL)
		argc++;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":hv", longopts, NULL)) != -1)
		if (ch == '?' || ch == ':')
			opt_error("prog", argv, longopts, ch);
}

static void
check_option(char **argv, const char *want, const char *name)
{
	int status = -1;
	const char *got = stderr_of(parse_args, argv, 1, &status);

	CHECK_STR(got, want, "opt_error: %s", name);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 2,
	    "opt_error: %s exits 2", name);
}

int
main(void)
{
	char a1[] = "prog", a2[] = "--bogus", a3[] = "--kind", a4[] = "-q",
	    a5[] = "--verbose=1", a6[] = "--ver", a7[] = "-vq",
	    a8[] = "--verbose";
	char *bogus[] = { a1, a2, NULL }, *noarg[] = { a1, a3, NULL },
	    *shortq[] = { a1, a4, NULL }, *witharg[] = { a1, a5, NULL },
	    *ambig[] = { a1, a6, NULL }, *group[] = { a1, a8, a7, NULL };
	int status = -1;

	CHECK_STR(vline("samples/leeds-2023.csv"), "prog: file=samples/leeds-"
	    "2023.csv rows=120 amount=-1.50 note=\"a b\"\n",
	    "vlog: a plain name is bare, money from pence, a space quoted");
	CHECK_STR(vline("a+b@c%d:e*f"), "prog: file=a+b@c%d:e*f rows=120 "
	    "amount=-1.50 note=\"a b\"\n", "vlog: every bare character");
	CHECK_STR(vline("my \"odd\" =fi\xc3\xa8le.csv"), "prog: file=\"my "
	    "\\\"odd\\\" =fi\xc3\xa8le.csv\" rows=120 amount=-1.50 "
	    "note=\"a b\"\n",
	    "vlog: spaces, quotes, '=' and UTF-8 make a JSON string");
	CHECK_STR(vline("back\\slash"), "prog: file=\"back\\\\slash\" "
	    "rows=120 amount=-1.50 note=\"a b\"\n", "vlog: a backslash");
	CHECK_STR(vline("\xa3" "100\nx.csv"), "prog: file=\"\xc2\xa3" "100 "
	    "x.csv\" rows=120 amount=-1.50 note=\"a b\"\n",
	    "vlog: a Windows-1252 byte becomes UTF-8, a line break a space");
	CHECK_STR(vline(""), "prog: file=\"\" rows=120 amount=-1.50 "
	    "note=\"a b\"\n", "vlog: an empty value is \"\"");
	CHECK_STR(vline(NULL), "prog: file=- rows=120 amount=-1.50 "
	    "note=\"a b\"\n", "vlog: no name is -");

	CHECK_STR(stderr_of(fail_bad_value, "3", 1, &status),
	    "prog: --threads 3: expected 1 or 2\nTry 'prog -h' for help.\n",
	    "opt_fail: message and hint");
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 2,
	    "opt_fail exits 2");
	check_option(bogus, "prog: unknown option '--bogus'\n"
	    "Try 'prog -h' for help.\n", "unknown long option");
	check_option(noarg, "prog: option '--kind' needs an argument\n"
	    "Try 'prog -h' for help.\n", "missing argument");
	check_option(shortq, "prog: unknown option '-q'\n"
	    "Try 'prog -h' for help.\n", "unknown short option");
	check_option(witharg, "prog: option '--verbose' takes no argument\n"
	    "Try 'prog -h' for help.\n", "argument to a flag");
	check_option(ambig, "prog: ambiguous option '--ver'\n"
	    "Try 'prog -h' for help.\n", "ambiguous prefix");
	check_option(group, "prog: unknown option '-q'\n"
	    "Try 'prog -h' for help.\n", "a short option in a group");

	/* table_line: line ends cut, blanks and comments skipped, every line
	 * counted, -1 at the end. */
	{
		static const char text[] = "# comment\r\n\na\tb\r\n\r\n"
		    "#x\nlast";
		FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
		char *line = NULL;
		size_t cap = 0;
		long ln = 0, n;

		n = table_line(fp, &line, &cap, &ln);
		CHECK(n == 3 && strcmp(line, "a\tb") == 0 && ln == 3,
		    "table_line: first line with content, CRLF cut, line 3");
		n = table_line(fp, &line, &cap, &ln);
		CHECK(n == 4 && strcmp(line, "last") == 0 && ln == 6,
		    "table_line: a last line without a line end, line 6");
		CHECK(table_line(fp, &line, &cap, &ln) == -1 && ln == 6,
		    "table_line: -1 at the end");
		free(line);
		fclose(fp);
	}
	return DONE();
}
