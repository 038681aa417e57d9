/*
 * cmd_new.c — `migc new NAME`: a new migration file from a template.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"

static const char template_text[] =
    "-- %s\n"
    "--\n"
    "-- One statement after the other, each ending with ';'.  They run in\n"
    "-- one transaction, and migc derives the down migration.  For example:\n"
    "--\n"
    "--   create table comments (\n"
    "--       id bigserial primary key,\n"
    "--       body text not null,\n"
    "--       created_at timestamptz not null default now()\n"
    "--   );\n"
    "--   add column comments.author_id bigint references users;\n"
    "--   rename column comments.contents to body;\n"
    "--   create index on comments (author_id);\n"
    "--\n"
    "-- To write both directions yourself:\n"
    "--\n"
    "--   up { ... } down { ... }\n"
    "--\n"
    "-- Raw SQL, irreversible unless it has a down part:\n"
    "--\n"
    "--   sql 'update comments set body = trim(body)';\n"
    "--\n"
    "-- `no transaction;` as the first line runs the statements one by one\n"
    "-- outside a transaction (needed for create index concurrently).\n";

static bool valid_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower_or_digit(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The file name's spelling of NAME: AddUserBio becomes add_user_bio,
 * HTTPServer http_server.  Anything but letters, digits and '_' is left
 * for valid_name() to refuse. */
static char *snake_name(Arena *a, const char *name)
{
    size_t n = strlen(name);
    char *out = arena_alloc(a, 2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (is_upper(c)) {
            bool after_word = i > 0 && is_lower_or_digit(name[i - 1]);
            bool acronym_end = i > 0 && is_upper(name[i - 1]) &&
                               i + 1 < n && name[i + 1] >= 'a' &&
                               name[i + 1] <= 'z';
            if ((after_word || acronym_end) && k > 0 && out[k - 1] != '_')
                out[k++] = '_';
            c = (char)(c - 'A' + 'a');
        }
        out[k++] = c;
    }
    out[k] = '\0';
    return out;
}

bool cli_make_dirs(const char *dir)
{
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path)
        return false;
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return false;
        path[i] = c;
    }
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether DIR already holds a migration with this version (migrations
 * created within one second get the next free second). */
static bool version_taken(const char *dir, const char *version)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = strlen(version);
    bool taken = false;
    if (!d)
        return false;
    while (!taken && (e = readdir(d)) != NULL)
        taken = strncmp(e->d_name, version, n) == 0 && e->d_name[n] == '_';
    closedir(d);
    return taken;
}

int cmd_new(CliOpts *o)
{
    char version[32];
    time_t now = time(NULL);
    struct tm tm;
    Arena a;

    if (o->nargs != 1) {
        fprintf(stderr, "migc: new needs one NAME\n"
                "usage: migc new [--dir DIR] NAME\n");
        return EXIT_USAGE;
    }
    arena_init(&a);
    const char *name = snake_name(&a, o->args[0]);
    if (!valid_name(name)) {
        fprintf(stderr, "migc: invalid migration name '%s': use letters, "
                "digits and '_' (AddUserBio and add_user_bio both name "
                "..._add_user_bio.mig)\n", o->args[0]);
        arena_free(&a);
        return EXIT_USAGE;
    }
    if (!cli_make_dirs(o->dir)) {
        fprintf(stderr, "migc: error: cannot create directory %s: %s\n",
                o->dir, strerror(errno));
        arena_free(&a);
        return EXIT_FAIL;
    }
    for (int tries = 0;; tries++, now++) {
        gmtime_r(&now, &tm);
        strftime(version, sizeof version, "%Y%m%d%H%M%S", &tm);
        if (!version_taken(o->dir, version) || tries > 1000)
            break;
    }

    const char *path = arena_printf(&a, "%s/%s_%s.mig", o->dir, version, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fprintf(stderr, "migc: error: cannot create %s: %s\n", path,
                errno == EEXIST ? "it already exists" : strerror(errno));
        arena_free(&a);
        return EXIT_FAIL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                strerror(errno));
        arena_free(&a);
        return EXIT_FAIL;
    }
    fprintf(f, template_text, name);
    if (fclose(f) != 0) {
        fprintf(stderr, "migc: error: cannot write %s: %s\n", path,
                strerror(errno));
        arena_free(&a);
        return EXIT_FAIL;
    }
    printf("%s\n", path);
    arena_free(&a);
    return EXIT_OK;
}
