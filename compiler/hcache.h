/*
 * hcache.h — the compiled-history cache (see hcache.c): the checksums of
 * a folder's migrations as the last full compile of exactly these files
 * found them.  Used by migset.c only.
 */
#ifndef MIGC_HCACHE_H
#define MIGC_HCACHE_H

#include <stdbool.h>

#include "arena.h"

/* One *.mig entry of the folder, as stat() sees it. */
typedef struct HcFile {
    char *name;
    long long size;         /* -1: not to be trusted */
    long long mtime_s;
    long long mtime_ns;
    unsigned long long ino;
    const char *checksum;   /* from the cache or the compile */
} HcFile;

typedef struct HcListing {
    HcFile *f;
    int n;
    bool sorted;            /* by name: after hcache_read */
} HcListing;

typedef struct HCache {
    char *path;             /* the cache file; NULL: no cache */
    const char *dir_for_write;
    HcListing before;       /* the folder when the cache was opened */
} HCache;

/* Find the cache of folder `dir` compiled for `dialect` and list the
 * folder.  False (and no cache) when the cache is off, has no home, or
 * the folder cannot be listed. */
bool hcache_open(HCache *c, const char *dir, const char *dialect);
/* Whether the cache describes exactly the files listed; then each has its
 * checksum (hcache_checksum), in arena `a`. */
bool hcache_read(HCache *c, Arena *a);
int hcache_count(const HCache *c);
const char *hcache_name(const HCache *c, int i);
const char *hcache_checksum(const HCache *c, int i);
/* After a full compile without error: record the n files (base names)
 * and their checksums, if the folder still holds exactly what it did
 * when the cache was opened.  Silent on any failure. */
void hcache_write(HCache *c, const char *const *bases,
                  const char *const *checksums, int n);
void hcache_close(HCache *c);

#endif
