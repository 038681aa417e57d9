/*
 * emit_routine.c — functions, procedures and triggers, for the three
 * dialects, from one table of what each dialect has (docs/LANGUAGE.md,
 * "create function").
 *
 * PostgreSQL has them all: CREATE [OR REPLACE] FUNCTION / PROCEDURE with
 * the body dollar-quoted, CREATE TRIGGER ... EXECUTE FUNCTION.
 *
 * SQLite has no stored functions, and MySQL's have a body syntax of their
 * own; both have triggers whose body is written inline.  So a function
 * `returns trigger` may carry a body per dialect (`as $$plpgsql$$ sqlite
 * $$...$$ mysql $$...$$`): on SQLite and MySQL the function itself emits
 * nothing, and each trigger that uses it is created with that body inline.
 * Any other function or procedure, and a trigger function without a body
 * for the dialect, is refused at its statement, naming the dialect.  What
 * those triggers lack (several events, statement-level triggers, `when`
 * and `update of` on MySQL, truncate) is refused at the trigger.
 */
#include "emit.h"

#include <string.h>

typedef struct RoutineSql {
    const char *name;       /* dialect_*.name */
    int sqld;               /* SqlDialect of its trigger bodies */
    bool routines;          /* stored functions and procedures */
    bool one_event;         /* one event per trigger */
    bool when;              /* WHEN (condition) */
    bool update_of;         /* UPDATE OF cols */
    bool begin_end;         /* the body between BEGIN and END */
} RoutineSql;

static const RoutineSql routine_sql[] = {
    { "postgres", SQLD_POSTGRES, true, false, true, true, false },
    { "sqlite", SQLD_SQLITE, false, true, true, true, true },
    { "mysql", SQLD_MYSQL, false, true, false, false, false },
};

static const RoutineSql *rsql(const EmitCtx *e)
{
    for (size_t i = 0; i < sizeof routine_sql / sizeof routine_sql[0]; i++)
        if (strcmp(routine_sql[i].name, e->dialect->name) == 0)
            return &routine_sql[i];
    return &routine_sql[0];
}

static bool refuse(EmitCtx *e, const Stmt *s, const char *hint,
                   const char *what)
{
    diag_at(e->diag, DIAG_ERROR, emit_src(e), s->loc, hint, "%s", what);
    return false;
}

static bool is_trigger_fn(const RoutineDef *r)
{
    return r->has_returns && r->returns.kind == TY_CUSTOM && r->returns.name &&
           strcmp(r->returns.name, "trigger") == 0;
}

/* $$body$$, with a tag that the body does not hold. */
static void dollar_quote(EmitCtx *e, const char *body)
{
    const char *tag = "$$";
    for (int i = 0; strstr(body, tag); i++)
        tag = arena_printf(e->arena, "$migc%d$", i);
    sb_printf(e->out, "%s%s%s", tag, body, tag);
}

static void put_args(EmitCtx *e, const RoutineDef *r, bool names,
                     EmitTypeFn *type)
{
    sb_putc(e->out, '(');
    for (const ArgDef *g = r->args; g; g = g->next) {
        if (names && g->name.s) {
            emit_ident(e, g->name.s);
            sb_putc(e->out, ' ');
        }
        type(e, &g->type);
        if (g->next)
            sb_puts(e->out, ", ");
    }
    sb_putc(e->out, ')');
}

static const char *const timing_sql[] = { "BEFORE", "AFTER", "INSTEAD OF" };
static const char *const event_sql[] = { "INSERT", "UPDATE", "DELETE",
                                          "TRUNCATE" };

static int nevents(unsigned ev)
{
    int n = 0;
    for (; ev; ev &= ev - 1)
        n++;
    return n;
}

/* The body of the function a trigger uses, for the dialect. */
static const char *trigger_body(EmitCtx *e, const TriggerDef *d, int sqld)
{
    const CatRoutine *fn =
        cat_routine(e->cat, cat_routine_sig(e->arena, d->function.s, NULL));
    if (!fn)
        return NULL;
    for (const SqlText *t = fn->def->routine->bodies; t; t = t->next)
        if ((int)t->dialect == sqld)
            return t->text;
    return NULL;
}

