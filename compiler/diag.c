/*
 * diag.c — printing diagnostics with the source line and a caret.
 */
#include "diag.h"

#include "arena.h"

#include <string.h>

void diag_init(Diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
}

static int clamp_offset(const SourceFile *f, int off)
{
    if (off < 0)
        return 0;
    if ((size_t)off > f->len)
        return (int)f->len;
    return off;
}

/* UTF-8 continuation bytes do not start a character. */
static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

void diag_linecol(const SourceFile *f, int offset, int *line, int *col)
{
    int off = clamp_offset(f, offset);
    int l = 1, c = 1;
    for (int i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)f->text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if (!is_cont(ch)) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static const char *level_name(DiagLevel level)
{
    switch (level) {
    case DIAG_ERROR:
        return "error";
    case DIAG_WARNING:
        return "warning";
    case DIAG_NOTE:
        return "note";
    }
    return "error";
}

static const char *level_color(DiagLevel level)
{
    switch (level) {
    case DIAG_ERROR:
        return "\033[1;31m";
    case DIAG_WARNING:
        return "\033[1;35m";
    case DIAG_NOTE:
        return "\033[1;36m";
    }
    return "";
}

static bool count(Diag *d, DiagLevel level)
{
    if (level == DIAG_ERROR || (level == DIAG_WARNING && d->werror))
        d->errors++;
    else if (level == DIAG_WARNING)
        d->warnings++;
    if (!d->out)
        return false;
    if (level == DIAG_WARNING && d->no_warnings && !d->werror)
        return false;
    if (d->max_errors > 0 && level == DIAG_ERROR && d->errors > d->max_errors)
        return false;
    return true;
}

/* The length of the valid UTF-8 sequence at s (at most `avail` bytes), or
 * 0 if the bytes there are not one. */
static int utf8_len(const char *s, int avail)
{
    const unsigned char *p = (const unsigned char *)s;
    int n;
    unsigned min;
    unsigned cp;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
        cp = p[0] & 0x1F;
    } else if ((p[0] & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
        cp = p[0] & 0x0F;
    } else if ((p[0] & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
        cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (n > avail)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* "    " and the bytes text[0, n) of one line, control bytes and invalid
 * UTF-8 shown as '?', so a binary file cannot garble the terminal. */
static void put_line(StrBuf *b, const char *text, int n)
{
    sb_puts(b, "    ");
    for (int i = 0; i < n;) {
        unsigned char ch = (unsigned char)text[i];
        int k = utf8_len(text + i, n - i);
        if (k > 1) {
            sb_putn(b, text + i, (size_t)k);
            i += k;
            continue;
        }
        sb_putc(b, k == 1 && (ch == '\t' || (ch >= 0x20 && ch != 0x7f))
                       ? (char)ch : '?');
        i++;
    }
    sb_putc(b, '\n');
}

/* "    ", one blank per character of text[0, n) (tabs kept, so the caret
 * lines up), and the caret. */
static void put_indent(const Diag *d, StrBuf *b, const char *text, int n)
{
    sb_puts(b, "    ");
    for (int i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (is_cont(ch))
            continue;
        sb_putc(b, ch == '\t' ? '\t' : ' ');
    }
    if (d->color)
        sb_puts(b, "\033[1;32m");
    sb_putc(b, '^');
}

/* Append the source line holding `loc.start` and a caret with tildes under
 * the span (clipped to that line). */
static void put_excerpt(const Diag *d, StrBuf *b, const SourceFile *f,
                        Loc loc)
{
    int start = clamp_offset(f, loc.start);
    int end = clamp_offset(f, loc.end);
    int bol = start;
    while (bol > 0 && f->text[bol - 1] != '\n')
        bol--;
    int eol = start;
    while ((size_t)eol < f->len && f->text[eol] != '\n')
        eol++;
    if (eol - bol > 400) {
        /* A huge line: show a window around the location. */
        int from = start - 80 > bol ? start - 80 : bol;
        while (from > bol && is_cont((unsigned char)f->text[from]))
            from--;
        bol = from;
        if (eol - bol > 200)
            eol = bol + 200;
        while (eol > start && is_cont((unsigned char)f->text[eol]))
            eol--;
        if (eol < start)
            eol = start;
    }
    if (end > eol)
        end = eol;
    put_line(b, f->text + bol, eol - bol);
    put_indent(d, b, f->text + bol, start - bol);
    int first = 1;
    for (int i = start; i < end; i++) {
        unsigned char ch = (unsigned char)f->text[i];
        if (is_cont(ch))
            continue;
        if (first) {
            first = 0;
            continue;
        }
        sb_putc(b, '~');
    }
    if (d->color)
        sb_puts(b, "\033[0m");
    sb_putc(b, '\n');
}

/* Text that comes from outside (a file name, a value in a message, what a
 * server said) is shown with its control bytes as \xHH: an ESC or a newline
 * in a file name must not recolour the terminal or forge a diagnostic line.
 * Newlines and tabs are kept where `keep_lines` (a server's multi-line
 * detail). */
static void put_clean(StrBuf *b, const char *s, size_t n, int keep_lines)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !(keep_lines && (c == '\n' || c == '\t'))) ||
            c == 0x7f) {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            sb_putn(b, esc, 4);
        } else {
            sb_putc(b, (char)c);
        }
    }
}

