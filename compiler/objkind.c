/*
 * objkind.c — one row per kind of object beyond tables, and the SQL that
 * every dialect writes for them from those rows (objkind.h).
 *
 * Per dialect:
 *   - PostgreSQL has every kind; CREATE OR REPLACE VIEW, ALTER ... RENAME.
 *   - SQLite has views (no OR REPLACE: DROP VIEW IF EXISTS + CREATE; no
 *     rename: DROP + CREATE from the stored text) and no materialized
 *     views.
 *   - MySQL has views (OR REPLACE; RENAME TABLE renames a view) and no
 *     materialized views.
 */
#include "objkind.h"

#include <string.h>

static const ObjKind kinds[OBJ_KIND_COUNT] = {
    [OBJ_VIEW] = {
        .word = "view",
        .sql = "VIEW",
        .relation = true,
        .has_text = true,
        .dialect = {
            [DIALECT_POSTGRES] = { .or_replace = true,
                                   .rename = OBJ_RENAME_ALTER },
            [DIALECT_SQLITE] = { .or_replace = false,
                                 .rename = OBJ_RENAME_RECREATE },
            [DIALECT_MYSQL] = { .or_replace = true,
                                .rename = OBJ_RENAME_TABLE },
        },
    },
    [OBJ_MATVIEW] = {
        .word = "materialized view",
        .sql = "MATERIALIZED VIEW",
        .relation = true,
        .refresh = true,
        .has_text = true,
        .dialect = {
            [DIALECT_POSTGRES] = { .rename = OBJ_RENAME_ALTER },
            [DIALECT_SQLITE] = {
                .lacks = "sqlite has no materialized views",
                .lacks_hint = "a table made from the query (create table "
                              "T (...) as '...') holds the rows; or keep "
                              "this history for PostgreSQL",
            },
            [DIALECT_MYSQL] = {
                .lacks = "mysql has no materialized views",
                .lacks_hint = "a table made from the query (create table "
                              "T (...) as '...') holds the rows; or keep "
                              "this history for PostgreSQL",
            },
        },
    },
};

const ObjKind *obj_kind(ObjKindId k)
{
    return &kinds[(unsigned)k < OBJ_KIND_COUNT ? k : 0];
}

static void drop_dependants(EmitCtx *e, const CatTable *t,
                            const CatObject *obj);
static void create_dependants(EmitCtx *e, const CatTable *t,
                              const CatObject *obj, bool replace);

static void put_name(EmitCtx *e, const CatObject *o)
{
    emit_qname(e, e->dialect->has_schemas ? o->schema : NULL, o->name);
}

void emit_object_create(EmitCtx *e, const CatObject *o, bool replace)
{
    const ObjKind *k = obj_kind(o->kind);
    if (k->create) {
        k->create(e, o, replace);
        return;
    }
    const ObjSql *d = &k->dialect[e->dialect->id];
    if (replace && !d->or_replace) {
        sb_printf(e->out, "DROP %s IF EXISTS ", k->sql);
        put_name(e, o);
        emit_end(e);
        replace = false;
    }
    sb_printf(e->out, "CREATE %s%s ", replace ? "OR REPLACE " : "", k->sql);
    put_name(e, o);
    if (o->cols) {
        sb_puts(e->out, " (");
        emit_names(e, o->cols);
        sb_putc(e->out, ')');
    }
    sb_puts(e->out, " AS\n");
    emit_raw_inline(e, o->text ? o->text : "");
    if (o->no_data)
        sb_puts(e->out, "\nWITH NO DATA");
    emit_end(e);
}

void emit_object_drop(EmitCtx *e, const CatObject *o)
{
    const ObjKind *k = obj_kind(o->kind);
    if (k->drop) {
        k->drop(e, o);
        return;
    }
    sb_printf(e->out, "DROP %s ", k->sql);
    put_name(e, o);
    emit_end(e);
}

/* The object a statement names, as far as the statement tells. */
static CatObject named(const Stmt *s)
{
    CatObject o;
    memset(&o, 0, sizeof o);
    o.kind = s->obj;
    o.schema = s->object.schema.s;
    o.name = s->object.name.s;
    return o;
}

