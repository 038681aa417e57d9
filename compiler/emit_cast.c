/*
 * emit_cast.c — PostgreSQL's `x::type` cast in the dialects that have no
 * `::` (emit.h): CAST(x AS type), the type mapped through the type table
 * (types.h, TypeCast).
 *
 * Two places hold casts: a default written `'darkly'::varchar` (an
 * EX_CAST node, emit_expr), and raw texts written in PostgreSQL's SQL,
 * the parenthesised defaults, function arguments and `using` bodies
 * (emit_raw_expr).  In a raw text the cast is found with the SQL lexer
 * (sqllex.h: never inside a string, quoted name or comment): its operand
 * is the token before `::` (a literal, a name with its qualifiers, or a
 * parenthesised group with the function name before it), its type the
 * words after it (`double precision`, `timestamp with time zone`), with
 * their arguments and `[]`.  Each cast is rewritten, then the text is
 * scanned again, so `a::int::text` and `(a::int + 1)::text` come out
 * nested as PostgreSQL reads them.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "sqllex.h"
#include "types.h"

void emit_cast_type(EmitCtx *e, const TypeRef *t)
{
    StrBuf *o = e->out;
    const char *d = e->dialect->name;
    if (t->kind == TY_CUSTOM) {
        emit_type_custom(e, t);
        return;
    }
    if (e->dialect->colon_cast) {
        /* serial is no type to cast to: its integer */
        sb_puts(o, type_info(type_info(t->kind)->base)->pg);
        ast_type_args(o, t);
        return;
    }
    const TypeCast *c = type_cast(t->kind);
    if (strcmp(d, "mysql") == 0) {
        sb_puts(o, c->mysql);
        if (c->mysql_args)
            ast_type_args(o, t);
    } else {
        sb_puts(o, c->sqlite);
    }
}

void emit_cast(EmitCtx *e, const Expr *x)
{
    StrBuf *o = e->out;
    if (e->dialect->colon_cast) {
        emit_expr(e, x->arg);
        sb_puts(o, "::");
        emit_cast_type(e, x->cast);
        return;
    }
    sb_puts(o, "CAST(");
    emit_expr(e, x->arg);
    sb_puts(o, " AS ");
    emit_cast_type(e, x->cast);
    sb_putc(o, ')');
}

/* ---- casts in raw texts ---- */

typedef struct Toks {
    SqlLexTok *v;       /* the tokens that are not space or comment */
    int n;
} Toks;

static void toks_scan(Toks *k, const char *text)
{
    SqlLex l;
    SqlLexTok t;
    int cap = 16;
    k->v = xmalloc(sizeof *k->v * (size_t)cap);
    k->n = 0;
    sqllex_init(&l, text, (size_t)-1, 0);
    while (sqllex_next(&l, &t)) {
        if (t.kind == SQLLEX_SPACE || t.kind == SQLLEX_COMMENT)
            continue;
        if (k->n == cap) {
            cap *= 2;
            k->v = xrealloc(k->v, sizeof *k->v * (size_t)cap);
        }
        k->v[k->n++] = t;
    }
}

static bool is_punct(const char *text, const SqlLexTok *t, char c)
{
    return t->kind == SQLLEX_PUNCT && text[t->start] == c;
}

static bool is_name(const SqlLexTok *t)
{
    return t->kind == SQLLEX_WORD || t->kind == SQLLEX_QIDENT;
}

