/*
 * folder.c — reading the migrations folder: which files are migrations,
 * reading each, and the order of the history (versions as numbers, each
 * used once).
 */
/* d_type and DT_* of readdir() */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "history_int.h"

/* Read the whole regular file open on fd (st: its fstat()), and close
 * it; NULL after a diagnostic.  One read() of the size fstat() gave (open,
 * fstat, read, close: a long history is mostly small files, and this is
 * the I/O of loading it). */
static char *read_fd(History *h, int fd, const struct stat *st,
                     const char *path, size_t *len)
{
    char *text = NULL;
    bool too_big = false, err = false;
    if (st->st_size > MIGC_MAX_FILE_BYTES) {
        too_big = true;
    } else {
        size_t size = (size_t)st->st_size, got = 0;
        text = arena_alloc(&h->arena, size + 1);
        while (got < size) {
            ssize_t r = read(fd, text + got, size - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                err = true;
            if (r <= 0)
                break;  /* an error, or the file shrank */
            got += (size_t)r;
        }
        text[got] = '\0';
        *len = got;
    }
    close(fd);
    if (too_big) {
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "%s: file is larger than the limit of %d bytes", path,
                  MIGC_MAX_FILE_BYTES);
        return NULL;
    }
    if (err) {
        diag_file(h->diag, DIAG_ERROR, NULL, "cannot read %s", path);
        return NULL;
    }
    return text;
}

/* Add the migration file at path (base: its name).  With skip_dir, a
 * directory is passed over in silence (a folder entry whose type readdir()
 * did not tell).  Anything but a regular file is refused: it is opened
 * without blocking (a FIFO named *.mig would otherwise wait for a writer
 * forever) and looked at before it is read. */
static bool add_path(History *h, const char *path, const char *base,
                     bool skip_dir)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    int open_errno = errno;
    struct stat st;
    bool have_st = fd >= 0 && fstat(fd, &st) == 0;
    if (skip_dir && have_st && S_ISDIR(st.st_mode)) {
        close(fd);
        return true;
    }
    const char *version, *name;
    if (!version_parse_filename(&h->arena, base, &version, &name)) {
        if (fd >= 0)
            close(fd);
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "%s: a migration file is named <version>_<name>.mig, with "
                  "digits for the version and [a-z0-9_] for the name",
                  path);
        return false;
    }
    if (fd < 0) {
        diag_file(h->diag, DIAG_ERROR, NULL, "cannot read %s: %s", path,
                  strerror(open_errno));
        return false;
    }
    if (!have_st || !S_ISREG(st.st_mode)) {
        close(fd);
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "%s: not a regular file (a migration is a file)", path);
        return false;
    }
    size_t len = 0;
    char *text = read_fd(h, fd, &st, path, &len);
    if (!text)
        return false;
    Migration *m = ARENA_NEW(&h->arena, Migration);
    m->src.path = arena_strdup(&h->arena, path);
    m->src.text = text;
    m->src.len = len;
    m->version = version;
    m->name = name;
    return history_add_parsed(h, m);
}

static int cmp_mig(const void *pa, const void *pb)
{
    const CompiledMig *a = pa, *b = pb;
    int c = version_cmp(a->m->version, b->m->version);
    if (c)
        return c;
    return strcmp(a->m->src.path, b->m->src.path);
}

static int cmp_str(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

static bool sort_and_check_versions(History *h)
{
    qsort(h->migs, (size_t)h->nmigs, sizeof(CompiledMig), cmp_mig);
    bool ok = true;
    for (int i = 1; i < h->nmigs; i++) {
        if (version_cmp(h->migs[i - 1].m->version,
                                h->migs[i].m->version) == 0) {
            diag_file(h->diag, DIAG_ERROR, NULL,
                      "%s: version %s is also used by %s",
                      h->migs[i].m->src.path, h->migs[i].m->version,
                      h->migs[i - 1].m->src.path);
            ok = false;
        }
    }
    return ok;
}

bool history_load_dir(History *h, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_file(h->diag, DIAG_ERROR, NULL,
                  "cannot open the migrations folder %s: %s", dir,
                  strerror(errno));
        return false;
    }
    /* Read names first and sort them, so diagnostics come in a stable
     * order whatever the file system returns. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 4, ".mig") != 0)
            continue; /* other files are ignored */
        if (de->d_name[0] == '.')
            continue;
#ifdef DT_DIR
        if (de->d_type == DT_DIR)
            continue; /* a folder named *.mig: no need to open it */
#endif
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n > 1) /* names is NULL when the folder has no migration */
        qsort(names, n, sizeof *names, cmp_str);
    bool ok = true;
    size_t dlen = strlen(dir);
    bool slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *path = arena_printf(&h->arena, "%s%s%s", dir, slash ? "" : "/",
                                  names[i]);
        if (!add_path(h, path, names[i], true))
            ok = false;
        free(names[i]);
    }
    free(names);
    if (!sort_and_check_versions(h))
        ok = false;
    return ok;
}

bool history_add_file(History *h, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    bool ok = add_path(h, path, base, false);
    if (!sort_and_check_versions(h))
        ok = false;
    return ok;
}

CompiledMig *history_find(History *h, const char *key)
{
    for (int i = 0; i < h->nmigs; i++) {
        Migration *m = h->migs[i].m;
        if (strcmp(m->src.path, key) == 0)
            return &h->migs[i];
        if (version_valid(key) && version_cmp(m->version, key) == 0)
            return &h->migs[i];
    }
    return NULL;
}
