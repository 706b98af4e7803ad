/* test_council: councils_load and councils_find against the shipped table
 * (schemas/councils.tsv) and against small tables written here, for the
 * ambiguity rules and the errors. */
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "lib/council.h"
#include "lib/util.h"

/* The councils table the filters read. */
static struct councils *
councils_load_schema(void)
{
	char *path = schema_file("councils.tsv");
	struct councils *c = councils_load(path);

	free(path);
	return c;
}

static const char *
gss_of(const struct councils *c, const char *s)
{
	const struct council *k = councils_find(c, s, strlen(s));

	return k != NULL ? k->gss : NULL;
}

/* The names the brief and the real files use, with the GSS code each must
 * give.  The codes are ONS facts, not read back from the table. */
static const char *const known[][2] = {
	{ "Devon County Council", "E10000008" },
	{ "18", "E10000008" },
	{ "The Borough of Calderdale", "E08000033" },
	{ "http://statistics.data.gov.uk/doc/local-authority-district/00CY",
	    "E08000033" },
	{ "http://statistics.data.gov.uk/doc/local-authority/00DA",
	    "E08000035" },
	{ "https://statistics.data.gov.uk/id/statistical-geography/E08000036/",
	    "E08000036" },
	{ "Leeds City Council", "E08000035" },
	{ "Manchester City Council", "E08000003" },
	{ "Newcastle upon Tyne", "E08000021" },
	{ "Newcastle-upon-Tyne City Council", "E08000021" },
	{ "City of Bradford MDC", "E08000032" },
	{ "Harrogate Borough Council", "E07000165" },
	{ "Hyndburn BC", "E07000120" },
	{ "Oxford City Council", "E07000178" },
	{ "Salford City Council", "E08000006" },
	{ "North Tyneside Council", "E08000022" },
	{ "Sheffield City Council", "E08000019" },
	{ "Wakefield MDC", "E08000036" },
	{ "E08000036", "E08000036" },
	{ " e08000036 ", "E08000036" },
	{ "Lancashire County Council", "E10000017" },
	{ "Blackburn with Darwen Borough Council", "E06000008" },
	{ "Burnley Borough Council", "E07000117" },
	{ "BURNLEY BOROUGH COUNCIL", "E07000117" },
	{ "London Borough of Camden", "E09000007" },
	{ "Camden", "E09000007" },
	{ "LB Camden", "E09000007" },
	{ "Royal Borough of Greenwich", "E09000011" },
	{ "Kensington & Chelsea", "E09000020" },
	{ "City of London", "E09000001" },
	{ "Brighton & Hove City Council", "E06000043" },
	{ "King\xe2\x80\x99s Lynn and West Norfolk Borough Council",
	    "E07000146" },
	{ "Sir Ynys M\xc3\xb4n", "W06000001" },
	{ "Ynys M\xf4n", "W06000001" },	/* Windows-1252 */
	{ "Ynys Mon", "W06000001" },
	{ "City and County of Swansea", "W06000011" },
	{ "Bristol, City of", "E06000023" },
	{ "Saint Helens", "E08000013" },
	{ "St. Helens Council", "E08000013" },
	{ "lancashire_cc", "E10000017" },
	{ "Bury MBC", "E08000002" },
	{ "Salford Council", "E08000006" },
	{ "Http://opendatacommunities.org/id/metropolitan-district-council/"
	    "leeds", "E08000035" },
	{ "E08000020", "E08000037" },	/* Gateshead's former code */
	/* Reorganised places: the bare name is the current authority, the
	 * name recorded for the abolished one stays with it. */
	{ "Durham", "E06000047" },
	{ "County Durham", "E06000047" },
	{ "Buckinghamshire", "E06000060" },
	{ "Buckinghamshire Council", "E06000060" },
	{ "Buckinghamshire County Council", "E10000002" },
	{ "Somerset", "E06000066" },
	{ "Somerset County Council", "E10000027" },
	{ "North Yorkshire", "E06000065" },
	{ "North Yorkshire County Council", "E10000023" },
};

static const char *const unknown[] = {
	"DCC", "", "   ", "Council", "The Borough Council", "Nowhere Council",
	"Acme Widgets Ltd", "http://statistics.data.gov.uk/doc/00ZZ",
	"Leeds Leeds Leeds", "E99999999", "Harrogate Town Council",
	"Lancashire Fire and Rescue Service", "Education Leeds", "GMCA",
	"ESPO Framework",
};