bool emit_create_trigger(EmitCtx *e, const Stmt *s, EmitTypeFn *type)
{
    (void)type;
    const RoutineSql *rs = rsql(e);
    const TriggerDef *d = s->trigger;
    StrBuf *o = e->out;
    const char *body = NULL;
    if (!rs->routines) {
        const char *dn = rs->name;
        if (rs->one_event && nevents(d->events) > 1)
            return refuse(e, s, "write one trigger per event, with the "
                          "same function",
                          arena_printf(e->arena, "a %s trigger has one "
                                       "event", dn));
        if (!d->for_each_row)
            return refuse(e, s, "add for each row",
                          arena_printf(e->arena, "%s has only row "
                                       "triggers", dn));
        if (d->events & TG_TRUNCATE)
            return refuse(e, s, NULL,
                          arena_printf(e->arena, "%s has no truncate "
                                       "triggers", dn));
        if (d->when && !rs->when)
            return refuse(e, s, "test the condition in the body",
                          arena_printf(e->arena, "a %s trigger has no "
                                       "when condition", dn));
        if (d->update_cols && !rs->update_of)
            return refuse(e, s, "test the columns in the body",
                          arena_printf(e->arena, "a %s trigger has no "
                                       "update of columns", dn));
        body = trigger_body(e, d, rs->sqld);
        if (!body)
            return refuse(e, s,
                          arena_printf(e->arena, "give function %s() a %s "
                                       "body: as $$...$$ %s $$...$$",
                                       d->function.s, dn, dn),
                          arena_printf(e->arena, "function %s() has no %s "
                                       "body, and %s triggers run their "
                                       "body inline", d->function.s, dn,
                                       dn));
    }
    sb_puts(o, "CREATE TRIGGER ");
    emit_ident(e, d->name.s);
    sb_printf(o, " %s ", timing_sql[d->timing]);
    const char *sep = "";
    for (int i = 0; i < 4; i++)
        if (d->events & (1u << i)) {
            sb_printf(o, "%s%s", sep, event_sql[i]);
            if ((1u << i) == TG_UPDATE && d->update_cols) {
                sb_puts(o, " OF ");
                emit_names(e, d->update_cols);
            }
            sep = " OR ";
        }
    sb_puts(o, " ON ");
    emit_table(e, &d->table);
    if (d->for_each_row)
        sb_puts(o, " FOR EACH ROW");
    if (d->when)
        sb_printf(o, " WHEN (%s)", d->when);
    if (rs->routines) {
        sb_puts(o, " EXECUTE FUNCTION ");
        emit_ident(e, d->function.s);
        sb_puts(o, "()");
        emit_end(e);
        return true;
    }
    /* The body as written, without its last ';' and trailing space. */
    size_t n = strlen(body);
    while (n > 0 && (body[n - 1] == ';' || body[n - 1] == ' ' ||
                     body[n - 1] == '\n' || body[n - 1] == '\t' ||
                     body[n - 1] == '\r'))
        n--;
    if (rs->begin_end)
        sb_printf(o, "\nBEGIN\n%.*s;\nEND", (int)n, body);
    else
        sb_printf(o, "\n%.*s", (int)n, body);
    emit_end(e);
    return true;
}