bool emit_object(EmitCtx *e, const Stmt *s)
{
    const ObjKind *k = obj_kind(s->obj);
    const ObjSql *d = &k->dialect[e->dialect->id];
    if (d->lacks) {
        diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, d->lacks_hint,
                "%s", d->lacks);
        return false;
    }
    CatObject self = named(s);
    switch (s->kind) {
    case ST_CREATE_OBJECT: {
        /* The stored object: the statement's text as the catalog keeps
         * it (the same, unless a later rename rewrote it). */
        CatObject o = self;
        o.text = s->sql_up;
        o.cols = s->names;
        o.no_data = s->no_data;
        emit_object_create(e, &o, s->or_replace);
        return true;
    }
    case ST_DROP_OBJECT:
        emit_object_drop(e, &self);
        return true;
    case ST_RENAME_OBJECT: {
        const CatObject *now = cat_object(e->cat, s->obj, s->object.schema.s,
                                          s->new_name.s);
        switch (d->rename) {
        case OBJ_RENAME_ALTER:
            sb_printf(e->out, "ALTER %s ", k->sql);
            put_name(e, &self);
            sb_puts(e->out, " RENAME TO ");
            emit_ident(e, s->new_name.s);
            emit_end(e);
            return true;
        case OBJ_RENAME_TABLE:
            sb_puts(e->out, "RENAME TABLE ");
            put_name(e, &self);
            sb_puts(e->out, " TO ");
            emit_ident(e, s->new_name.s);
            emit_end(e);
            /* Views that use it keep the old name: made again from the
             * model, whose texts follow the rename. */
            if (now)
                create_dependants(e, NULL, now, true);
            return true;
        case OBJ_RENAME_RECREATE:
            if (!now) {
                diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, NULL,
                        "internal error: renamed %s %s is not in the model",
                        k->word, s->new_name.s);
                return false;
            }
            /* Those that use it go too, and come back with the new name
             * in their texts. */
            drop_dependants(e, NULL, now);
            emit_object_drop(e, &self);
            emit_object_create(e, now, false);
            create_dependants(e, NULL, now, false);
            return true;
        }
        return true;
    }
    case ST_REFRESH_OBJECT:
        sb_printf(e->out, "REFRESH %s ", k->sql);
        if (s->concurrently)
            sb_puts(e->out, "CONCURRENTLY ");
        put_name(e, &self);
        emit_end(e);
        return true;
    default:
        return true;
    }
}

/* ---- objects that use a table or an object ---- */

/* Whether o uses t (or, t NULL, the object `obj`): directly, or (unless
 * direct_only) through an object before `upto` in the list from `in`. */
static bool uses(const CatObject *o, const CatTable *t, const CatObject *obj,
                 const CatObject *in, const CatObject *upto, bool direct_only)
{
    for (int i = 0; i < o->ndeps; i++) {
        const CatDep *d = &o->deps[i];
        if (t ? d->table == t : d->obj == obj)
            return true;
        if (direct_only || !d->obj)
            continue;
        for (const CatObject *p = in; p && p != upto; p = p->next)
            if (p == d->obj && uses(p, t, obj, in, p, false))
                return true;
    }
    return false;
}

static bool dependant(const Catalog *c, const CatObject *o, const CatTable *t,
                      const CatObject *obj)
{
    if (o == obj || (t && o->table == t))
        return false;
    return uses(o, t, obj, c->objects, o, false);
}

static void drop_dependants(EmitCtx *e, const CatTable *t,
                            const CatObject *obj)
{
    for (const CatObject *o = e->cat->objects_tail; o; o = o->prev)
        if (dependant(e->cat, o, t, obj))
            emit_object_drop(e, o);
}

static void create_dependants(EmitCtx *e, const CatTable *t,
                              const CatObject *obj, bool replace)
{
    for (const CatObject *o = e->cat->objects; o; o = o->next)
        if (replace ? o != obj && !(t && o->table == t) &&
                          uses(o, t, obj, NULL, NULL, true)
                    : dependant(e->cat, o, t, obj))
            emit_object_create(e, o, replace);
}

void emit_dependants_drop(EmitCtx *e, const CatTable *t)
{
    drop_dependants(e, t, NULL);
}

void emit_dependants_create(EmitCtx *e, const CatTable *t)
{
    create_dependants(e, t, NULL, false);
}

void emit_dependants_replace(EmitCtx *e, const CatTable *t)
{
    create_dependants(e, t, NULL, true);
}