/* Write text to a fresh temporary file; returns its malloc'd path. */
static char *
temp_table(const char *text)
{
	char *path = estrdup("/tmp/test_council.XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("cannot write %s", path);
	close(fd);
	return path;
}

/* Exit status of councils_load(path) run in a child, stderr discarded. */
static int
load_status(const char *path)
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 2);
		councils_free(councils_load(path));
		_exit(0);
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
test_shipped(void)
{
	struct councils *c = councils_load_schema();
	size_t i, n = councils_count(c), self = 0, bad = 0;
	const struct council *k;
	clock_t t0;
	long hits = 0;
	double secs;

	CHECK(n > 400, "table has %zu authorities", n);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		CHECK_STR(gss_of(c, known[i][0]), known[i][1], "\"%s\" is %s",
		    known[i][0], known[i][1]);
	for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		CHECK(gss_of(c, unknown[i]) == NULL, "\"%s\" is unknown",
		    unknown[i]);
	k = councils_find(c, "Harrogate", 9);
	CHECK(k != NULL && strcmp(k->region, "Yorkshire and The Humber") == 0
	    && strcmp(k->nation, "England") == 0,
	    "Harrogate (abolished) keeps its region and nation");
	k = councils_find(c, "Camden", 6);
	CHECK(k != NULL && strcmp(k->region, "London") == 0, "Camden is in "
	    "London");
	k = councils_find(c, "Leeds", 5);
	CHECK(k != NULL && strcmp(k->type, "metropolitan-district") == 0 &&
	    k->population == 798786 && k->current,
	    "Leeds: a current metropolitan district of 798,786 (mid-2020)");
	k = councils_find(c, "Devon County Council", 20);
	CHECK(k != NULL && strcmp(k->type, "county") == 0 &&
	    k->population == 810716, "Devon: a county of 810,716");
	k = councils_find(c, "Harrogate", 9);
	CHECK(k != NULL && strcmp(k->type, "district") == 0 && !k->current,
	    "Harrogate: an abolished district");
	k = councils_find(c, "Swansea", 7);
	CHECK(k != NULL && strcmp(k->region, "Wales") == 0 &&
	    strcmp(k->nation, "Wales") == 0, "Swansea's region is Wales");
	/* Every official name and code finds its own row. */
	for (i = 0; i < n; i++) {
		const struct council *r = councils_at(c, i);

		if (councils_find(c, r->gss, strlen(r->gss)) != r ||
		    councils_find(c, r->name, strlen(r->name)) != r) {
			if (bad++ < 5)
				printf("#   not itself: %s %s\n", r->gss,
				    r->name);
		} else {
			self++;
		}
	}
	CHECK(bad == 0, "all %zu official names and codes find their own row",
	    self);
	CHECK(councils_at(c, n) == NULL, "councils_at past the end is NULL");
	/* Speed: lookups run once per record. */
	t0 = clock();
	for (i = 0; i < 200000; i++) {
		const char *s = known[i % (sizeof known / sizeof known[0])][0];

		hits += councils_find(c, s, strlen(s)) != NULL;
	}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# 200000 lookups in %.3f s (%.0f ns each)\n", secs,
	    secs * 1e9 / 200000);
	CHECK(hits == 200000 && secs < 2.0, "200000 lookups resolve quickly");
	councils_free(c);
}

