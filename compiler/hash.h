/*
 * hash.h — a string-keyed hash map (open addressing, linear probing).
 *
 * Keys are not copied: they must outlive the map (they live in the arena).
 * Values are pointers.  Removal uses tombstones; the table grows at 70%
 * load counting tombstones, so every operation is O(1) on average.
 */
#ifndef MIGC_HASH_H
#define MIGC_HASH_H

#include <stddef.h>

typedef struct HashEntry {
    const char *key;    /* NULL: empty; HASH_TOMBSTONE: removed */
    void *value;
    unsigned hash;
} HashEntry;

typedef struct HashMap {
    HashEntry *slots;
    size_t cap;         /* power of two, or 0 */
    size_t count;       /* live entries */
    size_t used;        /* live + tombstones */
} HashMap;

void hash_init(HashMap *h);
void hash_free(HashMap *h);     /* frees the slots (malloc'd), not keys/values */
void *hash_get(const HashMap *h, const char *key);
/* Insert or replace. */
void hash_put(HashMap *h, const char *key, void *value);
/* Remove; returns the old value or NULL. */
void *hash_remove(HashMap *h, const char *key);
unsigned hash_str(const char *s);

#endif
