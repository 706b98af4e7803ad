/* hash: see hash.h.  hash64 mixes 8 bytes at a time with a multiply-xorshift
 * step (in the spirit of wyhash/murmur finalisers); it is not
 * cryptographic, only fast and well spread. */
#include <stddef.h>
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

struct arena_chunk {
	struct arena_chunk	*next;	/* older chunk */
	size_t			 used;	/* bytes used in mem */
	size_t			 size;	/* bytes in mem */
	max_align_t		 mem[];	/* the strings */
};

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t al = sizeof(max_align_t), want = (n + al - 1) / al * al;
	void *p;

	if (c == NULL || c->size - c->used < want) {
		size_t size = a->chunk ? a->chunk : 8192;

		if (size < want)
			size = want;
		c = emalloc(sizeof *c + size);
		c->next = a->head;
		c->used = 0;
		c->size = size;
		a->head = c;
	}
	p = (char *)c->mem + c->used;
	c->used += want;
	return p;
}

char *
arena_copy(struct arena *a, const char *s, size_t n)
{
	struct arena_chunk *c = a->head;
	char *p;

	if (c != NULL && c->size - c->used >= n + 1) {
		/* strings need no alignment: pack them */
		p = (char *)c->mem + c->used;
		c->used += n + 1;
	} else
		p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a->head == NULL)
		return;
	for (c = a->head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void
arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}

void
strmap_init(struct strmap *m)
{
	m->cap = 64;
	m->n = 0;
	m->slot = ecalloc(m->cap, sizeof *m->slot);
	m->arena.head = NULL;
	m->arena.chunk = 1 << 16;
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
	e->key = arena_copy(&m->arena, key, klen);
	e->klen = klen;
	e->hash = h;
	e->val = NULL;
	m->n++;
	return e;
}

struct strmap_entry *
strmap_put(struct strmap *m, const char *key, size_t klen, int *isnew)
{
	size_t n = m->n;
	struct strmap_entry *e = strmap_get(m, key, klen, 1);

	*isnew = m->n != n;
	return e;
}

void
strmap_free(struct strmap *m)
{
	arena_free(&m->arena);
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}
