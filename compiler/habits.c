/*
 * habits.c — hints for SQL typed out of habit.
 *
 * `alter table posts add column views integer` is what SQL has taught
 * everyone to write; migc spells it `add column posts.views integer`.  On
 * a syntax error the parser asks habit_hint() whether the statement reads
 * like one of the SQL forms below, and if so the hint shows the migc
 * spelling, with the user's own names.
 *
 * A pattern is a list of words:
 *   word   that keyword (any case)
 *   $1..$3 one name, captured (never a keyword of the patterns)
 *   ...    any words, as few as possible, up to the next word
 *   *      the rest of the statement (maybe nothing), captured as written
 * The first pattern that matches the whole statement wins.  The hint is
 * "migc writes this as: " and the template, unless the template speaks
 * for itself ("migc ...").
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "habits.h"

#define MANY_CHANGES                                                         \
    "migc writes each change as a statement of its own: add column T.c "     \
    "type; drop column T.c; rename column T.a to b; alter column T.c ...; "  \
    "add constraint T.name ..."

static const struct {
    const char *pattern;
    const char *migc;           /* $1..$3 and * as captured */
} habits[] = {
    {"alter table $1 add column if not exists $2 *",
     "add column $1.$2 *; (the schema model knows whether it exists)"},
    {"alter table $1 add column $2 *", "add column $1.$2 *;"},
    {"alter table $1 add constraint $2 *", "add constraint $1.$2 *;"},
    {"alter table $1 add $2 *", "add column $1.$2 *;"},
    {"alter table $1 drop column if exists $2 *", "drop column $1.$2;"},
    {"alter table $1 drop column $2 *", "drop column $1.$2;"},
    {"alter table $1 drop constraint $2 *", "drop constraint $1.$2;"},
    {"alter table $1 drop $2 *", "drop column $1.$2;"},
    {"alter table $1 rename column $2 to $3", "rename column $1.$2 to $3;"},
    {"alter table $1 rename to $2", "rename table $1 to $2;"},
    {"alter table $1 rename $2 to $3", "rename column $1.$2 to $3;"},
    {"alter table $1 alter column $2 *", "alter column $1.$2 *;"},
    {"alter table $1 alter $2 *", "alter column $1.$2 *;"},
    {"alter table *", MANY_CHANGES},
    {"drop table if exists $1 *",
     "drop table $1; (the schema model knows whether it exists)"},
    {"create table if not exists $1 *",
     "create table $1 *; (the schema model knows whether it exists)"},
    {"drop index if exists $1 *",
     "drop index $1; (the schema model knows whether it exists)"},
    {"create unique index if not exists $1 on *",
     "create unique index $1 on *; (the schema model knows whether it "
     "exists)"},
    {"create index if not exists $1 on *",
     "create index $1 on *; (the schema model knows whether it exists)"},
    {"insert into *", "sql $$insert into *$$ down $$...$$;"},
    {"update *", "sql $$update *$$ down $$...$$;"},
    {"delete from *", "sql $$delete from *$$ down $$...$$;"},
};

#define NHABITS (sizeof habits / sizeof habits[0])
#define MAXTOK 64

typedef struct Tok {
    int start, end;
} Tok;

/* Skip white space and comments. */
static size_t skip_space(const char *t, size_t i, size_t len)
{
    for (;;) {
        while (i < len && isspace((unsigned char)t[i]))
            i++;
        if (i + 1 < len && t[i] == '-' && t[i + 1] == '-') {
            while (i < len && t[i] != '\n')
                i++;
        } else if (i + 1 < len && t[i] == '/' && t[i + 1] == '*') {
            const char *e = strstr(t + i + 2, "*/");
            i = e && (size_t)(e - t) < len ? (size_t)(e - t) + 2 : len;
        } else {
            return i;
        }
    }
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '"' ||
           c == '`' || (unsigned char)c >= 0x80;
}

/* The words, strings and punctuation of the statement at `start`, up to
 * its ';'. */
static int tokenize(const char *t, size_t len, size_t start, Tok *out,
                    size_t *end)
{
    int n = 0;
    size_t i = skip_space(t, start, len);
    /* Block openers are not part of the statement. */
    for (;;) {
        if (i < len && (t[i] == '{' || t[i] == '}')) {
            i = skip_space(t, i + 1, len);
        } else if (len - i >= 2 && strncasecmp(t + i, "up", 2) == 0 &&
                   !word_char(t[i + 2 < len ? i + 2 : i])) {
            i = skip_space(t, i + 2, len);
        } else if (len - i >= 4 && strncasecmp(t + i, "down", 4) == 0 &&
                   (i + 4 >= len || !word_char(t[i + 4]))) {
            i = skip_space(t, i + 4, len);
        } else {
            break;
        }
    }
    while (i < len && t[i] != ';' && n < MAXTOK) {
        size_t j = i;
        if (word_char(t[i])) {
            while (j < len && word_char(t[j]))
                j++;
        } else if (t[i] == '\'') {
            for (j = i + 1; j < len; j++) {
                if (t[j] != '\'')
                    continue;
                if (j + 1 < len && t[j + 1] == '\'') {
                    j++; /* '' inside the string */
                    continue;
                }
                break;
            }
            j = j < len ? j + 1 : len;
        } else {
            j = i + 1;
        }
        out[n].start = (int)i;
        out[n].end = (int)j;
        n++;
        i = skip_space(t, j, len);
    }
    /* The end of the statement's text: its last token. */
    size_t e = n ? (size_t)out[n - 1].end : i;
    *end = e;
    return n;
}