static void put_clean_str(StrBuf *b, const char *s, int keep_lines)
{
    put_clean(b, s, strlen(s), keep_lines);
}

/* The message of a diagnostic, formatted, then cleaned as above. */
static void put_clean_fmt(StrBuf *b, const char *fmt, va_list ap)
{
    StrBuf m;
    sb_init(&m);
    sb_vprintf(&m, fmt, ap);
    put_clean(b, m.data ? m.data : "", m.len, 0);
    sb_free(&m);
}

/* A diagnostic is built whole and written with one fwrite(): stderr is
 * unbuffered, and one write per character made `migc check` of a long
 * history spend most of its time in the kernel. */
static void write_whole(Diag *d, StrBuf *b)
{
    fwrite(b->data ? b->data : "", 1, b->len, d->out);
    sb_free(b);
}

void diag_vat(Diag *d, DiagLevel level, const SourceFile *f, Loc loc,
              const char *hint, const char *fmt, va_list ap)
{
    if (!count(d, level))
        return;
    StrBuf b;
    sb_init(&b);
    int line = 0, col = 0;
    if (f)
        diag_linecol(f, loc.start, &line, &col);
    if (d->color)
        sb_puts(&b, "\033[1m");
    if (f) {
        put_clean_str(&b, f->path, 0);
        sb_printf(&b, ":%d:%d: ", line, col);
    } else
        sb_puts(&b, "migc: ");
    if (d->color)
        sb_puts(&b, level_color(level));
    sb_printf(&b, "%s: ", level_name(level));
    if (d->color)
        sb_puts(&b, "\033[0;1m");
    put_clean_fmt(&b, fmt, ap);
    if (d->color)
        sb_puts(&b, "\033[0m");
    sb_putc(&b, '\n');
    if (f)
        put_excerpt(d, &b, f, loc);
    if (hint) {
        sb_puts(&b, "hint: ");
        put_clean_str(&b, hint, 0);
        sb_putc(&b, '\n');
    }
    write_whole(d, &b);
}

void diag_at(Diag *d, DiagLevel level, const SourceFile *f, Loc loc,
             const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vat(d, level, f, loc, hint, fmt, ap);
    va_end(ap);
}

void diag_file(Diag *d, DiagLevel level, const SourceFile *f,
               const char *fmt, ...)
{
    if (!count(d, level))
        return;
    StrBuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    put_clean_str(&b, f ? f->path : "migc", 0);
    sb_printf(&b, ": %s: ", level_name(level));
    put_clean_fmt(&b, fmt, ap);
    sb_putc(&b, '\n');
    va_end(ap);
    write_whole(d, &b);
}

void diag_sql(Diag *d, const char *where, const char *message,
              const char *sql, long pos, const char *detail,
              const char *hint)
{
    if (!count(d, DIAG_ERROR))
        return;
    StrBuf b;
    sb_init(&b);
    if (d->color)
        sb_puts(&b, "\033[1m");
    put_clean_str(&b, where, 0);
    sb_puts(&b, ": ");
    if (d->color)
        sb_puts(&b, level_color(DIAG_ERROR));
    sb_puts(&b, "error: ");
    if (d->color)
        sb_puts(&b, "\033[0;1m");
    put_clean_str(&b, message ? message : "unknown error", 1);
    if (d->color)
        sb_puts(&b, "\033[0m");
    sb_putc(&b, '\n');
    if (sql) {
        /* Trailing newlines and blanks are not shown; a position past
         * them is put at the end of the last line. */
        size_t len = strlen(sql);
        size_t at = pos >= 0 ? (size_t)pos : (size_t)-1;
        if (at != (size_t)-1 && at > len)
            at = len;
        while (len > 0 && (sql[len - 1] == '\n' || sql[len - 1] == ' '))
            len--;
        const char *line = sql;
        while (line < sql + len) {
            const char *nl = memchr(line, '\n', (size_t)(sql + len - line));
            const char *end = nl ? nl : sql + len;
            put_line(&b, line, (int)(end - line));
            size_t off = (size_t)(line - sql);
            /* The caret goes under the line holding the position. */
            if (at != (size_t)-1 && at >= off &&
                (at <= (size_t)(end - sql) || !nl)) {
                put_indent(d, &b, line, (int)(at - off));
                if (d->color)
                    sb_puts(&b, "\033[0m");
                sb_putc(&b, '\n');
                at = (size_t)-1;
            }
            if (!nl)
                break;
            line = nl + 1;
        }
    }
    if (detail) {
        sb_puts(&b, "detail: ");
        put_clean_str(&b, detail, 1);
        sb_putc(&b, '\n');
    }
    if (hint) {
        sb_puts(&b, "hint: ");
        put_clean_str(&b, hint, 1);
        sb_putc(&b, '\n');
    }
    write_whole(d, &b);
}
