/* hash: a fast 64-bit hash of bytes, an arena for byte strings, and an
 * open-addressing map from byte strings to caller-owned values (a pointer
 * or a number).  Keys are copied into the map's arena.  The one table and
 * arena of the filters: use them rather than a private copy. */
#ifndef SPENDLENS_HASH_H
#define SPENDLENS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Deterministic on every machine and run (no random seed). */
uint64_t	hash64(const void *p, size_t len, uint64_t seed);

/* Arena: NUL-terminated copies of byte strings in large chunks, freed all
 * at once.  A zeroed struct is an empty arena (chunks of 8 KiB); set
 * chunk first for other sizes. */
struct arena_chunk;
struct arena {
	struct arena_chunk	*head;	/* newest chunk */
	size_t			 chunk;	/* bytes per chunk, 0: 8 KiB */
};
/* A copy of s[0..n) with a NUL after it, valid until reset or free. */
char	*arena_copy(struct arena *a, const char *s, size_t n);
/* n bytes aligned for any scalar, uninitialised. */
void	*arena_alloc(struct arena *a, size_t n);
void	 arena_reset(struct arena *a);	/* drop all, keep the newest chunk */
void	 arena_free(struct arena *a);

struct strmap_entry {
	const char	*key;	/* copy of the key, NUL-terminated */
	size_t		 klen;	/* key length */
	uint64_t	 hash;	/* hash64(key, klen, 0) */
	union {
		void	*val;	/* caller's pointer; NULL when just created */
		long long num;	/* or number; 0 when just created */
	};
};

struct strmap {
	struct strmap_entry	*slot;	/* table; key == NULL when empty */
	size_t			 cap;	/* power of two */
	size_t			 n;	/* entries in use */
	struct arena		 arena;	/* key storage */
};

void	strmap_init(struct strmap *m);
/* Find key; when absent and create is set, insert it with val NULL.
 * Returns the entry, or NULL when absent and !create.  Entry pointers are
 * valid until the next insertion. */
struct strmap_entry	*strmap_get(struct strmap *m, const char *key,
			    size_t klen, int create);
/* strmap_get creating the key; *isnew says whether it was absent. */
struct strmap_entry	*strmap_put(struct strmap *m, const char *key,
			    size_t klen, int *isnew);
/* Free the table and keys (not the values). */
void	strmap_free(struct strmap *m);

#endif
