/*
 * cache.c — the compiled history, and its cache.
 *
 * The compiled-history cache.  `migc status` and a `migc up` with nothing
 * to apply need only each migration's version, name and checksum, yet
 * cli.md has every database command check the whole history first.  As
 * git's index and make do for unchanged files, a cache records what a
 * successful full compile found:
 *
 *   $XDG_CACHE_HOME/migc/<key>   (default ~/.cache/migc/<key>)
 *   key = SHA-256 of realpath(folder), dialect, version, build identity
 *
 *   migc-history-cache 1
 *   <name> <size> <mtime s> <mtime ns> <inode> <checksum>   one per file
 *   end <count>
 *
 * It is written only when the whole history compiled without error, and
 * trusted only when the folder holds exactly the same *.mig files with the
 * same size, mtime and inode.  A file modified less than two seconds
 * before the cache was written is recorded as untrusted (size -1): a
 * change within the file system's timestamp granularity could otherwise
 * go unseen (git's "racily clean" entries).  `up` uses the cache only when
 * the ledger already holds every migration; as soon as anything is
 * pending, it compiles everything, since it needs the SQL.  MIGC_NO_CACHE
 * set to a non-empty value turns the cache off (no read, no write).
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

#include "cli.h"
#include "ledger.h"


/* ---- the compiled-history cache ---- */

#define CACHE_MAGIC "migc-history-cache 1"
#define CACHE_RACY_SECONDS 2

/* One *.mig entry of the folder, as stat() sees it. */
typedef struct FileStat {
    char *name;
    long long size;         /* -1: not to be trusted */
    long long mtime_s;
    long long mtime_ns;
    unsigned long long ino;
    const char *checksum;   /* from the cache or the compile */
} FileStat;

typedef struct Listing {
    FileStat *f;
    int n;
} Listing;

static void listing_free(Listing *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->f[i].name);
    free(l->f);
    l->f = NULL;
    l->n = 0;
}

static int filestat_cmp(const void *x, const void *y)
{
    return strcmp(((const FileStat *)x)->name, ((const FileStat *)y)->name);
}

/* The *.mig files of dir that history_load_dir() reads, sorted by name,
 * with their stat(); false if the folder cannot be listed. */
static bool list_dir(const char *dir, Listing *out)
{
    out->f = NULL;
    out->n = 0;
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
            out->f = xrealloc(out->f, sizeof(FileStat) * (size_t)cap);
        }
        FileStat *f = &out->f[out->n++];
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
    if (out->n > 1)
        qsort(out->f, (size_t)out->n, sizeof(FileStat), filestat_cmp);
    return true;
}

static bool same_listing(const Listing *a, const Listing *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++) {
        const FileStat *x = &a->f[i], *y = &b->f[i];
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
static char *cache_path(const char *dir, const Dialect *d)
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
    sb_printf(&key, "%s\n%s\n", real, d->name);
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

static bool is_checksum(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
            return false;
    return n == 64;
}

/* Read the cache at path into the checksums of `l` (into arena a), if it
 * describes exactly the files of `l`.  Any doubt: false. */
static bool cache_read(const char *path, Listing *l, Arena *a)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char line[PATH_MAX + 256];
    bool ok = fgets(line, sizeof line, f) &&
              strcmp(line, CACHE_MAGIC "\n") == 0;
    int i = 0;
    while (ok && fgets(line, sizeof line, f)) {
        char name[NAME_MAX + 1], sum[80];
        long long size, ms, mns;
        unsigned long long ino;
        int end;
        if (sscanf(line, "end %d", &end) == 1) {
            ok = end == l->n && i == l->n;
            break;
        }
        if (i >= l->n ||
            sscanf(line, "%255s %lld %lld %lld %llu %79s", name, &size, &ms,
                   &mns, &ino, sum) != 6) {
            ok = false;
            break;
        }
        FileStat *e = &l->f[i++];
        ok = size >= 0 && strcmp(name, e->name) == 0 && size == e->size &&
             ms == e->mtime_s && mns == e->mtime_ns && ino == e->ino &&
             is_checksum(sum);
        if (ok)
            e->checksum = arena_strdup(a, sum);
    }
    if (ok && i != l->n)
        ok = false; /* no "end" line: a truncated file */
    fclose(f);
    return ok;
}

static int cached_cmp(const void *x, const void *y)
{
    const CompiledMig *a = x, *b = y;
    int c = version_cmp(a->m->version, b->m->version);
    return c ? c : strcmp(a->m->src.path, b->m->src.path);
}

/* Fill h with the migrations of the cache: versions, names, paths (as
 * history_load_dir() spells them) and checksums; no text, no SQL.
 * h->compiled stays false: that is how a caller tells. */
