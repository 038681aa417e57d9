/*
 * version.c — migration versions and file names (version.h).
 */
#include "version.h"

#include <string.h>

int version_cmp(const char *a, const char *b)
{
    while (*a == '0' && a[1])
        a++;
    while (*b == '0' && b[1])
        b++;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(a, b);
}

bool version_valid(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool version_parse_filename(Arena *a, const char *base, const char **version,
                            const char **name)
{
    size_t n = strlen(base);
    if (n < 6 || strcmp(base + n - 4, ".mig") != 0)
        return false;
    size_t v = 0;
    while (base[v] >= '0' && base[v] <= '9')
        v++;
    if (v == 0 || base[v] != '_')
        return false;
    size_t name_start = v + 1, name_end = n - 4;
    if (name_end <= name_start)
        return false;
    for (size_t i = name_start; i < name_end; i++) {
        char c = base[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    *version = arena_strndup(a, base, v);
    *name = arena_strndup(a, base + name_start, name_end - name_start);
    return true;
}
