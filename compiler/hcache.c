/*
 * hcache.c — the compiled-history cache (hcache.h), behind migset.c.
 *
 * `migc status` and a command with nothing to run need only each
 * migration's version, name and checksum, yet cli.md has every database
 * command check the whole history first.  As git's index and make do for
 * unchanged files, a cache records what a successful full compile found:
 *
 *   $XDG_CACHE_HOME/migc/<key>   (default ~/.cache/migc/<key>)
 *   key = SHA-256 of realpath(folder), dialect, version, build identity
 *
 *   migc-history-cache 1
 *   <name> <size> <mtime s> <mtime ns> <inode> <checksum>   one per file
 *   (a migration with `replaces` has "<checksum>+<version>,...")
 *   end <count>
 *
 * It is written only when the whole history compiled without error, and
 * trusted only when the folder holds exactly the same *.mig files with the
 * same size, mtime and inode.  A file modified less than two seconds
 * before the cache was written is recorded as untrusted (size -1): a
 * change within the file system's timestamp granularity could otherwise
 * go unseen (git's "racily clean" entries).  The folder's own mtime is
 * never trusted alone: every file is stat()ed.  MIGC_NO_CACHE set to a
 * non-empty value turns the cache off (no read, no write).
 */
#define _DEFAULT_SOURCE /* d_type, DT_DIR */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "hcache.h"


/* ---- the compiled-history cache ---- */

#define CACHE_MAGIC "migc-history-cache 1"
#define CACHE_RACY_SECONDS 2

static void listing_free(HcListing *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->f[i].name);
    free(l->f);
    l->f = NULL;
    l->n = 0;
}

static int filestat_cmp(const void *x, const void *y)
{
    return strcmp(((const HcFile *)x)->name, ((const HcFile *)y)->name);
}

static void listing_sort(HcListing *l)
{
    if (!l->sorted && l->n > 1)
        qsort(l->f, (size_t)l->n, sizeof(HcFile), filestat_cmp);
    l->sorted = true;
}

/* The *.mig files of dir that history_load_dir() reads, with their
 * stat(), in the folder's own order (listing_sort() sorts them); false if
 * the folder cannot be listed. */
static bool list_dir(const char *dir, HcListing *out)
{
    out->f = NULL;
    out->n = 0;
    out->sorted = false;
    DIR *d = opendir(dir);
    if (!d)
        return false;
    int dfd = dirfd(d), cap = 0;
    bool ok = true;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 4, ".mig") != 0 ||
            de->d_name[0] == '.')
            continue;
#ifdef DT_DIR
        if (de->d_type == DT_DIR)
            continue;
#endif
        struct stat st;
        if (fstatat(dfd, de->d_name, &st, 0) != 0) {
            ok = false; /* unreadable: the full load reports it */
            break;
        }
        if (S_ISDIR(st.st_mode))
            continue;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 256;
            out->f = xrealloc(out->f, sizeof(HcFile) * (size_t)cap);
        }
        HcFile *f = &out->f[out->n++];
        f->name = xstrdup(de->d_name);
        f->size = (long long)st.st_size;
        f->mtime_s = (long long)st.st_mtim.tv_sec;
        f->mtime_ns = (long long)st.st_mtim.tv_nsec;
        f->ino = (unsigned long long)st.st_ino;
        f->checksum = NULL;
    }
    closedir(d);
    if (!ok) {
        listing_free(out);
        return false;
    }
    return true;
}

static bool same_listing(const HcListing *a, const HcListing *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++) {
        const HcFile *x = &a->f[i], *y = &b->f[i];
        if (strcmp(x->name, y->name) != 0 || x->size != y->size ||
            x->mtime_s != y->mtime_s || x->mtime_ns != y->mtime_ns ||
            x->ino != y->ino)
            return false;
    }
    return true;
}

/* What tells this binary from any other: the version, when this file was
 * compiled, and the executable's own size, mtime and inode (a rebuilt or
 * reinstalled migc is a new file). */
