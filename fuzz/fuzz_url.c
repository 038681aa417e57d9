/*
 * fuzz_url.c — the runtime's text handling that sees user input before any
 * database does: the choice of driver for a --db target, the masking of a
 * password in a URL or conninfo, the path of a sqlite: target, and the
 * splitting of SQL text (a down script read back from the ledger) into
 * statements, both generic and SQLite's.
 *
 * Properties: no crash, no sanitizer report; the masked target never holds
 * the password of a `postgres://user:PASSWORD@` URL; the pieces of a split
 * are non-empty and hold content.
 */
#include "fuzz.h"

#include <stdbool.h>

#include "driver.h"

static void check_split(const char *sql, int n, char **v)
{
    (void)sql;
    for (int i = 0; i < n; i++) {
        if (!v[i] || !v[i][0])
            FUZZ_FAIL("split: piece %d of %d is empty", i, n);
        if (!db_sql_has_content(v[i], strlen(v[i])))
            FUZZ_FAIL("split: piece %d of %d has no content: [%s]", i, n,
                      v[i]);
    }
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    const DbDriver *drv = db_driver_for(s);
    if (!drv)
        FUZZ_FAIL("no driver for a target");
    if (drv == &db_driver_sqlite) {
        char *path = db_sqlite_path(s);
        free(path);
    }
    char *masked = db_mask_target(s);
    if (masked) {
        /* postgres://user:secret@host: the secret must not show (when it
         * appears nowhere else in the target). */
        const char *scheme = strstr(s, "://");
        if (scheme && (strncmp(s, "postgres://", 11) == 0 ||
                       strncmp(s, "postgresql://", 13) == 0)) {
            const char *auth = scheme + 3;
            const char *at = strchr(auth, '@');
            const char *slash = strchr(auth, '/');
            const char *colon = at ? memchr(auth, ':', (size_t)(at - auth))
                                   : NULL;
            if (colon && (!slash || at < slash) && at - colon > 4) {
                char *pw = strndup(colon + 1, (size_t)(at - colon - 1));
                const char *first = pw ? strstr(s, pw) : NULL;
                bool once = first && !strstr(first + 1, pw);
                if (once && strstr(masked, pw))
                    FUZZ_FAIL("mask: password \"%s\" shows in \"%s\"", pw,
                              masked);
                free(pw);
            }
        }
        free(masked);
    }

    char **v = NULL;
    int n = db_split_sql(s, &v);
    check_split(s, n, v);
    db_free_split(v, n);
    (void)db_sql_has_content(s, strlen(s));

    v = NULL;
    n = db_driver_sqlite.split(s, &v);
    db_free_split(v, n);
    if (db_driver_postgres.split) {
        v = NULL;
        n = db_driver_postgres.split(s, &v);
        db_free_split(v, n);
    }
    free(s);
    return 0;
}
