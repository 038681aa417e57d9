/*
 * tokenize.c — the floor under `migc check` and `migc compile`: read every
 * migration file of a folder, as migc does, and run only the scanner over
 * it (parse_tokenize() of compiler/parse.h).  No parser, no checker, no
 * SQL.  The benchmark reports how many times slower than this the
 * compiler is.
 *
 *   tokenize DIR
 *
 * prints the number of files, bytes and tokens; exit status 1 on a
 * lexical error or an unreadable file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "parse.h"

/* Read the whole file at path into a NUL-terminated buffer (malloc). */
static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        return NULL;
    }
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool is_migration(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".mig") == 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tokenize DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "tokenize: %s: %s\n", dir, strerror(errno));
        return 1;
    }

    Diag d;
    diag_init(&d, stderr);
    long files = 0, tokens = 0;
    size_t bytes = 0, pathcap = strlen(dir) + 512;
    char *path = malloc(pathcap);
    int status = 0;
    struct dirent *de;
    while (path && (de = readdir(dp)) != NULL) {
        if (!is_migration(de->d_name))
            continue;
        snprintf(path, pathcap, "%s/%s", dir, de->d_name);
        size_t len;
        char *text = read_file(path, &len);
        if (!text) {
            fprintf(stderr, "tokenize: %s: %s\n", path, strerror(errno));
            status = 1;
            continue;
        }
        SourceFile src = {path, text, len};
        long n = parse_tokenize(&src, &d);
        if (n < 0)
            status = 1;
        else
            tokens += n;
        files++;
        bytes += len;
        free(text);
    }
    closedir(dp);
    free(path);
    printf("%ld files, %zu bytes, %ld tokens\n", files, bytes, tokens);
    return status;
}