static void build_identity(StrBuf *b)
{
    sb_printf(b, "%s\n%s %s\n", MIGC_VERSION, __DATE__, __TIME__);
    struct stat st;
    if (stat("/proc/self/exe", &st) == 0)
        sb_printf(b, "%lld %lld.%09ld %llu\n", (long long)st.st_size,
                  (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                  (unsigned long long)st.st_ino);
}

/* The cache folder, or NULL when the cache is off or has no home. */
static char *cache_dir(void)
{
    const char *off = getenv("MIGC_NO_CACHE");
    if (off && *off)
        return NULL;
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    StrBuf b;
    sb_init(&b);
    if (xdg && *xdg == '/')
        sb_printf(&b, "%s/migc", xdg);
    else if (home && *home == '/')
        sb_printf(&b, "%s/.cache/migc", home);
    else
        return NULL;
    return b.data;
}

/* The cache file of folder `dir` compiled for dialect `d`, or NULL. */
static char *cache_path(const char *dir, const char *dialect)
{
    char *cdir = cache_dir();
    if (!cdir)
        return NULL;
    char *real = realpath(dir, NULL);
    if (!real) {
        free(cdir);
        return NULL;
    }
    StrBuf key;
    sb_init(&key);
    sb_printf(&key, "%s\n%s\n", real, dialect);
    build_identity(&key);
    free(real);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    bool ok = EVP_Digest(sb_str(&key), key.len, md, &mdlen, EVP_sha256(),
                         NULL);
    sb_free(&key);
    if (!ok) {
        free(cdir);
        return NULL;
    }
    StrBuf p;
    sb_init(&p);
    sb_printf(&p, "%s/", cdir);
    for (unsigned i = 0; i < mdlen; i++)
        sb_printf(&p, "%02x", md[i]);
    free(cdir);
    return p.data;
}

/* 64 hex digits, then for a migration that replaces others (migc
 * squash) "+V,V..." (migset.c). */
static bool is_checksum(const char *s)
{
    size_t n = 0;
    for (; s[n] && s[n] != '+'; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    if (n != 64)
        return false;
    if (!s[n])
        return true;
    /* "+V,V...": digits and single commas, neither first nor last. */
    const char *v = s + n + 1;
    char prev = ',';
    for (; *v; prev = *v++)
        if (!((*v >= '0' && *v <= '9') || (*v == ',' && prev != ',')))
            return false;
    return prev != ',';
}

/* The next space-separated field of *p as a signed number; false if
 * there is none or it does not end at a space or the end. */
static bool next_ll(char **p, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(*p, &end, 10);
    if (end == *p || errno || (*end != ' ' && *end != '\0'))
        return false;
    *p = *end ? end + 1 : end;
    return true;
}

/* One entry line "<name> <size> <mtime s> <mtime ns> <inode> <checksum>"
 * against listing entry e (parsed by hand: this runs once per file at
 * every start-up). */
static bool entry_matches(char *line, const HcFile *e, const char **sum)
{
    size_t nlen = strlen(e->name);
    if (strncmp(line, e->name, nlen) != 0 || line[nlen] != ' ')
        return false;
    char *p = line + nlen + 1;
    long long size, ms, mns, ino;
    if (!next_ll(&p, &size) || !next_ll(&p, &ms) || !next_ll(&p, &mns) ||
        !next_ll(&p, &ino))
        return false;
    size_t slen = strlen(p);
    if (slen > 0 && p[slen - 1] == '\n')
        p[--slen] = '\0';
    *sum = p;
    return size >= 0 && size == e->size && ms == e->mtime_s &&
           mns == e->mtime_ns && (unsigned long long)ino == e->ino &&
           is_checksum(p);
}

/* FNV-1a of the name up to its end or the first space. */
static size_t name_hash(const char *s, size_t *len)
{
    size_t h = 2166136261u, n = 0;
    for (; s[n] && s[n] != ' '; n++)
        h = (h ^ (unsigned char)s[n]) * 16777619u;
    *len = n;
    return h;
}

/* Read the cache at path into the checksums of `l` (into arena a), if it
 * describes exactly the files of `l`.  Any doubt: false.  The cache lists
 * the files sorted by name; they are found in the (unsorted) listing
 * through a hash table and put in the cache's order, which saves sorting
 * the listing on every start-up.  The order is checked as it goes. */
static bool cache_read(const char *path, HcListing *l, Arena *a)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t cap = 16;
    while (cap < (size_t)l->n * 2)
        cap *= 2;
    int *slot = xmalloc(sizeof *slot * cap);
    for (size_t k = 0; k < cap; k++)
        slot[k] = -1;
    for (int j = 0; j < l->n; j++) {
        size_t len, k = name_hash(l->f[j].name, &len) & (cap - 1);
        while (slot[k] >= 0)
            k = (k + 1) & (cap - 1);
        slot[k] = j;
    }
    HcFile *order = xmalloc(sizeof *order * (size_t)(l->n ? l->n : 1));
    char line[PATH_MAX + 256];
    bool ok = fgets(line, sizeof line, f) &&
              strcmp(line, CACHE_MAGIC "\n") == 0;
    int i = 0;
    while (ok && fgets(line, sizeof line, f)) {
        const char *sum;
        if (strncmp(line, "end ", 4) == 0) {
            char *e;
            long long end = strtoll(line + 4, &e, 10);
            ok = (*e == '\n' || *e == '\0') && e != line + 4 &&
                 end == l->n && i == l->n;
            break;
        }
        size_t len, k = name_hash(line, &len) & (cap - 1);
        int j = -1;
        for (; slot[k] != -1; k = (k + 1) & (cap - 1))
            if (slot[k] >= 0 && strncmp(l->f[slot[k]].name, line, len) == 0 &&
                l->f[slot[k]].name[len] == '\0') {
                j = slot[k];
                slot[k] = -2; /* taken: a name listed twice is a doubt */
                break;
            }
        ok = i < l->n && j >= 0 && entry_matches(line, &l->f[j], &sum) &&
             (i == 0 || strcmp(order[i - 1].name, l->f[j].name) < 0);
        if (ok) {
            order[i] = l->f[j];
            order[i++].checksum = arena_strdup(a, sum);
        }
    }
    if (ok && i != l->n)
        ok = false; /* no "end" line: a truncated file */
    fclose(f);
    free(slot);
    if (ok) {
        memcpy(l->f, order, sizeof *order * (size_t)l->n);
        l->sorted = true;
    } else {
        for (int j = 0; j < l->n; j++)
            l->f[j].checksum = NULL;
    }
    free(order);
    return ok;
}

/* Record the checksums of `l` atomically (a temporary file renamed over
 * the old one).  Silent on any failure. */
static void cache_write(const char *path, const HcListing *l)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    *slash = '\0';
    /* ~/.cache/migc: create the missing levels. */
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0700);
        *p = '/';
    }
    mkdir(dir, 0700);
    free(dir);

    StrBuf tmpname;
    sb_init(&tmpname);
    sb_printf(&tmpname, "%s.%ld.tmp", path, (long)getpid());
    int fd = open(sb_str(&tmpname), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        sb_free(&tmpname);
        return;
    }
    time_t now = time(NULL);
    fputs(CACHE_MAGIC "\n", f);
    for (int i = 0; i < l->n; i++) {
        const HcFile *e = &l->f[i];
        bool racy = e->mtime_s >= (long long)now - CACHE_RACY_SECONDS;
        fprintf(f, "%s %lld %lld %lld %llu %s\n", e->name,
                racy ? -1LL : e->size, e->mtime_s, e->mtime_ns, e->ino,
                e->checksum);
    }
    fprintf(f, "end %d\n", l->n);
    bool ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(sb_str(&tmpname), path) != 0)
        unlink(sb_str(&tmpname));
    sb_free(&tmpname);
}


