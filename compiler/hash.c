/*
 * hash.c — string-keyed open-addressing hash map.
 */
#include "hash.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static const char tombstone_mark[1];
#define HASH_TOMBSTONE tombstone_mark

/* FNV-1a, 32 bits. */
unsigned hash_str(const char *s)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

void hash_init(HashMap *h)
{
    h->slots = NULL;
    h->cap = 0;
    h->count = 0;
    h->used = 0;
}

void hash_free(HashMap *h)
{
    free(h->slots);
    hash_init(h);
}

static HashEntry *find_slot(const HashMap *h, const char *key, unsigned hv)
{
    size_t mask = h->cap - 1;
    size_t i = hv & mask;
    for (;;) {
        HashEntry *e = &h->slots[i];
        if (e->key == NULL)
            return e;
        if (e->key != HASH_TOMBSTONE && e->hash == hv && strcmp(e->key, key) == 0)
            return e;
        i = (i + 1) & mask;
    }
}

static void grow(HashMap *h)
{
    size_t ncap = h->cap ? h->cap * 2 : 16;
    /* If most of the use is tombstones, rehash at the same size. */
    if (h->cap && h->count * 2 < h->cap * 7 / 10)
        ncap = h->cap;
    HashEntry *old = h->slots;
    size_t ocap = h->cap;
    h->slots = xmalloc(ncap * sizeof(HashEntry));
    memset(h->slots, 0, ncap * sizeof(HashEntry));
    h->cap = ncap;
    h->used = h->count;
    for (size_t i = 0; i < ocap; i++) {
        HashEntry *e = &old[i];
        if (e->key && e->key != HASH_TOMBSTONE) {
            HashEntry *n = find_slot(h, e->key, e->hash);
            *n = *e;
        }
    }
    free(old);
}

void *hash_get(const HashMap *h, const char *key)
{
    if (h->cap == 0)
        return NULL;
    HashEntry *e = find_slot(h, key, hash_str(key));
    return e->key ? e->value : NULL;
}

void hash_put(HashMap *h, const char *key, void *value)
{
    if ((h->used + 1) * 10 >= h->cap * 7)
        grow(h);
    unsigned hv = hash_str(key);
    HashEntry *e = find_slot(h, key, hv);
    if (!e->key) {
        h->count++;
        h->used++;
    }
    e->key = key;
    e->hash = hv;
    e->value = value;
}

void *hash_remove(HashMap *h, const char *key)
{
    if (h->cap == 0)
        return NULL;
    HashEntry *e = find_slot(h, key, hash_str(key));
    if (!e->key)
        return NULL;
    void *v = e->value;
    e->key = HASH_TOMBSTONE;
    e->value = NULL;
    h->count--;
    return v;
}
