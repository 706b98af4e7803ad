/* hash: see hash.h.  hash64 mixes 8 bytes at a time with a multiply-xorshift
 * step (in the spirit of wyhash/murmur finalisers); it is not
 * cryptographic, only fast and well spread. */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

static inline uint64_t
mix(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

uint64_t
hash64(const void *p, size_t len, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = seed ^ 0x9E3779B97F4A7C15ULL ^ (len * 0xA0761D6478BD642FULL);
	uint64_t a, b;

	while (len >= 16) {
		memcpy(&a, s, 8);
		memcpy(&b, s + 8, 8);
		h = mix(a ^ 0xE7037ED1A0B428DBULL ^ h, b ^ 0x8EBC6AF09C88C6E3ULL);
		s += 16;
		len -= 16;
	}
	a = b = 0;
	if (len >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
	} else if (len >= 4) {
		uint32_t x, y;

		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		a = x;
		b = y;
	} else if (len > 0) {
		a = ((uint64_t)s[0] << 16) | ((uint64_t)s[len >> 1] << 8) |
		    s[len - 1];
	}
	h = mix(a ^ 0xE7037ED1A0B428DBULL ^ h, b ^ 0x8EBC6AF09C88C6E3ULL);
	return mix(h, 0x589965CC75374CC3ULL);
}

struct strmap_arena {
	struct strmap_arena	*next;	/* older chunk */
	size_t			 used;	/* bytes used in mem */
	size_t			 size;	/* bytes in mem */
	char			 mem[];	/* keys */
};

static char *
arena_copy(struct strmap *m, const char *s, size_t n)
{
	struct strmap_arena *a = m->arena;
	char *p;

	if (a == NULL || a->size - a->used < n + 1) {
		size_t size = n + 1 > (1 << 16) ? n + 1 : (1 << 16);

		a = emalloc(sizeof *a + size);
		a->next = m->arena;
		a->used = 0;
		a->size = size;
		m->arena = a;
	}
	p = a->mem + a->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->used += n + 1;
	return p;
}

void
strmap_init(struct strmap *m)
{
	m->cap = 64;
	m->n = 0;
	m->slot = ecalloc(m->cap, sizeof *m->slot);
	m->arena = NULL;
}

static void
grow(struct strmap *m)
{
	struct strmap_entry *old = m->slot;
	size_t oldcap = m->cap, i, j;

	m->cap *= 2;
	m->slot = ecalloc(m->cap, sizeof *m->slot);
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = old[i].hash & (m->cap - 1);
		while (m->slot[j].key != NULL)
			j = (j + 1) & (m->cap - 1);
		m->slot[j] = old[i];
	}
	free(old);
}

struct strmap_entry *
strmap_get(struct strmap *m, const char *key, size_t klen, int create)
{
	uint64_t h = hash64(key, klen, 0);
	size_t j;
	struct strmap_entry *e;

	if (create && (m->n + 1) * 4 > m->cap * 3)
		grow(m);
	j = h & (m->cap - 1);
	for (;;) {
		e = &m->slot[j];
		if (e->key == NULL)
			break;
		if (e->hash == h && e->klen == klen &&
		    memcmp(e->key, key, klen) == 0)
			return e;
		j = (j + 1) & (m->cap - 1);
	}
	if (!create)
		return NULL;
	e->key = arena_copy(m, key, klen);
	e->klen = klen;
	e->hash = h;
	e->val = NULL;
	m->n++;
	return e;
}

void
strmap_free(struct strmap *m)
{
	struct strmap_arena *a, *next;

	for (a = m->arena; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
	free(m->slot);
	m->slot = NULL;
	m->arena = NULL;
	m->cap = m->n = 0;
}