bool hcache_open(HCache *c, const char *dir, const char *dialect)
{
    memset(c, 0, sizeof *c);
    c->dir_for_write = dir;
    c->path = cache_path(dir, dialect);
    if (!c->path)
        return false;
    if (!list_dir(dir, &c->before)) {
        free(c->path);
        c->path = NULL;
        return false;
    }
    return true;
}

bool hcache_read(HCache *c, Arena *a)
{
    bool hit = c->path && cache_read(c->path, &c->before, a);
    listing_sort(&c->before);
    return hit;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

void hcache_write(HCache *c, const char *const *bases,
                  const char *const *checksums, int n)
{
    if (!c->path || n != c->before.n)
        return;
    /* Only if no file changed while the history was read. */
    HcListing after;
    if (!list_dir(c->dir_for_write, &after))
        return;
    listing_sort(&c->before);
    listing_sort(&after);
    bool ok = same_listing(&c->before, &after);
    /* Match each file of the listing (sorted by name) with its checksum:
     * sort "name\0checksum" pairs by name. */
    const char **pairs = xmalloc(sizeof *pairs * (size_t)(n ? n : 1));
    Arena a;
    arena_init(&a);
    for (int i = 0; ok && i < n; i++)
        pairs[i] = checksums[i] ? arena_printf(&a, "%s/%s", bases[i],
                                               checksums[i])
                                : NULL;
    for (int i = 0; ok && i < n; i++)
        ok = pairs[i] != NULL;
    if (ok)
        qsort(pairs, (size_t)n, sizeof *pairs, by_name);
    for (int i = 0; ok && i < n; i++) {
        const char *slash = strchr(pairs[i], '/');
        size_t len = (size_t)(slash - pairs[i]);
        ok = strlen(after.f[i].name) == len &&
             memcmp(after.f[i].name, pairs[i], len) == 0;
        after.f[i].checksum = slash + 1;
    }
    if (ok)
        cache_write(c->path, &after);
    arena_free(&a);
    free(pairs);
    listing_free(&after);
}

const char *hcache_name(const HCache *c, int i)
{
    /* Sorted by hcache_read, the only way to a listing with checksums. */
    return c->before.f[i].name;
}

const char *hcache_checksum(const HCache *c, int i)
{
    return c->before.f[i].checksum;
}

int hcache_count(const HCache *c)
{
    return c->before.n;
}

void hcache_close(HCache *c)
{
    listing_free(&c->before);
    free(c->path);
    c->path = NULL;
}
