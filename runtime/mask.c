/*
 * mask.c — passwords out of messages (mask.h).
 */
#include "mask.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The secrets of one target: the raw text of each password value as
 * written, and its decoded form. */
typedef struct Secrets {
    char *v[32];
    int n;
} Secrets;

static void secret_add(Secrets *s, const char *p, size_t n)
{
    if (!s || n == 0 || s->n >= (int)(sizeof s->v / sizeof s->v[0]))
        return;
    char *c = xmalloc(n + 1);
    memcpy(c, p, n);
    c[n] = '\0';
    s->v[s->n++] = c;
}

static void secrets_free(Secrets *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->v[i]);
    s->n = 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode s[0, n) into b (an invalid escape stays as written). */
static void pct_decode(StrBuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n &&
            (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            sb_putc(b, (char)(h * 16 + l));
            i += 2;
        } else {
            sb_putc(b, s[i]);
        }
    }
}

/* Whether a parameter name (already decoded) names a password: password,
 * sslpassword, PASSWORD... */
static bool is_password_key(const char *k, size_t n)
{
    static const char pw[] = "password";
    size_t pl = sizeof pw - 1;
    for (size_t i = 0; i + pl <= n; i++) {
        size_t j = 0;
        while (j < pl && tolower((unsigned char)k[i + j]) == pw[j])
            j++;
        if (j == pl)
            return true;
    }
    return false;
}

static void add_raw_and_decoded(Secrets *s, const char *v, size_t n)
{
    StrBuf d;
    secret_add(s, v, n);
    sb_init(&d);
    pct_decode(&d, v, n);
    if (d.len != n || (n > 0 && memcmp(d.data, v, n) != 0))
        secret_add(s, d.data, d.len);
    sb_free(&d);
}

/* scheme://[user[:password]@]host[:port][/db][?k=v&...]
 * libpq takes the userinfo up to the first '@' or '/'; a password with an
 * unencoded '/' or '@' is the user's mistake but still a password, so the
 * userinfo here runs to the last '@' of the URL: wider, never narrower. */
static void mask_url(StrBuf *out, const char *t, const char *rest, Secrets *s)
{
    const char *at = strrchr(rest, '@');
    const char *colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
    sb_putn(out, t, (size_t)(rest - t));
    const char *p = rest;
    if (colon) {
        sb_putn(out, rest, (size_t)(colon + 1 - rest));
        sb_puts(out, "***");
        add_raw_and_decoded(s, colon + 1, (size_t)(at - colon - 1));
        p = at;
    }
    const char *q = strchr(p, '?');
    if (!q) {
        sb_puts(out, p);
        return;
    }
    sb_putn(out, p, (size_t)(q + 1 - p));
    p = q + 1;
    while (*p) {
        size_t len = strcspn(p, "&");
        const char *eq = memchr(p, '=', len);
        StrBuf key;
        sb_init(&key);
        pct_decode(&key, p, eq ? (size_t)(eq - p) : len);
        if (eq && is_password_key(sb_str(&key), key.len)) {
            sb_putn(out, p, (size_t)(eq + 1 - p));
            sb_puts(out, "***");
            add_raw_and_decoded(s, eq + 1, len - (size_t)(eq + 1 - p));
        } else {
            sb_putn(out, p, len);
        }
        sb_free(&key);
        p += len;
        if (*p == '&')
            sb_putc(out, *p++);
    }
}

/* libpq's conninfo: key = value pairs separated by white space; a value
 * is '...' (backslash escapes inside) or runs to white space (backslash
 * escapes the next character). */