static void history_from_cache(History *h, const char *dir, const Listing *l)
{
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    h->migs = xmalloc(sizeof(CompiledMig) * (size_t)(l->n ? l->n : 1));
    h->capmigs = l->n;
    for (int i = 0; i < l->n; i++) {
        Migration *m = ARENA_NEW(&h->arena, Migration);
        m->src.path = arena_printf(&h->arena, "%s%s%s", dir, slash ? "" : "/",
                                   l->f[i].name);
        m->src.text = "";
        if (!version_parse_filename(&h->arena, l->f[i].name, &m->version,
                                    &m->name))
            m->version = m->name = ""; /* cannot happen: it compiled */
        m->ok = true;
        CompiledMig *cm = &h->migs[h->nmigs++];
        memset(cm, 0, sizeof *cm);
        cm->m = m;
        cm->checksum = l->f[i].checksum;
    }
    qsort(h->migs, (size_t)h->nmigs, sizeof(CompiledMig), cached_cmp);
}

static const char *base_of(const CompiledMig *cm)
{
    const char *slash = strrchr(cm->m->src.path, '/');
    return slash ? slash + 1 : cm->m->src.path;
}

static int base_cmp(const void *x, const void *y)
{
    return strcmp(base_of(*(const CompiledMig *const *)x),
                  base_of(*(const CompiledMig *const *)y));
}

/* Record the compiled history h, whose files are `l`, atomically (a
 * temporary file renamed over the old one).  Silent on any failure. */
static void cache_write(const char *path, Listing *l, const History *h)
{
    /* Each file's checksum: the history is sorted by version, the
     * listing by name; sort the history by file name to match them. */
    if (h->nmigs != l->n)
        return;
    const CompiledMig **by = xmalloc(sizeof(*by) * (size_t)(l->n ? l->n : 1));
    for (int i = 0; i < h->nmigs; i++)
        by[i] = &h->migs[i];
    qsort(by, (size_t)l->n, sizeof(*by), base_cmp);
    for (int i = 0; i < l->n; i++) {
        if (!by[i]->checksum || strcmp(base_of(by[i]), l->f[i].name) != 0) {
            free(by);
            return;
        }
        l->f[i].checksum = by[i]->checksum;
    }
    free(by);

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
        const FileStat *e = &l->f[i];
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

/* Whether the ledger of the database in force already holds every
 * migration of h (so `up` has nothing to apply).  Any doubt: false. */
static bool nothing_pending(const CliOpts *o, const History *h)
{
    Db db;
    DbError err;
    Arena a;
    Ledger l;
    db_error_init(&err);
    if (!db_open(&db, cli_db_url(o), o->table, true, &err)) {
        db_error_clear(&err);
        return false;
    }
    arena_init(&a);
    bool all = ledger_read(&db, &a, &l, &err);
    for (int i = 0; all && i < h->nmigs; i++)
        all = ledger_find(&l, h->migs[i].m->version) != NULL;
    db_error_clear(&err);
    arena_free(&a);
    db_close(&db);
    return all;
}

bool cli_load_history(const CliOpts *o, History *h, Diag *diag,
                      const Dialect *d)
{
    diag_init(diag, stderr);
    const char *no_color = getenv("NO_COLOR");
    diag->color = isatty(STDERR_FILENO) && !(no_color && *no_color);
    /* Warnings are `migc check`'s business; the other commands print
     * errors only. */
    diag->no_warnings = true;
    history_init(h, diag);

    /* status and up may take the history from the cache. */
    bool may_use = o->cmd && (strcmp(o->cmd, "status") == 0 ||
                              strcmp(o->cmd, "up") == 0);
    char *cpath = cache_path(o->dir, d);
    Listing before = {NULL, 0};
    bool listed = cpath && list_dir(o->dir, &before);
    if (may_use && listed && cache_read(cpath, &before, &h->arena)) {
        history_from_cache(h, o->dir, &before);
        if (strcmp(o->cmd, "up") != 0 || nothing_pending(o, h)) {
            listing_free(&before);
            free(cpath);
            return true;
        }
        /* up has work: it needs the SQL. */
        history_free(h);
        history_init(h, diag);
    }

    bool ok = cli_load_dir(o, h) && history_compile(h, d);
    if (ok && listed) {
        /* Only if no file changed while it was read. */
        Listing after;
        if (list_dir(o->dir, &after)) {
            if (same_listing(&before, &after))
                cache_write(cpath, &after, h);
            listing_free(&after);
        }
    }
    listing_free(&before);
    free(cpath);
    return ok;
}