/* Words before '(' that are operators, not function names. */
static bool is_operator_word(const char *text, const SqlLexTok *t)
{
    static const char *const words[] = {
        "and", "or", "not", "in", "is", "like", "ilike", "between", "when",
        "then", "else", "case", "select", "where", "exists", "any", "all",
        "as", "on", "from", "return", "returns",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (sqllex_word_is(text, t, words[i]))
            return true;
    return false;
}

/* The first token of the operand that ends at token j. */
static int operand_start(const char *text, const Toks *k, int j)
{
    char open = 0, close = 0;
    if (is_punct(text, &k->v[j], ')')) {
        open = '(';
        close = ')';
    } else if (is_punct(text, &k->v[j], ']')) {
        open = '[';
        close = ']';
    }
    if (open) {
        int depth = 0;
        for (; j >= 0; j--) {
            if (is_punct(text, &k->v[j], close))
                depth++;
            else if (is_punct(text, &k->v[j], open) && --depth == 0)
                break;
        }
        if (j <= 0)
            return j < 0 ? 0 : j;
        /* f(x), a[1], (x)[1] */
        const SqlLexTok *p = &k->v[j - 1];
        if (open == '[' && (is_name(p) || is_punct(text, p, ')') ||
                            is_punct(text, p, ']')))
            return operand_start(text, k, j - 1);
        if (open == '(' && is_name(p) && p->end == k->v[j].start &&
            !is_operator_word(text, p))
            return operand_start(text, k, j - 1);
        return j;
    }
    /* a name with its qualifiers: s.t.c */
    while (j >= 2 && is_name(&k->v[j]) && is_punct(text, &k->v[j - 1], '.') &&
           is_name(&k->v[j - 2]))
        j -= 2;
    return j;
}

/* The words of a type name that may follow its first word. */
static const char *const multiword[] = {
    "double precision", "character varying", "bit varying",
    "timestamp with time zone", "timestamp without time zone",
    "time with time zone", "time without time zone",
};

/* The type after `::` that starts at token j: its name (folded, words
 * joined by one space) and arguments in *t, its last token in *last. */
static bool cast_type_at(Arena *a, const char *text, const Toks *k, int j,
                         TypeRef *t, int *last)
{
    if (j >= k->n || !is_name(&k->v[j]))
        return false;
    StrBuf name;
    sb_init(&name);
    const SqlLexTok *w = &k->v[j];
    bool quoted = w->kind == SQLLEX_QIDENT;
    for (size_t i = w->start; i < w->end; i++) {
        char c = text[i];
        sb_putc(&name, !quoted && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
                                                       : c);
    }
    int end = j;
    /* the longest multi-word name the words make */
    for (size_t m = 0; m < sizeof multiword / sizeof multiword[0] && !quoted;
         m++) {
        size_t first = strlen(sb_str(&name));
        if (strncmp(multiword[m], sb_str(&name), first) != 0 ||
            multiword[m][first] != ' ')
            continue;
        const char *rest = multiword[m] + first + 1;
        int q = end + 1;
        while (*rest && q < k->n && k->v[q].kind == SQLLEX_WORD) {
            size_t len = strcspn(rest, " ");
            size_t wl = k->v[q].end - k->v[q].start;
            char word[32];
            if (wl != len || wl >= sizeof word)
                break;
            memcpy(word, rest, len);
            word[len] = '\0';
            if (!sqllex_word_is(text, &k->v[q], word))
                break;
            rest += len;
            if (*rest == ' ')
                rest++;
            q++;
        }
        if (!*rest) {
            sb_puts(&name, multiword[m] + first);
            end = q - 1;
            break;
        }
    }
    /* schema.type */
    while (end + 2 < k->n && is_punct(text, &k->v[end + 1], '.') &&
           is_name(&k->v[end + 2]))
        end += 2;
    memset(t, 0, sizeof *t);
    t->name = sb_arena_copy(&name, a);
    sb_free(&name);
    /* a quoted or qualified name is no portable type: written as it is */
    t->kind = quoted || (end > j && is_punct(text, &k->v[j + 1], '.'))
                  ? TY_CUSTOM
                  : type_lookup(t->name);
    /* (args) */
    if (end + 1 < k->n && is_punct(text, &k->v[end + 1], '(')) {
        int q = end + 2, nargs = 0;
        bool numbers = true;
        long num[TYPE_MAX_ARGS] = {0};
        for (; q < k->n && !is_punct(text, &k->v[q], ')'); q++) {
            if (is_punct(text, &k->v[q], ','))
                continue;
            if (k->v[q].kind != SQLLEX_NUMBER || nargs >= TYPE_MAX_ARGS) {
                numbers = false;
            } else {
                num[nargs] = strtol(text + k->v[q].start, NULL, 10);
            }
            nargs++;
        }
        if (q >= k->n)
            return false;
        if (t->kind != TY_CUSTOM && numbers &&
            nargs <= type_info(t->kind)->maxargs) {
            t->nargs = nargs;
            for (int i = 0; i < nargs; i++)
                t->arg[i] = num[i];
        } else {
            t->kind = TY_CUSTOM;
        }
        end = q;
    }
    /* [] */
    while (end + 2 < k->n && is_punct(text, &k->v[end + 1], '[') &&
           is_punct(text, &k->v[end + 2], ']')) {
        t->kind = TY_CUSTOM;
        end += 2;
    }
    *last = end;
    return true;
}

/* The first `::` of the text rewritten, into *out; false when it has
 * none that can be. */
static bool rewrite_one(EmitCtx *e, const char *text, StrBuf *out)
{
    Toks k;
    toks_scan(&k, text);
    bool done = false;
    for (int i = 1; i + 1 < k.n && !done; i++) {
        const SqlLexTok *c1 = &k.v[i], *c2 = &k.v[i + 1];
        if (!is_punct(text, c1, ':') || !is_punct(text, c2, ':') ||
            c2->start != c1->end)
            continue;
        TypeRef t;
        int last;
        if (!cast_type_at(e->arena, text, &k, i + 2, &t, &last))
            continue;
        int first = operand_start(text, &k, i - 1);
        size_t os = k.v[first].start, oe = k.v[i - 1].end;
        sb_putn(out, text, os);
        sb_puts(out, "CAST(");
        sb_putn(out, text + os, oe - os);
        sb_puts(out, " AS ");
        StrBuf *saved = e->out;
        e->out = out;
        if (t.kind == TY_CUSTOM)     /* as written */
            sb_putn(out, text + k.v[i + 2].start,
                    k.v[last].end - k.v[i + 2].start);
        else
            emit_cast_type(e, &t);
        e->out = saved;
        sb_putc(out, ')');
        sb_puts(out, text + k.v[last].end);
        done = true;
    }
    free(k.v);
    return done;
}

void emit_raw_expr(EmitCtx *e, const char *text)
{
    if (e->dialect->colon_cast || !strstr(text, "::")) {
        sb_puts(e->out, text);
        return;
    }
    const char *cur = text;
    StrBuf b;
    sb_init(&b);
    /* each pass removes one `::`; the count bounds the passes */
    for (int pass = 0; pass < 1000; pass++) {
        sb_reset(&b);
        if (!rewrite_one(e, cur, &b))
            break;
        cur = sb_arena_copy(&b, e->arena);
    }
    sb_free(&b);
    sb_puts(e->out, cur);
}