static void
test_rules(void)
{
	char *p = temp_table(
	    "gss\tname\tregion\tnation\tnames\tend\n"
	    "X1\tNorthby Borough Council\tR\tEngland\tNorthby\t\n"
	    "X2\tNorthby District Council\tR\tEngland\tNorthby\t\n"
	    "X3\tOld Southby County Council\tR\tEngland\tSouthby\t2020-04-01\n"
	    "X4\tSouthby Council\tR\tEngland\t\t\n"
	    "X5\tEastby Council\tR\tEngland\tEB1\t2019-04-01\n"
	    "X6\tEastby City Council\tR\tEngland\t\t2019-04-01\n");
	struct councils *c = councils_load(p);

	CHECK(gss_of(c, "Northby") == NULL,
	    "a name recorded for two current authorities is ambiguous");
	CHECK_STR(gss_of(c, "Northby District Council"), "X2",
	    "the full name still finds the one it names");
	CHECK(gss_of(c, "Northby BC") == NULL,
	    "loose match to two current authorities is ambiguous");
	CHECK_STR(gss_of(c, "Southby"), "X4",
	    "a current authority beats an abolished one with the same name");
	CHECK_STR(gss_of(c, "Old Southby County Council"), "X3",
	    "the abolished one's own name finds it");
	CHECK(gss_of(c, "Eastby") == NULL,
	    "two abolished authorities alone are ambiguous");
	CHECK_STR(gss_of(c, "eb1"), "X5", "a variant finds its row");
	CHECK_STR(gss_of(c, "Northby Borough Council"), "X1",
	    "the official name finds its row");
	councils_free(c);
	unlink(p);
	free(p);
	p = temp_table("\xef\xbb\xbfgss\tname\tregion\tnation\tnames\r\n"
	    "X1\tWestby Council\tR\tEngland\tW1\r\n");
	c = councils_load(p);
	CHECK(councils_count(c) == 1 && gss_of(c, "w1") != NULL &&
	    strcmp(councils_at(c, 0)->nation, "England") == 0 &&
	    strcmp(councils_at(c, 0)->type, "") == 0 &&
	    councils_at(c, 0)->population == -1,
	    "a table with a BOM and CRLF, no end, type or population, loads");
	councils_free(c);
	unlink(p);
	free(p);
	p = temp_table("gss\tname\tregion\tnation\tnames\tend\ttype\t"
	    "population\n"
	    "X1\tWestby Council\tR\tEngland\t\t\tunitary\t12345\n"
	    "X2\tEastby Council\tR\tEngland\t\t2019-04-01\tdistrict\t\n");
	c = councils_load(p);
	CHECK(councils_at(c, 0)->population == 12345 &&
	    strcmp(councils_at(c, 0)->type, "unitary") == 0 &&
	    councils_at(c, 0)->current && councils_at(c, 1)->population == -1
	    && !councils_at(c, 1)->current,
	    "type, population and current read from their columns");
	councils_free(c);
	unlink(p);
	free(p);
}

static void
test_errors(void)
{
	static const char *const bad[] = {
		"",
		"gss\tname\tregion\tnation\n",
		"gss\tname\tregion\tnation\tnames\nX1\tA\tR\tEngland\n",
		"gss\tname\tregion\tnation\tnames\n\tA\tR\tEngland\t\n",
		"gss\tname\tregion\tnation\tnames\n",
		"gss\tname\tregion\tnation\tnames\tpopulation\n"
		    "X1\tA\tR\tEngland\t\t12,3\n",
	};
	size_t i;
	char *p;

	CHECK(load_status("/nonexistent/councils.tsv") == 1,
	    "an unreadable table dies with status 1");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = temp_table(bad[i]);
		CHECK(load_status(p) == 1, "malformed table %zu dies with "
		    "status 1", i);
		unlink(p);
		free(p);
	}
}

/* Every buyer in samples/sources.tsv names one authority ($TOP is set by
 * tests/run.sh; otherwise the folder above the schemas). */
static void
test_sources(const struct councils *c)
{
	struct buf path = { 0 }, text = { 0 };
	const char *top = getenv("TOP");
	char *line, *next;
	FILE *fp;
	int n = 0, bad = 0;

	if (top != NULL)
		buf_printf(&path, "%s/samples/sources.tsv", top);
	else
	{
		char *dot = schema_file(".");

		buf_printf(&path, "%s/../samples/sources.tsv", dot);
		free(dot);
	}
	if ((fp = fopen(path.p, "r")) == NULL) {
		printf("ok - sample buyers resolve # SKIP no %s\n", path.p);
		buf_free(&path);
		return;
	}
	if (read_all(fp, &text) != 0)
		die("%s: read error", path.p);
	fclose(fp);
	for (line = text.p; line != NULL && *line != '\0'; line = next) {
		char *t1, *t2;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || strncmp(line, "file\t", 5) == 0 ||
		    (t1 = strchr(line, '\t')) == NULL)
			continue;
		t1++;
		t2 = strchr(t1, '\t');
		n++;
		if (councils_find(c, t1, t2 != NULL ? (size_t)(t2 - t1) :
		    strlen(t1)) == NULL) {
			bad++;
			printf("#   unresolved: %.*s\n", (int)(t2 != NULL ?
			    t2 - t1 : (long)strlen(t1)), t1);
		}
	}
	CHECK(n >= 5 && bad == 0, "all %d sample buyers resolve", n);
	buf_free(&text);
	buf_free(&path);
}

int
main(int argc, char *argv[])
{
	(void)argc;
	set_progname(argv[0]);
	test_shipped();
	{
		struct councils *c = councils_load_schema();

		test_sources(c);
		councils_free(c);
	}
	test_rules();
	test_errors();
	return DONE();
}
