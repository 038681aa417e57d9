/*
 * lint_report.c — `migc check --format text|json|sarif|github`: the lint
 * findings of the selected migrations (lint.h) in each format (migc.h).
 *
 *   text    FILE:LINE:COL: warning: MESSAGE [RULE], caret and hint (diag.h)
 *   json    one document: {"findings": [...], "migrations": [...]}
 *   sarif   SARIF 2.1.0, for code scanning
 *   github  workflow commands: ::warning file=F,line=L,col=C,title=RULE::MSG
 *
 * Errors and the other warnings (lossy, downs that may fail) stay text on
 * stderr in every format.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "migc.h"

static const char *const formats[] = {"text", "json", "sarif", "github"};

int lint_format(const char *name)
{
    if (!name)
        return LINT_TEXT;
    for (int i = 0; i < (int)(sizeof formats / sizeof *formats); i++)
        if (strcmp(name, formats[i]) == 0)
            return i;
    return -1;
}

/* A JSON string; text that is not UTF-8 shows its other bytes as '?'. */
static json_t *jstr(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *c = xstrdup(s);
    for (char *p = c; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(c);
    free(c);
    return j;
}

/* GitHub workflow command escaping: data, and property values. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            fputc(*s, out);
    }
}

typedef struct Pos {
    int line, col, end_line, end_col;
} Pos;

static Pos pos_of(const Migration *m, Loc loc)
{
    Pos p;
    diag_linecol(&m->src, loc.start, &p.line, &p.col);
    diag_linecol(&m->src, loc.end > loc.start ? loc.end : loc.start,
                 &p.end_line, &p.end_col);
    return p;
}

static json_t *sarif_rules(void)
{
    int n;
    const LintRule *r = lint_rules(&n);
    json_t *a = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(r[i].name));
        json_object_set_new(o, "shortDescription",
                            json_pack("{s:s}", "text", r[i].effect));
        json_object_set_new(o, "help", json_pack("{s:s}", "text", r[i].safe));
        json_array_append_new(a, o);
    }
    return a;
}

static int rule_index(const LintRule *r)
{
    int n;
    const LintRule *all = lint_rules(&n);
    return (int)(r - all);
}

int lint_report(const History *h, const bool *sel, int format, FILE *out)
{
    int count = 0;
    json_t *findings = format == LINT_JSON || format == LINT_SARIF
                           ? json_array() : NULL;
    for (int i = 0; i < h->nmigs; i++) {
        if (!sel[i])
            continue;
        const Migration *m = h->migs[i].m;
        for (const LintFinding *f = h->migs[i].lint; f; f = f->next) {
            count++;
            Pos p = pos_of(m, f->loc);
            switch (format) {
            case LINT_TEXT:
                break; /* lint_print_text, in history order */
            case LINT_GITHUB:
                fputs("::warning file=", out);
                gh_escape(out, m->src.path, true);
                fprintf(out, ",line=%d,col=%d,endLine=%d,endColumn=%d,title=",
                       p.line, p.col, p.end_line, p.end_col);
                gh_escape(out, f->rule->name, true);
                fputs("::", out);
                gh_escape(out, f->message, false);
                fputs("%0Ahint: ", out);
                gh_escape(out, f->rule->safe, false);
                fputc('\n', out);
                break;
            case LINT_JSON: {
                json_t *o = json_object();
                json_object_set_new(o, "rule", json_string(f->rule->name));
                json_object_set_new(o, "file", jstr(m->src.path));
                json_object_set_new(o, "line", json_integer(p.line));
                json_object_set_new(o, "column", json_integer(p.col));
                json_object_set_new(o, "end_line", json_integer(p.end_line));
                json_object_set_new(o, "end_column",
                                    json_integer(p.end_col));
                json_object_set_new(o, "severity", json_string("warning"));
                json_object_set_new(o, "message", jstr(f->message));
                json_object_set_new(o, "lock",
                                    f->rule->lock ? json_string(f->rule->lock)
                                                  : json_null());
                json_object_set_new(o, "hint", json_string(f->rule->safe));
                json_array_append_new(findings, o);
                break;
            }
            case LINT_SARIF: {
                json_t *region = json_pack(
                    "{s:i,s:i,s:i,s:i}", "startLine", p.line, "startColumn",
                    p.col, "endLine", p.end_line, "endColumn", p.end_col);
                json_t *loc = json_pack(
                    "{s:{s:{s:o},s:o}}", "physicalLocation",
                    "artifactLocation", "uri", jstr(m->src.path), "region",
                    region);
                json_t *msg = json_pack("{s:o}", "text",
                                        jstr(arena_printf(
                                            (Arena *)&h->arena,
                                            "%s\nhint: %s", f->message,
                                            f->rule->safe)));
                json_t *o = json_pack("{s:s,s:i,s:s,s:o,s:[o]}", "ruleId",
                                      f->rule->name, "ruleIndex",
                                      rule_index(f->rule), "level",
                                      "warning", "message", msg,
                                      "locations", loc);
                json_array_append_new(findings, o);
                break;
            }
            }
        }
    }
    if (format == LINT_JSON) {
        json_t *migs = json_array();
        for (int i = 0; i < h->nmigs; i++) {
            if (!sel[i])
                continue;
            const Migration *m = h->migs[i].m;
            json_array_append_new(
                migs, json_pack("{s:o,s:o,s:s}", "version",
                                jstr(m->version), "name", jstr(m->name),
                                "class", ast_class_name(m->cls)));
        }
        json_t *doc = json_pack("{s:o,s:o}", "findings", findings,
                                "migrations", migs);
        json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(doc);
    } else if (format == LINT_SARIF) {
        json_t *driver = json_pack("{s:s,s:s,s:o}", "name", "migc",
                                   "version", MIGC_VERSION, "rules",
                                   sarif_rules());
        json_t *run = json_pack("{s:{s:o},s:s,s:o}", "tool", "driver",
                                driver, "columnKind", "unicodeCodePoints",
                                "results", findings);
        json_t *doc = json_pack(
            "{s:s,s:s,s:[o]}", "$schema",
            "https://json.schemastore.org/sarif-2.1.0.json", "version",
            "2.1.0", "runs", run);
        json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(doc);
    }
    return count;
}
