/*
 * diag.c — printing diagnostics with the source line and a caret.
 */
#include "diag.h"

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

/* Print the source line holding `loc.start` and a caret with tildes under
 * the span (clipped to that line).  Control bytes and invalid UTF-8 are
 * shown as '?', so a binary file cannot garble the terminal. */
static void print_excerpt(Diag *d, const SourceFile *f, Loc loc)
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
    fputs("    ", d->out);
    for (int i = bol; i < eol;) {
        unsigned char ch = (unsigned char)f->text[i];
        int n = utf8_len(f->text + i, eol - i);
        if (n > 1) {
            fwrite(f->text + i, 1, (size_t)n, d->out);
            i += n;
            continue;
        }
        fputc(n == 1 && (ch == '\t' || (ch >= 0x20 && ch != 0x7f)) ? ch : '?',
              d->out);
        i++;
    }
    fputc('\n', d->out);
    fputs("    ", d->out);
    for (int i = bol; i < start; i++) {
        unsigned char ch = (unsigned char)f->text[i];
        if (is_cont(ch))
            continue;
        fputc(ch == '\t' ? '\t' : ' ', d->out);
    }
    if (d->color)
        fputs("\033[1;32m", d->out);
    fputc('^', d->out);
    int first = 1;
    for (int i = start; i < end; i++) {
        unsigned char ch = (unsigned char)f->text[i];
        if (is_cont(ch))
            continue;
        if (first) {
            first = 0;
            continue;
        }
        fputc('~', d->out);
    }
    if (d->color)
        fputs("\033[0m", d->out);
    fputc('\n', d->out);
}

void diag_vat(Diag *d, DiagLevel level, const SourceFile *f, Loc loc,
              const char *hint, const char *fmt, va_list ap)
{
    if (!count(d, level))
        return;
    int line = 0, col = 0;
    if (f)
        diag_linecol(f, loc.start, &line, &col);
    if (d->color)
        fputs("\033[1m", d->out);
    if (f)
        fprintf(d->out, "%s:%d:%d: ", f->path, line, col);
    else
        fputs("migc: ", d->out);
    if (d->color)
        fputs(level_color(level), d->out);
    fprintf(d->out, "%s: ", level_name(level));
    if (d->color)
        fputs("\033[0;1m", d->out);
    vfprintf(d->out, fmt, ap);
    if (d->color)
        fputs("\033[0m", d->out);
    fputc('\n', d->out);
    if (f)
        print_excerpt(d, f, loc);
    if (hint)
        fprintf(d->out, "hint: %s\n", hint);
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
    va_list ap;
    va_start(ap, fmt);
    fprintf(d->out, "%s: %s: ", f ? f->path : "migc", level_name(level));
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
    va_end(ap);
}