static void mask_conninfo(StrBuf *out, const char *t, Secrets *s)
{
    const char *p = t;
    while (*p) {
        const char *ws = p;
        while (isspace((unsigned char)*p))
            p++;
        sb_putn(out, ws, (size_t)(p - ws));
        if (!*p)
            break;
        const char *key = p;
        while (*p && *p != '=' && !isspace((unsigned char)*p))
            p++;
        size_t klen = (size_t)(p - key);
        while (isspace((unsigned char)*p))
            p++;
        if (*p != '=') {
            /* Not a conninfo libpq accepts: hide all that follows. */
            sb_puts(out, "***");
            const char *r = key;
            while (*r) {
                size_t n = strcspn(r, " \t\n\r\f\v");
                secret_add(s, r, n);
                r += n;
                while (isspace((unsigned char)*r))
                    r++;
            }
            return;
        }
        p++;
        while (isspace((unsigned char)*p))
            p++;
        sb_putn(out, key, (size_t)(p - key));
        const char *v = p;
        StrBuf dec;
        sb_init(&dec);
        if (*p == '\'') {
            p++;
            while (*p && *p != '\'') {
                if (*p == '\\' && p[1])
                    p++;
                sb_putc(&dec, *p++);
            }
            if (*p)
                p++;
        } else {
            while (*p && !isspace((unsigned char)*p)) {
                if (*p == '\\' && p[1])
                    p++;
                sb_putc(&dec, *p++);
            }
        }
        if (is_password_key(key, klen) && p > v) {
            sb_puts(out, "***");
            secret_add(s, v, (size_t)(p - v));
            secret_add(s, sb_str(&dec), dec.len);
        } else {
            sb_putn(out, v, (size_t)(p - v));
        }
        sb_free(&dec);
    }
}

static const char *url_rest(const char *t)
{
    const char *p = t;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > t && strncmp(p, "://", 3) == 0 ? p + 3 : NULL;
}

static char *mask_into(const char *target, Secrets *s)
{
    StrBuf out;
    sb_init(&out);
    const char *rest = url_rest(target);
    if (rest)
        mask_url(&out, target, rest, s);
    else if (strncmp(target, "sqlite:", 7) == 0)
        sb_puts(&out, target);
    else
        mask_conninfo(&out, target, s);
    char *r = xstrdup(sb_str(&out));
    sb_free(&out);
    return r;
}

char *db_mask_target(const char *target)
{
    return mask_into(target, NULL);
}

static bool contains(const char *h, size_t hn, const char *n, size_t nn)
{
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, n, nn) == 0)
            return true;
    return false;
}

/* Does the quoted piece q[0, n) show a secret or a piece of one: is it a
 * part of a secret, or does it share 4 bytes in a row with one (libpq
 * splits a URL with an unencoded '/' in the password and echoes the rest
 * as a database name)? */
static bool shows_secret(const char *q, size_t n, const Secrets *s)
{
    if (n == 0)
        return false;
    for (int i = 0; i < s->n; i++) {
        const char *v = s->v[i];
        size_t vl = strlen(v);
        if (vl == 0)
            continue;
        if (n <= vl && contains(v, vl, q, n))
            return true;
        size_t w = vl < 4 ? vl : 4;
        for (size_t k = 0; k + w <= vl; k++)
            if (contains(q, n, v + k, w))
                return true;
    }
    return false;
}

char *db_mask_message(const char *msg, const char *target, const char *extra)
{
    Secrets s = {.n = 0};
    char *shown = mask_into(target, &s);
    if (extra && *extra)
        secret_add(&s, extra, strlen(extra));
    /* First the target wherever it is echoed whole, then what is left. */
    StrBuf whole, out;
    sb_init(&whole);
    sb_init(&out);
    size_t tl = strlen(target);
    for (const char *w = msg; *w;) {
        if (tl && strncmp(w, target, tl) == 0) {
            sb_puts(&whole, shown);
            w += tl;
        } else {
            sb_putc(&whole, *w++);
        }
    }
    const char *p = sb_str(&whole);
    while (*p) {
        if (*p == '"') {
            const char *e = strchr(p + 1, '"');
            if (e && shows_secret(p + 1, (size_t)(e - p - 1), &s)) {
                sb_puts(&out, "\"***\"");
                p = e + 1;
                continue;
            }
        }
        /* An unquoted echo of a password long enough to be told apart
         * from ordinary words. */
        bool hit = false;
        for (int i = 0; i < s.n && !hit; i++) {
            size_t vl = strlen(s.v[i]);
            if (vl >= 4 && strncmp(p, s.v[i], vl) == 0) {
                sb_puts(&out, "***");
                p += vl;
                hit = true;
            }
        }
        if (!hit)
            sb_putc(&out, *p++);
    }
    char *r = xstrdup(sb_str(&out));
    sb_free(&out);
    sb_free(&whole);
    free(shown);
    secrets_free(&s);
    return r;
}
