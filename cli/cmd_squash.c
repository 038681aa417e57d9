/*
 * cmd_squash.c — `migc squash --to VERSION`: one generated migration in
 * place of every migration up to VERSION.
 *
 * The new file is DIR/<VERSION>_squashed.mig: it keeps the version of the
 * last migration it replaces, so that it sorts before every later one.
 * The files it replaces are moved to DIR/squashed/ (the folder reader
 * ignores sub-folders): a database that applied only some of them needs
 * them to catch up (docs/RUNTIME.md, "Squashing").  The new file is
 * written under a temporary name first and renamed into place last.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "version.h"

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool write_file(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fprintf(stderr, "migc: error: cannot create %s: %s\n", path,
                strerror(errno));
        return false;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                    strerror(errno));
            close(fd);
            unlink(path);
            return false;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                strerror(errno));
        unlink(path);
        return false;
    }
    return true;
}

/* Move the first n migration files of h into `aside`, newest first; on
 * a failure, put back the ones already moved. */
static bool move_aside(const History *h, int n, Arena *a, const char *aside)
{
    for (int i = n - 1; i >= 0; i--) {
        const char *from = history_path(h, i);
        const char *to = arena_printf(a, "%s/%s", aside, base_of(from));
        struct stat st;
        const char *fail = NULL;
        if (lstat(to, &st) == 0)
            fail = "a file of that name is there";
        else if (rename(from, to) != 0)
            fail = strerror(errno);
        if (fail) {
            fprintf(stderr, "migc: error: cannot move %s to %s: %s\n", from,
                    to, fail);
            for (int j = i + 1; j < n; j++) {
                const char *back = history_path(h, j);
                if (rename(arena_printf(a, "%s/%s", aside, base_of(back)),
                           back) != 0)
                    fprintf(stderr, "migc: error: cannot move %s back\n",
                            back);
            }
            return false;
        }
    }
    return true;
}

int cmd_squash(CliOpts *o)
{
    if (!o->to) {
        fprintf(stderr, "migc: error: squash needs --to VERSION: the last "
                "migration to squash\n");
        return EXIT_USAGE;
    }
    if (!cli_require_dir(o))
        return EXIT_FAIL;
    const Dialect *d = cli_dialect(o);
    if (!d)
        return EXIT_USAGE;
    Diag diag;
    History *all = NULL, *upto = NULL;
    int rc = EXIT_FAIL;
    StrBuf text, why;
    sb_init(&text);
    sb_init(&why);
    Arena a;
    arena_init(&a);
    bool *keep = NULL;
    /* The whole history must compile, as for every command. */
    if (!cli_load_history(o, &all, &diag, d))
        goto out;
    int last = history_index(all, o->to);
    if (last < 0) {
        fprintf(stderr, "migc: error: no migration with version %s\n", o->to);
        goto out;
    }
    int n = last + 1;
    upto = history_new(&diag);
    if (!cli_load_dir(o, upto))
        goto out;
    keep = ARENA_ARRAY(&a, bool, history_count(upto) + 1);
    for (int i = 0; i < history_count(upto); i++)
        keep[i] = i < n;
    history_keep(upto, keep);
    if (!history_compile(upto, d))
        goto out;
    if (!history_squash_text(upto, o->allow_sql, &text, &why)) {
        fprintf(stderr, "migc: error: cannot squash up to %s: %s\n", o->to,
                sb_str(&why));
        if (strstr(sb_str(&why), "sql statement"))
            fprintf(stderr, "hint: --allow-sql squashes anyway, leaving "
                    "them out\n");
        goto out;
    }
    size_t dlen = strlen(o->dir);
    const char *sep = dlen && o->dir[dlen - 1] == '/' ? "" : "/";
    const char *version = history_version(upto, n - 1);
    const char *target = arena_printf(&a, "%s%s%s_squashed.mig", o->dir, sep,
                                      version);
    const char *aside = arena_printf(&a, "%s%ssquashed", o->dir, sep);
    if (o->dry_run) {
        printf("-- would write %s:\n%s", target, sb_str(&text));
        for (int i = 0; i < n; i++)
            printf("-- would move %s to %s/\n", history_path(upto, i), aside);
        rc = EXIT_OK;
        goto out;
    }
    if (mkdir(aside, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "migc: error: cannot create %s: %s\n", aside,
                strerror(errno));
        goto out;
    }
    const char *tmp = arena_printf(&a, "%s%s.%s_squashed.mig.tmp", o->dir,
                                   sep, version);
    if (!write_file(tmp, text.data, text.len))
        goto out;
    if (!move_aside(upto, n, &a, aside)) {
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, target) != 0) {
        fprintf(stderr, "migc: error: cannot rename %s to %s: %s\n", tmp,
                target, strerror(errno));
        goto out;
    }
    if (!o->quiet)
        printf("squashed %d migration%s into %s; moved %s to %s/\n", n,
               n == 1 ? "" : "s", target, n == 1 ? "it" : "them", aside);
    rc = EXIT_OK;
out:
    arena_free(&a);
    sb_free(&text);
    sb_free(&why);
    history_delete(upto);
    history_delete(all);
    return rc;
}
