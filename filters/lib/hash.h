/* hash: a fast 64-bit hash of bytes and an open-addressing map from byte
 * strings to caller-owned values.  Keys are copied into the map's arena. */
#ifndef SPENDLENS_HASH_H
#define SPENDLENS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Deterministic on every machine and run (no random seed). */
uint64_t	hash64(const void *p, size_t len, uint64_t seed);

struct strmap_entry {
	const char	*key;	/* copy of the key, NUL-terminated */
	size_t		 klen;	/* key length */
	uint64_t	 hash;	/* hash64(key, klen, 0) */
	void		*val;	/* caller's value; NULL when just created */
};

struct strmap {
	struct strmap_entry	*slot;	/* table; key == NULL when empty */
	size_t			 cap;	/* power of two */
	size_t			 n;	/* entries in use */
	struct strmap_arena	*arena;	/* key storage */
};

void	strmap_init(struct strmap *m);
/* Find key; when absent and create is set, insert it with val NULL.
 * Returns the entry, or NULL when absent and !create.  Entry pointers are
 * valid until the next insertion. */
struct strmap_entry	*strmap_get(struct strmap *m, const char *key,
			    size_t klen, int create);
/* Free the table and keys (not the values). */
void	strmap_free(struct strmap *m);

#endif