bool emit_routine_stmt(EmitCtx *e, const Stmt *s, EmitTypeFn *type)
{
    const RoutineSql *rs = rsql(e);
    StrBuf *o = e->out;
    switch (s->kind) {
    case ST_CREATE_ROUTINE:
    case ST_DROP_ROUTINE: {
        const RoutineDef *r = s->routine;
        const char *word = r->procedure ? "PROCEDURE" : "FUNCTION";
        if (!rs->routines) {
            /* The model's definition: a drop's statement has no body. */
            const CatRoutine *cr = cat_routine(
                e->cat, cat_routine_sig(e->arena, r->name.s, r->args));
            const Stmt *def = s->kind == ST_CREATE_ROUTINE ? s : NULL;
            if (!def && !cr) {
                /* dropped: e->cat no longer has it; the checker saw it
                 * was a trigger function with this dialect's body when
                 * it was created, or refused that. */
                emit_comment(e, "%s: function %s() was written into its "
                             "triggers", rs->name, r->name.s);
                return true;
            }
            if (!def)
                def = cr->def;
            const RoutineDef *dr = def->routine;
            bool has_body = false;
            for (const SqlText *t = dr->bodies; t; t = t->next)
                if ((int)t->dialect == rs->sqld)
                    has_body = true;
            if (!is_trigger_fn(dr) || !has_body)
                return refuse(e, s,
                              is_trigger_fn(dr)
                                  ? arena_printf(e->arena, "give it a %s "
                                                 "body for its triggers: "
                                                 "as $$...$$ %s $$...$$",
                                                 rs->name, rs->name)
                                  : arena_printf(e->arena, "write it for "
                                                 "%s in a sql statement, "
                                                 "or keep this history "
                                                 "for PostgreSQL",
                                                 rs->name),
                              strcmp(rs->name, "mysql") == 0
                                  ? arena_printf(e->arena, "mysql %ss have "
                                                 "a body syntax of their "
                                                 "own: migc compiles "
                                                 "create %s for postgres "
                                                 "only",
                                                 r->procedure ? "procedure"
                                                              : "function",
                                                 r->procedure ? "procedure"
                                                              : "function")
                                  : arena_printf(e->arena, "%s has no "
                                                 "stored %ss", rs->name,
                                                 r->procedure ? "procedure"
                                                              : "function"));
            emit_comment(e, "%s: function %s() is written into each "
                         "trigger that uses it", rs->name, r->name.s);
            /* A replaced body: the triggers that use it are made again. */
            for (const CatTrigger *g = cr && r->or_replace
                                           ? cat_trigger_next(e->cat, cr,
                                                             NULL, NULL)
                                          : NULL;
                 g; g = cat_trigger_next(e->cat, cr, NULL, g)) {
                sb_puts(o, "DROP TRIGGER ");
                emit_ident(e, g->name);
                emit_end(e);
                if (!emit_create_trigger(e, cat_trigger_stmt(e->cat, g),
                                         type))
                    return false;
            }
            return true;
        }
        if (s->kind == ST_DROP_ROUTINE) {
            sb_printf(o, "DROP %s ", word);
            emit_ident(e, r->name.s);
            put_args(e, r, false, type);
            emit_end(e);
            return true;
        }
        const char *body = cat_routine_body(s, rs->sqld);
        if (!body)
            return refuse(e, s, NULL,
                          arena_printf(e->arena, "%s %s has no %s body",
                                       r->procedure ? "procedure"
                                                    : "function",
                                       r->name.s, rs->name));
        sb_printf(o, "CREATE %s%s ", r->or_replace ? "OR REPLACE " : "",
                  word);
        emit_ident(e, r->name.s);
        put_args(e, r, true, type);
        if (r->has_returns) {
            sb_puts(o, " RETURNS ");
            type(e, &r->returns);
        }
        sb_puts(o, " LANGUAGE ");
        emit_sql_name(e, r->language.s);
        sb_puts(o, " AS ");
        dollar_quote(e, body);
        emit_end(e);
        return true;
    }
    case ST_CREATE_TRIGGER:
        return emit_create_trigger(e, s, type);
    case ST_DROP_TRIGGER:
        sb_puts(o, "DROP TRIGGER ");
        emit_ident(e, s->trigger->name.s);
        if (rs->routines) {
            sb_puts(o, " ON ");
            emit_table(e, &s->trigger->table);
        }
        emit_end(e);
        return true;
    default:
        return true;
    }
}

void emit_table_triggers(EmitCtx *e, const CatTable *t, EmitTypeFn *type)
{
    for (const CatTrigger *g = cat_trigger_next(e->cat, NULL, t, NULL); g;
         g = cat_trigger_next(e->cat, NULL, t, g))
        emit_create_trigger(e, cat_trigger_stmt(e->cat, g), type);
}