static bool tok_is(const char *t, Tok k, const char *w, size_t wl)
{
    return (size_t)(k.end - k.start) == wl &&
           strncasecmp(t + k.start, w, wl) == 0;
}

/* Words the patterns spell: never taken for a name. */
static bool reserved(const char *t, Tok k)
{
    static const char *const words[] = {
        "table", "column", "constraint", "if", "not", "exists", "to",
        "add", "drop", "rename", "alter", "index", "on", "unique",
        "primary", "foreign", "check", "set", "type", "using", "only"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (tok_is(t, k, words[i], strlen(words[i])))
            return true;
    return !word_char(t[k.start]);
}

typedef struct Match {
    Tok cap[4];                 /* $1..$3 */
} Match;

/* Match pattern words p[0..np) against tokens k[0..nk). */
static bool match(const char *t, const Tok *k, int nk, const char *const *p,
                  int np, Match *m)
{
    if (np == 0)
        return nk == 0;
    const char *w = p[0];
    if (strcmp(w, "*") == 0)
        return true; /* where it starts: rest_start() */
    if (strcmp(w, "...") == 0) {
        for (int skip = 0; skip <= nk; skip++)
            if (match(t, k + skip, nk - skip, p + 1, np - 1, m))
                return true;
        return false;
    }
    if (nk == 0)
        return false;
    if (w[0] == '$') {
        if (reserved(t, k[0]))
            return false;
        m->cap[w[1] - '0'] = k[0];
        return match(t, k + 1, nk - 1, p + 1, np - 1, m);
    }
    if (!tok_is(t, k[0], w, strlen(w)))
        return false;
    return match(t, k + 1, nk - 1, p + 1, np - 1, m);
}

/* Where * starts: the first token not consumed before it.  Found again by
 * matching the pattern up to * with the tokens, shortest first. */
static int rest_start(const char *t, const Tok *k, int nk,
                      const char *const *p, int np)
{
    int star = np - 1;
    Match m;
    for (int at = 0; at <= nk; at++) {
        memset(&m, 0, sizeof m);
        if (match(t, k, at, p, star, &m))
            return at;
    }
    return -1;
}

const char *habit_hint(Arena *a, const char *text, size_t len, int start)
{
    Tok k[MAXTOK];
    size_t end;
    if (start < 0)
        start = 0;
    int nk = tokenize(text, len, (size_t)start, k, &end);
    if (nk < 2 || nk >= MAXTOK)
        return NULL;
    /* alter table t add ..., drop ...: several changes in one. */
    if (tok_is(text, k[0], "alter", 5) && tok_is(text, k[1], "table", 5)) {
        int depth = 0;
        for (int i = 2; i < nk; i++) {
            char c = text[k[i].start];
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0)
                return MANY_CHANGES;
        }
    }
    for (size_t h = 0; h < NHABITS; h++) {
        char buf[256];
        const char *p[24];
        int np = 0;
        size_t pl = strlen(habits[h].pattern);
        if (pl >= sizeof buf)
            continue;
        memcpy(buf, habits[h].pattern, pl + 1);
        char *save = NULL;
        for (char *s = strtok_r(buf, " ", &save); s && np < 24;
             s = strtok_r(NULL, " ", &save))
            p[np++] = s;
        Match m;
        memset(&m, 0, sizeof m);
        if (!match(text, k, nk, p, np, &m))
            continue;
        int rest = -1;
        if (strcmp(p[np - 1], "*") == 0) {
            rest = rest_start(text, k, nk, p, np);
            if (rest < 0)
                continue;
            memset(&m, 0, sizeof m);
            match(text, k, rest, p, np - 1, &m);
        }
        /* Fill in the template. */
        StrBuf b;
        sb_init(&b);
        if (strncmp(habits[h].migc, "migc ", 5) != 0)
            sb_puts(&b, "migc writes this as: ");
        for (const char *s = habits[h].migc; *s; s++) {
            if (s[0] == '$' && s[1] >= '1' && s[1] <= '3') {
                Tok c = m.cap[s[1] - '0'];
                sb_printf(&b, "%.*s", c.end - c.start, text + c.start);
                s++;
            } else if (s[0] == '*' && rest >= 0) {
                if (rest < nk)
                    sb_printf(&b, "%.*s", (int)(end - (size_t)k[rest].start),
                              text + k[rest].start);
                else if (b.len > 0 && b.data[b.len - 1] == ' ')
                    b.len--; /* nothing follows: no space before ';' */
            } else {
                sb_putc(&b, *s);
            }
        }
        const char *hint = sb_arena_copy(&b, a);
        sb_free(&b);
        return hint;
    }
    return NULL;
}
