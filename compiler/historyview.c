/*
 * historyview.c — the views of a compiled history's model, for comparing
 * them with a live database in the server's own form (migc.h,
 * history_views()): the catalog keeps a view's query as the server
 * deparsed it, never as the migration wrote it, so the caller asks the
 * server to print each model query the same way and hands the text back
 * (CatObject.server_text), which model_diff then compares.
 */
#include "compile.h"

int history_views(History *h, HistoryView **out)
{
    int n = 0;
    for (CatObject *o = h->cat.objects; o; o = o->next)
        n += o->kind == OBJ_VIEW || o->kind == OBJ_MATVIEW;
    HistoryView *v = ARENA_ARRAY(&h->arena, HistoryView, n > 0 ? n : 1);
    int i = 0;
    for (CatObject *o = h->cat.objects; o; o = o->next) {
        if (o->kind != OBJ_VIEW && o->kind != OBJ_MATVIEW)
            continue;
        HistoryView *x = &v[i++];
        x->schema = o->schema;
        x->name = o->name;
        x->materialized = o->kind == OBJ_MATVIEW;
        x->query = o->text;
        x->col_renamed = o->col_renamed;
        x->obj = o;
        for (const NameList *c = o->cols; c; c = c->next)
            x->ncols++;
        if (x->ncols) {
            x->cols = ARENA_ARRAY(&h->arena, const char *, x->ncols);
            int k = 0;
            for (const NameList *c = o->cols; c; c = c->next)
                x->cols[k++] = c->name.s;
        }
    }
    *out = v;
    return n;
}

void history_view_compare_as(History *h, HistoryView *v, const char *text)
{
    CatObject *o = v->obj;
    o->server_text = arena_strdup(&h->arena, text ? text : "");
}
