/* council: the table of UK local authorities (schemas/councils.tsv) and
 * the lookup that turns a buyer as published ("Wakefield MDC", "The Borough
 * of Calderdale", a statistics.data.gov.uk URI, "E08000036") into one
 * authority with its GSS code, region and nation. */
#ifndef SPENDLENS_COUNCIL_H
#define SPENDLENS_COUNCIL_H

#include <stddef.h>

struct council {
	char	*gss;		/* GSS code, e.g. "E08000033" */
	char	*name;		/* official name */
	char	*region;	/* ONS region in England, else the nation */
	char	*nation;	/* England, Wales, Scotland, Northern Ireland */
	char	*type;		/* "county", "district", "unitary", ...; see
				 * pipelines/make-councils.sh; "" when the
				 * table has no type column */
	long long population;	/* residents (mid-2020), -1 when unknown */
	int	 current;	/* 1 unless the table gives an end date */
};

struct councils;

/* Read the table at path (a TSV with the header "gss name region nation
 * names", optionally "end", "type" and "population"; see
 * pipelines/make-councils.sh).  Dies with
 * die() when the file cannot be read or is malformed.  Free with
 * councils_free. */
struct councils	*councils_load(const char *path);

/* The authority that s[0..len) names, or NULL when it names none or more
 * than one.  s may be a GSS code (current or former), the official name,
 * any variant in the table, an old ONS/SNAC code, or a URI whose last path
 * segment is one of those codes.  Case, punctuation, accents, "&"/"and"
 * and words such as "council", "borough", "city (of)", "metropolitan",
 * "district", "county", "the", "MBC", "MDC", "BC", "DC", "CC" are
 * ignored.  Resolution: the whole name as recorded in the table first;
 * if that is a current authority, done.  A name recorded for nothing, or
 * a bare place name (none of those words) recorded for an abolished
 * authority, goes by the looser match, where a current authority beats
 * abolished ones: "Durham" and "Buckinghamshire" are today's unitaries, while
 * "Buckinghamshire County Council" (a recorded name) stays the county
 * abolished in 2020.  Two current authorities for one name, or two
 * abolished ones and no current one, are ambiguous: NULL, never a guess
 * ("DCC" is unknown).  The result lives until
 * councils_free. */
const struct council	*councils_find(const struct councils *c,
			    const char *s, size_t len);

/* Number of authorities in the table, and the i-th in file order. */
size_t			 councils_count(const struct councils *c);
const struct council	*councils_at(const struct councils *c, size_t i);

void	councils_free(struct councils *c);

#endif
